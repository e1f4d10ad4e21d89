// IP defragmentation cost: IpDefragmenter::add() over a stream of fragmented UDP datagrams held in
// memory and decoded beforehand, so that only reassembly is measured (not reading or decoding).
//
// Each datagram is 4000 bytes of UDP data (4008 with the UDP header) in four fragments: for IPv4
// 1008 + 1008 + 1008 + 984 bytes, for IPv6 1232 + 1232 + 1232 + 312 (as a 1280-byte MTU cuts it,
// like the 4000_byte_ipv6_packet capture). The fragments arrive in order, reversed (last first,
// so each datagram's buffer is sized at once), or interleaved across 64 datagrams at a time.
//
// Counters: items are fragments, bytes are fragment data bytes; `datagrams` is reassembled
// datagrams per second; `peak_buffered` is the defragmenter's own peak accounting
// (buffered_bytes(): open datagrams and the spare buffers it keeps for reuse).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "pktdoc/checksum.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"

namespace {

using Bytes = std::vector<std::byte>;

constexpr std::size_t datagrams_per_stream = 1024;

void put16(Bytes& bytes, std::size_t at, std::uint32_t value) {
  bytes[at] = static_cast<std::byte>((value >> 8) & 0xff);
  bytes[at + 1] = static_cast<std::byte>(value & 0xff);
}

Bytes ipv4_fragment(std::uint16_t id, std::uint32_t offset, bool more, const std::byte* data, std::size_t length) {
  Bytes packet(20);
  packet[0] = std::byte{0x45};
  put16(packet, 2, static_cast<std::uint32_t>(20 + length));
  put16(packet, 4, id);
  put16(packet, 6, (more ? 0x2000u : 0u) | (offset / 8));
  packet[8] = std::byte{64};
  packet[9] = std::byte{17};
  const std::uint8_t addresses[8] = {192, 0, 2, 1, 198, 51, 100, 2};
  for (int i = 0; i < 8; ++i) packet[12 + i] = static_cast<std::byte>(addresses[i]);
  put16(packet, 10, pktdoc::internet_checksum(pktdoc::ByteView(packet.data(), 20)));
  packet.insert(packet.end(), data, data + length);
  return packet;
}

Bytes ipv6_fragment(std::uint32_t id, std::uint32_t offset, bool more, const std::byte* data, std::size_t length) {
  Bytes packet(48);
  packet[0] = std::byte{0x60};
  put16(packet, 4, static_cast<std::uint32_t>(8 + length));
  packet[6] = std::byte{44};
  packet[7] = std::byte{64};
  for (int i = 0; i < 2; ++i) {
    packet[8 + 16 * i] = std::byte{0x20};
    packet[9 + 16 * i] = std::byte{0x01};
    packet[10 + 16 * i] = std::byte{0x0d};
    packet[11 + 16 * i] = std::byte{0xb8};
    packet[23 + 16 * i] = static_cast<std::byte>(1 + i);
  }
  packet[40] = std::byte{17};
  put16(packet, 42, (offset & 0xfff8u) | (more ? 1u : 0u));
  put16(packet, 44, id >> 16);
  put16(packet, 46, id & 0xffff);
  packet.insert(packet.end(), data, data + length);
  return packet;
}

enum class Order { in_order, reversed, interleaved };

// The fragments of a stream, decoded once; `layers` point into `packets`.
struct Stream {
  std::vector<Bytes> packets;
  std::vector<pktdoc::IpLayers> layers;
  std::size_t data_bytes = 0;
};

std::unique_ptr<Stream> make_stream(int version, Order order) {
  auto stream = std::make_unique<Stream>();
  Bytes udp(4008);
  for (std::size_t i = 0; i < udp.size(); ++i) udp[i] = static_cast<std::byte>(i * 7);
  const std::vector<std::size_t> sizes =
      version == 4 ? std::vector<std::size_t>{1008, 1008, 1008, 984} : std::vector<std::size_t>{1232, 1232, 1232, 312};
  std::vector<std::vector<Bytes>> datagrams;
  for (std::uint32_t n = 0; n < datagrams_per_stream; ++n) {
    std::vector<Bytes> fragments;
    std::size_t offset = 0;
    for (std::size_t k = 0; k < sizes.size(); ++k) {
      const bool more = k + 1 < sizes.size();
      const auto at = static_cast<std::uint32_t>(offset);
      fragments.push_back(version == 4
                              ? ipv4_fragment(static_cast<std::uint16_t>(n), at, more, udp.data() + offset, sizes[k])
                              : ipv6_fragment(n, at, more, udp.data() + offset, sizes[k]));
      offset += sizes[k];
      stream->data_bytes += sizes[k];
    }
    if (order == Order::reversed) std::reverse(fragments.begin(), fragments.end());
    datagrams.push_back(std::move(fragments));
  }
  if (order == Order::interleaved) {
    // Fragment k of datagrams n..n+63, then fragment k+1 of the same 64, and so on.
    for (std::size_t group = 0; group < datagrams.size(); group += 64)
      for (std::size_t k = 0; k < sizes.size(); ++k)
        for (std::size_t n = group; n < std::min(group + 64, datagrams.size()); ++n)
          stream->packets.push_back(datagrams[n][k]);
  } else {
    for (auto& fragments : datagrams)
      for (auto& fragment : fragments) stream->packets.push_back(std::move(fragment));
  }
  stream->layers.resize(stream->packets.size());
  for (std::size_t i = 0; i < stream->packets.size(); ++i)
    pktdoc::decode_ip(pktdoc::ByteView(stream->packets[i].data(), stream->packets[i].size()), stream->layers[i]);
  return stream;
}

struct Counter : pktdoc::DefragmentObserver {
  std::uint64_t reassembled = 0;
  std::uint64_t other = 0;
  void on_reassembled(const pktdoc::ReassembledDatagram& datagram) override {
    benchmark::DoNotOptimize(datagram.packet.data());
    ++reassembled;
  }
  void on_abandoned(const pktdoc::AbandonedDatagram&) override { ++other; }
  void on_dropped(const pktdoc::DroppedFragment&) override { ++other; }
};

void defragment(benchmark::State& state, int version, Order order) {
  const auto stream = make_stream(version, order);
  Counter counter;
  pktdoc::IpDefragmenter defragmenter(counter);
  std::uint64_t frame = 0;
  for (auto _ : state) {
    for (const pktdoc::IpLayers& layers : stream->layers) {
      ++frame;
      // One second of capture time per stream, so that no datagram times out.
      benchmark::DoNotOptimize(
          defragmenter.add(layers, frame, pktdoc::Timestamp{static_cast<std::int64_t>(frame / 4096), 0}));
    }
  }
  if (counter.other != 0 || counter.reassembled != state.iterations() * datagrams_per_stream)
    state.SkipWithError("not every datagram was reassembled");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream->layers.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream->data_bytes));
  state.counters["datagrams"] =
      benchmark::Counter(static_cast<double>(counter.reassembled), benchmark::Counter::kIsRate);
  state.counters["peak_buffered"] = benchmark::Counter(static_cast<double>(defragmenter.stats().peak_buffered_bytes),
                                                       benchmark::Counter::kDefaults, benchmark::Counter::kIs1024);
}

BENCHMARK_CAPTURE(defragment, ipv4_in_order, 4, Order::in_order);
BENCHMARK_CAPTURE(defragment, ipv4_reversed, 4, Order::reversed);
BENCHMARK_CAPTURE(defragment, ipv4_interleaved_64, 4, Order::interleaved);
BENCHMARK_CAPTURE(defragment, ipv6_in_order, 6, Order::in_order);
BENCHMARK_CAPTURE(defragment, ipv6_reversed, 6, Order::reversed);
BENCHMARK_CAPTURE(defragment, ipv6_interleaved_64, 6, Order::interleaved);

// Hostile input: first fragments that never complete, each with a new key, so that the
// defragmenter runs at its open-datagram limit and evicts one datagram per fragment.
void never_complete(benchmark::State& state) {
  Bytes data(1000);
  std::vector<Bytes> packets;
  std::vector<pktdoc::IpLayers> layers(65536);
  for (std::uint32_t n = 0; n < layers.size(); ++n)
    packets.push_back(ipv4_fragment(static_cast<std::uint16_t>(n), 0, true, data.data(), data.size()));
  for (std::size_t i = 0; i < packets.size(); ++i)
    pktdoc::decode_ip(pktdoc::ByteView(packets[i].data(), packets[i].size()), layers[i]);
  Counter counter;
  pktdoc::IpDefragmenter defragmenter(counter);
  std::uint64_t frame = 0;
  for (auto _ : state) {
    for (const pktdoc::IpLayers& packet : layers) {
      ++frame;
      benchmark::DoNotOptimize(defragmenter.add(packet, frame, pktdoc::Timestamp{0, 0}));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * layers.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * layers.size() * data.size()));
  state.counters["peak_buffered"] = benchmark::Counter(static_cast<double>(defragmenter.stats().peak_buffered_bytes),
                                                       benchmark::Counter::kDefaults, benchmark::Counter::kIs1024);
}
BENCHMARK(never_complete);

}  // namespace
