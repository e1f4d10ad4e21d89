// decode_arp: who asked for which IPv4 address, who answered, and what the answers teach.
//
//   decode_arp -f FILE | -i IFACE [-F 'BPF filter']
//
// ARP (RFC 826) maps an IPv4 address to a MAC address on one link: a host broadcasts a request
// "who has 192.0.2.2? tell 192.0.2.1", and the owner of 192.0.2.2 unicasts a reply "192.0.2.2
// is at 02:00:00:00:00:02". This program prints every ARP packet, then three things a network
// engineer looks for:
//   - the table it learned (IPv4 address -> MAC address), from every sender of a request or a
//     reply, as a host's ARP cache would learn it;
//   - the requests that were never answered: the failure case, a host asking for an address
//     nobody has (a typo in a configuration, a host that is down);
//   - conflicting answers: two MAC addresses claiming one IPv4 address (a duplicate address, or
//     someone spoofing).
// On a live interface, stop with Ctrl-C to see the summary.

#include <cinttypes>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "example_support.hpp"
#include "pktdoc/arp.hpp"
#include "pktdoc/packet.hpp"

namespace {

constexpr char kUsage[] =
    "usage: decode_arp -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  Prints every ARP packet, the IPv4-to-MAC table it learns, the requests never\n"
    "  answered and the addresses claimed by two MAC addresses.\n";

// What the program remembers about one IPv4 address.
struct AddressHistory {
  std::set<pktdoc::MacAddress> claimed_by;   // every MAC address that said "this address is mine"
  pktdoc::MacAddress learned{};              // the latest of them
  std::vector<std::uint64_t> unanswered;     // frames of requests for it with no reply yet
  pktdoc::Ipv4Address asked_by{};            // who asked last
};

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_arp");
  examples::stop_on_signal(capture);

  std::map<pktdoc::Ipv4Address, AddressHistory> addresses;  // ordered, so the summary is sorted
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::Timestamp start{};
  bool failed = false;
  std::uint64_t arp_packets = 0;

  // [arp-loop]
  while (examples::next_frame(capture, frame, "decode_arp", failed)) {
    if (frame.number == 1) start = frame.timestamp;
    pktdoc::decode_packet(frame, packet);
    if (!packet.arp) {
      if (packet.error.protocol == pktdoc::Protocol::arp)
        std::printf("%5" PRIu64 " %10.6f  ARP %s: %s\n", frame.number, examples::seconds_since(start, frame.timestamp),
                    pktdoc::error_kind_name(packet.error.kind).data(), packet.error.reason);
      continue;  // not ARP
    }
    const pktdoc::ArpPacket& arp = *packet.arp;
    ++arp_packets;
    std::printf("%5" PRIu64 " %10.6f  ", frame.number, examples::seconds_since(start, frame.timestamp));

    // ARP can map any protocol to any hardware; the typed accessors are there for the common
    // Ethernet/IPv4 case (hardware type 1, protocol 0x0800, 6- and 4-byte addresses).
    const auto sender_ip = arp.sender_ip(), target_ip = arp.target_ip();
    const auto sender_mac = arp.sender_mac(), target_mac = arp.target_mac();
    if (!arp.is_ethernet_ipv4() || !sender_ip || !target_ip || !sender_mac || !target_mac) {
      std::printf("%s (hardware type %u, protocol 0x%04x: not Ethernet/IPv4)\n",
                  pktdoc::arp_operation_name(arp.operation()).data(), static_cast<unsigned>(arp.hardware_type()),
                  arp.protocol_type());
      continue;
    }

    switch (arp.operation()) {
      case pktdoc::ArpOperation::request: {
        if (arp.is_probe())  // RFC 5227: "is anyone using this address?" before taking it
          std::printf("probe      is %s in use? asks %s\n", target_ip->to_text().c_str(), sender_mac->to_text().c_str());
        else if (arp.is_announcement())  // RFC 5227: "this address is mine", sent unasked
          std::printf("announce   %s is at %s\n", sender_ip->to_text().c_str(), sender_mac->to_text().c_str());
        else
          std::printf("request    who has %s? tell %s (%s)\n", target_ip->to_text().c_str(),
                      sender_ip->to_text().c_str(), sender_mac->to_text().c_str());
        if (!arp.is_probe() && !arp.is_announcement()) {
          AddressHistory& wanted = addresses[*target_ip];
          wanted.unanswered.push_back(frame.number);
          wanted.asked_by = *sender_ip;
        }
        break;
      }
      case pktdoc::ArpOperation::reply:
        std::printf("reply      %s is at %s (to %s)\n", sender_ip->to_text().c_str(), sender_mac->to_text().c_str(),
                    target_ip->to_text().c_str());
        addresses[*sender_ip].unanswered.clear();  // every request for it so far is answered
        break;
      default:
        std::printf("%s\n", pktdoc::arp_operation_name(arp.operation()).data());
        break;
    }
    // Every sender tells us its own mapping (RFC 826 "merge" step), except a probe, whose
    // sender address is 0.0.0.0.
    if (!arp.is_probe()) {
      AddressHistory& sender = addresses[*sender_ip];
      sender.claimed_by.insert(*sender_mac);
      sender.learned = *sender_mac;
    }
  }
  // [arp-loop]

  // [arp-summary]
  std::printf("\n%" PRIu64 " ARP packets in %" PRIu64 " frames\n", arp_packets, frame.number);
  std::printf("\nLearned (IPv4 address -> MAC address):\n");
  for (const auto& [ip, history] : addresses)
    if (!history.claimed_by.empty())
      std::printf("  %-15s  %s\n", ip.to_text().c_str(), history.learned.to_text().c_str());

  std::printf("\nRequests never answered:\n");
  bool any = false;
  for (const auto& [ip, history] : addresses) {
    if (history.unanswered.empty()) continue;
    any = true;
    std::printf("  %-15s  asked by %s, %zu request%s (frames", ip.to_text().c_str(),
                history.asked_by.to_text().c_str(), history.unanswered.size(),
                history.unanswered.size() == 1 ? "" : "s");
    for (std::uint64_t number : history.unanswered) std::printf(" %" PRIu64, number);
    std::printf("), no reply\n");
  }
  if (!any) std::printf("  none\n");

  std::printf("\nAddresses claimed by more than one MAC address:\n");
  any = false;
  for (const auto& [ip, history] : addresses) {
    if (history.claimed_by.size() < 2) continue;
    any = true;
    std::printf("  %-15s ", ip.to_text().c_str());
    for (const auto& mac : history.claimed_by) std::printf(" %s", mac.to_text().c_str());
    std::printf("\n");
  }
  if (!any) std::printf("  none\n");
  // [arp-summary]
  return failed ? 1 : 0;
}
