// The packet builder's TCP segments and options (pktdoc/builder/tcp_builder.hpp), UDP datagrams
// (udp_builder.hpp) and TCP connections (conversation.hpp): built over IPv4 and IPv6, decoded
// with decode_packet() and the transport decoders, every field and checksum read back. The exact
// bytes of the examples were checked once with tshark 4.0.17 (see the comments).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/tcp_builder.hpp"
#include "pktdoc/builder/udp_builder.hpp"
#include "pktdoc/packet.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;

// Hex text of bytes, so that a mismatch of exact bytes prints readably.
std::string hex_text(const std::vector<std::byte>& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  for (std::byte b : bytes) {
    text += digits[static_cast<unsigned>(b) >> 4];
    text += digits[static_cast<unsigned>(b) & 0xf];
  }
  return text;
}

const Ipv4Address kClient = *Ipv4Address::parse("192.0.2.10");
const Ipv4Address kServer = *Ipv4Address::parse("198.51.100.80");
const Ipv6Address kClient6 = *Ipv6Address::parse("2001:db8::10");
const Ipv6Address kServer6 = *Ipv6Address::parse("2001:db8::80");
constexpr MacAddress kClientMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};
constexpr MacAddress kServerMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x02}};

void decode(const build::Bytes& bytes, DecodedPacket& out, LinkType link_type = LinkType::ethernet) {
  const Frame frame{.number = 1,
                    .timestamp = {},
                    .original_length = static_cast<std::uint32_t>(bytes.size()),
                    .bytes = build::view(bytes),
                    .link_type = link_type};
  decode_packet(frame, out);
}

PseudoHeader pseudo_of(const IpLayers& layers) {
  return layers.ipv4 ? layers.ipv4->pseudo_header() : layers.ipv6->pseudo_header();
}

TEST(BuilderTcp, EveryFieldAndOptionRoundTrips) {
  const build::Tcp tcp{
      .source_port = 49152,
      .destination_port = 80,
      .sequence_number = 0xfedcba98,
      .acknowledgment_number = 0x01234567,
      .flags = tcp_flag::syn | tcp_flag::ack | tcp_flag::ece | tcp_flag::urg,
      .window = 1234,
      .urgent_pointer = 7,
      .options =
          build::TcpOptionList().mss(1460).sack_permitted().timestamps(111, 222).no_operation().window_scale(7).sack(
              {{10, 20}, {30, 40}})};
  for (bool over_ipv6 : {false, true}) {
    const build::Bytes packet =
        over_ipv6 ? build::Ipv6{.source = kClient6, .destination = kServer6}.packet(tcp, as_bytes("data"))
                  : build::Ipv4{.source = kClient, .destination = kServer}.packet(tcp, as_bytes("data"));
    IpLayers layers;
    decode_ip(build::view(packet), layers);
    ASSERT_EQ(layers.error.kind, ErrorKind::none) << layers.error.reason;
    ASSERT_TRUE(layers.tcp);
    const TcpSegment& segment = *layers.tcp;
    EXPECT_EQ(segment.source_port(), 49152);
    EXPECT_EQ(segment.destination_port(), 80);
    EXPECT_EQ(segment.sequence_number(), 0xfedcba98u);
    EXPECT_EQ(segment.acknowledgment_number(), 0x01234567u);
    EXPECT_EQ(segment.flags(), tcp_flag::syn | tcp_flag::ack | tcp_flag::ece | tcp_flag::urg);
    EXPECT_EQ(segment.window(), 1234);
    EXPECT_EQ(segment.urgent_pointer(), 7);
    EXPECT_EQ(segment.header_length(), tcp.header_length());
    EXPECT_EQ(segment.header_length(), 20u + 40u);  // 4 + 2 + 10 + 1 + 3 + 18 = 38 bytes, padded to 40
    EXPECT_TRUE(segment.options_valid());
    EXPECT_EQ(segment.mss(), 1460);
    EXPECT_TRUE(segment.sack_permitted());
    EXPECT_EQ(segment.window_scale(), 7);
    ASSERT_TRUE(segment.timestamps());
    EXPECT_EQ(segment.timestamps()->value, 111u);
    EXPECT_EQ(segment.timestamps()->echo_reply, 222u);
    ASSERT_EQ(segment.sack_blocks().count, 2u);
    EXPECT_EQ(segment.sack_blocks().blocks[1].left_edge, 30u);
    EXPECT_EQ(segment.sack_blocks().blocks[1].right_edge, 40u);
    EXPECT_EQ(as_text(segment.payload()), "data");
    EXPECT_EQ(segment.checksum_status(pseudo_of(layers)), ChecksumStatus::good) << over_ipv6;
  }
}

TEST(BuilderTcp, ExampleSynCheckedByTshark) {
  const build::Link link{.destination = kServerMac, .source = kClientMac};
  const build::Ipv4 ip{.source = kClient, .destination = kServer, .identification = 100};
  const build::Tcp syn{
      .source_port = 49152,
      .destination_port = 80,
      .sequence_number = 1000,
      .flags = tcp_flag::syn,
      .options = build::TcpOptionList().mss(1460).sack_permitted().timestamps(1, 0).no_operation().window_scale(7)};
  const build::Bytes frame = link.frame(build::view(ip.packet(syn)));
  // tshark 4.0.17: "49152 → 80 [SYN] Seq=0 Win=65535 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0
  // WS=128", IPv4 checksum 0x4dca and TCP checksum 0x9738 good, DF set, 74 bytes.
  EXPECT_EQ(hex_text(frame), hex_text(hex("020000000002 020000000001 0800"
                                          "4500 003c 0064 4000 4006 4dca c000020a c6336450"
                                          "c000 0050 000003e8 00000000 a002 ffff 9738 0000"
                                          "020405b4 0402 080a0000000100000000 01 030307")));
}

TEST(BuilderTcp, FastOpenAndRawOptions) {
  const build::Tcp request{.options = build::TcpOptionList().fast_open()};
  const build::Bytes cookie = hex("0102030405060708");
  const build::Tcp with_cookie{.options = build::TcpOptionList().fast_open(build::view(cookie))};
  const build::Ipv4 ip{.source = kClient, .destination = kServer};
  const build::Bytes request_packet = ip.packet(request);
  auto segment = TcpSegment::parse(build::view(request_packet).subspan(20));
  ASSERT_TRUE(segment);
  ASSERT_TRUE(segment->fast_open_cookie());
  EXPECT_TRUE(segment->fast_open_cookie()->empty());
  const build::Bytes packet = ip.packet(with_cookie);
  auto segment2 = TcpSegment::parse(build::view(packet).subspan(20));
  ASSERT_TRUE(segment2->fast_open_cookie());
  EXPECT_EQ(segment2->fast_open_cookie()->size(), 8u);

  // A malformed option (length 1) for tests of bad input: the header still decodes.
  const build::Tcp malformed{.options = build::TcpOptionList().raw(hex("0201"))};
  const build::Bytes bad = ip.packet(malformed);
  auto segment3 = TcpSegment::parse(build::view(bad).subspan(20));
  ASSERT_TRUE(segment3);
  EXPECT_FALSE(segment3->options_valid());

  EXPECT_THROW((void)build::TcpOptionList().sack({}), std::length_error);
  build::Tcp too_many;
  for (int i = 0; i < 41; ++i) too_many.options.no_operation();
  EXPECT_THROW((void)ip.packet(too_many), std::length_error);
}

TEST(BuilderTcp, ChecksumAndDataOffsetThatLie) {
  const build::Ipv4 ip{.source = kClient, .destination = kServer};
  build::Tcp tcp{.source_port = 1, .destination_port = 2, .corrupt_checksum = true};
  IpLayers layers;
  const build::Bytes corrupt = ip.packet(tcp, as_bytes("x"));
  decode_ip(build::view(corrupt), layers);
  ASSERT_TRUE(layers.tcp);
  EXPECT_EQ(layers.tcp->checksum_status(layers.ipv4->pseudo_header()), ChecksumStatus::bad);

  tcp.corrupt_checksum = false;
  tcp.checksum = 0xabcd;
  const build::Bytes fixed = ip.packet(tcp);
  EXPECT_EQ(TcpSegment(build::view(fixed).subspan(20)).checksum(), 0xabcd);

  tcp.checksum.reset();
  tcp.data_offset = 4;  // below the minimum
  const build::Bytes short_offset = ip.packet(tcp);
  EXPECT_EQ(TcpSegment::parse(build::view(short_offset).subspan(20)).error().kind, ErrorKind::invalid);
  tcp.data_offset = 15;  // says 60 bytes of header; 20 are there
  const build::Bytes long_offset = ip.packet(tcp);
  EXPECT_EQ(TcpSegment::parse(build::view(long_offset).subspan(20)).error().kind, ErrorKind::truncated);
}

TEST(BuilderUdp, RoundTripOverIpv4AndIpv6) {
  const build::Udp udp{.source_port = 40000, .destination_port = 9};
  for (bool over_ipv6 : {false, true}) {
    const build::Bytes packet =
        over_ipv6 ? build::Ipv6{.source = kClient6, .destination = kServer6}.packet(udp, as_bytes("hi"))
                  : build::Ipv4{.source = kClient, .destination = kServer}.packet(udp, as_bytes("hi"));
    IpLayers layers;
    decode_ip(build::view(packet), layers);
    ASSERT_TRUE(layers.udp);
    EXPECT_EQ(layers.udp->source_port(), 40000);
    EXPECT_EQ(layers.udp->destination_port(), 9);
    EXPECT_EQ(layers.udp->length(), 10);
    EXPECT_EQ(as_text(layers.udp->payload()), "hi");
    EXPECT_EQ(layers.udp->checksum_status(pseudo_of(layers)), ChecksumStatus::good);
  }
}

TEST(BuilderUdp, AComputedZeroIsSentAsAllOnes) {
  // Find two data bytes that make the sum come out as 0: one's complement arithmetic makes the
  // 16-bit data word that does so unique.
  const build::Ipv4 ip{.source = kClient, .destination = kServer};
  const build::Udp udp{.source_port = 1, .destination_port = 2, .checksum = 0};
  const build::Bytes zero_data = hex("0000");
  const build::Bytes probe = ip.packet(udp, build::view(zero_data));
  // With checksum field 0 and data 0000, the sum's complement is what the data word must absorb.
  InternetChecksum sum;
  add_pseudo_header(sum, ip.pseudo_header(ip_protocol::udp, 10));
  sum.add(build::view(probe).subspan(20));
  const std::uint16_t word = static_cast<std::uint16_t>(sum.finish());  // adding it makes the sum 0xFFFF
  build::Bytes data = hex("0000");
  data[0] = static_cast<std::byte>(word >> 8);
  data[1] = static_cast<std::byte>(word);
  const build::Bytes packet = ip.packet(build::Udp{.source_port = 1, .destination_port = 2}, build::view(data));
  const UdpDatagram datagram(build::view(packet).subspan(20));
  EXPECT_EQ(datagram.checksum(), 0xFFFF);
  EXPECT_EQ(datagram.checksum_status(Ipv4Packet(build::view(packet)).pseudo_header()), ChecksumStatus::good);
}

TEST(BuilderUdp, FieldsThatLie) {
  const build::Ipv4 ip{.source = kClient, .destination = kServer};
  const build::Bytes absent = ip.packet(build::Udp{.checksum = 0}, as_bytes("x"));
  const Ipv4Packet ip_view(build::view(absent));
  EXPECT_EQ(UdpDatagram(ip_view.payload()).checksum_status(ip_view.pseudo_header()), ChecksumStatus::absent);

  const build::Bytes corrupt = ip.packet(build::Udp{.corrupt_checksum = true}, as_bytes("x"));
  EXPECT_EQ(UdpDatagram(Ipv4Packet(build::view(corrupt)).payload())
                .checksum_status(Ipv4Packet(build::view(corrupt)).pseudo_header()),
            ChecksumStatus::bad);

  const build::Bytes short_length = ip.packet(build::Udp{.length = 4}, as_bytes("x"));
  EXPECT_EQ(UdpDatagram::parse(Ipv4Packet(build::view(short_length)).payload()).error().kind, ErrorKind::invalid);
  const build::Bytes long_length = ip.packet(build::Udp{.length = 100}, as_bytes("x"));
  auto cut = UdpDatagram::parse(Ipv4Packet(build::view(long_length)).payload());
  ASSERT_TRUE(cut);
  EXPECT_TRUE(cut->payload_truncated());

  const build::Bytes too_big(65535 - 8 + 1);
  EXPECT_THROW((void)build::Udp{}.datagram(build::view(too_big), PseudoHeader{}), std::length_error);
}

TEST(BuilderTcpConnection, HandshakeDataAndCloseTrackSequenceNumbers) {
  const build::Path to_server{.link = build::Link{.destination = kServerMac, .source = kClientMac},
                              .ip = build::Ipv4{.source = kClient, .destination = kServer, .identification = 100}};
  build::TcpConnection tcp(to_server, {.port = 49152, .initial_sequence_number = 1000},
                           {.port = 80, .initial_sequence_number = 5000, .window = 28960});
  std::vector<build::Bytes> frames = tcp.open();
  const std::string request = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
  frames.push_back(tcp.send(build::TcpSide::client, as_bytes(request)));
  const std::string response(3000, 'r');
  for (auto& frame : tcp.send_segments(build::TcpSide::server, as_bytes(response), 1460)) frames.push_back(frame);
  frames.push_back(tcp.ack(build::TcpSide::client));
  for (auto& frame : tcp.close(build::TcpSide::client)) frames.push_back(frame);
  ASSERT_EQ(frames.size(), 3u + 1u + 3u + 1u + 4u);

  struct Expected {
    bool from_client;
    std::uint16_t flags;
    std::uint32_t seq, ack;
    std::size_t data;
  };
  const std::uint32_t r = static_cast<std::uint32_t>(request.size());
  const std::vector<Expected> expected = {
      {true, tcp_flag::syn, 1000, 0, 0},
      {false, tcp_flag::syn | tcp_flag::ack, 5000, 1001, 0},
      {true, tcp_flag::ack, 1001, 5001, 0},
      {true, tcp_flag::psh | tcp_flag::ack, 1001, 5001, request.size()},
      {false, tcp_flag::ack, 5001, 1001 + r, 1460},
      {false, tcp_flag::ack, 6461, 1001 + r, 1460},
      {false, tcp_flag::psh | tcp_flag::ack, 7921, 1001 + r, 80},
      {true, tcp_flag::ack, 1001 + r, 8001, 0},
      {true, tcp_flag::fin | tcp_flag::ack, 1001 + r, 8001, 0},
      {false, tcp_flag::ack, 8001, 1002 + r, 0},
      {false, tcp_flag::fin | tcp_flag::ack, 8001, 1002 + r, 0},
      {true, tcp_flag::ack, 1002 + r, 8002, 0},
  };
  std::uint16_t client_id = 100, server_id = 100;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    DecodedPacket decoded;
    decode(frames[i], decoded);
    ASSERT_EQ(decoded.first_error().kind, ErrorKind::none) << i;
    ASSERT_TRUE(decoded.ip.tcp) << i;
    const TcpSegment& segment = *decoded.ip.tcp;
    const Expected& want = expected[i];
    EXPECT_EQ(segment.source_port(), want.from_client ? 49152 : 80) << i;
    EXPECT_EQ(decoded.ip.ipv4->source(), want.from_client ? kClient : kServer) << i;
    EXPECT_EQ(decoded.link.ethernet.source(), want.from_client ? kClientMac : kServerMac) << i;
    EXPECT_EQ(decoded.ip.ipv4->identification(), want.from_client ? client_id++ : server_id++) << i;
    EXPECT_TRUE(decoded.ip.ipv4->dont_fragment());
    EXPECT_EQ(segment.flags(), want.flags) << i;
    EXPECT_EQ(segment.sequence_number(), want.seq) << i;
    EXPECT_EQ(segment.acknowledgment_number(), want.ack) << i;
    EXPECT_EQ(segment.payload().size(), want.data) << i;
    EXPECT_EQ(segment.window(), want.from_client ? 65535 : 28960) << i;
    EXPECT_EQ(segment.mss().has_value(), i < 2) << i;  // only SYN and SYN-ACK carry options
    EXPECT_EQ(segment.checksum_status(decoded.ip.ipv4->pseudo_header()), ChecksumStatus::good) << i;
  }
  EXPECT_EQ(tcp.bytes_sent(build::TcpSide::server), 3000u);
  EXPECT_EQ(tcp.next_sequence_number(build::TcpSide::server), 8002u);
}

TEST(BuilderTcpConnection, OutOfOrderRetransmittedAndOverlappingSegmentsOverIpv6) {
  const build::Path to_server{.link = build::Link{.type = LinkType::raw},
                              .ip = build::Ipv6{.source = kClient6, .destination = kServer6}};
  build::TcpConnection tcp(to_server, {.port = 50000, .initial_sequence_number = 0xfffffff0},
                           {.port = 80, .initial_sequence_number = 7});
  (void)tcp.open();
  EXPECT_EQ(tcp.next_sequence_number(build::TcpSide::client), 0xfffffff1u);
  const build::Bytes later = tcp.segment(build::TcpSide::client, 100, as_bytes("later"));
  const build::Bytes overlap = tcp.segment(build::TcpSide::client, 98, as_bytes("xxlat"), tcp_flag::ack, 0);
  const build::Bytes reset = tcp.rst(build::TcpSide::server);
  DecodedPacket decoded;
  decode(later, decoded, LinkType::raw);
  ASSERT_TRUE(decoded.ip.tcp);
  EXPECT_EQ(decoded.ip.tcp->sequence_number(), 0xfffffff1u + 100u);  // wraps past 2^32
  EXPECT_EQ(decoded.ip.tcp->acknowledgment_number(), 8u);
  EXPECT_EQ(decoded.ip.tcp->checksum_status(decoded.ip.ipv6->pseudo_header()), ChecksumStatus::good);
  decode(overlap, decoded, LinkType::raw);
  EXPECT_EQ(decoded.ip.tcp->sequence_number(), 0xfffffff1u + 98u);
  EXPECT_EQ(decoded.ip.tcp->acknowledgment_number(), 8u);
  EXPECT_EQ(decoded.ip.tcp->flags(), tcp_flag::ack);
  decode(reset, decoded, LinkType::raw);
  EXPECT_EQ(decoded.ip.tcp->flags(), tcp_flag::rst | tcp_flag::ack);
  EXPECT_EQ(decoded.ip.ipv6->source(), kServer6);
  // segment() moved nothing.
  EXPECT_EQ(tcp.next_sequence_number(build::TcpSide::client), 0xfffffff1u);
  EXPECT_THROW((void)tcp.send_segments(build::TcpSide::client, as_bytes("x"), 0), std::invalid_argument);
}

TEST(BuilderPath, FramesForEveryTransport) {
  build::Path v4{.link = build::Link{.destination = kServerMac, .source = kClientMac},
                 .ip = build::Ipv4{.source = kClient, .destination = kServer}};
  EXPECT_FALSE(v4.is_ipv6());
  const build::Path back = v4.reversed();
  EXPECT_EQ(back.link.source, kServerMac);
  EXPECT_EQ(std::get<build::Ipv4>(back.ip).source, kServer);
  DecodedPacket decoded;
  decode(v4.frame(build::Udp{.source_port = 1, .destination_port = 2}, as_bytes("u")), decoded);
  EXPECT_TRUE(decoded.ip.udp);
  decode(v4.frame(build::Icmp::echo_request(1, 1)), decoded);
  EXPECT_TRUE(decoded.ip.icmp);
  decode(v4.frame(ip_protocol::experimental_253, as_bytes("raw")), decoded);
  EXPECT_EQ(decoded.ip.application, Protocol::data);
  EXPECT_THROW((void)v4.frame(build::Icmpv6::echo_request(1, 1)), std::invalid_argument);
  const build::Path v6{.ip = build::Ipv6{.source = kClient6, .destination = kServer6}};
  EXPECT_TRUE(v6.is_ipv6());
  decode(v6.frame(build::Icmpv6::echo_request(1, 1)), decoded);
  EXPECT_TRUE(decoded.ip.icmpv6);
  EXPECT_THROW((void)v6.frame(build::Icmp::echo_request(1, 1)), std::invalid_argument);
}

}  // namespace
}  // namespace pktdoc
