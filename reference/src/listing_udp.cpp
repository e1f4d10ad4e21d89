// The UDP fields of dissect's `packets` listing, as tshark 4.0 lists them. The rules below were
// found by experiment (tshark -n -T fields -E occurrence=a on crafted packets):
//
// - Each field is listed if its bytes were captured: udp.srcport and udp.dstport from 4 bytes
//   (fewer list nothing), udp.length from 6, udp.checksum (0x and 4 hex digits) from 8.
// - udp.length is the field as sent, in decimal, even when it lies (larger than the IP payload,
//   below 8, 0). When it is below 8 tshark stops there (no udp.checksum), except for 0 over IPv6,
//   which tshark takes as a jumbogram (RFC 2675) and goes on.
// - Inside an ICMP or ICMPv6 error's quote the same rules hold (a length larger than the quote
//   changes nothing).
#include "pktdoc/detail/listing.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/udp.hpp"

namespace pktdoc::detail {
void list_udp(const UdpDatagram& udp, const IpLayers& ip, FieldSink& out) {
  const std::size_t captured = udp.bytes().size();
  if (captured < 4) return;
  out.add_decimal("udp.srcport", udp.source_port());
  out.add_decimal("udp.dstport", udp.destination_port());
  if (captured < 6) return;
  const std::uint16_t length = udp.length();
  out.add_decimal("udp.length", length);
  if (length < UdpDatagram::header_length && !(length == 0 && ip.ipv6.has_value())) return;
  if (captured < 8) return;
  out.add_hex("udp.checksum", udp.checksum(), 4);
}

}  // namespace pktdoc::detail
