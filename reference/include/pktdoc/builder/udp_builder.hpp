/// @file
/// @brief Building UDP datagrams (RFC 768) with the length and the checksum filled in, over IPv4
/// or IPv6 (RFC 8200 section 8.1).
///
/// @code
/// using namespace pktdoc;
/// const build::Udp udp{.source_port = 40000, .destination_port = 53};
/// build::Bytes packet = ip.packet(udp, dns_query);  // ip: a build::Ipv4 or build::Ipv6
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"

namespace pktdoc::build {

/// A UDP header, and what it takes to build the datagram around some data.
///
/// The fields are named as UdpDatagram's accessors. Length and checksum are computed; a computed
/// checksum of 0 is sent as 0xFFFF (RFC 768). Setting `length` or `checksum` writes that value
/// instead, true or not: a checksum of 0 over IPv4 means "not computed" (ChecksumStatus::absent),
/// over IPv6 it is an error (RFC 8200 section 8.1).
/// @see RFC 768
struct Udp {
  /// Source Port; 0 when no reply is expected.
  std::uint16_t source_port = 0;
  /// Destination Port.
  std::uint16_t destination_port = 0;
  /// Length, header included, in bytes; nothing computes it (8 + data).
  std::optional<std::uint16_t> length{};
  /// Checksum; nothing computes it over the pseudo-header, header and data.
  std::optional<std::uint16_t> checksum{};
  /// Write the computed checksum plus one: wrong on purpose (for tests of bad input). A
  /// computed 0xFFFF becomes 0x0001, never 0, which would mean "not computed".
  bool corrupt_checksum = false;

  /// Builds the datagram.
  /// @param data the data after the header
  /// @param pseudo the pseudo-header of the IP packet that will carry the datagram; its `length`
  ///        is replaced by the datagram's length and its `protocol` by 17
  /// @return the header and data, length and checksum filled in
  /// @throws std::length_error when the datagram would be longer than 65535 bytes
  Bytes datagram(ByteView data, const PseudoHeader& pseudo) const;
};

}  // namespace pktdoc::build
