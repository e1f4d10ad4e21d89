// fuzz_icmp: IcmpMessage::parse() on any bytes, without and with a declared length (the length
// the IP header gives: the whole input, or another one); every field of every message type, the
// checksum status, the quoted packet and RFC 4884 extensions, checked and unchecked; the quoted
// packet decoded as decode_packet() decodes it (decode_ip), and the Wireshark listing
// (detail::list_icmp). Properties: a prefix of a message that parses fails only as truncated,
// the quote and extensions stay inside the message.
#include <string>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"

using namespace pktdoc;

namespace {

void check(const Result<IcmpMessage>& icmp) {
  if (!icmp)
    PKTDOC_FUZZ_PROPERTY("icmp.error-well-formed",
                         fuzz::well_formed(icmp.error()) && icmp.error().protocol == Protocol::icmp);
  fuzz::use(icmp.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  fuzz::Choices choices(fuzz::hash(bytes));
  const std::size_t declared = choices.upto(size + 32);

  const auto icmp = IcmpMessage::parse(bytes);
  check(icmp);
  if (icmp) {
    PKTDOC_FUZZ_PROPERTY("icmp.parsed-header-captured", size >= IcmpMessage::header_length);
    fuzz::check_prefixes_only_truncated("icmp.prefix-truncated", bytes,
                                        [](ByteView b) { return IcmpMessage::parse(b); });
  }
  const auto whole = IcmpMessage::parse(bytes, size);
  check(whole);
  PKTDOC_FUZZ_PROPERTY("icmp.whole-agrees", whole.ok() == icmp.ok());
  const auto declared_icmp = IcmpMessage::parse(bytes, declared);
  check(declared_icmp);
  if (declared_icmp) {
    PKTDOC_FUZZ_PROPERTY("icmp.declared-cut", declared_icmp->bytes().size() <= declared || declared > size);
    fuzz::check_prefixes_only_truncated("icmp.declared-prefix-truncated", bytes,
                                        [declared](ByteView b) { return IcmpMessage::parse(b, declared); });
  }

  const IcmpMessage unchecked(bytes);
  for (const IcmpMessage& view : {icmp ? *icmp : unchecked, declared_icmp ? *declared_icmp : unchecked, unchecked}) {
    fuzz::exercise(view, size);
    fuzz::exercise(view, declared);
    const ByteView quote = view.quoted_packet();
    if (!quote.empty()) {
      IpLayers layers;
      decode_ip(quote, layers);
      fuzz::exercise(layers, bytes);
    }
    static detail::FieldSink fields;
    fields.clear();
    detail::list_icmp(view, fields);
    std::string line;
    fields.write(line);
    fuzz::use(std::string_view(line));
  }
  return 0;
}
