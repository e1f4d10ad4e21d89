/// @file
/// @brief Building ICMP messages for IPv4 (RFC 792): echo, and the error messages that quote the
/// packet that caused them, cut as RFC 1812 section 4.3.2.3 allows (576 bytes in all).
///
/// @code
/// using namespace pktdoc;
/// // A router tells 192.0.2.1 that the UDP datagram it sent died on the way.
/// const build::Ipv4 router{.source = router_address, .destination = offender_source};
/// build::Bytes error = router.packet(build::Icmp::time_exceeded(IcmpTimeExceededCode::ttl_exceeded_in_transit,
///                                                                offending_ipv4_packet));
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "pktdoc/address.hpp"
#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/icmp.hpp"

namespace pktdoc::build {

/// An ICMP message: type, code, the 4 "rest of header" bytes, and the body after them.
///
/// The fields are named as IcmpMessage's accessors. The checksum is computed over the whole
/// message (RFC 792, no pseudo-header); setting `checksum` writes that value instead.
/// @see RFC 792; RFC 1122 section 3.2.2; RFC 1812 section 4.3.2.3
struct Icmp {
  /// The largest error message, IP header included, that the factories below build: 576 bytes
  /// (RFC 1812 section 4.3.2.3), so a quote holds at most 576 - 20 - 8 = 548 bytes of the
  /// offending packet.
  static constexpr std::size_t max_error_datagram = 576;

  /// Type.
  IcmpType type = IcmpType::echo_request;
  /// Code, whose meaning depends on the type (IcmpUnreachableCode, IcmpTimeExceededCode, ...).
  std::uint8_t code = 0;
  /// The 4 bytes after the checksum as one big-endian value: identifier and sequence number of
  /// an echo, the gateway of a redirect, the pointer of a parameter problem, the next-hop MTU.
  std::uint32_t rest_of_header = 0;
  /// What follows the 8-byte header: echo data, or the quoted packet of an error.
  Bytes body{};
  /// Checksum; nothing computes it.
  std::optional<std::uint16_t> checksum{};
  /// Write the computed checksum plus one: wrong on purpose (for tests of bad input).
  bool corrupt_checksum = false;

  /// An Echo request (type 8), "ping".
  /// @param identifier the identifier, which the reply copies
  /// @param sequence_number the sequence number, which the reply copies
  /// @param data the echo data
  /// @return the message description
  static Icmp echo_request(std::uint16_t identifier, std::uint16_t sequence_number, ByteView data = {});
  /// An Echo Reply (type 0).
  /// @param identifier the request's identifier
  /// @param sequence_number the request's sequence number
  /// @param data the request's data
  /// @return the message description
  static Icmp echo_reply(std::uint16_t identifier, std::uint16_t sequence_number, ByteView data = {});
  /// Any error message (types 3, 4, 5, 11, 12) quoting `offending_packet`, cut so that the
  /// message in an IPv4 header without options is at most max_error_datagram bytes.
  /// @param type the error type
  /// @param code the code
  /// @param rest_of_header bytes 4-7 (pointer, gateway, next-hop MTU; 0 when unused)
  /// @param offending_packet the IPv4 packet that caused the error, from its IP header
  /// @return the message description
  static Icmp error(IcmpType type, std::uint8_t code, std::uint32_t rest_of_header, ByteView offending_packet);
  /// A Destination Unreachable (type 3).
  /// @param code why (IcmpUnreachableCode::port_unreachable for a closed UDP port)
  /// @param offending_packet the IPv4 packet that could not be delivered
  /// @param next_hop_mtu for IcmpUnreachableCode::fragmentation_needed, the next-hop MTU in bytes
  ///        (RFC 1191 section 4); 0 otherwise
  /// @return the message description
  static Icmp destination_unreachable(IcmpUnreachableCode code, ByteView offending_packet,
                                      std::uint16_t next_hop_mtu = 0);
  /// A Time Exceeded (type 11).
  /// @param code TTL exceeded in transit, or fragment reassembly time exceeded
  /// @param offending_packet the IPv4 packet (for reassembly, the first fragment)
  /// @return the message description
  static Icmp time_exceeded(IcmpTimeExceededCode code, ByteView offending_packet);
  /// A Parameter Problem (type 12, code 0) pointing at an octet of the quoted header.
  /// @param pointer offset of the offending octet in the quoted IP header
  /// @param offending_packet the IPv4 packet
  /// @return the message description
  static Icmp parameter_problem(std::uint8_t pointer, ByteView offending_packet);
  /// A Redirect (type 5).
  /// @param code network, host, or with type of service
  /// @param gateway the router to use instead
  /// @param offending_packet the IPv4 packet that took the longer way
  /// @return the message description
  static Icmp redirect(IcmpRedirectCode code, const Ipv4Address& gateway, ByteView offending_packet);

  /// Encodes the message.
  /// @return the 8-byte header and the body, checksum filled in
  Bytes message() const;
};

}  // namespace pktdoc::build
