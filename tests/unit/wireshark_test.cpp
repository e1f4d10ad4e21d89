// The Wireshark listing (pktdoc/wireshark.hpp): the field list shared with the oracle script,
// detail::FieldSink, and PacketListing::write() on whole frames.
//
// Every frame below is written out field by field with documentation addresses and correct
// checksums, and was checked once with tshark 4.0.17 (no malformed packet; every checksum tshark
// checks is good; the frames of the DISABLED tests draw only the warnings their tests name). The
// expected lines are what tshark 4.0 printed for the same bytes, written to a LINKTYPE_ETHERNET
// pcap (or the link type the test names), with the options of tests/oracle/compare_with_tshark.py
// (`../shared/tools/oracle packets FILE`).
#include "pktdoc/wireshark.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "pktdoc/detail/field_sink.hpp"
#include "sample_frames.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;
using namespace test::frames;

// The query with an IPv4 option whose length octet is 1, below the 2 that RFC 791 requires.
std::vector<std::byte> bad_option_frame() {
  return hex(
      "020000000002 020000000001 0800 |"    // Ethernet: destination, source, EtherType IPv4
      "46 00 0041 1240 4000"                // IPv4: IHL 6 (24 bytes), total length 65, id 0x1240, flags DF
      "40 11 3801"                          // TTL 64, protocol UDP, header checksum
      "c0000201 c6336435"                   // 192.0.2.1 -> 198.51.100.53
      "03010000 |"                          // option: type 3 (unassigned), length 1 (RFC 791: at least 2), padding
      "c000 0035 0029 5ccb |"               // UDP: 49152 -> 53, length 41, checksum
      "abd4 0100 0001 0000 0000 0000"       // DNS: ID 0xabd4, flags QUERY RD, 1 question
      "03777777076578616d706c6503636f6d00"  // QNAME www.example.com
      "0001 0001");                         // QTYPE A, QCLASS IN
}

// An IPv6 SYN in a tunnel whose header says next header 4 (IPv4), not 41.
std::vector<std::byte> ipv6_behind_protocol_4_frame() {
  return hex(
      "020000000002 020000000001 86dd |"    // Ethernet: destination, source, EtherType IPv6
      "60000000 003c 04 40"                 // IPv6: payload length 60, next header IPv4, hop limit 64
      "20010db8000000000000000000000001"    // source 2001:db8::1
      "20010db8000000000000000000000002 |"  // destination 2001:db8::2
      "60000000 0014 06 40"                 // inner IPv6: payload length 20, next header TCP, hop limit 64
      "20010db8000000000000000000000001"    // inner source 2001:db8::1
      "20010db8000000000000000000000080 |"  // inner destination 2001:db8::80
      "c000 0050"                           // inner TCP: 49152 -> 80
      "01020304 00000000"                   // inner sequence number, acknowledgment number
      "5002 ffff 8f99 0000 |");             // inner 20-byte header, SYN, window 65535, checksum, urgent pointer
}

// A reset that carries bytes, a length-prefixed DNS query, to port 53 (RFC 9293 allows data in a RST).
std::vector<std::byte> rst_dns_frame() {
  return hex(
      "020000000002 020000000001 0800 |"    // Ethernet: destination, source, EtherType IPv4
      "45 00 004b 1241 4000"                // IPv4: IHL 5, total length 75, id 0x1241, flags DF, offset 0
      "40 06 3c02"                          // TTL 64, protocol TCP, header checksum
      "c0000201 c6336435 |"                 // 192.0.2.1 -> 198.51.100.53
      "c001 0035"                           // TCP: 49153 -> 53
      "11111111 22222222"                   // sequence number, acknowledgment number
      "5014 0000 a653 0000 |"               // 20-byte header, RST ACK, window 0, checksum, urgent pointer
      "0021"                                // length prefix: 33 bytes
      "abd5 0100 0001 0000 0000 0000"       // DNS: ID 0xabd5, flags QUERY RD, 1 question
      "03777777076578616d706c6503636f6d00"  // QNAME www.example.com
      "0001 0001");                         // QTYPE A, QCLASS IN
}

// Port unreachable quoting the whole 61-byte query, with an RFC 4884 length of 1 word: not
// RFC 4884 (which pads to 128 bytes), and tshark cuts the quote at (IHL + length) * 4 = 24 bytes.
std::vector<std::byte> rfc4884_short_frame() {
  return hex(
      "020000000001 020000000002 0800 |"    // Ethernet: destination, source, EtherType IPv4
      "45 00 0059 0045 4000"                // IPv4: IHL 5, total length 89, id 0x0045, flags DF, offset 0
      "40 01 4df5"                          // TTL 64, protocol ICMP, header checksum
      "c6336435 c0000201 |"                 // 198.51.100.53 -> 192.0.2.1
      "03 03 e9a0 00010000 |"               // ICMP: type 3, code 3, checksum, unused, length 1 (4 bytes), unused
      "45 00 003d 1234 4000"                // quoted IPv4: IHL 5, total length 61, id 0x1234, flags DF, offset 0
      "40 11 3c12"                          // quoted TTL 64, protocol UDP, header checksum
      "c0000201 c6336435 |"                 // quoted 192.0.2.1 -> 198.51.100.53
      "c000 0035 0029 5cc9 |"               // quoted UDP: 49152 -> 53, length 41, checksum
      "abd6 0100 0001 0000 0000 0000"       // quoted DNS: ID 0xabd6, flags QUERY RD, 1 question
      "03777777076578616d706c6503636f6d00"  // quoted QNAME www.example.com
      "0001 0001");                         // quoted QTYPE A, QCLASS IN
}

// A copy of the first `count` bytes, so that AddressSanitizer sees reads past the cut.
std::vector<std::byte> prefix(const std::vector<std::byte>& bytes, std::size_t count) {
  return std::vector<std::byte>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(count));
}

// The `packets` line of one frame, decoded with default options, as dissect prints it. A frame
// is all captured unless `original_length` says the wire had more.
std::string listing(const std::vector<std::byte>& bytes, LinkType link_type = LinkType::ethernet,
                    std::size_t original_length = 0, std::uint64_t number = 1) {
  Frame frame;
  frame.number = number;
  frame.bytes = view(bytes);
  frame.link_type = link_type;
  frame.original_length = static_cast<std::uint32_t>(original_length != 0 ? original_length : bytes.size());
  DecodedPacket packet;
  decode_packet(frame, packet);
  PacketListing writer;
  std::string line;
  writer.write(frame, packet, line);
  return line;
}

// The FIELDS list of the oracle script, which compares dissect's listing with tshark's: the
// words of its triple-quoted FIELDS block.
std::vector<std::string> oracle_fields() {
  namespace fs = std::filesystem;
  // This file is tests/unit/wireshark_test.cpp; the script is tests/oracle/compare_with_tshark.py.
  // PKTDOC_TEST_DATA_DIR (tests/data) finds it too when __FILE__ is not a usable path.
  const fs::path candidates[] = {
      fs::path(__FILE__).parent_path().parent_path() / "oracle" / "compare_with_tshark.py",
      fs::path(PKTDOC_TEST_DATA_DIR).parent_path() / "oracle" / "compare_with_tshark.py",
  };
  for (const fs::path& script : candidates) {
    std::ifstream in(script);
    if (!in) continue;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string opening = "FIELDS = \"\"\"";
    const std::size_t begin = text.find(opening);
    if (begin == std::string::npos) break;
    const std::size_t end = text.find("\"\"\"", begin + opening.size());
    if (end == std::string::npos) break;
    std::istringstream words(text.substr(begin + opening.size(), end - begin - opening.size()));
    std::vector<std::string> fields;
    for (std::string word; words >> word;) fields.push_back(word);
    return fields;
  }
  ADD_FAILURE() << "no FIELDS block in " << candidates[0] << " or " << candidates[1];
  return {};
}

TEST(WiresharkFields, AreTheOracleScriptFields) {
  const std::vector<std::string> expected = oracle_fields();
  ASSERT_FALSE(expected.empty());
  const std::vector<std::string> actual(detail::wireshark_fields.begin(), detail::wireshark_fields.end());
  EXPECT_EQ(actual, expected);
}

TEST(WiresharkFieldSink, HexDigitsDecimalAndFlags) {
  detail::FieldSink sink;
  sink.add_hex("ip.id", 0x1c46, 4);
  sink.add_hex("tcp.flags", 0x12, 4);           // leading zeros kept
  sink.add_hex("sctp.verification_tag", 5, 8);  // 0x + 8 digits
  sink.add_hex("ipv6.flow", 0x12345, 6);        // 0x + 6 digits, as tshark prints a flow label
  sink.add_hex("eth.type", 0x123456, 4);        // only the low `digits` digits
  sink.add_hex("icmp.checksum", 0xABCD, 4);     // lower case
  sink.add_decimal("frame.len", 0);
  sink.add_decimal("frame.cap_len", std::numeric_limits<std::uint64_t>::max());
  sink.add_decimal("tcp.seq_raw", 4294967295u);
  sink.add_flag("ip.flags.df", true);
  sink.add_flag("ip.flags.mf", false);
  std::string line;
  sink.write(line);
  EXPECT_EQ(line,
            "\tframe.len=0\tframe.cap_len=18446744073709551615\teth.type=0x3456\tip.id=0x1c46\tip.flags.df=1"
            "\tip.flags.mf=0\tipv6.flow=0x012345\ticmp.checksum=0xabcd\ttcp.seq_raw=4294967295\ttcp.flags=0x0012"
            "\tsctp.verification_tag=0x00000005");
}

TEST(WiresharkFieldSink, RepeatedFieldsAreCommaJoinedInOrder) {
  detail::FieldSink sink;
  // Added in the order the layers are met, written in the order of the field list.
  sink.add("dns.a", *Ipv4Address::parse("192.0.2.80"));
  sink.add("ip.src", *Ipv4Address::parse("198.51.100.53"));
  sink.add("dns.a", *Ipv4Address::parse("192.0.2.81"));
  sink.add("ip.src", *Ipv4Address::parse("192.0.2.1"));
  sink.add_decimal("icmp.type", 11);
  sink.add_decimal("icmp.type", 3);
  sink.add_decimal("icmp.type", 0);
  std::string line;
  sink.write(line);
  EXPECT_EQ(line, "\tip.src=198.51.100.53,192.0.2.1\ticmp.type=11,3,0\tdns.a=192.0.2.80,192.0.2.81");
}

TEST(WiresharkFieldSink, AddressesInTheirOneTextForm) {
  detail::FieldSink sink;
  sink.add("eth.src", MacAddress{{0x02, 0x00, 0x00, 0x00, 0x00, 0x0a}});
  sink.add("ipv6.src", *Ipv6Address::parse("2001:db8:0:0:0:0:0:1"));
  sink.add("ip.dst", Ipv4Address{{198, 51, 100, 2}});
  std::string line;
  sink.write(line);
  EXPECT_EQ(line, "\teth.src=02:00:00:00:00:0a\tip.dst=198.51.100.2\tipv6.src=2001:db8::1");
}

TEST(WiresharkFieldSink, EmptyValuesAndUnknownFieldsAreLeftOut) {
  detail::FieldSink sink;
  std::string line;
  sink.write(line);
  EXPECT_EQ(line, "");                     // nothing added, nothing written
  sink.add("dns.txt", "");                 // one empty TXT string: tshark prints nothing for it
  sink.add("http.request.method", "GET");  // not in the list
  sink.add("dns.qry.name", "www.example.com");
  sink.write(line);
  EXPECT_EQ(line, "\tdns.qry.name=www.example.com");
}

TEST(WiresharkFieldSink, ClearForgetsEveryFieldAndWriteAppends) {
  detail::FieldSink sink;
  sink.add_decimal("frame.len", 75);
  sink.add_decimal("udp.srcport", 53);
  sink.clear();
  std::string line = "7";
  sink.write(line);
  EXPECT_EQ(line, "7");
  // The next frame's fields only, not joined to the last frame's.
  sink.add_decimal("udp.srcport", 5353);
  sink.write(line);
  EXPECT_EQ(line, "7\tudp.srcport=5353");
  sink.clear();
  sink.add_decimal("udp.srcport", 9899);
  line.clear();
  sink.write(line);
  EXPECT_EQ(line, "\tudp.srcport=9899");
}

// The expected lines below are tshark 4.0's output for the same bytes (`oracle packets`).

TEST(WiresharkPacketListing, DnsResponseWithSeveralAnswers) {
  // tshark 4.0's output:
  EXPECT_EQ(listing(dns_response_frame()),
            "1\tframe.len=125\tframe.cap_len=125\teth.dst=02:00:00:00:00:01\teth.src=02:00:00:00:00:02"
            "\teth.type=0x0800\tip.version=4\tip.hdr_len=20\tip.len=111\tip.id=0x5678\tip.flags.df=1\tip.flags.mf=0"
            "\tip.frag_offset=0\tip.ttl=64\tip.proto=17\tip.checksum=0xf79b\tip.src=198.51.100.53\tip.dst=192.0.2.1"
            "\tudp.srcport=53\tudp.dstport=49152\tudp.length=91\tudp.checksum=0x4af9\tdns.id=0xabcd"
            "\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=1\tdns.count.answers=3"
            "\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=www.example.com\tdns.qry.type=1"
            "\tdns.qry.class=0x0001\tdns.resp.name=www.example.com,web.example.com,web.example.com"
            "\tdns.resp.type=5,1,1\tdns.resp.ttl=300,300,300\tdns.a=192.0.2.80,192.0.2.81\tdns.cname=web.example.com");
}

TEST(WiresharkPacketListing, IcmpErrorListsItsQuoteAfterIt) {
  // tshark 4.0's output: the quoted IPv4 header's fields follow the outer ones, comma-joined.
  EXPECT_EQ(listing(port_unreachable_frame()),
            "1\tframe.len=70\tframe.cap_len=70\teth.dst=02:00:00:00:00:01\teth.src=02:00:00:00:00:02\teth.type=0x0800"
            "\tip.version=4,4\tip.hdr_len=20,20\tip.len=56,61\tip.id=0x0042,0x1234\tip.flags.df=1,1\tip.flags.mf=0,0"
            "\tip.frag_offset=0,0\tip.ttl=64,64\tip.proto=1,17\tip.checksum=0x4e19,0x3c12"
            "\tip.src=198.51.100.53,192.0.2.1\tip.dst=192.0.2.1,198.51.100.53\ticmp.type=3\ticmp.code=3"
            "\ticmp.checksum=0xdfcb\tudp.srcport=49152\tudp.dstport=53\tudp.length=41\tudp.checksum=0x5cd2");
  // tshark 4.0's output for an ICMP error quoting an ICMP error quoting UDP:
  EXPECT_EQ(listing(nested_quote_frame()),
            "1\tframe.len=98\tframe.cap_len=98\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:03\teth.type=0x0800"
            "\tip.version=4,4,4\tip.hdr_len=20,20,20\tip.len=84,56,61\tip.id=0x0044,0x0042,0x1234\tip.flags.df=1,1,1"
            "\tip.flags.mf=0,0,0\tip.frag_offset=0,0,0\tip.ttl=64,1,64\tip.proto=1,1,17"
            "\tip.checksum=0xd3fa,0x8d19,0x3c12\tip.src=203.0.113.1,198.51.100.53,192.0.2.1"
            "\tip.dst=198.51.100.53,192.0.2.1,198.51.100.53\ticmp.type=11,3\ticmp.code=0,3"
            "\ticmp.checksum=0xf4ff,0xdfcb\tudp.srcport=49152\tudp.dstport=53\tudp.length=41\tudp.checksum=0x5cd2");
}

TEST(WiresharkPacketListing, VlanTagsAndLlc) {
  // tshark 4.0's output: the 802.1ad service tag is ieee8021ad.id, not vlan.id; eth.type is the
  // outer TPID.
  EXPECT_EQ(listing(vlan_frame()),
            "1\tframe.len=58\tframe.cap_len=58\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01\teth.type=0x88a8"
            "\tvlan.id=200\tip.version=4\tip.hdr_len=20\tip.len=36\tip.id=0x123a\tip.flags.df=1\tip.flags.mf=0"
            "\tip.frag_offset=0\tip.ttl=64\tip.proto=1\tip.checksum=0x3c68\tip.src=192.0.2.1\tip.dst=198.51.100.2"
            "\ticmp.type=8\ticmp.code=0\ticmp.checksum=0x7c58");
  // tshark 4.0's output: an 802.3 length is eth.len, not eth.type, and LLC lists nothing here.
  EXPECT_EQ(listing(llc_frame()),
            "1\tframe.len=60\tframe.cap_len=60\teth.dst=01:80:c2:00:00:00\teth.src=02:00:00:00:00:01");
}

TEST(WiresharkPacketListing, TruncatedFrames) {
  // tshark 4.0's output for the DNS response captured with an 80-byte snap length: the DNS fields
  // that were captured.
  EXPECT_EQ(listing(prefix(dns_response_frame(), 80), LinkType::ethernet, 125),
            "1\tframe.len=125\tframe.cap_len=80\teth.dst=02:00:00:00:00:01\teth.src=02:00:00:00:00:02"
            "\teth.type=0x0800\tip.version=4\tip.hdr_len=20\tip.len=111\tip.id=0x5678\tip.flags.df=1\tip.flags.mf=0"
            "\tip.frag_offset=0\tip.ttl=64\tip.proto=17\tip.checksum=0xf79b\tip.src=198.51.100.53\tip.dst=192.0.2.1"
            "\tudp.srcport=53\tudp.dstport=49152\tudp.length=91\tudp.checksum=0x4af9\tdns.id=0xabcd"
            "\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=1\tdns.count.answers=3"
            "\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=www.example.com\tdns.qry.type=1"
            "\tdns.qry.class=0x0001");
  // tshark 4.0's output for 10 bytes of a 75-byte frame: no Ethernet field at all.
  EXPECT_EQ(listing(prefix(dns_query_frame(), 10), LinkType::ethernet, 75), "1\tframe.len=75\tframe.cap_len=10");
}

TEST(WiresharkPacketListing, ArpTcpOptionsTunnelRedirectSctpAndFragment) {
  // tshark 4.0's output:
  EXPECT_EQ(listing(arp_request_frame()),
            "1\tframe.len=60\tframe.cap_len=60\teth.dst=ff:ff:ff:ff:ff:ff\teth.src=02:00:00:00:00:01\teth.type=0x0806"
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=1\tarp.src.hw_mac=02:00:00:00:00:01"
            "\tarp.src.proto_ipv4=192.0.2.1\tarp.dst.hw_mac=00:00:00:00:00:00\tarp.dst.proto_ipv4=192.0.2.2");
  // tshark 4.0's output:
  EXPECT_EQ(listing(ipv6_syn_frame()),
            "1\tframe.len=94\tframe.cap_len=94\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01\teth.type=0x86dd"
            "\tip.version=6\tipv6.flow=0x012345\tipv6.plen=40\tipv6.nxt=6\tipv6.hlim=64\tipv6.src=2001:db8::1"
            "\tipv6.dst=2001:db8::80\ttcp.srcport=49152\ttcp.dstport=80\ttcp.seq_raw=16909060\ttcp.ack_raw=0"
            "\ttcp.hdr_len=40\ttcp.flags=0x0002\ttcp.window_size_value=65535\ttcp.checksum=0x17cb"
            "\ttcp.urgent_pointer=0\ttcp.len=0\ttcp.options.mss_val=1440\ttcp.options.wscale.shift=7"
            "\ttcp.options.timestamp.tsval=4096\ttcp.options.timestamp.tsecr=0");
  // tshark 4.0's output: ip.version lists the outer IPv6 header, then the tunneled IPv4 one.
  EXPECT_EQ(listing(ipv4_in_ipv6_frame()),
            "1\tframe.len=115\tframe.cap_len=115\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01"
            "\teth.type=0x86dd\tip.version=6,4\tip.hdr_len=20\tip.len=61\tip.id=0x1234\tip.flags.df=1\tip.flags.mf=0"
            "\tip.frag_offset=0\tip.ttl=64\tip.proto=17\tip.checksum=0x3c12\tip.src=192.0.2.1\tip.dst=198.51.100.53"
            "\tipv6.flow=0x000000\tipv6.plen=61\tipv6.nxt=4\tipv6.hlim=64\tipv6.src=2001:db8::1\tipv6.dst=2001:db8::2"
            "\tudp.srcport=49152\tudp.dstport=53\tudp.length=41\tudp.checksum=0x5cd2\tdns.id=0xabcd"
            "\tdns.flags.response=0\tdns.flags.opcode=0\tdns.count.queries=1\tdns.count.answers=0"
            "\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=www.example.com\tdns.qry.type=1"
            "\tdns.qry.class=0x0001");
  // tshark 4.0's output:
  EXPECT_EQ(listing(redirect_frame()),
            "1\tframe.len=190\tframe.cap_len=190\teth.dst=02:00:00:00:00:01\teth.src=02:00:00:00:00:03"
            "\teth.type=0x86dd\tip.version=6,6\tipv6.flow=0x000000,0x000000\tipv6.plen=136,40\tipv6.nxt=58,17"
            "\tipv6.hlim=255,64\tipv6.src=fe80::1,2001:db8::1\tipv6.dst=2001:db8::1,2001:db8:1::5\ticmpv6.type=137"
            "\ticmpv6.code=0\ticmpv6.checksum=0xa480\tudp.srcport=49152\tudp.dstport=53\tudp.length=40"
            "\tudp.checksum=0x003b\tdns.id=0x0077\tdns.flags.response=0\tdns.flags.opcode=0\tdns.count.queries=1"
            "\tdns.count.answers=0\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=ns.example.com"
            "\tdns.qry.type=1\tdns.qry.class=0x0001");
  // tshark 4.0's output:
  EXPECT_EQ(listing(sctp_over_udp_frame()),
            "1\tframe.len=58\tframe.cap_len=58\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01\teth.type=0x0800"
            "\tip.version=4\tip.hdr_len=20\tip.len=44\tip.id=0x1239\tip.flags.df=1\tip.flags.mf=0\tip.frag_offset=0"
            "\tip.ttl=64\tip.proto=17\tip.checksum=0x3c51\tip.src=192.0.2.1\tip.dst=198.51.100.2\tudp.srcport=9899"
            "\tudp.dstport=9899\tudp.length=24\tudp.checksum=0x811d\tsctp.srcport=5000\tsctp.dstport=5001"
            "\tsctp.verification_tag=0x01020304\tsctp.checksum=0x8b628395\tsctp.chunk_type=11");
  // tshark 4.0's output, with IP defragmentation off: the DNS fields of the first fragment.
  EXPECT_EQ(listing(first_fragment_frame()),
            "1\tframe.len=58\tframe.cap_len=58\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01\teth.type=0x0800"
            "\tip.version=4\tip.hdr_len=20\tip.len=44\tip.id=0x4321\tip.flags.df=0\tip.flags.mf=1\tip.frag_offset=0"
            "\tip.ttl=64\tip.proto=17\tip.checksum=0x2b36\tip.src=192.0.2.1\tip.dst=198.51.100.53\tudp.srcport=49152"
            "\tudp.dstport=53\tudp.length=41\tudp.checksum=0x5ccf\tdns.id=0xabd0\tdns.flags.response=0"
            "\tdns.flags.opcode=0\tdns.count.queries=1\tdns.count.answers=0\tdns.count.auth_rr=0\tdns.count.add_rr=0");
}

TEST(WiresharkPacketListing, FrameNumberLeadsAndWriteAppends) {
  const auto bytes = arp_request_frame();
  Frame frame;
  frame.number = 12345678901;
  frame.bytes = view(bytes);
  frame.original_length = 60;
  DecodedPacket packet;
  decode_packet(frame, packet);
  PacketListing listing;
  std::string line = "> ";
  listing.write(frame, packet, line);
  EXPECT_EQ(line.rfind("> 12345678901\tframe.len=60\tframe.cap_len=60\teth.dst=ff:ff:ff:ff:ff:ff", 0), 0u) << line;
  // One PacketListing for many frames: nothing of the previous frame is left.
  const auto query = dns_query_frame();
  frame.number = 2;
  frame.bytes = view(query);
  frame.original_length = 75;
  decode_packet(frame, packet);
  line.clear();
  listing.write(frame, packet, line);
  EXPECT_EQ(line.find("arp."), std::string::npos) << line;
  EXPECT_EQ(line.rfind("2\tframe.len=75\t", 0), 0u) << line;
}

// BUG (wireshark.cpp, list_ip_layers): a Redirect cut by the capture inside its Redirected Header
// option is a truncated ICMPv6 message, so decode_packet() stops there and the listing shows
// nothing of the redirected packet; tshark lists the part that was captured (here its 40-byte
// IPv6 header). Fix: when the failed layer is a truncated ICMPv6 Redirect, list the captured rest
// of its Redirected Header option (after the 8-byte option header) as an inner IPv6 packet; this
// needs Icmpv6Message::redirected_header() (or the ND option walk in icmpv6.cpp) to return an
// option that runs past the captured bytes, cut to them.
TEST(WiresharkPacketListing, DISABLED_RedirectCutInsideItsRedirectedHeader) {
  // tshark 4.0's output:
  EXPECT_EQ(listing(prefix(redirect_frame(), 150), LinkType::ethernet, 190),
            "1\tframe.len=190\tframe.cap_len=150\teth.dst=02:00:00:00:00:01\teth.src=02:00:00:00:00:03"
            "\teth.type=0x86dd\tip.version=6,6\tipv6.flow=0x000000,0x000000\tipv6.plen=136,40\tipv6.nxt=58,17"
            "\tipv6.hlim=255,64\tipv6.src=fe80::1,2001:db8::1\tipv6.dst=2001:db8::1,2001:db8:1::5\ticmpv6.type=137"
            "\ticmpv6.code=0\ticmpv6.checksum=0xa480");
}

// BUG (link.cpp EthernetFrame::walk and wireshark.cpp list_ethernet): a type/length field of 0 is
// an 802.3 length of 0 to pktdoc (invalid LLC, so the frame fails at the link layer and eth.type
// is not listed); Wireshark's Ethernet dissector takes 0x0000 for an EtherType (packet-eth.c:
// `etype <= IEEE_802_3_MAX_LEN && etype != ETHERTYPE_UNK`, for Cisco MDS frames) and lists
// eth.type=0x0000.
// Fix: treat 0 as an (unknown) EtherType in EthernetFrame::walk, or at least list eth.type when
// outer_type() is 0.
TEST(WiresharkPacketListing, DISABLED_EtherTypeZeroIsAnEtherType) {
  auto bytes = dns_query_frame();
  bytes[12] = std::byte{0};
  bytes[13] = std::byte{0};
  // tshark 4.0's output:
  EXPECT_EQ(listing(bytes),
            "1\tframe.len=75\tframe.cap_len=75\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01\teth.type=0x0000");
}

// Fixed (was: wireshark.cpp, list_link): a Linux cooked header cut short lists nothing, while tshark
// lists sll.pkttype once 4 bytes of an SLL header are captured, and sll.pkttype and sll.etype
// once 12 bytes of an SLL2 header are. Fix: in list_link's Protocol::none case, list the cut
// SLL header from LinuxSllHeader(frame.bytes) when frame.bytes.size() >= 4 (sll.pkttype), and
// the cut SLL2 header from LinuxSll2Header(frame.bytes) when frame.bytes.size() >= 12
// (sll.pkttype and sll.etype).
TEST(WiresharkPacketListing, LinuxCookedHeaderCutShort) {
  // tshark 4.0's output for 10 bytes of the SLL header of a 77-byte frame (LINKTYPE_LINUX_SLL):
  EXPECT_EQ(listing(hex("0000 0001 0006 02000000"), LinkType::linux_sll, 77),
            "1\tframe.len=77\tframe.cap_len=10\tsll.pkttype=0");
  // tshark 4.0's output for 15 bytes of the SLL2 header of an 81-byte frame (LINKTYPE_LINUX_SLL2):
  EXPECT_EQ(listing(hex("0800 0000 00000002 0001 00 06 020000"), LinkType::linux_sll2, 81),
            "1\tframe.len=81\tframe.cap_len=15\tsll.pkttype=0\tsll.etype=0x0800");
}

// Fixed (was: wireshark.cpp, list_ip_layers): a raw-IP frame of fewer than 8 captured bytes lists the IPv4
// fields that are there (ip.version, ip.hdr_len, ip.len, ip.id), but tshark's raw-IP dissector
// lists nothing at all for such a frame. Fix: in PacketListing::write, list no IP layer for a
// Protocol::raw_ip frame with fewer than 8 captured bytes.
TEST(WiresharkPacketListing, RawIpShorterThan8Bytes) {
  const auto query = dns_query_frame();
  const std::vector<std::byte> bytes(query.begin() + 14, query.begin() + 20);  // 6 bytes of the IPv4 header
  // tshark 4.0's output (LINKTYPE_RAW):
  EXPECT_EQ(listing(bytes, LinkType::raw, 61), "1\tframe.len=61\tframe.cap_len=6");
}

// BUG (ipv4.cpp Ipv4Packet::parse, as the listing sees it): an IPv4 option whose length octet is
// below 2 (or a last option type without its length octet) makes the whole header invalid, so the
// listing stops after the IPv4 fields; tshark reports "too-short option length" as a warning and
// dissects on, listing UDP and DNS. (An option of length 2 or more that is too short for its
// fields is malformed for tshark too, and the two agree.) Fix: in wireshark.cpp, list the upper
// layers of an IPv4 header that failed only because of such an option, from the payload the
// header declares; or have Ipv4Packet::parse stop the option walk there instead of failing.
TEST(WiresharkPacketListing, DISABLED_OptionLengthBelowTwoDoesNotStopTshark) {
  // tshark 4.0's output (tshark -V: "Unknown (0x03) (with too-short option length = 1 byte)"):
  EXPECT_EQ(listing(bad_option_frame()),
            "1\tframe.len=79\tframe.cap_len=79\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01\teth.type=0x0800"
            "\tip.version=4\tip.hdr_len=24\tip.len=65\tip.id=0x1240\tip.flags.df=1\tip.flags.mf=0\tip.frag_offset=0"
            "\tip.ttl=64\tip.proto=17\tip.checksum=0x3801\tip.src=192.0.2.1\tip.dst=198.51.100.53\tudp.srcport=49152"
            "\tudp.dstport=53\tudp.length=41\tudp.checksum=0x5ccb\tdns.id=0xabd4\tdns.flags.response=0"
            "\tdns.flags.opcode=0\tdns.count.queries=1\tdns.count.answers=0\tdns.count.auth_rr=0\tdns.count.add_rr=0"
            "\tdns.qry.name=www.example.com\tdns.qry.type=1\tdns.qry.class=0x0001");
}

// Fixed (was: packet.cpp, decode_transport, case ip_protocol::ipv4): a tunnel header that says protocol
// 4 is decoded as IPv4 whatever the version nibble says, so an IPv6 packet behind it is an invalid
// IPv4 header (a frame error) and the listing adds a third ip.version; tshark goes by the version
// nibble behind IP protocol 4 and decodes the IPv6 packet and its TCP.
// (An EtherType that contradicts the version is different: tshark does report that.) Fix: decode
// a protocol-4 payload by its version nibble, decode(payload, 0, ...), keeping 41 as IPv6 only.
TEST(WiresharkPacketListing, Protocol4TunnelGoesByTheVersionNibble) {
  // tshark 4.0's output:
  EXPECT_EQ(listing(ipv6_behind_protocol_4_frame()),
            "1\tframe.len=114\tframe.cap_len=114\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01"
            "\teth.type=0x86dd\tip.version=6,6\tipv6.flow=0x000000,0x000000\tipv6.plen=60,20\tipv6.nxt=4,6"
            "\tipv6.hlim=64,64\tipv6.src=2001:db8::1,2001:db8::1\tipv6.dst=2001:db8::2,2001:db8::80"
            "\ttcp.srcport=49152\ttcp.dstport=80\ttcp.seq_raw=16909060\ttcp.ack_raw=0\ttcp.hdr_len=20"
            "\ttcp.flags=0x0002\ttcp.window_size_value=65535\ttcp.checksum=0x8f99\ttcp.urgent_pointer=0\ttcp.len=0");
}

// Fixed (was: wireshark.cpp, list_ip_layers): the DNS fields of a TCP segment with RST set are listed;
// tshark does not hand the data of a reset to the port's dissector (it shows it as the reset
// cause) and lists tcp.* only. Fix: skip the application of a TCP segment whose RST flag is set
// in list_ip_layers (and, to agree, leave it as data in decode_packet()).
TEST(WiresharkPacketListing, ResetCarriesNoDns) {
  // tshark 4.0's output (tshark -V: warnings "Connection reset (RST)", and "Trailing stray
  // characters" in the Reset cause it makes of the 35 bytes):
  EXPECT_EQ(listing(rst_dns_frame()),
            "1\tframe.len=89\tframe.cap_len=89\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01\teth.type=0x0800"
            "\tip.version=4\tip.hdr_len=20\tip.len=75\tip.id=0x1241\tip.flags.df=1\tip.flags.mf=0\tip.frag_offset=0"
            "\tip.ttl=64\tip.proto=6\tip.checksum=0x3c02\tip.src=192.0.2.1\tip.dst=198.51.100.53\ttcp.srcport=49153"
            "\ttcp.dstport=53\ttcp.seq_raw=286331153\ttcp.ack_raw=572662306\ttcp.hdr_len=20\ttcp.flags=0x0014"
            "\ttcp.window_size_value=0\ttcp.checksum=0xa653\ttcp.urgent_pointer=0\ttcp.len=35");
}

// BUG (icmp.cpp IcmpMessage::quoted_packet, as the listing uses it): an ICMP error whose RFC 4884
// length is non-zero but below 128 bytes quotes everything after the header in pktdoc (as Linux
// reads it), but tshark cuts the quoted packet at (IHL + length) * 4 bytes, here 24: the quoted
// IPv4 header and the UDP ports, no udp.length, no DNS. Fix: in wireshark.cpp, cut the quote
// tshark's way for the listing (decode_packet() may keep Linux's reading).
TEST(WiresharkPacketListing, DISABLED_Rfc4884LengthCutsTheQuoteAsTsharkDoes) {
  // tshark 4.0's output:
  EXPECT_EQ(listing(rfc4884_short_frame()),
            "1\tframe.len=103\tframe.cap_len=103\teth.dst=02:00:00:00:00:01\teth.src=02:00:00:00:00:02"
            "\teth.type=0x0800\tip.version=4,4\tip.hdr_len=20,20\tip.len=89,61\tip.id=0x0045,0x1234\tip.flags.df=1,1"
            "\tip.flags.mf=0,0\tip.frag_offset=0,0\tip.ttl=64,64\tip.proto=1,17\tip.checksum=0x4df5,0x3c12"
            "\tip.src=198.51.100.53,192.0.2.1\tip.dst=192.0.2.1,198.51.100.53\ticmp.type=3\ticmp.code=3"
            "\ticmp.checksum=0xe9a0\tudp.srcport=49152\tudp.dstport=53");
}

// BUG (wireshark.cpp, list_ethernet): tshark decodes at most 20 nested 802.1Q tags; at the 21st
// it stops with "Too many nested VLAN tags" (an expert warning) and lists 20 vlan.id and nothing
// after them. pktdoc lists every tag and the layers behind them. Fix: list at most 20 vlan.id and,
// when a frame has more 802.1Q tags than that, nothing after the link layer.
TEST(WiresharkPacketListing, DISABLED_AtMost20NestedVlanTags) {
  // The query of dns_query_frame behind 21 802.1Q tags (PCP 0, VID 1), built here.
  const auto query = dns_query_frame();
  auto bytes = hex("020000000002 020000000001");
  for (int i = 0; i < 21; ++i) {
    const auto tag = hex("8100 0001");
    bytes.insert(bytes.end(), tag.begin(), tag.end());
  }
  bytes.insert(bytes.end(), query.begin() + 12, query.end());  // EtherType 0x0800 and the IPv4 packet
  // tshark 4.0's output:
  EXPECT_EQ(listing(bytes),
            "1\tframe.len=159\tframe.cap_len=159\teth.dst=02:00:00:00:00:02\teth.src=02:00:00:00:00:01"
            "\teth.type=0x8100\tvlan.id=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1");
}

}  // namespace
}  // namespace pktdoc
