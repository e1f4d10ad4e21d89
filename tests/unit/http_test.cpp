// HTTP/1.x: the head parser (request and status lines, fields, obsolete line folding, limits),
// the body framing rules of RFC 9112 section 6.3, and the incremental stream parser: pipelined
// requests and responses split at every byte boundary parse the same, chunked bodies with
// extensions and trailers, HEAD, 1xx, 204 and 304, CONNECT and 101, bodies delimited by the close,
// gaps and truncated streams, and every limit. The messages are written for these tests, modelled
// on what curl, Firefox, Apache and nginx send.
#include "pktdoc/http.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace pktdoc {
namespace {

std::string str(std::string_view text) { return std::string(text); }
std::string str(ByteView bytes) { return std::string(as_text(bytes)); }

// --- parse_http_head ---------------------------------------------------------------------------

constexpr std::string_view kRequest =
    "GET /docs/index.html?lang=en HTTP/1.1\r\n"
    "Host: www.example.com\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
    "Accept: text/html,application/xhtml+xml\r\n"
    "Accept-Encoding: gzip, deflate\r\n"
    "Cookie: a=1\r\n"
    "cookie: b=2\r\n"
    "Connection: keep-alive\r\n"
    "\r\n";

TEST(HttpHead, ParsesARequest) {
  std::array<HttpHeader, 16> storage{};
  HttpHead head;
  const HttpParse result = parse_http_head(as_bytes(kRequest), head, storage);
  ASSERT_EQ(result.status, HttpParseStatus::complete) << result.error.reason;
  EXPECT_EQ(result.consumed, kRequest.size());
  EXPECT_TRUE(head.is_request());
  EXPECT_EQ(head.method, "GET");
  EXPECT_EQ(head.target, "/docs/index.html?lang=en");
  EXPECT_EQ(head.version, "HTTP/1.1");
  EXPECT_EQ(head.version_major, 1);
  EXPECT_EQ(head.version_minor, 1);
  EXPECT_EQ(head.length, kRequest.size());
  ASSERT_EQ(head.headers.size(), 7u);
  EXPECT_EQ(head.headers[0].name, "Host");
  EXPECT_EQ(head.headers[0].value, "www.example.com");
  // Names are case-insensitive; repeated fields are all kept, in order.
  EXPECT_EQ(head.find("HOST").value_or(""), "www.example.com");
  EXPECT_EQ(head.find("accept-encoding").value_or(""), "gzip, deflate");
  EXPECT_EQ(head.count("COOKIE"), 2u);
  EXPECT_EQ(head.find("Cookie").value_or(""), "a=1");
  EXPECT_FALSE(head.find("Content-Length").has_value());
  // Views into the caller's bytes: nothing copied.
  EXPECT_EQ(head.method.data(), kRequest.data());
}

TEST(HttpHead, ParsesAStatusLine) {
  const std::string_view text =
      "HTTP/1.0 404 Not Found\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Length:   209  \r\n\r\n<html>";
  std::array<HttpHeader, 4> storage{};
  HttpHead head;
  const HttpParse result = parse_http_head(as_bytes(text), head, storage);
  ASSERT_EQ(result.status, HttpParseStatus::complete);
  EXPECT_EQ(result.consumed, text.find("<html>"));
  EXPECT_FALSE(head.is_request());
  EXPECT_EQ(head.status_code, 404);
  EXPECT_EQ(head.reason, "Not Found");
  EXPECT_EQ(head.version_minor, 0);
  // Leading and trailing whitespace is not part of a value (RFC 9110 section 5.5).
  EXPECT_EQ(head.find("content-length").value_or(""), "209");
}

TEST(HttpHead, StatusLineWithoutReasonPhrase) {
  std::array<HttpHeader, 4> storage{};
  HttpHead head;
  for (std::string_view text : {"HTTP/1.1 200 \r\n\r\n", "HTTP/1.1 200\r\n\r\n"}) {
    ASSERT_EQ(parse_http_head(as_bytes(text), head, storage).status, HttpParseStatus::complete) << text;
    EXPECT_EQ(head.status_code, 200);
    EXPECT_EQ(head.reason, "");
  }
}

TEST(HttpHead, BareLineFeedsAndLeadingEmptyLines) {
  const std::string_view text = "\r\n\nGET / HTTP/1.0\nHost: a.example\n\n";
  std::array<HttpHeader, 4> storage{};
  HttpHead head;
  const HttpParse result = parse_http_head(as_bytes(text), head, storage);
  ASSERT_EQ(result.status, HttpParseStatus::complete);
  EXPECT_EQ(result.consumed, text.size());
  EXPECT_EQ(head.length, text.size() - 3);
  EXPECT_EQ(head.find("Host").value_or(""), "a.example");
}

TEST(HttpHead, ObsoleteLineFolding) {
  const std::string_view text =
      "HTTP/1.1 200 OK\r\nX-Folded: first part\r\n  second part\r\n\tthird\r\nX-Empty:\r\n more\r\n\r\n";
  std::array<HttpHeader, 4> storage{};
  HttpHead head;
  ASSERT_EQ(parse_http_head(as_bytes(text), head, storage).status, HttpParseStatus::complete);
  ASSERT_EQ(head.headers.size(), 2u);
  EXPECT_TRUE(head.headers[0].folded);
  // parse_http_head() leaves the bytes as sent (HttpStreamParser replaces the breaks with spaces).
  EXPECT_EQ(head.headers[0].value, "first part\r\n  second part\r\n\tthird");
  EXPECT_EQ(head.headers[1].value, "more");
}

TEST(HttpHead, EveryShorterPrefixNeedsMore) {
  std::array<HttpHeader, 16> storage{};
  HttpHead head;
  for (std::size_t cut = 0; cut < kRequest.size(); ++cut) {
    const std::string prefix(kRequest.substr(0, cut));  // its own buffer, for AddressSanitizer
    const HttpParse result = parse_http_head(as_bytes(prefix), head, storage);
    EXPECT_EQ(result.status, HttpParseStatus::need_more) << "cut at " << cut << ": " << result.error.reason;
  }
}

struct BadHead {
  std::string_view text;
  HttpErrorKind kind;
};

TEST(HttpHead, RejectsWhatRfc9112Rejects) {
  const BadHead cases[] = {
      {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", HttpErrorKind::invalid},    // space before the colon
      {"GET / HTTP/1.1\r\n Host: a\r\n\r\n", HttpErrorKind::invalid},    // whitespace after start line
      {"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", HttpErrorKind::invalid},  // bare CR
      {std::string_view("GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n", 29), HttpErrorKind::invalid},  // NUL
      {"GET / HTTP/1.1\r\nNo colon here\r\n\r\n", HttpErrorKind::invalid},
      {"GET / HTTP/2.0\r\n\r\n", HttpErrorKind::invalid},
      {"GET /\r\n\r\n", HttpErrorKind::invalid},            // HTTP/0.9
      {"GET  / HTTP/1.1\r\n\r\n", HttpErrorKind::invalid},  // two spaces
      {"GET /a b HTTP/1.1\r\n\r\n", HttpErrorKind::invalid},
      {"G(T / HTTP/1.1\r\n\r\n", HttpErrorKind::invalid},  // method not a token
      {"GET / HTTP/1.x\r\n\r\n", HttpErrorKind::invalid},
      {"HTTP/1.1 20 OK\r\n\r\n", HttpErrorKind::invalid},
      {"HTTP/1.1 600 Weird\r\n\r\n", HttpErrorKind::invalid},
      {"HTTP/1.1 099 Low\r\n\r\n", HttpErrorKind::invalid},
      {"HTTP/1.1 200OK\r\n\r\n", HttpErrorKind::invalid},
      {"HTTP/3 200 OK\r\n\r\n", HttpErrorKind::invalid},
  };
  for (const BadHead& c : cases) {
    const std::string text(c.text.data(), c.text.size());
    std::array<HttpHeader, 4> storage{};
    HttpHead head;
    const HttpParse result = parse_http_head(as_bytes(text), head, storage);
    EXPECT_EQ(result.status, HttpParseStatus::error) << text;
    EXPECT_EQ(result.error.kind, c.kind) << text;
    EXPECT_STRNE(result.error.reason, "") << text;
  }
}

TEST(HttpHead, Limits) {
  HttpLimits limits;
  limits.max_line_bytes = 64;
  limits.max_head_bytes = 256;
  limits.max_headers = 3;
  std::array<HttpHeader, 8> storage{};
  HttpHead head;
  // A line longer than max_line_bytes: a limit, even before its end has arrived.
  const std::string long_line = "GET /" + std::string(100, 'a');
  HttpParse result = parse_http_head(as_bytes(long_line), head, storage, limits);
  EXPECT_EQ(result.status, HttpParseStatus::error);
  EXPECT_EQ(result.error.kind, HttpErrorKind::limit);
  // More fields than max_headers.
  result = parse_http_head(as_bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"), head, storage, limits);
  EXPECT_EQ(result.error.kind, HttpErrorKind::limit);
  // More fields than the storage holds.
  std::array<HttpHeader, 1> small{};
  result = parse_http_head(as_bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n"), head, small, limits);
  EXPECT_EQ(result.error.kind, HttpErrorKind::limit);
  // A head longer than max_head_bytes, whole or still arriving.
  std::string big = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 5; ++i) big += "X: " + std::string(50, 'x') + "\r\n";
  limits.max_headers = 10;
  result = parse_http_head(as_bytes(big + "\r\n"), head, storage, limits);
  EXPECT_EQ(result.error.kind, HttpErrorKind::limit);
  result = parse_http_head(as_bytes(big), head, storage, limits);
  EXPECT_EQ(result.error.kind, HttpErrorKind::limit);
}

TEST(HttpHead, StartLines) {
  EXPECT_TRUE(is_http_start_line("GET / HTTP/1.1"));
  EXPECT_TRUE(is_http_start_line("M-SEARCH * HTTP/1.1"));
  EXPECT_TRUE(is_http_start_line("CONNECT www.example.com:443 HTTP/1.1"));
  EXPECT_TRUE(is_http_start_line("HTTP/1.0 200 OK"));
  EXPECT_TRUE(is_http_start_line("HTTP/1.1 204"));
  EXPECT_FALSE(is_http_start_line("220 ftp.example.com FTP server ready"));
  EXPECT_FALSE(is_http_start_line("EHLO mail.example.com"));
  EXPECT_FALSE(is_http_start_line("SSH-2.0-OpenSSH_9.2p1"));
  EXPECT_FALSE(is_http_start_line("GET / HTTP/1.1\r"));
  EXPECT_FALSE(is_http_start_line(""));
}

// --- Content-Length and framing ----------------------------------------------------------------

TEST(HttpFraming, ContentLengthValues) {
  EXPECT_EQ(parse_http_content_length("0"), 0u);
  EXPECT_EQ(parse_http_content_length("12546"), 12546u);
  EXPECT_EQ(parse_http_content_length("42, 42,42"), 42u);  // RFC 9110 section 8.6
  EXPECT_FALSE(parse_http_content_length("42, 43"));
  EXPECT_FALSE(parse_http_content_length(""));
  EXPECT_FALSE(parse_http_content_length("abc"));
  EXPECT_FALSE(parse_http_content_length("-1"));
  EXPECT_FALSE(parse_http_content_length("1 2"));
  EXPECT_FALSE(parse_http_content_length("42,"));
  EXPECT_FALSE(parse_http_content_length("99999999999999999999999"));
}

HttpFraming framing_of(std::string_view text, std::string_view request_method = {}) {
  static std::array<HttpHeader, 16> storage{};
  HttpHead head;
  const HttpParse result = parse_http_head(as_bytes(text), head, storage);
  EXPECT_EQ(result.status, HttpParseStatus::complete) << text;
  return http_body_framing(head, request_method);
}

TEST(HttpFraming, FollowsRfc9112Section6_3InOrder) {
  // Rule 1: HEAD, 1xx, 204, 304 have no body whatever they say.
  EXPECT_EQ(framing_of("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", "HEAD").framing, HttpBodyFraming::none);
  EXPECT_EQ(framing_of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "HEAD").framing, HttpBodyFraming::none);
  EXPECT_EQ(framing_of("HTTP/1.1 100 Continue\r\n\r\n", "POST").framing, HttpBodyFraming::none);
  EXPECT_EQ(framing_of("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n").framing, HttpBodyFraming::none);
  EXPECT_EQ(framing_of("HTTP/1.1 304 Not Modified\r\nContent-Length: 1234\r\n\r\n").framing, HttpBodyFraming::none);
  // Rule 2: CONNECT and 101.
  EXPECT_EQ(framing_of("HTTP/1.1 200 Connection established\r\n\r\n", "CONNECT").framing, HttpBodyFraming::tunnel);
  EXPECT_EQ(framing_of("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 3\r\n\r\n", "CONNECT").framing,
            HttpBodyFraming::content_length);
  EXPECT_EQ(framing_of("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n").framing,
            HttpBodyFraming::switched);
  // Rule 3: Transfer-Encoding wins over Content-Length.
  HttpFraming f = framing_of("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
  EXPECT_EQ(f.framing, HttpBodyFraming::chunked);
  EXPECT_TRUE(f.conflicting_length);
  EXPECT_EQ(framing_of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;x=1\r\n\r\n").framing, HttpBodyFraming::chunked);
  EXPECT_EQ(framing_of("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n").framing, HttpBodyFraming::until_close);
  EXPECT_EQ(framing_of("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n").error.kind, HttpErrorKind::invalid);
  EXPECT_EQ(framing_of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n").error.kind,
            HttpErrorKind::invalid);
  EXPECT_EQ(framing_of("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").error.kind, HttpErrorKind::invalid);
  // Rules 5 and 6: Content-Length.
  f = framing_of("PUT /f HTTP/1.1\r\nContent-Length: 7\r\nContent-Length: 7\r\n\r\n");
  EXPECT_EQ(f.framing, HttpBodyFraming::content_length);
  EXPECT_EQ(f.length, 7u);
  EXPECT_EQ(framing_of("HTTP/1.1 200 OK\r\nContent-Length: 7\r\nContent-Length: 8\r\n\r\n").error.kind,
            HttpErrorKind::invalid);
  EXPECT_EQ(framing_of("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n").error.kind, HttpErrorKind::invalid);
  // Rules 7 and 8.
  EXPECT_EQ(framing_of("GET / HTTP/1.1\r\nHost: a\r\n\r\n").framing, HttpBodyFraming::none);
  EXPECT_EQ(framing_of("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n").framing, HttpBodyFraming::until_close);
  // Methods are case-sensitive (RFC 9110 section 9.1): "head" is not HEAD.
  EXPECT_EQ(framing_of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "head").framing,
            HttpBodyFraming::content_length);
}

// --- HttpStreamParser --------------------------------------------------------------------------

// What a message looked like, to compare parses of the same stream cut differently.
struct Seen {
  std::string start;  // method + target, or the status code
  std::vector<std::string> headers;
  std::string body;  // from the handler, de-chunked
  std::string kept;  // HttpMessage::body
  std::vector<std::string> trailers;
  std::uint64_t body_length = 0, wire_length = 0, stream_offset = 0;
  std::string request_method;
  HttpErrorKind error = HttpErrorKind::none;
  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Seen& s) {
  return out << "{" << s.start << " body=" << s.body.size() << " error=" << http_error_kind_name(s.error) << "}";
}

struct Collector : HttpBodyHandler {
  std::string body;
  int heads = 0;
  void on_head(const HttpMessage&) override {
    ++heads;
    body.clear();
  }
  void on_body(const HttpMessage&, ByteView bytes) override { body += as_text(bytes); }
};

Seen seen(const HttpStreamParser& parser, const Collector& collector, HttpErrorKind error) {
  const HttpMessage& m = parser.message();
  Seen s;
  s.start = m.head.is_request() ? str(m.head.method) + " " + str(m.head.target) : std::to_string(m.head.status_code);
  for (const HttpHeader& h : m.head.headers) s.headers.push_back(str(h.name) + ": " + str(h.value));
  for (const HttpHeader& h : m.trailers) s.trailers.push_back(str(h.name) + ": " + str(h.value));
  s.body = collector.body;
  s.kept = str(m.body);
  s.body_length = m.body_length;
  s.wire_length = m.wire_length;
  s.stream_offset = m.stream_offset;
  s.request_method = str(m.request_method);
  s.error = error;
  return s;
}

// Feeds `pieces` in order and returns every message that ended (and the FIN's, if `fin`).
std::vector<Seen> run(HttpStreamParser& parser, const std::vector<std::string>& pieces, bool fin = true) {
  Collector collector;
  parser.set_handler(&collector);
  std::vector<Seen> out;
  for (const std::string& piece : pieces) {
    ByteView bytes = as_bytes(piece);
    while (!bytes.empty()) {
      const HttpParse step = parser.parse(bytes);
      EXPECT_LE(step.consumed, bytes.size());
      bytes = bytes.subspan(step.consumed);
      if (step.status == HttpParseStatus::complete) out.push_back(seen(parser, collector, HttpErrorKind::none));
      if (step.status == HttpParseStatus::error) {
        out.push_back(seen(parser, collector, step.error.kind));
        if (parser.stopped()) break;
      }
    }
  }
  if (fin) {
    const HttpParse step = parser.finish(true);
    if (step.status != HttpParseStatus::need_more)
      out.push_back(
          seen(parser, collector, step.status == HttpParseStatus::error ? step.error.kind : HttpErrorKind::none));
  }
  parser.set_handler(nullptr);
  return out;
}

// Pipelined keep-alive requests: a GET, a POST with a body, a chunked PUT with an extension and a
// trailer, a HEAD; stray CRLFs between messages are allowed (RFC 9112 section 2.2).
const std::string kRequests =
    "GET /a.css HTTP/1.1\r\nHost: www.example.com\r\nAccept: text/css,*/*;q=0.1\r\n\r\n"
    "POST /form HTTP/1.1\r\nHost: www.example.com\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    "Content-Length: 24\r\n\r\nname=pktdoc&lang=c%2B%2B"
    "\r\n"
    "PUT /upload/log.txt HTTP/1.1\r\nHost: www.example.com\r\nTransfer-Encoding: chunked\r\nTrailer: Digest\r\n\r\n"
    "b;name=first\r\nhello world\r\n3\r\n!!!\r\n0\r\nDigest: sha-256=abc\r\n\r\n"
    "HEAD /big.iso HTTP/1.1\r\nHost: www.example.com\r\nX-Folded: one\r\n two\r\n\r\n";

// And their responses, pipelined on one connection: a 200 with a length, a 100 and a 201, a
// chunked 200 with an extension and trailers, the HEAD's 200 that declares a length but has no
// body, and a last response delimited by the close.
const std::string kResponses =
    "HTTP/1.1 200 OK\r\nContent-Type: text/css\r\nContent-Length: 19\r\n\r\nbody { margin: 0; }"
    "HTTP/1.1 100 Continue\r\n\r\n"
    "HTTP/1.1 201 Created\r\nLocation: /form/1\r\nContent-Length: 0\r\n\r\n"
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    "1A;ext=\"quoted value\"\r\nabcdefghijklmnopqrstuvwxyz\r\n10 ; ext2\r\n0123456789ABCDEF\r\n"
    "0;end\r\nExpires: Wed, 15 Nov 2023 00:00:00 GMT\r\nX-Checksum: 42\r\n\r\n"
    "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 734003200\r\n\r\n"
    "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>ended by the close</body></html>\n";

HttpStreamParser response_parser(const HttpLimits& limits = {}) {
  HttpStreamParser parser(HttpRole::response, limits);
  parser.expect_response("GET", 0);
  parser.expect_response("POST", 1);
  parser.expect_response("PUT", 2);
  parser.expect_response("HEAD", 3);
  parser.expect_response("GET", 4);
  return parser;
}

TEST(HttpStreamParser, PipelinedRequests) {
  HttpStreamParser parser(HttpRole::request);
  const std::vector<Seen> messages = run(parser, {kRequests});
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0].start, "GET /a.css");
  EXPECT_EQ(messages[1].start, "POST /form");
  EXPECT_EQ(messages[1].body, "name=pktdoc&lang=c%2B%2B");
  EXPECT_EQ(messages[2].start, "PUT /upload/log.txt");
  EXPECT_EQ(messages[2].body, "hello world!!!");
  EXPECT_EQ(messages[2].trailers, std::vector<std::string>{"Digest: sha-256=abc"});
  EXPECT_EQ(messages[3].start, "HEAD /big.iso");
  // The stream parser replaces obs-fold line breaks with spaces.
  EXPECT_EQ(messages[3].headers.back(), "X-Folded: one   two");
  for (const Seen& m : messages) EXPECT_EQ(m.error, HttpErrorKind::none) << m;
  EXPECT_EQ(messages[1].stream_offset, kRequests.find("POST"));
  EXPECT_EQ(messages[2].stream_offset, kRequests.find("PUT"));  // after the stray CRLF
}

TEST(HttpStreamParser, PipelinedResponsesMatchedToRequests) {
  HttpStreamParser parser = response_parser();
  const std::vector<Seen> messages = run(parser, {kResponses});
  ASSERT_EQ(messages.size(), 6u);
  EXPECT_EQ(messages[0].start, "200");
  EXPECT_EQ(messages[0].body, "body { margin: 0; }");
  EXPECT_EQ(messages[0].request_method, "GET");
  EXPECT_EQ(messages[1].start, "100");  // interim: the POST still waits
  EXPECT_EQ(messages[1].request_method, "POST");
  EXPECT_EQ(messages[2].start, "201");
  EXPECT_EQ(messages[2].request_method, "POST");
  EXPECT_EQ(messages[3].body, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF");
  EXPECT_EQ(messages[3].body_length, 42u);
  EXPECT_EQ(messages[3].trailers.size(), 2u);
  EXPECT_EQ(messages[3].request_method, "PUT");
  EXPECT_EQ(messages[4].request_method, "HEAD");
  EXPECT_EQ(messages[4].body_length, 0u);  // a response to HEAD has no body, whatever it declares
  EXPECT_EQ(messages[5].start, "200");
  EXPECT_EQ(messages[5].body, "<html><body>ended by the close</body></html>\n");  // ended by the FIN
  for (const Seen& m : messages) EXPECT_EQ(m.error, HttpErrorKind::none) << m;
  std::uint64_t total = 0;
  for (const Seen& m : messages) total += m.wire_length;
  EXPECT_EQ(total, kResponses.size());
  EXPECT_EQ(parser.pending_requests(), 0u);
}

// The same streams cut in two at every byte boundary, and byte by byte, parse the same.
TEST(HttpStreamParser, SplitAtEveryByteBoundaryParsesTheSame) {
  for (const bool responses : {false, true}) {
    const std::string& stream = responses ? kResponses : kRequests;
    auto make = [&] { return responses ? response_parser() : HttpStreamParser(HttpRole::request); };
    HttpStreamParser whole_parser = make();
    const std::vector<Seen> whole = run(whole_parser, {stream});
    for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
      HttpStreamParser parser = make();
      ASSERT_EQ(run(parser, {stream.substr(0, cut), stream.substr(cut)}), whole) << "cut at " << cut;
    }
    std::vector<std::string> bytes;
    for (char c : stream) bytes.emplace_back(1, c);
    HttpStreamParser parser = make();
    EXPECT_EQ(run(parser, bytes), whole);
    // Three pieces, cut at every pair of boundaries of the first 200 bytes.
    for (std::size_t i = 0; i < 200; i += 7)
      for (std::size_t j = i; j < 200; j += 3) {
        HttpStreamParser p = make();
        ASSERT_EQ(run(p, {stream.substr(0, i), stream.substr(i, j - i), stream.substr(j)}), whole) << i << "," << j;
      }
  }
}

TEST(HttpStreamParser, BodiesAreKeptUpToTheLimitAndDeliveredWhole) {
  HttpLimits limits;
  limits.max_kept_body_bytes = 10;
  HttpStreamParser parser = response_parser(limits);
  const std::vector<Seen> messages = run(parser, {kResponses});
  ASSERT_EQ(messages.size(), 6u);
  EXPECT_EQ(messages[0].kept, "body { mar");
  EXPECT_EQ(messages[0].body, "body { margin: 0; }");
  EXPECT_EQ(messages[3].kept, "abcdefghij");
  EXPECT_EQ(messages[2].kept, "");
}

TEST(HttpStreamParser, ContentTypeAndLengthReported) {
  HttpStreamParser parser(HttpRole::response);
  const std::string text = "HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: 6\r\n\r\nGIF89a";
  const HttpParse step = parser.parse(as_bytes(text));
  ASSERT_EQ(step.status, HttpParseStatus::complete);
  const HttpMessage& m = parser.message();
  EXPECT_EQ(m.content_type, "image/gif");
  EXPECT_EQ(m.content_length, 6u);
  EXPECT_EQ(m.body_length, 6u);
  EXPECT_EQ(m.framing.framing, HttpBodyFraming::content_length);
  EXPECT_FALSE(m.request_number.has_value());  // no request was announced
  EXPECT_EQ(m.request_method, "");
}

TEST(HttpStreamParser, ResponseWithoutLengthEndedByFin) {
  const std::string text =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<p>one</p>\n<p>two</p>\n";
  HttpStreamParser parser(HttpRole::response);
  parser.expect_response("GET", 7);
  EXPECT_EQ(parser.parse(as_bytes(text)).status, HttpParseStatus::need_more);
  EXPECT_TRUE(parser.in_message());
  const HttpParse end = parser.finish(true);
  ASSERT_EQ(end.status, HttpParseStatus::complete);
  EXPECT_EQ(parser.message().framing.framing, HttpBodyFraming::until_close);
  EXPECT_EQ(parser.message().body_length, 22u);
  EXPECT_EQ(parser.message().request_number, 7u);

  // Ended by a RST or by the end of the capture: the end of the body is not known.
  HttpStreamParser reset(HttpRole::response);
  EXPECT_EQ(reset.parse(as_bytes(text)).status, HttpParseStatus::need_more);
  const HttpParse cut = reset.finish(false);
  EXPECT_EQ(cut.status, HttpParseStatus::error);
  EXPECT_EQ(cut.error.kind, HttpErrorKind::truncated);
}

TEST(HttpStreamParser, TruncatedStreamIsReportedAsSuch) {
  // The stream ends inside the head, inside a body of known length, inside a chunked body.
  const std::string cases[] = {
      "HTTP/1.1 200 OK\r\nContent-Le",
      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly some of it",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nTrailer: x\r\n",
  };
  for (const std::string& text : cases) {
    HttpStreamParser parser(HttpRole::response);
    EXPECT_EQ(parser.parse(as_bytes(text)).status, HttpParseStatus::need_more) << text;
    const HttpParse end = parser.finish(true);
    EXPECT_EQ(end.status, HttpParseStatus::error) << text;
    EXPECT_EQ(end.error.kind, HttpErrorKind::truncated) << text;
  }
  // Nothing in progress: the end is just the end.
  HttpStreamParser idle(HttpRole::response);
  EXPECT_EQ(idle.finish(true).status, HttpParseStatus::need_more);
}

TEST(HttpStreamParser, GapInsideABodyOfKnownLengthCostsOnlyThatMessage) {
  HttpStreamParser parser(HttpRole::response);
  Collector collector;
  parser.set_handler(&collector);
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n";
  EXPECT_EQ(parser.parse(as_bytes(head + "01234")).status, HttpParseStatus::need_more);
  EXPECT_EQ(parser.gap(10).status, HttpParseStatus::need_more);
  const std::string rest = "ABCDEHTTP/1.1 204 No Content\r\n\r\n";
  HttpParse step = parser.parse(as_bytes(rest));
  ASSERT_EQ(step.status, HttpParseStatus::error);
  EXPECT_EQ(step.error.kind, HttpErrorKind::truncated);
  EXPECT_EQ(step.consumed, 5u);
  EXPECT_EQ(parser.message().missing_bytes, 10u);
  EXPECT_EQ(parser.message().body_length, 10u);
  EXPECT_EQ(collector.body, "01234ABCDE");  // nothing invented in place of the gap
  EXPECT_FALSE(parser.stopped());
  step = parser.parse(as_bytes(rest).subspan(5));
  ASSERT_EQ(step.status, HttpParseStatus::complete);
  EXPECT_EQ(parser.message().head.status_code, 204);
  EXPECT_EQ(parser.message().stream_offset, head.size() + 20);
}

TEST(HttpStreamParser, GapsThatLoseTheFramingStopTheParser) {
  const std::string cases[] = {
      "",                                                              // between messages
      "HTTP/1.1 200 OK\r\nCont",                                       // in a head
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",  // in a chunked body
      "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab",                // past the end of a body
  };
  for (const std::string& text : cases) {
    HttpStreamParser parser(HttpRole::response);
    (void)parser.parse(as_bytes(text));
    const HttpParse step = parser.gap(5);
    EXPECT_EQ(step.status, HttpParseStatus::error) << text;
    EXPECT_EQ(step.error.kind, HttpErrorKind::truncated) << text;
    EXPECT_TRUE(parser.stopped()) << text;
    // Later bytes are not parsed, and say so.
    const HttpParse later = parser.parse(as_bytes("HTTP/1.1 200 OK\r\n\r\n"));
    EXPECT_EQ(later.status, HttpParseStatus::error);
    EXPECT_EQ(parser.ignored_bytes(), 19u);
  }
  // A gap in a body delimited by the close: the message can only end truncated.
  HttpStreamParser parser(HttpRole::response);
  (void)parser.parse(as_bytes("HTTP/1.0 200 OK\r\n\r\nsome"));
  EXPECT_EQ(parser.gap(100).status, HttpParseStatus::need_more);
  EXPECT_EQ(parser.finish(true).error.kind, HttpErrorKind::truncated);
}

TEST(HttpStreamParser, ConnectAndUpgradeMakeTheStreamOpaque) {
  HttpStreamParser parser(HttpRole::response);
  parser.expect_response("CONNECT", 0);
  const std::string text = "HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01\x02\x05";
  HttpParse step = parser.parse(as_bytes(text));
  ASSERT_EQ(step.status, HttpParseStatus::complete);
  EXPECT_EQ(parser.message().framing.framing, HttpBodyFraming::tunnel);
  EXPECT_TRUE(parser.opaque());
  step = parser.parse(as_bytes(text).subspan(step.consumed));
  EXPECT_EQ(step.status, HttpParseStatus::need_more);
  EXPECT_EQ(parser.ignored_bytes(), 5u);

  HttpStreamParser upgrade(HttpRole::response);
  upgrade.expect_response("GET", 0);
  step = upgrade.parse(as_bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hello"));
  ASSERT_EQ(step.status, HttpParseStatus::complete);
  EXPECT_EQ(upgrade.message().framing.framing, HttpBodyFraming::switched);
  EXPECT_TRUE(upgrade.opaque());
  EXPECT_EQ(upgrade.pending_requests(), 0u);  // 101 is the final response
}

TEST(HttpStreamParser, InvalidBytesStopTheParser) {
  const std::string cases[] = {
      "SSH-2.0-OpenSSH_9.2p1\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 junk\r\nabc\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
      "GET / HTTP/1.1\r\n\r\n",  // a request in the direction of responses
  };
  for (const std::string& text : cases) {
    HttpStreamParser parser(HttpRole::response);
    const HttpParse step = parser.parse(as_bytes(text));
    EXPECT_EQ(step.status, HttpParseStatus::error) << text;
    EXPECT_EQ(step.error.kind, HttpErrorKind::invalid) << text;
    EXPECT_TRUE(parser.stopped()) << text;
  }
}

TEST(HttpStreamParser, RoleDetectedByTheFirstMessage) {
  HttpStreamParser parser;
  EXPECT_EQ(parser.role(), HttpRole::detect);
  ASSERT_EQ(parser.parse(as_bytes("HTTP/1.1 204 No Content\r\n\r\n")).status, HttpParseStatus::complete);
  EXPECT_EQ(parser.role(), HttpRole::response);
  EXPECT_EQ(parser.parse(as_bytes("GET / HTTP/1.1\r\n\r\n")).status, HttpParseStatus::error);
}

TEST(HttpStreamParser, HostileInputStaysWithinTheLimits) {
  HttpLimits limits;
  limits.max_line_bytes = 1024;
  limits.max_head_bytes = 4096;
  // A start line that never ends, fed in large pieces.
  HttpStreamParser parser(HttpRole::request, limits);
  const std::string junk(100000, 'A');
  HttpParse step = parser.parse(as_bytes(junk));
  EXPECT_EQ(step.status, HttpParseStatus::error);
  EXPECT_EQ(step.error.kind, HttpErrorKind::limit);
  // Endless short fields.
  HttpStreamParser fields(HttpRole::request, limits);
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 1000; ++i) many += "X: y\r\n";
  step = fields.parse(as_bytes(many));
  EXPECT_EQ(step.error.kind, HttpErrorKind::limit);
  // A chunk-size line that never ends.
  HttpStreamParser chunk(HttpRole::response, limits);
  step = chunk.parse(as_bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + junk));
  EXPECT_EQ(step.error.kind, HttpErrorKind::limit);
  // Endless empty lines between messages: skipped, nothing held.
  HttpStreamParser blank(HttpRole::request, limits);
  const std::string empty_lines(100000, '\n');
  EXPECT_EQ(blank.parse(as_bytes(empty_lines)).status, HttpParseStatus::need_more);
  EXPECT_FALSE(blank.in_message());
}

TEST(HttpStreamParser, PendingRequestsAreBounded) {
  HttpLimits limits;
  limits.max_pending_requests = 2;
  HttpStreamParser parser(HttpRole::response, limits);
  EXPECT_TRUE(parser.expect_response("HEAD", 0));
  EXPECT_TRUE(parser.expect_response("GET", 1));
  EXPECT_FALSE(parser.expect_response("GET", 2));
  EXPECT_EQ(parser.pending_requests(), 2u);
  // The ring keeps its order as it wraps.
  ASSERT_EQ(parser.parse(as_bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n")).status, HttpParseStatus::complete);
  EXPECT_EQ(parser.message().request_method, "HEAD");
  EXPECT_TRUE(parser.expect_response("PUT", 3));
  ASSERT_EQ(parser.parse(as_bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc")).status,
            HttpParseStatus::complete);
  EXPECT_EQ(parser.message().request_number, 1u);
  ASSERT_EQ(parser.parse(as_bytes("HTTP/1.1 201 Created\r\n\r\n")).status, HttpParseStatus::need_more);
  EXPECT_EQ(parser.message().request_method, "PUT");
}

TEST(HttpStreamParser, ResetStartsOver) {
  HttpStreamParser parser(HttpRole::response);
  (void)parser.parse(as_bytes("garbage\r\n"));
  EXPECT_TRUE(parser.stopped());
  parser.reset();
  EXPECT_FALSE(parser.stopped());
  EXPECT_EQ(parser.parse(as_bytes("HTTP/1.1 304 Not Modified\r\n\r\n")).status, HttpParseStatus::complete);
  EXPECT_EQ(parser.message().stream_offset, 0u);
}

TEST(HttpNames, Enumerators) {
  EXPECT_EQ(http_error_kind_name(HttpErrorKind::truncated), "truncated");
  EXPECT_EQ(http_error_kind_name(HttpErrorKind::limit), "limit");
  EXPECT_EQ(http_body_framing_name(HttpBodyFraming::chunked), "chunked");
  EXPECT_EQ(http_body_framing_name(HttpBodyFraming::until_close), "until_close");
  EXPECT_TRUE(http_name_equals("Content-LENGTH", "content-length"));
  EXPECT_FALSE(http_name_equals("Content-Length", "Content-Lengths"));
}

}  // namespace
}  // namespace pktdoc
