// fuzz_ipv4: Ipv4Packet::parse() on any bytes; every accessor and option of the view, checked
// and unchecked; decode_ip() and decode_packet() over the bytes as a raw-IP frame, walking every
// layer they find; and the Wireshark listing of the header (detail::list_ipv4) and of the frame.
// Properties: a prefix of a packet that parses fails only as truncated, views stay inside the
// packet, addresses read back from their text.
#include <string>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"
#include "pktdoc/wireshark.hpp"

using namespace pktdoc;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  const auto ip = Ipv4Packet::parse(bytes);
  if (ip) {
    PKTDOC_FUZZ_PROPERTY("ipv4.parsed-header-captured",
                         ip->header_length() >= Ipv4Packet::min_header_length && ip->header_length() <= size);
    PKTDOC_FUZZ_PROPERTY("ipv4.parsed-same-bytes", ip->bytes().data() == bytes.data() && ip->bytes().size() == size);
    fuzz::exercise(*ip);
    fuzz::check_prefixes_only_truncated("ipv4.prefix-truncated", bytes,
                                        [](ByteView b) { return Ipv4Packet::parse(b); });
  } else {
    PKTDOC_FUZZ_PROPERTY("ipv4.error-well-formed",
                         fuzz::well_formed(ip.error()) && ip.error().protocol == Protocol::ipv4);
    fuzz::use(ip.error());
  }
  const Ipv4Packet unchecked(bytes);
  fuzz::exercise(unchecked);

  static detail::FieldSink fields;
  fields.clear();
  detail::list_ipv4(ip ? *ip : unchecked, fields);
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

  fuzz::use(internet_checksum(bytes));
  InternetChecksum sum;
  sum.add(bytes.first(size / 2));
  sum.add(bytes.subspan(size / 2));  // an odd first half: the next byte is a low byte
  PKTDOC_FUZZ_PROPERTY("checksum.split-agrees", sum.finish() == internet_checksum(bytes));

  // The text form of an address, read from the same bytes.
  if (const auto address = Ipv4Address::parse(as_text(bytes))) fuzz::use(*address);
  return 0;
}
