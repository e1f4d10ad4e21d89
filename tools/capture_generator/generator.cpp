#include "generator.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <utility>
#include <variant>

namespace gen {

namespace build = pktdoc::build;
namespace flag = pktdoc::tcp_flag;

pktdoc::Ipv4Address ipv4(std::string_view text) {
  const auto address = pktdoc::Ipv4Address::parse(text);
  if (!address) throw std::invalid_argument("not an IPv4 address: " + std::string(text));
  return *address;
}

pktdoc::Ipv6Address ipv6(std::string_view text) {
  const auto address = pktdoc::Ipv6Address::parse(text);
  if (!address) throw std::invalid_argument("not an IPv6 address: " + std::string(text));
  return *address;
}

pktdoc::MacAddress mac(std::string_view text) {
  pktdoc::MacAddress address{};
  if (text.size() != 17) throw std::invalid_argument("not a MAC address: " + std::string(text));
  for (std::size_t i = 0; i < 6; ++i) {
    auto nibble = [&](char c) -> unsigned {
      if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
      if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
      throw std::invalid_argument("not a MAC address: " + std::string(text));
    };
    address.bytes[i] = static_cast<std::uint8_t>(nibble(text[3 * i]) << 4 | nibble(text[3 * i + 1]));
  }
  return address;
}

// --- Prng ---------------------------------------------------------------------------------------

std::uint64_t Prng::next() {
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return state_ * 0x2545F4914F6CDD1DULL;
}

Bytes Prng::bytes(std::size_t count) {
  Bytes out(count);
  for (std::byte& b : out) b = static_cast<std::byte>(next() >> 56);
  return out;
}

// --- CaptureFile --------------------------------------------------------------------------------

CaptureFile::CaptureFile(const std::string& directory, const std::string& name, pktdoc::LinkType link_type,
                         std::int64_t start, std::uint32_t snapshot_length)
    : path_(directory + "/" + name), start_(start), snapshot_length_(snapshot_length) {
  writer_ = pktdoc::CaptureWriter::open(path_, link_type, pktdoc::CaptureWriterOptions{.snapshot_length = snapshot_length});
  if (!writer_.ok()) throw std::runtime_error(writer_.error());
}

CaptureFile::~CaptureFile() = default;

void CaptureFile::write(const Bytes& frame) {
  const Micros at = stamp();
  const pktdoc::Timestamp when{start_ + at / sec, static_cast<std::uint32_t>((at % sec) * 1000)};
  const std::size_t kept = std::min<std::size_t>(frame.size(), snapshot_length_);
  const bool ok = writer_.write(when, pktdoc::ByteView(frame.data(), kept), static_cast<std::uint32_t>(frame.size()));
  if (!ok) throw std::runtime_error(writer_.error());
}

void CaptureFile::close() {
  if (closed_) return;
  closed_ = true;
  if (!writer_.close()) throw std::runtime_error(writer_.error());
}

// --- TcpFlow ------------------------------------------------------------------------------------

TcpFlow::TcpFlow(CaptureFile& capture, TcpEnd client, TcpEnd server) : capture_(capture) {
  ends_[0].config = std::move(client);
  ends_[1].config = std::move(server);
  for (End& e : ends_) e.next_sequence = e.config.initial_sequence_number;
}

std::uint32_t TcpFlow::tsval(Side side) {
  End& e = end(side);
  const auto ticks = static_cast<std::uint64_t>(capture_.stamp()) * e.config.timestamp_hz / 1000000U;
  e.last_tsval = e.config.timestamp_base + static_cast<std::uint32_t>(ticks);
  return e.last_tsval;
}

build::TcpOptionList TcpFlow::options(Side side, bool is_syn, const std::vector<pktdoc::TcpSackBlock>& sack) {
  const TcpEnd& c = end(side).config;
  const std::uint32_t echo = end(other(side)).last_tsval;
  build::TcpOptionList list;
  if (is_syn) {
    const std::uint32_t value = c.timestamps ? tsval(side) : 0;
    const std::uint32_t echoed = end(other(side)).next_sequence == end(other(side)).config.initial_sequence_number ? 0 : echo;
    if (c.mss > 0) list.mss(c.mss);
    if (!c.bsd_option_order) {
      if (c.timestamps) {
        if (c.sack_permitted) list.sack_permitted();
        else list.no_operation().no_operation();
        list.timestamps(value, echoed);
      } else if (c.sack_permitted) {
        list.no_operation().no_operation().sack_permitted();
      }
      if (c.window_shift >= 0) list.no_operation().window_scale(static_cast<std::uint8_t>(c.window_shift));
    } else {
      if (c.window_shift >= 0) list.no_operation().window_scale(static_cast<std::uint8_t>(c.window_shift));
      if (c.sack_permitted) {
        if (!c.timestamps) list.no_operation().no_operation();
        list.sack_permitted();
      }
      if (c.timestamps) list.timestamps(value, echoed);
    }
    return list;
  }
  if (c.timestamps) list.no_operation().no_operation().timestamps(tsval(side), echo);
  if (!sack.empty()) list.no_operation().no_operation().sack(sack);
  return list;
}

void TcpFlow::emit(Side from, build::Tcp tcp, pktdoc::ByteView data) {
  End& e = end(from);
  build::Path path = e.config.path;
  if (auto* v4 = std::get_if<build::Ipv4>(&path.ip)) {
    v4->identification = e.config.ipv4_identification;
    if (e.config.identification_counts) ++e.config.ipv4_identification;
  }
  capture_.write(path.frame(tcp, data));
}

void TcpFlow::syn() {
  End& e = end(Side::client);
  build::Tcp tcp{.source_port = e.config.port, .destination_port = end(Side::server).config.port,
                 .sequence_number = e.next_sequence, .acknowledgment_number = 0, .flags = flag::syn,
                 .window = e.config.syn_window};
  tcp.options = options(Side::client, true);
  emit(Side::client, tcp, {});
  if (e.next_sequence == e.config.initial_sequence_number) ++e.next_sequence;
}

void TcpFlow::syn_ack() {
  End& e = end(Side::server);
  build::Tcp tcp{.source_port = e.config.port, .destination_port = end(Side::client).config.port,
                 .sequence_number = e.config.initial_sequence_number, .acknowledgment_number = acknowledgment(Side::server),
                 .flags = flag::syn | flag::ack, .window = e.config.syn_window};
  tcp.options = options(Side::server, true);
  emit(Side::server, tcp, {});
  if (e.next_sequence == e.config.initial_sequence_number) ++e.next_sequence;
}

void TcpFlow::ack(Side from) { send(from, pktdoc::ByteView{}, pktdoc::tcp_flag::ack); }

void TcpFlow::send(Side from, pktdoc::ByteView data, std::uint16_t flags) {
  End& e = end(from);
  build::Tcp tcp{.source_port = e.config.port, .destination_port = end(other(from)).config.port,
                 .sequence_number = e.next_sequence, .acknowledgment_number = acknowledgment(from), .flags = flags,
                 .window = e.config.window};
  tcp.options = options(from, false);
  emit(from, tcp, data);
  e.next_sequence += static_cast<std::uint32_t>(data.size());
  if ((flags & flag::fin) != 0) ++e.next_sequence;
}

void TcpFlow::fin(Side from) { send(from, pktdoc::ByteView{}, pktdoc::tcp_flag::fin | pktdoc::tcp_flag::ack); }

void TcpFlow::rst(Side from) {
  End& e = end(from);
  build::Tcp tcp{.source_port = e.config.port, .destination_port = end(other(from)).config.port,
                 .sequence_number = e.next_sequence, .acknowledgment_number = 0, .flags = flag::rst, .window = 0};
  emit(from, tcp, {});
}

void TcpFlow::rst_ack(Side from) {
  End& e = end(from);
  const bool never_sent = e.next_sequence == e.config.initial_sequence_number;
  build::Tcp tcp{.source_port = e.config.port, .destination_port = end(other(from)).config.port,
                 .sequence_number = never_sent ? 0 : e.next_sequence, .acknowledgment_number = acknowledgment(from),
                 .flags = flag::rst | flag::ack, .window = 0};
  emit(from, tcp, {});
}

void TcpFlow::segment_at(Side from, std::uint32_t offset, pktdoc::ByteView data, std::uint16_t flags,
                         std::optional<std::uint32_t> ack_offset, const std::vector<pktdoc::TcpSackBlock>& sack) {
  End& e = end(from);
  build::Tcp tcp{.source_port = e.config.port, .destination_port = end(other(from)).config.port,
                 .sequence_number = sequence_at(from, offset),
                 .acknowledgment_number = ack_offset ? sequence_at(other(from), *ack_offset) : acknowledgment(from),
                 .flags = flags, .window = e.config.window};
  tcp.options = options(from, false, sack);
  emit(from, tcp, data);
}

void TcpFlow::ack_at(Side from, std::uint32_t ack_offset, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& sack) {
  std::vector<pktdoc::TcpSackBlock> blocks;
  for (const auto& [left, right] : sack)
    blocks.push_back(pktdoc::TcpSackBlock{sequence_at(other(from), left), sequence_at(other(from), right)});
  End& e = end(from);
  build::Tcp tcp{.source_port = e.config.port, .destination_port = end(other(from)).config.port,
                 .sequence_number = e.next_sequence, .acknowledgment_number = sequence_at(other(from), ack_offset),
                 .flags = pktdoc::tcp_flag::ack, .window = e.config.window};
  tcp.options = options(from, false, blocks);
  emit(from, tcp, {});
}

void TcpFlow::grow_window(Side from, std::uint16_t step, std::uint16_t limit) {
  std::uint16_t& window = end(from).config.window;
  window = static_cast<std::uint16_t>(std::min<unsigned>(limit, static_cast<unsigned>(window) + step));
}

void TcpFlow::send_segments(Side from, std::string_view data, std::size_t mss, Micros gap, Micros rtt, int ack_every,
                            std::uint16_t window_step, std::uint16_t window_limit) {
  const Side to = other(from);
  int unacked = 0;
  for (std::size_t at = 0; at < data.size(); at += mss) {
    const std::size_t size = std::min(mss, data.size() - at);
    const bool last = at + size >= data.size();
    send(from, bytes_of(data.substr(at, size)), last ? flag::psh | flag::ack : flag::ack);
    ++unacked;
    if (unacked >= ack_every || last) {
      capture_.wait(rtt);
      if (window_step > 0) grow_window(to, window_step, window_limit);
      this->ack(to);
      unacked = 0;
    }
    if (!last) capture_.wait(gap);
  }
}

// --- Schedule -----------------------------------------------------------------------------------

void Schedule::at(Micros time, std::function<void()> action) {
  entries_.push_back(Entry{time, entries_.size(), std::move(action)});
}

void Schedule::run(CaptureFile& capture) {
  std::vector<Entry> entries = std::move(entries_);
  entries_.clear();
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.time < b.time; });
  for (Entry& entry : entries) {
    if (entry.time < capture.elapsed()) throw std::logic_error("Schedule: an action is earlier than the clock");
    capture.wait(entry.time - capture.elapsed());
    entry.action();
  }
}

Micros schedule_exchange(Schedule& schedule, TcpFlow& flow, Micros time, std::string request, std::string response,
                         const ResponseTiming& timing) {
  using Side = TcpFlow::Side;
  auto request_text = std::make_shared<std::string>(std::move(request));
  auto response_text = std::make_shared<std::string>(std::move(response));
  schedule.at(time, [&flow, request_text] { flow.send(Side::client, *request_text); });
  Micros at = time + timing.round_trip + timing.server_time + timing.queue_delay;
  if (timing.server_acks_request) schedule.at(time + timing.round_trip + 40 * ms, [&flow] { flow.ack(Side::server); });
  const std::size_t segments = (response_text->size() + timing.mss - 1) / timing.mss;
  std::size_t flight = timing.initial_window;
  std::size_t in_flight = 0;
  Micros flight_start = at;
  Micros last = at;
  for (std::size_t i = 0; i < segments; ++i) {
    if (in_flight == flight) {
      flight_start += timing.round_trip;
      at = std::max(at + timing.gap, flight_start);
      in_flight = 0;
      flight *= 2;
    }
    const std::size_t offset = i * timing.mss;
    const std::size_t size = std::min(timing.mss, response_text->size() - offset);
    const bool is_last = i + 1 == segments;
    schedule.at(at, [&flow, response_text, offset, size, is_last] {
      flow.send(Side::server, bytes_of(std::string_view(*response_text).substr(offset, size)),
                is_last ? pktdoc::tcp_flag::psh | pktdoc::tcp_flag::ack : pktdoc::tcp_flag::ack);
    });
    const bool ack_now = is_last ? (timing.client_acks_last && segments > 1) : ((i + 1) % static_cast<std::size_t>(timing.ack_every) == 0);
    if (ack_now) {
      schedule.at(at + timing.ack_delay, [&flow, timing] {
        if (timing.window_step > 0) flow.grow_window(Side::client, timing.window_step, timing.window_limit);
        flow.ack(Side::client);
      });
    }
    last = at;
    ++in_flight;
    at += timing.gap;
  }
  return last;
}

}  // namespace gen
