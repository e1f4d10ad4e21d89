/// @file
/// @brief Building link-layer frames: Ethernet II with IEEE 802.1Q/802.1ad tags, IEEE 802.3 with
/// a length field, Linux cooked headers (SLL and SLL2), BSD loopback and raw IP.
///
/// One value type, build::Link, describes the link header of every link type a CaptureWriter
/// writes, so that code building a conversation works unchanged on any of them: set `type`,
/// and the fields that type uses. The frame's payload (an IP packet, an ARP packet) is built by
/// the other builders.
///
/// @code
/// pktdoc::build::Link link{.destination = router_mac, .source = host_mac};
/// pktdoc::build::Bytes frame = link.frame(ip_packet);  // EtherType 0x0800 or 0x86DD from the version
/// link.type = pktdoc::LinkType::linux_sll;             // same packet, cooked capture header
/// pktdoc::build::Bytes cooked = link.frame(ip_packet);
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pktdoc/address.hpp"
#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/link.hpp"

namespace pktdoc::build {

/// Values of the packet type field of the Linux cooked headers (LinuxSllHeader::packet_type(),
/// LinuxSll2Header::packet_type()), as the kernel's PACKET_* constants define them.
/// @see https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
namespace sll_packet_type {
inline constexpr std::uint16_t host = 0;       ///< PACKET_HOST: sent to the capturing host.
inline constexpr std::uint16_t broadcast = 1;  ///< PACKET_BROADCAST: link-layer broadcast from another host.
inline constexpr std::uint16_t multicast = 2;  ///< PACKET_MULTICAST: link-layer multicast from another host.
inline constexpr std::uint16_t otherhost = 3;  ///< PACKET_OTHERHOST: sent to another host (promiscuous mode).
inline constexpr std::uint16_t outgoing = 4;   ///< PACKET_OUTGOING: sent by the capturing host.
}  // namespace sll_packet_type

/// BSD address family values of the 4-byte loopback header (LINKTYPE_NULL, LINKTYPE_LOOP).
/// @see https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html
namespace loopback_family {
inline constexpr std::uint32_t inet = 2;            ///< AF_INET, on every BSD.
inline constexpr std::uint32_t inet6_bsd = 24;      ///< AF_INET6 on NetBSD and OpenBSD.
inline constexpr std::uint32_t inet6_freebsd = 28;  ///< AF_INET6 on FreeBSD and DragonFly BSD.
inline constexpr std::uint32_t inet6_darwin = 30;   ///< AF_INET6 on macOS, where most loopback captures come from.
}  // namespace loopback_family

/// The link-layer header of a frame, for any link type pktdoc decodes.
///
/// `type` chooses the header; each field says which types use it, and the others ignore it:
/// - LinkType::ethernet: destination, source, 4 bytes per entry of `vlan_tags`, the EtherType
///   (14 + 4n bytes), then the payload and any padding up to `minimum_length`;
/// - LinkType::linux_sll: packet type, ARPHRD type, address length 6, `source` padded to 8 bytes,
///   protocol (16 bytes);
/// - LinkType::linux_sll2: protocol, 2 reserved zero bytes, interface index, ARPHRD type, packet
///   type, address length 6, `source` padded to 8 bytes (20 bytes);
/// - LinkType::null: the address family, least significant byte first, as the little-endian
///   hosts that write nearly all such captures store it (4 bytes);
/// - LinkType::loop: the address family, most significant byte first (4 bytes);
/// - LinkType::raw, LinkType::raw_dlt12, LinkType::raw_dlt14: nothing, the frame is the IP packet.
///
/// A Link describes one direction; reversed() gives the header of the other one.
struct Link {
  /// Which header to write (see the list above).
  LinkType type = LinkType::ethernet;
  /// Ethernet: the destination MAC address (ff:ff:ff:ff:ff:ff for a broadcast such as an ARP
  /// request). SLL and SLL2 do not write it, but reversed() makes it the other direction's
  /// `source`.
  MacAddress destination{};
  /// Ethernet: the source MAC address. SLL and SLL2: the link-layer address field, which holds
  /// the sender's address.
  MacAddress source{};
  /// Ethernet: the VLAN tags, outermost first. A `tpid` of 0 is written as 0x8100 (802.1Q); use
  /// ether_type::qinq (0x88A8) for an 802.1ad service tag. `priority` (0-7) and `id` (0-4095)
  /// are masked to their 3 and 12 bits.
  std::vector<VlanTag> vlan_tags{};
  /// Ethernet: pad the frame with zero bytes to at least this many bytes. 0 (the default) adds
  /// nothing, as a capture on the sending host shows; 60 gives the minimum frame that a receiving
  /// host captures (64 bytes on the wire minus the 4-byte FCS, IEEE 802.3 clause 4.4.2). The
  /// decoders must cut such padding off using the IP, ARP or UDP length.
  std::size_t minimum_length = 0;
  /// SLL and SLL2: the packet type (sll_packet_type; SLL2 keeps the low 8 bits).
  std::uint16_t packet_type = sll_packet_type::host;
  /// SLL and SLL2: the ARPHRD_ type of the device (1 Ethernet, 772 loopback).
  std::uint16_t arphrd_type = 1;
  /// SLL2: the index of the interface the frame was captured on.
  std::uint32_t interface_index = 1;
  /// NULL and LOOP: the address family to write; 0 (the default) writes loopback_family::inet for
  /// IPv4 and loopback_family::inet6_darwin for IPv6.
  std::uint32_t loopback_family = 0;

  /// Builds a frame: this header, then `payload`, then Ethernet padding if asked for.
  /// @param payload the bytes the header carries
  /// @param ether_type what they are (ether_type::ipv4, ether_type::ipv6, ether_type::arp, ...):
  ///        the Ethernet type field after the tags, the SLL/SLL2 protocol field, or the
  ///        address family chosen for NULL and LOOP
  /// @return the frame; allocates one buffer of its size
  /// @throws std::invalid_argument when the link type cannot carry `ether_type` (raw IP and the
  ///         loopback types carry only IPv4 and IPv6) or is not one in the table above
  Bytes frame(ByteView payload, std::uint16_t ether_type) const;
  /// Builds a frame around an IP packet, taking the EtherType from its version nibble
  /// (4: ether_type::ipv4, 6: ether_type::ipv6).
  /// @param ip_packet an IPv4 or IPv6 packet
  /// @return the frame
  /// @throws std::invalid_argument when the first nibble is neither 4 nor 6, or as frame(ByteView,
  ///         std::uint16_t) does
  Bytes frame(ByteView ip_packet) const;
  /// Builds an IEEE 802.3 frame: destination, source, any VLAN tags, then a length field instead
  /// of an EtherType (IEEE 802.3 clause 3.2.6), then `llc_payload`, which starts with an
  /// IEEE 802.2 LLC header. Only for LinkType::ethernet.
  /// @param llc_payload the LLC header and what it carries (at most 1500 bytes)
  /// @return the frame, padded to `minimum_length`
  /// @throws std::invalid_argument when `type` is not LinkType::ethernet; std::length_error when
  ///         `llc_payload` is longer than 1500 bytes (ether_type::maximum_length)
  Bytes ieee802_3_frame(ByteView llc_payload) const;

  /// @return the length of the header frame() writes, in bytes (14 + 4 per tag for Ethernet, 16
  ///         SLL, 20 SLL2, 4 loopback, 0 raw)
  std::size_t header_length() const noexcept;
  /// The header of the other direction of the same conversation: `source` and `destination`
  /// swapped (SLL and SLL2 write `source`, so set `destination` for them too), and for SLL and
  /// SLL2 the packet types sll_packet_type::outgoing and sll_packet_type::host swapped, since a
  /// cooked capture on one host sees its own packets leave and the peer's arrive.
  /// @return the reversed header
  Link reversed() const;
};

}  // namespace pktdoc::build
