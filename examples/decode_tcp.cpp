// decode_tcp: TCP connections, segment by segment, with Wireshark's relative sequence numbers,
// and what became of each connection.
//
//   decode_tcp -f FILE | -i IFACE [-F 'BPF filter']
//
// TCP (RFC 9293) gives two applications a reliable byte stream each way. A connection opens with
// a three-way handshake: the client's SYN carries its initial sequence number (ISN), chosen at
// random, and its options (the largest segment it accepts, MSS; window scaling, RFC 7323; SACK,
// RFC 2018; timestamps); the server's SYN-ACK carries its own ISN and options and acknowledges
// the client's; the client's ACK completes it. From then on each byte has a sequence number, and
// each segment acknowledges the bytes of the other direction received so far. A FIN from each
// side closes it (each FIN is acknowledged too), a RST aborts it.
//
// This program prints one line per segment: its frame, the connection it belongs to (numbered as
// Wireshark's tcp.stream), its direction (C>S from client to server, S>C back; A>B and B>A when
// the handshake was not captured and the roles are not known), its flags, its sequence and
// acknowledgment numbers, relative and raw, its data length, its window, the options of a SYN, and
// the SACK blocks of a segment that reports holes (RFC 2018).
// Then, per connection: the endpoints, the handshake, each side's ISN and options, the bytes each
// way, the bytes the capture missed, and how the connection ended.
//
// Relative numbers are what Wireshark shows by default (tcp.seq and tcp.ack): a sequence number
// minus the ISN of its own direction, an acknowledgment number minus the ISN of the other
// direction, modulo 2^32. The SYN takes sequence number 0, so the first byte of data is 1, and a
// FIN takes one number too. When a connection was already open when the capture started, there is
// no ISN: like Wireshark, each direction then counts from one less than the first sequence number
// it is seen with (or the first acknowledgment of it from the other side), so that its first
// segment is relative 1. (The original project's notebook tabulated http_ipv4.cap by hand and
// mixed the two directions' numbers; see the "Relative sequence numbers" note on the site.)
//
// The bytes, the gaps and how each connection ended come from the library's TcpReassembler, which
// puts each direction's bytes back in order, drops retransmissions, and reports what never came.
// IP fragments are put back together first (IpDefragmenter), as Wireshark does.
//
// Memory: the reassembler keeps what its limits allow; the program adds a record of about 400
// bytes per connection, kept until the end for the summary. On a live interface, stop with Ctrl-C
// to see it.

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "example_support.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace {

constexpr char kUsage[] =
    "usage: decode_tcp -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  Prints TCP segments with relative and raw sequence and acknowledgment numbers, then\n"
    "  each connection: handshake, initial sequence numbers, options, bytes each way, bytes\n"
    "  missing from the capture, and how it ended.\n";

// One direction of a connection, as this program follows it segment by segment.
struct Side {
  std::string endpoint;         // "192.0.2.1:80"
  bool base_known = false;      // a base for relative numbers is known
  std::uint32_t base = 0;       // the ISN, or one less than the first number seen
  bool syn_seen = false;        // the base is the ISN of a SYN
  std::uint64_t syn_frame = 0;  // the frame of its SYN (or SYN-ACK)
  pktdoc::Timestamp syn_time{};
  std::string options;                       // the options of its SYN, as Wireshark's Info column shows them
  std::optional<std::uint8_t> window_shift;  // the window scale of its SYN (RFC 7323), if any
  std::uint64_t segments = 0;
  std::uint64_t data_segments = 0;
  std::uint64_t fin_frame = 0;     // its first FIN, 0 if none
  std::uint32_t fin_sequence = 0;  // the sequence number the FIN takes
  std::uint64_t fin_acked_frame = 0;
  std::uint64_t rst_frame = 0;  // its first RST, 0 if none
  pktdoc::TcpFlowInfo flow;     // what the reassembler counted, copied when the connection closed
};

// What the program keeps about one connection, for its segment lines and its summary.
struct Connection {
  std::uint64_t stream = 0;
  Side side[2];     // [0] is the reassembler's endpoint `a`, the first sender
  int client = -1;  // which side sent the SYN, when it was seen
  std::uint64_t handshake_ack_frame = 0;
  std::uint64_t first_frame = 0, last_frame = 0;
  pktdoc::Timestamp first_time{}, last_time{};
  bool closed = false;
  pktdoc::TcpCloseReason close_reason = pktdoc::TcpCloseReason::end_of_input;
  std::uint64_t closed_at_frame = 0;
  std::vector<std::string> events;  // gaps and dropped bytes, for the summary
};

// The options of a segment in the order they were sent, written as Wireshark's Info column
// writes them ("MSS=1460 SACK_PERM TSval=20721151 TSecr=0 WS=64"; WS is the multiplier, 2 to the
// power of the shift count).
std::string tcp_options_text(const pktdoc::TcpSegment& tcp) {
  std::string text;
  auto add = [&text](const std::string& option) { text += (text.empty() ? "" : " ") + option; };
  for (const pktdoc::TcpOption& option : tcp.options()) {
    switch (option.kind) {
      case pktdoc::tcp_option_kind::end_of_option_list:
      case pktdoc::tcp_option_kind::no_operation:
        break;
      case pktdoc::tcp_option_kind::maximum_segment_size:
        if (auto mss = tcp.mss()) add("MSS=" + std::to_string(*mss));
        break;
      case pktdoc::tcp_option_kind::window_scale:
        if (auto shift = tcp.window_scale()) add("WS=" + std::to_string(1u << (*shift > 14 ? 14 : *shift)));
        break;
      case pktdoc::tcp_option_kind::sack_permitted:
        add("SACK_PERM");
        break;
      case pktdoc::tcp_option_kind::timestamps:
        if (auto ts = tcp.timestamps())
          add("TSval=" + std::to_string(ts->value) + " TSecr=" + std::to_string(ts->echo_reply));
        break;
      default:
        add("option " + std::to_string(option.kind));
        break;
    }
  }
  if (!tcp.options_valid()) add(std::string("[malformed options: ") + tcp.options().error_reason() + "]");
  return text;
}

// [tcp-handler]
// Receives what the reassembler finds on each connection: when it opens, gaps, dropped bytes,
// and when and why it closes with the bytes counted each way.
class Tracker : public pktdoc::TcpStreamHandler {
 public:
  std::map<std::uint64_t, Connection> connections;  // by stream number

  void on_open(pktdoc::TcpConnection& c) override {
    Connection& connection = connections[c.stream()];
    connection.stream = c.stream();
    connection.side[0].endpoint = c.a().to_text().c_str();
    connection.side[1].endpoint = c.b().to_text().c_str();
    connection.first_frame = c.first_frame();
    connection.first_time = c.first_seen();
  }
  void on_gap(pktdoc::TcpConnection& c, const pktdoc::TcpGap& gap) override {
    note(c, "frame " + std::to_string(gap.frame) + ": " + std::to_string(gap.length) + " bytes " +
                direction(c, gap.direction) + " never seen, at stream offset " + std::to_string(gap.offset) + " (" +
                std::string(pktdoc::tcp_gap_reason_name(gap.reason)) + ")");
  }
  void on_notice(pktdoc::TcpConnection& c, const pktdoc::TcpNotice& notice) override {
    note(c, "frame " + std::to_string(notice.frame) + ": " + std::to_string(notice.bytes) + " bytes " +
                direction(c, notice.direction) + " dropped (" + std::string(pktdoc::tcp_notice_kind_name(notice.kind)) +
                ")");
  }
  void on_close(pktdoc::TcpConnection& c, pktdoc::TcpCloseReason reason) override {
    Connection& connection = connections[c.stream()];
    connection.closed = true;
    connection.close_reason = reason;
    connection.closed_at_frame = frame;
    connection.side[0].flow = c.flow(pktdoc::TcpDirection::a_to_b);
    connection.side[1].flow = c.flow(pktdoc::TcpDirection::b_to_a);
  }

  std::uint64_t frame = 0;  // the frame being added, for on_close()

 private:
  void note(const pktdoc::TcpConnection& c, std::string text) {
    connections[c.stream()].events.push_back(std::move(text));
  }
  static std::string direction(const pktdoc::TcpConnection& c, pktdoc::TcpDirection d) {
    const auto& from = d == pktdoc::TcpDirection::a_to_b ? c.a() : c.b();
    const auto& to = d == pktdoc::TcpDirection::a_to_b ? c.b() : c.a();
    return std::string(from.to_text().view()) + " -> " + std::string(to.to_text().view());
  }
};
// [tcp-handler]

// Which side of `connection` a segment comes from: 0 for endpoint a, 1 for b.
int side_of(const Connection& connection, const pktdoc::IpLayers& ip) {
  return examples::endpoint_text(ip, true) == connection.side[0].endpoint ? 0 : 1;
}

// [tcp-segment]
// Prints one segment and follows its connection: the base of each direction's relative numbers
// (Wireshark's rules), the handshake, FINs and their acknowledgments, RSTs.
void print_segment(Connection& connection, const pktdoc::IpLayers& ip, std::uint64_t frame, double seconds,
                   const pktdoc::Timestamp& time) {
  const pktdoc::TcpSegment& tcp = *ip.tcp;
  const int from = side_of(connection, ip), to = 1 - from;
  Side& own = connection.side[from];
  Side& peer = connection.side[to];
  const std::uint32_t seq = tcp.sequence_number(), ack = tcp.acknowledgment_number();
  const std::size_t length = ip.transport_length > tcp.header_length() ? ip.transport_length - tcp.header_length() : 0;

  // A SYN's sequence number is its direction's ISN. Without one, the first number seen (minus 1)
  // stands in, or, for the other direction, the first acknowledgment of it (minus 1).
  if (tcp.syn()) {
    own.base = seq;
    own.base_known = own.syn_seen = true;
    own.syn_frame = frame;
    own.syn_time = time;
    own.options = tcp_options_text(tcp);
    own.window_shift = tcp.window_scale();
    if (!tcp.ack()) connection.client = from;
  } else if (!own.base_known) {
    own.base = seq - 1;
    own.base_known = true;
  }
  if (tcp.ack() && !peer.base_known) {
    peer.base = ack - 1;
    peer.base_known = true;
  }
  // The handshake's third segment: the client acknowledges the server's SYN.
  if (connection.client == from && !tcp.syn() && tcp.ack() && peer.syn_seen && connection.handshake_ack_frame == 0 &&
      ack == peer.base + 1)
    connection.handshake_ack_frame = frame;
  // A FIN takes the sequence number after the segment's data; the peer acknowledges it with that
  // number plus one.
  if (tcp.fin() && own.fin_frame == 0) {
    own.fin_frame = frame;
    own.fin_sequence = seq + static_cast<std::uint32_t>(length);
  }
  if (tcp.ack() && peer.fin_frame != 0 && peer.fin_acked_frame == 0 &&
      static_cast<std::int32_t>(ack - (peer.fin_sequence + 1)) >= 0)
    peer.fin_acked_frame = frame;
  if (tcp.rst() && own.rst_frame == 0) own.rst_frame = frame;
  ++own.segments;
  if (length != 0) ++own.data_segments;
  connection.last_frame = frame;
  connection.last_time = time;

  const char* direction =
      connection.client < 0 ? (from == 0 ? "A>B" : "B>A") : (from == connection.client ? "C>S" : "S>C");
  std::printf("%5" PRIu64 " %10.6f %4" PRIu64 "  %s  %-13s %10u ", frame, seconds, connection.stream, direction,
              tcp.flags_text().c_str(), seq - own.base);
  if (tcp.ack())
    std::printf("%10u", ack - peer.base);
  else
    std::printf("%10s", "-");
  // The window in bytes: the field shifted by the sender's window scale, which applies only when
  // both SYNs carried the option, and never to a SYN itself (RFC 7323 section 2.2).
  std::uint64_t window = tcp.window();
  if (!tcp.syn() && own.window_shift && peer.window_shift) window <<= std::min<unsigned>(*own.window_shift, 14);
  std::printf(" %5zu %7" PRIu64 "  %10u ", length, window, seq);
  if (tcp.ack())
    std::printf("%10u", ack);
  else
    std::printf("%10s", "-");
  if (tcp.syn()) std::printf("  %s", own.options.c_str());
  // A snap length keeps only the start of a frame: say how much of the data was captured.
  if (tcp.payload().size() < length) std::printf("  [%zu of %zu bytes captured]", tcp.payload().size(), length);
  // SACK blocks (RFC 2018): the ranges the receiver holds beyond the acknowledgment, that is
  // the holes it reports. They number the peer's bytes, so they are relative to the peer's base,
  // as Wireshark's SLE and SRE are.
  for (const pktdoc::TcpSackBlock& block : tcp.sack_blocks())
    std::printf("  SLE=%u SRE=%u", block.left_edge - peer.base, block.right_edge - peer.base);
  std::printf("\n");
}
// [tcp-segment]

// [tcp-summary]
void print_connection(const Connection& c, const pktdoc::Timestamp& start) {
  std::printf("\nstream %" PRIu64 ": %s <-> %s, frames %" PRIu64 "-%" PRIu64 ", %.6f s to %.6f s\n", c.stream,
              c.side[0].endpoint.c_str(), c.side[1].endpoint.c_str(), c.first_frame, c.last_frame,
              examples::seconds_since(start, c.first_time), examples::seconds_since(start, c.last_time));
  // The handshake, and each side's role.
  if (c.client >= 0) {
    const Side& client = c.side[c.client];
    const Side& server = c.side[1 - c.client];
    std::printf("  handshake  SYN frame %" PRIu64, client.syn_frame);
    if (server.syn_seen)
      std::printf(", SYN-ACK frame %" PRIu64 " (%.3f ms later)", server.syn_frame,
                  examples::seconds_since(client.syn_time, server.syn_time) * 1000);
    else
      std::printf(", no SYN-ACK");
    if (c.handshake_ack_frame != 0)
      std::printf(", ACK frame %" PRIu64 ": complete\n", c.handshake_ack_frame);
    else
      std::printf(": not completed\n");
  } else {
    std::printf("  handshake  not captured: the connection was open before the capture began\n");
  }
  for (int i = 0; i < 2; ++i) {
    const Side& s = c.side[i];
    const char* role = c.client < 0 ? (i == 0 ? "A" : "B") : (i == c.client ? "client" : "server");
    std::printf("  %-6s     %s", role, s.endpoint.c_str());
    if (s.syn_seen)
      std::printf("  ISN %u  options %s\n", s.base, s.options.empty() ? "none" : s.options.c_str());
    else
      std::printf("  ISN not seen: relative numbers count from %u, one less than the first seen\n", s.base);
  }
  // Bytes each way: what the reassembler delivered in order (retransmissions counted once).
  for (int i = 0; i < 2; ++i) {
    const Side& s = c.side[i];
    const char* arrow = c.client < 0 ? (i == 0 ? "A>B" : "B>A") : (i == c.client ? "C>S" : "S>C");
    std::printf("  %s        %" PRIu64 " bytes in %" PRIu64 " segment%s (%" PRIu64 " with data)", arrow,
                s.flow.delivered_bytes, s.segments, s.segments == 1 ? "" : "s", s.data_segments);
    if (s.flow.retransmitted_bytes != 0) std::printf(", %" PRIu64 " bytes retransmitted", s.flow.retransmitted_bytes);
    if (s.flow.missing_bytes != 0) std::printf(", %" PRIu64 " bytes missing", s.flow.missing_bytes);
    std::printf("\n");
  }
  for (const std::string& event : c.events) std::printf("  note       %s\n", event.c_str());
  // How it ended.
  for (int i = 0; i < 2; ++i) {
    const Side& s = c.side[i];
    const char* who = c.client < 0 ? (i == 0 ? "A" : "B") : (i == c.client ? "the client" : "the server");
    if (s.fin_frame != 0) {
      std::printf("  FIN        from %s in frame %" PRIu64, who, s.fin_frame);
      if (s.fin_acked_frame != 0)
        std::printf(", acknowledged in frame %" PRIu64 "\n", s.fin_acked_frame);
      else
        std::printf(", not acknowledged\n");
    }
    if (s.rst_frame != 0) std::printf("  RST        from %s in frame %" PRIu64 "\n", who, s.rst_frame);
  }
  switch (c.close_reason) {
    case pktdoc::TcpCloseReason::fin:
      if (c.side[0].flow.missing_bytes + c.side[1].flow.missing_bytes != 0)
        std::printf("  ended      closed by both sides (a FIN each way), with bytes the capture missed\n");
      else
        std::printf("  ended      closed by both sides (a FIN each way, every byte delivered)\n");
      break;
    case pktdoc::TcpCloseReason::reset:
      std::printf("  ended      reset (RST) in frame %" PRIu64 "\n", c.closed_at_frame);
      break;
    case pktdoc::TcpCloseReason::end_of_input:
      std::printf("  ended      still open when the capture ended%s\n",
                  c.side[0].fin_frame != 0 || c.side[1].fin_frame != 0 ? " (half closed)" : "");
      break;
    default:
      std::printf("  ended      given up by the reassembler (%s) in frame %" PRIu64 "\n",
                  pktdoc::tcp_close_reason_name(c.close_reason).data(), c.closed_at_frame);
      break;
  }
}
// [tcp-summary]

// The program's state: the reassembler and its handler. It is also the observer of IP
// defragmentation, so that TCP carried in fragments takes the same path once its datagram is whole.
struct Program : pktdoc::DefragmentObserver {
  Tracker tracker;
  pktdoc::TcpReassembler reassembler{tracker};
  pktdoc::Timestamp start{};

  // One IP packet that may carry TCP: give it to the reassembler (which numbers its connection),
  // then print it.
  void add(const pktdoc::IpLayers& ip, std::uint64_t frame, pktdoc::Timestamp time) {
    tracker.frame = frame;
    const pktdoc::TcpAddResult result = reassembler.add(ip, frame, time);
    if (result.status != pktdoc::TcpAddStatus::segment || ip.is_quote()) return;
    auto found = tracker.connections.find(result.stream);
    if (found == tracker.connections.end()) return;
    print_segment(found->second, ip, frame, examples::seconds_since(start, time), time);
  }

  void on_reassembled(const pktdoc::ReassembledDatagram& datagram) override {
    pktdoc::IpLayers ip;
    pktdoc::decode_ip(datagram.packet, ip);
    add(ip, datagram.completing_frame, datagram.completed_at);
  }
  void on_abandoned(const pktdoc::AbandonedDatagram&) override {}  // decode_udp reports these
  void on_dropped(const pktdoc::DroppedFragment&) override {}
};

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_tcp");
  examples::stop_on_signal(capture);

  Program program;
  pktdoc::IpDefragmenter defragmenter(program);
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  bool failed = false;

  std::printf("frame       time  stream dir flags           rel seq    rel ack   len     win     raw seq    raw ack\n");
  // [tcp-loop]
  while (examples::next_frame(capture, frame, "decode_tcp", failed)) {
    if (frame.number == 1) program.start = frame.timestamp;
    pktdoc::decode_packet(frame, packet);
    // TCP in IP fragments reaches the reassembler once its datagram is whole.
    if (defragmenter.add(packet.ip, frame.number, frame.timestamp) == pktdoc::FragmentResult::not_fragment)
      program.add(packet.ip, frame.number, frame.timestamp);
    // A TCP header quoted by an ICMP error numbers its connection, as in Wireshark.
    for (std::size_t i = 0; i < packet.inner_count; ++i) program.add(packet.inner[i], frame.number, frame.timestamp);
    if (!packet.ip.tcp && packet.ip.error.protocol == pktdoc::Protocol::tcp)
      std::printf("%5" PRIu64 " %10.6f  TCP %s: %s\n", frame.number,
                  examples::seconds_since(program.start, frame.timestamp),
                  pktdoc::error_kind_name(packet.ip.error.kind).data(), packet.ip.error.reason);
  }
  defragmenter.finish();
  program.tracker.frame = frame.number;
  program.reassembler.finish();  // closes what is still open, reporting what never came
  // [tcp-loop]

  std::printf("\n%zu TCP connection%s\n", program.tracker.connections.size(),
              program.tracker.connections.size() == 1 ? "" : "s");
  for (const auto& [stream, connection] : program.tracker.connections) print_connection(connection, program.start);
  return failed ? 1 : 0;
}
