// reassembly_listings: the three listings that `dissect datagrams`, `dissect streams` and
// `dissect http` print, written by the same library classes (pktdoc::DatagramListing,
// pktdoc::StreamListing, pktdoc::HttpListing) for a small capture built in memory: an HTTP
// request and its response, one segment of it out of order, and a UDP datagram in three IPv4
// fragments. For the same frames tshark lists the same datagram and the same stream
// (`oracle datagrams|streams FILE`), but not the response: tshark 4.0 does not put segments that
// arrive out of order back in order by default, and loses the message (docs/wireshark.rst).
//
// Quoted by docs/programs/dissect.rst; ctest compares its output with
// tests/golden/docs/reassembly_listings.txt, which the page shows.

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/datagram_listing.hpp"
#include "pktdoc/reassembly/http_listing.hpp"
#include "pktdoc/reassembly/stream_listing.hpp"

int main() {
  // [frames]
  using namespace pktdoc;
  const build::Link link{.destination = MacAddress{{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02}},
                         .source = MacAddress{{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01}}};
  const build::Path client_to_server{.link = link,
                                     .ip = build::Ipv4{.source = *Ipv4Address::parse("192.0.2.10"),
                                                       .destination = *Ipv4Address::parse("198.51.100.80"),
                                                       .identification = 100}};
  build::TcpConnection tcp(client_to_server, {.port = 49152, .initial_sequence_number = 1000},
                           {.port = 80, .initial_sequence_number = 5000});
  std::vector<build::Bytes> frames = tcp.open();
  frames.push_back(
      tcp.send(build::TcpSide::client, as_bytes("GET /index.html HTTP/1.1\r\nHost: www.example.com\r\n\r\n")));
  const std::string body(3000, 'x');
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + body;
  for (auto& segment : tcp.send_segments(build::TcpSide::server, as_bytes(response), 1460))
    frames.push_back(std::move(segment));  // three segments
  std::swap(frames[5], frames[6]);         // the second overtaken by the third
  for (auto& segment : tcp.close(build::TcpSide::client)) frames.push_back(std::move(segment));
  // A UDP datagram with 4000 bytes of data, in three fragments.
  const build::Ipv4 ip{.source = *Ipv4Address::parse("192.0.2.1"),
                       .destination = *Ipv4Address::parse("198.51.100.7"),
                       .identification = 0x1234};
  const std::vector<std::byte> data(4000, std::byte{0x61});
  for (const build::Bytes& piece :
       build::fragment(ip.packet(build::Udp{.source_port = 5000, .destination_port = 9}, data), 1500))
    frames.push_back(link.frame(piece));
  // [frames]

  // [listings]
  DatagramListing datagrams;
  StreamListing streams;
  HttpListing http;
  std::string datagram_lines, stream_lines, http_lines;
  DecodedPacket packet;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Frame frame{.number = i + 1,
                      .timestamp = Timestamp{1700000000, static_cast<std::uint32_t>(i) * 1000000},
                      .original_length = static_cast<std::uint32_t>(frames[i].size()),
                      .bytes = frames[i]};
    decode_packet(frame, packet);
    datagrams.add(frame, packet, datagram_lines);
    streams.add(frame, packet);
    http.add(frame, packet, http_lines);
  }
  datagrams.finish();
  streams.finish(stream_lines);
  http.finish(http_lines);
  std::printf("$ dissect datagrams FILE\n%s", datagram_lines.c_str());
  std::printf("$ dissect streams FILE\n%s", stream_lines.c_str());
  std::printf("$ dissect http FILE\n%s", http_lines.c_str());
  // [listings]
  return 0;
}
