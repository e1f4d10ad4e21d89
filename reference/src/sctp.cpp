#include "pktdoc/sctp.hpp"

#include <array>

namespace pktdoc {
namespace {

constexpr std::size_t min_size(std::size_t a, std::size_t b) noexcept { return a < b ? a : b; }

// The value of a type-length-value element: after the 4-byte header, up to its length (or to the
// end of the bytes when the length lies, for unchecked views).
ByteView tlv_value(ByteView bytes) noexcept {
  const ByteReader reader(bytes);
  const std::size_t length = reader.u16_at(2);
  if (bytes.size() < 4 || length < 4) return {};
  return reader.view_at(4, min_size(length, bytes.size()) - 4);
}

// The element at the start of `bytes`, cut to its length when that fits (unchecked constructors).
ByteView tlv_bytes(ByteView bytes) noexcept {
  const std::size_t length = ByteReader(bytes).u16_at(2);
  return bytes.size() >= 4 && length >= 4 && length <= bytes.size() ? bytes.first(length) : bytes;
}

// Checks the framing of one element at the start of `bytes` for the parse() of SctpChunk,
// SctpParameter and SctpErrorCause.
std::optional<DecodeError> check_tlv(ByteView bytes, const char* short_header, const char* short_length,
                                     const char* cut) noexcept {
  if (bytes.size() < 4) return truncated(Protocol::sctp, short_header, bytes.size());
  const std::size_t length = ByteReader(bytes).u16_at(2);
  if (length < 4) return invalid(Protocol::sctp, short_length, 2);
  if (length > bytes.size()) return truncated(Protocol::sctp, cut, bytes.size());
  return std::nullopt;
}

// Checks the framing of the parameters or error causes inside one chunk, which parse() already
// has whole: any element that does not fit contradicts the chunk's own length, so is invalid.
// `base` is the offset of `region` from the start of the chunk, for the error's offset.
std::optional<DecodeError> check_tlvs_in_chunk(ByteView region, std::size_t base) noexcept {
  const ByteReader reader(region);
  std::size_t offset = 0;
  std::size_t count = 0;
  while (offset < region.size()) {
    const std::size_t left = region.size() - offset;
    if (left < 4)
      return invalid(Protocol::sctp, "1 to 3 bytes after the last parameter or cause cannot hold one", base + offset);
    const std::size_t length = reader.u16_at(offset + 2);
    if (length < 4) return invalid(Protocol::sctp, "parameter or cause length below 4", base + offset + 2);
    if (length > left)
      return invalid(Protocol::sctp, "parameter or cause runs past the end of its chunk", base + offset + 2);
    if (++count > sctp_max_tlvs_per_chunk)
      return invalid(Protocol::sctp, "more parameters or causes than pktdoc walks", base + offset);
    offset += min_size(sctp_padded_length(length), left);
  }
  return std::nullopt;
}

// The checks every typed chunk view starts with: a whole chunk of one of the expected types
// whose length covers the type's fixed fields.
std::optional<DecodeError> check_chunk(ByteView bytes, std::uint8_t type_a, std::uint8_t type_b,
                                       std::size_t fixed_length, const char* wrong_type,
                                       const char* too_short) noexcept {
  if (bytes.size() < SctpChunk::header_length)
    return truncated(Protocol::sctp, "capture ends inside the 4-byte chunk header", bytes.size());
  const ByteReader reader(bytes);
  const std::uint8_t type = reader.u8_at(0);
  if (type != type_a && type != type_b) return invalid(Protocol::sctp, wrong_type, 0);
  const std::size_t length = reader.u16_at(2);
  if (length < fixed_length) return invalid(Protocol::sctp, too_short, 2);
  if (length > bytes.size()) return truncated(Protocol::sctp, "capture ends inside the chunk", bytes.size());
  return std::nullopt;
}

constexpr std::uint32_t byte_swap(std::uint32_t value) noexcept {
  return (value >> 24) | ((value >> 8) & 0x0000ff00u) | ((value << 8) & 0x00ff0000u) | (value << 24);
}

Result<SctpPacket> parse_packet(ByteView bytes, std::size_t declared_length, bool length_known) noexcept {
  if (bytes.size() > declared_length) bytes = bytes.first(declared_length);
  if (length_known && declared_length < SctpPacket::header_length)
    return invalid(Protocol::sctp, "declared length shorter than the 12-byte common header", 0);
  if (bytes.size() < SctpPacket::header_length)
    return truncated(Protocol::sctp, "capture ends inside the 12-byte common header", bytes.size());
  const ByteReader reader(bytes);
  std::size_t offset = SctpPacket::header_length;
  std::size_t count = 0;
  // declared_length is bytes.size() when the length is not known, so "past the declared end"
  // is then "past the captured end", which is truncated.
  while (offset < declared_length) {
    const std::size_t left = declared_length - offset;
    if (left < SctpChunk::header_length) {
      if (length_known)
        return invalid(Protocol::sctp, "1 to 3 bytes after the last chunk cannot hold a chunk header", offset);
      return truncated(Protocol::sctp, "capture ends inside a chunk header", offset);
    }
    if (offset + SctpChunk::header_length > bytes.size())
      return truncated(Protocol::sctp, "capture ends inside a chunk header", offset);
    const std::size_t length = reader.u16_at(offset + 2);
    // A length below 4 would never advance: the walk would loop on the same bytes.
    if (length < SctpChunk::header_length) return invalid(Protocol::sctp, "chunk length below 4", offset + 2);
    if (count == SctpPacket::max_chunks)
      return invalid(Protocol::sctp, "more chunks than SctpPacket::max_chunks", offset);
    if (length > left) {
      if (length_known) return invalid(Protocol::sctp, "chunk length runs past the end of the packet", offset + 2);
      return truncated(Protocol::sctp, "capture ends inside a chunk", bytes.size());
    }
    if (offset + length > bytes.size()) return truncated(Protocol::sctp, "capture ends inside a chunk", bytes.size());
    ++count;
    // The padding of the last chunk may be missing (Wireshark accepts that too).
    offset += min_size(sctp_padded_length(length), left);
  }
  return SctpPacket(bytes, declared_length);
}

}  // namespace

std::string_view sctp_chunk_type_name(std::uint8_t type) noexcept {
  switch (type) {
    case sctp_chunk_type::data: return "DATA";
    case sctp_chunk_type::init: return "INIT";
    case sctp_chunk_type::init_ack: return "INIT ACK";
    case sctp_chunk_type::sack: return "SACK";
    case sctp_chunk_type::heartbeat: return "HEARTBEAT";
    case sctp_chunk_type::heartbeat_ack: return "HEARTBEAT ACK";
    case sctp_chunk_type::abort: return "ABORT";
    case sctp_chunk_type::shutdown: return "SHUTDOWN";
    case sctp_chunk_type::shutdown_ack: return "SHUTDOWN ACK";
    case sctp_chunk_type::error: return "ERROR";
    case sctp_chunk_type::cookie_echo: return "COOKIE ECHO";
    case sctp_chunk_type::cookie_ack: return "COOKIE ACK";
    case sctp_chunk_type::ecne: return "ECNE";
    case sctp_chunk_type::cwr: return "CWR";
    case sctp_chunk_type::shutdown_complete: return "SHUTDOWN COMPLETE";
    case sctp_chunk_type::auth: return "AUTH";
    case sctp_chunk_type::i_data: return "I-DATA";
    case sctp_chunk_type::asconf_ack: return "ASCONF-ACK";
    case sctp_chunk_type::re_config: return "RE-CONFIG";
    case sctp_chunk_type::pad: return "PAD";
    case sctp_chunk_type::forward_tsn: return "FORWARD TSN";
    case sctp_chunk_type::asconf: return "ASCONF";
    case sctp_chunk_type::i_forward_tsn: return "I-FORWARD-TSN";
    default: return "unknown";
  }
}

std::string_view sctp_parameter_type_name(std::uint16_t type) noexcept {
  namespace p = sctp_parameter_type;
  switch (type) {
    case p::heartbeat_info: return "Heartbeat Info";
    case p::ipv4_address: return "IPv4 Address";
    case p::ipv6_address: return "IPv6 Address";
    case p::state_cookie: return "State Cookie";
    case p::unrecognized_parameter: return "Unrecognized Parameter";
    case p::cookie_preservative: return "Cookie Preservative";
    case p::host_name_address: return "Host Name Address";
    case p::supported_address_types: return "Supported Address Types";
    case p::outgoing_ssn_reset_request: return "Outgoing SSN Reset Request";
    case p::incoming_ssn_reset_request: return "Incoming SSN Reset Request";
    case p::ssn_tsn_reset_request: return "SSN/TSN Reset Request";
    case p::re_configuration_response: return "Re-configuration Response";
    case p::add_outgoing_streams_request: return "Add Outgoing Streams Request";
    case p::add_incoming_streams_request: return "Add Incoming Streams Request";
    case p::ecn_capable: return "ECN Capable";
    case p::random: return "Random";
    case p::chunk_list: return "Chunk List";
    case p::requested_hmac_algorithm: return "Requested HMAC Algorithm";
    case p::padding: return "Padding";
    case p::supported_extensions: return "Supported Extensions";
    case p::forward_tsn_supported: return "Forward-TSN-Supported";
    case p::add_ip_address: return "Add IP Address";
    case p::delete_ip_address: return "Delete IP Address";
    case p::error_cause_indication: return "Error Cause Indication";
    case p::set_primary_address: return "Set Primary Address";
    case p::success_indication: return "Success Indication";
    case p::adaptation_layer_indication: return "Adaptation Layer Indication";
    default: return "unknown";
  }
}

std::string_view sctp_cause_code_name(std::uint16_t code) noexcept {
  namespace c = sctp_cause_code;
  switch (code) {
    case c::invalid_stream_identifier: return "Invalid Stream Identifier";
    case c::missing_mandatory_parameter: return "Missing Mandatory Parameter";
    case c::stale_cookie_error: return "Stale Cookie Error";
    case c::out_of_resource: return "Out of Resource";
    case c::unresolvable_address: return "Unresolvable Address";
    case c::unrecognized_chunk_type: return "Unrecognized Chunk Type";
    case c::invalid_mandatory_parameter: return "Invalid Mandatory Parameter";
    case c::unrecognized_parameters: return "Unrecognized Parameters";
    case c::no_user_data: return "No User Data";
    case c::cookie_received_while_shutting_down: return "Cookie Received While Shutting Down";
    case c::restart_with_new_addresses: return "Restart of an Association with New Addresses";
    case c::user_initiated_abort: return "User-Initiated Abort";
    case c::protocol_violation: return "Protocol Violation";
    case c::delete_last_remaining_ip_address: return "Request to Delete Last Remaining IP Address";
    case c::operation_refused_resource_shortage: return "Operation Refused Due to Resource Shortage";
    case c::delete_source_ip_address: return "Request to Delete Source IP Address";
    case c::illegal_asconf_ack: return "Association Aborted Due to Illegal ASCONF-ACK";
    case c::request_refused_no_authorization: return "Request Refused - No Authorization";
    case c::unsupported_hmac_identifier: return "Unsupported HMAC Identifier";
    default: return "unknown";
  }
}

// --- Generic elements ---------------------------------------------------------------------------

Result<SctpChunk> SctpChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_tlv(bytes, "capture ends inside the 4-byte chunk header", "chunk length below 4",
                             "capture ends inside the chunk"))
    return *error;
  return SctpChunk(bytes);
}

SctpChunk::SctpChunk(ByteView bytes) noexcept : bytes_(tlv_bytes(bytes)) {}

ByteView SctpChunk::value() const noexcept { return tlv_value(bytes_); }

Result<SctpParameter> SctpParameter::parse(ByteView bytes) noexcept {
  if (auto error = check_tlv(bytes, "capture ends inside the 4-byte parameter header", "parameter length below 4",
                             "capture ends inside the parameter"))
    return *error;
  return SctpParameter(bytes);
}

SctpParameter::SctpParameter(ByteView bytes) noexcept : bytes_(tlv_bytes(bytes)) {}

ByteView SctpParameter::value() const noexcept { return tlv_value(bytes_); }

std::optional<Ipv4Address> SctpParameter::ipv4_address() const noexcept {
  if (type() != sctp_parameter_type::ipv4_address || length() != 8 || bytes_.size() < 8) return std::nullopt;
  return Ipv4Address{ByteReader(bytes_).array_at<4>(4)};
}

std::optional<Ipv6Address> SctpParameter::ipv6_address() const noexcept {
  if (type() != sctp_parameter_type::ipv6_address || length() != 20 || bytes_.size() < 20) return std::nullopt;
  return Ipv6Address{ByteReader(bytes_).array_at<16>(4)};
}

std::optional<std::uint32_t> SctpParameter::cookie_preservative_increment() const noexcept {
  if (type() != sctp_parameter_type::cookie_preservative || length() != 8 || bytes_.size() < 8) return std::nullopt;
  return ByteReader(bytes_).u32_at(4);
}

std::optional<std::string_view> SctpParameter::host_name() const noexcept {
  if (type() != sctp_parameter_type::host_name_address) return std::nullopt;
  std::string_view name = as_text(value());
  // The name is NUL-terminated, and the terminator may be followed by padding.
  const std::size_t nul = name.find('\0');
  if (nul != std::string_view::npos) name = name.substr(0, nul);
  return name;
}

std::size_t SctpParameter::supported_address_type_count() const noexcept {
  return type() == sctp_parameter_type::supported_address_types ? value().size() / 2 : 0;
}

std::uint16_t SctpParameter::supported_address_type(std::size_t index) const noexcept {
  if (index >= supported_address_type_count()) return 0;
  return ByteReader(bytes_).u16_at(4 + 2 * index);
}

Result<SctpErrorCause> SctpErrorCause::parse(ByteView bytes) noexcept {
  if (auto error = check_tlv(bytes, "capture ends inside the 4-byte error cause header", "error cause length below 4",
                             "capture ends inside the error cause"))
    return *error;
  return SctpErrorCause(bytes);
}

SctpErrorCause::SctpErrorCause(ByteView bytes) noexcept : bytes_(tlv_bytes(bytes)) {}

ByteView SctpErrorCause::info() const noexcept { return tlv_value(bytes_); }

std::optional<std::uint16_t> SctpErrorCause::stream_identifier() const noexcept {
  if (code() != sctp_cause_code::invalid_stream_identifier || info().size() < 2) return std::nullopt;
  return ByteReader(bytes_).u16_at(4);
}

std::optional<SctpChunk> SctpErrorCause::unrecognized_chunk() const noexcept {
  if (code() != sctp_cause_code::unrecognized_chunk_type || info().size() < SctpChunk::header_length)
    return std::nullopt;
  return SctpChunk(info());
}

// --- Typed chunks -------------------------------------------------------------------------------

Result<SctpDataChunk> SctpDataChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::data, sctp_chunk_type::data, header_length,
                               "not a DATA chunk (type 0)", "DATA chunk length below 16"))
    return *error;
  return SctpDataChunk(bytes);
}

Result<SctpIDataChunk> SctpIDataChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::i_data, sctp_chunk_type::i_data, header_length,
                               "not an I-DATA chunk (type 64)", "I-DATA chunk length below 20"))
    return *error;
  return SctpIDataChunk(bytes);
}

Result<SctpInitChunk> SctpInitChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::init, sctp_chunk_type::init_ack, fixed_length,
                               "not an INIT or INIT ACK chunk (type 1 or 2)", "INIT chunk length below 20"))
    return *error;
  SctpInitChunk view(bytes);
  if (auto error = check_tlvs_in_chunk(ByteReader(view.chunk_.bytes()).view_from(fixed_length), fixed_length))
    return *error;
  return view;
}

std::optional<SctpParameter> SctpInitChunk::find_parameter(std::uint16_t type) const noexcept {
  for (SctpParameter parameter : parameters())
    if (parameter.type() == type) return parameter;
  return std::nullopt;
}

std::optional<ByteView> SctpInitChunk::state_cookie() const noexcept {
  if (auto cookie = find_parameter(sctp_parameter_type::state_cookie)) return cookie->value();
  return std::nullopt;
}

Result<SctpSackChunk> SctpSackChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::sack, sctp_chunk_type::sack, fixed_length,
                               "not a SACK chunk (type 3)", "SACK chunk length below 16"))
    return *error;
  SctpSackChunk view(bytes);
  const std::size_t needed =
      fixed_length + 4 * (std::size_t{view.number_of_gap_ack_blocks()} + view.number_of_duplicate_tsns());
  if (needed > view.chunk_.length())
    return invalid(Protocol::sctp, "SACK gap ack blocks and duplicate TSNs do not fit in the chunk", 12);
  return view;
}

SctpGapAckBlock SctpSackChunk::gap_ack_block(std::size_t index) const noexcept {
  if (index >= number_of_gap_ack_blocks()) return {};
  const std::size_t offset = fixed_length + 4 * index;
  return SctpGapAckBlock{reader().u16_at(offset), reader().u16_at(offset + 2)};
}

std::uint32_t SctpSackChunk::duplicate_tsn(std::size_t index) const noexcept {
  if (index >= number_of_duplicate_tsns()) return 0;
  return reader().u32_at(fixed_length + 4 * (std::size_t{number_of_gap_ack_blocks()} + index));
}

Result<SctpHeartbeatChunk> SctpHeartbeatChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::heartbeat, sctp_chunk_type::heartbeat_ack,
                               SctpChunk::header_length + SctpParameter::header_length,
                               "not a HEARTBEAT or HEARTBEAT ACK chunk (type 4 or 5)",
                               "HEARTBEAT chunk too short for its Heartbeat Info parameter"))
    return *error;
  SctpHeartbeatChunk view(bytes);
  const ByteView value = view.chunk_.value();
  const std::size_t length = ByteReader(value).u16_at(2);
  if (length < SctpParameter::header_length || length > value.size())
    return invalid(Protocol::sctp, "Heartbeat Info parameter length does not fit the chunk", 6);
  return view;
}

Result<SctpAbortChunk> SctpAbortChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::abort, sctp_chunk_type::abort, SctpChunk::header_length,
                               "not an ABORT chunk (type 6)", "chunk length below 4"))
    return *error;
  SctpAbortChunk view(bytes);
  if (auto error = check_tlvs_in_chunk(view.chunk_.value(), SctpChunk::header_length)) return *error;
  return view;
}

Result<SctpErrorChunk> SctpErrorChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::error, sctp_chunk_type::error, SctpChunk::header_length,
                               "not an ERROR chunk (type 9)", "chunk length below 4"))
    return *error;
  SctpErrorChunk view(bytes);
  if (auto error = check_tlvs_in_chunk(view.chunk_.value(), SctpChunk::header_length)) return *error;
  return view;
}

Result<SctpShutdownChunk> SctpShutdownChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::shutdown, sctp_chunk_type::shutdown, fixed_length,
                               "not a SHUTDOWN chunk (type 7)", "SHUTDOWN chunk length below 8"))
    return *error;
  return SctpShutdownChunk(bytes);
}

Result<SctpShutdownCompleteChunk> SctpShutdownCompleteChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::shutdown_complete, sctp_chunk_type::shutdown_complete,
                               SctpChunk::header_length, "not a SHUTDOWN COMPLETE chunk (type 14)",
                               "chunk length below 4"))
    return *error;
  return SctpShutdownCompleteChunk(bytes);
}

Result<SctpCookieEchoChunk> SctpCookieEchoChunk::parse(ByteView bytes) noexcept {
  if (auto error = check_chunk(bytes, sctp_chunk_type::cookie_echo, sctp_chunk_type::cookie_echo,
                               SctpChunk::header_length, "not a COOKIE ECHO chunk (type 10)", "chunk length below 4"))
    return *error;
  return SctpCookieEchoChunk(bytes);
}

// --- The packet ---------------------------------------------------------------------------------

Result<SctpPacket> SctpPacket::parse(ByteView bytes) noexcept { return parse_packet(bytes, bytes.size(), false); }

Result<SctpPacket> SctpPacket::parse(ByteView bytes, std::size_t declared_length) noexcept {
  return parse_packet(bytes, declared_length, true);
}

SctpPacket::SctpPacket(ByteView bytes, std::size_t declared_length) noexcept
    : bytes_(bytes.size() > declared_length ? bytes.first(declared_length) : bytes),
      declared_length_(declared_length) {}

std::uint32_t SctpPacket::computed_checksum() const noexcept {
  if (bytes_.size() < header_length) return 0;
  static constexpr std::array<std::byte, 4> zero_checksum{};
  const ByteReader reader(bytes_);
  std::uint32_t crc = crc32c(reader.view_at(0, 8));
  crc = crc32c(ByteView(zero_checksum), crc);
  crc = crc32c(reader.view_from(header_length), crc);
  // RFC 9260 appendix A puts the CRC on the wire least significant byte first; checksum() reads
  // the wire bytes most significant first, so swap to compare like with like.
  return byte_swap(crc);
}

ChecksumStatus SctpPacket::checksum_status() const noexcept {
  if (bytes_.size() < header_length || bytes_.size() < declared_length_) return ChecksumStatus::unverified;
  return computed_checksum() == checksum() ? ChecksumStatus::good : ChecksumStatus::bad;
}

}  // namespace pktdoc
