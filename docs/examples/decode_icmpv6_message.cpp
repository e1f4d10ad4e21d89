// decode_icmpv6_message: a Neighbor Solicitation, IPv6's replacement for an ARP request: 2001:db8::1
// asks, on the solicited-node multicast group of 2001:db8::2, for that address's link-layer
// address, and gives its own in a Source Link-Layer Address option. Decoded with
// pktdoc::Ipv6Packet and pktdoc::Icmpv6Message, whose checksum covers an IPv6 pseudo-header.
// tshark decodes the same bytes with the checksum correct.
//
// Quoted by docs/protocols/icmpv6.rst; ctest compares its output with
// tests/golden/docs/decode_icmpv6_message.txt, which the page shows.

#include <cstdio>

#include "pktdoc/icmpv6.hpp"
#include "pktdoc/ipv6.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  const std::vector<std::byte> packet = snippet::bytes(
      // IPv6 header, 40 bytes
      "60 00 00 00"                                      // version 6, traffic class 0, flow label 0
      "00 20 3a ff"                                      // payload length 32; next header 58 (ICMPv6); hop limit 255
      "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"  // source 2001:db8::1
      "ff 02 00 00 00 00 00 00 00 00 00 01 ff 00 00 02"  // ff02::1:ff00:2, solicited-node group
      // Neighbor Solicitation (RFC 4861 section 4.3), 24 bytes
      "87 00 6d 26"                                      // type 135, code 0, checksum 0x6d26
      "00 00 00 00"                                      // reserved
      "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02"  // target address 2001:db8::2
      // option (RFC 4861 section 4.6.1): type 1, length 1 (8 bytes), a MAC address
      "01 01 00 00 5e 00 53 01");
  // [bytes]

  // [decode]
  auto ip = pktdoc::Ipv6Packet::parse(packet);
  if (!ip || ip->upper_layer_protocol() != pktdoc::ip_protocol::icmpv6) return 1;
  // RFC 4861 section 7.1.1: a node accepts Neighbor Discovery only with hop limit 255, so it
  // knows the message did not cross a router.
  std::printf("ipv6 hop_limit()         %u\n", ip->hop_limit());

  auto icmp = pktdoc::Icmpv6Message::parse(ip->payload(), ip->upper_layer_length());
  if (!icmp) {
    std::printf("icmpv6 %s: %s\n", pktdoc::error_kind_name(icmp.error().kind).data(), icmp.error().reason);
    return 1;
  }
  std::printf("type()                   %u (%s), code() %u\n", static_cast<unsigned>(icmp->type()),
              pktdoc::icmpv6_type_name(icmp->type()).data(), icmp->code());
  std::printf("checksum()               0x%04x, %s\n", icmp->checksum(),
              pktdoc::checksum_status_name(icmp->checksum_status(ip->pseudo_header())).data());
  std::printf("is_error()               %s, is_neighbor_discovery() %s\n", icmp->is_error() ? "true" : "false",
              icmp->is_neighbor_discovery() ? "true" : "false");
  std::printf("target_address()         %s\n", icmp->target_address().to_text().c_str());
  for (pktdoc::NdOption option : icmp->options()) {
    std::printf("option                   type %u, length() %zu bytes", static_cast<unsigned>(option.type()),
                option.length());
    if (auto mac = option.link_layer_address()) std::printf(", link_layer_address() %s", mac->to_text().c_str());
    std::printf("\n");
  }
  // [decode]
  return 0;
}
