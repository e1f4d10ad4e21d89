#include "pktdoc/wireshark.hpp"

#include <cstdio>

#include "pktdoc/detail/listing.hpp"

namespace pktdoc {
namespace {

void list_ethernet(const EthernetFrame& ethernet, detail::FieldSink& out) {
  if (ethernet.bytes().size() < EthernetFrame::header_length_untagged) return;  // tshark lists none of it
  out.add("eth.dst", ethernet.destination());
  out.add("eth.src", ethernet.source());
  // eth.type only for an EtherType: an 802.3 length is Wireshark's eth.len, and a value between
  // 1501 and 1535 is neither.
  if (ethernet.outer_type() >= ether_type::minimum) out.add_hex("eth.type", ethernet.outer_type(), 4);
  // Wireshark lists 802.1ad service tags as ieee8021ad.id, not vlan.id.
  for (const VlanTag& tag : ethernet.vlan_tags())
    if (tag.tpid != ether_type::qinq) out.add_decimal("vlan.id", tag.id);
}

void list_link(const Frame& frame, const DecodedPacket& packet, detail::FieldSink& out) {
  const LinkLayer& link = packet.link;
  switch (link.protocol) {
    case Protocol::ethernet:
      return list_ethernet(link.ethernet, out);
    case Protocol::linux_sll:
      out.add_decimal("sll.pkttype", link.sll.packet_type());
      out.add_hex("sll.etype", link.sll.protocol(), 4);
      return;
    case Protocol::linux_sll2:
      out.add_decimal("sll.pkttype", link.sll2.packet_type());
      out.add_hex("sll.etype", link.sll2.protocol(), 4);
      return;
    case Protocol::none:  // the link header failed: list what it holds, as tshark does
      if (frame.link_type == LinkType::ethernet) list_ethernet(EthernetFrame(frame.bytes), out);
      if (frame.link_type == LinkType::linux_sll && frame.bytes.size() >= 4)
        out.add_decimal("sll.pkttype", LinuxSllHeader(frame.bytes).packet_type());
      if (frame.link_type == LinkType::linux_sll2 && frame.bytes.size() >= 12) {
        out.add_decimal("sll.pkttype", LinuxSll2Header(frame.bytes).packet_type());
        out.add_hex("sll.etype", LinuxSll2Header(frame.bytes).protocol(), 4);
      }
      return;
    default:
      return;
  }
}

// The application a transport's ports select, as a DNS flavor; false when it is not DNS-like.
bool dns_flavor(Protocol application, DnsFlavor& flavor) {
  switch (application) {
    case Protocol::dns:
    case Protocol::llmnr: flavor = DnsFlavor::unicast; return true;
    case Protocol::mdns: flavor = DnsFlavor::mdns; return true;
    default: return false;
  }
}

void list_ip_layers(const IpLayers& layers, detail::FieldSink& out) {
  // A layer is listed from its view, or, when it is the layer that failed, from its bytes.
  const bool failed = layers.error.kind != ErrorKind::none;
  auto failed_at = [&](Protocol protocol) { return failed && layers.error.protocol == protocol; };

  if (layers.ipv4) detail::list_ipv4(*layers.ipv4, out);
  else if (failed_at(Protocol::ipv4)) detail::list_ipv4(Ipv4Packet(layers.error_bytes), out);
  if (layers.ipv6) detail::list_ipv6(*layers.ipv6, out);
  else if (failed_at(Protocol::ipv6)) detail::list_ipv6(Ipv6Packet(layers.error_bytes), out);

  if (layers.icmp) detail::list_icmp(*layers.icmp, out);
  else if (failed_at(Protocol::icmp)) detail::list_icmp(IcmpMessage(layers.error_bytes), out);
  if (layers.icmpv6) detail::list_icmpv6(*layers.icmpv6, out);
  else if (failed_at(Protocol::icmpv6)) detail::list_icmpv6(Icmpv6Message(layers.error_bytes), out);

  std::size_t sctp_declared = layers.transport_length;
  DnsFlavor flavor = DnsFlavor::unicast;
  if (layers.tcp) {
    detail::list_tcp(*layers.tcp, layers, out);
    // With reassembly off, tshark decodes every length-prefixed message in the segment, each
    // cut where the segment ends.
    const TcpSegment& tcp = *layers.tcp;
    if (!tcp.rst() && dns_flavor(application_protocol(Protocol::tcp, tcp.source_port(), tcp.destination_port()), flavor))
      for (ByteView message : DnsMessage::tcp_messages(tcp.payload())) detail::list_dns(DnsMessage(message), out);
  } else if (failed_at(Protocol::tcp)) {
    detail::list_tcp(TcpSegment(layers.error_bytes), layers, out);
  }
  if (layers.udp) {
    const UdpDatagram& udp = *layers.udp;
    detail::list_udp(udp, layers, out);
    const Protocol application = application_protocol(Protocol::udp, udp.source_port(), udp.destination_port());
    // The DNS fields of whatever part of the message is there: a cut capture, a first fragment
    // and a quote all show what they hold.
    if (dns_flavor(application, flavor)) detail::list_dns(DnsMessage(udp.payload(), flavor), out);
    if (application == Protocol::sctp)
      sctp_declared = udp.is_jumbogram() ? (layers.transport_length > UdpDatagram::header_length
                                                 ? layers.transport_length - UdpDatagram::header_length
                                                 : 0)
                                          : udp.length() - UdpDatagram::header_length;
  } else if (failed_at(Protocol::udp)) {
    detail::list_udp(UdpDatagram(layers.error_bytes), layers, out);
  }
  if (layers.sctp) {
    detail::list_sctp(*layers.sctp, out);
  } else if (failed_at(Protocol::sctp)) {
    detail::list_sctp(layers.is_quote() ? SctpPacket(layers.error_bytes) : SctpPacket(layers.error_bytes, sctp_declared),
                      out);
  }
}

}  // namespace

void PacketListing::write(const Frame& frame, const DecodedPacket& packet, std::string& line) {
  fields_.clear();
  fields_.add_decimal("frame.len", frame.original_length);
  fields_.add_decimal("frame.cap_len", frame.bytes.size());
  list_link(frame, packet, fields_);
  if (packet.arp || packet.error.protocol == Protocol::arp) {
    // The ARP packet's length on the wire: what is left of the frame after the link header.
    const ArpPacket arp = packet.arp ? *packet.arp : ArpPacket(packet.error_bytes);
    const std::size_t link_header = frame.bytes.size() - std::min(frame.bytes.size(), packet.link.payload.size());
    const std::size_t reported = frame.original_length > link_header ? frame.original_length - link_header : 0;
    detail::list_arp(arp, std::max(reported, arp.bytes().size()), fields_);
  }
  // Wireshark's raw-IP dissector reads 8 bytes before it decides anything: a shorter frame lists
  // no IP fields at all.
  if (packet.link.protocol != Protocol::raw_ip || frame.bytes.size() >= 8) {
    list_ip_layers(packet.ip, fields_);
    for (std::size_t i = 0; i < packet.inner_count; ++i) list_ip_layers(packet.inner[i], fields_);
  }
  char number[24];
  const int length = std::snprintf(number, sizeof number, "%llu", static_cast<unsigned long long>(frame.number));
  line.append(number, static_cast<std::size_t>(length));
  fields_.write(line);
}

}  // namespace pktdoc
