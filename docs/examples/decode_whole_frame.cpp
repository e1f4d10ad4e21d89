// decode_whole_frame: pktdoc::decode_packet() on three Ethernet frames: a DNS query, an ICMP port
// unreachable that quotes a UDP datagram (decoded as an inner packet), and the DNS query again as
// a capture with a 54-byte snap length would hold it. For each, which layers were decoded, the
// protocol stack, and where and why decoding stopped. tshark decodes the same two whole frames.
//
// Quoted by docs/components/decode-packet.rst; ctest compares its output with
// tests/golden/docs/decode_whole_frame.txt, which the page shows.

#include <array>
#include <cstdio>

#include "pktdoc/packet.hpp"
#include "snippet.hpp"

namespace {

// [describe]
void describe(const pktdoc::Frame& frame, const pktdoc::DecodedPacket& packet) {
  std::printf("frame %llu: %zu of %u bytes captured\n", static_cast<unsigned long long>(frame.number),
              frame.bytes.size(), frame.original_length);
  std::array<pktdoc::Protocol, pktdoc::max_protocol_stack> stack{};
  const std::size_t depth = pktdoc::protocol_stack(packet, stack);
  std::printf("  protocol_stack()       ");
  for (std::size_t i = 0; i < depth; ++i) std::printf("%s%s", i ? ":" : "", pktdoc::protocol_name(stack[i]).data());
  std::printf("\n");
  const pktdoc::IpLayers& ip = packet.ip;
  if (ip.ipv4)
    std::printf("  ip.ipv4                %s -> %s\n", ip.ipv4->source().to_text().c_str(),
                ip.ipv4->destination().to_text().c_str());
  if (ip.udp)
    std::printf("  ip.udp                 %u -> %u, transport_length %zu\n", ip.udp->source_port(),
                ip.udp->destination_port(), ip.transport_length);
  if (ip.icmp) std::printf("  ip.icmp                %s\n", pktdoc::icmp_type_name(ip.icmp->type()).data());
  if (ip.dns)
    for (const pktdoc::DnsQuestion& question : ip.dns->questions())
      std::printf("  ip.dns                 %s %s: %s? %s\n", pktdoc::protocol_name(ip.application).data(),
                  ip.dns->is_response() ? "response" : "query", pktdoc::dns_type_name(question.type()).data(),
                  question.name().c_str());
  for (std::size_t i = 0; i < packet.inner_count; ++i) {
    const pktdoc::IpLayers& inner = packet.inner[i];
    std::printf("  inner[%zu]               %s, %s:%u -> %s:%u\n", i,
                inner.is_quote() ? "quoted by the ICMP error" : "tunnelled",
                inner.ipv4 ? inner.ipv4->source().to_text().c_str() : "?", inner.udp ? inner.udp->source_port() : 0,
                inner.ipv4 ? inner.ipv4->destination().to_text().c_str() : "?",
                inner.udp ? inner.udp->destination_port() : 0);
  }
  const pktdoc::DecodeError& error = packet.first_error();
  if (packet.ok())
    std::printf("  ok()                   true: every layer decoded\n");
  else
    std::printf("  first_error()          %s %s: %s\n", pktdoc::protocol_name(error.protocol).data(),
                pktdoc::error_kind_name(error.kind).data(), error.reason);
}
// [describe]

}  // namespace

int main() {
  // [bytes]
  const std::vector<std::byte> query = snippet::bytes(
      "00 00 5e 00 53 02 00 00 5e 00 53 01 08 00"                         // Ethernet II, IPv4
      "45 00 00 3d 2f 10 00 00 40 11 5f 36 c0 00 02 01 c6 33 64 35"       // IPv4 192.0.2.1 -> 198.51.100.53
      "9c 40 00 35 00 29 12 35"                                           // UDP 40000 -> 53, length 41
      "1a 2b 01 00 00 01 00 00 00 00 00 00"                               // DNS query, RD, 1 question:
      "03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01");  // www.example.com, A, IN
  const std::vector<std::byte> unreachable = snippet::bytes(
      "00 00 5e 00 53 01 00 00 5e 00 53 02 08 00"
      "45 00 00 3d 00 03 00 00 40 01 8e 81 c6 33 64 07 c0 00 02 01"  // IPv4, protocol 1 (ICMP)
      "03 03 e9 57 00 00 00 00"                                      // ICMP port unreachable
      "45 00 00 21 00 01 00 00 40 11 8e 8f c0 00 02 01 c6 33 64 07"  // the quoted IPv4 header
      "13 88 00 07 00 0d bc 36 68 65 6c 6c 6f");                     // and its UDP datagram
  // [bytes]

  // [decode]
  // A Frame is what CaptureReader::next() hands out; here it is made by hand.
  pktdoc::Frame frame;
  frame.link_type = pktdoc::LinkType::ethernet;
  pktdoc::DecodedPacket packet;  // reused for every frame: decoding allocates nothing
  for (const auto* bytes : {&query, &unreachable}) {
    ++frame.number;
    frame.bytes = *bytes;
    frame.original_length = static_cast<std::uint32_t>(bytes->size());
    pktdoc::decode_packet(frame, packet);
    describe(frame, packet);
  }
  // The query again, as a capture with a snap length of 54 bytes records it.
  ++frame.number;
  frame.bytes = pktdoc::ByteView(query).first(54);
  frame.original_length = static_cast<std::uint32_t>(query.size());
  pktdoc::decode_packet(frame, packet);
  describe(frame, packet);
  // [decode]
  return 0;
}
