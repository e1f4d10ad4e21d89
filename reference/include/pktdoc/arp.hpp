/// @file
/// @brief The Address Resolution Protocol (RFC 826): requests, replies, RFC 5227 probes and
/// announcements, RARP (RFC 903) and Inverse ARP (RFC 2390), for any hardware and protocol.
///
/// An ARP packet is a fixed 8-byte header followed by four addresses whose sizes the header gives:
///
///     0      2      4    5    6      8
///     +------+------+----+----+------+-----------+-----------+-----------+-----------+
///     | hrd  | pro  |hln |pln | op   | sha (hln) | spa (pln) | tha (hln) | tpa (pln) |
///     +------+------+----+----+------+-----------+-----------+-----------+-----------+
///
/// On Ethernet with IPv4 (hardware type 1, protocol type 0x0800, lengths 6 and 4) that is 28
/// bytes; ArpPacket reads the addresses of any size as raw bytes and, for MAC-48 and IPv4
/// addresses, as MacAddress and Ipv4Address.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// ARP hardware types (the `ar$hrd` field): the IANA "Hardware Types" registry of the ARP
/// parameters, whose rules RFC 5494 section 2 sets out. Values outside the list are legal on the
/// wire and are kept as they are; arp_hardware_type_name() calls them "unknown".
/// @see RFC 826; RFC 5494 section 2; https://www.iana.org/assignments/arp-parameters
enum class ArpHardwareType : std::uint16_t {
  reserved = 0,               ///< Reserved (RFC 5494 section 2).
  ethernet = 1,               ///< Ethernet (10 Mb and every later speed): 6-byte MAC addresses.
  experimental_ethernet = 2,  ///< Experimental Ethernet (3 Mb).
  ax25 = 3,                   ///< Amateur Radio AX.25: 7-byte call-sign addresses.
  pronet = 4,                 ///< Proteon ProNET Token Ring.
  chaos = 5,                  ///< Chaos.
  ieee802 = 6,                ///< IEEE 802 networks (Token Ring, FDDI, 802.11): 6-byte MAC addresses.
  arcnet = 7,                 ///< ARCNET (RFC 1201).
  hyperchannel = 8,           ///< Hyperchannel.
  lanstar = 9,                ///< Lanstar.
  autonet = 10,               ///< Autonet Short Address.
  localtalk = 11,             ///< LocalTalk.
  localnet = 12,              ///< LocalNet (IBM PCNet or SYTEK LocalNET).
  ultra_link = 13,            ///< Ultra link.
  smds = 14,                  ///< SMDS.
  frame_relay = 15,           ///< Frame Relay: the "hardware address" is a DLCI (RFC 2390).
  atm = 16,                   ///< Asynchronous Transmission Mode (ATM).
  hdlc = 17,                  ///< HDLC.
  fibre_channel = 18,         ///< Fibre Channel (RFC 4338).
  atm_rfc2225 = 19,           ///< ATM ARP (RFC 2225), whose packets have their own layout: see ArpPacket::is_atmarp().
  serial_line = 20,           ///< Serial Line.
  atm2 = 21,                  ///< Asynchronous Transmission Mode (ATM), a second registration.
  mil_std_188_220 = 22,       ///< MIL-STD-188-220.
  metricom = 23,              ///< Metricom STRIP.
  ieee1394 = 24,              ///< IEEE 1394.1995 (RFC 2734).
  mapos = 25,                 ///< MAPOS (RFC 2176).
  twinaxial = 26,             ///< Twinaxial.
  eui64 = 27,                 ///< EUI-64.
  hiparp = 28,                ///< HIPARP (RFC 2834, RFC 2835).
  iso7816_3 = 29,             ///< IP and ARP over ISO 7816-3.
  arpsec = 30,                ///< ARPSec.
  ipsec_tunnel = 31,          ///< IPsec tunnel (RFC 3456).
  infiniband = 32,            ///< InfiniBand (RFC 4391): 20-byte hardware addresses.
  tia102_p25 = 33,            ///< TIA-102 Project 25 Common Air Interface (CAI).
  wiegand = 34,               ///< Wiegand Interface.
  pure_ip = 35,               ///< Pure IP.
  hw_exp1 = 36,               ///< HW_EXP1, for experiments (RFC 5494 section 2).
  hfi = 37,                   ///< HFI.
  unified_bus = 38,           ///< Unified Bus (UB).
  hw_exp2 = 256,              ///< HW_EXP2, for experiments (RFC 5494 section 2).
  aethernet = 257,            ///< AEthernet.
  reserved_65535 = 65535,     ///< Reserved (RFC 5494 section 2).
};

/// ARP operation codes (the `ar$op` field): the IANA "Operation Codes" registry of the ARP
/// parameters (RFC 5494 section 2). Values outside the list are kept as they are;
/// arp_operation_name() calls them "unknown".
/// @see RFC 826; RFC 903; RFC 1931; RFC 2390; RFC 2225; RFC 2022; RFC 5494 section 2
enum class ArpOperation : std::uint16_t {
  reserved = 0,         ///< Reserved (RFC 5494 section 2).
  request = 1,          ///< ARP request (RFC 826): who has the target protocol address?
  reply = 2,            ///< ARP reply (RFC 826): the sender has the sender protocol address.
  reverse_request = 3,  ///< RARP request (RFC 903): which protocol address has the target hardware address?
  reverse_reply = 4,    ///< RARP reply (RFC 903): the target protocol address is the answer.
  drarp_request = 5,    ///< Dynamic RARP request (RFC 1931).
  drarp_reply = 6,      ///< Dynamic RARP reply (RFC 1931).
  drarp_error = 7,      ///< Dynamic RARP error (RFC 1931): the target protocol address holds an error code.
  inverse_request = 8,  ///< Inverse ARP request (RFC 2390): which protocol address has the target hardware address?
  inverse_reply = 9,    ///< Inverse ARP reply (RFC 2390).
  arp_nak = 10,         ///< ATMARP negative acknowledgement (RFC 2225).
  mars_request = 11,    ///< MARS-Request (RFC 2022).
  mars_multi = 12,      ///< MARS-Multi (RFC 2022).
  mars_mserv = 13,      ///< MARS-MServ (RFC 2022).
  mars_join = 14,       ///< MARS-Join (RFC 2022).
  mars_leave = 15,      ///< MARS-Leave (RFC 2022).
  mars_nak = 16,        ///< MARS-NAK (RFC 2022).
  mars_unserv = 17,     ///< MARS-Unserv (RFC 2022).
  mars_sjoin = 18,      ///< MARS-SJoin (RFC 2022).
  mars_sleave = 19,     ///< MARS-SLeave (RFC 2022).
  mars_grouplist_request = 20,  ///< MARS-Grouplist-Request (RFC 2022).
  mars_grouplist_reply = 21,    ///< MARS-Grouplist-Reply (RFC 2022).
  mars_redirect_map = 22,       ///< MARS-Redirect-Map (RFC 2022).
  mapos_unarp = 23,             ///< MAPOS UNARP (RFC 2176).
  op_exp1 = 24,                 ///< OP_EXP1, for experiments (RFC 5494 section 2).
  op_exp2 = 25,                 ///< OP_EXP2, for experiments (RFC 5494 section 2).
  reserved_65535 = 65535,       ///< Reserved (RFC 5494 section 2).
};

/// The name Wireshark shows for a hardware type ("Ethernet", "IEEE 802", "InfiniBand").
/// @param type any value, listed in ArpHardwareType or not
/// @return a static string; "unknown" for values that are not ArpHardwareType enumerators
std::string_view arp_hardware_type_name(ArpHardwareType type) noexcept;

/// The name Wireshark shows for an operation ("request", "reply", "reverse request").
/// @param operation any value, listed in ArpOperation or not
/// @return a static string; "unknown" for values that are not ArpOperation enumerators
std::string_view arp_operation_name(ArpOperation operation) noexcept;

/// An ARP packet (RFC 826), of any hardware and protocol address sizes.
///
/// The sizes of the four addresses come from the packet itself (`ar$hln` and `ar$pln`), so the
/// same view reads Ethernet/IPv4 ARP (6 and 4 bytes), InfiniBand (20 and 4) or Frame Relay
/// (2-byte DLCIs). The raw accessors return the addresses as bytes; sender_mac(), sender_ip() and
/// the other typed accessors return them as MacAddress and Ipv4Address when the packet says they
/// are.
///
/// ATMARP (hardware type 19, RFC 2225) has a different layout after the fixed header (type/length
/// bytes for ATM numbers and subaddresses, separate sender and target protocol lengths). For it,
/// parse() checks the RFC 2225 length and the fixed fields hardware_type(), protocol_type() and
/// operation() are right, but the address accessors return empty views: see is_atmarp().
///
/// @code
/// auto arp = pktdoc::ArpPacket::parse(link.payload);
/// if (arp && arp->operation() == pktdoc::ArpOperation::request && arp->is_ethernet_ipv4()) {
///   if (arp->is_probe())
///     std::printf("probe for %s\n", arp->target_ip()->to_text().c_str());
///   else
///     std::printf("who has %s? tell %s\n", arp->target_ip()->to_text().c_str(),
///                 arp->sender_ip()->to_text().c_str());
/// }
/// @endcode
///
/// @warning A view: valid while the bytes it was made from are (for a frame from CaptureReader,
/// until the next call to CaptureReader::next()).
/// @see RFC 826; RFC 5227 (probes and announcements); RFC 903 (RARP); RFC 2390 (Inverse ARP);
/// RFC 5494 (the IANA registries)
class ArpPacket {
 public:
  /// Length of the fixed part, in bytes: hardware type, protocol type, the two address lengths
  /// and the operation (RFC 826).
  static constexpr std::size_t fixed_header_length = 8;
  /// Length of the fixed part of an ATMARP packet, in bytes (RFC 2225 section 8.7).
  static constexpr std::size_t atmarp_fixed_header_length = 12;
  /// Length of an Ethernet/IPv4 ARP packet, in bytes: 8 + 2 * (6 + 4).
  static constexpr std::size_t ethernet_ipv4_length = 28;

  /// Checks the lengths and makes the view.
  ///
  /// An address length of 0 is rejected as invalid: ARP maps a protocol address to a hardware
  /// address (RFC 826), so a packet without one of them has nothing to resolve, and more bytes
  /// would not change that. (Wireshark shows such packets without complaint; the listing does
  /// too.) ATMARP packets (hardware type 19) may have empty
  /// addresses (RFC 2225 section 8.7: a null ATM number), so only their lengths are checked.
  ///
  /// @param bytes the bytes after the link-layer header; any bytes after the ARP packet
  ///        (Ethernet padding) are left out of the view
  /// @return the view, cut to length(); or ErrorKind::truncated when fewer than 8 bytes (12 for
  ///         ATMARP) or fewer than length() bytes were captured; or ErrorKind::invalid when the
  ///         hardware or protocol address length is 0 (not for ATMARP). Protocol::arp in both cases.
  static Result<ArpPacket> parse(ByteView bytes) noexcept;

  /// Wraps bytes without checking them: accessors of fixed fields past the end return 0, and
  /// accessors of addresses that were not captured in full return empty views or nothing.
  /// The Wireshark listing uses it for a packet that was cut short.
  /// @param bytes the ARP packet's bytes, possibly a prefix of it
  explicit constexpr ArpPacket(ByteView bytes) noexcept : bytes_(bytes) {}
  /// Makes an empty view: every accessor returns 0, an empty view or nothing.
  constexpr ArpPacket() noexcept = default;

  /// @return the hardware type (`ar$hrd`, bytes 0-1): the kind of network, which fixes the kind
  ///         of hardware address (1 Ethernet, 6 IEEE 802)
  ArpHardwareType hardware_type() const noexcept { return static_cast<ArpHardwareType>(ByteReader(bytes_).u16_at(0)); }
  /// @return the protocol type (`ar$pro`, bytes 2-3): an EtherType, 0x0800 for IPv4
  std::uint16_t protocol_type() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return the length of each hardware address (`ar$hln`, byte 4), in bytes: 6 for Ethernet.
  ///         In an ATMARP packet this byte is the sender ATM number type and length.
  std::uint8_t hardware_length() const noexcept { return ByteReader(bytes_).u8_at(4); }
  /// @return the length of each protocol address (`ar$pln`, byte 5), in bytes: 4 for IPv4.
  ///         In an ATMARP packet this byte is the sender ATM subaddress type and length.
  std::uint8_t protocol_length() const noexcept { return ByteReader(bytes_).u8_at(5); }
  /// @return the operation (`ar$op`, bytes 6-7): request, reply, reverse request, ...
  ArpOperation operation() const noexcept { return static_cast<ArpOperation>(ByteReader(bytes_).u16_at(6)); }

  /// @return the length of the whole packet as its header declares it, in bytes:
  ///         8 + 2 * (hardware_length() + protocol_length()), or the RFC 2225 sum of the six
  ///         address lengths plus 12 for ATMARP; 0 when the fixed header was not captured
  std::size_t length() const noexcept;
  /// @return true for an ATMARP packet (RFC 2225): hardware type 19, whose addresses this view
  ///         does not decode (the four address accessors return empty views)
  bool is_atmarp() const noexcept { return hardware_type() == ArpHardwareType::atm_rfc2225; }

  /// @return the sender hardware address (`ar$sha`, hardware_length() bytes at offset 8); empty
  ///         when it was not captured in full, or for ATMARP
  ByteView sender_hardware_address() const noexcept;
  /// @return the sender protocol address (`ar$spa`, protocol_length() bytes after the sender
  ///         hardware address); empty when it was not captured in full, or for ATMARP
  ByteView sender_protocol_address() const noexcept;
  /// @return the target hardware address (`ar$tha`; unknown, and usually zero, in a request);
  ///         empty when it was not captured in full, or for ATMARP
  ByteView target_hardware_address() const noexcept;
  /// @return the target protocol address (`ar$tpa`); empty when it was not captured in full, or
  ///         for ATMARP
  ByteView target_protocol_address() const noexcept;

  /// @return true when the hardware addresses are MAC-48 addresses: hardware type Ethernet (1)
  ///         or IEEE 802 (6) with a hardware length of 6, the rule Wireshark uses
  bool has_mac_addresses() const noexcept;
  /// @return true when the protocol addresses are IPv4 addresses: protocol type 0x0800 with a
  ///         protocol length of 4
  bool has_ipv4_addresses() const noexcept;
  /// @return true for the common case, ARP for IPv4 on Ethernet: has_mac_addresses() and
  ///         has_ipv4_addresses() (a 28-byte packet)
  bool is_ethernet_ipv4() const noexcept { return has_mac_addresses() && has_ipv4_addresses(); }

  /// @return the sender hardware address as a MAC address; nothing unless has_mac_addresses()
  ///         and the address was captured
  std::optional<MacAddress> sender_mac() const noexcept;
  /// @return the target hardware address as a MAC address (00:00:00:00:00:00 in most requests);
  ///         nothing unless has_mac_addresses() and the address was captured
  std::optional<MacAddress> target_mac() const noexcept;
  /// @return the sender protocol address as an IPv4 address (0.0.0.0 in an RFC 5227 probe);
  ///         nothing unless has_ipv4_addresses() and the address was captured
  std::optional<Ipv4Address> sender_ip() const noexcept;
  /// @return the target protocol address as an IPv4 address; nothing unless
  ///         has_ipv4_addresses() and the address was captured
  std::optional<Ipv4Address> target_ip() const noexcept;

  /// A gratuitous ARP: a request or reply in which a host announces its own binding, so the
  /// sender and target protocol addresses are the same (RFC 5227 section 3, RFC 5944 section
  /// 4.6). Other operations never are: a RARP request's two unknown protocol addresses are equal
  /// too, but announce nothing.
  /// @return true when operation() is request or reply and the sender and target protocol
  ///         addresses were captured, are not empty, and are equal byte for byte
  bool is_gratuitous() const noexcept;
  /// An ARP Probe (RFC 5227 section 2.1.1): a request sent to check that an IPv4 address is
  /// unused before taking it, with the sender IP address set to 0.0.0.0 so that no other host's
  /// cache learns from it. The target hardware address, which RFC 5227 sets to zero, is not
  /// checked.
  /// @return true when operation() is request, has_ipv4_addresses(), the sender IP address is
  ///         0.0.0.0 and the target IP address is not
  bool is_probe() const noexcept;
  /// An ARP Announcement (RFC 5227 section 2.3): a probe-like request that claims an address,
  /// with the sender and target IP addresses both set to it.
  /// @return true when operation() is request, has_ipv4_addresses(), and the sender and target
  ///         IP addresses are equal and not 0.0.0.0
  bool is_announcement() const noexcept;

  /// @return the bytes of the view: the ARP packet, cut to length() when the view came from
  ///         parse(); whatever was given to the unchecked constructor otherwise
  ByteView bytes() const noexcept { return bytes_; }

 private:
  // Offset and length of one of the four RFC 826 addresses; empty when not captured or ATMARP.
  ByteView address(std::size_t offset, std::size_t count) const noexcept;

  ByteView bytes_;
};

}  // namespace pktdoc
