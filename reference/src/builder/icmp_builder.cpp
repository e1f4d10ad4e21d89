#include "pktdoc/builder/icmp_builder.hpp"

#include <algorithm>
#include <utility>

#include "pktdoc/ipv4.hpp"

namespace pktdoc::build {

namespace {

std::uint32_t echo_rest(std::uint16_t identifier, std::uint16_t sequence_number) noexcept {
  return (std::uint32_t{identifier} << 16) | sequence_number;
}

}  // namespace

Icmp Icmp::echo_request(std::uint16_t identifier, std::uint16_t sequence_number, ByteView data) {
  return Icmp{
      .type = IcmpType::echo_request, .rest_of_header = echo_rest(identifier, sequence_number), .body = to_bytes(data)};
}

Icmp Icmp::echo_reply(std::uint16_t identifier, std::uint16_t sequence_number, ByteView data) {
  return Icmp{
      .type = IcmpType::echo_reply, .rest_of_header = echo_rest(identifier, sequence_number), .body = to_bytes(data)};
}

Icmp Icmp::error(IcmpType type, std::uint8_t code, std::uint32_t rest_of_header, ByteView offending_packet) {
  // What fits after an option-less IPv4 header and the 8-byte ICMP header.
  constexpr std::size_t max_quote = max_error_datagram - Ipv4Packet::min_header_length - IcmpMessage::header_length;
  const ByteView quote = offending_packet.first(std::min(offending_packet.size(), max_quote));
  return Icmp{.type = type, .code = code, .rest_of_header = rest_of_header, .body = to_bytes(quote)};
}

Icmp Icmp::destination_unreachable(IcmpUnreachableCode code, ByteView offending_packet, std::uint16_t next_hop_mtu) {
  return error(IcmpType::destination_unreachable, static_cast<std::uint8_t>(code), next_hop_mtu, offending_packet);
}

Icmp Icmp::time_exceeded(IcmpTimeExceededCode code, ByteView offending_packet) {
  return error(IcmpType::time_exceeded, static_cast<std::uint8_t>(code), 0, offending_packet);
}

Icmp Icmp::parameter_problem(std::uint8_t pointer, ByteView offending_packet) {
  return error(IcmpType::parameter_problem,
               static_cast<std::uint8_t>(IcmpParameterProblemCode::pointer_indicates_error),
               std::uint32_t{pointer} << 24, offending_packet);
}

Icmp Icmp::redirect(IcmpRedirectCode code, const Ipv4Address& gateway, ByteView offending_packet) {
  return error(IcmpType::redirect, static_cast<std::uint8_t>(code), gateway.to_uint(), offending_packet);
}

Bytes Icmp::message() const {
  ByteWriter out;
  out.reserve(IcmpMessage::header_length + body.size());
  out.write_u8(static_cast<std::uint8_t>(type)).write_u8(code).write_u16(0).write_u32(rest_of_header);
  out.write(view(body));
  const std::uint16_t computed = internet_checksum(out.view());
  out.set_u16_at(2, checksum.value_or(corrupt_checksum ? wrong_checksum(computed) : computed));
  return std::move(out).release();
}

}  // namespace pktdoc::build
