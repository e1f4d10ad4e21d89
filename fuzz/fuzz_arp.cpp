// fuzz_arp: ArpPacket::parse() on any bytes (any hardware and protocol address sizes, ATMARP's
// own layout); every field, the four addresses, their MAC and IPv4 forms and the gratuitous,
// probe and announcement tests, checked and unchecked; the Wireshark listing (detail::list_arp)
// for a packet captured whole and one the capture cut; and decode_packet() on the bytes behind
// an Ethernet header with EtherType ARP, then RARP. Properties: a prefix of a packet that
// parses fails only as truncated, the addresses stay inside the packet.
#include <string>
#include <vector>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"
#include "pktdoc/wireshark.hpp"

using namespace pktdoc;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  fuzz::Choices choices(fuzz::hash(bytes));

  const auto arp = ArpPacket::parse(bytes);
  if (arp) {
    PKTDOC_FUZZ_PROPERTY("arp.parsed-length", arp->bytes().size() == arp->length() && arp->length() <= size);
    PKTDOC_FUZZ_PROPERTY("arp.parsed-inside", fuzz::inside(arp->bytes(), bytes));
    fuzz::exercise(*arp);
    fuzz::check_prefixes_only_truncated("arp.prefix-truncated", bytes, [](ByteView b) { return ArpPacket::parse(b); });
  } else {
    PKTDOC_FUZZ_PROPERTY("arp.error-well-formed",
                         fuzz::well_formed(arp.error()) && arp.error().protocol == Protocol::arp);
    fuzz::use(arp.error());
  }
  const ArpPacket unchecked(bytes);
  fuzz::exercise(unchecked);

  static detail::FieldSink fields;
  for (std::size_t reported : {size, size + 1 + choices.upto(64)}) {
    fields.clear();
    detail::list_arp(arp ? *arp : unchecked, reported, fields);
    std::string line;
    fields.write(line);
    fuzz::use(std::string_view(line));
  }

  // Behind an Ethernet header: ff:ff:ff:ff:ff:ff, 02:00:00:00:00:01, EtherType ARP or RARP.
  for (std::uint8_t low : {std::uint8_t{0x06}, std::uint8_t{0x35}}) {
    std::vector<std::byte> frame_bytes = {std::byte{0xff},
                                          std::byte{0xff},
                                          std::byte{0xff},
                                          std::byte{0xff},
                                          std::byte{0xff},
                                          std::byte{0xff},
                                          std::byte{0x02},
                                          std::byte{0x00},
                                          std::byte{0x00},
                                          std::byte{0x00},
                                          std::byte{0x00},
                                          std::byte{0x01},
                                          static_cast<std::byte>(low == 0x06 ? 0x08 : 0x80),
                                          std::byte{low}};
    frame_bytes.insert(frame_bytes.end(), bytes.begin(), bytes.end());
    Frame frame;
    frame.number = 1;
    frame.bytes = ByteView(frame_bytes.data(), frame_bytes.size());
    frame.original_length = static_cast<std::uint32_t>(frame_bytes.size() + choices.upto(1) * 4);
    frame.link_type = LinkType::ethernet;
    static DecodedPacket packet;
    decode_packet(frame, packet);
    fuzz::exercise(packet, frame.bytes);
    static PacketListing listing;
    std::string line;
    listing.write(frame, packet, line);
    fuzz::use(std::string_view(line));
  }
  return 0;
}
