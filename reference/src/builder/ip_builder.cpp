#include "pktdoc/builder/ip_builder.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

#include "pktdoc/builder/icmp_builder.hpp"
#include "pktdoc/builder/icmpv6_builder.hpp"
#include "pktdoc/builder/sctp_builder.hpp"
#include "pktdoc/builder/tcp_builder.hpp"
#include "pktdoc/builder/udp_builder.hpp"
#include "pktdoc/udp.hpp"

namespace pktdoc::build {

namespace {

constexpr std::size_t max_ip_length = 65535;

void write_address(ByteWriter& out, const Ipv4Address& address) {
  out.write(as_bytes(address.bytes.data(), address.bytes.size()));
}
void write_address(ByteWriter& out, const Ipv6Address& address) {
  out.write(as_bytes(address.bytes.data(), address.bytes.size()));
}

std::size_t padded_options_length(const Ipv4& ip) {
  if (ip.options.size() > Ipv4Packet::max_options_length)
    throw std::length_error("Ipv4: options hold at most 40 bytes, not " + std::to_string(ip.options.size()));
  return (ip.options.size() + 3) & ~std::size_t{3};
}

// The IPv4 header for `payload_length` bytes of data. `honest` ignores the fields that lie
// (IHL, Total Length, checksum): that header is the one the pseudo-header is read from.
Bytes ipv4_header(const Ipv4& ip, std::uint8_t protocol, std::size_t payload_length, bool honest) {
  const std::size_t header_length = Ipv4Packet::min_header_length + padded_options_length(ip);
  const std::size_t total = header_length + payload_length;
  if (total > max_ip_length && (honest || !ip.total_length))
    throw std::length_error("Ipv4: a packet holds at most 65535 bytes, not " + std::to_string(total));
  const bool dont_fragment = ip.dont_fragment.value_or(protocol == ip_protocol::tcp);
  const auto ihl = static_cast<std::uint8_t>(honest ? header_length / 4 : ip.ihl.value_or(header_length / 4));

  ByteWriter out;
  out.reserve(header_length);
  out.write_u8(static_cast<std::uint8_t>(0x40 | (ihl & 0x0f))).write_u8(ip.type_of_service);
  out.write_u16(honest ? static_cast<std::uint16_t>(total)
                       : ip.total_length.value_or(static_cast<std::uint16_t>(total)));
  out.write_u16(ip.identification);
  out.write_u16(static_cast<std::uint16_t>((ip.reserved_flag ? 0x8000u : 0u) | (dont_fragment ? 0x4000u : 0u) |
                                           (ip.more_fragments ? 0x2000u : 0u) | (ip.fragment_offset & 0x1fffu)));
  out.write_u8(ip.ttl).write_u8(ip.protocol.value_or(protocol)).write_u16(0);
  write_address(out, ip.source);
  write_address(out, ip.destination);
  out.write(view(ip.options)).pad_to_multiple_of(4);
  const std::uint16_t checksum = internet_checksum(out.view());
  if (honest)
    out.set_u16_at(10, checksum);
  else
    out.set_u16_at(10, ip.header_checksum.value_or(ip.corrupt_checksum ? wrong_checksum(checksum) : checksum));
  return std::move(out).release();
}

std::size_t extension_length(const Ipv6& ip) {
  std::size_t length = 0;
  for (const Ipv6Extension& header : ip.extension_headers) length += header.data.size();
  return length;
}

// The IPv6 header and extension headers for `upper_length` bytes of upper layer.
Bytes ipv6_headers(const Ipv6& ip, std::uint8_t protocol, std::size_t upper_length, bool honest) {
  const std::size_t payload_length = extension_length(ip) + upper_length;
  if (payload_length > max_ip_length && (honest || !ip.payload_length))
    throw std::length_error("Ipv6: a payload holds at most 65535 bytes without a jumbogram, not " +
                            std::to_string(payload_length));
  ByteWriter out;
  out.reserve(Ipv6Packet::fixed_header_length + extension_length(ip));
  out.write_u32((6u << 28) | (std::uint32_t{ip.traffic_class} << 20) | (ip.flow_label & 0x000fffffu));
  out.write_u16(honest ? static_cast<std::uint16_t>(payload_length)
                       : ip.payload_length.value_or(static_cast<std::uint16_t>(payload_length)));
  out.write_u8(ip.extension_headers.empty() ? protocol : ip.extension_headers.front().type);
  out.write_u8(ip.hop_limit);
  write_address(out, ip.source);
  write_address(out, ip.destination);
  for (std::size_t i = 0; i < ip.extension_headers.size(); ++i) {
    const Ipv6Extension& header = ip.extension_headers[i];
    if (header.data.empty()) throw std::invalid_argument("Ipv6: an extension header has no bytes");
    const std::size_t at = out.size();
    out.write(view(header.data));
    out.set_u8_at(at, i + 1 < ip.extension_headers.size() ? ip.extension_headers[i + 1].type : protocol);
  }
  return std::move(out).release();
}

Bytes join(Bytes head, ByteView tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

// An options header (hop-by-hop or destination): Next Header, Hdr Ext Len, options, padding.
Ipv6Extension options_header(std::uint8_t type, const Ipv6OptionList& options) {
  ByteWriter out;
  out.write_u8(0).write_u8(0).write(view(options.bytes()));
  const std::size_t padding = (8 - out.size() % 8) % 8;
  if (padding == 1) out.write_u8(ipv6_option::pad1);
  if (padding >= 2)
    out.write_u8(ipv6_option::padn).write_u8(static_cast<std::uint8_t>(padding - 2)).write_fill(padding - 2);
  if (out.size() > 2048)
    throw std::length_error("Ipv6Extension: an options header holds at most 2048 bytes, not " +
                            std::to_string(out.size()));
  out.set_u8_at(1, static_cast<std::uint8_t>(out.size() / 8 - 1));
  return Ipv6Extension{type, std::move(out).release()};
}

}  // namespace

// --- IPv4 options -------------------------------------------------------------------------------

Ipv4OptionList& Ipv4OptionList::end_of_list() { return raw(std::array{std::byte{ipv4_option::end_of_list}}); }
Ipv4OptionList& Ipv4OptionList::no_operation() { return raw(std::array{std::byte{ipv4_option::no_operation}}); }

Ipv4OptionList& Ipv4OptionList::record_route(std::size_t slots) {
  if (slots == 0 || slots > 9) throw std::invalid_argument("Ipv4OptionList: Record Route holds 1 to 9 addresses");
  ByteWriter data;
  data.write_u8(4).write_fill(4 * slots);
  return option(ipv4_option::record_route, data.view());
}

Ipv4OptionList& Ipv4OptionList::route(std::uint8_t type, const std::vector<Ipv4Address>& addresses,
                                      std::uint8_t pointer) {
  if (addresses.empty() || addresses.size() > 9)
    throw std::invalid_argument("Ipv4OptionList: a source route holds 1 to 9 addresses");
  ByteWriter data;
  data.write_u8(pointer);
  for (const Ipv4Address& address : addresses) write_address(data, address);
  return option(type, data.view());
}

Ipv4OptionList& Ipv4OptionList::loose_source_route(const std::vector<Ipv4Address>& addresses, std::uint8_t pointer) {
  return route(ipv4_option::loose_source_route, addresses, pointer);
}

Ipv4OptionList& Ipv4OptionList::strict_source_route(const std::vector<Ipv4Address>& addresses, std::uint8_t pointer) {
  return route(ipv4_option::strict_source_route, addresses, pointer);
}

Ipv4OptionList& Ipv4OptionList::timestamp(std::size_t slots) {
  if (slots == 0 || slots > 9) throw std::invalid_argument("Ipv4OptionList: Timestamp holds 1 to 9 slots");
  ByteWriter data;
  data.write_u8(5).write_u8(ipv4_timestamp_flag::timestamps_only).write_fill(4 * slots);
  return option(ipv4_option::timestamp, data.view());
}

Ipv4OptionList& Ipv4OptionList::router_alert(std::uint16_t value) {
  ByteWriter data;
  data.write_u16(value);
  return option(ipv4_option::router_alert, data.view());
}

Ipv4OptionList& Ipv4OptionList::option(std::uint8_t type, ByteView data) {
  if (data.size() > 253) throw std::length_error("Ipv4OptionList: an option holds at most 253 bytes of data");
  ByteWriter out(std::move(bytes_));
  out.write_u8(type).write_u8(static_cast<std::uint8_t>(2 + data.size())).write(data);
  bytes_ = std::move(out).release();
  return *this;
}

Ipv4OptionList& Ipv4OptionList::raw(ByteView bytes) {
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  return *this;
}

// --- IPv4 ---------------------------------------------------------------------------------------

Bytes Ipv4::packet(std::uint8_t protocol_number, ByteView payload) const {
  return join(ipv4_header(*this, protocol_number, payload.size(), false), payload);
}

PseudoHeader Ipv4::pseudo_header(std::uint8_t protocol_number, std::size_t length) const {
  const Bytes header = ipv4_header(*this, protocol_number, length, true);
  return Ipv4Packet(view(header)).pseudo_header();
}

Bytes Ipv4::packet(const Tcp& tcp, ByteView data) const {
  const PseudoHeader pseudo = pseudo_header(ip_protocol::tcp, tcp.header_length() + data.size());
  const Bytes segment = tcp.segment(data, pseudo);
  return packet(ip_protocol::tcp, view(segment));
}

Bytes Ipv4::packet(const Udp& udp, ByteView data) const {
  const PseudoHeader pseudo = pseudo_header(ip_protocol::udp, UdpDatagram::header_length + data.size());
  const Bytes datagram = udp.datagram(data, pseudo);
  return packet(ip_protocol::udp, view(datagram));
}

Bytes Ipv4::packet(const Icmp& icmp) const {
  const Bytes message = icmp.message();
  return packet(ip_protocol::icmp, view(message));
}

Bytes Ipv4::packet(const Sctp& sctp) const {
  const Bytes sctp_packet = sctp.packet();
  return packet(ip_protocol::sctp, view(sctp_packet));
}

// --- IPv6 options and extension headers ---------------------------------------------------------

Ipv6OptionList& Ipv6OptionList::pad1() { return raw(std::array{std::byte{ipv6_option::pad1}}); }

Ipv6OptionList& Ipv6OptionList::padn(std::size_t length) {
  if (length < 2 || length > 257) throw std::invalid_argument("Ipv6OptionList: PadN is 2 to 257 bytes long");
  const Bytes zeros(length - 2);
  return option(ipv6_option::padn, view(zeros));
}

Ipv6OptionList& Ipv6OptionList::router_alert(std::uint16_t value) {
  ByteWriter data;
  data.write_u16(value);
  return option(ipv6_option::router_alert, data.view());
}

Ipv6OptionList& Ipv6OptionList::option(std::uint8_t type, ByteView data) {
  if (data.size() > 255) throw std::length_error("Ipv6OptionList: an option holds at most 255 bytes of data");
  ByteWriter out(std::move(bytes_));
  out.write_u8(type).write_u8(static_cast<std::uint8_t>(data.size())).write(data);
  bytes_ = std::move(out).release();
  return *this;
}

Ipv6OptionList& Ipv6OptionList::raw(ByteView bytes) {
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  return *this;
}

Ipv6Extension Ipv6Extension::hop_by_hop(const Ipv6OptionList& options) {
  return options_header(ip_protocol::hop_by_hop, options);
}

Ipv6Extension Ipv6Extension::destination_options(const Ipv6OptionList& options) {
  return options_header(ip_protocol::destination_options, options);
}

Ipv6Extension Ipv6Extension::routing(std::uint8_t routing_type, std::uint8_t segments_left,
                                     const std::vector<Ipv6Address>& addresses) {
  if (addresses.size() > 127) throw std::length_error("Ipv6Extension: a routing header holds at most 127 addresses");
  ByteWriter out;
  out.write_u8(0).write_u8(static_cast<std::uint8_t>(2 * addresses.size())).write_u8(routing_type);
  out.write_u8(segments_left).write_u32(0);
  for (const Ipv6Address& address : addresses) write_address(out, address);
  return Ipv6Extension{ip_protocol::routing, std::move(out).release()};
}

Ipv6Extension Ipv6Extension::fragment(std::uint16_t offset, bool more_fragments, std::uint32_t identification) {
  ByteWriter out;
  out.write_u8(0).write_u8(0);
  out.write_u16(static_cast<std::uint16_t>(((offset & 0x1fffu) << 3) | (more_fragments ? 1u : 0u)));
  out.write_u32(identification);
  return Ipv6Extension{ip_protocol::fragment, std::move(out).release()};
}

// --- IPv6 ---------------------------------------------------------------------------------------

Bytes Ipv6::packet(std::uint8_t protocol, ByteView payload) const {
  return join(ipv6_headers(*this, protocol, payload.size(), false), payload);
}

PseudoHeader Ipv6::pseudo_header(std::uint8_t protocol, std::size_t length) const {
  const Bytes headers = ipv6_headers(*this, protocol, length, true);
  return Ipv6Packet(view(headers)).pseudo_header();
}

Bytes Ipv6::packet(const Tcp& tcp, ByteView data) const {
  const PseudoHeader pseudo = pseudo_header(ip_protocol::tcp, tcp.header_length() + data.size());
  const Bytes segment = tcp.segment(data, pseudo);
  return packet(ip_protocol::tcp, view(segment));
}

Bytes Ipv6::packet(const Udp& udp, ByteView data) const {
  const PseudoHeader pseudo = pseudo_header(ip_protocol::udp, UdpDatagram::header_length + data.size());
  const Bytes datagram = udp.datagram(data, pseudo);
  return packet(ip_protocol::udp, view(datagram));
}

Bytes Ipv6::packet(const Icmpv6& icmpv6) const {
  const PseudoHeader pseudo = pseudo_header(ip_protocol::icmpv6, Icmpv6Message::header_length + icmpv6.body.size());
  const Bytes message = icmpv6.message(pseudo);
  return packet(ip_protocol::icmpv6, view(message));
}

Bytes Ipv6::packet(const Sctp& sctp) const {
  const Bytes sctp_packet = sctp.packet();
  return packet(ip_protocol::sctp, view(sctp_packet));
}

IpHeader reversed(const IpHeader& header) {
  IpHeader other = header;
  std::visit([](auto& ip) { std::swap(ip.source, ip.destination); }, other);
  return other;
}

}  // namespace pktdoc::build
