// HTTP parsing throughput, in messages/s and bytes/s: HttpStreamParser over streams held in memory
// and cut into 1448-byte pieces, as TCP reassembly hands them over (so that only parsing is
// measured); and the whole `http` listing (decode_packet(), IP defragmentation, TCP reassembly,
// HTTP) over capture files, which is what `dissect http` does.
//
//   http_parse/pipelined_requests   2000 keep-alive GET requests with browser-sized heads, pipelined
//   http_parse/pipelined_responses  2000 responses: 404s of 250 bytes and 200s with 8 KiB bodies,
//                                   alternating, each framed by Content-Length
//   http_parse/chunked_responses    500 responses with 64 KiB bodies in 4 KiB chunks with
//                                   extensions, and a trailer
//   http_parse/head_only            parse_http_head() on one request head (no state, no copy)
//   http_listing/<capture>          HttpListing over every frame of a capture file (the bundled
//                                   captures, or PKTDOC_BENCH_CAPTURE)
#include <benchmark/benchmark.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "pktdoc/capture.hpp"
#include "pktdoc/http.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/http_listing.hpp"

namespace {

constexpr std::size_t kSegment = 1448;

std::string request_head(std::size_t n) {
  return "GET /static/img/photo-" + std::to_string(n) +
         ".jpg HTTP/1.1\r\n"
         "Host: www.example.com\r\n"
         "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
         "Accept: image/avif,image/webp,*/*\r\n"
         "Accept-Language: en-US,en;q=0.5\r\n"
         "Accept-Encoding: gzip, deflate, br\r\n"
         "Referer: https://www.example.com/gallery/index.html\r\n"
         "Connection: keep-alive\r\n"
         "Cookie: session=0123456789abcdef; theme=dark\r\n"
         "Sec-Fetch-Dest: image\r\n"
         "Sec-Fetch-Mode: no-cors\r\n"
         "\r\n";
}

struct Stream {
  std::string bytes;
  std::size_t messages = 0;
  std::vector<std::string> methods;  // for responses: the requests they answer
};

Stream pipelined_requests() {
  Stream s;
  for (std::size_t i = 0; i < 2000; ++i) s.bytes += request_head(i);
  s.messages = 2000;
  return s;
}

Stream pipelined_responses() {
  Stream s;
  const std::string not_found(250, 'n'), image(8192, 'i');
  for (std::size_t i = 0; i < 2000; ++i) {
    const std::string& body = i % 2 == 0 ? not_found : image;
    s.bytes += std::string(i % 2 == 0 ? "HTTP/1.1 404 Not Found" : "HTTP/1.1 200 OK") +
               "\r\nDate: Tue, 14 Nov 2023 22:13:20 GMT\r\nServer: Apache/2.4.57 (Debian)\r\n"
               "Last-Modified: Mon, 13 Nov 2023 10:00:00 GMT\r\nETag: \"2000-60a1b2c3d4e5f\"\r\n"
               "Accept-Ranges: bytes\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\nKeep-Alive: timeout=5, max=100\r\nConnection: Keep-Alive\r\n" +
               "Content-Type: " + (i % 2 == 0 ? "text/html; charset=iso-8859-1" : "image/jpeg") + "\r\n\r\n" + body;
    s.methods.emplace_back("GET");
  }
  s.messages = 2000;
  return s;
}

Stream chunked_responses() {
  Stream s;
  const std::string chunk(4096, 'c');
  for (std::size_t i = 0; i < 500; ++i) {
    s.bytes +=
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        "Trailer: Server-Timing\r\n\r\n";
    for (int k = 0; k < 16; ++k) s.bytes += "1000;seq=" + std::to_string(k) + "\r\n" + chunk + "\r\n";
    s.bytes += "0\r\nServer-Timing: total;dur=12.5\r\n\r\n";
    s.methods.emplace_back("GET");
  }
  s.messages = 500;
  return s;
}

struct Sink : pktdoc::HttpBodyHandler {
  std::size_t bytes = 0;
  void on_body(const pktdoc::HttpMessage&, pktdoc::ByteView body) override { bytes += body.size(); }
};

void parse_stream(benchmark::State& state, const Stream& stream, pktdoc::HttpRole role) {
  Sink sink;
  std::size_t messages = 0;
  for (auto _ : state) {
    pktdoc::HttpLimits limits;
    limits.max_pending_requests = stream.methods.size() + 1;
    pktdoc::HttpStreamParser parser(role, limits);
    parser.set_handler(&sink);
    for (std::size_t i = 0; i < stream.methods.size(); ++i) parser.expect_response(stream.methods[i], i);
    const pktdoc::ByteView all = pktdoc::as_bytes(stream.bytes);
    for (std::size_t at = 0; at < all.size(); at += kSegment) {
      pktdoc::ByteView piece = all.subspan(at, std::min(kSegment, all.size() - at));
      while (!piece.empty()) {
        const pktdoc::HttpParse step = parser.parse(piece);
        piece = piece.subspan(step.consumed);
        if (step.status == pktdoc::HttpParseStatus::complete) ++messages;
        if (step.status == pktdoc::HttpParseStatus::error) state.SkipWithError(step.error.reason);
      }
    }
  }
  if (messages != static_cast<std::size_t>(state.iterations()) * stream.messages)
    state.SkipWithError("not every message parsed");
  benchmark::DoNotOptimize(sink.bytes);
  state.SetItemsProcessed(static_cast<std::int64_t>(messages));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream.bytes.size()));
  state.counters["messages"] = static_cast<double>(stream.messages);
  state.counters["stream_bytes"] = static_cast<double>(stream.bytes.size());
}

void head_only(benchmark::State& state) {
  const std::string head = request_head(42);
  std::array<pktdoc::HttpHeader, 32> storage{};
  pktdoc::HttpHead parsed;
  for (auto _ : state) {
    const pktdoc::HttpParse result = pktdoc::parse_http_head(pktdoc::as_bytes(head), parsed, storage);
    benchmark::DoNotOptimize(result.consumed);
    benchmark::DoNotOptimize(parsed.headers.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * head.size()));
}

struct StoredFrame {
  std::vector<std::byte> bytes;
  pktdoc::Frame frame;
};

std::vector<StoredFrame> load(const std::string& path) {
  std::vector<StoredFrame> frames;
  auto capture = pktdoc::CaptureReader::open_file(path);
  pktdoc::Frame frame;
  while (capture.ok() && capture.next(frame) == pktdoc::ReadStatus::frame)
    frames.push_back(StoredFrame{std::vector<std::byte>(frame.bytes.begin(), frame.bytes.end()), frame});
  for (auto& stored : frames) stored.frame.bytes = pktdoc::ByteView(stored.bytes.data(), stored.bytes.size());
  return frames;
}

void http_listing(benchmark::State& state, const std::vector<StoredFrame>& frames) {
  pktdoc::DecodedPacket packet;
  std::size_t bytes = 0, lines = 0;
  std::string out;
  for (auto _ : state) {
    pktdoc::HttpListing listing;
    out.clear();
    for (const auto& stored : frames) {
      pktdoc::decode_packet(stored.frame, packet);
      listing.add(stored.frame, packet, out);
      bytes += stored.frame.bytes.size();
    }
    listing.finish(out);
    lines = listing.tracker().stats().requests + listing.tracker().stats().responses;
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * frames.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["messages"] = static_cast<double>(lines);
}

int register_benchmarks() {
  struct Case {
    const char* name;
    Stream (*make)();
    pktdoc::HttpRole role;
  };
  static const Case cases[] = {
      {"http_parse/pipelined_requests", pipelined_requests, pktdoc::HttpRole::request},
      {"http_parse/pipelined_responses", pipelined_responses, pktdoc::HttpRole::response},
      {"http_parse/chunked_responses", chunked_responses, pktdoc::HttpRole::response},
  };
  for (const Case& c : cases) {
    auto make = c.make;
    auto role = c.role;
    auto stream = std::make_shared<std::unique_ptr<Stream>>();  // built on first use
    benchmark::RegisterBenchmark(c.name, [make, role, stream](benchmark::State& state) {
      if (!*stream) *stream = std::make_unique<Stream>(make());
      parse_stream(state, **stream, role);
    });
  }
  benchmark::RegisterBenchmark("http_parse/head_only", head_only);

  std::vector<std::string> paths;
  if (const char* chosen = std::getenv("PKTDOC_BENCH_CAPTURE")) {
    paths.emplace_back(chosen);
  } else {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(PKTDOC_SOURCE_DIR "/captures", error))
      if (entry.path().extension() == ".pcap") paths.push_back(entry.path().string());
  }
  for (const std::string& path : paths) {
    auto frames = std::make_shared<std::vector<StoredFrame>>();
    const std::string name = "http_listing/" + std::filesystem::path(path).filename().string();
    benchmark::RegisterBenchmark(name.c_str(), [path, frames](benchmark::State& state) {
      if (frames->empty()) *frames = load(path);
      if (frames->empty()) {
        state.SkipWithError("cannot read the capture");
        return;
      }
      http_listing(state, *frames);
    });
  }
  return 0;
}

const int registered = register_benchmarks();

}  // namespace
