// Per-packet decoding cost: decode_packet() over every frame of a capture held in memory, so
// that only decoding is measured, not reading the file. The capture is named by the
// PKTDOC_BENCH_CAPTURE environment variable (default: the bundled captures, one benchmark each).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"

namespace {

struct StoredFrame {
  std::vector<std::byte> bytes;
  pktdoc::Frame frame;
};

std::vector<StoredFrame> load(const std::string& path) {
  std::vector<StoredFrame> frames;
  auto capture = pktdoc::CaptureReader::open_file(path);
  pktdoc::Frame frame;
  while (capture.ok() && capture.next(frame) == pktdoc::ReadStatus::frame) {
    StoredFrame stored{std::vector<std::byte>(frame.bytes.begin(), frame.bytes.end()), frame};
    frames.push_back(std::move(stored));
  }
  for (auto& stored : frames) stored.frame.bytes = pktdoc::ByteView(stored.bytes.data(), stored.bytes.size());
  return frames;
}

void decode_all(benchmark::State& state, const std::vector<StoredFrame>& frames) {
  pktdoc::DecodedPacket packet;
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& stored : frames) {
      pktdoc::decode_packet(stored.frame, packet);
      benchmark::DoNotOptimize(packet.ip.transport_length);
      bytes += stored.frame.bytes.size();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * frames.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

int register_captures() {
  std::vector<std::string> paths;
  if (const char* chosen = std::getenv("PKTDOC_BENCH_CAPTURE")) {
    paths.emplace_back(chosen);
  } else {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(PKTDOC_SOURCE_DIR "/captures", error))
      if (entry.path().extension() == ".pcap") paths.push_back(entry.path().string());
  }
  for (const auto& path : paths) {
    auto frames = std::make_shared<std::vector<StoredFrame>>(load(path));
    if (frames->empty()) continue;
    benchmark::RegisterBenchmark(("decode_packet/" + std::filesystem::path(path).filename().string()).c_str(),
                                 [frames](benchmark::State& state) { decode_all(state, *frames); });
  }
  return 0;
}

const int registered = register_captures();

}  // namespace
