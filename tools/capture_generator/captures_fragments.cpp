// IP fragmentation: UDP datagrams larger than the path MTU, over IPv6 (complete, and one that can
// never be reassembled) and over IPv4 (fragments arriving out of order).
#include <cstdio>

#include "generator.hpp"
#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/builder/icmp_builder.hpp"
#include "pktdoc/builder/icmpv6_builder.hpp"

namespace gen {

namespace {

namespace build = pktdoc::build;

// The UDP payload of a test datagram: numbered lines of text, so that a reader of a hex dump can
// tell where in the datagram a fragment's bytes belong.
std::string datagram_text(int datagram, std::size_t size) {
  std::string text;
  for (int line = 0; text.size() < size; ++line) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "datagram %d line %04d: pktdoc sends this text to show IP fragmentation.\n",
                  datagram, line);
    text += buffer;
  }
  text.resize(size);
  return text;
}

// What Linux ping puts in an echo: 8 bytes of the send time, then bytes counting up from 0x10.
Bytes ping_data(std::size_t size, std::uint32_t seconds, std::uint32_t micros) {
  Bytes data(size);
  for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<std::byte>(0x10 + i);
  for (int i = 0; i < 4 && i < static_cast<int>(size); ++i) data[static_cast<std::size_t>(i)] = static_cast<std::byte>(seconds >> (8 * i));
  for (int i = 0; i < 4 && i + 4 < static_cast<int>(size); ++i)
    data[static_cast<std::size_t>(i + 4)] = static_cast<std::byte>(micros >> (8 * i));
  return data;
}

const build::Link raw_ip{.type = pktdoc::LinkType::raw};

// 4008-byte UDP datagrams (4000 bytes of data) sent over an IPv6 tunnel whose MTU is the IPv6
// minimum, 1280 bytes: each crosses as four fragments, 1232 + 1232 + 1232 + 312 bytes of the
// fragmentable part. Captured on the sender, on the tunnel interface (raw IP, link type 101), as
// udp_sender does it; the tunnel's far end pings the sender every few seconds.
void write_ipv6_4000(const std::string& directory) {
  const std::string name = "ipv6_udp_4000_byte_fragments.pcap";
  CaptureFile capture(directory, name, pktdoc::LinkType::raw, epoch_2011_05_01 + 22 * 3600 + 26 * 60);
  const build::Ipv6 to_receiver{.source = ipv6("2001:db8:b:7::2"), .destination = ipv6("2001:db8:c:3::5")};
  const build::Ipv6 from_tunnel_end{.source = ipv6("2001:db8:b:7::1"), .destination = ipv6("2001:db8:b:7::2")};

  struct Event {
    Micros at;
    int datagram;  // 0: a ping
  };
  const Event events[] = {{0, 1},
                          {6'956'934, 2},
                          {8'635'917, 0},
                          {17'231'713, 0},
                          {21'402'551, 3},
                          {25'724'007, 0},
                          {34'316'728, 0},
                          {35'917'306, 4},
                          {42'736'722, 0}};
  std::uint16_t ping_sequence = 264;
  std::uint16_t source_port = 38561;
  for (const Event& event : events) {
    capture.wait(event.at - capture.elapsed());
    if (event.datagram > 0) {
      const Bytes packet = to_receiver.packet(build::Udp{.source_port = source_port++, .destination_port = 41005},
                                              bytes_of(datagram_text(event.datagram, 4000)));
      bool first = true;
      for (const Bytes& fragment : build::fragment(build::view(packet), 1280, 0x100 + static_cast<unsigned>(event.datagram))) {
        if (!first) capture.wait(2 + (capture.elapsed() % 7));
        first = false;
        capture.write(raw_ip.frame(build::view(fragment)));
      }
    } else {
      const Bytes data = ping_data(56, static_cast<std::uint32_t>(epoch_2011_05_01 + capture.stamp() / sec), 0);
      capture.write(raw_ip.frame(
          build::view(from_tunnel_end.packet(build::Icmpv6::echo_request(0x4d2e, ping_sequence, build::view(data))))));
      capture.wait(24 + ping_sequence % 9);
      capture.write(raw_ip.frame(build::view(
          build::Ipv6{.source = from_tunnel_end.destination, .destination = from_tunnel_end.source}.packet(
              build::Icmpv6::echo_reply(0x4d2e, ping_sequence, build::view(data))))));
      ping_sequence = static_cast<std::uint16_t>(ping_sequence + 557);
    }
  }
  capture.close();
}

// A 60008-byte UDP datagram over the same tunnel: 49 fragments, of which the capture holds 39.
// It starts with the receiver's ICMPv6 Time Exceeded (fragment reassembly time exceeded, RFC
// 8200 section 4.5) about the previous attempt, quoting that attempt's first fragment as it
// arrived (hop limit 46 after 18 routers); the ten fragments 31 to 40 of this attempt are not in
// the capture (the capture dropped them, as tcpdump reports "packets dropped by kernel" on a
// burst), so the datagram can never be reassembled from it.
void write_ipv6_60000(const std::string& directory) {
  const std::string name = "ipv6_udp_60000_byte_missing_fragments.pcap";
  CaptureFile capture(directory, name, pktdoc::LinkType::raw, epoch_2011_05_01 + 22 * 3600 + 31 * 60 + 17);
  const build::Ipv6 to_receiver{.source = ipv6("2001:db8:b:7::2"), .destination = ipv6("2001:db8:c:3::5")};
  const std::string payload = datagram_text(7, 60000);

  // The previous attempt's first fragment, as the receiver got it.
  build::Ipv6 arrived = to_receiver;
  arrived.hop_limit = 46;
  const Bytes earlier = arrived.packet(build::Udp{.source_port = 38568, .destination_port = 41005},
                                       bytes_of(datagram_text(6, 60000)));
  const Bytes earlier_first = build::fragment(build::view(earlier), 1280, 6).front();
  build::Ipv6 error_path{.source = to_receiver.destination, .destination = to_receiver.source};
  error_path.hop_limit = 58;
  capture.write(raw_ip.frame(build::view(error_path.packet(build::Icmpv6::time_exceeded(
      pktdoc::Icmpv6TimeExceededCode::fragment_reassembly_time_exceeded, build::view(earlier_first))))));

  capture.wait(3 * sec + 605'183);
  const Bytes packet = to_receiver.packet(build::Udp{.source_port = 38569, .destination_port = 41005}, bytes_of(payload));
  const std::vector<Bytes> fragments = build::fragment(build::view(packet), 1280, 7);
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    if (i > 0) capture.wait(1 + static_cast<Micros>(i % 3));
    if (i >= 31 && i <= 40) continue;  // dropped by the capture
    capture.write(raw_ip.frame(build::view(fragments[i])));
  }
  capture.close();
}

// UDP datagrams of 4000 bytes over IPv4 and Ethernet (MTU 1500: fragments of 1480, 1480 and 1048
// bytes of data), captured on the receiver, where they arrive out of order: the sender's path
// splits them over two links of different delay. Then a 3000-byte ping, fragmented both ways.
void write_ipv4_out_of_order(const std::string& directory) {
  const std::string name = "ipv4_fragments_out_of_order.pcap";
  CaptureFile capture(directory, name, pktdoc::LinkType::ethernet, epoch_2011_05_01 + 14 * 3600 + 5 * 60);
  const auto router_mac = mac("02:00:5e:00:64:01");
  const auto receiver_mac = mac("02:00:5e:00:64:05");
  const build::Link inbound{.destination = receiver_mac, .source = router_mac};
  const build::Link outbound{.destination = router_mac, .source = receiver_mac};
  build::Ipv4 from_sender{.source = ipv4("192.0.2.10"), .destination = ipv4("198.51.100.5"), .ttl = 61};

  std::uint16_t identification = 0x3c10;
  auto fragments_of = [&](int datagram, std::uint16_t source_port) {
    from_sender.identification = identification++;
    const Bytes packet = from_sender.packet(build::Udp{.source_port = source_port, .destination_port = 41005},
                                            bytes_of(datagram_text(datagram, 4000)));
    return build::fragment(build::view(packet), 1500);
  };
  auto send = [&](const Bytes& fragment, Micros after) {
    capture.wait(after);
    capture.write(inbound.frame(build::view(fragment)));
  };

  // 1: in order.
  auto d1 = fragments_of(1, 40001);
  send(d1[0], 0);
  send(d1[1], 121);
  send(d1[2], 118);
  // 2: last first, as Linux 2.4 sent them, then the middle, then the first.
  auto d2 = fragments_of(2, 40001);
  send(d2[2], 1 * sec + 3'215);
  send(d2[1], 87);
  send(d2[0], 122);
  // 3: the middle one first.
  auto d3 = fragments_of(3, 40001);
  send(d3[1], 1 * sec + 8'804);
  send(d3[0], 64);
  send(d3[2], 133);
  // 4 and 5: two datagrams interleaved, each out of order.
  auto d4 = fragments_of(4, 40001);
  auto d5 = fragments_of(5, 40002);
  send(d4[0], 1 * sec + 2'390);
  send(d5[2], 45);
  send(d4[2], 110);
  send(d5[0], 98);
  send(d4[1], 121);
  send(d5[1], 117);

  // A ping with 3000 bytes of data (ping -s 3000, 3008 bytes of ICMP): the request arrives in
  // three fragments, the last first; the reply leaves in three, in order.
  const Bytes data = ping_data(3000, static_cast<std::uint32_t>(epoch_2011_05_01 + 14 * 3600 + 5 * 60 + 5), 104'233);
  from_sender.identification = identification++;
  const Bytes request = from_sender.packet(build::Icmp::echo_request(0x0b7e, 1, build::view(data)));
  const auto request_fragments = build::fragment(build::view(request), 1500);
  send(request_fragments[2], 1 * sec + 511'422);
  send(request_fragments[0], 71);
  send(request_fragments[1], 119);
  const build::Ipv4 reply_path{.source = from_sender.destination, .destination = from_sender.source,
                               .identification = 0x81a4};
  const Bytes reply = reply_path.packet(build::Icmp::echo_reply(0x0b7e, 1, build::view(data)));
  Micros after = 52;
  for (const Bytes& fragment : build::fragment(build::view(reply), 1500)) {
    capture.wait(after);
    capture.write(outbound.frame(build::view(fragment)));
    after = 9;
  }
  capture.close();
}

}  // namespace

std::vector<Recipe> fragment_recipes() {
  return {{"ipv6_udp_4000_byte_fragments.pcap",
           "4008-byte UDP datagrams over an IPv6 tunnel (raw IP), four fragments each, with pings", write_ipv6_4000},
          {"ipv6_udp_60000_byte_missing_fragments.pcap",
           "ICMPv6 fragment reassembly time exceeded, then 39 of the 49 fragments of a 60008-byte UDP datagram",
           write_ipv6_60000},
          {"ipv4_fragments_out_of_order.pcap",
           "4008-byte UDP datagrams and a 3008-byte ping over IPv4 whose fragments arrive out of order",
           write_ipv4_out_of_order}};
}

}  // namespace gen
