// parse_http_in_pieces: an HTTP/1.1 response that arrives in three pieces, cut where TCP segments
// might cut it (in the middle of a field name, then in the middle of the body), parsed with
// pktdoc::HttpStreamParser. The first two calls answer need_more, the third complete; the body is
// framed by its Content-Length (RFC 9112 section 6.3) and delivered to a pktdoc::HttpBodyHandler
// as it arrives.
//
// Quoted by docs/protocols/http.rst; ctest compares its output with
// tests/golden/docs/parse_http_in_pieces.txt, which the page shows.

#include <cstdio>
#include <string>
#include <string_view>

#include "pktdoc/http.hpp"

// [body]
// Receives the head once, then the body bytes as they come (views valid during the call only).
struct BodyPrinter : pktdoc::HttpBodyHandler {
  void on_head(const pktdoc::HttpMessage& message) override {
    std::printf("  on_head: %u %.*s, %zu header fields\n", message.head.status_code,
                static_cast<int>(message.head.reason.size()), message.head.reason.data(),
                message.head.headers.size());
  }
  void on_body(const pktdoc::HttpMessage&, pktdoc::ByteView bytes) override {
    const std::string_view text = pktdoc::as_text(bytes);
    std::printf("  on_body: \"%.*s\"\n", static_cast<int>(text.size()), text.data());
  }
};
// [body]

int main() {
  // [parse]
  const std::string_view pieces[] = {
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Le",  // cut inside a field name
      "ngth: 26\r\n\r\nabcdefghijklm",                              // the head ends, half the body
      "nopqrstuvwxyz",                                               // the rest of the body
  };
  pktdoc::HttpStreamParser responses(pktdoc::HttpRole::response);
  BodyPrinter printer;
  responses.set_handler(&printer);
  responses.expect_response("GET", 0);  // the request it answers: a response to HEAD has no body
  for (std::string_view piece : pieces) {
    pktdoc::ByteView bytes = pktdoc::as_bytes(piece);
    std::printf("parse(%zu bytes)\n", bytes.size());
    while (!bytes.empty()) {
      const pktdoc::HttpParse step = responses.parse(bytes);
      bytes = bytes.subspan(step.consumed);
      if (step.status == pktdoc::HttpParseStatus::need_more) {
        std::printf("  need_more: consumed %zu\n", step.consumed);
      } else if (step.status == pktdoc::HttpParseStatus::complete) {
        const pktdoc::HttpMessage& message = responses.message();
        std::printf("  complete: consumed %zu; status %u, %s, framing %s, Content-Length %llu,\n"
                    "            body %llu bytes, head %zu bytes, %llu bytes on the wire\n",
                    step.consumed, message.head.status_code, std::string(message.head.version).c_str(),
                    pktdoc::http_body_framing_name(message.framing.framing).data(),
                    static_cast<unsigned long long>(message.content_length.value_or(0)),
                    static_cast<unsigned long long>(message.body_length), message.head.length,
                    static_cast<unsigned long long>(message.wire_length));
      } else {
        std::printf("  error: %s: %s\n", pktdoc::http_error_kind_name(step.error.kind).data(), step.error.reason);
        if (responses.stopped()) break;
      }
    }
  }
  // [parse]

  // [errors]
  // The same parser on bytes that are not HTTP: an invalid Content-Length stops it for good
  // (RFC 9112 section 6.3 rule 5), and the answer says why.
  pktdoc::HttpStreamParser broken(pktdoc::HttpRole::response);
  const pktdoc::HttpParse step = broken.parse(pktdoc::as_bytes("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n"));
  std::printf("Content-Length: abc -> %s: %s (stopped %s)\n", pktdoc::http_error_kind_name(step.error.kind).data(),
              step.error.reason, broken.stopped() ? "true" : "false");
  // [errors]
  return 0;
}
