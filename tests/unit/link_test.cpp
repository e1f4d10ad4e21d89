// decode_link() for every supported link type: Ethernet II, IEEE 802.3 with LLC and SNAP,
// 802.1Q/802.1ad tags, Linux cooked capture v1 and v2, BSD loopback (NULL, LOOP) and raw IP.
//
// Every frame below was written to a pcap with its link type (1, 113, 276, 0, 108, 101, 12, 14)
// and checked once with tshark 4.0: it decodes them as the comments say (the IP and UDP checksums
// inside are correct), except where a comment says otherwise.
#include "pktdoc/link.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// The packets the frames carry: IPv4/UDP 192.0.2.1:40000 -> 198.51.100.2:40001 "pktdoc" (34
// bytes) and IPv6/UDP 2001:db8::1 -> 2001:db8::2, same ports and data (54 bytes).
constexpr const char* kUdp4 =
    "4500 0022 1234 4000 4011 3c60 c0000201 c6336402"
    "9c40 9c41 000e 86e5 706b74646f63";
constexpr const char* kUdp6 =
    "6000 0000 000e 11 40 20010db8000000000000000000000001 20010db8000000000000000000000002"
    "9c40 9c41 000e 17a8 706b74646f63";

std::vector<std::byte> frame(const std::string& link_header, const char* packet, std::size_t padding = 0) {
  auto bytes = hex(link_header + packet);
  bytes.resize(bytes.size() + padding, std::byte{0});
  return bytes;
}

// Ethernet II, 60 bytes: 14-byte header, 34-byte IPv4 packet, 12 bytes of padding.
const auto kEthernetIpv4 = frame("020000000002 020000000001 0800", kUdp4, 12);
// IEEE 802.3 + LLC: a spanning tree configuration BPDU (DSAP = SSAP = 0x42, UI), padded to 60.
// tshark: eth.len=38, llc.dsap=0x42, stp.
const auto kSpanningTree = [] {
  auto bytes =
      hex("0180c2000000 020000000001 0026"  // to the bridge group address; 802.3 length 38
          "42 42 03"                        // LLC: DSAP 0x42, SSAP 0x42, control UI
          "0000 00 00 00"                   // BPDU: protocol 0, version 0, configuration, flags 0
          "8000020000000001 00000000"       // root bridge, root path cost
          "8000020000000001 8001"           // bridge, port
          "0000 1400 0200 0f00");           // message age 0, max age 20 s, hello 2 s, forward delay 15 s
  bytes.resize(60, std::byte{0});
  return bytes;
}();
// IEEE 802.3 + LLC + SNAP (RFC 1042) carrying IPv4, padded to 60. tshark: eth.len=42, llc.type=0x0800, ip.
const auto kSnapIpv4 = frame("020000000002 020000000001 002a  aa aa 03 000000 0800", kUdp4, 4);
// IEEE 802.3 with a type/length field of 129: a length, not a protocol number. LLC with a 2-byte
// I-format control field (NetBIOS, DSAP = SSAP = 0xF0), then 125 bytes. tshark: eth.len=129.
const auto kLength129 = [] {
  auto bytes = hex("020000000002 020000000001 0081  f0 f0 0000");
  bytes.resize(14 + 129, std::byte{0});
  return bytes;
}();
// 802.1Q: VLAN 100, priority 0. tshark: eth.type=0x8100, vlan.id=100.
const auto kVlan = frame("020000000002 020000000001 8100 0064 0800", kUdp4, 8);
// 802.1ad S-tag (priority 5, VLAN 200) then 802.1Q C-tag (VLAN 100), padded to 60.
// tshark: eth.type=0x88a8, ieee8021ad.id=200, vlan.id=100 (the S-tag is not a vlan.id).
const auto kQinQ = frame("020000000002 020000000001 88a8 a0c8 8100 0064 0800", kUdp4, 4);
// 802.1Q tag with priority 7 and the drop eligible bit: TCI 0xf064.
const auto kVlanPriority = frame("020000000002 020000000001 8100 f064 0800", kUdp4, 8);
// Eight and nine stacked 802.1Q tags (VLAN 1). tshark decodes both (vlan.id=1,1,...).
std::vector<std::byte> stacked(int tags) {
  std::string header = "020000000002 020000000001";
  for (int i = 0; i < tags; ++i) header += " 8100 0001";
  return frame(header + " 0800", kUdp4);
}
// Linux cooked capture v1 (LINKTYPE_LINUX_SLL): to us, Ethernet, address 02:00:00:00:00:01, IPv4.
// tshark: sll.pkttype=0, sll.etype=0x0800.
const auto kSll = frame("0000 0001 0006 020000000001 0000 0800", kUdp4);
// SLL, sent by us, IPv6. tshark: sll.pkttype=4, sll.etype=0x86dd.
const auto kSllOutgoing = frame("0004 0001 0006 020000000001 0000 86dd", kUdp6);
// Linux cooked capture v2 (LINKTYPE_LINUX_SLL2): IPv6, interface 2, Ethernet, sent by us.
// tshark: sll.pkttype=4, sll.etype=0x86dd (the same fields as version 1).
const auto kSll2 = frame("86dd 0000 00000002 0001 04 06 020000000001 0000", kUdp6);

TEST(Link, EthernetII) {
  auto link = decode_link(LinkType::ethernet, view(kEthernetIpv4));
  ASSERT_TRUE(link) << link.error().reason;
  EXPECT_EQ(link->protocol, Protocol::ethernet);
  EXPECT_EQ(link->ether_type, ether_type::ipv4);
  const EthernetFrame& ethernet = link->ethernet;
  EXPECT_EQ(ethernet.destination().to_string(), "02:00:00:00:00:02");
  EXPECT_EQ(ethernet.source().to_string(), "02:00:00:00:00:01");
  EXPECT_EQ(ethernet.outer_type(), 0x0800);
  EXPECT_EQ(ethernet.ether_type(), 0x0800);
  EXPECT_FALSE(ethernet.is_ieee802_3());
  EXPECT_EQ(ethernet.length_field(), 0);
  EXPECT_TRUE(ethernet.vlan_tags().empty());
  EXPECT_EQ(ethernet.header_length(), 14u);
  EXPECT_EQ(ethernet.bytes().size(), 60u);
  // Ethernet II says nothing about length: the payload runs to the end, padding included.
  EXPECT_EQ(link->payload.size(), 46u);
  EXPECT_EQ(link->payload.data(), kEthernetIpv4.data() + 14);
  EXPECT_EQ(ethernet.payload().data(), link->payload.data());
}

TEST(Link, EthernetTypeBoundaries) {
  // 0x0600 is the first EtherType; 1500 the largest length; 1501-1535 are neither.
  auto bytes = kEthernetIpv4;
  bytes[12] = std::byte{0x06};
  bytes[13] = std::byte{0x00};
  auto link = decode_link(LinkType::ethernet, view(bytes));
  ASSERT_TRUE(link);
  EXPECT_FALSE(link->ethernet.is_ieee802_3());
  EXPECT_EQ(link->ether_type, 0x0600);
  // tshark on 1501 and 1535: eth.dst and eth.src, no eth.type or eth.len, and the expert
  // message "Invalid length/type: 0x05dd (1501)".
  for (unsigned type = 1501; type <= 1535; ++type) {
    bytes[12] = static_cast<std::byte>(type >> 8);
    bytes[13] = static_cast<std::byte>(type & 0xff);
    link = decode_link(LinkType::ethernet, view(bytes));
    ASSERT_FALSE(link) << type;
    EXPECT_EQ(link.error().kind, ErrorKind::invalid);
    EXPECT_EQ(link.error().protocol, Protocol::ethernet);
    EXPECT_EQ(link.error().offset, 12u);
  }
  bytes[12] = std::byte{0x05};
  bytes[13] = std::byte{0xdc};  // 1500: a length, with LLC 45 00 00... after it
  link = decode_link(LinkType::ethernet, view(bytes));
  ASSERT_TRUE(link) << link.error().reason;
  EXPECT_TRUE(link->ethernet.is_ieee802_3());
  EXPECT_EQ(link->ethernet.length_field(), 1500);
}

TEST(Link, Ieee8023WithLlcSpanningTree) {
  auto link = decode_link(LinkType::ethernet, view(kSpanningTree));
  ASSERT_TRUE(link) << link.error().reason;
  const EthernetFrame& ethernet = link->ethernet;
  EXPECT_TRUE(ethernet.is_ieee802_3());
  EXPECT_EQ(ethernet.length_field(), 38);
  EXPECT_EQ(ethernet.outer_type(), 38);
  EXPECT_TRUE(ethernet.destination().is_multicast());
  const LlcHeader& llc = ethernet.llc();
  EXPECT_EQ(llc.dsap, 0x42);
  EXPECT_EQ(llc.ssap, 0x42);
  EXPECT_EQ(llc.control, 0x03);
  EXPECT_EQ(llc.length, 3);
  EXPECT_FALSE(llc.has_snap);
  EXPECT_EQ(ethernet.ether_type(), 0);  // LLC without SNAP names no EtherType
  EXPECT_EQ(link->ether_type, 0);
  EXPECT_EQ(ethernet.header_length(), 17u);
  // The length field cuts the padding off: 38 - 3 bytes of BPDU.
  EXPECT_EQ(link->payload.size(), 35u);
  EXPECT_EQ(link->payload.data(), kSpanningTree.data() + 17);
}

TEST(Link, Ieee8023WithSnapCarryingIpv4) {
  auto link = decode_link(LinkType::ethernet, view(kSnapIpv4));
  ASSERT_TRUE(link) << link.error().reason;
  const EthernetFrame& ethernet = link->ethernet;
  EXPECT_TRUE(ethernet.is_ieee802_3());
  EXPECT_EQ(ethernet.length_field(), 42);
  const LlcHeader& llc = ethernet.llc();
  EXPECT_EQ(llc.dsap, 0xAA);
  EXPECT_EQ(llc.ssap, 0xAA);
  EXPECT_EQ(llc.control, 0x03);
  EXPECT_TRUE(llc.has_snap);
  EXPECT_EQ(llc.snap_oui, 0u);
  EXPECT_EQ(llc.snap_protocol, 0x0800);
  EXPECT_EQ(llc.length, 8);
  EXPECT_EQ(link->ether_type, ether_type::ipv4);
  EXPECT_EQ(ethernet.header_length(), 22u);
  EXPECT_EQ(link->payload.size(), 34u);  // exactly the IPv4 packet, no padding
  EXPECT_EQ(link->payload.data(), kSnapIpv4.data() + 22);
}

TEST(Link, SnapWithAnOrganizationCodeNamesNoEtherType) {
  auto bytes = kSnapIpv4;
  bytes[19] = std::byte{0x0c};  // OUI 00-00-0C (Cisco): the protocol id is Cisco's, not an EtherType
  auto link = decode_link(LinkType::ethernet, view(bytes));
  ASSERT_TRUE(link);
  EXPECT_TRUE(link->ethernet.llc().has_snap);
  EXPECT_EQ(link->ethernet.llc().snap_oui, 0x00000cu);
  EXPECT_EQ(link->ether_type, 0);
}

TEST(Link, TypeLength129IsAnIeee8023Length) {
  auto link = decode_link(LinkType::ethernet, view(kLength129));
  ASSERT_TRUE(link) << link.error().reason;
  const EthernetFrame& ethernet = link->ethernet;
  EXPECT_TRUE(ethernet.is_ieee802_3());
  EXPECT_EQ(ethernet.length_field(), 129);
  EXPECT_EQ(ethernet.ether_type(), 0);
  EXPECT_EQ(ethernet.llc().dsap, 0xF0);
  EXPECT_EQ(ethernet.llc().control, 0x0000);  // I-format: two control bytes
  EXPECT_EQ(ethernet.llc().length, 4);
  EXPECT_EQ(link->payload.size(), 125u);
}

TEST(Link, Ieee8023LengthsThatLie) {
  // Larger than the frame: the payload ends with the capture.
  auto bytes = kSpanningTree;
  bytes[12] = std::byte{0x05};
  bytes[13] = std::byte{0xdc};  // 1500
  auto link = decode_link(LinkType::ethernet, view(bytes));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->payload.size(), 60u - 17);
  // Too small for the LLC header the bytes hold: invalid.
  for (unsigned length : {0u, 1u, 2u}) {
    bytes[12] = std::byte{0};
    bytes[13] = static_cast<std::byte>(length);
    link = decode_link(LinkType::ethernet, view(bytes));
    ASSERT_FALSE(link) << length;
    EXPECT_EQ(link.error().kind, ErrorKind::invalid);
    EXPECT_EQ(link.error().protocol, Protocol::llc);
  }
  // Exactly the 3-byte LLC header: an empty payload.
  bytes[13] = std::byte{3};
  link = decode_link(LinkType::ethernet, view(bytes));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->payload.size(), 0u);
  // 3 bytes, but the control field is I-format (two bytes).
  auto iformat = kLength129;
  iformat[12] = std::byte{0};
  iformat[13] = std::byte{3};
  EXPECT_EQ(decode_link(LinkType::ethernet, view(iformat)).error().kind, ErrorKind::invalid);
  // SNAP needs 8 bytes.
  auto snap = kSnapIpv4;
  for (unsigned length = 3; length < 8; ++length) {
    snap[13] = static_cast<std::byte>(length);
    auto result = decode_link(LinkType::ethernet, view(snap));
    ASSERT_FALSE(result) << length;
    EXPECT_EQ(result.error().kind, ErrorKind::invalid);
    EXPECT_EQ(result.error().protocol, Protocol::llc);
  }
}

TEST(Link, SingleVlanTag) {
  auto link = decode_link(LinkType::ethernet, view(kVlan));
  ASSERT_TRUE(link) << link.error().reason;
  const EthernetFrame& ethernet = link->ethernet;
  EXPECT_EQ(ethernet.outer_type(), ether_type::vlan);
  ASSERT_EQ(ethernet.vlan_tags().size(), 1u);
  EXPECT_EQ(ethernet.vlan_tags()[0].tpid, 0x8100);
  EXPECT_EQ(ethernet.vlan_tags()[0].id, 100);
  EXPECT_EQ(ethernet.vlan_tags()[0].priority, 0);
  EXPECT_FALSE(ethernet.vlan_tags()[0].drop_eligible);
  EXPECT_EQ(link->ether_type, ether_type::ipv4);
  EXPECT_EQ(ethernet.header_length(), 18u);
  EXPECT_EQ(link->payload.size(), 42u);

  link = decode_link(LinkType::ethernet, view(kVlanPriority));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->ethernet.vlan_tags()[0].priority, 7);
  EXPECT_TRUE(link->ethernet.vlan_tags()[0].drop_eligible);
  EXPECT_EQ(link->ethernet.vlan_tags()[0].id, 100);
}

TEST(Link, ServiceTagThenCustomerTag) {
  auto link = decode_link(LinkType::ethernet, view(kQinQ));
  ASSERT_TRUE(link) << link.error().reason;
  const auto tags = link->ethernet.vlan_tags();
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].tpid, ether_type::qinq);
  EXPECT_EQ(tags[0].priority, 5);
  EXPECT_FALSE(tags[0].drop_eligible);
  EXPECT_EQ(tags[0].id, 200);
  EXPECT_EQ(tags[1].tpid, ether_type::vlan);
  EXPECT_EQ(tags[1].id, 100);
  EXPECT_EQ(link->ethernet.outer_type(), ether_type::qinq);
  EXPECT_EQ(link->ether_type, ether_type::ipv4);
  EXPECT_EQ(link->ethernet.header_length(), 22u);
  // The pre-standard 0x9100 TPID is followed too (tshark: vlan.id=200,100).
  auto legacy = kQinQ;
  legacy[12] = std::byte{0x91};
  legacy[13] = std::byte{0x00};
  link = decode_link(LinkType::ethernet, view(legacy));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->ethernet.vlan_tags()[0].tpid, ether_type::qinq_legacy);
  EXPECT_EQ(link->ethernet.vlan_tags().size(), 2u);
}

TEST(Link, StackedTagsHaveNoLimitButTheFrame) {
  // tshark lists all nine tags and decodes the IPv4 packet inside; so does pktdoc.
  const auto nine = stacked(9);
  auto link = decode_link(LinkType::ethernet, view(nine));
  ASSERT_TRUE(link) << link.error().reason;
  EXPECT_EQ(link->ethernet.vlan_tags().size(), 9u);
  EXPECT_EQ(link->ether_type, ether_type::ipv4);
  EXPECT_EQ(link->ethernet.header_length(), 14u + 9 * 4);
  std::size_t count = 0;
  for (VlanTag tag : link->ethernet.vlan_tags()) {
    EXPECT_EQ(tag.tpid, ether_type::vlan);
    ++count;
  }
  EXPECT_EQ(count, 9u);
  EXPECT_EQ(link->ethernet.vlan_tags()[9].tpid, 0);  // past the last tag: zeros, no read
  // A frame of nothing but tags is truncated inside its last tag, never read past its end.
  std::vector<std::byte> endless(12, std::byte{0x02});
  for (int i = 0; i < 100; ++i)
    for (auto b : hex("8100 0001")) endless.push_back(b);
  auto only_tags = decode_link(LinkType::ethernet, view(endless));
  ASSERT_FALSE(only_tags);
  EXPECT_EQ(only_tags.error().kind, ErrorKind::truncated);
  EXPECT_EQ(only_tags.error().protocol, Protocol::vlan);
  EXPECT_EQ(EthernetFrame(view(endless)).vlan_tags().size(), 100u);
}

TEST(Link, Ieee8023InsideAVlanTag) {
  // tshark: eth.type=0x8100, vlan.id=100, then LLC/SNAP and IPv4.
  const auto bytes = frame("020000000002 020000000001 8100 0064 002a aa aa 03 000000 0800", kUdp4);
  auto link = decode_link(LinkType::ethernet, view(bytes));
  ASSERT_TRUE(link) << link.error().reason;
  EXPECT_EQ(link->ethernet.vlan_tags().size(), 1u);
  EXPECT_TRUE(link->ethernet.is_ieee802_3());
  EXPECT_EQ(link->ethernet.length_field(), 42);
  EXPECT_EQ(link->ethernet.outer_type(), ether_type::vlan);
  EXPECT_EQ(link->ether_type, ether_type::ipv4);
  EXPECT_EQ(link->payload.size(), 34u);
}

// Expects every cut of `bytes` from `from` to `to` - 1 bytes to be truncated for `protocol`
// (test::expect_truncated_at_every_cut covers cuts from 0).
template <class Parse>
void expect_truncated_between(const std::vector<std::byte>& bytes, std::size_t from, std::size_t to, Protocol protocol,
                              Parse parse) {
  for (std::size_t cut = from; cut < to; ++cut) {
    const std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
    auto result = parse(ByteView(prefix.data(), prefix.size()));
    ASSERT_FALSE(result.ok()) << "a " << cut << "-byte prefix decoded";
    EXPECT_EQ(result.error().kind, ErrorKind::truncated) << "cut at " << cut << ": " << result.error().reason;
    EXPECT_EQ(result.error().protocol, protocol) << "cut at " << cut;
    EXPECT_STRNE(result.error().reason, "") << "cut at " << cut;
  }
}

TEST(Link, TruncatedAtEveryCut) {
  const auto ethernet = [](ByteView bytes) { return decode_link(LinkType::ethernet, bytes); };
  for (const auto* bytes : {&kEthernetIpv4, &kSpanningTree, &kSnapIpv4, &kLength129, &kVlan, &kQinQ})
    test::expect_truncated_at_every_cut(*bytes, 14, Protocol::ethernet, ethernet);
  expect_truncated_between(kVlan, 14, 18, Protocol::vlan, ethernet);
  expect_truncated_between(kQinQ, 14, 22, Protocol::vlan, ethernet);
  expect_truncated_between(stacked(8), 14, 14 + 8 * 4, Protocol::vlan, ethernet);
  expect_truncated_between(kSpanningTree, 14, 17, Protocol::llc, ethernet);
  expect_truncated_between(kLength129, 14, 18, Protocol::llc, ethernet);
  expect_truncated_between(kSnapIpv4, 14, 22, Protocol::llc, ethernet);
  // Past the header, a cut frame still decodes: the payload is what was captured of the 34 bytes
  // the 802.3 length declares (then the padding, which is never payload).
  for (std::size_t cut = 22; cut < kSnapIpv4.size(); ++cut) {
    auto link = ethernet(ByteView(kSnapIpv4.data(), cut));
    ASSERT_TRUE(link) << cut;
    EXPECT_EQ(link->payload.size(), std::min<std::size_t>(cut - 22, 34));
  }

  test::expect_truncated_at_every_cut(kSll, LinuxSllHeader::header_length, Protocol::linux_sll,
                                      [](ByteView bytes) { return decode_link(LinkType::linux_sll, bytes); });
  test::expect_truncated_at_every_cut(kSll2, LinuxSll2Header::header_length, Protocol::linux_sll2,
                                      [](ByteView bytes) { return decode_link(LinkType::linux_sll2, bytes); });
  const auto null = frame("02000000", kUdp4);
  for (LinkType type : {LinkType::null, LinkType::loop})
    test::expect_truncated_at_every_cut(null, LoopbackHeader::header_length, Protocol::loopback,
                                        [type](ByteView bytes) { return decode_link(type, bytes); });
  // The header parsers on their own say the same.
  test::expect_truncated_at_every_cut(kEthernetIpv4, 14, Protocol::ethernet, EthernetFrame::parse);
  test::expect_truncated_at_every_cut(kSll, 16, Protocol::linux_sll, LinuxSllHeader::parse);
  test::expect_truncated_at_every_cut(kSll2, 20, Protocol::linux_sll2, LinuxSll2Header::parse);
}

TEST(Link, LinuxCookedCaptureV1) {
  auto link = decode_link(LinkType::linux_sll, view(kSll));
  ASSERT_TRUE(link) << link.error().reason;
  EXPECT_EQ(link->protocol, Protocol::linux_sll);
  const LinuxSllHeader& sll = link->sll;
  EXPECT_EQ(sll.packet_type(), 0);
  EXPECT_EQ(sll.arphrd_type(), 1);
  EXPECT_EQ(sll.address_length(), 6);
  ASSERT_EQ(sll.address().size(), 8u);
  EXPECT_EQ(static_cast<unsigned>(sll.address()[5]), 0x01u);
  EXPECT_EQ(sll.protocol(), 0x0800);
  EXPECT_EQ(link->ether_type, ether_type::ipv4);
  EXPECT_EQ(link->payload.size(), 34u);
  EXPECT_EQ(link->payload.data(), kSll.data() + 16);

  link = decode_link(LinkType::linux_sll, view(kSllOutgoing));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->sll.packet_type(), 4);
  EXPECT_EQ(link->ether_type, ether_type::ipv6);
  EXPECT_EQ(link->payload.size(), 54u);

  // A protocol below 0x0600 is not an EtherType (1 is Novell 802.3, 4 is 802.2 LLC).
  auto llc = kSll;
  llc[14] = std::byte{0x00};
  llc[15] = std::byte{0x04};
  link = decode_link(LinkType::linux_sll, view(llc));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->sll.protocol(), 4);
  EXPECT_EQ(link->ether_type, 0);
  // An unchecked view of a cut header reads 0 past the end.
  const LinuxSllHeader cut(ByteView(kSll.data(), 5));
  EXPECT_EQ(cut.arphrd_type(), 1);
  EXPECT_EQ(cut.address_length(), 0);
  EXPECT_EQ(cut.protocol(), 0);
  EXPECT_TRUE(cut.address().empty());
  EXPECT_TRUE(cut.payload().empty());
  EXPECT_EQ(LinuxSllHeader().packet_type(), 0);
}

TEST(Link, LinuxCookedCaptureV2) {
  auto link = decode_link(LinkType::linux_sll2, view(kSll2));
  ASSERT_TRUE(link) << link.error().reason;
  EXPECT_EQ(link->protocol, Protocol::linux_sll2);
  const LinuxSll2Header& sll2 = link->sll2;
  EXPECT_EQ(sll2.protocol(), 0x86DD);
  EXPECT_EQ(sll2.interface_index(), 2u);
  EXPECT_EQ(sll2.arphrd_type(), 1);
  EXPECT_EQ(sll2.packet_type(), 4);
  EXPECT_EQ(sll2.address_length(), 6);
  ASSERT_EQ(sll2.address().size(), 8u);
  EXPECT_EQ(static_cast<unsigned>(sll2.address()[0]), 0x02u);
  EXPECT_EQ(link->ether_type, ether_type::ipv6);
  EXPECT_EQ(link->payload.size(), 54u);
  EXPECT_EQ(link->payload.data(), kSll2.data() + 20);
  EXPECT_EQ(LinuxSll2Header(ByteView(kSll2.data(), 9)).arphrd_type(), 0);
}

TEST(Link, BsdLoopbackNullBothByteOrders) {
  struct Case {
    std::uint32_t family;
    const char* packet;
    std::uint16_t ether_type;
  };
  // tshark decodes families 2, 24, 28 and 30 (in either byte order) as IPv4 and IPv6. For 10
  // (AF_INET6 on Linux, which never writes LINKTYPE_NULL) it shows null.family=10 and no IPv6.
  for (const Case& c :
       {Case{2, kUdp4, ether_type::ipv4}, Case{10, kUdp6, 0}, Case{24, kUdp6, ether_type::ipv6},
        Case{28, kUdp6, ether_type::ipv6}, Case{30, kUdp6, ether_type::ipv6}, Case{7, kUdp4, 0}}) {
    for (bool little_endian : {true, false}) {
      const std::uint32_t f = c.family;
      const std::vector<std::byte> header =
          little_endian
              ? std::vector<std::byte>{std::byte(f), std::byte(f >> 8), std::byte(f >> 16), std::byte(f >> 24)}
              : std::vector<std::byte>{std::byte(f >> 24), std::byte(f >> 16), std::byte(f >> 8), std::byte(f)};
      auto bytes = header;
      for (auto b : hex(c.packet)) bytes.push_back(b);
      auto link = decode_link(LinkType::null, view(bytes));
      ASSERT_TRUE(link) << c.family;
      EXPECT_EQ(link->protocol, Protocol::loopback);
      EXPECT_EQ(link->loopback.family(), c.family) << (little_endian ? "little" : "big") << "-endian " << c.family;
      EXPECT_EQ(link->ether_type, c.ether_type) << c.family;
      EXPECT_EQ(link->loopback.ether_type(), c.ether_type) << c.family;
      EXPECT_EQ(link->payload.size(), bytes.size() - 4);
      EXPECT_EQ(link->payload.data(), bytes.data() + 4);
    }
  }
  // Windows' AF_INET6 (23) is not in the link type's definition; tshark reads 23 as BSD's AF_IPX.
  const auto windows = frame("17000000", kUdp6);
  EXPECT_EQ(decode_link(LinkType::null, view(windows))->ether_type, 0);
}

TEST(Link, OpenBsdLoop) {
  auto link = decode_link(LinkType::loop, view(frame("00000002", kUdp4)));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->loopback.family(), 2u);
  EXPECT_EQ(link->ether_type, ether_type::ipv4);
  link = decode_link(LinkType::loop, view(frame("00000018", kUdp6)));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->loopback.family(), 24u);
  EXPECT_EQ(link->ether_type, ether_type::ipv6);
  // LOOP is always network byte order: a little-endian 2 is family 0x02000000 (tshark agrees:
  // null.family=33554432, nothing decoded).
  link = decode_link(LinkType::loop, view(frame("02000000", kUdp4)));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->loopback.family(), 0x02000000u);
  EXPECT_EQ(link->ether_type, 0);
}

TEST(Link, RawIpForEveryRawLinkType) {
  const auto ipv4 = hex(kUdp4);
  const auto ipv6 = hex(kUdp6);
  for (LinkType type : {LinkType::raw_dlt12, LinkType::raw_dlt14, LinkType::raw}) {
    auto link = decode_link(type, view(ipv4));
    ASSERT_TRUE(link);
    EXPECT_EQ(link->protocol, Protocol::raw_ip);
    EXPECT_EQ(link->ether_type, ether_type::ipv4);
    EXPECT_EQ(link->payload.data(), ipv4.data());
    EXPECT_EQ(link->payload.size(), ipv4.size());
    link = decode_link(type, view(ipv6));
    ASSERT_TRUE(link);
    EXPECT_EQ(link->ether_type, ether_type::ipv6);
    // Not IP at all, and an empty frame: no EtherType, no error (the network layer decides).
    const auto other = hex("50 00 00 00");
    link = decode_link(type, view(other));
    ASSERT_TRUE(link);
    EXPECT_EQ(link->ether_type, 0);
    link = decode_link(type, ByteView{});
    ASSERT_TRUE(link);
    EXPECT_EQ(link->ether_type, 0);
    EXPECT_TRUE(link->payload.empty());
  }
}

TEST(Link, UnsupportedLinkType) {
  for (std::uint32_t value : {147u, 105u, 127u, 2u, 0xffffffffu}) {
    auto link = decode_link(static_cast<LinkType>(value), view(kEthernetIpv4));
    ASSERT_FALSE(link) << value;
    EXPECT_EQ(link.error().kind, ErrorKind::invalid);
    EXPECT_EQ(link.error().protocol, Protocol::capture);
    EXPECT_STRNE(link.error().reason, "");
  }
}

TEST(Link, EmptyFrames) {
  for (LinkType type :
       {LinkType::ethernet, LinkType::linux_sll, LinkType::linux_sll2, LinkType::null, LinkType::loop}) {
    auto link = decode_link(type, ByteView{});
    ASSERT_FALSE(link);
    EXPECT_EQ(link.error().kind, ErrorKind::truncated);
    EXPECT_EQ(link.error().offset, 0u);
  }
}

}  // namespace
}  // namespace pktdoc
