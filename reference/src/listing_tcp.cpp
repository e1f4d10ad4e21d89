// The TCP fields of dissect's `packets` listing, as tshark 4.0 lists them. The rules below were
// found by experiment (tshark -n -T fields -E occurrence=a on crafted packets):
//
// - Every field is listed only if its bytes were captured, and tshark reads bytes 0-15 in one go
//   before listing anything past the ports: fewer than 4 bytes list nothing, 4 to 15 bytes list
//   only tcp.srcport and tcp.dstport.
// - A data offset below 5: tcp.seq_raw, tcp.hdr_len and tcp.len, nothing else.
// - tcp.flags is the 12 bits after the data offset, as 0x and 4 hex digits; tcp.checksum 0x and
//   4 hex digits; the rest decimal.
// - tcp.len = the segment length the IP header declares - the header length; not listed when
//   negative (the IP packet ends inside the TCP header).
// - Inside an ICMP or ICMPv6 error's quote tcp.len is never listed; inside an ICMP (IPv4) quote
//   tcp.seq_raw is not listed either (tshark shows only the non-relative tcp.seq there).
// - Options: walked from byte 20 to the data offset, each field listed if captured. The walk
//   stops at EOL, at an option whose length byte is below 2 or runs past the data offset, at the
//   first field that was not captured, and where tshark 4.0's option dissectors throw: a SACK
//   option shorter than 10 bytes, a SNACK option (kind 21) of length 6, an MPTCP option shorter
//   than the fields its subtype and flags announce. An MSS, window scale or timestamps option of
//   the wrong length is skipped, not listed; every other option is skipped by its length.
//   Repeated options are all listed (two timestamps: tsval=1,3).
#include <string>
#include <string_view>

#include "pktdoc/detail/listing.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/tcp.hpp"

namespace pktdoc::detail {
namespace {

constexpr std::uint8_t snack = 21;  // SCPS SNACK (CCSDS 714.0-B-2); tshark 4.0 throws on length 6

// How many bytes tshark 4.0's MPTCP dissector reads from an MPTCP option (RFC 8684 section 3):
// it throws, ending the option walk, when the option is shorter than that.
std::size_t multipath_length_read(const ByteReader& reader, std::size_t offset, std::size_t length) {
  if (length < 3) return 3;  // the subtype
  switch (reader.u8_at(offset + 2) >> 4) {
    case 0:  // MP_CAPABLE
    case 3:  // ADD_ADDR
    case 8:  // MP_TCPRST
      return 4;
    case 2: {  // DSS: the flags say which fields follow (RFC 8684 section 3.3)
      if (length < 4) return 4;
      const std::uint8_t flags = reader.u8_at(offset + 3);
      std::size_t read = 4;
      if (flags & 0x01) read += (flags & 0x02) ? 8 : 4;        // data ACK, 4 or 8 bytes
      if (flags & 0x04) read += ((flags & 0x08) ? 8 : 4) + 6;  // DSN, subflow sequence number, length
      return read;
    }
    case 6:  // MP_FAIL: an 8-byte data sequence number
    case 7:  // MP_FASTCLOSE: an 8-byte key
      return 12;
    default:
      return 3;
  }
}

// Lists the option fields tshark lists, stopping where tshark's option dissection stops.
void list_options(ByteView bytes, std::size_t header_length, FieldSink& out) {
  const ByteReader reader(bytes);
  std::size_t offset = TcpSegment::minimum_header_length;
  // At most 40 steps: each one moves forward by at least one byte.
  while (offset < header_length) {
    if (offset >= bytes.size()) return;
    const std::uint8_t kind = reader.u8_at(offset);
    if (kind == tcp_option_kind::end_of_option_list) return;
    if (kind == tcp_option_kind::no_operation) {
      ++offset;
      continue;
    }
    if (offset + 1 >= bytes.size()) return;
    const std::size_t length = reader.u8_at(offset + 1);
    if (length < 2 || offset + length > header_length) return;
    if (kind == tcp_option_kind::sack && length < 10) return;
    if (kind == snack && length == 6) return;
    if (kind == tcp_option_kind::multipath && length < multipath_length_read(reader, offset, length)) return;
    if (kind == tcp_option_kind::maximum_segment_size && length == 4) {
      if (offset + 4 > bytes.size()) return;
      out.add_decimal("tcp.options.mss_val", reader.u16_at(offset + 2));
    } else if (kind == tcp_option_kind::window_scale && length == 3) {
      if (offset + 3 > bytes.size()) return;
      out.add_decimal("tcp.options.wscale.shift", reader.u8_at(offset + 2));
    } else if (kind == tcp_option_kind::timestamps && length == 10) {
      if (offset + 6 > bytes.size()) return;
      out.add_decimal("tcp.options.timestamp.tsval", reader.u32_at(offset + 2));
      if (offset + 10 > bytes.size()) return;
      out.add_decimal("tcp.options.timestamp.tsecr", reader.u32_at(offset + 6));
    }
    offset += length;
  }
}

}  // namespace

void list_tcp(const TcpSegment& tcp, const IpLayers& ip, FieldSink& out) {
  const std::size_t captured = tcp.bytes().size();
  if (captured < 4) return;
  out.add_decimal("tcp.srcport", tcp.source_port());
  out.add_decimal("tcp.dstport", tcp.destination_port());
  if (captured < 16) return;

  const std::size_t header_length = tcp.header_length();
  const bool list_length = !ip.is_quote() && ip.transport_length >= header_length;
  if (ip.carrier != Carrier::icmp_quote) out.add_decimal("tcp.seq_raw", tcp.sequence_number());
  if (header_length < TcpSegment::minimum_header_length) {
    out.add_decimal("tcp.hdr_len", header_length);
    if (list_length) out.add_decimal("tcp.len", ip.transport_length - header_length);
    return;
  }
  out.add_decimal("tcp.ack_raw", tcp.acknowledgment_number());
  out.add_decimal("tcp.hdr_len", header_length);
  out.add_hex("tcp.flags", tcp.flags(), 4);
  out.add_decimal("tcp.window_size_value", tcp.window());
  if (list_length) out.add_decimal("tcp.len", ip.transport_length - header_length);
  if (captured < 18) return;
  out.add_hex("tcp.checksum", tcp.checksum(), 4);
  if (captured < 20) return;
  out.add_decimal("tcp.urgent_pointer", tcp.urgent_pointer());
  list_options(tcp.bytes(), header_length, out);
}

}  // namespace pktdoc::detail
