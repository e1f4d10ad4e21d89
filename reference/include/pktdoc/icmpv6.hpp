/// @file
/// @brief ICMPv6 (RFC 4443): error messages that quote the offending packet, echo, Multicast
/// Listener Discovery (RFC 2710, RFC 3810) and Neighbor Discovery (RFC 4861) with its options.
///
/// An ICMPv6 message starts with type, code and checksum; the checksum covers an IPv6
/// pseudo-header as well as the message (RFC 4443 section 2.3), so it is verified with the
/// PseudoHeader of the enclosing IPv6 packet. Error messages (types 1-4) quote as much of the
/// offending packet as fits in the minimum IPv6 MTU; Icmpv6Message exposes those bytes
/// (quoted_packet()) without decoding them, for the IPv6 decoder. Neighbor Discovery messages
/// (types 133-137) end in a list of type-length-value options, walked by NdOptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <iterator>
#include <optional>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// ICMPv6 message types (the IANA "ICMPv6 Parameters" registry). Types 0-127 are errors,
/// 128-255 informational (RFC 4443 section 2.1).
///
/// Icmpv6Message::type() returns this enumeration; a type without an enumerator here is still
/// returned, as its number.
enum class Icmpv6Type : std::uint8_t {
  destination_unreachable = 1,      ///< Destination Unreachable (RFC 4443 section 3.1); see Icmpv6UnreachableCode.
  packet_too_big = 2,               ///< Packet Too Big (RFC 4443 section 3.2); see Icmpv6Message::mtu().
  time_exceeded = 3,                ///< Time Exceeded (RFC 4443 section 3.3); see Icmpv6TimeExceededCode.
  parameter_problem = 4,            ///< Parameter Problem (RFC 4443 section 3.4); see Icmpv6Message::pointer().
  echo_request = 128,               ///< Echo Request (RFC 4443 section 4.1), "ping6".
  echo_reply = 129,                 ///< Echo Reply (RFC 4443 section 4.2).
  multicast_listener_query = 130,   ///< Multicast Listener Query, MLDv1 (RFC 2710) or MLDv2 (RFC 3810 5.1).
  multicast_listener_report = 131,  ///< Version 1 Multicast Listener Report (RFC 2710 section 3).
  multicast_listener_done = 132,    ///< Multicast Listener Done (RFC 2710 section 3).
  router_solicitation = 133,        ///< Router Solicitation (RFC 4861 section 4.1).
  router_advertisement = 134,       ///< Router Advertisement (RFC 4861 section 4.2).
  neighbor_solicitation = 135,      ///< Neighbor Solicitation (RFC 4861 section 4.3).
  neighbor_advertisement = 136,     ///< Neighbor Advertisement (RFC 4861 section 4.4).
  redirect = 137,                   ///< Redirect (RFC 4861 section 4.5).
  router_renumbering = 138,         ///< Router Renumbering (RFC 2894).
  version2_multicast_listener_report = 143,  ///< Version 2 Multicast Listener Report (RFC 3810 section 5.2).
};

/// A short name for an ICMPv6 type, as people write it: "echo request", "neighbor solicitation".
/// @param type any type
/// @return a static string; "unknown" for types not in Icmpv6Type
std::string_view icmpv6_type_name(Icmpv6Type type) noexcept;

/// Codes of a Destination Unreachable message (type 1).
/// @see RFC 4443 section 3.1; RFC 6550 section 20.18 (code 7)
enum class Icmpv6UnreachableCode : std::uint8_t {
  no_route_to_destination = 0,         ///< No route to the destination.
  communication_prohibited = 1,        ///< Communication with the destination administratively prohibited.
  beyond_scope_of_source_address = 2,  ///< The destination is beyond the scope of the source address.
  address_unreachable = 3,             ///< The address could not be resolved (Neighbor Discovery failed).
  port_unreachable = 4,                ///< No process listens on the destination port (UDP).
  source_address_failed_policy = 5,    ///< The source address failed ingress/egress policy.
  reject_route_to_destination = 6,     ///< A reject route to the destination.
  error_in_source_routing_header = 7,  ///< Error in a source routing header (RFC 6550).
};

/// Codes of a Time Exceeded message (type 3).
/// @see RFC 4443 section 3.3
enum class Icmpv6TimeExceededCode : std::uint8_t {
  hop_limit_exceeded_in_transit = 0,      ///< A router decremented the hop limit to zero.
  fragment_reassembly_time_exceeded = 1,  ///< The destination gave up waiting for the missing fragments.
};

/// Codes of a Parameter Problem message (type 4).
/// @see RFC 4443 section 3.4; RFC 7112 section 5 (code 3)
enum class Icmpv6ParameterProblemCode : std::uint8_t {
  erroneous_header_field = 0,           ///< An erroneous header field; pointer() gives its offset.
  unrecognized_next_header = 1,         ///< The Next Header type was not recognized.
  unrecognized_ipv6_option = 2,         ///< An IPv6 option was not recognized.
  first_fragment_incomplete_chain = 3,  ///< The first fragment has an incomplete IPv6 header chain (RFC 7112).
};

/// Neighbor Discovery option types (the IANA "IPv6 Neighbor Discovery Option Formats" registry).
/// @see RFC 4861 section 4.6
enum class NdOptionType : std::uint8_t {
  source_link_layer_address = 1,  ///< Source Link-Layer Address (RFC 4861 section 4.6.1), in RS, RA, NS.
  target_link_layer_address = 2,  ///< Target Link-Layer Address (RFC 4861 section 4.6.1), in NA, Redirect.
  prefix_information = 3,         ///< Prefix Information (RFC 4861 section 4.6.2), in RA.
  redirected_header = 4,          ///< Redirected Header (RFC 4861 section 4.6.3), in Redirect.
  mtu = 5,                        ///< MTU (RFC 4861 section 4.6.4), in RA.
  route_information = 24,         ///< Route Information (RFC 4191 section 2.3), in RA.
  recursive_dns_server = 25,      ///< Recursive DNS Server (RFC 8106 section 5.1), in RA.
  dns_search_list = 31,           ///< DNS Search List (RFC 8106 section 5.2), in RA.
};

/// The fields of a Prefix Information option (type 3), which tells hosts an on-link prefix and
/// whether to form addresses in it.
/// @see RFC 4861 section 4.6.2
struct PrefixInformation {
  /// Number of leading bits of `prefix` that are valid (0-128).
  std::uint8_t prefix_length = 0;
  /// L flag: the prefix can be used for on-link determination.
  bool on_link = false;
  /// A flag: the prefix can be used for stateless address autoconfiguration (RFC 4862).
  bool autonomous = false;
  /// How long the prefix is valid for on-link determination, in seconds; 0xffffffff is infinity.
  std::uint32_t valid_lifetime = 0;
  /// How long addresses made from the prefix stay preferred, in seconds; 0xffffffff is infinity.
  std::uint32_t preferred_lifetime = 0;
  /// The prefix; the bits after `prefix_length` are zero.
  Ipv6Address prefix;
};

/// One Neighbor Discovery option: type, length and data (RFC 4861 section 4.6).
///
/// @warning A view: valid only while the bytes of the message it came from are.
class NdOption {
 public:
  /// Wraps the bytes of one option, from its type byte to the end of its length.
  /// @param bytes the option's bytes
  explicit constexpr NdOption(ByteView bytes) noexcept : bytes_(bytes) {}
  /// Makes an empty option; every accessor returns 0, nothing or an empty view.
  constexpr NdOption() noexcept = default;

  /// @return the option type (byte 0); a value without an enumerator is returned as its number
  NdOptionType type() const noexcept { return static_cast<NdOptionType>(ByteReader(bytes_).u8_at(0)); }
  /// @return the option length in bytes, type and length fields included: the length field
  ///         (byte 1, in units of 8 bytes) times 8
  std::size_t length() const noexcept { return std::size_t{ByteReader(bytes_).u8_at(1)} * 8; }
  /// @return the bytes after the type and length fields (length() - 2 of them)
  ByteView data() const noexcept { return ByteReader(bytes_).view_from(2); }
  /// @return the whole option, type and length fields included
  constexpr ByteView bytes() const noexcept { return bytes_; }

  /// @return the link-layer address of a Source or Target Link-Layer Address option (type 1 or
  ///         2) holding a 6-byte (Ethernet, EUI-48) address, that is one of length 8; nothing for
  ///         other types and other link layers (read data() for those)
  /// @see RFC 4861 section 4.6.1; RFC 2464 section 8 (Ethernet)
  std::optional<MacAddress> link_layer_address() const noexcept;
  /// @return the fields of a Prefix Information option (type 3, length 32); nothing for other
  ///         types or another length
  /// @see RFC 4861 section 4.6.2
  std::optional<PrefixInformation> prefix_information() const noexcept;
  /// @return the MTU of an MTU option (type 5, length 8), in bytes; nothing otherwise
  /// @see RFC 4861 section 4.6.4
  std::optional<std::uint32_t> mtu() const noexcept;
  /// @return the IP packet of a Redirected Header option (type 4): the data after the 6
  ///         reserved bytes, as much of the redirected packet as fits (zero-padded to 8 bytes);
  ///         empty for other types
  /// @see RFC 4861 section 4.6.3
  ByteView redirected_packet() const noexcept;

 private:
  ByteView bytes_;
};

/// Walks the options of a Neighbor Discovery message, in order.
///
/// Iteration stops before an option whose length field is 0 or that runs past the end of the
/// bytes (neither is possible in a message from Icmpv6Message::parse, which rejects them). Every
/// option is at least 8 bytes long, so a message of N bytes yields at most N / 8 options.
class NdOptionIterator {
 public:
  using iterator_concept = std::forward_iterator_tag;  ///< A multi-pass iterator.
  using iterator_category = std::input_iterator_tag;   ///< Dereferencing yields a value, not a reference.
  using value_type = NdOption;                         ///< What dereferencing yields.
  using difference_type = std::ptrdiff_t;              ///< Distance between iterators.

  /// Makes the end iterator.
  constexpr NdOptionIterator() noexcept = default;
  /// Makes an iterator at the first option in `options`.
  /// @param options the options part of a message: from the first option to the end
  explicit NdOptionIterator(ByteView options) noexcept : rest_(options) { settle(); }

  /// @return the current option
  NdOption operator*() const noexcept { return NdOption(rest_.first(current_length_)); }
  /// Moves to the next option, or to the end.
  /// @return this iterator
  NdOptionIterator& operator++() noexcept {
    rest_ = rest_.subspan(current_length_);
    settle();
    return *this;
  }
  /// Moves to the next option, or to the end.
  /// @return a copy of this iterator from before the move
  NdOptionIterator operator++(int) noexcept {
    NdOptionIterator before = *this;
    ++*this;
    return before;
  }
  /// Compares positions.
  /// @param a an iterator
  /// @param b an iterator over the same options
  /// @return true when both are at the same option, or both at the end
  friend bool operator==(const NdOptionIterator& a, const NdOptionIterator& b) noexcept {
    return a.rest_.data() == b.rest_.data() && a.rest_.size() == b.rest_.size();
  }

 private:
  // Makes rest_ start at a well-formed option, or become the end (an empty view).
  void settle() noexcept;

  ByteView rest_;
  std::size_t current_length_ = 0;
};

/// The options of a Neighbor Discovery message, for a range-based for loop.
class NdOptions {
 public:
  /// Makes an empty range.
  constexpr NdOptions() noexcept = default;
  /// @param options the options part of a message: from the first option to the end
  explicit constexpr NdOptions(ByteView options) noexcept : bytes_(options) {}
  /// @return an iterator at the first option
  NdOptionIterator begin() const noexcept { return NdOptionIterator(bytes_); }
  /// @return the end iterator
  NdOptionIterator end() const noexcept { return NdOptionIterator(); }
  /// @return true when there is no (well-formed) option
  bool empty() const noexcept { return begin() == end(); }
  /// @return the options part of the message, as bytes
  constexpr ByteView bytes() const noexcept { return bytes_; }

 private:
  ByteView bytes_;
};

/// A view of one ICMPv6 message: type, code, checksum and the body that depends on the type.
///
/// The view covers the upper-layer part of the IPv6 packet (after any extension headers, cut to
/// the payload length and to what was captured). Type-specific accessors (mtu(), pointer(),
/// identifier(), target_address(), router_lifetime(), ...) read their bytes whatever the type
/// is: check type() first. Accessors of fields past the end of the bytes (possible only for a
/// view made with the unchecked constructor) return 0.
///
/// @code
/// auto icmp = pktdoc::Icmpv6Message::parse(ip.payload());
/// if (icmp && icmp->type() == pktdoc::Icmpv6Type::router_advertisement) {
///   for (pktdoc::NdOption option : icmp->options())
///     if (auto prefix = option.prefix_information())
///       std::printf("prefix %s/%u\n", prefix->prefix.to_text().c_str(), prefix->prefix_length);
/// }
/// @endcode
///
/// @warning A view: valid only while the bytes it was made from are (for a captured frame, until
/// the next call to CaptureReader::next()).
/// @see RFC 4443; RFC 4861
class Icmpv6Message {
 public:
  /// Length of type, code and checksum, the part every message has, in bytes.
  static constexpr std::size_t minimum_length = 4;
  /// Length of the header of error and echo messages (type, code, checksum and 4 bytes), in
  /// bytes; what follows it is the quoted packet or the echo data.
  static constexpr std::size_t header_length = 8;

  /// The length of the fixed part of a message of type `type`, before its data or options:
  /// 8 for errors (1-4), echo (128, 129), Router Solicitation (133) and the MLDv2 report (143);
  /// 24 for MLD query, report and done (130-132, RFC 2710 section 3), Neighbor Solicitation and
  /// Advertisement (135, 136); 16 for Router Advertisement (134); 40 for Redirect (137); 4 for
  /// any other type.
  /// @param type a message type
  /// @return the length in bytes
  static std::size_t fixed_length(Icmpv6Type type) noexcept;

  /// Decodes an ICMPv6 message whose bytes may have been cut short by the capture.
  ///
  /// For Neighbor Discovery messages (133-137) the options are checked too: an option with
  /// length 0 is ErrorKind::invalid (nodes must silently discard such a message, RFC 4861
  /// section 4.6, and walking past it is impossible); an option that runs past the end of the
  /// bytes is taken as the capture having ended early (ErrorKind::truncated). The rules a
  /// receiving node also applies (code 0, hop limit 255, RFC 4861 section 6.1) are not decoding
  /// errors: read code() and the IPv6 hop limit.
  /// @param bytes the ICMPv6 message, starting with its type
  /// @return the view; or ErrorKind::truncated (Protocol::icmpv6) when fewer than 4 bytes are
  ///         given, fewer than fixed_length(type()), or the last ND option is cut; or
  ///         ErrorKind::invalid for an ND option of length 0
  static Result<Icmpv6Message> parse(ByteView bytes) noexcept;

  /// Decodes an ICMPv6 message, knowing how long the IPv6 header says it is.
  ///
  /// When all `declared_length` bytes were captured, a shortfall (a message shorter than its
  /// fixed length, an ND option running past the end) cannot be blamed on the capture: it is
  /// ErrorKind::invalid. Bytes beyond `declared_length` are left out of the view.
  /// @param bytes the upper-layer bytes as captured, starting with the ICMPv6 type
  /// @param declared_length the upper-layer length the IPv6 header declares (payload length
  ///        minus extension headers), in bytes
  /// @return the view; or ErrorKind::truncated when the capture ended before the fixed part or
  ///         an option did; or ErrorKind::invalid when the declared length itself is too short,
  ///         or an ND option has length 0 or runs past the declared end
  static Result<Icmpv6Message> parse(ByteView bytes, std::size_t declared_length) noexcept;

  /// Wraps bytes without validation; accessors of fields past the end return 0. Used to list
  /// the fields of a message that was cut short.
  /// @param bytes the ICMPv6 message, or a prefix of it
  explicit constexpr Icmpv6Message(ByteView bytes) noexcept : bytes_(bytes) {}
  /// Makes an empty view; every accessor returns 0 or an empty view.
  constexpr Icmpv6Message() noexcept = default;

  /// @return the bytes the view was made from: the whole message as captured
  constexpr ByteView bytes() const noexcept { return bytes_; }

  /// @return the message type (byte 0); a value without an enumerator is returned as its number
  Icmpv6Type type() const noexcept { return static_cast<Icmpv6Type>(reader().u8_at(0)); }
  /// @return the code (byte 1), whose meaning depends on type(): compare with
  ///         Icmpv6UnreachableCode, Icmpv6TimeExceededCode or Icmpv6ParameterProblemCode
  std::uint8_t code() const noexcept { return reader().u8_at(1); }
  /// @return the checksum field as sent (bytes 2-3)
  std::uint16_t checksum() const noexcept { return reader().u16_at(2); }
  /// Verifies the checksum: the RFC 1071 sum over the IPv6 pseudo-header (source, final
  /// destination, upper-layer length, next header 58) and the whole message.
  /// @param pseudo the pseudo-header from the enclosing IPv6 packet; its `length` is the
  ///        ICMPv6 message length the IPv6 header declares, and only that many bytes are summed
  /// @return ChecksumStatus::good or ChecksumStatus::bad; ChecksumStatus::unverified when fewer
  ///         than `pseudo.length` bytes were captured (a quoted ICMPv6 message usually is)
  /// @see RFC 4443 section 2.3; RFC 8200 section 8.1
  ChecksumStatus checksum_status(const PseudoHeader& pseudo) const noexcept;
  /// @return the 4 bytes after the checksum (4-7) as one big-endian value, whatever the type
  std::uint32_t rest_of_header() const noexcept { return reader().u32_at(4); }

  /// @return true for error messages, types 0-127 (RFC 4443 section 2.1)
  bool is_error() const noexcept { return !bytes_.empty() && reader().u8_at(0) < 128; }
  /// @return true for the Neighbor Discovery messages, types 133-137 (RFC 4861 section 4)
  bool is_neighbor_discovery() const noexcept;

  /// @return the MTU of a Packet Too Big message (type 2, bytes 4-7): the MTU of the next-hop
  ///         link, in bytes
  /// @see RFC 4443 section 3.2
  std::uint32_t mtu() const noexcept { return reader().u32_at(4); }
  /// @return the pointer of a Parameter Problem message (type 4, bytes 4-7): the offset, in
  ///         bytes from the start of the quoted packet, of the offending octet
  /// @see RFC 4443 section 3.4
  std::uint32_t pointer() const noexcept { return reader().u32_at(4); }
  /// @return the RFC 4884 length of Destination Unreachable (1) and Time Exceeded (3) messages
  ///         (byte 4): the length of the original datagram field, in 64-bit words, when the
  ///         message carries extensions; 0 otherwise and for other types
  /// @see RFC 4884 section 4.2
  std::uint8_t original_datagram_length() const noexcept;
  /// @return the identifier of an echo request or reply (128, 129; bytes 4-5), which the reply copies
  std::uint16_t identifier() const noexcept { return reader().u16_at(4); }
  /// @return the sequence number of an echo request or reply (bytes 6-7)
  std::uint16_t sequence_number() const noexcept { return reader().u16_at(6); }

  /// @return the maximum response delay of an MLD query (130; bytes 4-5), in milliseconds; for
  ///         an MLDv2 query this is the encoded Maximum Response Code (RFC 3810 section 5.1.3)
  /// @see RFC 2710 section 3.4
  std::uint16_t maximum_response_delay() const noexcept { return reader().u16_at(4); }
  /// @return the multicast address of an MLD query, report or done message (130-132, bytes
  ///         8-23); unspecified (\::) in a general query
  /// @see RFC 2710 section 3.6
  Ipv6Address multicast_address() const noexcept { return Ipv6Address{reader().array_at<16>(8)}; }

  /// @return the target address (bytes 8-23) of a Neighbor Solicitation (the address being
  ///         resolved), a Neighbor Advertisement (the address advertised) or a Redirect (the
  ///         better first hop)
  /// @see RFC 4861 sections 4.3, 4.4, 4.5
  Ipv6Address target_address() const noexcept { return Ipv6Address{reader().array_at<16>(8)}; }
  /// @return the destination address of a Redirect (bytes 24-39): the destination that is
  ///         redirected to target_address()
  /// @see RFC 4861 section 4.5
  Ipv6Address destination_address() const noexcept { return Ipv6Address{reader().array_at<16>(24)}; }
  /// @return the R (router) flag of a Neighbor Advertisement: the sender is a router
  /// @see RFC 4861 section 4.4
  bool router_flag() const noexcept { return (reader().u8_at(4) & 0x80) != 0; }
  /// @return the S (solicited) flag of a Neighbor Advertisement: it answers a solicitation
  bool solicited_flag() const noexcept { return (reader().u8_at(4) & 0x40) != 0; }
  /// @return the O (override) flag of a Neighbor Advertisement: it should replace a cached
  ///         link-layer address
  bool override_flag() const noexcept { return (reader().u8_at(4) & 0x20) != 0; }

  /// @return the Cur Hop Limit of a Router Advertisement (byte 4): the hop limit hosts should
  ///         use; 0 means unspecified
  /// @see RFC 4861 section 4.2
  std::uint8_t cur_hop_limit() const noexcept { return reader().u8_at(4); }
  /// @return the M (managed address configuration) flag of a Router Advertisement: addresses
  ///         are available from DHCPv6
  bool managed_flag() const noexcept { return (reader().u8_at(5) & 0x80) != 0; }
  /// @return the O (other configuration) flag of a Router Advertisement: other configuration
  ///         (DNS servers, ...) is available from DHCPv6
  bool other_flag() const noexcept { return (reader().u8_at(5) & 0x40) != 0; }
  /// @return the router lifetime of a Router Advertisement (bytes 6-7), in seconds: how long the
  ///         sender may be used as a default router; 0 means not a default router
  std::uint16_t router_lifetime() const noexcept { return reader().u16_at(6); }
  /// @return the reachable time of a Router Advertisement (bytes 8-11), in milliseconds; 0 means
  ///         unspecified
  std::uint32_t reachable_time() const noexcept { return reader().u32_at(8); }
  /// @return the retrans timer of a Router Advertisement (bytes 12-15), in milliseconds: the
  ///         time between retransmitted Neighbor Solicitations; 0 means unspecified
  std::uint32_t retrans_timer() const noexcept { return reader().u32_at(12); }

  /// @return the options of a Neighbor Discovery message (133-137), after its fixed part;
  ///         an empty range for other types
  /// @see RFC 4861 section 4.6
  NdOptions options() const noexcept;
  /// @param type the option type to look for
  /// @return the first option of that type, or nothing
  std::optional<NdOption> find_option(NdOptionType type) const noexcept;
  /// @return the redirected packet of a Redirect (137): the IP packet in its first Redirected
  ///         Header option; empty when there is none
  /// @see RFC 4861 section 4.6.3
  ByteView redirected_header() const noexcept;

  /// @return the bytes after the first 8, whatever the type: the data of an echo, the quoted
  ///         packet of an error (and any RFC 4884 extensions), the rest of an MLD or ND message
  ByteView payload() const noexcept { return reader().view_from(header_length); }
  /// The packet an error message (types 1-4) quotes: as much of the offending packet, starting
  /// with its IPv6 header, as fits without the error exceeding the minimum IPv6 MTU (RFC 4443
  /// section 2.4 (c)). When original_datagram_length() announces at least the 128 bytes that
  /// RFC 4884 section 4.1 requires, and that many were captured, the quote is cut to it and
  /// extensions() holds the rest; a shorter length is ignored, as Linux and Wireshark do.
  /// @return the quoted bytes, to be decoded as an IPv6 packet; empty for types other than 1-4
  ///         (RFC 4443 defines no body for the other error types, 0 and 5-127)
  ByteView quoted_packet() const noexcept;
  /// @return the RFC 4884 extension structure after the original datagram field; empty when
  ///         the message has none (see quoted_packet()) and for types other than 1-4
  /// @see RFC 4884 section 7
  ByteView extensions() const noexcept;

 private:
  std::size_t original_datagram_bytes() const noexcept;
  constexpr ByteReader reader() const noexcept { return ByteReader(bytes_); }

  ByteView bytes_;
};

}  // namespace pktdoc
