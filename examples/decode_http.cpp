// decode_http: HTTP/1.x requests and responses, over TCP reassembled from IPv4 or IPv6 packets.
//
//   decode_http -f FILE | -i IFACE [-F 'BPF filter']
//
// HTTP/1.x (RFC 9110 for the semantics, RFC 9112 for the message syntax) is text over a TCP
// connection: a request is a request-line ("GET /index.html HTTP/1.1"), header field lines, an
// empty line and maybe a body; a response is a status-line ("HTTP/1.1 200 OK"), header fields,
// an empty line and a body. A message is as long as it is: nothing ties it to TCP segments. A
// head may be cut across two segments and a body of 18 kB spans a dozen, so a decoder that looks
// at one packet at a time (the original project's, which asked itself whether bodies spanning
// segments were handled: they were not) sees the first piece and misreads the rest as garbage.
//
// So this program puts each direction of every TCP connection back in order first (the
// library's TcpReassembler, after IpDefragmenter for IP fragments), then parses the bytes as a
// stream (HttpTracker, which runs an HttpStreamParser on each direction). The body's end comes
// from the head, in RFC 9112 section 6.3's order: a Content-Length, chunked transfer coding, or,
// for a response with neither, the closing of the connection (HTTP/1.0 servers do this). A
// response to HEAD, and 1xx, 204 and 304 responses, have no body whatever their headers say.
//
// For every message, once it has ended, the program prints: the connection (numbered as
// Wireshark's tcp.stream) and the direction, the frame that completed it (where Wireshark shows
// it) and the frame of its first byte, the request-line or status-line, every header field, and
// the body: its length, its Content-Type, how its end was found, and the frames its bytes came
// in. A response names the request it answers: responses come in the order of the requests on
// their connection (RFC 9112 section 9.3.2), so the n-th response answers the n-th request. At
// the end: the messages per connection, and the requests that never got a response.
//
// What cannot be known is said, not guessed: a message cut by bytes the capture missed, or by
// the end of the capture, is printed as incomplete with the reason.
//
// Memory: the reassembler and the tracker keep what their limits allow; this program adds, per
// connection, the method, target and frame of each request until its response arrives.

#include <cinttypes>
#include <cstdio>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "example_support.hpp"
#include "pktdoc/http.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/http_tracker.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace {

constexpr char kUsage[] =
    "usage: decode_http -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  Prints every HTTP/1.x request and response carried over TCP (IPv4 or IPv6), after\n"
    "  TCP reassembly: start line, header fields, body length and type, the frames it\n"
    "  came in, and the request each response answers.\n";

// A request remembered until its response comes.
struct Request {
  std::string line;  // "GET /index.html"
  std::uint64_t frame = 0;
};

// What the program keeps per connection.
struct Connection {
  std::string client, server;   // endpoints, once the first message said who is who
  std::deque<Request> waiting;  // requests without a response yet, oldest first
  std::uint64_t requests = 0, responses = 0, incomplete = 0;
  std::vector<std::uint64_t> body_frames;  // frames that brought body bytes of the current message
};

// How the parser found the end of the body (RFC 9112 section 6.3), in words.
const char* framing_text(pktdoc::HttpBodyFraming framing) {
  switch (framing) {
    case pktdoc::HttpBodyFraming::content_length:
      return "length from Content-Length";
    case pktdoc::HttpBodyFraming::chunked:
      return "chunked";
    case pktdoc::HttpBodyFraming::until_close:
      return "ended by the server closing the connection";
    case pktdoc::HttpBodyFraming::tunnel:
      return "the connection became a tunnel";
    case pktdoc::HttpBodyFraming::switched:
      return "the connection switched protocols";
    case pktdoc::HttpBodyFraming::none:
      break;
  }
  return "no body expected";
}

// [http-observer]
// Receives each message from the tracker, called from inside the reassembler.
class Printer : public pktdoc::HttpObserver {
 public:
  std::map<std::uint64_t, Connection> connections;  // by stream number, so the summary is sorted

  void on_head(pktdoc::TcpConnection& c, const pktdoc::HttpMessageEvent& event) override {
    connections[c.stream()].body_frames.clear();
    // Number requests as they come, in the order the tracker matches responses to them.
    if (event.message->head.is_request())
      connections[c.stream()].waiting.push_back(Request{
          std::string(event.message->head.method) + " " + examples::printable(event.message->head.target, 80), 0});
  }

  void on_body(pktdoc::TcpConnection& c, const pktdoc::HttpMessageEvent& event, pktdoc::ByteView bytes) override {
    std::vector<std::uint64_t>& frames = connections[c.stream()].body_frames;
    if (!bytes.empty() && (frames.empty() || frames.back() != event.frame)) frames.push_back(event.frame);
  }

  void on_message(pktdoc::TcpConnection& c, const pktdoc::HttpMessageEvent& event) override {
    Connection& connection = connections[c.stream()];
    const pktdoc::HttpMessage& message = *event.message;
    const pktdoc::HttpHead& head = message.head;
    const bool from_a = event.direction == pktdoc::TcpDirection::a_to_b;
    const std::string from(from_a ? c.a().to_text().view() : c.b().to_text().view());
    const std::string to(from_a ? c.b().to_text().view() : c.a().to_text().view());

    std::printf("stream %" PRIu64 "  frame %" PRIu64, c.stream(), event.frame);
    if (event.first_frame != event.frame) std::printf(" (from frame %" PRIu64 ")", event.first_frame);
    std::printf("  %s -> %s\n", from.c_str(), to.c_str());

    if (!message.head_complete) {  // cut before the empty line that ends the head
      ++connection.incomplete;
      std::printf("  incomplete message: %s (%s); its head never completed\n\n",
                  pktdoc::http_error_kind_name(event.error.kind).data(), event.error.reason);
      return;
    }
    if (head.is_request()) {
      ++connection.requests;
      if (connection.client.empty()) connection.client = from, connection.server = to;
      // The request was queued in on_head(); give it its frame now that it is complete.
      for (Request& request : connection.waiting)
        if (request.frame == 0) {
          request.frame = event.frame;
          break;
        }
      std::printf("  request   %s %s %s\n", std::string(head.method).c_str(), examples::printable(head.target).c_str(),
                  std::string(head.version).c_str());
    } else {
      ++connection.responses;
      if (connection.client.empty()) connection.client = to, connection.server = from;
      std::printf("  response  %s %u %s", std::string(head.version).c_str(), head.status_code,
                  examples::printable(head.reason).c_str());
      // An interim (1xx) response leaves its request waiting for the final one.
      if (!connection.waiting.empty()) {
        const Request& request = connection.waiting.front();
        std::printf("  (answers %s, frame %" PRIu64 ")", request.line.c_str(), request.frame);
        if (!message.interim()) connection.waiting.pop_front();
      } else {
        std::printf("  (no request seen for it)");
      }
      std::printf("\n");
    }
    for (const pktdoc::HttpHeader& field : head.headers)
      std::printf("    %s: %s\n", examples::printable(field.name).c_str(), examples::printable(field.value).c_str());

    // [http-body]
    std::printf("  body      ");
    if (message.framing.framing == pktdoc::HttpBodyFraming::none && message.body_length == 0) {
      std::printf("none\n");
    } else {
      std::printf("%" PRIu64 " bytes", message.body_length);
      if (!message.content_type.empty()) std::printf(", %s", examples::printable(message.content_type).c_str());
      std::printf(", %s", framing_text(message.framing.framing));
      if (!connection.body_frames.empty())
        std::printf(", in frame%s %s", connection.body_frames.size() == 1 ? "" : "s",
                    examples::frame_ranges(connection.body_frames).c_str());
      std::printf("\n");
    }
    // [http-body]
    if (!event.complete()) {
      ++connection.incomplete;
      std::printf("  incomplete: %s (%s)", pktdoc::http_error_kind_name(event.error.kind).data(), event.error.reason);
      if (message.missing_bytes != 0) std::printf(", %" PRIu64 " body bytes missing", message.missing_bytes);
      std::printf("\n");
    }
    std::printf("\n");
    connection.body_frames.clear();
  }

  void on_notice(pktdoc::TcpConnection& c, const pktdoc::HttpNotice& notice) override {
    if (notice.kind == pktdoc::HttpNoticeKind::unanswered_requests) return;  // the summary lists them
    std::printf("stream %" PRIu64 "  frame %" PRIu64 "  note: %s (%" PRIu64 ")\n\n", c.stream(), notice.frame,
                pktdoc::http_notice_kind_name(notice.kind).data(), notice.count);
  }
};
// [http-observer]

// IP fragments go to the defragmenter; a datagram made whole joins the other packets.
struct Program : pktdoc::DefragmentObserver {
  Printer printer;
  pktdoc::HttpTracker http{printer};
  pktdoc::TcpReassembler reassembler{http};

  void on_reassembled(const pktdoc::ReassembledDatagram& datagram) override {
    pktdoc::IpLayers ip;
    pktdoc::decode_ip(datagram.packet, ip);
    http.add(reassembler, ip, datagram.completing_frame, datagram.completed_at);
  }
  void on_abandoned(const pktdoc::AbandonedDatagram&) override {}  // decode_udp reports these
  void on_dropped(const pktdoc::DroppedFragment&) override {}
};

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_http");
  examples::stop_on_signal(capture);

  Program program;
  pktdoc::IpDefragmenter defragmenter(program);
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  bool failed = false;

  // [http-loop]
  while (examples::next_frame(capture, frame, "decode_http", failed)) {
    pktdoc::decode_packet(frame, packet);
    if (defragmenter.add(packet.ip, frame.number, frame.timestamp) == pktdoc::FragmentResult::not_fragment)
      program.http.add(program.reassembler, frame, packet);  // the tracker sees the frame number first
  }
  defragmenter.finish();
  program.http.finish(program.reassembler);  // ends what is still open: cut messages are reported
  // [http-loop]

  std::printf("%" PRIu64 " frames, %zu HTTP connection%s\n", frame.number, program.printer.connections.size(),
              program.printer.connections.size() == 1 ? "" : "s");
  for (const auto& [stream, c] : program.printer.connections) {
    std::printf("  stream %" PRIu64 "  %s -> %s  %" PRIu64 " request%s, %" PRIu64 " response%s", stream,
                c.client.c_str(), c.server.c_str(), c.requests, c.requests == 1 ? "" : "s", c.responses,
                c.responses == 1 ? "" : "s");
    if (c.incomplete != 0) std::printf(", %" PRIu64 " incomplete", c.incomplete);
    std::printf("\n");
    for (const Request& request : c.waiting)
      if (request.frame != 0)
        std::printf("    no response to %s (frame %" PRIu64 ")\n", request.line.c_str(), request.frame);
  }
  return failed ? 1 : 0;
}
