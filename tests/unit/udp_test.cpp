// UdpDatagram: the header, lengths that lie, the checksum rules over IPv4 and IPv6, jumbograms,
// and the Wireshark listing.
//
// Every datagram below was built field by field, wrapped in an IP header and checked once with
// tshark 4.0 (`-o udp.check_checksum:TRUE`); the listing strings are what
// `tshark -n -T fields -E occurrence=a -E aggregator=,` printed for the same bytes.
#include "pktdoc/packet.hpp"
#include "pktdoc/udp.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "pktdoc/detail/field_sink.hpp"
#include "pktdoc/detail/listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// 192.0.2.1:40000 -> 198.51.100.2:53, a DNS query for example.com A. tshark: "Standard query
// 0x1234 A example.com", checksum good.
const char* const dns_hex =
    "9c40 0035"                       // source port 40000, destination port 53
    "0025"                            // length 37
    "9555"                            // checksum
    "1234 0100 0001 0000 0000 0000"   // DNS: id 0x1234, RD, one question
    "07 6578616d706c65 03 636f6d 00"  // example.com
    "0001 0001";                      // type A, class IN

// [2001:db8::1]:40001 -> [2001:db8::2]:9, "pktdoc". tshark: checksum good.
const char* const ipv6_hex =
    "9c41 0009"      // source port 40001, destination port 9 (discard)
    "000e"           // length 14
    "b3df"           // checksum
    "706b74646f63";  // "pktdoc"

// 192.0.2.1:40002 -> 198.51.100.2:9, data chosen so that the computed checksum is 0, which is sent
// as 0xFFFF (RFC 768). tshark: checksum good.
const char* const ffff_hex =
    "9c42 0009"       // source port 40002, destination port 9
    "000e"            // length 14
    "ffff"            // checksum: 0 computed, sent as 0xFFFF
    "7a65726f 8a7a";  // "zero" and two bytes that make the sum come out 0

// 192.0.2.1:40003 -> 198.51.100.2:9, no checksum. tshark: checksum not present.
const char* const zero_hex =
    "9c43 0009"      // source port 40003, destination port 9
    "000e"           // length 14
    "0000"           // checksum: not computed
    "6e6f2073756d";  // "no sum"

// [2001:db8::1]:40004 -> [2001:db8::2]:9, length field 0 (a jumbogram's, RFC 2675 section 4),
// checksum over a pseudo-header length of 13. tshark: checksum good ("Length is zero but payload
// < 65536").
const char* const jumbo_hex =
    "9c44 0009"    // source port 40004, destination port 9
    "0000"         // length 0: the IPv6 layer says how long
    "c146"         // checksum
    "6a756d626f";  // "jumbo"

PseudoHeader pseudo4(const char* source, const char* destination, std::size_t length) {
  PseudoHeader pseudo;
  pseudo.source4 = *Ipv4Address::parse(source);
  pseudo.destination4 = *Ipv4Address::parse(destination);
  pseudo.protocol = 17;
  pseudo.length = static_cast<std::uint32_t>(length);
  return pseudo;
}

PseudoHeader pseudo6(const char* source, const char* destination, std::size_t length) {
  PseudoHeader pseudo;
  pseudo.is_ipv6 = true;
  pseudo.source6 = *Ipv6Address::parse(source);
  pseudo.destination6 = *Ipv6Address::parse(destination);
  pseudo.protocol = 17;
  pseudo.length = static_cast<std::uint32_t>(length);
  return pseudo;
}

std::string text(ByteView bytes) { return std::string(as_text(bytes)); }

TEST(UdpDatagram, DecodesADnsQuery) {
  const auto bytes = hex(dns_hex);
  auto udp = UdpDatagram::parse(view(bytes));
  ASSERT_TRUE(udp.ok()) << udp.error().reason;
  EXPECT_EQ(udp->bytes().size(), 37u);
  EXPECT_EQ(udp->source_port(), 40000);
  EXPECT_EQ(udp->destination_port(), 53);
  EXPECT_EQ(udp->length(), 37);
  EXPECT_EQ(udp->checksum(), 0x9555);
  EXPECT_FALSE(udp->is_jumbogram());
  EXPECT_EQ(udp->datagram_length(), 37u);
  EXPECT_EQ(udp->payload().size(), 29u);
  EXPECT_EQ(udp->payload().data(), view(bytes).subspan(8).data());
  EXPECT_FALSE(udp->payload_truncated());
  EXPECT_EQ(udp->checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 37)), ChecksumStatus::good);
  EXPECT_EQ(udp->checksum_status(pseudo4("192.0.2.1", "198.51.100.9", 37)), ChecksumStatus::bad);
  auto corrupted = bytes;
  corrupted[20] ^= std::byte{0x20};
  EXPECT_EQ(UdpDatagram(view(corrupted)).checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 37)),
            ChecksumStatus::bad);
}

TEST(UdpDatagram, LeavesOutBytesAfterTheDatagram) {
  // Ethernet pads short frames; the IP length usually trims that, but when it does not, the UDP
  // length still does, and the checksum still covers only the datagram.
  auto bytes = hex(dns_hex);
  bytes.resize(bytes.size() + 5, std::byte{0});
  auto udp = UdpDatagram::parse(view(bytes));
  ASSERT_TRUE(udp.ok());
  EXPECT_EQ(udp->payload().size(), 29u);
  EXPECT_FALSE(udp->payload_truncated());
  EXPECT_EQ(udp->checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 42)), ChecksumStatus::good);
}

TEST(UdpDatagram, DecodesAnIpv6Datagram) {
  const auto bytes = hex(ipv6_hex);
  auto udp = UdpDatagram::parse(view(bytes), Protocol::ipv6);
  ASSERT_TRUE(udp.ok()) << udp.error().reason;
  EXPECT_EQ(udp->source_port(), 40001);
  EXPECT_EQ(udp->destination_port(), 9);
  EXPECT_EQ(udp->length(), 14);
  EXPECT_EQ(text(udp->payload()), "pktdoc");
  EXPECT_EQ(udp->checksum_status(pseudo6("2001:db8::1", "2001:db8::2", 14)), ChecksumStatus::good);
  EXPECT_EQ(udp->checksum_status(pseudo6("2001:db8::1", "2001:db8::3", 14)), ChecksumStatus::bad);
}

TEST(UdpDatagram, ComputedZeroIsSentAsFfff) {
  const auto bytes = hex(ffff_hex);
  const UdpDatagram udp = *UdpDatagram::parse(view(bytes));
  EXPECT_EQ(udp.checksum(), 0xffff);
  EXPECT_EQ(udp.checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 14)), ChecksumStatus::good);
}

TEST(UdpDatagram, ZeroChecksumIsAbsentOverIpv4AndBadOverIpv6) {
  const auto bytes = hex(zero_hex);
  const UdpDatagram udp = *UdpDatagram::parse(view(bytes));
  EXPECT_EQ(text(udp.payload()), "no sum");
  EXPECT_EQ(udp.checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 14)), ChecksumStatus::absent);
  // RFC 8200 section 8.1: an IPv6 receiver must discard a UDP datagram with a zero checksum.
  EXPECT_EQ(udp.checksum_status(pseudo6("2001:db8::1", "2001:db8::2", 14)), ChecksumStatus::bad);
}

TEST(UdpDatagram, CutAtEveryByteIsTruncated) {
  for (const char* datagram : {dns_hex, ipv6_hex, ffff_hex, zero_hex}) {
    const auto bytes = hex(datagram);
    test::expect_truncated_at_every_cut(bytes, UdpDatagram::header_length, Protocol::udp,
                                        [](ByteView b) { return UdpDatagram::parse(b); });
    test::expect_truncated_at_every_cut(bytes, UdpDatagram::header_length, Protocol::udp,
                                        [](ByteView b) { return UdpDatagram::parse(b, Protocol::ipv6); });
  }
}

TEST(UdpDatagram, LengthBelowTheHeaderIsInvalid) {
  auto bytes = hex(dns_hex);
  for (int length : {1, 4, 7}) {
    bytes[4] = std::byte{0};
    bytes[5] = static_cast<std::byte>(length);
    for (Protocol network : {Protocol::ipv4, Protocol::ipv6}) {
      auto udp = UdpDatagram::parse(view(bytes), network);
      ASSERT_FALSE(udp.ok());
      EXPECT_EQ(udp.error().kind, ErrorKind::invalid);
      EXPECT_EQ(udp.error().protocol, Protocol::udp);
      EXPECT_EQ(udp.error().offset, 4u);
      // Decided as soon as the length field is captured.
      EXPECT_EQ(UdpDatagram::parse(view(bytes).first(6), network).error().kind, ErrorKind::invalid);
    }
    // The unchecked view has no payload then.
    EXPECT_TRUE(UdpDatagram(view(bytes)).payload().empty());
    EXPECT_EQ(UdpDatagram(view(bytes)).checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 37)), ChecksumStatus::bad);
  }
  // Exactly 8: a datagram with no data.
  bytes[5] = std::byte{8};
  auto empty = UdpDatagram::parse(view(bytes));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->payload().empty());
}

TEST(UdpDatagram, LengthZeroIsAJumbogramOnlyOverIpv6) {
  const auto bytes = hex(jumbo_hex);
  auto over_ipv4 = UdpDatagram::parse(view(bytes));
  ASSERT_FALSE(over_ipv4.ok());
  EXPECT_EQ(over_ipv4.error().kind, ErrorKind::invalid);
  EXPECT_EQ(over_ipv4.error().protocol, Protocol::udp);

  auto udp = UdpDatagram::parse(view(bytes), Protocol::ipv6);
  ASSERT_TRUE(udp.ok()) << udp.error().reason;
  EXPECT_TRUE(udp->is_jumbogram());
  EXPECT_EQ(udp->length(), 0);
  EXPECT_EQ(udp->datagram_length(), 13u);
  EXPECT_EQ(text(udp->payload()), "jumbo");
  EXPECT_FALSE(udp->payload_truncated());
  // For a jumbogram the checksum covers, and the pseudo-header carries, the IPv6 length.
  EXPECT_EQ(udp->checksum_status(pseudo6("2001:db8::1", "2001:db8::2", 13)), ChecksumStatus::good);
  EXPECT_EQ(udp->checksum_status(pseudo6("2001:db8::1", "2001:db8::2", 14)), ChecksumStatus::unverified);
  EXPECT_EQ(UdpDatagram(view(bytes).first(12)).checksum_status(pseudo6("2001:db8::1", "2001:db8::2", 13)),
            ChecksumStatus::unverified);
}

TEST(UdpDatagram, LengthLargerThanCapturedCutsThePayload) {
  auto bytes = hex(dns_hex);
  bytes[5] = std::byte{100};  // declares 100 bytes, 37 are there
  auto udp = UdpDatagram::parse(view(bytes));
  ASSERT_TRUE(udp.ok()) << udp.error().reason;
  EXPECT_TRUE(udp->payload_truncated());
  EXPECT_EQ(udp->payload().size(), 29u);
  EXPECT_EQ(udp->checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 100)), ChecksumStatus::unverified);
  // The whole datagram, cut by the capture: the same.
  const auto whole = hex(dns_hex);
  const UdpDatagram cut(view(whole).first(20));
  EXPECT_TRUE(cut.payload_truncated());
  EXPECT_EQ(cut.payload().size(), 12u);
  EXPECT_EQ(cut.checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 37)), ChecksumStatus::unverified);
}

TEST(UdpDatagram, LengthSmallerThanCapturedCutsThePayload) {
  auto bytes = hex(dns_hex);
  bytes[5] = std::byte{10};  // declares 10 bytes: 2 of data
  auto udp = UdpDatagram::parse(view(bytes));
  ASSERT_TRUE(udp.ok());
  EXPECT_EQ(udp->payload().size(), 2u);
  EXPECT_FALSE(udp->payload_truncated());
  EXPECT_EQ(udp->checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 37)), ChecksumStatus::bad);
}

TEST(UdpDatagram, EmptyViewReadsZero) {
  const UdpDatagram empty;
  EXPECT_EQ(empty.source_port(), 0);
  EXPECT_EQ(empty.length(), 0);
  EXPECT_FALSE(empty.is_jumbogram());
  EXPECT_TRUE(empty.payload().empty());
  EXPECT_FALSE(empty.payload_truncated());
  EXPECT_EQ(UdpDatagram::parse(ByteView{}).error().kind, ErrorKind::truncated);
}

TEST(UdpDatagram, SurvivesRandomBytes) {
  std::uint32_t state = 777;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<std::uint8_t>(state >> 16);
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::byte> bytes(static_cast<std::size_t>(next() % 24));
    for (auto& b : bytes) b = static_cast<std::byte>(next());
    const UdpDatagram udp(view(bytes));
    (void)udp.payload();
    (void)udp.payload_truncated();
    (void)udp.checksum_status(pseudo4("192.0.2.1", "198.51.100.2", bytes.size()));
    (void)udp.checksum_status(pseudo6("2001:db8::1", "2001:db8::2", next()));
    (void)UdpDatagram::parse(view(bytes));
    (void)UdpDatagram::parse(view(bytes), Protocol::ipv6);
    detail::FieldSink sink;
    detail::list_udp(udp, IpLayers{}, sink);
  }
}

// ---------------------------------------------------------------------------------------------
// The Wireshark listing. Each row: the UDP bytes the listing is given (a prefix when the capture
// was cut), which IP header the frame lists before them, and what tshark 4.0 listed.

struct ListingCase {
  const char* name;
  const char* bytes;
  const char* ip_field;  // "ip.src" or "ipv6.src": the IP header around the datagram
  const char* expected;
};

const ListingCase listing_cases[] = {
    {"dns query", "9c40003500259555123401000001000000000000076578616d706c6503636f6d0000010001", "ip.src",
     "\tudp.srcport=40000\tudp.dstport=53\tudp.length=37\tudp.checksum=0x9555"},
    {"cut at 0", "", "ip.src", ""},
    {"cut at 3", "9c4000", "ip.src", ""},
    {"cut at 4", "9c400035", "ip.src", "\tudp.srcport=40000\tudp.dstport=53"},
    {"cut at 5", "9c40003500", "ip.src", "\tudp.srcport=40000\tudp.dstport=53"},
    {"cut at 6", "9c4000350025", "ip.src", "\tudp.srcport=40000\tudp.dstport=53\tudp.length=37"},
    {"cut at 7", "9c400035002595", "ip.src", "\tudp.srcport=40000\tudp.dstport=53\tudp.length=37"},
    {"cut at 8 (an ICMP quote)", "9c40003500259555", "ip.src",
     "\tudp.srcport=40000\tudp.dstport=53\tudp.length=37\tudp.checksum=0x9555"},
    {"ipv4 length 0", "9c41000900001234706b74646f63", "ip.src", "\tudp.srcport=40001\tudp.dstport=9\tudp.length=0"},
    {"ipv4 length 4", "9c41000900041234706b74646f63", "ip.src", "\tudp.srcport=40001\tudp.dstport=9\tudp.length=4"},
    {"ipv4 length 7", "9c41000900071234706b74646f63", "ip.src", "\tudp.srcport=40001\tudp.dstport=9\tudp.length=7"},
    {"ipv4 length 8", "9c41000900081234706b74646f63", "ip.src",
     "\tudp.srcport=40001\tudp.dstport=9\tudp.length=8\tudp.checksum=0x1234"},
    {"ipv4 length 100", "9c41000900641234706b74646f63", "ip.src",
     "\tudp.srcport=40001\tudp.dstport=9\tudp.length=100\tudp.checksum=0x1234"},
    {"ipv6 length 0", "9c41000900001234706b74646f63", "ipv6.src",
     "\tudp.srcport=40001\tudp.dstport=9\tudp.length=0\tudp.checksum=0x1234"},
    {"ipv6 length 4", "9c41000900041234706b74646f63", "ipv6.src", "\tudp.srcport=40001\tudp.dstport=9\tudp.length=4"},
};

TEST(UdpListing, MatchesTshark) {
  for (const ListingCase& c : listing_cases) {
    const auto bytes = hex(c.bytes);
    detail::FieldSink sink;
    sink.add(c.ip_field, "x");
    IpLayers ip;
    if (std::string_view(c.ip_field) == "ipv6.src") ip.ipv6 = Ipv6Packet();
    detail::list_udp(UdpDatagram(view(bytes)), ip, sink);
    std::string line;
    sink.write(line);
    EXPECT_EQ(line, std::string("\t") + c.ip_field + "=x" + c.expected) << c.name;
  }
}

}  // namespace
}  // namespace pktdoc
