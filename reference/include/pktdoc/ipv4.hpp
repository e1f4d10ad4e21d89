/// @file
/// @brief IPv4 (RFC 791): the header view Ipv4Packet and its options (Record Route, Timestamp,
/// source routes, Router Alert). Includes pktdoc/ip_protocol.hpp, the IP protocol numbers.
///
/// An IPv4 header is 20 bytes followed by up to 40 bytes of options; its Total Length field says
/// where the datagram ends, so that Ethernet padding is cut off before the transport layer sees
/// it. The view reads fields on demand and copies nothing.
///
/// @code
/// auto ip = pktdoc::Ipv4Packet::parse(link.payload);
/// if (!ip) return;  // ip.error() says truncated or invalid, and why
/// std::printf("%s -> %s ttl %u\n", ip->source().to_text().c_str(), ip->destination().to_text().c_str(),
///             ip->ttl());
/// // Only a datagram's first fragment (offset 0) starts with the transport header.
/// if (ip->protocol() == pktdoc::ip_protocol::udp && ip->fragment_offset() == 0) {
///   auto udp = pktdoc::UdpDatagram::parse(ip->payload());
/// }
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/error.hpp"
#include "pktdoc/ip_protocol.hpp"

namespace pktdoc {

/// IPv4 option types: the whole option-type octet, copied flag and class included (IANA "IP
/// Option Numbers", https://www.iana.org/assignments/ip-parameters).
/// @see RFC 791 section 3.1
namespace ipv4_option {
inline constexpr std::uint8_t end_of_list = 0;            ///< End of Option List (EOOL), one octet (RFC 791).
inline constexpr std::uint8_t no_operation = 1;           ///< No Operation (NOP), one octet, for alignment (RFC 791).
inline constexpr std::uint8_t record_route = 7;           ///< Record Route (RR) (RFC 791).
inline constexpr std::uint8_t mtu_probe = 11;             ///< MTU Probe (RFC 1063, obsolete).
inline constexpr std::uint8_t mtu_reply = 12;             ///< MTU Reply (RFC 1063, obsolete).
inline constexpr std::uint8_t quick_start = 25;           ///< Quick-Start (RFC 4782).
inline constexpr std::uint8_t timestamp = 68;             ///< Internet Timestamp (TS) (RFC 791).
inline constexpr std::uint8_t traceroute = 82;            ///< Traceroute (RFC 1393, obsolete).
inline constexpr std::uint8_t security = 130;             ///< Basic Security Option (RFC 1108).
inline constexpr std::uint8_t loose_source_route = 131;   ///< Loose Source and Record Route (LSRR) (RFC 791).
inline constexpr std::uint8_t extended_security = 133;    ///< Extended Security Option (RFC 1108).
inline constexpr std::uint8_t commercial_security = 134;  ///< Commercial IP Security Option (CIPSO, FIPS 188).
inline constexpr std::uint8_t stream_id = 136;            ///< Stream Identifier (RFC 791, obsoleted by RFC 6814).
inline constexpr std::uint8_t strict_source_route = 137;  ///< Strict Source and Record Route (SSRR) (RFC 791).
inline constexpr std::uint8_t router_alert = 148;         ///< Router Alert (RA) (RFC 2113).
}  // namespace ipv4_option

/// Values of the Timestamp option's flag field.
/// @see RFC 791 section 3.1 ("Internet Timestamp")
namespace ipv4_timestamp_flag {
inline constexpr std::uint8_t timestamps_only = 0;  ///< 32-bit timestamps only, one per hop.
inline constexpr std::uint8_t with_addresses = 1;   ///< Each timestamp is preceded by the address of its hop.
inline constexpr std::uint8_t prespecified = 3;     ///< The sender filled in the addresses; only those hops stamp.
}  // namespace ipv4_timestamp_flag

/// The data of a Record Route, Loose Source Route or Strict Source Route option: a pointer and
/// a list of 4-byte address slots.
///
/// The pointer is the 1-based octet index, counted from the option's type octet, of the next
/// slot to fill (Record Route) or the next address to route to (source routes); the smallest
/// legal value is 4 (the first slot). A pointer greater than the option length means the list
/// is used up. Slots before the pointer hold recorded addresses: for source routes each visited
/// address is replaced by the address of the router that forwarded the datagram.
/// @see RFC 791 section 3.1 ("Loose Source and Record Route", "Strict Source and Record Route",
///      "Record Route")
/// @warning A view into the packet: valid while the packet's bytes are.
struct Ipv4RouteOption {
  std::uint8_t type = 0;     ///< The option type: ipv4_option::record_route, loose_source_route or strict_source_route.
  std::uint8_t length = 0;   ///< The option length in bytes, type and length octets included (3 + 4 per slot).
  std::uint8_t pointer = 0;  ///< 1-based octet index of the next slot, from the option's start; 4 is the first.
  ByteView route_data;       ///< The slots: the option's bytes after the pointer octet.

  /// @return the number of whole 4-byte address slots, (length - 3) / 4; trailing bytes of a
  ///         malformed length are ignored
  std::size_t address_count() const noexcept { return route_data.size() / 4; }
  /// @param index slot number, 0 for the first
  /// @return the address in slot `index`, or 0.0.0.0 when there is no such slot
  Ipv4Address address(std::size_t index) const noexcept {
    return index < address_count() ? Ipv4Address{ByteReader(route_data).array_at<4>(index * 4)} : Ipv4Address{};
  }
  /// @return true when the pointer is past the last slot: the route is recorded in full, or the
  ///         source route has been followed to its end
  bool is_full() const noexcept { return pointer > length; }
  /// @return the number of slots before the pointer (recorded addresses), at most address_count();
  ///         0 when the pointer is below 4
  std::size_t recorded_count() const noexcept {
    if (pointer < 4) return 0;
    const std::size_t before = (static_cast<std::size_t>(pointer) - 4) / 4;
    return before < address_count() ? before : address_count();
  }
};

/// One entry of a Timestamp option.
/// @see RFC 791 section 3.1 ("Internet Timestamp")
struct Ipv4TimestampEntry {
  bool has_address = false;  ///< True for flags 1 and 3, whose entries start with an address.
  Ipv4Address address;       ///< The hop's address (flag 1) or the prespecified address (flag 3).
  /// Milliseconds since midnight UT; a value with the high-order bit set is a non-standard time.
  std::uint32_t timestamp = 0;
};

/// The data of an Internet Timestamp option (type 68).
/// @see RFC 791 section 3.1 ("Internet Timestamp")
/// @warning A view into the packet: valid while the packet's bytes are.
struct Ipv4TimestampOption {
  std::uint8_t length = 0;    ///< The option length in bytes, type and length octets included.
  std::uint8_t pointer = 0;   ///< 1-based octet index of the next free entry; 5 is the first.
  std::uint8_t overflow = 0;  ///< Number of hops that could not stamp for lack of space (4 bits).
  std::uint8_t flag = 0;      ///< Entry format, one of ipv4_timestamp_flag (4 bits).
  ByteView entry_data;        ///< The entries: the option's bytes after the overflow/flag octet.

  /// @return bytes per entry: 4 for ipv4_timestamp_flag::timestamps_only, 8 for
  ///         ipv4_timestamp_flag::with_addresses and ipv4_timestamp_flag::prespecified, 0 for
  ///         undefined flags
  std::size_t entry_size() const noexcept {
    switch (flag) {
      case ipv4_timestamp_flag::timestamps_only:
        return 4;
      case ipv4_timestamp_flag::with_addresses:
      case ipv4_timestamp_flag::prespecified:
        return 8;
      default:
        return 0;
    }
  }
  /// @return the number of whole entries in entry_data (filled or not); 0 for undefined flags
  std::size_t entry_count() const noexcept { return entry_size() == 0 ? 0 : entry_data.size() / entry_size(); }
  /// @return the number of entries before the pointer (filled in), at most entry_count()
  std::size_t recorded_count() const noexcept {
    if (pointer < 5 || entry_size() == 0) return 0;
    const std::size_t before = (static_cast<std::size_t>(pointer) - 5) / entry_size();
    return before < entry_count() ? before : entry_count();
  }
  /// @return true when the pointer is past the last entry: no room is left
  bool is_full() const noexcept { return pointer > length; }
  /// @param index entry number, 0 for the first
  /// @return the entry, or an empty entry when there is no such entry
  Ipv4TimestampEntry entry(std::size_t index) const noexcept {
    Ipv4TimestampEntry out;
    if (index >= entry_count()) return out;
    const ByteReader reader(entry_data);
    const std::size_t at = index * entry_size();
    if (entry_size() == 8) {
      out.has_address = true;
      out.address = Ipv4Address{reader.array_at<4>(at)};
      out.timestamp = reader.u32_at(at + 4);
    } else {
      out.timestamp = reader.u32_at(at);
    }
    return out;
  }
};

/// One IPv4 option, as found in the header: its type octet, its length and its data.
///
/// End of Option List and No Operation are single octets; every other option is
/// type, length (of the whole option), data. Typed access for the common ones: route(),
/// timestamp(), router_alert(); the rest are raw.
/// @see RFC 791 section 3.1
/// @warning A view into the packet: valid while the packet's bytes are.
struct Ipv4Option {
  std::uint8_t type = 0;    ///< The option-type octet (one of ipv4_option, or another IANA value).
  std::uint8_t length = 0;  ///< The whole option's length in bytes; 1 for End of Option List and No Operation.
  ByteView data;            ///< The option data, after the length octet (empty for single-octet options).
  std::size_t offset = 0;   ///< Offset of the type octet from the start of the IPv4 header (20 for the first).

  /// @return the copied flag (high bit of the type): copy the option into every fragment
  constexpr bool copied() const noexcept { return (type & 0x80) != 0; }
  /// @return the option class (bits 1-2 of the type): 0 control, 2 debugging and measurement
  constexpr std::uint8_t option_class() const noexcept { return static_cast<std::uint8_t>((type >> 5) & 0x03); }
  /// @return the option number (low 5 bits of the type)
  constexpr std::uint8_t number() const noexcept { return static_cast<std::uint8_t>(type & 0x1f); }
  /// @return the pointer and slots of a Record Route, Loose or Strict Source Route option; nothing
  ///         for other types or when the length is below 3 (no pointer)
  std::optional<Ipv4RouteOption> route() const noexcept;
  /// @return the fields of a Timestamp option; nothing for other types or a length below 4
  std::optional<Ipv4TimestampOption> timestamp() const noexcept;
  /// @return the 16-bit value of a Router Alert option (0: "routers shall examine packet",
  ///         RFC 2113 section 2.1); nothing for other types or a length other than 4
  std::optional<std::uint16_t> router_alert() const noexcept;
};

/// Walks the options area of an IPv4 header, one Ipv4Option at a time.
///
/// The walk stops after End of Option List, at the end of the area, or at the first option whose
/// length is below 2 or runs past the area (which Ipv4Packet::parse rejects, so this only
/// happens for views made with the unchecked constructor). Every step advances by at least one
/// byte, so a walk over the at most 40 bytes of options takes at most 40 steps.
class Ipv4OptionIterator {
 public:
  using iterator_category = std::forward_iterator_tag;  ///< A forward iterator.
  using value_type = Ipv4Option;                        ///< Yields options.
  using difference_type = std::ptrdiff_t;               ///< Distance type.
  using pointer = const Ipv4Option*;                    ///< Pointer to an option.
  using reference = const Ipv4Option&;                  ///< Reference to an option.

  /// Makes the end iterator.
  constexpr Ipv4OptionIterator() noexcept = default;
  /// Starts a walk.
  /// @param area the options area (the header bytes after the first 20)
  /// @param base offset of `area` from the start of the IPv4 header (20), added to Ipv4Option::offset
  Ipv4OptionIterator(ByteView area, std::size_t base) noexcept : area_(area), base_(base) { load(0); }

  /// @return the current option
  reference operator*() const noexcept { return current_; }
  /// @return the current option
  pointer operator->() const noexcept { return &current_; }
  /// Steps to the next option.
  /// @return this iterator
  Ipv4OptionIterator& operator++() noexcept;
  /// Steps to the next option.
  /// @return a copy of the iterator before the step
  Ipv4OptionIterator operator++(int) noexcept {
    Ipv4OptionIterator before = *this;
    ++*this;
    return before;
  }
  /// @param a an iterator
  /// @param b another iterator over the same area
  /// @return true when both are at the end, or at the same option
  friend bool operator==(const Ipv4OptionIterator& a, const Ipv4OptionIterator& b) noexcept {
    return a.done_ == b.done_ && (a.done_ || a.position_ == b.position_);
  }

 private:
  void load(std::size_t position) noexcept;

  ByteView area_;
  std::size_t base_ = 0;
  std::size_t position_ = 0;
  bool done_ = true;
  Ipv4Option current_{};
};

/// The options of an IPv4 header, for range-for.
/// @warning A view into the packet: valid while the packet's bytes are.
class Ipv4OptionRange {
 public:
  /// Makes an empty range.
  constexpr Ipv4OptionRange() noexcept = default;
  /// @param area the options area (the header bytes after the first 20)
  /// @param base offset of `area` from the start of the IPv4 header
  constexpr Ipv4OptionRange(ByteView area, std::size_t base) noexcept : area_(area), base_(base) {}
  /// @return an iterator at the first option
  Ipv4OptionIterator begin() const noexcept { return Ipv4OptionIterator(area_, base_); }
  /// @return the end iterator
  Ipv4OptionIterator end() const noexcept { return Ipv4OptionIterator(); }
  /// @return the raw options area, padding included
  ByteView bytes() const noexcept { return area_; }
  /// @return true when the header has no options
  bool empty() const noexcept { return area_.empty(); }

 private:
  ByteView area_;
  std::size_t base_ = 0;
};

/// An IPv4 header and the datagram it starts: a view over the packet's bytes.
///
/// Field accessors read the fixed header through ByteReader and return 0 for fields that were
/// not captured (possible only for views made with the unchecked constructor).
/// @see RFC 791 section 3.1; DS field RFC 2474 section 3; ECN RFC 3168 section 5
/// @warning A view: valid while the bytes it was made from are (for a frame from CaptureReader,
///          until the next call to CaptureReader::next()).
class Ipv4Packet {
 public:
  /// Length of a header without options, in bytes (IHL 5).
  static constexpr std::size_t min_header_length = 20;
  /// Length of the longest header, in bytes (IHL 15).
  static constexpr std::size_t max_header_length = 60;
  /// Largest options area, in bytes.
  static constexpr std::size_t max_options_length = max_header_length - min_header_length;

  /// Decodes and checks an IPv4 header.
  ///
  /// A Total Length larger than the captured bytes is not an error (the capture may have been cut
  /// by its snap length): payload() then holds what was captured and payload_truncated() is true.
  /// A Total Length of 0 is taken, as Wireshark does, as the mark of TCP segmentation offload
  /// (a capture on the sending host before the NIC splits the segment and fills the field in):
  /// the datagram then ends where the capture does (see length_from_capture()).
  /// @param bytes the packet, starting with the version/IHL octet
  /// @return the view; or ErrorKind::truncated (Protocol::ipv4) when fewer than 20 bytes, or fewer
  ///         than the header length, were captured; or ErrorKind::invalid (Protocol::ipv4) when
  ///         the version is not 4, the IHL is below 5, the Total Length is below the header length
  ///         (and not 0), or an option's length is below 2, runs past the header, or is too short
  ///         for the fixed fields of its type (3 for the route options, 4 for Timestamp, Router
  ///         Alert, Stream ID and MTU, 8 for Quick-Start, 12 for Traceroute, 3 for the RFC 1108
  ///         security options, 6 for CIPSO). Beyond that, option contents are not checked: a
  ///         pointer out of range or a length that is not 3 + 4n leaves the packet valid (see
  ///         the typed accessors).
  static Result<Ipv4Packet> parse(ByteView bytes) noexcept;

  /// Wraps bytes without checking them; accessors of fields past the end return 0. The Wireshark
  /// listing uses it for headers that were cut short.
  /// @param bytes the packet, starting with the version/IHL octet
  explicit constexpr Ipv4Packet(ByteView bytes) noexcept : bytes_(bytes) {}
  /// Makes an empty view; every accessor returns 0 or an empty view.
  constexpr Ipv4Packet() noexcept = default;

  /// @return the bytes the view was made from: header, payload and any link-layer padding
  ByteView bytes() const noexcept { return bytes_; }

  /// @return the Version field (4 for a packet from parse())
  std::uint8_t version() const noexcept { return static_cast<std::uint8_t>(reader().u8_at(0) >> 4); }
  /// @return the Internet Header Length field, in 32-bit words (5 to 15)
  std::uint8_t ihl() const noexcept { return static_cast<std::uint8_t>(reader().u8_at(0) & 0x0f); }
  /// @return the header length in bytes, options included: IHL * 4 (20 to 60)
  std::size_t header_length() const noexcept { return std::size_t{ihl()} * 4; }
  /// @return the second octet, once Type of Service (RFC 791), now the DS field (RFC 2474) and
  ///         ECN (RFC 3168): DSCP in the high 6 bits, ECN in the low 2
  std::uint8_t type_of_service() const noexcept { return reader().u8_at(1); }
  /// @return the Differentiated Services Code Point, 0-63 (RFC 2474 section 3; 46 is EF)
  std::uint8_t dscp() const noexcept { return static_cast<std::uint8_t>(type_of_service() >> 2); }
  /// @return the ECN field, 0-3: 0 Not-ECT, 1 ECT(1), 2 ECT(0), 3 CE (RFC 3168 section 5)
  std::uint8_t ecn() const noexcept { return static_cast<std::uint8_t>(type_of_service() & 0x03); }
  /// @return the Total Length field: header and data, in bytes (0 under segmentation offload)
  std::uint16_t total_length() const noexcept { return reader().u16_at(2); }
  /// @return the Identification field, which groups the fragments of one datagram
  std::uint16_t identification() const noexcept { return reader().u16_at(4); }
  /// @return the reserved flag (bit 0 of the flags), which must be zero
  bool reserved_flag() const noexcept { return (reader().u8_at(6) & 0x80) != 0; }
  /// @return the Don't Fragment (DF) flag
  bool dont_fragment() const noexcept { return (reader().u8_at(6) & 0x40) != 0; }
  /// @return the More Fragments (MF) flag: fragments of this datagram follow this one
  bool more_fragments() const noexcept { return (reader().u8_at(6) & 0x20) != 0; }
  /// @return the Fragment Offset field, in units of 8 octets (0 to 8191)
  std::uint16_t fragment_offset() const noexcept { return static_cast<std::uint16_t>(reader().u16_at(6) & 0x1fff); }
  /// @return the fragment offset in bytes: fragment_offset() * 8
  std::uint32_t fragment_offset_bytes() const noexcept { return std::uint32_t{fragment_offset()} * 8; }
  /// @return the Time to Live field, decremented by each router (RFC 791 section 3.2)
  std::uint8_t ttl() const noexcept { return reader().u8_at(8); }
  /// @return the Protocol field: the IP protocol number of the data (see ip_protocol)
  std::uint8_t protocol() const noexcept { return reader().u8_at(9); }
  /// @return the Header Checksum field as sent
  std::uint16_t header_checksum() const noexcept { return reader().u16_at(10); }
  /// @return the Source Address field
  Ipv4Address source() const noexcept { return Ipv4Address{reader().array_at<4>(12)}; }
  /// @return the Destination Address field: with a source route, the next hop, not the final
  ///         destination (see final_destination())
  Ipv4Address destination() const noexcept { return Ipv4Address{reader().array_at<4>(16)}; }
  /// The destination the datagram is finally bound for: the last address of a Loose or Strict
  /// Source Route option whose route is not used up (its pointer is valid and not past its
  /// length), else destination(). This is the address TCP and UDP put in their pseudo-header,
  /// and the one Wireshark shows as ip.dst (calling the header's field ip.cur_rt).
  /// @return the final destination address
  /// @see RFC 791 section 3.1; RFC 1122 section 3.2.1.8
  Ipv4Address final_destination() const noexcept;

  /// @return true when the datagram is a fragment: More Fragments is set or the offset is not 0
  bool is_fragment() const noexcept { return more_fragments() || fragment_offset() != 0; }
  /// Verifies the header checksum (RFC 1071 sum over the header, options included).
  /// @return ChecksumStatus::good or ChecksumStatus::bad; ChecksumStatus::unverified when the
  ///         header was not captured in full or its IHL is below 5
  ChecksumStatus header_checksum_status() const noexcept;

  /// @return the options of the header, for range-for; empty without options
  Ipv4OptionRange options() const noexcept;
  /// @param type an option type (one of ipv4_option)
  /// @return the first option of that type, or nothing
  std::optional<Ipv4Option> find_option(std::uint8_t type) const noexcept;
  /// @return the first Record Route option (RFC 791), or nothing
  std::optional<Ipv4RouteOption> record_route() const noexcept;
  /// @return the first Loose Source and Record Route option (RFC 791), or nothing
  std::optional<Ipv4RouteOption> loose_source_route() const noexcept;
  /// @return the first Strict Source and Record Route option (RFC 791), or nothing
  std::optional<Ipv4RouteOption> strict_source_route() const noexcept;
  /// @return the first Internet Timestamp option (RFC 791), or nothing
  std::optional<Ipv4TimestampOption> timestamp() const noexcept;
  /// @return the value of the first well-formed Router Alert option (RFC 2113), or nothing
  std::optional<std::uint16_t> router_alert() const noexcept;

  /// @return the captured bytes after the header, cut to the Total Length so that link-layer
  ///         padding is left out: what the next layer decodes (for a fragment other than the
  ///         first, the middle of the datagram's data)
  ByteView payload() const noexcept;
  /// @return the data length the header declares: Total Length - header length, or 0 when that
  ///         is negative; under segmentation offload (Total Length 0), the captured bytes after
  ///         the header
  std::size_t payload_length() const noexcept;
  /// @return true when fewer bytes were captured than Total Length declares (snap length, or an
  ///         ICMP error quoting only the start of the datagram)
  bool payload_truncated() const noexcept;
  /// @return true when Total Length is 0, which only TCP segmentation offload on the capturing
  ///         host produces: the datagram is then taken to end where the capture ends
  bool length_from_capture() const noexcept { return bytes_.size() >= 4 && total_length() == 0; }
  /// @return what TCP and UDP checksums cover of this header: source(), final_destination(),
  ///         protocol() and payload_length()
  PseudoHeader pseudo_header() const noexcept;

 private:
  constexpr ByteReader reader() const noexcept { return ByteReader(bytes_); }
  ByteView options_area() const noexcept;

  ByteView bytes_;
};

}  // namespace pktdoc
