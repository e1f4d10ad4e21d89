// Ipv6Packet (RFC 8200): the fixed header, the extension header walk (hop-by-hop, routing,
// fragment, destination options, AH), jumbograms, lengths that lie, truncation, and the
// Wireshark listing. Every packet below was checked once with tshark 4.0 (UDP checksums correct,
// including over the final destination of the routing headers and over the reassembly of the
// fragmented one); the listing strings are what `tshark -T fields` printed for them.
#include "pktdoc/ipv6.hpp"

#include <string>
#include <vector>

#include "pktdoc/detail/listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// A UDP datagram from 2001:db8::1 to 2001:db8::2 carrying "ping".
std::vector<std::byte> udp_packet() {
  return hex(
      "6b 81 2345"                        // version 6, traffic class 0xb8 (DSCP 46, ECN 0), flow 0x12345
      "000c 11 40"                        // payload length 12, next header 17 (UDP), hop limit 64
      "20010db8000000000000000000000001"  // source 2001:db8::1
      "20010db8000000000000000000000002"  // destination 2001:db8::2
      "c000 0007"                         // UDP: source port 49152, destination port 7
      "000c 0589"                         // UDP: length 12, checksum 0x0589
      "70696e67");                        // UDP data
}

// The first fragment of an MLD-style datagram: hop-by-hop (Router Alert), fragment, UDP.
std::vector<std::byte> hop_by_hop_fragment_packet() {
  return hex(
      "60 00 0000"                        // version 6, traffic class 0, flow label 0
      "0020 00 01"                        // payload length 32, next header 0 (hop-by-hop), hop limit 1
      "fe800000000000000000000000000001"  // source fe80::1
      "ff020000000000000000000000000016"  // destination ff02::16
      "2c 00"                             // hop-by-hop: next header 44 (fragment), length 0 (8 bytes)
      "0502 0000"                         // Router Alert, length 2, value 0 (MLD)
      "0100"                              // PadN, length 0
      "11 00 0001 0000abcd"               // fragment: next header 17, offset 0, M set, identification 0xabcd
      "c000 0007"                         // UDP: source port 49152, destination port 7
      "0018 c6cc"                         // UDP: length 24, checksum 0xc6cc
      "70696e67706f6e67");                // 8 of the 16 UDP data bytes; the rest is in the next fragment
}

// A fragment other than the first: its data is not headers.
std::vector<std::byte> later_fragment_packet() {
  return hex(
      "60 00 0000"                        // version 6, traffic class 0, flow label 0
      "0010 2c 40"                        // payload length 16, next header 44 (fragment), hop limit 64
      "20010db8000000000000000000000001"  // source 2001:db8::1
      "20010db8000000000000000000000002"  // destination 2001:db8::2
      "11 00 0010 0000abcd"               // fragment: next header 17, offset 2 (16 bytes), M clear, id 0xabcd
      "3c00 0100 0000 0000");             // fragment data (it looks like a destination options header)
}

// An atomic fragment (RFC 6946): a fragment header on a whole datagram.
std::vector<std::byte> atomic_fragment_packet() {
  return hex(
      "60 00 0000"                        // version 6, traffic class 0, flow label 0
      "0014 2c 40"                        // payload length 20, next header 44 (fragment), hop limit 64
      "20010db8000000000000000000000001"  // source 2001:db8::1
      "20010db8000000000000000000000002"  // destination 2001:db8::2
      "11 00 0000 12345678"               // fragment: next header 17, offset 0, M clear, id 0x12345678
      "c000 0007"                         // UDP: source port 49152, destination port 7
      "000c 0589"                         // UDP: length 12, checksum 0x0589
      "70696e67");                        // UDP data
}

// A type 0 routing header (deprecated, RFC 5095) with one segment left.
std::vector<std::byte> type0_routing_packet() {
  return hex(
      "60 00 0000"                        // version 6, traffic class 0, flow label 0
      "0024 2b 40"                        // payload length 36, next header 43 (routing), hop limit 64
      "20010db8000000000000000000000001"  // source 2001:db8::1
      "20010db8000000000000000000000002"  // destination 2001:db8::2: the next segment
      "11 02 00 01"                       // routing: next header 17, 24 bytes, type 0, segments left 1
      "00000000"                          // reserved
      "20010db8000000000000000000000003"  // address 1: 2001:db8::3, the final destination
      "c000 0007"                         // UDP: source port 49152, destination port 7
      "000c 0588"                         // UDP: length 12, checksum 0x0588
      "70696e67");                        // UDP data
}

// A Segment Routing Header (RFC 8754) with one segment left.
std::vector<std::byte> segment_routing_packet() {
  return hex(
      "60 00 0000"                        // version 6, traffic class 0, flow label 0
      "0034 2b 40"                        // payload length 52, next header 43 (routing), hop limit 64
      "20010db8000000000000000000000001"  // source 2001:db8::1
      "20010db8000000000000000000000002"  // destination 2001:db8::2: the active segment
      "11 04 04 01"                       // routing: next header 17, 40 bytes, type 4 (SRH), segments left 1
      "01 00 0007"                        // last entry 1, flags 0, tag 7
      "20010db8000000000000000000000003"  // segment list[0]: 2001:db8::3, the final segment
      "20010db8000000000000000000000002"  // segment list[1]: 2001:db8::2
      "c000 0007"                         // UDP: source port 49152, destination port 7
      "000c 0588"                         // UDP: length 12, checksum 0x0588
      "70696e67");                        // UDP data
}

// Destination options, then an Authentication Header, then UDP.
std::vector<std::byte> destination_options_ah_packet() {
  return hex(
      "60 00 0000"                        // version 6, traffic class 0, flow label 0
      "002c 3c 40"                        // payload length 44, next header 60 (destination options), hop limit 64
      "20010db8000000000000000000000001"  // source 2001:db8::1
      "20010db8000000000000000000000002"  // destination 2001:db8::2
      "33 00 0104 00000000"               // destination options: next header 51 (AH), 8 bytes; PadN, length 4
      "11 04 0000"                        // AH: next header 17, payload length 4 (24 bytes), reserved
      "00000100 00000001"                 // AH: SPI 0x100, sequence number 1
      "00112233445566778899aabb"          // AH: integrity check value (12 bytes)
      "c000 0007"                         // UDP: source port 49152, destination port 7
      "000c 0589"                         // UDP: length 12, checksum 0x0589
      "70696e67");                        // UDP data
}

// The first 56 bytes of a 70040-byte jumbogram (RFC 2675), as a snap length would cut it.
std::vector<std::byte> jumbogram_start() {
  return hex(
      "60 00 0000"                        // version 6, traffic class 0, flow label 0
      "0000 00 40"                        // payload length 0 (jumbogram), next header 0 (hop-by-hop), hop limit 64
      "20010db8000000000000000000000001"  // source 2001:db8::1
      "20010db8000000000000000000000002"  // destination 2001:db8::2
      "11 00 c204 00011170"               // hop-by-hop: next header 17, 8 bytes; Jumbo Payload 70000
      "c000 0007"                         // UDP: source port 49152, destination port 7
      "0000 d308");                       // UDP: length 0 (RFC 2675 section 4), checksum over 69984 zero bytes
}

// Two fragment headers, which RFC 8200 does not allow.
std::vector<std::byte> two_fragment_headers_packet() {
  return hex(
      "60 00 0000"                        // version 6, traffic class 0, flow label 0
      "001c 2c 40"                        // payload length 28, next header 44 (fragment), hop limit 64
      "20010db8000000000000000000000001"  // source 2001:db8::1
      "20010db8000000000000000000000002"  // destination 2001:db8::2
      "2c 00 0001 00000001"               // fragment: next header 44, offset 0, M set, id 1
      "11 00 0001 00000002"               // fragment: next header 17, offset 0, M set, id 2
      "c000 0007"                         // UDP: source port 49152, destination port 7
      "000c 0589"                         // UDP: length 12, checksum 0x0589
      "70696e67");                        // UDP data
}

// The listing of a view over `bytes`, as dissect prints it ("\tname=value" per field).
std::string listing(ByteView bytes) {
  detail::FieldSink sink;
  detail::list_ipv6(Ipv6Packet(bytes), sink);
  std::string line;
  sink.write(line);
  return line;
}

// A copy of the first `count` bytes, so that AddressSanitizer sees reads past the cut.
std::vector<std::byte> prefix(const std::vector<std::byte>& bytes, std::size_t count) {
  return std::vector<std::byte>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(count));
}

void set_payload_length(std::vector<std::byte>& bytes, std::uint16_t length) {
  bytes[4] = static_cast<std::byte>(length >> 8);
  bytes[5] = static_cast<std::byte>(length & 0xff);
}

// Parses `bytes` and expects ErrorKind::invalid for Protocol::ipv6.
void expect_invalid(const std::vector<std::byte>& bytes) {
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_FALSE(ip.ok());
  EXPECT_EQ(ip.error().kind, ErrorKind::invalid) << ip.error().reason;
  EXPECT_EQ(ip.error().protocol, Protocol::ipv6);
  EXPECT_STRNE(ip.error().reason, "");
}

// The UDP checksum over the packet's pseudo-header and payload: 0 when it is correct.
std::uint16_t udp_checksum_residue(const Ipv6Packet& ip) {
  InternetChecksum sum;
  add_pseudo_header(sum, ip.pseudo_header());
  sum.add(ip.payload());
  return sum.finish();
}

Ipv6Address address(const char* text) { return *Ipv6Address::parse(text); }

// An IPv6 header followed by `count` empty destination options headers, then No Next Header.
std::vector<std::byte> destination_options_chain(std::size_t count) {
  auto bytes = hex("60000000 0000 3c 40 20010db8000000000000000000000001 20010db8000000000000000000000002");
  for (std::size_t i = 0; i < count; ++i) {
    const auto header = hex(i + 1 == count ? "3b 00 0104 00000000" : "3c 00 0104 00000000");
    bytes.insert(bytes.end(), header.begin(), header.end());
  }
  set_payload_length(bytes, static_cast<std::uint16_t>(8 * count));
  return bytes;
}

TEST(Ipv6Packet, DecodesEveryFixedField) {
  const auto bytes = udp_packet();
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_EQ(ip->version(), 6);
  EXPECT_EQ(ip->traffic_class(), 0xb8);
  EXPECT_EQ(ip->dscp(), 46);
  EXPECT_EQ(ip->ecn(), 0);
  EXPECT_EQ(ip->flow_label(), 0x12345u);
  EXPECT_EQ(ip->payload_length(), 12);
  EXPECT_EQ(ip->next_header(), ip_protocol::udp);
  EXPECT_EQ(ip->hop_limit(), 64);
  EXPECT_EQ(ip->source(), address("2001:db8::1"));
  EXPECT_EQ(ip->destination(), address("2001:db8::2"));
  EXPECT_EQ(ip->final_destination(), ip->destination());
  EXPECT_TRUE(ip->extension_headers().empty());
  EXPECT_FALSE(ip->fragment().has_value());
  EXPECT_FALSE(ip->is_fragment());
  EXPECT_FALSE(ip->routing_header().has_value());
  EXPECT_TRUE(ip->hop_by_hop_options().empty());
  EXPECT_FALSE(ip->router_alert().has_value());
  EXPECT_FALSE(ip->jumbo_payload_length().has_value());
  EXPECT_EQ(ip->upper_layer_protocol(), ip_protocol::udp);
  EXPECT_EQ(ip->upper_layer_offset(), 40u);
  EXPECT_EQ(ip->payload().size(), 12u);
  EXPECT_EQ(ip->payload().data(), bytes.data() + 40);  // a view, not a copy
  EXPECT_EQ(ip->upper_layer_length(), 12u);
  EXPECT_FALSE(ip->payload_truncated());
  EXPECT_EQ(ip->bytes().size(), bytes.size());

  const PseudoHeader pseudo = ip->pseudo_header();
  EXPECT_TRUE(pseudo.is_ipv6);
  EXPECT_EQ(pseudo.source6, ip->source());
  EXPECT_EQ(pseudo.destination6, ip->destination());
  EXPECT_EQ(pseudo.protocol, ip_protocol::udp);
  EXPECT_EQ(pseudo.length, 12u);
  EXPECT_EQ(udp_checksum_residue(*ip), 0);
}

TEST(Ipv6Packet, PayloadIsCutToPayloadLengthSoPaddingIsLeftOut) {
  auto bytes = udp_packet();
  bytes.resize(bytes.size() + 6, std::byte{0});
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());
  EXPECT_EQ(ip->payload().size(), 12u);
  EXPECT_FALSE(ip->payload_truncated());
}

TEST(Ipv6Packet, TruncatedAtEveryCut) {
  const auto parse = [](ByteView bytes) { return Ipv6Packet::parse(bytes); };
  // The fixed header, then every extension header: a cut anywhere before the upper layer.
  test::expect_truncated_at_every_cut(udp_packet(), 40, Protocol::ipv6, parse);
  test::expect_truncated_at_every_cut(hop_by_hop_fragment_packet(), 56, Protocol::ipv6, parse);
  test::expect_truncated_at_every_cut(later_fragment_packet(), 48, Protocol::ipv6, parse);
  test::expect_truncated_at_every_cut(type0_routing_packet(), 64, Protocol::ipv6, parse);
  test::expect_truncated_at_every_cut(segment_routing_packet(), 80, Protocol::ipv6, parse);
  test::expect_truncated_at_every_cut(destination_options_ah_packet(), 72, Protocol::ipv6, parse);
  test::expect_truncated_at_every_cut(jumbogram_start(), 48, Protocol::ipv6, parse);
  // A cut in the upper layer is not an error.
  const auto bytes = destination_options_ah_packet();
  for (std::size_t cut = 72; cut <= bytes.size(); ++cut) {
    const auto part = prefix(bytes, cut);
    const auto ip = Ipv6Packet::parse(view(part));
    ASSERT_TRUE(ip.ok()) << cut;
    EXPECT_EQ(ip->payload().size(), cut - 72);
    EXPECT_EQ(ip->upper_layer_length(), 12u);
    EXPECT_EQ(ip->payload_truncated(), cut < bytes.size());
  }
}

TEST(Ipv6Packet, PayloadLengthLargerThanCapturedIsNotAnError) {
  auto bytes = udp_packet();
  set_payload_length(bytes, 1240);
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());
  EXPECT_EQ(ip->payload().size(), 12u);
  EXPECT_EQ(ip->upper_layer_length(), 1240u);
  EXPECT_TRUE(ip->payload_truncated());
  EXPECT_EQ(ip->pseudo_header().length, 1240u);
}

TEST(Ipv6Packet, PayloadLengthZeroMeansNoPayload) {
  auto bytes = udp_packet();
  set_payload_length(bytes, 0);
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());
  EXPECT_TRUE(ip->payload().empty());
  EXPECT_EQ(ip->upper_layer_length(), 0u);
  EXPECT_FALSE(ip->payload_truncated());
}

TEST(Ipv6Packet, VersionOtherThan6IsInvalid) {
  for (const int first : {0x4b, 0x0b, 0x7b, 0xfb}) {
    auto bytes = udp_packet();
    bytes[0] = static_cast<std::byte>(first);
    expect_invalid(bytes);
    expect_invalid(prefix(bytes, 1));  // the first byte is enough to tell
  }
}

TEST(Ipv6Packet, UncheckedViewReadsZeroPastTheEnd) {
  const auto bytes = prefix(udp_packet(), 8);
  const Ipv6Packet ip(view(bytes));
  EXPECT_EQ(ip.version(), 6);
  EXPECT_EQ(ip.flow_label(), 0x12345u);
  EXPECT_EQ(ip.payload_length(), 12);
  EXPECT_EQ(ip.hop_limit(), 64);
  EXPECT_EQ(ip.source(), Ipv6Address{});
  EXPECT_EQ(ip.destination(), Ipv6Address{});
  EXPECT_TRUE(ip.extension_headers().empty());
  EXPECT_TRUE(ip.payload().empty());
  EXPECT_TRUE(ip.payload_truncated());

  const Ipv6Packet empty;
  EXPECT_EQ(empty.version(), 0);
  EXPECT_TRUE(empty.bytes().empty());
  EXPECT_TRUE(empty.extension_headers().empty());
  EXPECT_TRUE(empty.payload().empty());
  EXPECT_EQ(empty.upper_layer_length(), 0u);
  EXPECT_FALSE(empty.payload_truncated());
  EXPECT_FALSE(empty.fragment().has_value());
}

TEST(Ipv6ExtensionHeaders, HopByHopThenFirstFragment) {
  const auto bytes = hop_by_hop_fragment_packet();
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  const auto headers = ip->extension_headers();
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].type, ip_protocol::hop_by_hop);
  EXPECT_EQ(headers[0].next_header, ip_protocol::fragment);
  EXPECT_EQ(headers[0].offset, 40u);
  EXPECT_EQ(headers[0].length, 8);
  EXPECT_EQ(headers[0].data.size(), 8u);
  EXPECT_EQ(headers[0].data.data(), bytes.data() + 40);
  EXPECT_EQ(headers[1].type, ip_protocol::fragment);
  EXPECT_EQ(headers[1].next_header, ip_protocol::udp);
  EXPECT_EQ(headers[1].offset, 48u);
  EXPECT_EQ(headers[1].length, 8);

  // Hop-by-hop options: Router Alert (MLD), then PadN.
  std::vector<Ipv6Option> options;
  for (const Ipv6Option& option : ip->hop_by_hop_options()) options.push_back(option);
  ASSERT_EQ(options.size(), 2u);
  EXPECT_EQ(options[0].type, ipv6_option::router_alert);
  EXPECT_EQ(options[0].length, 2);
  EXPECT_EQ(options[0].offset, 42u);
  EXPECT_EQ(options[0].action(), 0);
  EXPECT_FALSE(options[0].may_change());
  EXPECT_EQ(options[0].router_alert(), std::optional<std::uint16_t>(ipv6_router_alert::mld));
  EXPECT_EQ(options[1].type, ipv6_option::padn);
  EXPECT_EQ(options[1].length, 0);
  EXPECT_EQ(options[1].offset, 46u);
  EXPECT_FALSE(options[1].router_alert().has_value());
  EXPECT_EQ(ip->router_alert(), std::optional<std::uint16_t>(ipv6_router_alert::mld));
  EXPECT_TRUE(headers[1].options().empty());  // a fragment header has no options

  const auto fragment = ip->fragment();
  ASSERT_TRUE(fragment.has_value());
  EXPECT_EQ(fragment->next_header, ip_protocol::udp);
  EXPECT_EQ(fragment->offset, 0);
  EXPECT_EQ(fragment->offset_bytes(), 0u);
  EXPECT_TRUE(fragment->more_fragments);
  EXPECT_EQ(fragment->identification, 0xabcdu);
  EXPECT_TRUE(ip->is_fragment());

  // A first fragment: the walk goes on, and the upper layer starts after the fragment header.
  EXPECT_EQ(ip->upper_layer_protocol(), ip_protocol::udp);
  EXPECT_EQ(ip->upper_layer_offset(), 56u);
  EXPECT_EQ(ip->payload().size(), 16u);
  EXPECT_EQ(ip->upper_layer_length(), 16u);
  EXPECT_EQ(ip->hop_limit(), 1);
  EXPECT_EQ(ip->destination(), address("ff02::16"));
}

TEST(Ipv6ExtensionHeaders, LaterFragmentEndsTheWalk) {
  const auto bytes = later_fragment_packet();
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  // What follows the fragment header looks like a destination options header, but it is data.
  ASSERT_EQ(ip->extension_headers().size(), 1u);
  const auto fragment = ip->fragment();
  ASSERT_TRUE(fragment.has_value());
  EXPECT_EQ(fragment->offset, 2);
  EXPECT_EQ(fragment->offset_bytes(), 16u);
  EXPECT_FALSE(fragment->more_fragments);
  EXPECT_TRUE(ip->is_fragment());
  EXPECT_EQ(ip->upper_layer_protocol(), ip_protocol::udp);
  EXPECT_EQ(ip->upper_layer_offset(), 48u);
  EXPECT_EQ(ip->payload().size(), 8u);
  EXPECT_EQ(ip->upper_layer_length(), 8u);
}

TEST(Ipv6ExtensionHeaders, AtomicFragmentIsNotAFragment) {
  const auto bytes = atomic_fragment_packet();
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());
  ASSERT_TRUE(ip->fragment().has_value());
  EXPECT_EQ(ip->fragment()->identification, 0x12345678u);
  EXPECT_FALSE(ip->is_fragment());
  EXPECT_EQ(ip->upper_layer_protocol(), ip_protocol::udp);
  EXPECT_EQ(ip->upper_layer_length(), 12u);
  EXPECT_EQ(udp_checksum_residue(*ip), 0);
}

TEST(Ipv6ExtensionHeaders, Type0RoutingHeaderGivesTheFinalDestination) {
  const auto bytes = type0_routing_packet();
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  const auto routing = ip->routing_header();
  ASSERT_TRUE(routing.has_value());
  EXPECT_EQ(routing->next_header, ip_protocol::udp);
  EXPECT_EQ(routing->routing_type, ipv6_routing_type::source_route);
  EXPECT_EQ(routing->segments_left, 1);
  EXPECT_EQ(routing->data.size(), 24u);
  EXPECT_EQ(routing->address_count(), 1u);
  EXPECT_EQ(routing->address(0), address("2001:db8::3"));
  EXPECT_EQ(routing->address(1), Ipv6Address{});
  EXPECT_EQ(routing->last_entry(), 0);
  EXPECT_EQ(ip->destination(), address("2001:db8::2"));
  EXPECT_EQ(ip->final_destination(), address("2001:db8::3"));
  EXPECT_EQ(ip->pseudo_header().destination6, address("2001:db8::3"));
  EXPECT_EQ(udp_checksum_residue(*ip), 0);  // RFC 8200 section 8.1: the final destination
  EXPECT_EQ(ip->upper_layer_offset(), 64u);

  // At the last hop (segments left 0) the header's destination is the final one.
  auto arrived = bytes;
  arrived[43] = std::byte{0};
  EXPECT_EQ(Ipv6Packet(view(arrived)).final_destination(), address("2001:db8::2"));
}

TEST(Ipv6ExtensionHeaders, SegmentRoutingHeaderGivesTheFinalSegment) {
  const auto bytes = segment_routing_packet();
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  const auto routing = ip->routing_header();
  ASSERT_TRUE(routing.has_value());
  EXPECT_EQ(routing->routing_type, ipv6_routing_type::segment_routing);
  EXPECT_EQ(routing->segments_left, 1);
  EXPECT_EQ(routing->last_entry(), 1);
  EXPECT_EQ(routing->flags(), 0);
  EXPECT_EQ(routing->tag(), 7);
  EXPECT_EQ(routing->address_count(), 2u);
  EXPECT_EQ(routing->address(0), address("2001:db8::3"));
  EXPECT_EQ(routing->address(1), address("2001:db8::2"));
  EXPECT_EQ(ip->final_destination(), address("2001:db8::3"));
  EXPECT_EQ(udp_checksum_residue(*ip), 0);

  // Last Entry larger than the header holds: only the segments that fit are addresses.
  auto lying = bytes;
  lying[44] = std::byte{9};
  EXPECT_EQ(Ipv6Packet(view(lying)).routing_header()->address_count(), 2u);
  // An unknown routing type has no addresses pktdoc can read.
  auto unknown = bytes;
  unknown[42] = std::byte{200};
  EXPECT_EQ(Ipv6Packet(view(unknown)).routing_header()->address_count(), 0u);
  EXPECT_EQ(Ipv6Packet(view(unknown)).final_destination(), address("2001:db8::2"));
}

TEST(Ipv6ExtensionHeaders, DestinationOptionsAndAuthenticationHeader) {
  const auto bytes = destination_options_ah_packet();
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  const auto headers = ip->extension_headers();
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].type, ip_protocol::destination_options);
  EXPECT_EQ(headers[0].length, 8);
  std::size_t count = 0;
  for (const Ipv6Option& option : headers[0].options()) {
    EXPECT_EQ(option.type, ipv6_option::padn);
    EXPECT_EQ(option.length, 4);
    ++count;
  }
  EXPECT_EQ(count, 1u);
  EXPECT_TRUE(ip->hop_by_hop_options().empty());  // destination options are not hop-by-hop
  EXPECT_EQ(headers[1].type, ip_protocol::ah);
  EXPECT_EQ(headers[1].offset, 48u);
  EXPECT_EQ(headers[1].length, 24);                          // (payload length 4 + 2) * 4 octets (RFC 4302 section 2.2)
  EXPECT_EQ(ByteReader(headers[1].data).u32_at(4), 0x100u);  // SPI
  EXPECT_EQ(ip->upper_layer_protocol(), ip_protocol::udp);
  EXPECT_EQ(ip->upper_layer_offset(), 72u);
  EXPECT_EQ(ip->upper_layer_length(), 12u);
  EXPECT_EQ(udp_checksum_residue(*ip), 0);
}

TEST(Ipv6ExtensionHeaders, Jumbogram) {
  const auto bytes = jumbogram_start();
  const auto ip = Ipv6Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_EQ(ip->payload_length(), 0);
  EXPECT_EQ(ip->jumbo_payload_length(), std::optional<std::uint32_t>(70000));
  EXPECT_EQ(ip->upper_layer_protocol(), ip_protocol::udp);
  EXPECT_EQ(ip->upper_layer_length(), 70000u - 8);
  EXPECT_EQ(ip->pseudo_header().length, 70000u - 8);
  EXPECT_EQ(ip->payload().size(), 8u);
  EXPECT_TRUE(ip->payload_truncated());
  for (const Ipv6Option& option : ip->hop_by_hop_options())
    EXPECT_EQ(option.jumbo_payload_length(), std::optional<std::uint32_t>(70000));
  // The UDP checksum covers the whole datagram, whose data here is zeros, with the jumbo length
  // in the pseudo-header (RFC 2675 section 4).
  std::vector<std::byte> whole(ip->payload().begin(), ip->payload().end());
  whole.resize(ip->upper_layer_length(), std::byte{0});
  InternetChecksum sum;
  add_pseudo_header(sum, ip->pseudo_header());
  sum.add(view(whole));
  EXPECT_EQ(sum.finish(), 0);
}

TEST(Ipv6ExtensionHeaders, JumboPayloadRulesOfRfc2675) {
  auto small = jumbogram_start();
  small[45] = std::byte{0};  // jumbo payload length 4464: below 65536
  expect_invalid(small);
  auto short_option = jumbogram_start();
  short_option[43] = std::byte{2};  // option data length 2, not 4
  expect_invalid(short_option);
  auto with_length = jumbogram_start();
  set_payload_length(with_length, 16);  // a jumbo option needs payload length 0
  expect_invalid(with_length);
  auto fragmented = jumbogram_start();
  fragmented[40] = std::byte{ip_protocol::fragment};  // a jumbogram cannot be fragmented
  fragmented.resize(56, std::byte{0});
  fragmented[48] = std::byte{ip_protocol::udp};
  expect_invalid(fragmented);
  auto no_jumbo = jumbogram_start();
  no_jumbo[42] = std::byte{ipv6_option::padn};  // payload length 0 and no jumbo option
  expect_invalid(no_jumbo);
  // The length of a jumbogram is only known once its hop-by-hop header is: truncated before.
  const auto cut = prefix(jumbogram_start(), 45);
  const auto ip = Ipv6Packet::parse(view(cut));
  ASSERT_FALSE(ip.ok());
  EXPECT_EQ(ip.error().kind, ErrorKind::truncated);
}

TEST(Ipv6ExtensionHeaders, LengthsThatLie) {
  // Payload length 12 over 16 bytes of extension headers.
  auto short_length = hop_by_hop_fragment_packet();
  set_payload_length(short_length, 12);
  expect_invalid(short_length);
  set_payload_length(short_length, 1);  // not even the first header's two octets
  expect_invalid(short_length);
  // An extension header length that runs past the payload length.
  auto long_header = destination_options_ah_packet();
  long_header[41] = std::byte{8};
  expect_invalid(long_header);
  // An option that runs past the end of its header.
  auto long_option = destination_options_ah_packet();
  long_option[43] = std::byte{5};
  expect_invalid(long_option);
  // A hop-by-hop header anywhere but first.
  auto reordered = destination_options_chain(2);
  reordered[40] = std::byte{ip_protocol::hop_by_hop};
  expect_invalid(reordered);
  // Two fragment headers.
  expect_invalid(two_fragment_headers_packet());
  // Zero lengths still advance: the smallest extension header is 8 bytes.
  auto zeros = destination_options_chain(3);
  const auto ip = Ipv6Packet::parse(view(zeros));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_EQ(ip->extension_headers().size(), 3u);
  EXPECT_EQ(ip->upper_layer_protocol(), ip_protocol::no_next);
  EXPECT_EQ(ip->upper_layer_length(), 0u);
}

TEST(Ipv6ExtensionHeaders, ChainLongerThanTheLimitIsInvalid) {
  const auto most = destination_options_chain(Ipv6Packet::max_extension_headers);
  const auto ip = Ipv6Packet::parse(view(most));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_EQ(ip->extension_headers().size(), Ipv6Packet::max_extension_headers);
  expect_invalid(destination_options_chain(Ipv6Packet::max_extension_headers + 1));
  // The unchecked constructor keeps what fits and stops there.
  const auto too_many = destination_options_chain(Ipv6Packet::max_extension_headers + 1);
  const Ipv6Packet unchecked(view(too_many));
  EXPECT_EQ(unchecked.extension_headers().size(), Ipv6Packet::max_extension_headers);
  EXPECT_EQ(unchecked.upper_layer_protocol(), ip_protocol::destination_options);
}

TEST(Ipv6ExtensionHeaders, UncheckedViewWalksWhatWasCaptured) {
  const auto bytes = prefix(hop_by_hop_fragment_packet(), 52);
  const Ipv6Packet ip(view(bytes));
  ASSERT_EQ(ip.extension_headers().size(), 1u);  // the fragment header was cut
  EXPECT_EQ(ip.extension_headers()[0].type, ip_protocol::hop_by_hop);
  EXPECT_EQ(ip.upper_layer_protocol(), ip_protocol::fragment);
  EXPECT_EQ(ip.upper_layer_offset(), 48u);
  EXPECT_EQ(ip.payload().size(), 4u);
  EXPECT_FALSE(ip.fragment().has_value());
  EXPECT_EQ(ip.router_alert(), std::optional<std::uint16_t>(0));
}

TEST(Ipv6ExtensionHeaders, OptionWalkStopsAtAnOptionThatRunsPast) {
  // Pad1, an unknown option (type 0xde: discard and send ICMP, may change), then an option whose
  // length runs past the header (possible only in an unchecked view).
  const auto header = hex("3b 00 00 de01 ff 0109");
  const Ipv6ExtensionHeader options{ip_protocol::destination_options, ip_protocol::no_next, 8, 40, view(header)};
  std::vector<Ipv6Option> seen;
  for (const Ipv6Option& option : options.options()) seen.push_back(option);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].type, ipv6_option::pad1);
  EXPECT_EQ(seen[0].length, 0);
  EXPECT_TRUE(seen[0].data.empty());
  EXPECT_EQ(seen[0].offset, 42u);
  EXPECT_EQ(seen[1].type, 0xde);
  EXPECT_EQ(seen[1].action(), 3);
  EXPECT_FALSE(seen[1].may_change());
  EXPECT_EQ(seen[1].data.size(), 1u);
  EXPECT_EQ(seen[1].offset, 43u);
}

// The expected strings are tshark 4.0's `-T fields -E occurrence=a` output for the same bytes
// (captured cut where a cut is shown, over Ethernet).
TEST(Ipv6Listing, CompleteHeader) {
  EXPECT_EQ(listing(view(udp_packet())),
            "\tip.version=6\tipv6.flow=0x012345\tipv6.plen=12\tipv6.nxt=17\tipv6.hlim=64\t"
            "ipv6.src=2001:db8::1\tipv6.dst=2001:db8::2");
  // Extension headers have their own next header fields: ipv6.nxt is listed once.
  EXPECT_EQ(listing(view(segment_routing_packet())),
            "\tip.version=6\tipv6.flow=0x000000\tipv6.plen=52\tipv6.nxt=43\tipv6.hlim=64\t"
            "ipv6.src=2001:db8::1\tipv6.dst=2001:db8::2");
  EXPECT_EQ(listing(view(destination_options_ah_packet())),
            "\tip.version=6\tipv6.flow=0x000000\tipv6.plen=44\tipv6.nxt=60\tipv6.hlim=64\t"
            "ipv6.src=2001:db8::1\tipv6.dst=2001:db8::2");
  EXPECT_EQ(listing(view(jumbogram_start())),
            "\tip.version=6\tipv6.flow=0x000000\tipv6.plen=0\tipv6.nxt=0\tipv6.hlim=64\t"
            "ipv6.src=2001:db8::1\tipv6.dst=2001:db8::2");
}

TEST(Ipv6Listing, HeaderCutShortListsTheFieldsBeforeTheCut) {
  const auto bytes = udp_packet();
  const std::string groups[] = {
      "\tip.version=6", "\tipv6.flow=0x012345",   "\tipv6.plen=12\tipv6.nxt=17",
      "\tipv6.hlim=64", "\tipv6.src=2001:db8::1", "\tipv6.dst=2001:db8::2",
  };
  // Bytes needed for each group above: the payload length waits for the next header's byte.
  const std::size_t needs[] = {1, 4, 7, 8, 24, 40};
  EXPECT_EQ(listing(ByteView{}), "");
  for (std::size_t cut = 1; cut <= 40; ++cut) {
    std::string expected;
    for (std::size_t i = 0; i < 6; ++i)
      if (cut >= needs[i]) expected += groups[i];
    const auto part = prefix(bytes, cut);
    EXPECT_EQ(listing(view(part)), expected) << "cut at " << cut;
  }
  auto version4 = bytes;
  version4[0] = std::byte{0x40};
  EXPECT_EQ(listing(view(version4)), "\tip.version=4");
}

TEST(Ipv6Listing, FragmentHeaders) {
  const std::string fixed =
      "\tip.version=6\tipv6.flow=0x000000\tipv6.plen=32\tipv6.nxt=0\tipv6.hlim=1\t"
      "ipv6.src=fe80::1\tipv6.dst=ff02::16";
  const auto bytes = hop_by_hop_fragment_packet();
  const std::string fragment = "\tipv6.fraghdr.offset=0\tipv6.fraghdr.more=1\tipv6.fraghdr.ident=0x0000abcd";
  EXPECT_EQ(listing(view(bytes)), fixed + fragment);
  // The fragment header is listed whole or not at all.
  for (std::size_t cut = 40; cut < 56; ++cut) EXPECT_EQ(listing(view(prefix(bytes, cut))), fixed) << cut;
  EXPECT_EQ(listing(view(prefix(bytes, 56))), fixed + fragment);
  // Nor when the payload length leaves it out.
  auto short_length = bytes;
  set_payload_length(short_length, 12);
  EXPECT_EQ(listing(view(short_length)),
            "\tip.version=6\tipv6.flow=0x000000\tipv6.plen=12\tipv6.nxt=0\tipv6.hlim=1\t"
            "ipv6.src=fe80::1\tipv6.dst=ff02::16");
  // The offset is in 8-octet units.
  EXPECT_EQ(listing(view(later_fragment_packet())),
            "\tip.version=6\tipv6.flow=0x000000\tipv6.plen=16\tipv6.nxt=44\tipv6.hlim=64\t"
            "ipv6.src=2001:db8::1\tipv6.dst=2001:db8::2"
            "\tipv6.fraghdr.offset=2\tipv6.fraghdr.more=0\tipv6.fraghdr.ident=0x0000abcd");
  // Two fragment headers (which parse() rejects) are both listed, comma-joined.
  EXPECT_EQ(listing(view(two_fragment_headers_packet())),
            "\tip.version=6\tipv6.flow=0x000000\tipv6.plen=28\tipv6.nxt=44\tipv6.hlim=64\t"
            "ipv6.src=2001:db8::1\tipv6.dst=2001:db8::2"
            "\tipv6.fraghdr.offset=0,0\tipv6.fraghdr.more=1,1\tipv6.fraghdr.ident=0x00000001,0x00000002");
}

}  // namespace
}  // namespace pktdoc
