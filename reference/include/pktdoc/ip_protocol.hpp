/// @file
/// @brief IP protocol numbers: the IPv4 Protocol field and the IPv6 Next Header field.
///
/// IPv4 and IPv6 share one registry of 8-bit numbers (IANA "Assigned Internet Protocol
/// Numbers", https://www.iana.org/assignments/protocol-numbers). In IPv4 the number names what
/// follows the header; in IPv6 it names the next header in the chain, which is either another
/// extension header (hop-by-hop options, routing, fragment, ...) or the upper-layer protocol.
#pragma once

#include <cstdint>
#include <string_view>

namespace pktdoc {

/// IP protocol numbers used across pktdoc (IANA "Assigned Internet Protocol Numbers").
///
/// @code
/// if (ip.protocol() == pktdoc::ip_protocol::udp) { /* decode UDP */ }
/// @endcode
namespace ip_protocol {
inline constexpr std::uint8_t hop_by_hop = 0;  ///< IPv6 Hop-by-Hop Options header (RFC 8200 section 4.3).
inline constexpr std::uint8_t icmp = 1;        ///< Internet Control Message Protocol (RFC 792).
inline constexpr std::uint8_t igmp = 2;        ///< Internet Group Management Protocol (RFC 1112, RFC 3376).
inline constexpr std::uint8_t ipv4 = 4;        ///< IPv4 encapsulated in IP (RFC 2003).
inline constexpr std::uint8_t tcp = 6;         ///< Transmission Control Protocol (RFC 9293).
inline constexpr std::uint8_t udp = 17;        ///< User Datagram Protocol (RFC 768).
inline constexpr std::uint8_t ipv6 = 41;       ///< IPv6 encapsulated in IP (RFC 2473, RFC 4213).
inline constexpr std::uint8_t routing = 43;    ///< IPv6 Routing header (RFC 8200 section 4.4).
inline constexpr std::uint8_t fragment = 44;   ///< IPv6 Fragment header (RFC 8200 section 4.5).
inline constexpr std::uint8_t gre = 47;        ///< Generic Routing Encapsulation (RFC 2784).
inline constexpr std::uint8_t esp = 50;        ///< Encapsulating Security Payload (RFC 4303).
inline constexpr std::uint8_t ah = 51;         ///< Authentication Header (RFC 4302).
inline constexpr std::uint8_t icmpv6 = 58;     ///< ICMP for IPv6 (RFC 4443).
inline constexpr std::uint8_t no_next = 59;    ///< IPv6 No Next Header: nothing follows (RFC 8200 section 4.7).
inline constexpr std::uint8_t destination_options = 60;  ///< IPv6 Destination Options header (RFC 8200 section 4.6).
inline constexpr std::uint8_t sctp = 132;                ///< Stream Control Transmission Protocol (RFC 9260).
inline constexpr std::uint8_t mobility = 135;            ///< Mobility header of Mobile IPv6 (RFC 6275 section 6.1).
inline constexpr std::uint8_t udp_lite = 136;            ///< UDP-Lite (RFC 3828).
inline constexpr std::uint8_t hip = 139;                 ///< Host Identity Protocol (RFC 7401 section 5.1).
inline constexpr std::uint8_t shim6 = 140;               ///< Shim6 protocol (RFC 5533 section 5).
inline constexpr std::uint8_t experimental_253 = 253;    ///< For experimentation and testing (RFC 3692, RFC 4727).
inline constexpr std::uint8_t experimental_254 = 254;    ///< For experimentation and testing (RFC 3692, RFC 4727).
}  // namespace ip_protocol

/// Tells whether an IPv6 Next Header value names an extension header, which pktdoc walks past,
/// rather than the upper layer.
///
/// The extension headers are those of the IANA "IPv6 Extension Header Types" registry that
/// pktdoc can step over: hop-by-hop options (0), routing (43), fragment (44), destination
/// options (60), authentication header (51), mobility (135), HIP (139), shim6 (140) and the
/// experimental values 253 and 254, which all use the uniform format of RFC 6564 (a Next Header
/// octet first, then a length) or, for the fragment header and AH, a fixed variant of it.
/// ESP (50) is an extension header too, but what follows it is encrypted, so for a decoder it is
/// the upper layer, as are No Next Header (59) and every number not listed here.
/// @param next_header a Next Header (or IPv4 Protocol) value
/// @return true for the values listed above
/// @see RFC 8200 section 4; RFC 6564 section 4; RFC 7045
constexpr bool is_ipv6_extension_header(std::uint8_t next_header) noexcept {
  switch (next_header) {
    case ip_protocol::hop_by_hop:
    case ip_protocol::routing:
    case ip_protocol::fragment:
    case ip_protocol::destination_options:
    case ip_protocol::ah:
    case ip_protocol::mobility:
    case ip_protocol::hip:
    case ip_protocol::shim6:
    case ip_protocol::experimental_253:
    case ip_protocol::experimental_254:
      return true;
    default:
      return false;
  }
}

/// The short, lower-case name of an IP protocol number, as Wireshark and `/etc/protocols` spell
/// it ("tcp", "udp", "ipv6-frag").
/// @param protocol an IPv4 Protocol or IPv6 Next Header value
/// @return a static string; "unknown" for numbers not in ip_protocol
constexpr std::string_view ip_protocol_name(std::uint8_t protocol) noexcept {
  switch (protocol) {
    case ip_protocol::hop_by_hop:
      return "ipv6-hopopt";
    case ip_protocol::icmp:
      return "icmp";
    case ip_protocol::igmp:
      return "igmp";
    case ip_protocol::ipv4:
      return "ipip";
    case ip_protocol::tcp:
      return "tcp";
    case ip_protocol::udp:
      return "udp";
    case ip_protocol::ipv6:
      return "ipv6";
    case ip_protocol::routing:
      return "ipv6-route";
    case ip_protocol::fragment:
      return "ipv6-frag";
    case ip_protocol::gre:
      return "gre";
    case ip_protocol::esp:
      return "esp";
    case ip_protocol::ah:
      return "ah";
    case ip_protocol::icmpv6:
      return "ipv6-icmp";
    case ip_protocol::no_next:
      return "ipv6-nonxt";
    case ip_protocol::destination_options:
      return "ipv6-opts";
    case ip_protocol::sctp:
      return "sctp";
    case ip_protocol::mobility:
      return "mobility-header";
    case ip_protocol::udp_lite:
      return "udplite";
    case ip_protocol::hip:
      return "hip";
    case ip_protocol::shim6:
      return "shim6";
    case ip_protocol::experimental_253:
      return "experimental-253";
    case ip_protocol::experimental_254:
      return "experimental-254";
    default:
      return "unknown";
  }
}

}  // namespace pktdoc
