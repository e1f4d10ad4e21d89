// fuzz_tcp: TcpSegment::parse() on any bytes; every field, flag text, option, SACK block and
// timestamp of the view, checked and unchecked, with checksums over IPv4 and IPv6
// pseudo-headers of several lengths; the Wireshark listing (detail::list_tcp) as for a segment
// of its own, one whose IP header declares another length, and one quoted by ICMP and ICMPv6;
// and DNS over TCP in the payload (parse_tcp, tcp_messages, detail::list_dns), as decode_packet()
// and the listing do for port 53. Properties: a prefix of a segment that parses fails only as
// truncated, the option walk ends within the 40-byte area, views stay inside.
#include <string>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"

using namespace pktdoc;

namespace {

void list(const TcpSegment& tcp, const IpLayers& layers) {
  static detail::FieldSink fields;
  fields.clear();
  detail::list_tcp(tcp, layers, fields);
  for (ByteView message : DnsMessage::tcp_messages(tcp.payload())) detail::list_dns(DnsMessage(message), fields);
  std::string line;
  fields.write(line);
  fuzz::use(std::string_view(line));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  fuzz::Choices choices(fuzz::hash(bytes));
  const std::size_t other_length = choices.upto(2 * size + 64);

  const auto tcp = TcpSegment::parse(bytes);
  const TcpSegment unchecked(bytes);
  if (tcp) {
    PKTDOC_FUZZ_PROPERTY("tcp.parsed-header-captured",
                         tcp->header_length() >= TcpSegment::minimum_header_length && tcp->header_length() <= size);
    fuzz::check_prefixes_only_truncated("tcp.prefix-truncated", bytes, [](ByteView b) { return TcpSegment::parse(b); });
  } else {
    PKTDOC_FUZZ_PROPERTY("tcp.error-well-formed",
                         fuzz::well_formed(tcp.error()) && tcp.error().protocol == Protocol::tcp);
    fuzz::use(tcp.error());
  }
  const TcpSegment& view = tcp ? *tcp : unchecked;

  PseudoHeader v4;
  v4.source4 = Ipv4Address::from_uint(static_cast<std::uint32_t>(choices.next()));
  v4.destination4 = Ipv4Address::from_uint(static_cast<std::uint32_t>(choices.next()));
  v4.protocol = ip_protocol::tcp;
  v4.length = static_cast<std::uint32_t>(size);
  PseudoHeader v6;
  v6.is_ipv6 = true;
  v6.source6.bytes[15] = 1;
  v6.destination6.bytes[0] = 0x20;
  v6.protocol = ip_protocol::tcp;
  v6.length = static_cast<std::uint32_t>(other_length);
  fuzz::exercise(view, v4);
  fuzz::exercise(unchecked, v6);

  IpLayers layers;
  layers.transport_length = size;
  list(view, layers);
  layers.transport_length = other_length;
  layers.ipv6 = Ipv6Packet();
  list(view, layers);
  layers.carrier = Carrier::icmp_quote;
  list(unchecked, layers);
  layers.carrier = Carrier::icmpv6_quote;
  list(unchecked, layers);

  // DNS over TCP, on the segment's payload as decode_packet() takes it, and on the whole input.
  for (ByteView payload : {view.payload(), bytes}) {
    for (DnsFlavor flavor : {DnsFlavor::unicast, DnsFlavor::mdns}) {
      const auto dns = DnsMessage::parse_tcp(payload, flavor);
      if (dns) {
        PKTDOC_FUZZ_PROPERTY("tcp.dns-inside", fuzz::inside(dns->bytes(), payload));
        fuzz::exercise(*dns, true);
      } else {
        PKTDOC_FUZZ_PROPERTY("tcp.dns-error-well-formed", fuzz::well_formed(dns.error()));
      }
    }
    std::size_t messages = 0;
    for (ByteView message : DnsMessage::tcp_messages(payload)) {
      PKTDOC_FUZZ_PROPERTY("tcp.dns-message-inside", fuzz::inside(message, payload));
      PKTDOC_FUZZ_PROPERTY("tcp.dns-messages-bounded", ++messages <= payload.size() / 2);
      fuzz::use(message);
    }
  }
  return 0;
}
