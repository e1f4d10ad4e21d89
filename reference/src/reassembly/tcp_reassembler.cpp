#include "pktdoc/reassembly/tcp_reassembler.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

namespace pktdoc {

// ---------------------------------------------------------------------------------------------
// Names and endpoints

std::string_view tcp_gap_reason_name(TcpGapReason reason) noexcept {
  switch (reason) {
    case TcpGapReason::acknowledged:
      return "acknowledged";
    case TcpGapReason::not_captured:
      return "not_captured";
    case TcpGapReason::buffer_limit:
      return "buffer_limit";
    case TcpGapReason::reset:
      return "reset";
    case TcpGapReason::idle_timeout:
      return "idle_timeout";
    case TcpGapReason::evicted:
      return "evicted";
    case TcpGapReason::replaced:
      return "replaced";
    case TcpGapReason::end_of_input:
      return "end_of_input";
  }
  return "unknown";
}

std::string_view tcp_close_reason_name(TcpCloseReason reason) noexcept {
  switch (reason) {
    case TcpCloseReason::fin:
      return "fin";
    case TcpCloseReason::reset:
      return "reset";
    case TcpCloseReason::idle_timeout:
      return "idle_timeout";
    case TcpCloseReason::evicted:
      return "evicted";
    case TcpCloseReason::replaced:
      return "replaced";
    case TcpCloseReason::end_of_input:
      return "end_of_input";
  }
  return "unknown";
}

std::string_view tcp_notice_kind_name(TcpNoticeKind kind) noexcept {
  switch (kind) {
    case TcpNoticeKind::data_after_fin:
      return "data_after_fin";
    case TcpNoticeKind::data_after_close:
      return "data_after_close";
    case TcpNoticeKind::reset_data:
      return "reset_data";
    case TcpNoticeKind::outside_window:
      return "outside_window";
  }
  return "unknown";
}

namespace {

// What TcpEndpoint::from() does, in a function of this file that the compiler inlines: add()
// makes two endpoints per segment, and the calls showed in profiles.
template <std::size_t N>
TcpEndpoint endpoint_of(std::uint8_t version, const std::array<std::uint8_t, N>& address, std::uint16_t port) noexcept {
  static_assert(N <= 16);
  TcpEndpoint endpoint;
  endpoint.ip_version = version;
  std::memcpy(endpoint.address.data(), address.data(), N);
  endpoint.port = port;
  return endpoint;
}

}  // namespace

TcpEndpoint TcpEndpoint::from(const Ipv4Address& address, std::uint16_t port) noexcept {
  return endpoint_of(4, address.bytes, port);
}

TcpEndpoint TcpEndpoint::from(const Ipv6Address& address, std::uint16_t port) noexcept {
  return endpoint_of(6, address.bytes, port);
}

std::optional<Ipv4Address> TcpEndpoint::ipv4() const noexcept {
  if (ip_version != 4) return std::nullopt;
  Ipv4Address out;
  std::copy(address.begin(), address.begin() + 4, out.bytes.begin());
  return out;
}

std::optional<Ipv6Address> TcpEndpoint::ipv6() const noexcept {
  if (ip_version != 6) return std::nullopt;
  return Ipv6Address{address};
}

TcpEndpointText TcpEndpoint::to_text() const noexcept {
  TcpEndpointText out;
  std::size_t n = 0;
  auto put = [&](std::string_view text) {
    for (char c : text)
      if (n + 1 < out.chars.size()) out.chars[n++] = c;
  };
  if (ip_version == 4) {
    put(ipv4()->to_text().view());
  } else if (ip_version == 6) {
    put("[");
    put(ipv6()->to_text().view());
    put("]");
  }
  char digits[8];
  std::size_t d = 0;
  std::uint32_t value = ip_version == 0 ? 0 : port;
  do {
    digits[d++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  put(":");
  while (d > 0) put(std::string_view(&digits[--d], 1));
  out.chars[n] = '\0';
  out.length = static_cast<std::uint8_t>(n);
  return out;
}

TcpStreamHandler::~TcpStreamHandler() = default;
void TcpStreamHandler::on_open(TcpConnection&) {}
void TcpStreamHandler::on_data(TcpConnection&, const TcpData&) {}
void TcpStreamHandler::on_gap(TcpConnection&, const TcpGap&) {}
void TcpStreamHandler::on_notice(TcpConnection&, const TcpNotice&) {}
void TcpStreamHandler::on_close(TcpConnection&, TcpCloseReason) {}

// ---------------------------------------------------------------------------------------------
// Internal state

namespace {

// Sequence-number arithmetic modulo 2^32 (RFC 9293 section 3.4): the signed distance from `from`
// to `to`, which is what "less than" and "greater than" mean in the sequence space.
constexpr std::int64_t seq_distance(std::uint32_t from, std::uint32_t to) noexcept {
  return static_cast<std::int32_t>(to - from);
}

// Nanoseconds since 1970, saturated so that a hostile timestamp cannot overflow (year 2262).
constexpr std::int64_t to_ns(Timestamp t) noexcept {
  constexpr std::int64_t max_seconds = 9'000'000'000;
  const std::int64_t seconds = std::clamp<std::int64_t>(t.seconds, -max_seconds, max_seconds);
  return seconds * 1'000'000'000 + static_cast<std::int64_t>(t.nanoseconds % 1'000'000'000);
}

constexpr std::size_t max_spare_buffers = 64;
constexpr std::size_t max_spare_capacity = 65536;
constexpr std::size_t min_tcp_header_for_numbering = 16;  // ports, seq, ack, offset, flags, window

}  // namespace

namespace {

// 16-byte addresses as two 64-bit words, most significant first: comparing the words gives the
// order (and equality) of std::array's byte-by-byte comparison, without a call to memcmp for
// each, which showed in profiles (two or three per segment).
struct AddressWords {
  std::uint64_t high = 0, low = 0;
  explicit AddressWords(const std::array<std::uint8_t, 16>& address) noexcept {
    std::memcpy(&high, address.data(), 8);
    std::memcpy(&low, address.data() + 8, 8);
    if constexpr (std::endian::native == std::endian::little) {
      high = __builtin_bswap64(high);
      low = __builtin_bswap64(low);
    }
  }
  bool operator<(const AddressWords& other) const noexcept {
    return high < other.high || (high == other.high && low < other.low);
  }
  bool operator==(const AddressWords& other) const noexcept { return high == other.high && low == other.low; }
};

}  // namespace

// The addresses and ports of a connection, in a canonical order (the lower endpoint first), so
// that both directions find the same entry. Held as five 64-bit words (the two addresses as
// AddressWords, then the ports and the version), so that comparing and hashing a key reads whole
// words: on every segment the table compares one or two keys, and byte arrays cost copies and
// memcmp calls in profiles.
struct TcpReassembler::Key {
  std::array<std::uint64_t, 5> words{};

  // `x_low` is set to whether x is the lower endpoint (x is, when x and y are the same endpoint).
  static Key of(const TcpEndpoint& x, const TcpEndpoint& y, bool& x_low) noexcept {
    const AddressWords xa(x.address), ya(y.address);
    x_low = xa < ya || (xa == ya && x.port <= y.port);
    const AddressWords& low = x_low ? xa : ya;
    const AddressWords& high = x_low ? ya : xa;
    const std::uint16_t low_port = x_low ? x.port : y.port;
    const std::uint16_t high_port = x_low ? y.port : x.port;
    Key key;
    key.words = {low.high, low.low, high.high, high.low,
                 (std::uint64_t{x.ip_version} << 32) | (std::uint64_t{low_port} << 16) | high_port};
    return key;
  }
  bool operator==(const Key& other) const noexcept {
    return words[0] == other.words[0] && words[1] == other.words[1] && words[2] == other.words[2] &&
           words[3] == other.words[3] && words[4] == other.words[4];
  }
  // Each word times an odd constant of its own, summed, then murmur3's 64-bit finalizer (which
  // brings the high bits, where an IPv4 address sits, down to the low ones that pick the table
  // entry). The products are independent of each other: about half the instructions of mixing
  // the words one after the other, and this runs on every segment.
  std::uint64_t hash() const noexcept {
    constexpr std::array<std::uint64_t, 5> factors = {0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL,
                                                      0x165667b19e3779f9ULL, 0xd6e8feb86659fd93ULL,
                                                      0xa0761d6478bd642fULL};
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < words.size(); ++i) h += words[i] * factors[i];
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  }
};

// One segment, as add() reads it from the layers.
struct TcpReassembler::Segment {
  TcpEndpoint source;
  TcpEndpoint destination;
  std::uint32_t sequence = 0;
  std::uint32_t acknowledgment = 0;
  std::uint16_t flags = 0;
  std::uint64_t length = 0;  // data bytes in sequence space (SYN and FIN not counted)
  ByteView data;             // the captured data: at most `length` bytes
  bool source_low = false;   // the source is the key's lower endpoint (Key::of)

  bool has(std::uint16_t flag) const noexcept { return (flags & flag) != 0; }
};

// A segment held out of order: stream offsets [start, end), of which `bytes` were captured.
struct TcpReassembler::Held {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t arrival = 0;  // order of arrival: decides overlaps among held segments
  std::vector<std::byte> bytes;
};

struct TcpReassembler::Flow {
  bool initialized = false;    // a segment was seen in this direction
  std::uint32_t next_seq = 0;  // the sequence number of stream offset `next`
  std::uint64_t next = 0;      // stream offset of the next byte expected
  bool fin = false;
  std::uint64_t fin_offset = 0;  // stream offset of the FIN's sequence number
  // Wireshark's base sequence number (tcp_analyze_sequence_number), which its numbering uses.
  bool base_set = false;
  std::uint32_t base = 0;
  std::vector<Held> held;  // sorted by start, then arrival
  std::size_t held_bytes = 0;

  std::int64_t offset_of(std::uint32_t sequence) const noexcept {
    return static_cast<std::int64_t>(next) + seq_distance(next_seq, sequence);
  }
  std::uint32_t sequence_of(std::uint64_t offset) const noexcept {
    return next_seq + static_cast<std::uint32_t>(offset - next);
  }
};

struct TcpReassembler::Connection {
  enum class State : std::uint8_t { numbered, open, closed };

  TcpConnection info;
  Key key;
  std::uint64_t hash = 0;
  std::array<Flow, 2> flows;
  std::uint32_t slot = 0;
  std::uint32_t prev = 0;  // LRU neighbours, slot + 1 (0: none)
  std::uint32_t next = 0;
  std::uint8_t list = 0;  // 0: in no LRU list, 1: open, 2: closed or numbered
  std::int64_t last_ns = 0;
  State state = State::numbered;
  bool closing = false;
  bool a_low = false;  // `a` is the key's lower endpoint (set when the connection opens)

  Flow& flow(TcpDirection direction) noexcept { return flows[static_cast<std::size_t>(direction)]; }
  // The direction of a segment of this open (or closed) connection: a to b when its source is on
  // the same side of the key as `a`. The same answer as comparing the source with `a`, as the key
  // holds both endpoints, for the price of one flag compare instead of a 20-byte one.
  TcpDirection direction_of(const Segment& segment) const noexcept {
    return segment.source_low == a_low ? TcpDirection::a_to_b : TcpDirection::b_to_a;
  }
};

// Open addressing with linear probing over slot numbers; the key lives in the connection.
class TcpReassembler::Table {
 public:
  explicit Table(const std::vector<std::unique_ptr<Connection>>& slots) : slots_(slots) { entries_.resize(1024); }

  Connection* find(const Key& key, std::uint64_t hash) const noexcept {
    const std::uint32_t tag = static_cast<std::uint32_t>(hash);
    for (std::size_t i = tag & mask();; i = (i + 1) & mask()) {
      const Entry& entry = entries_[i];
      if (entry.slot == 0) return nullptr;
      if (entry.tag == tag) {
        Connection* connection = slots_[entry.slot - 1].get();
        if (connection->key == key) return connection;
      }
    }
  }
  void insert(const Connection& connection) {
    if ((size_ + 1) * 2 > entries_.size()) grow();
    place(Entry{static_cast<std::uint32_t>(connection.hash), connection.slot + 1});
    ++size_;
  }
  void erase(const Connection& connection) noexcept {
    const std::uint32_t tag = static_cast<std::uint32_t>(connection.hash);
    std::size_t i = tag & mask();
    while (entries_[i].slot != connection.slot + 1) {
      if (entries_[i].slot == 0) return;
      i = (i + 1) & mask();
    }
    // Backward-shift deletion: move later entries of the probe run into the hole.
    for (std::size_t j = (i + 1) & mask(); entries_[j].slot != 0; j = (j + 1) & mask()) {
      const std::size_t home = entries_[j].tag & mask();
      const bool movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
      if (movable) {
        entries_[i] = entries_[j];
        i = j;
      }
    }
    entries_[i] = Entry{};
    --size_;
  }
  std::size_t capacity() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    std::uint32_t tag = 0;
    std::uint32_t slot = 0;  // slot + 1; 0 for an empty entry
  };
  std::size_t mask() const noexcept { return entries_.size() - 1; }
  void place(Entry entry) noexcept {
    std::size_t i = entry.tag & mask();
    while (entries_[i].slot != 0) i = (i + 1) & mask();
    entries_[i] = entry;
  }
  void grow() {
    std::vector<Entry> old(entries_.size() * 2);
    old.swap(entries_);
    for (const Entry& entry : old)
      if (entry.slot != 0) place(entry);
  }

  const std::vector<std::unique_ptr<Connection>>& slots_;
  std::vector<Entry> entries_;
  std::size_t size_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The reassembler

TcpReassembler::TcpReassembler(TcpStreamHandler& handler) : TcpReassembler(handler, Limits{}) {}

TcpReassembler::TcpReassembler(TcpStreamHandler& handler, const Limits& limits)
    : handler_(handler), limits_(limits), table_(std::make_unique<Table>(slots_)) {
  limits_.max_window = std::min<std::uint64_t>(limits_.max_window, std::uint64_t{1} << 31);
  if (limits_.max_connections == 0) limits_.max_connections = 1;
}

TcpReassembler::~TcpReassembler() = default;

std::size_t TcpReassembler::sizeof_connection() noexcept { return sizeof(Connection) + sizeof(void*); }

namespace {

// Reads what the reassembler needs of an IP packet's addresses.
bool endpoints_of(const IpLayers& ip, std::uint16_t source_port, std::uint16_t destination_port, TcpEndpoint& source,
                  TcpEndpoint& destination) noexcept {
  if (ip.ipv4) {
    source = endpoint_of(4, ip.ipv4->source().bytes, source_port);
    destination = endpoint_of(4, ip.ipv4->final_destination().bytes, destination_port);
    return true;
  }
  if (ip.ipv6) {
    source = endpoint_of(6, ip.ipv6->source().bytes, source_port);
    destination = endpoint_of(6, ip.ipv6->final_destination().bytes, destination_port);
    return true;
  }
  return false;
}

bool is_fragment(const IpLayers& ip) noexcept {
  if (ip.ipv4) return ip.ipv4->is_fragment();
  if (ip.ipv6) return ip.ipv6->is_fragment();
  return false;
}

}  // namespace

TcpAddResult TcpReassembler::add(const IpLayers& ip, std::uint64_t frame, Timestamp timestamp) {
  if (busy_) return TcpAddResult{TcpAddStatus::reentrant, 0};
  // A whole header is a segment; a header cut short (an ICMP quote, a snap length) still names
  // its connection once it holds the ports, sequence and acknowledgment numbers, flags and
  // window: Wireshark reads those before it looks the connection up.
  ByteView header;
  bool whole = false;
  if (ip.tcp) {
    header = ip.tcp->bytes();
    whole = !ip.is_quote();
  } else if (ip.error.protocol == Protocol::tcp && ip.error_bytes.size() >= min_tcp_header_for_numbering) {
    header = ip.error_bytes;
  } else {
    return TcpAddResult{TcpAddStatus::not_tcp, 0};
  }
  // Wireshark hands TCP only whole datagrams (IP defragmentation on), except inside ICMP errors.
  if (!ip.is_quote() && is_fragment(ip)) return TcpAddResult{TcpAddStatus::fragment, 0};

  const TcpSegment tcp(header);
  Segment segment;
  if (!endpoints_of(ip, tcp.source_port(), tcp.destination_port(), segment.source, segment.destination))
    return TcpAddResult{TcpAddStatus::not_tcp, 0};
  segment.sequence = tcp.sequence_number();
  segment.acknowledgment = tcp.acknowledgment_number();
  segment.flags = tcp.flags();
  if (whole) {
    const std::size_t header_length = tcp.header_length();
    segment.length = ip.transport_length > header_length ? ip.transport_length - header_length : 0;
    segment.data = tcp.payload();
    if (segment.data.size() > segment.length)
      segment.data = segment.data.first(static_cast<std::size_t>(segment.length));
  }

  busy_ = true;
  frame_ = frame;
  ++stats_.packets;
  // Timeouts first. Most segments expire nothing: look at the least recently active connection of
  // each list here, and call expire_until() only when one of them is due.
  now_ns_ = std::max(now_ns_, to_ns(timestamp));
  auto due = [this](std::uint32_t head, std::chrono::nanoseconds timeout) {
    return head != 0 && now_ns_ - slots_[head - 1]->last_ns > timeout.count();
  };
  if (due(open_head_, limits_.idle_timeout) || due(closed_head_, limits_.closed_timeout)) expire_until(now_ns_);

  const Key key = Key::of(segment.source, segment.destination, segment.source_low);
  Connection* connection = lookup_or_create(key, segment);
  connection->last_ns = now_ns_;
  touch(*connection);
  TcpAddResult result{whole ? TcpAddStatus::segment : TcpAddStatus::quote, connection->info.stream_};
  if (whole) {
    if (connection->state == Connection::State::numbered) {
      TcpConnection& info = connection->info;
      info.a_ = segment.source;
      info.b_ = segment.destination;
      connection->a_low = segment.source_low;
      info.first_frame_ = frame;
      info.first_seen_ = timestamp;
      connection->state = Connection::State::open;
      ++stats_.open_connections;
      touch(*connection);  // moves it to the list of open connections
      handler_.on_open(info);
    }
    connection->info.last_seen_ = timestamp;
    process(*connection, segment);
  }
  busy_ = false;
  return result;
}

void TcpReassembler::add(const Frame& frame, const DecodedPacket& packet) {
  add(packet.ip, frame.number, frame.timestamp);
  for (std::size_t i = 0; i < packet.inner_count && i < packet.inner.size(); ++i)
    add(packet.inner[i], frame.number, frame.timestamp);
}

void TcpReassembler::expire(Timestamp now) {
  if (busy_) return;
  busy_ = true;
  expire_until(std::max(now_ns_, to_ns(now)));
  busy_ = false;
}

void TcpReassembler::finish() {
  if (busy_) return;
  busy_ = true;
  std::vector<Connection*> open;
  for (const auto& slot : slots_)
    if (slot && slot->state == Connection::State::open) open.push_back(slot.get());
  std::sort(open.begin(), open.end(),
            [](const Connection* x, const Connection* y) { return x->info.stream_ < y->info.stream_; });
  for (Connection* connection : open) close(*connection, TcpCloseReason::end_of_input);
  busy_ = false;
}

// Finds the connection of a segment, or starts one, with Wireshark's rules (see the class doc).
TcpReassembler::Connection* TcpReassembler::lookup_or_create(const Key& key, const Segment& segment) {
  const std::uint64_t hash = key.hash();
  Connection* connection = table_->find(key, hash);
  if (connection == nullptr) {
    return &create(key, hash);
  }
  if (connection->state == Connection::State::numbered) return connection;
  const TcpDirection direction = connection->direction_of(segment);
  Flow& flow = connection->flow(direction);
  const bool syn = segment.has(tcp_flag::syn);
  const bool ack = segment.has(tcp_flag::ack);
  if (syn && flow.base_set && segment.sequence != flow.base) {
    if (!ack) {
      // A new initial sequence number: another connection on the same addresses and ports.
      if (connection->state == Connection::State::open) close(*connection, TcpCloseReason::replaced);
      forget(*connection);
      return &create(key, hash);
    }
    flow.base = segment.sequence;  // a SYN-ACK takes over the base (Wireshark issue 16944)
  }
  return connection;
}

TcpReassembler::Connection& TcpReassembler::create(const Key& key, std::uint64_t hash) {
  make_room();
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    if (!slots_[slot]) slots_[slot] = std::make_unique<Connection>();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(std::make_unique<Connection>());
  }
  Connection& connection = *slots_[slot];
  connection.info = TcpConnection{};
  connection.info.stream_ = stats_.streams++;
  connection.key = key;
  connection.hash = hash;  // key.hash(), computed once by the lookup that missed
  for (Flow& flow : connection.flows) {
    std::vector<Held> held = std::move(flow.held);
    held.clear();
    flow = Flow{};
    flow.held = std::move(held);
  }
  connection.slot = slot;
  connection.prev = connection.next = 0;
  connection.list = 0;
  connection.last_ns = now_ns_;
  connection.state = Connection::State::numbered;
  connection.closing = false;
  connection.a_low = false;
  table_->insert(connection);
  ++stats_.connections;
  stats_.peak_connections = std::max(stats_.peak_connections, stats_.connections);
  touch(connection);
  return connection;
}

// Keeps the number of tracked connections below the cap before one is added.
void TcpReassembler::make_room() {
  while (stats_.connections >= limits_.max_connections) {
    if (closed_head_ != 0) {
      ++stats_.forgotten_connections;
      forget(*slots_[closed_head_ - 1]);
    } else if (open_head_ != 0) {
      Connection& victim = *slots_[open_head_ - 1];
      ++stats_.evicted_connections;
      close(victim, TcpCloseReason::evicted);
      forget(victim);
    } else {
      return;
    }
  }
}

// Moves a connection to the most recent end of its LRU list: the open list for an open
// connection, the other list for closed and numbered ones.
void TcpReassembler::touch(Connection& connection) {
  const bool open = connection.state == Connection::State::open;
  const std::uint8_t list = open ? 1 : 2;
  std::uint32_t& head = open ? open_head_ : closed_head_;
  std::uint32_t& tail = open ? open_tail_ : closed_tail_;
  const std::uint32_t self = connection.slot + 1;
  if (connection.list == list) {
    if (tail == self) return;
    // The usual case, on almost every segment: a move within the list, from the middle (so it has
    // a next) to the end. Taken out here rather than by unlink(), which would pick the list again.
    if (connection.prev != 0)
      slots_[connection.prev - 1]->next = connection.next;
    else
      head = connection.next;
    slots_[connection.next - 1]->prev = connection.prev;
  } else {
    unlink(connection);
  }
  connection.list = list;
  connection.prev = tail;
  connection.next = 0;
  if (tail != 0)
    slots_[tail - 1]->next = self;
  else
    head = self;
  tail = self;
}

void TcpReassembler::unlink(Connection& connection) {
  if (connection.list == 0) return;
  std::uint32_t& head = connection.list == 1 ? open_head_ : closed_head_;
  std::uint32_t& tail = connection.list == 1 ? open_tail_ : closed_tail_;
  if (connection.prev != 0)
    slots_[connection.prev - 1]->next = connection.next;
  else
    head = connection.next;
  if (connection.next != 0)
    slots_[connection.next - 1]->prev = connection.prev;
  else
    tail = connection.prev;
  connection.prev = connection.next = 0;
  connection.list = 0;
}

void TcpReassembler::expire_until(std::int64_t now_ns) {
  now_ns_ = now_ns;
  const std::int64_t idle = limits_.idle_timeout.count();
  const std::int64_t linger = limits_.closed_timeout.count();
  while (open_head_ != 0) {
    Connection& connection = *slots_[open_head_ - 1];
    if (now_ns_ - connection.last_ns <= idle) break;
    ++stats_.timed_out_connections;
    close(connection, TcpCloseReason::idle_timeout);
    forget(connection);
  }
  while (closed_head_ != 0) {
    Connection& connection = *slots_[closed_head_ - 1];
    if (now_ns_ - connection.last_ns <= linger) break;
    ++stats_.forgotten_connections;
    forget(connection);
  }
}

void TcpReassembler::process(Connection& connection, const Segment& segment) {
  const TcpDirection direction = connection.direction_of(segment);
  Flow& flow = connection.flow(direction);
  Flow& peer = connection.flow(reverse(direction));
  TcpFlowInfo& info = connection.info.flows_[static_cast<std::size_t>(direction)];
  const bool syn = segment.has(tcp_flag::syn);
  const bool ack = segment.has(tcp_flag::ack);
  ++info.segments;

  // Wireshark's base sequence numbers, kept only to number connections as it does.
  if (!flow.base_set) {
    flow.base = syn ? segment.sequence : segment.sequence - 1;
    flow.base_set = true;
  }
  if (ack && !peer.base_set) {
    peer.base = segment.acknowledgment - 1;
    peer.base_set = true;
  }

  if (connection.state == Connection::State::closed) {
    if (segment.length > 0) notice(connection, direction, TcpNoticeKind::data_after_close, segment.length);
    return;
  }

  // The acknowledgment speaks for the other direction: bytes it covers were received, so a
  // hole below it will never be filled by the capture (RFC 9293 section 3.4). Only with ACK set:
  // the field means nothing otherwise (section 3.1).
  // handle_ack() only ever gives up holes before held data: skip the call when nothing is held.
  if (ack && !peer.held.empty()) handle_ack(connection, reverse(direction), segment.acknowledgment);
  if (connection.state != Connection::State::open) {  // the acknowledgment completed the close
    if (segment.length > 0) notice(connection, direction, TcpNoticeKind::data_after_close, segment.length);
    return;
  }

  if (segment.has(tcp_flag::rst)) {
    // Section 3.5.3: data on a RST is diagnostic text, not stream data.
    if (segment.length > 0) notice(connection, direction, TcpNoticeKind::reset_data, segment.length);
    close(connection, TcpCloseReason::reset);
    return;
  }

  const std::uint32_t data_sequence = segment.sequence + (syn ? 1u : 0u);
  if (!flow.initialized) {
    // The first segment of a direction fixes stream offset 0: the byte after the SYN, or, for a
    // connection picked up in the middle, the segment's first byte.
    flow.initialized = true;
    flow.next_seq = data_sequence;
    flow.next = 0;
    info.initial_sequence = data_sequence;
  }
  if (syn) info.syn_seen = true;

  std::int64_t start = flow.offset_of(data_sequence);
  std::int64_t end = start + static_cast<std::int64_t>(segment.length);
  ByteView data = segment.data;
  if (start < 0) {  // starts before offset 0: only the part from offset 0 on can matter
    const std::uint64_t cut = static_cast<std::uint64_t>(-start);
    info.retransmitted_bytes += std::min<std::uint64_t>(cut, segment.length);
    data = cut < data.size() ? data.subspan(static_cast<std::size_t>(cut)) : ByteView{};
    start = 0;
    if (end < 0) end = 0;
  }
  auto ustart = static_cast<std::uint64_t>(start);
  auto uend = static_cast<std::uint64_t>(end);

  if (segment.has(tcp_flag::fin) && !flow.fin && uend >= flow.next) {
    flow.fin = true;
    flow.fin_offset = uend;
    info.fin_seen = true;
    // Data held beyond the FIN can never be stream data.
    std::uint64_t dropped = 0;
    for (auto it = flow.held.begin(); it != flow.held.end();) {
      if (it->end <= uend) {
        ++it;
        continue;
      }
      const std::uint64_t keep = it->start < uend ? uend - it->start : 0;
      dropped += it->end - std::max(it->start, uend);
      if (keep == 0) {
        flow.held_bytes -= it->bytes.size();
        stats_.buffered_bytes -= it->bytes.size();
        --stats_.buffered_segments;
        std::vector<std::byte> buffer = std::move(it->bytes);
        if (spare_buffers_.size() < max_spare_buffers && buffer.capacity() <= max_spare_capacity)
          spare_buffers_.push_back(std::move(buffer));
        it = flow.held.erase(it);
      } else {
        it->end = uend;
        if (it->bytes.size() > keep) {
          const std::size_t cut = it->bytes.size() - static_cast<std::size_t>(keep);
          flow.held_bytes -= cut;
          stats_.buffered_bytes -= cut;
          it->bytes.resize(static_cast<std::size_t>(keep));
        }
        ++it;
      }
    }
    if (dropped > 0) notice(connection, direction, TcpNoticeKind::data_after_fin, dropped);
  }
  if (flow.fin && uend > flow.fin_offset) {
    const std::uint64_t limit = std::max(ustart, flow.fin_offset);
    notice(connection, direction, TcpNoticeKind::data_after_fin, uend - limit);
    uend = limit;
    if (data.size() > uend - ustart) data = data.first(static_cast<std::size_t>(uend - ustart));
  }
  if (uend > ustart) place(connection, direction, ustart, uend, data);
  // check_finished() has nothing to do before the direction's FIN: skip the call.
  if (flow.fin && connection.state == Connection::State::open) check_finished(connection, direction);
}

void TcpReassembler::handle_ack(Connection& connection, TcpDirection direction, std::uint32_t ack) {
  Flow& flow = connection.flow(direction);
  if (!flow.initialized) return;
  // As Wireshark's Follow TCP Stream: once the acknowledgment passes the start of the held data,
  // the hole before it is given up.
  while (!flow.held.empty() && seq_distance(flow.sequence_of(flow.held.front().start), ack) > 0 &&
         connection.state == Connection::State::open)
    give_up_hole(connection, direction, TcpGapReason::acknowledged);
}

// Puts bytes [start, end) of a direction where they belong: delivered if they reach the next
// expected byte, held if they are ahead of it, dropped if they were seen already.
void TcpReassembler::place(Connection& connection, TcpDirection direction, std::uint64_t start, std::uint64_t end,
                           ByteView bytes) {
  Flow& flow = connection.flow(direction);
  TcpFlowInfo& info = connection.info.flows_[static_cast<std::size_t>(direction)];
  for (;;) {
    if (end <= flow.next) {
      info.retransmitted_bytes += end - start;
      return;
    }
    if (start <= flow.next) {
      info.retransmitted_bytes += flow.next - start;
      deliver(connection, direction, start, end, bytes);
      // drain() delivers held segments, then calls check_finished(), which waits for a FIN: with
      // neither (most in-order segments) it would do nothing.
      if (!flow.held.empty() || flow.fin) drain(connection, direction);
      return;
    }
    if (start - flow.next > limits_.max_window) {
      notice(connection, direction, TcpNoticeKind::outside_window, end - start);
      return;
    }
    // A segment inside one held earlier adds nothing: the earlier one is always taken first.
    for (const Held& held : flow.held) {
      if (held.start > start) break;
      if (held.end >= end) {
        info.retransmitted_bytes += end - start;
        return;
      }
    }
    if (hold(connection, direction, start, end, bytes)) return;
    // Over a cap: stop waiting for the earliest hole, and try again.
    if (!flow.held.empty()) {
      give_up_hole(connection, direction, TcpGapReason::buffer_limit);
    } else {
      ++stats_.buffer_limit_gaps;
      gap(connection, direction, start - flow.next, TcpGapReason::buffer_limit);
    }
    if (connection.state != Connection::State::open) return;
  }
}

// Delivers the part of [start, end) at and after the next expected byte; `bytes` are the
// captured bytes from `start` (fewer than end - start when the capture cut the segment).
void TcpReassembler::deliver(Connection& connection, TcpDirection direction, std::uint64_t start, std::uint64_t end,
                             ByteView bytes) {
  Flow& flow = connection.flow(direction);
  TcpFlowInfo& info = connection.info.flows_[static_cast<std::size_t>(direction)];
  const std::uint64_t skip = flow.next - start;
  if (skip < bytes.size()) {
    const ByteView fresh = bytes.subspan(static_cast<std::size_t>(skip));
    handler_.on_data(connection.info, TcpData{direction, flow.next, fresh, frame_});
    flow.next += fresh.size();
    flow.next_seq += static_cast<std::uint32_t>(fresh.size());
    info.delivered_bytes += fresh.size();
    stats_.delivered_bytes += fresh.size();
  }
  if (flow.next < end) gap(connection, direction, end - flow.next, TcpGapReason::not_captured);
}

// Delivers held segments that the next expected byte has reached, the earliest arrived first.
void TcpReassembler::drain(Connection& connection, TcpDirection direction) {
  Flow& flow = connection.flow(direction);
  while (!flow.held.empty() && flow.held.front().start <= flow.next) {
    std::size_t chosen = 0;
    for (std::size_t i = 1; i < flow.held.size() && flow.held[i].start <= flow.next; ++i)
      if (flow.held[i].arrival < flow.held[chosen].arrival) chosen = i;
    Held held = std::move(flow.held[chosen]);
    flow.held.erase(flow.held.begin() + static_cast<std::ptrdiff_t>(chosen));
    flow.held_bytes -= held.bytes.size();
    stats_.buffered_bytes -= held.bytes.size();
    --stats_.buffered_segments;
    if (held.end > flow.next) {
      deliver(connection, direction, held.start, held.end, ByteView(held.bytes.data(), held.bytes.size()));
    } else {
      connection.info.flows_[static_cast<std::size_t>(direction)].retransmitted_bytes += held.end - held.start;
    }
    if (spare_buffers_.size() < max_spare_buffers && held.bytes.capacity() <= max_spare_capacity)
      spare_buffers_.push_back(std::move(held.bytes));
  }
  check_finished(connection, direction);
}

// Copies a segment that is ahead of the next expected byte; false when a cap forbids it.
bool TcpReassembler::hold(Connection& connection, TcpDirection direction, std::uint64_t start, std::uint64_t end,
                          ByteView bytes) {
  Flow& flow = connection.flow(direction);
  const std::size_t size = bytes.size();
  if (flow.held.size() + 1 > limits_.max_segments_per_direction ||
      flow.held_bytes + size > limits_.max_bytes_per_direction ||
      stats_.buffered_bytes + size > limits_.max_buffered_bytes)
    return false;
  Held held;
  held.start = start;
  held.end = end;
  held.arrival = arrivals_++;
  if (!spare_buffers_.empty()) {
    held.bytes = std::move(spare_buffers_.back());
    spare_buffers_.pop_back();
  }
  held.bytes.assign(bytes.begin(), bytes.end());
  auto position = std::upper_bound(flow.held.begin(), flow.held.end(), start,
                                   [](std::uint64_t value, const Held& h) { return value < h.start; });
  flow.held.insert(position, std::move(held));
  flow.held_bytes += size;
  stats_.buffered_bytes += size;
  ++stats_.buffered_segments;
  stats_.copied_bytes += size;
  stats_.peak_buffered_bytes = std::max(stats_.peak_buffered_bytes, stats_.buffered_bytes);
  return true;
}

// Stops waiting for the bytes before the first held segment: they are a gap, and what follows
// is delivered.
void TcpReassembler::give_up_hole(Connection& connection, TcpDirection direction, TcpGapReason reason) {
  Flow& flow = connection.flow(direction);
  if (flow.held.empty()) return;
  if (reason == TcpGapReason::buffer_limit) ++stats_.buffer_limit_gaps;
  const std::uint64_t first = flow.held.front().start;
  if (first > flow.next) gap(connection, direction, first - flow.next, reason);
  drain(connection, direction);
}

void TcpReassembler::gap(Connection& connection, TcpDirection direction, std::uint64_t length, TcpGapReason reason) {
  if (length == 0) return;
  Flow& flow = connection.flow(direction);
  TcpFlowInfo& info = connection.info.flows_[static_cast<std::size_t>(direction)];
  handler_.on_gap(connection.info, TcpGap{direction, flow.next, length, reason, frame_});
  flow.next += length;
  flow.next_seq += static_cast<std::uint32_t>(length);
  info.missing_bytes += length;
  ++stats_.gaps;
  stats_.missing_bytes += length;
}

void TcpReassembler::notice(Connection& connection, TcpDirection direction, TcpNoticeKind kind, std::uint64_t bytes) {
  connection.info.flows_[static_cast<std::size_t>(direction)].dropped_bytes += bytes;
  ++stats_.notices;
  handler_.on_notice(connection.info, TcpNotice{kind, direction, bytes, frame_});
}

void TcpReassembler::check_finished(Connection& connection, TcpDirection direction) {
  Flow& flow = connection.flow(direction);
  TcpFlowInfo& info = connection.info.flows_[static_cast<std::size_t>(direction)];
  if (!flow.fin || info.finished || flow.next < flow.fin_offset) return;
  info.finished = true;
  const TcpFlowInfo& other = connection.info.flows_[static_cast<std::size_t>(reverse(direction))];
  if (other.finished && !connection.closing) close(connection, TcpCloseReason::fin);
}

void TcpReassembler::close(Connection& connection, TcpCloseReason reason) {
  if (connection.state != Connection::State::open || connection.closing) return;
  connection.closing = true;
  TcpGapReason gap_reason = TcpGapReason::end_of_input;
  switch (reason) {
    case TcpCloseReason::fin:
      gap_reason = TcpGapReason::end_of_input;
      break;  // no holes are left
    case TcpCloseReason::reset:
      gap_reason = TcpGapReason::reset;
      break;
    case TcpCloseReason::idle_timeout:
      gap_reason = TcpGapReason::idle_timeout;
      break;
    case TcpCloseReason::evicted:
      gap_reason = TcpGapReason::evicted;
      break;
    case TcpCloseReason::replaced:
      gap_reason = TcpGapReason::replaced;
      break;
    case TcpCloseReason::end_of_input:
      gap_reason = TcpGapReason::end_of_input;
      break;
  }
  for (TcpDirection direction : {TcpDirection::a_to_b, TcpDirection::b_to_a})
    while (!connection.flow(direction).held.empty()) give_up_hole(connection, direction, gap_reason);
  connection.state = Connection::State::closed;
  connection.info.closed_ = true;
  --stats_.open_connections;
  touch(connection);  // moves it to the list of closed connections
  handler_.on_close(connection.info, reason);
  connection.info.user_data = nullptr;
  connection.closing = false;
}

void TcpReassembler::release_held(Flow& flow) {
  for (Held& held : flow.held) {
    stats_.buffered_bytes -= held.bytes.size();
    --stats_.buffered_segments;
  }
  flow.held.clear();
  flow.held_bytes = 0;
}

// Drops a connection from the table and the LRU lists; its slot is reused.
void TcpReassembler::forget(Connection& connection) {
  table_->erase(connection);
  unlink(connection);
  if (connection.state == Connection::State::open) --stats_.open_connections;
  for (Flow& flow : connection.flows) {
    release_held(flow);
    flow.held.shrink_to_fit();
  }
  connection.state = Connection::State::closed;
  --stats_.connections;
  free_slots_.push_back(connection.slot);
}

}  // namespace pktdoc
