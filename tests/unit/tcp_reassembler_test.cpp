// TcpReassembler: in-order and out-of-order delivery, the overlap policy, sequence-number
// wraparound, SYN/FIN/RST, connections picked up mid-stream, gaps, Wireshark's numbering,
// every limit reached and reported, memory bounded on hostile input; and the `streams` listing.
//
// Segments are real bytes: IPv4 or IPv6 and TCP headers written by the small builder below (20
// bytes of IP, 20 of TCP, correct checksums), decoded with decode_ip() or decode_packet() and
// fed to the reassembler. The scenarios of the `StreamListing` tests were also written to pcap
// files with the same addresses, ports and sequence numbers and given to tshark 4.0
// (`-z follow,tcp,raw`); the expected lines are what the oracle's `streams` mode printed.
#include "pktdoc/reassembly/tcp_reassembler.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "pktdoc/checksum.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/stream_listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using Bytes = std::vector<std::byte>;

// --- Building segments ------------------------------------------------------------------------

constexpr std::uint16_t FIN = tcp_flag::fin, SYN = tcp_flag::syn, RST = tcp_flag::rst, ACK = tcp_flag::ack;

struct Host {
  std::array<std::uint8_t, 16> address{};
  bool v6 = false;
  std::uint16_t port = 0;
};

Host v4(std::uint32_t address, std::uint16_t port) {
  Host host;
  for (int i = 0; i < 4; ++i)
    host.address[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(address >> (24 - 8 * i));
  host.port = port;
  return host;
}

Host v6(std::uint8_t last, std::uint16_t port) {
  Host host;
  host.v6 = true;
  host.address = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last};
  host.port = port;
  return host;
}

const Host client = v4(0xC0000201, 40000);  // 192.0.2.1:40000
const Host server = v4(0xC6336401, 80);     // 198.51.100.1:80

void put16(Bytes& out, std::size_t at, std::uint32_t value) {
  out[at] = static_cast<std::byte>(value >> 8);
  out[at + 1] = static_cast<std::byte>(value);
}
void put32(Bytes& out, std::size_t at, std::uint32_t value) {
  put16(out, at, value >> 16);
  put16(out, at + 2, value & 0xffff);
}

// An IP packet carrying a TCP segment with a 20-byte header, checksums correct.
Bytes segment(const Host& from, const Host& to, std::uint32_t seq, std::uint32_t ack, std::uint16_t flags,
              std::string_view data = {}) {
  Bytes tcp(20 + data.size());
  put16(tcp, 0, from.port);
  put16(tcp, 2, to.port);
  put32(tcp, 4, seq);
  put32(tcp, 8, ack);
  put16(tcp, 12, 0x5000u | flags);
  put16(tcp, 14, 65535);
  for (std::size_t i = 0; i < data.size(); ++i) tcp[20 + i] = static_cast<std::byte>(data[i]);
  InternetChecksum sum;
  Bytes packet;
  if (!from.v6) {
    Ipv4Address s, d;
    std::copy(from.address.begin(), from.address.begin() + 4, s.bytes.begin());
    std::copy(to.address.begin(), to.address.begin() + 4, d.bytes.begin());
    add_pseudo_header(sum, s, d, 6, static_cast<std::uint16_t>(tcp.size()));
    sum.add(test::view(tcp));
    put16(tcp, 16, sum.finish());
    packet.resize(20);
    put16(packet, 0, 0x4500);
    put16(packet, 2, static_cast<std::uint32_t>(20 + tcp.size()));
    put16(packet, 4, 1);
    put16(packet, 6, 0x4000);
    put16(packet, 8, 0x4006);
    for (std::size_t i = 0; i < 4; ++i) {
      packet[12 + i] = static_cast<std::byte>(s.bytes[i]);
      packet[16 + i] = static_cast<std::byte>(d.bytes[i]);
    }
    put16(packet, 10, internet_checksum(test::view(packet)));
  } else {
    add_pseudo_header(sum, Ipv6Address{from.address}, Ipv6Address{to.address}, 6,
                      static_cast<std::uint32_t>(tcp.size()));
    sum.add(test::view(tcp));
    put16(tcp, 16, sum.finish());
    packet.resize(40);
    put32(packet, 0, 0x60000000);
    put16(packet, 4, static_cast<std::uint32_t>(tcp.size()));
    put16(packet, 6, 0x0640);  // next header 6, hop limit 64
    for (std::size_t i = 0; i < 16; ++i) {
      packet[8 + i] = static_cast<std::byte>(from.address[i]);
      packet[24 + i] = static_cast<std::byte>(to.address[i]);
    }
  }
  packet.insert(packet.end(), tcp.begin(), tcp.end());
  return packet;
}

Timestamp at_seconds(std::int64_t seconds) { return Timestamp{1'000'000'000 + seconds, 0}; }

// Records every event as text, and the bytes of each direction of each stream.
struct Recorder : TcpStreamHandler {
  std::vector<std::string> events;
  std::map<std::uint64_t, std::array<std::string, 2>> bytes;
  std::vector<TcpGap> gaps;
  std::vector<TcpNotice> notices;
  std::map<std::uint64_t, TcpCloseReason> closes;
  std::map<std::uint64_t, TcpConnection*> live;

  static const char* dir(TcpDirection d) { return d == TcpDirection::a_to_b ? "a>b" : "b>a"; }
  void on_open(TcpConnection& c) override {
    events.push_back("open " + std::to_string(c.stream()) + " " + std::string(c.a().to_text().view()));
    live[c.stream()] = &c;
  }
  void on_data(TcpConnection& c, const TcpData& d) override {
    EXPECT_EQ(d.offset, c.flow(d.direction).delivered_bytes + c.flow(d.direction).missing_bytes);
    bytes[c.stream()][static_cast<std::size_t>(d.direction)] += std::string(as_text(d.bytes));
    events.push_back("data " + std::to_string(c.stream()) + " " + dir(d.direction) + " @" + std::to_string(d.offset) +
                     " " + std::string(as_text(d.bytes)));
  }
  void on_gap(TcpConnection& c, const TcpGap& g) override {
    gaps.push_back(g);
    events.push_back("gap " + std::to_string(c.stream()) + " " + dir(g.direction) + " @" + std::to_string(g.offset) +
                     " " + std::to_string(g.length) + " " + std::string(tcp_gap_reason_name(g.reason)));
  }
  void on_notice(TcpConnection& c, const TcpNotice& n) override {
    notices.push_back(n);
    events.push_back("notice " + std::to_string(c.stream()) + " " + dir(n.direction) + " " +
                     std::string(tcp_notice_kind_name(n.kind)) + " " + std::to_string(n.bytes));
  }
  void on_close(TcpConnection& c, TcpCloseReason r) override {
    EXPECT_FALSE(closes.count(c.stream())) << "closed twice";
    closes[c.stream()] = r;
    live.erase(c.stream());
    events.push_back("close " + std::to_string(c.stream()) + " " + std::string(tcp_close_reason_name(r)));
  }
  std::string a2b(std::uint64_t stream = 0) { return bytes[stream][0]; }
  std::string b2a(std::uint64_t stream = 0) { return bytes[stream][1]; }
};

// Feeds packets to a reassembler, one frame each, a millisecond apart.
struct Feeder {
  Recorder recorder;
  TcpReassembler reassembler;
  std::uint64_t frame = 0;
  std::int64_t ms = 0;

  Feeder() : reassembler(recorder) {}
  explicit Feeder(const TcpReassembler::Limits& limits) : reassembler(recorder, limits) {}

  TcpAddResult add(const Bytes& packet, std::int64_t advance_ms = 1) {
    IpLayers layers;
    decode_ip(test::view(packet), layers);
    EXPECT_TRUE(layers.tcp.has_value()) << layers.error.reason;
    ms += advance_ms;
    return reassembler.add(layers, ++frame,
                           Timestamp{1'000'000'000 + ms / 1000, static_cast<std::uint32_t>(ms % 1000) * 1'000'000});
  }
  // Client to server and back, with the usual acknowledgment numbers unless given.
  TcpAddResult c2s(std::uint32_t seq, std::string_view data = {}, std::uint16_t flags = ACK, std::uint32_t ack = 5001) {
    return add(segment(client, server, seq, ack, flags, data));
  }
  TcpAddResult s2c(std::uint32_t seq, std::string_view data = {}, std::uint16_t flags = ACK, std::uint32_t ack = 1001) {
    return add(segment(server, client, seq, ack, flags, data));
  }
  void handshake(std::uint32_t client_isn = 1000, std::uint32_t server_isn = 5000) {
    add(segment(client, server, client_isn, 0, SYN));
    add(segment(server, client, server_isn, client_isn + 1, SYN | ACK));
    add(segment(client, server, client_isn + 1, server_isn + 1, ACK));
  }
};

// --- Endpoints and names ----------------------------------------------------------------------

TEST(TcpEndpoint, TextAsWiresharkNamesNodes) {
  EXPECT_EQ(TcpEndpoint::from(Ipv4Address{{192, 0, 2, 1}}, 80).to_text().view(), "192.0.2.1:80");
  EXPECT_EQ(TcpEndpoint::from(*Ipv6Address::parse("2001:db8::1"), 65535).to_text().view(), "[2001:db8::1]:65535");
  EXPECT_EQ(TcpEndpoint{}.to_text().view(), ":0");
  EXPECT_EQ(TcpEndpoint::from(Ipv4Address{{192, 0, 2, 1}}, 0).to_text().view(), "192.0.2.1:0");
  const auto longest = TcpEndpoint::from(*Ipv6Address::parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 65535);
  EXPECT_EQ(longest.to_text().view(), "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535");
  EXPECT_EQ(TcpEndpoint::from(Ipv4Address{{192, 0, 2, 1}}, 80).ipv4(), (Ipv4Address{{192, 0, 2, 1}}));
  EXPECT_FALSE(TcpEndpoint::from(Ipv4Address{{192, 0, 2, 1}}, 80).ipv6().has_value());
}

TEST(TcpReassembler, NamesOfReasons) {
  EXPECT_EQ(tcp_gap_reason_name(TcpGapReason::acknowledged), "acknowledged");
  EXPECT_EQ(tcp_gap_reason_name(TcpGapReason::end_of_input), "end_of_input");
  EXPECT_EQ(tcp_close_reason_name(TcpCloseReason::reset), "reset");
  EXPECT_EQ(tcp_notice_kind_name(TcpNoticeKind::outside_window), "outside_window");
  EXPECT_EQ(tcp_gap_reason_name(static_cast<TcpGapReason>(200)), "unknown");
}

// --- In order, out of order, overlaps -----------------------------------------------------------

TEST(TcpReassembler, HandshakeDataAndFinsInOrder) {
  Feeder f;
  f.handshake();
  f.c2s(1001, "GET / HTTP/1.0\r\n\r\n");
  f.s2c(5001, "HTTP/1.0 200 OK\r\n", ACK, 1019);
  f.c2s(1019, {}, FIN | ACK, 5018);
  f.s2c(5018, {}, FIN | ACK, 1020);
  EXPECT_EQ(f.recorder.events, (std::vector<std::string>{
                                   "open 0 192.0.2.1:40000",
                                   "data 0 a>b @0 GET / HTTP/1.0\r\n\r\n",
                                   "data 0 b>a @0 HTTP/1.0 200 OK\r\n",
                                   "close 0 fin",
                               }));
  // The last ACK belongs to the closed connection: no new stream, no event.
  EXPECT_EQ(f.c2s(1020, {}, ACK, 5019).stream, 0u);
  EXPECT_EQ(f.recorder.events.size(), 4u);
  EXPECT_EQ(f.reassembler.stats().streams, 1u);
  EXPECT_EQ(f.reassembler.stats().copied_bytes, 0u) << "in-order data is never copied";
}

TEST(TcpReassembler, InOrderDataIsHandedStraightFromThePacket) {
  struct Check : TcpStreamHandler {
    const Bytes* packet = nullptr;
    int calls = 0;
    void on_data(TcpConnection&, const TcpData& data) override {
      ++calls;
      EXPECT_EQ(data.bytes.data(), packet->data() + 40) << "a view of the packet, not a copy";
    }
  } check;
  TcpReassembler reassembler(check);
  for (std::uint32_t i = 0; i < 100; ++i) {
    const Bytes packet = segment(client, server, 1001 + i * 4, 5001, ACK, "abcd");
    check.packet = &packet;
    IpLayers layers;
    decode_ip(test::view(packet), layers);
    reassembler.add(layers, i + 1, at_seconds(0));
  }
  EXPECT_EQ(check.calls, 100);
  EXPECT_EQ(reassembler.stats().copied_bytes, 0u);
  EXPECT_EQ(reassembler.stats().peak_buffered_bytes, 0u);
}

// Every order of five segments (and of a duplicate and an overlapping copy with the same bytes)
// gives the same stream.
TEST(TcpReassembler, EveryPermutationOfFiveSegmentsGivesTheSameBytes) {
  const std::string text = "The quick brown fox jumps over the lazy dog";
  const std::array<std::pair<std::uint32_t, std::uint32_t>, 5> pieces{{{0, 7}, {7, 9}, {16, 10}, {26, 12}, {38, 5}}};
  std::array<int, 5> order{0, 1, 2, 3, 4};
  int permutations = 0;
  do {
    Feeder f;
    f.handshake();
    for (int i : order) {
      const auto [offset, length] = pieces[static_cast<std::size_t>(i)];
      f.c2s(1001 + offset, std::string_view(text).substr(offset, length), ACK, 5001);
    }
    ASSERT_EQ(f.recorder.a2b(), text);
    ASSERT_TRUE(f.recorder.gaps.empty());
    ASSERT_EQ(f.reassembler.stats().buffered_bytes, 0u);
    f.reassembler.finish();
    ++permutations;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(permutations, 120);

  // With overlapping retransmissions that carry the same bytes, every order still agrees.
  const std::array<std::pair<std::uint32_t, std::uint32_t>, 5> overlapping{
      {{0, 12}, {5, 15}, {16, 20}, {30, 13}, {16, 20}}};
  std::array<int, 5> order2{0, 1, 2, 3, 4};
  do {
    Feeder f;
    f.handshake();
    for (int i : order2) {
      const auto [offset, length] = overlapping[static_cast<std::size_t>(i)];
      f.c2s(1001 + offset, std::string_view(text).substr(offset, length), ACK, 5001);
    }
    ASSERT_EQ(f.recorder.a2b(), text);
  } while (std::next_permutation(order2.begin(), order2.end()));
}

// Segments that overlap with different bytes: the segment that reaches the next expected byte
// is taken whole; among held segments, the earliest arrived of those that start at or before
// the next expected byte. tshark 4.0's Follow TCP Stream gives the same bytes (s02 scenario).
TEST(TcpReassembler, OverlapsWithDifferentBytesFollowThePolicy) {
  Feeder f;
  f.handshake();
  f.c2s(1011, "xxxxxxxxxx");                      // held first: 10-20
  f.c2s(1006, "yyyyyyyyyy");                      // held: 5-15
  f.c2s(1001, "aaaaaaaaaa");                      // 0-10 reaches the next byte: taken whole
  f.c2s(1016, "zzzzzzzzzz");                      // 15-25: only 20-25 is new
  f.c2s(1001, "RRRRRRRRRRRRRRRRRRRRRRRRRRRRRR");  // 0-30: only 25-30 is new
  EXPECT_EQ(f.recorder.a2b(), "aaaaaaaaaaxxxxxxxxxxzzzzzRRRRR");
  f.s2c(5001, "0123456789");
  f.s2c(5006, "ABCDEFGHIJ");
  f.s2c(5001, "QQQQQQQQQQQQQQQQQQQQ");
  EXPECT_EQ(f.recorder.b2a(), "0123456789FGHIJQQQQQ");
  const TcpConnection* c = f.recorder.live[0];
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->flow(TcpDirection::a_to_b).delivered_bytes, 30u);
  EXPECT_EQ(c->flow(TcpDirection::a_to_b).retransmitted_bytes, 10u + 5u + 25u);  // y, z and R
}

// Among held segments that all start before the next expected byte, the first to arrive wins
// even when a later one starts earlier.
TEST(TcpReassembler, EarliestArrivedHeldSegmentWins) {
  Feeder f;
  f.handshake();
  f.c2s(1005, "BBBBBBBBBB");  // 4-14, arrives first
  f.c2s(1003, "CCCCCCCCCC");  // 2-12
  f.c2s(1001, "AAAAAA");      // 0-6: now both held segments start before 6
  EXPECT_EQ(f.recorder.a2b(), "AAAAAABBBBBBBB");
}

TEST(TcpReassembler, KeepAlivesAndZeroWindowProbes) {
  Feeder f;
  f.handshake();
  f.c2s(1001, "data");
  f.c2s(1005, "P");     // zero-window probe: new data
  f.c2s(1004, "K");     // keep-alive, one byte below: already delivered
  f.c2s(1004);          // keep-alive without data
  f.c2s(1005, "PQRS");  // the probe's byte again, and three new ones
  EXPECT_EQ(f.recorder.a2b(), "dataPQRS");
  EXPECT_TRUE(f.recorder.gaps.empty());
}

// --- Sequence numbers ---------------------------------------------------------------------------

TEST(TcpReassembler, SequenceNumbersWrapAround) {
  Feeder f;
  f.handshake(0xFFFFFFF0u, 0x7FFFFFF8u);
  f.c2s(0xFFFFFFFBu, "1234567890", ACK, 0x7FFFFFF9u);  // stream offsets 10-20, across 2^32
  f.c2s(0x00000005u, "abcdefghij", ACK, 0x7FFFFFF9u);  // 20-30
  f.c2s(0xFFFFFFF1u, "ABCDEFGHIJ", ACK, 0x7FFFFFF9u);  // 0-10
  f.s2c(0x7FFFFFF9u, "SSSSSSSSSSSSSSSS", ACK, 0xF);    // crosses 2^31, which is not a wrap
  EXPECT_EQ(f.recorder.a2b(), "ABCDEFGHIJ1234567890abcdefghij");
  EXPECT_EQ(f.recorder.b2a(), "SSSSSSSSSSSSSSSS");
  const TcpConnection* c = f.recorder.live[0];
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->flow(TcpDirection::a_to_b).initial_sequence, 0xFFFFFFF1u);
  EXPECT_EQ(c->flow(TcpDirection::a_to_b).next_offset(), 30u);
}

TEST(TcpReassembler, OffsetsKeepGrowingPastFourGibibytes) {
  // Offsets are 64-bit, so a stream may wrap its sequence space any number of times. Sending
  // 6 GiB would be slow: the stream jumps ahead instead, over holes the receiver acknowledges.
  Feeder f;
  f.handshake(100, 5000);
  std::uint64_t offset = 0;
  std::uint32_t seq = 101;
  for (int i = 0; i < 6; ++i) {
    f.c2s(seq, "a");  // 1 byte in order
    ++offset;
    ++seq;
    const std::uint32_t jump = 0x3FFFFFFF;  // just under max_window
    f.c2s(seq + jump, "b");                 // held beyond a hole
    f.s2c(5001, {}, ACK, seq + jump + 1);   // the receiver had the hole
    offset += jump + 1;
    seq += jump + 1;
  }
  const TcpConnection* c = f.recorder.live[0];
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->flow(TcpDirection::a_to_b).next_offset(), offset);
  EXPECT_GT(offset, std::uint64_t{1} << 32);
  EXPECT_EQ(f.recorder.a2b(), "abababababab");
  EXPECT_EQ(f.recorder.gaps.size(), 6u);
  for (const TcpGap& g : f.recorder.gaps) EXPECT_EQ(g.reason, TcpGapReason::acknowledged);
}

// --- SYN, FIN, RST ------------------------------------------------------------------------------

TEST(TcpReassembler, DataOnSynAndSynAck) {
  Feeder f;
  f.add(segment(client, server, 1000, 0, SYN, "hello"));
  f.add(segment(server, client, 5000, 1006, SYN | ACK, "world"));
  f.c2s(1006, {}, ACK, 5006);
  EXPECT_EQ(f.recorder.a2b(), "hello");
  EXPECT_EQ(f.recorder.b2a(), "world");
  EXPECT_TRUE(f.recorder.live[0]->flow(TcpDirection::a_to_b).syn_seen);
}

TEST(TcpReassembler, DataAfterFinIsDroppedAndReported) {
  Feeder f;
  f.handshake();
  f.c2s(1001, "aaaa");
  f.c2s(1005, {}, FIN | ACK);
  f.c2s(1005, "junk");  // at the FIN's own sequence number
  f.c2s(1009, "more");  // beyond it
  EXPECT_EQ(f.recorder.a2b(), "aaaa");
  ASSERT_EQ(f.recorder.notices.size(), 2u);
  EXPECT_EQ(f.recorder.notices[0].kind, TcpNoticeKind::data_after_fin);
  EXPECT_EQ(f.recorder.notices[0].bytes, 4u);
  EXPECT_EQ(f.recorder.notices[1].bytes, 4u);
  EXPECT_TRUE(f.recorder.live[0]->flow(TcpDirection::a_to_b).finished);
  f.s2c(5001, "resp", ACK, 1006);
  f.s2c(5005, {}, FIN | ACK, 1006);
  EXPECT_EQ(f.recorder.closes[0], TcpCloseReason::fin);
  // After the close, new data is reported as such.
  f.s2c(5006, "late", ACK, 1006);
  EXPECT_EQ(f.recorder.notices.back().kind, TcpNoticeKind::data_after_close);
  EXPECT_EQ(f.recorder.b2a(), "resp");
}

TEST(TcpReassembler, HeldDataBeyondALaterFinIsDropped) {
  Feeder f;
  f.handshake();
  f.c2s(1011, "beyond");         // held at 10-16
  f.c2s(1005, "cd", FIN | ACK);  // data at 4-6, FIN at 6
  f.c2s(1001, "abcd");
  EXPECT_EQ(f.recorder.a2b(), "abcdcd");
  ASSERT_EQ(f.recorder.notices.size(), 1u);
  EXPECT_EQ(f.recorder.notices[0].kind, TcpNoticeKind::data_after_fin);
  EXPECT_EQ(f.recorder.notices[0].bytes, 6u);
  EXPECT_EQ(f.reassembler.stats().buffered_bytes, 0u);
}

TEST(TcpReassembler, FinBehindAHoleWaitsForIt) {
  Feeder f;
  f.handshake();
  f.c2s(1001, "aaaa");
  f.c2s(1009, "cccc");
  f.c2s(1013, {}, FIN | ACK);
  EXPECT_FALSE(f.recorder.live[0]->flow(TcpDirection::a_to_b).finished);
  f.c2s(1005, "bbbb");
  EXPECT_TRUE(f.recorder.live[0]->flow(TcpDirection::a_to_b).finished);
  f.s2c(5001, {}, FIN | ACK, 1014);
  EXPECT_EQ(f.recorder.a2b(), "aaaabbbbcccc");
  EXPECT_EQ(f.recorder.closes[0], TcpCloseReason::fin);
}

TEST(TcpReassembler, ResetInTheMiddle) {
  Feeder f;
  f.handshake();
  f.c2s(1001, "aaaa");
  f.c2s(1009, "cccc");  // held behind a hole
  f.s2c(5001, "ssss", ACK, 1005);
  f.s2c(5005, {}, RST | ACK, 1005);
  EXPECT_EQ(f.recorder.closes[0], TcpCloseReason::reset);
  // The hole was given up because of the reset, and what followed it delivered.
  ASSERT_EQ(f.recorder.gaps.size(), 1u);
  EXPECT_EQ(f.recorder.gaps[0].reason, TcpGapReason::reset);
  EXPECT_EQ(f.recorder.gaps[0].offset, 4u);
  EXPECT_EQ(f.recorder.gaps[0].length, 4u);
  EXPECT_EQ(f.recorder.a2b(), "aaaacccc");
  // Data in flight after the reset never reaches anyone.
  f.c2s(1013, "bbbb", ACK, 5005);
  EXPECT_EQ(f.recorder.notices.back().kind, TcpNoticeKind::data_after_close);
  EXPECT_EQ(f.recorder.a2b(), "aaaacccc");
  EXPECT_EQ(f.reassembler.stats().open_connections, 0u);
  EXPECT_EQ(f.reassembler.stats().buffered_bytes, 0u);
}

TEST(TcpReassembler, DataOnAResetIsNotStreamData) {
  Feeder f;
  f.handshake();
  f.s2c(5001, "reset reason", RST | ACK, 1001);
  EXPECT_EQ(f.recorder.b2a(), "");
  ASSERT_EQ(f.recorder.notices.size(), 1u);
  EXPECT_EQ(f.recorder.notices[0].kind, TcpNoticeKind::reset_data);
  EXPECT_EQ(f.recorder.closes[0], TcpCloseReason::reset);
}

// --- Mid-stream, gaps ---------------------------------------------------------------------------

TEST(TcpReassembler, PickedUpInTheMiddle) {
  Feeder f;
  f.c2s(777777, "first", ACK, 999999);     // no SYN: offset 0 is this segment's first byte
  f.s2c(1000004, "later", ACK, 777782);    // the server's first segment fixes its offset 0
  f.s2c(999999, "early", ACK, 777782);     // before it: dropped as already seen
  f.c2s(777770, "before!", ACK, 1000009);  // ends where the first began: dropped
  f.c2s(777782, "second", ACK, 1000009);
  EXPECT_EQ(f.recorder.events.front(), "open 0 192.0.2.1:40000");
  EXPECT_EQ(f.recorder.a2b(), "firstsecond");
  EXPECT_EQ(f.recorder.b2a(), "later");
  EXPECT_FALSE(f.recorder.live[0]->flow(TcpDirection::a_to_b).syn_seen);
  EXPECT_EQ(f.recorder.live[0]->flow(TcpDirection::a_to_b).initial_sequence, 777777u);
}

TEST(TcpReassembler, AcknowledgedHoleIsAGap) {
  Feeder f;
  f.handshake();
  f.c2s(1001, "aaaa");
  f.c2s(1009, "cccc");
  f.c2s(1013, "dddd");
  f.s2c(5001, {}, ACK, 1005);  // acknowledges only what was delivered: keep waiting
  EXPECT_TRUE(f.recorder.gaps.empty());
  f.s2c(5001, {}, ACK, 1009);  // up to the held data, not past its start: keep waiting
  EXPECT_TRUE(f.recorder.gaps.empty());
  f.s2c(5001, {}, ACK, 1017);  // past it: the receiver had 1005-1009, the capture did not
  ASSERT_EQ(f.recorder.gaps.size(), 1u);
  EXPECT_EQ(f.recorder.gaps[0].reason, TcpGapReason::acknowledged);
  EXPECT_EQ(f.recorder.gaps[0].offset, 4u);
  EXPECT_EQ(f.recorder.gaps[0].length, 4u);
  EXPECT_EQ(f.recorder.gaps[0].direction, TcpDirection::a_to_b);
  EXPECT_EQ(f.recorder.a2b(), "aaaaccccdddd");
  EXPECT_EQ(f.recorder.live[0]->flow(TcpDirection::a_to_b).missing_bytes, 4u);
}

TEST(TcpReassembler, AcknowledgmentWithoutTheAckFlagIsIgnored) {
  // RFC 9293 section 3.1: the field is significant only when ACK is set. (tshark 4.0 uses it
  // anyway, in its relative numbering: see the StreamListing tests.)
  Feeder f;
  f.handshake();
  f.c2s(1001, "aaaa");
  f.c2s(1009, "cccc");
  f.s2c(5001, "x", 0, 1500);  // no ACK flag, a large acknowledgment field
  EXPECT_TRUE(f.recorder.gaps.empty());
}

TEST(TcpReassembler, SnapLengthCutIsAGapAndTheStreamGoesOn) {
  Bytes whole = segment(client, server, 1001, 5001, ACK, std::string(100, 'a'));
  Feeder f;
  f.handshake();
  Frame frame;
  frame.number = 10;
  frame.link_type = LinkType::raw;
  frame.original_length = static_cast<std::uint32_t>(whole.size());
  frame.bytes = ByteView(whole.data(), 40 + 60);  // 60 of the 100 data bytes captured
  DecodedPacket packet;
  decode_packet(frame, packet);
  ASSERT_TRUE(packet.ip.tcp.has_value());
  EXPECT_EQ(f.reassembler.add(packet.ip, frame.number, at_seconds(1)).status, TcpAddStatus::segment);
  f.c2s(1101, "bbbb");
  EXPECT_EQ(f.recorder.a2b(), std::string(60, 'a') + "bbbb");
  ASSERT_EQ(f.recorder.gaps.size(), 1u);
  EXPECT_EQ(f.recorder.gaps[0].reason, TcpGapReason::not_captured);
  EXPECT_EQ(f.recorder.gaps[0].offset, 60u);
  EXPECT_EQ(f.recorder.gaps[0].length, 40u);
}

TEST(TcpReassembler, FinishGivesUpHolesAndClosesInStreamOrder) {
  Feeder f;
  f.handshake();
  f.c2s(1001, "aaaa");
  f.c2s(1009, "cccc");
  f.add(segment(v4(0xC0000202, 40001), server, 1, 0, SYN));
  f.reassembler.finish();
  const std::vector<std::string> tail(f.recorder.events.end() - 4, f.recorder.events.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"gap 0 a>b @4 4 end_of_input", "data 0 a>b @8 cccc", "close 0 end_of_input",
                                            "close 1 end_of_input"}));
  EXPECT_EQ(f.reassembler.stats().open_connections, 0u);
  EXPECT_EQ(f.reassembler.stats().buffered_bytes, 0u);
}

TEST(TcpReassembler, IpFragmentsAreNotSegmentsAndOtherPacketsAreIgnored) {
  Feeder f;
  Bytes packet = segment(client, server, 1000, 0, SYN);
  put16(packet, 6, 0x2000);  // More Fragments
  packet[10] = packet[11] = std::byte{0};
  put16(packet, 10, internet_checksum(ByteView(packet.data(), 20)));
  IpLayers layers;
  decode_ip(test::view(packet), layers);
  EXPECT_EQ(f.reassembler.add(layers, 1, at_seconds(0)).status, TcpAddStatus::fragment);
  EXPECT_EQ(f.reassembler.add(IpLayers{}, 2, at_seconds(0)).status, TcpAddStatus::not_tcp);
  EXPECT_EQ(f.reassembler.stats().streams, 0u);
}

TEST(TcpReassembler, Ipv6Connection) {
  Feeder f;
  const Host a = v6(1, 40000), b = v6(2, 443);
  f.add(segment(a, b, 1000, 0, SYN));
  f.add(segment(b, a, 5000, 1001, SYN | ACK));
  f.add(segment(a, b, 1001, 5001, ACK, "over ipv6"));
  EXPECT_EQ(f.recorder.events[0], "open 0 [2001:db8::1]:40000");
  EXPECT_EQ(f.recorder.a2b(), "over ipv6");
}

// --- Numbering ----------------------------------------------------------------------------------

TEST(TcpReassembler, NumberingFollowsWireshark) {
  Feeder f;
  f.handshake(1000, 5000);
  f.c2s(1001, "one");
  f.c2s(1004, {}, FIN | ACK);
  f.s2c(5001, {}, FIN | ACK, 1005);
  f.c2s(1005, {}, ACK, 5002);
  // A SYN with a new initial sequence number: a new stream.
  EXPECT_EQ(f.add(segment(client, server, 20000, 0, SYN)).stream, 1u);
  f.add(segment(server, client, 60000, 20001, SYN | ACK));
  // The same SYN again is a retransmission: the same stream.
  EXPECT_EQ(f.add(segment(client, server, 20000, 0, SYN)).stream, 1u);
  f.add(segment(client, server, 20001, 60001, ACK, "two"));
  // A SYN with another ISN while the connection is open replaces it.
  EXPECT_EQ(f.add(segment(client, server, 30000, 0, SYN)).stream, 2u);
  EXPECT_EQ(f.recorder.closes[1], TcpCloseReason::replaced);
  // A SYN in the other direction on the same ports, with a new ISN: another stream, a = its
  // source. (Only once that direction has a base sequence number, here from the SYN-ACK.)
  f.add(segment(server, client, 70000, 30001, SYN | ACK));
  EXPECT_EQ(f.add(segment(server, client, 90000, 0, SYN)).stream, 3u);
  EXPECT_EQ(f.recorder.events.back(), "open 3 198.51.100.1:80");
  EXPECT_EQ(f.recorder.a2b(0), "one");
  EXPECT_EQ(f.recorder.a2b(1), "two");
  // A RST does not end the numbering: segments after it belong to the same stream.
  f.add(segment(server, client, 90001, 0, RST));
  EXPECT_EQ(f.add(segment(client, server, 123, 90001, ACK, "x")).stream, 3u);
}

TEST(TcpReassembler, IcmpQuotesNumberConnections) {
  // An ICMP destination unreachable from 192.0.2.254 quoting a SYN with its whole header, then
  // one quoting only 8 bytes of TCP (too short to name a connection), then real traffic.
  auto icmp_error = [](const Bytes& quoted, std::size_t keep) {
    Bytes icmp(8);
    icmp[0] = std::byte{3};
    icmp[1] = std::byte{3};
    icmp.insert(icmp.end(), quoted.begin(), quoted.begin() + static_cast<std::ptrdiff_t>(keep));
    put16(icmp, 2, internet_checksum(test::view(icmp)));
    Bytes packet(20);
    put16(packet, 0, 0x4500);
    put16(packet, 2, static_cast<std::uint32_t>(20 + icmp.size()));
    put16(packet, 8, 0x4001);
    const std::array<std::uint8_t, 8> addresses{192, 0, 2, 254, 192, 0, 2, 1};
    for (std::size_t i = 0; i < 8; ++i) packet[12 + i] = static_cast<std::byte>(addresses[i]);
    put16(packet, 10, internet_checksum(test::view(packet)));
    packet.insert(packet.end(), icmp.begin(), icmp.end());
    return packet;
  };
  Recorder recorder;
  TcpReassembler reassembler(recorder);
  std::uint64_t number = 0;
  auto add_frame = [&](const Bytes& bytes) {
    Frame frame;
    frame.number = ++number;
    frame.link_type = LinkType::raw;
    frame.original_length = static_cast<std::uint32_t>(bytes.size());
    frame.bytes = test::view(bytes);
    DecodedPacket packet;
    decode_packet(frame, packet);
    reassembler.add(frame, packet);
  };
  const Host other = v4(0xC6336401, 81);
  add_frame(icmp_error(segment(client, other, 1000, 0, SYN), 40));               // numbers stream 0
  add_frame(icmp_error(segment(client, v4(0xC6336401, 82), 1000, 0, SYN), 28));  // 8 bytes: nothing
  add_frame(icmp_error(segment(client, v4(0xC6336401, 83), 1000, 0, SYN), 36));  // 16 bytes: stream 1
  EXPECT_EQ(reassembler.stats().streams, 2u);
  EXPECT_TRUE(recorder.events.empty()) << "a connection seen only in quotes is not opened";
  add_frame(segment(other, client, 3000, 1001, SYN | ACK));
  add_frame(segment(other, client, 3001, 1001, ACK, "hello"));
  EXPECT_EQ(recorder.events[0], "open 0 198.51.100.1:81");
  EXPECT_EQ(recorder.a2b(0), "hello");
}

// --- Limits -------------------------------------------------------------------------------------

TEST(TcpReassemblerLimits, ConnectionCapEvictsClosedFirstThenLeastRecentlyActive) {
  TcpReassembler::Limits limits;
  limits.max_connections = 3;
  Feeder f(limits);
  for (std::uint16_t port = 1; port <= 3; ++port) f.add(segment(v4(0xC0000201, port), server, 100, 0, SYN));
  f.add(segment(v4(0xC0000201, 1), server, 101, 0, RST));       // stream 0 closes: remembered, closed
  f.add(segment(v4(0xC0000201, 2), server, 101, 0, ACK, "x"));  // stream 1 is now the most recent
  f.add(segment(v4(0xC0000201, 4), server, 100, 0, SYN));       // forgets the closed stream 0
  EXPECT_EQ(f.reassembler.stats().forgotten_connections, 1u);
  EXPECT_EQ(f.reassembler.stats().evicted_connections, 0u);
  f.add(segment(v4(0xC0000201, 5), server, 100, 0, SYN));  // evicts the least recently active: stream 2
  EXPECT_EQ(f.reassembler.stats().evicted_connections, 1u);
  EXPECT_EQ(f.recorder.closes.at(2), TcpCloseReason::evicted);
  EXPECT_EQ(f.reassembler.stats().connections, 3u);
  // An evicted connection's ports start a new stream when they come back.
  EXPECT_EQ(f.add(segment(v4(0xC0000201, 3), server, 101, 0, ACK, "y")).stream, 5u);
}

TEST(TcpReassemblerLimits, BytesPerDirectionCapGivesUpTheEarliestHole) {
  TcpReassembler::Limits limits;
  limits.max_bytes_per_direction = 100;
  Feeder f(limits);
  f.handshake();
  f.c2s(1001, "a");
  for (std::uint32_t i = 0; i < 5; ++i) {  // 40-byte segments, each after a 10-byte hole
    f.c2s(1002 + 10 + i * 50, std::string(40, static_cast<char>('b' + i)));
    EXPECT_LE(f.reassembler.stats().buffered_bytes, 100u);
  }
  // Two segments fit; each later one needs room: the earliest hole is given up and the 40 bytes
  // after it delivered, which leaves room for the newcomer.
  ASSERT_EQ(f.recorder.gaps.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(f.recorder.gaps[i].reason, TcpGapReason::buffer_limit);
    EXPECT_EQ(f.recorder.gaps[i].offset, 1u + 50u * i);
    EXPECT_EQ(f.recorder.gaps[i].length, 10u);
  }
  EXPECT_EQ(f.reassembler.stats().buffer_limit_gaps, 3u);
  EXPECT_EQ(f.reassembler.stats().buffered_bytes, 80u);
  EXPECT_EQ(f.recorder.a2b(), "a" + std::string(40, 'b') + std::string(40, 'c') + std::string(40, 'd'));
}

TEST(TcpReassemblerLimits, SegmentsPerDirectionCap) {
  TcpReassembler::Limits limits;
  limits.max_segments_per_direction = 4;
  Feeder f(limits);
  f.handshake();
  for (std::uint32_t i = 0; i < 10; ++i) {
    f.c2s(1001 + 2 + i * 2, "x");  // 1-byte segments with 1-byte holes
    EXPECT_LE(f.reassembler.stats().buffered_segments, 4u);
  }
  EXPECT_EQ(f.reassembler.stats().buffer_limit_gaps, 6u);
  for (const TcpGap& g : f.recorder.gaps) EXPECT_EQ(g.reason, TcpGapReason::buffer_limit);
}

TEST(TcpReassemblerLimits, TotalBytesCapMakesTheNewcomerPay) {
  TcpReassembler::Limits limits;
  limits.max_buffered_bytes = 150;
  Feeder f(limits);
  f.add(segment(v4(0xC0000201, 1), server, 100, 0, ACK, "a"));
  f.add(segment(v4(0xC0000201, 1), server, 111, 0, ACK, std::string(100, 'h')));  // stream 0 holds 100
  f.add(segment(v4(0xC0000201, 2), server, 100, 0, ACK, "a"));
  f.add(segment(v4(0xC0000201, 2), server, 111, 0, ACK, std::string(100, 'i')));  // would make 200
  EXPECT_LE(f.reassembler.stats().buffered_bytes, 150u);
  ASSERT_EQ(f.recorder.gaps.size(), 1u);
  EXPECT_EQ(f.recorder.gaps[0].reason, TcpGapReason::buffer_limit);
  EXPECT_EQ(f.recorder.b2a(1), "");
  EXPECT_EQ(f.recorder.a2b(1), "a" + std::string(100, 'i'));  // the newcomer stopped waiting
  EXPECT_EQ(f.recorder.a2b(0), "a");                          // the other keeps what it holds
}

TEST(TcpReassemblerLimits, FarOutsideTheWindowIsDroppedAndReported) {
  Feeder f;
  f.handshake();
  f.c2s(1001 + (1u << 30) + 100, "far");
  f.c2s(1001, "near");
  EXPECT_EQ(f.recorder.a2b(), "near");
  ASSERT_EQ(f.recorder.notices.size(), 1u);
  EXPECT_EQ(f.recorder.notices[0].kind, TcpNoticeKind::outside_window);
  EXPECT_EQ(f.reassembler.stats().buffered_bytes, 0u);
}

TEST(TcpReassemblerLimits, IdleTimeoutClosesAndForgets) {
  TcpReassembler::Limits limits;
  limits.idle_timeout = std::chrono::seconds(60);
  Feeder f(limits);
  f.handshake();
  f.c2s(1001, "aaaa");
  f.c2s(1009, "cccc");
  f.reassembler.expire(at_seconds(30));
  EXPECT_TRUE(f.recorder.closes.empty());
  f.reassembler.expire(at_seconds(61));
  ASSERT_EQ(f.recorder.closes.count(0), 1u);
  EXPECT_EQ(f.recorder.closes[0], TcpCloseReason::idle_timeout);
  EXPECT_EQ(f.recorder.gaps.at(0).reason, TcpGapReason::idle_timeout);
  EXPECT_EQ(f.reassembler.stats().timed_out_connections, 1u);
  EXPECT_EQ(f.reassembler.stats().connections, 0u);
  // The same ports afterwards are a new stream (picked up mid-stream).
  EXPECT_EQ(f.c2s(1013, "dddd", ACK, 5001).stream, 1u);
}

TEST(TcpReassemblerLimits, ClosedConnectionsAreRememberedForClosedTimeout) {
  Feeder f;
  f.handshake();
  f.c2s(1001, {}, RST);
  EXPECT_EQ(f.c2s(1001, "x", ACK, 5001).stream, 0u);  // within 240 s: the closed connection
  f.reassembler.expire(at_seconds(300));
  EXPECT_EQ(f.reassembler.stats().connections, 0u);
  EXPECT_EQ(f.reassembler.stats().forgotten_connections, 1u);
  f.ms = 301'000;
  EXPECT_EQ(f.c2s(1001, "x", ACK, 5001).stream, 1u);
}

TEST(TcpReassemblerLimits, HundredThousandSynsStayWithinTheConnectionCap) {
  TcpReassembler::Limits limits;
  limits.max_connections = 10000;
  Feeder f(limits);
  for (std::uint32_t i = 0; i < 100000; ++i) {
    const Host from = v4(0xC0000200 | (i >> 16), static_cast<std::uint16_t>(i));
    f.add(segment(from, server, i * 7919, 0, SYN), 0);
    ASSERT_LE(f.reassembler.stats().connections, limits.max_connections);
  }
  EXPECT_EQ(f.reassembler.stats().streams, 100000u);
  EXPECT_EQ(f.reassembler.stats().peak_connections, 10000u);
  EXPECT_EQ(f.reassembler.stats().evicted_connections, 90000u);
  EXPECT_EQ(f.recorder.closes.size(), 90000u);
  // With the default limits they all fit, and stay under the default cap.
  Feeder g;
  for (std::uint32_t i = 0; i < 100000; ++i)
    g.add(segment(v4(0xC0000200 | (i >> 16), static_cast<std::uint16_t>(i)), server, i, 0, SYN), 0);
  EXPECT_EQ(g.reassembler.stats().connections, 100000u);
  EXPECT_LE(g.reassembler.stats().peak_connections, g.reassembler.limits().max_connections);
}

TEST(TcpReassemblerLimits, HundredThousandSegmentsOutsideTheWindowHoldNothing) {
  Feeder f;
  f.handshake();
  for (std::uint32_t i = 0; i < 100000; ++i) {
    f.c2s(1001 + 0x40000100u + i * 97, "far away", ACK, 5001);
    ASSERT_EQ(f.reassembler.stats().buffered_bytes, 0u);
  }
  EXPECT_EQ(f.reassembler.stats().notices, 100000u);
  // Segments inside the window but never completed are held only up to the caps.
  TcpReassembler::Limits limits;
  limits.max_bytes_per_direction = 64 * 1024;
  limits.max_buffered_bytes = 96 * 1024;
  Feeder g(limits);
  for (std::uint32_t i = 0; i < 100000; ++i) {
    const Host from = v4(0xC0000201, static_cast<std::uint16_t>(1 + i % 4));
    g.add(segment(from, server, 1000 + 2 + (i / 4) * 64 % 0x3000000, 0, ACK, std::string(32, 'z')), 0);
    ASSERT_LE(g.reassembler.stats().buffered_bytes, limits.max_buffered_bytes);
  }
  EXPECT_LE(g.reassembler.stats().peak_buffered_bytes, limits.max_buffered_bytes);
  EXPECT_GT(g.reassembler.stats().buffer_limit_gaps, 0u);
}

// --- Handler contract ---------------------------------------------------------------------------

TEST(TcpReassembler, UserDataAndReentrancy) {
  struct Handler : TcpStreamHandler {
    TcpReassembler* reassembler = nullptr;
    int state = 42;
    int seen = 0;
    bool freed = false;
    void on_open(TcpConnection& c) override { c.user_data = &state; }
    void on_data(TcpConnection& c, const TcpData&) override {
      EXPECT_EQ(c.user_data, &state);
      ++seen;
      EXPECT_EQ(reassembler->add(IpLayers{}, 99, Timestamp{}).status, TcpAddStatus::reentrant);
    }
    void on_close(TcpConnection& c, TcpCloseReason) override {
      EXPECT_EQ(c.user_data, &state);
      freed = true;
    }
  } handler;
  TcpReassembler reassembler(handler);
  handler.reassembler = &reassembler;
  const Bytes packet = segment(client, server, 1, 0, ACK, "data");
  IpLayers layers;
  decode_ip(test::view(packet), layers);
  reassembler.add(layers, 1, at_seconds(0));
  reassembler.finish();
  EXPECT_EQ(handler.seen, 1);
  EXPECT_TRUE(handler.freed);
}

// --- The streams listing ------------------------------------------------------------------------

// The s03 scenario: 192.0.2.1:40003 -> 198.51.100.1:80, a hole of 4 bytes the server
// acknowledges. tshark 4.0 writes "[4 bytes missing in capture file]" and a NUL in its place.
TEST(StreamListing, MatchesTsharkOnAnAcknowledgedHole) {
  const Host a = v4(0xC0000201, 40003), b = v4(0xC6336401, 80);
  const std::vector<Bytes> packets{
      segment(a, b, 1000, 0, SYN),
      segment(b, a, 5000, 1001, SYN | ACK),
      segment(a, b, 1001, 5001, ACK),
      segment(a, b, 1001, 5001, ACK, "aaaa"),
      segment(a, b, 1009, 5001, ACK, "cccc"),
      segment(a, b, 1013, 5001, ACK, "dddd"),
      segment(b, a, 5001, 1005, ACK),
      segment(b, a, 5001, 1017, ACK),
      segment(a, b, 1017, 5001, ACK, "eeee"),
  };
  StreamListing listing;
  std::uint64_t frame = 0;
  for (const Bytes& p : packets) {
    IpLayers layers;
    decode_ip(test::view(p), layers);
    ++frame;
    listing.add(layers, frame, at_seconds(static_cast<std::int64_t>(frame)));
  }
  std::string out;
  listing.finish(out);
  EXPECT_EQ(out,
            "stream=0\ta=192.0.2.1:40003\tb=198.51.100.1:80\ta2b_bytes=50\t"
            "a2b_sha256=f80871ebe9d5df703d7fc4a7920c7a5e5993b324c01a46680537ba39f0e63ab6\tb2a_bytes=0\t"
            "b2a_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
}

// A hole nobody acknowledged: tshark shows nothing after it (s04), nor does the listing, although
// the reassembler delivers what follows once it gives up (here at the end of input).
TEST(StreamListing, MatchesTsharkOnAnUnacknowledgedHole) {
  const Host a = v4(0xC0000201, 40004), b = v4(0xC6336401, 80);
  const std::vector<Bytes> packets{
      segment(a, b, 1000, 0, SYN),
      segment(b, a, 5000, 1001, SYN | ACK),
      segment(a, b, 1001, 5001, ACK),
      segment(a, b, 1001, 5001, ACK, "aaaa"),
      segment(a, b, 1009, 5001, ACK, "cccc"),
      segment(b, a, 5001, 1005, ACK),
      segment(a, b, 1013, 5001, FIN | ACK),
  };
  StreamListing listing;
  std::uint64_t frame = 0;
  for (const Bytes& p : packets) {
    IpLayers layers;
    decode_ip(test::view(p), layers);
    listing.add(layers, ++frame, at_seconds(1));
  }
  std::string out;
  listing.finish(out);
  EXPECT_EQ(out,
            "stream=0\ta=192.0.2.1:40004\tb=198.51.100.1:80\ta2b_bytes=4\t"
            "a2b_sha256=61be55a8e2f6b4e172338bddf184d6dbee29c98853e0a0485ecee7f27b9af0b4\tb2a_bytes=0\t"
            "b2a_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
}

TEST(StreamListing, ConnectionSeenOnlyInAQuoteIsListedAsWiresharkDoes) {
  // A header cut to 16 bytes names a connection, as an ICMP quote of 16 bytes would.
  Bytes packet = segment(client, server, 1000, 0, SYN);
  IpLayers layers;
  layers.ipv4 = Ipv4Packet(test::view(packet));
  layers.carrier = Carrier::icmp_quote;
  layers.error = truncated(Protocol::tcp, "header cut");
  layers.error_bytes = ByteView(packet.data() + 20, 16);
  StreamListing listing;
  listing.add(layers, 1, at_seconds(0));
  EXPECT_EQ(listing.reassembler().stats().streams, 1u);
  std::string out;
  listing.finish(out);
  EXPECT_EQ(out,
            "stream=0\ta=:0\tb=:0\ta2b_bytes=0\t"
            "a2b_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\tb2a_bytes=0\t"
            "b2a_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
}

}  // namespace
}  // namespace pktdoc
