// fuzz_tcp_reassembly: TcpReassembler fed a sequence of TCP segments on four connections built
// from the input, under small limits, alone or under the HTTP or FTP tracker.
//
// The first input byte chooses the set-up:
//   bits 0-1  the limits: the defaults; or 3 connections, 256 bytes and 4 segments held per
//             direction, 1024 bytes held in all, a window of 4096 bytes, 60 s idle, 10 s closed;
//             or 2 connections, 64 bytes, 2 segments, 100 bytes, 512-byte window; or 1 connection,
//             16 KiB per direction, 16 segments, 16 KiB, a 65536-byte window
//   bits 2-3  on top: nothing (the servers on port 8000), HttpTracker (port 80), FtpTracker
//             (port 21), nothing (port 20)
//   bit 4     initial sequence numbers just below 2^32 (every stream wraps) rather than spread
//   bit 5     TcpReassembler::expire() now and then
// Then every 6 bytes are one segment:
//   byte 0    bits 0-1 the connection (the fourth is IPv6); bit 2 from the server; bits 3-6 SYN,
//             FIN, RST, ACK; bit 7 its data differs from what the sender sent before at those
//             sequence numbers (a retransmission with other bytes)
//   bytes 1-2 its sequence number: the sender's initial one plus this, minus 256 (big-endian)
//   byte 3    the data length: bits 0-6, times 37 when bit 7 is set
//   byte 4    the acknowledgment: the other side's initial sequence number plus 16 times this
//   byte 5    bits 0-1 time moves on 0, 1 ms, 100 s or 8000 s; bit 2 the sequence number is
//             2^30 further (far outside any window); bit 3 the capture kept only 20 bytes of data
//
// Properties: the bytes delivered in each direction of each connection are contiguous: every
// on_data() and on_gap() starts where the previous one ended, so nothing overlaps and holes are
// reported rather than filled (tcp.contiguous); data and gaps are not empty (tcp.nonempty);
// delivered bytes are the bytes sent at those sequence numbers when the sender never sent others
// (tcp.bytes-correct); no event for a connection before on_open() or after on_close()
// (tcp.lifecycle); every opened connection is closed by finish() (tcp.every-connection-closed);
// the held bytes and connections stay within the limits (tcp.memory-bounded,
// tcp.connections-bounded).
#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "fuzz_support.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/tcp_builder.hpp"
#include "pktdoc/reassembly/ftp_tracker.hpp"
#include "pktdoc/reassembly/http_tracker.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

using namespace pktdoc;

namespace {

// The byte a sender whose port is `port` sends at sequence number `sequence`, unless it sends
// other bytes on purpose.
std::byte pattern(std::uint16_t port, std::uint32_t sequence, bool differ) {
  const auto value = static_cast<std::uint8_t>(sequence * 7 + port * 31 + (sequence >> 8));
  return std::byte(differ ? static_cast<std::uint8_t>(value ^ 0x5a) : value);
}

struct FlowState {
  std::uint64_t next = 0;
};
struct ConnectionState {
  std::array<FlowState, 2> flows{};
  bool closed = false;
};

class Checker final : public TcpStreamHandler {
 public:
  TcpStreamHandler* inner = nullptr;
  std::set<std::uint16_t> tainted;  // source ports that sent differing bytes
  std::map<std::uint64_t, ConnectionState> connections;

  void on_open(TcpConnection& connection) override {
    const bool fresh = connections.emplace(connection.stream(), ConnectionState{}).second;
    PKTDOC_FUZZ_PROPERTY("tcp.lifecycle", fresh);
    fuzz::use(connection.a().to_text().view());
    fuzz::use(connection.b().to_text().view());
    if (inner != nullptr) inner->on_open(connection);
  }
  void on_data(TcpConnection& connection, const TcpData& data) override {
    FlowState& flow = state(connection).flows[static_cast<std::size_t>(data.direction)];
    PKTDOC_FUZZ_PROPERTY("tcp.nonempty", !data.bytes.empty());
    PKTDOC_FUZZ_PROPERTY("tcp.contiguous", data.offset == flow.next);
    flow.next = data.offset + data.bytes.size();
    fuzz::use_all(data.bytes);
    const std::uint16_t port = data.direction == TcpDirection::a_to_b ? connection.a().port : connection.b().port;
    if (tainted.count(port) == 0) {
      const std::uint32_t start =
          connection.flow(data.direction).initial_sequence + static_cast<std::uint32_t>(data.offset);
      bool same = true;
      for (std::size_t i = 0; i < data.bytes.size() && same; ++i)
        same = data.bytes[i] == pattern(port, start + static_cast<std::uint32_t>(i), false);
      PKTDOC_FUZZ_PROPERTY("tcp.bytes-correct", same);
    }
    if (inner != nullptr) inner->on_data(connection, data);
  }
  void on_gap(TcpConnection& connection, const TcpGap& gap) override {
    FlowState& flow = state(connection).flows[static_cast<std::size_t>(gap.direction)];
    PKTDOC_FUZZ_PROPERTY("tcp.nonempty", gap.length >= 1);
    PKTDOC_FUZZ_PROPERTY("tcp.contiguous", gap.offset == flow.next);
    flow.next = gap.offset + gap.length;
    fuzz::use(tcp_gap_reason_name(gap.reason));
    if (inner != nullptr) inner->on_gap(connection, gap);
  }
  void on_notice(TcpConnection& connection, const TcpNotice& notice) override {
    // Notices come for closed connections too (data after the close).
    PKTDOC_FUZZ_PROPERTY("tcp.lifecycle", connections.count(connection.stream()) == 1);
    fuzz::use(tcp_notice_kind_name(notice.kind));
    fuzz::use(notice.bytes);
    if (inner != nullptr) inner->on_notice(connection, notice);
  }
  void on_close(TcpConnection& connection, TcpCloseReason reason) override {
    ConnectionState& connection_state = state(connection);
    connection_state.closed = true;
    fuzz::use(tcp_close_reason_name(reason));
    for (TcpDirection direction : {TcpDirection::a_to_b, TcpDirection::b_to_a}) {
      const TcpFlowInfo& info = connection.flow(direction);
      fuzz::use(info.delivered_bytes);
      PKTDOC_FUZZ_PROPERTY("tcp.contiguous",
                           info.next_offset() == connection_state.flows[static_cast<std::size_t>(direction)].next);
    }
    if (inner != nullptr) inner->on_close(connection, reason);
  }

 private:
  ConnectionState& state(TcpConnection& connection) {
    const auto it = connections.find(connection.stream());
    PKTDOC_FUZZ_PROPERTY("tcp.lifecycle", it != connections.end() && !it->second.closed);
    return it->second;
  }
};

struct HttpSink final : HttpObserver {
  void on_head(TcpConnection&, const HttpMessageEvent& event) override {
    if (event.message != nullptr) fuzz::use(event.message->head.method);
  }
  void on_body(TcpConnection&, const HttpMessageEvent&, ByteView bytes) override { fuzz::use(bytes); }
  void on_message(TcpConnection&, const HttpMessageEvent& event) override { fuzz::use(event.complete()); }
  void on_notice(TcpConnection&, const HttpNotice& notice) override { fuzz::use(notice.count); }
};

struct FtpSink final : FtpObserver {
  void on_command(TcpConnection&, const FtpCommandEvent& event) override { fuzz::use(event.command->verb); }
  void on_reply(TcpConnection&, const FtpReplyEvent& event) override { fuzz::use(event.reply->code); }
  void on_error(TcpConnection&, const FtpErrorEvent& event) override { fuzz::use(event.error.reason); }
  void on_data_connection(const FtpDataConnectionEvent& event) override {
    std::string line;
    write_ftp_data_line(event, line);
    fuzz::use(std::string_view(line));
  }
  void on_transfer_data(TcpConnection&, std::uint64_t, const TcpData& data) override { fuzz::use(data.bytes); }
};

TcpReassembler::Limits limits_for(std::uint8_t mode) {
  TcpReassembler::Limits limits;
  switch (mode & 3) {
    case 1:
      limits.max_connections = 3;
      limits.max_bytes_per_direction = 256;
      limits.max_segments_per_direction = 4;
      limits.max_buffered_bytes = 1024;
      limits.max_window = 4096;
      limits.idle_timeout = std::chrono::seconds(60);
      limits.closed_timeout = std::chrono::seconds(10);
      break;
    case 2:
      limits.max_connections = 2;
      limits.max_bytes_per_direction = 64;
      limits.max_segments_per_direction = 2;
      limits.max_buffered_bytes = 100;
      limits.max_window = 512;
      break;
    case 3:
      limits.max_connections = 1;
      limits.max_bytes_per_direction = 16384;
      limits.max_segments_per_direction = 16;
      limits.max_buffered_bytes = 16384;
      limits.max_window = 65536;
      break;
    default:
      break;
  }
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const TcpReassembler::Limits limits = limits_for(mode);
  static constexpr std::array<std::uint16_t, 4> kServerPorts = {8000, 80, 21, 20};
  const std::uint16_t server_port = kServerPorts[(mode >> 2) & 3];

  Checker checker;
  HttpSink http_sink;
  FtpSink ftp_sink;
  HttpTrackerOptions http_options;
  http_options.limits.max_head_bytes = 512;
  http_options.limits.max_line_bytes = 128;
  http_options.max_buffered_bytes = 2048;
  HttpTracker http(http_sink, http_options);
  FtpTracker ftp(ftp_sink);
  if (((mode >> 2) & 3) == 1) checker.inner = &http;
  if (((mode >> 2) & 3) == 2) checker.inner = &ftp;
  TcpReassembler reassembler(checker, limits);

  // Initial sequence numbers per connection and side (client 0, server 1).
  std::array<std::array<std::uint32_t, 2>, 4> isn{};
  fuzz::Choices choices(fuzz::hash(as_bytes(data, std::min<std::size_t>(size, 8))));
  for (std::size_t c = 0; c < 4; ++c)
    for (std::size_t side = 0; side < 2; ++side)
      isn[c][side] = (mode & 0x10) != 0 ? static_cast<std::uint32_t>(0xffffff00u + c * 0x30 + side * 0x10)
                                        : static_cast<std::uint32_t>(choices.next());

  Timestamp now{1700000000, 0};
  std::uint64_t frame = 0;
  const std::size_t count = (size - 1) / 6;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t* record = data + 1 + i * 6;
    const std::size_t connection = record[0] & 3;
    const std::size_t side = (record[0] >> 2) & 1;
    const bool differ = (record[0] & 0x80) != 0;
    std::size_t length = record[3] & 0x7f;
    if ((record[3] & 0x80) != 0) length *= 37;
    std::uint32_t sequence = isn[connection][side] + ((std::uint32_t{record[1]} << 8) | record[2]) - 256;
    if ((record[5] & 4) != 0) sequence += 0x40000000u;
    static constexpr std::array<std::int64_t, 4> kSteps = {0, 1'000'000, 100'000'000'000, 8'000'000'000'000};
    const std::int64_t step = kSteps[record[5] & 3];
    const std::int64_t total = now.nanoseconds + step % 1'000'000'000;
    now.seconds += step / 1'000'000'000 + total / 1'000'000'000;
    now.nanoseconds = static_cast<std::uint32_t>(total % 1'000'000'000);

    const std::uint16_t client_port = static_cast<std::uint16_t>(40000 + connection);
    build::Tcp tcp;
    tcp.source_port = side == 0 ? client_port : server_port;
    tcp.destination_port = side == 0 ? server_port : client_port;
    tcp.sequence_number = sequence;
    tcp.acknowledgment_number = isn[connection][1 - side] + std::uint32_t{record[4]} * 16;
    tcp.flags = 0;
    if ((record[0] & 0x08) != 0) tcp.flags |= tcp_flag::syn;
    if ((record[0] & 0x10) != 0) tcp.flags |= tcp_flag::fin;
    if ((record[0] & 0x20) != 0) tcp.flags |= tcp_flag::rst;
    if ((record[0] & 0x40) != 0) tcp.flags |= tcp_flag::ack;
    // Data starts after the SYN's sequence number when the SYN flag is set.
    const std::uint32_t first = sequence + (((record[0] & 0x08) != 0) ? 1u : 0u);
    std::vector<std::byte> payload(length);
    for (std::size_t k = 0; k < length; ++k) payload[k] = pattern(tcp.source_port, first + static_cast<std::uint32_t>(k), differ);
    if (differ && length > 0) checker.tainted.insert(tcp.source_port);

    std::vector<std::byte> packet;
    if (connection < 3) {
      build::Ipv4 ip;
      ip.source = Ipv4Address::from_uint(side == 0 ? 0xc0000201u + static_cast<std::uint32_t>(connection) : 0xc6336407u);
      ip.destination = Ipv4Address::from_uint(side == 0 ? 0xc6336407u : 0xc0000201u + static_cast<std::uint32_t>(connection));
      packet = ip.packet(tcp, payload);
    } else {
      build::Ipv6 ip;
      ip.source = *Ipv6Address::parse(side == 0 ? "2001:db8::1" : "2001:db8::2");
      ip.destination = *Ipv6Address::parse(side == 0 ? "2001:db8::2" : "2001:db8::1");
      packet = ip.packet(tcp, payload);
    }
    std::size_t captured = packet.size();
    if ((record[5] & 8) != 0 && length > 20) captured -= length - 20;
    const std::vector<std::byte> copy(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(captured));
    IpLayers layers;
    decode_ip(ByteView(copy.data(), copy.size()), layers);
    ++frame;
    if (checker.inner == &http)
      http.add(reassembler, layers, frame, now);
    else if (checker.inner == &ftp)
      ftp.add(reassembler, layers, frame, now);
    else
      reassembler.add(layers, frame, now);

    const TcpReassembler::Stats& stats = reassembler.stats();
    PKTDOC_FUZZ_PROPERTY("tcp.memory-bounded", stats.buffered_bytes <= limits.max_buffered_bytes &&
                                                   stats.peak_buffered_bytes <= limits.max_buffered_bytes);
    PKTDOC_FUZZ_PROPERTY("tcp.connections-bounded", stats.connections <= std::max<std::size_t>(limits.max_connections, 1) &&
                                                        stats.peak_connections <= std::max<std::size_t>(limits.max_connections, 1));
    if ((mode & 0x20) != 0 && i % 7 == 6) reassembler.expire(now);
  }
  if (checker.inner == &http)
    http.finish(reassembler);
  else if (checker.inner == &ftp)
    ftp.finish(reassembler);
  else
    reassembler.finish();
  for (const auto& [stream, state] : checker.connections)
    PKTDOC_FUZZ_PROPERTY("tcp.every-connection-closed", state.closed);
  fuzz::use(http.stats().buffered_bytes);
  fuzz::use(http.stats().peak_buffered_bytes);
  fuzz::use(ftp.stats().commands);
  return 0;
}
