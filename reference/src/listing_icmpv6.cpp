// The ICMPv6 fields of dissect's `packets` listing, as tshark 4.0 prints them.
#include "pktdoc/detail/listing.hpp"
#include "pktdoc/icmpv6.hpp"

namespace pktdoc::detail {

// Wireshark's ICMPv6 dissector adds its fields one by one as it reads them, for every type and
// inside a quote too: the type with 1 byte, the code with 2, the checksum with 4 (0x and four
// hex digits). icmpv6.nd.ns.target_address belongs to Neighbor Solicitation (135) only, with
// all 16 bytes of the target (24 bytes of message); a Neighbor Advertisement's target is
// icmpv6.nd.na.target_address and a Redirect's icmpv6.nd.rd.target_address, which the listing
// does not carry.
void list_icmpv6(const Icmpv6Message& icmp, FieldSink& out) {
  const std::size_t size = icmp.bytes().size();
  if (size >= 1) out.add_decimal("icmpv6.type", static_cast<std::uint8_t>(icmp.type()));
  if (size >= 2) out.add_decimal("icmpv6.code", icmp.code());
  if (size >= 4) out.add_hex("icmpv6.checksum", icmp.checksum(), 4);
  if (icmp.type() == Icmpv6Type::neighbor_solicitation && size >= 24)
    out.add("icmpv6.nd.ns.target_address", icmp.target_address());
}

}  // namespace pktdoc::detail
