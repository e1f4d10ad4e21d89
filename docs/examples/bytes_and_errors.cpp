// bytes_and_errors: the bounds-checked pktdoc::ByteReader every decoder reads through, and the
// Result/DecodeError pair every parse() returns: the same TCP header cut short (truncated: the
// capture ended early) and with a data offset that cannot be right (invalid: more bytes would not
// help).
//
// Quoted by docs/components/bytes-and-errors.rst; ctest compares its output with
// tests/golden/docs/bytes_and_errors.txt, which the page shows.

#include <cstdio>

#include "pktdoc/bytes.hpp"
#include "pktdoc/error.hpp"
#include "pktdoc/tcp.hpp"
#include "snippet.hpp"

namespace {

// [report]
// What a decoder's caller does with a Result: use the value, or say which layer failed and why.
void report(const char* what, const pktdoc::Result<pktdoc::TcpSegment>& tcp) {
  if (tcp) {
    std::printf("%-28s ok: %u -> %u\n", what, tcp->source_port(), tcp->destination_port());
    return;
  }
  const pktdoc::DecodeError& error = tcp.error();
  std::printf("%-28s %s %s at offset %zu: %s\n", what, pktdoc::protocol_name(error.protocol).data(),
              pktdoc::error_kind_name(error.kind).data(), error.offset, error.reason);
}
// [report]

}  // namespace

int main() {
  // [reader]
  const std::vector<std::byte> header = snippet::bytes("c0 00 00 50 4e 1f 2a 01");  // ports, sequence number
  pktdoc::ByteReader reader(header);
  std::uint16_t source = 0, destination = 0;
  std::uint32_t sequence = 0, acknowledgment = 0;
  // The cursor: each read either succeeds and advances, or fails and leaves everything alone.
  const bool ports = reader.read_u16(source) && reader.read_u16(destination);
  const bool numbers = reader.read_u32(sequence) && reader.read_u32(acknowledgment);
  std::printf("read_u16 x 2                %s: %u -> %u\n", ports ? "ok" : "failed", source, destination);
  std::printf("read_u32 x 2                %s after the first: sequence %u, position() %zu, remaining() %zu\n",
              numbers ? "ok" : "failed", sequence, reader.position(), reader.remaining());
  // Absolute reads, for fixed fields: past the end they return 0, never touching other memory.
  std::printf("u32_at(4)                   %u\n", reader.u32_at(4));
  std::printf("u32_at(6)                   %u (does not fit in 8 bytes)\n", reader.u32_at(6));
  // [reader]

  // [errors]
  const std::vector<std::byte> segment = snippet::bytes(
      "c0 00 00 50 4e 1f 2a 01 00 00 00 00"  // ports, sequence and acknowledgment numbers
      "50 10 fa f0 00 00 00 00");            // data offset 5, ACK, window, checksum, urgent pointer
  std::vector<std::byte> lying = segment;
  lying[12] = std::byte{0x40};  // data offset 4: a header shorter than its fixed part

  report("whole header", pktdoc::TcpSegment::parse(segment));
  report("first 10 bytes", pktdoc::TcpSegment::parse(pktdoc::ByteView(segment).first(10)));
  report("data offset 4", pktdoc::TcpSegment::parse(lying));
  // [errors]
  return 0;
}
