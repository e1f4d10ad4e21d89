// Wireshark as the judge of the packet builder: a capture holding one conversation per protocol
// the builder makes (ARP, 802.1Q, DNS with every record type, mDNS, TCP with options carrying
// HTTP over IPv4 and FTP over IPv6 with extension headers, UDP fragmented over IPv4 and IPv6,
// ICMP and ICMPv6 errors and echo, Neighbor Discovery, an SCTP association) is written with
// CaptureWriter and given to tshark with every checksum check turned on. tshark must find no
// malformed packet, no bad checksum and no error, and must call every checksum it checks good.
// Skipped when tshark is not installed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "pktdoc/builder/arp_builder.hpp"
#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/dns_builder.hpp"
#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/builder/text_builder.hpp"
#include "pktdoc/capture_writer.hpp"

namespace pktdoc {
namespace {

constexpr MacAddress kClientMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};
constexpr MacAddress kServerMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x02}};
constexpr MacAddress kBroadcast{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

Ipv4Address v4(const char* text) { return *Ipv4Address::parse(text); }
Ipv6Address v6(const char* text) { return *Ipv6Address::parse(text); }

// Every frame of the test capture, in order.
std::vector<build::Bytes> every_protocol() {
  std::vector<build::Bytes> frames;
  auto add = [&frames](std::vector<build::Bytes> more) {
    for (auto& frame : more) frames.push_back(std::move(frame));
  };
  const build::Link link{.destination = kServerMac, .source = kClientMac};

  // ARP: a request nobody answers, then one that is answered.
  const build::Link to_all{.destination = kBroadcast, .source = kClientMac};
  const build::Bytes request = build::Arp::request(kClientMac, v4("192.0.2.1"), v4("192.0.2.9")).packet();
  frames.push_back(to_all.frame(build::view(request), ether_type::arp));
  frames.push_back(to_all.frame(build::view(build::Arp::request(kClientMac, v4("192.0.2.1"), v4("192.0.2.2")).packet()),
                                ether_type::arp));
  frames.push_back(link.reversed().frame(
      build::view(build::Arp::reply(kServerMac, v4("192.0.2.2"), kClientMac, v4("192.0.2.1")).packet()),
      ether_type::arp));

  // DNS over 802.1Q: a query with EDNS(0), and an answer with every record type.
  build::Link tagged = link;
  tagged.vlan_tags.push_back(VlanTag{.priority = 3, .id = 100});
  const build::Path dns_path{.link = tagged,
                             .ip = build::Ipv4{.source = v4("192.0.2.1"), .destination = v4("198.51.100.53")}};
  build::DnsMessage query = build::DnsMessage::query(0xbeef, "www.example.com", DnsType::any);
  query.additionals.push_back(build::DnsRecord::opt(1232, true));
  frames.push_back(
      dns_path.frame(build::Udp{.source_port = 40000, .destination_port = 53}, build::view(query.encode())));
  build::DnsMessage answer = build::DnsMessage::response_to(query);
  answer.answers = {build::DnsRecord::cname("www.example.com", "web.example.com"),
                    build::DnsRecord::a("web.example.com", v4("192.0.2.80")),
                    build::DnsRecord::aaaa("web.example.com", v6("2001:db8::80")),
                    build::DnsRecord::mx("example.com", 10, "mail.example.com"),
                    build::DnsRecord::txt("example.com", {"v=spf1 -all", "second string"}),
                    build::DnsRecord::srv("_http._tcp.example.com", 0, 5, 80, "web.example.com"),
                    build::DnsRecord::hinfo("web.example.com", "x86_64", "Linux"),
                    build::DnsRecord::ptr("80.2.0.192.in-addr.arpa", "web.example.com")};
  answer.authorities = {build::DnsRecord::ns("example.com", "ns1.example.com"),
                        build::DnsRecord::soa("example.com", "ns1.example.com", "hostmaster.example.com", {})};
  answer.additionals = {build::DnsRecord::opt(1232)};
  frames.push_back(dns_path.reversed().frame(build::Udp{.source_port = 53, .destination_port = 40000},
                                             build::view(answer.encode())));

  // mDNS: a QU question and an answer with the cache-flush bit.
  build::DnsMessage mdns;
  mdns.is_response = true;
  mdns.authoritative = true;
  build::DnsRecord host = build::DnsRecord::a("printer.local", v4("192.0.2.7"), 120);
  host.cache_flush = true;
  mdns.answers.push_back(host);
  build::DnsMessage mdns_query;
  mdns_query.questions.push_back(build::DnsQuestion{.name = "printer.local", .unicast_response = true});
  const build::Path mdns_path{
      .link = build::Link{.destination = MacAddress{{0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb}}, .source = kClientMac},
      .ip = build::Ipv4{.source = v4("192.0.2.7"), .destination = v4("224.0.0.251"), .ttl = 255}};
  frames.push_back(
      mdns_path.frame(build::Udp{.source_port = 5353, .destination_port = 5353}, build::view(mdns_query.encode())));
  frames.push_back(
      mdns_path.frame(build::Udp{.source_port = 5353, .destination_port = 5353}, build::view(mdns.encode())));

  // HTTP over TCP/IPv4: handshake with options, a request, a chunked response in 3 segments, close.
  build::TcpConnection http(
      build::Path{
          .link = link,
          .ip = build::Ipv4{.source = v4("192.0.2.10"), .destination = v4("198.51.100.80"), .identification = 100}},
      {.port = 49152,
       .initial_sequence_number = 1000,
       .syn_options =
           build::TcpOptionList().mss(1460).sack_permitted().timestamps(1, 0).no_operation().window_scale(7)},
      {.port = 80, .initial_sequence_number = 5000});
  add(http.open());
  frames.push_back(
      http.send(build::TcpSide::client, as_bytes(build::http::request("GET", "/", {{"Host", "example.com"}}))));
  add(http.send_segments(build::TcpSide::server,
                         as_bytes(build::http::response(200, "OK", {{"Transfer-Encoding", "chunked"}},
                                                        build::http::chunked(std::string(3000, 'x'), 1000))),
                         1460));
  frames.push_back(http.ack(build::TcpSide::client));
  add(http.close(build::TcpSide::client));

  // FTP over TCP/IPv6 with hop-by-hop and destination options headers.
  build::Ipv6 ftp_ip{.source = v6("2001:db8::10"), .destination = v6("2001:db8::21")};
  ftp_ip.extension_headers.push_back(build::Ipv6Extension::hop_by_hop(build::Ipv6OptionList().router_alert(0)));
  ftp_ip.extension_headers.push_back(build::Ipv6Extension::destination_options({}));
  build::TcpConnection ftp(build::Path{.link = link, .ip = ftp_ip}, {.port = 50000, .initial_sequence_number = 7},
                           {.port = 21, .initial_sequence_number = 9});
  add(ftp.open());
  frames.push_back(ftp.send(build::TcpSide::server, as_bytes(build::ftp::reply(220, "ready"))));
  frames.push_back(ftp.send(build::TcpSide::client, as_bytes(build::ftp::command("EPSV"))));
  frames.push_back(
      ftp.send(build::TcpSide::server, as_bytes(build::ftp::reply(229, build::ftp::extended_passive_text(50001)))));
  add(ftp.close(build::TcpSide::server));

  // UDP datagrams of 4000 bytes fragmented over IPv6 and IPv4; ICMP errors about them.
  const std::string data(4000, 'd');
  const build::Ipv6 sender6{.source = v6("2001:db8::1"), .destination = v6("2001:db8::2")};
  const build::Bytes datagram6 =
      sender6.packet(build::Udp{.source_port = 5000, .destination_port = 5001}, as_bytes(data));
  const std::vector<build::Bytes> fragments6 = build::fragment(build::view(datagram6), 1500, 0xabcdef01);
  for (const auto& fragment : fragments6) frames.push_back(link.frame(build::view(fragment)));
  const build::Ipv4 sender4{.source = v4("192.0.2.1"),
                            .destination = v4("192.0.2.2"),
                            .identification = 77,
                            .options = build::Ipv4OptionList().router_alert().bytes()};
  const build::Bytes datagram4 =
      sender4.packet(build::Udp{.source_port = 5000, .destination_port = 5001}, as_bytes(data));
  for (const auto& fragment : build::fragment(build::view(datagram4), 1500))
    frames.push_back(link.frame(build::view(fragment)));
  frames.push_back(link.reversed().frame(build::view(
      build::Ipv6{.source = v6("2001:db8::2"), .destination = v6("2001:db8::1")}.packet(build::Icmpv6::time_exceeded(
          Icmpv6TimeExceededCode::fragment_reassembly_time_exceeded, build::view(fragments6[0]))))));
  frames.push_back(
      link.reversed().frame(build::view(build::Ipv4{.source = v4("192.0.2.2"), .destination = v4("192.0.2.1")}.packet(
          build::Icmp::destination_unreachable(IcmpUnreachableCode::port_unreachable, build::view(datagram4))))));

  // Echo and Neighbor Discovery.
  frames.push_back(link.frame(build::view(build::Ipv4{.source = v4("192.0.2.1"), .destination = v4("192.0.2.2")}.packet(
      build::Icmp::echo_request(1, 2, as_bytes("ping"))))));
  frames.push_back(link.frame(build::view(sender6.packet(build::Icmpv6::echo_request(1, 2, as_bytes("ping6"))))));
  frames.push_back(link.frame(
      build::view(build::Ipv6{.source = v6("fe80::1"), .destination = v6("ff02::1:ff00:2"), .hop_limit = 255}.packet(
          build::Icmpv6::neighbor_solicitation(v6("fe80::2"), kClientMac)))));
  frames.push_back(link.reversed().frame(
      build::view(build::Ipv6{.source = v6("fe80::2"), .destination = v6("fe80::1"), .hop_limit = 255}.packet(
          build::Icmpv6::neighbor_advertisement(v6("fe80::2"), false, true, true, kServerMac)))));

  // An SCTP association from INIT to SHUTDOWN COMPLETE.
  const build::Path sctp_path{.link = link,
                              .ip = build::Ipv4{.source = v4("192.0.2.1"), .destination = v4("192.0.2.2")}};
  const build::Bytes cookie = build::to_bytes(std::string_view("state cookie"));
  auto to_server = [&](std::uint32_t tag, std::vector<build::SctpChunk> chunks) {
    frames.push_back(sctp_path.frame(build::Sctp{
        .source_port = 5000, .destination_port = 5001, .verification_tag = tag, .chunks = std::move(chunks)}));
  };
  auto to_client = [&](std::uint32_t tag, std::vector<build::SctpChunk> chunks) {
    frames.push_back(sctp_path.reversed().frame(build::Sctp{
        .source_port = 5001, .destination_port = 5000, .verification_tag = tag, .chunks = std::move(chunks)}));
  };
  to_server(0, {build::SctpChunk::init(0x11111111, 65536, 10, 10, 100,
                                       {build::SctpParameter::ipv4_address(v4("192.0.2.1")),
                                        build::SctpParameter::supported_address_types({5}),
                                        build::SctpParameter::forward_tsn_supported()})});
  to_client(0x11111111, {build::SctpChunk::init_ack(0x22222222, 65536, 10, 10, 200,
                                                    {build::SctpParameter::state_cookie(build::view(cookie))})});
  to_server(0x22222222, {build::SctpChunk::cookie_echo(build::view(cookie)),
                         build::SctpChunk::data(100, 0, 0, 0, as_bytes("hello"))});
  to_client(0x11111111, {build::SctpChunk::cookie_ack(), build::SctpChunk::sack(100, 65536)});
  to_client(0x11111111, {build::SctpChunk::data(200, 0, 0, 0, as_bytes("world"))});
  to_server(0x22222222, {build::SctpChunk::sack(200, 65536), build::SctpChunk::heartbeat(as_bytes("hb"))});
  to_client(0x11111111, {build::SctpChunk::heartbeat_ack(as_bytes("hb"))});
  to_server(0x22222222, {build::SctpChunk::shutdown(200)});
  to_client(0x11111111, {build::SctpChunk::shutdown_ack()});
  to_server(0x22222222, {build::SctpChunk::shutdown_complete()});
  return frames;
}

// Runs a shell command and returns its standard output.
std::string run(const std::string& command) {
  std::string output;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) output += buffer.data();
  return output;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(BuilderTshark, EveryProtocolDecodesCleanlyWithGoodChecksums) {
  if (run("command -v tshark").empty()) GTEST_SKIP() << "tshark is not installed";
  const std::string path = testing::TempDir() + "pktdoc_builder_tshark_" + std::to_string(::getpid()) + ".pcap";
  const std::vector<build::Bytes> frames = every_protocol();
  {
    auto writer = CaptureWriter::open(path, LinkType::ethernet);
    ASSERT_TRUE(writer.ok()) << writer.error();
    std::int64_t second = 1700000000;
    for (const build::Bytes& frame : frames) ASSERT_TRUE(writer.write(Timestamp{second++, 0}, build::view(frame)));
    ASSERT_TRUE(writer.close()) << writer.error();
  }
  const std::string options =
      " -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE"
      " -o 'sctp.checksum:CRC 32c'";
  const std::string verbose = run("tshark -n -r '" + path + "'" + options + " -V 2>&1");
  ASSERT_NE(verbose.find("Frame " + std::to_string(frames.size()) + ":"), std::string::npos) << verbose.substr(0, 500);
  EXPECT_EQ(count(verbose, "Malformed"), 0u);
  EXPECT_EQ(count(verbose, "Status: Bad"), 0u);
  EXPECT_EQ(count(verbose, "status: Bad"), 0u);
  EXPECT_EQ(count(verbose, "[incorrect"), 0u);
  EXPECT_EQ(count(verbose, "Expert Info (Error"), 0u);
  // Every checksum tshark checks is good: every IPv4 header, every ICMP, ICMPv6, TCP, UDP and
  // SCTP checksum of a whole packet. Only the UDP datagram an ICMP error quotes in part cannot be
  // verified.
  const std::size_t headers = count(verbose, "[Header checksum status: ");
  EXPECT_GE(headers, 30u);
  EXPECT_EQ(count(verbose, "[Header checksum status: Good]"), headers);
  const std::size_t checksums = count(verbose, "[Checksum Status: ");
  EXPECT_GE(checksums, 40u);
  EXPECT_EQ(count(verbose, "[Checksum Status: Unverified]"), 1u);
  EXPECT_EQ(count(verbose, "[Checksum Status: Good]"), checksums - 1);
  // Each protocol was recognised.
  for (const char* protocol : {"Address Resolution Protocol", "802.1Q Virtual LAN", "Domain Name System (response)",
                               "Multicast Domain Name System (query)", "Hypertext Transfer Protocol",
                               "File Transfer Protocol (FTP)", "Internet Control Message Protocol v6",
                               "Internet Control Message Protocol", "Stream Control Transmission Protocol"})
    EXPECT_NE(verbose.find(protocol), std::string::npos) << protocol;
  // The reassembled datagrams and the chunked HTTP body are whole.
  EXPECT_NE(verbose.find("[Reassembled IPv6 length: 4008]"), std::string::npos);
  EXPECT_NE(verbose.find("[Reassembled IPv4 length: 4008]"), std::string::npos);
  EXPECT_NE(verbose.find("File Data: 3000 bytes"), std::string::npos);  // the de-chunked body
  std::remove(path.c_str());
}

}  // namespace
}  // namespace pktdoc
