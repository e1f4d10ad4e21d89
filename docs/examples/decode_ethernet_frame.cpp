// decode_ethernet_frame: the two kinds of Ethernet frame, decoded with pktdoc::EthernetFrame.
// An Ethernet II frame with an IEEE 802.1Q VLAN tag, whose type field names IPv4; and an IEEE 802.3
// frame, whose type/length field is a length (38) followed by an IEEE 802.2 LLC header: a
// spanning-tree BPDU. The field after the source address is a length when it is 1500 or less and
// an EtherType when it is 0x0600 or more (IEEE 802.3 clause 3.2.6). tshark decodes the same two
// frames.
//
// Quoted by docs/protocols/link.rst; ctest compares its output with
// tests/golden/docs/decode_ethernet_frame.txt, which the page shows.

#include <cstdio>

#include "pktdoc/link.hpp"
#include "snippet.hpp"

namespace {

// [print]
void print(const pktdoc::EthernetFrame& frame) {
  std::printf("destination()            %s%s\n", frame.destination().to_text().c_str(),
              frame.destination().is_multicast() ? " (group address)" : "");
  std::printf("source()                 %s\n", frame.source().to_text().c_str());
  std::printf("outer_type()             0x%04x\n", frame.outer_type());
  for (const pktdoc::VlanTag tag : frame.vlan_tags())
    std::printf("vlan tag                 tpid 0x%04x, priority %u, drop_eligible %d, id %u\n", tag.tpid, tag.priority,
                tag.drop_eligible ? 1 : 0, tag.id);
  std::printf("is_ieee802_3()           %s\n", frame.is_ieee802_3() ? "true" : "false");
  if (frame.is_ieee802_3()) {
    const pktdoc::LlcHeader& llc = frame.llc();
    std::printf("length_field()           %u bytes of LLC and data\n", frame.length_field());
    std::printf("llc()                    dsap 0x%02x, ssap 0x%02x, control 0x%02x, %u bytes, snap %s\n", llc.dsap,
                llc.ssap, llc.control, llc.length, llc.has_snap ? "yes" : "no");
  }
  std::printf("ether_type()             0x%04x\n", frame.ether_type());
  std::printf("header_length()          %zu bytes\n", frame.header_length());
  std::printf("payload()                %zu bytes\n", frame.payload().size());
}
// [print]

}  // namespace

int main() {
  // [bytes]
  const std::vector<std::byte> tagged = snippet::bytes(
      "00 00 5e 00 53 02"                                            // destination MAC
      "00 00 5e 00 53 01"                                            // source MAC
      "81 00"                                                        // TPID 0x8100: an IEEE 802.1Q tag follows
      "a0 64"                                                        // tag control: priority 5, DEI 0, VLAN 100
      "08 00"                                                        // EtherType 0x0800: IPv4
      "45 00 00 21 00 01 00 00 40 11 8e 8f c0 00 02 01 c6 33 64 07"  // IPv4 header (33-byte packet)
      "13 88 00 07 00 0d bc 36 68 65 6c 6c 6f"                       // UDP, "hello"
      "00 00 00 00 00 00 00 00 00");                                 // padding: 42 bytes at least follow a tag
  const std::vector<std::byte> ieee802_3 = snippet::bytes(
      "01 80 c2 00 00 00"  // destination: the bridge group address of spanning tree
      "00 00 5e 00 53 01"  // source MAC
      "00 26"              // 38: at most 1500, so a length, not an EtherType
      "42 42 03"           // LLC: DSAP 0x42, SSAP 0x42 (spanning tree), control 0x03 (UI)
      // the 35-byte configuration BPDU (IEEE 802.1D)
      "00 00 00 00 00 80 00 00 00 5e 00 53 01 00 00 00 00 80 00 00 00 5e 00 53 01 80 01"
      "00 00 14 00 02 00 0f 00"
      "00 00 00 00 00 00 00 00");  // padding to the 60-byte minimum
  // [bytes]

  // [decode]
  for (const auto* bytes : {&tagged, &ieee802_3}) {
    auto frame = pktdoc::EthernetFrame::parse(*bytes);
    if (!frame) {
      std::printf("ethernet %s: %s\n", pktdoc::error_kind_name(frame.error().kind).data(), frame.error().reason);
      return 1;
    }
    print(*frame);
    std::printf("\n");
  }
  // [decode]
  return 0;
}
