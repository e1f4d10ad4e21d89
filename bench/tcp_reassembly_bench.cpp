// TCP reassembly throughput: TcpReassembler over generated segments held in memory (decoded once
// beforehand, so that only reassembly is measured), in bytes/s and segments/s, with the peak of
// bytes held out of order as a counter; and the whole `streams` listing (decode_packet(),
// reassembly, SHA-256) over capture files, which is what `dissect streams` does.
//
//   tcp_reassembly/long_stream          one connection, 20000 segments of 1448 bytes, in order
//   tcp_reassembly/long_stream_reordered the same with every 8th segment swapped with the next and
//                                        1 in 200 retransmitted
//   tcp_reassembly/long_stream_lossy    the same with 1 segment in 100 missing and acknowledged
//   tcp_reassembly/short_connections    5000 HTTP-like connections (handshake, 300-byte request,
//                                        2000-byte response in 2 segments, FINs), 64 at a time
//   streams_listing/<capture>           StreamListing over every frame of a capture file (the
//                                        bundled captures, or PKTDOC_BENCH_CAPTURE)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "pktdoc/capture.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/stream_listing.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace {

using Bytes = std::vector<std::byte>;

void put16(Bytes& out, std::size_t at, std::uint32_t value) {
  out[at] = static_cast<std::byte>(value >> 8);
  out[at + 1] = static_cast<std::byte>(value);
}
void put32(Bytes& out, std::size_t at, std::uint32_t value) {
  put16(out, at, value >> 16);
  put16(out, at + 2, value & 0xffff);
}

// An IPv4 packet with a 20-byte TCP header and `length` bytes of data, checksums correct.
Bytes make_segment(std::uint32_t source, std::uint16_t source_port, std::uint32_t destination,
                   std::uint16_t destination_port, std::uint32_t seq, std::uint32_t ack, std::uint16_t flags,
                   std::size_t length) {
  Bytes packet(40 + length);
  put16(packet, 0, 0x4500);
  put16(packet, 2, static_cast<std::uint32_t>(packet.size()));
  put16(packet, 6, 0x4000);
  put16(packet, 8, 0x4006);
  put32(packet, 12, source);
  put32(packet, 16, destination);
  put16(packet, 10, pktdoc::internet_checksum(pktdoc::ByteView(packet.data(), 20)));
  put16(packet, 20, source_port);
  put16(packet, 22, destination_port);
  put32(packet, 24, seq);
  put32(packet, 28, ack);
  put16(packet, 32, 0x5000u | flags);
  put16(packet, 34, 65535);
  for (std::size_t i = 0; i < length; ++i) packet[40 + i] = static_cast<std::byte>('a' + (seq + i) % 26);
  pktdoc::InternetChecksum sum;
  pktdoc::add_pseudo_header(sum, pktdoc::Ipv4Address::from_uint(source), pktdoc::Ipv4Address::from_uint(destination), 6,
                            static_cast<std::uint16_t>(20 + length));
  sum.add(pktdoc::ByteView(packet.data() + 20, 20 + length));
  put16(packet, 36, sum.finish());
  return packet;
}

// Packets and their decoded layers, kept together (the layers point into the packets).
struct Workload {
  std::vector<Bytes> packets;
  std::vector<pktdoc::IpLayers> layers;
  std::size_t data_bytes = 0;

  void add(Bytes packet, std::size_t length) {
    packets.push_back(std::move(packet));
    data_bytes += length;
  }
  void decode() {
    layers.resize(packets.size());
    for (std::size_t i = 0; i < packets.size(); ++i)
      pktdoc::decode_ip(pktdoc::ByteView(packets[i].data(), packets[i].size()), layers[i]);
  }
};

constexpr std::uint32_t client = 0xC0000201, server = 0xC6336401;  // 192.0.2.1, 198.51.100.1
constexpr std::uint16_t FIN = pktdoc::tcp_flag::fin, SYN = pktdoc::tcp_flag::syn, ACK = pktdoc::tcp_flag::ack;

enum class Disorder { none, reordered, lossy };

std::shared_ptr<Workload> long_stream(Disorder disorder) {
  auto w = std::make_shared<Workload>();
  constexpr std::size_t mss = 1448, count = 20000;
  const std::uint32_t isn = 0xFFF00000u;  // wraps around 2^32 on the way
  w->add(make_segment(client, 40000, server, 80, isn, 0, SYN, 0), 0);
  w->add(make_segment(server, 80, client, 40000, 7000, isn + 1, SYN | ACK, 0), 0);
  std::vector<Bytes> data;
  for (std::size_t i = 0; i < count; ++i)
    data.push_back(
        make_segment(client, 40000, server, 80, isn + 1 + static_cast<std::uint32_t>(i * mss), 7001, ACK, mss));
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  if (disorder == Disorder::reordered)
    for (std::size_t i = 0; i + 1 < count; i += 8) std::swap(order[i], order[i + 1]);
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t i = order[k];
    if (disorder == Disorder::lossy && i % 100 == 50) continue;  // lost by the capture
    w->add(data[i], mss);
    if (disorder == Disorder::reordered && i % 200 == 199) w->add(data[i - 3], mss);  // a retransmission
    if (k % 2 == 1)  // an acknowledgment every two segments
      w->add(make_segment(server, 80, client, 40000, 7001, isn + 1 + static_cast<std::uint32_t>((i + 1) * mss), ACK, 0),
             0);
  }
  w->decode();
  return w;
}

std::shared_ptr<Workload> short_connections() {
  auto w = std::make_shared<Workload>();
  constexpr std::size_t connections = 5000, concurrent = 64, request = 300, response = 1000;
  for (std::size_t first = 0; first < connections; first += concurrent) {
    const std::size_t last = std::min(connections, first + concurrent);
    // Step by step across the connections of the batch, interleaved as on a busy link.
    for (int step = 0; step < 9; ++step) {
      for (std::size_t c = first; c < last; ++c) {
        const std::uint32_t from = client + static_cast<std::uint32_t>(c >> 14);
        const auto port = static_cast<std::uint16_t>(1024 + (c & 0x3fff));
        const std::uint32_t ci = static_cast<std::uint32_t>(c * 7919), si = static_cast<std::uint32_t>(c * 104729);
        const std::uint32_t c_end = ci + 1 + request, s_end = si + 1 + 2 * response;
        switch (step) {
          case 0:
            w->add(make_segment(from, port, server, 80, ci, 0, SYN, 0), 0);
            break;
          case 1:
            w->add(make_segment(server, 80, from, port, si, ci + 1, SYN | ACK, 0), 0);
            break;
          case 2:
            w->add(make_segment(from, port, server, 80, ci + 1, si + 1, ACK, 0), 0);
            break;
          case 3:
            w->add(make_segment(from, port, server, 80, ci + 1, si + 1, ACK, request), request);
            break;
          case 4:
            w->add(make_segment(server, 80, from, port, si + 1, c_end, ACK, response), response);
            break;
          case 5:
            w->add(make_segment(server, 80, from, port, si + 1 + response, c_end, ACK, response), response);
            break;
          case 6:
            w->add(make_segment(from, port, server, 80, c_end, s_end, FIN | ACK, 0), 0);
            break;
          case 7:
            w->add(make_segment(server, 80, from, port, s_end, c_end + 1, FIN | ACK, 0), 0);
            break;
          case 8:
            w->add(make_segment(from, port, server, 80, c_end + 1, s_end + 1, ACK, 0), 0);
            break;
        }
      }
    }
  }
  w->decode();
  return w;
}

// A consumer that takes the bytes and does nothing with them, so that the reassembler's own cost
// is what is measured (a parser's work would come on top).
struct Consumer : pktdoc::TcpStreamHandler {
  std::uint64_t checksum = 0;
  void on_data(pktdoc::TcpConnection&, const pktdoc::TcpData& data) override {
    checksum += data.bytes.size() + static_cast<std::uint8_t>(data.bytes.back());
  }
};

void reassemble(benchmark::State& state, const Workload& w) {
  std::size_t peak_buffered = 0, peak_connections = 0;
  std::uint64_t copied = 0, delivered = 0;
  for (auto _ : state) {
    Consumer consumer;
    pktdoc::TcpReassembler reassembler(consumer);
    std::uint64_t frame = 0;
    for (const pktdoc::IpLayers& layers : w.layers)
      reassembler.add(layers, ++frame, pktdoc::Timestamp{1'000'000'000, 0});
    reassembler.finish();
    benchmark::DoNotOptimize(consumer.checksum);
    peak_buffered = reassembler.stats().peak_buffered_bytes;
    peak_connections = reassembler.stats().peak_connections;
    copied = reassembler.stats().copied_bytes;
    delivered = reassembler.stats().delivered_bytes;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.layers.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * w.data_bytes));
  state.counters["peak_buffered_bytes"] = static_cast<double>(peak_buffered);
  state.counters["peak_connections"] = static_cast<double>(peak_connections);
  state.counters["peak_state_bytes"] =
      static_cast<double>(peak_buffered + peak_connections * pktdoc::TcpReassembler::sizeof_connection());
  state.counters["copied_bytes"] = static_cast<double>(copied);
  state.counters["delivered_bytes"] = static_cast<double>(delivered);
}

struct StoredFrame {
  Bytes bytes;
  pktdoc::Frame frame;
};

std::vector<StoredFrame> load(const std::string& path) {
  std::vector<StoredFrame> frames;
  auto capture = pktdoc::CaptureReader::open_file(path);
  pktdoc::Frame frame;
  while (capture.ok() && capture.next(frame) == pktdoc::ReadStatus::frame)
    frames.push_back(StoredFrame{Bytes(frame.bytes.begin(), frame.bytes.end()), frame});
  for (auto& stored : frames) stored.frame.bytes = pktdoc::ByteView(stored.bytes.data(), stored.bytes.size());
  return frames;
}

void streams_listing(benchmark::State& state, const std::vector<StoredFrame>& frames) {
  pktdoc::DecodedPacket packet;
  std::size_t bytes = 0;
  std::string out;
  for (auto _ : state) {
    pktdoc::StreamListing listing;
    for (const auto& stored : frames) {
      pktdoc::decode_packet(stored.frame, packet);
      listing.add(stored.frame, packet);
      bytes += stored.frame.bytes.size();
    }
    out.clear();
    listing.finish(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * frames.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

int register_benchmarks() {
  struct Case {
    const char* name;
    std::shared_ptr<Workload> (*make)();
  };
  static const Case cases[] = {
      {"tcp_reassembly/long_stream", [] { return long_stream(Disorder::none); }},
      {"tcp_reassembly/long_stream_reordered", [] { return long_stream(Disorder::reordered); }},
      {"tcp_reassembly/long_stream_lossy", [] { return long_stream(Disorder::lossy); }},
      {"tcp_reassembly/short_connections", short_connections},
  };
  for (const Case& c : cases) {
    auto make = c.make;
    auto workload = std::make_shared<std::shared_ptr<Workload>>();  // built on first use
    benchmark::RegisterBenchmark(c.name, [make, workload](benchmark::State& state) {
      if (!*workload) *workload = make();
      reassemble(state, **workload);
    });
  }
  std::vector<std::string> paths;
  if (const char* chosen = std::getenv("PKTDOC_BENCH_CAPTURE")) {
    paths.emplace_back(chosen);
  } else {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(PKTDOC_SOURCE_DIR "/captures", error))
      if (entry.path().extension() == ".pcap") paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
  }
  for (const auto& path : paths) {
    auto frames = std::make_shared<std::vector<StoredFrame>>(load(path));
    if (frames->empty()) continue;
    benchmark::RegisterBenchmark(("streams_listing/" + std::filesystem::path(path).filename().string()).c_str(),
                                 [frames](benchmark::State& state) { streams_listing(state, *frames); });
  }
  return 0;
}

const int registered = register_benchmarks();

}  // namespace
