#include "pktdoc/packet.hpp"

#include <algorithm>
#include <memory>
#include <new>
#include <type_traits>

namespace pktdoc {

Protocol application_protocol(Protocol transport, std::uint16_t source_port, std::uint16_t destination_port) noexcept {
  auto by_port = [transport](std::uint16_t port) {
    if (transport == Protocol::udp) {
      switch (port) {
        case well_known_port::dns: return Protocol::dns;
        case well_known_port::mdns: return Protocol::mdns;
        case well_known_port::llmnr: return Protocol::llmnr;
        case well_known_port::sctp_over_udp: return Protocol::sctp;
        default: return Protocol::none;
      }
    }
    if (transport == Protocol::tcp && (port == well_known_port::dns || port == well_known_port::mdns))
      return Protocol::dns;
    return Protocol::none;
  };
  // Wireshark tries the lower port first, and ignores port 0. A lower port in the system range
  // (below 1024) that is not one of these belongs to another protocol, which Wireshark would
  // pick instead: FTP's 21 to 53 is FTP, NetBIOS's 137 to 5353 is NetBIOS.
  const std::uint16_t low = std::min(source_port, destination_port);
  const std::uint16_t high = std::max(source_port, destination_port);
  if (low != 0) {
    if (Protocol found = by_port(low); found != Protocol::none) return found;
    if (low < 1024) return Protocol::none;
  }
  return by_port(high);
}

const DecodeError& DecodedPacket::first_error() const noexcept {
  if (error.kind != ErrorKind::none) return error;
  if (ip.error.kind != ErrorKind::none) return ip.error;
  for (std::size_t i = 0; i < inner_count && i < inner.size(); ++i) {
    if (inner[i].is_quote()) break;  // a quote, and what it holds, is short by design
    if (inner[i].error.kind != ErrorKind::none) return inner[i].error;
  }
  return ip.error;  // kind none
}

namespace {

// Puts `layers` back to what a default-constructed IpLayers holds. Default-initialising in place
// runs the member initializers only (each optional view just becomes empty); assigning
// IpLayers{} value-initialises a temporary first, which zero-fills all of it (about 860 bytes,
// mostly the storage of the optional views) for every frame: a tenth of decode_packet()'s work.
static_assert(std::is_trivially_destructible_v<IpLayers>);
void clear(IpLayers& layers) noexcept {
  std::destroy_at(&layers);
  ::new (static_cast<void*>(&layers)) IpLayers;
}

// Decodes one IP packet and what it carries into an IpLayers, asking for a fresh IpLayers when it
// meets a packet inside the packet (an ICMP quote, an IP tunnel).
class IpDecoder {
 public:
  IpDecoder(const DecodeOptions& options, DecodedPacket* packet) noexcept : options_(options), packet_(packet) {}

  // `version` is 4 or 6 when the carrier says which (EtherType, IP protocol 4 or 41), 0 to go by
  // the version nibble. `reported_length` is how many bytes the packet had on the wire (more
  // than were captured when the capture cut the frame).
  void decode(ByteView bytes, unsigned version, std::size_t reported_length, IpLayers& layers) noexcept {
    if (version == 0) version = ByteReader(bytes).u8_at(0) >> 4u;
    if (version == 6) {
      decode_ipv6(bytes, reported_length, layers);
    } else if (version == 4 || bytes.empty()) {
      decode_ipv4(bytes, reported_length, layers);
    } else {
      fail(invalid(Protocol::ipv4, "IP version is neither 4 nor 6"), bytes, layers);
    }
  }

 private:
  static void fail(const DecodeError& error, ByteView bytes, IpLayers& layers) noexcept {
    layers.error = error;
    layers.error_bytes = bytes;
  }
  template <class T>
  static bool failed(const Result<T>& result, ByteView bytes, IpLayers& layers) noexcept {
    if (result.ok()) return false;
    fail(result.error(), bytes, layers);
    return true;
  }
  static void set_data(ByteView bytes, IpLayers& layers) noexcept {
    if (bytes.empty()) return;
    layers.application = Protocol::data;
    layers.data = bytes;
  }

  void decode_ipv4(ByteView bytes, std::size_t reported_length, IpLayers& layers) noexcept {
    auto ip = Ipv4Packet::parse(bytes);
    if (failed(ip, bytes, layers)) return;
    layers.ipv4 = *ip;
    const std::size_t header = ip->header_length();
    const std::size_t on_the_wire = reported_length > header ? reported_length - header : 0;
    // Total length 0 (segmentation offload): the packet is as long as the frame was on the wire.
    layers.transport_length = ip->length_from_capture() ? on_the_wire : std::min<std::size_t>(ip->payload_length(), on_the_wire);
    // A fragment other than the first holds the middle of a datagram, not a transport header.
    if (ip->fragment_offset() != 0) return set_data(ip->payload(), layers);
    decode_transport(ip->protocol(), ip->payload(), ip->more_fragments(), false, layers);
  }

  void decode_ipv6(ByteView bytes, std::size_t reported_length, IpLayers& layers) noexcept {
    // Made in place: the view (about 560 bytes) is not copied through a Result.
    const Ipv6Packet* ip = &layers.ipv6.emplace();
    if (const DecodeError error = Ipv6Packet::parse_into(bytes, *layers.ipv6); error.kind != ErrorKind::none) {
      layers.ipv6.reset();
      return fail(error, bytes, layers);
    }
    const std::size_t header = ip->upper_layer_offset();
    layers.transport_length =
        std::min<std::size_t>(ip->upper_layer_length(), reported_length > header ? reported_length - header : 0);
    const auto fragment = ip->fragment();
    if (fragment && fragment->offset != 0) return set_data(ip->payload(), layers);
    decode_transport(ip->upper_layer_protocol(), ip->payload(), fragment && fragment->more_fragments, true, layers);
  }

  // A packet inside `layers`, or nothing when the nesting is as deep as pktdoc follows.
  IpLayers* inner(Carrier carrier) noexcept {
    if (packet_ == nullptr || !options_.decode_inner || packet_->inner_count == packet_->inner.size()) return nullptr;
    IpLayers& layers = packet_->inner[packet_->inner_count++];
    clear(layers);
    layers.carrier = carrier;
    return &layers;
  }

  void decode_transport(std::uint8_t protocol, ByteView payload, bool first_fragment, bool over_ipv6,
                        IpLayers& layers) noexcept {
    // A quote is cut short by design: what is missing is not declared missing (truncated), so
    // the transport decoders are not told the length the quoted IP header declares.
    const bool whole = !layers.is_quote();
    switch (protocol) {
      case ip_protocol::icmp: {
        auto icmp = whole ? IcmpMessage::parse(payload, layers.transport_length) : IcmpMessage::parse(payload);
        if (failed(icmp, payload, layers)) return;
        layers.icmp = *icmp;
        if (!icmp->is_error()) {
          // Only an echo carries data of its own; the bytes after the header of a timestamp or
          // address mask message are its fields.
          const auto type = icmp->type();
          if (type == IcmpType::echo_request || type == IcmpType::echo_reply) set_data(icmp->payload(), layers);
          return;
        }
        const ByteView quote = icmp->quoted_packet();
        if (IpLayers* quoted = quote.empty() ? nullptr : inner(Carrier::icmp_quote))
          decode(quote, 0, quote.size(), *quoted);
        else
          set_data(quote, layers);
        return;
      }
      case ip_protocol::icmpv6: {
        auto icmpv6 = whole ? Icmpv6Message::parse(payload, layers.transport_length) : Icmpv6Message::parse(payload);
        if (failed(icmpv6, payload, layers)) return;
        layers.icmpv6 = *icmpv6;
        if (icmpv6->type() == Icmpv6Type::echo_request || icmpv6->type() == Icmpv6Type::echo_reply)
          return set_data(icmpv6->payload(), layers);
        ByteView quote = icmpv6->quoted_packet();
        Carrier carrier = Carrier::icmpv6_quote;
        if (icmpv6->type() == Icmpv6Type::redirect) {
          quote = icmpv6->redirected_header();
          carrier = Carrier::icmpv6_redirect;
        }
        // An ICMPv6 message quotes IPv6 packets only; anything else is left as bytes.
        const bool is_ipv6 = (ByteReader(quote).u8_at(0) >> 4u) == 6;
        if (IpLayers* quoted = is_ipv6 ? inner(carrier) : nullptr)
          decode(quote, 6, quote.size(), *quoted);
        else if (icmpv6->is_error())
          set_data(quote, layers);
        return;
      }
      case ip_protocol::tcp: {
        auto tcp = TcpSegment::parse(payload);
        if (failed(tcp, payload, layers)) return;
        layers.tcp = *tcp;
        const ByteView data = tcp->payload();
        // The data of a reset is a diagnostic for people (RFC 9293 section 3.5.3), not the
        // application's: it is left as bytes.
        if (options_.decode_application && !data.empty() && !tcp->rst() &&
            application_protocol(Protocol::tcp, tcp->source_port(), tcp->destination_port()) == Protocol::dns) {
          // A message longer than its segment continues in the next: that is for reassembly.
          if (auto dns = DnsMessage::parse_tcp(data); dns.ok()) {
            layers.dns = *dns;
            layers.application = Protocol::dns;
            return;
          }
        }
        return set_data(data, layers);
      }
      case ip_protocol::udp: {
        auto udp = UdpDatagram::parse(payload, over_ipv6 ? Protocol::ipv6 : Protocol::ipv4);
        if (failed(udp, payload, layers)) return;
        layers.udp = *udp;
        const ByteView data = udp->payload();
        const Protocol application = options_.decode_application
                                         ? application_protocol(Protocol::udp, udp->source_port(), udp->destination_port())
                                         : Protocol::none;
        // The UDP length (at least 8 once parsed, unless 0 for an IPv6 jumbogram) says how long
        // the payload was on the wire.
        // A jumbogram's length is the IP layer's (RFC 2675 section 4), not what was captured.
        const std::size_t declared =
            udp->is_jumbogram()
                ? (layers.transport_length > UdpDatagram::header_length ? layers.transport_length - UdpDatagram::header_length : 0)
                : udp->length() - UdpDatagram::header_length;
        if (application == Protocol::sctp) return decode_sctp(data, declared, layers);
        if (application == Protocol::none) return set_data(data, layers);
        const DnsFlavor flavor = application == Protocol::mdns ? DnsFlavor::mdns : DnsFlavor::unicast;
        auto dns = whole ? DnsMessage::parse(data, declared, flavor) : DnsMessage::parse(data, flavor);
        if (!dns.ok() && (first_fragment || !whole)) return set_data(data, layers);  // the rest is elsewhere
        if (failed(dns, data, layers)) return;
        layers.dns = *dns;
        layers.application = application;
        return;
      }
      case ip_protocol::sctp:
        return decode_sctp(payload, layers.transport_length, layers);
      case ip_protocol::ipv4:
      case ip_protocol::ipv6:
        // Protocol 41 is IPv6 (RFC 4213); behind protocol 4, Wireshark (and Linux's ip6ip6 /
        // ipip tunnels, which share it) go by the version nibble.
        if (IpLayers* tunneled = inner(Carrier::ip_tunnel))
          return decode(payload, protocol == ip_protocol::ipv6 ? 6 : 0, layers.transport_length, *tunneled);
        return set_data(payload, layers);
      default:
        return set_data(payload, layers);
    }
  }

  void decode_sctp(ByteView payload, std::size_t declared_length, IpLayers& layers) noexcept {
    auto sctp = layers.is_quote() ? SctpPacket::parse(payload) : SctpPacket::parse(payload, declared_length);
    if (failed(sctp, payload, layers)) return;
    layers.sctp = *sctp;
  }

  const DecodeOptions& options_;
  DecodedPacket* packet_;
};

// How many bytes the link layer's payload had on the wire. A record whose original length is
// below its captured length (a writer's mistake, or a Frame filled in by hand) had at least what
// was captured.
std::size_t reported_payload_length(const Frame& frame, const LinkLayer& link) noexcept {
  const std::size_t header = frame.bytes.size() - std::min(frame.bytes.size(), link.payload.size());
  if (link.protocol == Protocol::ethernet && link.ethernet.is_ieee802_3()) return link.payload.size();
  const std::size_t on_wire = std::max<std::size_t>(frame.original_length, frame.bytes.size());
  return on_wire - header;
}

}  // namespace

void decode_ip(ByteView packet, IpLayers& out, const DecodeOptions& options) noexcept {
  clear(out);
  IpDecoder(options, nullptr).decode(packet, 0, packet.size(), out);
}

void decode_packet(const Frame& frame, DecodedPacket& out, const DecodeOptions& options) noexcept {
  out.arp.reset();
  clear(out.ip);
  out.inner_count = 0;
  out.error = DecodeError{};
  out.error_bytes = {};

  // Decoded in place: the layer (about 160 bytes) is not copied through a Result.
  if (const DecodeError error = decode_link_into(frame.link_type, frame.bytes, out.link); error.kind != ErrorKind::none) {
    out.link = LinkLayer{};
    out.error = error;
    out.error_bytes = frame.bytes;
    return;
  }
  const LinkLayer* link = &out.link;
  const ByteView payload = link->payload;
  switch (link->ether_type) {
    case ether_type::arp:
    case ether_type::rarp: {
      auto arp = ArpPacket::parse(payload);
      if (!arp) {
        out.error = arp.error();
        out.error_bytes = payload;
        return;
      }
      out.arp = *arp;
      return;
    }
    case ether_type::ipv4:
    case ether_type::ipv6:
      IpDecoder(options, &out).decode(payload, link->ether_type == ether_type::ipv4 ? 4 : 6,
                                      reported_payload_length(frame, *link), out.ip);
      return;
    default:
      if (!payload.empty()) {
        out.ip.application = Protocol::data;
        out.ip.data = payload;
      }
      return;
  }
}

std::size_t protocol_stack(const DecodedPacket& packet, std::array<Protocol, max_protocol_stack>& stack) noexcept {
  std::size_t count = 0;
  auto push = [&](Protocol protocol) {
    if (count < stack.size()) stack[count++] = protocol;
  };
  auto push_headers = [&](const IpLayers& layers) {
    if (layers.ipv4) push(Protocol::ipv4);
    if (layers.ipv6) push(Protocol::ipv6);
    if (layers.icmp) push(Protocol::icmp);
    if (layers.icmpv6) push(Protocol::icmpv6);
    if (layers.tcp) push(Protocol::tcp);
    if (layers.udp) push(Protocol::udp);
    if (layers.sctp) push(Protocol::sctp);
  };
  if (packet.link.protocol == Protocol::none) return count;
  push(packet.link.protocol);
  if (packet.link.protocol == Protocol::ethernet) {
    for (std::size_t i = 0; i < packet.link.ethernet.vlan_tags().size(); ++i) push(Protocol::vlan);
    if (packet.link.ethernet.is_ieee802_3()) push(Protocol::llc);
  }
  if (packet.arp) push(Protocol::arp);
  // Outer headers, then each inner packet's, then the applications from the inside out.
  push_headers(packet.ip);
  for (std::size_t i = 0; i < packet.inner_count; ++i) push_headers(packet.inner[i]);
  for (std::size_t i = packet.inner_count; i > 0; --i)
    if (packet.inner[i - 1].application != Protocol::none) push(packet.inner[i - 1].application);
  if (packet.ip.application != Protocol::none) push(packet.ip.application);
  return count;
}

}  // namespace pktdoc
