#include "pktdoc/reassembly/stream_listing.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <vector>

#include "pktdoc/detail/sha256.hpp"

namespace pktdoc {

// Hashes what each direction of each connection carried, as Wireshark's Follow TCP Stream
// (tshark 4.0, `-z follow,tcp,raw`) shows it.
class StreamListing::Recorder final : public TcpStreamHandler {
 public:
  struct Side {
    detail::Sha256 hash;
    std::uint64_t bytes = 0;
    // Wireshark waits for an unacknowledged hole forever: nothing after it is shown.
    bool stalled = false;
  };
  struct Stream {
    TcpEndpoint a;
    TcpEndpoint b;
    Side sides[2];
  };

  Stream& stream(std::uint64_t number) {
    while (number >= chunks_.size() * chunk_streams) chunks_.push_back(std::make_unique<Stream[]>(chunk_streams));
    count_ = std::max<std::uint64_t>(count_, number + 1);
    return chunks_[static_cast<std::size_t>(number / chunk_streams)][static_cast<std::size_t>(number % chunk_streams)];
  }

  // The record of an open connection: the address on_open() left in `user_data` (records never
  // move), which saves on_data(), called for most segments, the arithmetic of stream().
  Stream& record(TcpConnection& connection) {
    if (connection.user_data != nullptr) return *static_cast<Stream*>(connection.user_data);
    return stream(connection.stream());
  }

  void on_open(TcpConnection& connection) override {
    Stream& s = stream(connection.stream());
    s.a = connection.a();
    s.b = connection.b();
    connection.user_data = &s;
  }
  void on_data(TcpConnection& connection, const TcpData& data) override {
    Side& side = record(connection).sides[static_cast<std::size_t>(data.direction)];
    if (side.stalled) return;
    side.hash.add(data.bytes);
    side.bytes += data.bytes.size();
  }
  void on_gap(TcpConnection& connection, const TcpGap& gap) override {
    Side& side = record(connection).sides[static_cast<std::size_t>(gap.direction)];
    if (side.stalled) return;
    switch (gap.reason) {
      case TcpGapReason::acknowledged: {
        // packet-tcp.c check_follow_fragments(): "[%d bytes missing in capture file]" and its NUL.
        char text[64];
        const int value = static_cast<std::int32_t>(static_cast<std::uint32_t>(gap.length));
        const int length = std::snprintf(text, sizeof text, "[%d bytes missing in capture file]", value);
        const ByteView marker(reinterpret_cast<const std::byte*>(text), static_cast<std::size_t>(length) + 1);
        side.hash.add(marker);
        side.bytes += marker.size();
        return;
      }
      case TcpGapReason::not_captured:
        return;  // Wireshark skips what the capture did not keep and goes on
      default:
        side.stalled = true;
        return;
    }
  }

  void write(std::uint64_t count, std::string& out) {
    if (count > count_) stream(count - 1);
    char line[512];
    for (std::size_t k = 0; k < count_; ++k) {
      Stream& s = stream(k);
      const std::string a2b = s.sides[0].hash.finish_hex();
      const std::string b2a = s.sides[1].hash.finish_hex();
      const int length = std::snprintf(
          line, sizeof line,
          "stream=%zu\ta=%s\tb=%s\ta2b_bytes=%" PRIu64 "\ta2b_sha256=%s\tb2a_bytes=%" PRIu64 "\tb2a_sha256=%s\n", k,
          s.a.to_text().c_str(), s.b.to_text().c_str(), s.sides[0].bytes, a2b.c_str(), s.sides[1].bytes, b2a.c_str());
      if (length > 0) out.append(line, static_cast<std::size_t>(length));
    }
  }

  // Streams per chunk: 256 records of sizeof(Stream) (296 bytes on x86-64), about 74 KiB.
  static constexpr std::size_t chunk_streams = 256;

 private:
  // The records in chunks that never move: a connection costs one record and the storage grows a
  // chunk at a time, where a vector would copy them all at each doubling (at its peak, the old
  // and the new array: up to three records per connection).
  std::vector<std::unique_ptr<Stream[]>> chunks_;
  std::uint64_t count_ = 0;  // connection numbers handed out (one more than the highest)
};

StreamListing::StreamListing(const TcpReassembler::Limits& limits)
    : recorder_(std::make_unique<Recorder>()), reassembler_(std::make_unique<TcpReassembler>(*recorder_, limits)) {}

StreamListing::~StreamListing() = default;

void StreamListing::add(const Frame& frame, const DecodedPacket& packet) { reassembler_->add(frame, packet); }

void StreamListing::add(const IpLayers& ip, std::uint64_t frame, Timestamp timestamp) {
  (void)reassembler_->add(ip, frame, timestamp);
}

void StreamListing::finish(std::string& out) {
  reassembler_->finish();
  recorder_->write(reassembler_->stats().streams, out);
}

const TcpReassembler& StreamListing::reassembler() const noexcept { return *reassembler_; }

}  // namespace pktdoc
