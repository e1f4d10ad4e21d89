// relative_sequence_numbers: the TCP sequence and acknowledgment numbers of a short HTTP exchange,
// raw as on the wire and relative as Wireshark shows them: each direction's numbers minus the
// initial sequence number (ISN) of the direction they count, modulo 2^32. The client's ISN is a few
// bytes below 2^32, so its numbers wrap around to small values mid-connection while the relative
// ones run on undisturbed. tshark (with these segments in IPv4 packets) prints the same relative
// numbers.
//
// Quoted by docs/notes/relative-sequence-numbers.rst; ctest compares its output with
// tests/golden/docs/relative_sequence_numbers.txt, which the page shows.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>

#include "pktdoc/tcp.hpp"
#include "snippet.hpp"

int main() {
  // [segments]
  // Client 192.0.2.1:49152, server 198.51.100.80:80. Each segment: its 20-byte TCP header, then
  // its data, if any.
  struct Segment {
    bool from_client;
    std::string_view header;
    std::string_view data;
  };
  const Segment segments[] = {
      {true, "c0 00 00 50 ff ff ff fa 00 00 00 00 50 02 fa f0 08 21 00 00", ""},   // SYN, ISN 4294967290
      {false, "00 50 c0 00 00 0f 42 40 ff ff ff fb 50 12 fe 88 c2 28 00 00", ""},  // SYN+ACK, ISN 1000000
      {true, "c0 00 00 50 ff ff ff fb 00 0f 42 41 50 10 fa f0 c5 c1 00 00", ""},   // ACK
      {true, "c0 00 00 50 ff ff ff fb 00 0f 42 41 50 18 fa f0 7c ef 00 00",
       "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"},
      {false, "00 50 c0 00 00 0f 42 41 00 00 00 20 50 10 fe 88 c2 05 00 00", ""},
      {false, "00 50 c0 00 00 0f 42 41 00 00 00 20 50 18 fe 88 ce fc 00 00",
       "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"},
      {true, "c0 00 00 50 00 00 00 20 00 0f 42 6c 50 11 fa f0 c5 71 00 00", ""},   // FIN
      {false, "00 50 c0 00 00 0f 42 6c 00 00 00 21 50 11 fe 88 c1 d8 00 00", ""},  // FIN
      {true, "c0 00 00 50 00 00 00 21 00 0f 42 6d 50 10 fa f0 c5 70 00 00", ""},   // last ACK
  };
  // [segments]

  // [relative]
  // The ISN of each direction is the sequence number of its SYN. Unsigned 32-bit subtraction is
  // exactly "modulo 2^32" (RFC 9293 section 3.4), so no wrap-around needs special care.
  std::optional<std::uint32_t> client_isn, server_isn;
  std::printf("  # dir  flags  seq (raw)   rel  ack (raw)   rel  len  next rel seq\n");
  int number = 0;
  for (const Segment& segment : segments) {
    std::vector<std::byte> bytes = snippet::bytes(segment.header);
    const pktdoc::ByteView data = pktdoc::as_bytes(segment.data);
    bytes.insert(bytes.end(), data.begin(), data.end());
    auto tcp = pktdoc::TcpSegment::parse(bytes);
    if (!tcp) return 1;
    auto& own_isn = segment.from_client ? client_isn : server_isn;
    const auto& peer_isn = segment.from_client ? server_isn : client_isn;
    if (tcp->syn()) own_isn = tcp->sequence_number();
    if (!own_isn) return 1;  // a connection picked up without its SYN has no ISN to count from

    const std::uint32_t seq = tcp->sequence_number() - *own_isn;
    // SYN and FIN each take one sequence number; data takes one per byte.
    const std::uint32_t next =
        seq + static_cast<std::uint32_t>(tcp->payload().size()) + (tcp->syn() ? 1 : 0) + (tcp->fin() ? 1 : 0);
    std::printf("%3d %s %-6s %10u %5u", ++number, segment.from_client ? "C>S" : "S>C",
                tcp->flags_text(pktdoc::TcpFlagStyle::tcpdump).c_str(), tcp->sequence_number(), seq);
    if (tcp->ack() && peer_isn)
      std::printf(" %10u %5u", tcp->acknowledgment_number(), tcp->acknowledgment_number() - *peer_isn);
    else
      std::printf(" %10s %5s", "-", "-");
    std::printf(" %4zu %5u\n", tcp->payload().size(), next);
  }
  // [relative]
  return 0;
}
