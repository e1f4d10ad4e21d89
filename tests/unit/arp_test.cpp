// ARP (RFC 826): Ethernet/IPv4 requests and replies, RFC 5227 probes and announcements, RARP
// (RFC 903), Inverse ARP (RFC 2390), other address sizes, ATMARP lengths, truncation, lengths
// that lie, and the Wireshark listing.
//
// Every packet below was checked once with tshark 4.0, framed in Ethernet
// (ff:ff:ff:ff:ff:ff <- 02:00:00:00:00:01, EtherType 0x0806, or 0x8035 for RARP): tshark decodes
// each as the comment above it says, and the listing strings are what
// `tshark -n -T fields -E occurrence=a -E aggregator=, -e arp.hw.type ...` printed for the same
// bytes (cut, for the truncated cases, with the frame length kept or cut as each test says).
#include "pktdoc/arp.hpp"

#include <string>

#include "pktdoc/detail/listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// tshark: "Who has 192.0.2.2? Tell 192.0.2.1"
const auto kRequest =
    hex("0001 0800 06 04 0001"   // hardware Ethernet, protocol IPv4, lengths 6 and 4, request
        "020000000001 c0000201"  // sender 02:00:00:00:00:01 192.0.2.1
        "000000000000 c0000202"  // target unknown, 192.0.2.2
    );
// tshark: "192.0.2.2 is at 02:00:00:00:00:02"
const auto kReply =
    hex("0001 0800 06 04 0002"
        "020000000002 c0000202"
        "020000000001 c0000201");
// tshark: "Who has 192.0.2.7? (ARP Probe)"
const auto kProbe =
    hex("0001 0800 06 04 0001"
        "020000000003 00000000"  // sender IP 0.0.0.0 (RFC 5227 section 2.1.1)
        "000000000000 c0000207");
// tshark: "ARP Announcement for 192.0.2.7"
const auto kAnnouncement =
    hex("0001 0800 06 04 0001"
        "020000000003 c0000207"
        "000000000000 c0000207");
// tshark: "Gratuitous ARP for 192.0.2.7 (Reply)"
const auto kGratuitousReply =
    hex("0001 0800 06 04 0002"
        "020000000003 c0000207"
        "ffffffffffff c0000207");
// EtherType 0x8035. tshark: "RARP ... Who is 02:00:00:00:00:04? Tell 02:00:00:00:00:04"
const auto kRarpRequest =
    hex("0001 0800 06 04 0003"
        "020000000004 00000000"  // RFC 903: the protocol addresses are undefined in a request
        "020000000004 00000000");
// EtherType 0x8035. tshark: "02:00:00:00:00:04 is at 192.0.2.9"
const auto kRarpReply =
    hex("0001 0800 06 04 0004"
        "020000000005 c0000201"
        "020000000004 c0000209");
// tshark: "Inverse ARP ... Who is 1861? Tell 1841"
const auto kInverseRequest =
    hex("000f 0800 02 04 0008"  // Frame Relay: the hardware address is a 2-byte Q.922 address (RFC 2390)
        "1841 c6336401"
        "1861 00000000");
// tshark: "Who has 203.0.113.2? Tell 203.0.113.1" with "Hardware type: IEEE 802 (6)"
const auto kIeee802Request =
    hex("0006 0800 06 04 0001"
        "020000000006 cb007101"
        "000000000000 cb007102");
// tshark: "198.51.100.1 is at 00000448fe80...0001": IP over InfiniBand (RFC 4391), a 20-byte
// hardware address (queue pair number, then the port GID)
const auto kInfinibandReply =
    hex("0020 0800 14 04 0002"
        "00000448 fe800000000000000202c9fffe000001 c6336401"
        "00000449 fe800000000000000202c9fffe000002 c6336402");
// Not a protocol anyone runs, but legal ARP: 16-byte protocol addresses of type 0x86DD.
// tshark: "Who has 20010db8000000000000000000000002? Tell 20010db8000000000000000000000001"
const auto kIpv6Addresses =
    hex("0001 86dd 06 10 0001"
        "020000000001 20010db8000000000000000000000001"
        "000000000000 20010db8000000000000000000000002");
// ATMARP (RFC 2225), its own layout. tshark: "ATMARP ... Who has 192.0.2.2? Tell 192.0.2.1"
const auto kAtmarpRequest =
    hex("0013 0800"    // hardware 19, protocol IPv4
        "14 00 0001"   // sender ATM number NSAP 20 bytes, no subaddress; request
        "04 00 00 04"  // sender protocol 4; target number and subaddress null; target protocol 4
        "47000580ffe1000000f21a0001 020000000001 00"  // sender ATM number (NSAP, ICD format)
        "c0000201"                                    // sender protocol address
        "c0000202");                                  // target protocol address
// tshark: "DRARP Error"; the target protocol address holds the error code (2, no address)
const auto kDrarpError =
    hex("0001 0800 06 04 0007"
        "020000000001 c0000201"
        "020000000002 02000000");
// AX.25 (hardware type 3, protocol 0xCC, 7-byte call signs). tshark: "Who has 192.0.2.2? Tell 192.0.2.1"
const auto kAx25Request =
    hex("0003 00cc 07 04 0001"
        "a6a8ae8c9040e0 c0000201"
        "00000000000000 c0000202");

std::string text(ByteView bytes) {
  std::string out;
  for (std::byte b : bytes) {
    out += "0123456789abcdef"[static_cast<unsigned>(b) >> 4];
    out += "0123456789abcdef"[static_cast<unsigned>(b) & 0xf];
  }
  return out;
}

ArpPacket parsed(const std::vector<std::byte>& bytes) {
  auto arp = ArpPacket::parse(view(bytes));
  EXPECT_TRUE(arp.ok()) << arp.error().reason;
  return arp.ok() ? *arp : ArpPacket();
}

TEST(Arp, EthernetIpv4Request) {
  const ArpPacket arp = parsed(kRequest);
  EXPECT_EQ(arp.hardware_type(), ArpHardwareType::ethernet);
  EXPECT_EQ(arp.protocol_type(), 0x0800);
  EXPECT_EQ(arp.hardware_length(), 6);
  EXPECT_EQ(arp.protocol_length(), 4);
  EXPECT_EQ(arp.operation(), ArpOperation::request);
  EXPECT_EQ(arp.length(), ArpPacket::ethernet_ipv4_length);
  EXPECT_EQ(arp.bytes().size(), 28u);
  EXPECT_EQ(text(arp.sender_hardware_address()), "020000000001");
  EXPECT_EQ(text(arp.sender_protocol_address()), "c0000201");
  EXPECT_EQ(text(arp.target_hardware_address()), "000000000000");
  EXPECT_EQ(text(arp.target_protocol_address()), "c0000202");
  EXPECT_TRUE(arp.has_mac_addresses());
  EXPECT_TRUE(arp.has_ipv4_addresses());
  EXPECT_TRUE(arp.is_ethernet_ipv4());
  EXPECT_FALSE(arp.is_atmarp());
  ASSERT_TRUE(arp.sender_mac());
  EXPECT_EQ(arp.sender_mac()->to_string(), "02:00:00:00:00:01");
  ASSERT_TRUE(arp.target_mac());
  EXPECT_EQ(arp.target_mac()->to_string(), "00:00:00:00:00:00");
  ASSERT_TRUE(arp.sender_ip());
  EXPECT_EQ(arp.sender_ip()->to_string(), "192.0.2.1");
  ASSERT_TRUE(arp.target_ip());
  EXPECT_EQ(*arp.target_ip(), Ipv4Address::from_uint(0xC0000202));
  EXPECT_FALSE(arp.is_gratuitous());
  EXPECT_FALSE(arp.is_probe());
  EXPECT_FALSE(arp.is_announcement());
}

TEST(Arp, EthernetIpv4Reply) {
  const ArpPacket arp = parsed(kReply);
  EXPECT_EQ(arp.operation(), ArpOperation::reply);
  EXPECT_EQ(arp.sender_mac()->to_string(), "02:00:00:00:00:02");
  EXPECT_EQ(arp.sender_ip()->to_string(), "192.0.2.2");
  EXPECT_EQ(arp.target_mac()->to_string(), "02:00:00:00:00:01");
  EXPECT_EQ(arp.target_ip()->to_string(), "192.0.2.1");
  EXPECT_FALSE(arp.is_gratuitous());
  EXPECT_FALSE(arp.is_probe());
}

TEST(Arp, Rfc5227ProbeAnnouncementAndGratuitousReply) {
  const ArpPacket probe = parsed(kProbe);
  EXPECT_TRUE(probe.is_probe());
  EXPECT_FALSE(probe.is_announcement());
  EXPECT_FALSE(probe.is_gratuitous());
  EXPECT_EQ(probe.sender_ip()->to_uint(), 0u);

  const ArpPacket announcement = parsed(kAnnouncement);
  EXPECT_TRUE(announcement.is_announcement());
  EXPECT_TRUE(announcement.is_gratuitous());
  EXPECT_FALSE(announcement.is_probe());

  const ArpPacket reply = parsed(kGratuitousReply);
  EXPECT_TRUE(reply.is_gratuitous());
  EXPECT_FALSE(reply.is_announcement());  // announcements are requests
  EXPECT_FALSE(reply.is_probe());
  EXPECT_TRUE(reply.target_mac()->is_broadcast());
}

TEST(Arp, ReverseArp) {
  const ArpPacket request = parsed(kRarpRequest);
  EXPECT_EQ(request.operation(), ArpOperation::reverse_request);
  EXPECT_EQ(arp_operation_name(request.operation()), "reverse request");
  // Both protocol addresses are 0.0.0.0, but a RARP request announces nothing.
  EXPECT_FALSE(request.is_gratuitous());
  EXPECT_FALSE(request.is_probe());
  EXPECT_EQ(request.target_mac(), request.sender_mac());

  const ArpPacket reply = parsed(kRarpReply);
  EXPECT_EQ(reply.operation(), ArpOperation::reverse_reply);
  EXPECT_EQ(reply.target_ip()->to_string(), "192.0.2.9");
  EXPECT_EQ(reply.target_mac()->to_string(), "02:00:00:00:00:04");
}

TEST(Arp, InverseArpOverFrameRelayHasRawHardwareAddresses) {
  const ArpPacket arp = parsed(kInverseRequest);
  EXPECT_EQ(arp.hardware_type(), ArpHardwareType::frame_relay);
  EXPECT_EQ(arp.operation(), ArpOperation::inverse_request);
  EXPECT_EQ(arp.length(), 20u);
  EXPECT_EQ(text(arp.sender_hardware_address()), "1841");
  EXPECT_EQ(text(arp.target_hardware_address()), "1861");
  EXPECT_FALSE(arp.has_mac_addresses());
  EXPECT_FALSE(arp.is_ethernet_ipv4());
  EXPECT_FALSE(arp.sender_mac());
  EXPECT_FALSE(arp.target_mac());
  // The protocol addresses are IPv4 whatever the hardware.
  EXPECT_TRUE(arp.has_ipv4_addresses());
  EXPECT_EQ(arp.sender_ip()->to_string(), "198.51.100.1");
  EXPECT_EQ(arp.target_ip()->to_string(), "0.0.0.0");
}

TEST(Arp, Ieee802HardwareHasMacAddresses) {
  const ArpPacket arp = parsed(kIeee802Request);
  EXPECT_EQ(arp.hardware_type(), ArpHardwareType::ieee802);
  EXPECT_TRUE(arp.is_ethernet_ipv4());
  EXPECT_EQ(arp.sender_mac()->to_string(), "02:00:00:00:00:06");
  EXPECT_EQ(arp.target_ip()->to_string(), "203.0.113.2");
}

TEST(Arp, ExperimentalEthernetWithSixBytesIsNotMac) {
  auto bytes = kRequest;
  bytes[1] = std::byte{2};  // hardware type 2: Wireshark shows its addresses as bytes, and so do we
  const ArpPacket arp = parsed(bytes);
  EXPECT_EQ(arp.hardware_type(), ArpHardwareType::experimental_ethernet);
  EXPECT_FALSE(arp.has_mac_addresses());
  EXPECT_FALSE(arp.sender_mac());
  EXPECT_EQ(arp.sender_ip()->to_string(), "192.0.2.1");
}

TEST(Arp, InfinibandTwentyByteHardwareAddresses) {
  const ArpPacket arp = parsed(kInfinibandReply);
  EXPECT_EQ(arp.hardware_type(), ArpHardwareType::infiniband);
  EXPECT_EQ(arp.hardware_length(), 20);
  EXPECT_EQ(arp.length(), 56u);
  EXPECT_EQ(text(arp.sender_hardware_address()), "00000448fe800000000000000202c9fffe000001");
  EXPECT_EQ(text(arp.target_hardware_address()), "00000449fe800000000000000202c9fffe000002");
  EXPECT_EQ(arp.sender_ip()->to_string(), "198.51.100.1");
  EXPECT_EQ(arp.target_ip()->to_string(), "198.51.100.2");
  EXPECT_FALSE(arp.sender_mac());
}

TEST(Arp, SixteenByteProtocolAddressesAreRaw) {
  const ArpPacket arp = parsed(kIpv6Addresses);
  EXPECT_EQ(arp.protocol_type(), 0x86DD);
  EXPECT_EQ(arp.length(), 52u);
  EXPECT_EQ(text(arp.sender_protocol_address()), "20010db8000000000000000000000001");
  EXPECT_EQ(text(arp.target_protocol_address()), "20010db8000000000000000000000002");
  EXPECT_FALSE(arp.has_ipv4_addresses());
  EXPECT_FALSE(arp.sender_ip());
  EXPECT_FALSE(arp.target_ip());
  EXPECT_TRUE(arp.sender_mac());
  EXPECT_FALSE(arp.is_gratuitous());
}

TEST(Arp, IpProtocolTypeWithWrongLengthIsNotIpv4) {
  // Protocol type 0x0800 but 6-byte protocol addresses (tshark shows them as bytes).
  const auto bytes = hex("0001 0800 06 06 0001 020000000001 c00002010000 000000000000 c00002020000");
  const ArpPacket arp = parsed(bytes);
  EXPECT_FALSE(arp.has_ipv4_addresses());
  EXPECT_FALSE(arp.sender_ip());
  EXPECT_EQ(text(arp.sender_protocol_address()), "c00002010000");
}

TEST(Arp, DrarpError) {
  const ArpPacket arp = parsed(kDrarpError);
  EXPECT_EQ(arp.operation(), ArpOperation::drarp_error);
  EXPECT_EQ(text(arp.target_protocol_address()), "02000000");
}

TEST(Arp, Ax25HasSevenByteHardwareAddresses) {
  const ArpPacket arp = parsed(kAx25Request);
  EXPECT_EQ(arp.hardware_type(), ArpHardwareType::ax25);
  EXPECT_EQ(arp.protocol_type(), 0x00CC);
  EXPECT_EQ(arp.length(), 30u);
  EXPECT_EQ(text(arp.sender_hardware_address()), "a6a8ae8c9040e0");
  EXPECT_FALSE(arp.has_ipv4_addresses());  // typed IPv4 only for protocol type 0x0800
  EXPECT_EQ(text(arp.sender_protocol_address()), "c0000201");
}

TEST(Arp, EthernetPaddingIsLeftOut) {
  // A 60-byte Ethernet frame carries 46 bytes: the 28-byte packet and 18 bytes of padding.
  auto padded = kRequest;
  padded.resize(46, std::byte{0});
  const ArpPacket arp = parsed(padded);
  EXPECT_EQ(arp.bytes().size(), 28u);
  EXPECT_EQ(arp.bytes().data(), padded.data());
  EXPECT_EQ(arp.target_ip()->to_string(), "192.0.2.2");
}

TEST(Arp, TruncatedAtEveryCut) {
  const auto parse = [](ByteView bytes) { return ArpPacket::parse(bytes); };
  for (const auto* packet : {&kRequest, &kReply, &kRarpRequest, &kInverseRequest, &kInfinibandReply, &kIpv6Addresses,
                             &kAtmarpRequest, &kAx25Request}) {
    SCOPED_TRACE(text(view(*packet)));
    test::expect_truncated_at_every_cut(*packet, packet->size(), Protocol::arp, parse);
  }
}

TEST(Arp, TruncationReasonsAndOffsets) {
  const auto header = ArpPacket::parse(ByteView(kRequest.data(), 7));
  ASSERT_FALSE(header);
  EXPECT_STREQ(header.error().reason, "packet shorter than the 8-byte fixed header");
  EXPECT_EQ(header.error().offset, 7u);
  const auto addresses = ArpPacket::parse(ByteView(kRequest.data(), 27));
  ASSERT_FALSE(addresses);
  EXPECT_EQ(addresses.error().kind, ErrorKind::truncated);
  EXPECT_STREQ(addresses.error().reason, "capture ends inside the addresses");
  EXPECT_EQ(addresses.error().offset, 27u);
  const auto atm = ArpPacket::parse(ByteView(kAtmarpRequest.data(), 11));
  ASSERT_FALSE(atm);
  EXPECT_STREQ(atm.error().reason, "ATMARP packet shorter than its 12-byte fixed header");
}

TEST(Arp, LengthsThatLie) {
  // Too large: 8 + 2 * (255 + 4) = 526 bytes declared in a 46-byte Ethernet payload.
  auto bytes = kRequest;
  bytes.resize(46, std::byte{0});
  bytes[4] = std::byte{255};
  auto result = ArpPacket::parse(view(bytes));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::truncated);
  EXPECT_EQ(result.error().protocol, Protocol::arp);
  EXPECT_EQ(ArpPacket(view(bytes)).length(), 526u);
  // The largest possible declaration: 8 + 2 * (255 + 255) = 1028 bytes.
  bytes[5] = std::byte{255};
  EXPECT_EQ(ArpPacket(view(bytes)).length(), 1028u);
  EXPECT_EQ(ArpPacket::parse(view(bytes)).error().kind, ErrorKind::truncated);

  // Too small: hardware length 2 instead of 6 makes a 20-byte packet of the first 20 bytes.
  bytes = kRequest;
  bytes[4] = std::byte{2};
  auto small = ArpPacket::parse(view(bytes));
  ASSERT_TRUE(small);
  EXPECT_EQ(small->bytes().size(), 20u);
  EXPECT_FALSE(small->sender_mac());
  EXPECT_EQ(text(small->sender_hardware_address()), "0200");
  EXPECT_EQ(text(small->sender_protocol_address()), "00000001");
  EXPECT_EQ(small->sender_ip()->to_string(), "0.0.0.1");

  // Zero: nothing to resolve, invalid (not truncated: more bytes would not help).
  bytes = kRequest;
  bytes[4] = std::byte{0};
  result = ArpPacket::parse(view(bytes));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::invalid);
  EXPECT_EQ(result.error().protocol, Protocol::arp);
  EXPECT_EQ(result.error().offset, 4u);
  EXPECT_STREQ(result.error().reason, "hardware address length is 0");
  bytes = kRequest;
  bytes[5] = std::byte{0};
  result = ArpPacket::parse(view(bytes));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::invalid);
  EXPECT_EQ(result.error().offset, 5u);
  EXPECT_STREQ(result.error().reason, "protocol address length is 0");
  // Both zero, in a bare 8-byte header: still invalid, and never truncated.
  const auto bare = hex("0001 0800 00 00 0001");
  EXPECT_EQ(ArpPacket::parse(view(bare)).error().kind, ErrorKind::invalid);
}

TEST(Arp, Atmarp) {
  const ArpPacket arp = parsed(kAtmarpRequest);
  EXPECT_TRUE(arp.is_atmarp());
  EXPECT_EQ(arp.hardware_type(), ArpHardwareType::atm_rfc2225);
  EXPECT_EQ(arp.protocol_type(), 0x0800);
  EXPECT_EQ(arp.operation(), ArpOperation::request);
  EXPECT_EQ(arp.length(), 40u);  // 12 + 20 + 0 + 4 + 0 + 0 + 4
  EXPECT_TRUE(arp.sender_hardware_address().empty());
  EXPECT_TRUE(arp.sender_protocol_address().empty());
  EXPECT_TRUE(arp.target_hardware_address().empty());
  EXPECT_TRUE(arp.target_protocol_address().empty());
  EXPECT_FALSE(arp.has_ipv4_addresses());
  EXPECT_FALSE(arp.sender_ip());
  EXPECT_FALSE(arp.is_gratuitous());
  // The E.164 bit (0x40) is not part of a length; null numbers (length 0) are legal.
  const auto e164 = hex("0013 0800 45 00 0001 00 00 00 00 3132333435");
  auto parsed_e164 = ArpPacket::parse(view(e164));
  ASSERT_TRUE(parsed_e164) << parsed_e164.error().reason;
  EXPECT_EQ(parsed_e164->length(), 17u);
  // Lengths that lie are truncated, as for ARP.
  const auto lying = hex("0013 0800 3f 3f 0001 ff 3f 3f ff 00000000");
  EXPECT_EQ(ArpPacket(view(lying)).length(), 12u + 63 + 63 + 255 + 63 + 63 + 255);
  EXPECT_EQ(ArpPacket::parse(view(lying)).error().kind, ErrorKind::truncated);
}

TEST(Arp, UncheckedConstructorOnAPrefix) {
  const ArpPacket empty;
  EXPECT_EQ(empty.bytes().size(), 0u);
  EXPECT_EQ(static_cast<std::uint16_t>(empty.hardware_type()), 0);
  EXPECT_EQ(empty.protocol_type(), 0);
  EXPECT_EQ(static_cast<std::uint16_t>(empty.operation()), 0);
  EXPECT_EQ(empty.length(), 0u);
  EXPECT_TRUE(empty.sender_hardware_address().empty());
  EXPECT_FALSE(empty.sender_mac());
  EXPECT_FALSE(empty.is_gratuitous());

  for (std::size_t cut = 0; cut <= kRequest.size(); ++cut) {
    const std::vector<std::byte> prefix(kRequest.begin(), kRequest.begin() + static_cast<std::ptrdiff_t>(cut));
    const ArpPacket arp(view(prefix));
    EXPECT_EQ(arp.length(), cut < 8 ? 0u : 28u);
    EXPECT_EQ(arp.sender_mac().has_value(), cut >= 14) << cut;
    EXPECT_EQ(arp.sender_ip().has_value(), cut >= 18) << cut;
    EXPECT_EQ(arp.target_mac().has_value(), cut >= 24) << cut;
    EXPECT_EQ(arp.target_ip().has_value(), cut >= 28) << cut;
    EXPECT_EQ(arp.operation(), cut >= 8 ? ArpOperation::request : ArpOperation::reserved);
    EXPECT_FALSE(arp.is_gratuitous());
  }
  const ArpPacket cut_probe(ByteView(kProbe.data(), 27));
  EXPECT_FALSE(cut_probe.is_probe());  // the target IP address was not captured
}

TEST(Arp, Names) {
  EXPECT_EQ(arp_hardware_type_name(ArpHardwareType::ethernet), "Ethernet");
  EXPECT_EQ(arp_hardware_type_name(ArpHardwareType::ieee802), "IEEE 802");
  EXPECT_EQ(arp_hardware_type_name(ArpHardwareType::infiniband), "InfiniBand");
  EXPECT_EQ(arp_hardware_type_name(ArpHardwareType::atm_rfc2225), "ATM (RFC 2225)");
  EXPECT_EQ(arp_hardware_type_name(ArpHardwareType::hw_exp2), "Experimental 2");
  EXPECT_EQ(arp_hardware_type_name(ArpHardwareType::reserved_65535), "Reserved");
  EXPECT_EQ(arp_hardware_type_name(static_cast<ArpHardwareType>(1000)), "unknown");
  EXPECT_EQ(arp_operation_name(ArpOperation::request), "request");
  EXPECT_EQ(arp_operation_name(ArpOperation::reply), "reply");
  EXPECT_EQ(arp_operation_name(ArpOperation::inverse_reply), "inverse reply");
  EXPECT_EQ(arp_operation_name(ArpOperation::op_exp2), "experimental 2");
  EXPECT_EQ(arp_operation_name(static_cast<ArpOperation>(26)), "unknown");
  // Every value from 0 to 65535 has a name and none crashes.
  for (unsigned value = 0; value <= 0xffff; ++value) {
    EXPECT_FALSE(arp_hardware_type_name(static_cast<ArpHardwareType>(value)).empty());
    EXPECT_FALSE(arp_operation_name(static_cast<ArpOperation>(value)).empty());
  }
}

// The listing of `bytes` cut to `captured` bytes, from a frame that had `reported` bytes of ARP
// on the wire.
std::string listing(const std::vector<std::byte>& bytes, std::size_t captured, std::size_t reported) {
  const std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(captured));
  detail::FieldSink sink;
  detail::list_arp(ArpPacket(view(prefix)), reported, sink);
  std::string line;
  sink.write(line);
  return line;
}

std::string listing(const std::vector<std::byte>& bytes) {
  auto arp = ArpPacket::parse(view(bytes));
  detail::FieldSink sink;
  detail::list_arp(arp ? *arp : ArpPacket(view(bytes)), bytes.size(), sink);
  std::string line;
  sink.write(line);
  return line;
}

TEST(ArpListing, WholePackets) {
  EXPECT_EQ(listing(kRequest),
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=1\tarp.src.hw_mac=02:00:00:00:00:01"
            "\tarp.src.proto_ipv4=192.0.2.1\tarp.dst.hw_mac=00:00:00:00:00:00\tarp.dst.proto_ipv4=192.0.2.2");
  EXPECT_EQ(listing(kReply),
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=2\tarp.src.hw_mac=02:00:00:00:00:02"
            "\tarp.src.proto_ipv4=192.0.2.2\tarp.dst.hw_mac=02:00:00:00:00:01\tarp.dst.proto_ipv4=192.0.2.1");
  EXPECT_EQ(listing(kProbe),
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=1\tarp.src.hw_mac=02:00:00:00:00:03"
            "\tarp.src.proto_ipv4=0.0.0.0\tarp.dst.hw_mac=00:00:00:00:00:00\tarp.dst.proto_ipv4=192.0.2.7");
  EXPECT_EQ(listing(kRarpRequest),
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=3\tarp.src.hw_mac=02:00:00:00:00:04"
            "\tarp.src.proto_ipv4=0.0.0.0\tarp.dst.hw_mac=02:00:00:00:00:04\tarp.dst.proto_ipv4=0.0.0.0");
  EXPECT_EQ(listing(kIeee802Request),
            "\tarp.hw.type=6\tarp.proto.type=0x0800\tarp.opcode=1\tarp.src.hw_mac=02:00:00:00:00:06"
            "\tarp.src.proto_ipv4=203.0.113.1\tarp.dst.hw_mac=00:00:00:00:00:00\tarp.dst.proto_ipv4=203.0.113.2");
}

TEST(ArpListing, OtherAddressSizesListOnlyMacAndIpv4) {
  // Wireshark lists other addresses as arp.src.hw / arp.src.proto, which the listing does not have.
  EXPECT_EQ(listing(kInverseRequest),
            "\tarp.hw.type=15\tarp.proto.type=0x0800\tarp.opcode=8\tarp.src.proto_ipv4=198.51.100.1"
            "\tarp.dst.proto_ipv4=0.0.0.0");
  EXPECT_EQ(listing(kInfinibandReply),
            "\tarp.hw.type=32\tarp.proto.type=0x0800\tarp.opcode=2\tarp.src.proto_ipv4=198.51.100.1"
            "\tarp.dst.proto_ipv4=198.51.100.2");
  EXPECT_EQ(listing(kIpv6Addresses),
            "\tarp.hw.type=1\tarp.proto.type=0x86dd\tarp.opcode=1\tarp.src.hw_mac=02:00:00:00:00:01"
            "\tarp.dst.hw_mac=00:00:00:00:00:00");
  // A DRARP error has an error code where the target protocol address would be.
  EXPECT_EQ(listing(kDrarpError),
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=7\tarp.src.hw_mac=02:00:00:00:00:01"
            "\tarp.src.proto_ipv4=192.0.2.1\tarp.dst.hw_mac=02:00:00:00:00:02");
  // ATMARP and AX.25 ARP have dissectors of their own; both take protocol type 0xCC as IPv4 too.
  EXPECT_EQ(listing(kAtmarpRequest),
            "\tarp.hw.type=19\tarp.proto.type=0x0800\tarp.opcode=1\tarp.src.proto_ipv4=192.0.2.1"
            "\tarp.dst.proto_ipv4=192.0.2.2");
  EXPECT_EQ(listing(kAx25Request),
            "\tarp.hw.type=3\tarp.proto.type=0x00cc\tarp.opcode=1\tarp.src.proto_ipv4=192.0.2.1"
            "\tarp.dst.proto_ipv4=192.0.2.2");
  // An empty hardware address (parse() calls the packet invalid; tshark lists it).
  EXPECT_EQ(listing(hex("0001 0800 00 04 0001 c0000201 c0000202")),
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=1\tarp.src.proto_ipv4=192.0.2.1"
            "\tarp.dst.proto_ipv4=192.0.2.2");
}

TEST(ArpListing, CutBySnapLength) {
  // The frame on the wire held the whole packet (28 bytes); the capture kept `cut` of them.
  // tshark lists the fixed fields it could read, and for a request no address at all until every
  // byte is there (it compares ar$spa with ar$tpa before listing the addresses).
  const std::string hw = "\tarp.hw.type=1", pro = "\tarp.proto.type=0x0800", op = "\tarp.opcode=1";
  for (std::size_t cut = 0; cut < 28; ++cut) {
    std::string expected;
    if (cut >= 2) expected += hw;
    if (cut >= 4) expected += pro;
    if (cut >= 8) expected += op;
    EXPECT_EQ(listing(kRequest, cut, 28), expected) << "cut at " << cut;
  }
  // A RARP request reads only ar$tha and ar$sha first, so the addresses before the cut are listed.
  EXPECT_EQ(listing(kRarpRequest, 26, 28),
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=3\tarp.src.hw_mac=02:00:00:00:00:04"
            "\tarp.src.proto_ipv4=0.0.0.0\tarp.dst.hw_mac=02:00:00:00:00:04");
  EXPECT_EQ(listing(kRarpRequest, 19, 28), "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=3");
  // A DRARP error needs only the first byte of ar$tpa (its error code).
  EXPECT_EQ(listing(kDrarpError, 25, 28),
            "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=7\tarp.src.hw_mac=02:00:00:00:00:01"
            "\tarp.src.proto_ipv4=192.0.2.1\tarp.dst.hw_mac=02:00:00:00:00:02");
  // Empty protocol addresses are never read: a request lists what was captured; a reply needs
  // ar$sha for its Info column.
  const auto no_protocol_request = hex("0001 86dd 06 00 0001 020000000001 000000000000");
  EXPECT_EQ(listing(no_protocol_request, 19, 20),
            "\tarp.hw.type=1\tarp.proto.type=0x86dd\tarp.opcode=1\tarp.src.hw_mac=02:00:00:00:00:01");
  const auto no_protocol_reply = hex("0001 86dd 06 00 0002 020000000001 000000000000");
  EXPECT_EQ(listing(no_protocol_reply, 13, 20), "\tarp.hw.type=1\tarp.proto.type=0x86dd\tarp.opcode=2");
  // AX.25 and ATMARP read every address first: a cut packet lists nothing, or only the fixed
  // fields when the addresses it reads are there.
  EXPECT_EQ(listing(kAx25Request, 29, 30), "");
  EXPECT_EQ(listing(kAtmarpRequest, 39, 40), "");
  const auto ax25_reply = hex("0003 00cc 07 00 0002 a6a8ae8c9040e0 00000000000000");
  EXPECT_EQ(listing(ax25_reply, 15, 22), "\tarp.hw.type=3\tarp.proto.type=0x00cc\tarp.opcode=2");
}

TEST(ArpListing, PacketLongerThanItsFrame) {
  // The frame ended with the capture (frame.len == frame.cap_len): the ARP lengths point past the
  // frame, tshark calls the packet malformed and lists only the fixed fields.
  EXPECT_EQ(listing(kRequest, 20, 20), "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=1");
  auto lying = kRequest;
  lying.resize(46, std::byte{0});
  lying[4] = std::byte{255};
  EXPECT_EQ(listing(lying), "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=1");
  // The two-argument listing takes the bytes it is given as the whole frame.
  const std::vector<std::byte> prefix(kRequest.begin(), kRequest.begin() + 27);
  EXPECT_EQ(listing(prefix), "\tarp.hw.type=1\tarp.proto.type=0x0800\tarp.opcode=1");
  EXPECT_EQ(listing(std::vector<std::byte>(kRequest.begin(), kRequest.begin() + 3)), "\tarp.hw.type=1");
  EXPECT_EQ(listing(std::vector<std::byte>{}), "");
}

TEST(ArpListing, HostileBytesNeverReadOutOfBounds) {
  // Every length byte value, every cut of a short buffer: AddressSanitizer watches the reads.
  for (unsigned hln : {0u, 1u, 6u, 7u, 255u}) {
    for (unsigned pln : {0u, 1u, 4u, 255u}) {
      for (unsigned hardware : {1u, 3u, 19u, 32u}) {
        for (unsigned operation : {1u, 2u, 3u, 4u, 7u, 9u, 12u, 100u}) {
          std::vector<std::byte> bytes(40, std::byte{0x5a});
          bytes[0] = std::byte{0};
          bytes[1] = static_cast<std::byte>(hardware);
          bytes[2] = std::byte{0x08};
          bytes[3] = std::byte{0x00};
          bytes[4] = static_cast<std::byte>(hln);
          bytes[5] = static_cast<std::byte>(pln);
          bytes[6] = std::byte{0};
          bytes[7] = static_cast<std::byte>(operation);
          for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
            (void)listing(bytes, cut, 2000);
            (void)listing(bytes, cut, cut);
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace pktdoc
