/// @file
/// @brief Building ICMPv6 messages (RFC 4443): echo, the error messages that quote the packet
/// that caused them (cut to the IPv6 minimum MTU, 1280 bytes in all), and Neighbor Solicitation
/// and Advertisement (RFC 4861).
///
/// @code
/// using namespace pktdoc;
/// // The receiver gave up reassembling: quote the first fragment it got.
/// const build::Ipv6 host{.source = receiver, .destination = sender};
/// build::Bytes error = host.packet(build::Icmpv6::time_exceeded(
///     Icmpv6TimeExceededCode::fragment_reassembly_time_exceeded, first_fragment));
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "pktdoc/address.hpp"
#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/icmpv6.hpp"

namespace pktdoc::build {

/// An ICMPv6 message: type, code, the 4 bytes after the checksum, and the body after them.
///
/// The fields are named as Icmpv6Message's accessors. The checksum is computed over the IPv6
/// pseudo-header and the message (RFC 4443 section 2.3); setting `checksum` writes that value
/// instead.
/// @see RFC 4443; RFC 4861
struct Icmpv6 {
  /// The largest error message, IPv6 header included, that the error factories build: the IPv6
  /// minimum MTU (RFC 4443 section 2.4 (c)), so a quote holds at most 1280 - 40 - 8 = 1232 bytes.
  static constexpr std::size_t max_error_datagram = 1280;

  /// Type.
  Icmpv6Type type = Icmpv6Type::echo_request;
  /// Code, whose meaning depends on the type (Icmpv6UnreachableCode, ...).
  std::uint8_t code = 0;
  /// Bytes 4-7 as one big-endian value: the MTU of Packet Too Big, the pointer of Parameter
  /// Problem, identifier and sequence number of an echo, the flags of a Neighbor Advertisement.
  std::uint32_t rest_of_header = 0;
  /// What follows the first 8 bytes: echo data, the quoted packet of an error, the target
  /// address and options of Neighbor Discovery.
  Bytes body{};
  /// Checksum; nothing computes it.
  std::optional<std::uint16_t> checksum{};
  /// Write the computed checksum plus one: wrong on purpose (for tests of bad input).
  bool corrupt_checksum = false;

  /// An Echo Request (type 128).
  /// @param identifier the identifier, which the reply copies
  /// @param sequence_number the sequence number, which the reply copies
  /// @param data the echo data
  /// @return the message description
  static Icmpv6 echo_request(std::uint16_t identifier, std::uint16_t sequence_number, ByteView data = {});
  /// An Echo Reply (type 129).
  /// @param identifier the request's identifier
  /// @param sequence_number the request's sequence number
  /// @param data the request's data
  /// @return the message description
  static Icmpv6 echo_reply(std::uint16_t identifier, std::uint16_t sequence_number, ByteView data = {});
  /// Any error message (types 1-4) quoting `offending_packet`, cut so that the message in an
  /// IPv6 header without extension headers is at most max_error_datagram bytes.
  /// @param type the error type
  /// @param code the code
  /// @param rest_of_header bytes 4-7 (MTU, pointer; 0 when unused)
  /// @param offending_packet the IPv6 packet that caused the error, from its IPv6 header
  /// @return the message description
  static Icmpv6 error(Icmpv6Type type, std::uint8_t code, std::uint32_t rest_of_header, ByteView offending_packet);
  /// A Destination Unreachable (type 1).
  /// @param code why (Icmpv6UnreachableCode::port_unreachable for a closed UDP port)
  /// @param offending_packet the IPv6 packet that could not be delivered
  /// @return the message description
  static Icmpv6 destination_unreachable(Icmpv6UnreachableCode code, ByteView offending_packet);
  /// A Packet Too Big (type 2).
  /// @param mtu the MTU of the next-hop link, in bytes
  /// @param offending_packet the IPv6 packet that was too big
  /// @return the message description
  static Icmpv6 packet_too_big(std::uint32_t mtu, ByteView offending_packet);
  /// A Time Exceeded (type 3).
  /// @param code hop limit exceeded in transit, or fragment reassembly time exceeded
  /// @param offending_packet the IPv6 packet (for reassembly, the first fragment, RFC 8200 section 4.5)
  /// @return the message description
  static Icmpv6 time_exceeded(Icmpv6TimeExceededCode code, ByteView offending_packet);
  /// A Parameter Problem (type 4).
  /// @param code what kind of problem
  /// @param pointer offset of the offending octet in the quoted packet
  /// @param offending_packet the IPv6 packet
  /// @return the message description
  static Icmpv6 parameter_problem(Icmpv6ParameterProblemCode code, std::uint32_t pointer, ByteView offending_packet);
  /// A Neighbor Solicitation (type 135; RFC 4861 section 4.3), sent to the target's
  /// solicited-node multicast address (or to the target itself to check reachability).
  /// @param target the address being resolved
  /// @param source_link_layer_address the sender's MAC address, as a Source Link-Layer Address
  ///        option; nothing for none (as from the unspecified address, RFC 4861 section 4.3)
  /// @return the message description; send it with hop limit 255
  static Icmpv6 neighbor_solicitation(const Ipv6Address& target,
                                      std::optional<MacAddress> source_link_layer_address = std::nullopt);
  /// A Neighbor Advertisement (type 136; RFC 4861 section 4.4).
  /// @param target the address advertised
  /// @param router the R flag
  /// @param solicited the S flag: it answers a solicitation
  /// @param override_flag the O flag: replace a cached link-layer address
  /// @param target_link_layer_address the MAC address of `target`, as a Target Link-Layer
  ///        Address option; nothing for none
  /// @return the message description; send it with hop limit 255
  static Icmpv6 neighbor_advertisement(const Ipv6Address& target, bool router, bool solicited, bool override_flag,
                                       std::optional<MacAddress> target_link_layer_address = std::nullopt);

  /// Encodes the message.
  /// @param pseudo the pseudo-header of the IPv6 packet that will carry it (Ipv6::pseudo_header());
  ///        its `length` is replaced by the message's length and its `protocol` by 58
  /// @return the 8-byte header and the body, checksum filled in
  Bytes message(const PseudoHeader& pseudo) const;
};

}  // namespace pktdoc::build
