// fuzz_icmpv6: Icmpv6Message::parse() on any bytes, without and with a declared length; every
// field of every message type, the checksum over an IPv6 pseudo-header, the Neighbor Discovery
// options (walked, found by type, and their typed forms), the Redirected Header, the quoted
// packet and RFC 4884 extensions, checked and unchecked; the quoted and redirected packets
// decoded as decode_packet() decodes them (decode_ip), and the Wireshark listing
// (detail::list_icmpv6). Properties: a prefix of a message that parses fails only as truncated,
// the option walk ends, views stay inside the message.
#include <string>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"

using namespace pktdoc;

namespace {

void check(const Result<Icmpv6Message>& icmpv6) {
  if (!icmpv6)
    PKTDOC_FUZZ_PROPERTY("icmpv6.error-well-formed",
                         fuzz::well_formed(icmpv6.error()) && icmpv6.error().protocol == Protocol::icmpv6);
  fuzz::use(icmpv6.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  fuzz::Choices choices(fuzz::hash(bytes));
  const std::size_t declared = choices.upto(size + 32);

  const auto icmpv6 = Icmpv6Message::parse(bytes);
  check(icmpv6);
  if (icmpv6) {
    PKTDOC_FUZZ_PROPERTY("icmpv6.parsed-header-captured", size >= Icmpv6Message::minimum_length);
    fuzz::check_prefixes_only_truncated("icmpv6.prefix-truncated", bytes,
                                        [](ByteView b) { return Icmpv6Message::parse(b); });
  }
  const auto whole = Icmpv6Message::parse(bytes, size);
  check(whole);
  PKTDOC_FUZZ_PROPERTY("icmpv6.whole-agrees", whole.ok() == icmpv6.ok());
  const auto declared_icmpv6 = Icmpv6Message::parse(bytes, declared);
  check(declared_icmpv6);
  if (declared_icmpv6)
    fuzz::check_prefixes_only_truncated("icmpv6.declared-prefix-truncated", bytes,
                                        [declared](ByteView b) { return Icmpv6Message::parse(b, declared); });

  PseudoHeader pseudo;
  pseudo.is_ipv6 = true;
  pseudo.source6.bytes[0] = 0xfe;
  pseudo.source6.bytes[1] = 0x80;
  pseudo.destination6.bytes[0] = 0xff;
  pseudo.destination6.bytes[1] = 0x02;
  pseudo.destination6.bytes[15] = static_cast<std::uint8_t>(choices.next());
  pseudo.protocol = ip_protocol::icmpv6;

  const Icmpv6Message unchecked(bytes);
  for (const Icmpv6Message& view :
       {icmpv6 ? *icmpv6 : unchecked, declared_icmpv6 ? *declared_icmpv6 : unchecked, unchecked}) {
    pseudo.length = static_cast<std::uint32_t>(size);
    fuzz::exercise(view, pseudo);
    pseudo.length = static_cast<std::uint32_t>(declared);
    fuzz::exercise(view, pseudo);
    for (ByteView inner : {view.quoted_packet(), view.redirected_header()}) {
      if (inner.empty()) continue;
      IpLayers layers;
      decode_ip(inner, layers);
      fuzz::exercise(layers, bytes);
    }
    static detail::FieldSink fields;
    fields.clear();
    detail::list_icmpv6(view, fields);
    std::string line;
    fields.write(line);
    fuzz::use(std::string_view(line));
  }
  return 0;
}
