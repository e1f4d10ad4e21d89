// decode_link_layers: one IPv4 packet under every link-layer header pktdoc decodes, through the one
// dispatcher pktdoc::decode_link(): Linux cooked capture v1 and v2, BSD loopback in host and in
// network byte order, and raw IP under the three numbers it goes by (LINKTYPE_RAW 101 in files,
// DLT_RAW 12 or 14 from pcap_datalink()). Whatever the header, the network layer gets the same
// EtherType and the same bytes. tshark decodes the same frames (written with link types 113, 276,
// 0, 108 and 101).
//
// Quoted by docs/protocols/link.rst; ctest compares its output with
// tests/golden/docs/decode_link_layers.txt, which the page shows.

#include <cstdio>
#include <utility>

#include "pktdoc/link.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  // The packet every frame carries: IPv4 192.0.2.1 -> 198.51.100.7, UDP 5000 -> 7, "hello".
  const std::string_view packet =
      "45 00 00 21 00 01 00 00 40 11 8e 8f c0 00 02 01 c6 33 64 07"
      "13 88 00 07 00 0d bc 36 68 65 6c 6c 6f";
  const std::string_view sll =   // Linux cooked capture v1, 16 bytes
      "00 00"                    // packet type 0: sent to this host
      "00 01"                    // ARPHRD_ETHER: captured on an Ethernet device
      "00 06"                    // 6 bytes of link-layer address are meaningful...
      "00 00 5e 00 53 01 00 00"  // ...of these 8: the sender's MAC
      "08 00";                   // protocol: EtherType 0x0800
  const std::string_view sll2 =  // Linux cooked capture v2, 20 bytes
      "08 00 00 00"              // protocol 0x0800; reserved
      "00 00 00 02"              // interface index 2
      "00 01 00 06"              // ARPHRD_ETHER; packet type 0; address length 6
      "00 00 5e 00 53 01 00 00";
  const std::string_view null_header = "02 00 00 00";  // AF_INET (2), in the writer's byte order
  const std::string_view loop_header = "00 00 00 02";  // AF_INET (2), in network byte order
  const std::pair<pktdoc::LinkType, std::string> frames[] = {
      {pktdoc::LinkType::linux_sll, std::string(sll) + std::string(packet)},
      {pktdoc::LinkType::linux_sll2, std::string(sll2) + std::string(packet)},
      {pktdoc::LinkType::null, std::string(null_header) + std::string(packet)},
      {pktdoc::LinkType::loop, std::string(loop_header) + std::string(packet)},
      {pktdoc::LinkType::raw, std::string(packet)},
      {pktdoc::LinkType::raw_dlt12, std::string(packet)},
      {pktdoc::LinkType::raw_dlt14, std::string(packet)},
  };
  // [bytes]

  // [decode]
  for (const auto& [link_type, hex] : frames) {
    const std::vector<std::byte> frame = snippet::bytes(hex);
    auto link = pktdoc::decode_link(link_type, frame);
    if (!link) {
      std::printf("%s: %s\n", pktdoc::error_kind_name(link.error().kind).data(), link.error().reason);
      return 1;
    }
    std::printf("%-34s %-5s ether_type 0x%04x, payload %zu bytes", pktdoc::link_type_name(link_type).c_str(),
                pktdoc::protocol_name(link->protocol).data(), link->ether_type, link->payload.size());
    if (link->protocol == pktdoc::Protocol::linux_sll)
      std::printf(", packet_type %u, arphrd_type %u", link->sll.packet_type(), link->sll.arphrd_type());
    if (link->protocol == pktdoc::Protocol::linux_sll2)
      std::printf(", interface_index %u", link->sll2.interface_index());
    if (link->protocol == pktdoc::Protocol::loopback) std::printf(", family %u", link->loopback.family());
    std::printf("\n");
  }
  // [decode]
  return 0;
}
