// DNS: lookups of many record types over UDP, and DNS over TCP (a truncated answer retried,
// then a zone transfer).
#include "generator.hpp"
#include "pktdoc/builder/dns_builder.hpp"

namespace gen {

namespace {

namespace build = pktdoc::build;
using pktdoc::DnsType;
using build::DnsMessage;
using build::DnsRecord;
using Side = TcpFlow::Side;

// A stub resolver on 192.0.2.34 asking the home router's caching forwarder (192.0.2.1), one
// lookup every few seconds as a user browses and reads mail: A, A through a CNAME, PTR, AAAA, an
// A with a CNAME and six addresses, MX with glue, NS, TXT, SRV, SOA with EDNS(0), and a name
// that does not exist (NXDOMAIN, with the zone's SOA in the authority section for negative
// caching, RFC 2308). Answers the forwarder has cached come back in a few milliseconds, the
// others after a round trip to the authoritative servers.
void write_dns_lookups(const std::string& directory) {
  CaptureFile capture(directory, "dns_ipv4_many_record_types.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 10 * 3600 + 15 * 60 + 47);
  const auto client_mac = mac("02:00:5e:00:01:22");
  const auto router_mac = mac("02:00:5e:00:01:01");
  const build::Link to_router{.destination = router_mac, .source = client_mac};
  const build::Link to_client{.destination = client_mac, .source = router_mac, .minimum_length = 60};
  const auto client = ipv4("192.0.2.34");
  const auto resolver = ipv4("192.0.2.1");
  std::uint16_t client_identification = 0x0c41;
  std::uint16_t resolver_identification = 0x4e02;

  struct Lookup {
    Micros wait;      // before the query
    Micros latency;   // query -> response
    std::uint16_t id;
    std::uint16_t port;
    DnsMessage query;
    std::vector<DnsRecord> answers;
    std::vector<DnsRecord> authorities = {};
    std::vector<DnsRecord> additionals = {};
    pktdoc::DnsRcode rcode = pktdoc::DnsRcode::noerror;
  };
  const auto a = [](const char* name, const char* address, std::uint32_t ttl) {
    return DnsRecord::a(name, ipv4(address), ttl);
  };
  const auto aaaa = [](const char* name, const char* address, std::uint32_t ttl) {
    return DnsRecord::aaaa(name, ipv6(address), ttl);
  };
  DnsMessage soa_query = DnsMessage::query(0x5d0e, "example.net", DnsType::soa);
  soa_query.additionals.push_back(DnsRecord::opt(4096));
  std::vector<Lookup> lookups = {
      {0, 21'534, 0xc3a1, 41907, DnsMessage::query(0xc3a1, "www.example.com", DnsType::a),
       {a("www.example.com", "203.0.113.80", 3600)}},
      {11'937'587, 150'122, 0x71f4, 52344, DnsMessage::query(0x71f4, "www.example.org", DnsType::a),
       {DnsRecord::cname("www.example.org", "web.example.org", 86400), a("web.example.org", "198.51.100.80", 3600)}},
      {12'894'303, 365'385, 0xa02c, 38412, DnsMessage::query(0xa02c, "80.113.0.203.in-addr.arpa", DnsType::ptr),
       {DnsRecord::ptr("80.113.0.203.in-addr.arpa", "www.example.com", 86400)}},
      {18'813'687, 375'668, 0x07e9, 60021, DnsMessage::query(0x07e9, "www.example.org", DnsType::aaaa),
       {DnsRecord::cname("www.example.org", "web.example.org", 86291),
        aaaa("web.example.org", "2001:db8:d:e::80", 3600)}},
      {14'368'328, 16'514, 0x2d3b, 45570, DnsMessage::query(0x2d3b, "www.example.net", DnsType::a),
       {DnsRecord::cname("www.example.net", "www.cdn.example.net", 604800),
        a("www.cdn.example.net", "198.51.100.101", 300), a("www.cdn.example.net", "198.51.100.99", 300),
        a("www.cdn.example.net", "198.51.100.105", 300), a("www.cdn.example.net", "198.51.100.106", 300),
        a("www.cdn.example.net", "198.51.100.147", 300), a("www.cdn.example.net", "198.51.100.103", 300)}},
      {7'204'117, 88'410, 0x9b50, 33771, DnsMessage::query(0x9b50, "example.com", DnsType::mx),
       {DnsRecord::mx("example.com", 10, "mail1.example.com", 3600),
        DnsRecord::mx("example.com", 20, "mail2.example.com", 3600)},
       {},
       {a("mail1.example.com", "203.0.113.25", 3600), a("mail2.example.com", "198.51.100.25", 3600),
        aaaa("mail1.example.com", "2001:db8:113::25", 3600)}},
      {3'611'020, 97'006, 0x43c8, 50913, DnsMessage::query(0x43c8, "example.org", DnsType::ns),
       {DnsRecord::ns("example.org", "ns1.example.org", 172800), DnsRecord::ns("example.org", "ns2.example.net", 172800)},
       {},
       {a("ns1.example.org", "198.51.100.53", 172800), aaaa("ns1.example.org", "2001:db8:d::53", 172800)}},
      {5'120'887, 101'772, 0xe611, 39004, DnsMessage::query(0xe611, "example.com", DnsType::txt),
       {DnsRecord::txt("example.com", {"v=spf1 ip4:203.0.113.0/24 -all"}, 3600),
        DnsRecord::txt("example.com", {"site-owner=Example Network Project", "contact=help@example.com"}, 3600)}},
      {9'870'004, 112'630, 0x1f0a, 56001, DnsMessage::query(0x1f0a, "_xmpp-client._tcp.example.net", DnsType::srv),
       {DnsRecord::srv("_xmpp-client._tcp.example.net", 5, 0, 5222, "chat1.example.net", 900),
        DnsRecord::srv("_xmpp-client._tcp.example.net", 10, 0, 5222, "chat2.example.net", 900)},
       {},
       {a("chat1.example.net", "198.51.100.52", 900), a("chat2.example.net", "198.51.100.62", 900)}},
      {6'402'218, 93'845, 0x5d0e, 47777, soa_query,
       {DnsRecord::soa("example.net", "ns1.example.net", "hostmaster.example.net",
                       {.serial = 2011042901, .refresh = 7200, .retry = 3600, .expire = 1209600, .minimum = 3600},
                       86400)},
       {DnsRecord::ns("example.net", "ns1.example.net", 86400), DnsRecord::ns("example.net", "ns2.example.org", 86400)},
       {DnsRecord::opt(4096)}},
      {8'117'351, 91'207, 0xb7d2, 36120, DnsMessage::query(0xb7d2, "printer.example.com", DnsType::a),
       {},
       {DnsRecord::soa("example.com", "ns1.example.com", "hostmaster.example.com",
                       {.serial = 2011042001, .refresh = 7200, .retry = 3600, .expire = 1209600, .minimum = 3600},
                       3600)},
       {},
       pktdoc::DnsRcode::nxdomain},
  };

  for (const Lookup& lookup : lookups) {
    capture.wait(lookup.wait);
    const build::Ipv4 out{.source = client, .destination = resolver, .identification = client_identification++};
    const build::Udp query_udp{.source_port = lookup.port, .destination_port = 53};
    capture.write(to_router.frame(build::view(out.packet(query_udp, build::view(lookup.query.encode())))));
    capture.wait(lookup.latency);
    DnsMessage response = DnsMessage::response_to(lookup.query);
    response.answers = lookup.answers;
    response.authorities = lookup.authorities;
    response.additionals = lookup.additionals;
    response.rcode = lookup.rcode;
    const build::Ipv4 back{.source = resolver, .destination = client, .identification = resolver_identification};
    resolver_identification = static_cast<std::uint16_t>(resolver_identification + 0x1d3);
    capture.write(to_client.frame(build::view(
        back.packet(build::Udp{.source_port = 53, .destination_port = lookup.port}, build::view(response.encode())))));
  }
  capture.close();
}

// DNS over TCP (RFC 7766): a TXT lookup whose answer does not fit the 512 bytes of plain UDP
// DNS comes back with TC set and no answers, and the client asks again over TCP, where each
// message has a 2-octet length in front (RFC 1035 section 4.2.2); it reuses the connection for
// a second query. Then a zone transfer (AXFR, RFC 5936) of a small zone: the records in two
// messages, starting and ending with the SOA. Captured on the client; the server is a name
// server on the same LAN.
void write_dns_tcp(const std::string& directory) {
  CaptureFile capture(directory, "dns_over_tcp.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 15 * 3600 + 8 * 60 + 30);
  const auto client_mac = mac("02:00:5e:00:01:22");
  const auto server_mac = mac("02:00:5e:00:01:35");
  const auto client = ipv4("192.0.2.34");
  const auto server = ipv4("192.0.2.53");
  const build::Link to_server{.destination = server_mac, .source = client_mac};
  const build::Link to_client{.destination = client_mac, .source = server_mac};

  // The big answer: TXT records with keys, as some domains publish.
  std::vector<DnsRecord> keys;
  for (int i = 1; i <= 6; ++i) {
    std::string key = "k=" + std::to_string(i) + "; p=";
    Prng prng(static_cast<std::uint64_t>(i) * 7919U);
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    while (key.size() < 170) key += alphabet[prng.below(64)];
    keys.push_back(DnsRecord::txt("keys.example.com", {key}, 3600));
  }
  const DnsMessage txt_query = DnsMessage::query(0x3a7e, "keys.example.com", DnsType::txt);
  DnsMessage truncated = DnsMessage::response_to(txt_query);
  truncated.authoritative = true;
  truncated.recursion_available = false;
  truncated.truncated_flag = true;

  build::Ipv4 out{.source = client, .destination = server, .identification = 0x7a01};
  const build::Ipv4 back{.source = server, .destination = client, .identification = 0};
  capture.write(to_server.frame(build::view(out.packet(build::Udp{.source_port = 44316, .destination_port = 53},
                                                       build::view(txt_query.encode())))));
  capture.wait(402);
  capture.write(to_client.frame(build::view(back.packet(build::Udp{.source_port = 53, .destination_port = 44316},
                                                        build::view(truncated.encode())))));

  const build::Path client_path{.link = to_server, .ip = build::Ipv4{.source = client, .destination = server}};
  const build::Path server_path{.link = to_client, .ip = build::Ipv4{.source = server, .destination = client}};
  auto client_end = [&](std::uint16_t port, std::uint32_t isn, std::uint16_t identification) {
    return TcpEnd{.path = client_path, .port = port, .initial_sequence_number = isn, .window_shift = 7,
                  .timestamp_base = 3125090U, .timestamp_hz = 1000, .syn_window = 29200, .window = 229,
                  .ipv4_identification = identification};
  };
  auto server_end = [&](std::uint32_t isn) {
    return TcpEnd{.path = server_path, .port = 53, .initial_sequence_number = isn, .window_shift = 7,
                  .timestamp_base = 90210334U, .timestamp_hz = 1000, .syn_window = 28960, .window = 227,
                  .ipv4_identification = 0, .identification_counts = false};
  };
  {
    TcpFlow flow(capture, client_end(39873, 0x4c8b1d02U, 0x7a02), server_end(0x2219f6a1U));
    capture.wait(318);
    flow.syn();
    capture.wait(251);
    flow.syn_ack();
    capture.wait(36);
    flow.ack(Side::client);
    capture.wait(58);
    const DnsMessage retry = txt_query;
    flow.send(Side::client, build::view(retry.encode_tcp()));
    capture.wait(211);
    flow.ack(Side::server);
    capture.wait(96);
    DnsMessage full = DnsMessage::response_to(retry);
    full.authoritative = true;
    full.recursion_available = false;
    full.answers = keys;
    flow.send(Side::server, build::view(full.encode_tcp()));
    capture.wait(31);
    flow.ack(Side::client);
    // The same connection, a second question.
    capture.wait(1'204'551);
    const DnsMessage second = DnsMessage::query(0x9e44, "mail.example.com", DnsType::aaaa);
    flow.send(Side::client, build::view(second.encode_tcp()));
    capture.wait(190);
    DnsMessage second_answer = DnsMessage::response_to(second);
    second_answer.authoritative = true;
    second_answer.recursion_available = false;
    second_answer.answers = {DnsRecord::aaaa("mail.example.com", ipv6("2001:db8:113::25"), 3600)};
    flow.send(Side::server, build::view(second_answer.encode_tcp()));
    capture.wait(38'900);
    flow.ack(Side::client);
    // The client closes after a few idle seconds; the server follows.
    capture.wait(4'962'000);
    flow.fin(Side::client);
    capture.wait(188);
    flow.fin(Side::server);
    capture.wait(29);
    flow.ack(Side::client);
  }

  // The zone transfer.
  capture.wait(3'711'904);
  {
    TcpFlow flow(capture, client_end(39877, 0x0f0e0d0cU, 0x7a41), server_end(0x61d8a7b3U));
    flow.syn();
    capture.wait(247);
    flow.syn_ack();
    capture.wait(33);
    flow.ack(Side::client);
    capture.wait(71);
    const DnsMessage axfr = DnsMessage::query(0x0d15, "example.net", DnsType::axfr);
    DnsMessage query = axfr;
    query.recursion_desired = false;
    flow.send(Side::client, build::view(query.encode_tcp()));
    capture.wait(1'802);
    const DnsRecord soa = DnsRecord::soa("example.net", "ns1.example.net", "hostmaster.example.net",
                                         {.serial = 2011042901, .refresh = 7200, .retry = 3600, .expire = 1209600,
                                          .minimum = 3600},
                                         86400);
    DnsMessage part1 = DnsMessage::response_to(query);
    part1.authoritative = true;
    part1.recursion_available = false;
    part1.answers = {soa,
                     DnsRecord::ns("example.net", "ns1.example.net", 86400),
                     DnsRecord::ns("example.net", "ns2.example.org", 86400),
                     DnsRecord::mx("example.net", 10, "mail.example.net", 86400),
                     DnsRecord::a("example.net", ipv4("198.51.100.80"), 86400),
                     DnsRecord::aaaa("example.net", ipv6("2001:db8:d:e::80"), 86400),
                     DnsRecord::a("ns1.example.net", ipv4("198.51.100.53"), 86400),
                     DnsRecord::a("mail.example.net", ipv4("198.51.100.25"), 86400),
                     DnsRecord::txt("example.net", {"v=spf1 mx -all"}, 86400)};
    flow.send(Side::server, build::view(part1.encode_tcp()));
    capture.wait(22);
    DnsMessage part2 = DnsMessage::response_to(query);
    part2.questions.clear();
    part2.authoritative = true;
    part2.recursion_available = false;
    part2.answers = {DnsRecord::cname("www.example.net", "www.cdn.example.net", 86400),
                     DnsRecord::a("chat1.example.net", ipv4("198.51.100.52"), 86400),
                     DnsRecord::a("chat2.example.net", ipv4("198.51.100.62"), 86400),
                     DnsRecord::srv("_xmpp-client._tcp.example.net", 5, 0, 5222, "chat1.example.net", 86400),
                     DnsRecord::srv("_xmpp-client._tcp.example.net", 10, 0, 5222, "chat2.example.net", 86400),
                     DnsRecord::hinfo("chat1.example.net", "X86_64", "LINUX", 86400),
                     soa};
    flow.send(Side::server, build::view(part2.encode_tcp()));
    capture.wait(30);
    flow.ack(Side::client);
    capture.wait(1'311);
    flow.fin(Side::client);
    capture.wait(203);
    flow.fin(Side::server);
    capture.wait(27);
    flow.ack(Side::client);
  }
  capture.close();
}

// Multicast DNS and DNS-SD on a small office LAN (RFC 6762, RFC 6763), captured on a laptop:
// the laptop claims its name (three probes with the records it wants in the authority section,
// then two announcements with the cache-flush bit set), browses for web and printer services over
// IPv4 and IPv6 with the QU bit (asking for unicast answers, which come as multicast anyway
// since the printer has not answered recently), and a printer answers with PTR, SRV, TXT, A and
// AAAA records. Finally the printer says goodbye: the same PTR record with TTL 0 (section 10.1).
// Sources are link-local IPv6 addresses derived from the hosts' locally administered MACs.
void write_mdns(const std::string& directory) {
  CaptureFile capture(directory, "mdns_service_discovery.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 9 * 3600 + 30 * 60 + 1);
  const auto laptop_mac = mac("02:00:5e:00:02:60");
  const auto printer_mac = mac("02:00:5e:00:02:31");
  const auto laptop4 = ipv4("192.0.2.60");
  const auto printer4 = ipv4("192.0.2.31");
  const auto laptop6 = ipv6("fe80::ff:fe00:260");
  const auto printer6 = ipv6("fe80::ff:fe00:231");
  const auto group4 = ipv4("224.0.0.251");
  const auto group6 = ipv6("ff02::fb");
  const auto mac4 = mac("01:00:5e:00:00:fb");
  const auto mac6 = mac("33:33:00:00:00:fb");
  std::uint16_t laptop_identification = 0;
  std::uint16_t printer_identification = 0x11d0;
  const build::Udp mdns{.source_port = 5353, .destination_port = 5353};

  auto send4 = [&](const pktdoc::MacAddress& source_mac, const pktdoc::Ipv4Address& source, std::uint16_t& id,
                   const DnsMessage& message) {
    const build::Link link{.destination = mac4, .source = source_mac, .minimum_length = source_mac == laptop_mac ? 0U : 60U};
    const build::Ipv4 ip{.source = source, .destination = group4, .identification = id++, .dont_fragment = true,
                         .ttl = 255};
    capture.write(link.frame(build::view(ip.packet(mdns, build::view(message.encode())))));
  };
  auto send6 = [&](const pktdoc::MacAddress& source_mac, const pktdoc::Ipv6Address& source, const DnsMessage& message) {
    const build::Link link{.destination = mac6, .source = source_mac};
    const build::Ipv6 ip{.source = source, .destination = group6, .hop_limit = 255};
    capture.write(link.frame(build::view(ip.packet(mdns, build::view(message.encode())))));
  };
  auto unique = [](DnsRecord record) {
    record.cache_flush = true;
    return record;
  };

  // Probing (RFC 6762 section 8.1): "laptop.local" ANY, QU, with the proposed records in the
  // authority section; three probes 250 ms apart.
  DnsMessage probe;
  probe.questions.push_back({.name = "laptop.local", .type = DnsType::any, .unicast_response = true});
  probe.authorities = {DnsRecord::a("laptop.local", laptop4, 120),
                       DnsRecord::aaaa("laptop.local", ipv6("2001:db8:a:1::60"), 120)};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) capture.wait(250'000 + i * 13);
    send4(laptop_mac, laptop4, laptop_identification, probe);
  }
  // Announcing (section 8.3): a response with the unique records, cache-flush set, twice.
  DnsMessage announce{.is_response = true, .authoritative = true};
  announce.answers = {unique(DnsRecord::a("laptop.local", laptop4, 120)),
                      unique(DnsRecord::aaaa("laptop.local", ipv6("2001:db8:a:1::60"), 120))};
  capture.wait(250'044);
  send4(laptop_mac, laptop4, laptop_identification, announce);
  capture.wait(51);
  send6(laptop_mac, laptop6, announce);
  capture.wait(1 * sec + 2'003);
  send4(laptop_mac, laptop4, laptop_identification, announce);
  capture.wait(48);
  send6(laptop_mac, laptop6, announce);

  // Browsing: which services are there, then web servers and printers.
  DnsMessage browse;
  browse.questions = {{.name = "_services._dns-sd._udp.local", .type = DnsType::ptr, .unicast_response = true},
                      {.name = "_http._tcp.local", .type = DnsType::ptr, .unicast_response = true},
                      {.name = "_ipp._tcp.local", .type = DnsType::ptr, .unicast_response = true}};
  capture.wait(3 * sec + 417'220);
  send4(laptop_mac, laptop4, laptop_identification, browse);
  capture.wait(63);
  send6(laptop_mac, laptop6, browse);

  const std::string instance_http = "Lab Laser._http._tcp.local";
  const std::string instance_ipp = "Lab Laser._ipp._tcp.local";
  DnsMessage answer{.is_response = true, .authoritative = true};
  answer.answers = {DnsRecord::ptr("_services._dns-sd._udp.local", "_http._tcp.local", 4500),
                    DnsRecord::ptr("_services._dns-sd._udp.local", "_ipp._tcp.local", 4500),
                    DnsRecord::ptr("_http._tcp.local", instance_http, 4500),
                    DnsRecord::ptr("_ipp._tcp.local", instance_ipp, 4500)};
  answer.additionals = {unique(DnsRecord::srv(instance_http, 0, 0, 80, "lablaser.local", 120)),
                        unique(DnsRecord::txt(instance_http, {"txtvers=1", "path=/status"}, 4500)),
                        unique(DnsRecord::srv(instance_ipp, 0, 0, 631, "lablaser.local", 120)),
                        unique(DnsRecord::txt(instance_ipp, {"txtvers=1", "rp=printers/Lab-Laser", "ty=Example LaserWriter 9000",
                                                             "pdl=application/pdf,image/urf"}, 4500)),
                        unique(DnsRecord::a("lablaser.local", printer4, 120)),
                        unique(DnsRecord::aaaa("lablaser.local", ipv6("2001:db8:a:1::31"), 120))};
  capture.wait(21'377);
  send4(printer_mac, printer4, printer_identification, answer);
  capture.wait(212);
  send6(printer_mac, printer6, answer);

  // A minute later the printer is switched off and says goodbye: TTL 0.
  DnsMessage goodbye{.is_response = true, .authoritative = true};
  goodbye.answers = {DnsRecord::ptr("_http._tcp.local", instance_http, 0),
                     DnsRecord::ptr("_ipp._tcp.local", instance_ipp, 0)};
  capture.wait(61 * sec + 88'106);
  send4(printer_mac, printer4, printer_identification, goodbye);
  capture.wait(190);
  send6(printer_mac, printer6, goodbye);
  capture.close();
}

}  // namespace

std::vector<Recipe> dns_recipes() {
  return {{"dns_ipv4_many_record_types.pcap",
           "DNS over IPv4 and UDP: A, CNAME, PTR, AAAA, MX, NS, TXT, SRV, SOA with EDNS(0), NXDOMAIN",
           write_dns_lookups},
          {"dns_over_tcp.pcap", "DNS over TCP: a truncated UDP answer retried over TCP, then a zone transfer (AXFR)",
           write_dns_tcp},
          {"mdns_service_discovery.pcap",
           "mDNS and DNS-SD over IPv4 and IPv6: probing, announcing, browsing, answers and a goodbye", write_mdns}};
}

}  // namespace gen
