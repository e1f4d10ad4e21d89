// The capture generator's toolkit: a capture file with its own clock, the hosts of the
// documentation networks, and TcpFlow, which plays both ends of a TCP connection the way real
// stacks do (timestamps on every segment, windows that grow, IPv4 identifications that count up
// or stay 0, TTLs that show how far a packet came).
//
// Nothing here reads a clock or draws a random number: every byte of every capture follows from
// the recipes in the other files, so that regenerating gives the same files byte for byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pktdoc/address.hpp"
#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/tcp_builder.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/capture_writer.hpp"

namespace gen {

using pktdoc::build::Bytes;

// The first second of 2011-05-01 UTC, the month the original project recorded its captures in.
// Every capture starts at a fixed offset from it (see the recipes).
inline constexpr std::int64_t epoch_2011_05_01 = 1304208000;

// Microseconds, the resolution of the pcap files written.
using Micros = std::int64_t;
inline constexpr Micros ms = 1000;
inline constexpr Micros sec = 1000000;

// Parses a documentation address written in a recipe; a typo is a bug in the generator.
pktdoc::Ipv4Address ipv4(std::string_view text);
pktdoc::Ipv6Address ipv6(std::string_view text);
pktdoc::MacAddress mac(std::string_view text);
inline const pktdoc::MacAddress broadcast_mac{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

// Bytes of a string, as a view that lives as long as the string.
inline pktdoc::ByteView bytes_of(std::string_view text) { return pktdoc::as_bytes(text); }

// A small, fixed pseudo-random sequence (xorshift64*): for bytes that stand for opaque data
// (SCTP cookies, image noise). Seeded by the recipe, so it is the same on every run.
class Prng {
 public:
  explicit Prng(std::uint64_t seed) : state_(seed == 0 ? 0x9E3779B97F4A7C15ULL : seed) {}
  std::uint64_t next();
  std::uint32_t below(std::uint32_t bound) { return static_cast<std::uint32_t>(next() % bound); }
  Bytes bytes(std::size_t count);

 private:
  std::uint64_t state_;
};

// One capture file being written, with the time of the next frame.
//
// The clock starts at `start` (seconds since the Unix epoch); wait() moves it on. Frames longer
// than the snapshot length are cut to it, with their original length kept, as tcpdump -s does.
class CaptureFile {
 public:
  CaptureFile(const std::string& directory, const std::string& name, pktdoc::LinkType link_type, std::int64_t start,
              std::uint32_t snapshot_length = 262144);
  CaptureFile(const CaptureFile&) = delete;
  CaptureFile& operator=(const CaptureFile&) = delete;
  ~CaptureFile();

  // Moves the clock on by `delay` microseconds.
  void wait(Micros delay) { now_ += delay; }
  // Microseconds since the capture started, on the recipes' clock (what wait() adds up).
  Micros elapsed() const { return now_; }
  // Microseconds since the capture started, as written in the file: the recipes' clock runs
  // 1.37 % slow against it, so that the timing keeps the shape the recipes describe (round trips,
  // timers, pacing) without reproducing any real capture's timestamps. TCP timestamps, ICMP echo
  // times and HTTP dates follow this clock too.
  Micros stamp() const { return now_ + now_ * 137 / 10000; }
  // Writes a frame at the current time.
  void write(const Bytes& frame);
  // Flushes and closes; throws std::runtime_error when the file could not be written.
  void close();
  std::uint64_t frames() const { return writer_.frames_written(); }

 private:
  pktdoc::CaptureWriter writer_;
  std::string path_;
  std::int64_t start_;
  Micros now_ = 0;
  std::uint32_t snapshot_length_;
  bool closed_ = false;
};

// One end of a TCP connection, as its operating system would set it up.
struct TcpEnd {
  // The headers of the packets this end sends (link and IP; TTL or hop limit as captured).
  pktdoc::build::Path path{};
  std::uint16_t port = 0;
  std::uint32_t initial_sequence_number = 0;
  // MSS, SACK permitted and window scale of its SYN or SYN-ACK (0 or less: not sent).
  std::uint16_t mss = 1460;
  bool sack_permitted = true;
  int window_shift = -1;
  // Linux writes MSS, SACK_PERM, TS, NOP, WS; FreeBSD and Windows MSS, NOP, WS, SACK_PERM, TS.
  bool bsd_option_order = false;
  // RFC 7323 timestamps on every segment when set: TSval counts `timestamp_hz` ticks a second
  // from `timestamp_base`.
  bool timestamps = true;
  std::uint32_t timestamp_base = 0;
  std::uint32_t timestamp_hz = 1000;
  // The window field of its SYN, then of the segments after (before scaling).
  std::uint16_t syn_window = 5840;
  std::uint16_t window = 92;
  // IPv4: the Identification of its next packet, and whether it counts up (Linux) or is always
  // 0 (a stack that relies on DF and never fragments).
  std::uint16_t ipv4_identification = 0;
  bool identification_counts = true;
};

// Both ends of a TCP connection, writing each segment to a capture as it is sent.
//
// Each side's sequence number starts at its ISN and moves by SYN, FIN and data; the
// acknowledgment number takes in everything the other side has sent, unless a call gives one.
// Timestamp echo replies carry the other side's latest TSval.
class TcpFlow {
 public:
  enum class Side { client, server };

  TcpFlow(CaptureFile& capture, TcpEnd client, TcpEnd server);

  // The handshake, one segment each.
  void syn();
  void syn_ack();
  // An ACK without data from `from`.
  void ack(Side from);
  // One segment of data (PSH and ACK unless told otherwise).
  void send(Side from, pktdoc::ByteView data, std::uint16_t flags = pktdoc::tcp_flag::psh | pktdoc::tcp_flag::ack);
  void send(Side from, std::string_view text, std::uint16_t flags = pktdoc::tcp_flag::psh | pktdoc::tcp_flag::ack) {
    send(from, bytes_of(text), flags);
  }
  void fin(Side from);
  // A RST: without ACK and with window 0, as a host sends when data reaches a closed socket.
  void rst(Side from);
  // A RST with ACK, as a host answers a SYN to a port nothing listens on.
  void rst_ack(Side from);

  // A segment anywhere in `from`'s stream, without moving its next sequence number: for
  // retransmissions, reordering and overlaps. `offset` counts from its first data byte.
  // `ack_offset`: the other side's stream offset to acknowledge (nothing: all it sent).
  void segment_at(Side from, std::uint32_t offset, pktdoc::ByteView data,
                  std::uint16_t flags = pktdoc::tcp_flag::ack, std::optional<std::uint32_t> ack_offset = {},
                  const std::vector<pktdoc::TcpSackBlock>& sack = {});
  // An ACK of `ack_offset` bytes of the other side's stream, with SACK blocks given as stream
  // offsets [left, right): a duplicate ACK.
  void ack_at(Side from, std::uint32_t ack_offset, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& sack = {});
  // Moves `from`'s next sequence number on by `count` data bytes that were written with
  // segment_at() (the bytes are then "sent").
  void advance(Side from, std::uint32_t count) { end(from).next_sequence += count; }

  // The window field `from` writes from now on.
  void set_window(Side from, std::uint16_t window) { end(from).config.window = window; }
  // Grows `from`'s window by `step` up to `limit`, as Linux opens its receive window while the
  // reader keeps up.
  void grow_window(Side from, std::uint16_t step, std::uint16_t limit);
  std::uint32_t next_sequence(Side side) const { return end(side).next_sequence; }
  std::uint32_t bytes_sent(Side side) const { return end(side).next_sequence - end(side).config.initial_sequence_number - 1; }
  std::uint32_t sequence_at(Side side, std::uint32_t offset) const {
    return end(side).config.initial_sequence_number + 1 + offset;
  }
  // The ack number `from` writes by default: everything the other side sent.
  std::uint32_t acknowledgment(Side from) const { return end(other(from)).next_sequence; }

  // Sends `data` from `from` in segments of at most `mss` bytes, the receiver acknowledging
  // every `ack_every` segments (and the last) after `rtt`; the sender sends back to back,
  // `gap` apart. PSH on the last segment only.
  void send_segments(Side from, std::string_view data, std::size_t mss, Micros gap, Micros rtt, int ack_every = 2,
                     std::uint16_t window_step = 0, std::uint16_t window_limit = 0);

  static Side other(Side side) { return side == Side::client ? Side::server : Side::client; }

 private:
  struct End {
    TcpEnd config;
    std::uint32_t next_sequence = 0;
    std::uint32_t last_tsval = 0;
  };
  End& end(Side side) { return side == Side::client ? ends_[0] : ends_[1]; }
  const End& end(Side side) const { return side == Side::client ? ends_[0] : ends_[1]; }
  std::uint32_t tsval(Side side);
  pktdoc::build::TcpOptionList options(Side side, bool syn, const std::vector<pktdoc::TcpSackBlock>& sack = {});
  void emit(Side from, pktdoc::build::Tcp tcp, pktdoc::ByteView data);

  CaptureFile& capture_;
  End ends_[2];
};

// Actions at absolute times, run in time order (actions at the same time in the order they were
// added): for captures where several conversations overlap, each described on its own timeline.
class Schedule {
 public:
  void at(Micros time, std::function<void()> action);
  // Runs every action, moving the capture's clock to each one's time; clears the schedule.
  void run(CaptureFile& capture);

 private:
  struct Entry {
    Micros time;
    std::size_t order;
    std::function<void()> action;
  };
  std::vector<Entry> entries_;
};

// How a server sends a response and how the client acknowledges it.
struct ResponseTiming {
  Micros round_trip = 50 * ms;   // request sent -> first response byte back, without server time
  Micros server_time = 2 * ms;   // the server's work before it answers
  Micros queue_delay = 0;        // more time before the first segment (behind a pipelined answer)
  Micros gap = 1'200;            // between the segments of one flight (the bottleneck's pace)
  std::size_t mss = 1448;        // data per segment
  std::size_t initial_window = 4;  // segments in the first flight; each next flight doubles
  Micros ack_delay = 15;         // segment arrives -> client's ACK
  int ack_every = 1;             // the client acknowledges every Nth segment (and the last)
  bool server_acks_request = false;  // a pure ACK of the request before the response (slow server)
  bool client_acks_last = true;  // the client acknowledges the end of the response at once
  std::uint16_t window_step = 0;    // the client's window grows by this on each ACK...
  std::uint16_t window_limit = 0;   // ...up to this
};

// Schedules a request from the client at `time` and the server's response; returns the time the
// last response segment arrives. The client sends `request` in one segment.
Micros schedule_exchange(Schedule& schedule, TcpFlow& flow, Micros time, std::string request, std::string response,
                         const ResponseTiming& timing);

// The description of one bundled capture and the function that writes it into a folder.
struct Recipe {
  std::string file;         // file name in captures/
  std::string description;  // one line: what it shows
  std::function<void(const std::string& directory)> write;
};

// The recipes of each family, in the files named after them.
std::vector<Recipe> fragment_recipes();
std::vector<Recipe> arp_recipes();
std::vector<Recipe> ftp_recipes();
std::vector<Recipe> http_recipes();
std::vector<Recipe> dns_recipes();
std::vector<Recipe> sctp_recipes();
std::vector<Recipe> tcp_recipes();
std::vector<Recipe> link_recipes();

}  // namespace gen
