// The packet builder's ICMP and ICMPv6 messages (pktdoc/builder/icmp_builder.hpp,
// icmpv6_builder.hpp): echo, errors built from an offending packet and cut to 576 / 1280 bytes,
// Neighbor Discovery; each is decoded with decode_ip(), its fields, checksum and quoted packet
// read back. The exact bytes of the examples were checked once with tshark 4.0.17.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/builder/icmp_builder.hpp"
#include "pktdoc/builder/icmpv6_builder.hpp"
#include "pktdoc/builder/ip_builder.hpp"
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

const Ipv4Address kHost = *Ipv4Address::parse("192.0.2.1");
const Ipv4Address kRouter = *Ipv4Address::parse("198.51.100.1");
const Ipv6Address kHost6 = *Ipv6Address::parse("2001:db8::1");
const Ipv6Address kRouter6 = *Ipv6Address::parse("2001:db8::ff");
constexpr MacAddress kMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};

TEST(BuilderIcmp, EchoRoundTripsAndMatchesTshark) {
  const build::Ipv4 ip{.source = kHost, .destination = kRouter, .identification = 1};
  const build::Bytes packet = ip.packet(build::Icmp::echo_request(0x1234, 7, as_bytes("ping")));
  // tshark 4.0.17 (raw IP): "Echo (ping) request id=0x1234, seq=7/1792, ttl=64", ICMP checksum
  // 0x06f4 good.
  EXPECT_EQ(hex_text(packet), hex_text(hex("4500 0020 0001 0000 4001 8ea6 c0000201 c6336401"
                                           "08 00 06f4 1234 0007 70696e67")));
  IpLayers layers;
  decode_ip(build::view(packet), layers);
  ASSERT_EQ(layers.error.kind, ErrorKind::none) << layers.error.reason;
  ASSERT_TRUE(layers.icmp);
  EXPECT_EQ(layers.icmp->type(), IcmpType::echo_request);
  EXPECT_EQ(layers.icmp->code(), 0);
  EXPECT_EQ(layers.icmp->identifier(), 0x1234);
  EXPECT_EQ(layers.icmp->sequence_number(), 7);
  EXPECT_EQ(as_text(layers.icmp->payload()), "ping");
  EXPECT_EQ(layers.icmp->checksum_status(layers.transport_length), ChecksumStatus::good);

  const build::Ipv4 back = std::get<build::Ipv4>(build::reversed(ip));
  const build::Bytes reply = back.packet(build::Icmp::echo_reply(0x1234, 7, as_bytes("ping")));
  decode_ip(build::view(reply), layers);
  EXPECT_EQ(layers.icmp->type(), IcmpType::echo_reply);
  EXPECT_EQ(layers.icmp->checksum_status(layers.transport_length), ChecksumStatus::good);
}

TEST(BuilderIcmp, ErrorsQuoteTheOffendingPacketCutTo576Bytes) {
  const build::Ipv4 host{.source = kHost, .destination = kRouter, .identification = 9};
  const std::string big(4000, 'z');
  const build::Bytes offending = host.packet(build::Udp{.source_port = 5000, .destination_port = 53}, as_bytes(big));
  const build::Ipv4 router{.source = kRouter, .destination = kHost};
  const build::Bytes unreachable = router.packet(
      build::Icmp::destination_unreachable(IcmpUnreachableCode::fragmentation_needed, build::view(offending), 1400));
  EXPECT_EQ(unreachable.size(), build::Icmp::max_error_datagram);
  DecodedPacket decoded;
  const Frame frame{.number = 1,
                    .timestamp = {},
                    .original_length = static_cast<std::uint32_t>(unreachable.size()),
                    .bytes = build::view(unreachable),
                    .link_type = LinkType::raw};
  decode_packet(frame, decoded);
  ASSERT_EQ(decoded.first_error().kind, ErrorKind::none) << decoded.first_error().reason;
  ASSERT_TRUE(decoded.ip.icmp);
  EXPECT_EQ(decoded.ip.icmp->type(), IcmpType::destination_unreachable);
  EXPECT_EQ(decoded.ip.icmp->code(), static_cast<std::uint8_t>(IcmpUnreachableCode::fragmentation_needed));
  EXPECT_EQ(decoded.ip.icmp->next_hop_mtu(), 1400);
  EXPECT_EQ(decoded.ip.icmp->checksum_status(decoded.ip.transport_length), ChecksumStatus::good);
  EXPECT_EQ(decoded.ip.icmp->quoted_packet().size(), 548u);
  ASSERT_EQ(decoded.inner_count, 1u);
  EXPECT_EQ(decoded.inner[0].carrier, Carrier::icmp_quote);
  ASSERT_TRUE(decoded.inner[0].ipv4);
  EXPECT_EQ(decoded.inner[0].ipv4->identification(), 9);
  ASSERT_TRUE(decoded.inner[0].udp);
  EXPECT_EQ(decoded.inner[0].udp->destination_port(), 53);

  // A short offending packet is quoted whole; the other error types carry their fields.
  const build::Bytes small = host.packet(build::Udp{.source_port = 1, .destination_port = 2}, as_bytes("x"));
  IpLayers layers;
  const build::Bytes exceeded =
      router.packet(build::Icmp::time_exceeded(IcmpTimeExceededCode::ttl_exceeded_in_transit, build::view(small)));
  decode_ip(build::view(exceeded), layers);
  EXPECT_EQ(layers.icmp->type(), IcmpType::time_exceeded);
  EXPECT_EQ(layers.icmp->quoted_packet().size(), small.size());
  const build::Bytes problem = router.packet(build::Icmp::parameter_problem(8, build::view(small)));
  decode_ip(build::view(problem), layers);
  EXPECT_EQ(layers.icmp->pointer(), 8);
  const build::Bytes redirect =
      router.packet(build::Icmp::redirect(IcmpRedirectCode::host, kRouter, build::view(small)));
  decode_ip(build::view(redirect), layers);
  EXPECT_EQ(layers.icmp->gateway(), kRouter);
  EXPECT_EQ(layers.icmp->checksum_status(layers.transport_length), ChecksumStatus::good);

  build::Icmp corrupt = build::Icmp::echo_request(1, 1);
  corrupt.corrupt_checksum = true;
  const build::Bytes corrupt_packet = router.packet(corrupt);
  decode_ip(build::view(corrupt_packet), layers);
  EXPECT_EQ(layers.icmp->checksum_status(layers.transport_length), ChecksumStatus::bad);
}

TEST(BuilderIcmpv6, EchoRoundTripsAndMatchesTshark) {
  const build::Ipv6 ip{.source = kHost6, .destination = kRouter6};
  const build::Bytes packet = ip.packet(build::Icmpv6::echo_request(0x1234, 7, as_bytes("ping")));
  // tshark 4.0.17 (raw IP): "Echo (ping) request id=0x1234, seq=7, hop limit=64", checksum
  // 0x323b good.
  EXPECT_EQ(hex_text(packet),
            hex_text(hex("6000 0000 000c 3a 40 20010db8000000000000000000000001 20010db80000000000000000000000ff"
                         "80 00 323b 1234 0007 70696e67")));
  IpLayers layers;
  decode_ip(build::view(packet), layers);
  ASSERT_TRUE(layers.icmpv6);
  EXPECT_EQ(layers.icmpv6->type(), Icmpv6Type::echo_request);
  EXPECT_EQ(layers.icmpv6->identifier(), 0x1234);
  EXPECT_EQ(layers.icmpv6->sequence_number(), 7);
  EXPECT_EQ(layers.icmpv6->checksum_status(layers.ipv6->pseudo_header()), ChecksumStatus::good);
}

TEST(BuilderIcmpv6, TimeExceededQuotesTheFirstFragmentCutTo1280Bytes) {
  const build::Ipv6 sender{.source = kHost6, .destination = kRouter6};
  const std::string big(4000, 'f');
  const build::Bytes datagram = sender.packet(build::Udp{.source_port = 5000, .destination_port = 5001}, as_bytes(big));
  const std::vector<build::Bytes> fragments = build::fragment(build::view(datagram), 1500, 0x0badcafe);
  ASSERT_EQ(fragments.size(), 3u);
  const build::Ipv6 receiver{.source = kRouter6, .destination = kHost6};
  const build::Bytes error = receiver.packet(build::Icmpv6::time_exceeded(
      Icmpv6TimeExceededCode::fragment_reassembly_time_exceeded, build::view(fragments[0])));
  EXPECT_EQ(error.size(), build::Icmpv6::max_error_datagram);
  DecodedPacket decoded;
  const Frame frame{.number = 1,
                    .timestamp = {},
                    .original_length = static_cast<std::uint32_t>(error.size()),
                    .bytes = build::view(error),
                    .link_type = LinkType::raw};
  decode_packet(frame, decoded);
  ASSERT_EQ(decoded.first_error().kind, ErrorKind::none) << decoded.first_error().reason;
  ASSERT_TRUE(decoded.ip.icmpv6);
  EXPECT_EQ(decoded.ip.icmpv6->type(), Icmpv6Type::time_exceeded);
  EXPECT_EQ(decoded.ip.icmpv6->code(), 1);
  EXPECT_EQ(decoded.ip.icmpv6->checksum_status(decoded.ip.ipv6->pseudo_header()), ChecksumStatus::good);
  EXPECT_EQ(decoded.ip.icmpv6->quoted_packet().size(), 1232u);
  ASSERT_EQ(decoded.inner_count, 1u);
  ASSERT_TRUE(decoded.inner[0].ipv6);
  ASSERT_TRUE(decoded.inner[0].ipv6->fragment());
  EXPECT_EQ(decoded.inner[0].ipv6->fragment()->identification, 0x0badcafeu);
  EXPECT_TRUE(decoded.inner[0].udp);

  const build::Bytes too_big = receiver.packet(build::Icmpv6::packet_too_big(1280, build::view(datagram)));
  IpLayers layers;
  decode_ip(build::view(too_big), layers);
  EXPECT_EQ(layers.icmpv6->mtu(), 1280u);
  const build::Bytes unreachable = receiver.packet(
      build::Icmpv6::destination_unreachable(Icmpv6UnreachableCode::port_unreachable, build::view(fragments[2])));
  decode_ip(build::view(unreachable), layers);
  EXPECT_EQ(layers.icmpv6->code(), 4);
  const build::Bytes problem = receiver.packet(build::Icmpv6::parameter_problem(
      Icmpv6ParameterProblemCode::unrecognized_next_header, 6, build::view(fragments[2])));
  decode_ip(build::view(problem), layers);
  EXPECT_EQ(layers.icmpv6->pointer(), 6u);
  EXPECT_EQ(layers.icmpv6->checksum_status(layers.ipv6->pseudo_header()), ChecksumStatus::good);
}

TEST(BuilderIcmpv6, NeighborDiscoveryRoundTrips) {
  const Ipv6Address target = *Ipv6Address::parse("fe80::2");
  const build::Ipv6 ip{
      .source = *Ipv6Address::parse("fe80::1"), .destination = *Ipv6Address::parse("ff02::1:ff00:2"), .hop_limit = 255};
  IpLayers layers;
  const build::Bytes solicitation = ip.packet(build::Icmpv6::neighbor_solicitation(target, kMac));
  decode_ip(build::view(solicitation), layers);
  ASSERT_EQ(layers.error.kind, ErrorKind::none) << layers.error.reason;
  EXPECT_EQ(layers.icmpv6->type(), Icmpv6Type::neighbor_solicitation);
  EXPECT_EQ(layers.icmpv6->target_address(), target);
  auto option = layers.icmpv6->find_option(NdOptionType::source_link_layer_address);
  ASSERT_TRUE(option);
  EXPECT_EQ(option->link_layer_address(), kMac);
  EXPECT_EQ(layers.icmpv6->checksum_status(layers.ipv6->pseudo_header()), ChecksumStatus::good);

  const build::Bytes advertisement = ip.packet(build::Icmpv6::neighbor_advertisement(target, true, true, false, kMac));
  decode_ip(build::view(advertisement), layers);
  EXPECT_EQ(layers.icmpv6->type(), Icmpv6Type::neighbor_advertisement);
  EXPECT_TRUE(layers.icmpv6->router_flag());
  EXPECT_TRUE(layers.icmpv6->solicited_flag());
  EXPECT_FALSE(layers.icmpv6->override_flag());
  EXPECT_TRUE(layers.icmpv6->find_option(NdOptionType::target_link_layer_address));

  const build::Bytes bare = ip.packet(build::Icmpv6::neighbor_solicitation(target));
  decode_ip(build::view(bare), layers);
  EXPECT_TRUE(layers.icmpv6->options().empty());

  build::Icmpv6 corrupt = build::Icmpv6::echo_request(1, 1);
  corrupt.corrupt_checksum = true;
  const build::Bytes corrupt_packet = ip.packet(corrupt);
  decode_ip(build::view(corrupt_packet), layers);
  EXPECT_EQ(layers.icmpv6->checksum_status(layers.ipv6->pseudo_header()), ChecksumStatus::bad);
}

}  // namespace
}  // namespace pktdoc
