/// @file
/// @brief ICMP for IPv4 (RFC 792): echo, the error messages that quote the packet that caused
/// them, timestamps, address masks (RFC 950), the next-hop MTU (RFC 1191) and the RFC 4884
/// length of the original datagram.
///
/// Every ICMP message starts with the same 8 bytes: type, code, checksum, and 4 bytes whose
/// meaning depends on the type ("rest of header"). What follows is the echo data, the timestamps,
/// the address mask, or, for the five error messages, the IP header and first bytes of the packet
/// that caused the error. IcmpMessage exposes those bytes (quoted_packet()) without decoding
/// them: the quote is an IP packet like any other, decoded by the IP decoder (as Wireshark does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// ICMP message types (the IANA "ICMP Type Numbers" registry).
///
/// IcmpMessage::type() returns this enumeration; a type that has no enumerator here (deprecated
/// or unassigned) is still returned, as its number.
/// @see RFC 792; RFC 950 (address mask); RFC 1256 (router discovery); RFC 8335 (extended echo)
enum class IcmpType : std::uint8_t {
  echo_reply = 0,               ///< Echo Reply (RFC 792): answers an echo request, "ping" reply.
  destination_unreachable = 3,  ///< Destination Unreachable (RFC 792): an error; see IcmpUnreachableCode.
  source_quench = 4,            ///< Source Quench (RFC 792): an error; deprecated by RFC 6633.
  redirect = 5,                 ///< Redirect (RFC 792): an error; see IcmpRedirectCode and gateway().
  echo_request = 8,             ///< Echo (RFC 792), "ping" request.
  router_advertisement = 9,     ///< Router Advertisement (RFC 1256 section 3.1).
  router_solicitation = 10,     ///< Router Solicitation (RFC 1256 section 3.2).
  time_exceeded = 11,           ///< Time Exceeded (RFC 792): an error; see IcmpTimeExceededCode.
  parameter_problem = 12,       ///< Parameter Problem (RFC 792): an error; see IcmpParameterProblemCode.
  timestamp = 13,               ///< Timestamp request (RFC 792): originate timestamp filled in.
  timestamp_reply = 14,         ///< Timestamp Reply (RFC 792): all three timestamps filled in.
  information_request = 15,     ///< Information Request (RFC 792); deprecated by RFC 6918.
  information_reply = 16,       ///< Information Reply (RFC 792); deprecated by RFC 6918.
  address_mask_request = 17,    ///< Address Mask Request (RFC 950); deprecated by RFC 6918.
  address_mask_reply = 18,      ///< Address Mask Reply (RFC 950); deprecated by RFC 6918.
  extended_echo_request = 42,   ///< Extended Echo Request (RFC 8335 section 2), "PROBE".
  extended_echo_reply = 43,     ///< Extended Echo Reply (RFC 8335 section 3).
};

/// A short name for an ICMP type, as people write it: "echo request", "destination unreachable".
/// @param type any type
/// @return a static string; "unknown" for types not in IcmpType
std::string_view icmp_type_name(IcmpType type) noexcept;

/// Codes of a Destination Unreachable message (type 3).
/// @see RFC 792; RFC 1122 section 3.2.2.1 (codes 6-12); RFC 1812 section 5.2.7.1 (codes 13-15)
enum class IcmpUnreachableCode : std::uint8_t {
  net_unreachable = 0,       ///< No route to the destination network.
  host_unreachable = 1,      ///< The destination host could not be reached.
  protocol_unreachable = 2,  ///< The destination host does not speak the IP protocol.
  port_unreachable = 3,      ///< No process listens on the destination port (UDP).
  fragmentation_needed = 4,  ///< The packet is too big and DF is set; see IcmpMessage::next_hop_mtu() (RFC 1191).
  source_route_failed = 5,   ///< A source route could not be followed.
  destination_network_unknown = 6,   ///< The destination network is unknown (RFC 1122).
  destination_host_unknown = 7,      ///< The destination host is unknown (RFC 1122).
  source_host_isolated = 8,          ///< The source host is isolated (RFC 1122; obsolete).
  network_prohibited = 9,            ///< Communication with the network is administratively prohibited (RFC 1122).
  host_prohibited = 10,              ///< Communication with the host is administratively prohibited (RFC 1122).
  network_unreachable_for_tos = 11,  ///< The network is unreachable for the type of service (RFC 1122).
  host_unreachable_for_tos = 12,     ///< The host is unreachable for the type of service (RFC 1122).
  communication_prohibited = 13,     ///< Communication administratively prohibited by filtering (RFC 1812).
  host_precedence_violation = 14,    ///< The precedence is not permitted (RFC 1812).
  precedence_cutoff = 15,            ///< The precedence is below the network's cutoff (RFC 1812).
};

/// Codes of a Redirect message (type 5).
/// @see RFC 792
enum class IcmpRedirectCode : std::uint8_t {
  network = 0,          ///< Redirect datagrams for the network (obsolete: treated as host, RFC 1812 5.2.7.2).
  host = 1,             ///< Redirect datagrams for the host.
  tos_and_network = 2,  ///< Redirect datagrams for the type of service and network.
  tos_and_host = 3,     ///< Redirect datagrams for the type of service and host.
};

/// Codes of a Time Exceeded message (type 11).
/// @see RFC 792
enum class IcmpTimeExceededCode : std::uint8_t {
  ttl_exceeded_in_transit = 0,            ///< A router decremented the time to live to zero (what traceroute uses).
  fragment_reassembly_time_exceeded = 1,  ///< The destination gave up waiting for the missing fragments.
};

/// Codes of a Parameter Problem message (type 12).
/// @see RFC 792; RFC 1108 (code 1); RFC 1122 section 3.2.2.5 (code 2)
enum class IcmpParameterProblemCode : std::uint8_t {
  pointer_indicates_error = 0,  ///< IcmpMessage::pointer() gives the offending octet of the quoted header.
  missing_required_option = 1,  ///< A required option is missing (RFC 1108, security option).
  bad_length = 2,               ///< Bad length (RFC 1122).
};

/// A view of one ICMP message: the 8-byte header and what follows it.
///
/// The view covers the whole IP payload (the IP header's total length minus its header length,
/// cut to what was captured). Fields are read on demand from those bytes; nothing is copied.
///
/// Accessors of the type-specific "rest of header" (identifier(), gateway(), pointer(), ...)
/// read their bytes whatever the type is: check type() first. Accessors of fields past the end
/// of the bytes (possible only for a view made with the unchecked constructor) return 0.
///
/// @code
/// auto icmp = pktdoc::IcmpMessage::parse(ip.payload());
/// if (icmp && icmp->type() == pktdoc::IcmpType::echo_request)
///   std::printf("ping id %u seq %u, %zu data bytes\n", icmp->identifier(), icmp->sequence_number(),
///               icmp->payload().size());
/// else if (icmp && icmp->is_error())
///   decode_ip(icmp->quoted_packet());  // the offending IP header and at least 8 bytes of its data
/// @endcode
///
/// @warning A view: valid only while the bytes it was made from are (for a captured frame, until
/// the next call to CaptureReader::next()).
/// @see RFC 792; RFC 1122 section 3.2.2
class IcmpMessage {
 public:
  /// Length of the header common to every ICMP message: type, code, checksum and the 4 bytes of
  /// "rest of header", in bytes.
  static constexpr std::size_t header_length = 8;
  /// Length of a Timestamp or Timestamp Reply message (header and three 32-bit timestamps), in bytes.
  static constexpr std::size_t timestamp_length = 20;
  /// Length of an Address Mask Request or Reply message (header and the mask), in bytes (RFC 950).
  static constexpr std::size_t address_mask_length = 12;

  /// Decodes an ICMP message whose bytes may have been cut short by the capture.
  ///
  /// ICMP has no length field of its own and every type and code value is at least
  /// representable, so nothing in an ICMP message can contradict the protocol: this function
  /// never returns ErrorKind::invalid. Unknown types decode with only the common header. A
  /// quoted packet shorter than an IP header (or empty) is not an error of ICMP: it is the IP
  /// decoder's business when it decodes quoted_packet().
  /// @param bytes the IP payload, starting with the ICMP type
  /// @return the view; or ErrorKind::truncated (Protocol::icmp) when fewer than 8 bytes are
  ///         given, or fewer than the fixed length of the type (20 for timestamp 13/14, 12 for
  ///         address mask 17/18)
  static Result<IcmpMessage> parse(ByteView bytes) noexcept;

  /// Decodes an ICMP message, knowing how long the IP header says it is.
  ///
  /// When all `declared_length` bytes were captured, a message shorter than its type's fixed
  /// length cannot be blamed on the capture: it is ErrorKind::invalid. The bytes beyond
  /// `declared_length` (link-layer padding) are left out of the view.
  /// @param bytes the IP payload as captured, starting with the ICMP type
  /// @param declared_length the ICMP message length the IP header declares (total length minus
  ///        header length), in bytes
  /// @return the view; or ErrorKind::truncated when the capture ended before the 8-byte header
  ///         or the fixed part of the type did; or ErrorKind::invalid when the declared length
  ///         itself is shorter than that
  static Result<IcmpMessage> parse(ByteView bytes, std::size_t declared_length) noexcept;

  /// Wraps bytes without validation; accessors of fields past the end return 0. Used to list
  /// the fields of a message that was cut short.
  /// @param bytes the ICMP message, or a prefix of it
  explicit constexpr IcmpMessage(ByteView bytes) noexcept : bytes_(bytes) {}
  /// Makes an empty view; every accessor returns 0 or an empty view.
  constexpr IcmpMessage() noexcept = default;

  /// @return the bytes the view was made from: the whole message as captured
  constexpr ByteView bytes() const noexcept { return bytes_; }

  /// @return the message type (byte 0); a value without an enumerator is returned as its number
  IcmpType type() const noexcept { return static_cast<IcmpType>(reader().u8_at(0)); }
  /// @return the code (byte 1), whose meaning depends on type(): compare with
  ///         IcmpUnreachableCode, IcmpRedirectCode, IcmpTimeExceededCode or IcmpParameterProblemCode
  std::uint8_t code() const noexcept { return reader().u8_at(1); }
  /// @return the checksum field as sent (bytes 2-3): the one's complement of the one's
  ///         complement sum of the whole message (RFC 792)
  std::uint16_t checksum() const noexcept { return reader().u16_at(2); }
  /// Verifies the checksum: the RFC 1071 sum over the whole ICMP message, which has no
  /// pseudo-header.
  /// @param declared_length the ICMP message length the IP header declares (total length minus
  ///        header length), in bytes; only that many bytes are summed (padding is left out)
  /// @return ChecksumStatus::good or ChecksumStatus::bad; ChecksumStatus::unverified when fewer
  ///         than `declared_length` bytes were captured (an ICMP error's quote of an ICMP message
  ///         is nearly always in this case)
  ChecksumStatus checksum_status(std::size_t declared_length) const noexcept;
  /// @return the 4 "rest of header" bytes (4-7) as one big-endian value, whatever the type
  std::uint32_t rest_of_header() const noexcept { return reader().u32_at(4); }

  /// @return true for the five error messages that quote the offending packet: destination
  ///         unreachable (3), source quench (4), redirect (5), time exceeded (11) and parameter
  ///         problem (12) (RFC 1122 section 3.2.2)
  bool is_error() const noexcept;

  /// @return the identifier (bytes 4-5) of an echo (0, 8), timestamp (13, 14), information (15,
  ///         16) or address mask (17, 18) message, which the reply copies so that the sender can
  ///         match it to its request
  std::uint16_t identifier() const noexcept { return reader().u16_at(4); }
  /// @return the sequence number (bytes 6-7) of the same messages as identifier()
  std::uint16_t sequence_number() const noexcept { return reader().u16_at(6); }
  /// @return the gateway address of a redirect (type 5, bytes 4-7): the router the host should
  ///         send to instead
  Ipv4Address gateway() const noexcept { return Ipv4Address{reader().array_at<4>(4)}; }
  /// @return the pointer of a parameter problem (type 12, byte 4): the offset, in bytes, of the
  ///         offending octet in the quoted IP header
  std::uint8_t pointer() const noexcept { return reader().u8_at(4); }
  /// @return the next-hop MTU (bytes 6-7) of a destination unreachable with code 4
  ///         (fragmentation needed), in bytes; 0 from a router older than RFC 1191
  /// @see RFC 1191 section 4
  std::uint16_t next_hop_mtu() const noexcept { return reader().u16_at(6); }
  /// @return the RFC 4884 length (byte 5) of destination unreachable (3), time exceeded (11) and
  ///         parameter problem (12) messages: the length of the original datagram field, in
  ///         32-bit words, when the message carries extensions; 0 otherwise and for other types
  /// @see RFC 4884 section 4.1
  std::uint8_t original_datagram_length() const noexcept;
  /// @return the originate timestamp (bytes 8-11) of a timestamp message (13, 14): when the
  ///         sender last touched the request, in milliseconds since midnight UT (the high bit set
  ///         means a non-standard time, RFC 792)
  std::uint32_t originate_timestamp() const noexcept { return reader().u32_at(8); }
  /// @return the receive timestamp (bytes 12-15) of a timestamp reply: when the echoer first
  ///         touched the request, in milliseconds since midnight UT
  std::uint32_t receive_timestamp() const noexcept { return reader().u32_at(12); }
  /// @return the transmit timestamp (bytes 16-19) of a timestamp reply: when the echoer last
  ///         touched the reply, in milliseconds since midnight UT
  std::uint32_t transmit_timestamp() const noexcept { return reader().u32_at(16); }
  /// @return the address mask (bytes 8-11) of an address mask request or reply (17, 18)
  /// @see RFC 950 appendix I
  Ipv4Address address_mask() const noexcept { return Ipv4Address{reader().array_at<4>(8)}; }

  /// @return the bytes after the 8-byte header, whatever the type: the data of an echo, the
  ///         timestamps, the address mask; for an error, the quoted packet followed by any
  ///         RFC 4884 extensions
  ByteView payload() const noexcept { return reader().view_from(header_length); }
  /// The packet an error message quotes: the offending packet's IP header and at least the first
  /// 8 bytes of its data (RFC 792), often more (RFC 1812 section 4.3.2.3 allows up to 576 bytes
  /// in all). When original_datagram_length() announces at least the 128 bytes RFC 4884
  /// section 4.1 requires, and that many were captured, the quote is cut to it and extensions()
  /// holds the rest; a shorter length is not RFC 4884's and is ignored, as Linux does.
  /// @return the quoted bytes, to be decoded as an IP packet; empty when !is_error()
  ByteView quoted_packet() const noexcept;
  /// @return the RFC 4884 extension structure after the original datagram field (version,
  ///         checksum and objects such as MPLS label stacks, RFC 4950); empty when the message has
  ///         none (see quoted_packet() for when the length counts)
  /// @see RFC 4884 section 7
  ByteView extensions() const noexcept;

 private:
  std::size_t original_datagram_bytes() const noexcept;
  constexpr ByteReader reader() const noexcept { return ByteReader(bytes_); }

  ByteView bytes_;
};

}  // namespace pktdoc
