/// @file
/// @brief The one Internet checksum routine (RFC 1071), the TCP/UDP/ICMPv6 pseudo-headers, and CRC32c for SCTP.
///
/// IPv4 headers, ICMP, TCP, UDP and ICMPv6 all use the 16-bit one's complement sum of RFC 1071;
/// TCP, UDP and ICMPv6 add a pseudo-header of the enclosing IP header (RFC 9293 section 3.1,
/// RFC 768, RFC 8200 section 8.1). SCTP uses CRC32c instead (RFC 9260 appendix A).
/// Both the decoders (to verify) and the packet builder (to fill in) use these functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"

namespace pktdoc {

/// An incremental RFC 1071 Internet checksum: add bytes in any number of pieces, then finish().
///
/// Pieces may have odd lengths; the sum continues as if they were one contiguous buffer.
///
/// @code
/// pktdoc::InternetChecksum sum;
/// sum.add(header);
/// sum.add(payload);
/// bool valid = sum.finish() == 0;  // verifying: the sum over a correct packet folds to 0
/// @endcode
class InternetChecksum {
 public:
  /// Adds bytes to the sum.
  /// @param bytes bytes in network order, continuing where the previous call stopped
  void add(ByteView bytes) noexcept;
  /// Adds a 16-bit value as if it were two bytes in network order.
  /// @param value the value; must be added at an even position of the virtual buffer
  void add_u16(std::uint16_t value) noexcept { sum_ += value; }
  /// Adds a 32-bit value as if it were four bytes in network order.
  /// @param value the value; must be added at an even position of the virtual buffer
  void add_u32(std::uint32_t value) noexcept { sum_ += (value >> 16) + (value & 0xffff); }
  /// Folds the sum and complements it.
  /// @return the checksum to put in a header; 0 when the bytes added include a correct checksum
  std::uint16_t finish() const noexcept;

 private:
  std::uint64_t sum_ = 0;
  bool odd_ = false;  // an odd number of bytes has been added: the next byte is a low byte
};

/// Computes the RFC 1071 checksum of one buffer.
/// @param bytes the bytes to sum
/// @return the complemented folded sum; 0 when `bytes` contains its own correct checksum
std::uint16_t internet_checksum(ByteView bytes) noexcept;

/// Adds the IPv4 pseudo-header of TCP and UDP (RFC 9293 section 3.1, RFC 768) to a sum.
/// @param sum the checksum being computed
/// @param source IPv4 source address
/// @param destination IPv4 destination address
/// @param protocol the IP protocol number (6 for TCP, 17 for UDP)
/// @param length the length of the transport header and data, in bytes
void add_pseudo_header(InternetChecksum& sum, const Ipv4Address& source, const Ipv4Address& destination,
                       std::uint8_t protocol, std::uint16_t length) noexcept;

/// Adds the IPv6 pseudo-header of TCP, UDP and ICMPv6 (RFC 8200 section 8.1) to a sum.
/// @param sum the checksum being computed
/// @param source IPv6 source address
/// @param destination IPv6 destination address (the final one, when there is a routing header)
/// @param next_header the upper-layer protocol number (6 TCP, 17 UDP, 58 ICMPv6)
/// @param length the upper-layer packet length, in bytes
void add_pseudo_header(InternetChecksum& sum, const Ipv6Address& source, const Ipv6Address& destination,
                       std::uint8_t next_header, std::uint32_t length) noexcept;

/// What a transport checksum covers of the IP header around it: addresses, protocol, length.
///
/// Ipv4Packet::pseudo_header() and Ipv6Packet::pseudo_header() fill it in; the transport views
/// take it to verify their checksums, so a transport decoder needs no IP header of its own.
struct PseudoHeader {
  bool is_ipv6 = false;              ///< Which pair of addresses below is meaningful.
  Ipv4Address source4;               ///< IPv4 source address, when !is_ipv6.
  Ipv4Address destination4;          ///< IPv4 destination address, when !is_ipv6.
  Ipv6Address source6;               ///< IPv6 source address, when is_ipv6.
  Ipv6Address destination6;          ///< IPv6 final destination address, when is_ipv6.
  std::uint8_t protocol = 0;         ///< Upper-layer protocol number (6 TCP, 17 UDP, 58 ICMPv6).
  std::uint32_t length = 0;          ///< Upper-layer length the IP header declares, in bytes.
};

/// Adds a pseudo-header, IPv4 or IPv6, to a sum.
/// @param sum the checksum being computed
/// @param pseudo the pseudo-header; its `length` is the one used
void add_pseudo_header(InternetChecksum& sum, const PseudoHeader& pseudo) noexcept;

/// The outcome of verifying a checksum.
enum class ChecksumStatus : std::uint8_t {
  good,        ///< The checksum matches the bytes.
  bad,         ///< The checksum does not match the bytes.
  unverified,  ///< Not all the bytes it covers were captured, so it cannot be checked.
  absent,      ///< The sender did not compute one (a zero UDP checksum over IPv4, RFC 768).
};

/// The word for `status`: "good", "bad", "unverified" or "absent".
/// @param status any ChecksumStatus
/// @return a static string
std::string_view checksum_status_name(ChecksumStatus status) noexcept;

/// Computes CRC32c (Castagnoli, polynomial 0x1EDC6F41, reflected), the SCTP checksum.
///
/// To checksum an SCTP packet, compute over the whole packet with its checksum field set to
/// zero; the result is stored in the checksum field least significant byte first as RFC 9260
/// appendix A describes (so on the wire it reads as the little-endian 32-bit value).
/// @param bytes the bytes to checksum
/// @param crc a previous result, to continue a computation over several pieces; 0 to start
/// @return the CRC32c of everything added so far
std::uint32_t crc32c(ByteView bytes, std::uint32_t crc = 0) noexcept;

}  // namespace pktdoc
