/// @file
/// @brief TCP stream reassembly (RFC 9293): connections keyed by their addresses and ports, both
/// directions delivered in order, gaps reported, memory bounded by documented limits.
///
/// A TcpReassembler is fed decoded packets (the IpLayers of decode_packet() or decode_ip(), with
/// a frame number and a timestamp) and tells a TcpStreamHandler what happens on each connection:
/// it opened, bytes became contiguous in one direction, bytes will never come (a gap), it
/// closed. Parsers of stream protocols (HTTP, FTP) sit behind the handler and take the bytes as
/// they come, one connection and one direction at a time.
///
/// What it does, in the words of RFC 9293 (section numbers are that RFC's unless said otherwise):
/// - **Connections** are identified by the addresses and ports of both ends (section 3.3.2) and
///   numbered from 0 in the order they are first seen, exactly as Wireshark numbers `tcp.stream`
///   (see TcpReassembler for the rules). Endpoint `a` is the source of the first segment.
/// - **Sequence numbers** are compared modulo 2^32 (section 3.4) and turned into 64-bit stream
///   offsets, so a stream longer than 4 GiB and a wrap of the sequence space are the normal case.
///   SYN and FIN each take one sequence number and no stream offset; data on a SYN (TCP Fast Open,
///   RFC 7413) is delivered.
/// - **In order**: a segment that reaches the next expected byte is delivered at once, straight
///   from the packet's bytes, only its new part (section 3.10.7.4: "only the new parts are
///   processed"). Out-of-order segments are copied and held; they are delivered as soon as the
///   bytes before them are, each contributing only bytes not yet delivered. When several held
///   segments cover the same bytes, the one that arrived first among those that start at or
///   before the next expected byte wins. This is the overlap policy of Wireshark's Follow TCP
///   Stream, and what an RFC 9293 receiver that processes its held segments in arrival order
///   does; retransmissions of delivered bytes (keep-alives, spurious retransmissions) are counted
///   and dropped, whatever their content.
/// - **Gaps** are reported, never filled: when the peer acknowledges bytes beyond a hole (the
///   receiver got them, the capture did not: section 3.4), when a capture cut a segment's data
///   (snap length), and when the reassembler stops waiting (RST, idle timeout, a limit, a new
///   connection on the same ports, end of input). Nothing is ever invented.
/// - **FIN**: bytes at or beyond a FIN's sequence number are not data (section 3.10.7.4, "ignore
///   the segment text"): they are dropped and reported. **RST** ends the connection (section
///   3.5.2); what arrives afterwards on it is dropped and reported.
/// - **Limits** (TcpReassembler::Limits) bound the bytes held out of order, per direction and in
///   total, the held segments per direction, the connections tracked, and the idle time; reaching
///   one gives something up by a documented rule and reports it (a gap, or a close), never silently.
/// - **Time** comes from frame timestamps only: the same input gives the same events.
///
/// @code
/// struct Printer : pktdoc::TcpStreamHandler {
///   void on_data(pktdoc::TcpConnection& c, const pktdoc::TcpData& data) override {
///     std::printf("stream %llu %s %zu bytes at %llu\n", (unsigned long long)c.stream(),
///                 data.direction == pktdoc::TcpDirection::a_to_b ? "a>b" : "b>a", data.bytes.size(),
///                 (unsigned long long)data.offset);
///   }
///   void on_gap(pktdoc::TcpConnection& c, const pktdoc::TcpGap& gap) override {
///     std::printf("stream %llu: %llu bytes missing\n", (unsigned long long)c.stream(),
///                 (unsigned long long)gap.length);
///   }
/// };
/// Printer printer;
/// pktdoc::TcpReassembler reassembler(printer);
/// pktdoc::DecodedPacket packet;
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   pktdoc::decode_packet(frame, packet);
///   reassembler.add(packet.ip, frame.number, frame.timestamp);
/// }
/// reassembler.finish();  // the end of the capture closes what is still open
/// @endcode
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"

namespace pktdoc {

/// The text of an endpoint, "192.0.2.1:80" or "[2001:db8::1]:443", in a fixed buffer.
struct TcpEndpointText {
  /// Capacity: the longest IPv6 text, two brackets, a colon, five digits and a NUL.
  static constexpr std::size_t capacity = AddressText::capacity + 8;
  std::array<char, capacity> chars{};  ///< The characters, NUL-terminated.
  std::uint8_t length = 0;             ///< Number of characters before the NUL.

  /// @return the text as a view into this object (valid while the object lives)
  constexpr std::string_view view() const noexcept { return std::string_view(chars.data(), length); }
  /// @return the text as a NUL-terminated C string (valid while the object lives)
  constexpr const char* c_str() const noexcept { return chars.data(); }
};

/// One end of a TCP connection: an IPv4 or IPv6 address and a port (RFC 9293 section 3.3.2
/// calls the pair a socket).
struct TcpEndpoint {
  /// 4 or 6; 0 for an endpoint that is not known (a connection seen only in an ICMP error).
  std::uint8_t ip_version = 0;
  /// The address in transmission order: 16 bytes for IPv6, the first 4 for IPv4 (the rest 0).
  std::array<std::uint8_t, 16> address{};
  std::uint16_t port = 0;  ///< The TCP port, host order.

  /// @param address an IPv4 address
  /// @param port a TCP port
  /// @return the endpoint
  static TcpEndpoint from(const Ipv4Address& address, std::uint16_t port) noexcept;
  /// @param address an IPv6 address
  /// @param port a TCP port
  /// @return the endpoint
  static TcpEndpoint from(const Ipv6Address& address, std::uint16_t port) noexcept;
  /// @return the address, when ip_version is 4
  std::optional<Ipv4Address> ipv4() const noexcept;
  /// @return the address, when ip_version is 6
  std::optional<Ipv6Address> ipv6() const noexcept;
  /// Formats as Wireshark's Follow TCP Stream names the nodes: "192.0.2.1:80",
  /// "[2001:db8::1]:443", and ":0" for an endpoint that is not known.
  /// @return the text
  TcpEndpointText to_text() const noexcept;
  /// Compares version, address and port.
  friend bool operator==(const TcpEndpoint&, const TcpEndpoint&) = default;
};

/// Which way bytes flow on a connection.
enum class TcpDirection : std::uint8_t {
  a_to_b = 0,  ///< From endpoint `a` (the source of the connection's first segment) to `b`.
  b_to_a = 1,  ///< From `b` back to `a`.
};

/// @param direction a direction
/// @return the other direction
constexpr TcpDirection reverse(TcpDirection direction) noexcept {
  return direction == TcpDirection::a_to_b ? TcpDirection::b_to_a : TcpDirection::a_to_b;
}

/// Why the reassembler reports bytes of a direction as missing (TcpGap).
enum class TcpGapReason : std::uint8_t {
  /// The other side acknowledged bytes beyond the hole (RFC 9293 section 3.4: an acknowledgment
  /// says every byte before it was received), so the receiver had them and the capture missed
  /// them. Reported when the acknowledgment reaches past the start of the held data after the
  /// hole, as Wireshark's Follow TCP Stream does.
  acknowledged,
  /// The segment was seen but the capture kept fewer bytes of it than it had (a snap length): the
  /// captured part was delivered, the rest is the gap.
  not_captured,
  /// Holding a segment would have passed a cap on held bytes or segments
  /// (TcpReassembler::Limits): the direction stopped waiting for its earliest hole.
  buffer_limit,
  /// A RST ended the connection while the hole was open.
  reset,
  /// The connection was idle longer than TcpReassembler::Limits::idle_timeout.
  idle_timeout,
  /// The connection was evicted to keep within TcpReassembler::Limits::max_connections.
  evicted,
  /// A SYN with a new initial sequence number started another connection on the same addresses
  /// and ports.
  replaced,
  /// TcpReassembler::finish() was called (the end of the capture).
  end_of_input,
};

/// Why a connection closed (TcpStreamHandler::on_close()).
enum class TcpCloseReason : std::uint8_t {
  fin,           ///< Both directions sent a FIN and every byte before each FIN was delivered.
  reset,         ///< A RST was seen, in either direction (RFC 9293 section 3.5.2).
  idle_timeout,  ///< No segment for TcpReassembler::Limits::idle_timeout.
  evicted,       ///< Evicted, the least recently active first, to stay within Limits::max_connections.
  replaced,      ///< A SYN with another initial sequence number reused the addresses and ports.
  end_of_input,  ///< TcpReassembler::finish() was called while the connection was open.
};

/// Something the reassembler dropped that was neither a retransmission nor a gap.
enum class TcpNoticeKind : std::uint8_t {
  /// Bytes at or beyond the sequence number of the direction's FIN: the sender had said it was
  /// done, and a receiver ignores them (RFC 9293 section 3.10.7.4). Wireshark's Follow TCP Stream
  /// shows them; pktdoc does not.
  data_after_fin,
  /// Bytes on a connection that had already closed (after a RST, or after both FINs): the
  /// receiver had no connection to give them to. Wireshark's Follow TCP Stream shows them when
  /// they are in sequence; pktdoc does not.
  data_after_close,
  /// The data of a RST segment: RFC 9293 section 3.5.3 (and RFC 1122 section 4.2.2.12) lets a
  /// RST carry diagnostic text, which is not stream data. Dropped, not delivered.
  reset_data,
  /// A segment starting more than Limits::max_window bytes beyond the next expected byte: no
  /// receiver window is that large (RFC 7323 section 2.3), so it cannot be part of the stream.
  outside_window,
};

/// @param reason a gap reason
/// @return its enumerator name ("acknowledged", "not_captured", ...)
std::string_view tcp_gap_reason_name(TcpGapReason reason) noexcept;
/// @param reason a close reason
/// @return its enumerator name ("fin", "reset", ...)
std::string_view tcp_close_reason_name(TcpCloseReason reason) noexcept;
/// @param kind a notice kind
/// @return its enumerator name ("data_after_fin", ...)
std::string_view tcp_notice_kind_name(TcpNoticeKind kind) noexcept;

/// What the reassembler knows about one direction of a connection. All counts are in bytes of
/// stream data (SYN and FIN take none). During an on_data() or on_gap() call the counts do not
/// include the bytes of that call yet: next_offset() is the event's offset.
struct TcpFlowInfo {
  std::uint64_t delivered_bytes = 0;  ///< Bytes handed to TcpStreamHandler::on_data().
  std::uint64_t missing_bytes = 0;    ///< Bytes reported missing in gaps.
  /// Bytes dropped because they had been delivered, or were held, already (retransmissions,
  /// keep-alives; which copy counts is the overlap policy's business), or because they come
  /// before stream offset 0 of a connection picked up in the middle.
  std::uint64_t retransmitted_bytes = 0;
  std::uint64_t dropped_bytes = 0;     ///< Bytes dropped and reported by a TcpNotice.
  std::uint64_t segments = 0;          ///< Segments seen in this direction (with or without data).
  std::uint32_t initial_sequence = 0;  ///< Sequence number of stream offset 0: the SYN's plus 1,
                                       ///< or the first segment's when the SYN was not seen.
  bool syn_seen = false;               ///< A SYN was seen in this direction.
  bool fin_seen = false;               ///< A FIN was seen in this direction.
  bool finished = false;               ///< Every byte before the FIN was delivered (or reported missing).

  /// @return the stream offset of the next byte expected: delivered plus missing bytes
  std::uint64_t next_offset() const noexcept { return delivered_bytes + missing_bytes; }
};

/// A connection, as TcpStreamHandler callbacks see it.
///
/// @warning The object belongs to the TcpReassembler. It stays at the same address from
/// TcpStreamHandler::on_open() until on_close() returns, so a handler may keep a pointer to it
/// for that long, and not after. A notice about data after the close hands it out again, valid
/// during that call only.
class TcpConnection {
 public:
  /// @return the connection's number, from 0 in the order connections are first seen: Wireshark's
  ///         `tcp.stream`
  std::uint64_t stream() const noexcept { return stream_; }
  /// @return the source of the connection's first segment (Wireshark's "Node 0")
  const TcpEndpoint& a() const noexcept { return a_; }
  /// @return the other end (Wireshark's "Node 1")
  const TcpEndpoint& b() const noexcept { return b_; }
  /// @param direction a direction
  /// @return what is known about that direction
  const TcpFlowInfo& flow(TcpDirection direction) const noexcept { return flows_[static_cast<std::size_t>(direction)]; }
  /// @return the frame number of the connection's first segment
  std::uint64_t first_frame() const noexcept { return first_frame_; }
  /// @return the timestamp of the connection's first segment
  Timestamp first_seen() const noexcept { return first_seen_; }
  /// @return the timestamp of its latest segment
  Timestamp last_seen() const noexcept { return last_seen_; }
  /// @return true from the TcpStreamHandler::on_close() call for it on
  bool closed() const noexcept { return closed_; }

  /// The handler's own state for this connection (a parser, an index into a table): null until
  /// the handler sets it, typically in TcpStreamHandler::on_open(). The reassembler never reads
  /// it, and forgets it after on_close(): free what it points to there.
  void* user_data = nullptr;

 private:
  friend class TcpReassembler;
  std::uint64_t stream_ = 0;
  TcpEndpoint a_;
  TcpEndpoint b_;
  std::array<TcpFlowInfo, 2> flows_{};
  std::uint64_t first_frame_ = 0;
  Timestamp first_seen_{};
  Timestamp last_seen_{};
  bool closed_ = false;
};

/// Bytes that became contiguous in one direction (TcpStreamHandler::on_data()).
struct TcpData {
  TcpDirection direction = TcpDirection::a_to_b;  ///< Which way they flowed.
  /// Stream offset of bytes[0]: bytes (delivered or missing) before it in this direction.
  std::uint64_t offset = 0;
  /// The bytes, in order.
  /// @warning Valid only during the call: it points into the packet being added, or into the
  /// reassembler's buffers. Copy what you need to keep.
  ByteView bytes;
  std::uint64_t frame = 0;  ///< The frame whose arrival made the bytes contiguous.
};

/// Bytes of one direction that will never be delivered (TcpStreamHandler::on_gap()).
struct TcpGap {
  TcpDirection direction = TcpDirection::a_to_b;     ///< Which way they would have flowed.
  std::uint64_t offset = 0;                          ///< Stream offset of the first missing byte.
  std::uint64_t length = 0;                          ///< Number of missing bytes, at least 1.
  TcpGapReason reason = TcpGapReason::acknowledged;  ///< Why the reassembler stopped waiting.
  std::uint64_t frame = 0;                           ///< The frame being added when it did (the
                                                     ///< last frame added, for finish()).
};

/// Bytes dropped for a reason other than retransmission (TcpStreamHandler::on_notice()).
struct TcpNotice {
  TcpNoticeKind kind = TcpNoticeKind::data_after_fin;  ///< What was dropped, and why.
  TcpDirection direction = TcpDirection::a_to_b;       ///< The direction of the segment.
  std::uint64_t bytes = 0;                             ///< How many bytes of data were dropped.
  std::uint64_t frame = 0;                             ///< The frame that carried them.
};

/// Receives what a TcpReassembler finds. Override what you need; the defaults do nothing.
///
/// For each connection the calls come in this order: on_open() once, then any number of
/// on_data(), on_gap() and on_notice() in stream order per direction, then on_close() once
/// (notices about data after the close may follow it for as long as the closed connection is
/// remembered). A connection seen only in ICMP errors is numbered but never opened.
///
/// @warning Callbacks run inside TcpReassembler::add(), expire() or finish() and must not call
/// them on the same reassembler (such nested calls are ignored).
class TcpStreamHandler {
 public:
  virtual ~TcpStreamHandler();
  /// A connection's first segment arrived. `a()` is its source.
  /// @param connection the connection; set its `user_data` here to attach your state
  virtual void on_open(TcpConnection& connection);
  /// Bytes became contiguous. Consecutive calls for one direction are contiguous too, except
  /// across an on_gap() for that direction, which accounts for the bytes between.
  /// @param connection the connection
  /// @param data the bytes, their direction and stream offset; the view is valid only during the call
  virtual void on_data(TcpConnection& connection, const TcpData& data);
  /// Bytes of one direction will never come; the next on_data() for that direction, if any,
  /// starts right after them.
  /// @param connection the connection
  /// @param gap where, how many, and why
  virtual void on_gap(TcpConnection& connection, const TcpGap& gap);
  /// Bytes were dropped and will not be delivered (data after a FIN or a RST, far outside any
  /// window). The stream offsets of later data do not change.
  /// @param connection the connection
  /// @param notice what was dropped
  virtual void on_notice(TcpConnection& connection, const TcpNotice& notice);
  /// The connection closed; nothing more will be delivered on it.
  /// @param connection the connection; free what its `user_data` holds. The reference is not
  ///        valid after this call returns.
  /// @param reason why it closed
  virtual void on_close(TcpConnection& connection, TcpCloseReason reason);
};

/// What TcpReassembler::add() did with a packet.
enum class TcpAddStatus : std::uint8_t {
  segment,    ///< A TCP segment, processed; `stream` says on which connection.
  quote,      ///< A TCP header quoted by an ICMP error, or one that could not be decoded in full
              ///< (cut short, or an invalid data offset) but has its first 16 bytes: it numbers a
              ///< connection (as Wireshark does) but carries nothing; `stream` says which.
  not_tcp,    ///< No TCP header of at least 16 bytes: nothing done.
  fragment,   ///< An IP fragment: TCP is reassembled from whole datagrams only; feed the datagram
              ///< that IP defragmentation produces instead. Nothing done.
  reentrant,  ///< Called from inside a TcpStreamHandler callback: ignored.
};

/// The outcome of TcpReassembler::add().
struct TcpAddResult {
  TcpAddStatus status = TcpAddStatus::not_tcp;  ///< What was done.
  std::uint64_t stream = 0;  ///< The connection's number, for TcpAddStatus::segment and TcpAddStatus::quote.
};

/// Reassembles the TCP connections of a capture and hands their bytes, in order, to a
/// TcpStreamHandler. See pktdoc/reassembly/tcp_reassembler.hpp for the policies.
///
/// **Numbering** follows Wireshark 4.0's `tcp.stream`, so that streams can be compared with
/// tshark's: a packet whose addresses and ports match no tracked connection starts a new one
/// (including a TCP header at least 16 bytes long quoted by an ICMP error, or cut short by the
/// capture); a SYN without ACK starts a new one when its direction already has a base sequence
/// number (the SYN's, or the first segment's minus 1, or the other side's first acknowledgment
/// minus 1) and the SYN's sequence number differs from it, that is when it is not a
/// retransmission of the SYN that opened the connection (a SYN-ACK with another sequence number
/// only becomes its direction's new base). The previous connection on those ports then closes
/// (TcpCloseReason::replaced). Nothing else starts a connection: a RST or FIN does not, and
/// segments after them belong to the closed connection for Limits::closed_timeout. (Wireshark
/// remembers connections forever; pktdoc forgets them after its timeouts or when
/// Limits::max_connections forces it, so only then can the numbers differ.)
///
/// **Memory** is what the limits allow: sizeof_connection() bytes per tracked connection (up to
/// Limits::max_connections), the held out-of-order bytes (up to Limits::max_buffered_bytes in
/// total, plus a 48-byte record per held segment), and a hash table of 2 to 4 entries of 8 bytes
/// per connection at the peak. In-order data is never copied. A held segment is copied into a
/// buffer that is reused afterwards (at most 64 spare buffers of up to 64 KiB are kept).
///
/// A reassembler is not thread-safe: feed it from one thread (one per capture).
///
/// **Cost**: add() is O(1) for in-order segments (a hash lookup and an LRU update); holding or
/// draining out-of-order segments costs O(h) per segment, h the held segments of the direction
/// (at most Limits::max_segments_per_direction).
class TcpReassembler {
 public:
  /// Caps on the state the reassembler keeps. The defaults suit a whole capture file on a
  /// desktop; every one of them can be changed.
  struct Limits {
    /// Most connections tracked at once, open or recently closed (and those seen only in ICMP
    /// errors). A new connection beyond it first evicts the closed connection seen least
    /// recently, else the open connection least recently active, which closes with
    /// TcpCloseReason::evicted (its holes reported with TcpGapReason::evicted). Default 131072.
    std::size_t max_connections = 131072;
    /// Most bytes held out of order in one direction. Default 4 MiB (Linux's default largest
    /// receive buffer, tcp_rmem, is 6 MiB). See max_buffered_bytes for what happens beyond.
    std::size_t max_bytes_per_direction = std::size_t{4} << 20;
    /// Most out-of-order segments held in one direction. Default 1024.
    std::size_t max_segments_per_direction = 1024;
    /// Most bytes held out of order over all connections. Default 256 MiB. A segment that would
    /// pass this cap, max_bytes_per_direction or max_segments_per_direction makes its own
    /// direction stop waiting for its earliest hole: the hole is reported
    /// (TcpGapReason::buffer_limit), the held bytes after it are delivered, and so on until the
    /// segment fits or is itself in order. The direction that would pass a cap pays for it; other
    /// connections keep what they hold.
    std::size_t max_buffered_bytes = std::size_t{256} << 20;
    /// Farthest a segment may start beyond the next expected byte and still be held, in bytes.
    /// Default 2^30, the largest window RFC 7323 section 2.3 allows (65535 << 14, rounded up);
    /// a segment beyond it is dropped and reported (TcpNoticeKind::outside_window). At most 2^31.
    std::uint64_t max_window = std::uint64_t{1} << 30;
    /// An open connection with no segment for this long closes (TcpCloseReason::idle_timeout)
    /// and is forgotten. Default 2 hours 4 minutes, the least "established connection idle
    /// timeout" RFC 5382 (REQ-5) allows a NAT. Measured with frame timestamps.
    std::chrono::nanoseconds idle_timeout = std::chrono::seconds(7440);
    /// A closed connection (and one seen only in ICMP errors) is remembered this long after its
    /// last packet, so that late packets (the last ACK, retransmissions) are not taken for a new
    /// connection; then it is forgotten. Default 4 minutes: twice RFC 9293's Maximum Segment
    /// Lifetime, the TIME-WAIT of section 3.4.2 (and RFC 5382's transitory timeout).
    std::chrono::nanoseconds closed_timeout = std::chrono::seconds(240);
  };

  /// Counters over the reassembler's life (peaks included), for statistics and for checking
  /// the memory bounds.
  struct Stats {
    std::uint64_t packets = 0;                ///< Calls to add() that processed a segment or quote.
    std::uint64_t streams = 0;                ///< Connection numbers handed out.
    std::size_t connections = 0;              ///< Connections tracked now (open, closed, quoted).
    std::size_t open_connections = 0;         ///< Connections open now.
    std::size_t peak_connections = 0;         ///< Most connections tracked at once.
    std::size_t buffered_bytes = 0;           ///< Bytes held out of order now, all connections.
    std::size_t peak_buffered_bytes = 0;      ///< Most bytes held at once.
    std::size_t buffered_segments = 0;        ///< Segments held now.
    std::uint64_t delivered_bytes = 0;        ///< Bytes handed to on_data().
    std::uint64_t copied_bytes = 0;           ///< Bytes copied into held buffers (the rest went straight from packets).
    std::uint64_t gaps = 0;                   ///< on_gap() calls.
    std::uint64_t missing_bytes = 0;          ///< Bytes reported missing in gaps.
    std::uint64_t buffer_limit_gaps = 0;      ///< Gaps forced by a cap on held bytes or segments.
    std::uint64_t evicted_connections = 0;    ///< Open connections closed to stay within max_connections.
    std::uint64_t forgotten_connections = 0;  ///< Closed or quoted connections dropped (timeout or max_connections).
    std::uint64_t timed_out_connections = 0;  ///< Open connections closed by idle_timeout.
    std::uint64_t notices = 0;                ///< on_notice() calls.
  };

  /// Makes a reassembler with the default limits that reports to `handler`.
  /// @param handler receives the events; must outlive the reassembler
  explicit TcpReassembler(TcpStreamHandler& handler);
  /// Makes a reassembler that reports to `handler`.
  /// @param handler receives the events; must outlive the reassembler
  /// @param limits caps on the state kept (a max_window above 2^31 is taken as 2^31, a
  ///        max_connections of 0 as 1)
  TcpReassembler(TcpStreamHandler& handler, const Limits& limits);
  /// Forgets every connection without calling the handler (call finish() first to close them).
  ~TcpReassembler();
  TcpReassembler(const TcpReassembler&) = delete;             ///< Not copyable: it owns connection state.
  TcpReassembler& operator=(const TcpReassembler&) = delete;  ///< Not copyable: it owns connection state.

  /// Processes one IP packet. Endpoints are the IP source and final destination (the addresses
  /// of the TCP pseudo-header: for IPv4 the end of a source route, for IPv6 the end of a Routing
  /// header; otherwise the Destination Address). Only IpLayers with a TCP header matter: a whole segment
  /// (`ip.tcp`), or a TCP header of at least 16 bytes that could not be decoded in full (an
  /// ICMP quote, a cut capture; from `ip.error_bytes`), which only numbers its connection.
  /// Segments of IP fragments are ignored: feed the reassembled datagram. Checksums are not
  /// verified (as Wireshark does by default); filter bad segments first if you need to.
  ///
  /// The segment length is `ip.transport_length` minus the TCP header: when the capture kept
  /// fewer bytes than that, the captured part is delivered and the rest reported as a gap.
  ///
  /// Timeouts are applied first, with `timestamp` as the time (the latest timestamp seen so
  /// far is used when timestamps go backwards).
  /// @param ip the IP packet and its layers, from decode_packet() or decode_ip()
  /// @param frame the frame number, carried into events
  /// @param timestamp when the packet was captured
  /// @return what was done with the packet, and on which connection
  TcpAddResult add(const IpLayers& ip, std::uint64_t frame, Timestamp timestamp);

  /// Adds every IP packet of a decoded frame that may carry TCP: the frame's own and those
  /// inside it (tunnelled, or quoted by ICMP errors), outermost first, as Wireshark dissects them.
  /// @param frame the frame (its number and timestamp are used)
  /// @param packet the frame decoded by decode_packet()
  void add(const Frame& frame, const DecodedPacket& packet);

  /// Applies the timeouts as of `now` without a packet (for a live capture that goes quiet).
  /// @param now the current time, in the capture's clock
  void expire(Timestamp now);

  /// Ends the input: every open connection closes with TcpCloseReason::end_of_input, in the
  /// order of their numbers, its holes reported as gaps (TcpGapReason::end_of_input) and what
  /// it held after them delivered. Numbering goes on if more packets are added afterwards.
  void finish();

  /// @return the limits in force
  const Limits& limits() const noexcept { return limits_; }
  /// @return the counters
  const Stats& stats() const noexcept { return stats_; }
  /// @return the bytes of one tracked connection's own state (held data not included)
  static std::size_t sizeof_connection() noexcept;

 private:
  struct Connection;
  struct Flow;
  struct Held;
  struct Key;
  struct Segment;
  class Table;

  Connection* lookup_or_create(const Key& key, const Segment& segment);
  Connection& create(const Key& key, std::uint64_t hash);
  void process(Connection& connection, const Segment& segment);
  void handle_ack(Connection& connection, TcpDirection direction, std::uint32_t ack);
  void place(Connection& connection, TcpDirection direction, std::uint64_t start, std::uint64_t end, ByteView bytes);
  void deliver(Connection& connection, TcpDirection direction, std::uint64_t start, std::uint64_t end, ByteView bytes);
  void drain(Connection& connection, TcpDirection direction);
  bool hold(Connection& connection, TcpDirection direction, std::uint64_t start, std::uint64_t end, ByteView bytes);
  void give_up_hole(Connection& connection, TcpDirection direction, TcpGapReason reason);
  void gap(Connection& connection, TcpDirection direction, std::uint64_t length, TcpGapReason reason);
  void notice(Connection& connection, TcpDirection direction, TcpNoticeKind kind, std::uint64_t bytes);
  void check_finished(Connection& connection, TcpDirection direction);
  void close(Connection& connection, TcpCloseReason reason);
  void forget(Connection& connection);
  void release_held(Flow& flow);
  void touch(Connection& connection);
  void unlink(Connection& connection);
  void expire_until(std::int64_t now_ns);
  void make_room();

  TcpStreamHandler& handler_;
  Limits limits_;
  Stats stats_{};
  std::unique_ptr<Table> table_;
  std::vector<std::unique_ptr<Connection>> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<std::vector<std::byte>> spare_buffers_;
  std::uint32_t open_head_ = 0, open_tail_ = 0;      // LRU of open connections (slot + 1; 0 = none)
  std::uint32_t closed_head_ = 0, closed_tail_ = 0;  // LRU of closed and quoted connections
  std::int64_t now_ns_ = INT64_MIN;
  std::uint64_t frame_ = 0;
  std::uint64_t arrivals_ = 0;
  bool busy_ = false;
};

}  // namespace pktdoc
