// ARP: a lookup that fails, then lookups that succeed.
#include "generator.hpp"
#include "pktdoc/builder/arp_builder.hpp"

namespace gen {

namespace {

namespace build = pktdoc::build;

// Captured on 192.0.2.34, an Ethernet host with the capture running in promiscuous mode on a
// shared segment, so that it also sees a unicast exchange between the router and a neighbour.
// Its own frames are 42 bytes (the capture sees them before the card pads them); frames from
// other hosts arrive padded to the 60-byte minimum.
void write_arp(const std::string& directory) {
  CaptureFile capture(directory, "arp_failure_then_success.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 9 * 3600 + 12 * 60);
  const auto host_mac = mac("02:00:5e:00:01:22");
  const auto router_mac = mac("02:00:5e:00:01:01");
  const auto neighbour_mac = mac("02:00:5e:00:01:39");
  const auto host = ipv4("192.0.2.34");
  const auto router = ipv4("192.0.2.1");
  const auto neighbour = ipv4("192.0.2.57");
  const auto missing = ipv4("192.0.2.88");
  const auto printer = ipv4("192.0.2.53");
  const auto printer_mac = mac("02:00:5e:00:01:53");

  const build::Link from_host{.destination = broadcast_mac, .source = host_mac};
  auto padded = [](build::Link link) {
    link.minimum_length = 60;
    return link;
  };
  auto arp_frame = [](const build::Link& link, const build::Arp& arp) {
    return link.frame(build::view(arp.packet()), pktdoc::ether_type::arp);
  };

  // The failure: three broadcasts one second apart for an address nobody holds, then the host
  // gives up (Linux's default of 3 multicast probes, ucast_solicit aside).
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (attempt > 0) capture.wait(1 * sec - 4 + attempt);
    capture.write(arp_frame(from_host, build::Arp::request(host_mac, host, missing)));
  }

  // The router refreshes its cache entry for a neighbour with a unicast request (RFC 1122
  // section 2.3.2.1), and the neighbour answers.
  capture.wait(11 * sec + 731'208);
  capture.write(arp_frame(padded({.destination = neighbour_mac, .source = router_mac}),
                          build::Arp{.operation = pktdoc::ArpOperation::request, .sender_mac = router_mac,
                                     .sender_ip = router, .target_mac = {}, .target_ip = neighbour}));
  capture.wait(512);
  capture.write(arp_frame(padded({.destination = router_mac, .source = neighbour_mac}),
                          build::Arp::reply(neighbour_mac, neighbour, router_mac, router)));

  // Then it does the same for this host, which answers.
  capture.wait(3 * sec + 214'866);
  capture.write(arp_frame(padded({.destination = host_mac, .source = router_mac}),
                          build::Arp{.operation = pktdoc::ArpOperation::request, .sender_mac = router_mac,
                                     .sender_ip = router, .target_mac = {}, .target_ip = host}));
  capture.wait(356);
  capture.write(arp_frame({.destination = router_mac, .source = host_mac}, build::Arp::reply(host_mac, host, router_mac, router)));

  // The success of the host's own: a broadcast request for the printer, answered at once.
  capture.wait(5 * sec + 118'204);
  capture.write(arp_frame(from_host, build::Arp::request(host_mac, host, printer)));
  capture.wait(612);
  capture.write(arp_frame(padded({.destination = host_mac, .source = printer_mac}),
                          build::Arp::reply(printer_mac, printer, host_mac, host)));
  capture.close();
}

}  // namespace

std::vector<Recipe> arp_recipes() {
  return {{"arp_failure_then_success.pcap",
           "ARP: three unanswered requests (a failure), then requests that are answered, unicast and broadcast",
           write_arp}};
}

}  // namespace gen
