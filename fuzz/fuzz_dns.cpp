// fuzz_dns: DnsMessage on any bytes, as unicast DNS and as mDNS: parse() without a length,
// parse() with the length on the wire (the whole input, or another one), parse_tcp() and the
// messages tcp_messages() splits a TCP payload into; for every message, every header field,
// question, record (in records() and section by section), typed RDATA accessor (A, AAAA, CNAME,
// NS, PTR, MX, SOA, TXT, SRV, HINFO, OPT and its options) and name, decompressed and read back
// from its wire form; the unchecked view over the same bytes; name decompression at offsets the
// input chooses, DnsName::from_wire() and from_text() on the input; and the Wireshark listing
// (detail::list_dns). Properties: a prefix of a message that parses fails only as truncated
// (whatever the missing bytes held when the length on the wire is known; without it, a pointer
// past the bytes is invalid as DnsMessage documents), parse() and parse() with the whole length
// agree, parse_tcp() agrees with parse() on the same message, a parsed message yields every
// question and record it counts and the typed accessors of the types it checked answer, names
// stay within 255 octets and read back unchanged.
#include <string>
#include <vector>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"

using namespace pktdoc;

namespace {

Protocol protocol_of(DnsFlavor flavor) { return flavor == DnsFlavor::mdns ? Protocol::mdns : Protocol::dns; }

void check(const Result<DnsMessage>& dns, DnsFlavor flavor) {
  if (!dns)
    PKTDOC_FUZZ_PROPERTY("dns.error-well-formed",
                         fuzz::well_formed(dns.error()) && dns.error().protocol == protocol_of(flavor));
  fuzz::use(dns.error());
}

void list(const DnsMessage& dns) {
  static detail::FieldSink fields;
  fields.clear();
  detail::list_dns(dns, fields);
  std::string line;
  fields.write(line);
  fuzz::use(std::string_view(line));
}

void decompress_at(ByteView message, std::size_t offset) {
  std::size_t encoded = 0;
  const auto name = DnsName::decompress(message, offset, &encoded);
  if (name) {
    PKTDOC_FUZZ_PROPERTY("dns.decompress-inside", encoded >= 1 && offset + encoded <= message.size());
    fuzz::exercise(*name);
  } else {
    PKTDOC_FUZZ_PROPERTY("dns.decompress-error-well-formed", fuzz::well_formed(name.error()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  fuzz::Choices choices(fuzz::hash(bytes));
  const std::size_t length = choices.upto(size + 16);

  for (DnsFlavor flavor : {DnsFlavor::unicast, DnsFlavor::mdns}) {
    const auto dns = DnsMessage::parse(bytes, flavor);
    check(dns, flavor);
    if (dns) {
      PKTDOC_FUZZ_PROPERTY("dns.parsed-same-bytes", dns->bytes().data() == bytes.data() && dns->bytes().size() == size);
      fuzz::exercise(*dns, true);
      // Without a length, parse() takes the bytes for the message, and DnsMessage documents a
      // pointer past them as invalid ("pointers outside the message"; dns_test's
      // RejectsHostileNames), although a capture cut inside a message with a forward pointer
      // cannot tell. With the length (dns.whole-prefix-truncated below) there is no such doubt.
      fuzz::check_prefixes_only_truncated(
          "dns.prefix-truncated", bytes, [flavor](ByteView b) { return DnsMessage::parse(b, flavor); },
          "compression pointer points outside the message");
    }
    const auto whole = DnsMessage::parse(bytes, size, flavor);
    check(whole, flavor);
    PKTDOC_FUZZ_PROPERTY("dns.whole-length-agrees", whole.ok() == dns.ok());
    if (whole) {
      // The whole message's length is known (the UDP length, the TCP prefix): a capture that
      // holds less of it ran out, whatever the missing bytes would have held.
      fuzz::check_prefixes_only_truncated("dns.whole-prefix-truncated", bytes,
                                          [size, flavor](ByteView b) { return DnsMessage::parse(b, size, flavor); });
    }

    const auto sized = DnsMessage::parse(bytes, length, flavor);
    check(sized, flavor);
    if (sized) {
      PKTDOC_FUZZ_PROPERTY("dns.sized-inside", sized->bytes().size() <= length && fuzz::inside(sized->bytes(), bytes));
      fuzz::exercise(*sized, true);
      fuzz::check_prefixes_only_truncated("dns.sized-prefix-truncated", bytes, [length, flavor](ByteView b) {
        return DnsMessage::parse(b, length, flavor);
      });
    }

    // Over TCP: the input as a segment's payload, and the input behind its own length prefix,
    // which must decode as parse() with the whole length does.
    const auto tcp = DnsMessage::parse_tcp(bytes, flavor);
    check(tcp, flavor);
    if (tcp) {
      PKTDOC_FUZZ_PROPERTY("dns.tcp-inside", fuzz::inside(tcp->bytes(), bytes));
      fuzz::exercise(*tcp, true);
      fuzz::check_prefixes_only_truncated("dns.tcp-prefix-truncated", bytes,
                                          [flavor](ByteView b) { return DnsMessage::parse_tcp(b, flavor); });
    }
    if (size <= DnsMessage::max_length) {
      std::vector<std::byte> prefixed = {std::byte(size >> 8), std::byte(size & 0xff)};
      prefixed.insert(prefixed.end(), bytes.begin(), bytes.end());
      const auto framed = DnsMessage::parse_tcp(ByteView(prefixed.data(), prefixed.size()), flavor);
      check(framed, flavor);
      PKTDOC_FUZZ_PROPERTY("dns.tcp-agrees", framed.ok() == whole.ok());
    }
    std::size_t messages = 0;
    for (ByteView message : DnsMessage::tcp_messages(bytes)) {
      PKTDOC_FUZZ_PROPERTY("dns.tcp-message-inside", fuzz::inside(message, bytes));
      PKTDOC_FUZZ_PROPERTY("dns.tcp-messages-bounded", ++messages <= size / 2);
      const auto each = DnsMessage::parse(message, flavor);
      check(each, flavor);
      fuzz::exercise(each ? *each : DnsMessage(message, flavor), each.ok());
      list(DnsMessage(message, flavor));
    }

    const DnsMessage unchecked(bytes, flavor);
    fuzz::exercise(unchecked, false);
    list(dns ? *dns : unchecked);
  }

  // Names: where a message's first name would start, and where the input says.
  decompress_at(bytes, 0);
  decompress_at(bytes, DnsMessage::header_length);
  decompress_at(bytes, choices.upto(size));
  decompress_at(bytes, size);  // past the end
  const auto wire = DnsName::from_wire(bytes);
  if (wire) {
    PKTDOC_FUZZ_PROPERTY("dns.from-wire-same-length", wire->wire_length() == size);
    fuzz::exercise(*wire);
  } else {
    PKTDOC_FUZZ_PROPERTY("dns.from-wire-error-well-formed", fuzz::well_formed(wire.error()));
  }
  if (const auto text = DnsName::from_text(as_text(bytes))) fuzz::exercise(*text);
  char text[DnsName::text_capacity];
  fuzz::use(detail::format_dns_text(bytes.first(std::min<std::size_t>(size, 253)), text, sizeof text));
  return 0;
}
