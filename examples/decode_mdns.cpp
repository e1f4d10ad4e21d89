// decode_mdns: Multicast DNS, the name service of a link without a DNS server.
//
//   decode_mdns -f FILE | -i IFACE [-F 'BPF filter']
//
// mDNS (RFC 6762) carries ordinary DNS messages on UDP port 5353, sent to the multicast groups
// 224.0.0.251 and ff02::fb, so that every host on the link hears every question and answer.
// Two bits change meaning: the top bit of a question's class asks for a unicast response ("QU",
// section 5.4), and the top bit of a record's class tells listeners to flush older records of
// the same name and type from their caches ("cache flush", section 10.2). DNS-SD (RFC 6763)
// builds service discovery on top: PTR records list service instances (_http._tcp.local), SRV
// records give their host and port, TXT records their settings. A record sent again with a TTL
// of 0 is a goodbye (section 10.1): the service or address is gone. This program prints each
// message and, at the end, the services and host addresses still present, and the goodbyes seen.

#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "dns_support.hpp"
#include "example_support.hpp"
#include "pktdoc/packet.hpp"

namespace {

constexpr char kUsage[] =
    "usage: decode_mdns -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  Prints mDNS messages (UDP port 5353) with the QU and cache-flush bits, and the\n"
    "  services and addresses announced.\n";

// The multicast groups of RFC 6762 section 3.
const pktdoc::Ipv4Address kGroup4 = *pktdoc::Ipv4Address::parse("224.0.0.251");
const pktdoc::Ipv6Address kGroup6 = *pktdoc::Ipv6Address::parse("ff02::fb");

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_mdns");
  examples::stop_on_signal(capture);

  // What is present: a record with a TTL of 0 removes its entry, which moves to the goodbyes
  // with the number of the frame that said it; announced again, it is present again.
  using Entries = std::map<std::pair<std::string, std::string>, std::uint64_t>;
  Entries services;   // (service type, instance) of PTR records -> frame
  Entries addresses;  // (host name, address) of A and AAAA records -> frame
  Entries service_goodbyes, address_goodbyes;
  std::uint64_t messages = 0;
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::Timestamp start{};
  bool failed = false;

  // [mdns-loop]
  while (examples::next_frame(capture, frame, "decode_mdns", failed)) {
    if (frame.number == 1) start = frame.timestamp;
    pktdoc::decode_packet(frame, packet);
    const pktdoc::IpLayers& ip = packet.ip;
    if (ip.application != pktdoc::Protocol::mdns) {
      if (ip.error.protocol == pktdoc::Protocol::mdns)
        std::printf("%5" PRIu64 " %10.6f  mDNS %s: %s\n", frame.number, examples::seconds_since(start, frame.timestamp),
                    pktdoc::error_kind_name(ip.error.kind).data(), ip.error.reason);
      continue;
    }
    ++messages;
    const pktdoc::DnsMessage& dns = *ip.dns;
    const bool to_group = (ip.ipv4 && ip.ipv4->destination() == kGroup4) || (ip.ipv6 && ip.ipv6->destination() == kGroup6);
    std::printf("%5" PRIu64 " %10.6f  %-8s %s -> %s%s\n", frame.number, examples::seconds_since(start, frame.timestamp),
                dns.is_response() ? "response" : "query", examples::endpoint_text(ip, true).c_str(),
                examples::endpoint_text(ip, false).c_str(), to_group ? "  (multicast)" : "  (unicast)");
    examples::print_dns_sections(dns, true);

    for (const pktdoc::DnsRecord& record : dns.records()) {
      std::string value;
      Entries* present = &addresses;
      Entries* gone = &address_goodbyes;
      if (auto instance = record.ptr()) {
        value = instance->to_string();
        present = &services;
        gone = &service_goodbyes;
      } else if (auto a = record.a()) {
        value = a->to_string();
      } else if (auto aaaa = record.aaaa()) {
        value = aaaa->to_string();
      } else {
        continue;
      }
      const auto entry = std::make_pair(record.name().to_string(), value);
      if (record.ttl() == 0) {
        present->erase(entry);
        gone->emplace(entry, frame.number);  // the first goodbye, not its repetitions
      } else {
        gone->erase(entry);
        present->emplace(entry, frame.number);
      }
    }
  }
  // [mdns-loop]

  auto list = [](const char* title, const Entries& entries, const char* frame_note) {
    std::printf("%s:%s\n", title, entries.empty() ? " none" : "");
    for (const auto& [entry, frame_number] : entries) {
      std::printf("  %s -> %s", entry.first.c_str(), entry.second.c_str());
      if (frame_note != nullptr) std::printf("  (%s frame %" PRIu64 ")", frame_note, frame_number);
      std::printf("\n");
    }
  };
  std::printf("\n%" PRIu64 " mDNS messages\n", messages);
  list("Services present (PTR)", services, nullptr);
  list("Services gone (PTR goodbye, TTL 0)", service_goodbyes, "goodbye in");
  list("Host addresses present (A, AAAA)", addresses, nullptr);
  list("Host addresses gone (goodbye, TTL 0)", address_goodbyes, "goodbye in");
  return failed ? 1 : 0;
}
