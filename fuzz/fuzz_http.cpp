// fuzz_http: HttpStreamParser fed one direction of a stream in random splits, with gaps, and
// parse_http_head() on the same bytes.
//
// The first input byte is not part of the stream; it chooses how it is parsed:
//   bits 0-1  the role: request, response, detect, detect
//   bit 2     small HttpLimits (lines of 64 bytes, heads of 256, 6 headers, 40 body bytes kept),
//             so that every limit is reached; otherwise the defaults with 64 body bytes kept
//   bit 3     a gap of 1 to 64 bytes at a place chosen from the input
//   bit 4     finish(clean = true) rather than finish(false)
//   bits 5-7  the requests announced to a response parser by expect_response() before parsing:
//             none, GET, HEAD, CONNECT, HEAD then GET, GET then CONNECT, POST, HEAD HEAD HEAD
// The rest is the stream. The split points and the gap come from a hash of the input.
//
// Properties: the parser gives the same answers (messages, heads, framing, body bytes, errors,
// offsets) whether the stream comes in one piece per call or in random pieces, down to one byte
// at a time (http.split-agrees); need_more uses every byte (http.need-more-consumes-all); consumed
// never exceeds what was given (http.consumed-bounded); the parser makes progress
// (http.progress); its buffers stay within a bound set by the limits (http.buffer-bounded); a
// complete message's body_length plus missing_bytes is its Content-Length
// (http.content-length-honoured); parse_http_head() on the bytes of a head the stream parser
// accepted gives the same head (http.head-agrees). Errors are compared with their offsets: a
// limit or a start line that is not HTTP is reported at the same place whatever the split
// (fuzz/regressions/http/ holds the three inputs that once were not).
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "stream_pieces.hpp"
#include "pktdoc/http.hpp"

using namespace pktdoc;

namespace {

using fuzz::Piece;
using fuzz::put;

void describe_head(std::string& out, const HttpHead& head) {
  put(out, static_cast<std::uint64_t>(head.kind));
  put(out, head.method);
  put(out, head.target);
  put(out, head.status_code);
  put(out, head.reason);
  put(out, head.version);
  put(out, head.version_major);
  put(out, head.version_minor);
  put(out, head.length);
  put(out, head.headers.size());
  for (const HttpHeader& header : head.headers) {
    put(out, header.name);
    put(out, header.value);
    put(out, header.folded);
  }
}

class Recorder final : public HttpBodyHandler {
 public:
  std::string transcript;
  std::string body;  // body bytes since the last event: split by the calls, joined here

  void flush_body() {
    if (body.empty()) return;
    transcript += "body ";
    put(transcript, body);
    body.clear();
  }
  void on_head(const HttpMessage& message) override {
    flush_body();
    transcript += "head ";
    describe_head(transcript, message.head);
    put(transcript, message.number);
    put(transcript, message.stream_offset);
  }
  void on_body(const HttpMessage& message, ByteView bytes) override {
    fuzz::use_all(bytes);
    fuzz::use(message.body_length);
    body.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
};

void describe_message(std::string& out, const HttpMessage& message) {
  put(out, message.head_complete);
  if (message.head_complete) describe_head(out, message.head);
  put(out, static_cast<std::uint64_t>(message.framing.framing));
  put(out, message.framing.length);
  put(out, message.framing.conflicting_length);
  put(out, message.content_length.value_or(~std::uint64_t{0}));
  put(out, message.content_type);
  put(out, message.body_length);
  put(out, message.missing_bytes);
  put(out, message.stream_offset);
  put(out, message.wire_length);
  put(out, message.number);
  put(out, message.trailers.size());
  for (const HttpHeader& trailer : message.trailers) {
    put(out, trailer.name);
    put(out, trailer.value);
  }
  put(out, std::string_view(reinterpret_cast<const char*>(message.body.data()), message.body.size()));
  put(out, message.body_cut);
  put(out, message.request_method);
  put(out, message.request_number.value_or(~std::uint64_t{0}));
  fuzz::use(message.interim());
}

void record(Recorder& recorder, const HttpStreamParser& parser, const HttpParse& result, const char* what) {
  recorder.flush_body();
  std::string& out = recorder.transcript;
  out += what;
  out += ' ';
  put(out, static_cast<std::uint64_t>(result.status));
  if (result.status == HttpParseStatus::error) {
    put(out, static_cast<std::uint64_t>(result.error.kind));
    put(out, result.error.reason);
    put(out, result.error.offset);
    fuzz::use(http_error_kind_name(result.error.kind));
  }
  if (result.status != HttpParseStatus::need_more) describe_message(out, parser.message());
  put(out, parser.stopped());
  put(out, parser.opaque());
  fuzz::use(parser.ignored_bytes());
  put(out, parser.pending_requests());
  out += '\n';
}

// A transcript with its control bytes escaped, to print.
std::string printable(const std::string& text) {
  std::string out;
  for (const char signed_c : text) {
    const auto c = static_cast<unsigned char>(signed_c);
    if (c == '\n' || (c >= 0x20 && c < 0x7f)) {
      out += static_cast<char>(c);
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      out += escape;
    }
  }
  return out;
}

std::size_t buffer_bound(const HttpLimits& limits) {
  return 4 * (limits.max_head_bytes + limits.max_line_bytes + limits.max_kept_body_bytes) + 4096 +
         limits.max_headers * 2 * sizeof(HttpHeader) + limits.max_pending_requests * 64;
}

// Feeds `pieces` to a fresh parser; returns the transcript.
std::string run(const std::vector<Piece>& pieces, std::uint8_t mode, const HttpLimits& limits) {
  static constexpr std::array<HttpRole, 4> kRoles = {HttpRole::request, HttpRole::response, HttpRole::detect,
                                                     HttpRole::detect};
  const HttpRole role = kRoles[mode & 3];
  HttpStreamParser parser(role, limits);
  Recorder recorder;
  parser.set_handler(&recorder);
  if (role == HttpRole::response) {
    static constexpr std::array<std::array<std::string_view, 3>, 8> kAnnounced = {{{},
                                                                                   {"GET"},
                                                                                   {"HEAD"},
                                                                                   {"CONNECT"},
                                                                                   {"HEAD", "GET"},
                                                                                   {"GET", "CONNECT"},
                                                                                   {"POST"},
                                                                                   {"HEAD", "HEAD", "HEAD"}}};
    std::uint64_t number = 0;
    for (std::string_view method : kAnnounced[mode >> 5])
      if (!method.empty()) fuzz::use(parser.expect_response(method, number++));
  }
  const std::size_t bound = buffer_bound(limits);
  for (const Piece& piece : pieces) {
    // A stopped parser only counts what it is given: the one-piece run gives it nothing more.
    if (parser.stopped()) break;
    if (piece.gap != 0) {
      const HttpParse result = parser.gap(piece.gap);
      record(recorder, parser, result, "gap");
      continue;
    }
    ByteView rest = piece.bytes;
    std::size_t idle_rounds = 0;
    while (!rest.empty()) {
      const HttpParse result = parser.parse(rest);
      PKTDOC_FUZZ_PROPERTY("http.consumed-bounded", result.consumed <= rest.size());
      PKTDOC_FUZZ_PROPERTY("http.buffer-bounded", parser.buffered_bytes() <= bound);
      if (result.status == HttpParseStatus::need_more) {
        PKTDOC_FUZZ_PROPERTY("http.need-more-consumes-all", result.consumed == rest.size());
        break;
      }
      record(recorder, parser, result, "parse");
      if (result.status == HttpParseStatus::complete) {
        const HttpMessage& message = parser.message();
        if (message.framing.framing == HttpBodyFraming::content_length && message.head_complete)
          PKTDOC_FUZZ_PROPERTY("http.content-length-honoured",
                               message.body_length + message.missing_bytes == message.framing.length);
      }
      if (parser.stopped()) break;
      // A message may end without a byte (a body of length 0 after a head that ended in an earlier
      // call), but not twice in a row.
      idle_rounds = result.consumed == 0 ? idle_rounds + 1 : 0;
      PKTDOC_FUZZ_PROPERTY("http.progress", idle_rounds < 3);
      rest = rest.subspan(result.consumed);
    }
  }
  const HttpParse end = parser.finish((mode & 0x10) != 0);
  record(recorder, parser, end, "finish");
  fuzz::use(parser.in_message());
  fuzz::use(parser.buffered_bytes());
  parser.release();
  return recorder.transcript;
}

// parse_http_head() on its own: on the whole input, and, when it finds a head, on exactly the
// bytes of that head, which must give the same head.
void check_head(ByteView bytes, const HttpLimits& limits) {
  std::vector<HttpHeader> storage(limits.max_headers);
  HttpHead head;
  const HttpParse whole = parse_http_head(bytes, head, storage, limits);
  PKTDOC_FUZZ_PROPERTY("http.head-consumed-bounded", whole.consumed <= bytes.size());
  if (whole.status != HttpParseStatus::complete) return;
  std::string expected;
  describe_head(expected, head);
  const HttpFraming framing = http_body_framing(head);
  fuzz::use(framing.framing);
  fuzz::use(framing.length);
  fuzz::use(http_body_framing_name(framing.framing));
  for (const HttpHeader& header : head.headers) {
    fuzz::use(head.find(header.name).has_value());
    fuzz::use(head.count(header.name));
    if (http_name_equals(header.name, "content-length"))
      fuzz::use(parse_http_content_length(header.value).has_value());
  }
  // The head alone, in a buffer of its own: ASan reports a read past it.
  const std::vector<std::byte> copy = fuzz::prefix_copy(bytes, whole.consumed);
  HttpHead again;
  const HttpParse alone = parse_http_head(ByteView(copy.data(), copy.size()), again, storage, limits);
  std::string actual;
  if (alone.status == HttpParseStatus::complete) describe_head(actual, again);
  PKTDOC_FUZZ_PROPERTY("http.head-agrees",
                       alone.status == HttpParseStatus::complete && alone.consumed == whole.consumed &&
                           actual == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const ByteView bytes = as_bytes(data + 1, size - 1);
  fuzz::Choices choices(fuzz::hash(bytes) ^ (std::uint64_t{mode} << 56));

  HttpLimits limits;
  limits.max_kept_body_bytes = 64;
  if ((mode & 4) != 0) {
    limits.max_line_bytes = 64;
    limits.max_head_bytes = 256;
    limits.max_headers = 6;
    limits.max_pending_requests = 2;
    limits.max_kept_body_bytes = 40;
  }

  // The stream, with a gap cut into it; the reference is one call per run of bytes.
  const fuzz::GappedStream stream(bytes, (mode & 8) != 0, choices);
  const std::string expected = run(stream.whole(), mode, limits);

  // The same stream in random pieces, each in a buffer of its own (freed after the run: a view
  // kept into it is a use-after-free).
  for (int round = 0; round < 2; ++round) {
    std::vector<std::vector<std::byte>> buffers;
    const std::vector<Piece> pieces = stream.split(choices, 200, buffers);
    const std::string actual = run(pieces, mode, limits);
    if (actual != expected) {
      std::fprintf(stderr, "pktdoc-fuzz: in one piece per run:\n%s\nin %zu pieces:\n%s\n", printable(expected).c_str(),
                   pieces.size(), printable(actual).c_str());
    }
    PKTDOC_FUZZ_PROPERTY("http.split-agrees", actual == expected);
  }

  check_head(bytes, limits);
  for (std::string_view line : {std::string_view("GET / HTTP/1.1"), std::string_view("HTTP/1.1 200 OK")})
    fuzz::use(is_http_start_line(line));
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), std::min<std::size_t>(bytes.size(), 80));
  fuzz::use(is_http_start_line(text.substr(0, text.find('\n'))));
  return 0;
}
