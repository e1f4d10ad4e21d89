/// @file
/// @brief IPv6 (RFC 8200): the header view Ipv6Packet, the walk over its extension headers
/// (hop-by-hop and destination options, routing, fragment, AH, ...) and their typed contents.
///
/// An IPv6 packet is a fixed 40-byte header followed by a chain of extension headers, each
/// naming the next, and finally the upper-layer protocol (TCP, UDP, ICMPv6, ...). parse() walks
/// the chain once, records each extension header in a small fixed array, and finds where the
/// upper layer starts; nothing is copied or allocated.
///
/// @code
/// auto ip = pktdoc::Ipv6Packet::parse(link.payload);
/// if (!ip) return;  // ip.error() says truncated or invalid, and why
/// for (const pktdoc::Ipv6ExtensionHeader& header : ip->extension_headers())
///   std::printf("extension header %u, %zu bytes\n", header.type, header.data.size());
/// if (auto fragment = ip->fragment(); fragment && fragment->offset != 0)
///   return;  // the middle of a datagram: nothing to decode until it is reassembled
/// if (ip->upper_layer_protocol() == pktdoc::ip_protocol::tcp) {
///   auto tcp = pktdoc::TcpSegment::parse(ip->payload());
/// }
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/error.hpp"
#include "pktdoc/ip_protocol.hpp"

namespace pktdoc {

/// Option types of the Hop-by-Hop and Destination Options headers: the whole Option Type octet,
/// action and change bits included (IANA "Destination Options and Hop-by-Hop Options").
/// @see RFC 8200 section 4.2
namespace ipv6_option {
inline constexpr std::uint8_t pad1 = 0x00;  ///< Pad1: one octet of padding, no length or data (RFC 8200 4.2).
inline constexpr std::uint8_t padn = 0x01;  ///< PadN: two or more octets of padding (RFC 8200 section 4.2).
/// Tunnel Encapsulation Limit (RFC 2473 section 5.1).
inline constexpr std::uint8_t tunnel_encapsulation_limit = 0x04;
inline constexpr std::uint8_t router_alert = 0x05;  ///< Router Alert, hop-by-hop only (RFC 2711).
inline constexpr std::uint8_t calipso = 0x07;       ///< CALIPSO security label (RFC 5570).
inline constexpr std::uint8_t smf_dpd = 0x08;       ///< Simplified Multicast Forwarding duplicate detection (RFC 6621).
inline constexpr std::uint8_t ioam = 0x11;          ///< In-situ OAM, may not change en route (RFC 9486).
inline constexpr std::uint8_t quick_start = 0x26;   ///< Quick-Start (RFC 4782).
inline constexpr std::uint8_t minimum_path_mtu = 0x30;  ///< Minimum Path MTU (RFC 9268).
inline constexpr std::uint8_t ioam_changing = 0x31;     ///< In-situ OAM, may change en route (RFC 9486).
inline constexpr std::uint8_t rpl = 0x63;               ///< RPL Option (RFC 6553, RFC 9008).
inline constexpr std::uint8_t jumbo_payload = 0xC2;     ///< Jumbo Payload, hop-by-hop only (RFC 2675 section 2).
inline constexpr std::uint8_t home_address = 0xC9;      ///< Home Address, destination options (RFC 6275 section 6.3).
}  // namespace ipv6_option

/// Values of the Router Alert option (IANA "IPv6 Router Alert Option Values").
/// @see RFC 2711 section 2.1
namespace ipv6_router_alert {
inline constexpr std::uint16_t mld = 0;              ///< The datagram contains a Multicast Listener Discovery message.
inline constexpr std::uint16_t rsvp = 1;             ///< The datagram contains an RSVP message.
inline constexpr std::uint16_t active_networks = 2;  ///< The datagram contains an Active Networks message.
}  // namespace ipv6_router_alert

/// Routing Types of the Routing header (IANA "Routing Types").
/// @see RFC 8200 section 4.4
namespace ipv6_routing_type {
inline constexpr std::uint8_t source_route = 0;      ///< Type 0 source route, deprecated (RFC 5095).
inline constexpr std::uint8_t nimrod = 1;            ///< Nimrod, deprecated.
inline constexpr std::uint8_t mobile_ipv6 = 2;       ///< Type 2, one home address (RFC 6275 section 6.4).
inline constexpr std::uint8_t rpl_source_route = 3;  ///< RPL source route, compressed addresses (RFC 6554).
inline constexpr std::uint8_t segment_routing = 4;   ///< Segment Routing Header, SRH (RFC 8754).
}  // namespace ipv6_routing_type

/// One option of a Hop-by-Hop or Destination Options header.
///
/// Pad1 is a single octet; every other option is type, data length, data.
/// @see RFC 8200 section 4.2
/// @warning A view into the packet: valid while the packet's bytes are.
struct Ipv6Option {
  std::uint8_t type = 0;    ///< The Option Type octet (one of ipv6_option, or another IANA value).
  std::uint8_t length = 0;  ///< The Opt Data Len field: length of data in bytes (0 for Pad1, which has none).
  ByteView data;            ///< The Option Data.
  std::size_t offset = 0;   ///< Offset of the Option Type octet from the start of the IPv6 packet.

  /// @return what a node that does not recognise the option must do (the two high bits of the
  ///         type): 0 skip it, 1 discard the packet, 2 discard and send ICMP Parameter Problem,
  ///         3 discard and send it unless the destination is multicast
  constexpr std::uint8_t action() const noexcept { return static_cast<std::uint8_t>(type >> 6); }
  /// @return true when the option data may change en route (the third-highest bit of the type)
  constexpr bool may_change() const noexcept { return (type & 0x20) != 0; }
  /// @return the value of a Router Alert option (see ipv6_router_alert); nothing for other
  ///         types or a data length other than 2
  std::optional<std::uint16_t> router_alert() const noexcept {
    if (type != ipv6_option::router_alert || data.size() != 2) return std::nullopt;
    return ByteReader(data).u16_at(0);
  }
  /// @return the Jumbo Payload Length of a Jumbo Payload option, in bytes (RFC 2675 section 2);
  ///         nothing for other types or a data length other than 4
  std::optional<std::uint32_t> jumbo_payload_length() const noexcept {
    if (type != ipv6_option::jumbo_payload || data.size() != 4) return std::nullopt;
    return ByteReader(data).u32_at(0);
  }
};

/// Walks the options of a Hop-by-Hop or Destination Options header, one Ipv6Option at a time.
///
/// The walk stops at the end of the header or at the first option that runs past it (which
/// Ipv6Packet::parse rejects, so this only happens for views made with the unchecked
/// constructor). Every step advances by at least one byte, so the walk is bounded by the
/// header's length (at most 2048 bytes).
class Ipv6OptionIterator {
 public:
  using iterator_category = std::forward_iterator_tag;  ///< A forward iterator.
  using value_type = Ipv6Option;                        ///< Yields options.
  using difference_type = std::ptrdiff_t;               ///< Distance type.
  using pointer = const Ipv6Option*;                    ///< Pointer to an option.
  using reference = const Ipv6Option&;                  ///< Reference to an option.

  /// Makes the end iterator.
  constexpr Ipv6OptionIterator() noexcept = default;
  /// Starts a walk.
  /// @param area the options: the header's bytes after its Next Header and Hdr Ext Len octets
  /// @param base offset of `area` from the start of the IPv6 packet, added to Ipv6Option::offset
  Ipv6OptionIterator(ByteView area, std::size_t base) noexcept : area_(area), base_(base) { load(0); }

  /// @return the current option
  reference operator*() const noexcept { return current_; }
  /// @return the current option
  pointer operator->() const noexcept { return &current_; }
  /// Steps to the next option.
  /// @return this iterator
  Ipv6OptionIterator& operator++() noexcept;
  /// Steps to the next option.
  /// @return a copy of the iterator before the step
  Ipv6OptionIterator operator++(int) noexcept {
    Ipv6OptionIterator before = *this;
    ++*this;
    return before;
  }
  /// @param a an iterator
  /// @param b another iterator over the same header
  /// @return true when both are at the end, or at the same option
  friend bool operator==(const Ipv6OptionIterator& a, const Ipv6OptionIterator& b) noexcept {
    return a.done_ == b.done_ && (a.done_ || a.position_ == b.position_);
  }

 private:
  void load(std::size_t position) noexcept;

  ByteView area_;
  std::size_t base_ = 0;
  std::size_t position_ = 0;
  bool done_ = true;
  Ipv6Option current_{};
};

/// The options of a Hop-by-Hop or Destination Options header, for range-for.
/// @warning A view into the packet: valid while the packet's bytes are.
class Ipv6OptionRange {
 public:
  /// Makes an empty range.
  constexpr Ipv6OptionRange() noexcept = default;
  /// @param area the options: the header's bytes after its first two octets
  /// @param base offset of `area` from the start of the IPv6 packet
  constexpr Ipv6OptionRange(ByteView area, std::size_t base) noexcept : area_(area), base_(base) {}
  /// @return an iterator at the first option
  Ipv6OptionIterator begin() const noexcept { return Ipv6OptionIterator(area_, base_); }
  /// @return the end iterator
  Ipv6OptionIterator end() const noexcept { return Ipv6OptionIterator(); }
  /// @return true when there are no options
  bool empty() const noexcept { return area_.empty(); }

 private:
  ByteView area_;
  std::size_t base_ = 0;
};

/// One extension header of an IPv6 packet, as the walk found it.
/// @see RFC 8200 section 4; RFC 6564 section 4 (the uniform format)
/// @warning A view into the packet: valid while the packet's bytes are.
struct Ipv6ExtensionHeader {
  std::uint8_t type = 0;         ///< Its type: the Next Header value that announced it (see ip_protocol).
  std::uint8_t next_header = 0;  ///< Its own Next Header field: the type of what follows it.
  std::uint16_t length = 0;      ///< Its length in bytes: 8 for a fragment header, (Payload Len + 2) * 4 for
                                 ///< AH, (Hdr Ext Len + 1) * 8 for the others.
  std::size_t offset = 0;        ///< Offset of its first octet from the start of the IPv6 packet (40 for the first).
  ByteView data;                 ///< The whole header, `length` bytes from its Next Header octet, so that
                                 ///< offsets into it match the RFC's diagrams.

  /// @return the options of a Hop-by-Hop (0) or Destination Options (60) header; empty for
  ///         other types
  Ipv6OptionRange options() const noexcept {
    if ((type != ip_protocol::hop_by_hop && type != ip_protocol::destination_options) || data.size() < 2) return {};
    return Ipv6OptionRange(data.subspan(2), offset + 2);
  }
};

/// The fields of a Fragment header.
/// @see RFC 8200 section 4.5
struct Ipv6FragmentHeader {
  std::uint8_t next_header = 0;      ///< Type of the fragmentable part's first header (of the whole datagram).
  std::uint16_t offset = 0;          ///< Fragment Offset, in units of 8 octets (0 to 8191).
  bool more_fragments = false;       ///< The M flag: more fragments follow.
  std::uint32_t identification = 0;  ///< Identification, shared by the fragments of one datagram.

  /// @return the fragment offset in bytes: offset * 8
  constexpr std::uint32_t offset_bytes() const noexcept { return std::uint32_t{offset} * 8; }
};

/// The fields of a Routing header, with the addresses of types 0, 2 and 4.
/// @see RFC 8200 section 4.4; type 0 RFC 5095 (deprecated); type 2 RFC 6275 section 6.4;
///      type 4 (Segment Routing Header) RFC 8754 section 2
/// @warning A view into the packet: valid while the packet's bytes are.
struct Ipv6RoutingHeader {
  std::uint8_t next_header = 0;    ///< Next Header field.
  std::uint8_t routing_type = 0;   ///< Routing Type (see ipv6_routing_type).
  std::uint8_t segments_left = 0;  ///< Segments Left: route segments still to visit.
  ByteView data;                   ///< The whole header, from its Next Header octet.

  /// @return the number of addresses: for type 0 every 16-byte slot after the first 8 bytes; for
  ///         type 2 one; for type 4 Last Entry + 1 (bounded by what the header holds); 0 for
  ///         other types, whose addresses are not plain 16-byte lists
  std::size_t address_count() const noexcept;
  /// @param index 0 for the first address (for type 4, Segment List[0], the final segment)
  /// @return the address, or \:: when there is no such address
  Ipv6Address address(std::size_t index) const noexcept {
    if (index >= address_count()) return Ipv6Address{};
    return Ipv6Address{ByteReader(data).array_at<16>(8 + 16 * index)};
  }
  /// @return the Last Entry field of a Segment Routing Header (index of the last segment in the
  ///         list); 0 for other types
  std::uint8_t last_entry() const noexcept {
    return routing_type == ipv6_routing_type::segment_routing ? ByteReader(data).u8_at(4) : 0;
  }
  /// @return the Flags field of a Segment Routing Header; 0 for other types
  std::uint8_t flags() const noexcept {
    return routing_type == ipv6_routing_type::segment_routing ? ByteReader(data).u8_at(5) : 0;
  }
  /// @return the Tag field of a Segment Routing Header; 0 for other types
  std::uint16_t tag() const noexcept {
    return routing_type == ipv6_routing_type::segment_routing ? ByteReader(data).u16_at(6) : 0;
  }
};

/// An IPv6 packet: the fixed header, the chain of extension headers and the upper-layer data.
///
/// The walk (in parse() and in the unchecked constructor) follows the Next Header chain through
/// the types that is_ipv6_extension_header() lists; anything else (TCP, UDP, ICMPv6, SCTP, ESP,
/// No Next Header, unknown values) is the upper layer. A Fragment header with a non-zero offset
/// ends the walk: what follows it is the middle of a datagram, not more headers; for a first
/// fragment (offset 0) the walk goes on.
///
/// A Jumbo Payload (RFC 2675) is supported: a Payload Length of 0 with a Jumbo Payload option
/// in the hop-by-hop header makes the option's length the datagram's; upper_layer_length() and
/// pseudo_header() use it, payload_length() still returns the header field (0).
/// @see RFC 8200 sections 3 and 4
/// @warning A view: valid while the bytes it was made from are (for a frame from CaptureReader,
///          until the next call to CaptureReader::next()).
class Ipv6Packet {
 public:
  /// Length of the fixed header in bytes.
  static constexpr std::size_t fixed_header_length = 40;
  /// Extension headers followed before parse() gives up with ErrorKind::invalid. Real packets
  /// carry at most six or seven (RFC 8200 section 4.1 lists the order); more is hostile input.
  static constexpr std::size_t max_extension_headers = 16;

  /// Decodes the fixed header and walks the extension headers.
  ///
  /// A Payload Length larger than the captured bytes is not an error (the capture may have been
  /// cut by its snap length): payload() then holds what was captured and payload_truncated() is
  /// true. A Payload Length of 0 without a Jumbo Payload option means no payload at all.
  /// @param bytes the packet, starting with the version octet
  /// @return the view; or ErrorKind::truncated (Protocol::ipv6) when fewer than 40 bytes were
  ///         captured or the capture ends inside an extension header; or ErrorKind::invalid
  ///         (Protocol::ipv6) when the version is not 6; an extension header runs past the end
  ///         the Payload Length declares; more than max_extension_headers are chained; a
  ///         hop-by-hop header is not the first; a second Fragment header appears; an option runs
  ///         past the end of its header; or the Jumbo Payload rules of RFC 2675 section 3 are
  ///         broken (its length not 4 bytes or below 65536, a non-zero Payload Length, a Fragment
  ///         header in the same packet)
  static Result<Ipv6Packet> parse(ByteView bytes) noexcept;
  /// Does what parse() does, into an existing view: decode_packet() uses it to make the view in
  /// place, without copying it through a Result.
  /// @param bytes the packet, starting with the version octet
  /// @param out the view to fill; when an error is returned, it holds what the walk found before
  ///            the error (as the unchecked constructor would), not a parsed packet
  /// @return ErrorKind::none when `out` holds the parsed packet; otherwise the error parse() returns
  static DecodeError parse_into(ByteView bytes, Ipv6Packet& out) noexcept;

  /// Wraps bytes without checking them and walks as much of the extension header chain as is
  /// well formed and captured; accessors of fields past the end return 0. Where the walk stops,
  /// upper_layer_protocol() is the type of the header it could not walk and payload() starts
  /// there. The Wireshark listing uses it for packets that were cut short.
  /// @param bytes the packet, starting with the version octet
  explicit Ipv6Packet(ByteView bytes) noexcept;
  /// Makes an empty view; every accessor returns 0 or an empty view.
  constexpr Ipv6Packet() noexcept {}  // user-provided: value-initialising one zero-fills nothing

  /// @return the bytes the view was made from: header, extension headers, payload and any
  ///         link-layer padding
  ByteView bytes() const noexcept { return bytes_; }

  /// @return the Version field (6 for a packet from parse())
  std::uint8_t version() const noexcept { return static_cast<std::uint8_t>(reader().u8_at(0) >> 4); }
  /// @return the Traffic Class field: DSCP in the high 6 bits, ECN in the low 2 (RFC 8200 section 7)
  std::uint8_t traffic_class() const noexcept { return static_cast<std::uint8_t>((reader().u16_at(0) >> 4) & 0xff); }
  /// @return the Differentiated Services Code Point, 0-63 (RFC 2474 section 3)
  std::uint8_t dscp() const noexcept { return static_cast<std::uint8_t>(traffic_class() >> 2); }
  /// @return the ECN field, 0-3: 0 Not-ECT, 1 ECT(1), 2 ECT(0), 3 CE (RFC 3168 section 5)
  std::uint8_t ecn() const noexcept { return static_cast<std::uint8_t>(traffic_class() & 0x03); }
  /// @return the Flow Label field, 20 bits (RFC 6437)
  std::uint32_t flow_label() const noexcept { return reader().u32_at(0) & 0x000fffff; }
  /// @return the Payload Length field: bytes after the fixed header, extension headers included
  ///         (0 for a jumbogram)
  std::uint16_t payload_length() const noexcept { return reader().u16_at(4); }
  /// @return the fixed header's Next Header field: the first extension header or the upper layer
  std::uint8_t next_header() const noexcept { return reader().u8_at(6); }
  /// @return the Hop Limit field, decremented by each router
  std::uint8_t hop_limit() const noexcept { return reader().u8_at(7); }
  /// @return the Source Address field
  Ipv6Address source() const noexcept { return Ipv6Address{reader().array_at<16>(8)}; }
  /// @return the Destination Address field: with a routing header, the next segment, not always
  ///         the final destination (see final_destination())
  Ipv6Address destination() const noexcept { return Ipv6Address{reader().array_at<16>(24)}; }

  /// @return the extension headers the walk found, in packet order; at most max_extension_headers
  std::span<const Ipv6ExtensionHeader> extension_headers() const noexcept {
    return {extension_headers_.at, extension_count_};
  }
  /// @return the Fragment header's fields, or nothing when the packet has none
  std::optional<Ipv6FragmentHeader> fragment() const noexcept;
  /// @return true when the packet is a fragment of a larger datagram: it has a Fragment header
  ///         with a non-zero offset or the M flag set. An atomic fragment (offset 0, M clear,
  ///         RFC 6946) is a whole datagram and not a fragment.
  bool is_fragment() const noexcept {
    const auto header = fragment();
    return header && (header->offset != 0 || header->more_fragments);
  }
  /// @return the first Routing header's fields, or nothing when the packet has none
  std::optional<Ipv6RoutingHeader> routing_header() const noexcept;
  /// @return the options of the Hop-by-Hop Options header; empty when there is none
  Ipv6OptionRange hop_by_hop_options() const noexcept;
  /// @return the value of a Router Alert option in the hop-by-hop header (RFC 2711), or nothing
  std::optional<std::uint16_t> router_alert() const noexcept;
  /// @return the Jumbo Payload Length of a jumbogram, in bytes (RFC 2675), or nothing
  std::optional<std::uint32_t> jumbo_payload_length() const noexcept {
    if (!has_jumbo_) return std::nullopt;
    return jumbo_length_;
  }

  /// @return the type of the upper layer: the Next Header of the last extension header walked
  ///         (or of the fixed header); for a fragment with a non-zero offset, the Fragment
  ///         header's Next Header (the protocol whose middle the fragment carries)
  std::uint8_t upper_layer_protocol() const noexcept { return upper_layer_protocol_; }
  /// @return the offset of the upper layer from the start of the packet: 40 plus the lengths of
  ///         the extension headers
  std::size_t upper_layer_offset() const noexcept { return upper_layer_offset_; }
  /// @return the captured upper-layer bytes (for a non-first fragment, the fragment's data), cut
  ///         to the end the Payload Length declares so that link-layer padding is left out
  ByteView payload() const noexcept;
  /// @return the upper-layer length the header declares, in bytes: Payload Length (or the Jumbo
  ///         Payload Length) minus the extension headers; 0 when that is negative
  std::uint32_t upper_layer_length() const noexcept;
  /// @return true when fewer bytes were captured than the Payload Length declares (snap length,
  ///         or an ICMPv6 error quoting only the start of the packet)
  bool payload_truncated() const noexcept { return bytes_.size() < datagram_end_; }
  /// The destination the packet is finally bound for, as RFC 8200 section 8.1 defines it for
  /// the upper-layer checksum: with a Routing header whose Segments Left is not 0, the last
  /// address of a type 0 header, the home address of a type 2 header, or Segment List[0] of a
  /// Segment Routing Header; else destination(). Other routing types (RPL's compressed
  /// addresses) give destination().
  /// @return the final destination address
  Ipv6Address final_destination() const noexcept;
  /// @return what upper-layer checksums (TCP, UDP, ICMPv6) cover of this packet: source(),
  ///         final_destination(), upper_layer_protocol() and upper_layer_length()
  PseudoHeader pseudo_header() const noexcept;

 private:
  constexpr ByteReader reader() const noexcept { return ByteReader(bytes_); }
  DecodeError walk() noexcept;

  // Storage for the extension headers, left uninitialised: only the first extension_count_
  // entries, which the walk writes, are ever read. A view is made for every IPv6 packet, and
  // zero-filling the whole table (512 bytes) each time cost more than walking the headers.
  union HeaderTable {
    constexpr HeaderTable() noexcept {}
    Ipv6ExtensionHeader at[max_extension_headers];
  };

  ByteView bytes_;
  HeaderTable extension_headers_;
  std::size_t extension_count_ = 0;
  std::size_t upper_layer_offset_ = 0;
  std::uint64_t datagram_end_ = 0;  // 40 + Payload Length (or + Jumbo Payload Length)
  std::uint32_t jumbo_length_ = 0;
  std::uint8_t upper_layer_protocol_ = 0;
  std::uint8_t fragment_index_ = no_index;
  std::uint8_t routing_index_ = no_index;
  bool has_jumbo_ = false;

  static constexpr std::uint8_t no_index = 0xff;
};

}  // namespace pktdoc
