#include "pktdoc/builder/sctp_builder.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "pktdoc/checksum.hpp"

namespace pktdoc::build {

namespace {

constexpr std::size_t max_tlv_length = 65535;

// Type (8 or 16 bits), length, value, padding: the framing every chunk, parameter and cause shares.
void check_length(const char* what, std::size_t length) {
  if (length > max_tlv_length)
    throw std::length_error(std::string(what) + ": at most 65535 bytes, not " + std::to_string(length));
}

std::size_t unpadded_size(const SctpParameter& parameter) {
  return pktdoc::SctpParameter::header_length + parameter.value.size();
}
std::size_t unpadded_size(const SctpErrorCause& cause) {
  return pktdoc::SctpErrorCause::header_length + cause.info.size();
}

// Encoded, padded elements one after the other, and how much of the end is the last one's
// padding (which the Chunk Length does not count, RFC 9260 section 3.2).
template <class Element>
std::pair<Bytes, std::size_t> encode_all(const std::vector<Element>& elements) {
  ByteWriter out;
  std::size_t last_padding = 0;
  for (const Element& element : elements) {
    const Bytes encoded = element.encode();
    out.write(view(encoded));
    last_padding = encoded.size() - unpadded_size(element);
  }
  return {std::move(out).release(), last_padding};
}

Bytes u32_value(std::uint32_t value) {
  ByteWriter out;
  out.write_u32(value);
  return std::move(out).release();
}

SctpChunk init_chunk(std::uint8_t type, std::uint32_t initiate_tag, std::uint32_t a_rwnd, std::uint16_t outbound,
                     std::uint16_t inbound, std::uint32_t initial_tsn, const std::vector<SctpParameter>& parameters) {
  ByteWriter value;
  value.write_u32(initiate_tag).write_u32(a_rwnd).write_u16(outbound).write_u16(inbound).write_u32(initial_tsn);
  auto [encoded, padding] = encode_all(parameters);
  value.write(view(encoded));
  return SctpChunk{.type = type, .value = std::move(value).release(), .value_padding = padding};
}

SctpChunk cause_chunk(std::uint8_t type, std::uint8_t flags, const std::vector<SctpErrorCause>& causes) {
  auto [encoded, padding] = encode_all(causes);
  return SctpChunk{.type = type, .flags = flags, .value = std::move(encoded), .value_padding = padding};
}

}  // namespace

// --- Parameters ---------------------------------------------------------------------------------

SctpParameter SctpParameter::ipv4_address(const Ipv4Address& address) {
  return {sctp_parameter_type::ipv4_address, to_bytes(as_bytes(address.bytes.data(), address.bytes.size())), {}};
}

SctpParameter SctpParameter::ipv6_address(const Ipv6Address& address) {
  return {sctp_parameter_type::ipv6_address, to_bytes(as_bytes(address.bytes.data(), address.bytes.size())), {}};
}

SctpParameter SctpParameter::state_cookie(ByteView cookie) {
  return {sctp_parameter_type::state_cookie, to_bytes(cookie), {}};
}

SctpParameter SctpParameter::cookie_preservative(std::uint32_t increment_ms) {
  return {sctp_parameter_type::cookie_preservative, u32_value(increment_ms), {}};
}

SctpParameter SctpParameter::supported_address_types(const std::vector<std::uint16_t>& address_types) {
  ByteWriter value;
  for (std::uint16_t type : address_types) value.write_u16(type);
  return {sctp_parameter_type::supported_address_types, std::move(value).release(), {}};
}

SctpParameter SctpParameter::heartbeat_info(ByteView info) {
  return {sctp_parameter_type::heartbeat_info, to_bytes(info), {}};
}

SctpParameter SctpParameter::forward_tsn_supported() { return {sctp_parameter_type::forward_tsn_supported, {}, {}}; }

SctpParameter SctpParameter::supported_extensions(const std::vector<std::uint8_t>& chunk_types) {
  ByteWriter value;
  for (std::uint8_t type : chunk_types) value.write_u8(type);
  return {sctp_parameter_type::supported_extensions, std::move(value).release(), {}};
}

Bytes SctpParameter::encode() const {
  const std::size_t total = pktdoc::SctpParameter::header_length + value.size();
  check_length("SctpParameter", total);
  ByteWriter out;
  out.write_u16(type).write_u16(length.value_or(static_cast<std::uint16_t>(total))).write(view(value));
  out.pad_to_multiple_of(4);
  return std::move(out).release();
}

// --- Error causes -------------------------------------------------------------------------------

SctpErrorCause SctpErrorCause::invalid_stream_identifier(std::uint16_t stream_identifier) {
  ByteWriter info;
  info.write_u16(stream_identifier).write_u16(0);  // and a reserved field
  return {sctp_cause_code::invalid_stream_identifier, std::move(info).release(), {}};
}

SctpErrorCause SctpErrorCause::no_user_data(std::uint32_t tsn) {
  return {sctp_cause_code::no_user_data, u32_value(tsn), {}};
}

SctpErrorCause SctpErrorCause::user_initiated_abort(ByteView reason) {
  return {sctp_cause_code::user_initiated_abort, to_bytes(reason), {}};
}

SctpErrorCause SctpErrorCause::protocol_violation(ByteView information) {
  return {sctp_cause_code::protocol_violation, to_bytes(information), {}};
}

Bytes SctpErrorCause::encode() const {
  const std::size_t total = pktdoc::SctpErrorCause::header_length + info.size();
  check_length("SctpErrorCause", total);
  ByteWriter out;
  out.write_u16(code).write_u16(length.value_or(static_cast<std::uint16_t>(total))).write(view(info));
  out.pad_to_multiple_of(4);
  return std::move(out).release();
}

// --- Chunks -------------------------------------------------------------------------------------

SctpChunk SctpChunk::data(std::uint32_t tsn, std::uint16_t stream_identifier, std::uint16_t stream_sequence_number,
                          std::uint32_t payload_protocol_identifier, ByteView user_data, std::uint8_t flags) {
  ByteWriter value;
  value.write_u32(tsn).write_u16(stream_identifier).write_u16(stream_sequence_number);
  value.write_u32(payload_protocol_identifier).write(user_data);
  return SctpChunk{.type = sctp_chunk_type::data, .flags = flags, .value = std::move(value).release()};
}

SctpChunk SctpChunk::init(std::uint32_t initiate_tag, std::uint32_t advertised_receiver_window_credit,
                          std::uint16_t number_of_outbound_streams, std::uint16_t number_of_inbound_streams,
                          std::uint32_t initial_tsn, const std::vector<SctpParameter>& parameters) {
  return init_chunk(sctp_chunk_type::init, initiate_tag, advertised_receiver_window_credit, number_of_outbound_streams,
                    number_of_inbound_streams, initial_tsn, parameters);
}

SctpChunk SctpChunk::init_ack(std::uint32_t initiate_tag, std::uint32_t advertised_receiver_window_credit,
                              std::uint16_t number_of_outbound_streams, std::uint16_t number_of_inbound_streams,
                              std::uint32_t initial_tsn, const std::vector<SctpParameter>& parameters) {
  return init_chunk(sctp_chunk_type::init_ack, initiate_tag, advertised_receiver_window_credit,
                    number_of_outbound_streams, number_of_inbound_streams, initial_tsn, parameters);
}

SctpChunk SctpChunk::sack(std::uint32_t cumulative_tsn_ack, std::uint32_t advertised_receiver_window_credit,
                          const std::vector<SctpGapAckBlock>& gap_ack_blocks,
                          const std::vector<std::uint32_t>& duplicate_tsns) {
  if (gap_ack_blocks.size() > 65535 || duplicate_tsns.size() > 65535)
    throw std::length_error("SctpChunk: a SACK counts at most 65535 gap blocks and duplicate TSNs");
  ByteWriter value;
  value.write_u32(cumulative_tsn_ack).write_u32(advertised_receiver_window_credit);
  value.write_u16(static_cast<std::uint16_t>(gap_ack_blocks.size()));
  value.write_u16(static_cast<std::uint16_t>(duplicate_tsns.size()));
  for (const SctpGapAckBlock& block : gap_ack_blocks) value.write_u16(block.start).write_u16(block.end);
  for (std::uint32_t tsn : duplicate_tsns) value.write_u32(tsn);
  return SctpChunk{.type = sctp_chunk_type::sack, .value = std::move(value).release()};
}

SctpChunk SctpChunk::heartbeat(ByteView info) {
  Bytes value = SctpParameter::heartbeat_info(info).encode();
  const std::size_t padding = value.size() - (pktdoc::SctpParameter::header_length + info.size());
  return SctpChunk{.type = sctp_chunk_type::heartbeat, .value = std::move(value), .value_padding = padding};
}

SctpChunk SctpChunk::heartbeat_ack(ByteView info) {
  SctpChunk chunk = heartbeat(info);
  chunk.type = sctp_chunk_type::heartbeat_ack;
  return chunk;
}

SctpChunk SctpChunk::abort(bool t_bit, const std::vector<SctpErrorCause>& causes) {
  return cause_chunk(sctp_chunk_type::abort, t_bit ? 0x01 : 0x00, causes);
}

SctpChunk SctpChunk::shutdown(std::uint32_t cumulative_tsn_ack) {
  return SctpChunk{.type = sctp_chunk_type::shutdown, .value = u32_value(cumulative_tsn_ack)};
}

SctpChunk SctpChunk::shutdown_ack() { return SctpChunk{.type = sctp_chunk_type::shutdown_ack}; }

SctpChunk SctpChunk::error(const std::vector<SctpErrorCause>& causes) {
  return cause_chunk(sctp_chunk_type::error, 0, causes);
}

SctpChunk SctpChunk::cookie_echo(ByteView cookie) {
  return SctpChunk{.type = sctp_chunk_type::cookie_echo, .value = to_bytes(cookie)};
}

SctpChunk SctpChunk::cookie_ack() { return SctpChunk{.type = sctp_chunk_type::cookie_ack}; }

SctpChunk SctpChunk::shutdown_complete(bool t_bit) {
  return SctpChunk{.type = sctp_chunk_type::shutdown_complete, .flags = static_cast<std::uint8_t>(t_bit ? 0x01 : 0x00)};
}

Bytes SctpChunk::encode() const {
  if (value_padding > value.size()) throw std::invalid_argument("SctpChunk: value_padding is larger than the value");
  const std::size_t total = pktdoc::SctpChunk::header_length + value.size() - value_padding;
  check_length("SctpChunk", total);
  ByteWriter out;
  out.reserve(sctp_padded_length(total));
  out.write_u8(type).write_u8(flags).write_u16(length.value_or(static_cast<std::uint16_t>(total))).write(view(value));
  out.pad_to_multiple_of(4);
  return std::move(out).release();
}

// --- Packet -------------------------------------------------------------------------------------

Bytes Sctp::packet() const {
  ByteWriter out;
  out.write_u16(source_port).write_u16(destination_port).write_u32(verification_tag).write_u32(0);
  for (const SctpChunk& chunk : chunks) {
    const Bytes encoded = chunk.encode();
    out.write(view(encoded));
  }
  if (checksum) {
    out.set_u32_at(8, *checksum);
  } else {
    const std::uint32_t crc = crc32c(out.view());
    out.set_u32_le_at(8, corrupt_checksum ? crc ^ 1u : crc);  // least significant byte first (RFC 9260 appendix A)
  }
  return std::move(out).release();
}

}  // namespace pktdoc::build
