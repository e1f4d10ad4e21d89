#include "pktdoc/http.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace pktdoc {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// RFC 9110 section 5.6.2: tchar.
constexpr bool is_tchar(char c) noexcept {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

constexpr bool is_token(std::string_view text) noexcept {
  if (text.empty()) return false;
  for (char c : text)
    if (!is_tchar(c)) return false;
  return true;
}

constexpr bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_ows(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ows(text.back())) text.remove_suffix(1);
  return text;
}

// "HTTP/" DIGIT "." DIGIT (RFC 9112 section 2.3).
bool parse_version(std::string_view text, std::uint8_t& major, std::uint8_t& minor) noexcept {
  if (text.size() != 8 || text.substr(0, 5) != "HTTP/" || text[6] != '.') return false;
  if (text[5] < '0' || text[5] > '9' || text[7] < '0' || text[7] > '9') return false;
  major = static_cast<std::uint8_t>(text[5] - '0');
  minor = static_cast<std::uint8_t>(text[7] - '0');
  return true;
}

struct Line {
  std::size_t begin = 0;        // first byte of the line
  std::size_t content_end = 0;  // end of its content (before CR LF or LF)
  std::size_t next = 0;         // first byte after its LF
};

enum class LineResult { ok, need_more, too_long, bare_cr };

// Finds the line at `pos`. Lines end with CRLF or a bare LF (RFC 9112 section 2.2).
LineResult next_line(std::string_view text, std::size_t pos, std::size_t max_line, Line& line) noexcept {
  const std::size_t nl = text.find('\n', pos);
  if (nl == npos) return text.size() - pos >= max_line ? LineResult::too_long : LineResult::need_more;
  if (nl + 1 - pos > max_line) return LineResult::too_long;
  line.begin = pos;
  line.content_end = (nl > pos && text[nl - 1] == '\r') ? nl - 1 : nl;
  line.next = nl + 1;
  if (text.substr(pos, line.content_end - pos).find('\r') != npos) return LineResult::bare_cr;
  return LineResult::ok;
}

HttpParse head_error(HttpErrorKind kind, const char* reason, std::size_t offset) noexcept {
  return HttpParse{HttpParseStatus::error, offset, HttpError{kind, reason, offset}};
}

HttpParse line_error(LineResult result, std::size_t offset) noexcept {
  if (result == LineResult::too_long)
    return head_error(HttpErrorKind::limit, "line longer than max_line_bytes", offset);
  return head_error(HttpErrorKind::invalid, "bare CR in a line (RFC 9112 section 2.2)", offset);
}

// Parses field lines from `pos` up to and including the empty line that ends them (RFC 9112
// section 5, also used for the trailer section of section 7.1.2). Writes the fields to `storage`.
HttpParse parse_fields(std::string_view text, std::size_t pos, std::size_t start, std::span<HttpHeader> storage,
                       const HttpLimits& limits, std::size_t& count) noexcept {
  count = 0;
  std::size_t value_begin = 0, value_end = 0;  // of the last field, for obsolete line folding
  for (;;) {
    Line line;
    const LineResult result = next_line(text, pos, limits.max_line_bytes, line);
    if (result == LineResult::need_more) {
      if (text.size() - start >= limits.max_head_bytes)
        return head_error(HttpErrorKind::limit, "header section larger than max_head_bytes", text.size());
      return HttpParse{HttpParseStatus::need_more, text.size(), {}};
    }
    if (result != LineResult::ok) return line_error(result, pos);
    if (line.next - start > limits.max_head_bytes)
      return head_error(HttpErrorKind::limit, "header section larger than max_head_bytes", pos);
    const std::string_view content = text.substr(line.begin, line.content_end - line.begin);
    if (content.empty()) return HttpParse{HttpParseStatus::complete, line.next, {}};
    if (content.find('\0') != npos) return head_error(HttpErrorKind::invalid, "NUL in a field line", pos);
    if (is_ows(content.front())) {
      // obs-fold (RFC 9112 section 5.2): the line continues the previous field's value.
      if (count == 0)
        return head_error(HttpErrorKind::invalid, "whitespace before the first field line (RFC 9112 section 2.2)", pos);
      const std::string_view more = trim(content);
      if (!more.empty()) {
        if (value_begin == value_end) value_begin = static_cast<std::size_t>(more.data() - text.data());
        value_end = static_cast<std::size_t>(more.data() - text.data()) + more.size();
      }
      HttpHeader& last = storage[count - 1];
      last.value = text.substr(value_begin, value_end - value_begin);
      last.folded = true;
      pos = line.next;
      continue;
    }
    const std::size_t colon = content.find(':');
    if (colon == npos) return head_error(HttpErrorKind::invalid, "field line without a colon", pos);
    const std::string_view name = content.substr(0, colon);
    if (!is_token(name))
      return head_error(HttpErrorKind::invalid,
                        name.empty() ? "empty field name"
                                     : "field name with whitespace or a character outside tchar (RFC 9112 section 5.1)",
                        pos);
    if (count >= storage.size() || count >= limits.max_headers)
      return head_error(HttpErrorKind::limit, "more field lines than max_headers", pos);
    const std::string_view value = trim(content.substr(colon + 1));
    value_begin = value.empty() ? line.content_end : static_cast<std::size_t>(value.data() - text.data());
    value_end = value_begin + value.size();
    storage[count++] = HttpHeader{name, value, false};
    pos = line.next;
  }
}

std::string_view as_view(const std::string& text) noexcept { return std::string_view(text.data(), text.size()); }

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Bodies and chunks are limited to 2^62 bytes so that offsets never overflow.
constexpr std::uint64_t max_length = std::uint64_t{1} << 62;

// Parses a start line into `head`; returns null, or why it is not one.
const char* parse_start_line(std::string_view start_line, HttpHead& head) noexcept {
  if (start_line.substr(0, 5) == "HTTP/") {
    // status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 section 4)
    head.kind = HttpMessageKind::response;
    head.version = start_line.substr(0, 8);
    if (!parse_version(head.version, head.version_major, head.version_minor))
      return "malformed HTTP version in the status line";
    if (head.version_major != 1) return "HTTP version other than 1.x";
    if (start_line.size() < 12 || start_line[8] != ' ' || !is_digit(start_line[9]) || !is_digit(start_line[10]) ||
        !is_digit(start_line[11]))
      return "status line without a three-digit status code";
    head.status_code =
        static_cast<std::uint16_t>((start_line[9] - '0') * 100 + (start_line[10] - '0') * 10 + (start_line[11] - '0'));
    if (head.status_code < 100 || head.status_code > 599) return "status code outside 100-599 (RFC 9110 section 15)";
    if (start_line.size() > 12) {
      // A missing SP after the code is tolerated (many servers send "HTTP/1.1 200\r\n").
      if (start_line[12] != ' ') return "status code not followed by a space";
      head.reason = start_line.substr(13);
    }
  } else {
    // request-line = method SP request-target SP HTTP-version (RFC 9112 section 3)
    head.kind = HttpMessageKind::request;
    const std::size_t first_space = start_line.find(' ');
    const std::size_t last_space = start_line.rfind(' ');
    if (first_space == npos || first_space == last_space) return "request line without method, target and version";
    head.method = start_line.substr(0, first_space);
    head.target = start_line.substr(first_space + 1, last_space - first_space - 1);
    head.version = start_line.substr(last_space + 1);
    if (!is_token(head.method)) return "method is not a token";
    if (head.target.empty()) return "empty request target";
    for (char c : head.target)
      if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
        return "whitespace or control character in the request target";
    if (!parse_version(head.version, head.version_major, head.version_minor))
      return "malformed HTTP version in the request line";
    if (head.version_major != 1) return "HTTP version other than 1.x";
  }

  return nullptr;
}

}  // namespace

std::string_view http_error_kind_name(HttpErrorKind kind) noexcept {
  switch (kind) {
    case HttpErrorKind::none:
      return "none";
    case HttpErrorKind::truncated:
      return "truncated";
    case HttpErrorKind::invalid:
      return "invalid";
    case HttpErrorKind::limit:
      return "limit";
  }
  return "unknown";
}

std::string_view http_body_framing_name(HttpBodyFraming framing) noexcept {
  switch (framing) {
    case HttpBodyFraming::none:
      return "none";
    case HttpBodyFraming::content_length:
      return "content_length";
    case HttpBodyFraming::chunked:
      return "chunked";
    case HttpBodyFraming::until_close:
      return "until_close";
    case HttpBodyFraming::tunnel:
      return "tunnel";
    case HttpBodyFraming::switched:
      return "switched";
  }
  return "unknown";
}

bool is_http_start_line(std::string_view line) noexcept {
  HttpHead head;
  return line.find('\r') == npos && line.find('\n') == npos && parse_start_line(line, head) == nullptr;
}

bool http_name_equals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::optional<std::string_view> HttpHead::find(std::string_view name) const noexcept {
  for (const HttpHeader& header : headers)
    if (http_name_equals(header.name, name)) return header.value;
  return std::nullopt;
}

std::size_t HttpHead::count(std::string_view name) const noexcept {
  std::size_t n = 0;
  for (const HttpHeader& header : headers) n += http_name_equals(header.name, name) ? 1 : 0;
  return n;
}

std::optional<std::uint64_t> parse_http_content_length(std::string_view value) noexcept {
  std::optional<std::uint64_t> result;
  for (;;) {
    const std::size_t comma = value.find(',');
    const std::string_view element = trim(value.substr(0, comma));
    if (element.empty()) return std::nullopt;
    std::uint64_t number = 0;
    for (char c : element) {
      if (!is_digit(c)) return std::nullopt;
      number = number * 10 + static_cast<std::uint64_t>(c - '0');
      if (number > max_length) return std::nullopt;
    }
    if (result && *result != number) return std::nullopt;
    result = number;
    if (comma == npos) return result;
    value.remove_prefix(comma + 1);
  }
}

HttpParse parse_http_head(ByteView bytes, HttpHead& head, std::span<HttpHeader> storage,
                          const HttpLimits& limits) noexcept {
  const std::string_view text = as_text(bytes);
  head = HttpHead{};
  std::size_t pos = 0;
  // RFC 9112 section 2.2: empty lines before the start line are ignored.
  while (pos < text.size() &&
         (text[pos] == '\n' || (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')))
    pos += text[pos] == '\r' ? 2 : 1;
  if (pos == text.size() || (text[pos] == '\r' && pos + 1 == text.size()))
    return HttpParse{HttpParseStatus::need_more, text.size(), {}};
  const std::size_t start = pos;

  Line line;
  const LineResult result = next_line(text, pos, limits.max_line_bytes, line);
  if (result == LineResult::need_more) {
    if (text.size() - start >= limits.max_head_bytes)
      return head_error(HttpErrorKind::limit, "head larger than max_head_bytes", text.size());
    return HttpParse{HttpParseStatus::need_more, text.size(), {}};
  }
  if (result != LineResult::ok) return line_error(result, pos);
  const std::string_view start_line = text.substr(line.begin, line.content_end - line.begin);

  if (const char* problem = parse_start_line(start_line, head))
    return head_error(HttpErrorKind::invalid, problem, start);

  std::size_t count = 0;
  HttpParse fields = parse_fields(text, line.next, start, storage, limits, count);
  if (fields.status != HttpParseStatus::complete) return fields;
  head.headers = std::span<const HttpHeader>(storage.data(), count);
  head.length = fields.consumed - start;
  return fields;
}

HttpFraming http_body_framing(const HttpHead& head, std::string_view request_method) noexcept {
  HttpFraming out;
  const bool response = head.kind == HttpMessageKind::response;
  if (response) {
    const std::uint16_t code = head.status_code;
    if (request_method == "HEAD") return out;  // RFC 9112 section 6.3 rule 1
    if (code == 101) {
      out.framing = HttpBodyFraming::switched;
      return out;
    }
    if ((code >= 100 && code < 200) || code == 204 || code == 304) return out;
    if (request_method == "CONNECT" && code >= 200 && code < 300) {  // rule 2
      out.framing = HttpBodyFraming::tunnel;
      return out;
    }
  }
  bool has_transfer_encoding = false, has_content_length = false;
  std::string_view last_coding;
  std::size_t chunked_count = 0;
  std::optional<std::uint64_t> length;
  for (const HttpHeader& header : head.headers) {
    if (http_name_equals(header.name, "Transfer-Encoding")) {
      has_transfer_encoding = true;
      std::string_view list = header.value;
      while (!list.empty()) {
        const std::size_t comma = list.find(',');
        std::string_view element = list.substr(0, comma);
        element = trim(element.substr(0, element.find(';')));
        if (!element.empty()) {
          last_coding = element;
          if (http_name_equals(element, "chunked")) ++chunked_count;
        }
        if (comma == npos) break;
        list.remove_prefix(comma + 1);
      }
    } else if (http_name_equals(header.name, "Content-Length")) {
      const std::optional<std::uint64_t> value = parse_http_content_length(header.value);
      if (!value) {
        out.error = HttpError{HttpErrorKind::invalid, "invalid Content-Length (RFC 9112 section 6.3 rule 5)", 0};
        if (!has_transfer_encoding) has_content_length = true;
        continue;
      }
      if (length && *length != *value && out.error.kind == HttpErrorKind::none)
        out.error =
            HttpError{HttpErrorKind::invalid, "Content-Length fields that differ (RFC 9112 section 6.3 rule 5)", 0};
      length = value;
      has_content_length = true;
    }
  }
  if (has_transfer_encoding) {
    // Rule 3: Transfer-Encoding overrides Content-Length (whose errors then do not matter).
    out.error = HttpError{};
    out.conflicting_length = has_content_length;
    if (head.version_major == 1 && head.version_minor == 0) {
      out.error =
          HttpError{HttpErrorKind::invalid, "Transfer-Encoding in an HTTP/1.0 message (RFC 9112 section 6.1)", 0};
      return out;
    }
    if (!last_coding.empty() && http_name_equals(last_coding, "chunked")) {
      if (chunked_count > 1) {
        out.error = HttpError{HttpErrorKind::invalid, "chunked applied more than once (RFC 9112 section 6.1)", 0};
        return out;
      }
      out.framing = HttpBodyFraming::chunked;
      return out;
    }
    if (!response) {  // rule 4
      out.error = HttpError{HttpErrorKind::invalid,
                            "request whose last transfer coding is not chunked (RFC 9112 section 6.3 rule 4)", 0};
      return out;
    }
    out.framing = HttpBodyFraming::until_close;
    return out;
  }
  if (out.error.kind != HttpErrorKind::none) return out;
  if (length) {
    out.framing = HttpBodyFraming::content_length;
    out.length = *length;
    return out;
  }
  if (response) out.framing = HttpBodyFraming::until_close;  // rule 8
  return out;                                                // rule 7: a request without a body
}

// ---------------------------------------------------------------------------------------------
// HttpStreamParser

HttpBodyHandler::~HttpBodyHandler() = default;
void HttpBodyHandler::on_head(const HttpMessage&) {}
void HttpBodyHandler::on_body(const HttpMessage&, ByteView) {}

namespace {

enum class Collect { need_more, done, line_too_long, too_large };

// Appends the bytes of `input` from `pos` to `buffer` until an empty line (the end of a head or
// of a trailer section) has been appended, checking the limits before appending anything. On a
// limit, nothing of the current line is appended from `input`: the bytes of that line in
// `buffer` (from `line_start`) came in earlier calls, and `pos` is where the line goes on.
Collect collect_section(std::string& buffer, std::string_view input, std::size_t& pos, std::size_t& line_start,
                        const HttpLimits& limits) {
  while (pos < input.size()) {
    const std::size_t nl = input.find('\n', pos);
    const std::size_t end = nl == npos ? input.size() : nl + 1;
    const std::size_t line_length = buffer.size() - line_start + (end - pos);
    const bool line_over = line_length > limits.max_line_bytes;
    const bool section_over = buffer.size() + (end - pos) > limits.max_head_bytes;
    // Bytes that came in one piece may pass both limits. Report the one whose threshold comes
    // first in the stream (the line's byte max_line_bytes against the section's byte
    // max_head_bytes, the line first on a tie), as a byte-at-a-time reader meets them, so that
    // the answer does not depend on the split. line_start + max_line_bytes cannot overflow:
    // line_over says max_line_bytes < line_length.
    if (line_over && (!section_over || line_start + limits.max_line_bytes <= limits.max_head_bytes))
      return Collect::line_too_long;
    if (section_over) return Collect::too_large;
    buffer.append(input.data() + pos, end - pos);
    pos = end;
    if (nl == npos) return Collect::need_more;
    const bool empty = line_length == 1 || (line_length == 2 && buffer[line_start] == '\r');
    line_start = buffer.size();
    if (empty) return Collect::done;
  }
  return Collect::need_more;
}

std::size_t count_lines(std::string_view text) noexcept {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

HttpStreamParser::HttpStreamParser(HttpRole role, const HttpLimits& limits) : role_(role), limits_(limits) {}
HttpStreamParser::~HttpStreamParser() = default;
HttpStreamParser::HttpStreamParser(HttpStreamParser&&) noexcept = default;
HttpStreamParser& HttpStreamParser::operator=(HttpStreamParser&&) noexcept = default;

bool HttpStreamParser::in_message() const noexcept {
  switch (state_) {
    case State::head:
    case State::body_length:
    case State::chunk_size:
    case State::chunk_data:
    case State::chunk_data_end:
    case State::trailer:
    case State::until_close:
      return true;
    default:
      return false;
  }
}

void HttpStreamParser::make_opaque() noexcept {
  if (state_ != State::stopped) state_ = State::opaque;
}

void HttpStreamParser::reset() noexcept {
  state_ = State::idle;
  message_ = HttpMessage{};
  stop_error_ = HttpError{};
  head_buffer_.clear();
  trailer_buffer_.clear();
  line_buffer_.clear();
  kept_body_.clear();
  pending_first_ = pending_count_ = 0;
  line_start_ = 0;
  remaining_ = 0;
  offset_ = 0;
  messages_ = 0;
  ignored_bytes_ = 0;
  chunk_end_seen_ = 0;
}

void HttpStreamParser::release() noexcept {
  reset();
  std::string().swap(head_buffer_);
  std::string().swap(trailer_buffer_);
  std::string().swap(line_buffer_);
  std::vector<HttpHeader>().swap(header_storage_);
  std::vector<HttpHeader>().swap(trailer_storage_);
  std::vector<std::byte>().swap(kept_body_);
  std::vector<Pending>().swap(pending_);
}

HttpParse HttpStreamParser::stop(const char* reason) noexcept {
  const bool in_progress = in_message();
  const HttpMessage cut = message_;
  const std::uint64_t offset = offset_, messages = messages_, ignored = ignored_bytes_;
  release();
  offset_ = offset;
  messages_ = messages;
  ignored_bytes_ = ignored;
  // Keep the numbers of the message that was cut, not its views into the freed buffers.
  message_.stream_offset = cut.stream_offset;
  message_.number = cut.number;
  message_.body_length = cut.body_length;
  message_.missing_bytes = cut.missing_bytes;
  message_.wire_length = cut.wire_length;
  message_.content_length = cut.content_length;
  message_.framing = cut.framing;
  message_.head.kind = cut.head.kind;
  message_.head.status_code = cut.head.status_code;
  stop_error_ = HttpError{HttpErrorKind::limit, reason, offset_};
  state_ = State::stopped;
  if (!in_progress) return HttpParse{};
  return HttpParse{HttpParseStatus::error, 0, stop_error_};
}

std::size_t HttpStreamParser::buffered_bytes() const noexcept {
  return head_buffer_.capacity() + trailer_buffer_.capacity() + line_buffer_.capacity() + kept_body_.capacity() +
         (header_storage_.capacity() + trailer_storage_.capacity()) * sizeof(HttpHeader) +
         pending_.capacity() * sizeof(Pending);
}

bool HttpStreamParser::expect_response(std::string_view method, std::uint64_t request_number) {
  if (pending_count_ >= limits_.max_pending_requests) return false;
  if (pending_count_ == pending_.size()) {
    // Grow the ring, keeping its order.
    std::vector<Pending> grown(std::min(limits_.max_pending_requests, std::max<std::size_t>(4, pending_.size() * 2)));
    for (std::size_t i = 0; i < pending_count_; ++i) grown[i] = pending_[(pending_first_ + i) % pending_.size()];
    pending_ = std::move(grown);
    pending_first_ = 0;
  }
  Pending& entry = pending_[(pending_first_ + pending_count_) % pending_.size()];
  entry.method_length = static_cast<std::uint8_t>(std::min(method.size(), entry.method.size()));
  std::memcpy(entry.method.data(), method.data(), entry.method_length);
  entry.number = request_number;
  ++pending_count_;
  return true;
}

void HttpStreamParser::start_message() {
  message_ = HttpMessage{};
  message_.stream_offset = offset_;
  message_.number = messages_;
  head_buffer_.clear();
  trailer_buffer_.clear();
  line_buffer_.clear();
  kept_body_.clear();
  line_start_ = 0;
  remaining_ = 0;
  chunk_end_seen_ = 0;
  state_ = State::head;
}

HttpParse HttpStreamParser::fail(HttpErrorKind kind, const char* reason, std::size_t consumed) {
  stop_error_ = HttpError{kind, reason, offset_};
  message_.wire_length = offset_ - message_.stream_offset;
  state_ = State::stopped;
  return HttpParse{HttpParseStatus::error, consumed, stop_error_};
}

// A line (of a head, a trailer section, or a chunk-size line) passed a limit: the error is at the
// line's start, wherever the pieces of the stream ended. `buffered` bytes of the line came in
// earlier calls; `pos` is where it goes on in this call's bytes (0 when `buffered` is not), and
// offset_ its stream offset.
HttpParse HttpStreamParser::fail_at_line(std::size_t buffered, std::size_t pos, const char* reason) {
  offset_ -= buffered;
  return fail(HttpErrorKind::limit, reason, pos);
}

HttpParse HttpStreamParser::complete(std::size_t consumed) {
  message_.wire_length = offset_ - message_.stream_offset;
  ++messages_;
  const bool opaque =
      message_.framing.framing == HttpBodyFraming::tunnel || message_.framing.framing == HttpBodyFraming::switched;
  state_ = opaque ? State::opaque : State::idle;
  if (message_.missing_bytes > 0) {
    // Only a body of known length gets here with bytes missing: the message ended where its
    // length says, and the next one can be parsed.
    return HttpParse{HttpParseStatus::error, consumed,
                     HttpError{HttpErrorKind::truncated, "body bytes missing from the stream", offset_}};
  }
  return HttpParse{HttpParseStatus::complete, consumed, {}};
}

void HttpStreamParser::deliver_body(ByteView bytes) {
  if (bytes.empty()) return;
  if (handler_ != nullptr) handler_->on_body(message_, bytes);
  if (kept_body_.size() < limits_.max_kept_body_bytes) {
    const std::size_t keep = std::min(bytes.size(), limits_.max_kept_body_bytes - kept_body_.size());
    kept_body_.insert(kept_body_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(keep));
    if (keep < bytes.size()) message_.body_cut = true;
  } else {
    message_.body_cut = true;
  }
  message_.body = ByteView(kept_body_.data(), kept_body_.size());
  message_.body_length += bytes.size();
}

// The head is in head_buffer_: parse it, decide the framing, and set the state for the body.
HttpParse HttpStreamParser::head_done(std::size_t consumed, bool& done) {
  done = false;
  const std::size_t lines = count_lines(as_view(head_buffer_));
  if (header_storage_.size() < std::min(lines, limits_.max_headers + 1))
    header_storage_.resize(std::min(lines, limits_.max_headers + 1));
  HttpHead& head = message_.head;
  const HttpParse parsed = parse_http_head(as_bytes(as_view(head_buffer_)), head, header_storage_, limits_);
  if (parsed.status != HttpParseStatus::complete) {
    offset_ = message_.stream_offset + parsed.error.offset;
    const std::size_t back = head_buffer_.size() - parsed.error.offset;
    return fail(
        parsed.status == HttpParseStatus::error ? parsed.error.kind : HttpErrorKind::invalid,
        parsed.status == HttpParseStatus::error ? parsed.error.reason : "head does not end where its empty line is",
        consumed >= back ? consumed - back : 0);
  }
  // RFC 9112 section 5.2: a recipient replaces each obs-fold with SP before using the value.
  for (const HttpHeader& header : head.headers) {
    if (!header.folded) continue;
    const std::size_t begin = static_cast<std::size_t>(header.value.data() - head_buffer_.data());
    for (std::size_t i = begin; i < begin + header.value.size(); ++i)
      if (head_buffer_[i] == '\r' || head_buffer_[i] == '\n') head_buffer_[i] = ' ';
  }
  message_.head_complete = true;

  if (role_ == HttpRole::detect) role_ = head.is_request() ? HttpRole::request : HttpRole::response;
  if ((role_ == HttpRole::request) != head.is_request())
    return fail(
        HttpErrorKind::invalid,
        head.is_request() ? "a request in the direction of responses" : "a response in the direction of requests",
        consumed);

  if (!head.is_request()) {
    current_request_ = Pending{};
    if (pending_count_ > 0) {
      current_request_ = pending_[pending_first_];
      message_.request_number = current_request_.number;
      // An interim (1xx) response leaves the request waiting for its final response; 101 is final.
      const bool interim = head.status_code >= 100 && head.status_code < 200 && head.status_code != 101;
      if (!interim) {
        pending_first_ = (pending_first_ + 1) % pending_.size();
        --pending_count_;
      }
    }
    message_.request_method = std::string_view(current_request_.method.data(), current_request_.method_length);
  }
  message_.framing = http_body_framing(head, message_.request_method);
  if (message_.framing.error.kind != HttpErrorKind::none)
    return fail(message_.framing.error.kind, message_.framing.error.reason, consumed);
  if (auto length = head.find("Content-Length")) message_.content_length = parse_http_content_length(*length);
  if (auto type = head.find("Content-Type")) message_.content_type = *type;
  if (handler_ != nullptr) handler_->on_head(message_);

  switch (message_.framing.framing) {
    case HttpBodyFraming::none:
    case HttpBodyFraming::tunnel:
    case HttpBodyFraming::switched:
      done = true;
      return complete(consumed);
    case HttpBodyFraming::content_length:
      if (message_.framing.length == 0) {
        done = true;
        return complete(consumed);
      }
      remaining_ = message_.framing.length;
      state_ = State::body_length;
      break;
    case HttpBodyFraming::chunked:
      state_ = State::chunk_size;
      break;
    case HttpBodyFraming::until_close:
      state_ = State::until_close;
      break;
  }
  return HttpParse{HttpParseStatus::need_more, consumed, {}};
}

// chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF (RFC 9112 section 7.1); the line is in
// line_buffer_.
HttpParse HttpStreamParser::chunk_size_done(std::size_t consumed, bool& done) {
  done = false;
  std::string_view line = as_view(line_buffer_);
  line.remove_suffix(1);  // LF
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find('\r') != npos) return fail(HttpErrorKind::invalid, "bare CR in a chunk-size line", consumed);
  std::uint64_t size = 0;
  std::size_t i = 0;
  for (; i < line.size() && hex_value(line[i]) >= 0; ++i) {
    size = size * 16 + static_cast<std::uint64_t>(hex_value(line[i]));
    if (size > max_length) return fail(HttpErrorKind::invalid, "chunk size larger than 2^62", consumed);
  }
  if (i == 0) return fail(HttpErrorKind::invalid, "chunk-size line without a hexadecimal size", consumed);
  // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ): extensions are skipped.
  std::string_view rest = line.substr(i);
  while (!rest.empty() && is_ows(rest.front())) rest.remove_prefix(1);
  if (!rest.empty() && rest.front() != ';')
    return fail(HttpErrorKind::invalid, "chunk size followed by something other than an extension", consumed);
  line_buffer_.clear();
  if (size == 0) {
    state_ = State::trailer;
    line_start_ = 0;
    trailer_buffer_.clear();
  } else {
    remaining_ = size;
    state_ = State::chunk_data;
  }
  done = true;
  return HttpParse{HttpParseStatus::need_more, consumed, {}};
}

HttpParse HttpStreamParser::trailers_done(std::size_t consumed) {
  const std::string_view text = as_view(trailer_buffer_);
  const std::size_t lines = count_lines(text);
  if (trailer_storage_.size() < std::min(lines, limits_.max_headers + 1))
    trailer_storage_.resize(std::min(lines, limits_.max_headers + 1));
  std::size_t count = 0;
  const HttpParse parsed = parse_fields(text, 0, 0, trailer_storage_, limits_, count);
  if (parsed.status != HttpParseStatus::complete)
    return fail(parsed.status == HttpParseStatus::error ? parsed.error.kind : HttpErrorKind::invalid,
                parsed.status == HttpParseStatus::error ? parsed.error.reason : "trailer section does not end",
                consumed);
  for (std::size_t k = 0; k < count; ++k) {
    const HttpHeader& header = trailer_storage_[k];
    if (!header.folded) continue;
    const std::size_t begin = static_cast<std::size_t>(header.value.data() - trailer_buffer_.data());
    for (std::size_t i = begin; i < begin + header.value.size(); ++i)
      if (trailer_buffer_[i] == '\r' || trailer_buffer_[i] == '\n') trailer_buffer_[i] = ' ';
  }
  message_.trailers = std::span<const HttpHeader>(trailer_storage_.data(), count);
  return complete(consumed);
}

HttpParse HttpStreamParser::parse(ByteView bytes) {
  const std::string_view text = as_text(bytes);
  const std::uint64_t base = offset_;
  std::size_t pos = 0;
  auto sync = [&] { offset_ = base + pos; };
  if (state_ == State::stopped) {
    ignored_bytes_ += bytes.size();
    return HttpParse{HttpParseStatus::error, bytes.size(), stop_error_};
  }
  while (pos < text.size()) {
    switch (state_) {
      case State::idle: {
        // RFC 9112 section 2.2: empty lines before a start line are ignored.
        while (pos < text.size() && (text[pos] == '\r' || text[pos] == '\n')) ++pos;
        if (pos == text.size()) break;
        sync();
        start_message();
        break;
      }
      case State::head: {
        const bool first_line = line_start_ == 0;
        const Collect result = collect_section(head_buffer_, text, pos, line_start_, limits_);
        sync();
        if (first_line && line_start_ != 0) {
          // The start line is complete: bytes that are not HTTP fail here, not a head later.
          // Reported at the end of the start line, however many lines after it this call
          // collected (as head_done() steps `back` from the end of the buffer).
          const std::size_t line_end = head_buffer_.find('\n') + 1;
          std::string_view line = as_view(head_buffer_).substr(0, line_end - 1);
          if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
          HttpHead start;
          const char* problem =
              line.find('\r') != npos ? "bare CR in a line (RFC 9112 section 2.2)" : parse_start_line(line, start);
          if (problem != nullptr) {
            // Every byte after the start line's end was collected in this call (the line was not
            // complete before it), so `back` of them precede `pos` in `text`.
            const std::size_t back = head_buffer_.size() - line_end;
            offset_ = message_.stream_offset + line_end;
            return fail(HttpErrorKind::invalid, problem, pos >= back ? pos - back : 0);
          }
        }
        if (result == Collect::line_too_long)
          return fail_at_line(head_buffer_.size() - line_start_, pos, "line longer than max_line_bytes");
        if (result == Collect::too_large)
          return fail_at_line(head_buffer_.size() - line_start_, pos, "head larger than max_head_bytes");
        if (result == Collect::done) {
          bool done = false;
          const HttpParse step = head_done(pos, done);
          if (step.status != HttpParseStatus::need_more || done) return step;
        }
        break;
      }
      case State::body_length:
      case State::chunk_data: {
        const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, text.size() - pos));
        deliver_body(bytes.subspan(pos, take));
        pos += take;
        remaining_ -= take;
        sync();
        if (remaining_ == 0) {
          if (state_ == State::body_length) return complete(pos);
          state_ = State::chunk_data_end;
          chunk_end_seen_ = 0;
        }
        break;
      }
      case State::chunk_data_end: {
        const char c = text[pos];
        if (c == '\r' && chunk_end_seen_ == 0) {
          chunk_end_seen_ = 1;
          ++pos;
        } else if (c == '\n') {
          ++pos;
          state_ = State::chunk_size;
          line_buffer_.clear();
        } else {
          sync();
          return fail(HttpErrorKind::invalid, "chunk data not followed by CRLF", pos);
        }
        sync();
        break;
      }
      case State::chunk_size: {
        const std::size_t nl = text.find('\n', pos);
        const std::size_t end = nl == npos ? text.size() : nl + 1;
        if (line_buffer_.size() + (end - pos) > limits_.max_line_bytes) {
          sync();
          return fail_at_line(line_buffer_.size(), pos, "chunk-size line longer than max_line_bytes");
        }
        line_buffer_.append(text.data() + pos, end - pos);
        pos = end;
        sync();
        if (nl != npos) {
          bool done = false;
          const HttpParse step = chunk_size_done(pos, done);
          if (!done) return step;
        }
        break;
      }
      case State::trailer: {
        const Collect result = collect_section(trailer_buffer_, text, pos, line_start_, limits_);
        sync();
        if (result == Collect::line_too_long)
          return fail_at_line(trailer_buffer_.size() - line_start_, pos, "trailer line longer than max_line_bytes");
        if (result == Collect::too_large)
          return fail_at_line(trailer_buffer_.size() - line_start_, pos, "trailer section larger than max_head_bytes");
        if (result == Collect::done) return trailers_done(pos);
        break;
      }
      case State::until_close: {
        deliver_body(bytes.subspan(pos));
        pos = text.size();
        sync();
        break;
      }
      case State::opaque:
      case State::stopped: {
        ignored_bytes_ += text.size() - pos;
        pos = text.size();
        sync();
        if (state_ == State::stopped) return HttpParse{HttpParseStatus::error, pos, stop_error_};
        break;
      }
    }
  }
  sync();
  if (state_ != State::idle && state_ != State::opaque) message_.wire_length = offset_ - message_.stream_offset;
  return HttpParse{HttpParseStatus::need_more, text.size(), {}};
}

HttpParse HttpStreamParser::gap(std::uint64_t length) {
  switch (state_) {
    case State::stopped:
      return HttpParse{HttpParseStatus::error, 0, stop_error_};
    case State::opaque:
      offset_ += length;
      return HttpParse{};
    case State::until_close:
      offset_ += length;
      message_.missing_bytes += length;
      message_.wire_length = offset_ - message_.stream_offset;
      return HttpParse{};
    case State::body_length:
      if (length <= remaining_) {
        offset_ += length;
        remaining_ -= length;
        message_.missing_bytes += length;
        message_.wire_length = offset_ - message_.stream_offset;
        if (remaining_ == 0) return complete(0);
        return HttpParse{};
      }
      message_.missing_bytes += remaining_;
      offset_ += remaining_;
      return fail(HttpErrorKind::truncated, "bytes missing past the end of a body: the next message is lost", 0);
    case State::idle: {
      start_message();
      return fail(HttpErrorKind::truncated, "bytes missing between messages: the framing is lost", 0);
    }
    case State::head:
      return fail(HttpErrorKind::truncated, "bytes missing in the head", 0);
    case State::chunk_size:
    case State::chunk_data:
    case State::chunk_data_end:
      return fail(HttpErrorKind::truncated, "bytes missing in a chunked body", 0);
    case State::trailer:
      return fail(HttpErrorKind::truncated, "bytes missing in the trailer section", 0);
  }
  return HttpParse{};
}

HttpParse HttpStreamParser::finish(bool clean) {
  switch (state_) {
    case State::idle:
    case State::opaque:
    case State::stopped:
      return HttpParse{};
    case State::until_close:
      if (clean && message_.missing_bytes == 0) return complete(0);
      return fail(HttpErrorKind::truncated,
                  clean ? "body bytes missing from the stream"
                        : "connection ended without a FIN: the end of a body delimited by the close is not known",
                  0);
    case State::head:
      return fail(HttpErrorKind::truncated, "stream ended inside the head", 0);
    case State::body_length:
      return fail(HttpErrorKind::truncated, "stream ended inside the body", 0);
    case State::chunk_size:
    case State::chunk_data:
    case State::chunk_data_end:
    case State::trailer:
      return fail(HttpErrorKind::truncated, "stream ended inside a chunked body", 0);
  }
  return HttpParse{};
}

}  // namespace pktdoc
