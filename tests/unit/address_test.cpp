// MacAddress, Ipv4Address and Ipv6Address: formatting and parsing. IPv6 text must be exactly what
// glibc's inet_ntop writes (Wireshark prints the same), so every case here is compared with
// inet_ntop / inet_pton in the test itself rather than with strings typed by hand.
#include "pktdoc/address.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace pktdoc {
namespace {

std::string glibc_ntop6(const Ipv6Address& address) {
  char text[INET6_ADDRSTRLEN];
  EXPECT_NE(inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text), nullptr);
  return text;
}

std::string glibc_ntop4(const Ipv4Address& address) {
  char text[INET_ADDRSTRLEN];
  EXPECT_NE(inet_ntop(AF_INET, address.bytes.data(), text, sizeof text), nullptr);
  return text;
}

// The address with these eight 16-bit groups.
Ipv6Address from_groups(const std::array<std::uint16_t, 8>& groups) {
  Ipv6Address address;
  for (std::size_t i = 0; i < 8; ++i) {
    address.bytes[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    address.bytes[2 * i + 1] = static_cast<std::uint8_t>(groups[i]);
  }
  return address;
}

// Formats, compares with inet_ntop, and parses the text back.
void expect_like_glibc(const Ipv6Address& address) {
  const std::string expected = glibc_ntop6(address);
  const AddressText text = address.to_text();
  ASSERT_EQ(text.view(), expected);
  ASSERT_EQ(std::strlen(text.c_str()), text.length) << expected;  // NUL-terminated where length says
  const auto parsed = Ipv6Address::parse(text.view());
  ASSERT_TRUE(parsed) << expected;
  ASSERT_EQ(*parsed, address) << expected;
}

// Parses with both pktdoc and inet_pton and expects the same verdict and the same bytes.
void expect_parse_like_glibc(const std::string& text) {
  std::array<std::uint8_t, 16> bytes{};
  const bool glibc = inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1;
  const auto ours = Ipv6Address::parse(text);
  ASSERT_EQ(ours.has_value(), glibc) << "'" << text << "'";
  if (glibc) {
    ASSERT_EQ(ours->bytes, bytes) << "'" << text << "'";
  }
}

void expect_parse4_like_glibc(const std::string& text) {
  std::array<std::uint8_t, 4> bytes{};
  const bool glibc = inet_pton(AF_INET, text.c_str(), bytes.data()) == 1;
  const auto ours = Ipv4Address::parse(text);
  ASSERT_EQ(ours.has_value(), glibc) << "'" << text << "'";
  if (glibc) {
    ASSERT_EQ(ours->bytes, bytes) << "'" << text << "'";
  }
}

TEST(MacAddress, FormatsLowerCaseHexPairs) {
  EXPECT_EQ((MacAddress{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}}).to_string(), "02:00:00:00:00:01");
  EXPECT_EQ((MacAddress{{0x00, 0x1a, 0x70, 0xd6, 0xd7, 0x4c}}).to_string(), "00:1a:70:d6:d7:4c");
  EXPECT_EQ((MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}).to_string(), "ff:ff:ff:ff:ff:ff");
  EXPECT_EQ(MacAddress{}.to_string(), "00:00:00:00:00:00");
  const AddressText text = MacAddress{{0xAB, 0xCD, 0xEF, 0x01, 0x23, 0x45}}.to_text();
  EXPECT_EQ(text.view(), "ab:cd:ef:01:23:45");
  EXPECT_EQ(text.length, 17);
  EXPECT_STREQ(text.c_str(), "ab:cd:ef:01:23:45");
}

TEST(MacAddress, BroadcastMulticastAndOrder) {
  EXPECT_TRUE((MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}).is_broadcast());
  EXPECT_TRUE((MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}).is_multicast());
  EXPECT_FALSE((MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}}).is_broadcast());
  EXPECT_TRUE((MacAddress{{0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb}}).is_multicast());   // IPv4 multicast
  EXPECT_TRUE((MacAddress{{0x33, 0x33, 0x00, 0x00, 0x00, 0x01}}).is_multicast());   // IPv6 multicast
  EXPECT_TRUE((MacAddress{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}}).is_multicast());   // spanning tree
  EXPECT_FALSE((MacAddress{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}}).is_multicast());  // locally administered unicast
  EXPECT_FALSE(MacAddress{}.is_broadcast());
  EXPECT_LT((MacAddress{{0x02, 0, 0, 0, 0, 1}}), (MacAddress{{0x02, 0, 0, 0, 0, 2}}));
  EXPECT_LT((MacAddress{{0x01, 0xff, 0xff, 0xff, 0xff, 0xff}}), (MacAddress{{0x02, 0, 0, 0, 0, 0}}));
  EXPECT_EQ((MacAddress{{1, 2, 3, 4, 5, 6}}), (MacAddress{{1, 2, 3, 4, 5, 6}}));
}

TEST(Ipv4Address, FormatsDottedQuad) {
  EXPECT_EQ(Ipv4Address::from_uint(0xC0000201).to_string(), "192.0.2.1");
  EXPECT_EQ(Ipv4Address::from_uint(0xC633640A).to_string(), "198.51.100.10");
  EXPECT_EQ(Ipv4Address::from_uint(0xCB0071FF).to_string(), "203.0.113.255");
  EXPECT_EQ(Ipv4Address{}.to_string(), "0.0.0.0");
  EXPECT_EQ(Ipv4Address::from_uint(0xFFFFFFFF).to_string(), "255.255.255.255");
  EXPECT_EQ(Ipv4Address::from_uint(0x0A00000A).to_string(), "10.0.0.10");
  EXPECT_EQ(Ipv4Address::from_uint(0x64630909).to_string(), "100.99.9.9");
  EXPECT_EQ(Ipv4Address::from_uint(0xFFFFFFFF).to_text().length, 15);
}

TEST(Ipv4Address, IntegerRoundTripAndOrder) {
  EXPECT_EQ(Ipv4Address::from_uint(0xC0000201).to_uint(), 0xC0000201u);
  EXPECT_EQ((Ipv4Address{{192, 0, 2, 1}}).to_uint(), 0xC0000201u);
  EXPECT_EQ(Ipv4Address::from_uint(0xC0000201), (Ipv4Address{{192, 0, 2, 1}}));
  EXPECT_LT(Ipv4Address::from_uint(0xC0000201), Ipv4Address::from_uint(0xC0000202));
  EXPECT_LT(Ipv4Address::from_uint(0x0AFFFFFF), Ipv4Address::from_uint(0xC0000000));  // numeric order
  static_assert(Ipv4Address::from_uint(0x01020304).to_uint() == 0x01020304u);
}

TEST(Ipv4Address, FormatsLikeInetNtopAndParsesBack) {
  std::mt19937 random(4);
  for (int i = 0; i < 20000; ++i) {
    const Ipv4Address address = Ipv4Address::from_uint(static_cast<std::uint32_t>(random()));
    ASSERT_EQ(address.to_text().view(), glibc_ntop4(address));
    const auto parsed = Ipv4Address::parse(address.to_text().view());
    ASSERT_TRUE(parsed);
    ASSERT_EQ(*parsed, address);
  }
}

TEST(Ipv4Address, ParsesDottedQuad) {
  EXPECT_EQ(Ipv4Address::parse("192.0.2.1"), Ipv4Address::from_uint(0xC0000201));
  EXPECT_EQ(Ipv4Address::parse("0.0.0.0"), Ipv4Address{});
  EXPECT_EQ(Ipv4Address::parse("255.255.255.255"), Ipv4Address::from_uint(0xFFFFFFFF));
  EXPECT_EQ(Ipv4Address::parse("203.0.113.7"), Ipv4Address::from_uint(0xCB007107));
}

TEST(Ipv4Address, RejectsMalformedText) {
  for (const char* text :
       {"",          ".",          "...",        "1.2.3",   "1.2.3.4.5", "256.0.0.1",  "1.2.3.256",
        "999.1.1.1", "1.2.3.1000", "1..2.3",     ".1.2.3",  "1.2.3.",    "1.2.3.4.",   " 1.2.3.4",
        "1.2.3.4 ",  "1.2.3.4\n",  "1.2 .3.4",   "a.b.c.d", "1.2.3.x",   "0x1.2.3.4",  "1.2.3.-4",
        "+1.2.3.4",  "1,2,3,4",    "1.2.3.4/24", "::1",     "192.0.2",   "4294967295", "1e2.1.1.1"}) {
    EXPECT_FALSE(Ipv4Address::parse(text)) << "'" << text << "'";
    expect_parse4_like_glibc(text);
  }
  // An embedded NUL is not the end of the text.
  EXPECT_FALSE(Ipv4Address::parse(std::string_view("1.2.3.4\0", 8)));
}

TEST(Ipv4Address, ParsesLikeInetPtonWithoutLeadingZeros) {
  // Random dotted texts: 3 to 5 parts, numbers up to 1000, empty parts, junk.
  std::mt19937 random(5);
  for (int i = 0; i < 50000; ++i) {
    std::string text;
    const int parts = 3 + static_cast<int>(random() % 3);
    for (int part = 0; part < parts; ++part) {
      if (part != 0) text += '.';
      switch (random() % 8) {
        case 0:
          break;
        case 1:
          text += 'x';
          break;
        case 2:
          text += std::to_string(random() % 1000);
          break;
        default:
          text += std::to_string(random() % 256);
          break;
      }
    }
    expect_parse4_like_glibc(text);
  }
}

// inet_pton rejects a part with a leading zero, and inet_aton would read "010" as octal 8: text
// that two readers would take for different addresses is refused.
TEST(Ipv4Address, RejectsLeadingZerosLikeInetPton) {
  for (const char* text : {"192.0.2.01", "010.0.0.1", "1.2.3.00", "00.0.0.0", "192.000.002.001"}) {
    EXPECT_FALSE(Ipv4Address::parse(text)) << text;
    expect_parse4_like_glibc(text);
  }
  EXPECT_FALSE(Ipv6Address::parse("::ffff:192.0.2.01"));
}

TEST(Ipv6Address, SpecialAddressesFormatLikeInetNtop) {
  const std::vector<std::array<std::uint16_t, 8>> cases = {
      {0, 0, 0, 0, 0, 0, 0, 0},                    // ::
      {0, 0, 0, 0, 0, 0, 0, 1},                    // ::1
      {1, 0, 0, 0, 0, 0, 0, 0},                    // 1::
      {1, 0, 0, 1, 0, 0, 0, 1},                    // 1:0:0:1::1 (the longer run wins)
      {1, 0, 0, 0, 1, 0, 0, 1},                    // 1::1:0:0:1 (the first of two equal runs wins)
      {1, 0, 1, 0, 1, 0, 1, 0},                    // no run of two: nothing compressed
      {0x2001, 0xdb8, 0, 0, 0, 0, 0, 1},           // 2001:db8::1
      {0x2001, 0xdb8, 0, 0, 1, 0, 0, 1},           // 2001:db8::1:0:0:1
      {0x2001, 0xdb8, 0, 1, 1, 1, 1, 1},           // 2001:db8:0:1:1:1:1:1
      {0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201},     // ::ffff:192.0.2.1 (IPv4-mapped)
      {0, 0, 0, 0, 0, 0xffff, 0, 0},               // ::ffff:0.0.0.0
      {0, 0, 0, 0, 0, 0xffff, 0, 1},               // ::ffff:0.0.0.1
      {0, 0, 0, 0, 0, 0, 0xc000, 0x0201},          // ::192.0.2.1 (IPv4-compatible)
      {0, 0, 0, 0, 0, 0, 0x0100, 0},               // ::1.0.0.0
      {0, 0, 0, 0, 0, 0, 0, 0x0201},               // ::201, not ::0.0.2.1 (seven zero groups)
      {0, 0, 0, 0, 0, 0xfffe, 0xc000, 0x0201},     // ::fffe:c000:201 (not mapped)
      {0, 0, 0, 0, 1, 0xffff, 0xc000, 0x0201},     // ::1:ffff:c000:201
      {0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x0201},  // 64:ff9b::c000:201 (NAT64, no dotted quad)
      {0xfe80, 0, 0, 0, 0x200, 0, 0, 1},           // fe80::200:0:0:1
      {0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff},
      {0xff02, 0, 0, 0, 0, 0, 0, 0xfb},  // ff02::fb
      {0, 1, 0, 0, 0, 0, 0, 0},          // 0:1::
      {0, 0, 1, 0, 0, 0, 0, 0},          // 0:0:1:: (the longer run, not the first)
      {0xabcd, 0xef01, 0x2345, 0x6789, 0xabcd, 0xef01, 0x2345, 0x6789},
      {0x000a, 0x00b0, 0x0c00, 0xd000, 0, 0, 0, 0},  // leading zeros dropped: a:b0:c00:d000::
  };
  for (const auto& groups : cases) expect_like_glibc(from_groups(groups));
  EXPECT_EQ(from_groups({0, 0, 0, 0, 0, 0, 0, 0}).to_string(), "::");
  EXPECT_EQ(from_groups({0, 0, 0, 0, 0, 0, 0, 1}).to_string(), "::1");
  EXPECT_EQ(from_groups({1, 0, 0, 0, 0, 0, 0, 0}).to_string(), "1::");
  EXPECT_EQ(from_groups({1, 0, 0, 1, 0, 0, 0, 1}).to_string(), "1:0:0:1::1");
  EXPECT_EQ(from_groups({0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201}).to_string(), "::ffff:192.0.2.1");
  EXPECT_EQ(from_groups({0, 0, 0, 0, 0, 0, 0xc000, 0x0201}).to_string(), "::192.0.2.1");
  EXPECT_EQ(from_groups({0x2001, 0xdb8, 0, 0, 0, 0, 0, 1}).to_string(), "2001:db8::1");
}

TEST(Ipv6Address, EveryPatternOfZeroGroupsFormatsLikeInetNtop) {
  // All 256 ways of making each of the eight groups zero or not: every run position and length,
  // every pair of runs (ties included), each with several non-zero values.
  for (unsigned zeros = 0; zeros < 256; ++zeros) {
    for (std::uint16_t value : {std::uint16_t{1}, std::uint16_t{0xa}, std::uint16_t{0xf0}, std::uint16_t{0x123},
                                std::uint16_t{0xffff}, std::uint16_t{0x8000}}) {
      std::array<std::uint16_t, 8> groups{};
      for (unsigned i = 0; i < 8; ++i) groups[i] = (zeros >> i & 1) ? 0 : static_cast<std::uint16_t>(value + i);
      expect_like_glibc(from_groups(groups));
    }
  }
}

TEST(Ipv6Address, RandomAddressesFormatLikeInetNtop) {
  std::mt19937 random(6);
  for (int i = 0; i < 20000; ++i) {
    std::array<std::uint16_t, 8> groups{};
    const unsigned zeros = random() & 0xff;
    for (unsigned g = 0; g < 8; ++g) {
      if (zeros >> g & 1) continue;
      switch (random() % 4) {
        case 0:
          groups[g] = static_cast<std::uint16_t>(random() & 0xf);
          break;  // short groups
        case 1:
          groups[g] = 0xffff;
          break;  // IPv4-mapped
        default:
          groups[g] = static_cast<std::uint16_t>(random());
          break;
      }
    }
    expect_like_glibc(from_groups(groups));
  }
  // And fully random bytes.
  for (int i = 0; i < 5000; ++i) {
    Ipv6Address address;
    for (auto& b : address.bytes) b = static_cast<std::uint8_t>(random());
    expect_like_glibc(address);
  }
}

TEST(Ipv6Address, LongestTextFitsTheBuffer) {
  const AddressText text = from_groups({0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff}).to_text();
  EXPECT_EQ(text.length, 39);
  EXPECT_LT(std::size_t{text.length}, AddressText::capacity);
  EXPECT_EQ(from_groups({0, 0, 0, 0, 0, 0xffff, 0xffff, 0xffff}).to_string(), "::ffff:255.255.255.255");
}

TEST(Ipv6Address, ParsesTheTextForms) {
  const auto expect = [](std::string_view text, std::array<std::uint16_t, 8> groups) {
    const auto parsed = Ipv6Address::parse(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, from_groups(groups)) << text;
    expect_parse_like_glibc(std::string(text));
  };
  expect("::", {0, 0, 0, 0, 0, 0, 0, 0});
  expect("::1", {0, 0, 0, 0, 0, 0, 0, 1});
  expect("1::", {1, 0, 0, 0, 0, 0, 0, 0});
  expect("2001:db8::1", {0x2001, 0xdb8, 0, 0, 0, 0, 0, 1});
  expect("2001:DB8::A", {0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xa});
  expect("2001:0db8:0000:0000:0000:0000:0000:0001", {0x2001, 0xdb8, 0, 0, 0, 0, 0, 1});
  expect("1:2:3:4:5:6:7:8", {1, 2, 3, 4, 5, 6, 7, 8});
  expect("1:2:3:4:5:6:7::", {1, 2, 3, 4, 5, 6, 7, 0});  // "::" may stand for one group
  expect("::2:3:4:5:6:7:8", {0, 2, 3, 4, 5, 6, 7, 8});
  expect("1:0:0:1::1", {1, 0, 0, 1, 0, 0, 0, 1});
  expect("::ffff:192.0.2.1", {0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201});
  expect("::192.0.2.1", {0, 0, 0, 0, 0, 0, 0xc000, 0x0201});
  expect("64:ff9b::198.51.100.2", {0x64, 0xff9b, 0, 0, 0, 0, 0xc633, 0x6402});
  expect("1:2:3:4:5:6:203.0.113.1", {1, 2, 3, 4, 5, 6, 0xcb00, 0x7101});
  expect("0:0:0:0:0:0:0.0.0.0", {0, 0, 0, 0, 0, 0, 0, 0});
}

TEST(Ipv6Address, RejectsMalformedText) {
  for (const char* text : {"",
                           ":",
                           ":::",
                           "::::",
                           "1",
                           "1:2",
                           "1:2:3:4:5:6:7",
                           "1:2:3:4:5:6:7:8:9",
                           "1::2::3",
                           "::1::",
                           "12345::",
                           "1:23456::",
                           "g::",
                           "::g",
                           "1:2:3:4:5:6:7:8:",
                           ":1:2:3:4:5:6:7:8",
                           "1:2:3:4:5:6:7:8::",
                           "::1:2:3:4:5:6:7:8",
                           "1:",
                           ":1",
                           "1:::2",
                           "::ffff:1.2.3",
                           "::ffff:1.2.3.256",
                           "::ffff:1.2.3.4.5",
                           "1:2:3:4:5:6:7:1.2.3.4",
                           "1.2.3.4",
                           "::1.2.3.4:5",
                           "1.2.3.4::",
                           "::1.2.3.4/128",
                           "fe80::1%eth0",
                           " ::1",
                           "::1 ",
                           "[::1]",
                           "::-1",
                           "0x1::",
                           "1:2:3:4:5:6:1.2.3.4:7",
                           "::ffff:1..2.3"}) {
    EXPECT_FALSE(Ipv6Address::parse(text)) << "'" << text << "'";
    expect_parse_like_glibc(text);
  }
}

TEST(Ipv6Address, ParsesLikeInetPton) {
  // Texts built from random groups of 0-5 hex digits, with and without "::", sometimes ending in
  // a dotted quad (without leading zeros: see RejectsLeadingZerosLikeInetPton), and
  // sometimes with a stray colon.
  std::mt19937 random(7);
  const char digits[] = "0123456789abcdefABCDEF";
  for (int i = 0; i < 100000; ++i) {
    std::string text;
    const int groups = static_cast<int>(random() % 10);
    const int gap = random() % 3 == 0 ? -1 : static_cast<int>(random() % static_cast<unsigned>(groups + 1));
    for (int g = 0; g < groups; ++g) {
      if (g == gap)
        text += "::";
      else if (g != 0)
        text += ':';
      const int count = static_cast<int>(random() % 6);
      for (int d = 0; d < count; ++d) text += digits[random() % 22];
    }
    if (gap == groups) text += "::";
    if (random() % 4 == 0) {
      if (!text.empty() && text.back() != ':') text += ':';
      const int parts = 3 + static_cast<int>(random() % 3);
      for (int part = 0; part < parts; ++part) {
        if (part != 0) text += '.';
        if (random() % 10 != 0) text += std::to_string(random() % 300);
      }
    }
    if (random() % 50 == 0) text += ':';
    expect_parse_like_glibc(text);
  }
}

}  // namespace
}  // namespace pktdoc
