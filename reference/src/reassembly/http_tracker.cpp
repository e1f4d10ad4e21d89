#include "pktdoc/reassembly/http_tracker.hpp"

#include <algorithm>

namespace pktdoc {

std::string_view http_notice_kind_name(HttpNoticeKind kind) noexcept {
  switch (kind) {
    case HttpNoticeKind::pending_limit:
      return "pending_limit";
    case HttpNoticeKind::unanswered_requests:
      return "unanswered_requests";
    case HttpNoticeKind::unparsed_bytes:
      return "unparsed_bytes";
  }
  return "unknown";
}

HttpObserver::~HttpObserver() = default;
void HttpObserver::on_head(TcpConnection&, const HttpMessageEvent&) {}
void HttpObserver::on_body(TcpConnection&, const HttpMessageEvent&, ByteView) {}
void HttpObserver::on_message(TcpConnection&, const HttpMessageEvent&) {}
void HttpObserver::on_notice(TcpConnection&, const HttpNotice&) {}

// One direction of an HTTP connection: its parser, and the handler that passes heads and body
// bytes on to the observer.
struct HttpTracker::Side final : HttpBodyHandler {
  Side(HttpTracker& owner, Conversation& parent, TcpDirection dir)
      : tracker(&owner), conversation(&parent), direction(dir), parser(HttpRole::detect, owner.options_.limits) {
    parser.set_handler(this);
  }
  void on_head(const HttpMessage& message) override;
  void on_body(const HttpMessage& message, ByteView bytes) override;
  HttpMessageEvent event(const HttpMessage& message) const {
    HttpMessageEvent e;
    e.direction = direction;
    e.first_frame = first_frame;
    e.frame = tracker->frame_;
    e.message = &message;
    return e;
  }
  void reset() {
    // A spare keeps small buffers for the next connection, not the large ones of this one.
    if (parser.buffered_bytes() > spare_buffer_bytes)
      parser.release();
    else
      parser.reset();
    first_frame = 0;
    unparsed = 0;
    accounted = 0;
    finished = false;
  }
  static constexpr std::size_t spare_buffer_bytes = std::size_t{16} << 10;

  HttpTracker* tracker;
  Conversation* conversation;
  TcpDirection direction;
  HttpStreamParser parser;
  std::uint64_t first_frame = 0;  // frame of the first byte of the message in progress
  std::uint64_t unparsed = 0;     // bytes not given to the parser (stopped or opaque)
  std::size_t accounted = 0;      // the parser's buffered_bytes() as counted in Stats::buffered_bytes
  bool finished = false;          // finish() was called
};

struct HttpTracker::Conversation {
  explicit Conversation(HttpTracker& owner)
      : sides{Side(owner, *this, TcpDirection::a_to_b), Side(owner, *this, TcpDirection::b_to_a)} {
    for (Side& side : sides) side.parser.set_handler(&side);
  }
  Conversation(const Conversation&) = delete;
  Conversation& operator=(const Conversation&) = delete;
  Side& side(TcpDirection direction) { return sides[static_cast<std::size_t>(direction)]; }

  TcpConnection* connection = nullptr;
  std::array<Side, 2> sides;
  std::uint64_t requests = 0;  // requests whose head completed, numbered from 0
};

void HttpTracker::Side::on_head(const HttpMessage& message) {
  TcpConnection& connection = *conversation->connection;
  tracker->observer_.on_head(connection, event(message));
  if (!message.head.is_request()) return;
  const std::uint64_t number = conversation->requests++;
  Side& other = conversation->side(reverse(direction));
  if (!other.parser.expect_response(message.head.method, number))
    tracker->observer_.on_notice(connection, HttpNotice{HttpNoticeKind::pending_limit, direction, 1, tracker->frame_});
}

void HttpTracker::Side::on_body(const HttpMessage& message, ByteView bytes) {
  tracker->stats_.body_bytes += bytes.size();
  tracker->observer_.on_body(*conversation->connection, event(message), bytes);
}

HttpTracker::HttpTracker(HttpObserver& observer, const HttpTrackerOptions& options)
    : observer_(observer), options_(options) {}

HttpTracker::~HttpTracker() = default;

bool HttpTracker::is_http_port(std::uint16_t port) const noexcept {
  return std::find(options_.ports.begin(), options_.ports.end(), port) != options_.ports.end();
}

HttpTracker::Conversation* HttpTracker::find(std::uint64_t stream) noexcept {
  const auto it = conversations_.find(stream);
  return it == conversations_.end() ? nullptr : it->second.get();
}

HttpTracker::Conversation& HttpTracker::start(TcpConnection& connection) {
  std::unique_ptr<Conversation> conversation;
  if (!spares_.empty()) {
    conversation = std::move(spares_.back());
    spares_.pop_back();
  } else {
    conversation = std::make_unique<Conversation>(*this);
  }
  conversation->connection = &connection;
  Conversation& result = *conversation;
  conversations_[connection.stream()] = std::move(conversation);
  ++stats_.connections;
  ++stats_.conversations;
  stats_.peak_conversations = std::max(stats_.peak_conversations, stats_.conversations);
  return result;
}

void HttpTracker::on_open(TcpConnection& connection) {
  if (is_http_port(connection.a().port) || is_http_port(connection.b().port))
    start(connection);
  else if (options_.detect_by_content)
    conversations_[connection.stream()] = nullptr;  // decided by its first bytes
}

void HttpTracker::on_data(TcpConnection& connection, const TcpData& data) {
  frame_ = data.frame;
  const auto it = conversations_.find(connection.stream());
  if (it == conversations_.end()) return;
  if (!it->second) {
    // Wireshark's heuristic: a line, complete in these bytes, that starts an HTTP message.
    const std::string_view text = as_text(data.bytes).substr(0, options_.limits.max_line_bytes);
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (nl == std::string_view::npos || !is_http_start_line(line)) {
      conversations_.erase(it);
      return;
    }
    start(connection);
  }
  feed(*find(connection.stream()), data.direction, data.bytes, data.frame);
}

void HttpTracker::feed(Conversation& conversation, TcpDirection direction, ByteView bytes, std::uint64_t frame) {
  Side& side = conversation.side(direction);
  while (!bytes.empty()) {
    if (side.parser.stopped() || side.parser.opaque() || side.finished) {
      side.unparsed += bytes.size();
      return;
    }
    if (!side.parser.in_message()) side.first_frame = frame;
    const HttpParse step = side.parser.parse(bytes);
    bytes = bytes.subspan(std::min(step.consumed, bytes.size()));
    if (step.status != HttpParseStatus::need_more) ended(conversation, direction, step, frame);
    if (side.parser.opaque()) conversation.side(reverse(direction)).parser.make_opaque();
  }
  account(conversation, direction);
}

void HttpTracker::account(Conversation& conversation, TcpDirection direction) {
  Side& side = conversation.side(direction);
  const std::size_t now = side.parser.buffered_bytes();
  stats_.buffered_bytes = stats_.buffered_bytes - side.accounted + now;
  side.accounted = now;
  if (stats_.buffered_bytes > options_.max_buffered_bytes) {
    // The direction that would pass the cap pays for it.
    ++stats_.memory_stops;
    const HttpParse step = side.parser.stop("HttpTrackerOptions::max_buffered_bytes reached");
    if (step.status != HttpParseStatus::need_more) ended(conversation, direction, step, frame_);
    const std::size_t after = side.parser.buffered_bytes();
    stats_.buffered_bytes = stats_.buffered_bytes - side.accounted + after;
    side.accounted = after;
  }
  stats_.peak_buffered_bytes = std::max(stats_.peak_buffered_bytes, stats_.buffered_bytes);
}

void HttpTracker::ended(Conversation& conversation, TcpDirection direction, const HttpParse& step,
                        std::uint64_t frame) {
  Side& side = conversation.side(direction);
  HttpMessageEvent event = side.event(side.parser.message());
  event.frame = frame;
  if (step.status == HttpParseStatus::error) event.error = step.error;
  switch (event.error.kind) {
    case HttpErrorKind::none:
      if (event.message->head.is_request())
        ++stats_.requests;
      else
        ++stats_.responses;
      break;
    case HttpErrorKind::truncated:
      ++stats_.truncated_messages;
      break;
    default:
      ++stats_.invalid_messages;
      break;
  }
  observer_.on_message(*conversation.connection, event);
}

void HttpTracker::on_gap(TcpConnection& connection, const TcpGap& gap) {
  frame_ = gap.frame;
  const auto it = conversations_.find(connection.stream());
  if (it == conversations_.end()) return;
  if (!it->second) {
    // The first bytes are lost: what follows cannot be recognised reliably.
    conversations_.erase(it);
    return;
  }
  Side& side = it->second->side(gap.direction);
  if (side.parser.stopped() || side.parser.opaque() || side.finished) return;
  const HttpParse step = side.parser.gap(gap.length);
  if (step.status != HttpParseStatus::need_more) ended(*it->second, gap.direction, step, gap.frame);
  account(*it->second, gap.direction);
}

void HttpTracker::finish_side(Conversation& conversation, TcpDirection direction, bool clean, std::uint64_t frame) {
  Side& side = conversation.side(direction);
  if (side.finished) return;
  side.finished = true;
  if (side.parser.stopped() || side.parser.opaque()) return;
  const HttpParse step = side.parser.finish(clean);
  if (step.status != HttpParseStatus::need_more) ended(conversation, direction, step, frame);
}

TcpAddResult HttpTracker::add(TcpReassembler& reassembler, const IpLayers& ip, std::uint64_t frame,
                              Timestamp timestamp) {
  frame_ = frame;
  const TcpAddResult result = reassembler.add(ip, frame, timestamp);
  if (result.status != TcpAddStatus::segment) return result;
  Conversation* conversation = find(result.stream);
  if (conversation == nullptr || conversation->connection == nullptr) return result;
  for (TcpDirection direction : {TcpDirection::a_to_b, TcpDirection::b_to_a})
    if (conversation->connection->flow(direction).finished) finish_side(*conversation, direction, true, frame);
  return result;
}

void HttpTracker::add(TcpReassembler& reassembler, const Frame& frame, const DecodedPacket& packet) {
  add(reassembler, packet.ip, frame.number, frame.timestamp);
  for (std::size_t i = 0; i < packet.inner_count && i < packet.inner.size(); ++i)
    add(reassembler, packet.inner[i], frame.number, frame.timestamp);
}

void HttpTracker::finish(TcpReassembler& reassembler) { reassembler.finish(); }

void HttpTracker::on_close(TcpConnection& connection, TcpCloseReason) {
  const auto it = conversations_.find(connection.stream());
  if (it == conversations_.end()) return;
  std::unique_ptr<Conversation> conversation = std::move(it->second);
  conversations_.erase(it);
  if (!conversation) return;
  for (TcpDirection direction : {TcpDirection::a_to_b, TcpDirection::b_to_a})
    finish_side(*conversation, direction, connection.flow(direction).finished, frame_);
  for (TcpDirection direction : {TcpDirection::a_to_b, TcpDirection::b_to_a}) {
    Side& side = conversation->side(direction);
    // The requests waiting in this direction's parser were sent the other way.
    if (side.parser.pending_requests() > 0)
      observer_.on_notice(connection, HttpNotice{HttpNoticeKind::unanswered_requests, reverse(direction),
                                                 side.parser.pending_requests(), frame_});
    if (side.unparsed > 0)
      observer_.on_notice(connection, HttpNotice{HttpNoticeKind::unparsed_bytes, direction, side.unparsed, frame_});
  }
  --stats_.conversations;
  for (const Side& side : conversation->sides) stats_.buffered_bytes -= side.accounted;
  if (spares_.size() < options_.max_spare_conversations) {
    conversation->connection = nullptr;
    conversation->requests = 0;
    for (Side& side : conversation->sides) side.reset();
    spares_.push_back(std::move(conversation));
  }
}

}  // namespace pktdoc
