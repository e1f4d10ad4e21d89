#include "pktdoc/ipv6.hpp"

namespace pktdoc {
namespace {

// Length in bytes of the extension header of type `type` whose second octet is `length_field`.
constexpr std::size_t extension_header_length(std::uint8_t type, std::uint8_t length_field) noexcept {
  switch (type) {
    case ip_protocol::fragment:
      return 8;  // RFC 8200 section 4.5
    case ip_protocol::ah:
      return (std::size_t{length_field} + 2) * 4;  // RFC 4302 section 2.2
    default:
      return (std::size_t{length_field} + 1) * 8;  // RFC 8200 section 4, RFC 6564
  }
}

// Checks the type-length-value format of a Hop-by-Hop or Destination Options header (RFC 8200
// section 4.2). Returns the offset (from the start of the header) of the first option that
// runs past the header, or 0 when every option fits.
std::size_t first_bad_option(ByteView header) noexcept {
  const ByteReader reader(header);
  std::size_t at = 2;
  while (at < header.size()) {
    if (reader.u8_at(at) == ipv6_option::pad1) {
      ++at;
      continue;
    }
    if (at + 2 > header.size()) return at;
    const std::size_t end = at + 2 + reader.u8_at(at + 1);
    if (end > header.size()) return at;
    at = end;
  }
  return 0;
}

// True after a Fragment header with a non-zero offset: what follows it is the middle of a
// datagram, not more headers.
bool next_is_fragment_data(const Ipv6ExtensionHeader& header) noexcept {
  return header.type == ip_protocol::fragment && (ByteReader(header.data).u16_at(2) >> 3) != 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Options

void Ipv6OptionIterator::load(std::size_t position) noexcept {
  const ByteReader reader(area_);
  done_ = true;
  if (position >= area_.size()) return;
  const std::uint8_t type = reader.u8_at(position);
  if (type == ipv6_option::pad1) {
    current_ = Ipv6Option{type, 0, ByteView{}, base_ + position};
  } else {
    if (position + 2 > area_.size()) return;  // no length octet: the walk ends
    const std::uint8_t length = reader.u8_at(position + 1);
    if (length > area_.size() - position - 2) return;  // runs past the header: the walk ends
    current_ = Ipv6Option{type, length, reader.view_at(position + 2, length), base_ + position};
  }
  position_ = position;
  done_ = false;
}

Ipv6OptionIterator& Ipv6OptionIterator::operator++() noexcept {
  if (done_) return *this;
  // Pad1 is one octet, every other option two plus its data: the walk always advances.
  load(position_ + (current_.type == ipv6_option::pad1 ? 1 : 2 + std::size_t{current_.length}));
  return *this;
}

std::size_t Ipv6RoutingHeader::address_count() const noexcept {
  const std::size_t slots = data.size() >= 8 ? (data.size() - 8) / 16 : 0;
  switch (routing_type) {
    case ipv6_routing_type::source_route:
      return slots;
    case ipv6_routing_type::mobile_ipv6:
      return slots < 1 ? slots : 1;
    case ipv6_routing_type::segment_routing: {
      const std::size_t listed = std::size_t{last_entry()} + 1;
      return listed < slots ? listed : slots;
    }
    default:
      return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Ipv6Packet

Ipv6Packet::Ipv6Packet(ByteView bytes) noexcept : bytes_(bytes) { walk(); }

Result<Ipv6Packet> Ipv6Packet::parse(ByteView bytes) noexcept {
  Ipv6Packet view;
  const DecodeError error = parse_into(bytes, view);
  if (error.kind != ErrorKind::none) return error;
  return view;
}

DecodeError Ipv6Packet::parse_into(ByteView bytes, Ipv6Packet& out) noexcept {
  out.bytes_ = bytes;
  return out.walk();
}

// Walks the fixed header and the extension headers, recording what it finds as it goes, so that
// when it stops at a problem the view still describes everything before it (the unchecked
// constructor keeps that; parse() reports the problem).
DecodeError Ipv6Packet::walk() noexcept {
  const ByteReader r = reader();
  const std::size_t size = bytes_.size();
  extension_count_ = 0;
  fragment_index_ = no_index;
  routing_index_ = no_index;
  has_jumbo_ = false;
  jumbo_length_ = 0;
  upper_layer_protocol_ = next_header();
  upper_layer_offset_ = fixed_header_length;
  datagram_end_ = fixed_header_length + std::uint64_t{payload_length()};

  if (size == 0) return truncated(Protocol::ipv6, "capture ends before the IPv6 header", 0);
  if (version() != 6) return invalid(Protocol::ipv6, "version is not 6", 0);
  if (size < fixed_header_length) return truncated(Protocol::ipv6, "capture ends inside the 40-byte IPv6 header", size);

  std::uint8_t next = next_header();
  std::size_t offset = fixed_header_length;

  // A jumbogram (RFC 2675) has Payload Length 0 and its real length in a hop-by-hop option, which
  // must be found before the chain can be checked against the datagram's end.
  if (payload_length() == 0 && next == ip_protocol::hop_by_hop) {
    if (size < offset + 2) return truncated(Protocol::ipv6, "capture ends inside the hop-by-hop options header", size);
    const std::size_t length = extension_header_length(next, r.u8_at(offset + 1));
    if (size < offset + length)
      return truncated(Protocol::ipv6, "capture ends inside the hop-by-hop options header", size);
    for (const Ipv6Option& option : Ipv6OptionRange(r.view_at(offset + 2, length - 2), offset + 2)) {
      if (option.type != ipv6_option::jumbo_payload) continue;
      if (option.length != 4) return invalid(Protocol::ipv6, "jumbo payload option length is not 4", option.offset + 1);
      const std::uint32_t jumbo = ByteReader(option.data).u32_at(0);
      if (jumbo <= 0xffff) return invalid(Protocol::ipv6, "jumbo payload length below 65536", option.offset + 2);
      has_jumbo_ = true;
      jumbo_length_ = jumbo;
      datagram_end_ = fixed_header_length + std::uint64_t{jumbo};
      break;
    }
  }

  while (is_ipv6_extension_header(next)) {
    if (extension_count_ == max_extension_headers)
      return invalid(Protocol::ipv6, "more extension headers than pktdoc follows", offset);
    if (next == ip_protocol::hop_by_hop && extension_count_ != 0)
      return invalid(Protocol::ipv6, "hop-by-hop options header not right after the IPv6 header", offset);
    if (offset + 2 > datagram_end_)
      return invalid(Protocol::ipv6, "extension header runs past the payload length", offset);
    if (offset + 2 > size) return truncated(Protocol::ipv6, "capture ends inside an extension header", offset);
    const std::size_t length = extension_header_length(next, r.u8_at(offset + 1));
    if (offset + length > datagram_end_)
      return invalid(Protocol::ipv6, "extension header runs past the payload length", offset + 1);
    if (offset + length > size) return truncated(Protocol::ipv6, "capture ends inside an extension header", offset);

    const Ipv6ExtensionHeader header{next, r.u8_at(offset), static_cast<std::uint16_t>(length), offset,
                                     r.view_at(offset, length)};
    switch (next) {
      case ip_protocol::hop_by_hop:
      case ip_protocol::destination_options: {
        if (const std::size_t bad = first_bad_option(header.data); bad != 0)
          return invalid(Protocol::ipv6, "option runs past the end of its header", offset + bad);
        if (next == ip_protocol::hop_by_hop && !has_jumbo_)
          for (const Ipv6Option& option : header.options())
            if (option.type == ipv6_option::jumbo_payload)
              return invalid(Protocol::ipv6, "jumbo payload option with a non-zero payload length", option.offset);
        break;
      }
      case ip_protocol::fragment:
        if (fragment_index_ != no_index) return invalid(Protocol::ipv6, "second fragment header", offset);
        if (has_jumbo_) return invalid(Protocol::ipv6, "fragment header in a jumbogram", offset);
        fragment_index_ = static_cast<std::uint8_t>(extension_count_);
        break;
      case ip_protocol::routing:
        if (routing_index_ == no_index) routing_index_ = static_cast<std::uint8_t>(extension_count_);
        break;
      default:
        break;
    }
    extension_headers_.at[extension_count_++] = header;
    next = header.next_header;
    offset += length;
    upper_layer_protocol_ = next;
    upper_layer_offset_ = offset;
    if (next_is_fragment_data(header)) break;
  }
  return DecodeError{};
}

std::optional<Ipv6FragmentHeader> Ipv6Packet::fragment() const noexcept {
  if (fragment_index_ == no_index) return std::nullopt;
  const ByteReader header(extension_headers_.at[fragment_index_].data);
  const std::uint16_t offset_flags = header.u16_at(2);
  return Ipv6FragmentHeader{header.u8_at(0), static_cast<std::uint16_t>(offset_flags >> 3), (offset_flags & 1) != 0,
                            header.u32_at(4)};
}

std::optional<Ipv6RoutingHeader> Ipv6Packet::routing_header() const noexcept {
  if (routing_index_ == no_index) return std::nullopt;
  const ByteView data = extension_headers_.at[routing_index_].data;
  const ByteReader header(data);
  return Ipv6RoutingHeader{header.u8_at(0), header.u8_at(2), header.u8_at(3), data};
}

Ipv6OptionRange Ipv6Packet::hop_by_hop_options() const noexcept {
  if (extension_count_ == 0 || extension_headers_.at[0].type != ip_protocol::hop_by_hop) return {};
  return extension_headers_.at[0].options();
}

std::optional<std::uint16_t> Ipv6Packet::router_alert() const noexcept {
  for (const Ipv6Option& option : hop_by_hop_options())
    if (auto value = option.router_alert()) return value;
  return std::nullopt;
}

ByteView Ipv6Packet::payload() const noexcept {
  const std::size_t start = upper_layer_offset_;
  const std::size_t size = bytes_.size();
  if (size <= start) return {};
  const std::size_t end = datagram_end_ < size ? static_cast<std::size_t>(datagram_end_) : size;
  return end > start ? reader().view_at(start, end - start) : ByteView{};
}

std::uint32_t Ipv6Packet::upper_layer_length() const noexcept {
  if (datagram_end_ <= upper_layer_offset_) return 0;
  const std::uint64_t length = datagram_end_ - upper_layer_offset_;
  return length > 0xffffffffu ? 0xffffffffu : static_cast<std::uint32_t>(length);
}

Ipv6Address Ipv6Packet::final_destination() const noexcept {
  const auto routing = routing_header();
  if (!routing || routing->segments_left == 0 || routing->address_count() == 0) return destination();
  switch (routing->routing_type) {
    case ipv6_routing_type::source_route:
      return routing->address(routing->address_count() - 1);
    case ipv6_routing_type::mobile_ipv6:
    case ipv6_routing_type::segment_routing:
      return routing->address(0);
    default:
      return destination();
  }
}

PseudoHeader Ipv6Packet::pseudo_header() const noexcept {
  PseudoHeader pseudo;
  pseudo.is_ipv6 = true;
  pseudo.source6 = source();
  pseudo.destination6 = final_destination();
  pseudo.protocol = upper_layer_protocol();
  pseudo.length = upper_layer_length();
  return pseudo;
}

}  // namespace pktdoc
