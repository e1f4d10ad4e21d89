// defragment_udp_datagram: IP defragmentation with pktdoc::IpDefragmenter. A UDP datagram with
// 4000 bytes of data is built with the packet builder, cut for a 1500-byte link by the library's
// fragmenter, and the three fragments are given to the defragmenter out of order, one of them
// twice. The reassembled packet is decoded with pktdoc::decode_ip() like any other. A second
// datagram loses its middle fragment: at the end of the capture it is reported as abandoned,
// with the byte range that never came, and none of its bytes are handed out.
//
// Quoted by docs/components/reassembly.rst; ctest compares its output with
// tests/golden/docs/defragment_udp_datagram.txt, which the page shows.

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/udp_builder.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/datagram_listing.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"

// [observer]
// What the defragmenter reports. The views it hands out are valid during the call only.
struct Printer : pktdoc::DefragmentObserver {
  void on_reassembled(const pktdoc::ReassembledDatagram& datagram) override {
    pktdoc::IpLayers layers;
    pktdoc::decode_ip(datagram.packet, layers);  // the whole datagram, as if it had come in one piece
    std::printf("reassembled id %u at frame %llu from %zu fragments: %zu bytes of IP packet\n",
                datagram.key.identification, static_cast<unsigned long long>(datagram.completing_frame),
                datagram.frames.size(), datagram.packet.size());
    if (layers.udp)
      std::printf("  UDP %u -> %u, length %u, checksum %s\n", layers.udp->source_port(),
                  layers.udp->destination_port(), layers.udp->length(),
                  pktdoc::checksum_status_name(layers.udp->checksum_status(layers.ipv4->pseudo_header())).data());
    std::string line;
    pktdoc::write_datagram_line(datagram, line);  // the `dissect datagrams` line
    std::printf("  %s\n", line.c_str());
  }
  void on_abandoned(const pktdoc::AbandonedDatagram& datagram) override {
    std::printf("abandoned id %u (%s): %zu bytes received, length %zu, missing", datagram.key.identification,
                pktdoc::abandon_reason_name(datagram.reason).data(), datagram.bytes_received, datagram.total_length);
    for (const pktdoc::ByteRange& hole : datagram.holes) std::printf(" %u-%u", hole.begin, hole.end - 1);
    std::printf("\n");
  }
  void on_dropped(const pktdoc::DroppedFragment& fragment) override {
    std::printf("dropped frame %llu (%s): offset %u, %u bytes\n", static_cast<unsigned long long>(fragment.frame),
                pktdoc::drop_reason_name(fragment.reason).data(), fragment.offset, fragment.length);
  }
};
// [observer]

int main() {
  // [build]
  using namespace pktdoc;
  const build::Ipv4 ip{.source = *Ipv4Address::parse("192.0.2.1"),
                       .destination = *Ipv4Address::parse("198.51.100.7"),
                       .identification = 0x1234};
  std::vector<std::byte> data(4000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::byte>('a' + i % 26);
  const build::Bytes datagram = ip.packet(build::Udp{.source_port = 5000, .destination_port = 9}, data);
  // 20 + 8 + 4000 bytes on a 1500-byte link: fragments of 1480, 1480 and 1048 bytes of data.
  const std::vector<build::Bytes> fragments = build::fragment(datagram, 1500);
  std::printf("datagram %zu bytes, %zu fragments\n", datagram.size(), fragments.size());
  // [build]

  // [defragment]
  Printer printer;
  IpDefragmenter defragmenter(printer);  // the default limits: 30 s for IPv4, 4 MiB, ...
  // Arrival order: the last fragment, the first, the first again, the middle one.
  const std::size_t order[] = {2, 0, 0, 1};
  std::uint64_t frame = 0;
  for (const std::size_t index : order) {
    ++frame;
    IpLayers layers;
    decode_ip(fragments[index], layers);
    const FragmentResult result = defragmenter.add(layers, frame, Timestamp{1700000000, 0});
    std::printf("frame %llu: fragment at offset %u: %s\n", static_cast<unsigned long long>(frame),
                layers.ipv4->fragment_offset_bytes(),
                result == FragmentResult::held          ? "held"
                : result == FragmentResult::reassembled ? "reassembled"
                : result == FragmentResult::dropped     ? "dropped"
                                                        : "other");
  }
  // [defragment]

  // [incomplete]
  // A second datagram whose middle fragment never arrives.
  build::Ipv4 other = ip;
  other.identification = 0x1235;
  const std::vector<build::Bytes> lost =
      build::fragment(other.packet(build::Udp{.source_port = 5000, .destination_port = 9}, data), 1500);
  for (const std::size_t index : {0U, 2U}) {
    IpLayers layers;
    decode_ip(lost[index], layers);
    defragmenter.add(layers, ++frame, Timestamp{1700000001, 0});
  }
  defragmenter.finish();  // the end of the capture: what is still open is reported, never delivered
  const DefragmentStats& stats = defragmenter.stats();
  std::printf("fragments %llu, reassembled %llu, duplicates %llu, abandoned at end of capture %llu\n",
              static_cast<unsigned long long>(stats.fragments), static_cast<unsigned long long>(stats.reassembled),
              static_cast<unsigned long long>(stats.dropped_for(DropReason::duplicate)),
              static_cast<unsigned long long>(stats.abandoned_for(AbandonReason::end_of_capture)));
  // [incomplete]
  return 0;
}
