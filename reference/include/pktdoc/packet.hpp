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
inline constexpr std::uint16_t dns = 53;           ///< DNS over UDP and TCP (RFC 1035 section 4.2).
inline constexpr std::uint16_t mdns = 5353;        ///< Multicast DNS over UDP (RFC 6762 section 3).
inline constexpr std::uint16_t llmnr = 5355;       ///< Link-Local Multicast Name Resolution (RFC 4795).
inline constexpr std::uint16_t sctp_over_udp = 9899;  ///< SCTP encapsulated in UDP (RFC 6951 section 5).
}  // namespace well_known_port

/// The application protocol a transport's ports select, as decode_packet() and the Wireshark
/// listing choose it.
///
/// Like Wireshark, the lower port is tried first and then the higher one (so 53 to 5353 is DNS);
/// a lower port below 1024 that is not one of these is taken to belong to another protocol
/// (21 to 53 is FTP, not DNS), which is what Wireshark, knowing nearly every system port, does.
/// Over UDP: 53 is Protocol::dns, 5353 Protocol::mdns, 5355 Protocol::llmnr (which has DNS's
/// format) and 9899 Protocol::sctp (SCTP over UDP). Over TCP: 53 and 5353 are Protocol::dns.
/// @param transport Protocol::udp or Protocol::tcp
/// @param source_port the transport's source port
/// @param destination_port the transport's destination port
/// @return the protocol, or Protocol::none when neither port is one of these
Protocol application_protocol(Protocol transport, std::uint16_t source_port, std::uint16_t destination_port) noexcept;

/// How an IP packet came to be in a frame.
enum class Carrier : std::uint8_t {
  link,             ///< The frame's own IP packet, right after the link-layer header.
  ip_tunnel,        ///< Carried by another IP packet: IPv4 or IPv6 in IP (protocol 4 or 41; RFC 2003,
                    ///< RFC 4213).
  icmp_quote,       ///< Quoted by an ICMP error message (RFC 792).
  icmpv6_quote,     ///< Quoted by an ICMPv6 error message (RFC 4443 section 2.4).
  icmpv6_redirect,  ///< In the Redirected Header option of an ICMPv6 Redirect (RFC 4861 section 4.6.3).
};

/// One IP packet and what it carries.
///
/// At most one of `ipv4` and `ipv6` is set, at most one of the ICMP, ICMPv6, TCP and UDP views,
/// `sctp` directly over IP or over UDP port 9899, and `dns` only over UDP or TCP.
/// @warning Every view points into the frame's bytes: valid while the frame is.
struct IpLayers {
  Carrier carrier = Carrier::link;       ///< How this packet got into the frame.
  std::optional<Ipv4Packet> ipv4;        ///< The IPv4 header, if the packet is IPv4.
  std::optional<Ipv6Packet> ipv6;        ///< The IPv6 header and its extension headers, if IPv6.
  std::optional<IcmpMessage> icmp;       ///< An ICMP message (IP protocol 1).
  std::optional<Icmpv6Message> icmpv6;   ///< An ICMPv6 message (next header 58).
  std::optional<TcpSegment> tcp;         ///< A TCP segment (protocol 6).
  std::optional<UdpDatagram> udp;        ///< A UDP datagram (protocol 17).
  std::optional<SctpPacket> sctp;        ///< An SCTP packet (protocol 132, or UDP port 9899).
  std::optional<DnsMessage> dns;         ///< A DNS, mDNS or LLMNR message carried by UDP or TCP (for
                                         ///< TCP, the first message of the segment).
  /// Protocol::dns, Protocol::mdns or Protocol::llmnr when `dns` is set; Protocol::data when the
  /// innermost layer carries bytes that nothing decoded; Protocol::none otherwise.
  Protocol application = Protocol::none;
  /// The bytes of the innermost layer that nothing decoded (Protocol::data), if any.
  ByteView data;
  /// The upper-layer length: what the IP header declares (IPv4 total length minus header length;
  /// IPv6 payload length minus extension headers), but no more than the frame, or the quote, had
  /// on the wire after the IP header. It may exceed what was captured.
  std::size_t transport_length = 0;
  /// The first layer of this packet that could not be decoded; ErrorKind::none if all could.
  DecodeError error;
  /// The bytes the failing layer was given (empty when there is no error).
  ByteView error_bytes;

  /// @return true when an IP header was decoded
  bool has_ip() const noexcept { return ipv4.has_value() || ipv6.has_value(); }
  /// @return true for a packet quoted by an ICMP or ICMPv6 message, which is short by design
  bool is_quote() const noexcept { return carrier != Carrier::link && carrier != Carrier::ip_tunnel; }
};

/// Everything decode_packet() found in one frame.
///
/// The frame's own IP packet is `ip`. A packet inside it (quoted by an ICMP error, carried in an
/// IP tunnel) is `inner[0]`, a packet inside that one `inner[1]`, and so on, up to
/// max_inner_packets; `inner_count` says how many there are.
/// @warning Every view points into the frame's bytes: valid while the frame is (for a frame from
/// CaptureReader, until the next call to CaptureReader::next()).
struct DecodedPacket {
  /// How many IP packets nested inside the frame's own are decoded (an ICMP error quoting an ICMP
  /// error quoting a packet needs 2); deeper ones are left as Protocol::data.
  static constexpr std::size_t max_inner_packets = 4;

  LinkLayer link;                 ///< The link-layer header and the EtherType it announces.
  std::optional<ArpPacket> arp;   ///< An ARP or RARP packet (EtherType 0x0806 or 0x8035).
  IpLayers ip;                    ///< The frame's IP packet and the layers it carries.
  /// IP packets inside `ip`: inner[0] is carried by `ip`, inner[k] by inner[k - 1]. A quoted
  /// packet is short by design (an IP header and 8 bytes, or up to 1280 bytes for ICMPv6), so
  /// its last layer is often truncated: that is recorded in its `error` but is not an error of
  /// the frame.
  std::array<IpLayers, max_inner_packets> inner{};
  std::size_t inner_count = 0;    ///< How many entries of `inner` are meaningful.
  /// A link-layer or ARP error; IP and above record theirs in the IpLayers.
  DecodeError error;
  /// The bytes the failing link or ARP decoder was given.
  ByteView error_bytes;

  /// @return the first error of the frame: link, ARP, the frame's IP packet, then packets in IP
  ///         tunnels; an error of kind ErrorKind::none when every layer decoded. Errors inside a
  ///         quoted packet are not errors of the frame and are not returned.
  const DecodeError& first_error() const noexcept;
  /// @return true when every layer of the frame decoded
  bool ok() const noexcept { return first_error().kind == ErrorKind::none; }
};

/// What decode_packet() decodes beyond the headers.
struct DecodeOptions {
  bool decode_inner = true;        ///< Decode packets quoted by ICMP/ICMPv6 and carried in IP tunnels.
  bool decode_application = true;  ///< Decode DNS, mDNS and LLMNR on their well-known ports.
};

/// Decodes every layer of a frame into `out`, replacing what `out` held.
///
/// Dispatch: the link type chooses the link decoder; the EtherType chooses ARP, IPv4 or IPv6
/// (an EtherType that contradicts the IP version is an invalid IP header, as Wireshark reports
/// it); the IP protocol (after IPv6 extension headers) chooses ICMP, ICMPv6, TCP, UDP, SCTP or an
/// inner IP packet; the ports choose the application (application_protocol()). A non-first IP
/// fragment carries no transport header, so its payload is Protocol::data. Decoding stops at the
/// first layer that fails; its error and bytes are recorded.
///
/// A message that does not fit where it is carried is not an error of the frame: DNS over TCP
/// longer than its segment, or in the first fragment of a UDP datagram, is left as
/// Protocol::data (reassembly delivers it whole).
///
/// @param frame the frame, with its link type
/// @param[out] out receives the layers; reusing one DecodedPacket for every frame is cheapest
/// @param options what to decode beyond the headers
void decode_packet(const Frame& frame, DecodedPacket& out, const DecodeOptions& options = {}) noexcept;

/// Decodes the bytes of an IP packet (IPv4 or IPv6, by its version nibble) and what it carries,
/// as decode_packet() does after the link layer, without inner packets. Useful for raw bytes
/// and for reassembled datagrams.
/// @param packet the IP packet's bytes, all of it captured
/// @param[out] out receives the layers, replacing what it held
/// @param options whether to decode the application layer (inner packets are not decoded here)
void decode_ip(ByteView packet, IpLayers& out, const DecodeOptions& options = {}) noexcept;

/// The longest chain of protocols protocol_stack() writes for one frame; a frame with more VLAN
/// tags than fit has the rest of its chain left out.
inline constexpr std::size_t max_protocol_stack = 32;

/// The protocols of a frame from the outside in, for protocol hierarchy statistics: for example
/// eth, ip, udp, dns; or raw, ipv6, icmpv6, ipv6, udp, data for an ICMPv6 error quoting a UDP
/// packet. Ends with Protocol::data when bytes remained that nothing decoded.
/// @param packet a decoded frame
/// @param[out] stack receives the protocols
/// @return the number of entries written to `stack`
std::size_t protocol_stack(const DecodedPacket& packet, std::array<Protocol, max_protocol_stack>& stack) noexcept;

}  // namespace pktdoc
