// The Wireshark listing of an IPv4 header: the ip.* fields as tshark 4.0 prints them.
//
// tshark's IPv4 dissector reads the header field by field and stops (an exception) at the first
// field that was not captured, so a header cut short lists exactly the fields before the cut.
// Its other rules, found by experiment and reproduced here:
// - ip.version needs 1 byte; a version other than 4 lists ip.version alone (6 hands the bytes to
//   the IPv6 dissector, which lists ip.version again and the ipv6.* fields).
// - ip.hdr_len is in bytes (IHL * 4); below 20 it is listed and nothing else is.
// - ip.len needs bytes 1-3; a Total Length below the header length is listed and ends the
//   listing, except 0, which tshark takes for TCP segmentation offload and replaces by the
//   reported length of the packet (here: the bytes the view holds).
// - ip.id and ip.checksum are 0x + 4 hex digits; ip.frag_offset is in 8-octet units, decimal.
// - ip.dst: with options, tshark first scans them for a source route; reading an option byte
//   that was not captured ends the listing before ip.dst. With a usable Loose or Strict Source
//   Route (pointer >= 4, a multiple of 4 and not past the option length) the header's field is
//   listed as ip.cur_rt, not ip.dst, and ip.dst comes from the option's last address slot while
//   the options are dissected, once per such option; the options are dissected only when all of
//   them were captured, and an option shorter than the fields its dissector reads ends the
//   listing there.
#include "pktdoc/detail/listing.hpp"
#include "pktdoc/ipv4.hpp"
#include "pktdoc/ipv6.hpp"

namespace pktdoc::detail {
namespace {

constexpr bool is_source_route(std::uint8_t type) noexcept {
  return type == ipv4_option::loose_source_route || type == ipv4_option::strict_source_route;
}

// What tshark's get_dst_offset() returns: the offset of a source route's last address from the
// header's destination field (0 for none). Nothing when it reads a byte that was not captured.
std::optional<std::size_t> destination_offset(const ByteReader& r, std::size_t header_length) noexcept {
  std::size_t at = Ipv4Packet::min_header_length;
  std::size_t left = header_length - Ipv4Packet::min_header_length;
  while (left > 0) {
    if (at >= r.size()) return std::nullopt;
    const std::uint8_t type = r.u8_at(at);
    --left;
    if (type != ipv4_option::end_of_list && type != ipv4_option::no_operation) {
      if (left == 0) return 0;
      if (at + 1 >= r.size()) return std::nullopt;
      const std::size_t length = r.u8_at(at + 1);
      --left;
      if (length < 2 || length - 2 > left) return 0;
      if (is_source_route(type)) {
        if (at + 2 >= r.size()) return std::nullopt;
        const std::uint8_t pointer = r.u8_at(at + 2);
        if (pointer < 4 || (pointer & 3) != 0 || pointer > length) return 0;
        return at - Ipv4Packet::min_header_length + length;
      }
      at += length;
      left -= length - 2;
    } else {
      at += 1;
    }
    if (type == ipv4_option::end_of_list) return 0;
  }
  return 0;
}

// The bytes tshark's dissector for an option of `type` reads unconditionally; a shorter option
// makes it throw.
std::size_t dissector_reads(std::uint8_t type, const ByteReader& r, std::size_t at) noexcept {
  switch (type) {
    case ipv4_option::record_route:
    case ipv4_option::loose_source_route:
    case ipv4_option::strict_source_route:
    case ipv4_option::security:
    case ipv4_option::extended_security:
      return 3;
    case ipv4_option::timestamp:
    case ipv4_option::router_alert:
    case ipv4_option::stream_id:
    case ipv4_option::mtu_probe:
    case ipv4_option::mtu_reply:
      return 4;
    case ipv4_option::commercial_security:
      return 6;
    case ipv4_option::traceroute:
      return 12;
    case ipv4_option::quick_start: {
      const std::uint8_t function = static_cast<std::uint8_t>(r.u8_at(at + 2) >> 4);
      return function == 0 || function == 8 ? 8 : 3;  // rate request and rate report read 8
    }
    default:
      return 2;
  }
}

// Dissects the options as tshark does, adding ip.dst for each usable source route.
void list_option_destinations(const ByteReader& r, std::size_t header_length, FieldSink& out) {
  std::size_t at = Ipv4Packet::min_header_length;
  std::size_t left = header_length - Ipv4Packet::min_header_length;
  while (left > 0) {
    const std::uint8_t type = r.u8_at(at);
    --left;
    if (type == ipv4_option::end_of_list) return;
    if (type == ipv4_option::no_operation) {
      at += 1;
      continue;
    }
    if (left == 0) return;
    const std::size_t length = r.u8_at(at + 1);
    --left;
    if (length < 2 || length - 2 > left) return;
    if (length < dissector_reads(type, r, at)) return;  // the option's dissector throws
    if (is_source_route(type)) {
      const std::uint8_t pointer = r.u8_at(at + 2);
      if (pointer >= 4 && (pointer & 3) == 0 && pointer <= length && length >= 7 && (length - 3) % 4 == 0)
        out.add("ip.dst", Ipv4Address{r.array_at<4>(at + length - 4)});
    }
    at += length;
    left -= length - 2;
  }
}

}  // namespace

void list_ipv4(const Ipv4Packet& ip, FieldSink& out) {
  const ByteReader r(ip.bytes());
  const std::size_t captured = r.size();
  if (captured < 1) return;
  out.add_decimal("ip.version", ip.version());
  if (ip.version() == 6) {
    list_ipv6(Ipv6Packet(ip.bytes()), out);
    return;
  }
  if (ip.version() != 4) return;
  const std::size_t header_length = ip.header_length();
  out.add_decimal("ip.hdr_len", header_length);
  if (header_length < Ipv4Packet::min_header_length || captured < 4) return;
  const std::uint16_t total = ip.total_length();
  if (total == 0) {
    out.add_decimal("ip.len", captured);
  } else {
    out.add_decimal("ip.len", total);
    if (total < header_length) return;
  }
  if (captured < 6) return;
  out.add_hex("ip.id", ip.identification(), 4);
  if (captured < 8) return;
  out.add_flag("ip.flags.df", ip.dont_fragment());
  out.add_flag("ip.flags.mf", ip.more_fragments());
  out.add_decimal("ip.frag_offset", ip.fragment_offset());
  if (captured < 9) return;
  out.add_decimal("ip.ttl", ip.ttl());
  if (captured < 10) return;
  out.add_decimal("ip.proto", ip.protocol());
  if (captured < 12) return;
  out.add_hex("ip.checksum", ip.header_checksum(), 4);
  if (captured < 16) return;
  out.add("ip.src", ip.source());

  std::size_t shift = 0;
  if (header_length > Ipv4Packet::min_header_length) {
    const auto found = destination_offset(r, header_length);
    if (!found) return;
    shift = *found;
  }
  if (captured < Ipv4Packet::min_header_length + shift) return;
  if (shift == 0) out.add("ip.dst", ip.destination());  // else tshark lists the field as ip.cur_rt
  if (header_length > Ipv4Packet::min_header_length && captured >= header_length)
    list_option_destinations(r, header_length, out);
}

}  // namespace pktdoc::detail
