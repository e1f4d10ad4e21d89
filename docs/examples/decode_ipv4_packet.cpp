// decode_ipv4_packet: an IGMPv3 membership report as hosts send it when they join a multicast
// group: an IPv4 header with one option (Router Alert, RFC 2113), TTL 1 and DSCP CS6, decoded
// with pktdoc::Ipv4Packet and every field printed with the accessor that reads it. pktdoc does
// not decode IGMP itself; the IPv4 view hands its bytes on as payload(). tshark decodes the same
// bytes with both checksums correct.
//
// Quoted by docs/protocols/ipv4.rst; ctest compares its output with
// tests/golden/docs/decode_ipv4_packet.txt, which the page shows.

#include <cstdio>

#include "pktdoc/ipv4.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  const std::vector<std::byte> packet = snippet::bytes(
      // IPv4 header (RFC 791 section 3.1), 24 bytes
      "46 c0 00 28"  // version 4, IHL 6 words (24 bytes); DSCP 48 (CS6), ECN 0; total length 40
      "00 00 40 00"  // identification 0; flags DF; fragment offset 0
      "01 02 41 d8"  // TTL 1 (the local network only); protocol 2 (IGMP); header checksum
      "c0 00 02 21"  // source address 192.0.2.33
      "e0 00 00 16"  // destination address 224.0.0.22 (all IGMPv3-capable routers)
      "94 04 00 00"  // option: type 148 (Router Alert), length 4, value 0
      // IGMPv3 membership report (RFC 3376 section 4.2), 16 bytes
      "22 00 e8 f9 00 00 00 01"    // type 0x22, checksum, 1 group record
      "04 00 00 00 ef 01 02 03");  // change to exclude mode, no sources: join 239.1.2.3
  // [bytes]

  // [decode]
  auto ip = pktdoc::Ipv4Packet::parse(packet);
  if (!ip) {
    std::printf("ipv4 %s: %s\n", pktdoc::error_kind_name(ip.error().kind).data(), ip.error().reason);
    return 1;
  }
  std::printf("version()                 %u\n", ip->version());
  std::printf("ihl()                     %u words, header_length() %zu bytes\n", ip->ihl(), ip->header_length());
  std::printf("type_of_service()         0x%02x: dscp() %u, ecn() %u\n", ip->type_of_service(), ip->dscp(), ip->ecn());
  std::printf("total_length()            %u bytes\n", ip->total_length());
  std::printf("identification()          0x%04x\n", ip->identification());
  std::printf("dont_fragment()           %s\n", ip->dont_fragment() ? "true" : "false");
  std::printf("more_fragments()          %s\n", ip->more_fragments() ? "true" : "false");
  std::printf("fragment_offset()         %u (x 8 = %u bytes); is_fragment() %s\n", ip->fragment_offset(),
              ip->fragment_offset_bytes(), ip->is_fragment() ? "true" : "false");
  std::printf("ttl()                     %u\n", ip->ttl());
  std::printf("protocol()                %u (%s)\n", ip->protocol(), pktdoc::ip_protocol_name(ip->protocol()).data());
  std::printf("header_checksum()         0x%04x, %s\n", ip->header_checksum(),
              pktdoc::checksum_status_name(ip->header_checksum_status()).data());
  std::printf("source()                  %s\n", ip->source().to_text().c_str());
  std::printf("destination()             %s\n", ip->destination().to_text().c_str());
  for (const pktdoc::Ipv4Option& option : ip->options())
    std::printf("option at offset %zu       type %u (copied %d, class %u, number %u), length %u\n", option.offset,
                option.type, option.copied() ? 1 : 0, option.option_class(), option.number(), option.length);
  if (auto alert = ip->router_alert())
    std::printf("router_alert()            %u: routers examine the packet\n", *alert);
  std::printf("payload()                 %zu bytes of IGMP, payload_length() %zu\n", ip->payload().size(),
              ip->payload_length());
  // [decode]
  return 0;
}
