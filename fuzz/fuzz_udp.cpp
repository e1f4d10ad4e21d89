// fuzz_udp: UdpDatagram::parse() on any bytes, over IPv4 and over IPv6 (where length 0 is a
// jumbogram); every field, the payload and the checksum status over pseudo-headers of several
// lengths, checked and unchecked; the Wireshark listing (detail::list_udp) over IPv4 and IPv6,
// with the DNS fields of the payload for DNS, mDNS and LLMNR ports as the listing adds them.
// Properties: a prefix of a datagram that parses fails only as truncated, views stay inside.
#include <string>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"

using namespace pktdoc;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  fuzz::Choices choices(fuzz::hash(bytes));
  const UdpDatagram unchecked(bytes);

  for (Protocol network : {Protocol::ipv4, Protocol::ipv6}) {
    const auto udp = UdpDatagram::parse(bytes, network);
    if (udp) {
      PKTDOC_FUZZ_PROPERTY("udp.parsed-header-captured", size >= UdpDatagram::header_length);
      PKTDOC_FUZZ_PROPERTY("udp.parsed-length", udp->is_jumbogram() ? network == Protocol::ipv6
                                                                    : udp->length() >= UdpDatagram::header_length);
      fuzz::check_prefixes_only_truncated("udp.prefix-truncated", bytes,
                                          [network](ByteView b) { return UdpDatagram::parse(b, network); });
    } else {
      PKTDOC_FUZZ_PROPERTY("udp.error-well-formed",
                           fuzz::well_formed(udp.error()) && udp.error().protocol == Protocol::udp);
      fuzz::use(udp.error());
    }
    const UdpDatagram& view = udp ? *udp : unchecked;

    PseudoHeader pseudo;
    pseudo.is_ipv6 = network == Protocol::ipv6;
    pseudo.source4 = Ipv4Address::from_uint(static_cast<std::uint32_t>(choices.next()));
    pseudo.destination6.bytes[1] = static_cast<std::uint8_t>(choices.next());
    pseudo.protocol = ip_protocol::udp;
    pseudo.length = static_cast<std::uint32_t>(choices.upto(1) == 0 ? size : choices.upto(2 * size + 16));
    fuzz::exercise(view, pseudo);

    IpLayers layers;
    if (network == Protocol::ipv6) layers.ipv6 = Ipv6Packet();
    layers.transport_length = size;
    static detail::FieldSink fields;
    fields.clear();
    detail::list_udp(view, layers, fields);
    // What the listing adds for DNS-like ports, whatever the ports say here.
    detail::list_dns(DnsMessage(view.payload(), network == Protocol::ipv6 ? DnsFlavor::mdns : DnsFlavor::unicast),
                     fields);
    std::string line;
    fields.write(line);
    fuzz::use(std::string_view(line));
    fuzz::use(application_protocol(Protocol::udp, view.source_port(), view.destination_port()));
    fuzz::use(application_protocol(Protocol::tcp, view.source_port(), view.destination_port()));
  }
  return 0;
}
