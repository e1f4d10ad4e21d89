// read_capture: reading a capture file with pktdoc::CaptureReader: open it (with or without a BPF
// filter), read its frames one by one, decode each, and report a file that cannot be read in one
// line. Run by ctest on a one-frame capture that the project's own tests use.
//
// Quoted by docs/components/capture.rst; ctest compares its output with
// tests/golden/docs/read_capture.txt, which the page shows.
//
// ctest-args: tests/cli/one_arp_request.pcap

#include <cstdio>

#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: read_capture FILE\n");
    return 2;
  }
  // [read]
  auto capture = pktdoc::CaptureReader::open_file(argv[1]);
  if (!capture.ok()) {
    std::fprintf(stderr, "%s\n", capture.error().c_str());
    return 1;
  }
  std::printf("link_type()              %s, is_supported() %s\n", pktdoc::link_type_name(capture.link_type()).c_str(),
              pktdoc::is_supported(capture.link_type()) ? "true" : "false");
  std::printf("snapshot_length()        %u bytes\n", capture.snapshot_length());
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::ReadStatus status;
  while ((status = capture.next(frame)) == pktdoc::ReadStatus::frame) {
    // frame.bytes points into the reader's buffer: valid until the next call to next().
    std::printf("frame %llu                  at %lld.%09u, %u bytes on the wire, %zu captured\n",
                static_cast<unsigned long long>(frame.number), static_cast<long long>(frame.timestamp.seconds),
                frame.timestamp.nanoseconds, frame.original_length, frame.bytes.size());
    pktdoc::decode_packet(frame, packet);
    if (packet.arp)
      std::printf("                         ARP %s, who has %s?\n",
                  pktdoc::arp_operation_name(packet.arp->operation()).data(),
                  packet.arp->target_ip()->to_text().c_str());
  }
  if (status == pktdoc::ReadStatus::error) std::fprintf(stderr, "%s\n", capture.error().c_str());
  // [read]

  // [filter]
  // A BPF filter (pcap-filter(7)) drops frames inside libpcap; frame numbers stay those of the file.
  for (const char* filter : {"arp", "tcp"}) {
    auto filtered = pktdoc::CaptureReader::open_file(argv[1], filter);
    int count = 0;
    while (filtered.next(frame) == pktdoc::ReadStatus::frame) ++count;
    std::printf("filter \"%s\"%*s%d frame(s)\n", filter, static_cast<int>(16 - std::string_view(filter).size()), "",
                count);
  }
  // [filter]

  // [failure]
  // Opening never throws: ok() is false and error() is one line that names the file.
  for (const char* path : {"no-such-file.pcap", "docs/conf.py"}) {
    auto missing = pktdoc::CaptureReader::open_file(path);
    std::printf("open_file(\"%s\")  ok() %s: %s\n", path, missing.ok() ? "true" : "false", missing.error().c_str());
  }
  // [failure]
  return 0;
}
