// decode_arp_packet: an ARP request and its reply (RFC 826), Ethernet hardware and IPv4 protocol
// addresses, decoded with pktdoc::ArpPacket: 192.0.2.2 asks who has 192.0.2.1, and 192.0.2.1
// answers with its MAC address. tshark decodes the same two packets.
//
// Quoted by docs/protocols/arp.rst; ctest compares its output with
// tests/golden/docs/decode_arp_packet.txt, which the page shows.

#include <cstdio>

#include "pktdoc/arp.hpp"
#include "snippet.hpp"

namespace {

// [print]
void print(const pktdoc::ArpPacket& arp) {
  std::printf("hardware_type()          %u (%s)\n", static_cast<unsigned>(arp.hardware_type()),
              pktdoc::arp_hardware_type_name(arp.hardware_type()).data());
  std::printf("protocol_type()          0x%04x\n", arp.protocol_type());
  std::printf("hardware_length()        %u, protocol_length() %u, length() %zu bytes\n", arp.hardware_length(),
              arp.protocol_length(), arp.length());
  std::printf("operation()              %u (%s)\n", static_cast<unsigned>(arp.operation()),
              pktdoc::arp_operation_name(arp.operation()).data());
  if (!arp.is_ethernet_ipv4()) return;
  std::printf("sender_mac()             %s\n", arp.sender_mac()->to_text().c_str());
  std::printf("sender_ip()              %s\n", arp.sender_ip()->to_text().c_str());
  std::printf("target_mac()             %s\n", arp.target_mac()->to_text().c_str());
  std::printf("target_ip()              %s\n", arp.target_ip()->to_text().c_str());
  std::printf("is_gratuitous()          %s, is_probe() %s, is_announcement() %s\n",
              arp.is_gratuitous() ? "true" : "false", arp.is_probe() ? "true" : "false",
              arp.is_announcement() ? "true" : "false");
}
// [print]

}  // namespace

int main() {
  // [bytes]
  const std::vector<std::byte> request = snippet::bytes(
      "00 01"              // hardware type 1 (Ethernet)
      "08 00"              // protocol type 0x0800 (IPv4)
      "06 04"              // hardware address length 6, protocol address length 4
      "00 01"              // operation 1 (request)
      "00 00 5e 00 53 01"  // sender hardware address 00:00:5e:00:53:01
      "c0 00 02 02"        // sender protocol address 192.0.2.2
      "00 00 00 00 00 00"  // target hardware address: unknown, that is the question
      "c0 00 02 01");      // target protocol address 192.0.2.1
  const std::vector<std::byte> reply = snippet::bytes(
      "00 01 08 00 06 04"
      "00 02"              // operation 2 (reply)
      "00 00 5e 00 53 02"  // sender hardware address: the answer
      "c0 00 02 01"        // sender protocol address 192.0.2.1
      "00 00 5e 00 53 01"  // target: the host that asked
      "c0 00 02 02");
  // [bytes]

  // [decode]
  for (const auto* bytes : {&request, &reply}) {
    auto arp = pktdoc::ArpPacket::parse(*bytes);
    if (!arp) {
      std::printf("arp %s: %s\n", pktdoc::error_kind_name(arp.error().kind).data(), arp.error().reason);
      return 1;
    }
    print(*arp);
    std::printf("\n");
  }
  // [decode]
  return 0;
}
