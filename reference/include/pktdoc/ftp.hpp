/// @file
/// @brief The FTP control connection (RFC 959): commands, single- and multi-line replies,
/// incremental parsers for both directions, and the arguments of the data-connection commands
/// PORT and EPRT and of the 227 (PASV) and 229 (EPSV) replies (RFC 959, RFC 2428).
///
/// FTP keeps two kinds of TCP connection apart: the control connection (port 21), where the
/// client sends one command per line and the server answers each with a reply, and data
/// connections, one per transfer, whose addresses the control connection announces:
/// - active mode: the client sends `PORT h1,h2,h3,h4,p1,p2` (IPv4, RFC 959 section 4.1.2) or
///   `EPRT |1|192.0.2.10|49152|` / `EPRT |2|2001:db8::10|49152|` (RFC 2428 section 2) and the
///   server connects to that address;
/// - passive mode: the client sends `PASV` and the server answers `227 Entering Passive Mode
///   (h1,h2,h3,h4,p1,p2)`, or `EPSV` answered by `229 Entering Extended Passive Mode (|||port|)`
///   (RFC 2428 section 3: the address is that of the control connection), and the client connects.
///
/// The parsers here are per direction and incremental: bytes go in as TCP delivers them (a reply
/// may be split anywhere, across any number of segments), and each call answers "complete",
/// "need more bytes" or "error", as the HTTP parsers do. FtpTracker
/// (pktdoc/reassembly/ftp_tracker.hpp) ties them to TCP connections and links data connections
/// to the commands that announced them.
///
/// @code
/// pktdoc::FtpReplyParser replies;
/// pktdoc::ByteView bytes = pktdoc::as_bytes("230-Welcome\r\n please behave\r\n230 Login ok.\r\n");
/// while (!bytes.empty()) {
///   const pktdoc::FtpParse step = replies.parse(bytes);
///   bytes = bytes.subspan(step.consumed);
///   if (step.status == pktdoc::FtpParseStatus::complete)
///     std::printf("%u: %zu lines\n", replies.reply().code, replies.reply().line_count);
/// }
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"

namespace pktdoc {

/// The control connection's well-known port (RFC 959 section 5.2, IANA "ftp").
inline constexpr std::uint16_t ftp_control_port = 21;
/// The port a server connects from in active mode (RFC 959 section 5.2, "ftp-data").
inline constexpr std::uint16_t ftp_data_port = 20;

/// The three answers of FtpCommandParser::parse() and FtpReplyParser::parse().
enum class FtpParseStatus : std::uint8_t {
  complete,   ///< A command or a whole reply (all its lines) ended.
  need_more,  ///< Every byte given was used; the line or reply goes on.
  error,      ///< A line was not a command or reply line, or bytes were missing (see FtpError).
              ///< The line framing survives: parsing goes on with the next line.
};

/// Why a line could not be parsed.
enum class FtpErrorKind : std::uint8_t {
  none,       ///< No error.
  truncated,  ///< Bytes of the line or reply are missing (a gap) or the stream ended inside it.
  invalid,    ///< The line is not a command (RFC 959 section 5.3) or not a reply line (section 4.2).
};

/// @param kind an error kind
/// @return "none", "truncated" or "invalid"
std::string_view ftp_error_kind_name(FtpErrorKind kind) noexcept;

/// What went wrong, where.
struct FtpError {
  FtpErrorKind kind = FtpErrorKind::none;  ///< Truncated or invalid.
  const char* reason = "";                 ///< A static English phrase, never null.
  std::uint64_t offset = 0;                ///< Stream offset of the start of the line concerned.
};

/// The answer of a parsing call.
struct FtpParse {
  FtpParseStatus status = FtpParseStatus::need_more;  ///< Complete, need more, or error.
  std::size_t consumed = 0;  ///< Bytes used: up to the end of the line that completed or failed,
                             ///< or all of them for need_more.
  FtpError error;            ///< Why, when `status` is FtpParseStatus::error.
};

/// Bounds on what an FTP parser holds. Lines and replies longer than these are cut (the rest is
/// counted, not kept), never grown into: the parse goes on.
struct FtpLimits {
  /// Bytes of one line kept (its line end not counted). RFC 959 sets no maximum; servers accept
  /// 512 to 4096. Default 4096.
  std::size_t max_line_bytes = 4096;
  /// Bytes of a multi-line reply's text kept. Default 64 KiB (a STAT or HELP reply may be long).
  std::size_t max_reply_bytes = std::size_t{64} << 10;
};

/// One command line (RFC 959 section 5.3: `<verb> [SP <argument>] CRLF`).
/// @warning Views into the parser that produced it: valid until its next call.
struct FtpCommand {
  std::string_view verb;      ///< The command code as sent, such as "USER" or "retr".
  std::string_view argument;  ///< Everything after the space that follows the verb ("" if none).
  std::string_view line;      ///< The whole line, without its line end.
  bool cut = false;           ///< The line was longer than FtpLimits::max_line_bytes and was cut.

  /// Compares the verb case-insensitively (RFC 959 section 5.3: "upper or lower case").
  /// @param name an upper-case command name such as "EPSV"
  /// @return true when the verb is that command
  bool is(std::string_view name) const noexcept;
};

/// The class of a reply, by its first digit (RFC 959 section 4.2.1).
enum class FtpReplyClass : std::uint8_t {
  preliminary = 1,         ///< 1yz: positive preliminary; another reply follows for the command.
  completion = 2,          ///< 2yz: positive completion.
  intermediate = 3,        ///< 3yz: positive intermediate; the client must send another command.
  transient_negative = 4,  ///< 4yz: transient negative: not done, may work if tried again.
  permanent_negative = 5,  ///< 5yz: permanent negative: not done, and will not be.
};

/// One reply, single-line or multi-line (RFC 959 section 4.2).
/// @warning Views into the parser that produced it: valid until its next call.
struct FtpReply {
  std::uint16_t code = 0;  ///< The three-digit code, 100 to 599.
  /// The reply's text: for a single-line reply what follows the code and its space; for a
  /// multi-line one, the first line's text after "ddd-", then every following line as sent, and
  /// the last line's text after "ddd ", joined with '\\n' (line ends removed).
  std::string_view text;
  std::size_t line_count = 0;  ///< Lines the reply took, 1 for a single-line reply.
  bool multiline = false;      ///< It was a multi-line reply ("ddd-" first line).
  bool cut = false;            ///< Text beyond FtpLimits::max_reply_bytes or max_line_bytes was dropped.

  /// @return the class of the reply, by its first digit
  FtpReplyClass reply_class() const noexcept { return static_cast<FtpReplyClass>(code / 100); }
  /// @return true for a 4yz or 5yz reply: the command was not done
  bool negative() const noexcept { return code >= 400; }
  /// @return the text of the first line only
  std::string_view first_line() const noexcept { return text.substr(0, text.find('\n')); }
};

/// Parses a command line.
/// @param line the line without its line end
/// @return the command, or nothing when the line does not start with a verb of 3 or 4 ASCII
///         letters followed by a space or the end of the line (RFC 959 section 5.3.1)
std::optional<FtpCommand> parse_ftp_command(std::string_view line) noexcept;

/// An address and port announced for a data connection.
struct FtpHostPort {
  /// 4 or 6; 0 when the text gives no address (a 229 reply): the data connection then goes to
  /// the address of the control connection's server (RFC 2428 section 3).
  std::uint8_t ip_version = 0;
  Ipv4Address ipv4;        ///< The address when ip_version is 4.
  Ipv6Address ipv6;        ///< The address when ip_version is 6.
  std::uint16_t port = 0;  ///< The TCP port, 1 to 65535.
};

/// The result of parsing the arguments of a data-connection command or reply.
struct FtpHostPortResult {
  std::optional<FtpHostPort> value;  ///< The address and port, when the text is valid.
  const char* error = "";            ///< Why not, a static English phrase, when it is not.
  /// @return true when `value` is set
  explicit operator bool() const noexcept { return value.has_value(); }
};

/// Parses the argument of PORT: `h1,h2,h3,h4,p1,p2`, six decimal numbers from 0 to 255, the
/// IPv4 address then the port's high and low bytes (RFC 959 section 4.1.2).
/// @param argument the text after "PORT "
/// @return the address and port, or why the text is not one (not six numbers, a number above
///         255, port 0)
FtpHostPortResult parse_ftp_port(std::string_view argument) noexcept;

/// Parses the text of a 227 reply to PASV. Its format "is not well standardized" (RFC 1123 section
/// 4.1.2.6), so, as that section advises, the text is scanned for the first run of six
/// comma-separated numbers: "Entering Passive Mode (192,0,2,80,195,80)" and
/// "Entering Passive Mode 192,0,2,80,195,80" both give 192.0.2.80 port 50000.
/// @param text the reply text after "227 "
/// @return the address and port, or why none was found
FtpHostPortResult parse_ftp_pasv_reply(std::string_view text) noexcept;

/// Parses the argument of EPRT: `<d><net-prt><d><net-addr><d><tcp-port><d>` where d is one
/// delimiter character (ASCII 33 to 126, "|" by convention), net-prt 1 for IPv4 or 2 for IPv6,
/// net-addr the address in its usual text form and tcp-port a decimal port (RFC 2428 section 2).
/// @param argument the text after "EPRT "
/// @return the address and port, or why the text is not one (bad delimiters, an unknown
///         protocol number, an address that does not parse or does not match it, a bad port)
FtpHostPortResult parse_ftp_eprt(std::string_view argument) noexcept;

/// Parses the text of a 229 reply to EPSV: it must hold `(<d><d><d><tcp-port><d>)`, the network
/// protocol and address left empty (RFC 2428 section 3), as in "Entering Extended Passive Mode
/// (|||6446|)".
/// @param text the reply text after "229 "
/// @return the port, with ip_version 0 (the control connection's address), or why none was found
FtpHostPortResult parse_ftp_epsv_reply(std::string_view text) noexcept;

/// Splits one direction of a control connection into lines: removes Telnet commands (RFC 959
/// section 4.1.3 and RFC 854: IAC IAC is a 0xFF byte; IAC WILL/WONT/DO/DONT take an option byte;
/// other IAC sequences are two bytes, as the IAC IP IAC DM that precedes ABOR), accepts CRLF or
/// a bare LF as line end, and keeps at most FtpLimits::max_line_bytes of each line (the rest of a
/// longer line is counted as read and dropped). FtpCommandParser and FtpReplyParser are built on it.
class FtpLineSplitter {
 public:
  /// Makes a splitter.
  /// @param max_line_bytes bytes of each line kept
  explicit FtpLineSplitter(std::size_t max_line_bytes = FtpLimits{}.max_line_bytes) : max_line_(max_line_bytes) {}
  /// Takes bytes until a line ends.
  /// @param bytes the next bytes
  /// @param[out] consumed how many were used
  /// @return true when a line ended (see line()); false when all bytes were used first
  bool next(ByteView bytes, std::size_t& consumed);
  /// @return the last line that ended, without its line end (valid until the next call)
  std::string_view line() const noexcept { return line_; }
  /// @return true when the last line was longer than the maximum and was cut
  bool cut() const noexcept { return cut_; }
  /// @return stream offset of the first byte of the line being collected (or that just ended)
  std::uint64_t line_offset() const noexcept { return line_offset_; }
  /// @return bytes taken so far, Telnet commands and line ends included
  std::uint64_t offset() const noexcept { return offset_; }
  /// @return true when bytes of a line are held (a line has started and not ended)
  bool in_line() const noexcept { return started_ && !ended_; }
  /// Skips `length` missing bytes: the line in progress is dropped, and bytes up to the next line
  /// end are dropped too (they are the end of a line whose start is missing).
  /// @param length bytes missing
  void gap(std::uint64_t length) noexcept;
  /// Forgets everything.
  void reset() noexcept;

 private:
  std::string line_;
  std::size_t max_line_;
  std::uint64_t offset_ = 0;
  std::uint64_t line_offset_ = 0;
  std::uint8_t telnet_ = 0;  // Telnet command state: 0 none, 1 after IAC, 2 after IAC WILL/WONT/DO/DONT
  bool started_ = false;
  bool cut_ = false;
  bool ended_ = false;     // line_ holds a line that ended: cleared at the next byte
  bool skipping_ = false;  // dropping bytes up to the next line end (after a gap)
};

/// Parses the client's direction of a control connection: one FtpCommand per line.
class FtpCommandParser {
 public:
  /// Makes a parser.
  /// @param limits line length kept
  explicit FtpCommandParser(const FtpLimits& limits = {}) : lines_(limits.max_line_bytes) {}
  /// Parses the next bytes, up to the end of one command.
  /// @param bytes the next bytes of the direction
  /// @return FtpParseStatus::complete with command() set; FtpParseStatus::need_more when every
  ///         byte was used; FtpParseStatus::error (FtpErrorKind::invalid) for a line that is not a
  ///         command, parsing going on after it
  FtpParse parse(ByteView bytes);
  /// Reports missing bytes: a command in progress is lost.
  /// @param length bytes missing
  /// @return FtpParseStatus::error (FtpErrorKind::truncated) when a command was in progress,
  ///         FtpParseStatus::need_more otherwise
  FtpParse gap(std::uint64_t length);
  /// Reports the end of the direction.
  /// @return FtpParseStatus::error (FtpErrorKind::truncated) when a line had started without
  ///         ending, FtpParseStatus::need_more otherwise
  FtpParse finish();
  /// @return the command that just completed (views valid until the next call)
  const FtpCommand& command() const noexcept { return command_; }
  /// Forgets everything.
  void reset() noexcept;

 private:
  FtpLineSplitter lines_;
  FtpCommand command_;
};

/// Parses the server's direction of a control connection: replies, each of one line or of
/// many (RFC 959 section 4.2).
///
/// A multi-line reply starts with "ddd-" and ends with the first line that starts with the same
/// three digits followed by a space (or by nothing); lines in between are text, whatever they
/// start with. Its text is kept up to FtpLimits::max_reply_bytes.
class FtpReplyParser {
 public:
  /// Makes a parser.
  /// @param limits line and reply text kept
  explicit FtpReplyParser(const FtpLimits& limits = {})
      : lines_(limits.max_line_bytes), max_reply_(limits.max_reply_bytes) {}
  /// Parses the next bytes, up to the end of one reply.
  /// @param bytes the next bytes of the direction
  /// @return FtpParseStatus::complete with reply() set; FtpParseStatus::need_more when every byte
  ///         was used; FtpParseStatus::error (FtpErrorKind::invalid) for a line that should start a
  ///         reply and does not, parsing going on after it
  FtpParse parse(ByteView bytes);
  /// Reports missing bytes: a reply in progress is lost.
  /// @param length bytes missing
  /// @return FtpParseStatus::error (FtpErrorKind::truncated) when a reply was in progress,
  ///         FtpParseStatus::need_more otherwise
  FtpParse gap(std::uint64_t length);
  /// Reports the end of the direction.
  /// @return FtpParseStatus::error (FtpErrorKind::truncated) when a reply had started without
  ///         ending, FtpParseStatus::need_more otherwise
  FtpParse finish();
  /// @return the reply that just completed (views valid until the next call)
  const FtpReply& reply() const noexcept { return reply_; }
  /// Forgets everything.
  void reset() noexcept;

 private:
  FtpParse complete(std::size_t consumed);

  FtpLineSplitter lines_;
  std::size_t max_reply_;
  FtpReply reply_;
  std::string text_;
  std::uint64_t reply_offset_ = 0;
  bool in_reply_ = false;  // inside a multi-line reply
  bool cut_ = false;
};

}  // namespace pktdoc
