// ICMPv6 (RFC 4443), Neighbor Discovery (RFC 4861) and MLD (RFC 2710).
//
// Every packet below is a whole IPv6 packet, written field by field, with a correct ICMPv6
// checksum. Each was checked once with tshark 4.0 (written to a LINKTYPE_RAW pcap; `tshark -V`
// reports the checksum good), and the listing strings are what `tshark -T fields` printed for
// them. The ICMPv6 message starts after the 40-byte IPv6 header.
#include "pktdoc/icmpv6.hpp"

#include <algorithm>
#include <string>

#include "pktdoc/detail/field_sink.hpp"
#include "pktdoc/detail/listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

constexpr std::size_t ipv6_header = 40;

ByteView icmp_part(const std::vector<std::byte>& packet) { return view(packet).subspan(ipv6_header); }

std::vector<std::byte> icmp_copy(const std::vector<std::byte>& packet) {
  return std::vector<std::byte>(packet.begin() + ipv6_header, packet.end());
}

// The pseudo-header of a packet: addresses from its IPv6 header, next header 58, and the
// payload length (none of these packets has extension headers).
PseudoHeader pseudo_header(const std::vector<std::byte>& packet) {
  const ByteReader reader(view(packet));
  PseudoHeader pseudo;
  pseudo.is_ipv6 = true;
  pseudo.source6 = Ipv6Address{reader.array_at<16>(8)};
  pseudo.destination6 = Ipv6Address{reader.array_at<16>(24)};
  pseudo.protocol = 58;
  pseudo.length = reader.u16_at(4);
  return pseudo;
}

Ipv6Address address(std::string_view text) { return *Ipv6Address::parse(text); }

std::string listing(std::initializer_list<Icmpv6Message> messages) {
  detail::FieldSink sink;
  for (const Icmpv6Message& message : messages) detail::list_icmpv6(message, sink);
  std::string line;
  sink.write(line);
  return line;
}

// 2001:db8::1 -> 2001:db8::2, echo request, identifier 0x1234, sequence 1, "abcdefgh".
const auto echo_request =
    hex("60000000 0010 3a 40 |"               // IPv6: payload length 16, next header 58, hop limit 64
        "20010db8000000000000000000000001 |"  // source 2001:db8::1
        "20010db8000000000000000000000002 |"  // destination 2001:db8::2
        "80 00 8075 |"                        // type 128, code 0, checksum
        "1234 0001 |"                         // identifier, sequence number
        "6162636465666768");                  // data

// 2001:db8::1 -> ff02::1:ff00:2 (solicited-node multicast), who has 2001:db8::2?
const auto neighbor_solicitation =
    hex("60000000 0020 3a ff |"  // payload length 32, hop limit 255
        "20010db8000000000000000000000001 |"
        "ff0200000000000000000001ff000002 |"
        "87 00 1c27 |"                        // type 135, code 0, checksum
        "00000000 |"                          // reserved
        "20010db8000000000000000000000002 |"  // target address
        "01 01 020000000001");                // source link-layer address option: 02:00:00:00:00:01

// 2001:db8::2 -> 2001:db8::1, solicited and override, 2001:db8::2 is at 02:00:00:00:00:02.
const auto neighbor_advertisement =
    hex("60000000 0020 3a ff |"
        "20010db8000000000000000000000002 |"
        "20010db8000000000000000000000001 |"
        "88 00 8a71 |"                        // type 136, code 0, checksum
        "60 000000 |"                         // flags R=0 S=1 O=1, reserved
        "20010db8000000000000000000000002 |"  // target address
        "02 01 020000000002");                // target link-layer address option

// fe80::1 -> ff02::2 (all routers), router solicitation.
const auto router_solicitation =
    hex("60000000 0010 3a ff |"
        "fe800000000000000000000000000001 |"
        "ff020000000000000000000000000002 |"
        "85 00 7a2c |"          // type 133, code 0, checksum
        "00000000 |"            // reserved
        "01 01 020000000001");  // source link-layer address option

// fe80::1 -> ff02::1 (all nodes), router advertisement with four options.
const auto router_advertisement =
    hex("60000000 0058 3a ff |"  // payload length 88
        "fe800000000000000000000000000001 |"
        "ff020000000000000000000000000001 |"
        "86 00 2a91 |"                        // type 134, code 0, checksum
        "40 c0 0708 |"                        // cur hop limit 64, M and O set, router lifetime 1800 s
        "00007530 |"                          // reachable time 30000 ms
        "000003e8 |"                          // retrans timer 1000 ms
        "01 01 020000000001 |"                // source link-layer address option
        "03 04 40 c0 |"                       // prefix information: length 4 (32 bytes), /64, L and A
        "00278d00 00093a80 00000000 |"        // valid lifetime 30 days, preferred 7 days, reserved
        "20010db8000100000000000000000000 |"  // prefix 2001:db8:1::
        "05 01 0000 000005dc |"               // MTU option: reserved, 1500
        "19 03 0000 00000258 |"               // RDNSS (RFC 8106): length 3, reserved, lifetime 600 s
        "20010db8000000000000000000000053");  // DNS server 2001:db8::53

// fe80::1 -> 2001:db8::1: better first hop fe80::2 for 2001:db8::2, with the redirected packet.
const auto redirect =
    hex("60000000 0070 3a ff |"  // payload length 112
        "fe800000000000000000000000000001 |"
        "20010db8000000000000000000000001 |"
        "89 00 7bc9 |"                        // type 137, code 0, checksum
        "00000000 |"                          // reserved
        "fe800000000000000000000000000002 |"  // target address
        "20010db8000000000000000000000002 |"  // destination address
        "02 01 020000000002 |"                // target link-layer address option
        "04 08 000000000000 |"                // redirected header option: 64 bytes, reserved
        "60000000 0010 3a 40 |"               // the redirected packet: the echo request above
        "20010db8000000000000000000000001 |"
        "20010db8000000000000000000000002 |"
        "80 00 8075 1234 0001 6162636465666768");

// 2001:db8:ffff::1 -> 2001:db8::1, port unreachable, quoting a whole 20-byte UDP datagram.
const auto port_unreachable =
    hex("60000000 0044 3a 40 |"  // payload length 68
        "20010db8ffff00000000000000000001 |"
        "20010db8000000000000000000000001 |"
        "01 04 39b6 |"           // type 1, code 4 (port unreachable), checksum
        "00000000 |"             // unused
        "60000000 0014 11 40 |"  // quoted IPv6: payload length 20, UDP
        "20010db8000000000000000000000001 |"
        "20010db8000000000000000000000002 |"
        "9c40 0035 0014 0000 |"       // quoted UDP: 40000 -> 53, length 20
        "000000000000000000000000");  // quoted UDP data

// 2001:db8:ffff::1 -> 2001:db8::1, packet too big, MTU 1280, quoting 8 bytes of a TCP SYN.
const auto packet_too_big =
    hex("60000000 0038 3a 40 |"  // payload length 56
        "20010db8ffff00000000000000000001 |"
        "20010db8000000000000000000000001 |"
        "02 00 3ab9 |"           // type 2, code 0, checksum
        "00000500 |"             // MTU 1280
        "60000000 0014 06 40 |"  // quoted IPv6: payload length 20, TCP
        "20010db8000000000000000000000001 |"
        "20010db8000000000000000000000002 |"
        "9c40 0050 01020304");  // quoted TCP: 40000 -> 80, sequence number

// 2001:db8:ffff::1 -> 2001:db8::1, hop limit exceeded, quoting the neighbor solicitation above.
const auto time_exceeded =
    hex("60000000 0050 3a 40 |"  // payload length 80
        "20010db8ffff00000000000000000001 |"
        "20010db8000000000000000000000001 |"
        "03 00 063c |"           // type 3, code 0, checksum
        "00000000 |"             // unused
        "60000000 0020 3a ff |"  // quoted IPv6
        "20010db8000000000000000000000001 |"
        "ff0200000000000000000001ff000002 |"
        "87 00 1c27 00000000 |"  // quoted neighbor solicitation
        "20010db8000000000000000000000002 |"
        "01 01 020000000001");

// 2001:db8:ffff::1 -> 2001:db8::1, unrecognized next header, pointer 6 (the Next Header field).
const auto parameter_problem =
    hex("60000000 0038 3a 40 |"
        "20010db8ffff00000000000000000001 |"
        "20010db8000000000000000000000001 |"
        "04 01 36bf |"  // type 4, code 1, checksum
        "00000006 |"    // pointer 6
        "60000000 0014 11 40 |"
        "20010db8000000000000000000000001 |"
        "20010db8000000000000000000000002 |"
        "9c40 0035 0014 0000");

// fe80::1 -> ff02::1, MLDv1 general query, maximum response delay 10000 ms.
const auto mld_query =
    hex("60000000 0018 3a 01 |"  // payload length 24, hop limit 1
        "fe800000000000000000000000000001 |"
        "ff020000000000000000000000000001 |"
        "82 00 5917 |"                        // type 130, code 0, checksum
        "2710 0000 |"                         // maximum response delay, reserved
        "00000000000000000000000000000000");  // multicast address :: (general query)

TEST(Icmpv6Message, EchoRequestFields) {
  auto icmp = Icmpv6Message::parse(icmp_part(echo_request));
  ASSERT_TRUE(icmp.ok()) << icmp.error().reason;
  EXPECT_EQ(icmp->type(), Icmpv6Type::echo_request);
  EXPECT_EQ(icmp->code(), 0);
  EXPECT_EQ(icmp->checksum(), 0x8075);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(echo_request)), ChecksumStatus::good);
  EXPECT_EQ(icmp->identifier(), 0x1234);
  EXPECT_EQ(icmp->sequence_number(), 1);
  EXPECT_EQ(icmp->rest_of_header(), 0x12340001u);
  EXPECT_FALSE(icmp->is_error());
  EXPECT_FALSE(icmp->is_neighbor_discovery());
  EXPECT_EQ(as_text(icmp->payload()), "abcdefgh");
  EXPECT_TRUE(icmp->quoted_packet().empty());
  EXPECT_TRUE(icmp->options().empty());
}

TEST(Icmpv6Message, NeighborSolicitationFields) {
  auto icmp = Icmpv6Message::parse(icmp_part(neighbor_solicitation));
  ASSERT_TRUE(icmp.ok()) << icmp.error().reason;
  EXPECT_EQ(icmp->type(), Icmpv6Type::neighbor_solicitation);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(neighbor_solicitation)), ChecksumStatus::good);
  EXPECT_TRUE(icmp->is_neighbor_discovery());
  EXPECT_EQ(icmp->target_address(), address("2001:db8::2"));
  int count = 0;
  for (NdOption option : icmp->options()) {
    ++count;
    EXPECT_EQ(option.type(), NdOptionType::source_link_layer_address);
    EXPECT_EQ(option.length(), 8u);
    EXPECT_EQ(option.data().size(), 6u);
    ASSERT_TRUE(option.link_layer_address().has_value());
    EXPECT_EQ(option.link_layer_address()->to_string(), "02:00:00:00:00:01");
    EXPECT_FALSE(option.prefix_information().has_value());
    EXPECT_FALSE(option.mtu().has_value());
    EXPECT_TRUE(option.redirected_packet().empty());
  }
  EXPECT_EQ(count, 1);
  EXPECT_FALSE(icmp->find_option(NdOptionType::target_link_layer_address).has_value());
}

TEST(Icmpv6Message, NeighborAdvertisementFlags) {
  auto icmp = Icmpv6Message::parse(icmp_part(neighbor_advertisement));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), Icmpv6Type::neighbor_advertisement);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(neighbor_advertisement)), ChecksumStatus::good);
  EXPECT_FALSE(icmp->router_flag());
  EXPECT_TRUE(icmp->solicited_flag());
  EXPECT_TRUE(icmp->override_flag());
  EXPECT_EQ(icmp->target_address(), address("2001:db8::2"));
  auto option = icmp->find_option(NdOptionType::target_link_layer_address);
  ASSERT_TRUE(option.has_value());
  EXPECT_EQ(option->link_layer_address()->to_string(), "02:00:00:00:00:02");
}

TEST(Icmpv6Message, RouterSolicitation) {
  auto icmp = Icmpv6Message::parse(icmp_part(router_solicitation));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), Icmpv6Type::router_solicitation);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(router_solicitation)), ChecksumStatus::good);
  auto option = icmp->find_option(NdOptionType::source_link_layer_address);
  ASSERT_TRUE(option.has_value());
  EXPECT_EQ(option->link_layer_address()->to_string(), "02:00:00:00:00:01");
}

TEST(Icmpv6Message, RouterAdvertisementFieldsAndOptions) {
  auto icmp = Icmpv6Message::parse(icmp_part(router_advertisement));
  ASSERT_TRUE(icmp.ok()) << icmp.error().reason;
  EXPECT_EQ(icmp->type(), Icmpv6Type::router_advertisement);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(router_advertisement)), ChecksumStatus::good);
  EXPECT_EQ(icmp->cur_hop_limit(), 64);
  EXPECT_TRUE(icmp->managed_flag());
  EXPECT_TRUE(icmp->other_flag());
  EXPECT_EQ(icmp->router_lifetime(), 1800);
  EXPECT_EQ(icmp->reachable_time(), 30000u);
  EXPECT_EQ(icmp->retrans_timer(), 1000u);

  std::vector<NdOptionType> types;
  for (NdOption option : icmp->options()) types.push_back(option.type());
  EXPECT_EQ(types, (std::vector<NdOptionType>{NdOptionType::source_link_layer_address, NdOptionType::prefix_information,
                                              NdOptionType::mtu, NdOptionType::recursive_dns_server}));

  auto prefix_option = icmp->find_option(NdOptionType::prefix_information);
  ASSERT_TRUE(prefix_option.has_value());
  EXPECT_EQ(prefix_option->length(), 32u);
  auto prefix = prefix_option->prefix_information();
  ASSERT_TRUE(prefix.has_value());
  EXPECT_EQ(prefix->prefix_length, 64);
  EXPECT_TRUE(prefix->on_link);
  EXPECT_TRUE(prefix->autonomous);
  EXPECT_EQ(prefix->valid_lifetime, 2592000u);
  EXPECT_EQ(prefix->preferred_lifetime, 604800u);
  EXPECT_EQ(prefix->prefix, address("2001:db8:1::"));
  EXPECT_FALSE(prefix_option->link_layer_address().has_value());

  auto mtu = icmp->find_option(NdOptionType::mtu);
  ASSERT_TRUE(mtu.has_value());
  EXPECT_EQ(mtu->mtu(), 1500u);

  // RDNSS stays raw: reserved, lifetime, then the addresses.
  auto rdnss = icmp->find_option(NdOptionType::recursive_dns_server);
  ASSERT_TRUE(rdnss.has_value());
  EXPECT_EQ(rdnss->length(), 24u);
  const ByteReader data(rdnss->data());
  EXPECT_EQ(data.size(), 22u);
  EXPECT_EQ(data.u32_at(2), 600u);
  EXPECT_EQ(Ipv6Address{data.array_at<16>(6)}, address("2001:db8::53"));
  EXPECT_FALSE(rdnss->mtu().has_value());
}

TEST(Icmpv6Message, RedirectAddressesAndRedirectedHeader) {
  auto icmp = Icmpv6Message::parse(icmp_part(redirect));
  ASSERT_TRUE(icmp.ok()) << icmp.error().reason;
  EXPECT_EQ(icmp->type(), Icmpv6Type::redirect);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(redirect)), ChecksumStatus::good);
  EXPECT_EQ(icmp->target_address(), address("fe80::2"));
  EXPECT_EQ(icmp->destination_address(), address("2001:db8::2"));
  EXPECT_FALSE(icmp->is_error());
  EXPECT_TRUE(icmp->quoted_packet().empty());
  auto tll = icmp->find_option(NdOptionType::target_link_layer_address);
  ASSERT_TRUE(tll.has_value());
  EXPECT_EQ(tll->link_layer_address()->to_string(), "02:00:00:00:00:02");
  const ByteView redirected = icmp->redirected_header();
  ASSERT_EQ(redirected.size(), 56u);
  EXPECT_TRUE(std::equal(redirected.begin(), redirected.end(), echo_request.begin(), echo_request.end()));
  // The redirected echo request is whole, so its own checksum can be verified.
  auto inner = Icmpv6Message::parse(redirected.subspan(ipv6_header));
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(inner->checksum_status(pseudo_header(echo_request)), ChecksumStatus::good);
}

TEST(Icmpv6Message, PortUnreachableQuotesTheDatagram) {
  auto icmp = Icmpv6Message::parse(icmp_part(port_unreachable));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), Icmpv6Type::destination_unreachable);
  EXPECT_EQ(static_cast<Icmpv6UnreachableCode>(icmp->code()), Icmpv6UnreachableCode::port_unreachable);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(port_unreachable)), ChecksumStatus::good);
  EXPECT_TRUE(icmp->is_error());
  EXPECT_EQ(icmp->original_datagram_length(), 0);
  const ByteView quote = icmp->quoted_packet();
  ASSERT_EQ(quote.size(), 60u);
  EXPECT_EQ(quote.data(), icmp_part(port_unreachable).data() + 8);
  EXPECT_EQ(ByteReader(quote).u8_at(6), 17);  // quoted next header: UDP
  EXPECT_TRUE(icmp->extensions().empty());
  EXPECT_TRUE(icmp->options().empty());
}

TEST(Icmpv6Message, PacketTooBigMtu) {
  auto icmp = Icmpv6Message::parse(icmp_part(packet_too_big));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), Icmpv6Type::packet_too_big);
  EXPECT_EQ(icmp->mtu(), 1280u);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(packet_too_big)), ChecksumStatus::good);
  EXPECT_EQ(icmp->quoted_packet().size(), 48u);
  EXPECT_EQ(icmp->original_datagram_length(), 0);  // byte 4 is part of the MTU
}

TEST(Icmpv6Message, TimeExceededQuotesANeighborSolicitation) {
  auto icmp = Icmpv6Message::parse(icmp_part(time_exceeded));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(static_cast<Icmpv6TimeExceededCode>(icmp->code()), Icmpv6TimeExceededCode::hop_limit_exceeded_in_transit);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(time_exceeded)), ChecksumStatus::good);
  auto inner = Icmpv6Message::parse(icmp->quoted_packet().subspan(ipv6_header));
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(inner->type(), Icmpv6Type::neighbor_solicitation);
  EXPECT_EQ(inner->target_address(), address("2001:db8::2"));
}

TEST(Icmpv6Message, ParameterProblemPointer) {
  auto icmp = Icmpv6Message::parse(icmp_part(parameter_problem));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(static_cast<Icmpv6ParameterProblemCode>(icmp->code()),
            Icmpv6ParameterProblemCode::unrecognized_next_header);
  EXPECT_EQ(icmp->pointer(), 6u);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(parameter_problem)), ChecksumStatus::good);
  EXPECT_EQ(icmp->original_datagram_length(), 0);  // parameter problem has no RFC 4884 length
  EXPECT_EQ(icmp->quoted_packet().size(), 48u);
}

TEST(Icmpv6Message, MulticastListenerQuery) {
  auto icmp = Icmpv6Message::parse(icmp_part(mld_query));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), Icmpv6Type::multicast_listener_query);
  EXPECT_EQ(icmp->checksum_status(pseudo_header(mld_query)), ChecksumStatus::good);
  EXPECT_EQ(icmp->maximum_response_delay(), 10000);
  EXPECT_EQ(icmp->multicast_address(), Ipv6Address{});
  EXPECT_FALSE(icmp->is_neighbor_discovery());
}

TEST(Icmpv6Message, Rfc4884Length) {
  // Time exceeded quoting 72 bytes. A length of 6 words (48 bytes) is below the 128 octets RFC
  // 4884 section 4.1 requires: ignored. Built in place: only the quote split is checked.
  auto bytes = icmp_copy(time_exceeded);
  bytes[4] = std::byte{6};
  const Icmpv6Message icmp(view(bytes));
  EXPECT_EQ(icmp.original_datagram_length(), 6);
  EXPECT_EQ(icmp.quoted_packet().size(), 72u);
  EXPECT_TRUE(icmp.extensions().empty());
  bytes[4] = std::byte{200};  // longer than the message
  EXPECT_EQ(icmp.quoted_packet().size(), 72u);
  EXPECT_TRUE(icmp.extensions().empty());
  // 16 words (128 bytes) of original datagram, then 16 bytes of extension.
  std::vector<std::byte> longer = bytes;
  longer.resize(8 + 128 + 16);
  longer[4] = std::byte{16};
  const Icmpv6Message with_extensions(view(longer));
  EXPECT_EQ(with_extensions.quoted_packet().size(), 128u);
  EXPECT_EQ(with_extensions.extensions().size(), 16u);
}

TEST(Icmpv6Message, ErrorTypes) {
  for (int type = 0; type < 256; ++type) {
    std::vector<std::byte> message(9, std::byte{0x60});  // 8-byte header and one quoted byte
    message[0] = std::byte(type);
    const Icmpv6Message icmp(view(message));
    EXPECT_EQ(icmp.is_error(), type < 128) << type;
    EXPECT_EQ(icmp.is_neighbor_discovery(), type >= 133 && type <= 137) << type;
    EXPECT_EQ(icmp.quoted_packet().empty(), type < 1 || type > 4) << type;
  }
}

TEST(Icmpv6Message, FixedLengths) {
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::destination_unreachable), 8u);
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::echo_reply), 8u);
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::router_solicitation), 8u);
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::router_advertisement), 16u);
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::neighbor_solicitation), 24u);
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::neighbor_advertisement), 24u);
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::redirect), 40u);
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::multicast_listener_done), 24u);
  EXPECT_EQ(Icmpv6Message::fixed_length(Icmpv6Type::version2_multicast_listener_report), 8u);
  EXPECT_EQ(Icmpv6Message::fixed_length(static_cast<Icmpv6Type>(200)), 4u);
}

TEST(Icmpv6Message, TruncatedAtEveryCut) {
  auto parse = [](ByteView bytes) { return Icmpv6Message::parse(bytes); };
  test::expect_truncated_at_every_cut(icmp_copy(echo_request), 8, Protocol::icmpv6, parse);
  test::expect_truncated_at_every_cut(icmp_copy(port_unreachable), 8, Protocol::icmpv6, parse);
  test::expect_truncated_at_every_cut(icmp_copy(mld_query), 24, Protocol::icmpv6, parse);
  // Neighbor Discovery: every cut inside the fixed part, then inside the options. A cut that
  // falls between two options leaves a shorter message that is well-formed: without the
  // declared length, nothing tells it from a message with fewer options.
  struct Nd {
    const std::vector<std::byte>* packet;
    std::size_t fixed;
    std::vector<std::size_t> boundaries;  // where an option ends
  };
  const Nd nd[] = {{&router_solicitation, 8, {16}},
                   {&router_advertisement, 16, {24, 56, 64, 88}},
                   {&neighbor_solicitation, 24, {32}},
                   {&neighbor_advertisement, 24, {32}},
                   {&redirect, 40, {48, 112}}};
  for (const Nd& message : nd) {
    const auto bytes = icmp_copy(*message.packet);
    test::expect_truncated_at_every_cut(bytes, message.fixed, Protocol::icmpv6, parse);
    for (std::size_t cut = message.fixed; cut <= bytes.size(); ++cut) {
      const std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
      auto result = parse(view(prefix));
      const bool boundary = cut == message.fixed || std::find(message.boundaries.begin(), message.boundaries.end(),
                                                              cut) != message.boundaries.end();
      EXPECT_EQ(result.ok(), boundary) << "cut at " << cut;
      if (!boundary) {
        EXPECT_EQ(result.error().kind, ErrorKind::truncated) << "cut at " << cut;
      }
    }
  }
  // An unknown type needs only type, code and checksum.
  const auto unknown = hex("c8 00 1234 abcd");
  test::expect_truncated_at_every_cut(unknown, 4, Protocol::icmpv6, parse);
  EXPECT_TRUE(parse(view(unknown).first(4)).ok());
}

TEST(Icmpv6Message, NdOptionOfLengthZeroIsInvalid) {
  auto bytes = icmp_copy(neighbor_solicitation);
  bytes[25] = std::byte{0};  // the source link-layer address option's length
  auto result = Icmpv6Message::parse(view(bytes));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::invalid);
  EXPECT_EQ(result.error().protocol, Protocol::icmpv6);
  EXPECT_EQ(result.error().offset, 24u);
  // The unchecked view stops before it instead of looping on it.
  EXPECT_TRUE(Icmpv6Message(view(bytes)).options().empty());

  // A zero-length option after a good one in a router advertisement.
  auto ra = icmp_copy(router_advertisement);
  ra[16 + 8 + 1] = std::byte{0};  // the prefix information option's length
  auto bad = Icmpv6Message::parse(view(ra));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::invalid);
  EXPECT_EQ(bad.error().offset, 24u);
  int count = 0;
  for (NdOption option : Icmpv6Message(view(ra)).options()) {
    EXPECT_EQ(option.type(), NdOptionType::source_link_layer_address);
    ++count;
  }
  EXPECT_EQ(count, 1);
}

TEST(Icmpv6Message, NdOptionLengthsThatLie) {
  // The source link-layer address option claims 3 units (24 bytes); 8 are there.
  auto bytes = icmp_copy(neighbor_solicitation);
  bytes[25] = std::byte{3};
  auto prefix = Icmpv6Message::parse(view(bytes));
  ASSERT_FALSE(prefix.ok());
  EXPECT_EQ(prefix.error().kind, ErrorKind::truncated);  // maybe the capture ended
  auto complete = Icmpv6Message::parse(view(bytes), bytes.size());
  ASSERT_FALSE(complete.ok());
  EXPECT_EQ(complete.error().kind, ErrorKind::invalid);  // every declared byte is there
  EXPECT_TRUE(Icmpv6Message(view(bytes)).options().empty());
  // The largest length, 255 units.
  bytes[25] = std::byte{255};
  EXPECT_EQ(Icmpv6Message::parse(view(bytes)).error().kind, ErrorKind::truncated);
  EXPECT_TRUE(Icmpv6Message(view(bytes)).options().empty());
  // A link-layer address option of length 2 (16 bytes, not Ethernet) is well-formed but not a MAC.
  auto longer = icmp_copy(neighbor_solicitation);
  longer[25] = std::byte{2};
  longer.resize(longer.size() + 8);
  auto other_link = Icmpv6Message::parse(view(longer));
  ASSERT_TRUE(other_link.ok());
  auto option = other_link->find_option(NdOptionType::source_link_layer_address);
  ASSERT_TRUE(option.has_value());
  EXPECT_EQ(option->data().size(), 14u);
  EXPECT_FALSE(option->link_layer_address().has_value());
  // One trailing byte after the options: a type without a length.
  auto trailing = icmp_copy(neighbor_solicitation);
  trailing.push_back(std::byte{1});
  EXPECT_EQ(Icmpv6Message::parse(view(trailing)).error().kind, ErrorKind::truncated);
  EXPECT_EQ(Icmpv6Message::parse(view(trailing), trailing.size()).error().kind, ErrorKind::invalid);
}

TEST(Icmpv6Message, ManyOptionsAreWalkedInBoundedSteps) {
  // A router advertisement with 1000 MTU options: each is 8 bytes, and each is visited once.
  std::vector<std::byte> bytes = icmp_copy(router_advertisement);
  bytes.resize(16);
  for (int i = 0; i < 1000; ++i) {
    const auto mtu = hex("05 01 0000 000005dc");
    bytes.insert(bytes.end(), mtu.begin(), mtu.end());
  }
  auto icmp = Icmpv6Message::parse(view(bytes));
  ASSERT_TRUE(icmp.ok());
  std::size_t count = 0;
  for (NdOption option : icmp->options()) count += option.mtu() == 1500u ? 1 : 0;
  EXPECT_EQ(count, 1000u);
}

TEST(Icmpv6Message, DeclaredLengthThatLies) {
  const auto bytes = icmp_copy(neighbor_solicitation);  // 32 bytes
  // The IPv6 header says 20 bytes, all of them captured: too short for a solicitation.
  auto shorter = Icmpv6Message::parse(view(bytes), 20);
  ASSERT_FALSE(shorter.ok());
  EXPECT_EQ(shorter.error().kind, ErrorKind::invalid);
  // It says 24: the solicitation without its option, which is valid.
  auto without_option = Icmpv6Message::parse(view(bytes), 24);
  ASSERT_TRUE(without_option.ok());
  EXPECT_EQ(without_option->bytes().size(), 24u);
  EXPECT_TRUE(without_option->options().empty());
  // It says 40: the capture ended 8 bytes early, but every option that is there is whole.
  auto longer = Icmpv6Message::parse(view(bytes), 40);
  ASSERT_TRUE(longer.ok());
  // It says 0 or 3.
  EXPECT_EQ(Icmpv6Message::parse(view(bytes), 0).error().kind, ErrorKind::invalid);
  EXPECT_EQ(Icmpv6Message::parse(view(bytes), 3).error().kind, ErrorKind::invalid);

  // The checksum with lengths that lie.
  const Icmpv6Message icmp(view(bytes));
  PseudoHeader pseudo = pseudo_header(neighbor_solicitation);
  EXPECT_EQ(icmp.checksum_status(pseudo), ChecksumStatus::good);
  pseudo.length = 40;
  EXPECT_EQ(icmp.checksum_status(pseudo), ChecksumStatus::unverified);
  pseudo.length = 24;
  EXPECT_EQ(icmp.checksum_status(pseudo), ChecksumStatus::bad);
  pseudo.length = 0;
  EXPECT_EQ(icmp.checksum_status(pseudo), ChecksumStatus::bad);
}

TEST(Icmpv6Message, BadChecksum) {
  auto bytes = icmp_copy(echo_request);
  bytes[8] = std::byte{'A'};
  EXPECT_EQ(Icmpv6Message(view(bytes)).checksum_status(pseudo_header(echo_request)), ChecksumStatus::bad);
  // The right bytes with the wrong addresses.
  PseudoHeader other = pseudo_header(echo_request);
  other.destination6 = address("2001:db8::3");
  EXPECT_EQ(Icmpv6Message(icmp_part(echo_request)).checksum_status(other), ChecksumStatus::bad);
}

TEST(Icmpv6Message, UncheckedViewOfAPrefixReturnsZeros) {
  const Icmpv6Message icmp(icmp_part(router_advertisement).first(10));
  EXPECT_EQ(icmp.type(), Icmpv6Type::router_advertisement);
  EXPECT_EQ(icmp.router_lifetime(), 1800);
  EXPECT_EQ(icmp.reachable_time(), 0u);  // bytes 8-11: only two are there
  EXPECT_TRUE(icmp.options().empty());
  const Icmpv6Message empty;
  EXPECT_EQ(empty.checksum(), 0);
  EXPECT_FALSE(empty.is_error());
  EXPECT_FALSE(empty.is_neighbor_discovery());
  EXPECT_TRUE(empty.quoted_packet().empty());
  EXPECT_TRUE(empty.redirected_header().empty());
  EXPECT_EQ(empty.target_address(), Ipv6Address{});
  const NdOption no_option;
  EXPECT_EQ(no_option.length(), 0u);
  EXPECT_FALSE(no_option.link_layer_address().has_value());
}

TEST(Icmpv6Message, ArbitraryBytesNeverReadOutOfBounds) {
  // Deterministic pseudo-random messages of every length up to 96 bytes, with the types that
  // have special cases forced in, and small option lengths so that options are walked.
  std::uint32_t state = 54321;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<std::uint8_t>(state >> 16);
  };
  const std::uint8_t types[] = {1, 2, 3, 4, 128, 130, 133, 134, 135, 136, 137, 143, 255};
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::byte> bytes(static_cast<std::size_t>(round % 97));
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = std::byte{next()};
    for (std::size_t i = 17; i < bytes.size(); i += 8) bytes[i] = std::byte{static_cast<std::uint8_t>(next() % 4)};
    if (!bytes.empty()) bytes[0] = std::byte{types[static_cast<std::size_t>(round) % std::size(types)]};
    const ByteView all(bytes.data(), bytes.size());
    PseudoHeader pseudo;
    pseudo.is_ipv6 = true;
    pseudo.protocol = 58;
    pseudo.length = static_cast<std::uint32_t>(bytes.size());
    for (const Icmpv6Message& icmp : {Icmpv6Message(all), Icmpv6Message::parse(all).value()}) {
      (void)icmp.checksum_status(pseudo);
      (void)icmp.destination_address();
      (void)icmp.retrans_timer();
      std::size_t options = 0;
      for (NdOption option : icmp.options()) {
        ++options;
        EXPECT_GE(option.length(), 8u);
        EXPECT_EQ(option.bytes().size(), option.length());
        (void)option.link_layer_address();
        (void)option.prefix_information();
        (void)option.mtu();
        (void)option.redirected_packet();
      }
      EXPECT_LE(options, bytes.size() / 8);
      EXPECT_LE(icmp.quoted_packet().size() + icmp.extensions().size(), bytes.size());
      EXPECT_LE(icmp.redirected_header().size(), bytes.size());
      (void)listing({icmp});
    }
    (void)Icmpv6Message::parse(all, next());
  }
}

// The listing, compared with `tshark -n -T fields -E occurrence=a -E aggregator=,` on the
// same packets.
TEST(Icmpv6Listing, MatchesTshark) {
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(echo_request))}),
            "\ticmpv6.type=128\ticmpv6.code=0\ticmpv6.checksum=0x8075");
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(neighbor_solicitation))}),
            "\ticmpv6.type=135\ticmpv6.code=0\ticmpv6.checksum=0x1c27\ticmpv6.nd.ns.target_address=2001:db8::2");
  // A Neighbor Advertisement's target is icmpv6.nd.na.target_address, not in the listing.
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(neighbor_advertisement))}),
            "\ticmpv6.type=136\ticmpv6.code=0\ticmpv6.checksum=0x8a71");
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(router_solicitation))}),
            "\ticmpv6.type=133\ticmpv6.code=0\ticmpv6.checksum=0x7a2c");
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(router_advertisement))}),
            "\ticmpv6.type=134\ticmpv6.code=0\ticmpv6.checksum=0x2a91");
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(port_unreachable))}),
            "\ticmpv6.type=1\ticmpv6.code=4\ticmpv6.checksum=0x39b6");
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(packet_too_big))}),
            "\ticmpv6.type=2\ticmpv6.code=0\ticmpv6.checksum=0x3ab9");
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(parameter_problem))}),
            "\ticmpv6.type=4\ticmpv6.code=1\ticmpv6.checksum=0x36bf");
  EXPECT_EQ(listing({Icmpv6Message(icmp_part(mld_query))}), "\ticmpv6.type=130\ticmpv6.code=0\ticmpv6.checksum=0x5917");
}

TEST(Icmpv6Listing, QuotedAndRedirectedMessagesFollowTheOuterOne) {
  const Icmpv6Message error(icmp_part(time_exceeded));
  EXPECT_EQ(listing({error, Icmpv6Message(error.quoted_packet().subspan(ipv6_header))}),
            "\ticmpv6.type=3,135\ticmpv6.code=0,0\ticmpv6.checksum=0x063c,0x1c27"
            "\ticmpv6.nd.ns.target_address=2001:db8::2");
  const Icmpv6Message redirected(icmp_part(redirect));
  EXPECT_EQ(listing({redirected, Icmpv6Message(redirected.redirected_header().subspan(ipv6_header))}),
            "\ticmpv6.type=137,128\ticmpv6.code=0,0\ticmpv6.checksum=0x7bc9,0x8075");
}

TEST(Icmpv6Listing, FieldsAppearAsTheirBytesDo) {
  // tshark on the solicitation cut at every length: type from 1 byte, code from 2, checksum
  // from 4, the target from 24.
  const ByteView ns = icmp_part(neighbor_solicitation);
  const std::string type = "\ticmpv6.type=135", code = "\ticmpv6.code=0", checksum = "\ticmpv6.checksum=0x1c27",
                    target = "\ticmpv6.nd.ns.target_address=2001:db8::2";
  for (std::size_t cut = 0; cut <= ns.size(); ++cut) {
    std::string expected;
    if (cut >= 1) expected += type;
    if (cut >= 2) expected += code;
    if (cut >= 4) expected += checksum;
    if (cut >= 24) expected += target;
    EXPECT_EQ(listing({Icmpv6Message(ns.first(cut))}), expected) << cut;
  }
}

}  // namespace
}  // namespace pktdoc
