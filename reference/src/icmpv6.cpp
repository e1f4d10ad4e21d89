#include "pktdoc/icmpv6.hpp"

namespace pktdoc {

std::string_view icmpv6_type_name(Icmpv6Type type) noexcept {
  switch (type) {
    case Icmpv6Type::destination_unreachable: return "destination unreachable";
    case Icmpv6Type::packet_too_big: return "packet too big";
    case Icmpv6Type::time_exceeded: return "time exceeded";
    case Icmpv6Type::parameter_problem: return "parameter problem";
    case Icmpv6Type::echo_request: return "echo request";
    case Icmpv6Type::echo_reply: return "echo reply";
    case Icmpv6Type::multicast_listener_query: return "multicast listener query";
    case Icmpv6Type::multicast_listener_report: return "multicast listener report";
    case Icmpv6Type::multicast_listener_done: return "multicast listener done";
    case Icmpv6Type::router_solicitation: return "router solicitation";
    case Icmpv6Type::router_advertisement: return "router advertisement";
    case Icmpv6Type::neighbor_solicitation: return "neighbor solicitation";
    case Icmpv6Type::neighbor_advertisement: return "neighbor advertisement";
    case Icmpv6Type::redirect: return "redirect";
    case Icmpv6Type::router_renumbering: return "router renumbering";
    case Icmpv6Type::version2_multicast_listener_report: return "multicast listener report v2";
  }
  return "unknown";
}
namespace {

// The option kinds with a fixed layout, and their lengths in bytes.
constexpr std::size_t link_layer_address_option_length = 8;  // type, length, 6-byte MAC address
constexpr std::size_t prefix_information_option_length = 32;
constexpr std::size_t mtu_option_length = 8;
constexpr std::size_t redirected_header_reserved = 6;  // reserved bytes after type and length

constexpr bool is_nd_type(Icmpv6Type type) noexcept {
  const auto value = static_cast<std::uint8_t>(type);
  return value >= static_cast<std::uint8_t>(Icmpv6Type::router_solicitation) &&
         value <= static_cast<std::uint8_t>(Icmpv6Type::redirect);
}

// The types that carry an RFC 4884 length in byte 4 (RFC 4884 section 4.2).
constexpr bool has_rfc4884_length(Icmpv6Type type) noexcept {
  return type == Icmpv6Type::destination_unreachable || type == Icmpv6Type::time_exceeded;
}

// The types whose body after the 8-byte header is a quoted packet (RFC 4443 section 3).
constexpr bool quotes_packet(Icmpv6Type type) noexcept {
  switch (type) {
    case Icmpv6Type::destination_unreachable:
    case Icmpv6Type::packet_too_big:
    case Icmpv6Type::time_exceeded:
    case Icmpv6Type::parameter_problem:
      return true;
    default:
      return false;
  }
}

// `complete`: every byte the IPv6 header declares was captured, so a shortfall is the sender's.
Result<Icmpv6Message> decode(ByteView bytes, bool complete) noexcept {
  const auto short_of = [&](const char* sender, const char* capture, std::size_t offset) -> DecodeError {
    return complete ? invalid(Protocol::icmpv6, sender, offset) : truncated(Protocol::icmpv6, capture, offset);
  };
  if (bytes.size() < Icmpv6Message::minimum_length)
    return short_of("message shorter than type, code and checksum", "capture ends inside type, code and checksum",
                    bytes.size());
  const Icmpv6Message message(bytes);
  const std::size_t fixed = Icmpv6Message::fixed_length(message.type());
  if (bytes.size() < fixed)
    return short_of("message shorter than the fixed length of its type",
                    "capture ends inside the fixed fields of the message", bytes.size());
  if (!message.is_neighbor_discovery()) return message;

  // Each step consumes at least 8 bytes (a zero length stops the walk), so the loop ends.
  ByteReader reader(bytes);
  reader.skip(fixed);
  while (reader.remaining() > 0) {
    const std::size_t offset = reader.position();
    if (reader.remaining() < 2)
      return short_of("ND option without its length field", "capture ends inside an ND option", offset);
    const std::size_t length = std::size_t{reader.u8_at(offset + 1)} * 8;
    if (length == 0) return invalid(Protocol::icmpv6, "ND option with length 0 (RFC 4861 section 4.6)", offset);
    if (!reader.skip(length))
      return short_of("ND option runs past the end of the message", "capture ends inside an ND option", offset);
  }
  return message;
}

}  // namespace

std::optional<MacAddress> NdOption::link_layer_address() const noexcept {
  const NdOptionType kind = type();
  if (kind != NdOptionType::source_link_layer_address && kind != NdOptionType::target_link_layer_address)
    return std::nullopt;
  if (length() != link_layer_address_option_length || bytes_.size() < link_layer_address_option_length)
    return std::nullopt;
  return MacAddress{ByteReader(bytes_).array_at<6>(2)};
}

std::optional<PrefixInformation> NdOption::prefix_information() const noexcept {
  if (type() != NdOptionType::prefix_information || length() != prefix_information_option_length ||
      bytes_.size() < prefix_information_option_length)
    return std::nullopt;
  const ByteReader reader(bytes_);
  PrefixInformation info;
  info.prefix_length = reader.u8_at(2);
  const std::uint8_t flags = reader.u8_at(3);
  info.on_link = (flags & 0x80) != 0;
  info.autonomous = (flags & 0x40) != 0;
  info.valid_lifetime = reader.u32_at(4);
  info.preferred_lifetime = reader.u32_at(8);
  // bytes 12-15 are Reserved2
  info.prefix = Ipv6Address{reader.array_at<16>(16)};
  return info;
}

std::optional<std::uint32_t> NdOption::mtu() const noexcept {
  if (type() != NdOptionType::mtu || length() != mtu_option_length || bytes_.size() < mtu_option_length)
    return std::nullopt;
  return ByteReader(bytes_).u32_at(4);  // bytes 2-3 are reserved
}

ByteView NdOption::redirected_packet() const noexcept {
  if (type() != NdOptionType::redirected_header) return {};
  return ByteReader(bytes_).view_from(2 + redirected_header_reserved);
}

void NdOptionIterator::settle() noexcept {
  const ByteReader reader(rest_);
  current_length_ = std::size_t{reader.u8_at(1)} * 8;
  if (rest_.size() < 2 || current_length_ == 0 || current_length_ > rest_.size()) {
    rest_ = ByteView{};
    current_length_ = 0;
  }
}

std::size_t Icmpv6Message::fixed_length(Icmpv6Type type) noexcept {
  switch (type) {
    case Icmpv6Type::destination_unreachable:
    case Icmpv6Type::packet_too_big:
    case Icmpv6Type::time_exceeded:
    case Icmpv6Type::parameter_problem:
    case Icmpv6Type::echo_request:
    case Icmpv6Type::echo_reply:
    case Icmpv6Type::router_solicitation:
    case Icmpv6Type::version2_multicast_listener_report:
      return 8;
    case Icmpv6Type::router_advertisement:
      return 16;
    case Icmpv6Type::multicast_listener_query:
    case Icmpv6Type::multicast_listener_report:
    case Icmpv6Type::multicast_listener_done:
    case Icmpv6Type::neighbor_solicitation:
    case Icmpv6Type::neighbor_advertisement:
      return 24;
    case Icmpv6Type::redirect:
      return 40;
    default:
      return minimum_length;
  }
}

Result<Icmpv6Message> Icmpv6Message::parse(ByteView bytes) noexcept { return decode(bytes, false); }

Result<Icmpv6Message> Icmpv6Message::parse(ByteView bytes, std::size_t declared_length) noexcept {
  if (bytes.size() >= declared_length) return decode(bytes.first(declared_length), true);
  return decode(bytes, false);
}

ChecksumStatus Icmpv6Message::checksum_status(const PseudoHeader& pseudo) const noexcept {
  if (bytes_.size() < pseudo.length) return ChecksumStatus::unverified;
  InternetChecksum sum;
  add_pseudo_header(sum, pseudo);
  sum.add(bytes_.first(pseudo.length));
  return sum.finish() == 0 ? ChecksumStatus::good : ChecksumStatus::bad;
}

bool Icmpv6Message::is_neighbor_discovery() const noexcept { return !bytes_.empty() && is_nd_type(type()); }

std::uint8_t Icmpv6Message::original_datagram_length() const noexcept {
  return has_rfc4884_length(type()) ? reader().u8_at(4) : 0;
}

NdOptions Icmpv6Message::options() const noexcept {
  if (!is_neighbor_discovery()) return NdOptions();
  return NdOptions(reader().view_from(fixed_length(type())));
}

std::optional<NdOption> Icmpv6Message::find_option(NdOptionType type) const noexcept {
  for (NdOption option : options())
    if (option.type() == type) return option;
  return std::nullopt;
}

ByteView Icmpv6Message::redirected_header() const noexcept {
  if (type() != Icmpv6Type::redirect) return {};
  if (auto option = find_option(NdOptionType::redirected_header)) return option->redirected_packet();
  return {};
}

// RFC 4884 section 4.1 (which covers ICMPv6 too): with extensions, the original datagram field is
// at least 128 octets; a shorter length is ignored and the whole rest is the quote.
std::size_t Icmpv6Message::original_datagram_bytes() const noexcept {
  const std::size_t original = std::size_t{original_datagram_length()} * 8;
  return original >= 128 && original <= payload().size() ? original : 0;
}

ByteView Icmpv6Message::quoted_packet() const noexcept {
  if (bytes_.empty() || !quotes_packet(type())) return {};
  const std::size_t original = original_datagram_bytes();
  return original != 0 ? payload().first(original) : payload();
}

ByteView Icmpv6Message::extensions() const noexcept {
  if (bytes_.empty() || !quotes_packet(type())) return {};
  const std::size_t original = original_datagram_bytes();
  return original != 0 ? payload().subspan(original) : ByteView{};
}
}  // namespace pktdoc
