// make_large_capture: writes the large capture that the whole-file benchmarks and
// compare_peers run on. Two modes:
//
//   make_large_capture OUT.pcap [FRAMES] [SEED]
//       about FRAMES frames (default 1000000) of mixed Ethernet traffic, built with the library's
//       packet builder, deterministically (the same FRAMES and SEED give the same bytes): many
//       interleaved TCP connections carrying HTTP-like requests and responses of varied sizes
//       (some segments out of order, some retransmitted), DNS over UDP, some IPv6, IPv4 and IPv6
//       fragments, ARP, ICMP echoes and errors, SCTP. Addresses are the documentation ranges.
//   make_large_capture --concat OUT.pcap FRAMES FILE...
//       the Ethernet captures among FILE... concatenated and repeated until FRAMES frames, with
//       timestamps shifted so that they keep increasing (the "real traffic" file, made
//       from captures outside the repository; the output stays in the build tree).
//
// Both write to OUT.pcap only; never point OUT into the source tree.
#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <string>
#include <vector>

#include "pktdoc/builder/arp_builder.hpp"
#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/dns_builder.hpp"
#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/capture_writer.hpp"

namespace {

namespace build = pktdoc::build;
using build::Bytes;

// splitmix64: small, fast, and the same on every platform (std:: distributions are not).
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // A number in [low, high].
  std::uint32_t between(std::uint32_t low, std::uint32_t high) {
    return low + static_cast<std::uint32_t>(next() % (std::uint64_t{high} - low + 1));
  }
  bool chance(std::uint32_t per_thousand) { return next() % 1000 < per_thousand; }
};

pktdoc::MacAddress mac(std::uint32_t host) {
  // Locally administered, unicast (02:...): never a real vendor's address.
  return pktdoc::MacAddress{{0x02, 0x00, 0x5e, static_cast<std::uint8_t>(host >> 16), static_cast<std::uint8_t>(host >> 8),
                             static_cast<std::uint8_t>(host)}};
}
// 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 (RFC 5737): clients in the first, servers in
// the second, resolvers and the rest in the third.
pktdoc::Ipv4Address client_v4(std::uint32_t n) { return pktdoc::Ipv4Address::from_uint(0xC0000200u | (1 + n % 250)); }
pktdoc::Ipv4Address server_v4(std::uint32_t n) { return pktdoc::Ipv4Address::from_uint(0xC6336400u | (1 + n % 250)); }
pktdoc::Ipv4Address other_v4(std::uint32_t n) { return pktdoc::Ipv4Address::from_uint(0xCB007100u | (1 + n % 250)); }
// 2001:db8::/32 (RFC 3849): 2001:db8:c::N for clients, 2001:db8:5::N for servers.
pktdoc::Ipv6Address v6(std::uint16_t site, std::uint32_t n) {
  pktdoc::Ipv6Address address{};
  address.bytes = {0x20, 0x01, 0x0d, 0xb8, static_cast<std::uint8_t>(site >> 8), static_cast<std::uint8_t>(site)};
  address.bytes[14] = static_cast<std::uint8_t>(n >> 8);
  address.bytes[15] = static_cast<std::uint8_t>(n | 1);
  return address;
}

build::Link ethernet(std::uint32_t from, std::uint32_t to) {
  return build::Link{.type = pktdoc::LinkType::ethernet, .destination = mac(to), .source = mac(from), .minimum_length = 60};
}

Bytes text(const std::string& s) { return build::to_bytes(std::string_view(s)); }

// An HTTP/1.1 request of 150 to 700 bytes.
Bytes http_request(Random& random, std::uint32_t n) {
  std::string request = "GET /static/" + std::to_string(n % 9973) + "/page.html?v=" + std::to_string(random.next() % 100000) +
                        " HTTP/1.1\r\nHost: www" + std::to_string(n % 50) +
                        ".example.com\r\nUser-Agent: pktdoc-bench/1.0\r\nAccept: text/html,*/*\r\n";
  const std::uint32_t cookies = random.between(0, 10);
  for (std::uint32_t i = 0; i < cookies; ++i) request += "Cookie: session" + std::to_string(i) + "=0123456789abcdef0123456789\r\n";
  request += "\r\n";
  return text(request);
}

// An HTTP/1.1 response: headers and a body of `body` bytes of HTML-like text.
Bytes http_response(std::uint32_t body, std::uint32_t n) {
  std::string response = "HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                         std::to_string(body) + "\r\n\r\n";
  static const std::string filler = "<p>The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs.</p>\n";
  response.reserve(response.size() + body);
  for (std::uint32_t i = 0; i < body; ++i) response += filler[(i + n) % filler.size()];
  return text(response);
}

// Response sizes: mostly small, some medium, a few large, as on a web link.
std::uint32_t response_size(Random& random) {
  const std::uint32_t pick = random.between(0, 99);
  if (pick < 70) return random.between(200, 2000);
  if (pick < 95) return random.between(2000, 8000);
  return random.between(8000, 40000);
}

// One HTTP exchange over a TCP connection, every frame in capture order. 1 in 20 connections
// has two adjacent data segments swapped, 1 in 25 has a segment retransmitted; acknowledgments
// every two segments, each for the data before it.
std::vector<Bytes> tcp_flow(Random& random, std::uint32_t n) {
  constexpr std::uint16_t ack = pktdoc::tcp_flag::ack, psh_ack = pktdoc::tcp_flag::psh | pktdoc::tcp_flag::ack,
                          fin_ack = pktdoc::tcp_flag::fin | pktdoc::tcp_flag::ack;
  const bool ipv6 = random.chance(120);
  const std::uint32_t client = random.between(0, 60000), server = random.between(0, 60000);
  build::Path path{.link = ethernet(client, 0xFFFF00 | (server % 250))};
  if (ipv6) path.ip = build::Ipv6{.source = v6(0xc, client), .destination = v6(0x5, server)};
  else path.ip = build::Ipv4{.source = client_v4(client), .destination = server_v4(server), .identification = static_cast<std::uint16_t>(n)};
  const auto client_port = static_cast<std::uint16_t>(1024 + n % 60000);
  const std::uint16_t server_port = random.chance(800) ? 80 : 8080;
  build::TcpConnection connection(path, build::TcpPeer{.port = client_port, .initial_sequence_number = static_cast<std::uint32_t>(random.next())},
                                  build::TcpPeer{.port = server_port, .initial_sequence_number = static_cast<std::uint32_t>(random.next())});
  const std::size_t mss = ipv6 ? 1440 : 1460;
  std::vector<Bytes> frames = connection.open();
  const Bytes request = http_request(random, n);
  const Bytes response = http_response(response_size(random), n);
  const auto request_length = static_cast<std::uint32_t>(request.size());
  frames.push_back(connection.segment(build::TcpSide::client, 0, build::view(request), psh_ack, 0));
  frames.push_back(connection.segment(build::TcpSide::server, 0, {}, ack, request_length));

  std::vector<Bytes> data;
  std::vector<std::uint32_t> ends;
  for (std::size_t offset = 0; offset < response.size(); offset += mss) {
    const std::size_t length = std::min(mss, response.size() - offset);
    const bool last = offset + length == response.size();
    data.push_back(connection.segment(build::TcpSide::server, static_cast<std::uint32_t>(offset),
                                      build::view(response).subspan(offset, length), last ? psh_ack : ack, request_length));
    ends.push_back(static_cast<std::uint32_t>(offset + length));
  }
  const bool swap = data.size() >= 2 && random.chance(50);
  const std::size_t swapped = swap ? random.between(0, static_cast<std::uint32_t>(data.size() - 2)) : 0;
  const bool retransmit = random.chance(40);
  const std::size_t repeated = retransmit ? random.between(0, static_cast<std::uint32_t>(data.size() - 1)) : 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const std::size_t at = swap && i == swapped ? i + 1 : swap && i == swapped + 1 ? i - 1 : i;
    frames.push_back(data[at]);
    if (retransmit && i == repeated) frames.push_back(data[at]);
    if (i % 2 == 1 || i + 1 == data.size())
      frames.push_back(connection.segment(build::TcpSide::client, request_length, {}, ack, ends[std::max(i, at)]));
  }
  const auto response_length = static_cast<std::uint32_t>(response.size());
  frames.push_back(connection.segment(build::TcpSide::client, request_length, {}, fin_ack, response_length));
  frames.push_back(connection.segment(build::TcpSide::server, response_length, {}, fin_ack, request_length + 1));
  frames.push_back(connection.segment(build::TcpSide::client, request_length + 1, {}, ack, response_length + 1));
  return frames;
}

// A DNS query over UDP and its response with 1 to 4 answers; 1 in 8 over IPv6.
std::vector<Bytes> dns_flow(Random& random, std::uint32_t n) {
  const bool ipv6 = random.chance(125);
  const std::uint32_t client = random.between(0, 60000);
  build::Path path{.link = ethernet(client, 0xFFFF01)};
  if (ipv6) path.ip = build::Ipv6{.source = v6(0xc, client), .destination = v6(0xd, 53)};
  else path.ip = build::Ipv4{.source = client_v4(client), .destination = other_v4(53), .identification = static_cast<std::uint16_t>(n)};
  const std::string name = "host" + std::to_string(n % 5000) + ".zone" + std::to_string(n % 37) + ".example.com";
  const bool aaaa = random.chance(300);
  const auto query = build::DnsMessage::query(static_cast<std::uint16_t>(random.next()), name, aaaa ? pktdoc::DnsType::aaaa : pktdoc::DnsType::a);
  build::DnsMessage response = build::DnsMessage::response_to(query);
  const std::uint32_t answers = random.between(1, 4);
  if (answers > 1) response.answers.push_back(build::DnsRecord::cname(name, "cdn" + std::to_string(n % 11) + ".example.net"));
  for (std::uint32_t i = 1; i < answers; ++i) {
    if (aaaa) response.answers.push_back(build::DnsRecord::aaaa(name, v6(0x5, n + i)));
    else response.answers.push_back(build::DnsRecord::a(name, server_v4(n + i)));
  }
  const auto port = static_cast<std::uint16_t>(1024 + random.between(0, 60000));
  std::vector<Bytes> frames;
  frames.push_back(path.frame(build::Udp{.source_port = port, .destination_port = 53}, build::view(query.encode())));
  frames.push_back(path.reversed().frame(build::Udp{.source_port = 53, .destination_port = port}, build::view(response.encode())));
  return frames;
}

// A UDP datagram of 2000 to 6000 bytes in fragments (MTU 1500), 1 in 4 over IPv6; 1 in 5 sent
// last fragment first.
std::vector<Bytes> fragment_flow(Random& random, std::uint32_t n) {
  const bool ipv6 = random.chance(250);
  const std::uint32_t host = random.between(0, 60000);
  build::Path path{.link = ethernet(host, 0xFFFF02)};
  if (ipv6) path.ip = build::Ipv6{.source = v6(0xc, host), .destination = v6(0x5, n)};
  else path.ip = build::Ipv4{.source = client_v4(host), .destination = other_v4(n)};
  Bytes payload(random.between(2000, 6000));
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<std::byte>((i * 7 + n) & 0xff);
  const Bytes packet = path.packet(build::Udp{.source_port = 4000, .destination_port = 4001}, build::view(payload));
  std::vector<Bytes> frames;
  for (const Bytes& piece : build::fragment(build::view(packet), 1500, n)) frames.push_back(path.link.frame(build::view(piece)));
  if (random.chance(200)) std::reverse(frames.begin(), frames.end());
  return frames;
}

// An ARP request and its reply.
std::vector<Bytes> arp_flow(Random& random, std::uint32_t n) {
  const std::uint32_t asker = random.between(0, 60000), owner = n % 250;
  const build::Link broadcast{.destination = pktdoc::MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}, .source = mac(asker)};
  std::vector<Bytes> frames;
  frames.push_back(broadcast.frame(build::view(build::Arp::request(mac(asker), client_v4(asker), other_v4(owner)).packet()),
                                   pktdoc::ether_type::arp));
  frames.push_back(ethernet(0xFFFE00 | owner, asker)
                       .frame(build::view(build::Arp::reply(mac(0xFFFE00 | owner), other_v4(owner), mac(asker), client_v4(asker)).packet()),
                              pktdoc::ether_type::arp));
  return frames;
}

// An ICMP echo and its reply; 1 in 4 a port unreachable quoting a UDP datagram instead.
std::vector<Bytes> icmp_flow(Random& random, std::uint32_t n) {
  const std::uint32_t host = random.between(0, 60000);
  const build::Path path{.link = ethernet(host, 0xFFFF03), .ip = build::Ipv4{.source = client_v4(host), .destination = other_v4(n)}};
  std::vector<Bytes> frames;
  if (random.chance(250)) {
    const Bytes probe = path.packet(build::Udp{.source_port = 33434, .destination_port = 33435}, build::view(text("probe")));
    frames.push_back(path.link.frame(build::view(probe)));
    frames.push_back(path.reversed().frame(build::Icmp::destination_unreachable(pktdoc::IcmpUnreachableCode::port_unreachable, build::view(probe))));
    return frames;
  }
  Bytes data(56);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::byte>(i + 0x10);
  const auto sequence = static_cast<std::uint16_t>(n);
  frames.push_back(path.frame(build::Icmp::echo_request(0x4242, sequence, build::view(data))));
  frames.push_back(path.reversed().frame(build::Icmp::echo_reply(0x4242, sequence, build::view(data))));
  return frames;
}

// An SCTP DATA chunk of 100 to 1000 bytes and its SACK, on one of a few associations.
std::vector<Bytes> sctp_flow(Random& random, std::uint32_t n) {
  const std::uint32_t association = n % 8;
  const build::Path path{.link = ethernet(0xFFFD00 | association, 0xFFFF04),
                         .ip = build::Ipv4{.source = other_v4(100 + association), .destination = other_v4(200)}};
  Bytes message(random.between(100, 1000));
  for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<std::byte>('A' + (i + n) % 26);
  const std::uint32_t tsn = 1000 + n;
  build::Sctp data{.source_port = 2905, .destination_port = 2905, .verification_tag = 0x1000 + association};
  data.chunks.push_back(build::SctpChunk::data(tsn, 0, static_cast<std::uint16_t>(n), 3, build::view(message)));
  build::Sctp sack{.source_port = 2905, .destination_port = 2905, .verification_tag = 0x2000 + association};
  sack.chunks.push_back(build::SctpChunk::sack(tsn, 106496));
  return {path.frame(data), path.reversed().frame(sack)};
}

// [generator-mix]
// What starts when a flow ends, per thousand: TCP connections carry most frames; the rest are
// short exchanges of the other protocols.
struct Kind {
  std::vector<Bytes> (*make)(Random&, std::uint32_t);
  std::uint32_t per_thousand;
};
constexpr Kind kinds[] = {{tcp_flow, 420}, {dns_flow, 380}, {fragment_flow, 40}, {arp_flow, 50},
                          {icmp_flow, 60},  {sctp_flow, 50}};
constexpr std::size_t concurrent_flows = 256;  // flows in progress at once, interleaved frame by frame
// [generator-mix]

int generate(const std::string& out, std::uint64_t wanted, std::uint64_t seed) {
  auto writer = pktdoc::CaptureWriter::open(out, pktdoc::LinkType::ethernet);
  if (!writer.ok()) {
    std::fprintf(stderr, "make_large_capture: %s\n", writer.error().c_str());
    return 1;
  }
  Random random{seed};
  std::vector<std::deque<Bytes>> flows(concurrent_flows);
  std::uint32_t started = 0;
  auto start = [&](std::deque<Bytes>& flow) {
    std::uint32_t pick = random.between(0, 999);
    for (const Kind& kind : kinds) {
      if (pick < kind.per_thousand || &kind == &kinds[std::size(kinds) - 1]) {
        for (Bytes& frame : kind.make(random, started++)) flow.push_back(std::move(frame));
        return;
      }
      pick -= kind.per_thousand;
    }
  };
  pktdoc::Timestamp now{1704067200, 0};  // 2024-01-01 00:00:00 UTC
  std::uint64_t written = 0;
  while (written < wanted) {
    std::deque<Bytes>& flow = flows[random.next() % flows.size()];
    if (flow.empty()) start(flow);
    now.nanoseconds += random.between(1, 60) * 1000;
    if (now.nanoseconds >= 1000000000) {
      now.nanoseconds -= 1000000000;
      ++now.seconds;
    }
    if (!writer.write(now, build::view(flow.front()))) break;
    flow.pop_front();
    ++written;
  }
  // Unfinished flows are left unfinished, as in any capture that stops.
  if (!writer.close()) {
    std::fprintf(stderr, "make_large_capture: %s\n", writer.error().c_str());
    return 1;
  }
  std::printf("%s: %" PRIu64 " frames, %" PRIu64 " bytes, %u flows started\n", out.c_str(), writer.frames_written(),
              writer.bytes_written(), started);
  return 0;
}

int concatenate(const std::string& out, std::uint64_t wanted, const std::vector<std::string>& inputs) {
  // Read the Ethernet captures once, then write them again and again.
  struct Stored {
    pktdoc::Timestamp timestamp;
    std::uint32_t original_length;
    Bytes bytes;
  };
  std::vector<Stored> frames;
  for (const std::string& path : inputs) {
    auto capture = pktdoc::CaptureReader::open_file(path);
    if (!capture.ok()) {
      std::fprintf(stderr, "make_large_capture: %s\n", capture.error().c_str());
      continue;
    }
    if (capture.link_type() != pktdoc::LinkType::ethernet) continue;
    pktdoc::Frame frame;
    while (capture.next(frame) == pktdoc::ReadStatus::frame)
      frames.push_back(Stored{frame.timestamp, frame.original_length, Bytes(frame.bytes.begin(), frame.bytes.end())});
  }
  if (frames.empty()) {
    std::fprintf(stderr, "make_large_capture: no Ethernet frames in the inputs\n");
    return 1;
  }
  auto writer = pktdoc::CaptureWriter::open(out, pktdoc::LinkType::ethernet);
  if (!writer.ok()) {
    std::fprintf(stderr, "make_large_capture: %s\n", writer.error().c_str());
    return 1;
  }
  std::int64_t shift = 0;
  std::uint64_t written = 0;
  while (written < wanted) {
    for (const Stored& frame : frames) {
      writer.write(pktdoc::Timestamp{frame.timestamp.seconds + shift, frame.timestamp.nanoseconds}, build::view(frame.bytes),
                   frame.original_length);
      ++written;
    }
    shift += 3600;  // each repetition an hour later
  }
  if (!writer.close()) {
    std::fprintf(stderr, "make_large_capture: %s\n", writer.error().c_str());
    return 1;
  }
  std::printf("%s: %" PRIu64 " frames, %" PRIu64 " bytes, from %zu frames repeated\n", out.c_str(), writer.frames_written(),
              writer.bytes_written(), frames.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc >= 5 && std::string(argv[1]) == "--concat")
      return concatenate(argv[2], std::strtoull(argv[3], nullptr, 10), std::vector<std::string>(argv + 4, argv + argc));
    if (argc >= 2 && argc <= 4 && argv[1][0] != '-')
      return generate(argv[1], argc >= 3 ? std::strtoull(argv[2], nullptr, 10) : 1000000,
                      argc >= 4 ? std::strtoull(argv[3], nullptr, 10) : 2024);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "make_large_capture: %s\n", error.what());
    return 1;
  }
  std::fputs("usage: make_large_capture OUT.pcap [FRAMES [SEED]]\n"
             "       make_large_capture --concat OUT.pcap FRAMES FILE...\n",
             stderr);
  return 2;
}
