// compare_peers: pktdoc, a bare libpcap loop and libtins on the same capture, in one run.
//
//   compare_peers FILE [ROUNDS]
//   compare_peers --only CONTENDER FILE     one run of one contender, in-process (for profilers)
//
// Contenders (each reads FILE with libpcap from the start, in a process of its own):
//   pcap_loop            pcap_next_ex() over every frame, touching nothing: the floor
//   pktdoc_read          CaptureReader::next() over every frame, touching nothing: how much less
//                        pktdoc's own reading of a pcap file costs than libpcap's
//   pktdoc_stats         what `dissect stats` does: decode_packet() and protocol_stack() into a
//                        protocol hierarchy, per frame
//   tins_parse           libtins: Tins::EthernetII(data, size) of every frame (every layer it
//                        knows), then a walk of the PDU chain counting protocols
//   tins_parse_on_pktdoc_read   the same, on frames read by pktdoc's CaptureReader: with the
//                        cost of reading made equal, what is left is the cost of decoding
//   pktdoc_streams       what `dissect streams` does: decode_packet(), IpDefragmenter, then
//                        StreamListing (TcpReassembler, SHA-256 of each direction), listing built
//   pktdoc_reassembly    decode_packet(), IpDefragmenter, TcpReassembler with a handler that
//                        sums every byte delivered
//   tins_follow          libtins: EthernetII of every frame, Tins::TCPIP::StreamFollower with
//                        data callbacks that sum every byte delivered
//   tins_follow_sha256   the same, hashing each direction with pktdoc's SHA-256, as
//                        pktdoc_streams does
//
// ROUNDS rounds (default 7), after one warm-up round that is not counted; in each round every
// contender runs once, the order rotating from round to round, so that drift in the machine's
// speed spreads over all of them. Prints each contender's median, minimum and maximum wall
// time and median processor time, their ratios to pcap_loop's, its peak resident memory, and
// the targets of issue 7 with PASS or FAIL. Informational: not a test.
#include <pcap/pcap.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "pktdoc/capture.hpp"
#include "pktdoc/detail/sha256.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"
#include "pktdoc/reassembly/stream_listing.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"
#include "protocol_hierarchy.hpp"  // examples/: the counting dissect stats does

#if PKTDOC_HAVE_LIBTINS
#include <tins/tcp_ip/stream_follower.h>
#include <tins/tins.h>
#endif

namespace {

// What a contender returns: a number that depends on all the work done (so that none of it can
// be optimised away, and so that contenders doing the same work can be checked to agree).
using Result = std::uint64_t;

// Every byte a reassembler delivers goes through here, for pktdoc and libtins alike.
// [consume]
inline std::uint64_t consume(const std::uint8_t* data, std::size_t size) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < size; ++i) sum += data[i];
  return sum + size;
}
// [consume]

// ---------------------------------------------------------------------------------------------
// (a) The floor: libpcap reads every record and nothing looks at it.
// [pcap-loop]
Result pcap_loop(const char* path) {
  char error[PCAP_ERRBUF_SIZE];
  pcap_t* pcap = pcap_open_offline(path, error);
  if (!pcap) return 0;
  pcap_pkthdr* header;
  const u_char* data;
  Result frames = 0;
  while (pcap_next_ex(pcap, &header, &data) == 1) ++frames;
  pcap_close(pcap);
  return frames;
}
// [pcap-loop]

// pktdoc's own floor: its reader, nothing looking at the frames.
Result pktdoc_read(const char* path) {
  auto capture = pktdoc::CaptureReader::open_file(path);
  pktdoc::Frame frame;
  Result frames = 0;
  while (capture.next(frame) == pktdoc::ReadStatus::frame) ++frames;
  return frames;
}

// ---------------------------------------------------------------------------------------------
// (b) pktdoc as `dissect stats` runs: the same loop as examples/dissect.cpp, counting with the
// same hierarchy (examples/protocol_hierarchy.hpp).

// The sum a hierarchy's counts come to, for comparing runs.
Result total(const examples::HierarchyNode& node) {
  Result sum = node.frames * 31 + node.bytes;
  for (const auto& child : node.children) sum += total(*child);
  return sum;
}

// [pktdoc-stats]
Result pktdoc_stats(const char* path) {
  auto capture = pktdoc::CaptureReader::open_file(path);
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  std::array<pktdoc::Protocol, pktdoc::max_protocol_stack> stack{};
  examples::HierarchyNode root;
  while (capture.next(frame) == pktdoc::ReadStatus::frame) {
    pktdoc::decode_packet(frame, packet);
    root.count(std::span(stack).first(pktdoc::protocol_stack(packet, stack)), frame.original_length);
  }
  return total(root);
}
// [pktdoc-stats]

// ---------------------------------------------------------------------------------------------
// (d) pktdoc as `dissect streams` runs, and reassembly alone with the bytes summed.
// A datagram made whole goes where the whole packets go: a StreamListing or a TcpReassembler.
template <class Destination>
struct DatagramsTo : pktdoc::DefragmentObserver {
  explicit DatagramsTo(Destination& destination) : destination_(destination) {}
  void on_reassembled(const pktdoc::ReassembledDatagram& datagram) override {
    pktdoc::IpLayers layers;
    pktdoc::decode_ip(datagram.packet, layers);
    destination_.add(layers, datagram.completing_frame, datagram.completed_at);
  }
  void on_abandoned(const pktdoc::AbandonedDatagram&) override {}
  void on_dropped(const pktdoc::DroppedFragment&) override {}
  Destination& destination_;
};

Result pktdoc_streams(const char* path) {
  auto capture = pktdoc::CaptureReader::open_file(path);
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::StreamListing listing;
  DatagramsTo<pktdoc::StreamListing> to_streams(listing);
  pktdoc::IpDefragmenter defragmenter(to_streams);
  while (capture.next(frame) == pktdoc::ReadStatus::frame) {
    pktdoc::decode_packet(frame, packet);
    if (defragmenter.add(packet.ip, frame.number, frame.timestamp) == pktdoc::FragmentResult::not_fragment)
      listing.add(frame, packet);
  }
  defragmenter.finish();
  std::string text;
  listing.finish(text);
  return text.size();
}

// [pktdoc-reassembly]
struct SumBytes : pktdoc::TcpStreamHandler {
  Result sum = 0;
  void on_data(pktdoc::TcpConnection&, const pktdoc::TcpData& data) override {
    sum += consume(reinterpret_cast<const std::uint8_t*>(data.bytes.data()), data.bytes.size());
  }
};

Result pktdoc_reassembly(const char* path) {
  auto capture = pktdoc::CaptureReader::open_file(path);
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  SumBytes handler;
  pktdoc::TcpReassembler reassembler(handler);
  DatagramsTo<pktdoc::TcpReassembler> to_reassembler(reassembler);
  pktdoc::IpDefragmenter defragmenter(to_reassembler);
  while (capture.next(frame) == pktdoc::ReadStatus::frame) {
    pktdoc::decode_packet(frame, packet);
    if (defragmenter.add(packet.ip, frame.number, frame.timestamp) == pktdoc::FragmentResult::not_fragment)
      reassembler.add(packet.ip, frame.number, frame.timestamp);
  }
  defragmenter.finish();
  reassembler.finish();
  return handler.sum;
}
// [pktdoc-reassembly]

#if PKTDOC_HAVE_LIBTINS
// ---------------------------------------------------------------------------------------------
// (c) libtins' full parse: EthernetII parses every layer it knows below it; the walk counts
// them as protocol_stack() does for pktdoc.
// [tins-parse]
struct TinsLayerCounts {
  std::array<std::uint64_t, 256> counts{};
  Result malformed = 0;

  void add(const std::uint8_t* data, std::uint32_t size) {
    try {
      Tins::EthernetII frame(data, size);
      for (const Tins::PDU* pdu = &frame; pdu; pdu = pdu->inner_pdu()) ++counts[pdu->pdu_type() & 0xff];
    } catch (const Tins::exception_base&) {
      ++malformed;
    }
  }
  Result total() const {
    Result sum = malformed;
    for (std::size_t i = 0; i < counts.size(); ++i) sum += counts[i] * (i + 1);
    return sum;
  }
};

Result tins_parse(const char* path) {
  char error[PCAP_ERRBUF_SIZE];
  pcap_t* pcap = pcap_open_offline(path, error);
  if (!pcap) return 0;
  pcap_pkthdr* header;
  const u_char* data;
  TinsLayerCounts layers;
  while (pcap_next_ex(pcap, &header, &data) == 1) layers.add(data, header->caplen);
  pcap_close(pcap);
  return layers.total();
}
// [tins-parse]

Result tins_parse_on_pktdoc_read(const char* path) {
  auto capture = pktdoc::CaptureReader::open_file(path);
  pktdoc::Frame frame;
  TinsLayerCounts layers;
  while (capture.next(frame) == pktdoc::ReadStatus::frame)
    layers.add(reinterpret_cast<const std::uint8_t*>(frame.bytes.data()), static_cast<std::uint32_t>(frame.bytes.size()));
  return layers.total();
}

// ---------------------------------------------------------------------------------------------
// (e) libtins' StreamFollower, fed the same way, its data callbacks consuming what
// pktdoc's handlers consume.
// [tins-follow]
template <bool hash>
Result tins_follow(const char* path) {
  char error[PCAP_ERRBUF_SIZE];
  pcap_t* pcap = pcap_open_offline(path, error);
  if (!pcap) return 0;
  Result sum = 0;
  std::vector<std::unique_ptr<std::array<pktdoc::detail::Sha256, 2>>> hashes;  // per stream, kept to the end
  Tins::TCPIP::StreamFollower follower;
  follower.new_stream_callback([&](Tins::TCPIP::Stream& stream) {
    std::array<pktdoc::detail::Sha256, 2>* pair = nullptr;
    if constexpr (hash) pair = hashes.emplace_back(std::make_unique<std::array<pktdoc::detail::Sha256, 2>>()).get();
    stream.client_data_callback([&sum, pair](Tins::TCPIP::Stream& s) {
      const auto& bytes = s.client_payload();
      (void)sum, (void)pair;  // each instantiation uses only one of them
      if constexpr (hash) (*pair)[0].add(pktdoc::as_bytes(bytes.data(), bytes.size()));
      else sum += consume(bytes.data(), bytes.size());
    });
    stream.server_data_callback([&sum, pair](Tins::TCPIP::Stream& s) {
      const auto& bytes = s.server_payload();
      (void)sum, (void)pair;  // each instantiation uses only one of them
      if constexpr (hash) (*pair)[1].add(pktdoc::as_bytes(bytes.data(), bytes.size()));
      else sum += consume(bytes.data(), bytes.size());
    });
  });
  pcap_pkthdr* header;
  const u_char* data;
  while (pcap_next_ex(pcap, &header, &data) == 1) {
    try {
      Tins::Packet packet(new Tins::EthernetII(data, header->caplen), Tins::Timestamp(header->ts), Tins::Packet::own_pdu());
      follower.process_packet(packet);
    } catch (const Tins::exception_base&) {
    }
  }
  pcap_close(pcap);
  for (auto& pair : hashes) sum += (*pair)[0].finish()[0] + (*pair)[1].finish()[0];
  return sum;
}
// [tins-follow]
#endif

// ---------------------------------------------------------------------------------------------
// Running and timing.

struct Contender {
  const char* name;
  Result (*run)(const char*);
  std::vector<double> seconds{};      // wall time of each run
  std::vector<double> cpu_seconds{};  // processor time (user and system) of each run
  long peak_kib = 0;
  Result result = 0;
};

double cpu_now() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct Report {
  double seconds;
  double cpu_seconds;
  Result result;
};

// Runs one contender in a child process, so that each has a fresh heap and its own peak
// resident memory; the child times itself, so fork() and exit() are not in the time. It
// measures wall time and its own processor time: on a machine shared with other work, the
// processor time is the steadier of the two (time spent waiting for a CPU is not in it).
bool run_once(Contender& contender, const char* path) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) return false;
  const pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    close(pipe_ends[0]);
    const double cpu_start = cpu_now();
    const auto start = std::chrono::steady_clock::now();
    const Result result = contender.run(path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const Report report{seconds, cpu_now() - cpu_start, result};
    const bool written = write(pipe_ends[1], &report, sizeof report) == static_cast<ssize_t>(sizeof report);
    _exit(written ? 0 : 1);
  }
  close(pipe_ends[1]);
  Report report{};
  const bool got = read(pipe_ends[0], &report, sizeof report) == static_cast<ssize_t>(sizeof report);
  close(pipe_ends[0]);
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
  contender.seconds.push_back(report.seconds);
  contender.cpu_seconds.push_back(report.cpu_seconds);
  contender.peak_kib = std::max(contender.peak_kib, usage.ru_maxrss);
  contender.result = report.result;
  return true;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n == 0 ? 0 : n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

Contender* find(std::vector<Contender>& contenders, const char* name) {
  for (Contender& c : contenders)
    if (std::strcmp(c.name, name) == 0 && !c.seconds.empty()) return &c;
  return nullptr;
}

// A target "slow / fast >= want" (or "<= want" for the floor), printed with PASS or FAIL.
void target(std::vector<Contender>& contenders, const char* text, const char* numerator, const char* denominator,
            double want, bool at_most) {
  Contender* top = find(contenders, numerator);
  Contender* bottom = find(contenders, denominator);
  if (!top || !bottom) {
    std::printf("  %-58s n/a (contender not run)\n", text);
    return;
  }
  const double wall = median(top->seconds) / median(bottom->seconds);
  const double cpu = median(top->cpu_seconds) / median(bottom->cpu_seconds);
  auto verdict = [&](double ratio) { return (at_most ? ratio <= want : ratio >= want) ? "PASS" : "FAIL"; };
  std::printf("  %-58s %s %4.2f  wall %5.2f %s  cpu %5.2f %s\n", text, at_most ? "<=" : ">=", want, wall, verdict(wall),
              cpu, verdict(cpu));
}

}  // namespace

int main(int argc, char** argv) {
  const bool only = argc == 4 && std::strcmp(argv[1], "--only") == 0;
  if (!only && (argc < 2 || argc > 3)) {
    std::fputs("usage: compare_peers FILE [ROUNDS]\n"
               "       compare_peers --only CONTENDER FILE   (one run, in this process: for profilers)\n",
               stderr);
    return 2;
  }
  const char* path = only ? argv[3] : argv[1];
  const int rounds = argc == 3 ? std::max(1, std::atoi(argv[2])) : 7;
  std::vector<Contender> contenders = {
      {"pcap_loop", pcap_loop},
      {"pktdoc_read", pktdoc_read},
      {"pktdoc_stats", pktdoc_stats},
      {"pktdoc_streams", pktdoc_streams},
      {"pktdoc_reassembly", pktdoc_reassembly},
#if PKTDOC_HAVE_LIBTINS
      {"tins_parse", tins_parse},
      {"tins_parse_on_pktdoc_read", tins_parse_on_pktdoc_read},
      {"tins_follow", tins_follow<false>},
      {"tins_follow_sha256", tins_follow<true>},
#endif
  };
  if (only) {
    for (Contender& c : contenders)
      if (std::strcmp(c.name, argv[2]) == 0) {
        std::printf("%s: %" PRIu64 "\n", c.name, c.run(path));
        return 0;
      }
    std::fprintf(stderr, "compare_peers: no contender '%s' in this build\n", argv[2]);
    return 2;
  }
#if !PKTDOC_HAVE_LIBTINS
  std::printf("libtins: left out (%s); install Debian's libtins-dev and reconfigure to compare with it\n\n",
              PKTDOC_NO_LIBTINS_REASON);
#endif
  std::printf("file: %s\nrounds: %d (after 1 warm-up round), interleaved, order rotating\n\n", path, rounds);
  for (Contender& c : contenders) {  // warm-up: the page cache, and a check that each runs
    if (!run_once(c, path)) {
      std::fprintf(stderr, "compare_peers: %s failed on %s\n", c.name, path);
      return 1;
    }
    c.seconds.clear();
    c.cpu_seconds.clear();
  }
  for (int round = 0; round < rounds; ++round)
    for (std::size_t k = 0; k < contenders.size(); ++k) {
      Contender& c = contenders[(k + static_cast<std::size_t>(round)) % contenders.size()];
      if (!run_once(c, path)) std::fprintf(stderr, "compare_peers: %s failed in round %d\n", c.name, round + 1);
    }

  const double floor = median(contenders[0].seconds), cpu_floor = median(contenders[0].cpu_seconds);
  std::printf("%-26s %8s %8s %8s %8s %8s %8s %9s\n", "contender", "wall s", "min", "max", "x pcap", "cpu s", "x pcap",
              "peak MiB");
  for (const Contender& c : contenders) {
    if (c.seconds.empty()) continue;
    const double m = median(c.seconds), cpu = median(c.cpu_seconds);
    std::printf("%-26s %8.3f %8.3f %8.3f %8.2f %8.3f %8.2f %9.1f\n", c.name, m,
                *std::min_element(c.seconds.begin(), c.seconds.end()),
                *std::max_element(c.seconds.begin(), c.seconds.end()), m / floor, cpu, cpu / cpu_floor,
                static_cast<double>(c.peak_kib) / 1024);
  }
  std::printf("(wall s: median wall time; cpu s: median processor time, user and system, of the run)\n");
  Contender* reassembly = find(contenders, "pktdoc_reassembly");
  Contender* follow = find(contenders, "tins_follow");
  if (reassembly && follow)
    std::printf("\nbytes delivered and summed: pktdoc %s libtins (checksums %" PRIu64 " and %" PRIu64 ")\n",
                reassembly->result == follow->result ? "==" : "!=", reassembly->result, follow->result);

  std::printf("\ntargets (ratios of medians, this run, in wall time and in processor time):\n");
  target(contenders, "pktdoc_stats / pcap_loop", "pktdoc_stats", "pcap_loop", 1.3, true);
  target(contenders, "tins_parse / pktdoc_stats", "tins_parse", "pktdoc_stats", 1.9, false);
  target(contenders, "tins_follow / pktdoc_reassembly (both sum the bytes)", "tins_follow", "pktdoc_reassembly", 2.0,
         false);
  target(contenders, "tins_follow_sha256 / pktdoc_streams (both SHA-256)", "tins_follow_sha256", "pktdoc_streams", 2.0,
         false);
  target(contenders, "tins_follow / pktdoc_streams (dissect streams as it is)", "tins_follow", "pktdoc_streams", 2.0,
         false);

  // How much of the difference is reading and how much decoding: the decoders' times beyond
  // the reader they ran on, libtins' and pktdoc's both on pktdoc's reader.
  Contender* reading = find(contenders, "pktdoc_read");
  Contender* stats = find(contenders, "pktdoc_stats");
  Contender* tins_on_read = find(contenders, "tins_parse_on_pktdoc_read");
  if (reading && stats && tins_on_read) {
    const double base = median(reading->seconds), cpu_base = median(reading->cpu_seconds);
    std::printf("\nreading and decoding apart (not targets):\n");
    std::printf("  pcap_loop / pktdoc_read (reading a pcap file)               wall %5.2f  cpu %5.2f\n",
                floor / base, cpu_floor / cpu_base);
    std::printf("  decoding alone, libtins / pktdoc (both on pktdoc's reader)  wall %5.2f  cpu %5.2f\n",
                (median(tins_on_read->seconds) - base) / (median(stats->seconds) - base),
                (median(tins_on_read->cpu_seconds) - cpu_base) / (median(stats->cpu_seconds) - cpu_base));
  }
  return 0;
}
