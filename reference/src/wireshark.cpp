#include "pktdoc/wireshark.hpp"

#include <cstdio>

#include "pktdoc/detail/listing.hpp"

namespace pktdoc {
namespace {

void list_link(const LinkLayer& link, detail::FieldSink& out) {
  switch (link.protocol) {
    case Protocol::ethernet: {
      const EthernetFrame& ethernet = link.ethernet;
      out.add("eth.dst", ethernet.destination());
      out.add("eth.src", ethernet.source());
      // An 802.3 frame has a length where Ethernet II has a type; Wireshark calls it eth.len.
      if (!ethernet.vlan_tags().empty() || !ethernet.is_ieee802_3())
        out.add_hex("eth.type", ethernet.outer_type(), 4);
      for (const VlanTag& tag : ethernet.vlan_tags()) out.add_decimal("vlan.id", tag.id);
      return;
    }
    case Protocol::linux_sll:
      out.add_decimal("sll.pkttype", link.sll.packet_type());
      out.add_hex("sll.etype", link.sll.protocol(), 4);
      return;
    case Protocol::linux_sll2:
      out.add_decimal("sll.pkttype", link.sll2.packet_type());
      out.add_hex("sll.etype", link.sll2.protocol(), 4);
      return;
    default:
      return;
  }
}

// Lists a layer: the decoded view, or, when this layer is the one that failed, what its bytes hold.
template <class View, class List>
void list_layer(const std::optional<View>& view, Protocol protocol, const IpLayers& layers, List list) {
  if (view)
    list(*view);
  else if (layers.error.protocol == protocol && layers.error.kind != ErrorKind::none)
    list(View(layers.error_bytes));
}

void list_ip_layers(const IpLayers& layers, detail::FieldSink& out) {
  list_layer(layers.ipv4, Protocol::ipv4, layers, [&](const Ipv4Packet& ip) { detail::list_ipv4(ip, out); });
  list_layer(layers.ipv6, Protocol::ipv6, layers, [&](const Ipv6Packet& ip) { detail::list_ipv6(ip, out); });
  list_layer(layers.icmp, Protocol::icmp, layers, [&](const IcmpMessage& icmp) { detail::list_icmp(icmp, out); });
  list_layer(layers.icmpv6, Protocol::icmpv6, layers,
             [&](const Icmpv6Message& icmp) { detail::list_icmpv6(icmp, out); });
  list_layer(layers.tcp, Protocol::tcp, layers,
             [&](const TcpSegment& tcp) { detail::list_tcp(tcp, layers.transport_length, out); });
  list_layer(layers.udp, Protocol::udp, layers, [&](const UdpDatagram& udp) { detail::list_udp(udp, out); });
  list_layer(layers.sctp, Protocol::sctp, layers, [&](const SctpPacket& sctp) { detail::list_sctp(sctp, out); });
  list_layer(layers.dns, Protocol::dns, layers, [&](const DnsMessage& dns) { detail::list_dns(dns, out); });
}

}  // namespace

void PacketListing::write(const Frame& frame, const DecodedPacket& packet, std::string& line) {
  fields_.clear();
  fields_.add_decimal("frame.len", frame.original_length);
  fields_.add_decimal("frame.cap_len", frame.bytes.size());
  list_link(packet.link, fields_);
  if (packet.arp)
    detail::list_arp(*packet.arp, fields_);
  else if (packet.error.protocol == Protocol::arp)
    detail::list_arp(ArpPacket(packet.error_bytes), fields_);
  list_ip_layers(packet.ip, fields_);
  list_ip_layers(packet.quoted, fields_);
  char number[24];
  const int length = std::snprintf(number, sizeof number, "%llu", static_cast<unsigned long long>(frame.number));
  line.append(number, static_cast<std::size_t>(length));
  fields_.write(line);
}

}  // namespace pktdoc
