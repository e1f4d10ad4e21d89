/// @file
/// @brief Decoding a whole frame, from the link layer to DNS, in one call that allocates nothing.
///
/// decode_packet() is the "dpkt paradigm" done for C++: hand it a frame and it walks down the
/// layers, choosing each next decoder by the field that names it (EtherType, IP protocol,
/// port), and fills a DecodedPacket with a view for every layer it could decode. It stops at the
/// first layer that is truncated or invalid and says which and why; the layers above it are
/// still there. Each frame is decoded on its own: IP fragments and TCP segments are not
/// reassembled here (that is the job of the stateful reassembly components).
#pragma once

#include <array>
#include <cstddef>
#include <optional>

#include "pktdoc/arp.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/dns.hpp"
#include "pktdoc/error.hpp"
#include "pktdoc/icmp.hpp"
#include "pktdoc/icmpv6.hpp"
#include "pktdoc/ipv4.hpp"
#include "pktdoc/ipv6.hpp"
#include "pktdoc/link.hpp"
#include "pktdoc/sctp.hpp"
#include "pktdoc/tcp.hpp"
#include "pktdoc/udp.hpp"

namespace pktdoc {

/// Well-known ports on which decode_packet() looks for an application protocol.
namespace well_known_port {
inline constexpr std::uint16_t dns = 53;    ///< DNS over UDP and TCP (RFC 1035 section 4.2).
inline constexpr std::uint16_t mdns = 5353;  ///< Multicast DNS (RFC 6762 section 3).
}  // namespace well_known_port

/// One IP packet and what it carries: the frame's own, or the one an ICMP error quotes.
///
/// At most one of `ipv4` and `ipv6` is set, at most one transport, and `dns` only over UDP or TCP.
/// @warning Every view points into the frame's bytes: valid while the frame is.
struct IpLayers {
  std::optional<Ipv4Packet> ipv4;        ///< The IPv4 header, if the packet is IPv4.
  std::optional<Ipv6Packet> ipv6;        ///< The IPv6 header and its extension headers, if IPv6.
  std::optional<IcmpMessage> icmp;       ///< An ICMP message (IP protocol 1).
  std::optional<Icmpv6Message> icmpv6;   ///< An ICMPv6 message (next header 58).
  std::optional<TcpSegment> tcp;         ///< A TCP segment (protocol 6).
  std::optional<UdpDatagram> udp;        ///< A UDP datagram (protocol 17).
  std::optional<SctpPacket> sctp;        ///< An SCTP packet (protocol 132).
  std::optional<DnsMessage> dns;         ///< A DNS or mDNS message carried by UDP or TCP.
  /// Protocol::dns or Protocol::mdns when `dns` is set; Protocol::data when the transport (or a
  /// non-first fragment) carries bytes that nothing decoded; Protocol::none otherwise.
  Protocol application = Protocol::none;
  /// The bytes of the innermost layer that nothing decoded (Protocol::data), if any.
  ByteView data;
  /// The upper-layer length the IP header declares (IPv4 total length minus header length; IPv6
  /// payload length minus extension headers), which may exceed what was captured.
  std::size_t transport_length = 0;
  /// The first layer of this packet that could not be decoded; ErrorKind::none if all could.
  DecodeError error;
  /// The bytes the failing layer was given (empty when there is no error).
  ByteView error_bytes;

  /// @return true when an IP header was decoded
  bool has_ip() const noexcept { return ipv4.has_value() || ipv6.has_value(); }
};

/// Everything decode_packet() found in one frame.
/// @warning Every view points into the frame's bytes: valid while the frame is (for a frame from
/// CaptureReader, until the next call to CaptureReader::next()).
struct DecodedPacket {
  LinkLayer link;                 ///< The link-layer header and the EtherType it announces.
  std::optional<ArpPacket> arp;   ///< An ARP packet (EtherType 0x0806).
  IpLayers ip;                    ///< The frame's IP packet and the layers it carries.
  /// The packet that an ICMP or ICMPv6 error message quotes (RFC 792, RFC 4443 section 2.4),
  /// decoded as a packet of its own. A quote is short by design (an IP header and 8 bytes, or up
  /// to 1280 bytes for ICMPv6), so its last layer is often truncated: that is recorded in
  /// quoted.error but is not an error of the frame.
  IpLayers quoted;
  /// A link-layer or ARP error; IP and above record theirs in ip.error.
  DecodeError error;
  /// The bytes the failing link or ARP decoder was given.
  ByteView error_bytes;

  /// @return the first error in the frame (link, ARP, or the frame's IP packet), or an error of
  ///         kind ErrorKind::none when every layer decoded. Errors inside a quoted packet are not
  ///         errors of the frame and are not returned.
  const DecodeError& first_error() const noexcept {
    return error.kind != ErrorKind::none ? error : ip.error;
  }
  /// @return true when every layer of the frame decoded
  bool ok() const noexcept { return first_error().kind == ErrorKind::none; }
};

/// What decode_packet() decodes beyond the headers.
struct DecodeOptions {
  bool decode_quoted = true;       ///< Decode the packet an ICMP/ICMPv6 error quotes.
  bool decode_application = true;  ///< Decode DNS and mDNS on their well-known ports.
};

/// Decodes every layer of a frame into `out`, replacing what `out` held.
///
/// Dispatch: the link type chooses the link decoder; the EtherType chooses ARP, IPv4 or IPv6;
/// the IP protocol (after IPv6 extension headers) chooses ICMP, ICMPv6, TCP, UDP or SCTP; port 53
/// means DNS (over TCP, when the whole message is in the segment) and port 5353 mDNS. A non-first
/// IP fragment carries no transport header, so its payload is Protocol::data. Decoding stops at
/// the first layer that fails; its error and bytes are recorded.
///
/// @param frame the frame, with its link type
/// @param[out] out receives the layers; reusing one DecodedPacket for every frame is cheapest
/// @param options what to decode beyond the headers
void decode_packet(const Frame& frame, DecodedPacket& out, const DecodeOptions& options = {}) noexcept;

/// Decodes the bytes of an IP packet (IPv4 or IPv6, by its version) and what it carries, as
/// decode_packet() does after the link layer. Useful for raw IP and for reassembled datagrams.
/// @param packet the IP packet's bytes
/// @param[out] out receives the layers, replacing what it held
/// @param options what to decode beyond the headers (quoted packets are not decoded here)
void decode_ip(ByteView packet, IpLayers& out, const DecodeOptions& options = {}) noexcept;

/// The longest chain of protocols one frame can produce in protocol_stack(): link, VLAN tags,
/// LLC, network, transport, application, data, and a quoted packet's network, transport and data.
inline constexpr std::size_t max_protocol_stack = EthernetFrame::max_vlan_tags + 12;

/// The protocols of a frame from the outside in, for protocol hierarchy statistics: for example
/// ethernet, ipv4, udp, dns; or raw_ip, ipv6, icmpv6, ipv6, udp for an ICMPv6 error quoting a UDP
/// packet. Ends with Protocol::data when bytes remained that nothing decoded.
/// @param packet a decoded frame
/// @param[out] stack receives the protocols
/// @return the number of entries written to `stack`
std::size_t protocol_stack(const DecodedPacket& packet, std::array<Protocol, max_protocol_stack>& stack) noexcept;

}  // namespace pktdoc
