// The packet builder's link layer and ARP (pktdoc/builder/link_builder.hpp, arp_builder.hpp) and
// its ByteWriter: every link type is built, then decoded with decode_packet(), and each field read
// back; the exact bytes of the examples were checked once with tshark 4.0.17 (see the comments).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "pktdoc/builder/arp_builder.hpp"
#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/link_builder.hpp"
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

constexpr MacAddress kHostMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};
constexpr MacAddress kRouterMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x02}};
constexpr MacAddress kBroadcast{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
const Ipv4Address kHost = *Ipv4Address::parse("192.0.2.1");
const Ipv4Address kRouter = *Ipv4Address::parse("192.0.2.2");

void decode(const build::Bytes& bytes, LinkType link_type, DecodedPacket& out) {
  const Frame frame{.number = 1,
                    .timestamp = {},
                    .original_length = static_cast<std::uint32_t>(bytes.size()),
                    .bytes = build::view(bytes),
                    .link_type = link_type};
  decode_packet(frame, out);
}

// A small IPv4/UDP packet for the link headers to carry: 192.0.2.1:40000 -> 192.0.2.2:40001 "pktdoc".
build::Bytes udp_packet() {
  const build::Ipv4 ip{.source = kHost, .destination = kRouter, .identification = 0x1234};
  return ip.packet(build::Udp{.source_port = 40000, .destination_port = 40001}, as_bytes("pktdoc"));
}

TEST(BuilderByteWriter, WritesBigEndianAndPatchesInPlace) {
  build::ByteWriter out;
  out.write_u8(0x01).write_u16(0x0203).write_u32(0x04050607).write_u32_le(0x0b0a0908).write(std::string_view("AB"));
  out.write_fill(2, 0xee).pad_to_multiple_of(8);
  EXPECT_EQ(out.bytes(), hex("01 0203 04050607 08090a0b 4142 eeee 00"));
  out.set_u8_at(0, 0xff);
  out.set_u16_at(1, 0xaabb);
  out.set_u32_at(3, 0xccddeeff);
  out.set_u32_le_at(7, 0x11223344);
  EXPECT_EQ(out.bytes(), hex("ff aabb ccddeeff 44332211 4142 eeee 00"));
  EXPECT_THROW(out.set_u16_at(15, 0), std::out_of_range);
  EXPECT_THROW(out.set_u32_at(100, 0), std::out_of_range);
  const build::Bytes released = std::move(out).release();
  EXPECT_EQ(released.size(), 16u);
}

TEST(BuilderByteWriter, WrongChecksumNeverVerifiesAndIsNeverZero) {
  EXPECT_EQ(build::wrong_checksum(0x1234), 0x1235);
  EXPECT_EQ(build::wrong_checksum(0x0000), 0x0001);
  EXPECT_EQ(build::wrong_checksum(0xFFFE), 0xFFFF);
  EXPECT_EQ(build::wrong_checksum(0xFFFF), 0x0001);  // 0xFFFF and 0 are the same one's complement number
}

TEST(BuilderLink, EthernetFrameRoundTrips) {
  const build::Link link{.destination = kRouterMac, .source = kHostMac};
  const build::Bytes packet = udp_packet();
  const build::Bytes frame = link.frame(build::view(packet));
  ASSERT_EQ(frame.size(), 14 + packet.size());
  DecodedPacket decoded;
  decode(frame, LinkType::ethernet, decoded);
  ASSERT_EQ(decoded.first_error().kind, ErrorKind::none) << decoded.first_error().reason;
  EXPECT_EQ(decoded.link.protocol, Protocol::ethernet);
  EXPECT_EQ(decoded.link.ethernet.destination(), kRouterMac);
  EXPECT_EQ(decoded.link.ethernet.source(), kHostMac);
  EXPECT_EQ(decoded.link.ether_type, ether_type::ipv4);
  EXPECT_TRUE(decoded.link.ethernet.vlan_tags().empty());
  ASSERT_TRUE(decoded.ip.udp);
  EXPECT_EQ(as_text(decoded.ip.udp->payload()), "pktdoc");
  EXPECT_EQ(decoded.ip.udp->checksum_status(decoded.ip.ipv4->pseudo_header()), ChecksumStatus::good);
  EXPECT_EQ(link.header_length(), 14u);
}

TEST(BuilderLink, EthernetPaddingIsLeftOutByTheDecoders) {
  const build::Link link{.destination = kRouterMac, .source = kHostMac, .minimum_length = 60};
  const build::Bytes packet = udp_packet();  // 34 bytes: the frame is padded with 12 zeros
  const build::Bytes frame = link.frame(build::view(packet));
  ASSERT_EQ(frame.size(), 60u);
  EXPECT_EQ(frame.back(), std::byte{0});
  DecodedPacket decoded;
  decode(frame, LinkType::ethernet, decoded);
  ASSERT_EQ(decoded.first_error().kind, ErrorKind::none);
  EXPECT_EQ(as_text(decoded.ip.udp->payload()), "pktdoc");
  EXPECT_EQ(decoded.ip.udp->checksum_status(decoded.ip.ipv4->pseudo_header()), ChecksumStatus::good);
}

TEST(BuilderLink, VlanTagsRoundTrip) {
  build::Link link{.destination = kRouterMac, .source = kHostMac};
  link.vlan_tags.push_back(VlanTag{.tpid = ether_type::qinq, .priority = 5, .drop_eligible = true, .id = 4000});
  link.vlan_tags.push_back(VlanTag{.priority = 3, .id = 100});  // tpid 0: 802.1Q
  const build::Bytes packet = udp_packet();
  const build::Bytes frame = link.frame(build::view(packet));
  EXPECT_EQ(link.header_length(), 22u);
  DecodedPacket decoded;
  decode(frame, LinkType::ethernet, decoded);
  ASSERT_EQ(decoded.first_error().kind, ErrorKind::none);
  const VlanTags tags = decoded.link.ethernet.vlan_tags();
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].tpid, ether_type::qinq);
  EXPECT_EQ(tags[0].priority, 5);
  EXPECT_TRUE(tags[0].drop_eligible);
  EXPECT_EQ(tags[0].id, 4000);
  EXPECT_EQ(tags[1].tpid, ether_type::vlan);
  EXPECT_EQ(tags[1].priority, 3);
  EXPECT_FALSE(tags[1].drop_eligible);
  EXPECT_EQ(tags[1].id, 100);
  EXPECT_EQ(decoded.link.ether_type, ether_type::ipv4);
  EXPECT_TRUE(decoded.ip.udp);
}

TEST(BuilderLink, CookedHeadersRoundTrip) {
  const build::Bytes packet = udp_packet();
  build::Link sll{.type = LinkType::linux_sll,
                  .destination = kRouterMac,
                  .source = kHostMac,
                  .packet_type = build::sll_packet_type::outgoing};
  const build::Bytes frame = sll.frame(build::view(packet));
  ASSERT_EQ(frame.size(), 16 + packet.size());
  DecodedPacket decoded;
  decode(frame, LinkType::linux_sll, decoded);
  ASSERT_EQ(decoded.first_error().kind, ErrorKind::none);
  EXPECT_EQ(decoded.link.sll.packet_type(), build::sll_packet_type::outgoing);
  EXPECT_EQ(decoded.link.sll.arphrd_type(), 1);
  EXPECT_EQ(decoded.link.sll.address_length(), 6);
  EXPECT_EQ(decoded.link.sll.address().first(6)[5], std::byte{0x01});
  EXPECT_EQ(decoded.link.sll.protocol(), ether_type::ipv4);
  EXPECT_TRUE(decoded.ip.udp);

  // The other direction: the peer's address, and a packet that arrived.
  const build::Link back = sll.reversed();
  EXPECT_EQ(back.packet_type, build::sll_packet_type::host);
  const build::Bytes reply = back.frame(build::view(packet));
  decode(reply, LinkType::linux_sll, decoded);
  EXPECT_EQ(decoded.link.sll.packet_type(), build::sll_packet_type::host);
  EXPECT_EQ(decoded.link.sll.address().first(6)[5], std::byte{0x02});

  build::Link sll2 = sll;
  sll2.type = LinkType::linux_sll2;
  sll2.interface_index = 7;
  const build::Bytes frame2 = sll2.frame(build::view(packet));
  ASSERT_EQ(frame2.size(), 20 + packet.size());
  decode(frame2, LinkType::linux_sll2, decoded);
  ASSERT_EQ(decoded.first_error().kind, ErrorKind::none);
  EXPECT_EQ(decoded.link.sll2.protocol(), ether_type::ipv4);
  EXPECT_EQ(decoded.link.sll2.interface_index(), 7u);
  EXPECT_EQ(decoded.link.sll2.arphrd_type(), 1);
  EXPECT_EQ(decoded.link.sll2.packet_type(), build::sll_packet_type::outgoing);
  EXPECT_EQ(decoded.link.sll2.address_length(), 6);
  EXPECT_TRUE(decoded.ip.udp);
}

TEST(BuilderLink, LoopbackAndRawRoundTrip) {
  const build::Bytes packet = udp_packet();
  const build::Ipv6 ip6{.source = *Ipv6Address::parse("2001:db8::1"),
                        .destination = *Ipv6Address::parse("2001:db8::2")};
  const build::Bytes packet6 = ip6.packet(build::Udp{.source_port = 1, .destination_port = 2});
  for (LinkType type : {LinkType::null, LinkType::loop, LinkType::raw, LinkType::raw_dlt12, LinkType::raw_dlt14}) {
    const build::Link link{.type = type};
    for (const build::Bytes* ip : {&packet, &packet6}) {
      const build::Bytes frame = link.frame(build::view(*ip));
      DecodedPacket decoded;
      decode(frame, type, decoded);
      ASSERT_EQ(decoded.first_error().kind, ErrorKind::none) << static_cast<int>(type);
      EXPECT_EQ(decoded.link.ether_type, ip == &packet ? ether_type::ipv4 : ether_type::ipv6);
      EXPECT_TRUE(decoded.ip.udp);
      EXPECT_EQ(frame.size(), link.header_length() + ip->size());
    }
  }
  // The address families written: AF_INET 2 little-endian for NULL, AF_INET6 30 big-endian for LOOP.
  const build::Bytes null4 = build::Link{.type = LinkType::null}.frame(build::view(packet));
  EXPECT_EQ(build::Bytes(null4.begin(), null4.begin() + 4), hex("02000000"));
  const build::Bytes loop6 = build::Link{.type = LinkType::loop}.frame(build::view(packet6));
  EXPECT_EQ(build::Bytes(loop6.begin(), loop6.begin() + 4), hex("0000001e"));
  const build::Bytes chosen =
      build::Link{.type = LinkType::null, .loopback_family = build::loopback_family::inet6_bsd}.frame(
          build::view(packet6));
  EXPECT_EQ(build::Bytes(chosen.begin(), chosen.begin() + 4), hex("18000000"));
}

TEST(BuilderLink, ExamplesCheckedByTshark) {
  // 192.0.2.1:40000 -> 192.0.2.2:40001 "pktdoc", IPv4 checksum 0xe493, UDP checksum 0xef18.
  const build::Ipv4 ip{.source = kHost, .destination = kRouter, .identification = 0x1234};
  const build::Bytes packet =
      ip.packet(build::Udp{.source_port = 40000, .destination_port = 40001}, as_bytes("pktdoc"));
  const std::string udp4 =
      "4500 0022 1234 0000 4011 e493 c0000201 c0000202"
      "9c40 9c41 000e ef18 706b74646f63";
  // tshark 4.0.17, link type 1: eth:ethertype:vlan:ethertype:ip:udp, vlan.id 100, vlan.priority 3.
  build::Link vlan{.destination = kRouterMac, .source = kHostMac};
  vlan.vlan_tags.push_back(VlanTag{.priority = 3, .id = 100});
  EXPECT_EQ(hex_text(vlan.frame(build::view(packet))),
            hex_text(hex("020000000002 020000000001 8100 6064 0800" + udp4)));
  // Link type 113: sll.pkttype 4 (outgoing), sll.src.eth 02:00:00:00:00:01.
  build::Link sll{.type = LinkType::linux_sll,
                  .destination = kRouterMac,
                  .source = kHostMac,
                  .packet_type = build::sll_packet_type::outgoing};
  EXPECT_EQ(hex_text(sll.frame(build::view(packet))), hex_text(hex("0004 0001 0006 0200000000010000 0800" + udp4)));
  // Link type 276: sll.ifindex 2, sll.pkttype 4.
  build::Link sll2 = sll;
  sll2.type = LinkType::linux_sll2;
  sll2.interface_index = 2;
  EXPECT_EQ(hex_text(sll2.frame(build::view(packet))),
            hex_text(hex("0800 0000 00000002 0001 04 06 0200000000010000" + udp4)));
  // Link type 0: null.family 2 (AF_INET).
  EXPECT_EQ(hex_text(build::Link{.type = LinkType::null}.frame(build::view(packet))), hex_text(hex("02000000" + udp4)));
  // Raw IP: the packet alone.
  EXPECT_EQ(hex_text(build::Link{.type = LinkType::raw}.frame(build::view(packet))), hex_text(hex(udp4)));
}

TEST(BuilderLink, RefusesWhatTheLinkCannotCarry) {
  const build::Bytes arp = build::Arp::request(kHostMac, kHost, kRouter).packet();
  EXPECT_THROW((void)build::Link{.type = LinkType::raw}.frame(build::view(arp), ether_type::arp),
               std::invalid_argument);
  EXPECT_THROW((void)build::Link{.type = LinkType::null}.frame(build::view(arp), ether_type::arp),
               std::invalid_argument);
  EXPECT_THROW((void)build::Link{}.frame(build::view(arp)), std::invalid_argument);  // not IP
  EXPECT_THROW((void)build::Link{.type = static_cast<LinkType>(147)}.frame(build::view(arp), ether_type::arp),
               std::invalid_argument);
  // Cooked headers carry anything with an EtherType.
  EXPECT_NO_THROW((void)build::Link{.type = LinkType::linux_sll}.frame(build::view(arp), ether_type::arp));
}

TEST(BuilderLink, Ieee8023FrameHasALengthField) {
  const build::Link link{
      .destination = MacAddress{{0x01, 0x80, 0xc2, 0, 0, 0}}, .source = kHostMac, .minimum_length = 60};
  const build::Bytes llc = hex("42 42 03 0000 00 00 00");  // spanning tree LLC and the start of a BPDU
  const build::Bytes frame = link.ieee802_3_frame(build::view(llc));
  ASSERT_EQ(frame.size(), 60u);
  auto ethernet = EthernetFrame::parse(build::view(frame));
  ASSERT_TRUE(ethernet) << ethernet.error().reason;
  EXPECT_TRUE(ethernet->is_ieee802_3());
  EXPECT_EQ(ethernet->length_field(), llc.size());
  EXPECT_EQ(ethernet->llc().dsap, 0x42);
  EXPECT_EQ(ethernet->payload().size(), llc.size() - 3);  // cut to the length field: no padding
  const build::Bytes too_long(1501);
  EXPECT_THROW((void)link.ieee802_3_frame(build::view(too_long)), std::length_error);
  EXPECT_THROW((void)build::Link{.type = LinkType::linux_sll}.ieee802_3_frame(build::view(llc)), std::invalid_argument);
}

TEST(BuilderArp, RequestAndReplyRoundTrip) {
  const build::Link to_all{.destination = kBroadcast, .source = kHostMac};
  const build::Bytes request =
      to_all.frame(build::view(build::Arp::request(kHostMac, kHost, kRouter).packet()), ether_type::arp);
  // tshark 4.0.17: "Who has 192.0.2.2? Tell 192.0.2.1", arp.opcode 1, 42 bytes.
  EXPECT_EQ(hex_text(request), hex_text(hex("ffffffffffff 020000000001 0806"
                                            "0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000202")));
  DecodedPacket decoded;
  decode(request, LinkType::ethernet, decoded);
  ASSERT_TRUE(decoded.arp);
  EXPECT_EQ(decoded.arp->operation(), ArpOperation::request);
  EXPECT_TRUE(decoded.arp->is_ethernet_ipv4());
  EXPECT_EQ(*decoded.arp->sender_mac(), kHostMac);
  EXPECT_EQ(*decoded.arp->sender_ip(), kHost);
  EXPECT_EQ(*decoded.arp->target_mac(), MacAddress{});
  EXPECT_EQ(*decoded.arp->target_ip(), kRouter);

  const build::Link back{.destination = kHostMac, .source = kRouterMac, .minimum_length = 60};
  const build::Bytes reply =
      back.frame(build::view(build::Arp::reply(kRouterMac, kRouter, kHostMac, kHost).packet()), ether_type::arp);
  // tshark 4.0.17: "192.0.2.2 is at 02:00:00:00:00:02", 60 bytes with 18 of padding.
  EXPECT_EQ(hex_text(reply), hex_text(hex("020000000001 020000000002 0806"
                                          "0001 0800 06 04 0002 020000000002 c0000202 020000000001 c0000201"
                                          "000000000000000000000000000000000000")));
  decode(reply, LinkType::ethernet, decoded);
  ASSERT_TRUE(decoded.arp);
  EXPECT_EQ(decoded.arp->operation(), ArpOperation::reply);
  EXPECT_EQ(decoded.arp->bytes().size(), ArpPacket::ethernet_ipv4_length);  // padding left out
  EXPECT_EQ(*decoded.arp->sender_mac(), kRouterMac);
  EXPECT_EQ(*decoded.arp->target_ip(), kHost);
}

TEST(BuilderArp, ProbeAnnouncementAndLyingLengths) {
  const build::Bytes probe_bytes = build::Arp::probe(kHostMac, kHost).packet();
  auto probe = ArpPacket::parse(build::view(probe_bytes));
  ASSERT_TRUE(probe);
  EXPECT_TRUE(probe->is_probe());
  const build::Bytes announcement_bytes = build::Arp::announcement(kHostMac, kHost).packet();
  auto announcement = ArpPacket::parse(build::view(announcement_bytes));
  ASSERT_TRUE(announcement);
  EXPECT_TRUE(announcement->is_announcement());
  EXPECT_TRUE(announcement->is_gratuitous());

  build::Arp lying = build::Arp::request(kHostMac, kHost, kRouter);
  lying.hardware_length = 0;
  const build::Bytes zero = lying.packet();
  EXPECT_EQ(ArpPacket::parse(build::view(zero)).error().kind, ErrorKind::invalid);
  lying.hardware_length = 200;  // says 8 + 2 * 204 bytes; 28 are there
  const build::Bytes long_one = lying.packet();
  EXPECT_EQ(ArpPacket::parse(build::view(long_one)).error().kind, ErrorKind::truncated);
}

}  // namespace
}  // namespace pktdoc
