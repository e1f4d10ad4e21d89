// fuzz_defragment: IpDefragmenter fed a sequence of IPv4 and IPv6 fragments built from the input,
// under small limits.
//
// The first input byte chooses the limits:
//   bits 0-1  DefragmentLimits::max_buffered_bytes: 4096, 6000, 16384 or 65536 bytes
//   bits 2-3  max_open_datagrams: 1, 2, 4 or 16
//   bits 4-5  max_fragments_per_datagram: 2, 4, 8 or 128
//   bit 6     timeouts of 1 s (IPv4) and 2 s (IPv6) rather than the defaults
//   bit 7     IpDefragmenter::finish() in the middle of the sequence too (the defragmenter is then
//             used for a second capture)
// Then every 5 bytes are one fragment:
//   byte 0    bit 0 the version (4 or 6); bits 1-2 which of four datagrams (addresses and
//             identification) per version; bit 3 More Fragments; bit 4 its data differs from what
//             the other fragments of the datagram carry at the same offsets (an overlap that
//             disagrees, teardrop-style); bit 5 cut short by the capture (the last 3 bytes not
//             captured); bits 6-7 time moves on 0, 1 ms, 1.5 s or 70 s
//   bytes 1-2 the Fragment Offset, in 8-octet units (13 bits, big-endian)
//   byte 3    the data length: 8 times its value, or (bit 4 of byte 4) that minus 1 to 7 bytes
//   byte 4    bits 0-2 the odd bytes taken off the length; bit 3 the IPv4 Total Length is 0
//             (segmentation offload); bit 4 see byte 3; bit 5 the previous fragment is sent again
//             as well (an exact duplicate); bits 6-7 the IPv4 protocol (UDP, TCP, ICMP, 253)
//
// Properties: buffered_bytes() and open_datagrams() stay within their limits after every add(),
// and so do the peaks in the stats (defrag.memory-bounded, defrag.open-bounded); every datagram
// that held a fragment is either reassembled or reported abandoned by finish()
// (defrag.every-datagram-answered); a reassembled datagram carries exactly the bytes its
// fragments carried when none disagreed (defrag.payload-correct), decodes as an unfragmented IP
// packet of its key (defrag.reassembled-decodes), and lists its frames (defrag.frames); an
// abandoned one's holes are ordered, inside its length and within its received bytes
// (defrag.holes-ordered); add() says what the observer was told (defrag.result-reported).
#include <array>
#include <chrono>
#include <set>
#include <tuple>
#include <vector>

#include "exercise.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/reassembly/datagram_listing.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"

using namespace pktdoc;

namespace {

// The byte every fragment of datagram `datagram` carries at payload offset `offset`, unless it
// disagrees on purpose.
std::byte pattern(unsigned datagram, std::size_t offset, bool differ) {
  const auto value = static_cast<std::uint8_t>(datagram * 37 + offset * 13 + (offset >> 8) * 7);
  return std::byte(differ ? static_cast<std::uint8_t>(~value) : value);
}

// The identity of a datagram: version, which of the four, and the IPv4 protocol (0 for IPv6).
using Id = std::tuple<std::uint8_t, unsigned, std::uint8_t>;

Id id_of(const DatagramKey& key) { return {key.version, key.identification & 3, key.protocol}; }

constexpr std::array<std::uint8_t, 4> kProtocols = {17, 6, 1, 253};

Id id_of(const std::uint8_t* record) {
  const bool v6 = (record[0] & 1) != 0;
  return {static_cast<std::uint8_t>(v6 ? 6 : 4), (record[0] >> 1) & 3u,
          v6 ? std::uint8_t{0} : kProtocols[record[4] >> 6]};
}

struct Observer final : DefragmentObserver {
  std::set<Id> open;     // datagrams with a held fragment, not reported yet
  std::set<Id> tainted;  // datagrams that were sent disagreeing bytes since they were last reported
  FragmentResult last = FragmentResult::not_fragment;
  int reassembled = 0, abandoned = 0, dropped = 0;

  void on_reassembled(const ReassembledDatagram& datagram) override {
    ++reassembled;
    const Id id = id_of(datagram.key);
    PKTDOC_FUZZ_PROPERTY("defrag.frames", !datagram.frames.empty() && datagram.frames.back() == datagram.completing_frame);
    PKTDOC_FUZZ_PROPERTY("defrag.payload-inside", fuzz::inside(datagram.payload, datagram.packet));
    PKTDOC_FUZZ_PROPERTY("defrag.total-length", datagram.packet.size() <= 65535 + 40 + 8 * 2048);
    fuzz::use_all(datagram.packet);
    if (tainted.count(id) == 0) {
      bool same = true;
      for (std::size_t i = 0; i < datagram.payload.size() && same; ++i)
        same = datagram.payload[i] == pattern(std::get<1>(id) + (std::get<0>(id) == 6 ? 4 : 0), i, false);
      PKTDOC_FUZZ_PROPERTY("defrag.payload-correct", same);
    }
    // The reassembled packet decodes as a whole (unfragmented) packet of the same key.
    IpLayers layers;
    decode_ip(datagram.packet, layers);
    fuzz::use(layers.error.kind);
    if (datagram.key.version == 4)
      PKTDOC_FUZZ_PROPERTY("defrag.reassembled-decodes",
                           layers.ipv4.has_value() && !layers.ipv4->is_fragment() &&
                               layers.ipv4->source() == datagram.key.ipv4_source);
    else
      PKTDOC_FUZZ_PROPERTY("defrag.reassembled-decodes",
                           layers.ipv6.has_value() && layers.ipv6->source() == datagram.key.ipv6_source);
    fuzz::use(datagram.key.source_text());
    fuzz::use(datagram.key.destination_text());
    open.erase(id);
    tainted.erase(id);
  }
  void on_abandoned(const AbandonedDatagram& datagram) override {
    ++abandoned;
    fuzz::use(abandon_reason_name(datagram.reason));
    std::uint64_t previous_end = 0;
    std::uint64_t missing = 0;
    for (const ByteRange& hole : datagram.holes) {
      PKTDOC_FUZZ_PROPERTY("defrag.holes-ordered", hole.begin < hole.end && hole.begin >= previous_end);
      if (hole.end != ByteRange::unknown_end) {
        if (datagram.last_fragment_seen)
          PKTDOC_FUZZ_PROPERTY("defrag.holes-ordered", hole.end <= datagram.total_length);
        missing += hole.end - hole.begin;
      }
      previous_end = hole.end;
    }
    if (datagram.last_fragment_seen)
      PKTDOC_FUZZ_PROPERTY("defrag.holes-ordered", datagram.bytes_received <= datagram.total_length);
    fuzz::use(datagram.frames.size());
    fuzz::use(datagram.first_fragment_seen);
    fuzz::use(missing);
    const Id id = id_of(datagram.key);
    open.erase(id);
    tainted.erase(id);
  }
  void on_dropped(const DroppedFragment& fragment) override {
    ++dropped;
    fuzz::use(drop_reason_name(fragment.reason));
    fuzz::use(fragment.offset);
    fuzz::use(fragment.length);
  }
};

struct Fragment {
  std::vector<std::byte> bytes;
  std::size_t captured = 0;
};

Fragment build_fragment(const std::uint8_t* record) {
  const bool v6 = (record[0] & 1) != 0;
  const unsigned which = (record[0] >> 1) & 3;
  const bool more = (record[0] & 8) != 0;
  const bool differ = (record[0] & 0x10) != 0;
  const bool cut = (record[0] & 0x20) != 0;
  const std::uint16_t offset_units = static_cast<std::uint16_t>(((record[1] << 8) | record[2]) & 0x1fff);
  std::size_t length = std::size_t{record[3]} * 8;
  if ((record[4] & 0x10) != 0) length -= std::min<std::size_t>(length, 1 + (record[4] & 7));
  const unsigned datagram = which + (v6 ? 4 : 0);
  std::vector<std::byte> payload(length);
  for (std::size_t i = 0; i < length; ++i) payload[i] = pattern(datagram, std::size_t{offset_units} * 8 + i, differ);

  Fragment fragment;
  if (!v6) {
    build::Ipv4 ip;
    ip.source = Ipv4Address::from_uint(0xc0000201u + which);  // 192.0.2.1 to 192.0.2.4
    ip.destination = Ipv4Address::from_uint(0xc6336407u);     // 198.51.100.7
    ip.identification = static_cast<std::uint16_t>(0x4d00 + which);
    ip.more_fragments = more;
    ip.dont_fragment = false;
    ip.fragment_offset = offset_units;
    if ((record[4] & 8) != 0) ip.total_length = 0;
    fragment.bytes = ip.packet(kProtocols[record[4] >> 6], payload);
  } else {
    build::Ipv6 ip;
    ip.source = *Ipv6Address::parse("2001:db8::1");
    ip.destination = *Ipv6Address::parse("2001:db8::2");
    ip.extension_headers.push_back(build::Ipv6Extension::fragment(offset_units, more, 0x6d000000u + which));
    fragment.bytes = ip.packet(17, payload);
  }
  fragment.captured = fragment.bytes.size();
  if (cut) fragment.captured -= std::min<std::size_t>(fragment.captured, 3);
  return fragment;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  static constexpr std::array<std::size_t, 4> kBuffered = {4096, 6000, 16384, 65536};
  static constexpr std::array<std::size_t, 4> kOpen = {1, 2, 4, 16};
  static constexpr std::array<std::size_t, 4> kFragments = {2, 4, 8, 128};
  DefragmentLimits limits;
  limits.max_buffered_bytes = kBuffered[mode & 3];
  limits.max_open_datagrams = kOpen[(mode >> 2) & 3];
  limits.max_fragments_per_datagram = kFragments[(mode >> 4) & 3];
  if ((mode & 0x40) != 0) {
    limits.ipv4_timeout = std::chrono::seconds(1);
    limits.ipv6_timeout = std::chrono::seconds(2);
  }
  const bool finish_midway = (mode & 0x80) != 0;

  Observer observer;
  IpDefragmenter defragmenter(observer, limits);
  Timestamp now{1700000000, 0};
  std::uint64_t frame = 0;
  const std::size_t count = (size - 1) / 5;
  std::vector<std::byte> previous;
  std::size_t previous_captured = 0;
  Id previous_id;
  bool previous_differ = false;

  auto feed = [&](const std::vector<std::byte>& bytes, std::size_t captured, bool differ, const Id& id) {
    // A buffer of exactly the captured size, freed after the call: the defragmenter must copy.
    const std::vector<std::byte> copy(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(captured));
    IpLayers layers;
    decode_ip(ByteView(copy.data(), copy.size()), layers);
    // Time first, so that a datagram of the same key that times out is reported before the
    // fragment taints the next one.
    defragmenter.advance(now);
    if (differ) observer.tainted.insert(id);
    const int before = observer.reassembled + observer.abandoned + observer.dropped;
    const FragmentResult result = defragmenter.add(layers, ++frame, now);
    const int reports = observer.reassembled + observer.abandoned + observer.dropped - before;
    if (result == FragmentResult::held) observer.open.insert(id);
    if (result == FragmentResult::reassembled || result == FragmentResult::dropped ||
        result == FragmentResult::abandoned)
      PKTDOC_FUZZ_PROPERTY("defrag.result-reported", reports >= 1);
    PKTDOC_FUZZ_PROPERTY("defrag.memory-bounded", defragmenter.buffered_bytes() <= limits.max_buffered_bytes &&
                                                      defragmenter.stats().peak_buffered_bytes <=
                                                          limits.max_buffered_bytes);
    PKTDOC_FUZZ_PROPERTY("defrag.open-bounded", defragmenter.open_datagrams() <= limits.max_open_datagrams &&
                                                    defragmenter.stats().peak_open_datagrams <=
                                                        limits.max_open_datagrams);
  };
  auto finish = [&] {
    defragmenter.finish();
    PKTDOC_FUZZ_PROPERTY("defrag.every-datagram-answered", observer.open.empty());
    PKTDOC_FUZZ_PROPERTY("defrag.empty-after-finish", defragmenter.open_datagrams() == 0);
    PKTDOC_FUZZ_PROPERTY("defrag.memory-bounded", defragmenter.buffered_bytes() <= limits.max_buffered_bytes);
    observer.tainted.clear();
  };

  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t* record = data + 1 + i * 5;
    static constexpr std::array<std::int64_t, 4> kSteps = {0, 1'000'000, 1'500'000'000, 70'000'000'000};
    const std::int64_t step = kSteps[record[0] >> 6];
    const std::int64_t total = now.nanoseconds + step % 1'000'000'000;
    now.seconds += step / 1'000'000'000 + total / 1'000'000'000;
    now.nanoseconds = static_cast<std::uint32_t>(total % 1'000'000'000);
    const Id id = id_of(record);
    const Fragment fragment = build_fragment(record);
    feed(fragment.bytes, fragment.captured, (record[0] & 0x10) != 0, id);
    if ((record[4] & 0x20) != 0 && !previous.empty()) feed(previous, previous_captured, previous_differ, previous_id);
    previous = fragment.bytes;
    previous_captured = fragment.captured;
    previous_id = id;
    previous_differ = (record[0] & 0x10) != 0;
    if (finish_midway && i == count / 2) finish();
  }
  finish();
  fuzz::use(defragmenter.stats().reassembled);
  return 0;
}
