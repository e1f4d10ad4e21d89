// TcpSegment: the header, flags, options, checksum, hostile lengths, and the Wireshark listing.
//
// Every packet below was built field by field, wrapped in an IP header and checked once with
// tshark 4.0 (`-o tcp.check_checksum:TRUE`: checksum good); the listing strings are what
// `tshark -n -T fields -E occurrence=a -E aggregator=,` printed for the same bytes.
#include "pktdoc/packet.hpp"
#include "pktdoc/tcp.hpp"

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

// 192.0.2.1:49152 -> 198.51.100.2:80, a SYN with Linux's options. tshark: "[SYN] Seq=0 Win=64240
// Len=0 MSS=1460 SACK_PERM TSval=1000 TSecr=0 WS=128", checksum good.
const char* const syn_hex =
    "c000 0050"                // source port 49152, destination port 80
    "000f4240"                 // sequence number 1000000
    "00000000"                 // acknowledgment number 0
    "a0 02"                    // data offset 10 (40 bytes), flags SYN
    "faf0"                     // window 64240
    "5a50"                     // checksum
    "0000"                     // urgent pointer 0
    "02 04 05b4"               // MSS 1460
    "04 02"                    // SACK permitted
    "08 0a 000003e8 00000000"  // timestamps: TSval 1000, TSecr 0
    "01"                       // NOP
    "03 03 07";                // window scale: shift 7

// 198.51.100.2:80 -> 192.0.2.1:49152, an ACK with timestamps and two SACK blocks. tshark: "[ACK]
// ... TSval=2000 TSecr=1000 SLE=2049 SRE=3049 SLE=4049 SRE=5049", checksum good.
const char* const sack_hex =
    "0050 c000"                // source port 80, destination port 49152
    "001e8481"                 // sequence number 2000001
    "000f4241"                 // acknowledgment number 1000001
    "d0 10"                    // data offset 13 (52 bytes), flags ACK
    "01f5"                     // window 501
    "5ec0"                     // checksum
    "0000"                     // urgent pointer
    "01 01"                    // NOP, NOP
    "08 0a 000007d0 000003e8"  // timestamps: TSval 2000, TSecr 1000
    "01 01"                    // NOP, NOP
    "05 12"                    // SACK, length 18: two blocks
    "000f4a41 000f4e29"        // 1002049-1003049
    "000f5211 000f55f9";       // 1004049-1005049

// [2001:db8::1]:40000 -> [2001:db8::2]:8080, PSH+ACK with timestamps and 6 bytes of data.
// tshark: "[PSH, ACK] ... Len=6 TSval=11 TSecr=22", checksum good.
const char* const data6_hex =
    "9c40 1f90"                // source port 40000, destination port 8080
    "11223344"                 // sequence number
    "55667788"                 // acknowledgment number
    "80 18"                    // data offset 8 (32 bytes), flags PSH ACK
    "0200"                     // window 512
    "0818"                     // checksum
    "0000"                     // urgent pointer
    "01 01"                    // NOP, NOP
    "08 0a 0000000b 00000016"  // timestamps: TSval 11, TSecr 22
    "68656c6c6f0a";            // "hello\n"

// 192.0.2.1:1024 -> 198.51.100.2:2048, every one of the 12 flag bits set and an urgent pointer.
// tshark: "[FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved] ... Urg=5 Len=1", checksum good.
const char* const all_flags_hex =
    "0400 0800"  // source port 1024, destination port 2048
    "00000007"   // sequence number 7
    "00000009"   // acknowledgment number 9
    "5f ff"      // data offset 5, flags: all 12 bits
    "03e8"       // window 1000
    "82b0"       // checksum
    "0005"       // urgent pointer 5
    "21";        // "!"

// 192.0.2.1:49153 -> 198.51.100.2:443, a TCP Fast Open SYN: an 8-byte cookie and 3 bytes of data.
// tshark: "TCP SYN with TFO Cookie", checksum good.
const char* const tfo_hex =
    "c001 01bb"               // source port 49153, destination port 443
    "002dc6c0"                // sequence number 3000000
    "00000000"                // acknowledgment number
    "90 02"                   // data offset 9 (36 bytes), flags SYN
    "ffff"                    // window 65535
    "24d1"                    // checksum
    "0000"                    // urgent pointer
    "02 04 05b4"              // MSS 1460
    "22 0a 0102030405060708"  // TCP Fast Open, length 10: cookie 0102030405060708
    "01 01"                   // NOP, NOP
    "474554";                 // "GET"

PseudoHeader pseudo4(const char* source, const char* destination, std::size_t length) {
  PseudoHeader pseudo;
  pseudo.source4 = *Ipv4Address::parse(source);
  pseudo.destination4 = *Ipv4Address::parse(destination);
  pseudo.protocol = 6;
  pseudo.length = static_cast<std::uint32_t>(length);
  return pseudo;
}

PseudoHeader pseudo6(const char* source, const char* destination, std::size_t length) {
  PseudoHeader pseudo;
  pseudo.is_ipv6 = true;
  pseudo.source6 = *Ipv6Address::parse(source);
  pseudo.destination6 = *Ipv6Address::parse(destination);
  pseudo.protocol = 6;
  pseudo.length = static_cast<std::uint32_t>(length);
  return pseudo;
}

std::string text(ByteView bytes) { return std::string(as_text(bytes)); }

TEST(TcpSegment, DecodesEveryFieldOfASyn) {
  const auto bytes = hex(syn_hex);
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok()) << tcp.error().reason;
  EXPECT_EQ(tcp->bytes().size(), 40u);
  EXPECT_EQ(tcp->source_port(), 49152);
  EXPECT_EQ(tcp->destination_port(), 80);
  EXPECT_EQ(tcp->sequence_number(), 1000000u);
  EXPECT_EQ(tcp->acknowledgment_number(), 0u);
  EXPECT_EQ(tcp->data_offset(), 10);
  EXPECT_EQ(tcp->header_length(), 40u);
  EXPECT_EQ(tcp->flags(), tcp_flag::syn);
  EXPECT_TRUE(tcp->syn());
  EXPECT_FALSE(tcp->ack() || tcp->fin() || tcp->rst() || tcp->psh() || tcp->urg() || tcp->ece() || tcp->cwr() ||
               tcp->ae());
  EXPECT_EQ(tcp->window(), 64240);
  EXPECT_EQ(tcp->checksum(), 0x5a50);
  EXPECT_EQ(tcp->urgent_pointer(), 0);
  EXPECT_EQ(tcp->mss(), std::optional<std::uint16_t>(1460));
  EXPECT_EQ(tcp->window_scale(), std::optional<std::uint8_t>(7));
  EXPECT_TRUE(tcp->sack_permitted());
  ASSERT_TRUE(tcp->timestamps().has_value());
  EXPECT_EQ(tcp->timestamps()->value, 1000u);
  EXPECT_EQ(tcp->timestamps()->echo_reply, 0u);
  EXPECT_EQ(tcp->sack_blocks().count, 0u);
  EXPECT_FALSE(tcp->fast_open_cookie().has_value());
  EXPECT_TRUE(tcp->options_valid());
  EXPECT_TRUE(tcp->payload().empty());
  EXPECT_EQ(tcp->flags_text().view(), "SYN");
  EXPECT_EQ(tcp->flags_text(TcpFlagStyle::tcpdump).view(), "S");
}

TEST(TcpSegment, WalksTheOptionsInOrder) {
  const auto bytes = hex(syn_hex);
  const TcpSegment tcp = *TcpSegment::parse(view(bytes));
  const TcpOptions options = tcp.options();
  EXPECT_EQ(options.length(), 20u);
  EXPECT_EQ(options.bytes().size(), 20u);
  EXPECT_FALSE(options.empty());
  std::vector<std::uint8_t> kinds, lengths;
  std::vector<std::size_t> data_sizes;
  for (const TcpOption& option : options) {
    kinds.push_back(option.kind);
    lengths.push_back(option.length);
    data_sizes.push_back(option.data.size());
  }
  EXPECT_EQ(kinds, (std::vector<std::uint8_t>{tcp_option_kind::maximum_segment_size, tcp_option_kind::sack_permitted,
                                              tcp_option_kind::timestamps, tcp_option_kind::no_operation,
                                              tcp_option_kind::window_scale}));
  EXPECT_EQ(lengths, (std::vector<std::uint8_t>{4, 2, 10, 1, 3}));
  EXPECT_EQ(data_sizes, (std::vector<std::size_t>{2, 0, 8, 0, 1}));
  EXPECT_EQ(options.error(), TcpOptionError::none);
  EXPECT_STREQ(options.error_reason(), "");

  // Post-increment and iterator equality.
  auto it = options.begin();
  auto before = it++;
  EXPECT_EQ(before->kind, tcp_option_kind::maximum_segment_size);
  EXPECT_EQ(it->kind, tcp_option_kind::sack_permitted);
  EXPECT_EQ(it.offset(), 4u);
  EXPECT_FALSE(it == before);
  EXPECT_TRUE(options.end() == TcpOptionIterator());
}

TEST(TcpSegment, VerifiesTheChecksumOverTheIpv4PseudoHeader) {
  const auto bytes = hex(syn_hex);
  const TcpSegment tcp = *TcpSegment::parse(view(bytes));
  EXPECT_EQ(tcp.checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 40)), ChecksumStatus::good);
  EXPECT_EQ(tcp.checksum_status(pseudo4("192.0.2.9", "198.51.100.2", 40)), ChecksumStatus::bad);
  // The IP header declares more than was captured: the checksum cannot be checked.
  EXPECT_EQ(tcp.checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 41)), ChecksumStatus::unverified);
  auto corrupted = bytes;
  corrupted[4] ^= std::byte{0x01};
  EXPECT_EQ(TcpSegment(view(corrupted)).checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 40)), ChecksumStatus::bad);
}

TEST(TcpSegment, DecodesSackBlocksAndTimestamps) {
  const auto bytes = hex(sack_hex);
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok()) << tcp.error().reason;
  EXPECT_EQ(tcp->header_length(), 52u);
  EXPECT_EQ(tcp->sequence_number(), 2000001u);
  EXPECT_EQ(tcp->acknowledgment_number(), 1000001u);
  EXPECT_EQ(tcp->flags(), tcp_flag::ack);
  EXPECT_TRUE(tcp->ack());
  EXPECT_EQ(tcp->window(), 501);
  const TcpSackBlocks sack = tcp->sack_blocks();
  ASSERT_EQ(sack.count, 2u);
  EXPECT_EQ(sack.blocks[0].left_edge, 1002049u);
  EXPECT_EQ(sack.blocks[0].right_edge, 1003049u);
  EXPECT_EQ(sack.blocks[1].left_edge, 1004049u);
  EXPECT_EQ(sack.blocks[1].right_edge, 1005049u);
  EXPECT_EQ(sack.view().size(), 2u);
  std::size_t visited = 0;
  for (const TcpSackBlock& block : sack) visited += block.right_edge > block.left_edge ? 1 : 0;
  EXPECT_EQ(visited, 2u);
  ASSERT_TRUE(tcp->timestamps().has_value());
  EXPECT_EQ(tcp->timestamps()->value, 2000u);
  EXPECT_EQ(tcp->timestamps()->echo_reply, 1000u);
  EXPECT_FALSE(tcp->mss().has_value());
  EXPECT_FALSE(tcp->window_scale().has_value());
  EXPECT_FALSE(tcp->sack_permitted());
  EXPECT_EQ(tcp->checksum_status(pseudo4("198.51.100.2", "192.0.2.1", 52)), ChecksumStatus::good);
  EXPECT_EQ(tcp->flags_text().view(), "ACK");
  EXPECT_EQ(tcp->flags_text(TcpFlagStyle::tcpdump).view(), ".");
}

TEST(TcpSegment, DecodesAnIpv6SegmentWithData) {
  const auto bytes = hex(data6_hex);
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok()) << tcp.error().reason;
  EXPECT_EQ(tcp->source_port(), 40000);
  EXPECT_EQ(tcp->destination_port(), 8080);
  EXPECT_EQ(tcp->sequence_number(), 0x11223344u);
  EXPECT_EQ(tcp->acknowledgment_number(), 0x55667788u);
  EXPECT_EQ(tcp->header_length(), 32u);
  EXPECT_TRUE(tcp->psh() && tcp->ack());
  EXPECT_EQ(tcp->flags_text().view(), "PSH, ACK");
  EXPECT_EQ(tcp->flags_text(TcpFlagStyle::tcpdump).view(), "P.");
  EXPECT_EQ(text(tcp->payload()), "hello\n");
  EXPECT_EQ(tcp->checksum_status(pseudo6("2001:db8::1", "2001:db8::2", 38)), ChecksumStatus::good);
  EXPECT_EQ(tcp->checksum_status(pseudo6("2001:db8::1", "2001:db8::3", 38)), ChecksumStatus::bad);
}

TEST(TcpSegment, ReadsAllTwelveFlagBitsAndTheUrgentPointer) {
  const auto bytes = hex(all_flags_hex);
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok()) << tcp.error().reason;
  EXPECT_EQ(tcp->data_offset(), 5);
  EXPECT_EQ(tcp->flags(), 0x0fff);
  EXPECT_TRUE(tcp->fin() && tcp->syn() && tcp->rst() && tcp->psh() && tcp->ack() && tcp->urg() && tcp->ece() &&
              tcp->cwr() && tcp->ae());
  EXPECT_EQ(tcp->urgent_pointer(), 5);
  EXPECT_EQ(tcp->window(), 1000);
  EXPECT_EQ(text(tcp->payload()), "!");
  EXPECT_TRUE(tcp->options().empty());
  EXPECT_TRUE(tcp->options_valid());
  EXPECT_EQ(tcp->checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 21)), ChecksumStatus::good);
  EXPECT_EQ(tcp->flags_text().view(), "FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved");
  EXPECT_EQ(tcp->flags_text(TcpFlagStyle::tcpdump).view(), "FSRP.UEWe");
}

TEST(TcpFlagsText, WritesWiresharkAndTcpdumpStyles) {
  EXPECT_EQ(tcp_flags_text(0x012).view(), "SYN, ACK");
  EXPECT_EQ(tcp_flags_text(0x012, TcpFlagStyle::tcpdump).view(), "S.");
  EXPECT_EQ(tcp_flags_text(0x011).view(), "FIN, ACK");
  EXPECT_EQ(tcp_flags_text(0x011, TcpFlagStyle::tcpdump).view(), "F.");
  EXPECT_EQ(tcp_flags_text(0x0c2).view(), "SYN, ECE, CWR");
  EXPECT_EQ(tcp_flags_text(0x0c2, TcpFlagStyle::tcpdump).view(), "SEW");
  EXPECT_EQ(tcp_flags_text(0x014).view(), "RST, ACK");
  EXPECT_EQ(tcp_flags_text(0x029).view(), "FIN, PSH, URG");
  EXPECT_EQ(tcp_flags_text(0x100).view(), "AE");
  EXPECT_EQ(tcp_flags_text(0x200).view(), "Reserved");
  EXPECT_EQ(tcp_flags_text(0x200, TcpFlagStyle::tcpdump).view(), "none");  // tcpdump hides reserved bits
  EXPECT_EQ(tcp_flags_text(0).view(), "<None>");
  EXPECT_EQ(tcp_flags_text(0, TcpFlagStyle::tcpdump).view(), "none");
  EXPECT_EQ(tcp_flags_text(0xf012).view(), "SYN, ACK");  // bits above the 12 are not flags
  const TcpFlagsText longest = tcp_flags_text(0xfff);
  EXPECT_EQ(std::string(longest.c_str()), std::string(longest.view()));
  EXPECT_LT(longest.length, TcpFlagsText::capacity);
}

TEST(TcpSegment, DecodesAFastOpenCookie) {
  const auto bytes = hex(tfo_hex);
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok()) << tcp.error().reason;
  ASSERT_TRUE(tcp->fast_open_cookie().has_value());
  EXPECT_EQ(tcp->fast_open_cookie()->data(), view(bytes).subspan(26, 8).data());
  EXPECT_EQ(tcp->fast_open_cookie()->size(), 8u);
  EXPECT_EQ(tcp->mss(), std::optional<std::uint16_t>(1460));
  EXPECT_EQ(text(tcp->payload()), "GET");
  EXPECT_EQ(tcp->checksum_status(pseudo4("192.0.2.1", "198.51.100.2", 39)), ChecksumStatus::good);

  // A cookie request is the option with no cookie (length 2).
  const auto request = hex("c001 01bb 00000000 00000000 60 02 ffff 0000 0000 | 22 02 0101");
  ASSERT_TRUE(TcpSegment::parse(view(request)).ok());
  ASSERT_TRUE(TcpSegment(view(request)).fast_open_cookie().has_value());
  EXPECT_TRUE(TcpSegment(view(request)).fast_open_cookie()->empty());
}

TEST(TcpSegment, CutAtEveryByteIsTruncated) {
  for (const char* packet : {syn_hex, sack_hex, data6_hex, all_flags_hex, tfo_hex}) {
    const auto bytes = hex(packet);
    const std::size_t header = TcpSegment(view(bytes)).header_length();
    test::expect_truncated_at_every_cut(bytes, header, Protocol::tcp, [](ByteView b) { return TcpSegment::parse(b); });
  }
}

TEST(TcpSegment, DataOffsetThatLies) {
  auto bytes = hex(syn_hex);
  // Below 5 words: invalid, as soon as byte 12 is captured.
  for (int offset : {0, 1, 4}) {
    bytes[12] = static_cast<std::byte>(offset << 4);
    auto tcp = TcpSegment::parse(view(bytes));
    ASSERT_FALSE(tcp.ok());
    EXPECT_EQ(tcp.error().kind, ErrorKind::invalid);
    EXPECT_EQ(tcp.error().protocol, Protocol::tcp);
    EXPECT_EQ(tcp.error().offset, 12u);
    auto cut = TcpSegment::parse(view(bytes).first(13));
    EXPECT_EQ(cut.error().kind, ErrorKind::invalid);
    // The unchecked view has no payload and no options then.
    EXPECT_TRUE(TcpSegment(view(bytes)).payload().empty());
    EXPECT_TRUE(TcpSegment(view(bytes)).options().empty());
  }
  // More than was captured: truncated, not invalid (more bytes would have helped).
  bytes[12] = std::byte{0xf0};  // 60 bytes, 40 captured
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_FALSE(tcp.ok());
  EXPECT_EQ(tcp.error().kind, ErrorKind::truncated);
  EXPECT_EQ(tcp.error().protocol, Protocol::tcp);
  // The unchecked view still reads the options that are there, and says they were cut.
  const TcpSegment unchecked(view(bytes));
  EXPECT_EQ(unchecked.mss(), std::optional<std::uint16_t>(1460));
  EXPECT_EQ(unchecked.options().error(), TcpOptionError::truncated);
  EXPECT_TRUE(unchecked.payload().empty());
  // Exactly 5 words with no options is the smallest valid header.
  bytes[12] = std::byte{0x50};
  ASSERT_TRUE(TcpSegment::parse(view(bytes).first(20)).ok());
  EXPECT_EQ(TcpSegment::parse(view(bytes)).value().payload().size(), 20u);  // the options become data
}

// Malformed options do not fail parse() (Wireshark decodes the header too); the walk stops.
TEST(TcpOptions, StopsAtAnOptionShorterThanTwoBytes) {
  for (const char* length : {"00", "01"}) {
    const auto bytes =
        hex(std::string("0400 0800 00000064 000000c8 80 18 0200 0000 0000 | 020405b4 08") + length + "00000000 0000");
    auto tcp = TcpSegment::parse(view(bytes));
    ASSERT_TRUE(tcp.ok());
    EXPECT_FALSE(tcp->options_valid());
    EXPECT_EQ(tcp->options().error(), TcpOptionError::length_below_two);
    EXPECT_EQ(tcp->options().error_offset(), 24u);
    EXPECT_STREQ(tcp->options().error_reason(), "option length below 2");
    std::size_t count = 0;
    for (const TcpOption& option : tcp->options()) {
      EXPECT_EQ(option.kind, tcp_option_kind::maximum_segment_size);
      ++count;
    }
    EXPECT_EQ(count, 1u);
    EXPECT_EQ(tcp->mss(), std::optional<std::uint16_t>(1460));
    EXPECT_FALSE(tcp->timestamps().has_value());
  }
}

TEST(TcpOptions, StopsAtAnOptionRunningPastTheDataOffset) {
  // A timestamps option (10 bytes) that starts 8 bytes before the end of the header.
  const auto bytes = hex("0400 0800 00000064 000000c8 80 18 0200 0000 0000 | 020405b4 080a0000 00000000 | 7879");
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok());
  EXPECT_EQ(tcp->options().error(), TcpOptionError::past_header_end);
  EXPECT_EQ(tcp->options().error_offset(), 24u);
  EXPECT_STREQ(tcp->options().error_reason(), "option runs past the data offset");
  EXPECT_FALSE(tcp->timestamps().has_value());
  EXPECT_EQ(tcp->payload().size(), 2u);
  // A kind byte that is the last byte of the header has no room for its length byte.
  const auto last = hex("0400 0800 00000064 000000c8 60 18 0200 0000 0000 | 010101 02");
  EXPECT_EQ(TcpSegment(view(last)).options().error(), TcpOptionError::past_header_end);
  EXPECT_EQ(TcpSegment(view(last)).options().error_offset(), 23u);
}

TEST(TcpOptions, ReportsOptionsCutByTheCapture) {
  const auto bytes = hex(syn_hex);
  // An unchecked view over 30 bytes: the timestamps option is cut.
  const TcpSegment cut(view(bytes).first(30));
  EXPECT_EQ(cut.options().error(), TcpOptionError::truncated);
  EXPECT_STREQ(cut.options().error_reason(), "capture ends inside the options");
  EXPECT_EQ(cut.options().error_offset(), 26u);
  EXPECT_EQ(cut.mss(), std::optional<std::uint16_t>(1460));
  EXPECT_TRUE(cut.sack_permitted());
  EXPECT_FALSE(cut.timestamps().has_value());
  // Cut right after the kind byte, and before any option byte.
  EXPECT_EQ(TcpSegment(view(bytes).first(27)).options().error(), TcpOptionError::truncated);
  EXPECT_EQ(TcpSegment(view(bytes).first(20)).options().error(), TcpOptionError::truncated);
  EXPECT_EQ(TcpSegment(view(bytes).first(10)).options().error(), TcpOptionError::none);  // no data offset yet
}

TEST(TcpOptions, EndOfOptionListEndsTheWalk) {
  const auto bytes = hex("0400 0800 00000064 000000c8 70 18 0200 0000 0000 | 00000000 020405b4");
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok());
  std::vector<std::uint8_t> kinds;
  for (const TcpOption& option : tcp->options()) kinds.push_back(option.kind);
  EXPECT_EQ(kinds, std::vector<std::uint8_t>{tcp_option_kind::end_of_option_list});
  EXPECT_TRUE(tcp->options_valid());
  EXPECT_FALSE(tcp->mss().has_value());  // after EOL: padding, not an option
}

TEST(TcpOptions, OptionsOfTheWrongLengthAreSkipped) {
  // MSS of length 3, then window scale 7: the MSS is not one, the walk goes on by its length.
  const auto bytes = hex("0400 0800 00000064 000000c8 70 18 0200 0000 0000 | 020305 030307 0000");
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok());
  EXPECT_TRUE(tcp->options_valid());
  EXPECT_FALSE(tcp->mss().has_value());
  EXPECT_EQ(tcp->window_scale(), std::optional<std::uint8_t>(7));
  // A SACK option whose length is not 2 + 8n yields no blocks.
  const auto sack = hex("0400 0800 00000064 000000c8 80 18 0200 0000 0000 | 050b 0000000000000000ff 01");
  EXPECT_EQ(TcpSegment(view(sack)).sack_blocks().count, 0u);
  // A window scale above 14 is returned as sent.
  const auto big = hex("0400 0800 00000064 000000c8 60 18 0200 0000 0000 | 01 03030f");
  EXPECT_EQ(TcpSegment(view(big)).window_scale(), std::optional<std::uint8_t>(15));
}

TEST(TcpOptions, FortyNopsTakeFortySteps) {
  std::vector<std::byte> bytes = hex("0400 0800 00000064 000000c8 f0 18 0200 0000 0000");
  bytes.resize(60, std::byte{0x01});
  auto tcp = TcpSegment::parse(view(bytes));
  ASSERT_TRUE(tcp.ok());
  std::size_t count = 0;
  for (const TcpOption& option : tcp->options()) count += option.kind == tcp_option_kind::no_operation ? 1 : 0;
  EXPECT_EQ(count, TcpOptions::max_length);
  EXPECT_TRUE(tcp->options_valid());
}

TEST(TcpSegment, EmptyViewReadsZero) {
  const TcpSegment empty;
  EXPECT_EQ(empty.source_port(), 0);
  EXPECT_EQ(empty.sequence_number(), 0u);
  EXPECT_EQ(empty.flags(), 0);
  EXPECT_EQ(empty.header_length(), 0u);
  EXPECT_TRUE(empty.payload().empty());
  EXPECT_TRUE(empty.options().empty());
  EXPECT_TRUE(empty.options_valid());
  EXPECT_FALSE(empty.mss().has_value());
  EXPECT_EQ(empty.checksum_status(PseudoHeader{}), ChecksumStatus::bad);  // 0 bytes cannot hold a header
  auto parsed = TcpSegment::parse(ByteView{});
  EXPECT_EQ(parsed.error().kind, ErrorKind::truncated);
}

// Random bytes: every accessor on every prefix must stay in bounds (AddressSanitizer checks) and
// every walk must end.
TEST(TcpSegment, SurvivesRandomBytes) {
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<std::uint8_t>(state >> 16);
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::byte> bytes(static_cast<std::size_t>(next() % 72));
    for (auto& b : bytes) b = static_cast<std::byte>(next());
    if (bytes.size() > 12 && round % 2 == 0) bytes[12] = static_cast<std::byte>(0x50 + (next() % 11) * 0x10);
    const TcpSegment tcp(view(bytes));
    std::size_t steps = 0;
    for (auto it = tcp.options().begin(); it != tcp.options().end(); ++it) ASSERT_LE(++steps, TcpOptions::max_length);
    (void)tcp.mss();
    (void)tcp.window_scale();
    (void)tcp.sack_permitted();
    (void)tcp.sack_blocks();
    (void)tcp.timestamps();
    (void)tcp.fast_open_cookie();
    (void)tcp.options().error_offset();
    (void)tcp.payload();
    (void)tcp.checksum_status(pseudo4("192.0.2.1", "198.51.100.2", bytes.size()));
    (void)TcpSegment::parse(view(bytes));
    detail::FieldSink sink;
    IpLayers ip;
    ip.transport_length = bytes.size();
    detail::list_tcp(tcp, ip, sink);
  }
}

// ---------------------------------------------------------------------------------------------
// The Wireshark listing. Each row: the TCP bytes the listing is given (a prefix when the capture
// or the quote was cut), the segment length the IP header declares, what the ICMP message around
// it lists first (nothing, or the outer ICMP/ICMPv6 type of an error quoting the segment), and
// what tshark 4.0 listed for the same bytes.

struct ListingCase {
  const char* name;
  std::string bytes;
  std::size_t ip_payload_length;
  const char* quoted_by;  // "", "icmp.type" or "icmpv6.type"
  const char* expected;
};

std::string syn_prefix(std::size_t n) {
  std::string all = "c0000050000f424000000000a002faf05a500000020405b40402080a000003e80000000001030307";
  return all.substr(0, 2 * n);
}

#define SYN_FIXED                                                                           \
  "\ttcp.srcport=49152\ttcp.dstport=80\ttcp.seq_raw=1000000\ttcp.ack_raw=0\ttcp.hdr_len=40" \
  "\ttcp.flags=0x0002\ttcp.window_size_value=64240"

const ListingCase listing_cases[] = {
    {"whole syn", syn_prefix(40), 40, "",
     SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0\ttcp.options.mss_val=1460"
               "\ttcp.options.wscale.shift=7\ttcp.options.timestamp.tsval=1000\ttcp.options.timestamp.tsecr=0"},
    {"capture cut at 0", syn_prefix(0), 40, "", ""},
    {"capture cut at 3", syn_prefix(3), 40, "", ""},
    {"capture cut at 4", syn_prefix(4), 40, "", "\ttcp.srcport=49152\ttcp.dstport=80"},
    {"capture cut at 15", syn_prefix(15), 40, "", "\ttcp.srcport=49152\ttcp.dstport=80"},
    {"capture cut at 16", syn_prefix(16), 40, "", SYN_FIXED "\ttcp.len=0"},
    {"capture cut at 17", syn_prefix(17), 40, "", SYN_FIXED "\ttcp.len=0"},
    {"capture cut at 18", syn_prefix(18), 40, "", SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.len=0"},
    {"capture cut at 19", syn_prefix(19), 40, "", SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.len=0"},
    {"capture cut at 20", syn_prefix(20), 40, "", SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0"},
    {"capture cut at 23", syn_prefix(23), 40, "", SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0"},
    {"capture cut at 24", syn_prefix(24), 40, "",
     SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0\ttcp.options.mss_val=1460"},
    {"capture cut at 31", syn_prefix(31), 40, "",
     SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0\ttcp.options.mss_val=1460"},
    {"capture cut at 32", syn_prefix(32), 40, "",
     SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0\ttcp.options.mss_val=1460"
               "\ttcp.options.timestamp.tsval=1000"},
    {"capture cut at 35", syn_prefix(35), 40, "",
     SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0\ttcp.options.mss_val=1460"
               "\ttcp.options.timestamp.tsval=1000"},
    {"capture cut at 36", syn_prefix(36), 40, "",
     SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0\ttcp.options.mss_val=1460"
               "\ttcp.options.timestamp.tsval=1000\ttcp.options.timestamp.tsecr=0"},
    {"capture cut at 39", syn_prefix(39), 40, "",
     SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.len=0\ttcp.options.mss_val=1460"
               "\ttcp.options.timestamp.tsval=1000\ttcp.options.timestamp.tsecr=0"},
    // The IP header declares fewer bytes than the TCP header: tcp.len would be negative.
    {"ip length 16", syn_prefix(16), 16, "", SYN_FIXED},
    {"ip length 24", syn_prefix(24), 24, "",
     SYN_FIXED "\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.options.mss_val=1460"},
    // Quoted by an ICMP error: never tcp.len; no tcp.seq_raw either inside ICMP (IPv4).
    {"icmp quote of 8", syn_prefix(8), 40, "icmp.type", "\ttcp.srcport=49152\ttcp.dstport=80"},
    {"icmp quote of 20", syn_prefix(20), 40, "icmp.type",
     "\ttcp.srcport=49152\ttcp.dstport=80\ttcp.ack_raw=0\ttcp.hdr_len=40\ttcp.flags=0x0002"
     "\ttcp.window_size_value=64240\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0"},
    {"icmp quote of 40", syn_prefix(40), 40, "icmp.type",
     "\ttcp.srcport=49152\ttcp.dstport=80\ttcp.ack_raw=0\ttcp.hdr_len=40\ttcp.flags=0x0002"
     "\ttcp.window_size_value=64240\ttcp.checksum=0x5a50\ttcp.urgent_pointer=0\ttcp.options.mss_val=1460"
     "\ttcp.options.wscale.shift=7\ttcp.options.timestamp.tsval=1000\ttcp.options.timestamp.tsecr=0"},
    {"icmpv6 quote of 8", "9c401f9011223344", 38, "icmpv6.type", "\ttcp.srcport=40000\ttcp.dstport=8080"},
    {"icmpv6 quote of 16", "9c401f90112233445566778880180200", 38, "icmpv6.type",
     "\ttcp.srcport=40000\ttcp.dstport=8080\ttcp.seq_raw=287454020\ttcp.ack_raw=1432778632\ttcp.hdr_len=32"
     "\ttcp.flags=0x0018\ttcp.window_size_value=512"},
    {"icmpv6 quote of 38", "9c401f90112233445566778880180200081800000101080a0000000b0000001668656c6c6f0a", 38,
     "icmpv6.type",
     "\ttcp.srcport=40000\ttcp.dstport=8080\ttcp.seq_raw=287454020\ttcp.ack_raw=1432778632\ttcp.hdr_len=32"
     "\ttcp.flags=0x0018\ttcp.window_size_value=512\ttcp.checksum=0x0818\ttcp.urgent_pointer=0"
     "\ttcp.options.timestamp.tsval=11\ttcp.options.timestamp.tsecr=22"},
    {"ipv6 data", "9c401f90112233445566778880180200081800000101080a0000000b0000001668656c6c6f0a", 38, "",
     "\ttcp.srcport=40000\ttcp.dstport=8080\ttcp.seq_raw=287454020\ttcp.ack_raw=1432778632\ttcp.hdr_len=32"
     "\ttcp.flags=0x0018\ttcp.window_size_value=512\ttcp.checksum=0x0818\ttcp.urgent_pointer=0\ttcp.len=6"
     "\ttcp.options.timestamp.tsval=11\ttcp.options.timestamp.tsecr=22"},
    {"all flags", "0400080000000007000000095fff03e882b0000521", 21, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=7\ttcp.ack_raw=9\ttcp.hdr_len=20\ttcp.flags=0x0fff"
     "\ttcp.window_size_value=1000\ttcp.checksum=0x82b0\ttcp.urgent_pointer=5\ttcp.len=1"},
    {"sack", "0050c000001e8481000f4241d01001f55ec000000101080a000007d0000003e801010512000f4a41000f4e29000f5211000f55f9",
     52, "",
     "\ttcp.srcport=80\ttcp.dstport=49152\ttcp.seq_raw=2000001\ttcp.ack_raw=1000001\ttcp.hdr_len=52"
     "\ttcp.flags=0x0010\ttcp.window_size_value=501\ttcp.checksum=0x5ec0\ttcp.urgent_pointer=0\ttcp.len=0"
     "\ttcp.options.timestamp.tsval=2000\ttcp.options.timestamp.tsecr=1000"},
    // Data offset below 5: tshark lists the ports, seq_raw, hdr_len and tcp.len, and gives up.
    {"data offset 4", "0400080000000064000000c8401802004bee00007879", 22, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.hdr_len=16\ttcp.len=6"},
    {"data offset 4 quoted", "0400080000000064000000c8401802004bee00007879", 22, "icmp.type",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.hdr_len=16"},
    // Malformed and odd options.
    {"option length 0", "0400080000000064000000c8a0180200d4140000020405b408000000080a000000010000000200007879", 42, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=40\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xd414\ttcp.urgent_pointer=0\ttcp.len=2\ttcp.options.mss_val=1460"},
    {"option past the data offset", "0400080000000064000000c880180200fc1f0000020405b4080a0000000000007879", 34, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=32\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xfc1f\ttcp.urgent_pointer=0\ttcp.len=2\ttcp.options.mss_val=1460"},
    {"two timestamps", "0400080000000064000000c8b0180200cbb70000080a0000000100000002080a0000000300000004000000007879",
     46, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=44\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xcbb7\ttcp.urgent_pointer=0\ttcp.len=2"
     "\ttcp.options.timestamp.tsval=1,3\ttcp.options.timestamp.tsecr=2,4"},
    {"mss of length 3", "0400080000000064000000c87018020011d9000002030503030700007879", 30, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=28\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0x11d9\ttcp.urgent_pointer=0\ttcp.len=2\ttcp.options.wscale.shift=7"},
    {"eol then mss", "0400080000000064000000c870180200142e000000000000020405b47879", 30, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=28\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0x142e\ttcp.urgent_pointer=0\ttcp.len=2"},
    {"sack of length 6", "0400080000000064000000c880180200fe220000050600000000020405b401017879", 34, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=32\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xfe22\ttcp.urgent_pointer=0\ttcp.len=2"},
    {"sack of length 11", "0400080000000064000000c8901802003fc90000050b0000000000000000ff020405b4017879", 38, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=36\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0x3fc9\ttcp.urgent_pointer=0\ttcp.len=2\ttcp.options.mss_val=1460"},
    {"mptcp of length 2", "0400080000000064000000c870180200f52a00001e02020405b401017879", 30, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=28\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xf52a\ttcp.urgent_pointer=0\ttcp.len=2"},
    {"mptcp of length 4", "0400080000000064000000c870180200f62900001e04ffff020405b47879", 30, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=28\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xf629\ttcp.urgent_pointer=0\ttcp.len=2\ttcp.options.mss_val=1460"},
    {"mptcp dss shorter than its flags say", "0400080000000064000000c88018020015d100001e072001000000020405b4017879", 34,
     "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=32\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0x15d1\ttcp.urgent_pointer=0\ttcp.len=2"},
    {"mptcp dss as long as its flags say", "0400080000000064000000c880180200c62000001e08200100000000020405b47879", 34,
     "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=32\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xc620\ttcp.urgent_pointer=0\ttcp.len=2\ttcp.options.mss_val=1460"},
    {"mptcp mp_fail of length 11", "0400080000000064000000c890180200c5c900001e0b600000000000000000020405b4017879", 38,
     "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=36\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xc5c9\ttcp.urgent_pointer=0\ttcp.len=2"},
    {"snack of length 6", "0400080000000064000000c880180200ee220000150600000000020405b401017879", 34, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=32\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xee22\ttcp.urgent_pointer=0\ttcp.len=2"},
    {"shift 15 and two mss", "0400080000000064000000c880180200fd1300000103030f020405b4020401007879", 34, "",
     "\ttcp.srcport=1024\ttcp.dstport=2048\ttcp.seq_raw=100\ttcp.ack_raw=200\ttcp.hdr_len=32\ttcp.flags=0x0018"
     "\ttcp.window_size_value=512\ttcp.checksum=0xfd13\ttcp.urgent_pointer=0\ttcp.len=2"
     "\ttcp.options.mss_val=1460,256\ttcp.options.wscale.shift=15"},
};

#undef SYN_FIXED

TEST(TcpListing, MatchesTshark) {
  for (const ListingCase& c : listing_cases) {
    const auto bytes = hex(c.bytes);
    detail::FieldSink sink;
    std::string expected;
    if (*c.quoted_by != '\0') {
      sink.add_decimal(c.quoted_by, 3);
      expected = std::string("\t") + c.quoted_by + "=3";
    }
    expected += c.expected;
    IpLayers ip;  // the IP packet around the segment: the frame's own, or a quote
    ip.transport_length = c.ip_payload_length;
    if (std::string_view(c.quoted_by) == "icmp.type") ip.carrier = Carrier::icmp_quote;
    if (std::string_view(c.quoted_by) == "icmpv6.type") ip.carrier = Carrier::icmpv6_quote;
    detail::list_tcp(TcpSegment(view(bytes)), ip, sink);
    std::string line;
    sink.write(line);
    EXPECT_EQ(line, expected) << c.name;
  }
}

}  // namespace
}  // namespace pktdoc
