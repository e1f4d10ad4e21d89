/// @file
/// @brief Building ARP packets for IPv4 over Ethernet (RFC 826): requests, replies, RFC 5227
/// probes and announcements.
///
/// @code
/// using namespace pktdoc;
/// const build::Link broadcast{.destination = MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}, .source = my_mac};
/// build::Bytes who_has = broadcast.frame(build::Arp::request(my_mac, my_ip, router_ip).packet(), ether_type::arp);
/// @endcode
#pragma once

#include <cstdint>
#include <optional>

#include "pktdoc/address.hpp"
#include "pktdoc/arp.hpp"
#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/link.hpp"

namespace pktdoc::build {

/// An ARP packet mapping an IPv4 address to a MAC address: 28 bytes (RFC 826).
///
/// The fields are named as ArpPacket's typed accessors. The address lengths are 6 and 4 unless
/// `hardware_length` or `protocol_length` say otherwise, which makes a packet that lies about
/// its own size (for tests of bad input; the addresses are still written with 6 and 4 bytes).
/// @see RFC 826; RFC 5227 sections 2.1.1 and 2.3
struct Arp {
  /// The hardware type (`ar$hrd`); Ethernet.
  ArpHardwareType hardware_type = ArpHardwareType::ethernet;
  /// The protocol type (`ar$pro`), an EtherType; IPv4.
  std::uint16_t protocol_type = ether_type::ipv4;
  /// The operation (`ar$op`).
  ArpOperation operation = ArpOperation::request;
  /// The sender hardware address (`ar$sha`).
  MacAddress sender_mac{};
  /// The sender protocol address (`ar$spa`); 0.0.0.0 in a probe.
  Ipv4Address sender_ip{};
  /// The target hardware address (`ar$tha`); zero in a request.
  MacAddress target_mac{};
  /// The target protocol address (`ar$tpa`).
  Ipv4Address target_ip{};
  /// The hardware address length field (`ar$hln`); nothing writes 6, the true length.
  std::optional<std::uint8_t> hardware_length{};
  /// The protocol address length field (`ar$pln`); nothing writes 4, the true length.
  std::optional<std::uint8_t> protocol_length{};

  /// A request: who has `target_ip`? Tell `sender_ip` (target MAC zero).
  /// @param sender_mac the asking host's MAC address
  /// @param sender_ip the asking host's IPv4 address
  /// @param target_ip the address being resolved
  /// @return the packet description
  static Arp request(const MacAddress& sender_mac, const Ipv4Address& sender_ip, const Ipv4Address& target_ip);
  /// A reply: `sender_ip` is at `sender_mac`, sent to the host that asked.
  /// @param sender_mac the answering host's MAC address
  /// @param sender_ip the address that was asked for
  /// @param target_mac the asking host's MAC address
  /// @param target_ip the asking host's IPv4 address
  /// @return the packet description
  static Arp reply(const MacAddress& sender_mac, const Ipv4Address& sender_ip, const MacAddress& target_mac,
                   const Ipv4Address& target_ip);
  /// An ARP Probe (RFC 5227 section 2.1.1): a request for `target_ip` with sender IP 0.0.0.0.
  /// @param sender_mac the probing host's MAC address
  /// @param target_ip the address the host wants to take
  /// @return the packet description
  static Arp probe(const MacAddress& sender_mac, const Ipv4Address& target_ip);
  /// An ARP Announcement (RFC 5227 section 2.3): a request whose sender and target IP are both
  /// the address claimed; the same form as a gratuitous ARP request.
  /// @param sender_mac the announcing host's MAC address
  /// @param address the address it claims
  /// @return the packet description
  static Arp announcement(const MacAddress& sender_mac, const Ipv4Address& address);

  /// Encodes the packet.
  /// @return the 28 bytes (ArpPacket::ethernet_ipv4_length); carry them with Link::frame() and
  ///         ether_type::arp
  Bytes packet() const;
};

}  // namespace pktdoc::build
