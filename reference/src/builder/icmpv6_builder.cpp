#include "pktdoc/builder/icmpv6_builder.hpp"

#include <algorithm>
#include <utility>

#include "pktdoc/ip_protocol.hpp"
#include "pktdoc/ipv6.hpp"

namespace pktdoc::build {

namespace {

std::uint32_t echo_rest(std::uint16_t identifier, std::uint16_t sequence_number) noexcept {
  return (std::uint32_t{identifier} << 16) | sequence_number;
}

// The target address of an ND message, then a link-layer address option (RFC 4861 section 4.6.1:
// type, length 1 in units of 8 octets, the 6-byte MAC).
Bytes target_and_option(const Ipv6Address& target, NdOptionType option, const std::optional<MacAddress>& mac) {
  ByteWriter out;
  out.write(as_bytes(target.bytes.data(), target.bytes.size()));
  if (mac) {
    out.write_u8(static_cast<std::uint8_t>(option)).write_u8(1);
    out.write(as_bytes(mac->bytes.data(), mac->bytes.size()));
  }
  return std::move(out).release();
}

}  // namespace

Icmpv6 Icmpv6::echo_request(std::uint16_t identifier, std::uint16_t sequence_number, ByteView data) {
  return Icmpv6{.type = Icmpv6Type::echo_request,
                .rest_of_header = echo_rest(identifier, sequence_number),
                .body = to_bytes(data)};
}

Icmpv6 Icmpv6::echo_reply(std::uint16_t identifier, std::uint16_t sequence_number, ByteView data) {
  return Icmpv6{
      .type = Icmpv6Type::echo_reply, .rest_of_header = echo_rest(identifier, sequence_number), .body = to_bytes(data)};
}

Icmpv6 Icmpv6::error(Icmpv6Type type, std::uint8_t code, std::uint32_t rest_of_header, ByteView offending_packet) {
  // What fits after an IPv6 header without extension headers and the 8-byte ICMPv6 header.
  constexpr std::size_t max_quote = max_error_datagram - Ipv6Packet::fixed_header_length - Icmpv6Message::header_length;
  const ByteView quote = offending_packet.first(std::min(offending_packet.size(), max_quote));
  return Icmpv6{.type = type, .code = code, .rest_of_header = rest_of_header, .body = to_bytes(quote)};
}

Icmpv6 Icmpv6::destination_unreachable(Icmpv6UnreachableCode code, ByteView offending_packet) {
  return error(Icmpv6Type::destination_unreachable, static_cast<std::uint8_t>(code), 0, offending_packet);
}

Icmpv6 Icmpv6::packet_too_big(std::uint32_t mtu, ByteView offending_packet) {
  return error(Icmpv6Type::packet_too_big, 0, mtu, offending_packet);
}

Icmpv6 Icmpv6::time_exceeded(Icmpv6TimeExceededCode code, ByteView offending_packet) {
  return error(Icmpv6Type::time_exceeded, static_cast<std::uint8_t>(code), 0, offending_packet);
}

Icmpv6 Icmpv6::parameter_problem(Icmpv6ParameterProblemCode code, std::uint32_t pointer, ByteView offending_packet) {
  return error(Icmpv6Type::parameter_problem, static_cast<std::uint8_t>(code), pointer, offending_packet);
}

Icmpv6 Icmpv6::neighbor_solicitation(const Ipv6Address& target, std::optional<MacAddress> source_link_layer_address) {
  return Icmpv6{.type = Icmpv6Type::neighbor_solicitation,
                .body = target_and_option(target, NdOptionType::source_link_layer_address, source_link_layer_address)};
}

Icmpv6 Icmpv6::neighbor_advertisement(const Ipv6Address& target, bool router, bool solicited, bool override_flag,
                                      std::optional<MacAddress> target_link_layer_address) {
  const std::uint32_t flags =
      (router ? 0x80000000u : 0u) | (solicited ? 0x40000000u : 0u) | (override_flag ? 0x20000000u : 0u);
  return Icmpv6{.type = Icmpv6Type::neighbor_advertisement,
                .rest_of_header = flags,
                .body = target_and_option(target, NdOptionType::target_link_layer_address, target_link_layer_address)};
}

Bytes Icmpv6::message(const PseudoHeader& pseudo) const {
  ByteWriter out;
  out.reserve(Icmpv6Message::header_length + body.size());
  out.write_u8(static_cast<std::uint8_t>(type)).write_u8(code).write_u16(0).write_u32(rest_of_header);
  out.write(view(body));
  PseudoHeader covered = pseudo;
  covered.protocol = ip_protocol::icmpv6;
  covered.length = static_cast<std::uint32_t>(out.size());
  InternetChecksum sum;
  add_pseudo_header(sum, covered);
  sum.add(out.view());
  const std::uint16_t computed = sum.finish();
  out.set_u16_at(2, checksum.value_or(corrupt_checksum ? wrong_checksum(computed) : computed));
  return std::move(out).release();
}

}  // namespace pktdoc::build
