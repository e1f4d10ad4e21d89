// Ipv4Packet (RFC 791): fixed fields, options, lengths that lie, truncation, and the Wireshark
// listing. Every packet below was checked once with tshark 4.0 (header checksums correct, UDP
// and IGMP checksums correct); the listing strings are what `tshark -T fields` printed for them.
#include "pktdoc/ipv4.hpp"

#include <string>
#include <vector>

#include "pktdoc/detail/listing.hpp"
#include "pktdoc/ipv6.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// A UDP datagram from 192.0.2.1 to 198.51.100.2 carrying "ping".
std::vector<std::byte> udp_packet() {
  return hex(
      "45 b9 0020"  // version 4, IHL 5 (20 bytes); DSCP 46 (EF), ECN 1; total length 32
      "1c46 4000"   // identification 0x1c46; flags DF, fragment offset 0
      "40 11 3197"  // TTL 64, protocol 17 (UDP), header checksum 0x3197
      "c0000201"    // source 192.0.2.1
      "c6336402"    // destination 198.51.100.2
      "c000 0007"   // UDP: source port 49152, destination port 7
      "000c 74c6"   // UDP: length 12, checksum 0x74c6
      "70696e67");  // UDP data
}

// A fragment from the middle of a datagram (offset 1480 bytes, more to come).
std::vector<std::byte> fragment_packet() {
  return hex(
      "45 00 001c"          // version 4, IHL 5; DS field 0; total length 28
      "abcd 20b9"           // identification 0xabcd; flags MF, fragment offset 185 (1480 bytes)
      "3f 11 b13f"          // TTL 63, protocol 17 (UDP), header checksum 0xb13f
      "c0000201"            // source 192.0.2.1
      "cb007109"            // destination 203.0.113.9
      "0011223344556677");  // 8 bytes from the middle of the datagram
}

// An IGMPv2 report with Router Alert, Record Route and Timestamp options.
std::vector<std::byte> options_packet() {
  return hex(
      "4d 00 003c"  // version 4, IHL 13 (52 bytes); DS field 0; total length 60
      "0001 0000"   // identification 1; no flags, offset 0
      "01 02 bc85"  // TTL 1, protocol 2 (IGMP), header checksum 0xbc85
      "c0000201"    // source 192.0.2.1
      "ef010203"    // destination 239.1.2.3
      "9404 0000"   // Router Alert (148), length 4, value 0: routers shall examine the packet
      "070b 08"     // Record Route (7), length 11, pointer 8: one slot recorded
      "c6336401"    // slot 1: 198.51.100.1 (recorded)
      "00000000"    // slot 2: empty
      "01"          // No Operation
      "440c 0d 01"  // Timestamp (68), length 12, pointer 13, overflow 0, flag 1 (address + timestamp)
      "c6336401"    // entry 1 address: 198.51.100.1
      "0036ee80"    // entry 1 timestamp: 3600000 ms (01:00 UT)
      "00"          // End of Option List
      "000000"      // padding to a 4-byte boundary
      "16 00 f8fa"  // IGMPv2 Membership Report: type 0x16, max response time 0, checksum 0xf8fa
      "ef010203");  // IGMP group address 239.1.2.3
}

// A Timestamp option with timestamps only, one of its two slots filled.
std::vector<std::byte> timestamps_packet() {
  return hex(
      "48 00 002c"  // version 4, IHL 8 (32 bytes); DS field 0; total length 44
      "0003 0000"   // identification 3; no flags, offset 0
      "40 11 4fb4"  // TTL 64, protocol 17 (UDP), header checksum 0x4fb4
      "c0000201"    // source 192.0.2.1
      "c6336402"    // destination 198.51.100.2
      "440c 09 10"  // Timestamp (68), length 12, pointer 9, overflow 1, flag 0 (timestamps only)
      "0036ee80"    // timestamp 1: 3600000 ms
      "00000000"    // timestamp 2: empty
      "c000 0007"   // UDP: source port 49152, destination port 7
      "000c 74c6"   // UDP: length 12, checksum 0x74c6
      "70696e67");  // UDP data
}

// A UDP datagram sent along a loose source route: the header holds the next hop.
std::vector<std::byte> loose_source_route_packet() {
  return hex(
      "47 00 0028"  // version 4, IHL 7 (28 bytes); DS field 0; total length 40
      "0002 4000"   // identification 2; flags DF, offset 0
      "40 11 bc4b"  // TTL 64, protocol 17 (UDP), header checksum 0xbc4b
      "c0000201"    // source 192.0.2.1
      "c63364fe"    // destination 198.51.100.254: the next hop of the route
      "8307 04"     // Loose Source Route (131), length 7, pointer 4: first slot next
      "cb007107"    // slot 1: 203.0.113.7, the final destination
      "01"          // No Operation (padding)
      "c000 0007"   // UDP: source port 49152, destination port 7
      "000c 62f4"   // UDP: length 12, checksum 0x62f4
      "70696e67");  // UDP data
}

// The listing of a view over `bytes`, as dissect prints it ("\tname=value" per field).
std::string listing(ByteView bytes) {
  detail::FieldSink sink;
  detail::list_ipv4(Ipv4Packet(bytes), sink);
  std::string line;
  sink.write(line);
  return line;
}

// A copy of the first `count` bytes, so that AddressSanitizer sees reads past the cut.
std::vector<std::byte> prefix(const std::vector<std::byte>& bytes, std::size_t count) {
  return std::vector<std::byte>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(count));
}

// Parses `bytes` and expects ErrorKind::invalid for Protocol::ipv4.
void expect_invalid(const std::vector<std::byte>& bytes) {
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_FALSE(ip.ok());
  EXPECT_EQ(ip.error().kind, ErrorKind::invalid) << ip.error().reason;
  EXPECT_EQ(ip.error().protocol, Protocol::ipv4);
  EXPECT_STRNE(ip.error().reason, "");
}

TEST(Ipv4Packet, DecodesEveryFixedField) {
  const auto bytes = udp_packet();
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_EQ(ip->version(), 4);
  EXPECT_EQ(ip->ihl(), 5);
  EXPECT_EQ(ip->header_length(), 20u);
  EXPECT_EQ(ip->type_of_service(), 0xb9);
  EXPECT_EQ(ip->dscp(), 46);
  EXPECT_EQ(ip->ecn(), 1);
  EXPECT_EQ(ip->total_length(), 32);
  EXPECT_EQ(ip->identification(), 0x1c46);
  EXPECT_FALSE(ip->reserved_flag());
  EXPECT_TRUE(ip->dont_fragment());
  EXPECT_FALSE(ip->more_fragments());
  EXPECT_EQ(ip->fragment_offset(), 0);
  EXPECT_EQ(ip->fragment_offset_bytes(), 0u);
  EXPECT_FALSE(ip->is_fragment());
  EXPECT_EQ(ip->ttl(), 64);
  EXPECT_EQ(ip->protocol(), ip_protocol::udp);
  EXPECT_EQ(ip->header_checksum(), 0x3197);
  EXPECT_EQ(ip->header_checksum_status(), ChecksumStatus::good);
  EXPECT_EQ(ip->source(), *Ipv4Address::parse("192.0.2.1"));
  EXPECT_EQ(ip->destination(), *Ipv4Address::parse("198.51.100.2"));
  EXPECT_EQ(ip->final_destination(), ip->destination());
  EXPECT_TRUE(ip->options().empty());
  EXPECT_FALSE(ip->router_alert().has_value());
  EXPECT_EQ(ip->payload().size(), 12u);
  EXPECT_EQ(ip->payload().data(), bytes.data() + 20);  // a view, not a copy
  EXPECT_EQ(ip->payload_length(), 12u);
  EXPECT_FALSE(ip->payload_truncated());
  EXPECT_FALSE(ip->length_from_capture());
  EXPECT_EQ(ip->bytes().size(), bytes.size());
}

TEST(Ipv4Packet, PseudoHeaderVerifiesTheUdpChecksum) {
  const auto bytes = udp_packet();
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());
  const PseudoHeader pseudo = ip->pseudo_header();
  EXPECT_FALSE(pseudo.is_ipv6);
  EXPECT_EQ(pseudo.source4, ip->source());
  EXPECT_EQ(pseudo.destination4, ip->destination());
  EXPECT_EQ(pseudo.protocol, ip_protocol::udp);
  EXPECT_EQ(pseudo.length, 12u);
  InternetChecksum sum;
  add_pseudo_header(sum, pseudo);
  sum.add(ip->payload());
  EXPECT_EQ(sum.finish(), 0);
}

TEST(Ipv4Packet, PayloadIsCutToTotalLengthSoPaddingIsLeftOut) {
  auto bytes = udp_packet();
  bytes.resize(46, std::byte{0});  // Ethernet pads a 32-byte datagram to 46 bytes
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());
  EXPECT_EQ(ip->payload().size(), 12u);
  EXPECT_EQ(ip->payload_length(), 12u);
  EXPECT_FALSE(ip->payload_truncated());
  EXPECT_EQ(ip->bytes().size(), 46u);
}

TEST(Ipv4Packet, FragmentFields) {
  const auto bytes = fragment_packet();
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());
  EXPECT_TRUE(ip->more_fragments());
  EXPECT_FALSE(ip->dont_fragment());
  EXPECT_EQ(ip->fragment_offset(), 185);
  EXPECT_EQ(ip->fragment_offset_bytes(), 1480u);
  EXPECT_TRUE(ip->is_fragment());
  EXPECT_EQ(ip->identification(), 0xabcd);
  EXPECT_EQ(ip->ttl(), 63);
  EXPECT_EQ(ip->header_checksum_status(), ChecksumStatus::good);
  EXPECT_EQ(ip->destination(), *Ipv4Address::parse("203.0.113.9"));
  EXPECT_EQ(ip->payload().size(), 8u);

  // The last fragment: offset set, MF clear; still a fragment.
  auto last = bytes;
  last[6] = std::byte{0x00};
  EXPECT_TRUE(Ipv4Packet(view(last)).is_fragment());
  EXPECT_FALSE(Ipv4Packet(view(last)).more_fragments());
  // The reserved flag.
  auto evil = bytes;
  evil[6] = std::byte{0x80};
  EXPECT_TRUE(Ipv4Packet(view(evil)).reserved_flag());
}

TEST(Ipv4Packet, TruncatedAtEveryCut) {
  const auto parse = [](ByteView bytes) { return Ipv4Packet::parse(bytes); };
  test::expect_truncated_at_every_cut(udp_packet(), 20, Protocol::ipv4, parse);
  test::expect_truncated_at_every_cut(options_packet(), 52, Protocol::ipv4, parse);
  test::expect_truncated_at_every_cut(loose_source_route_packet(), 28, Protocol::ipv4, parse);
  // With the header complete, a cut payload is not an error.
  const auto bytes = udp_packet();
  for (std::size_t cut = 20; cut <= bytes.size(); ++cut) {
    const auto part = prefix(bytes, cut);
    const auto ip = Ipv4Packet::parse(view(part));
    ASSERT_TRUE(ip.ok()) << cut;
    EXPECT_EQ(ip->payload().size(), cut - 20);
    EXPECT_EQ(ip->payload_length(), 12u);
    EXPECT_EQ(ip->payload_truncated(), cut < bytes.size());
  }
}

TEST(Ipv4Packet, TotalLengthLargerThanCapturedIsNotAnError) {
  auto bytes = udp_packet();
  bytes[2] = std::byte{0x05};  // total length 1312: the capture was cut by its snap length
  bytes[3] = std::byte{0x20};
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());
  EXPECT_EQ(ip->payload().size(), 12u);
  EXPECT_EQ(ip->payload_length(), 1292u);
  EXPECT_TRUE(ip->payload_truncated());
  EXPECT_EQ(ip->pseudo_header().length, 1292u);
}

TEST(Ipv4Packet, TotalLengthBelowTheHeaderIsInvalid) {
  for (const int total : {1, 19}) {
    auto bytes = udp_packet();
    bytes[2] = std::byte{0};
    bytes[3] = static_cast<std::byte>(total);
    expect_invalid(bytes);
    // The header alone says so: 4 captured bytes are enough to tell.
    expect_invalid(prefix(bytes, 4));
  }
  auto options = loose_source_route_packet();
  options[3] = std::byte{27};  // one byte short of the 28-byte header
  expect_invalid(options);
  // Exactly the header: valid, with no payload.
  auto header_only = udp_packet();
  header_only[3] = std::byte{20};
  const auto ip = Ipv4Packet::parse(view(header_only));
  ASSERT_TRUE(ip.ok());
  EXPECT_TRUE(ip->payload().empty());
  EXPECT_EQ(ip->payload_length(), 0u);
  EXPECT_FALSE(ip->payload_truncated());
}

TEST(Ipv4Packet, TotalLengthZeroIsSegmentationOffload) {
  auto bytes = udp_packet();
  bytes[2] = std::byte{0};
  bytes[3] = std::byte{0};
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_TRUE(ip->length_from_capture());
  EXPECT_EQ(ip->total_length(), 0);
  EXPECT_EQ(ip->payload().size(), 12u);
  EXPECT_EQ(ip->payload_length(), 12u);
  EXPECT_FALSE(ip->payload_truncated());
}

TEST(Ipv4Packet, VersionAndHeaderLengthThatLieAreInvalid) {
  for (const int first : {0x65, 0x55, 0x05, 0xf5, 0x44, 0x40, 0x41}) {
    auto bytes = udp_packet();
    bytes[0] = static_cast<std::byte>(first);
    expect_invalid(bytes);
    expect_invalid(prefix(bytes, 1));  // the first byte is enough to tell
  }
  // IHL 15 (60 bytes) over a 32-byte capture whose total length says 32: invalid.
  auto long_header = udp_packet();
  long_header[0] = std::byte{0x4f};
  expect_invalid(long_header);
  // IHL 15 with a total length that allows it, but only 32 bytes captured: truncated.
  long_header[3] = std::byte{64};
  const auto ip = Ipv4Packet::parse(view(long_header));
  ASSERT_FALSE(ip.ok());
  EXPECT_EQ(ip.error().kind, ErrorKind::truncated);
  EXPECT_EQ(ip.error().protocol, Protocol::ipv4);
}

TEST(Ipv4Packet, HeaderChecksumStatus) {
  auto bytes = udp_packet();
  EXPECT_EQ(Ipv4Packet(view(bytes)).header_checksum_status(), ChecksumStatus::good);
  bytes[8] = std::byte{63};  // a router decremented the TTL without updating the checksum
  EXPECT_EQ(Ipv4Packet(view(bytes)).header_checksum_status(), ChecksumStatus::bad);
  const auto cut = prefix(udp_packet(), 19);
  EXPECT_EQ(Ipv4Packet(view(cut)).header_checksum_status(), ChecksumStatus::unverified);
  const auto options = prefix(options_packet(), 40);
  EXPECT_EQ(Ipv4Packet(view(options)).header_checksum_status(), ChecksumStatus::unverified);
  EXPECT_EQ(Ipv4Packet().header_checksum_status(), ChecksumStatus::unverified);
}

TEST(Ipv4Packet, UncheckedViewReadsZeroPastTheEnd) {
  const auto bytes = prefix(udp_packet(), 10);
  const Ipv4Packet ip(view(bytes));
  EXPECT_EQ(ip.version(), 4);
  EXPECT_EQ(ip.total_length(), 32);
  EXPECT_EQ(ip.ttl(), 64);
  EXPECT_EQ(ip.protocol(), 17);
  EXPECT_EQ(ip.header_checksum(), 0);
  EXPECT_EQ(ip.source(), Ipv4Address{});
  EXPECT_EQ(ip.destination(), Ipv4Address{});
  EXPECT_TRUE(ip.payload().empty());
  EXPECT_TRUE(ip.payload_truncated());

  const Ipv4Packet empty;
  EXPECT_EQ(empty.version(), 0);
  EXPECT_EQ(empty.header_length(), 0u);
  EXPECT_TRUE(empty.bytes().empty());
  EXPECT_TRUE(empty.payload().empty());
  EXPECT_EQ(empty.payload_length(), 0u);
  EXPECT_FALSE(empty.payload_truncated());
  EXPECT_TRUE(empty.options().empty());
}

TEST(Ipv4Options, IteratesEveryOptionWithItsOffset) {
  const auto bytes = options_packet();
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_EQ(ip->header_length(), 52u);
  EXPECT_EQ(ip->header_checksum_status(), ChecksumStatus::good);
  EXPECT_EQ(ip->protocol(), ip_protocol::igmp);
  EXPECT_EQ(ip->payload().size(), 8u);
  EXPECT_EQ(ip->options().bytes().size(), 32u);

  struct Seen {
    std::uint8_t type;
    std::uint8_t length;
    std::size_t offset;
  };
  std::vector<Seen> seen;
  for (const Ipv4Option& option : ip->options()) seen.push_back({option.type, option.length, option.offset});
  ASSERT_EQ(seen.size(), 5u);  // the walk stops after End of Option List, before the padding
  EXPECT_EQ(seen[0].type, ipv4_option::router_alert);
  EXPECT_EQ(seen[0].length, 4);
  EXPECT_EQ(seen[0].offset, 20u);
  EXPECT_EQ(seen[1].type, ipv4_option::record_route);
  EXPECT_EQ(seen[1].length, 11);
  EXPECT_EQ(seen[1].offset, 24u);
  EXPECT_EQ(seen[2].type, ipv4_option::no_operation);
  EXPECT_EQ(seen[2].length, 1);
  EXPECT_EQ(seen[2].offset, 35u);
  EXPECT_EQ(seen[3].type, ipv4_option::timestamp);
  EXPECT_EQ(seen[3].offset, 36u);
  EXPECT_EQ(seen[4].type, ipv4_option::end_of_list);
  EXPECT_EQ(seen[4].offset, 48u);

  // The type octet's three parts (RFC 791): Router Alert is copied, class 0, number 20;
  // Timestamp is not copied, class 2 (debugging and measurement), number 4.
  const auto alert = ip->find_option(ipv4_option::router_alert);
  ASSERT_TRUE(alert.has_value());
  EXPECT_TRUE(alert->copied());
  EXPECT_EQ(alert->option_class(), 0);
  EXPECT_EQ(alert->number(), 20);
  EXPECT_EQ(alert->data.size(), 2u);
  const auto stamp = ip->find_option(ipv4_option::timestamp);
  ASSERT_TRUE(stamp.has_value());
  EXPECT_FALSE(stamp->copied());
  EXPECT_EQ(stamp->option_class(), 2);
  EXPECT_EQ(stamp->number(), 4);
  EXPECT_FALSE(ip->find_option(ipv4_option::security).has_value());
}

TEST(Ipv4Options, RecordRouteTimestampAndRouterAlert) {
  const auto bytes = options_packet();
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok());

  EXPECT_EQ(ip->router_alert(), std::optional<std::uint16_t>(0));

  const auto route = ip->record_route();
  ASSERT_TRUE(route.has_value());
  EXPECT_EQ(route->type, ipv4_option::record_route);
  EXPECT_EQ(route->length, 11);
  EXPECT_EQ(route->pointer, 8);
  EXPECT_EQ(route->address_count(), 2u);
  EXPECT_EQ(route->recorded_count(), 1u);
  EXPECT_FALSE(route->is_full());
  EXPECT_EQ(route->address(0), *Ipv4Address::parse("198.51.100.1"));
  EXPECT_EQ(route->address(1), *Ipv4Address::parse("0.0.0.0"));
  EXPECT_EQ(route->address(2), Ipv4Address{});  // no such slot
  EXPECT_FALSE(ip->loose_source_route().has_value());
  EXPECT_FALSE(ip->strict_source_route().has_value());

  const auto stamp = ip->timestamp();
  ASSERT_TRUE(stamp.has_value());
  EXPECT_EQ(stamp->length, 12);
  EXPECT_EQ(stamp->pointer, 13);
  EXPECT_EQ(stamp->overflow, 0);
  EXPECT_EQ(stamp->flag, ipv4_timestamp_flag::with_addresses);
  EXPECT_EQ(stamp->entry_size(), 8u);
  EXPECT_EQ(stamp->entry_count(), 1u);
  EXPECT_EQ(stamp->recorded_count(), 1u);
  EXPECT_TRUE(stamp->is_full());
  const Ipv4TimestampEntry entry = stamp->entry(0);
  EXPECT_TRUE(entry.has_address);
  EXPECT_EQ(entry.address, *Ipv4Address::parse("198.51.100.1"));
  EXPECT_EQ(entry.timestamp, 3600000u);
  EXPECT_EQ(stamp->entry(1).timestamp, 0u);  // no such entry
}

TEST(Ipv4Options, TimestampsOnly) {
  const auto bytes = timestamps_packet();
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_EQ(ip->header_checksum_status(), ChecksumStatus::good);
  const auto stamp = ip->timestamp();
  ASSERT_TRUE(stamp.has_value());
  EXPECT_EQ(stamp->pointer, 9);
  EXPECT_EQ(stamp->overflow, 1);
  EXPECT_EQ(stamp->flag, ipv4_timestamp_flag::timestamps_only);
  EXPECT_EQ(stamp->entry_size(), 4u);
  EXPECT_EQ(stamp->entry_count(), 2u);
  EXPECT_EQ(stamp->recorded_count(), 1u);
  EXPECT_FALSE(stamp->is_full());
  EXPECT_FALSE(stamp->entry(0).has_address);
  EXPECT_EQ(stamp->entry(0).timestamp, 3600000u);
  EXPECT_EQ(stamp->entry(1).timestamp, 0u);
  // The UDP checksum does not depend on the options.
  InternetChecksum sum;
  add_pseudo_header(sum, ip->pseudo_header());
  sum.add(ip->payload());
  EXPECT_EQ(sum.finish(), 0);
}

TEST(Ipv4Options, LooseSourceRouteGivesTheFinalDestination) {
  const auto bytes = loose_source_route_packet();
  const auto ip = Ipv4Packet::parse(view(bytes));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  EXPECT_EQ(ip->header_checksum_status(), ChecksumStatus::good);
  EXPECT_EQ(ip->destination(), *Ipv4Address::parse("198.51.100.254"));
  EXPECT_EQ(ip->final_destination(), *Ipv4Address::parse("203.0.113.7"));
  const auto route = ip->loose_source_route();
  ASSERT_TRUE(route.has_value());
  EXPECT_EQ(route->pointer, 4);
  EXPECT_EQ(route->address_count(), 1u);
  EXPECT_EQ(route->recorded_count(), 0u);
  // The sender computed the UDP checksum with the final destination (RFC 1122 3.2.1.8).
  const PseudoHeader pseudo = ip->pseudo_header();
  EXPECT_EQ(pseudo.destination4, *Ipv4Address::parse("203.0.113.7"));
  InternetChecksum sum;
  add_pseudo_header(sum, pseudo);
  sum.add(ip->payload());
  EXPECT_EQ(sum.finish(), 0);

  // A route followed to its end (pointer past the length): the header holds the final destination.
  auto done = bytes;
  done[22] = std::byte{8};
  EXPECT_EQ(Ipv4Packet(view(done)).final_destination(), *Ipv4Address::parse("198.51.100.254"));
  EXPECT_TRUE(Ipv4Packet(view(done)).loose_source_route()->is_full());
  // A pointer inside an address is no route at all.
  auto middle = bytes;
  middle[22] = std::byte{5};
  EXPECT_EQ(Ipv4Packet(view(middle)).final_destination(), *Ipv4Address::parse("198.51.100.254"));
  // The same as a strict source route.
  auto strict = bytes;
  strict[20] = std::byte{ipv4_option::strict_source_route};
  EXPECT_EQ(Ipv4Packet(view(strict)).final_destination(), *Ipv4Address::parse("203.0.113.7"));
  EXPECT_TRUE(Ipv4Packet(view(strict)).strict_source_route().has_value());
}

TEST(Ipv4Options, MalformedOptionsAreInvalid) {
  // Each replaces the 8 option bytes of the source-routed packet.
  const char* const bad[] = {
      "8301 000000000000",     // length below 2
      "8300 000000000000",     // length 0
      "8309 04 cb007107 01",   // runs one byte past the header
      "0101 0101 0101 01 83",  // the last octet is a type without its length
      "0702 01010101 0101",    // Record Route too short for its pointer
      "4403 05 0101010101",    // Timestamp too short for its flags
      "9403 00 0101010101",    // Router Alert too short for its value
  };
  for (const char* options : bad) {
    auto bytes = loose_source_route_packet();
    const auto replacement = hex(options);
    ASSERT_EQ(replacement.size(), 8u) << options;
    std::copy(replacement.begin(), replacement.end(), bytes.begin() + 20);
    SCOPED_TRACE(options);
    expect_invalid(bytes);
  }
  // After End of Option List anything goes: it is padding.
  auto padded = loose_source_route_packet();
  const auto after_end = hex("00 8300 ffffffff 01");
  std::copy(after_end.begin(), after_end.end(), padded.begin() + 20);
  const auto ip = Ipv4Packet::parse(view(padded));
  ASSERT_TRUE(ip.ok()) << ip.error().reason;
  std::size_t count = 0;
  for (const Ipv4Option& option : ip->options()) {
    EXPECT_EQ(option.type, ipv4_option::end_of_list);
    ++count;
  }
  EXPECT_EQ(count, 1u);
}

TEST(Ipv4Options, WalkIsBoundedOnUncheckedViews) {
  // 40 bytes of No Operation: 40 options, the most a header can hold.
  auto bytes = hex("4f 00 003c 0000 0000 40 fd 0000 c0000201 c6336402");
  bytes.resize(60, std::byte{ipv4_option::no_operation});
  std::size_t count = 0;
  for (const Ipv4Option& option : Ipv4Packet(view(bytes)).options()) {
    EXPECT_EQ(option.length, 1);
    ++count;
  }
  EXPECT_EQ(count, 40u);
  // A zero length would never advance: the walk ends there instead.
  bytes[22] = std::byte{0x83};
  bytes[23] = std::byte{0x00};
  count = 0;
  for (auto it = Ipv4Packet(view(bytes)).options().begin(); it != Ipv4OptionIterator(); ++it) ++count;
  EXPECT_EQ(count, 2u);
  // Options of a header cut short are those that were captured in full.
  const auto cut = prefix(options_packet(), 30);
  EXPECT_TRUE(Ipv4Packet(view(cut)).options().empty());
  EXPECT_FALSE(Ipv4Packet(view(cut)).router_alert().has_value());
}

TEST(IpProtocol, NumbersNamesAndExtensionHeaders) {
  EXPECT_EQ(ip_protocol::tcp, 6);
  EXPECT_EQ(ip_protocol::udp, 17);
  EXPECT_EQ(ip_protocol::icmpv6, 58);
  EXPECT_EQ(ip_protocol::sctp, 132);
  EXPECT_EQ(ip_protocol_name(ip_protocol::udp), "udp");
  EXPECT_EQ(ip_protocol_name(ip_protocol::fragment), "ipv6-frag");
  EXPECT_EQ(ip_protocol_name(200), "unknown");
  for (const int type : {0, 43, 44, 51, 60, 135, 139, 140, 253, 254})
    EXPECT_TRUE(is_ipv6_extension_header(static_cast<std::uint8_t>(type))) << type;
  for (const int type : {6, 17, 50, 58, 59, 132, 41, 255})
    EXPECT_FALSE(is_ipv6_extension_header(static_cast<std::uint8_t>(type))) << type;
}

// The expected strings are tshark 4.0's `-T fields -E occurrence=a` output for the same bytes
// (captured cut where a cut is shown, over Ethernet).
TEST(Ipv4Listing, CompleteHeader) {
  EXPECT_EQ(listing(view(udp_packet())),
            "\tip.version=4\tip.hdr_len=20\tip.len=32\tip.id=0x1c46\tip.flags.df=1\tip.flags.mf=0\t"
            "ip.frag_offset=0\tip.ttl=64\tip.proto=17\tip.checksum=0x3197\tip.src=192.0.2.1\tip.dst=198.51.100.2");
  // ip.frag_offset is in 8-octet units.
  EXPECT_EQ(listing(view(fragment_packet())),
            "\tip.version=4\tip.hdr_len=20\tip.len=28\tip.id=0xabcd\tip.flags.df=0\tip.flags.mf=1\t"
            "ip.frag_offset=185\tip.ttl=63\tip.proto=17\tip.checksum=0xb13f\tip.src=192.0.2.1\tip.dst=203.0.113.9");
  EXPECT_EQ(listing(view(options_packet())),
            "\tip.version=4\tip.hdr_len=52\tip.len=60\tip.id=0x0001\tip.flags.df=0\tip.flags.mf=0\t"
            "ip.frag_offset=0\tip.ttl=1\tip.proto=2\tip.checksum=0xbc85\tip.src=192.0.2.1\tip.dst=239.1.2.3");
}

TEST(Ipv4Listing, HeaderCutShortListsTheFieldsBeforeTheCut) {
  const auto bytes = udp_packet();
  const std::string all[] = {
      "\tip.version=4\tip.hdr_len=20",
      "\tip.len=32",
      "\tip.id=0x1c46",
      "\tip.flags.df=1\tip.flags.mf=0\tip.frag_offset=0",
      "\tip.ttl=64",
      "\tip.proto=17",
      "\tip.checksum=0x3197",
      "\tip.src=192.0.2.1",
      "\tip.dst=198.51.100.2",
  };
  // Bytes needed for each group of fields above.
  const std::size_t needs[] = {1, 4, 6, 8, 9, 10, 12, 16, 20};
  EXPECT_EQ(listing(ByteView{}), "");
  for (std::size_t cut = 1; cut <= 20; ++cut) {
    std::string expected;
    for (std::size_t i = 0; i < 9; ++i)
      if (cut >= needs[i]) expected += all[i];
    const auto part = prefix(bytes, cut);
    EXPECT_EQ(listing(view(part)), expected) << "cut at " << cut;
  }
  // With options, the options must be captured before ip.dst is listed.
  const auto options = prefix(options_packet(), 30);
  EXPECT_EQ(listing(view(options)),
            "\tip.version=4\tip.hdr_len=52\tip.len=60\tip.id=0x0001\tip.flags.df=0\tip.flags.mf=0\t"
            "ip.frag_offset=0\tip.ttl=1\tip.proto=2\tip.checksum=0xbc85\tip.src=192.0.2.1");
}

TEST(Ipv4Listing, SourceRouteListsTheFinalDestinationAsIpDst) {
  const auto bytes = loose_source_route_packet();
  const std::string fixed =
      "\tip.version=4\tip.hdr_len=28\tip.len=40\tip.id=0x0002\tip.flags.df=1\tip.flags.mf=0\t"
      "ip.frag_offset=0\tip.ttl=64\tip.proto=17\tip.checksum=0xbc4b\tip.src=192.0.2.1";
  EXPECT_EQ(listing(view(bytes)), fixed + "\tip.dst=203.0.113.7");
  EXPECT_EQ(listing(view(prefix(bytes, 20))), fixed);
  EXPECT_EQ(listing(view(prefix(bytes, 27))), fixed);
}

TEST(Ipv4Listing, FieldsThatLie) {
  auto bytes = udp_packet();
  bytes[0] = std::byte{0x55};
  EXPECT_EQ(listing(view(bytes)), "\tip.version=5");
  bytes[0] = std::byte{0x44};
  EXPECT_EQ(listing(view(bytes)), "\tip.version=4\tip.hdr_len=16");
  bytes = udp_packet();
  bytes[3] = std::byte{19};
  EXPECT_EQ(listing(view(bytes)), "\tip.version=4\tip.hdr_len=20\tip.len=19");
  // Total length 0: tshark assumes segmentation offload and lists the reported length.
  bytes[3] = std::byte{0};
  EXPECT_EQ(listing(view(bytes)),
            "\tip.version=4\tip.hdr_len=20\tip.len=32\tip.id=0x1c46\tip.flags.df=1\tip.flags.mf=0\t"
            "ip.frag_offset=0\tip.ttl=64\tip.proto=17\tip.checksum=0x3197\tip.src=192.0.2.1\tip.dst=198.51.100.2");
}

}  // namespace
}  // namespace pktdoc
