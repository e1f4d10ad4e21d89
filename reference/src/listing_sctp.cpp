// The Wireshark listing of an SCTP packet: sctp.srcport, sctp.dstport, sctp.verification_tag,
// sctp.checksum and one sctp.chunk_type per chunk, as `tshark -T fields` (4.0) prints them.
//
// Which chunk types tshark lists depends on where its SCTP dissector stops, so this file walks
// the packet the way that dissector does (epan/dissectors/packet-sctp.c) and stops where it
// would throw an exception. The rules, found by experiment with tshark 4.0 on crafted packets:
//
// - Nothing at all unless the 12-byte common header was captured (the checksum is read first).
//   Then all four header fields: ports in decimal, the verification tag and the checksum as
//   0x%08x, the checksum being the 4 wire bytes read most significant first.
// - Chunks are walked from offset 12 while the packet (as the IP header declares it; for a
//   packet quoted in an ICMP error, the quote) has bytes left. Each chunk spans its Chunk Length
//   rounded up to 4 (as a 16-bit number: a length of 65533 or more rounds to 0), cut to what is
//   left of the packet. A chunk is listed only when all of that span was captured, and only when
//   its 4-byte header is there: 1 to 3 bytes left end the walk, a span of 0 (Chunk Length 0)
//   ends it without listing, a Chunk Length of 1 to 3 is listed and the walk goes on 4 bytes
//   later. A chunk whose length runs past the packet is listed (its span is cut) and is last.
// - After listing a chunk, tshark dissects its value; where that reads past the span (a SACK
//   whose counts exceed it, a SHUTDOWN without its TSN, an ERROR cause whose length lies, ...)
//   the exception ends the walk. Chunks of unknown type are not a reason to stop, whatever the
//   top bits of their type say.
// - A chunk carried inside an Unrecognized Chunk Type error cause (of ERROR, ABORT, or an
//   ASCONF-ACK Error Cause Indication) is dissected as a chunk too: its type is listed, in
//   order, after the type of the chunk that carries it. The packet inside a PKTDROP chunk
//   (draft-stewart-sctp-pktdrprep) is listed as a whole second SCTP packet.
//
// Embedded chunks, parameters and causes nest; nesting deeper than max_depth is treated as where
// tshark would stop (tshark 4.0 goes deeper), so that hostile input cannot exhaust the stack.
#include <cstdint>

#include "pktdoc/detail/listing.hpp"
#include "pktdoc/sctp.hpp"

namespace pktdoc::detail {
namespace {

// Levels of nesting (a chunk, parameter or cause inside another) followed before giving up. Real
// packets nest two or three deep; tshark 4.0 has no limit, so a hostile packet nesting deeper
// than this is where the listing and tshark part.
constexpr int max_depth = 256;

// A tvbuff of Wireshark, as far as this emulation needs one: bytes that are all captured.
using Tvb = ByteView;

// proto_tree_add_item() and tvb_get_*() throw unless [start, start + length) lies in the tvb.
bool has(Tvb tvb, std::size_t start, std::uint64_t length) noexcept {
  return start <= tvb.size() && length <= tvb.size() - start;
}

// tvb_new_subset_length_caplen(tvb, start, MIN(length, remaining), MIN(length, remaining)):
// throws only when start is past the end.
bool subset(Tvb tvb, std::size_t start, std::size_t length, Tvb& out) noexcept {
  if (start > tvb.size()) return false;
  const std::size_t left = tvb.size() - start;
  out = tvb.subspan(start, length < left ? length : left);
  return true;
}

// 16-bit arithmetic as packet-sctp.c does it with its uint16_t lengths.
constexpr std::uint16_t u16(long value) noexcept { return static_cast<std::uint16_t>(value); }

class Emulator {
 public:
  explicit Emulator(FieldSink& out) noexcept : out_(out) {}

  // dissect_sctp_packet(): the common header, then the chunks. `captured` may be shorter than
  // `reported` when the capture was cut.
  bool packet(Tvb captured, std::size_t reported) noexcept {
    const ByteReader reader(captured);
    if (captured.size() < SctpPacket::header_length) return false;
    out_.add_decimal("sctp.srcport", reader.u16_at(0));
    out_.add_decimal("sctp.dstport", reader.u16_at(2));
    out_.add_hex("sctp.verification_tag", reader.u32_at(4), 8);
    out_.add_hex("sctp.checksum", reader.u32_at(8), 8);
    return chunks(captured, reported);
  }

 private:
  // dissect_sctp_chunks()
  bool chunks(Tvb captured, std::size_t reported) noexcept {
    const ByteReader reader(captured);
    std::size_t offset = SctpPacket::header_length;
    while (offset < reported) {
      if (offset + 4 > captured.size()) return false;  // the Chunk Length cannot be read
      const std::uint16_t length = reader.u16_at(offset + 2);
      std::size_t span = u16(static_cast<long>(sctp_padded_length(length)));
      if (span > reported - offset) span = reported - offset;
      // An empty span cannot yield a type; a span not all captured throws when its tree item is added.
      if (span == 0 || offset + span > captured.size()) return false;
      if (!chunk(captured.subspan(offset, span))) return false;
      offset += span;
    }
    return true;
  }

  // dissect_sctp_chunk()
  bool chunk(Tvb tvb) noexcept {
    if (tvb.size() < 4) return false;
    const ByteReader reader(tvb);
    const std::uint8_t type = reader.u8_at(0);
    const std::uint16_t length = reader.u16_at(2);
    out_.add_decimal("sctp.chunk_type", type);
    if (length < 4) return true;  // "bogus chunk length": nothing more is read
    if (!enter()) return false;
    const bool ok = chunk_value(tvb, type, reader.u8_at(1), length);
    --depth_;
    if (!ok) return false;
    return padding(tvb, length);
  }

  // The padding item after a chunk, parameter or cause: its start is the element's length, and
  // its 16-bit length wraps to a large number when the length runs past the tvb.
  static bool padding(Tvb tvb, std::uint16_t length) noexcept {
    const std::uint16_t padding_length = u16(static_cast<long>(tvb.size()) - length);
    return padding_length == 0 || has(tvb, length, padding_length);
  }

  bool chunk_value(Tvb tvb, std::uint8_t type, std::uint8_t flags, std::uint16_t length) noexcept {
    const ByteReader reader(tvb);
    Tvb inner;
    switch (type) {
      case sctp_chunk_type::data:
        return length < 16 || has(tvb, 0, 16);
      case sctp_chunk_type::i_data:
        return length < 20 || has(tvb, 0, 20);
      case sctp_chunk_type::init:
      case sctp_chunk_type::init_ack:
        if (length < 20) return true;
        return has(tvb, 0, 20) && subset(tvb, 20, length - 20u, inner) && parameters(inner);
      case sctp_chunk_type::sack: {
        if (!has(tvb, 0, 16)) return false;
        const std::uint64_t entries = std::uint64_t{reader.u16_at(12)} + reader.u16_at(14);
        return has(tvb, 16, 4 * entries);
      }
      case 16: {  // NR-SACK (draft-tuexen-tsvwg-sctp-multipath)
        if (!has(tvb, 0, 20)) return false;
        const std::uint64_t entries = std::uint64_t{reader.u16_at(12)} + reader.u16_at(14) + reader.u16_at(16);
        return has(tvb, 20, 4 * entries);
      }
      case sctp_chunk_type::heartbeat:
      case sctp_chunk_type::heartbeat_ack:
        return subset(tvb, 4, length - 4u, inner) && parameter(inner);
      case sctp_chunk_type::abort:
      case sctp_chunk_type::error:
        return subset(tvb, 4, length - 4u, inner) && causes(inner);
      case sctp_chunk_type::shutdown:
      case sctp_chunk_type::ecne:
      case sctp_chunk_type::cwr:
        return has(tvb, 4, 4);
      case sctp_chunk_type::cookie_echo:
      case sctp_chunk_type::pad:
        return has(tvb, 4, length - 4u);
      case sctp_chunk_type::shutdown_ack:
      case sctp_chunk_type::cookie_ack:
      case sctp_chunk_type::shutdown_complete:
        return true;
      case sctp_chunk_type::auth: {
        if (!has(tvb, 4, 4)) return false;
        const std::uint32_t hmac_length = static_cast<std::uint32_t>(length) - 8u;
        if (hmac_length == 0) return true;
        return static_cast<std::int32_t>(hmac_length) > 0 && has(tvb, 8, hmac_length);
      }
      case sctp_chunk_type::asconf:
      case sctp_chunk_type::asconf_ack:
        if (length < 8) return true;
        return has(tvb, 4, 4) && subset(tvb, 8, length - 8u, inner) && parameters(inner);
      case 0x81: {  // PKTDROP (draft-stewart-sctp-pktdrprep): carries the dropped packet
        if (length < 16) return true;
        if (!subset(tvb, 16, length - 16u, inner) || !has(tvb, 4, 12)) return false;
        if (length == 16) return true;
        if ((flags & 0x04) != 0) return has(tvb, 16, length - 16u);  // T bit: the packet was cut
        return packet(inner, inner.size());
      }
      case sctp_chunk_type::re_config:
        return subset(tvb, 4, length - 4u, inner) && parameters(inner);
      case sctp_chunk_type::forward_tsn:
        if (length < 8) return true;
        return has(tvb, 4, 4) && has(tvb, 8, 4 * std::uint64_t{(length - 8u) / 4});
      case sctp_chunk_type::i_forward_tsn:
        if (length < 8) return true;
        return has(tvb, 4, 4) && has(tvb, 8, 8 * std::uint64_t{(length - 8u) / 8});
      default:
        return has(tvb, 4, length - 4u);
    }
  }

  // dissect_parameters(): each parameter spans its length rounded up to 4, cut to the tvb.
  bool parameters(Tvb tvb) noexcept {
    std::size_t offset = 0;
    while (offset < tvb.size()) {
      if (!has(tvb, offset, 4)) return false;
      std::size_t span = sctp_padded_length(ByteReader(tvb).u16_at(offset + 2));
      if (span > tvb.size() - offset) span = tvb.size() - offset;
      const Tvb element = tvb.subspan(offset, span);
      offset += span;
      if (!parameter(element)) return false;
    }
    return true;
  }

  // dissect_parameter()
  bool parameter(Tvb tvb) noexcept {
    if (!has(tvb, 0, 4)) return false;
    if (!enter()) return false;
    const bool ok = parameter_value(tvb);
    --depth_;
    return ok && padding(tvb, ByteReader(tvb).u16_at(2));
  }

  bool parameter_value(Tvb tvb) noexcept {
    const ByteReader reader(tvb);
    const std::uint16_t type = reader.u16_at(0);
    const std::uint16_t length = reader.u16_at(2);
    const std::uint16_t value_length = u16(long{length} - 4);
    Tvb inner;
    switch (type) {
      case sctp_parameter_type::heartbeat_info:
      case sctp_parameter_type::state_cookie:
        return value_length == 0 || has(tvb, 4, value_length);
      case sctp_parameter_type::ipv4_address:
      case sctp_parameter_type::cookie_preservative:
      case sctp_parameter_type::ssn_tsn_reset_request:
      case sctp_parameter_type::success_indication:
      case sctp_parameter_type::adaptation_layer_indication:
        return has(tvb, 4, 4);
      case sctp_parameter_type::ipv6_address:
        return has(tvb, 4, 16);
      case sctp_parameter_type::unrecognized_parameter:
        return parameter(tvb.subspan(4));
      case sctp_parameter_type::host_name_address:
        return has(tvb, 4, value_length);
      case sctp_parameter_type::supported_address_types:
        return has(tvb, 4, 2 * std::uint64_t{u16((long{length} - 4) / 2)});
      case sctp_parameter_type::outgoing_ssn_reset_request:
        if (!has(tvb, 4, 12)) return false;
        return length <= 16 || has(tvb, 16, 2 * std::uint64_t{(length - 16u) / 2});
      case sctp_parameter_type::incoming_ssn_reset_request:
        if (!has(tvb, 4, 4)) return false;
        return length <= 8 || has(tvb, 8, 2 * std::uint64_t{(length - 8u) / 2});
      case sctp_parameter_type::re_configuration_response:
        return has(tvb, 4, 8) && (length < 16 || has(tvb, 12, 4)) && (length < 20 || has(tvb, 16, 4));
      case sctp_parameter_type::add_outgoing_streams_request:
      case sctp_parameter_type::add_incoming_streams_request:
        return has(tvb, 4, 8);
      case sctp_parameter_type::ecn_capable:
      case sctp_parameter_type::forward_tsn_supported:
        return true;
      case sctp_parameter_type::random: {
        const std::int32_t number_length = std::int32_t{length} - 4;
        return number_length <= 0 || has(tvb, 4, static_cast<std::uint32_t>(number_length));
      }
      case sctp_parameter_type::chunk_list:
      case sctp_parameter_type::supported_extensions:
        return has(tvb, 4, value_length);
      case sctp_parameter_type::requested_hmac_algorithm:
        return has(tvb, 4, 2 * std::uint64_t{u16((long{length} - 4) / 2)});
      case sctp_parameter_type::add_ip_address:
      case sctp_parameter_type::delete_ip_address:
      case sctp_parameter_type::set_primary_address:
        return has(tvb, 4, 4) && subset(tvb, 8, u16(long{length} - 8), inner) && parameter(inner);
      case sctp_parameter_type::error_cause_indication:
        return has(tvb, 4, 4) && subset(tvb, 8, u16(long{length} - 8), inner) && causes(inner);
      default:
        return value_length == 0 || has(tvb, 4, value_length);
    }
  }

  // dissect_error_causes()
  bool causes(Tvb tvb) noexcept {
    std::size_t offset = 0;
    while (offset < tvb.size()) {
      if (!has(tvb, offset, 4)) return false;
      std::size_t span = sctp_padded_length(ByteReader(tvb).u16_at(offset + 2));
      if (span > tvb.size() - offset) span = tvb.size() - offset;
      if (!cause(tvb.subspan(offset, span))) return false;
      offset += span;
    }
    return true;
  }

  // dissect_error_cause()
  bool cause(Tvb tvb) noexcept {
    if (!has(tvb, 0, 4)) return false;
    if (!enter()) return false;
    const bool ok = cause_value(tvb);
    --depth_;
    return ok && padding(tvb, ByteReader(tvb).u16_at(2));
  }

  bool cause_value(Tvb tvb) noexcept {
    const ByteReader reader(tvb);
    const std::uint16_t code = reader.u16_at(0);
    const std::uint16_t info_length = u16(long{reader.u16_at(2)} - 4);
    Tvb inner;
    switch (code) {
      case sctp_cause_code::invalid_stream_identifier:
      case sctp_cause_code::stale_cookie_error:
      case sctp_cause_code::no_user_data:
        return has(tvb, 4, 4);
      case sctp_cause_code::missing_mandatory_parameter:
        return has(tvb, 4, 4) && has(tvb, 8, 2 * std::uint64_t{reader.u32_at(4)});
      case sctp_cause_code::out_of_resource:
      case sctp_cause_code::invalid_mandatory_parameter:
      case sctp_cause_code::cookie_received_while_shutting_down:
        return true;
      case sctp_cause_code::unresolvable_address:
      case sctp_cause_code::delete_last_remaining_ip_address:
      case sctp_cause_code::operation_refused_resource_shortage:
      case sctp_cause_code::delete_source_ip_address:
      case sctp_cause_code::request_refused_no_authorization:
        return subset(tvb, 4, info_length, inner) && parameter(inner);
      case sctp_cause_code::unrecognized_chunk_type:
        return subset(tvb, 4, info_length, inner) && chunk(inner);
      case sctp_cause_code::unrecognized_parameters:
      case sctp_cause_code::restart_with_new_addresses:
        return subset(tvb, 4, info_length, inner) && parameters(inner);
      case sctp_cause_code::unsupported_hmac_identifier:
        return has(tvb, 4, 2);
      default:  // user-initiated abort, protocol violation, unknown codes: raw information
        return info_length == 0 || has(tvb, 4, info_length);
    }
  }

  // Counts one more level of nesting; false (and no count) past max_depth.
  bool enter() noexcept {
    if (depth_ == max_depth) return false;
    ++depth_;
    return true;
  }

  FieldSink& out_;
  int depth_ = 0;
};

}  // namespace

void list_sctp(const SctpPacket& sctp, FieldSink& out) {
  Emulator(out).packet(sctp.bytes(), sctp.declared_length());
}

}  // namespace pktdoc::detail
