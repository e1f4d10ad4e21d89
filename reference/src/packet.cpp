#include "pktdoc/packet.hpp"

namespace pktdoc {
namespace {

// Records the first failure of a layer in `layers`.
template <class T>
bool failed(const Result<T>& result, ByteView bytes, IpLayers& layers) noexcept {
  if (result.ok()) return false;
  layers.error = result.error();
  layers.error_bytes = bytes;
  return true;
}

// Bytes that no decoder claimed.
void set_data(ByteView bytes, IpLayers& layers) noexcept {
  if (bytes.empty()) return;
  layers.application = Protocol::data;
  layers.data = bytes;
}

bool on_port(std::uint16_t source, std::uint16_t destination, std::uint16_t port) noexcept {
  return source == port || destination == port;
}

void decode_dns(ByteView payload, bool over_tcp, Protocol flavor, IpLayers& layers) noexcept {
  auto dns = over_tcp ? DnsMessage::parse_tcp(payload)
                      : DnsMessage::parse(payload, flavor == Protocol::mdns ? DnsFlavor::mdns : DnsFlavor::unicast);
  if (failed(dns, payload, layers)) return;
  layers.dns = *dns;
  layers.application = flavor;
}

// Decodes what an IP packet carries, given its upper-layer protocol and bytes.
void decode_transport(std::uint8_t protocol, ByteView payload, IpLayers& layers, const DecodeOptions& options,
                      IpLayers* quoted) noexcept {
  switch (protocol) {
    case ip_protocol::icmp: {
      auto icmp = IcmpMessage::parse(payload);
      if (failed(icmp, payload, layers)) return;
      layers.icmp = *icmp;
      if (icmp->is_error() && quoted != nullptr && options.decode_quoted)
        decode_ip(icmp->quoted_packet(), *quoted, options);
      else
        set_data(icmp->payload(), layers);
      return;
    }
    case ip_protocol::icmpv6: {
      auto icmpv6 = Icmpv6Message::parse(payload);
      if (failed(icmpv6, payload, layers)) return;
      layers.icmpv6 = *icmpv6;
      if (icmpv6->is_error() && quoted != nullptr && options.decode_quoted)
        decode_ip(icmpv6->quoted_packet(), *quoted, options);
      return;
    }
    case ip_protocol::tcp: {
      auto tcp = TcpSegment::parse(payload);
      if (failed(tcp, payload, layers)) return;
      layers.tcp = *tcp;
      const ByteView data = tcp->payload();
      if (options.decode_application && !data.empty() &&
          on_port(tcp->source_port(), tcp->destination_port(), well_known_port::dns)) {
        decode_dns(data, true, Protocol::dns, layers);
        return;
      }
      set_data(data, layers);
      return;
    }
    case ip_protocol::udp: {
      auto udp = UdpDatagram::parse(payload);
      if (failed(udp, payload, layers)) return;
      layers.udp = *udp;
      const ByteView data = udp->payload();
      if (options.decode_application) {
        if (on_port(udp->source_port(), udp->destination_port(), well_known_port::mdns)) {
          decode_dns(data, false, Protocol::mdns, layers);
          return;
        }
        if (on_port(udp->source_port(), udp->destination_port(), well_known_port::dns)) {
          decode_dns(data, false, Protocol::dns, layers);
          return;
        }
      }
      set_data(data, layers);
      return;
    }
    case ip_protocol::sctp: {
      auto sctp = SctpPacket::parse(payload);
      if (failed(sctp, payload, layers)) return;
      layers.sctp = *sctp;
      return;
    }
    default:
      set_data(payload, layers);
      return;
  }
}

void decode_ip_layers(ByteView packet, IpLayers& layers, const DecodeOptions& options, IpLayers* quoted) noexcept {
  layers = IpLayers{};
  switch (ByteReader(packet).u8_at(0) >> 4) {
    case 4: {
      auto ip = Ipv4Packet::parse(packet);
      if (failed(ip, packet, layers)) return;
      layers.ipv4 = *ip;
      layers.transport_length = ip->payload_length();
      // A fragment other than the first holds the middle of a datagram, not a transport header.
      if (ip->fragment_offset() != 0) {
        set_data(ip->payload(), layers);
        return;
      }
      decode_transport(ip->protocol(), ip->payload(), layers, options, quoted);
      return;
    }
    case 6: {
      auto ip = Ipv6Packet::parse(packet);
      if (failed(ip, packet, layers)) return;
      layers.ipv6 = *ip;
      layers.transport_length = ip->upper_layer_length();
      if (auto fragment = ip->fragment(); fragment && fragment->offset != 0) {
        set_data(ip->payload(), layers);
        return;
      }
      decode_transport(ip->upper_layer_protocol(), ip->payload(), layers, options, quoted);
      return;
    }
    default:
      layers.error = packet.empty() ? truncated(Protocol::ipv4, "no bytes where an IP header should be")
                                    : invalid(Protocol::ipv4, "IP version is neither 4 nor 6");
      layers.error_bytes = packet;
      return;
  }
}

}  // namespace

void decode_ip(ByteView packet, IpLayers& out, const DecodeOptions& options) noexcept {
  decode_ip_layers(packet, out, options, nullptr);
}

void decode_packet(const Frame& frame, DecodedPacket& out, const DecodeOptions& options) noexcept {
  out.arp.reset();
  out.ip = IpLayers{};
  out.quoted = IpLayers{};
  out.error = DecodeError{};
  out.error_bytes = {};

  auto link = decode_link(frame.link_type, frame.bytes);
  if (!link) {
    out.link = LinkLayer{};
    out.error = link.error();
    out.error_bytes = frame.bytes;
    return;
  }
  out.link = *link;
  const ByteView payload = link->payload;
  switch (link->ether_type) {
    case ether_type::arp: {
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
      decode_ip_layers(payload, out.ip, options, &out.quoted);
      return;
    default:
      set_data(payload, out.ip);
      return;
  }
}

std::size_t protocol_stack(const DecodedPacket& packet, std::array<Protocol, max_protocol_stack>& stack) noexcept {
  std::size_t count = 0;
  auto push = [&](Protocol protocol) {
    if (count < stack.size()) stack[count++] = protocol;
  };
  auto push_ip = [&](const IpLayers& layers) {
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
  push_ip(packet.ip);
  push_ip(packet.quoted);
  if (packet.quoted.application != Protocol::none) push(packet.quoted.application);
  if (packet.ip.application != Protocol::none) push(packet.ip.application);
  return count;
}

}  // namespace pktdoc
