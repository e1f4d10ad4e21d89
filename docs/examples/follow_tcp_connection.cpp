// follow_tcp_connection: TCP stream reassembly with pktdoc::TcpReassembler. A whole connection is
// built with pktdoc::build::TcpConnection (handshake, a request, a response in three segments,
// graceful close), the response's second and third segments are swapped, and every frame is
// decoded and given to the reassembler. A small pktdoc::TcpStreamHandler prints what it is told:
// the bytes come out in order whatever order the segments arrived in, each direction counted
// from stream offset 0.
//
// Quoted by docs/components/reassembly.rst; ctest compares its output with
// tests/golden/docs/follow_tcp_connection.txt, which the page shows.

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

// [handler]
// Prints every event of every connection. The views it is given are valid during the call only.
struct Printer : pktdoc::TcpStreamHandler {
  void on_open(pktdoc::TcpConnection& connection) override {
    std::printf("open   stream %llu: a=%s b=%s\n", static_cast<unsigned long long>(connection.stream()),
                connection.a().to_text().c_str(), connection.b().to_text().c_str());
  }
  void on_data(pktdoc::TcpConnection&, const pktdoc::TcpData& data) override {
    std::printf("data   %s offset %llu, %zu bytes (frame %llu): \"%s\"\n", direction(data.direction),
                static_cast<unsigned long long>(data.offset), data.bytes.size(),
                static_cast<unsigned long long>(data.frame), escaped(pktdoc::as_text(data.bytes)).c_str());
  }
  void on_gap(pktdoc::TcpConnection&, const pktdoc::TcpGap& gap) override {
    std::printf("gap    %s offset %llu, %llu bytes missing (%s)\n", direction(gap.direction),
                static_cast<unsigned long long>(gap.offset), static_cast<unsigned long long>(gap.length),
                pktdoc::tcp_gap_reason_name(gap.reason).data());
  }
  void on_close(pktdoc::TcpConnection& connection, pktdoc::TcpCloseReason reason) override {
    const pktdoc::TcpFlowInfo& a2b = connection.flow(pktdoc::TcpDirection::a_to_b);
    const pktdoc::TcpFlowInfo& b2a = connection.flow(pktdoc::TcpDirection::b_to_a);
    std::printf("close  stream %llu (%s): a>b %llu bytes, b>a %llu bytes\n",
                static_cast<unsigned long long>(connection.stream()), pktdoc::tcp_close_reason_name(reason).data(),
                static_cast<unsigned long long>(a2b.delivered_bytes),
                static_cast<unsigned long long>(b2a.delivered_bytes));
  }
  // The text with its line ends shown as \r\n.
  static std::string escaped(std::string_view text) {
    std::string out;
    for (char c : text) out += c == '\r' ? "\\r" : c == '\n' ? "\\n" : std::string(1, c);
    return out;
  }
  static const char* direction(pktdoc::TcpDirection d) { return d == pktdoc::TcpDirection::a_to_b ? "a>b" : "b>a"; }
};
// [handler]

int main() {
  // [build]
  using namespace pktdoc;
  const build::Path client_to_server{
      .link = build::Link{.destination = MacAddress{{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02}},
                          .source = MacAddress{{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01}}},
      .ip = build::Ipv4{.source = *Ipv4Address::parse("192.0.2.10"),
                        .destination = *Ipv4Address::parse("198.51.100.80"),
                        .identification = 100}};
  build::TcpConnection tcp(client_to_server, {.port = 49152, .initial_sequence_number = 1000},
                           {.port = 80, .initial_sequence_number = 5000});
  std::vector<build::Bytes> frames = tcp.open();  // SYN, SYN-ACK, ACK
  frames.push_back(tcp.send(build::TcpSide::client, as_bytes("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")));
  const std::string_view response = "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nHello, world";
  for (auto& segment : tcp.send_segments(build::TcpSide::server, as_bytes(response), 20))
    frames.push_back(std::move(segment));  // three segments: 20, 20 and 11 bytes
  for (auto& segment : tcp.close(build::TcpSide::server)) frames.push_back(std::move(segment));
  std::swap(frames[5], frames[6]);  // the response's third segment overtakes its second
  // [build]

  // [reassemble]
  Printer printer;
  TcpReassembler reassembler(printer);  // the default limits
  DecodedPacket packet;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Frame frame{.number = i + 1,
                      .timestamp = Timestamp{1700000000, static_cast<std::uint32_t>(i) * 1000000},
                      .original_length = static_cast<std::uint32_t>(frames[i].size()),
                      .bytes = frames[i]};
    decode_packet(frame, packet);
    reassembler.add(packet.ip, frame.number, frame.timestamp);
  }
  reassembler.finish();  // the end of the capture: closes what is still open
  std::printf("held out of order at most %zu bytes; copied %llu of %llu bytes delivered\n",
              reassembler.stats().peak_buffered_bytes,
              static_cast<unsigned long long>(reassembler.stats().copied_bytes),
              static_cast<unsigned long long>(reassembler.stats().delivered_bytes));
  // [reassemble]
  return 0;
}
