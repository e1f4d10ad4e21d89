// decode_udp_datagram: a minimum-size Ethernet frame carrying a 5-byte UDP datagram, decoded one
// layer at a time: pktdoc::EthernetFrame, pktdoc::Ipv4Packet, pktdoc::UdpDatagram. It shows where
// the 13 bytes of Ethernet padding go: each layer's payload() is cut to the length its own header
// declares, so the UDP data is the 5 bytes that were sent. tshark decodes the same bytes with
// both checksums correct.
//
// Quoted by docs/protocols/udp.rst; ctest compares its output with
// tests/golden/docs/decode_udp_datagram.txt, which the page shows.

#include <cstdio>

#include "pktdoc/ipv4.hpp"
#include "pktdoc/link.hpp"
#include "pktdoc/udp.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  const std::vector<std::byte> frame = snippet::bytes(
      // Ethernet II header, 14 bytes
      "00 00 5e 00 53 02"  // destination MAC 00:00:5e:00:53:02
      "00 00 5e 00 53 01"  // source MAC 00:00:5e:00:53:01
      "08 00"              // EtherType 0x0800: IPv4
      // IPv4 header, 20 bytes
      "45 00 00 21"  // version 4, IHL 5; total length 33 = 20 + 13
      "00 01 00 00"  // identification 1; no flags, fragment offset 0
      "40 11 8e 8f"  // TTL 64; protocol 17 (UDP); header checksum
      "c0 00 02 01"  // source 192.0.2.1
      "c6 33 64 07"  // destination 198.51.100.7
      // UDP header (RFC 768), 8 bytes, then the data
      "13 88 00 07"     // source port 5000, destination port 7 (echo)
      "00 0d bc 36"     // length 13 = 8 + 5; checksum 0xbc36
      "68 65 6c 6c 6f"  // data: "hello"
      // Ethernet padding: a frame carries at least 46 bytes after its header
      "00 00 00 00 00 00 00 00 00 00 00 00 00");
  // [bytes]

  // [decode]
  auto ethernet = pktdoc::EthernetFrame::parse(frame);
  if (!ethernet || ethernet->ether_type() != pktdoc::ether_type::ipv4) return 1;
  std::printf("frame                     %zu bytes\n", frame.size());
  std::printf("ethernet payload()        %zu bytes (padding included)\n", ethernet->payload().size());

  auto ip = pktdoc::Ipv4Packet::parse(ethernet->payload());
  if (!ip || ip->protocol() != pktdoc::ip_protocol::udp) return 1;
  std::printf("ipv4 total_length()       %u, payload() %zu bytes\n", ip->total_length(), ip->payload().size());

  auto udp = pktdoc::UdpDatagram::parse(ip->payload());
  if (!udp) {
    std::printf("udp %s: %s\n", pktdoc::error_kind_name(udp.error().kind).data(), udp.error().reason);
    return 1;
  }
  std::printf("source_port()             %u\n", udp->source_port());
  std::printf("destination_port()        %u\n", udp->destination_port());
  std::printf("length()                  %u bytes, header included\n", udp->length());
  std::printf("checksum()                0x%04x, %s\n", udp->checksum(),
              pktdoc::checksum_status_name(udp->checksum_status(ip->pseudo_header())).data());
  const std::string_view data = pktdoc::as_text(udp->payload());
  std::printf("payload()                 %zu bytes: \"%.*s\"\n", data.size(), static_cast<int>(data.size()),
              data.data());
  std::printf("payload_truncated()       %s\n", udp->payload_truncated() ? "true" : "false");
  // [decode]
  return 0;
}
