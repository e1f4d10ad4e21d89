#include "pktdoc/reassembly/http_listing.hpp"

#include <cinttypes>
#include <cstdio>

namespace pktdoc {

namespace {

void append_number(std::string& line, std::uint64_t value) {
  char text[24];
  const int length = std::snprintf(text, sizeof text, "%" PRIu64, value);
  if (length > 0) line.append(text, static_cast<std::size_t>(length));
}

// The fields of the messages one frame completed, each a comma-separated list of the values of
// every occurrence, as `tshark -T fields -E occurrence=a` prints them.
struct Fields {
  std::string method, uri, version, host, code, content_length;
  bool requests = false, responses = false, lengths = false, hosts = false;
  std::uint64_t stream = 0;
  bool empty = true;

  static void push(std::string& list, std::string_view value, bool& any) {
    if (any) list += ',';
    list += value;
    any = true;
  }

  void add(const HttpHead& head, std::uint64_t stream_number) {
    if (empty) stream = stream_number;
    empty = false;
    if (head.is_request()) {
      bool uri_listed = requests, version_listed = requests;  // the three lists grow together
      push(method, head.method, requests);
      push(uri, head.target, uri_listed);
      push(version, head.version, version_listed);
    } else {
      char text[8];
      const int length = std::snprintf(text, sizeof text, "%u", static_cast<unsigned>(head.status_code));
      push(code, std::string_view(text, length > 0 ? static_cast<std::size_t>(length) : 0), responses);
    }
    for (const HttpHeader& header : head.headers) {
      if (http_name_equals(header.name, "Host")) push(host, header.value, hosts);
      if (http_name_equals(header.name, "Content-Length")) push(content_length, header.value, lengths);
    }
  }

  void write(std::uint64_t frame, std::string& line) const {
    if (empty || (!requests && !responses)) return;
    line += "frame=";
    append_number(line, frame);
    line += "\tstream=";
    append_number(line, stream);
    if (requests) {
      line += "\tmethod=";
      line += method;
      line += "\turi=";
      line += uri;
      line += "\tversion=";
      line += version;
      line += "\thost=";
      line += host;
    } else {
      line += "\tcode=";
      line += code;
    }
    if (lengths) {
      line += "\tcontent_length=";
      line += content_length;
    }
  }

  void clear() {
    method.clear();
    uri.clear();
    version.clear();
    host.clear();
    code.clear();
    content_length.clear();
    requests = responses = lengths = hosts = false;
    empty = true;
  }
};

const char* direction_text(TcpDirection direction) { return direction == TcpDirection::a_to_b ? "a2b" : "b2a"; }

}  // namespace

void write_http_line(std::uint64_t frame, std::uint64_t stream, std::span<const HttpHead* const> heads,
                     std::string& line) {
  Fields fields;
  for (const HttpHead* head : heads)
    if (head != nullptr) fields.add(*head, stream);
  fields.write(frame, line);
}

class HttpListing::Writer final : public HttpObserver, public DefragmentObserver {
 public:
  explicit Writer(const HttpListingOptions& options)
      : tracker(*this, options.http), reassembler(tracker, options.tcp), defragmenter(*this, options.ip) {}

  void on_message(TcpConnection& connection, const HttpMessageEvent& event) override {
    const HttpMessage& message = *event.message;
    if (event.complete()) {
      if (fields.empty || frame != event.frame) {
        flush();
        frame = event.frame;
      }
      fields.add(message.head, connection.stream());
      return;
    }
    if (notes == nullptr) return;
    std::string& out = *notes;
    out += "incomplete\tframe=";
    append_number(out, event.frame);
    out += "\tstream=";
    append_number(out, connection.stream());
    out += "\tdirection=";
    out += direction_text(event.direction);
    out += "\tfirst_frame=";
    append_number(out, event.first_frame);
    out += "\terror=";
    out += http_error_kind_name(event.error.kind);
    out += "\treason=";
    out += event.error.reason;
    if (message.head_complete) {
      if (message.head.is_request()) {
        out += "\tmethod=";
        out += message.head.method;
        out += "\turi=";
        out += message.head.target;
      } else {
        out += "\tcode=";
        append_number(out, message.head.status_code);
      }
    }
    out += '\n';
  }

  void on_notice(TcpConnection& connection, const HttpNotice& notice) override {
    if (notes == nullptr) return;
    std::string& out = *notes;
    out += "notice\tframe=";
    append_number(out, notice.frame);
    out += "\tstream=";
    append_number(out, connection.stream());
    out += "\tdirection=";
    out += direction_text(notice.direction);
    out += "\tkind=";
    out += http_notice_kind_name(notice.kind);
    out += "\tcount=";
    append_number(out, notice.count);
    out += '\n';
  }

  void on_reassembled(const ReassembledDatagram& datagram) override {
    decode_ip(datagram.packet, datagram_layers);
    tracker.add(reassembler, datagram_layers, datagram.completing_frame, datagram.completed_at);
  }
  void on_abandoned(const AbandonedDatagram&) override {}
  void on_dropped(const DroppedFragment&) override {}

  // Moves the line of the frame being accumulated to `lines`.
  void flush() {
    if (fields.empty) return;
    if (lines != nullptr) {
      fields.write(frame, *lines);
      *lines += '\n';
    }
    fields.clear();
  }

  HttpTracker tracker;
  TcpReassembler reassembler;
  IpDefragmenter defragmenter;
  IpLayers datagram_layers;
  Fields fields;
  std::uint64_t frame = 0;
  std::string* lines = nullptr;
  std::string* notes = nullptr;
};

HttpListing::HttpListing(const HttpListingOptions& options) : writer_(std::make_unique<Writer>(options)) {}

HttpListing::~HttpListing() = default;

void HttpListing::add(const Frame& frame, const DecodedPacket& packet, std::string& lines, std::string* notes) {
  Writer& w = *writer_;
  w.lines = &lines;
  w.notes = notes;
  if (w.defragmenter.add(packet.ip, frame.number, frame.timestamp) == FragmentResult::not_fragment)
    w.tracker.add(w.reassembler, frame, packet);
  w.flush();
  w.lines = nullptr;
  w.notes = nullptr;
}

void HttpListing::finish(std::string& lines, std::string* notes) {
  Writer& w = *writer_;
  w.lines = &lines;
  w.notes = notes;
  w.defragmenter.finish();
  w.tracker.finish(w.reassembler);
  w.flush();
  w.lines = nullptr;
  w.notes = nullptr;
}

const HttpTracker& HttpListing::tracker() const noexcept { return writer_->tracker; }
const TcpReassembler& HttpListing::reassembler() const noexcept { return writer_->reassembler; }
const IpDefragmenter& HttpListing::defragmenter() const noexcept { return writer_->defragmenter; }

}  // namespace pktdoc
