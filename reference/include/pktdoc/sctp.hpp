/// @file
/// @brief SCTP (RFC 9260): the common header, the chunks it bundles, typed views of the chunks of
/// RFC 9260 section 3.3 (DATA, INIT, INIT ACK, SACK, HEARTBEAT, ABORT, SHUTDOWN, ERROR, COOKIE
/// ECHO, ...) and I-DATA (RFC 8260), their parameters and error causes, and the CRC32c checksum.
///
/// An SCTP packet is a 12-byte common header followed by chunks. Every chunk, parameter and error
/// cause has the same framing: a type, a 16-bit length that counts its own header but not its
/// padding, a value, and zero padding up to a multiple of 4 bytes (RFC 9260 sections 3.2 and
/// 3.2.1). SctpPacket::parse() checks that framing for every chunk; the typed chunk views check
/// the fixed fields and the parameters or causes inside one chunk. As RFC 9260 section 3.2 asks of
/// a robust receiver, a Chunk Length that counts the padding of the chunk's last parameter is
/// accepted as well as one that does not.
///
/// Every view in this file holds a ByteView of the packet and reads its fields on demand through
/// ByteReader; nothing is copied and nothing is allocated, so the views are small and trivially
/// copyable.
///
/// @code
/// auto sctp = pktdoc::SctpPacket::parse(ip.payload(), ip.payload_length());
/// if (!sctp) return;
/// std::printf("%u > %u vtag 0x%08x\n", sctp->source_port(), sctp->destination_port(),
///             sctp->verification_tag());
/// for (pktdoc::SctpChunk chunk : sctp->chunks()) {
///   if (auto data = pktdoc::SctpDataChunk::parse(chunk.bytes()))
///     std::printf("DATA TSN %u stream %u, %zu bytes\n", data->tsn(), data->stream_identifier(),
///                 data->user_data().size());
///   else
///     std::printf("%s, %u bytes\n", chunk.name(), chunk.length());
/// }
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// SCTP chunk types (the IANA "Chunk Types" registry of the SCTP parameters).
///
/// The two most significant bits of a chunk type say what a receiver that does not know the type
/// does with it (SctpChunk::unrecognized_action()).
/// @see RFC 9260 section 3.2
namespace sctp_chunk_type {
/// DATA: user data (RFC 9260 section 3.3.1); SctpDataChunk.
inline constexpr std::uint8_t data = 0;
/// INIT: starts an association (section 3.3.2); SctpInitChunk.
inline constexpr std::uint8_t init = 1;
/// INIT ACK: answers INIT (section 3.3.3); SctpInitChunk.
inline constexpr std::uint8_t init_ack = 2;
/// SACK: selective acknowledgement (section 3.3.4); SctpSackChunk.
inline constexpr std::uint8_t sack = 3;
/// HEARTBEAT: probes a path (section 3.3.5); SctpHeartbeatChunk.
inline constexpr std::uint8_t heartbeat = 4;
/// HEARTBEAT ACK: answers HEARTBEAT (section 3.3.6); SctpHeartbeatChunk.
inline constexpr std::uint8_t heartbeat_ack = 5;
/// ABORT: ends an association at once (section 3.3.7); SctpAbortChunk.
inline constexpr std::uint8_t abort = 6;
/// SHUTDOWN: starts a graceful close (section 3.3.8); SctpShutdownChunk.
inline constexpr std::uint8_t shutdown = 7;
/// SHUTDOWN ACK (section 3.3.9): no value, no typed view.
inline constexpr std::uint8_t shutdown_ack = 8;
/// ERROR: reports error causes (section 3.3.10); SctpErrorChunk.
inline constexpr std::uint8_t error = 9;
/// COOKIE ECHO: returns the state cookie (section 3.3.11); SctpCookieEchoChunk.
inline constexpr std::uint8_t cookie_echo = 10;
/// COOKIE ACK (section 3.3.12): no value, no typed view.
inline constexpr std::uint8_t cookie_ack = 11;
/// ECNE, ECN echo: reserved for ECN (RFC 9260 section 3.2; RFC 3168 appendix A); raw.
inline constexpr std::uint8_t ecne = 12;
/// CWR, congestion window reduced: reserved for ECN (RFC 9260 section 3.2; RFC 3168 appendix A); raw.
inline constexpr std::uint8_t cwr = 13;
/// SHUTDOWN COMPLETE: ends a graceful close (section 3.3.13); SctpShutdownCompleteChunk.
inline constexpr std::uint8_t shutdown_complete = 14;
/// AUTH: authenticates the chunks after it (RFC 4895 section 4.2); raw.
inline constexpr std::uint8_t auth = 15;
/// I-DATA: user data with message identifiers (RFC 8260 section 2.1); SctpIDataChunk.
inline constexpr std::uint8_t i_data = 64;
/// ASCONF-ACK (RFC 5061 section 4.1.2); raw.
inline constexpr std::uint8_t asconf_ack = 128;
/// RE-CONFIG: stream reconfiguration (RFC 6525 section 3.1); raw.
inline constexpr std::uint8_t re_config = 130;
/// PAD: padding to a chosen packet size (RFC 4820 section 3); raw.
inline constexpr std::uint8_t pad = 132;
/// FORWARD TSN: partial reliability (RFC 3758 section 3.2); raw.
inline constexpr std::uint8_t forward_tsn = 192;
/// ASCONF: address reconfiguration (RFC 5061 section 4.1.1); raw.
inline constexpr std::uint8_t asconf = 193;
/// I-FORWARD-TSN (RFC 8260 section 2.3.1); raw.
inline constexpr std::uint8_t i_forward_tsn = 194;
}  // namespace sctp_chunk_type

/// The RFC name of a chunk type: "DATA", "INIT", "INIT ACK", "SACK", ..., "I-DATA", "FORWARD TSN".
/// @param type a chunk type (sctp_chunk_type)
/// @return a static string; "unknown" for a type not listed in sctp_chunk_type
std::string_view sctp_chunk_type_name(std::uint8_t type) noexcept;

/// SCTP parameter types: the variable-length parameters of INIT, INIT ACK, HEARTBEAT, ASCONF and
/// RE-CONFIG chunks (the IANA "Chunk Parameter Types" registry).
///
/// The two most significant bits say what a receiver that does not know the type does with it
/// (SctpParameter::unrecognized_action()).
/// @see RFC 9260 sections 3.2.1 and 3.3.2.1
namespace sctp_parameter_type {
/// Heartbeat Info, in HEARTBEAT and HEARTBEAT ACK (RFC 9260 section 3.3.5).
inline constexpr std::uint16_t heartbeat_info = 1;
/// IPv4 Address of the sender (section 3.3.2.1.1).
inline constexpr std::uint16_t ipv4_address = 5;
/// IPv6 Address of the sender (section 3.3.2.1.2).
inline constexpr std::uint16_t ipv6_address = 6;
/// State Cookie, in INIT ACK (section 3.3.3.1).
inline constexpr std::uint16_t state_cookie = 7;
/// Unrecognized Parameter, in INIT ACK (section 3.3.3.1).
inline constexpr std::uint16_t unrecognized_parameter = 8;
/// Cookie Preservative: suggested cookie life-span increment (section 3.3.2.1.3).
inline constexpr std::uint16_t cookie_preservative = 9;
/// Host Name Address (section 3.3.2.1.4): deprecated, a receiver answers it with ABORT.
inline constexpr std::uint16_t host_name_address = 11;
/// Supported Address Types (section 3.3.2.1.5).
inline constexpr std::uint16_t supported_address_types = 12;
/// Outgoing SSN Reset Request (RFC 6525 section 4.1).
inline constexpr std::uint16_t outgoing_ssn_reset_request = 13;
/// Incoming SSN Reset Request (RFC 6525 section 4.2).
inline constexpr std::uint16_t incoming_ssn_reset_request = 14;
/// SSN/TSN Reset Request (RFC 6525 section 4.3).
inline constexpr std::uint16_t ssn_tsn_reset_request = 15;
/// Re-configuration Response (RFC 6525 section 4.4).
inline constexpr std::uint16_t re_configuration_response = 16;
/// Add Outgoing Streams Request (RFC 6525 section 4.5).
inline constexpr std::uint16_t add_outgoing_streams_request = 17;
/// Add Incoming Streams Request (RFC 6525 section 4.6).
inline constexpr std::uint16_t add_incoming_streams_request = 18;
/// Reserved for ECN Capable (RFC 9260 section 3.3.2.1; RFC 3168 appendix A).
inline constexpr std::uint16_t ecn_capable = 0x8000;
/// Random (RFC 4895 section 3.1).
inline constexpr std::uint16_t random = 0x8002;
/// Chunk List of the chunks to authenticate (RFC 4895 section 3.2).
inline constexpr std::uint16_t chunk_list = 0x8003;
/// Requested HMAC Algorithm (RFC 4895 section 3.3).
inline constexpr std::uint16_t requested_hmac_algorithm = 0x8004;
/// Padding (RFC 4820 section 4).
inline constexpr std::uint16_t padding = 0x8005;
/// Supported Extensions: chunk types the sender knows (RFC 5061 section 4.2.7).
inline constexpr std::uint16_t supported_extensions = 0x8008;
/// Forward-TSN-Supported (RFC 3758 section 3.1).
inline constexpr std::uint16_t forward_tsn_supported = 0xC000;
/// Add IP Address (RFC 5061 section 4.2.1).
inline constexpr std::uint16_t add_ip_address = 0xC001;
/// Delete IP Address (RFC 5061 section 4.2.2).
inline constexpr std::uint16_t delete_ip_address = 0xC002;
/// Error Cause Indication (RFC 5061 section 4.2.3).
inline constexpr std::uint16_t error_cause_indication = 0xC003;
/// Set Primary Address (RFC 5061 section 4.2.4).
inline constexpr std::uint16_t set_primary_address = 0xC004;
/// Success Indication (RFC 5061 section 4.2.5).
inline constexpr std::uint16_t success_indication = 0xC005;
/// Adaptation Layer Indication (RFC 5061 section 4.2.6).
inline constexpr std::uint16_t adaptation_layer_indication = 0xC006;
}  // namespace sctp_parameter_type

/// The RFC name of a parameter type: "IPv4 Address", "State Cookie", "Forward-TSN-Supported", ...
/// @param type a parameter type (sctp_parameter_type)
/// @return a static string; "unknown" for a type not listed in sctp_parameter_type
std::string_view sctp_parameter_type_name(std::uint16_t type) noexcept;

/// SCTP error cause codes, carried by ERROR and ABORT chunks (the IANA "Error Cause Codes" registry).
/// @see RFC 9260 section 3.3.10
namespace sctp_cause_code {
/// Invalid Stream Identifier (RFC 9260 section 3.3.10.1).
inline constexpr std::uint16_t invalid_stream_identifier = 1;
/// Missing Mandatory Parameter (section 3.3.10.2).
inline constexpr std::uint16_t missing_mandatory_parameter = 2;
/// Stale Cookie Error (section 3.3.10.3).
inline constexpr std::uint16_t stale_cookie_error = 3;
/// Out of Resource (section 3.3.10.4).
inline constexpr std::uint16_t out_of_resource = 4;
/// Unresolvable Address (section 3.3.10.5).
inline constexpr std::uint16_t unresolvable_address = 5;
/// Unrecognized Chunk Type: carries the chunk (section 3.3.10.6).
inline constexpr std::uint16_t unrecognized_chunk_type = 6;
/// Invalid Mandatory Parameter (section 3.3.10.7).
inline constexpr std::uint16_t invalid_mandatory_parameter = 7;
/// Unrecognized Parameters: carries them (section 3.3.10.8).
inline constexpr std::uint16_t unrecognized_parameters = 8;
/// No User Data: a DATA chunk without data (section 3.3.10.9).
inline constexpr std::uint16_t no_user_data = 9;
/// Cookie Received While Shutting Down (section 3.3.10.10).
inline constexpr std::uint16_t cookie_received_while_shutting_down = 10;
/// Restart of an Association with New Addresses (section 3.3.10.11).
inline constexpr std::uint16_t restart_with_new_addresses = 11;
/// User-Initiated Abort, with the user's reason (section 3.3.10.12).
inline constexpr std::uint16_t user_initiated_abort = 12;
/// Protocol Violation (section 3.3.10.13).
inline constexpr std::uint16_t protocol_violation = 13;
/// Request to Delete Last Remaining IP Address (RFC 5061 section 4.3.1).
inline constexpr std::uint16_t delete_last_remaining_ip_address = 0x00A0;
/// Operation Refused Due to Resource Shortage (RFC 5061 section 4.3.2).
inline constexpr std::uint16_t operation_refused_resource_shortage = 0x00A1;
/// Request to Delete Source IP Address (RFC 5061 section 4.3.3).
inline constexpr std::uint16_t delete_source_ip_address = 0x00A2;
/// Association Aborted Due to Illegal ASCONF-ACK (RFC 5061 section 4.3.4).
inline constexpr std::uint16_t illegal_asconf_ack = 0x00A3;
/// Request Refused - No Authorization (RFC 5061 section 4.3.5).
inline constexpr std::uint16_t request_refused_no_authorization = 0x00A4;
/// Unsupported HMAC Identifier (RFC 4895 section 4.1).
inline constexpr std::uint16_t unsupported_hmac_identifier = 0x0105;
}  // namespace sctp_cause_code

/// The RFC name of an error cause code: "Invalid Stream Identifier", "Protocol Violation", ...
/// @param code an error cause code (sctp_cause_code)
/// @return a static string; "unknown" for a code not listed in sctp_cause_code
std::string_view sctp_cause_code_name(std::uint16_t code) noexcept;

/// What a receiver that does not recognize a chunk or parameter type does with it: the two most
/// significant bits of the type (RFC 9260 section 3.2 for chunks, 3.2.1 for parameters).
enum class SctpUnrecognizedAction : std::uint8_t {
  stop = 0,             ///< 00: stop processing the packet (for a parameter: the rest of the chunk).
  stop_and_report = 1,  ///< 01: stop, and report the type in an ERROR chunk or INIT ACK.
  skip = 2,             ///< 10: skip this chunk or parameter and go on with the next.
  skip_and_report = 3,  ///< 11: skip it, go on, and report the type.
};

/// The length of a chunk, parameter or error cause rounded up to a multiple of 4 bytes: where the
/// next one starts (RFC 9260 sections 3.2 and 3.2.1).
/// @param length a Chunk Length or Parameter Length field, in bytes
/// @return `length` plus its padding (0 to 3 bytes)
constexpr std::size_t sctp_padded_length(std::size_t length) noexcept { return (length + 3) & ~std::size_t{3}; }

/// One chunk: type, flags, length and value, without the padding that follows it.
///
/// @warning A view: valid only while the bytes it was made from are (for a captured frame, until
/// the next call to CaptureReader::next()).
/// @see RFC 9260 section 3.2
class SctpChunk {
 public:
  /// Length of the chunk header (type, flags, length), in bytes.
  static constexpr std::size_t header_length = 4;

  /// Decodes the chunk that starts at the first byte of `bytes`.
  /// @param bytes the chunk and possibly what follows it (its padding, more chunks)
  /// @return the view, cut to the Chunk Length; or ErrorKind::truncated (Protocol::sctp) when
  ///         fewer than 4 bytes or fewer than the Chunk Length are given; or ErrorKind::invalid
  ///         when the Chunk Length is below 4
  static Result<SctpChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation: cut to the Chunk Length when it fits, else kept whole.
  /// @param bytes the chunk, starting with its type
  explicit SctpChunk(ByteView bytes) noexcept;
  /// Makes an empty view; every accessor returns 0 or an empty view.
  SctpChunk() noexcept = default;

  /// @return the Chunk Type (sctp_chunk_type)
  std::uint8_t type() const noexcept { return ByteReader(bytes_).u8_at(0); }
  /// @return the Chunk Flags, whose meaning depends on the type
  std::uint8_t flags() const noexcept { return ByteReader(bytes_).u8_at(1); }
  /// @return the Chunk Length: header and value, without padding, in bytes
  std::uint16_t length() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return the Chunk Value: the bytes after the 4-byte header up to the Chunk Length (up to
  ///         the end of the view for an unchecked view whose length lies)
  ByteView value() const noexcept;
  /// @return the chunk from its type to the end of its value (no padding)
  ByteView bytes() const noexcept { return bytes_; }
  /// @return what a receiver that does not know the type does: the type's top two bits
  SctpUnrecognizedAction unrecognized_action() const noexcept {
    return static_cast<SctpUnrecognizedAction>(type() >> 6);
  }
  /// @return sctp_chunk_type_name(type())
  std::string_view name() const noexcept { return sctp_chunk_type_name(type()); }

 private:
  ByteView bytes_;
};

/// One variable-length parameter: a 16-bit type, a 16-bit length, a value (no padding).
///
/// The typed accessors return a value only when type() is theirs and the length is right.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.2.1
class SctpParameter {
 public:
  /// Length of the parameter header (type and length), in bytes.
  static constexpr std::size_t header_length = 4;

  /// Decodes the parameter that starts at the first byte of `bytes`.
  /// @param bytes the parameter and possibly what follows it
  /// @return the view, cut to the Parameter Length; or ErrorKind::truncated (Protocol::sctp) when
  ///         fewer than 4 bytes or fewer than the Parameter Length are given; or
  ///         ErrorKind::invalid when the Parameter Length is below 4
  static Result<SctpParameter> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation: cut to the Parameter Length when it fits, else kept whole.
  /// @param bytes the parameter, starting with its type
  explicit SctpParameter(ByteView bytes) noexcept;
  /// Makes an empty view.
  SctpParameter() noexcept = default;

  /// @return the Parameter Type (sctp_parameter_type)
  std::uint16_t type() const noexcept { return ByteReader(bytes_).u16_at(0); }
  /// @return the Parameter Length: header and value, without padding, in bytes
  std::uint16_t length() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return the Parameter Value: the bytes after the 4-byte header up to the Parameter Length
  ByteView value() const noexcept;
  /// @return the parameter from its type to the end of its value (no padding)
  ByteView bytes() const noexcept { return bytes_; }
  /// @return what a receiver that does not know the type does: the type's top two bits
  SctpUnrecognizedAction unrecognized_action() const noexcept {
    return static_cast<SctpUnrecognizedAction>(type() >> 14);
  }
  /// @return sctp_parameter_type_name(type())
  std::string_view name() const noexcept { return sctp_parameter_type_name(type()); }

  /// @return the address of an IPv4 Address parameter (type 5, length 8); nothing otherwise
  std::optional<Ipv4Address> ipv4_address() const noexcept;
  /// @return the address of an IPv6 Address parameter (type 6, length 20); nothing otherwise
  std::optional<Ipv6Address> ipv6_address() const noexcept;
  /// @return the Suggested Cookie Life-Span Increment of a Cookie Preservative parameter (type 9,
  ///         length 8), in milliseconds; nothing otherwise
  std::optional<std::uint32_t> cookie_preservative_increment() const noexcept;
  /// @return the name of a Host Name Address parameter (type 11), without its terminating NUL
  ///         and padding; nothing otherwise
  std::optional<std::string_view> host_name() const noexcept;
  /// @return the number of 16-bit address types of a Supported Address Types parameter (type
  ///         12); 0 for other parameters
  std::size_t supported_address_type_count() const noexcept;
  /// @param index from 0 to supported_address_type_count() - 1
  /// @return that address type (5 IPv4, 6 IPv6, 11 host name); 0 when out of range
  std::uint16_t supported_address_type(std::size_t index) const noexcept;

 private:
  ByteView bytes_;
};

/// One error cause of an ERROR or ABORT chunk: a cause code, a length and cause-specific
/// information (no padding).
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.3.10
class SctpErrorCause {
 public:
  /// Length of the cause header (code and length), in bytes.
  static constexpr std::size_t header_length = 4;

  /// Decodes the error cause that starts at the first byte of `bytes`.
  /// @param bytes the cause and possibly what follows it
  /// @return the view, cut to the Cause Length; or ErrorKind::truncated (Protocol::sctp) when
  ///         fewer than 4 bytes or fewer than the Cause Length are given; or ErrorKind::invalid
  ///         when the Cause Length is below 4
  static Result<SctpErrorCause> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation: cut to the Cause Length when it fits, else kept whole.
  /// @param bytes the cause, starting with its code
  explicit SctpErrorCause(ByteView bytes) noexcept;
  /// Makes an empty view.
  SctpErrorCause() noexcept = default;

  /// @return the Cause Code (sctp_cause_code)
  std::uint16_t code() const noexcept { return ByteReader(bytes_).u16_at(0); }
  /// @return the Cause Length: header and information, without padding, in bytes
  std::uint16_t length() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return the Cause-Specific Information: the bytes after the 4-byte header up to the length
  ByteView info() const noexcept;
  /// @return the cause from its code to the end of its information (no padding)
  ByteView bytes() const noexcept { return bytes_; }
  /// @return sctp_cause_code_name(code())
  std::string_view name() const noexcept { return sctp_cause_code_name(code()); }
  /// @return the Stream Identifier of an Invalid Stream Identifier cause (code 1); nothing otherwise
  std::optional<std::uint16_t> stream_identifier() const noexcept;
  /// @return the chunk that an Unrecognized Chunk Type cause (code 6) carries, as far as the cause
  ///         holds it (unchecked); nothing for other causes or when fewer than 4 bytes are there
  std::optional<SctpChunk> unrecognized_chunk() const noexcept;

 private:
  ByteView bytes_;
};

/// The chunks of a packet, the parameters of a chunk or the error causes of a chunk: a sequence
/// of padded type-length-value elements walked in place.
///
/// Iteration yields each element whose header and value lie inside the bytes, and stops at the
/// first that does not: fewer than 4 bytes left, a length below 4 (which would never advance), a
/// length past the end, or after `limit` elements. The padding of the last element may be
/// missing. For a range from a view that `parse` accepted, that is every element; for a view
/// made with an unchecked constructor, it is the well-formed prefix. Every step advances at least
/// 4 bytes, so a walk never takes more than bytes/4 + 1 steps.
///
/// @tparam Element SctpChunk, SctpParameter or SctpErrorCause
/// @warning A view: valid only while the bytes it was made from are.
template <class Element>
class SctpTlvRange {
 public:
  /// Walks the elements of `bytes`.
  /// @param bytes the region that holds the elements, padding included
  /// @param limit the most elements to yield
  constexpr SctpTlvRange(ByteView bytes, std::size_t limit) noexcept : bytes_(bytes), limit_(limit) {}
  /// Makes an empty range.
  constexpr SctpTlvRange() noexcept = default;

  /// A forward iterator over the elements; compares equal to end() after the last one.
  class Iterator {
   public:
    using iterator_concept = std::forward_iterator_tag;    ///< Multi-pass: a view can be walked again.
    using iterator_category = std::input_iterator_tag;    ///< Dereferencing yields a value, not a reference.
    using value_type = Element;                           ///< Yields element views by value.
    using difference_type = std::ptrdiff_t;               ///< Required by the iterator concepts.
    using pointer = void;                                 ///< Elements are produced, not stored.
    using reference = Element;                            ///< Dereferencing yields a value.

    /// Makes an end iterator.
    constexpr Iterator() noexcept = default;
    /// @return the current element
    Element operator*() const noexcept { return Element(ByteReader(bytes_).view_at(offset_, length_)); }
    /// Advances to the next element, or to the end.
    /// @return this iterator
    Iterator& operator++() noexcept {
      ++count_;
      const std::size_t padded = sctp_padded_length(length_);
      offset_ = padded < bytes_.size() - offset_ ? offset_ + padded : bytes_.size();
      settle();
      return *this;
    }
    /// Advances to the next element, or to the end.
    /// @return a copy of the iterator before it advanced
    Iterator operator++(int) noexcept {
      Iterator before = *this;
      ++*this;
      return before;
    }
    /// @param other another iterator over the same range
    /// @return true when both are at the same element, or both at the end
    constexpr bool operator==(const Iterator& other) const noexcept {
      return at_end_ == other.at_end_ && (at_end_ || offset_ == other.offset_);
    }
    /// @return the offset of the current element from the start of the range's bytes
    constexpr std::size_t offset() const noexcept { return offset_; }

   private:
    friend class SctpTlvRange;
    Iterator(ByteView bytes, std::size_t limit) noexcept : bytes_(bytes), limit_(limit), at_end_(false) { settle(); }
    // Moves to the end unless a whole element starts at offset_.
    void settle() noexcept {
      const ByteReader reader(bytes_);
      const std::size_t left = bytes_.size() - offset_;
      length_ = left >= 4 ? reader.u16_at(offset_ + 2) : 0;
      if (count_ >= limit_ || left < 4 || length_ < 4 || length_ > left) at_end_ = true;
    }

    ByteView bytes_;
    std::size_t limit_ = 0;
    std::size_t offset_ = 0;
    std::size_t count_ = 0;
    std::size_t length_ = 0;
    bool at_end_ = true;
  };

  /// @return an iterator at the first element (equal to end() when there is none)
  Iterator begin() const noexcept { return Iterator(bytes_, limit_); }
  /// @return the end iterator
  Iterator end() const noexcept { return Iterator(); }
  /// @return true when the range yields no element
  bool empty() const noexcept { return begin() == end(); }
  /// Counts the elements (walks the range).
  /// @return the number of elements iteration yields
  std::size_t size() const noexcept {
    std::size_t count = 0;
    for (auto it = begin(); it != end(); ++it) ++count;
    return count;
  }
  /// @return the region the range walks, padding included
  ByteView bytes() const noexcept { return bytes_; }

 private:
  ByteView bytes_;
  std::size_t limit_ = 0;
};

/// The chunks of an SCTP packet (SctpPacket::chunks()).
using SctpChunkRange = SctpTlvRange<SctpChunk>;
/// The parameters of an INIT or INIT ACK chunk (SctpInitChunk::parameters()).
using SctpParameterRange = SctpTlvRange<SctpParameter>;
/// The error causes of an ERROR or ABORT chunk (SctpErrorChunk::error_causes()).
using SctpErrorCauseRange = SctpTlvRange<SctpErrorCause>;

/// The most parameters or error causes a range walks in one chunk: a 65535-byte chunk holds at
/// most 16383 of 4 bytes, so this bound never cuts a real chunk short.
inline constexpr std::size_t sctp_max_tlvs_per_chunk = 16384;

/// A DATA chunk: one piece of a user message on one stream.
///
/// The flags are U (unordered), B (beginning fragment), E (ending fragment) and I (immediate:
/// the receiver should not delay its SACK, RFC 7053). A whole unfragmented message has B and E.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.3.1; RFC 7053 section 3 (I bit)
class SctpDataChunk {
 public:
  /// Length of the header before the user data: chunk header, TSN, stream identifier, stream
  /// sequence number and payload protocol identifier, in bytes.
  static constexpr std::size_t header_length = 16;

  /// Decodes a DATA chunk.
  ///
  /// A DATA chunk of exactly 16 bytes carries no user data; RFC 9260 section 6.2 makes the
  /// receiver abort with a No User Data cause, but it decodes (user_data() is empty).
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is not 0 or
  ///         the Chunk Length is below 16
  static Result<SctpDataChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation; accessors of fields past the end return 0.
  /// @param bytes the chunk, starting with its type
  explicit SctpDataChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpDataChunk() noexcept = default;

  /// @return the generic chunk view (type, flags, length, value)
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return the I bit (0x08, RFC 7053): the sender asks for an immediate SACK
  bool i_bit() const noexcept { return (chunk_.flags() & 0x08) != 0; }
  /// @return the U bit (0x04): an unordered message, the stream sequence number is meaningless
  bool u_bit() const noexcept { return (chunk_.flags() & 0x04) != 0; }
  /// @return the B bit (0x02): the first fragment of a user message
  bool b_bit() const noexcept { return (chunk_.flags() & 0x02) != 0; }
  /// @return the E bit (0x01): the last fragment of a user message
  bool e_bit() const noexcept { return (chunk_.flags() & 0x01) != 0; }
  /// @return the Transmission Sequence Number (TSN) of this chunk
  std::uint32_t tsn() const noexcept { return reader().u32_at(4); }
  /// @return the Stream Identifier (S) of the stream the data belongs to
  std::uint16_t stream_identifier() const noexcept { return reader().u16_at(8); }
  /// @return the Stream Sequence Number (n) of the user message within its stream
  std::uint16_t stream_sequence_number() const noexcept { return reader().u16_at(10); }
  /// @return the Payload Protocol Identifier, set by the application (IANA "SCTP Payload
  ///         Protocol Identifiers"; 0 is unspecified); opaque to SCTP
  std::uint32_t payload_protocol_identifier() const noexcept { return reader().u32_at(12); }
  /// @return the User Data: the bytes after the 16-byte header up to the Chunk Length
  ByteView user_data() const noexcept { return reader().view_from(header_length); }

 private:
  ByteReader reader() const noexcept { return ByteReader(chunk_.bytes()); }
  SctpChunk chunk_;
};

/// An I-DATA chunk: DATA with a 32-bit message identifier, so that large messages can be
/// interleaved on one association.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 8260 section 2.1
class SctpIDataChunk {
 public:
  /// Length of the header before the user data, in bytes.
  static constexpr std::size_t header_length = 20;

  /// Decodes an I-DATA chunk.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is not 64 or
  ///         the Chunk Length is below 20
  static Result<SctpIDataChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation; accessors of fields past the end return 0.
  /// @param bytes the chunk, starting with its type
  explicit SctpIDataChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpIDataChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return the I bit (0x08): the sender asks for an immediate SACK
  bool i_bit() const noexcept { return (chunk_.flags() & 0x08) != 0; }
  /// @return the U bit (0x04): an unordered message
  bool u_bit() const noexcept { return (chunk_.flags() & 0x04) != 0; }
  /// @return the B bit (0x02): the first fragment of a user message
  bool b_bit() const noexcept { return (chunk_.flags() & 0x02) != 0; }
  /// @return the E bit (0x01): the last fragment of a user message
  bool e_bit() const noexcept { return (chunk_.flags() & 0x01) != 0; }
  /// @return the Transmission Sequence Number (TSN)
  std::uint32_t tsn() const noexcept { return reader().u32_at(4); }
  /// @return the Stream Identifier
  std::uint16_t stream_identifier() const noexcept { return reader().u16_at(8); }
  /// @return the Message Identifier (MID) of the user message within its stream
  std::uint32_t message_identifier() const noexcept { return reader().u32_at(12); }
  /// @return the Payload Protocol Identifier; the field holds it only when b_bit() is set
  std::uint32_t payload_protocol_identifier() const noexcept { return reader().u32_at(16); }
  /// @return the Fragment Sequence Number (FSN); the same field, meaningful when b_bit() is clear
  ///         (the first fragment has FSN 0 implicitly)
  std::uint32_t fragment_sequence_number() const noexcept { return reader().u32_at(16); }
  /// @return the User Data: the bytes after the 20-byte header up to the Chunk Length
  ByteView user_data() const noexcept { return reader().view_from(header_length); }

 private:
  ByteReader reader() const noexcept { return ByteReader(chunk_.bytes()); }
  SctpChunk chunk_;
};

/// An INIT or INIT ACK chunk: the same fixed fields, then parameters (an INIT ACK carries the
/// State Cookie parameter that the COOKIE ECHO returns).
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 sections 3.3.2 (INIT) and 3.3.3 (INIT ACK)
class SctpInitChunk {
 public:
  /// Length of the fixed part: chunk header, initiate tag, a_rwnd, stream counts, initial TSN.
  static constexpr std::size_t fixed_length = 20;

  /// Decodes an INIT or INIT ACK chunk and checks the framing of its parameters.
  ///
  /// The values are not judged: a zero Initiate Tag or stream count, which a receiver must
  /// reject (RFC 9260 section 3.3.2), still decodes.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is neither 1
  ///         nor 2, the Chunk Length is below 20, or a parameter's length is below 4 or runs
  ///         past the chunk
  static Result<SctpInitChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation; accessors of fields past the end return 0.
  /// @param bytes the chunk, starting with its type
  explicit SctpInitChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpInitChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return true for INIT ACK (type 2), false for INIT (type 1)
  bool is_init_ack() const noexcept { return chunk_.type() == sctp_chunk_type::init_ack; }
  /// @return the Initiate Tag: the verification tag the peer must put in every packet it sends
  std::uint32_t initiate_tag() const noexcept { return reader().u32_at(4); }
  /// @return the Advertised Receiver Window Credit (a_rwnd), in bytes
  std::uint32_t advertised_receiver_window_credit() const noexcept { return reader().u32_at(8); }
  /// @return the Number of Outbound Streams (OS) the sender wants to open
  std::uint16_t number_of_outbound_streams() const noexcept { return reader().u16_at(12); }
  /// @return the Number of Inbound Streams (MIS), the most the sender accepts
  std::uint16_t number_of_inbound_streams() const noexcept { return reader().u16_at(14); }
  /// @return the Initial TSN: the TSN of the sender's first DATA chunk
  std::uint32_t initial_tsn() const noexcept { return reader().u32_at(16); }
  /// @return the optional and variable-length parameters, in order (at most
  ///         sctp_max_tlvs_per_chunk)
  SctpParameterRange parameters() const noexcept {
    return SctpParameterRange(reader().view_from(fixed_length), sctp_max_tlvs_per_chunk);
  }
  /// @param type a parameter type (sctp_parameter_type)
  /// @return the first parameter of that type; nothing when there is none
  std::optional<SctpParameter> find_parameter(std::uint16_t type) const noexcept;
  /// @return the value of the State Cookie parameter (INIT ACK); nothing when there is none
  std::optional<ByteView> state_cookie() const noexcept;

 private:
  ByteReader reader() const noexcept { return ByteReader(chunk_.bytes()); }
  SctpChunk chunk_;
};

/// One Gap Ack Block of a SACK: TSNs received after a gap, as offsets from the Cumulative TSN Ack.
/// @see RFC 9260 section 3.3.4
struct SctpGapAckBlock {
  std::uint16_t start = 0;  ///< Gap Ack Block Start: first TSN received is cumulative_tsn_ack + start.
  std::uint16_t end = 0;    ///< Gap Ack Block End: last TSN received is cumulative_tsn_ack + end.
};

/// A SACK chunk: what the receiver has got (cumulative TSN, gap blocks) and duplicates it saw.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.3.4
class SctpSackChunk {
 public:
  /// Length of the fixed part, before the gap ack blocks, in bytes.
  static constexpr std::size_t fixed_length = 16;

  /// Decodes a SACK chunk.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is not 3, the
  ///         Chunk Length is below 16, or the gap ack blocks and duplicate TSNs the counts
  ///         announce (4 bytes each) do not fit in it
  static Result<SctpSackChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation; accessors of fields past the end return 0.
  /// @param bytes the chunk, starting with its type
  explicit SctpSackChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpSackChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return the Cumulative TSN Ack: every TSN up to this one has been received
  std::uint32_t cumulative_tsn_ack() const noexcept { return reader().u32_at(4); }
  /// @return the Advertised Receiver Window Credit (a_rwnd), in bytes
  std::uint32_t advertised_receiver_window_credit() const noexcept { return reader().u32_at(8); }
  /// @return the Number of Gap Ack Blocks
  std::uint16_t number_of_gap_ack_blocks() const noexcept { return reader().u16_at(12); }
  /// @return the Number of Duplicate TSNs
  std::uint16_t number_of_duplicate_tsns() const noexcept { return reader().u16_at(14); }
  /// @param index from 0 to number_of_gap_ack_blocks() - 1
  /// @return that block; zeros when out of range or past the end of the bytes
  SctpGapAckBlock gap_ack_block(std::size_t index) const noexcept;
  /// @param index from 0 to number_of_duplicate_tsns() - 1
  /// @return that duplicate TSN; 0 when out of range or past the end of the bytes
  std::uint32_t duplicate_tsn(std::size_t index) const noexcept;

 private:
  ByteReader reader() const noexcept { return ByteReader(chunk_.bytes()); }
  SctpChunk chunk_;
};

/// A HEARTBEAT or HEARTBEAT ACK chunk: one Heartbeat Info parameter, opaque to the receiver,
/// which the HEARTBEAT ACK returns unchanged.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 sections 3.3.5 and 3.3.6
class SctpHeartbeatChunk {
 public:
  /// Decodes a HEARTBEAT or HEARTBEAT ACK chunk.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is neither 4
  ///         nor 5, or the value does not hold a parameter (4-byte header, length from 4 to the
  ///         value's size)
  static Result<SctpHeartbeatChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation; accessors of fields past the end return 0.
  /// @param bytes the chunk, starting with its type
  explicit SctpHeartbeatChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpHeartbeatChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return true for HEARTBEAT ACK (type 5), false for HEARTBEAT (type 4)
  bool is_heartbeat_ack() const noexcept { return chunk_.type() == sctp_chunk_type::heartbeat_ack; }
  /// @return the Heartbeat Information parameter (type 1 in a correct chunk); its value() is the
  ///         sender-specific information
  SctpParameter heartbeat_info() const noexcept { return SctpParameter(chunk_.value()); }

 private:
  SctpChunk chunk_;
};

/// An ABORT chunk: the association ends now; zero or more error causes say why.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.3.7
class SctpAbortChunk {
 public:
  /// Decodes an ABORT chunk and checks the framing of its error causes.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is not 6 or an
  ///         error cause's length is below 4 or runs past the chunk
  static Result<SctpAbortChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation.
  /// @param bytes the chunk, starting with its type
  explicit SctpAbortChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpAbortChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return the T bit (0x01): set when the sender reflected the receiver's own verification tag
  ///         because it had no TCB (RFC 9260 section 8.5.1)
  bool t_bit() const noexcept { return (chunk_.flags() & 0x01) != 0; }
  /// @return the error causes, in order (at most sctp_max_tlvs_per_chunk)
  SctpErrorCauseRange error_causes() const noexcept {
    return SctpErrorCauseRange(chunk_.value(), sctp_max_tlvs_per_chunk);
  }

 private:
  SctpChunk chunk_;
};

/// An ERROR chunk: one or more error causes reported without ending the association.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.3.10
class SctpErrorChunk {
 public:
  /// Decodes an ERROR chunk and checks the framing of its error causes.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is not 9 or an
  ///         error cause's length is below 4 or runs past the chunk
  static Result<SctpErrorChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation.
  /// @param bytes the chunk, starting with its type
  explicit SctpErrorChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpErrorChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return the error causes, in order (at most sctp_max_tlvs_per_chunk)
  SctpErrorCauseRange error_causes() const noexcept {
    return SctpErrorCauseRange(chunk_.value(), sctp_max_tlvs_per_chunk);
  }

 private:
  SctpChunk chunk_;
};

/// A SHUTDOWN chunk: the sender starts a graceful close and acknowledges TSNs up to a point.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.3.8
class SctpShutdownChunk {
 public:
  /// Length of a SHUTDOWN chunk, in bytes.
  static constexpr std::size_t fixed_length = 8;

  /// Decodes a SHUTDOWN chunk.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is not 7 or
  ///         the Chunk Length is below 8
  static Result<SctpShutdownChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation; accessors of fields past the end return 0.
  /// @param bytes the chunk, starting with its type
  explicit SctpShutdownChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpShutdownChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return the Cumulative TSN Ack: the last TSN received in sequence
  std::uint32_t cumulative_tsn_ack() const noexcept { return ByteReader(chunk_.bytes()).u32_at(4); }

 private:
  SctpChunk chunk_;
};

/// A SHUTDOWN COMPLETE chunk: the last chunk of a graceful close.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.3.13
class SctpShutdownCompleteChunk {
 public:
  /// Decodes a SHUTDOWN COMPLETE chunk.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is not 14
  static Result<SctpShutdownCompleteChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation.
  /// @param bytes the chunk, starting with its type
  explicit SctpShutdownCompleteChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpShutdownCompleteChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return the T bit (0x01): set when the sender reflected the receiver's own verification tag
  ///         because it had no TCB (RFC 9260 section 8.5.1)
  bool t_bit() const noexcept { return (chunk_.flags() & 0x01) != 0; }

 private:
  SctpChunk chunk_;
};

/// A COOKIE ECHO chunk: returns the State Cookie of the INIT ACK, unchanged.
/// @warning A view: valid only while the bytes it was made from are.
/// @see RFC 9260 section 3.3.11
class SctpCookieEchoChunk {
 public:
  /// Decodes a COOKIE ECHO chunk.
  /// @param bytes the chunk, starting with its type, and possibly what follows it
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 4 bytes, or fewer
  ///         than the Chunk Length, are given; or ErrorKind::invalid when the type is not 10
  static Result<SctpCookieEchoChunk> parse(ByteView bytes) noexcept;
  /// Wraps bytes without validation.
  /// @param bytes the chunk, starting with its type
  explicit SctpCookieEchoChunk(ByteView bytes) noexcept : chunk_(bytes) {}
  /// Makes an empty view.
  SctpCookieEchoChunk() noexcept = default;

  /// @return the generic chunk view
  SctpChunk chunk() const noexcept { return chunk_; }
  /// @return the Cookie: opaque bytes that only the INIT ACK's sender can read
  ByteView cookie() const noexcept { return chunk_.value(); }

 private:
  SctpChunk chunk_;
};

/// An SCTP packet: the 12-byte common header and the chunks after it.
///
/// `parse` walks every chunk and checks its framing, so that a view it returns yields every
/// chunk through chunks(); the content of each chunk is checked by the typed view that decodes
/// it (SctpDataChunk::parse() and the others). The view keeps the packet length the IP header
/// declares, to tell a packet the capture cut short (checksum unverified, listing as tshark
/// lists a cut packet) from a whole one.
///
/// Chunk framing (RFC 9260 section 3.2): the Chunk Length counts the header and value but not
/// the padding to a multiple of 4 bytes. The sender must pad every chunk, the last one too, but
/// as Wireshark does, a last chunk whose padding is missing is accepted (the padding carries
/// nothing), and padding bytes are ignored whatever they hold.
///
/// @warning A view: valid only while the bytes it was made from are (for a captured frame, until
/// the next call to CaptureReader::next()).
/// @see RFC 9260 sections 3.1 (common header), 3.2 (chunks) and appendix A (CRC32c)
class SctpPacket {
 public:
  /// Length of the common header: ports, verification tag and checksum, in bytes.
  static constexpr std::size_t header_length = 12;
  /// The most chunks parse() accepts and chunks() yields. A 65535-byte packet holds at most
  /// 16380 chunks of 4 bytes, so this bound never rejects a packet that fits in an IPv4 or IPv6
  /// packet without jumbo payload (RFC 2675); it bounds the work done on one packet whatever its
  /// length.
  static constexpr std::size_t max_chunks = 16384;

  /// Decodes a packet whose length the IP header does not tell (or was already cut to).
  ///
  /// The end of `bytes` is taken as the end of the capture, not of the packet: a chunk that runs
  /// past it may be complete on the wire, so it is truncated, not invalid. Use the overload with
  /// `declared_length` when the IP header's length is known. For the packet an ICMP error
  /// quotes, use this one: the quote ends where the ICMP message does (Wireshark treats it so).
  /// @param bytes the IP payload, starting with the source port
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when fewer than 12 bytes are
  ///         given, or the bytes end inside a chunk header or inside a chunk; or
  ///         ErrorKind::invalid when a Chunk Length is below 4 (it could never advance) or there
  ///         are more than max_chunks chunks
  static Result<SctpPacket> parse(ByteView bytes) noexcept;
  /// Decodes a packet, knowing how long the IP header says it is.
  ///
  /// Bytes past `declared_length` (link-layer padding) are left out of the view. A chunk that
  /// ends past the captured bytes but within `declared_length` is truncated (the capture was
  /// cut); one that ends past `declared_length` contradicts the IP header and is invalid.
  /// @param bytes the IP payload as captured, starting with the source port
  /// @param declared_length the SCTP packet length the IP header declares (IPv4 total length
  ///        minus header length; IPv6 payload length minus extension headers), in bytes
  /// @return the view; or ErrorKind::truncated (Protocol::sctp) when the capture ended before
  ///         the common header or inside a chunk; or ErrorKind::invalid when `declared_length`
  ///         is below 12, a Chunk Length is below 4 or runs past `declared_length`, 1 to 3 bytes
  ///         that cannot hold a chunk header end the packet, or there are more than max_chunks
  ///         chunks
  static Result<SctpPacket> parse(ByteView bytes, std::size_t declared_length) noexcept;
  /// Wraps bytes without validation; accessors of fields past the end return 0 and chunks()
  /// yields the well-formed chunks before the first that is not. The declared length is taken
  /// to be `bytes.size()`.
  /// @param bytes the IP payload (or a prefix of it), starting with the source port
  explicit SctpPacket(ByteView bytes) noexcept : bytes_(bytes), declared_length_(bytes.size()) {}
  /// Wraps bytes without validation, with the length the IP header declares.
  /// @param bytes the IP payload as captured (cut to `declared_length` when longer)
  /// @param declared_length the SCTP packet length the IP header declares, in bytes
  SctpPacket(ByteView bytes, std::size_t declared_length) noexcept;
  /// Makes an empty view; every accessor returns 0 and chunks() is empty.
  SctpPacket() noexcept = default;

  /// @return the Source Port Number
  std::uint16_t source_port() const noexcept { return ByteReader(bytes_).u16_at(0); }
  /// @return the Destination Port Number
  std::uint16_t destination_port() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return the Verification Tag: the receiver's Initiate Tag (0 in a packet carrying INIT)
  std::uint32_t verification_tag() const noexcept { return ByteReader(bytes_).u32_at(4); }
  /// The Checksum field as the 4 bytes read in wire order, most significant first, as Wireshark
  /// shows it (sctp.checksum = 0x%08x).
  ///
  /// RFC 9260 appendix A stores the CRC32c least significant byte first, so this is the CRC32c
  /// value with its bytes swapped; compare it with computed_checksum(), which is in the same order.
  /// @return the checksum field, bytes 8-11 read big-endian
  std::uint32_t checksum() const noexcept { return ByteReader(bytes_).u32_at(8); }
  /// Computes the CRC32c of the packet with the checksum field taken as zero (RFC 9260 appendix
  /// A), over the bytes of the view.
  /// @return the value checksum() has in a correct packet (same byte order); 0 for a view shorter
  ///         than 12 bytes
  std::uint32_t computed_checksum() const noexcept;
  /// Verifies the CRC32c checksum.
  ///
  /// A packet that uses the zero checksum of RFC 9653 (negotiated, over DTLS) shows as bad: the
  /// view cannot know what the association negotiated.
  /// @return ChecksumStatus::good or ChecksumStatus::bad; ChecksumStatus::unverified when fewer
  ///         bytes than the declared length were captured, or fewer than 12
  ChecksumStatus checksum_status() const noexcept;

  /// @return the chunks, in order (at most max_chunks)
  SctpChunkRange chunks() const noexcept {
    return SctpChunkRange(ByteReader(bytes_).view_from(header_length), max_chunks);
  }
  /// @return the number of chunks chunks() yields (walks them)
  std::size_t chunk_count() const noexcept { return chunks().size(); }

  /// @return the bytes of the view: the captured packet, cut to the declared length
  ByteView bytes() const noexcept { return bytes_; }
  /// @return the packet length the IP header declares, in bytes (bytes().size() when not given);
  ///         larger than bytes().size() when the capture was cut
  std::size_t declared_length() const noexcept { return declared_length_; }

 private:
  ByteView bytes_;
  std::size_t declared_length_ = 0;
};

}  // namespace pktdoc
