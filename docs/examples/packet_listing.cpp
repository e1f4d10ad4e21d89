// packet_listing: one line of the `packets` listing, the per-frame listing that can be diffed
// against tshark's, written by pktdoc::PacketListing for an Ethernet frame carrying a TCP SYN.
// `tshark -n -T fields -E occurrence=a -E aggregator=, -e frame.len ...` prints the same values for
// the same frame (the fields are those of `../shared/tools/oracle fields`).
//
// Quoted by docs/components/listing.rst; ctest compares its output with
// tests/golden/docs/packet_listing.txt, which the page shows.

#include <cstdio>
#include <string>

#include "pktdoc/wireshark.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  const std::vector<std::byte> bytes = snippet::bytes(
      "00 00 5e 00 53 02 00 00 5e 00 53 01 08 00"                      // Ethernet II, IPv4
      "45 00 00 3c 1c 46 40 00 40 06 32 24 c0 00 02 0a c6 33 64 14"    // IPv4 192.0.2.10 -> 198.51.100.20
      "c0 00 00 50 4e 1f 2a 01 00 00 00 00 a0 02 fa f0 46 0a 00 00"    // TCP SYN 49152 -> 80
      "02 04 05 b4 04 02 08 0a 00 01 e2 40 00 00 00 00 01 03 03 07");  // MSS, SACK-perm, TS, NOP, WS
  // [bytes]

  // [listing]
  pktdoc::Frame frame;
  frame.number = 1;
  frame.bytes = bytes;
  frame.original_length = static_cast<std::uint32_t>(bytes.size());
  frame.link_type = pktdoc::LinkType::ethernet;

  pktdoc::DecodedPacket packet;
  pktdoc::decode_packet(frame, packet);
  pktdoc::PacketListing listing;  // keep one for a whole capture: it reuses its buffers
  std::string line;
  listing.write(frame, packet, line);
  std::printf("%s\n", line.c_str());
  // [listing]
  return 0;
}
