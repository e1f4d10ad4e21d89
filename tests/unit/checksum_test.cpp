// The RFC 1071 Internet checksum, the TCP/UDP pseudo-headers and CRC32c.
//
// The four IP packets below were built for this test and checked once with
// `tshark -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE -V`
// (raw IP, LINKTYPE_RAW): every IPv4 header, UDP and TCP checksum shows "[correct]".
#include "pktdoc/checksum.hpp"

#include <cstdint>
#include <random>
#include <vector>

#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// IPv4/UDP 192.0.2.1:40000 -> 198.51.100.2:40001, 6 bytes "pktdoc".
const auto kUdp4 =
    hex("4500 0022 1234 4000 4011 3c60 c0000201 c6336402"  // IPv4, header checksum 0x3c60
        "9c40 9c41 000e 86e5"                              // UDP, length 14, checksum 0x86e5
        "706b74646f63");
// IPv4/TCP 192.0.2.1:40000 -> 198.51.100.2:40002, PSH+ACK with 3 bytes "odd" (an odd length).
const auto kTcp4 =
    hex("4500 002b 1235 4000 4006 3c61 c0000201 c6336402"
        "9c40 9c42 01020304 0a0b0c0d 5018 2000 7d8c 0000"  // TCP, checksum 0x7d8c
        "6f6464");
// IPv6/UDP 2001:db8::1:40000 -> 2001:db8::2:40001, "pktdoc".
const auto kUdp6 =
    hex("6000 0000 000e 11 40 20010db8000000000000000000000001 20010db8000000000000000000000002"
        "9c40 9c41 000e 17a8"  // checksum 0x17a8
        "706b74646f63");
// IPv6/TCP 2001:db8::1:40000 -> 2001:db8::2:40003, SYN with MSS 1440.
const auto kTcp6 =
    hex("6000 0000 0018 06 40 20010db8000000000000000000000001 20010db8000000000000000000000002"
        "9c40 9c43 11223344 00000000 6002 ffff bfdb 0000 020405a0");  // checksum 0xbfdb

const Ipv4Address kSource4 = Ipv4Address::from_uint(0xC0000201);       // 192.0.2.1
const Ipv4Address kDestination4 = Ipv4Address::from_uint(0xC6336402);  // 198.51.100.2
const Ipv6Address kSource6 = *Ipv6Address::parse("2001:db8::1");
const Ipv6Address kDestination6 = *Ipv6Address::parse("2001:db8::2");

// The bytes with a 16-bit field at `offset` set to zero (to compute a checksum to fill in).
std::vector<std::byte> with_zero_field(std::vector<std::byte> bytes, std::size_t offset) {
  bytes[offset] = bytes[offset + 1] = std::byte{0};
  return bytes;
}

ByteView sub(const std::vector<std::byte>& bytes, std::size_t offset, std::size_t count = SIZE_MAX) {
  return view(bytes).subspan(offset, count == SIZE_MAX ? bytes.size() - offset : count);
}

TEST(InternetChecksum, Rfc1071WorkedExample) {
  // RFC 1071 section 3: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0001 + f203 + f4f5 + f6f7 =
  // 0x2ddf0, which folds to 0xddf2; the checksum is its complement, 0x220d.
  const auto bytes = hex("00 01 f2 03 f4 f5 f6 f7");
  EXPECT_EQ(internet_checksum(view(bytes)), 0x220d);
  // With the checksum appended, the sum over everything folds to 0xffff: finish() returns 0.
  auto verified = bytes;
  verified.push_back(std::byte{0x22});
  verified.push_back(std::byte{0x0d});
  EXPECT_EQ(internet_checksum(view(verified)), 0);
  // Byte-order independence (RFC 1071 section 2(B)): the swapped bytes give the swapped sum.
  const auto swapped = hex("01 00 03 f2 f5 f4 f7 f6");
  EXPECT_EQ(internet_checksum(view(swapped)), 0x0d22);
}

TEST(InternetChecksum, OddLengthsPadWithAZeroByte) {
  EXPECT_EQ(internet_checksum(view(hex("01"))), 0xfeff);        // 0x0100
  EXPECT_EQ(internet_checksum(view(hex("00 01 f2"))), 0x0dfe);  // 0x0001 + 0xf200 = 0xf201
  EXPECT_EQ(internet_checksum(view(hex("00 01 f2 03 f4 f5 f6 f7 ab"))),
            internet_checksum(view(hex("00 01 f2 03 f4 f5 f6 f7 ab 00"))));
  EXPECT_EQ(internet_checksum(ByteView{}), 0xffff);  // the sum of nothing is 0
}

TEST(InternetChecksum, CarriesFoldMoreThanOnce) {
  // 65536 bytes of 0xff: 32768 words of 0xffff, a sum that needs two folds, to 0xffff.
  const std::vector<std::byte> ones(65536, std::byte{0xff});
  EXPECT_EQ(internet_checksum(view(ones)), 0x0000);
  // 0xffff + 0x0001 = 0x10000, which folds to 0x0001.
  EXPECT_EQ(internet_checksum(view(hex("ffff 0001"))), 0xfffe);
  // A megabyte of 0x80 bytes (0x8080 words), against a direct computation.
  const std::vector<std::byte> big(1 << 20, std::byte{0x80});
  std::uint64_t sum = std::uint64_t{0x8080} * (big.size() / 2);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  EXPECT_EQ(internet_checksum(view(big)), static_cast<std::uint16_t>(~sum & 0xffff));
}

TEST(InternetChecksum, SplitAtEveryOffsetEqualsOneShot) {
  std::mt19937 random(1071);
  for (std::size_t length : {0u, 1u, 2u, 3u, 7u, 8u, 33u, 64u, 101u}) {
    std::vector<std::byte> bytes(length);
    for (auto& b : bytes) b = static_cast<std::byte>(random());
    const std::uint16_t expected = internet_checksum(view(bytes));
    for (std::size_t first = 0; first <= length; ++first) {
      InternetChecksum two;
      two.add(sub(bytes, 0, first));
      two.add(sub(bytes, first));
      ASSERT_EQ(two.finish(), expected) << "length " << length << " split at " << first;
      for (std::size_t second = first; second <= length; ++second) {
        InternetChecksum three;
        three.add(sub(bytes, 0, first));
        three.add(sub(bytes, first, second - first));
        three.add(sub(bytes, second));
        ASSERT_EQ(three.finish(), expected) << "length " << length << " split at " << first << ", " << second;
      }
    }
    InternetChecksum bytewise;
    for (std::size_t i = 0; i < length; ++i) bytewise.add(sub(bytes, i, 1));
    EXPECT_EQ(bytewise.finish(), expected);
    InternetChecksum with_empty_pieces;
    with_empty_pieces.add(ByteView{});
    with_empty_pieces.add(view(bytes));
    with_empty_pieces.add(ByteView{});
    EXPECT_EQ(with_empty_pieces.finish(), expected);
  }
}

TEST(InternetChecksum, AddU16AndU32AreBigEndianWords) {
  InternetChecksum words;
  words.add_u16(0x0001);
  words.add_u16(0xf203);
  words.add_u32(0xf4f5f6f7);
  EXPECT_EQ(words.finish(), 0x220d);
  InternetChecksum mixed;  // bytes, then a word at an even position
  mixed.add(view(hex("00 01 f2 03")));
  mixed.add_u32(0xf4f5f6f7);
  EXPECT_EQ(mixed.finish(), 0x220d);
  // finish() does not change the sum: it may be called again, and adding may continue.
  EXPECT_EQ(mixed.finish(), 0x220d);
}

TEST(InternetChecksum, Ipv4HeaderChecksums) {
  for (const auto* packet : {&kUdp4, &kTcp4}) {
    EXPECT_EQ(internet_checksum(sub(*packet, 0, 20)), 0);  // verifying: correct headers sum to 0
  }
  EXPECT_EQ(internet_checksum(view(with_zero_field(std::vector<std::byte>(kUdp4.begin(), kUdp4.begin() + 20), 10))),
            0x3c60);
  EXPECT_EQ(internet_checksum(view(with_zero_field(std::vector<std::byte>(kTcp4.begin(), kTcp4.begin() + 20), 10))),
            0x3c61);
}

TEST(PseudoHeader, Ipv4Udp) {
  // By hand: pseudo-header c000 + 0201 + c633 + 6402 + 0011 + 000e = 0x1ec55; UDP header and data
  // (checksum field zero) 9c40 + 9c41 + 000e + 0000 + 706b + 7464 + 6f63 = 0x28cc1; total
  // 0x47916 folds to 0x791a, whose complement is the checksum on the wire, 0x86e5.
  const auto zeroed = with_zero_field(kUdp4, 26);
  InternetChecksum pseudo_only;
  add_pseudo_header(pseudo_only, kSource4, kDestination4, 17, 14);
  EXPECT_EQ(pseudo_only.finish(), static_cast<std::uint16_t>(~0xec56 & 0xffff));  // 0x1ec55 folds to 0xec56
  InternetChecksum sum;
  add_pseudo_header(sum, kSource4, kDestination4, 17, 14);
  sum.add(sub(zeroed, 20));
  EXPECT_EQ(sum.finish(), 0x86e5);
  InternetChecksum verify;
  add_pseudo_header(verify, kSource4, kDestination4, 17, 14);
  verify.add(sub(kUdp4, 20));
  EXPECT_EQ(verify.finish(), 0);
  // The same through PseudoHeader, as the IP views hand it to the transports.
  PseudoHeader pseudo;
  pseudo.source4 = kSource4;
  pseudo.destination4 = kDestination4;
  pseudo.protocol = 17;
  pseudo.length = 14;
  InternetChecksum via_struct;
  add_pseudo_header(via_struct, pseudo);
  via_struct.add(sub(kUdp4, 20));
  EXPECT_EQ(via_struct.finish(), 0);
}

TEST(PseudoHeader, Ipv4TcpWithOddLength) {
  // By hand: pseudo-header c000 + 0201 + c633 + 6402 + 0006 + 0017 = 0x1ec53; the 23-byte segment
  // (the last byte padded: 6400) sums to 0x2961c; total 0x4826f folds to 0x8273; checksum 0x7d8c.
  InternetChecksum sum;
  add_pseudo_header(sum, kSource4, kDestination4, 6, 23);
  sum.add(sub(with_zero_field(kTcp4, 36), 20));
  EXPECT_EQ(sum.finish(), 0x7d8c);
  // In pieces: header, then the data split after its first byte.
  InternetChecksum pieces;
  add_pseudo_header(pieces, kSource4, kDestination4, 6, 23);
  pieces.add(sub(kTcp4, 20, 20));
  pieces.add(sub(kTcp4, 40, 1));
  pieces.add(sub(kTcp4, 41));
  EXPECT_EQ(pieces.finish(), 0);
}

TEST(PseudoHeader, Ipv6Udp) {
  // By hand: the pseudo-header (RFC 8200 section 8.1) sums the addresses 2001 + 0db8 + 0001 +
  // 2001 + 0db8 + 0002 = 0x5b75, the 32-bit length 0000 + 000e and the next header 0000 + 0011,
  // 0x5b94 in all; the datagram sums to 0x28cc1 as over IPv4; total 0x2e855 folds to 0xe857;
  // checksum 0x17a8.
  InternetChecksum sum;
  add_pseudo_header(sum, kSource6, kDestination6, 17, 14);
  sum.add(sub(with_zero_field(kUdp6, 46), 40));
  EXPECT_EQ(sum.finish(), 0x17a8);
  PseudoHeader pseudo;
  pseudo.is_ipv6 = true;
  pseudo.source6 = kSource6;
  pseudo.destination6 = kDestination6;
  pseudo.protocol = 17;
  pseudo.length = 14;
  InternetChecksum verify;
  add_pseudo_header(verify, pseudo);
  verify.add(sub(kUdp6, 40));
  EXPECT_EQ(verify.finish(), 0);
}

TEST(PseudoHeader, Ipv6Tcp) {
  // By hand: pseudo-header 0x5b75 + 0018 + 0006 = 0x5b93; segment 0x2e48e; total 0x34021 folds to
  // 0x4024; checksum 0xbfdb.
  InternetChecksum sum;
  add_pseudo_header(sum, kSource6, kDestination6, 6, 24);
  sum.add(sub(with_zero_field(kTcp6, 56), 40));
  EXPECT_EQ(sum.finish(), 0xbfdb);
  InternetChecksum verify;
  add_pseudo_header(verify, kSource6, kDestination6, 6, 24);
  verify.add(sub(kTcp6, 40));
  EXPECT_EQ(verify.finish(), 0);
}

TEST(PseudoHeader, Ipv6LengthIs32Bits) {
  // A jumbogram-sized length (RFC 2675) reaches the sum as two 16-bit words: 0x0001 + 0x0000.
  InternetChecksum large;
  add_pseudo_header(large, Ipv6Address{}, Ipv6Address{}, 0, 0x00010000u);
  InternetChecksum one;
  one.add_u16(1);
  EXPECT_EQ(large.finish(), one.finish());
}

TEST(PseudoHeader, WrongFieldsFailVerification) {
  InternetChecksum wrong_protocol;
  add_pseudo_header(wrong_protocol, kSource4, kDestination4, 6, 14);
  wrong_protocol.add(sub(kUdp4, 20));
  EXPECT_NE(wrong_protocol.finish(), 0);
  InternetChecksum wrong_address;
  add_pseudo_header(wrong_address, kSource6, kSource6, 17, 14);
  wrong_address.add(sub(kUdp6, 40));
  EXPECT_NE(wrong_address.finish(), 0);
}

TEST(ChecksumStatus, Names) {
  EXPECT_EQ(checksum_status_name(ChecksumStatus::good), "good");
  EXPECT_EQ(checksum_status_name(ChecksumStatus::bad), "bad");
  EXPECT_EQ(checksum_status_name(ChecksumStatus::unverified), "unverified");
  EXPECT_EQ(checksum_status_name(ChecksumStatus::absent), "absent");
  EXPECT_EQ(checksum_status_name(static_cast<ChecksumStatus>(42)), "unknown");
}

TEST(Crc32c, Rfc3720TestVectors) {
  // RFC 3720 appendix B.4.
  std::vector<std::byte> zeros(32, std::byte{0x00}), ones(32, std::byte{0xff}), ascending(32), descending(32);
  for (std::size_t i = 0; i < 32; ++i) {
    ascending[i] = static_cast<std::byte>(i);
    descending[i] = static_cast<std::byte>(31 - i);
  }
  EXPECT_EQ(crc32c(view(zeros)), 0x8a9136aau);
  EXPECT_EQ(crc32c(view(ones)), 0x62a8ab43u);
  EXPECT_EQ(crc32c(view(ascending)), 0x46dd794eu);
  EXPECT_EQ(crc32c(view(descending)), 0x113fdb5cu);
}

TEST(Crc32c, CheckValueAndEmptyInput) {
  EXPECT_EQ(crc32c(as_bytes("123456789")), 0xe3069283u);  // the CRC catalogue's check value for CRC-32C
  EXPECT_EQ(crc32c(ByteView{}), 0u);
  EXPECT_EQ(crc32c(ByteView{}, 0x12345678u), 0x12345678u);  // continuing with nothing changes nothing
}

TEST(Crc32c, ContinuingEqualsOneShot) {
  std::mt19937 random(3720);
  std::vector<std::byte> bytes(97);
  for (auto& b : bytes) b = static_cast<std::byte>(random());
  const std::uint32_t expected = crc32c(view(bytes));
  for (std::size_t split = 0; split <= bytes.size(); ++split)
    ASSERT_EQ(crc32c(sub(bytes, split), crc32c(sub(bytes, 0, split))), expected) << split;
}

}  // namespace
}  // namespace pktdoc
