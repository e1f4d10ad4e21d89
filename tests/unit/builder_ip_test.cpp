// The packet builder's IPv4 and IPv6 headers (pktdoc/builder/ip_builder.hpp) and the fragmenter
// (pktdoc/builder/fragmenter.hpp): packets are built, decoded with the IP decoders and
// decode_ip(), and every field, length and checksum read back; fragments are put back together
// and compared with the packet they came from. The exact bytes of the examples were checked
// once with tshark 4.0.17 (see the comments).
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "pktdoc/builder/fragmenter.hpp"
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

const Ipv4Address kA = *Ipv4Address::parse("192.0.2.1");
const Ipv4Address kB = *Ipv4Address::parse("198.51.100.2");
const Ipv6Address kA6 = *Ipv6Address::parse("2001:db8::1");
const Ipv6Address kB6 = *Ipv6Address::parse("2001:db8::2");

build::Bytes data_of(std::size_t size) {
  build::Bytes data(size);
  for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<std::byte>(i * 7 + 3);
  return data;
}

TEST(BuilderIpv4, HeaderFieldsRoundTrip) {
  const build::Ipv4 ip{.source = kA, .destination = kB, .type_of_service = 0xb9, .identification = 0xbeef, .ttl = 17};
  const build::Bytes packet = ip.packet(build::Udp{.source_port = 1000, .destination_port = 2000}, as_bytes("abc"));
  auto decoded = Ipv4Packet::parse(build::view(packet));
  ASSERT_TRUE(decoded) << decoded.error().reason;
  EXPECT_EQ(decoded->version(), 4);
  EXPECT_EQ(decoded->ihl(), 5);
  EXPECT_EQ(decoded->dscp(), 0xb9 >> 2);
  EXPECT_EQ(decoded->ecn(), 1);
  EXPECT_EQ(decoded->total_length(), 20 + 8 + 3);
  EXPECT_EQ(decoded->identification(), 0xbeef);
  EXPECT_FALSE(decoded->reserved_flag());
  EXPECT_FALSE(decoded->dont_fragment());  // not TCP: DF clear by default
  EXPECT_FALSE(decoded->more_fragments());
  EXPECT_EQ(decoded->fragment_offset(), 0);
  EXPECT_EQ(decoded->ttl(), 17);
  EXPECT_EQ(decoded->protocol(), ip_protocol::udp);
  EXPECT_EQ(decoded->header_checksum_status(), ChecksumStatus::good);
  EXPECT_EQ(decoded->source(), kA);
  EXPECT_EQ(decoded->destination(), kB);
  EXPECT_FALSE(decoded->payload_truncated());

  const build::Bytes tcp = ip.packet(build::Tcp{.source_port = 1, .destination_port = 2});
  EXPECT_TRUE(Ipv4Packet(build::view(tcp)).dont_fragment());  // TCP: DF set by default
  build::Ipv4 df_clear = ip;
  df_clear.dont_fragment = false;
  EXPECT_FALSE(Ipv4Packet(build::view(df_clear.packet(build::Tcp{}))).dont_fragment());
}

TEST(BuilderIpv4, OptionsAreWrittenPaddedAndDecoded) {
  const build::Ipv4 ip{
      .source = kA,
      .destination = kB,
      .options = build::Ipv4OptionList().router_alert().no_operation().record_route(2).timestamp(1).bytes()};
  // 4 + 1 + 11 + 8 = 24 bytes of options: no padding needed... but 24 is a multiple of 4.
  const build::Bytes packet = ip.packet(ip_protocol::udp, {});
  auto decoded = Ipv4Packet::parse(build::view(packet));
  ASSERT_TRUE(decoded) << decoded.error().reason;
  EXPECT_EQ(decoded->header_length(), 44u);
  EXPECT_EQ(decoded->router_alert(), 0);
  const auto route = decoded->record_route();
  ASSERT_TRUE(route);
  EXPECT_EQ(route->address_count(), 2u);
  EXPECT_EQ(route->pointer, 4);
  const auto timestamp = decoded->timestamp();
  ASSERT_TRUE(timestamp);
  EXPECT_EQ(timestamp->entry_count(), 1u);
  EXPECT_EQ(decoded->header_checksum_status(), ChecksumStatus::good);

  // An option area that is not a multiple of 4 is padded with End of Option List.
  const build::Ipv4 odd{.source = kA, .destination = kB, .options = build::Ipv4OptionList().no_operation().bytes()};
  const build::Bytes padded = odd.packet(ip_protocol::udp, {});
  EXPECT_EQ(Ipv4Packet(build::view(padded)).header_length(), 24u);
  EXPECT_EQ(build::Bytes(padded.begin() + 20, padded.begin() + 24), hex("01000000"));

  build::Ipv4 too_many = ip;
  too_many.options = build::Bytes(41, std::byte{1});
  EXPECT_THROW((void)too_many.packet(ip_protocol::udp, {}), std::length_error);
  EXPECT_THROW((void)build::Ipv4OptionList().record_route(10), std::invalid_argument);
}

TEST(BuilderIpv4, ExampleWithRouterAlertCheckedByTshark) {
  const build::Ipv4 ip{.source = kA,
                       .destination = kB,
                       .identification = 0x1234,
                       .ttl = 1,
                       .options = build::Ipv4OptionList().router_alert().bytes()};
  const build::Bytes packet =
      ip.packet(build::Udp{.source_port = 40000, .destination_port = 40001}, as_bytes("pktdoc"));
  // tshark 4.0.17 (raw IP, link type 101): IPv4 header length 24, Router Alert "Router shall
  // examine packet (0)", checksum 0x2658 good; UDP 40000 -> 40001 Len=6, checksum 0x86e5 good.
  EXPECT_EQ(hex_text(packet), hex_text(hex("4600 0026 1234 0000 0111 2658 c0000201 c6336402 94040000"
                                           "9c40 9c41 000e 86e5 706b74646f63")));
}

TEST(BuilderIpv4, SourceRouteChangesTheChecksummedDestination) {
  const Ipv4Address final_hop = *Ipv4Address::parse("203.0.113.9");
  const build::Ipv4 ip{
      .source = kA, .destination = kB, .options = build::Ipv4OptionList().loose_source_route({kB, final_hop}).bytes()};
  EXPECT_EQ(ip.pseudo_header(ip_protocol::tcp, 20).destination4, final_hop);
  const build::Bytes packet = ip.packet(build::Tcp{.source_port = 1, .destination_port = 2, .flags = tcp_flag::syn});
  IpLayers layers;
  decode_ip(build::view(packet), layers);
  ASSERT_EQ(layers.error.kind, ErrorKind::none) << layers.error.reason;
  EXPECT_EQ(layers.ipv4->final_destination(), final_hop);
  ASSERT_TRUE(layers.tcp);
  EXPECT_EQ(layers.tcp->checksum_status(layers.ipv4->pseudo_header()), ChecksumStatus::good);
}

TEST(BuilderIpv4, FieldsThatLie) {
  build::Ipv4 ip{.source = kA, .destination = kB};
  const build::Bytes honest = ip.packet(build::Udp{.source_port = 1, .destination_port = 2}, as_bytes("data"));

  ip.total_length = 200;  // more than there is: the capture looks cut
  const build::Bytes longer = ip.packet(build::Udp{.source_port = 1, .destination_port = 2}, as_bytes("data"));
  auto decoded = Ipv4Packet::parse(build::view(longer));
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->payload_truncated());
  EXPECT_EQ(decoded->header_checksum_status(), ChecksumStatus::good);  // computed over what was written
  // The UDP checksum covers the true datagram, not the lie.
  EXPECT_EQ(build::Bytes(longer.begin() + 20, longer.end()), build::Bytes(honest.begin() + 20, honest.end()));

  ip.total_length = 10;  // less than the header
  EXPECT_EQ(Ipv4Packet::parse(build::view(ip.packet(ip_protocol::udp, {}))).error().kind, ErrorKind::invalid);
  ip.total_length.reset();
  ip.ihl = 4;
  EXPECT_EQ(Ipv4Packet::parse(build::view(ip.packet(ip_protocol::udp, {}))).error().kind, ErrorKind::invalid);
  ip.ihl.reset();

  ip.corrupt_checksum = true;
  EXPECT_EQ(Ipv4Packet(build::view(ip.packet(ip_protocol::udp, {}))).header_checksum_status(), ChecksumStatus::bad);
  ip.header_checksum = 0x1234;
  EXPECT_EQ(Ipv4Packet(build::view(ip.packet(ip_protocol::udp, {}))).header_checksum(), 0x1234);
  ip.header_checksum.reset();
  ip.corrupt_checksum = false;
  ip.protocol = 253;
  EXPECT_EQ(Ipv4Packet(build::view(ip.packet(ip_protocol::udp, {}))).protocol(), 253);

  const build::Bytes too_big(65535 - 20 + 1);
  EXPECT_THROW((void)build::Ipv4{}.packet(ip_protocol::udp, build::view(too_big)), std::length_error);
  EXPECT_NO_THROW((void)build::Ipv4{}.packet(ip_protocol::udp, build::view(too_big).first(65515)));
}

TEST(BuilderIpv6, HeaderAndExtensionHeadersRoundTrip) {
  build::Ipv6 ip{.source = kA6, .destination = kB6, .traffic_class = 0xb8, .flow_label = 0x12345, .hop_limit = 9};
  ip.extension_headers.push_back(build::Ipv6Extension::hop_by_hop(build::Ipv6OptionList().router_alert(0)));
  ip.extension_headers.push_back(build::Ipv6Extension::destination_options(build::Ipv6OptionList().padn(4).pad1()));
  const build::Bytes packet = ip.packet(build::Udp{.source_port = 5000, .destination_port = 5001}, as_bytes("six"));
  auto decoded = Ipv6Packet::parse(build::view(packet));
  ASSERT_TRUE(decoded) << decoded.error().reason;
  EXPECT_EQ(decoded->version(), 6);
  EXPECT_EQ(decoded->traffic_class(), 0xb8);
  EXPECT_EQ(decoded->flow_label(), 0x12345u);
  EXPECT_EQ(decoded->hop_limit(), 9);
  EXPECT_EQ(decoded->payload_length(), 8 + 8 + 8 + 3);
  EXPECT_EQ(decoded->next_header(), ip_protocol::hop_by_hop);
  ASSERT_EQ(decoded->extension_headers().size(), 2u);
  EXPECT_EQ(decoded->extension_headers()[0].next_header, ip_protocol::destination_options);
  EXPECT_EQ(decoded->extension_headers()[1].next_header, ip_protocol::udp);
  EXPECT_EQ(decoded->router_alert(), 0);
  EXPECT_EQ(decoded->upper_layer_protocol(), ip_protocol::udp);
  EXPECT_EQ(decoded->upper_layer_length(), 11u);
  EXPECT_EQ(decoded->source(), kA6);
  EXPECT_EQ(decoded->destination(), kB6);
  auto udp = UdpDatagram::parse(decoded->payload(), Protocol::ipv6);
  ASSERT_TRUE(udp);
  EXPECT_EQ(udp->checksum_status(decoded->pseudo_header()), ChecksumStatus::good);
  EXPECT_EQ(as_text(udp->payload()), "six");
}

TEST(BuilderIpv6, ExampleWithDestinationOptionsCheckedByTshark) {
  build::Ipv6 ip{.source = kA6, .destination = kB6};
  ip.extension_headers.push_back(build::Ipv6Extension::destination_options({}));
  const build::Bytes packet =
      ip.packet(build::Udp{.source_port = 40000, .destination_port = 40001}, as_bytes("pktdoc"));
  // tshark 4.0.17 (raw IP): Destination Options with one PadN of 4 bytes; UDP checksum 0x17a8 good.
  EXPECT_EQ(hex_text(packet),
            hex_text(hex("6000 0000 0016 3c 40 20010db8000000000000000000000001 20010db8000000000000000000000002"
                         "11 00 0104 00000000"
                         "9c40 9c41 000e 17a8 706b74646f63")));
}

TEST(BuilderIpv6, RoutingHeaderChangesTheChecksummedDestination) {
  const Ipv6Address final_hop = *Ipv6Address::parse("2001:db8::99");
  build::Ipv6 ip{.source = kA6, .destination = kB6};
  ip.extension_headers.push_back(build::Ipv6Extension::routing(ipv6_routing_type::source_route, 1, {final_hop}));
  EXPECT_EQ(ip.pseudo_header(ip_protocol::udp, 8).destination6, final_hop);
  const build::Bytes packet = ip.packet(build::Udp{.source_port = 1, .destination_port = 2}, as_bytes("x"));
  IpLayers layers;
  decode_ip(build::view(packet), layers);
  ASSERT_EQ(layers.error.kind, ErrorKind::none) << layers.error.reason;
  ASSERT_TRUE(layers.ipv6->routing_header());
  EXPECT_EQ(layers.ipv6->routing_header()->segments_left, 1);
  EXPECT_EQ(layers.ipv6->final_destination(), final_hop);
  EXPECT_EQ(layers.udp->checksum_status(layers.ipv6->pseudo_header()), ChecksumStatus::good);
}

TEST(BuilderIpv6, PayloadLengthThatLiesAndLimits) {
  build::Ipv6 ip{.source = kA6, .destination = kB6, .payload_length = 100};
  const build::Bytes packet = ip.packet(build::Udp{.source_port = 1, .destination_port = 2}, as_bytes("x"));
  auto decoded = Ipv6Packet::parse(build::view(packet));
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->payload_truncated());
  EXPECT_EQ(UdpDatagram::parse(decoded->payload(), Protocol::ipv6)
                ->checksum_status(build::Ipv6{.source = kA6, .destination = kB6}.pseudo_header(ip_protocol::udp, 9)),
            ChecksumStatus::good);
  const build::Bytes too_big(65536);
  EXPECT_THROW((void)build::Ipv6{}.packet(ip_protocol::udp, build::view(too_big)), std::length_error);
  EXPECT_THROW((void)build::Ipv6OptionList().padn(1), std::invalid_argument);
}

TEST(BuilderIpHeader, ReversedSwapsAddresses) {
  const build::IpHeader v4 = build::Ipv4{.source = kA, .destination = kB, .identification = 9};
  const build::IpHeader back = build::reversed(v4);
  EXPECT_EQ(std::get<build::Ipv4>(back).source, kB);
  EXPECT_EQ(std::get<build::Ipv4>(back).destination, kA);
  EXPECT_EQ(std::get<build::Ipv4>(back).identification, 9);
  const build::IpHeader back6 = build::reversed(build::Ipv6{.source = kA6, .destination = kB6});
  EXPECT_EQ(std::get<build::Ipv6>(back6).source, kB6);
}

// Puts fragments' data back in order of offset (no overlap handling: the fragments are clean).
build::Bytes reassemble(const std::vector<build::Bytes>& fragments) {
  build::Bytes data;
  for (const build::Bytes& fragment : fragments) {
    ByteView payload;
    std::size_t offset = 0;
    if ((ByteReader(build::view(fragment)).u8_at(0) >> 4) == 4) {
      const Ipv4Packet ip(build::view(fragment));
      payload = ip.payload();
      offset = ip.fragment_offset_bytes();
    } else {
      auto ip = Ipv6Packet::parse(build::view(fragment));
      payload = ip->payload();
      offset = ip->fragment()->offset_bytes();
    }
    if (data.size() < offset + payload.size()) data.resize(offset + payload.size());
    std::copy(payload.begin(), payload.end(), data.begin() + static_cast<std::ptrdiff_t>(offset));
  }
  return data;
}

TEST(BuilderFragmenter, Ipv4DatagramOf4000BytesInThreeFragments) {
  const build::Bytes data = data_of(4000);
  const build::Ipv4 ip{.source = kA,
                       .destination = kB,
                       .identification = 0x4242,
                       .options = build::Ipv4OptionList().router_alert().record_route(1).bytes()};
  const build::Bytes packet = ip.packet(build::Udp{.source_port = 5000, .destination_port = 5001}, build::view(data));
  const std::vector<build::Bytes> fragments = build::fragment(build::view(packet), 1500);
  ASSERT_EQ(fragments.size(), 3u);
  std::size_t expected_offset = 0;
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    auto fragment = Ipv4Packet::parse(build::view(fragments[i]));
    ASSERT_TRUE(fragment) << fragment.error().reason;
    EXPECT_LE(fragments[i].size(), 1500u);
    EXPECT_EQ(fragment->identification(), 0x4242);
    EXPECT_EQ(fragment->more_fragments(), i + 1 < fragments.size());
    EXPECT_EQ(fragment->fragment_offset_bytes(), expected_offset);
    EXPECT_EQ(fragment->header_checksum_status(), ChecksumStatus::good);
    EXPECT_EQ(fragment->total_length(), fragments[i].size());
    // Router Alert (copied flag set) is in every fragment, Record Route only in the first.
    EXPECT_EQ(fragment->router_alert(), 0) << i;
    EXPECT_EQ(fragment->record_route().has_value(), i == 0) << i;
    if (i + 1 < fragments.size()) {
      EXPECT_EQ(fragment->payload().size() % 8, 0u);
    }
    expected_offset += fragment->payload().size();
  }
  const Ipv4Packet whole(build::view(packet));
  EXPECT_EQ(reassemble(fragments), build::Bytes(whole.payload().begin(), whole.payload().end()));

  // The first fragment decodes as UDP whose data continues elsewhere.
  IpLayers first;
  decode_ip(build::view(fragments[0]), first);
  ASSERT_TRUE(first.udp);
  EXPECT_EQ(first.udp->length(), 4008);
  EXPECT_EQ(first.udp->checksum_status(first.ipv4->pseudo_header()), ChecksumStatus::unverified);

  // A fragment fragmented again keeps its place in the datagram.
  const std::vector<build::Bytes> smaller = build::fragment(build::view(fragments[1]), 600);
  ASSERT_GE(smaller.size(), 2u);
  EXPECT_EQ(Ipv4Packet(build::view(smaller[0])).fragment_offset_bytes(),
            Ipv4Packet(build::view(fragments[1])).fragment_offset_bytes());
  EXPECT_TRUE(Ipv4Packet(build::view(smaller.back())).more_fragments());  // the middle piece's MF stays
}

TEST(BuilderFragmenter, Ipv6DatagramOf4000BytesInThreeFragments) {
  const build::Bytes data = data_of(4000);
  build::Ipv6 ip{.source = kA6, .destination = kB6};
  ip.extension_headers.push_back(build::Ipv6Extension::hop_by_hop(build::Ipv6OptionList().router_alert(0)));
  ip.extension_headers.push_back(build::Ipv6Extension::destination_options({}));
  const build::Bytes packet = ip.packet(build::Udp{.source_port = 5000, .destination_port = 5001}, build::view(data));
  const std::vector<build::Bytes> fragments = build::fragment(build::view(packet), 1500, 0xabcdef01);
  ASSERT_EQ(fragments.size(), 3u);
  std::size_t expected_offset = 0;
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    auto fragment = Ipv6Packet::parse(build::view(fragments[i]));
    ASSERT_TRUE(fragment) << fragment.error().reason;
    EXPECT_LE(fragments[i].size(), 1500u);
    EXPECT_EQ(fragment->payload_length() + 40u, fragments[i].size());
    // The hop-by-hop header is repeated; the fragment header follows it.
    ASSERT_GE(fragment->extension_headers().size(), 2u);
    EXPECT_EQ(fragment->extension_headers()[0].type, ip_protocol::hop_by_hop);
    EXPECT_EQ(fragment->extension_headers()[0].next_header, ip_protocol::fragment);
    const auto header = fragment->fragment();
    ASSERT_TRUE(header);
    EXPECT_EQ(header->identification, 0xabcdef01u);
    EXPECT_EQ(header->next_header, ip_protocol::destination_options);
    EXPECT_EQ(header->more_fragments, i + 1 < fragments.size());
    EXPECT_EQ(header->offset_bytes(), expected_offset);
    expected_offset += fragment->payload().size() + (i == 0 ? 8 : 0);  // the first carries the dest options
  }
  // The fragmentable part (destination options and UDP) comes back whole.
  build::Bytes fragmentable;
  for (const build::Bytes& piece : fragments) {
    const std::size_t unfragmentable = 40 + 8 + 8;  // fixed, hop-by-hop, fragment header
    fragmentable.insert(fragmentable.end(), piece.begin() + unfragmentable, piece.end());
  }
  EXPECT_EQ(fragmentable, build::Bytes(packet.begin() + 48, packet.end()));

  // A packet that fits is returned as it is, without a fragment header.
  const build::Bytes small = ip.packet(build::Udp{}, as_bytes("fits"));
  const std::vector<build::Bytes> one = build::fragment(build::view(small), 1500);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0], small);
}

TEST(BuilderFragmenter, Ipv6RoutingHeaderStaysInEveryFragment) {
  build::Ipv6 ip{.source = kA6, .destination = kB6};
  ip.extension_headers.push_back(build::Ipv6Extension::routing(ipv6_routing_type::mobile_ipv6, 1, {kA6}));
  const build::Bytes packet = ip.packet(build::Udp{}, build::view(data_of(3000)));
  const std::vector<build::Bytes> fragments = build::fragment(build::view(packet), 1280, 7);
  ASSERT_EQ(fragments.size(), 3u);
  for (const build::Bytes& piece : fragments) {
    auto fragment = Ipv6Packet::parse(build::view(piece));
    ASSERT_TRUE(fragment);
    ASSERT_TRUE(fragment->routing_header());
    EXPECT_EQ(fragment->extension_headers()[0].next_header, ip_protocol::fragment);
    EXPECT_EQ(fragment->fragment()->next_header, ip_protocol::udp);
  }
}

TEST(BuilderFragmenter, FragmentAtBuildsOverlapsAndRefusesNonsense) {
  const build::Bytes data = data_of(100);
  const build::Ipv4 ip{.source = kA, .destination = kB, .identification = 5};
  const build::Bytes packet = ip.packet(build::Udp{}, build::view(data));  // 108 bytes of UDP
  const build::Bytes first = build::fragment_at(build::view(packet), 0, 64, true);
  const build::Bytes overlap = build::fragment_at(build::view(packet), 56, 1000, false);  // cut to the end
  const Ipv4Packet a(build::view(first));
  const Ipv4Packet b(build::view(overlap));
  EXPECT_EQ(a.payload().size(), 64u);
  EXPECT_TRUE(a.more_fragments());
  EXPECT_EQ(b.fragment_offset_bytes(), 56u);
  EXPECT_EQ(b.payload().size(), 108u - 56u);
  EXPECT_FALSE(b.more_fragments());
  EXPECT_EQ(b.header_checksum_status(), ChecksumStatus::good);

  const build::Ipv6 ip6{.source = kA6, .destination = kB6};
  const build::Bytes packet6 = ip6.packet(build::Udp{}, build::view(data));
  const build::Bytes piece6 = build::fragment_at(build::view(packet6), 8, 16, true, 99);
  auto decoded6 = Ipv6Packet::parse(build::view(piece6));
  ASSERT_TRUE(decoded6);
  EXPECT_EQ(decoded6->fragment()->offset_bytes(), 8u);
  EXPECT_EQ(decoded6->fragment()->identification, 99u);
  EXPECT_EQ(decoded6->payload().size(), 16u);

  EXPECT_THROW((void)build::fragment_at(build::view(packet), 4, 8, true), std::invalid_argument);
  EXPECT_THROW((void)build::fragment_at(build::view(packet), 200, 8, true), std::invalid_argument);
  EXPECT_THROW((void)build::fragment(build::view(piece6), 1280), std::invalid_argument);  // has a fragment header
  EXPECT_THROW((void)build::fragment(build::view(packet), 20), std::invalid_argument);    // no room for data
  EXPECT_THROW((void)build::fragment(build::view(packet).first(50), 40), std::invalid_argument);  // not all there
  const build::Bytes junk = hex("ff00");
  EXPECT_THROW((void)build::fragment(build::view(junk), 1500), std::invalid_argument);
}

}  // namespace
}  // namespace pktdoc
