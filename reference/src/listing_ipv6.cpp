// The Wireshark listing of an IPv6 header: ip.version and the ipv6.* fields as tshark 4.0 prints
// them.
//
// tshark's rules, found by experiment and reproduced here:
// - ip.version (which the IPv6 dissector adds too) needs 1 byte; a version other than 6 lists
//   ip.version alone.
// - ipv6.flow needs 4 bytes and is 0x + 6 hex digits; ipv6.plen and ipv6.nxt (decimal) appear
//   together once byte 6 is captured; ipv6.hlim needs 8 bytes, ipv6.src 24, ipv6.dst 40.
// - ipv6.nxt is the fixed header's field only: each extension header has its own field
//   (ipv6.hopopts.nxt, ipv6.fraghdr.nxt, ...), not in the listing.
// - tshark walks hop-by-hop (0, in any position), routing (43), destination options (60), AH
//   (51) and shim6 (140) headers, and fragment headers (44); anything else ends the walk. A
//   header is walked only when all of it lies inside the captured bytes and inside the datagram
//   the Payload Length declares (with Payload Length 0, only a Jumbo Payload option above 65535
//   in a first hop-by-hop header makes the datagram longer than the fixed header).
// - Within a walked header: an option of a hop-by-hop or destination options header that runs
//   past the datagram, a type 2 routing header without room for its address, or a Segment
//   Routing Header without room for Last Entry + 1 segments ends the walk. tshark reads the
//   fixed fields of some options (Tunnel Encapsulation Limit, Router Alert, Jumbo Payload, RPL,
//   Quick-Start, CALIPSO, Home Address, DFF) whatever their length says and goes on after them,
//   and an IOAM option of length 0 ends the walk; option_data_read() reproduces that.
// - Not reproduced: shim6 control messages (P bit clear), which tshark sometimes stops at.
// - Each fragment header walked lists ipv6.fraghdr.offset (8-octet units, decimal),
//   ipv6.fraghdr.more (1/0) and ipv6.fraghdr.ident (0x + 8 hex digits), all or nothing; after
//   one with a non-zero offset the rest is fragment data.
#include "pktdoc/detail/listing.hpp"
#include "pktdoc/ipv6.hpp"

namespace pktdoc::detail {
namespace {

// True when the first hop-by-hop header holds a Jumbo Payload option above 65535, which makes
// tshark take the datagram to run to the end of the capture.
bool has_jumbo_payload(const ByteReader& r) noexcept {
  constexpr std::size_t start = Ipv6Packet::fixed_header_length;
  if (r.size() < start + 2) return false;
  const std::size_t end = start + (std::size_t{r.u8_at(start + 1)} + 1) * 8;
  std::size_t at = start + 2;
  while (at < end && at < r.size()) {
    const std::uint8_t type = r.u8_at(at);
    if (type == ipv6_option::pad1) {
      ++at;
      continue;
    }
    if (type == ipv6_option::jumbo_payload) return r.u32_at(at + 2) > 0xffff;
    at += 2 + std::size_t{r.u8_at(at + 1)};
  }
  return false;
}

// The option data tshark's dissector for an option of `type` reads whatever the option's length
// says; it then goes on after the longer of the two.
std::size_t option_data_read(const ByteReader& r, std::size_t option) noexcept {
  switch (r.u8_at(option)) {
    case ipv6_option::tunnel_encapsulation_limit:
      return 1;
    case ipv6_option::router_alert:
      return 2;
    case 0xEE:
      return 3;  // IP_DFF (RFC 6971)
    case ipv6_option::jumbo_payload:
    case ipv6_option::rpl:
      return 4;                       // RPL: flags, instance, sender rank
    case ipv6_option::quick_start: {  // a rate request or report reads its 6 bytes, others none
      const unsigned function = r.u8_at(option + 2) >> 4;
      return function == 0 || function == 8 ? 6 : 0;
    }
    case ipv6_option::calipso:
      return 8 + 4 * std::size_t{r.u8_at(option + 6)};  // + compartment bitmap
    case ipv6_option::home_address:
      return 16;
    default:
      return 0;
  }
}

// tshark reads each option of a hop-by-hop or destination options header from the packet, not
// from the header alone: an option may run past its header, but not past the datagram.
bool options_fit(const ByteReader& r, std::size_t header, std::size_t length, std::size_t limit) noexcept {
  std::size_t at = header + 2;
  while (at < header + length) {
    const std::uint8_t type = r.u8_at(at);
    if (type == ipv6_option::pad1) {
      ++at;
      continue;
    }
    if (at + 2 > limit) return false;
    const std::size_t data_length = r.u8_at(at + 1);
    if ((type == ipv6_option::ioam || type == ipv6_option::ioam_changing) && data_length == 0) return false;
    const std::size_t read = option_data_read(r, at);
    at += 2 + (read > data_length ? read : data_length);
    if (at > limit) return false;
  }
  return true;
}

// tshark reads the addresses of routing types 2 and 4 from the header alone, and stops when they
// do not fit in it: type 2 needs its one address, a Segment Routing Header Last Entry + 1
// segments.
bool routing_addresses_fit(const ByteReader& r, std::size_t header, std::size_t length) noexcept {
  switch (r.u8_at(header + 2)) {
    case ipv6_routing_type::mobile_ipv6:
      return length >= 8 + 16;
    case ipv6_routing_type::segment_routing:
      return length >= 8 + 16 * (std::size_t{r.u8_at(header + 4)} + 1);
    default:
      return true;
  }
}

}  // namespace

void list_ipv6(const Ipv6Packet& ip, FieldSink& out) {
  const ByteReader r(ip.bytes());
  const std::size_t captured = r.size();
  if (captured < 1) return;
  out.add_decimal("ip.version", ip.version());
  if (ip.version() != 6 || captured < 4) return;
  out.add_hex("ipv6.flow", ip.flow_label(), 6);
  if (captured < 7) return;
  out.add_decimal("ipv6.plen", ip.payload_length());
  out.add_decimal("ipv6.nxt", ip.next_header());
  if (captured < 8) return;
  out.add_decimal("ipv6.hlim", ip.hop_limit());
  if (captured < 24) return;
  out.add("ipv6.src", ip.source());
  if (captured < Ipv6Packet::fixed_header_length) return;
  out.add("ipv6.dst", ip.destination());

  std::size_t limit = Ipv6Packet::fixed_header_length + ip.payload_length();
  if (ip.payload_length() == 0 && ip.next_header() == ip_protocol::hop_by_hop && has_jumbo_payload(r)) limit = captured;
  if (limit > captured) limit = captured;

  // Every header walked is at least 8 bytes long, so the walk ends within captured / 8 steps.
  std::size_t offset = Ipv6Packet::fixed_header_length;
  std::uint8_t next = ip.next_header();
  for (;;) {
    switch (next) {
      case ip_protocol::hop_by_hop:
      case ip_protocol::routing:
      case ip_protocol::destination_options:
      case ip_protocol::ah:
      case ip_protocol::shim6: {
        if (offset + 2 > limit) return;
        const std::size_t length_field = r.u8_at(offset + 1);
        const std::size_t length = next == ip_protocol::ah ? (length_field + 2) * 4 : (length_field + 1) * 8;
        if (offset + length > limit) return;
        if ((next == ip_protocol::hop_by_hop || next == ip_protocol::destination_options) &&
            !options_fit(r, offset, length, limit))
          return;
        if (next == ip_protocol::routing && !routing_addresses_fit(r, offset, length)) return;
        next = r.u8_at(offset);
        offset += length;
        break;
      }
      case ip_protocol::fragment: {
        if (offset + 8 > limit) return;
        const std::uint16_t offset_flags = r.u16_at(offset + 2);
        out.add_decimal("ipv6.fraghdr.offset", offset_flags >> 3);
        out.add_flag("ipv6.fraghdr.more", (offset_flags & 1) != 0);
        out.add_hex("ipv6.fraghdr.ident", r.u32_at(offset + 4), 8);
        next = r.u8_at(offset);
        offset += 8;
        if ((offset_flags >> 3) != 0) return;
        break;
      }
      default:
        return;
    }
  }
}

}  // namespace pktdoc::detail
