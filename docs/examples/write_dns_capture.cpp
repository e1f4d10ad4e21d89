// write_dns_capture: building a frame and writing a capture. A DNS query for www.example.com is
// built with pktdoc::build::DnsMessage, wrapped in UDP, IPv4 and Ethernet by a pktdoc::build::Path
// (lengths and checksums filled in), and written to a pcap file with pktdoc::CaptureWriter, once
// whole and once cut by a 54-byte snapshot length. The file is then read back with
// pktdoc::CaptureReader and decoded: what was built is what decodes.
//
// The file goes to the system's temporary directory and is removed at the end.
//
// Quoted by docs/components/builder.rst; ctest compares its output with
// tests/golden/docs/write_dns_capture.txt, which the page shows.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/dns_builder.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/capture_writer.hpp"
#include "pktdoc/packet.hpp"

int main() {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("pktdoc-write-dns-capture-" + std::to_string(getpid()) + ".pcap"))
          .string();

  // [build]
  using namespace pktdoc;
  const build::Path to_resolver{
      .link = build::Link{.destination = MacAddress{{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02}},
                          .source = MacAddress{{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01}}},
      .ip = build::Ipv4{.source = *Ipv4Address::parse("192.0.2.10"),
                        .destination = *Ipv4Address::parse("198.51.100.53"),
                        .identification = 7}};
  const build::Bytes query = build::DnsMessage::query(0x1a2b, "www.example.com", DnsType::a).encode();
  const build::Bytes frame = to_resolver.frame(build::Udp{.source_port = 40000, .destination_port = 53}, query);
  std::printf("DNS message %zu bytes, frame %zu bytes\n", query.size(), frame.size());
  // [build]

  // [write]
  auto writer = CaptureWriter::open(path, LinkType::ethernet);
  if (!writer.ok()) {
    std::fprintf(stderr, "%s\n", writer.error().c_str());
    return 1;
  }
  writer.write(Timestamp{1700000000, 0}, frame);
  // The same frame as a 54-byte snapshot length would have kept it: 54 bytes of 75.
  writer.write(Timestamp{1700000000, 250000000}, ByteView(frame).first(54), static_cast<std::uint32_t>(frame.size()));
  std::printf("frames_written() %llu, bytes_written() %llu (24-byte file header, 16 bytes per record)\n",
              static_cast<unsigned long long>(writer.frames_written()),
              static_cast<unsigned long long>(writer.bytes_written()));
  if (!writer.close()) {
    std::fprintf(stderr, "%s\n", writer.error().c_str());
    return 1;
  }
  // [write]

  // [read-back]
  auto capture = CaptureReader::open_file(path);
  if (!capture.ok()) {
    std::fprintf(stderr, "%s\n", capture.error().c_str());
    return 1;
  }
  Frame read;
  DecodedPacket packet;
  while (capture.next(read) == ReadStatus::frame) {
    decode_packet(read, packet);
    std::printf("frame %llu: %zu of %u bytes captured;", static_cast<unsigned long long>(read.number),
                read.bytes.size(), read.original_length);
    if (packet.ip.udp)
      std::printf(" UDP checksum %s;",
                  checksum_status_name(packet.ip.udp->checksum_status(packet.ip.ipv4->pseudo_header())).data());
    if (packet.ip.dns) {
      for (const DnsQuestion& question : packet.ip.dns->questions())
        std::printf(" DNS query id 0x%04x: %s? %s\n", packet.ip.dns->id(), question.name().c_str(),
                    dns_type_name(question.type()).data());
    } else {
      const DecodeError error = packet.first_error();
      std::printf(" %s %s: %s\n", protocol_name(error.protocol).data(), error_kind_name(error.kind).data(),
                  error.reason);
    }
  }
  // [read-back]
  std::filesystem::remove(path);
  return 0;
}
