/// @file
/// @brief FTP over reassembled TCP: FtpTracker, a TcpStreamHandler that parses control
/// connections (commands, replies), links each data connection to the command that announced it
/// (PORT, EPRT, PASV, EPSV), and tells what became of it.
///
/// The outcome of every announced data connection (FtpDataOutcome) is reported exactly once:
/// - **rejected**: the server answered the command with a 4yz or 5yz reply, as the real captures
///   show for PORT ("500 Invalid address rejected.") and PASV ("425 Can't open passive
///   connection");
/// - **completed**: the announced connection was made, carried its bytes (counted per direction)
///   and closed with a FIN each way, nothing missing;
/// - **refused**: the connection's SYN was answered by a RST (RFC 9293 section 3.10.7.1: no one
///   listening);
/// - **unanswered**: its SYN got no answer before the connection was given up;
/// - **aborted**: it was established, then reset;
/// - **incomplete**: it was established, but the capture ended (or a TCP limit gave it up) before
///   it closed, or bytes of it are missing;
/// - **never_made**: the server accepted the command but no connection to the announced endpoint
///   was seen before another data-connection command replaced it or the control connection ended;
/// - **no_reply**: the control connection ended before the server answered the command.
///
/// A data connection is linked to an announcement when its first segment goes to or comes from
/// the announced address and port, or comes to the announced port of the control connection's
/// server (passive) or client (active) address: the announced address may differ when a NAT
/// rewrote the control connection but not the text of the reply.
///
/// @code
/// struct Printer : pktdoc::FtpObserver {
///   void on_data_connection(const pktdoc::FtpDataConnectionEvent& e) override {
///     std::string line;
///     pktdoc::write_ftp_data_line(e, line);  // "data control=0 command=EPSV 2 ... outcome=completed ..."
///     std::puts(line.c_str());
///   }
/// } printer;
/// pktdoc::FtpTracker ftp(printer);
/// pktdoc::TcpReassembler tcp(ftp);
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   pktdoc::decode_packet(frame, packet);
///   ftp.add(tcp, frame, packet);
/// }
/// ftp.finish(tcp);
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pktdoc/ftp.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace pktdoc {

/// Who opens a data connection.
enum class FtpDataMode : std::uint8_t {
  active,   ///< PORT or EPRT: the client announces its address, the server connects to it.
  passive,  ///< PASV or EPSV: the server announces its address, the client connects to it.
};

/// What became of an announced data connection (see pktdoc/reassembly/ftp_tracker.hpp).
enum class FtpDataOutcome : std::uint8_t {
  completed,   ///< Made, closed by FIN both ways, nothing missing.
  refused,     ///< The SYN was answered by a RST.
  unanswered,  ///< The SYN was never answered.
  aborted,     ///< Established, then reset.
  incomplete,  ///< Established, not closed before the capture ended or a limit gave it up, or bytes missing.
  never_made,  ///< Accepted, but no connection to the endpoint was seen.
  rejected,    ///< The server answered the command with a 4yz or 5yz reply.
  no_reply,    ///< The control connection ended before the server answered.
};

/// @param outcome an outcome
/// @return its enumerator name ("completed", "refused", ...)
std::string_view ftp_data_outcome_name(FtpDataOutcome outcome) noexcept;

/// A command seen on a control connection (FtpObserver::on_command()).
struct FtpCommandEvent {
  TcpDirection direction = TcpDirection::a_to_b;  ///< The client's direction.
  std::uint64_t frame = 0;                        ///< The frame that completed the line.
  const FtpCommand* command = nullptr;            ///< The command. @warning Valid only during the call.
};

/// A reply seen on a control connection (FtpObserver::on_reply()).
struct FtpReplyEvent {
  TcpDirection direction = TcpDirection::a_to_b;  ///< The server's direction.
  std::uint64_t frame = 0;                        ///< The frame that completed the reply.
  const FtpReply* reply = nullptr;                ///< The reply. @warning Valid only during the call.
  /// The verb (upper case) and argument of the command it answers, first in first out, a 1yz
  /// reply leaving its command waiting for the final one (RFC 959 section 4.2); both empty for
  /// the greeting and for replies no command was waiting for. Valid only during the call.
  std::string_view command_verb;
  std::string_view command_argument;  ///< See command_verb.
};

/// A line that could not be parsed, or a line or reply cut by missing bytes
/// (FtpObserver::on_error()).
struct FtpErrorEvent {
  TcpDirection direction = TcpDirection::a_to_b;  ///< The direction of the line.
  std::uint64_t frame = 0;                        ///< The frame being handled.
  FtpError error;                                 ///< What and where.
};

/// What became of one announced data connection (FtpObserver::on_data_connection()).
/// @warning The views point into the tracker: valid only during the call.
struct FtpDataConnectionEvent {
  std::uint64_t control_stream = 0;                     ///< The control connection's number (`tcp.stream`).
  FtpDataMode mode = FtpDataMode::passive;              ///< Who was to connect.
  FtpDataOutcome outcome = FtpDataOutcome::never_made;  ///< What became of it.
  std::uint64_t frame = 0;                              ///< The frame being handled when the outcome was known.
  std::string_view command;                             ///< "PORT", "EPRT", "PASV" or "EPSV".
  std::string_view argument;        ///< Its argument as sent (cut to FtpTrackerOptions::max_kept_text).
  std::uint64_t command_frame = 0;  ///< The frame that completed the command.
  std::uint16_t reply_code = 0;     ///< The final reply to it; 0 when none came.
  std::string_view reply_text;      ///< That reply's first line of text.
  std::uint64_t reply_frame = 0;    ///< The frame that completed that reply; 0 when none came.
  /// The endpoint announced: from PORT or EPRT, from the 227 reply, or the control connection's
  /// server address with the port of the 229 reply; nothing when the text gave none (a rejected
  /// PASV, a malformed argument).
  std::optional<TcpEndpoint> endpoint;
  /// Why the announcement could not be read, when `endpoint` is empty and the text was there:
  /// the parse error of parse_ftp_port() and the like. "" otherwise.
  std::string_view endpoint_error;
  std::optional<std::uint64_t> data_stream;  ///< The data connection's number, when one was linked.
  std::uint64_t data_first_frame = 0;        ///< Its first frame, when one was linked.
  /// The first transfer command sent after the announcement while it was the latest (RETR, STOR,
  /// STOU, APPE, LIST, NLST, MLSD), verb and argument, such as "RETR README"; "" when none.
  std::string_view transfer;
  std::uint16_t transfer_reply_code = 0;  ///< The final reply to the transfer command (226, 425, ...); 0 when none.
  std::uint64_t bytes_to_client = 0;      ///< Data connection bytes that went to the FTP client.
  std::uint64_t bytes_to_server = 0;      ///< Data connection bytes that went to the FTP server.
  std::uint64_t missing_bytes = 0;        ///< Data connection bytes the capture lost (gaps).
  /// The announcement was given up before its outcome was known, to keep within
  /// FtpTrackerOptions::max_waiting_announcements (its outcome is then never_made).
  bool evicted = false;
};

/// Appends a line for people that says what became of an announced data connection, without a
/// newline, TAB-separated:
///
///     data  control=K  command=VERB ARG  reply=CODE|-  endpoint=IP:PORT|-  outcome=OUTCOME
///           [data_stream=K]  [transfer=VERB ARG  transfer_reply=CODE|-]  to_client=N  to_server=N
///           missing=N  [evicted]
///
/// for example `data control=0 command=EPSV 2 reply=229 endpoint=[2001:db8::21]:65325
/// outcome=completed data_stream=1 transfer=RETR README transfer_reply=226 to_client=1432
/// to_server=0 missing=0`.
/// @param event the event from FtpObserver::on_data_connection()
/// @param[out] line the text is appended here
void write_ftp_data_line(const FtpDataConnectionEvent& event, std::string& line);

/// Receives what an FtpTracker finds. Override what you need; the defaults do nothing.
/// @warning Calls are made from inside TcpReassembler::add(), expire() and finish(); references
/// and views are valid during the call only.
class FtpObserver {
 public:
  virtual ~FtpObserver();
  /// A command line.
  /// @param control the control connection
  /// @param event the command
  virtual void on_command(TcpConnection& control, const FtpCommandEvent& event);
  /// A complete reply (all its lines).
  /// @param control the control connection
  /// @param event the reply and the command it answers
  virtual void on_reply(TcpConnection& control, const FtpReplyEvent& event);
  /// A line that was not a command or reply, or one cut by missing bytes.
  /// @param control the control connection
  /// @param event what went wrong
  virtual void on_error(TcpConnection& control, const FtpErrorEvent& event);
  /// The outcome of an announced data connection, once it is known.
  /// @param event the announcement, its data connection and its outcome
  virtual void on_data_connection(const FtpDataConnectionEvent& event);
  /// Bytes on a linked data connection (the file or listing being transferred).
  /// @param data the data connection
  /// @param control_stream the number of its control connection
  /// @param bytes the bytes, their direction and offset; the view is valid only during the call
  virtual void on_transfer_data(TcpConnection& data, std::uint64_t control_stream, const TcpData& bytes);
};

/// What an FtpTracker tracks, and with which limits.
struct FtpTrackerOptions {
  /// Connections with either port in this list are control connections. Default 21.
  std::vector<std::uint16_t> control_ports{ftp_control_port};
  /// Line and reply lengths kept by the parsers.
  FtpLimits limits{};
  /// Commands awaiting a reply per control connection: a command beyond it is not remembered,
  /// and the replies are then matched to the commands that are. Default 64.
  std::size_t max_pending_commands = 64;
  /// Announcements waiting for their reply or their data connection, over all control
  /// connections: beyond it the oldest is given up (reported never_made, `evicted`). Default 256.
  std::size_t max_waiting_announcements = 256;
  /// Characters kept of each argument and reply text an announcement remembers. Default 256.
  std::size_t max_kept_text = 256;
};

/// Parses the FTP control connections a TcpReassembler hands it and follows their data
/// connections. See pktdoc/reassembly/ftp_tracker.hpp for the outcomes.
///
/// Feed the reassembler through the tracker's add() (as for HttpTracker) so that outcomes known
/// at a FIN or RST are dated with the right frame.
///
/// **Memory**: per control connection its two parsers (bounded by FtpTrackerOptions::limits) and
/// up to max_pending_commands commands of at most max_kept_text characters; per announcement
/// about 300 bytes plus its texts (at most max_kept_text each), at most
/// max_waiting_announcements of them waiting, and one per linked data connection (those are
/// bounded by the reassembler's TcpReassembler::Limits::max_connections).
///
/// **Cost**: O(1) per TCP event of a control or data connection (hash lookups) plus the parsers'
/// O(n); a new connection is compared with the waiting announcements, O(w).
///
/// The tracker does not use TcpConnection::user_data.
class FtpTracker : public TcpStreamHandler {
 public:
  /// See FtpTrackerOptions.
  using Options = FtpTrackerOptions;

  /// Counters over the tracker's life.
  struct Stats {
    std::uint64_t control_connections = 0;  ///< Control connections seen.
    std::uint64_t commands = 0;             ///< Commands parsed.
    std::uint64_t replies = 0;              ///< Replies parsed.
    std::uint64_t errors = 0;               ///< FtpObserver::on_error() calls.
    std::uint64_t announcements = 0;        ///< PORT, EPRT, PASV and EPSV commands.
    std::uint64_t data_connections = 0;     ///< Data connections linked to an announcement.
    std::size_t waiting_announcements = 0;  ///< Announcements waiting now.
  };

  /// Makes a tracker that reports to `observer`.
  /// @param observer receives commands, replies and outcomes; must outlive the tracker
  /// @param options ports and limits
  explicit FtpTracker(FtpObserver& observer, const FtpTrackerOptions& options = FtpTrackerOptions{});
  /// Frees all state, reporting nothing (let the reassembler finish() first).
  ~FtpTracker() override;
  FtpTracker(const FtpTracker&) = delete;             ///< Not copyable: it owns session state.
  FtpTracker& operator=(const FtpTracker&) = delete;  ///< Not copyable: it owns session state.

  /// A control connection (by port) starts a session; another connection may be an announced
  /// data connection.
  /// @param connection the new connection
  void on_open(TcpConnection& connection) override;
  /// Parses control bytes; counts data connection bytes.
  /// @param connection the connection
  /// @param data the bytes
  void on_data(TcpConnection& connection, const TcpData& data) override;
  /// Missing bytes: the line or reply they fall in is reported cut; on a data connection they
  /// are counted.
  /// @param connection the connection
  /// @param gap the missing bytes
  void on_gap(TcpConnection& connection, const TcpGap& gap) override;
  /// A control connection's end settles its announcements still waiting; a data connection's
  /// end settles its outcome.
  /// @param connection the connection
  /// @param reason why it closed
  void on_close(TcpConnection& connection, TcpCloseReason reason) override;

  /// Gives one IP packet to `reassembler` (whose handler is this tracker), telling the tracker
  /// the frame number first.
  /// @param reassembler the reassembler that reports to this tracker
  /// @param ip the IP packet and its layers
  /// @param frame the frame number
  /// @param timestamp the frame's timestamp
  /// @return what TcpReassembler::add() returned
  TcpAddResult add(TcpReassembler& reassembler, const IpLayers& ip, std::uint64_t frame, Timestamp timestamp);
  /// Gives every IP packet of a decoded frame to `reassembler`: the frame's own, then those
  /// inside it.
  /// @param reassembler the reassembler that reports to this tracker
  /// @param frame the frame (its number and timestamp are used)
  /// @param packet the frame decoded by decode_packet()
  void add(TcpReassembler& reassembler, const Frame& frame, const DecodedPacket& packet);
  /// Ends the input: `reassembler.finish()`, which closes every connection and so settles every
  /// announcement.
  /// @param reassembler the reassembler that reports to this tracker
  void finish(TcpReassembler& reassembler);

  /// @return the counters
  const Stats& stats() const noexcept { return stats_; }

 private:
  struct Announcement;
  struct Session;
  void command(Session& session, const FtpCommand& command);
  void reply(Session& session, const FtpReply& reply);
  void announce(Session& session, const FtpCommand& command, std::string_view verb);
  void report(Announcement& announcement, FtpDataOutcome outcome);
  void link(TcpConnection& connection);
  void error(Session& session, TcpDirection direction, const FtpError& error);
  void end_session(TcpConnection& connection, Session& session);
  void end_data(TcpConnection& connection, Announcement& announcement, TcpCloseReason reason);
  std::string kept(std::string_view text) const;

  FtpObserver& observer_;
  FtpTrackerOptions options_;
  Stats stats_{};
  std::unordered_map<std::uint64_t, std::unique_ptr<Session>> sessions_;  // by control stream
  std::list<Announcement> announcements_;                                 // not yet reported, oldest first
  std::unordered_map<std::uint64_t, Announcement*> data_links_;           // by data stream
  std::uint64_t frame_ = 0;
};

}  // namespace pktdoc
