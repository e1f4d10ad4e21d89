/// @file
/// @brief HTTP/1.x over reassembled TCP: HttpTracker, a TcpStreamHandler that runs an
/// HttpStreamParser on each direction of every HTTP connection, matches responses to requests,
/// and reports each message, its body bytes and what went wrong to an HttpObserver.
///
/// Which connections are HTTP: those with an endpoint on one of HttpTrackerOptions::ports
/// (Wireshark's HTTP ports by default), and, when HttpTrackerOptions::detect_by_content is on,
/// those whose first bytes in either direction are an HTTP/1.x request-line or status-line
/// (is_http_start_line()), which is what Wireshark's HTTP heuristic looks for.
///
/// Each direction's role (requests or responses) is decided by its first message. Requests are
/// matched to responses first in, first out (RFC 9112 section 9.3.2: responses come in the order
/// of the requests), so a response to HEAD has no body and one to CONNECT opens a tunnel; a 1xx
/// response leaves its request waiting for the final response.
///
/// A gap in the stream (TcpGap) is never papered over: the message it falls in is reported with
/// HttpErrorKind::truncated. A gap inside a body of known length costs only that message; any
/// other gap ends HTTP on that direction (the framing is lost), reported once.
///
/// @code
/// struct Printer : pktdoc::HttpObserver {
///   void on_message(pktdoc::TcpConnection& c, const pktdoc::HttpMessageEvent& e) override {
///     const pktdoc::HttpHead& head = e.message->head;
///     if (!e.complete())
///       std::printf("stream %llu: cut: %s\n", (unsigned long long)c.stream(), e.error.reason);
///     else if (head.is_request())
///       std::printf("%s %s\n", std::string(head.method).c_str(), std::string(head.target).c_str());
///     else
///       std::printf("%u, %llu body bytes\n", head.status_code,
///                   (unsigned long long)e.message->body_length);
///   }
/// } printer;
/// pktdoc::HttpTracker http(printer);
/// pktdoc::TcpReassembler tcp(http);
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   pktdoc::decode_packet(frame, packet);
///   http.add(tcp, frame, packet);
/// }
/// http.finish(tcp);
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "pktdoc/http.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace pktdoc {

/// The TCP ports on which Wireshark 4.0 decodes HTTP by default (`tshark -G decodes`): HTTP, IPP,
/// SSDP, BitTorrent trackers, UPnP, proxies (3128, 3132), DAAP, WinRM, alternative HTTP ports and
/// HKP (11371).
inline constexpr std::array<std::uint16_t, 12> http_default_ports = {80,   631,  1900, 2710, 2869, 3128,
                                                                     3132, 3689, 5985, 8080, 8088, 11371};

/// A message that ended, or a head that completed (HttpObserver).
struct HttpMessageEvent {
  TcpDirection direction = TcpDirection::a_to_b;  ///< The direction that carried it.
  std::uint64_t first_frame = 0;                  ///< The frame that brought its first byte.
  /// The frame that completed it (for a body delimited by the close, the frame with the FIN), or,
  /// when it ended in an error, the frame being handled then.
  std::uint64_t frame = 0;
  /// HttpErrorKind::none when the message is complete; otherwise why it ended early:
  /// HttpErrorKind::truncated (bytes missing, or the connection ended first), HttpErrorKind::invalid
  /// or HttpErrorKind::limit (it could not be parsed; nothing more is parsed on that direction).
  HttpError error;
  /// The message: its head (once complete), framing, body length, the request it answers.
  /// @warning Valid only during the call.
  const HttpMessage* message = nullptr;

  /// @return true when the message is complete
  bool complete() const noexcept { return error.kind == HttpErrorKind::none; }
};

/// Something the tracker reports that is not one message.
enum class HttpNoticeKind : std::uint8_t {
  /// A request beyond HttpLimits::max_pending_requests was not remembered: its response will
  /// be framed as if it answered a request that is not known.
  pending_limit,
  /// The connection closed with requests that got no response (`count` of them).
  unanswered_requests,
  /// Bytes of a direction that were not parsed (`count` bytes): after a tunnel opened (CONNECT),
  /// the protocol switched (101), or the direction stopped on an error.
  unparsed_bytes,
};

/// @param kind a notice kind
/// @return its enumerator name ("pending_limit", ...)
std::string_view http_notice_kind_name(HttpNoticeKind kind) noexcept;

/// A notice (HttpObserver::on_notice()).
struct HttpNotice {
  HttpNoticeKind kind = HttpNoticeKind::pending_limit;  ///< What happened.
  TcpDirection direction = TcpDirection::a_to_b;        ///< The direction concerned.
  std::uint64_t count = 0;                              ///< Requests or bytes, by kind.
  std::uint64_t frame = 0;                              ///< The frame being handled.
};

/// Receives what an HttpTracker finds. Override what you need; the defaults do nothing.
///
/// For each message: on_head() once its head is complete, on_body() for its body bytes, then
/// on_message() exactly once when it ends (complete or not); a message whose head never
/// completed gets only on_message(). Messages of one direction come in stream order.
///
/// @warning Calls are made from inside TcpReassembler::add(), expire() and finish() (and so from
/// HttpTracker::add() and HttpTracker::finish()); the TcpConnection reference is valid during the
/// call only.
class HttpObserver {
 public:
  virtual ~HttpObserver();
  /// A message's head is complete.
  /// @param connection the TCP connection
  /// @param event the message (body_length 0); `frame` is the frame that completed the head
  virtual void on_head(TcpConnection& connection, const HttpMessageEvent& event);
  /// Body bytes of a message, de-chunked, in order.
  /// @param connection the TCP connection
  /// @param event the message (body_length does not count `bytes` yet)
  /// @param bytes the bytes; valid only during the call
  virtual void on_body(TcpConnection& connection, const HttpMessageEvent& event, ByteView bytes);
  /// A message ended: complete, or cut short (see HttpMessageEvent::error).
  /// @param connection the TCP connection
  /// @param event the message and how it ended
  virtual void on_message(TcpConnection& connection, const HttpMessageEvent& event);
  /// Something not tied to one message.
  /// @param connection the TCP connection
  /// @param notice what happened
  virtual void on_notice(TcpConnection& connection, const HttpNotice& notice);
};

/// What an HttpTracker tracks, and with which limits.
struct HttpTrackerOptions {
  /// Connections with either port in this list are HTTP. Default http_default_ports.
  std::vector<std::uint16_t> ports{http_default_ports.begin(), http_default_ports.end()};
  /// Connections on other ports are HTTP when the first bytes delivered on them, in either
  /// direction, begin with a complete HTTP/1.x start line (is_http_start_line()). Default on.
  /// Wireshark retries its heuristic on every segment and gives way to dissectors registered
  /// for the port (FTP on 21, for instance); pktdoc decides once, on the first bytes.
  bool detect_by_content = true;
  /// Limits of every parser.
  HttpLimits limits{};
  /// Most bytes the parsers of all connections may hold together (their buffers: heads, trailer
  /// sections, chunk-size lines, kept bodies, pending requests). Each parser is bounded by
  /// `limits` already; this bounds their sum, since there may be as many parsers as TCP
  /// connections. A parser whose growth passes it is stopped (HttpErrorKind::limit, reported
  /// through HttpObserver::on_message() when a message was in progress) and its buffers freed:
  /// the direction that would pass the cap pays for it, the others keep what they hold.
  /// Default 256 MiB.
  std::size_t max_buffered_bytes = std::size_t{256} << 20;
  /// Parser pairs of closed connections kept for reuse (a parser holding more than 16 KiB of
  /// buffers frees them first).
  /// Default 64.
  std::size_t max_spare_conversations = 64;
};

/// Runs HTTP/1.x parsers on the connections a TcpReassembler hands it. See
/// pktdoc/reassembly/http_tracker.hpp for which connections and how messages are matched.
///
/// Give it to a TcpReassembler as its handler, and feed the reassembler through the tracker's
/// add(): the reassembler reports no event for a FIN that carries no data, yet a response
/// delimited by the close ends at that FIN, and the tracker needs the frame number for it. (Fed
/// directly, the reassembler still drives the tracker; such a response then ends when the
/// connection closes, and events without a frame of their own carry the latest frame seen.)
///
/// **Memory**: per HTTP connection, two HttpStreamParser (each bounded by
/// HttpTrackerOptions::limits) and about 600 bytes; per connection being decided
/// (detect_by_content), a table entry. Connections are tracked from on_open() to on_close(), so
/// there are never more than the reassembler's TcpReassembler::Limits::max_connections. The
/// parsers' buffers together stay within HttpTrackerOptions::max_buffered_bytes (plus what one
/// parser adds in one call: at most a head, HttpLimits::max_head_bytes). Up to
/// HttpTrackerOptions::max_spare_conversations parser pairs are kept for reuse, so that a capture
/// of many short connections does not allocate for each.
///
/// **Cost**: O(1) per TCP event (a hash lookup) plus the parsers' O(n) in the bytes.
///
/// The tracker does not use TcpConnection::user_data: another handler may.
class HttpTracker : public TcpStreamHandler {
 public:
  /// What to track and with which limits: see HttpTrackerOptions.
  using Options = HttpTrackerOptions;

  /// Counters over the tracker's life.
  struct Stats {
    std::uint64_t connections = 0;         ///< Connections taken for HTTP.
    std::uint64_t requests = 0;            ///< Complete requests.
    std::uint64_t responses = 0;           ///< Complete responses (interim ones included).
    std::uint64_t truncated_messages = 0;  ///< Messages that ended with HttpErrorKind::truncated.
    std::uint64_t invalid_messages = 0;    ///< Messages that ended with HttpErrorKind::invalid or limit.
    std::uint64_t body_bytes = 0;          ///< De-chunked body bytes delivered.
    std::size_t conversations = 0;         ///< HTTP connections tracked now.
    std::size_t peak_conversations = 0;    ///< Most HTTP connections tracked at once.
    std::size_t buffered_bytes = 0;        ///< Bytes the parsers of tracked connections hold now.
    std::size_t peak_buffered_bytes = 0;   ///< Most bytes they held at once.
    std::uint64_t memory_stops = 0;        ///< Parsers stopped by HttpTrackerOptions::max_buffered_bytes.
  };

  /// Makes a tracker that reports to `observer`.
  /// @param observer receives the messages; must outlive the tracker
  /// @param options ports, content detection and parser limits
  explicit HttpTracker(HttpObserver& observer, const HttpTrackerOptions& options = HttpTrackerOptions{});
  /// Frees the state of the connections still tracked, reporting nothing (let the reassembler
  /// finish() first to end them properly).
  ~HttpTracker() override;
  HttpTracker(const HttpTracker&) = delete;             ///< Not copyable: it owns parser state.
  HttpTracker& operator=(const HttpTracker&) = delete;  ///< Not copyable: it owns parser state.

  /// Decides whether the connection is HTTP (by port) or waits for its first bytes.
  /// @param connection the new connection
  void on_open(TcpConnection& connection) override;
  /// Parses the bytes with the parser of their direction.
  /// @param connection the connection
  /// @param data the bytes
  void on_data(TcpConnection& connection, const TcpData& data) override;
  /// Tells the parser of the direction that bytes are missing.
  /// @param connection the connection
  /// @param gap the missing bytes
  void on_gap(TcpConnection& connection, const TcpGap& gap) override;
  /// Ends both directions: a direction closed by a FIN ends a body delimited by the close; any
  /// other end cuts the message in progress (HttpErrorKind::truncated). Reports requests left
  /// without a response and bytes not parsed.
  /// @param connection the connection
  /// @param reason why it closed
  void on_close(TcpConnection& connection, TcpCloseReason reason) override;

  /// Gives one IP packet to `reassembler` (whose handler is this tracker), the way to feed it:
  /// the tracker learns the frame number first, so that what happens without a frame of its own
  /// is dated right (a direction ended by a FIN that carries no data, which ends a response
  /// delimited by the close, at that frame), and it checks after the packet whether a FIN ended
  /// a direction.
  /// @param reassembler the reassembler that reports to this tracker
  /// @param ip the IP packet and its layers, from decode_packet() or decode_ip()
  /// @param frame the frame number
  /// @param timestamp the frame's timestamp
  /// @return what TcpReassembler::add() returned
  TcpAddResult add(TcpReassembler& reassembler, const IpLayers& ip, std::uint64_t frame, Timestamp timestamp);
  /// Gives every IP packet of a decoded frame to `reassembler`, as TcpReassembler::add(const
  /// Frame&, const DecodedPacket&) does: the frame's own, then those inside it.
  /// @param reassembler the reassembler that reports to this tracker
  /// @param frame the frame (its number and timestamp are used)
  /// @param packet the frame decoded by decode_packet()
  void add(TcpReassembler& reassembler, const Frame& frame, const DecodedPacket& packet);
  /// Ends the input: `reassembler.finish()`, which closes every open connection (their messages
  /// in progress end truncated).
  /// @param reassembler the reassembler that reports to this tracker
  void finish(TcpReassembler& reassembler);

  /// @return the counters
  const Stats& stats() const noexcept { return stats_; }
  /// @return the options in force
  const Options& options() const noexcept { return options_; }

 private:
  struct Conversation;
  struct Side;
  Conversation* find(std::uint64_t stream) noexcept;
  Conversation& start(TcpConnection& connection);
  void feed(Conversation& conversation, TcpDirection direction, ByteView bytes, std::uint64_t frame);
  void ended(Conversation& conversation, TcpDirection direction, const HttpParse& step, std::uint64_t frame);
  void finish_side(Conversation& conversation, TcpDirection direction, bool clean, std::uint64_t frame);
  void account(Conversation& conversation, TcpDirection direction);
  bool is_http_port(std::uint16_t port) const noexcept;

  HttpObserver& observer_;
  Options options_;
  Stats stats_{};
  // Connection number -> its conversation; null while its first bytes are awaited.
  std::unordered_map<std::uint64_t, std::unique_ptr<Conversation>> conversations_;
  std::vector<std::unique_ptr<Conversation>> spares_;
  std::uint64_t frame_ = 0;  // the latest frame seen in an event
};

}  // namespace pktdoc
