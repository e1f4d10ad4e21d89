// Not API. The per-protocol functions behind dissect's `packets` listing.
//
// Each adds the Wireshark fields of one header to a FieldSink, formatted as
// `tshark -n -T fields -E occurrence=a` prints them, and only the fields whose bytes were
// captured: a header that was cut short (a truncated frame, the 8 bytes of TCP that an ICMP
// error quotes) lists what tshark lists for it. The view may therefore come from the unchecked
// constructor (`X(bytes)`) over a prefix of a header, not only from `X::parse`.
#pragma once

#include <cstddef>

#include "pktdoc/detail/field_sink.hpp"

namespace pktdoc {
class ArpPacket;
class Ipv4Packet;
class Ipv6Packet;
class IcmpMessage;
class Icmpv6Message;
class TcpSegment;
class UdpDatagram;
class SctpPacket;
class DnsMessage;
struct IpLayers;
}  // namespace pktdoc

namespace pktdoc::detail {

// `reported_length` is how many bytes the ARP packet had on the wire (more than its view holds
// when the capture cut the frame): tshark lists addresses differently for the two cases.
void list_arp(const ArpPacket& arp, std::size_t reported_length, FieldSink& out);
void list_ipv4(const Ipv4Packet& ip, FieldSink& out);
void list_ipv6(const Ipv6Packet& ip, FieldSink& out);
void list_icmp(const IcmpMessage& icmp, FieldSink& out);
void list_icmpv6(const Icmpv6Message& icmp, FieldSink& out);
// The transports need the IP packet around them: tcp.len comes from its transport_length, and
// tshark lists fewer TCP fields in a quote; UDP length 0 is a jumbogram over IPv6 only.
void list_tcp(const TcpSegment& tcp, const IpLayers& ip, FieldSink& out);
void list_udp(const UdpDatagram& udp, const IpLayers& ip, FieldSink& out);
// The view carries the declared length (SctpPacket(bytes, declared_length)).
void list_sctp(const SctpPacket& sctp, FieldSink& out);
void list_dns(const DnsMessage& dns, FieldSink& out);

}  // namespace pktdoc::detail
