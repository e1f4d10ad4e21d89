// decode_ipv6_packet: the first fragment of a 4008-byte UDP datagram sent over IPv6 (the case of
// the original project's 4000_byte_ipv6_packet.cap), decoded with pktdoc::Ipv6Packet: the fixed
// header, the walk over the extension headers, the Fragment header, and where the upper layer
// starts. The UDP header is in this first fragment, so its ports can be read, but its length
// promises 4008 bytes that only reassembly can deliver. tshark decodes the same bytes.
//
// Quoted by docs/protocols/ipv6.rst; ctest compares its output with
// tests/golden/docs/decode_ipv6_packet.txt, which the page shows.

#include <cstdio>

#include "pktdoc/ipv6.hpp"
#include "pktdoc/udp.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  const std::vector<std::byte> packet = snippet::bytes(
      // IPv6 fixed header (RFC 8200 section 3), 40 bytes
      "60 05 f3 a1"                                      // version 6; traffic class 0; flow label 0x5f3a1
      "00 18 2c 40"                                      // payload length 24; next header 44 (Fragment); hop limit 64
      "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"  // source 2001:db8::1
      "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02"  // destination 2001:db8::2
      // Fragment header (RFC 8200 section 4.5), 8 bytes
      "11 00 00 01"  // next header 17 (UDP); reserved; offset 0, M flag set (more follow)
      "8d 0f 4a 21"  // identification 0x8d0f4a21, shared by every fragment of the datagram
      // the first 16 bytes of the datagram: the UDP header and 8 bytes of data
      "c3 55 c3 55 0f a8 d1 50"    // UDP ports 50005 -> 50005, length 4008, checksum
      "78 78 78 78 78 78 78 78");  // "xxxxxxxx"
  // [bytes]

  // [decode]
  auto ip = pktdoc::Ipv6Packet::parse(packet);
  if (!ip) {
    std::printf("ipv6 %s: %s\n", pktdoc::error_kind_name(ip.error().kind).data(), ip.error().reason);
    return 1;
  }
  std::printf("version()                %u\n", ip->version());
  std::printf("traffic_class()          0x%02x: dscp() %u, ecn() %u\n", ip->traffic_class(), ip->dscp(), ip->ecn());
  std::printf("flow_label()             0x%05x\n", ip->flow_label());
  std::printf("payload_length()         %u bytes after the fixed header\n", ip->payload_length());
  std::printf("next_header()            %u (%s)\n", ip->next_header(),
              pktdoc::ip_protocol_name(ip->next_header()).data());
  std::printf("hop_limit()              %u\n", ip->hop_limit());
  std::printf("source()                 %s\n", ip->source().to_text().c_str());
  std::printf("destination()            %s\n", ip->destination().to_text().c_str());
  for (const pktdoc::Ipv6ExtensionHeader& header : ip->extension_headers())
    std::printf("extension header         %s at offset %zu, %u bytes, next header %u\n",
                pktdoc::ip_protocol_name(header.type).data(), header.offset, header.length, header.next_header);
  if (auto fragment = ip->fragment())
    std::printf("fragment()               offset %u (%u bytes), more_fragments %s, identification 0x%08x\n",
                fragment->offset, fragment->offset_bytes(), fragment->more_fragments ? "true" : "false",
                fragment->identification);
  std::printf("is_fragment()            %s\n", ip->is_fragment() ? "true" : "false");
  std::printf("upper_layer_protocol()   %u (%s), at upper_layer_offset() %zu\n", ip->upper_layer_protocol(),
              pktdoc::ip_protocol_name(ip->upper_layer_protocol()).data(), ip->upper_layer_offset());
  std::printf("upper_layer_length()     %u bytes in this fragment\n", ip->upper_layer_length());

  // A first fragment (offset 0) starts with the transport header; later ones do not.
  if (ip->upper_layer_protocol() == pktdoc::ip_protocol::udp && ip->fragment()->offset == 0) {
    auto udp = pktdoc::UdpDatagram::parse(ip->payload(), pktdoc::Protocol::ipv6);
    if (!udp) return 1;
    std::printf("udp ports                %u -> %u\n", udp->source_port(), udp->destination_port());
    std::printf("udp length()             %u bytes: payload_truncated() %s, reassembly needed\n", udp->length(),
                udp->payload_truncated() ? "true" : "false");
  }
  // [decode]
  return 0;
}
