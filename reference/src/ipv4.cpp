#include "pktdoc/ipv4.hpp"

namespace pktdoc {
namespace {

constexpr bool is_single_octet(std::uint8_t type) noexcept {
  return type == ipv4_option::end_of_list || type == ipv4_option::no_operation;
}

constexpr bool is_source_route(std::uint8_t type) noexcept {
  return type == ipv4_option::loose_source_route || type == ipv4_option::strict_source_route;
}

// The shortest an option of `type` can be: type and length octets plus the fixed fields its RFC
// defines. Wireshark's option dissectors read those fields unconditionally, so a shorter option
// also stops its dissection of the packet.
constexpr std::size_t minimum_option_length(std::uint8_t type) noexcept {
  switch (type) {
    case ipv4_option::record_route:
    case ipv4_option::loose_source_route:
    case ipv4_option::strict_source_route:
      return 3;  // pointer (RFC 791)
    case ipv4_option::timestamp:
      return 4;  // pointer, overflow/flag (RFC 791)
    case ipv4_option::router_alert:
      return 4;  // value (RFC 2113)
    case ipv4_option::stream_id:
      return 4;  // stream id (RFC 791)
    case ipv4_option::mtu_probe:
    case ipv4_option::mtu_reply:
      return 4;  // MTU (RFC 1063)
    case ipv4_option::traceroute:
      return 12;  // id, hop counts, originator (RFC 1393)
    case ipv4_option::quick_start:
      return 8;  // function/rate, TTL, nonce (RFC 4782)
    case ipv4_option::security:
    case ipv4_option::extended_security:
      return 3;  // classification level or format code (RFC 1108)
    case ipv4_option::commercial_security:
      return 6;  // domain of interpretation (FIPS 188)
    default:
      return 2;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Options

std::optional<Ipv4RouteOption> Ipv4Option::route() const noexcept {
  if (type != ipv4_option::record_route && !is_source_route(type)) return std::nullopt;
  if (data.empty()) return std::nullopt;  // length 2: not even a pointer
  const ByteReader reader(data);
  return Ipv4RouteOption{type, length, reader.u8_at(0), reader.view_from(1)};
}

std::optional<Ipv4TimestampOption> Ipv4Option::timestamp() const noexcept {
  if (type != ipv4_option::timestamp || data.size() < 2) return std::nullopt;
  const ByteReader reader(data);
  const std::uint8_t overflow_flag = reader.u8_at(1);
  return Ipv4TimestampOption{length, reader.u8_at(0), static_cast<std::uint8_t>(overflow_flag >> 4),
                             static_cast<std::uint8_t>(overflow_flag & 0x0f), reader.view_from(2)};
}

std::optional<std::uint16_t> Ipv4Option::router_alert() const noexcept {
  if (type != ipv4_option::router_alert || length != 4 || data.size() != 2) return std::nullopt;
  return ByteReader(data).u16_at(0);
}

void Ipv4OptionIterator::load(std::size_t position) noexcept {
  const ByteReader reader(area_);
  done_ = true;
  if (position >= area_.size()) return;
  const std::uint8_t type = reader.u8_at(position);
  if (is_single_octet(type)) {
    current_ = Ipv4Option{type, 1, ByteView{}, base_ + position};
  } else {
    if (position + 1 >= area_.size()) return;  // no length octet
    const std::uint8_t length = reader.u8_at(position + 1);
    if (length < 2 || length > area_.size() - position) return;  // malformed: the walk ends
    current_ = Ipv4Option{type, length, reader.view_at(position + 2, length - 2u), base_ + position};
  }
  position_ = position;
  done_ = false;
}

Ipv4OptionIterator& Ipv4OptionIterator::operator++() noexcept {
  if (done_) return *this;
  if (current_.type == ipv4_option::end_of_list) {  // what follows End of Option List is padding
    done_ = true;
    return *this;
  }
  load(position_ + current_.length);  // length is at least 1, so the walk always advances
  return *this;
}

// ---------------------------------------------------------------------------------------------
// Ipv4Packet

Result<Ipv4Packet> Ipv4Packet::parse(ByteView bytes) noexcept {
  const ByteReader reader(bytes);
  if (bytes.empty()) return truncated(Protocol::ipv4, "capture ends before the IPv4 header", 0);
  const std::uint8_t version_ihl = reader.u8_at(0);
  if ((version_ihl >> 4) != 4) return invalid(Protocol::ipv4, "version is not 4", 0);
  const std::size_t header_length = std::size_t{version_ihl & 0x0fu} * 4;
  if (header_length < min_header_length) return invalid(Protocol::ipv4, "header length (IHL) below 5 words", 0);
  if (bytes.size() < 4) return truncated(Protocol::ipv4, "capture ends inside the 20-byte IPv4 header", bytes.size());
  const std::uint16_t total = reader.u16_at(2);
  if (total != 0 && total < header_length)
    return invalid(Protocol::ipv4, "total length smaller than the header length", 2);
  if (bytes.size() < min_header_length)
    return truncated(Protocol::ipv4, "capture ends inside the 20-byte IPv4 header", bytes.size());
  if (bytes.size() < header_length)
    return truncated(Protocol::ipv4, "capture ends inside the IPv4 options", bytes.size());

  // Options (RFC 791 section 3.1): End of Option List ends the list, No Operation is one octet,
  // every other option is type, length (at least 2, covering type and length), data.
  std::size_t at = min_header_length;
  while (at < header_length) {
    const std::uint8_t type = reader.u8_at(at);
    if (type == ipv4_option::end_of_list) break;
    if (type == ipv4_option::no_operation) {
      ++at;
      continue;
    }
    if (at + 1 >= header_length)
      return invalid(Protocol::ipv4, "option has no length octet before the header ends", at);
    const std::uint8_t length = reader.u8_at(at + 1);
    if (length < 2) return invalid(Protocol::ipv4, "option length below 2", at + 1);
    if (length > header_length - at) return invalid(Protocol::ipv4, "option runs past the end of the header", at + 1);
    if (length < minimum_option_length(type))
      return invalid(Protocol::ipv4, "option shorter than the fixed fields of its type", at + 1);
    at += length;
  }
  return Ipv4Packet(bytes);
}

ByteView Ipv4Packet::options_area() const noexcept {
  const std::size_t length = header_length();
  if (length <= min_header_length) return {};
  return reader().view_at(min_header_length, length - min_header_length);
}

Ipv4OptionRange Ipv4Packet::options() const noexcept { return Ipv4OptionRange(options_area(), min_header_length); }

std::optional<Ipv4Option> Ipv4Packet::find_option(std::uint8_t type) const noexcept {
  for (const Ipv4Option& option : options())
    if (option.type == type) return option;
  return std::nullopt;
}

std::optional<Ipv4RouteOption> Ipv4Packet::record_route() const noexcept {
  const auto option = find_option(ipv4_option::record_route);
  return option ? option->route() : std::nullopt;
}

std::optional<Ipv4RouteOption> Ipv4Packet::loose_source_route() const noexcept {
  const auto option = find_option(ipv4_option::loose_source_route);
  return option ? option->route() : std::nullopt;
}

std::optional<Ipv4RouteOption> Ipv4Packet::strict_source_route() const noexcept {
  const auto option = find_option(ipv4_option::strict_source_route);
  return option ? option->route() : std::nullopt;
}

std::optional<Ipv4TimestampOption> Ipv4Packet::timestamp() const noexcept {
  const auto option = find_option(ipv4_option::timestamp);
  return option ? option->timestamp() : std::nullopt;
}

std::optional<std::uint16_t> Ipv4Packet::router_alert() const noexcept {
  for (const Ipv4Option& option : options())
    if (auto value = option.router_alert()) return value;
  return std::nullopt;
}

Ipv4Address Ipv4Packet::final_destination() const noexcept {
  // The first source route option decides (RFC 791 allows only one per datagram). While its
  // pointer is on a slot, the header holds the next hop and the last slot the final destination;
  // once the pointer is past the end, the header's destination is the final one.
  if (header_length() <= min_header_length) return destination();  // no options: the usual case
  for (const Ipv4Option& option : options()) {
    if (!is_source_route(option.type)) continue;
    const auto route = option.route();
    if (!route || route->pointer < 4 || (route->pointer & 3) != 0 || route->is_full() || route->address_count() == 0)
      break;
    return route->address(route->address_count() - 1);
  }
  return destination();
}

ChecksumStatus Ipv4Packet::header_checksum_status() const noexcept {
  const std::size_t length = header_length();
  if (length < min_header_length || bytes_.size() < length) return ChecksumStatus::unverified;
  return internet_checksum(reader().view_at(0, length)) == 0 ? ChecksumStatus::good : ChecksumStatus::bad;
}

ByteView Ipv4Packet::payload() const noexcept {
  const std::size_t start = header_length();
  if (start < min_header_length || bytes_.size() <= start) return {};
  std::size_t end = bytes_.size();
  const std::uint16_t total = total_length();
  if (total != 0 && total < end) end = total;
  return end > start ? reader().view_at(start, end - start) : ByteView{};
}

std::size_t Ipv4Packet::payload_length() const noexcept {
  const std::size_t start = header_length();
  if (length_from_capture()) return bytes_.size() > start ? bytes_.size() - start : 0;
  const std::size_t total = total_length();
  return total > start ? total - start : 0;
}

bool Ipv4Packet::payload_truncated() const noexcept {
  // total_length() is 0 both under segmentation offload and when it was not captured.
  return bytes_.size() < total_length();
}

PseudoHeader Ipv4Packet::pseudo_header() const noexcept {
  PseudoHeader pseudo;
  pseudo.is_ipv6 = false;
  pseudo.source4 = source();
  pseudo.destination4 = final_destination();
  pseudo.protocol = protocol();
  pseudo.length = static_cast<std::uint32_t>(payload_length());
  return pseudo;
}

}  // namespace pktdoc
