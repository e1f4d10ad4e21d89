// fuzz_ipv6: Ipv6Packet::parse() on any bytes; every accessor, extension header, option and
// routing address of the view, checked and unchecked (the unchecked constructor walks the
// extension headers too); decode_ip() and decode_packet() over the bytes as a raw-IP frame; and
// the Wireshark listing (detail::list_ipv6, PacketListing). Properties: a prefix of a packet
// that parses fails only as truncated, the walk stays within its bounds, views stay inside.
#include <string>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"
#include "pktdoc/wireshark.hpp"

using namespace pktdoc;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  const auto ip = Ipv6Packet::parse(bytes);
  if (ip) {
    PKTDOC_FUZZ_PROPERTY("ipv6.parsed-header-captured",
                         size >= Ipv6Packet::fixed_header_length && ip->upper_layer_offset() <= size);
    fuzz::exercise(*ip);
    fuzz::check_prefixes_only_truncated("ipv6.prefix-truncated", bytes,
                                        [](ByteView b) { return Ipv6Packet::parse(b); });
  } else {
    PKTDOC_FUZZ_PROPERTY("ipv6.error-well-formed",
                         fuzz::well_formed(ip.error()) && ip.error().protocol == Protocol::ipv6);
    fuzz::use(ip.error());
  }
  const Ipv6Packet unchecked(bytes);
  fuzz::exercise(unchecked);

  static detail::FieldSink fields;
  fields.clear();
  detail::list_ipv6(ip ? *ip : unchecked, fields);
  std::string line;
  fields.write(line);
  fuzz::use(std::string_view(line));

  IpLayers layers;
  decode_ip(bytes, layers);
  fuzz::exercise(layers, bytes);
  decode_ip(bytes, layers, DecodeOptions{false, false});
  fuzz::exercise(layers, bytes);

  Frame frame;
  frame.number = 1;
  frame.original_length = static_cast<std::uint32_t>(size);
  frame.bytes = bytes;
  frame.link_type = LinkType::raw;
  static DecodedPacket packet;
  decode_packet(frame, packet);
  fuzz::exercise(packet, bytes);
  static PacketListing listing;
  line.clear();
  listing.write(frame, packet, line);
  fuzz::use(std::string_view(line));

  if (const auto address = Ipv6Address::parse(as_text(bytes))) fuzz::use(*address);
  return 0;
}
