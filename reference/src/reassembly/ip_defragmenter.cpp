#include "pktdoc/reassembly/ip_defragmenter.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "pktdoc/checksum.hpp"
#include "pktdoc/ip_protocol.hpp"

namespace pktdoc {

namespace {

constexpr std::uint32_t no_slot = 0xffffffff;
// The largest value of the IPv4 Total Length and of the IPv6 Payload Length fields.
constexpr std::size_t max_length_field = 65535;
constexpr std::int64_t nanoseconds_per_second = 1'000'000'000;

static_assert(static_cast<std::size_t>(DropReason::datagram_discarded) + 1 == DefragmentStats{}.dropped.size());
static_assert(static_cast<std::size_t>(AbandonReason::too_long) + 1 == DefragmentStats{}.abandoned.size());

// Timestamps come from the capture (hostile input): clamp them to what nanoseconds in 64 bits hold.
std::int64_t to_nanoseconds(const Timestamp& t) noexcept {
  constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / nanoseconds_per_second - 1;
  const std::int64_t seconds = std::clamp<std::int64_t>(t.seconds, -limit, limit);
  return seconds * nanoseconds_per_second + std::min<std::int64_t>(t.nanoseconds, nanoseconds_per_second - 1);
}

Timestamp from_nanoseconds(std::int64_t ns) noexcept {
  std::int64_t seconds = ns / nanoseconds_per_second;
  std::int64_t rest = ns % nanoseconds_per_second;
  if (rest < 0) {
    rest += nanoseconds_per_second;
    --seconds;
  }
  return Timestamp{seconds, static_cast<std::uint32_t>(rest)};
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) noexcept {
  if (b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) return std::numeric_limits<std::int64_t>::max();
  return a + b;
}

// splitmix64's finalizer: every input bit affects every output bit.
std::uint64_t mix(std::uint64_t x) noexcept {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

template <std::size_t N>
std::uint64_t fold(std::uint64_t h, const std::array<std::uint8_t, N>& bytes) noexcept {
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < N; ++i) {
    word = (word << 8) | bytes[i];
    if (i % 8 == 7 || i + 1 == N) {
      h = mix(h ^ word);
      word = 0;
    }
  }
  return h;
}

std::uint64_t hash_key(const DatagramKey& key) noexcept {
  std::uint64_t h = mix((std::uint64_t{key.version} << 40) ^ (std::uint64_t{key.protocol} << 32) ^ key.identification);
  if (key.version == 4) {
    h = fold(h, key.ipv4_source.bytes);
    h = fold(h, key.ipv4_destination.bytes);
  } else {
    h = fold(h, key.ipv6_source.bytes);
    h = fold(h, key.ipv6_destination.bytes);
  }
  return h;
}

std::size_t version_index(const DatagramKey& key) noexcept { return key.version == 4 ? 0 : 1; }

template <class T>
void free_vector(std::vector<T>& v) noexcept {
  std::vector<T>().swap(v);
}

// Capacity for a vector that must hold `needed` elements: double, but never below `minimum` nor,
// unless `needed` is, above `maximum` (what the vector can ever need).
std::size_t grown(std::size_t capacity, std::size_t needed, std::size_t minimum, std::size_t maximum) noexcept {
  if (capacity >= needed) return capacity;
  return std::max(needed, std::min(std::max(capacity * 2, minimum), maximum));
}

}  // namespace

AddressText DatagramKey::source_text() const noexcept {
  return version == 4 ? ipv4_source.to_text() : ipv6_source.to_text();
}

AddressText DatagramKey::destination_text() const noexcept {
  return version == 4 ? ipv4_destination.to_text() : ipv6_destination.to_text();
}

std::string_view abandon_reason_name(AbandonReason reason) noexcept {
  switch (reason) {
    case AbandonReason::timeout:
      return "timeout";
    case AbandonReason::end_of_capture:
      return "end-of-capture";
    case AbandonReason::open_datagram_limit:
      return "open-datagram-limit";
    case AbandonReason::memory_limit:
      return "memory-limit";
    case AbandonReason::fragment_limit:
      return "fragment-limit";
    case AbandonReason::overlap:
      return "overlap";
    case AbandonReason::inconsistent_length:
      return "inconsistent-length";
    case AbandonReason::too_long:
      return "too-long";
  }
  return "unknown";
}

std::string_view drop_reason_name(DropReason reason) noexcept {
  switch (reason) {
    case DropReason::duplicate:
      return "duplicate";
    case DropReason::not_captured:
      return "not-captured";
    case DropReason::empty:
      return "empty";
    case DropReason::too_long:
      return "too-long";
    case DropReason::misaligned:
      return "misaligned";
    case DropReason::invalid:
      return "invalid";
    case DropReason::datagram_discarded:
      return "datagram-discarded";
  }
  return "unknown";
}

// One fragment held: where its data lies in the payload, and which frame brought it.
struct IpDefragmenter::Fragment {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint64_t frame = 0;
};

// One datagram being reassembled (or discarded and remembered until its timeout). Slots are
// reused: a released slot keeps its vectors' capacity when it is a spare.
struct IpDefragmenter::Entry {
  DatagramKey key;
  std::uint64_t hash = 0;
  std::int64_t created_ns = 0;   // the defragmenter's time when the first fragment arrived
  std::int64_t deadline_ns = 0;  // created_ns + the version's timeout
  Timestamp first_seen;
  std::vector<std::byte> data;        // the payload by offset; size() is the highest end received
  std::vector<ByteRange> received;    // the bytes received, as sorted, disjoint, non-touching ranges
  std::vector<Fragment> fragments;    // the fragments held, in arrival order
  std::vector<std::byte> header;      // the first fragment's IPv4 header, or IPv6 Unfragmentable Part
  std::size_t next_header_index = 0;  // IPv6: where in `header` the Next Header field to fix is
  std::uint8_t payload_protocol = 0;  // IPv4 Protocol, or the first fragment's Fragment header Next Header
  std::uint32_t total = 0;            // the payload length, once the last fragment is in
  std::size_t received_bytes = 0;
  std::size_t charge = 0;         // what this entry counts for in buffered_bytes_
  std::uint32_t older = no_slot;  // arrival-order list of its version
  std::uint32_t newer = no_slot;
  bool open = false;
  bool has_first = false;
  bool has_last = false;
  bool discarded = false;

  std::size_t capacity_bytes() const noexcept {
    return data.capacity() + header.capacity() + received.capacity() * sizeof(ByteRange) +
           fragments.capacity() * sizeof(Fragment);
  }
  void clear() noexcept {
    data.clear();
    received.clear();
    fragments.clear();
    header.clear();
    next_header_index = 0;
    payload_protocol = 0;
    total = 0;
    received_bytes = 0;
    has_first = has_last = discarded = false;
  }
  void free_buffers() noexcept {
    free_vector(data);
    free_vector(received);
    free_vector(fragments);
    free_vector(header);
  }
};

// A fragment as add() read it from the packet.
struct IpDefragmenter::Incoming {
  DatagramKey key;
  ByteView data;                      // the fragment's data (valid when length is)
  ByteView header;                    // IPv4 header, or IPv6 Unfragmentable Part
  std::size_t next_header_index = 0;  // IPv6: offset in `header` of the Next Header field to fix
  std::uint8_t payload_protocol = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  bool more = false;
  std::uint64_t frame = 0;
  Timestamp timestamp;
};

IpDefragmenter::IpDefragmenter(DefragmentObserver& observer, const Limits& limits)
    : observer_(&observer), limits_(limits) {
  limits_.ipv4_timeout = std::max(limits_.ipv4_timeout, std::chrono::nanoseconds(1));
  limits_.ipv6_timeout = std::max(limits_.ipv6_timeout, std::chrono::nanoseconds(1));
  limits_.max_fragments_per_datagram = std::max<std::size_t>(limits_.max_fragments_per_datagram, 1);
  limits_.max_open_datagrams = std::max<std::size_t>(limits_.max_open_datagrams, 1);
  // Slot numbers are 32 bits and one value means "none".
  limits_.max_open_datagrams = std::min<std::size_t>(limits_.max_open_datagrams, no_slot / 4);
  limits_.max_buffered_bytes = std::max(limits_.max_buffered_bytes, DefragmentLimits::min_buffered_bytes);
  oldest_ = {no_slot, no_slot};
  newest_ = {no_slot, no_slot};
}

IpDefragmenter::~IpDefragmenter() = default;

IpDefragmenter::IpDefragmenter(IpDefragmenter&& other) noexcept : observer_(other.observer_), limits_(other.limits_) {
  oldest_ = {no_slot, no_slot};
  newest_ = {no_slot, no_slot};
  *this = std::move(other);
}

IpDefragmenter& IpDefragmenter::operator=(IpDefragmenter&& other) noexcept {
  if (this == &other) return *this;
  observer_ = other.observer_;
  limits_ = other.limits_;
  slots_ = std::move(other.slots_);
  free_slots_ = std::move(other.free_slots_);
  spare_slots_ = std::move(other.spare_slots_);
  index_ = std::move(other.index_);
  oldest_ = other.oldest_;
  newest_ = other.newest_;
  output_ = std::move(other.output_);
  frames_scratch_ = std::move(other.frames_scratch_);
  holes_scratch_ = std::move(other.holes_scratch_);
  now_ns_ = other.now_ns_;
  has_time_ = other.has_time_;
  buffered_bytes_ = other.buffered_bytes_;
  spare_bytes_ = other.spare_bytes_;
  open_count_ = other.open_count_;
  stats_ = other.stats_;
  other.slots_.clear();
  other.free_slots_.clear();
  other.spare_slots_.clear();
  other.index_.clear();
  other.oldest_ = {no_slot, no_slot};
  other.newest_ = {no_slot, no_slot};
  other.has_time_ = false;
  other.now_ns_ = 0;
  other.buffered_bytes_ = other.spare_bytes_ = other.open_count_ = 0;
  return *this;
}

// ---------------------------------------------------------------------------------------------
// The hash index: open addressing with linear probing over slot numbers. Its size is a power of
// two at least twice the number of open datagrams, so probes stay short.

std::uint32_t IpDefragmenter::find(const DatagramKey& key) const noexcept {
  if (index_.empty()) return no_slot;
  const std::uint64_t hash = hash_key(key);
  const std::size_t mask = index_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = index_[i];
    if (slot == no_slot) return no_slot;
    if (slots_[slot].hash == hash && slots_[slot].key == key) return slot;
  }
}

void IpDefragmenter::grow_index() {
  std::size_t size = std::max<std::size_t>(index_.size() * 2, 16);
  index_.assign(size, no_slot);
  const std::size_t mask = size - 1;
  for (std::uint32_t slot = 0; slot < slots_.size(); ++slot) {
    if (!slots_[slot].open) continue;
    std::size_t i = slots_[slot].hash & mask;
    while (index_[i] != no_slot) i = (i + 1) & mask;
    index_[i] = slot;
  }
}

void IpDefragmenter::index_insert(std::uint32_t slot) {
  // open_count_ already counts `slot`.
  if (open_count_ * 2 > index_.size()) grow_index();
  const std::size_t mask = index_.size() - 1;
  std::size_t i = slots_[slot].hash & mask;
  while (index_[i] != no_slot && index_[i] != slot) i = (i + 1) & mask;
  index_[i] = slot;
}

void IpDefragmenter::index_erase(std::uint32_t slot) noexcept {
  if (index_.empty()) return;
  const std::size_t mask = index_.size() - 1;
  std::size_t i = slots_[slot].hash & mask;
  while (index_[i] != slot) {
    if (index_[i] == no_slot) return;
    i = (i + 1) & mask;
  }
  // Backward-shift deletion: move up every later entry of the cluster whose home position is
  // not cyclically in (i, j], so that no probe sequence is broken by the hole.
  std::size_t j = i;
  for (;;) {
    j = (j + 1) & mask;
    const std::uint32_t moved = index_[j];
    if (moved == no_slot) break;
    const std::size_t home = slots_[moved].hash & mask;
    const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (stays) continue;
    index_[i] = moved;
    i = j;
  }
  index_[i] = no_slot;
}

// ---------------------------------------------------------------------------------------------
// The arrival-order lists, one per version: oldest first. Entries are created in time order and
// time never runs backwards, so each list is also in deadline order.

void IpDefragmenter::link(std::uint32_t slot) {
  Entry& entry = slots_[slot];
  const std::size_t v = version_index(entry.key);
  entry.older = newest_[v];
  entry.newer = no_slot;
  if (newest_[v] != no_slot) slots_[newest_[v]].newer = slot;
  newest_[v] = slot;
  if (oldest_[v] == no_slot) oldest_[v] = slot;
}

void IpDefragmenter::unlink(std::uint32_t slot) noexcept {
  Entry& entry = slots_[slot];
  const std::size_t v = version_index(entry.key);
  if (entry.older != no_slot)
    slots_[entry.older].newer = entry.newer;
  else
    oldest_[v] = entry.newer;
  if (entry.newer != no_slot)
    slots_[entry.newer].older = entry.older;
  else
    newest_[v] = entry.older;
  entry.older = entry.newer = no_slot;
}

std::uint32_t IpDefragmenter::oldest(std::uint32_t except) const noexcept {
  std::uint32_t best = no_slot;
  for (std::uint32_t candidate : oldest_) {
    if (candidate == except && candidate != no_slot) candidate = slots_[candidate].newer;
    if (candidate == no_slot) continue;
    if (best == no_slot || slots_[candidate].created_ns < slots_[best].created_ns) best = candidate;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Memory accounting.

void IpDefragmenter::recharge(std::uint32_t slot) noexcept {
  Entry& entry = slots_[slot];
  const std::size_t charge = sizeof(Entry) + entry.capacity_bytes();
  buffered_bytes_ = buffered_bytes_ - entry.charge + charge;
  entry.charge = charge;
}

void IpDefragmenter::note_peaks() noexcept {
  stats_.peak_buffered_bytes = std::max(stats_.peak_buffered_bytes, buffered_bytes());
  stats_.peak_open_datagrams = std::max(stats_.peak_open_datagrams, open_count_);
}

void IpDefragmenter::trim_spares(std::size_t needed) {
  while (!spare_slots_.empty() && buffered_bytes_ + spare_bytes_ + needed > limits_.max_buffered_bytes) {
    const std::uint32_t slot = spare_slots_.back();
    spare_slots_.pop_back();
    spare_bytes_ -= slots_[slot].capacity_bytes();
    slots_[slot].free_buffers();
    free_slots_.push_back(slot);
  }
}

// Makes `needed` more bytes fit under max_buffered_bytes: spare buffers go first, then the oldest
// open datagrams other than `keep`. Returns false when even that is not enough.
bool IpDefragmenter::make_room(std::size_t needed, std::uint32_t keep, std::uint64_t frame_number) {
  for (;;) {
    trim_spares(needed);
    if (buffered_bytes_ + spare_bytes_ + needed <= limits_.max_buffered_bytes) return true;
    const std::uint32_t victim = oldest(keep);
    if (victim == no_slot) return false;
    abandon(victim, AbandonReason::memory_limit, frame_number);
  }
}

// ---------------------------------------------------------------------------------------------
// Opening and closing datagrams.

std::uint32_t IpDefragmenter::create(const DatagramKey& key, std::uint64_t frame_number, const Timestamp& timestamp) {
  while (open_count_ >= limits_.max_open_datagrams) {
    const std::uint32_t victim = oldest(no_slot);
    if (victim == no_slot) break;
    abandon(victim, AbandonReason::open_datagram_limit, frame_number);
  }
  // A new datagram's record counts at once. make_room() can only fail here when nothing else is
  // open, and min_buffered_bytes leaves room for one record.
  make_room(sizeof(Entry), no_slot, frame_number);

  std::uint32_t slot;
  if (!spare_slots_.empty()) {
    slot = spare_slots_.back();
    spare_slots_.pop_back();
    spare_bytes_ -= slots_[slot].capacity_bytes();
  } else if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Entry& entry = slots_[slot];
  entry.clear();
  entry.key = key;
  entry.hash = hash_key(key);
  entry.created_ns = now_ns_;
  const auto timeout = key.version == 4 ? limits_.ipv4_timeout : limits_.ipv6_timeout;
  entry.deadline_ns = saturating_add(now_ns_, timeout.count());
  entry.first_seen = timestamp;
  entry.open = true;
  entry.charge = 0;
  ++open_count_;
  recharge(slot);
  link(slot);
  index_insert(slot);
  note_peaks();
  return slot;
}

void IpDefragmenter::release(std::uint32_t slot, bool keep_buffers) {
  Entry& entry = slots_[slot];
  unlink(slot);
  index_erase(slot);
  entry.open = false;
  buffered_bytes_ -= entry.charge;
  entry.charge = 0;
  --open_count_;
  entry.clear();
  const std::size_t capacity = entry.capacity_bytes();
  // A spare keeps its buffers for the next datagram. Its bytes were counted while it was open, so
  // keeping them never takes the total past the limit.
  if (keep_buffers && capacity > 0) {
    spare_bytes_ += capacity;
    spare_slots_.push_back(slot);
  } else {
    entry.free_buffers();
    free_slots_.push_back(slot);
  }
}

void IpDefragmenter::abandon(std::uint32_t slot, AbandonReason reason, std::uint64_t frame_number) {
  Entry& entry = slots_[slot];
  if (entry.discarded) {
    // Already reported when it was discarded: it only leaves the table now.
    if (reason != AbandonReason::timeout && reason != AbandonReason::end_of_capture) ++stats_.discarded_forgotten;
    release(slot, false);
    return;
  }
  report(slot, reason, frame_number);
  // Its buffers are kept for the next datagram, unless memory is what was needed.
  release(slot, reason != AbandonReason::memory_limit);
}

// Reports the datagram as abandoned and keeps only its key: its later fragments are dropped
// until abandon() removes it, at its timeout, at finish() or to make room.
void IpDefragmenter::discard(std::uint32_t slot, AbandonReason reason, std::uint64_t frame_number) {
  report(slot, reason, frame_number);
  Entry& entry = slots_[slot];
  entry.clear();
  entry.free_buffers();
  entry.discarded = true;
  recharge(slot);
}

// Tells the observer that the datagram is abandoned, and what it had and lacked.
void IpDefragmenter::report(std::uint32_t slot, AbandonReason reason, std::uint64_t frame_number) {
  const Entry& entry = slots_[slot];
  frames_scratch_.clear();
  for (const Fragment& fragment : entry.fragments) frames_scratch_.push_back(fragment.frame);
  holes_scratch_.clear();
  std::uint32_t position = 0;
  for (const ByteRange& range : entry.received) {
    if (range.begin > position) holes_scratch_.push_back(ByteRange{position, range.begin});
    position = range.end;
  }
  if (!entry.has_last)
    holes_scratch_.push_back(ByteRange{position, ByteRange::unknown_end});
  else if (position < entry.total)
    holes_scratch_.push_back(ByteRange{position, entry.total});

  AbandonedDatagram event;
  event.reason = reason;
  event.key = entry.key;
  event.frames = frames_scratch_;
  event.frame = frame_number;
  event.first_seen = entry.first_seen;
  event.abandoned_at = from_nanoseconds(now_ns_);
  event.bytes_received = entry.received_bytes;
  event.last_fragment_seen = entry.has_last;
  event.total_length = entry.has_last ? entry.total : 0;
  event.holes = holes_scratch_;
  event.first_fragment_seen = entry.has_first;
  ++stats_.abandoned[static_cast<std::size_t>(reason)];
  observer_->on_abandoned(event);
}

// ---------------------------------------------------------------------------------------------
// Time.

void IpDefragmenter::advance(const Timestamp& now) { advance_to(to_nanoseconds(now), 0); }

void IpDefragmenter::advance_to(std::int64_t now_ns, std::uint64_t frame_number) {
  if (has_time_ && now_ns <= now_ns_) return;
  now_ns_ = now_ns;
  has_time_ = true;
  if (oldest_[0] == no_slot && oldest_[1] == no_slot) return;  // nothing open: nothing to expire
  // Both lists are in deadline order; report across them in order of first arrival.
  for (;;) {
    std::uint32_t expired = no_slot;
    for (std::uint32_t candidate : oldest_) {
      if (candidate == no_slot || slots_[candidate].deadline_ns > now_ns_) continue;
      if (expired == no_slot || slots_[candidate].created_ns < slots_[expired].created_ns) expired = candidate;
    }
    if (expired == no_slot) return;
    abandon(expired, AbandonReason::timeout, frame_number);
  }
}

void IpDefragmenter::finish() {
  for (std::uint32_t slot = oldest(no_slot); slot != no_slot; slot = oldest(no_slot))
    abandon(slot, AbandonReason::end_of_capture, 0);
  has_time_ = false;
  now_ns_ = 0;
  note_peaks();
}

// ---------------------------------------------------------------------------------------------
// Fragments.

FragmentResult IpDefragmenter::drop(const Incoming& fragment, DropReason reason) {
  DroppedFragment report;
  report.reason = reason;
  report.key = fragment.key;
  report.frame = fragment.frame;
  report.timestamp = fragment.timestamp;
  report.offset = fragment.offset;
  report.length = fragment.length;
  report.more_fragments = fragment.more;
  ++stats_.dropped[static_cast<std::size_t>(reason)];
  observer_->on_dropped(report);
  return FragmentResult::dropped;
}

FragmentResult IpDefragmenter::add(const IpLayers& packet, std::uint64_t frame_number, const Timestamp& timestamp) {
  advance_to(to_nanoseconds(timestamp), frame_number);
  // A quote is the start of a packet that some router already dropped, not a fragment that
  // arrived here.
  if (packet.is_quote()) return FragmentResult::not_fragment;
  // Most packets are whole: answer them before building the fragment's record.
  if (packet.ipv4 ? !packet.ipv4->is_fragment() : !(packet.ipv6 && packet.ipv6->is_fragment()))
    return FragmentResult::not_fragment;

  Incoming in;
  in.frame = frame_number;
  in.timestamp = timestamp;
  if (packet.ipv4) {
    const Ipv4Packet& ip = *packet.ipv4;
    if (!ip.is_fragment()) return FragmentResult::not_fragment;
    in.key.version = 4;
    in.key.ipv4_source = ip.source();
    in.key.ipv4_destination = ip.destination();
    in.key.protocol = ip.protocol();
    in.key.identification = ip.identification();
    in.payload_protocol = ip.protocol();
    in.offset = ip.fragment_offset_bytes();
    in.more = ip.more_fragments();
    const std::size_t header_length = ip.header_length();
    in.header = ByteReader(ip.bytes()).view_at(0, header_length);
    in.length = static_cast<std::uint32_t>(ip.payload_length());
    ++stats_.fragments;
    // Total Length 0 (segmentation offload) says nothing of where the fragment ends.
    if (ip.length_from_capture()) return drop(in, DropReason::invalid);
    if (ip.payload_truncated() || in.header.size() != header_length) return drop(in, DropReason::not_captured);
    in.data = ip.payload();
    if (in.length == 0) return drop(in, DropReason::empty);
    if (header_length + in.offset + in.length > max_length_field) return drop(in, DropReason::too_long);
  } else if (packet.ipv6) {
    const Ipv6Packet& ip = *packet.ipv6;
    if (!ip.is_fragment()) return FragmentResult::not_fragment;  // RFC 6946: an atomic fragment is whole
    const auto fields = ip.fragment();
    const auto headers = ip.extension_headers();
    std::size_t at = 0;
    while (at < headers.size() && headers[at].type != ip_protocol::fragment) ++at;
    if (!fields || at == headers.size()) return FragmentResult::not_fragment;
    in.key.version = 6;
    in.key.ipv6_source = ip.source();
    in.key.ipv6_destination = ip.destination();
    in.key.identification = fields->identification;
    in.payload_protocol = fields->next_header;
    in.offset = fields->offset_bytes();
    in.more = fields->more_fragments;
    // The Unfragmentable Part is everything before the Fragment header; the Next Header field
    // that named the Fragment header is the first octet of the header before it, or octet 6 of
    // the fixed header (RFC 8200 section 4.5).
    const std::size_t unfragmentable = headers[at].offset;
    in.next_header_index = at == 0 ? 6 : headers[at - 1].offset;
    in.header = ByteReader(ip.bytes()).view_at(0, unfragmentable);
    const std::size_t data_begin = unfragmentable + 8;
    const std::size_t packet_end = Ipv6Packet::fixed_header_length + ip.payload_length();
    in.length = static_cast<std::uint32_t>(packet_end > data_begin ? packet_end - data_begin : 0);
    ++stats_.fragments;
    if (ip.bytes().size() < packet_end || in.header.size() != unfragmentable) return drop(in, DropReason::not_captured);
    in.data = ByteReader(ip.bytes()).view_at(data_begin, in.length);
    if (in.length == 0) return drop(in, DropReason::empty);
    if (in.more && in.length % 8 != 0) return drop(in, DropReason::misaligned);
    if (unfragmentable - Ipv6Packet::fixed_header_length + in.offset + in.length > max_length_field)
      return drop(in, DropReason::too_long);
  } else {
    return FragmentResult::not_fragment;
  }
  return add_fragment(in);
}

FragmentResult IpDefragmenter::add_fragment(const Incoming& in) {
  std::uint32_t slot = find(in.key);
  if (slot == no_slot) slot = create(in.key, in.frame, in.timestamp);
  Entry* entry = &slots_[slot];
  if (entry->discarded) return drop(in, DropReason::datagram_discarded);

  const std::uint32_t begin = in.offset;
  const std::uint32_t end = in.offset + in.length;

  // An exact duplicate: a fragment held with the same offset and length, and the same bytes.
  for (const Fragment& held : entry->fragments) {
    if (held.begin == begin && held.end == end &&
        std::memcmp(entry->data.data() + begin, in.data.data(), in.length) == 0)
      return drop(in, DropReason::duplicate);
  }

  // Where the datagram ends: set once by the last fragment, and nothing may lie past it.
  const bool bad_end = in.more ? (entry->has_last && end > entry->total)
                               : (entry->has_last ? end != entry->total : end < entry->data.size());
  if (bad_end) {
    discard(slot, AbandonReason::inconsistent_length, in.frame);
    return FragmentResult::abandoned;
  }

  // Overlaps: RFC 5722 for IPv6; for IPv4, only bytes that disagree.
  std::size_t overlapping = 0;
  bool conflict = false;
  for (const ByteRange& range : entry->received) {
    if (range.begin >= end) break;
    if (range.end <= begin) continue;
    const std::uint32_t from = std::max(range.begin, begin);
    const std::uint32_t to = std::min(range.end, end);
    overlapping += to - from;
    if (in.key.version == 6 ||
        std::memcmp(entry->data.data() + from, in.data.data() + (from - begin), to - from) != 0) {
      conflict = true;
      break;
    }
  }
  if (conflict) {
    discard(slot, AbandonReason::overlap, in.frame);
    return FragmentResult::abandoned;
  }

  if (entry->fragments.size() >= limits_.max_fragments_per_datagram) {
    discard(slot, AbandonReason::fragment_limit, in.frame);
    return FragmentResult::abandoned;
  }

  // Room for the bytes, before taking them: the capacities the vectors will have afterwards.
  const bool takes_header = begin == 0 && !entry->has_first;
  const std::size_t extent = std::max<std::size_t>(entry->data.size(), end);
  const std::size_t most_fragments = limits_.max_fragments_per_datagram;
  const std::size_t data_capacity = grown(entry->data.capacity(), extent, 1024, max_length_field);
  const std::size_t fragments_capacity =
      grown(entry->fragments.capacity(), entry->fragments.size() + 1, 4, most_fragments);
  const std::size_t ranges_capacity = grown(entry->received.capacity(), entry->received.size() + 1, 4, most_fragments);
  const std::size_t header_capacity =
      takes_header ? std::max(entry->header.capacity(), in.header.size()) : entry->header.capacity();
  const std::size_t charge = sizeof(Entry) + data_capacity + header_capacity + fragments_capacity * sizeof(Fragment) +
                             ranges_capacity * sizeof(ByteRange);
  if (charge > entry->charge && !make_room(charge - entry->charge, slot, in.frame)) {
    abandon(slot, AbandonReason::memory_limit, in.frame);
    return FragmentResult::abandoned;
  }
  entry = &slots_[slot];  // make_room() reports through the observer, but never moves slots

  entry->data.reserve(data_capacity);
  entry->fragments.reserve(fragments_capacity);
  entry->received.reserve(ranges_capacity);
  if (entry->data.size() < extent) entry->data.resize(extent);
  // Overlapping bytes (IPv4) are equal to those held, so the whole fragment can be copied.
  std::memcpy(entry->data.data() + begin, in.data.data(), in.length);
  entry->received_bytes += in.length - overlapping;

  // Merge [begin, end) into the sorted ranges, joining the ranges it overlaps or touches.
  ByteRange merged{begin, end};
  std::size_t first = 0;
  while (first < entry->received.size() && entry->received[first].end < begin) ++first;
  std::size_t last = first;
  while (last < entry->received.size() && entry->received[last].begin <= end) {
    merged.begin = std::min(merged.begin, entry->received[last].begin);
    merged.end = std::max(merged.end, entry->received[last].end);
    ++last;
  }
  const auto at = entry->received.begin() + static_cast<std::ptrdiff_t>(first);
  if (last > first) {
    *at = merged;
    entry->received.erase(at + 1, entry->received.begin() + static_cast<std::ptrdiff_t>(last));
  } else {
    entry->received.insert(at, merged);
  }

  entry->fragments.push_back(Fragment{begin, end, in.frame});
  if (takes_header) {
    entry->header.reserve(header_capacity);
    entry->header.assign(in.header.begin(), in.header.end());
    entry->next_header_index = in.next_header_index;
    entry->payload_protocol = in.payload_protocol;
    entry->has_first = true;
  }
  if (!in.more) {
    entry->has_last = true;
    entry->total = end;
  }
  recharge(slot);
  ++stats_.held;
  note_peaks();

  const bool whole = entry->has_last && entry->received.size() == 1 && entry->received[0].begin == 0 &&
                     entry->received[0].end == entry->total;
  return whole ? complete(slot, in) : FragmentResult::held;
}

FragmentResult IpDefragmenter::complete(std::uint32_t slot, const Incoming& in) {
  Entry& entry = slots_[slot];
  const std::size_t header_length = entry.header.size();
  // The first fragment's header may be longer than those checked against 65535 (IPv4 options
  // that are not copied into later fragments; a longer IPv6 Unfragmentable Part).
  const std::size_t length_field = entry.key.version == 4
                                       ? header_length + entry.total
                                       : header_length - Ipv6Packet::fixed_header_length + entry.total;
  if (length_field > max_length_field) {
    discard(slot, AbandonReason::too_long, in.frame);
    return FragmentResult::abandoned;
  }

  output_.resize(header_length + entry.total);
  std::memcpy(output_.data(), entry.header.data(), header_length);
  std::memcpy(output_.data() + header_length, entry.data.data(), entry.total);
  auto put_u16 = [this](std::size_t at, std::size_t value) {
    output_[at] = static_cast<std::byte>((value >> 8) & 0xff);
    output_[at + 1] = static_cast<std::byte>(value & 0xff);
  };
  if (entry.key.version == 4) {
    // RFC 791 section 3.2: the reassembled header is the first fragment's, with the length of
    // the whole datagram, and no longer a fragment. The DF and reserved bits are kept.
    put_u16(2, length_field);
    output_[6] = output_[6] & std::byte{0xc0};
    output_[7] = std::byte{0};
    put_u16(10, 0);
    put_u16(10, internet_checksum(ByteView(output_.data(), header_length)));
  } else {
    // RFC 8200 section 4.5: the Fragment header is removed, the header before it now names the
    // first header of the Fragmentable Part, and the Payload Length covers the whole packet.
    put_u16(4, length_field);
    output_[entry.next_header_index] = static_cast<std::byte>(entry.payload_protocol);
  }

  frames_scratch_.clear();
  for (const Fragment& fragment : entry.fragments) frames_scratch_.push_back(fragment.frame);
  ReassembledDatagram datagram;
  datagram.key = entry.key;
  datagram.packet = ByteView(output_.data(), output_.size());
  datagram.payload = datagram.packet.subspan(header_length);
  datagram.protocol = entry.payload_protocol;
  datagram.frames = frames_scratch_;
  datagram.completing_frame = in.frame;
  datagram.first_seen = entry.first_seen;
  datagram.completed_at = in.timestamp;
  ++stats_.reassembled;
  release(slot, true);
  observer_->on_reassembled(datagram);
  return FragmentResult::reassembled;
}

}  // namespace pktdoc
