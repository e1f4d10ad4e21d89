// Link layers other than plain Ethernet, and a capture taken with a small snapshot length:
// IEEE 802.1Q VLAN tags on a trunk, Linux cooked captures (SLL and SLL2, tcpdump -i any), and
// tcpdump -s 96.
#include "content.hpp"
#include "generator.hpp"
#include "pktdoc/builder/arp_builder.hpp"
#include "pktdoc/builder/dns_builder.hpp"
#include "pktdoc/builder/icmp_builder.hpp"
#include "pktdoc/builder/icmpv6_builder.hpp"
#include "pktdoc/builder/text_builder.hpp"

namespace gen {

namespace {

namespace build = pktdoc::build;
namespace http = pktdoc::build::http;
using build::DnsMessage;
using build::DnsRecord;
using pktdoc::DnsType;
using Side = TcpFlow::Side;
using pktdoc::tcp_flag::ack;
using pktdoc::tcp_flag::psh;

// A small page fetched with HTTP/1.1 and Connection: close: handshake, request, the response in
// segments of `mss` (the client acknowledging each), the server's FIN with the last, the client's
// FIN and the last ACK.
void fetch(CaptureFile& capture, TcpFlow& flow, const std::string& host, const std::string& target,
           const std::string& body, std::size_t mss, Micros rtt, std::int64_t date) {
  flow.syn();
  capture.wait(rtt);
  flow.syn_ack();
  capture.wait(42);
  flow.ack(Side::client);
  capture.wait(88);
  flow.send(Side::client, http::request("GET", target, {{"Host", host}, {"User-Agent", "curl/7.21.3"},
                                                        {"Accept", "*/*"}, {"Connection", "close"}}));
  capture.wait(rtt + 1'310);
  const std::string response =
      http::response(200, "OK", {{"Date", content::http_date(date)}, {"Server", "exampled/2.4 (Unix)"},
                                 {"Content-Length", std::to_string(body.size())}, {"Connection", "close"},
                                 {"Content-Type", "text/html; charset=utf-8"}},
                     body);
  for (std::size_t at = 0; at < response.size(); at += mss) {
    const std::size_t size = std::min(mss, response.size() - at);
    const bool last = at + size >= response.size();
    flow.send(Side::server, bytes_of(std::string_view(response).substr(at, size)), last ? psh | ack : ack);
    capture.wait(31);
    flow.ack(Side::client);
    capture.wait(last ? 18 : 1'150);
  }
  flow.fin(Side::server);
  capture.wait(97);
  flow.fin(Side::client);
  capture.wait(rtt + 120);
  flow.ack(Side::server);
}

// A lookup and its answer over UDP, the answer `latency` later.
void lookup(CaptureFile& capture, const build::Path& out, const build::Path& back, std::uint16_t port,
            const DnsMessage& query, const std::vector<DnsRecord>& answers, Micros latency) {
  capture.write(out.frame(build::Udp{.source_port = port, .destination_port = 53}, build::view(query.encode())));
  capture.wait(latency);
  DnsMessage response = DnsMessage::response_to(query);
  response.answers = answers;
  capture.write(back.frame(build::Udp{.source_port = 53, .destination_port = port}, build::view(response.encode())));
}

TcpEnd client_end(build::Path path, std::uint16_t port, std::uint32_t isn, std::uint16_t mss = 1460) {
  return TcpEnd{.path = std::move(path), .port = port, .initial_sequence_number = isn, .mss = mss, .window_shift = 7,
                .timestamp_base = 55102934U, .timestamp_hz = 1000, .syn_window = 29200, .window = 229,
                .ipv4_identification = 0x44c0};
}
TcpEnd server_end(build::Path path, std::uint32_t isn, std::uint16_t mss = 1460) {
  return TcpEnd{.path = std::move(path), .port = 80, .initial_sequence_number = isn, .mss = mss, .window_shift = 7,
                .timestamp_base = 3010022211U, .timestamp_hz = 1000, .syn_window = 28960, .window = 227,
                .ipv4_identification = 0, .identification_counts = false};
}

// An IEEE 802.1Q trunk between a switch and a router ("router on a stick"), captured on the
// router's trunk port: VLAN 10 holds the office hosts (192.0.2.0/25), VLAN 20 the servers
// (198.51.100.0/24), VLAN 30 the network equipment, with priority 6 (internetwork control). A
// host resolves its gateway (ARP on VLAN 10), then a DNS lookup and a ping to servers cross from
// VLAN 10 to VLAN 20 and back, each packet seen twice on the trunk: once on each VLAN, the
// router's copy with its own MAC and the TTL one lower. A switch on VLAN 30 asks the time.
// Tagged frames are padded to 64 bytes, as a switch sends them on a trunk.
void write_vlan(const std::string& directory) {
  CaptureFile capture(directory, "vlan_8021q_trunk.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 15 * 3600 + 40 * 60 + 40);
  const auto host_mac = mac("02:00:5e:00:0a:0a");
  const auto router_mac = mac("02:00:5e:00:0a:01");
  const auto dns_mac = mac("02:00:5e:00:14:35");
  const auto web_mac = mac("02:00:5e:00:14:50");
  const auto switch_mac = mac("02:00:5e:00:1e:02");
  const auto ntp_mac = mac("02:00:5e:00:1e:7b");
  auto tagged = [](pktdoc::MacAddress destination, pktdoc::MacAddress source, std::uint16_t vlan,
                   std::uint8_t priority = 0) {
    return build::Link{.destination = destination, .source = source,
                       .vlan_tags = {pktdoc::VlanTag{.tpid = 0, .priority = priority, .drop_eligible = false, .id = vlan}},
                       .minimum_length = 64};
  };
  const auto host = ipv4("192.0.2.10");
  const auto gateway = ipv4("192.0.2.1");
  const auto dns_server = ipv4("198.51.100.53");
  const auto web_server = ipv4("198.51.100.80");

  capture.write(tagged(broadcast_mac, host_mac, 10).frame(build::view(build::Arp::request(host_mac, host, gateway).packet()),
                                                          pktdoc::ether_type::arp));
  capture.wait(212);
  capture.write(tagged(host_mac, router_mac, 10).frame(
      build::view(build::Arp::reply(router_mac, gateway, host_mac, host).packet()), pktdoc::ether_type::arp));

  // Routed twice: the host's packet on VLAN 10, then the router's copy on VLAN 20 (and back).
  auto routed = [&](const build::Link& first_hop, const build::Link& second_hop, build::Ipv4 ip, auto&& transport,
                    Micros forwarding) {
    capture.write(first_hop.frame(build::view(ip.packet(transport.first, build::view(transport.second)))));
    capture.wait(forwarding);
    ip.ttl = static_cast<std::uint8_t>(ip.ttl - 1);
    capture.write(second_hop.frame(build::view(ip.packet(transport.first, build::view(transport.second)))));
  };
  const DnsMessage query = DnsMessage::query(0x61c2, "www.example.net", DnsType::a);
  DnsMessage answer = DnsMessage::response_to(query);
  answer.answers = {DnsRecord::a("www.example.net", web_server, 300)};
  capture.wait(388);
  routed(tagged(router_mac, host_mac, 10), tagged(dns_mac, router_mac, 20),
         build::Ipv4{.source = host, .destination = dns_server, .identification = 0x1c01},
         std::pair{build::Udp{.source_port = 36112, .destination_port = 53}, query.encode()}, 41);
  capture.wait(604);
  routed(tagged(router_mac, dns_mac, 20), tagged(host_mac, router_mac, 10),
         build::Ipv4{.source = dns_server, .destination = host, .identification = 0x7e31},
         std::pair{build::Udp{.source_port = 53, .destination_port = 36112}, answer.encode()}, 39);

  // Pings: the same four frames three times, a second apart.
  for (std::uint16_t sequence = 1; sequence <= 3; ++sequence) {
    capture.wait(sequence == 1 ? 1'208 : 1 * sec - 1'400);
    Bytes data(56);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::byte>(0x10 + i);
    auto ping = [&](const build::Link& first, const build::Link& second, const build::Ipv4& ip, const build::Icmp& icmp) {
      capture.write(first.frame(build::view(ip.packet(icmp))));
      capture.wait(37);
      build::Ipv4 forwarded = ip;
      forwarded.ttl = static_cast<std::uint8_t>(ip.ttl - 1);
      capture.write(second.frame(build::view(forwarded.packet(icmp))));
    };
    ping(tagged(router_mac, host_mac, 10), tagged(web_mac, router_mac, 20),
         build::Ipv4{.source = host, .destination = web_server, .identification = static_cast<std::uint16_t>(0x1c01 + sequence),
                     .dont_fragment = true},
         build::Icmp::echo_request(0x2f51, sequence, build::view(data)));
    capture.wait(211);
    ping(tagged(router_mac, web_mac, 20), tagged(host_mac, router_mac, 10),
         build::Ipv4{.source = web_server, .destination = host, .identification = static_cast<std::uint16_t>(0xa400 + sequence)},
         build::Icmp::echo_reply(0x2f51, sequence, build::view(data)));
  }

  // NTP (RFC 5905) on the management VLAN, priority 6: a client request and the server's answer.
  auto ntp_packet = [](std::uint8_t mode, std::uint8_t stratum, std::uint32_t transmit_seconds, std::uint32_t origin_seconds) {
    build::ByteWriter out;
    out.write_u8(static_cast<std::uint8_t>(0 << 6 | 4 << 3 | mode)).write_u8(stratum).write_u8(6).write_u8(0xEC);
    out.write_u32(mode == 4 ? 0x00000312U : 0).write_u32(mode == 4 ? 0x00000A1CU : 0x00010000U);
    out.write_u32(mode == 4 ? 0xC6336402U : 0);  // reference ID: the server's own upstream, 198.51.100.2
    out.write_u32(mode == 4 ? transmit_seconds - 612 : 0).write_u32(0);
    out.write_u32(origin_seconds).write_u32(origin_seconds == 0 ? 0 : 0x2A3B4C00U);
    out.write_u32(mode == 4 ? transmit_seconds : 0).write_u32(mode == 4 ? 0x2B000000U : 0);
    out.write_u32(transmit_seconds).write_u32(mode == 4 ? 0x2B0A0000U : 0x2A3B4C00U);
    return std::move(out).release();
  };
  const std::uint32_t ntp_now = static_cast<std::uint32_t>(epoch_2011_05_01 + 15 * 3600 + 40 * 60 + 43 + 2208988800LL);
  capture.wait(311'044);
  capture.write(tagged(ntp_mac, switch_mac, 30, 6).frame(build::view(
      build::Ipv4{.source = ipv4("192.0.2.126"), .destination = ipv4("192.0.2.123"), .identification = 0x0041, .ttl = 255}
          .packet(build::Udp{.source_port = 123, .destination_port = 123}, build::view(ntp_packet(3, 0, ntp_now, 0))))));
  capture.wait(433);
  capture.write(tagged(switch_mac, ntp_mac, 30, 6).frame(build::view(
      build::Ipv4{.source = ipv4("192.0.2.123"), .destination = ipv4("192.0.2.126"), .identification = 0x5d10}
          .packet(build::Udp{.source_port = 123, .destination_port = 123}, build::view(ntp_packet(4, 2, ntp_now, ntp_now))))));
  capture.close();
}

// tcpdump -i any on a Linux host: the Linux cooked capture header (SLL, link type 113) instead
// of Ethernet, with the direction of each packet in its packet type: OUTGOING for what the host
// sends, HOST for what is addressed to it, BROADCAST and MULTICAST for what it hears. The host
// resolves its router with ARP, looks a name up and fetches a page; meanwhile a neighbour's ARP
// broadcast and an mDNS query from another host arrive.
void write_sll(const std::string& directory) {
  const std::int64_t start = epoch_2011_05_01 + 18 * 3600 + 12 * 60 + 33;
  CaptureFile capture(directory, "linux_sll_cooked.pcap", pktdoc::LinkType::linux_sll, start);
  const auto host_mac = mac("02:00:5e:00:01:22");
  const auto router_mac = mac("02:00:5e:00:01:01");
  const auto neighbour_mac = mac("02:00:5e:00:01:77");
  const auto host = ipv4("192.0.2.34");
  const auto router = ipv4("192.0.2.1");
  const build::Link outgoing{.type = pktdoc::LinkType::linux_sll, .destination = router_mac, .source = host_mac,
                             .packet_type = build::sll_packet_type::outgoing};
  const build::Link incoming = outgoing.reversed();

  capture.write(outgoing.frame(build::view(build::Arp::request(host_mac, host, router).packet()), pktdoc::ether_type::arp));
  capture.wait(531);
  capture.write(incoming.frame(build::view(build::Arp::reply(router_mac, router, host_mac, host).packet()),
                               pktdoc::ether_type::arp));
  const build::Path out{.link = outgoing, .ip = build::Ipv4{.source = host, .destination = router, .identification = 0x0e20}};
  const build::Path back{.link = incoming, .ip = build::Ipv4{.source = router, .destination = host, .identification = 0x9f12}};
  capture.wait(61);
  lookup(capture, out, back, 48812, DnsMessage::query(0x4b01, "www.example.com", DnsType::a),
         {DnsRecord::a("www.example.com", ipv4("203.0.113.80"), 3600)}, 18'406);

  const build::Path to_web{.link = outgoing, .ip = build::Ipv4{.source = host, .destination = ipv4("203.0.113.80")}};
  const build::Path from_web{.link = incoming,
                             .ip = build::Ipv4{.source = ipv4("203.0.113.80"), .destination = host, .ttl = 49}};
  TcpFlow flow(capture, client_end(to_web, 44120, 0x1f2e3d4cU), server_end(from_web, 0x5a6b7c8dU));
  capture.wait(236);
  const std::string page = content::web_page("Example Network Project: Contact", 1'900, {}, 44);
  // A neighbour's ARP broadcast and someone's mDNS query arrive during the fetch.
  fetch(capture, flow, "www.example.com", "/contact.html", page, 1448, 48'200, start);
  capture.wait(120'113);
  const build::Link heard_broadcast{.type = pktdoc::LinkType::linux_sll, .source = neighbour_mac,
                                    .packet_type = build::sll_packet_type::broadcast};
  capture.write(heard_broadcast.frame(build::view(build::Arp::request(neighbour_mac, ipv4("192.0.2.119"), router).packet()),
                                      pktdoc::ether_type::arp));
  capture.wait(1 * sec + 20'551);
  const build::Link heard_multicast{.type = pktdoc::LinkType::linux_sll, .source = neighbour_mac,
                                    .packet_type = build::sll_packet_type::multicast};
  DnsMessage mdns;
  mdns.questions.push_back({.name = "_ipp._tcp.local", .type = DnsType::ptr});
  capture.write(heard_multicast.frame(build::view(
      build::Ipv4{.source = ipv4("192.0.2.119"), .destination = ipv4("224.0.0.251"), .identification = 0,
                  .dont_fragment = true, .ttl = 255}
          .packet(build::Udp{.source_port = 5353, .destination_port = 5353}, build::view(mdns.encode())))));
  capture.close();
}

// The same kind of capture with libpcap 1.10's SLL2 header (link type 276), which adds the
// interface index (here 2, eth0), over IPv6: Neighbor Discovery for the router, an AAAA lookup
// and a fetch over IPv6.
void write_sll2(const std::string& directory) {
  const std::int64_t start = epoch_2011_05_01 + 18 * 3600 + 20 * 60 + 7;
  CaptureFile capture(directory, "linux_sll2_cooked.pcap", pktdoc::LinkType::linux_sll2, start);
  const auto host_mac = mac("02:00:5e:00:01:22");
  const auto router_mac = mac("02:00:5e:00:01:01");
  const auto host = ipv6("2001:db8:1:22::4");
  const auto router = ipv6("2001:db8:1:22::1");
  const build::Link outgoing{.type = pktdoc::LinkType::linux_sll2, .destination = router_mac, .source = host_mac,
                             .packet_type = build::sll_packet_type::outgoing, .interface_index = 2};
  const build::Link incoming = outgoing.reversed();

  const build::Link to_solicited{.type = pktdoc::LinkType::linux_sll2, .destination = mac("33:33:ff:00:00:01"),
                                 .source = host_mac, .packet_type = build::sll_packet_type::outgoing,
                                 .interface_index = 2};
  capture.write(to_solicited.frame(build::view(build::Ipv6{.source = host, .destination = ipv6("ff02::1:ff00:1"),
                                                           .hop_limit = 255}
                                                   .packet(build::Icmpv6::neighbor_solicitation(router, host_mac)))));
  capture.wait(402);
  capture.write(incoming.frame(build::view(build::Ipv6{.source = router, .destination = host, .hop_limit = 255}.packet(
      build::Icmpv6::neighbor_advertisement(router, true, true, true, router_mac)))));

  const build::Path out{.link = outgoing, .ip = build::Ipv6{.source = host, .destination = router}};
  const build::Path back{.link = incoming, .ip = build::Ipv6{.source = router, .destination = host}};
  capture.wait(73);
  lookup(capture, out, back, 51930, DnsMessage::query(0x0a77, "www.example.org", DnsType::aaaa),
         {DnsRecord::aaaa("www.example.org", ipv6("2001:db8:d:e::80"), 3600)}, 22'010);

  const auto web = ipv6("2001:db8:d:e::80");
  const build::Path to_web{.link = outgoing, .ip = build::Ipv6{.source = host, .destination = web}};
  const build::Path from_web{.link = incoming, .ip = build::Ipv6{.source = web, .destination = host, .hop_limit = 54}};
  TcpFlow flow(capture, client_end(to_web, 44702, 0x7788aa99U, 1440), server_end(from_web, 0x10203040U, 1440));
  capture.wait(190);
  fetch(capture, flow, "www.example.org", "/index.html",
        content::web_page("Example Network Project over IPv6", 3'100, {}, 45), 1428, 61'300, start);
  capture.close();
}

// tcpdump -s 96 on an Ethernet host: every frame longer than 96 bytes is cut there, its original
// length kept in the record, so the capture holds whole headers (Ethernet, IP, TCP with options,
// UDP) but only the first bytes of DNS messages and HTTP messages. A lookup and a fetch of a
// 5000-byte page.
// RFC 864's pattern: lines of 72 printable ASCII characters, each starting one character later
// than the line before, ending with CR LF.
std::string chargen_lines(std::size_t count) {
  std::string out;
  for (std::size_t line = 0; line < count; ++line) {
    for (std::size_t i = 0; i < 72; ++i) out += static_cast<char>(' ' + 1 + (line + i) % 94);
    out += "\r\n";
  }
  return out;
}

void write_snaplen(const std::string& directory) {
  const std::int64_t start = epoch_2011_05_01 + 19 * 3600 + 1 * 60 + 15;
  CaptureFile capture(directory, "snaplen_96_truncated.pcap", pktdoc::LinkType::ethernet, start, 96);
  const auto host_mac = mac("02:00:5e:00:01:22");
  const auto router_mac = mac("02:00:5e:00:01:01");
  const auto host = ipv4("192.0.2.34");
  const build::Link out_link{.destination = router_mac, .source = host_mac};
  const build::Link in_link{.destination = host_mac, .source = router_mac};
  const build::Path out{.link = out_link, .ip = build::Ipv4{.source = host, .destination = ipv4("192.0.2.1"), .identification = 0x31f0}};
  const build::Path back{.link = in_link, .ip = build::Ipv4{.source = ipv4("192.0.2.1"), .destination = host, .identification = 0x0b11}};
  lookup(capture, out, back, 57321, DnsMessage::query(0x7c3d, "www.example.com", DnsType::a),
         {DnsRecord::cname("www.example.com", "web.example.com", 3600),
          DnsRecord::a("web.example.com", ipv4("203.0.113.80"), 3600)},
         14'902);
  const build::Path to_web{.link = out_link, .ip = build::Ipv4{.source = host, .destination = ipv4("203.0.113.80")}};
  const build::Path from_web{.link = in_link, .ip = build::Ipv4{.source = ipv4("203.0.113.80"), .destination = host, .ttl = 49}};
  // A character generator session (RFC 864, TCP port 19), the classic test of a path's
  // throughput: the server sends lines until the client closes. Every data segment is longer than
  // the snapshot length and is cut after 30 bytes of data. (Not HTTP: with bytes missing, an HTTP
  // message is incomplete and pktdoc does not list it, while tshark lists what it sees of a cut
  // frame; the bundled captures do not depend on that difference.)
  TcpEnd client = client_end(to_web, 45001, 0x3e3e1a1aU);
  TcpEnd server = server_end(from_web, 0x6c6c2b2bU);
  server.port = 19;
  TcpFlow flow(capture, client, server);
  capture.wait(311);
  const Micros rtt = 44'800;
  flow.syn();
  capture.wait(rtt);
  flow.syn_ack();
  capture.wait(42);
  flow.ack(Side::client);
  capture.wait(rtt + 350);
  flow.send_segments(Side::server, chargen_lines(60), 1448, 1'150, 31, 1);
  capture.wait(2'480);
  flow.fin(Side::client);
  capture.wait(rtt + 120);
  flow.fin(Side::server);
  capture.wait(97);
  flow.ack(Side::client);
  capture.close();
}

}  // namespace

std::vector<Recipe> link_recipes() {
  return {{"vlan_8021q_trunk.pcap",
           "IEEE 802.1Q VLAN tags on a trunk: ARP, DNS and ping routed between VLANs, NTP with priority 6", write_vlan},
          {"linux_sll_cooked.pcap",
           "Linux cooked capture (SLL, tcpdump -i any): ARP, DNS and HTTP with packet directions", write_sll},
          {"linux_sll2_cooked.pcap",
           "Linux cooked capture v2 (SLL2) over IPv6: Neighbor Discovery, DNS and HTTP", write_sll2},
          {"snaplen_96_truncated.pcap",
           "A capture with a 96-byte snapshot length (tcpdump -s 96): a DNS answer and a TCP chargen session cut in the middle", write_snaplen}};
}

}  // namespace gen
