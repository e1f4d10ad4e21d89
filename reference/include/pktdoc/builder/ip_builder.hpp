/// @file
/// @brief Building IPv4 packets (RFC 791) with options, and IPv6 packets (RFC 8200) with
/// extension headers, around a transport built by the other builders, with lengths and
/// checksums filled in.
///
/// An IP header builder wraps a transport: `Ipv4::packet(tcp, data)` builds the TCP segment with
/// its checksum over the pseudo-header of this very IPv4 header, then the IPv4 header with its
/// Total Length and header checksum. The pseudo-header is read back from the header just built
/// with the decoders' Ipv4Packet::pseudo_header() and Ipv6Packet::pseudo_header(), so source
/// routes and routing headers change the checksummed destination exactly as the decoders
/// expect (RFC 791 section 3.1, RFC 8200 section 8.1).
///
/// @code
/// using namespace pktdoc;
/// const build::Ipv4 ip{.source = *Ipv4Address::parse("192.0.2.1"),
///                      .destination = *Ipv4Address::parse("198.51.100.7"), .identification = 0x1234};
/// build::Bytes packet = ip.packet(build::Udp{.source_port = 40000, .destination_port = 53}, query);
///
/// build::Ipv6 ip6{.source = *Ipv6Address::parse("2001:db8::1"), .destination = *Ipv6Address::parse("2001:db8::2")};
/// ip6.extension_headers.push_back(build::Ipv6Extension::destination_options(build::Ipv6OptionList().padn(4)));
/// build::Bytes packet6 = ip6.packet(build::Tcp{.source_port = 49152, .destination_port = 80}, {});
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "pktdoc/address.hpp"
#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/ip_protocol.hpp"
#include "pktdoc/ipv4.hpp"
#include "pktdoc/ipv6.hpp"

namespace pktdoc::build {

struct Tcp;
struct Udp;
struct Icmp;
struct Icmpv6;
struct Sctp;

/// The options area of an IPv4 header, built option by option (RFC 791 section 3.1).
///
/// Each call appends one option; Ipv4 pads the area with End of Option List octets (zeros) to a
/// multiple of 4 bytes. The area holds at most 40 bytes (Ipv4Packet::max_options_length).
///
/// @code
/// pktdoc::build::Ipv4 ip{...};
/// ip.options = pktdoc::build::Ipv4OptionList().router_alert(0).bytes();
/// @endcode
class Ipv4OptionList {
 public:
  /// Appends End of Option List: one zero octet, after which the rest of the area is padding.
  /// @return this list
  Ipv4OptionList& end_of_list();
  /// Appends No Operation: one octet (1), for alignment.
  /// @return this list
  Ipv4OptionList& no_operation();
  /// Appends a Record Route option with `slots` empty 4-byte slots and the pointer at the first
  /// (4), for routers to fill in.
  /// @param slots number of address slots, 1 to 9
  /// @return this list
  Ipv4OptionList& record_route(std::size_t slots);
  /// Appends a Loose Source and Record Route option (type 131).
  /// @param route the addresses to route through, in order, the final destination last
  /// @param pointer the pointer octet: 4 for a route not yet followed (the first address next)
  /// @return this list
  Ipv4OptionList& loose_source_route(const std::vector<Ipv4Address>& route, std::uint8_t pointer = 4);
  /// Appends a Strict Source and Record Route option (type 137).
  /// @param route the addresses to route through, in order, the final destination last
  /// @param pointer the pointer octet: 4 for a route not yet followed
  /// @return this list
  Ipv4OptionList& strict_source_route(const std::vector<Ipv4Address>& route, std::uint8_t pointer = 4);
  /// Appends an Internet Timestamp option with flag 0 (timestamps only) and `slots` empty 4-byte
  /// slots, pointer 5 (the first).
  /// @param slots number of timestamp slots, 1 to 9
  /// @return this list
  Ipv4OptionList& timestamp(std::size_t slots);
  /// Appends a Router Alert option (type 148, length 4; RFC 2113).
  /// @param value 0: routers shall examine the packet
  /// @return this list
  Ipv4OptionList& router_alert(std::uint16_t value = 0);
  /// Appends any option: type, length (2 + data size), data.
  /// @param type the option-type octet (see ipv4_option)
  /// @param data the option data
  /// @return this list
  /// @throws std::length_error when the option would be longer than 255 bytes
  Ipv4OptionList& option(std::uint8_t type, ByteView data);
  /// Appends bytes as they are: a malformed option, for tests of bad input.
  /// @param bytes the bytes
  /// @return this list
  Ipv4OptionList& raw(ByteView bytes);

  /// @return the options appended so far, without padding
  const Bytes& bytes() const noexcept { return bytes_; }

 private:
  Ipv4OptionList& route(std::uint8_t type, const std::vector<Ipv4Address>& route, std::uint8_t pointer);
  Bytes bytes_{};
};

/// An IPv4 header, with what it takes to wrap a transport into a whole packet.
///
/// The fields are named as Ipv4Packet's accessors. Those left at their defaults are computed:
/// the IHL from the options, Total Length from the payload, the protocol from the transport, the
/// header checksum with the library's RFC 1071 routine. Setting `ihl`, `total_length` or
/// `header_checksum` writes that value instead, true or not.
/// @see RFC 791 section 3.1
struct Ipv4 {
  /// Source Address.
  Ipv4Address source{};
  /// Destination Address (the first hop of a source route).
  Ipv4Address destination{};
  /// The DS field and ECN (the old Type of Service octet): DSCP << 2 | ECN.
  std::uint8_t type_of_service = 0;
  /// Identification: give each datagram its own, fragments share it (nothing is chosen at
  /// random: the same description always builds the same bytes).
  std::uint16_t identification = 0;
  /// The reserved flag (the "evil bit", RFC 3514); must be clear.
  bool reserved_flag = false;
  /// Don't Fragment. Nothing (the default) sets it for TCP, whose stacks use path MTU discovery,
  /// and clears it for everything else, so that large UDP datagrams can be fragmented.
  std::optional<bool> dont_fragment{};
  /// More Fragments: set on every fragment but the last (the fragmenter sets it).
  bool more_fragments = false;
  /// Fragment Offset, in units of 8 octets (0 to 8191).
  std::uint16_t fragment_offset = 0;
  /// Time to Live; 64, the Linux default.
  std::uint8_t ttl = 64;
  /// The options area before padding: Ipv4OptionList::bytes(), or any bytes. Padded with zeros
  /// (End of Option List) to a multiple of 4; at most 40 bytes.
  Bytes options{};
  /// Internet Header Length in 32-bit words; nothing computes it (5 + options / 4).
  std::optional<std::uint8_t> ihl{};
  /// Total Length in bytes; nothing computes it (header + payload).
  std::optional<std::uint16_t> total_length{};
  /// The Protocol field; nothing takes it from what packet() is given.
  std::optional<std::uint8_t> protocol{};
  /// Header Checksum; nothing computes it (RFC 1071, over the header).
  std::optional<std::uint16_t> header_checksum{};
  /// Write the computed header checksum plus one (a checksum that is wrong on purpose, and never
  /// equal to the right one in one's complement arithmetic).
  bool corrupt_checksum = false;

  /// Builds the packet: header, then `payload` as it is.
  /// @param protocol the Protocol field (ip_protocol), unless `protocol` overrides it
  /// @param payload the transport segment, or any bytes
  /// @return the packet
  /// @throws std::length_error when the options exceed 40 bytes or the packet 65535
  Bytes packet(std::uint8_t protocol, ByteView payload) const;
  /// Builds a TCP segment with `data` and wraps it.
  /// @param tcp the TCP header
  /// @param data the segment's data
  /// @return the packet, TCP checksum computed over this header's pseudo-header
  /// @throws std::length_error as packet(std::uint8_t, ByteView) does, or as Tcp::segment() does
  Bytes packet(const Tcp& tcp, ByteView data = {}) const;
  /// Builds a UDP datagram with `data` and wraps it.
  /// @param udp the UDP header
  /// @param data the datagram's data
  /// @return the packet, UDP length and checksum computed
  /// @throws std::length_error when the datagram or the packet exceeds 65535 bytes
  Bytes packet(const Udp& udp, ByteView data = {}) const;
  /// Builds an ICMP message and wraps it (protocol 1).
  /// @param icmp the message
  /// @return the packet, ICMP checksum computed
  /// @throws std::length_error when the packet exceeds 65535 bytes
  Bytes packet(const Icmp& icmp) const;
  /// Builds an SCTP packet and wraps it (protocol 132).
  /// @param sctp the SCTP packet
  /// @return the packet, CRC32c computed
  /// @throws std::length_error when the packet exceeds 65535 bytes
  Bytes packet(const Sctp& sctp) const;

  /// What a transport checksum covers of this header, for a transport of `length` bytes: the
  /// source, the final destination (the last address of a source route option that is not used
  /// up, else `destination`), the protocol and the length (Ipv4Packet::pseudo_header()).
  /// @param protocol the transport protocol number
  /// @param length the transport's length in bytes, header included
  /// @return the pseudo-header; overrides of `total_length` and `ihl` are not applied to it
  PseudoHeader pseudo_header(std::uint8_t protocol, std::size_t length) const;
};

/// The options of a Hop-by-Hop or Destination Options header, built option by option
/// (RFC 8200 section 4.2). Ipv6Extension pads the header to a multiple of 8 bytes with Pad1 or
/// PadN, as RFC 8200 requires.
class Ipv6OptionList {
 public:
  /// Appends Pad1: one zero octet.
  /// @return this list
  Ipv6OptionList& pad1();
  /// Appends PadN: `length` octets of padding in all (2 or more: type, length, zeros).
  /// @param length the option's total length in bytes, at least 2
  /// @return this list
  /// @throws std::invalid_argument when `length` is below 2 or above 257
  Ipv6OptionList& padn(std::size_t length);
  /// Appends a Router Alert option (type 5, RFC 2711).
  /// @param value see ipv6_router_alert (0: MLD)
  /// @return this list
  Ipv6OptionList& router_alert(std::uint16_t value);
  /// Appends any option: type, data length, data.
  /// @param type the option type (see ipv6_option)
  /// @param data the option data, at most 255 bytes
  /// @return this list
  /// @throws std::length_error when `data` is longer than 255 bytes
  Ipv6OptionList& option(std::uint8_t type, ByteView data);
  /// Appends bytes as they are: a malformed option, for tests of bad input.
  /// @param bytes the bytes
  /// @return this list
  Ipv6OptionList& raw(ByteView bytes);

  /// @return the options appended so far, without the final padding
  const Bytes& bytes() const noexcept { return bytes_; }

 private:
  Bytes bytes_{};
};

/// One IPv6 extension header, ready to be chained by Ipv6.
///
/// `data` is the whole header as it goes on the wire, from its Next Header octet, as the
/// decoder's Ipv6ExtensionHeader::data shows it. The Next Header octet is overwritten when the
/// packet is built: Ipv6 chains the headers in the order given.
/// @see RFC 8200 section 4
struct Ipv6Extension {
  /// The header's type: the Next Header value that announces it (ip_protocol::hop_by_hop,
  /// ip_protocol::routing, ip_protocol::fragment, ip_protocol::destination_options, ...).
  std::uint8_t type = ip_protocol::destination_options;
  /// The whole header, from its Next Header octet; a multiple of 8 bytes for the usual types.
  Bytes data{};

  /// A Hop-by-Hop Options header (type 0), padded to a multiple of 8 bytes.
  /// @param options the options
  /// @return the header
  /// @throws std::length_error when the header would be longer than 2048 bytes
  static Ipv6Extension hop_by_hop(const Ipv6OptionList& options);
  /// A Destination Options header (type 60), padded to a multiple of 8 bytes.
  /// @param options the options
  /// @return the header
  /// @throws std::length_error when the header would be longer than 2048 bytes
  static Ipv6Extension destination_options(const Ipv6OptionList& options);
  /// A Routing header (type 43) in the layout of types 0 and 2: 4 reserved bytes, then the
  /// addresses (RFC 5095, RFC 6275 section 6.4).
  /// @param routing_type ipv6_routing_type::source_route (deprecated) or ipv6_routing_type::mobile_ipv6
  /// @param segments_left route segments still to visit
  /// @param addresses the addresses, the final destination last (type 2: the one home address)
  /// @return the header
  /// @throws std::length_error when there are more than 127 addresses
  static Ipv6Extension routing(std::uint8_t routing_type, std::uint8_t segments_left,
                               const std::vector<Ipv6Address>& addresses);
  /// A Fragment header (type 44, 8 bytes). To fragment a packet, use fragment() (fragmenter.hpp),
  /// which also splits the data.
  /// @param offset Fragment Offset, in units of 8 octets (0 to 8191)
  /// @param more_fragments the M flag
  /// @param identification the Identification shared by the fragments of one datagram
  /// @return the header
  static Ipv6Extension fragment(std::uint16_t offset, bool more_fragments, std::uint32_t identification);
};

/// An IPv6 header and its extension headers, with what it takes to wrap a transport.
///
/// The fields are named as Ipv6Packet's accessors. Payload Length and the Next Header chain are
/// computed; setting `payload_length` writes that value instead, true or not.
/// @see RFC 8200 sections 3 and 4
struct Ipv6 {
  /// Source Address.
  Ipv6Address source{};
  /// Destination Address (with a routing header, the next segment).
  Ipv6Address destination{};
  /// Traffic Class: DSCP << 2 | ECN.
  std::uint8_t traffic_class = 0;
  /// Flow Label, 20 bits (RFC 6437); higher bits are dropped.
  std::uint32_t flow_label = 0;
  /// Hop Limit; 64, the Linux default.
  std::uint8_t hop_limit = 64;
  /// The extension headers, in packet order (RFC 8200 section 4.1 recommends hop-by-hop,
  /// destination options, routing, fragment, ...); the Next Header fields are chained by packet().
  std::vector<Ipv6Extension> extension_headers{};
  /// Payload Length in bytes; nothing computes it (extension headers + upper layer).
  std::optional<std::uint16_t> payload_length{};

  /// Builds the packet: fixed header, extension headers, then `payload` as it is.
  /// @param protocol the Next Header of the last extension header (or of the fixed header):
  ///        the upper layer (ip_protocol)
  /// @param payload the upper-layer bytes
  /// @return the packet
  /// @throws std::length_error when the payload length exceeds 65535 (jumbograms are not built)
  Bytes packet(std::uint8_t protocol, ByteView payload) const;
  /// Builds a TCP segment with `data` and wraps it.
  /// @param tcp the TCP header
  /// @param data the segment's data
  /// @return the packet, TCP checksum computed over this header's pseudo-header
  /// @throws std::length_error as packet(std::uint8_t, ByteView) does, or as Tcp::segment() does
  Bytes packet(const Tcp& tcp, ByteView data = {}) const;
  /// Builds a UDP datagram with `data` and wraps it.
  /// @param udp the UDP header
  /// @param data the datagram's data
  /// @return the packet, UDP length and checksum computed
  /// @throws std::length_error when the datagram exceeds 65535 bytes
  Bytes packet(const Udp& udp, ByteView data = {}) const;
  /// Builds an ICMPv6 message and wraps it (next header 58).
  /// @param icmpv6 the message
  /// @return the packet, ICMPv6 checksum computed over this header's pseudo-header
  /// @throws std::length_error when the payload length exceeds 65535
  Bytes packet(const Icmpv6& icmpv6) const;
  /// Builds an SCTP packet and wraps it (next header 132).
  /// @param sctp the SCTP packet
  /// @return the packet, CRC32c computed
  /// @throws std::length_error when the payload length exceeds 65535
  Bytes packet(const Sctp& sctp) const;

  /// What an upper-layer checksum covers of this packet, for an upper layer of `length` bytes:
  /// the source, the final destination (the last address of a routing header whose Segments Left
  /// is not 0, else `destination`), the next header and the length (Ipv6Packet::pseudo_header()).
  /// @param protocol the upper-layer protocol number
  /// @param length the upper layer's length in bytes
  /// @return the pseudo-header; an override of `payload_length` is not applied to it
  PseudoHeader pseudo_header(std::uint8_t protocol, std::size_t length) const;
};

/// An IPv4 or an IPv6 header, for code that builds traffic of either version alike (Path,
/// TcpConnection).
using IpHeader = std::variant<Ipv4, Ipv6>;

/// The same header for the other direction: source and destination swapped (for IPv6 with a
/// routing header, the headers are kept as they are; reverse them yourself if needed).
/// @param header an IPv4 or IPv6 header
/// @return the reversed header
IpHeader reversed(const IpHeader& header);

}  // namespace pktdoc::build
