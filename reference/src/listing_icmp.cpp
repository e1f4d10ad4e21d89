// The ICMP fields of dissect's `packets` listing, as tshark 4.0 prints them.
#include "pktdoc/detail/listing.hpp"
#include "pktdoc/icmp.hpp"

namespace pktdoc::detail {

// Wireshark's ICMP dissector reads byte 5 (the RFC 4884 length) before it adds any field, so a
// message with fewer than 6 bytes (captured, or declared by the IP header) lists nothing, and
// one with 6 or more lists all three fields. This holds for every type, and inside a quote too.
void list_icmp(const IcmpMessage& icmp, FieldSink& out) {
  if (icmp.bytes().size() < 6) return;
  out.add_decimal("icmp.type", static_cast<std::uint8_t>(icmp.type()));
  out.add_decimal("icmp.code", icmp.code());
  out.add_hex("icmp.checksum", icmp.checksum(), 4);
}

}  // namespace pktdoc::detail
