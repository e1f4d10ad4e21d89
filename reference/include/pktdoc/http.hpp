/// @file
/// @brief HTTP/1.0 and HTTP/1.1 messages (RFC 9110, RFC 9112): a head parser that answers
/// "complete", "need more bytes" or "error", and an incremental parser for one direction of a
/// reassembled TCP stream that frames bodies (Content-Length, chunked, connection close) and
/// hands out their de-chunked bytes.
///
/// HTTP/1.x runs over a byte stream: a message may span any number of TCP segments and a segment
/// may hold the end of one message and the start of the next (pipelining). dpkt's HTTP parser
/// wanted a whole message in one buffer and failed on responses larger than a packet; pktdoc's
/// parsers take bytes as they come.
///
/// Two levels, in the manner of picohttpparser:
/// - parse_http_head() parses a start line and a header section held in one buffer. Its answer
///   is one of HttpParseStatus::complete (with the length of the head), HttpParseStatus::need_more
///   (the bytes end before the empty line that ends the head) or HttpParseStatus::error (with an
///   HttpError saying why). It copies nothing: every string is a view into the caller's bytes.
/// - HttpStreamParser parses one direction of a connection incrementally: feed it the stream's
///   bytes in pieces of any size with parse(); it answers the same three ways, once per message.
///   It keeps the head of the current message in a buffer of its own (bounded by HttpLimits),
///   delivers body bytes, de-chunked, as views into the caller's bytes, and keeps a bounded
///   queue of the requests whose responses are awaited, so that a response to HEAD has no body.
///
/// The body length rules are those of RFC 9112 section 6.3, in its order (see http_body_framing()).
/// Line ends are CRLF; a bare LF is accepted as RFC 9112 section 2.2 allows, a bare CR is not.
///
/// @code
/// pktdoc::HttpStreamParser responses(pktdoc::HttpRole::response);
/// responses.expect_response("GET", 0);
/// for (pktdoc::ByteView piece : pieces_of_the_stream) {
///   while (!piece.empty()) {
///     const pktdoc::HttpParse step = responses.parse(piece);
///     piece = piece.subspan(step.consumed);
///     if (step.status == pktdoc::HttpParseStatus::complete) {
///       const pktdoc::HttpMessage& m = responses.message();
///       std::printf("%u, %llu body bytes\n", m.head.status_code, (unsigned long long)m.body_length);
///     } else if (step.status == pktdoc::HttpParseStatus::error) {
///       std::printf("error: %s\n", step.error.reason);
///       if (responses.stopped()) break;
///     }
///   }
/// }
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pktdoc/bytes.hpp"

namespace pktdoc {

/// The three answers of every HTTP parsing call (picohttpparser returns the bytes consumed, -2
/// or -1 for the same three).
enum class HttpParseStatus : std::uint8_t {
  complete,   ///< A head (parse_http_head()) or a whole message (HttpStreamParser) ended.
  need_more,  ///< Every byte given was used and more are needed to go on.
  error,      ///< The bytes cannot be decoded as HTTP/1.x, a limit was reached, or bytes are
              ///< missing: see HttpError.
};

/// Why an HTTP message could not be decoded.
enum class HttpErrorKind : std::uint8_t {
  none,       ///< No error.
  truncated,  ///< Bytes of the message are missing: the stream had a gap (the capture lost
              ///< them), or it ended (FIN, RST, end of the capture) before the message did.
  invalid,    ///< The bytes contradict RFC 9110 / RFC 9112: a malformed start line or field line,
              ///< a bad chunk size, an invalid or conflicting Content-Length.
  limit,      ///< A line, a head or a header count exceeded HttpLimits: the message may be valid,
              ///< but pktdoc does not hold that much of it.
};

/// @param kind an error kind
/// @return "none", "truncated", "invalid" or "limit"
std::string_view http_error_kind_name(HttpErrorKind kind) noexcept;

/// What went wrong, where.
struct HttpError {
  HttpErrorKind kind = HttpErrorKind::none;  ///< Truncated, invalid or a limit.
  const char* reason = "";                   ///< A static English phrase, never null.
  /// Where: for parse_http_head() the offset in its bytes; for HttpStreamParser the offset in
  /// the direction's stream (bytes parsed or reported missing before it).
  std::uint64_t offset = 0;
};

/// The answer of a parsing call.
struct HttpParse {
  HttpParseStatus status = HttpParseStatus::need_more;  ///< Complete, need more, or error.
  std::size_t consumed = 0;  ///< Bytes of the input used: up to the end of the head or message
                             ///< that completed, all of them for need_more, up to the fault for error.
  HttpError error;           ///< Why, when `status` is HttpParseStatus::error.
};

/// Whether a message is a request or a response (RFC 9112 section 2.1).
enum class HttpMessageKind : std::uint8_t {
  request,   ///< Starts with a request-line: method, request-target, version (RFC 9112 section 3).
  response,  ///< Starts with a status-line: version, status code, reason phrase (RFC 9112 section 4).
};

/// One field line of a header or trailer section (RFC 9112 section 5).
/// @warning Both views point into the bytes parsed: valid while they are (see the parser).
struct HttpHeader {
  std::string_view name;  ///< The field name as sent; compare with http_name_equals() (names are
                          ///< case-insensitive, RFC 9110 section 5.1).
  /// The field value without leading and trailing whitespace (RFC 9110 section 5.5). When the
  /// value was continued on following lines (obsolete line folding, RFC 9112 section 5.2), the
  /// view covers all of them: HttpStreamParser has replaced each line break with spaces, as RFC
  /// 9112 asks of a recipient; parse_http_head() leaves the bytes as sent (see `folded`).
  std::string_view value;
  bool folded = false;  ///< The value used obsolete line folding.
};

/// A parsed start line and header section.
/// @warning Every view points into the bytes parsed: for parse_http_head() the caller's, for
/// HttpStreamParser::message() the parser's own buffer (valid until the next call to it).
struct HttpHead {
  HttpMessageKind kind = HttpMessageKind::request;  ///< Request or response.
  std::string_view method;              ///< Request method (RFC 9110 section 9), case-sensitive: "GET", "HEAD".
  std::string_view target;              ///< Request-target as sent (RFC 9112 section 3.2): "/index.html",
                                        ///< "www.example.com:443" for CONNECT, "*" for OPTIONS.
  std::uint16_t status_code = 0;        ///< Response status code, 100 to 599 (RFC 9110 section 15).
  std::string_view reason;              ///< Response reason phrase, possibly empty (RFC 9112 section 4).
  std::string_view version;             ///< The protocol version as sent: "HTTP/1.1" or "HTTP/1.0".
  std::uint8_t version_major = 0;       ///< 1.
  std::uint8_t version_minor = 0;       ///< 0 or 1 (higher minor versions are accepted as 1.1 is).
  std::span<const HttpHeader> headers;  ///< The field lines, in order, repeated names included.
  /// Bytes from the first byte of the start line to the end of the empty line that ends the
  /// head (empty lines before the start line not included).
  std::size_t length = 0;

  /// @return true for a request
  bool is_request() const noexcept { return kind == HttpMessageKind::request; }
  /// Finds the first field with a name, case-insensitively.
  /// @param name a field name such as "Content-Type"
  /// @return its value, or nothing when no field has that name
  std::optional<std::string_view> find(std::string_view name) const noexcept;
  /// @param name a field name
  /// @return how many field lines have that name (case-insensitively)
  std::size_t count(std::string_view name) const noexcept;
};

/// Bounds on what an HTTP parser holds, so that hostile input cannot make it grow without end.
/// Reaching one is an HttpErrorKind::limit error for the message, reported, and the parser stops.
/// The defaults admit every message real servers accept (Apache allows 8190-byte lines and 100
/// fields; nginx 8 KiB lines).
struct HttpLimits {
  /// Longest line, in bytes, line end included: a start line, a field line (each line of a folded
  /// one), a chunk-size line with its extensions. Default 16 KiB.
  std::size_t max_line_bytes = std::size_t{16} << 10;
  /// Largest head (start line and header section), and separately largest trailer section, in
  /// bytes. Default 64 KiB.
  std::size_t max_head_bytes = std::size_t{64} << 10;
  /// Most field lines in a header section, and separately in a trailer section. Default 128.
  std::size_t max_headers = 128;
  /// Most requests a response parser remembers while their responses are awaited (pipelining):
  /// beyond it expect_response() returns false, and the responses to those requests are framed
  /// as responses to a request that is not known (a GET). Default 128.
  std::size_t max_pending_requests = 128;
  /// Body bytes of each message kept in HttpMessage::body (after de-chunking); the rest is
  /// counted, delivered to the HttpBodyHandler, and HttpMessage::body_cut is set. Default 0: bodies
  /// are only delivered, never kept.
  std::size_t max_kept_body_bytes = 0;
};

/// Parses a start line and header section held whole in `bytes` (picohttpparser's
/// phr_parse_request / phr_parse_response in one call). Empty lines before the start line are
/// skipped (RFC 9112 section 2.2). A start line that begins with "HTTP/" is a status-line,
/// anything else a request-line.
///
/// Strict where RFC 9112 says to reject: whitespace between a field name and its colon, a field
/// line starting with whitespace right after the start line, a bare CR, a NUL in a value, a
/// version other than HTTP/1.x. Lenient where real servers are: a bare LF ends a line, a
/// status-line may omit the space after its code.
///
/// @param bytes the start of a message
/// @param[out] head receives the start line and headers; its views point into `bytes`
/// @param storage where the HttpHeader entries are written; its size bounds the header count
///        (as does `limits.max_headers`)
/// @param limits line, head and header-count bounds
/// @return HttpParseStatus::complete with `consumed` the bytes up to the end of the empty line;
///         HttpParseStatus::need_more when `bytes` ends first (and no limit is passed);
///         HttpParseStatus::error with HttpErrorKind::invalid (malformed start or field line) or
///         HttpErrorKind::limit (a line longer than max_line_bytes, a head longer than
///         max_head_bytes, more fields than fit)
/// @par Complexity
/// O(n) in the bytes of the head; nothing is allocated.
HttpParse parse_http_head(ByteView bytes, HttpHead& head, std::span<HttpHeader> storage,
                          const HttpLimits& limits = {}) noexcept;

/// How the end of a message body is found (RFC 9112 section 6.3).
enum class HttpBodyFraming : std::uint8_t {
  none,            ///< No body: a request with neither Content-Length nor Transfer-Encoding, a
                   ///< response to HEAD, a 1xx (other than 101), 204 or 304 response.
  content_length,  ///< Content-Length bytes follow the head (RFC 9112 section 6.3 rule 6).
  chunked,         ///< The chunked transfer coding (RFC 9112 section 7.1), with trailers.
  until_close,     ///< A response whose body ends when the server closes the connection
                   ///< (RFC 9112 section 6.3 rules 4 and 8).
  tunnel,          ///< A 2xx response to CONNECT: after its head the connection is a tunnel
                   ///< (RFC 9110 section 9.3.6); no more HTTP on either direction.
  switched,        ///< A 101 (Switching Protocols) response: after its head the connection
                   ///< speaks the protocol named in Upgrade (RFC 9110 section 15.2.2).
};

/// @param framing a framing
/// @return its enumerator name ("none", "content_length", ...)
std::string_view http_body_framing_name(HttpBodyFraming framing) noexcept;

/// The framing of one message: how its body ends, and how long it is when that is known.
struct HttpFraming {
  HttpBodyFraming framing = HttpBodyFraming::none;  ///< How the body ends.
  std::uint64_t length = 0;                         ///< The body length for HttpBodyFraming::content_length.
  /// Both Transfer-Encoding and Content-Length were present: Transfer-Encoding wins (RFC 9112
  /// section 6.3 rule 3), and the message is a request-smuggling risk worth reporting.
  bool conflicting_length = false;
  HttpError error;  ///< HttpErrorKind::invalid when the length fields make the framing invalid.
};

/// Decides how a message's body ends, following RFC 9112 section 6.3 in its order:
/// 1. a response to HEAD, a 1xx (101 excepted), 204 or 304 response has no body;
/// 2. a 2xx response to CONNECT turns the connection into a tunnel; a 101 response switches it
///    to another protocol;
/// 3. Transfer-Encoding with chunked last: chunked; with another coding last: a response ends at
///    the close, a request is invalid (rule 4); Transfer-Encoding in an HTTP/1.0 message is
///    invalid (RFC 9112 section 6.1), as is chunked applied twice;
/// 4. otherwise Content-Length, each field and each list element of it the same decimal number
///    (RFC 9110 section 8.6); different or malformed values are invalid (rule 5);
/// 5. otherwise a request has no body and a response ends at the close (rules 7 and 8).
/// @param head a parsed head
/// @param request_method for a response, the method of the request it answers ("" when not
///        known, which is taken as a request that allows a body)
/// @return the framing, or an error of kind HttpErrorKind::invalid
HttpFraming http_body_framing(const HttpHead& head, std::string_view request_method = {}) noexcept;

/// Parses a Content-Length field value: one or more decimal numbers, comma-separated, all equal
/// (RFC 9110 section 8.6: "Content-Length: 42, 42" is 42).
/// @param value the field value
/// @return the length, or nothing when the value is empty, not decimal digits, larger than
///         2^62, or a list of different numbers
std::optional<std::uint64_t> parse_http_content_length(std::string_view value) noexcept;

/// Whether a line is a valid HTTP/1.x start line: a request-line (a token method, a target
/// without whitespace, "HTTP/1." and a digit, single spaces between) or a status-line ("HTTP/1."
/// and a digit, a space, a code from 100 to 599, then nothing or a space and a reason). This is
/// the test by which a connection on a port not known for HTTP is taken for HTTP.
/// @param line the line, without its CRLF or LF
/// @return true for a start line
bool is_http_start_line(std::string_view line) noexcept;

/// Compares two field names (or other tokens) case-insensitively, as RFC 9110 section 5.1 says
/// field names are compared.
/// @param a a name
/// @param b another name
/// @return true when they are equal ignoring ASCII case
bool http_name_equals(std::string_view a, std::string_view b) noexcept;

/// Whether a direction carries requests or responses.
enum class HttpRole : std::uint8_t {
  request,   ///< The client's direction: requests only.
  response,  ///< The server's direction: responses only.
  detect,    ///< Decided by the first message (a start line beginning "HTTP/" is a response);
             ///< later messages must be of the same kind.
};

/// One message of a stream, as HttpStreamParser::message() describes it: while it is being
/// parsed, when it completes, or when it ends in an error.
/// @warning The views (head, trailers, content_type, body, request_method) point into the
/// parser's buffers: valid until the next call to parse(), gap(), finish() or reset().
struct HttpMessage {
  HttpHead head;                                ///< Start line and headers (meaningful once head_complete).
  bool head_complete = false;                   ///< The whole head was received and parsed.
  HttpFraming framing;                          ///< How the body ends (once head_complete).
  std::optional<std::uint64_t> content_length;  ///< The Content-Length it declared, if valid.
  std::string_view content_type;                ///< The first Content-Type value ("text/html; charset=utf-8"), or "".
  std::uint64_t body_length = 0;                ///< Body bytes received, de-chunked (for chunked: data only).
  std::uint64_t missing_bytes = 0;              ///< Body bytes reported missing (HttpStreamParser::gap()).
  std::uint64_t stream_offset = 0;              ///< Offset in the direction's stream of its first byte.
  std::uint64_t wire_length = 0;                ///< Bytes it took in the stream so far: head, body, chunk
                                                ///< framing and trailers (gaps included).
  std::uint64_t number = 0;                     ///< Its index among the messages of this parser, from 0.
  std::span<const HttpHeader> trailers;         ///< Trailer fields of a chunked body (RFC 9112 section 7.1.2).
  /// The first HttpLimits::max_kept_body_bytes bytes of the de-chunked body (empty by default).
  ByteView body;
  bool body_cut = false;  ///< The body was longer than what was kept.
  /// For a response: the method of the request it answers, as given to expect_response() (up to
  /// 31 characters), or "" when no request was waiting.
  std::string_view request_method;
  /// For a response to a request given to expect_response(): the number given with it.
  std::optional<std::uint64_t> request_number;

  /// @return true for a 1xx response other than 101: an interim response, after which the
  ///         final response to the same request follows (RFC 9110 section 15.2)
  bool interim() const noexcept {
    return head.kind == HttpMessageKind::response && head.status_code >= 100 && head.status_code < 200 &&
           head.status_code != 101;
  }
};

/// Receives a message's head and body bytes as HttpStreamParser finds them. Optional: the parser
/// works without one. Override what you need; the defaults do nothing.
class HttpBodyHandler {
 public:
  virtual ~HttpBodyHandler();
  /// The head of a message is complete (the body, if any, follows).
  /// @param message the message; body_length is 0. Valid only during the call.
  virtual void on_head(const HttpMessage& message);
  /// Body bytes, de-chunked, in order; called as they arrive, possibly many times per message.
  /// @param message the message they belong to (body_length does not count them yet)
  /// @param bytes the bytes; a view into the bytes given to parse(): valid only during the call
  virtual void on_body(const HttpMessage& message, ByteView bytes);
};

/// The incremental parser of one direction of an HTTP/1.x connection.
///
/// Feed it the direction's bytes in order, in pieces of any size, with parse(); it returns
/// after each message that completes, so call it again with what is left of the piece. Tell it
/// about missing bytes with gap() and about the end of the stream with finish(). It never
/// throws; its memory is bounded by HttpLimits (head buffer up to max_head_bytes, twice for a
/// trailer section, a chunk-size line up to max_line_bytes, 2 x max_headers field entries,
/// max_pending_requests queue entries of 40 bytes, max_kept_body_bytes of body), and buffers are
/// reused from message to message: once warm it does not allocate.
///
/// Errors. HttpErrorKind::invalid and HttpErrorKind::limit stop the parser for good (the framing
/// of the stream is lost): stopped() becomes true and later calls consume everything and return
/// the same error. Missing bytes (gap()) inside a body of known length do not stop it: the
/// message ends where its length says, reported as HttpErrorKind::truncated, and parsing goes on
/// with the next message. Missing bytes anywhere else (in a head, a chunked body, between
/// messages) stop it with HttpErrorKind::truncated: nothing is guessed.
///
/// Where errors are reported (HttpError::offset) depends on the bytes only, never on how the
/// stream was split into calls: a start line that is not HTTP at the end of that line; a line
/// over max_line_bytes, or a head or trailer section over max_head_bytes, at the start of the
/// line that passed the limit; when one line passes both limits, the limit whose threshold comes
/// first in the stream (the line's byte max_line_bytes or the section's byte max_head_bytes).
///
/// A request's response is framed knowing the request (RFC 9112 section 6.3): give each request
/// of the other direction to expect_response(), in order, as soon as its head is complete.
///
/// @par Complexity
/// O(n) in the bytes fed; each head byte is copied once into the parser's buffer and scanned
/// twice; body bytes are not copied unless kept.
class HttpStreamParser {
 public:
  /// Makes a parser for one direction.
  /// @param role requests, responses, or decided by the first message
  /// @param limits the bounds on what it holds
  explicit HttpStreamParser(HttpRole role = HttpRole::detect, const HttpLimits& limits = {});
  /// Frees the buffers.
  ~HttpStreamParser();
  /// Takes over another parser's state and buffers. message() is not valid after a move until
  /// the next call to parse(), gap() or finish().
  /// @param other the parser to move from
  HttpStreamParser(HttpStreamParser&& other) noexcept;
  /// Takes over another parser's state and buffers. message() is not valid after a move until
  /// the next call to parse(), gap() or finish().
  /// @param other the parser to move from
  /// @return this parser
  HttpStreamParser& operator=(HttpStreamParser&& other) noexcept;
  HttpStreamParser(const HttpStreamParser&) = delete;             ///< Not copyable: views point into its buffers.
  HttpStreamParser& operator=(const HttpStreamParser&) = delete;  ///< Not copyable: views point into its buffers.

  /// Sets the handler that receives heads and body bytes (null for none).
  /// @param handler must outlive the parser or be replaced
  void set_handler(HttpBodyHandler* handler) noexcept { handler_ = handler; }

  /// Parses the next bytes of the stream, up to the end of one message.
  /// @param bytes the next bytes, following those given before (and any gap)
  /// @return HttpParseStatus::complete when a message ended: `consumed` says where, message()
  ///         describes it; HttpParseStatus::need_more when all the bytes were used and the
  ///         message (or the wait for one) goes on; HttpParseStatus::error with HttpErrorKind::invalid
  ///         or HttpErrorKind::limit (the parser stops), or HttpErrorKind::truncated when a message whose
  ///         body had a gap ended (the parser goes on after it)
  HttpParse parse(ByteView bytes);

  /// Reports bytes of the stream that will never come (a TcpGap).
  /// @param length number of bytes missing, at least 1
  /// @return HttpParseStatus::need_more when the parser can go on: the gap is inside a body of
  ///         known length (the message will end truncated), inside a body delimited by the close, or
  ///         in a tunnel; otherwise HttpParseStatus::error with HttpErrorKind::truncated and the parser
  ///         stops (message() is the message cut short, if one had started)
  HttpParse gap(std::uint64_t length);

  /// Reports the end of the stream.
  /// @param clean true when the sender closed its direction with a FIN after every byte was
  ///        received; false for a RST, the end of the capture, a timeout: then the end of a
  ///        body delimited by the close is not known (RFC 9112 section 8)
  /// @return HttpParseStatus::complete when that ended a body delimited by the close;
  ///         HttpParseStatus::error with HttpErrorKind::truncated when a message was cut short
  ///         (message() is that message); HttpParseStatus::need_more when no message had started
  HttpParse finish(bool clean);

  /// Announces a request whose response this (response) parser will parse, in order.
  /// @param method the request method (HEAD and CONNECT change the framing of the response)
  /// @param request_number any number the caller wants back in HttpMessage::request_number
  /// @return false, without remembering it, when HttpLimits::max_pending_requests are waiting
  bool expect_response(std::string_view method, std::uint64_t request_number);

  /// @return the message being parsed, or the one that just completed or failed
  const HttpMessage& message() const noexcept { return message_; }
  /// @return the role, decided by the first message when it was HttpRole::detect
  HttpRole role() const noexcept { return role_; }
  /// @return true after an error that stops parsing (invalid, limit, or an unrecoverable gap)
  bool stopped() const noexcept { return state_ == State::stopped; }
  /// @return true after a 2xx response to CONNECT or a 101: the rest of the stream is not HTTP
  bool opaque() const noexcept { return state_ == State::opaque; }
  /// Makes this parser opaque: the rest of its stream is not parsed. Call it on the request
  /// parser of a connection whose response parser became opaque() (a tunnel or a switch of
  /// protocol concerns both directions).
  void make_opaque() noexcept;
  /// @return true when a message has started and not ended
  bool in_message() const noexcept;
  /// @return bytes given to parse() after the parser stopped or became opaque (not parsed)
  std::uint64_t ignored_bytes() const noexcept { return ignored_bytes_; }
  /// @return requests waiting for their response
  std::size_t pending_requests() const noexcept { return pending_count_; }
  /// @return the limits in force
  const HttpLimits& limits() const noexcept { return limits_; }
  /// Forgets everything (the stream starts over); keeps the buffers and the handler.
  void reset() noexcept;
  /// Forgets everything, as reset() does, and frees the buffers.
  void release() noexcept;
  /// Stops the parser from outside, as a limit would (HttpErrorKind::limit), and frees its
  /// buffers: for a caller that bounds the memory of many parsers together (HttpTracker). The
  /// message in progress, if any, is cut: message() keeps its numbers but no longer its head.
  /// @param reason a static phrase saying which limit
  /// @return HttpParseStatus::error with that error when a message was in progress;
  ///         HttpParseStatus::need_more otherwise (the parser is stopped all the same)
  HttpParse stop(const char* reason) noexcept;
  /// @return the bytes the parser's buffers take now (their capacity), the parser object aside
  std::size_t buffered_bytes() const noexcept;

 private:
  enum class State : std::uint8_t {
    idle,            // between messages: skipping empty lines
    head,            // collecting the head
    body_length,     // Content-Length bytes to go
    chunk_size,      // collecting a chunk-size line
    chunk_data,      // chunk data to go
    chunk_data_end,  // the CRLF after chunk data
    trailer,         // collecting the trailer section
    until_close,     // body delimited by the close
    opaque,          // tunnel or switched protocol
    stopped,         // error: nothing more is parsed
  };
  struct Pending {
    std::array<char, 31> method{};
    std::uint8_t method_length = 0;
    std::uint64_t number = 0;
  };

  HttpParse fail(HttpErrorKind kind, const char* reason, std::size_t consumed);
  HttpParse fail_at_line(std::size_t buffered, std::size_t pos, const char* reason);
  HttpParse complete(std::size_t consumed);
  HttpParse head_done(std::size_t consumed, bool& done);
  HttpParse trailers_done(std::size_t consumed);
  HttpParse chunk_size_done(std::size_t consumed, bool& done);
  void start_message();
  void deliver_body(ByteView bytes);

  HttpRole role_;
  HttpLimits limits_;
  HttpBodyHandler* handler_ = nullptr;
  State state_ = State::idle;
  HttpMessage message_;
  HttpError stop_error_;
  std::string head_buffer_;     // the current head
  std::string trailer_buffer_;  // the trailer section of a chunked body
  std::string line_buffer_;     // a chunk-size line
  std::vector<HttpHeader> header_storage_;
  std::vector<HttpHeader> trailer_storage_;
  std::vector<std::byte> kept_body_;
  std::vector<Pending> pending_;  // ring buffer of requests awaiting responses
  std::size_t pending_first_ = 0;
  std::size_t pending_count_ = 0;
  std::size_t line_start_ = 0;   // start of the current line in head_buffer_ or trailer_buffer_
  Pending current_request_;      // the request the current response answers
  std::uint64_t remaining_ = 0;  // body or chunk bytes to go
  std::uint64_t offset_ = 0;     // stream offset of the next byte
  std::uint64_t messages_ = 0;
  std::uint64_t ignored_bytes_ = 0;
  std::uint8_t chunk_end_seen_ = 0;  // bytes of the CRLF after chunk data seen
};

}  // namespace pktdoc
