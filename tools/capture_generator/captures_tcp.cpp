// TCP: a connection over a long IPv6 path, and a bulk transfer whose segments arrive out of
// order, get lost and retransmitted, and overlap.
#include "content.hpp"
#include "generator.hpp"

namespace gen {

namespace {

namespace build = pktdoc::build;
using Side = TcpFlow::Side;
using pktdoc::tcp_flag::ack;
using pktdoc::tcp_flag::psh;

// A line-echo service on port 41007 reached over an IPv6 tunnel (raw IP, MSS 1220 on the
// client's side, 1440 on the server's) with a round trip of about 225 ms, captured on the
// client. The capture starts as an earlier connection closes (its last three segments: FIN,
// FIN, ACK, so the capture never saw its start), then a new connection sends one short line,
// waits two minutes, sends 3753 bytes in four segments that the service echoes back as it
// reads them, and closes.
void write_tcp_ipv6_wan(const std::string& directory) {
  CaptureFile capture(directory, "tcp_ipv6_wan.pcap", pktdoc::LinkType::raw, epoch_2011_05_01 + 23 * 3600 + 2 * 60 + 9);
  const build::Link raw_ip{.type = pktdoc::LinkType::raw};
  const build::Path to_server{.link = raw_ip,
                              .ip = build::Ipv6{.source = ipv6("2001:db8:b:7::2"), .destination = ipv6("2001:db8:c:3::5")}};
  const build::Path to_client{.link = raw_ip,
                              .ip = build::Ipv6{.source = ipv6("2001:db8:c:3::5"), .destination = ipv6("2001:db8:b:7::2"),
                                                .hop_limit = 53}};
  auto client = [&](std::uint16_t port, std::uint32_t isn) {
    return TcpEnd{.path = to_server, .port = port, .initial_sequence_number = isn, .mss = 1220, .window_shift = 6,
                  .timestamp_base = 6627301U, .timestamp_hz = 250, .syn_window = 4880, .window = 77};
  };
  auto server = [&](std::uint32_t isn) {
    return TcpEnd{.path = to_client, .port = 41007, .initial_sequence_number = isn, .mss = 1440, .window_shift = 7,
                  .timestamp_base = 481790744U, .timestamp_hz = 250, .syn_window = 5712, .window = 45};
  };
  const Micros rtt = 224'300;
  {
    // The end of the earlier connection: both sides had exchanged 43 bytes.
    TcpFlow earlier(capture, client(40395, 0x1b873593U), server(0xcc9e2d51U));
    earlier.advance(Side::client, 1 + 43);
    earlier.advance(Side::server, 1 + 43);
    earlier.fin(Side::client);
    capture.wait(rtt + 3'173);
    earlier.fin(Side::server);
    capture.wait(28);
    earlier.ack(Side::client);
  }
  capture.wait(2 * sec + 300'312);
  TcpFlow flow(capture, client(40396, 0x85ebca6bU), server(0xc2b2ae35U));
  flow.syn();
  capture.wait(rtt - 2'082);
  flow.syn_ack();
  capture.wait(32);
  flow.set_window(Side::client, 77);
  flow.ack(Side::client);
  capture.wait(2 * sec + 660'409);
  flow.send(Side::client, "Hi there\n");
  capture.wait(rtt + 2'171);
  flow.set_window(Side::server, 45);
  flow.ack(Side::server);
  capture.wait(216);
  flow.send(Side::server, "Hi there\n");
  capture.wait(13);
  flow.ack(Side::client);

  // Two minutes later, a paste of 3753 bytes: three full segments at once, the rest after the
  // first echo comes back.
  capture.wait(136 * sec + 261'343);
  const std::string text = content::log_lines(3753);
  flow.send(Side::client, bytes_of(std::string_view(text).substr(0, 1208)), ack);
  capture.wait(10);
  flow.send(Side::client, bytes_of(std::string_view(text).substr(1208, 1208)), ack);
  capture.wait(4);
  flow.send(Side::client, bytes_of(std::string_view(text).substr(2416, 1208)));
  capture.wait(rtt + 1'000);
  flow.set_window(Side::server, 64);
  flow.segment_at(Side::server, 9, bytes_of(std::string_view(text).substr(0, 1208)), psh | ack, 9 + 1208);
  flow.advance(Side::server, 1208);
  capture.wait(41);
  flow.set_window(Side::client, 114);
  flow.send(Side::client, bytes_of(std::string_view(text).substr(3624)));
  capture.wait(5'632);
  flow.set_window(Side::server, 83);
  flow.segment_at(Side::server, 9 + 1208, bytes_of(std::string_view(text).substr(1208, 1208)), psh | ack, 9 + 2416);
  flow.advance(Side::server, 1208);
  capture.wait(523);
  flow.set_window(Side::server, 102);
  flow.segment_at(Side::server, 9 + 2416, bytes_of(std::string_view(text).substr(2416, 1208)), psh | ack, 9 + 3624);
  flow.advance(Side::server, 1208);
  capture.wait(15);
  flow.set_window(Side::client, 190);
  flow.ack(Side::client);
  capture.wait(222'021);
  flow.set_window(Side::server, 121);
  flow.send(Side::server, bytes_of(std::string_view(text).substr(3624)));
  capture.wait(41'540);
  flow.set_window(Side::client, 228);
  flow.ack(Side::client);

  // The user ends the session twelve seconds later.
  capture.wait(11 * sec + 769'033);
  flow.fin(Side::client);
  capture.wait(rtt + 750);
  flow.fin(Side::server);
  capture.wait(29);
  flow.ack(Side::client);
  capture.close();
}

// A client fetches a 34000-byte log file from a file service on port 41007 over a busy path,
// and the capture on the client shows what a receiver has to put up with:
//   - segments 6 and 7 arrive swapped (reordering): a duplicate ACK with a SACK block for 7,
//     then an ACK that covers both;
//   - segment 12 is lost before the capture point: three duplicate ACKs with growing SACK
//     blocks as 13, 14 and 15 arrive, then the fast retransmission of 12 (RFC 5681 section 3.2)
//     and an ACK of everything up to 15;
//   - segment 19 is lost and resent in two overlapping pieces: the first covers the second half
//     of 18 (already delivered) and the first half of 19, the second the rest of 19 and the
//     first half of 20 (already received out of order). The overlapping bytes are the same in
//     both copies, as a retransmitting sender's are;
//   - segment 22 arrives twice (a spurious retransmission): the client's duplicate ACK reports it
//     with a D-SACK block (RFC 2883).
// The client then acknowledges the end, the server closes and the client closes.
void write_tcp_out_of_order(const std::string& directory) {
  CaptureFile capture(directory, "tcp_out_of_order_retransmission.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 12 * 3600 + 30 * 60 + 55);
  const auto client_mac = mac("02:00:5e:00:02:0a");
  const auto router_mac = mac("02:00:5e:00:02:01");
  const build::Path to_server{.link = {.destination = router_mac, .source = client_mac},
                              .ip = build::Ipv4{.source = ipv4("192.0.2.10"), .destination = ipv4("198.51.100.9")}};
  const build::Path to_client{.link = {.destination = client_mac, .source = router_mac},
                              .ip = build::Ipv4{.source = ipv4("198.51.100.9"), .destination = ipv4("192.0.2.10"),
                                                .ttl = 57}};
  TcpFlow flow(capture,
               TcpEnd{.path = to_server, .port = 46122, .initial_sequence_number = 0x2d358dccU, .window_shift = 7,
                      .timestamp_base = 7301122U, .timestamp_hz = 1000, .syn_window = 29200, .window = 229,
                      .ipv4_identification = 0x3f20},
               TcpEnd{.path = to_client, .port = 41007, .initial_sequence_number = 0xaa2c7b10U, .window_shift = 7,
                      .timestamp_base = 2288133001U, .timestamp_hz = 1000, .syn_window = 28960, .window = 227,
                      .ipv4_identification = 0x9a01});
  const Micros rtt = 31'200;
  flow.syn();
  capture.wait(rtt);
  flow.syn_ack();
  capture.wait(44);
  flow.ack(Side::client);
  capture.wait(61);
  flow.send(Side::client, "SEND stations.log\r\n");

  constexpr std::uint32_t mss = 1448;
  const std::string file = content::log_lines(34'000);
  const auto segment_count = static_cast<std::uint32_t>((file.size() + mss - 1) / mss);  // 24
  auto piece = [&](std::uint32_t from, std::uint32_t to) {
    return bytes_of(std::string_view(file).substr(from, to - from));
  };
  auto start = [&](std::uint32_t k) { return k * mss; };
  auto end = [&](std::uint32_t k) { return std::min<std::uint32_t>((k + 1) * mss, static_cast<std::uint32_t>(file.size())); };
  auto data = [&](std::uint32_t k) {
    const bool last = k + 1 == segment_count;
    flow.segment_at(Side::server, start(k), piece(start(k), end(k)), last ? psh | ack : ack);
  };
  // The client's window opens as the application reads what is delivered in order, so it grows
  // only with an ACK that moves on: a duplicate ACK carries the same window, or the sender would
  // not count it as a duplicate (RFC 5681 section 2, condition (e)).
  std::uint16_t window = 229;
  std::uint32_t acknowledged = 0;
  auto ack_to = [&](std::uint32_t offset, std::vector<std::pair<std::uint32_t, std::uint32_t>> sack = {}) {
    if (offset > acknowledged) window = static_cast<std::uint16_t>(std::min(window + 22, 1600));
    acknowledged = std::max(acknowledged, offset);
    flow.set_window(Side::client, window);
    flow.ack_at(Side::client, offset, sack);
  };
  const Micros gap = 1'210;  // 1514 bytes at 10 Mbit/s
  auto arrive = [&](std::uint32_t k) {
    capture.wait(gap);
    data(k);
  };

  capture.wait(rtt + 1'700);
  // Flight 1: 0-3, acknowledged every second segment.
  data(0);
  arrive(1);
  capture.wait(16);
  ack_to(end(1));
  arrive(2);
  arrive(3);
  capture.wait(16);
  ack_to(end(3));
  // Flight 2: 4 to 11, with 6 and 7 swapped.
  capture.wait(rtt - 4 * gap);
  data(4);
  arrive(5);
  capture.wait(16);
  ack_to(end(5));
  arrive(7);
  capture.wait(14);
  ack_to(end(5), {{start(7), end(7)}});
  capture.wait(380);
  data(6);
  capture.wait(15);
  ack_to(end(7));
  for (std::uint32_t k = 8; k <= 11; ++k) {
    arrive(k);
    if (k % 2 == 1) {
      capture.wait(16);
      ack_to(end(k));
    }
  }
  // Flight 3: 12 is lost; 13, 14, 15 bring duplicate ACKs.
  capture.wait(rtt - 6 * gap);
  for (std::uint32_t k = 13; k <= 15; ++k) {
    arrive(k);
    capture.wait(15);
    ack_to(start(12), {{start(13), end(k)}});
  }
  // The fast retransmission, one round trip after the third duplicate ACK.
  capture.wait(rtt + 420);
  data(12);
  capture.wait(17);
  ack_to(end(15));
  // 16, 17, 18 arrive; 19 is lost; 20 arrives.
  for (std::uint32_t k = 16; k <= 18; ++k) {
    arrive(k);
    if (k != 17) {
      capture.wait(15);
      ack_to(end(k));
    }
  }
  capture.wait(2 * gap);
  data(20);
  capture.wait(15);
  ack_to(end(18), {{start(20), end(20)}});
  // 19 again, in two overlapping pieces of a full segment each.
  capture.wait(rtt + 3'900);
  const std::uint32_t half18 = start(18) + mss / 2;
  const std::uint32_t half19 = start(19) + mss / 2;
  flow.segment_at(Side::server, half18, piece(half18, half18 + mss), ack);
  capture.wait(15);
  ack_to(half18 + mss, {{start(20), end(20)}});
  capture.wait(gap);
  flow.segment_at(Side::server, half19, piece(half19, half19 + mss), ack);
  capture.wait(15);
  ack_to(end(20));
  // 21 and 22; 22 again, spuriously; then 23, the last.
  arrive(21);
  arrive(22);
  capture.wait(15);
  ack_to(end(22));
  capture.wait(2'400);
  data(22);
  capture.wait(16);
  ack_to(end(22), {{start(22), end(22)}});
  capture.wait(gap - 16);
  data(23);
  flow.advance(Side::server, static_cast<std::uint32_t>(file.size()));
  capture.wait(15);
  ack_to(static_cast<std::uint32_t>(file.size()));
  capture.wait(204);
  flow.fin(Side::server);
  capture.wait(322);
  flow.fin(Side::client);
  capture.wait(rtt + 200);
  flow.ack(Side::server);
  capture.close();
}

}  // namespace

std::vector<Recipe> tcp_recipes() {
  return {{"tcp_ipv6_wan.pcap", "TCP over IPv6 across a WAN (raw IP): the end of one connection, then an echo session",
           write_tcp_ipv6_wan},
          {"tcp_out_of_order_retransmission.pcap",
           "TCP segments out of order, lost and retransmitted, overlapping and duplicated, with SACK and D-SACK",
           write_tcp_out_of_order}};
}

}  // namespace gen
