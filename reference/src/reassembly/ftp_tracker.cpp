#include "pktdoc/reassembly/ftp_tracker.hpp"

#include <algorithm>
#include <deque>

namespace pktdoc {

std::string_view ftp_data_outcome_name(FtpDataOutcome outcome) noexcept {
  switch (outcome) {
    case FtpDataOutcome::completed:
      return "completed";
    case FtpDataOutcome::refused:
      return "refused";
    case FtpDataOutcome::unanswered:
      return "unanswered";
    case FtpDataOutcome::aborted:
      return "aborted";
    case FtpDataOutcome::incomplete:
      return "incomplete";
    case FtpDataOutcome::never_made:
      return "never_made";
    case FtpDataOutcome::rejected:
      return "rejected";
    case FtpDataOutcome::no_reply:
      return "no_reply";
  }
  return "unknown";
}

void write_ftp_data_line(const FtpDataConnectionEvent& e, std::string& line) {
  const auto number = [&line](std::uint64_t value) { line += std::to_string(value); };
  line += "data\tcontrol=";
  number(e.control_stream);
  line += "\tcommand=";
  line += e.command;
  if (!e.argument.empty()) {
    line += ' ';
    line += e.argument;
  }
  line += "\treply=";
  if (e.reply_code != 0)
    number(e.reply_code);
  else
    line += '-';
  line += "\tendpoint=";
  line += e.endpoint ? e.endpoint->to_text().view() : std::string_view("-");
  line += "\toutcome=";
  line += ftp_data_outcome_name(e.outcome);
  if (e.data_stream) {
    line += "\tdata_stream=";
    number(*e.data_stream);
  }
  if (!e.transfer.empty()) {
    line += "\ttransfer=";
    line += e.transfer;
    line += "\ttransfer_reply=";
    if (e.transfer_reply_code != 0)
      number(e.transfer_reply_code);
    else
      line += '-';
  }
  line += "\tto_client=";
  number(e.bytes_to_client);
  line += "\tto_server=";
  number(e.bytes_to_server);
  line += "\tmissing=";
  number(e.missing_bytes);
  if (e.evicted) line += "\tevicted";
}

FtpObserver::~FtpObserver() = default;
void FtpObserver::on_command(TcpConnection&, const FtpCommandEvent&) {}
void FtpObserver::on_reply(TcpConnection&, const FtpReplyEvent&) {}
void FtpObserver::on_error(TcpConnection&, const FtpErrorEvent&) {}
void FtpObserver::on_data_connection(const FtpDataConnectionEvent&) {}
void FtpObserver::on_transfer_data(TcpConnection&, std::uint64_t, const TcpData&) {}

namespace {

bool same_address(const TcpEndpoint& a, const TcpEndpoint& b) noexcept {
  return a.ip_version == b.ip_version && a.address == b.address;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool is_transfer(std::string_view verb) noexcept {
  for (std::string_view name : {"RETR", "STOR", "STOU", "APPE", "LIST", "NLST", "MLSD"})
    if (verb == name) return true;
  return false;
}

}  // namespace

struct FtpTracker::Announcement {
  enum class State : std::uint8_t { awaiting_reply, accepted, linked, closed };

  std::list<Announcement>::iterator self;
  Session* session = nullptr;  // null once the control connection ended
  std::uint64_t control_stream = 0;
  TcpEndpoint client, server;  // the control connection's ends
  FtpDataMode mode = FtpDataMode::passive;
  std::string command, argument;
  std::uint64_t command_frame = 0;
  std::uint16_t reply_code = 0;
  std::string reply_text;
  std::uint64_t reply_frame = 0;
  std::optional<TcpEndpoint> endpoint;
  const char* endpoint_error = "";
  State state = State::awaiting_reply;
  std::optional<std::uint64_t> data_stream;
  std::uint64_t data_first_frame = 0;
  std::string transfer;
  bool transfer_pending = false;  // a transfer command awaits its final reply
  std::uint16_t transfer_reply_code = 0;
  std::uint64_t to_client = 0, to_server = 0, missing = 0;
  FtpDataOutcome data_outcome = FtpDataOutcome::incomplete;  // once the data connection closed
  bool evicted = false;

  bool waiting() const noexcept { return state == State::awaiting_reply || state == State::accepted; }
};

struct FtpTracker::Session {
  struct Pending {
    std::string verb, argument;
    Announcement* announcement = nullptr;  // a PORT, EPRT, PASV or EPSV
    Announcement* transfer = nullptr;      // a transfer command using that announcement
  };

  Session(TcpConnection& c, const FtpLimits& limits) : connection(&c), commands(limits), replies(limits) {}

  TcpConnection* connection;
  TcpDirection to_server = TcpDirection::a_to_b;  // the direction of the commands
  FtpCommandParser commands;
  FtpReplyParser replies;
  std::deque<Pending> pending;
  Announcement* current = nullptr;  // the latest announcement not yet reported

  const TcpEndpoint& client() const { return to_server == TcpDirection::a_to_b ? connection->a() : connection->b(); }
  const TcpEndpoint& server() const { return to_server == TcpDirection::a_to_b ? connection->b() : connection->a(); }
  void forget(const Announcement* announcement) {
    if (current == announcement) current = nullptr;
    for (Pending& p : pending) {
      if (p.announcement == announcement) p.announcement = nullptr;
      if (p.transfer == announcement) p.transfer = nullptr;
    }
  }
};

FtpTracker::FtpTracker(FtpObserver& observer, const FtpTrackerOptions& options)
    : observer_(observer), options_(options) {}

FtpTracker::~FtpTracker() = default;

std::string FtpTracker::kept(std::string_view text) const {
  return std::string(text.substr(0, options_.max_kept_text));
}

void FtpTracker::report(Announcement& a, FtpDataOutcome outcome) {
  FtpDataConnectionEvent event;
  event.control_stream = a.control_stream;
  event.mode = a.mode;
  event.outcome = outcome;
  event.frame = frame_;
  event.command = a.command;
  event.argument = a.argument;
  event.command_frame = a.command_frame;
  event.reply_code = a.reply_code;
  event.reply_text = a.reply_text;
  event.reply_frame = a.reply_frame;
  event.endpoint = a.endpoint;
  event.endpoint_error = a.endpoint_error;
  event.data_stream = a.data_stream;
  event.data_first_frame = a.data_first_frame;
  event.transfer = a.transfer;
  event.transfer_reply_code = a.transfer_reply_code;
  event.bytes_to_client = a.to_client;
  event.bytes_to_server = a.to_server;
  event.missing_bytes = a.missing;
  event.evicted = a.evicted;
  if (a.waiting()) --stats_.waiting_announcements;
  if (a.session != nullptr) a.session->forget(&a);
  if (a.data_stream && a.state == Announcement::State::linked) data_links_.erase(*a.data_stream);
  observer_.on_data_connection(event);  // its views point into `a`
  announcements_.erase(a.self);
}

void FtpTracker::error(Session& session, TcpDirection direction, const FtpError& e) {
  ++stats_.errors;
  observer_.on_error(*session.connection, FtpErrorEvent{direction, frame_, e});
}

void FtpTracker::announce(Session& session, const FtpCommand& cmd, std::string_view verb) {
  // A new data-connection command replaces the latest one: if that one was accepted and no
  // connection came, none will.
  if (session.current != nullptr && session.current->state == Announcement::State::accepted)
    report(*session.current, FtpDataOutcome::never_made);
  // Keep within the limit on waiting announcements: the oldest goes first.
  while (stats_.waiting_announcements >= options_.max_waiting_announcements && stats_.waiting_announcements > 0) {
    auto oldest =
        std::find_if(announcements_.begin(), announcements_.end(), [](const Announcement& x) { return x.waiting(); });
    if (oldest == announcements_.end()) break;
    oldest->evicted = true;
    report(*oldest, FtpDataOutcome::never_made);
  }
  announcements_.emplace_back();
  Announcement& a = announcements_.back();
  a.self = std::prev(announcements_.end());
  a.session = &session;
  a.control_stream = session.connection->stream();
  a.client = session.client();
  a.server = session.server();
  a.command = std::string(verb);
  a.argument = kept(cmd.argument);
  a.command_frame = frame_;
  a.mode = (verb == "PORT" || verb == "EPRT") ? FtpDataMode::active : FtpDataMode::passive;
  if (verb == "PORT" || verb == "EPRT") {
    const FtpHostPortResult parsed = verb == "PORT" ? parse_ftp_port(cmd.argument) : parse_ftp_eprt(cmd.argument);
    if (parsed.value) {
      a.endpoint = parsed.value->ip_version == 4 ? TcpEndpoint::from(parsed.value->ipv4, parsed.value->port)
                                                 : TcpEndpoint::from(parsed.value->ipv6, parsed.value->port);
    } else {
      a.endpoint_error = parsed.error;
    }
  }
  session.current = &a;
  ++stats_.announcements;
  ++stats_.waiting_announcements;
}

void FtpTracker::command(Session& session, const FtpCommand& cmd) {
  ++stats_.commands;
  observer_.on_command(*session.connection, FtpCommandEvent{session.to_server, frame_, &cmd});
  const std::string verb = upper(cmd.verb);
  Session::Pending pending;
  pending.verb = verb;
  pending.argument = kept(cmd.argument);
  if (verb == "PORT" || verb == "EPRT" || verb == "PASV" || verb == "EPSV") {
    announce(session, cmd, verb);
    pending.announcement = session.current;
  } else if (is_transfer(verb) && session.current != nullptr && session.current->transfer.empty()) {
    Announcement& a = *session.current;
    std::string transfer = verb;
    if (!cmd.argument.empty()) transfer.append(" ").append(cmd.argument);
    a.transfer = kept(transfer);
    a.transfer_pending = true;
    pending.transfer = &a;
  }
  if (session.pending.size() < options_.max_pending_commands) session.pending.push_back(std::move(pending));
}

void FtpTracker::reply(Session& session, const FtpReply& r) {
  ++stats_.replies;
  const TcpDirection direction = reverse(session.to_server);
  if (session.pending.empty()) {
    observer_.on_reply(*session.connection, FtpReplyEvent{direction, frame_, &r, {}, {}});
    return;
  }
  Session::Pending front = session.pending.front();
  observer_.on_reply(*session.connection, FtpReplyEvent{direction, frame_, &r, front.verb, front.argument});
  if (r.reply_class() == FtpReplyClass::preliminary) return;  // the final reply is still to come
  session.pending.pop_front();

  if (Announcement* a = front.announcement) {
    a->reply_code = r.code;
    a->reply_text = kept(r.first_line());
    a->reply_frame = frame_;
    if (r.negative()) {
      report(*a, FtpDataOutcome::rejected);
      return;
    }
    if (a->mode == FtpDataMode::passive) {
      const FtpHostPortResult parsed =
          a->command == "PASV" ? parse_ftp_pasv_reply(r.text) : parse_ftp_epsv_reply(r.text);
      if (!parsed.value) {
        a->endpoint_error = parsed.error;
      } else if (parsed.value->ip_version == 4) {
        a->endpoint = TcpEndpoint::from(parsed.value->ipv4, parsed.value->port);
      } else if (parsed.value->ip_version == 6) {
        a->endpoint = TcpEndpoint::from(parsed.value->ipv6, parsed.value->port);
      } else {  // 229: the address of the control connection's server (RFC 2428 section 3)
        TcpEndpoint endpoint = a->server;
        endpoint.port = parsed.value->port;
        a->endpoint = endpoint;
      }
    }
    if (a->state == Announcement::State::awaiting_reply) a->state = Announcement::State::accepted;
    // Replaced by a later command while its reply was awaited: no connection will use it.
    if (session.current != a && a->state == Announcement::State::accepted) report(*a, FtpDataOutcome::never_made);
    return;
  }
  if (Announcement* a = front.transfer) {
    a->transfer_reply_code = r.code;
    a->transfer_pending = false;
    if (a->state == Announcement::State::closed)
      report(*a, a->data_outcome);
    else if (a->state == Announcement::State::accepted || a->state == Announcement::State::awaiting_reply)
      report(*a, FtpDataOutcome::never_made);  // the transfer is over and no connection was seen
  }
}

void FtpTracker::link(TcpConnection& connection) {
  for (Announcement& a : announcements_) {
    if (!a.waiting() || !a.endpoint) continue;
    const TcpEndpoint& announced = *a.endpoint;
    // To the announced endpoint, or to its port at the address of the party that announced it
    // (which a NAT may have rewritten in the IP header but not in the text).
    const TcpEndpoint& announcer = a.mode == FtpDataMode::passive ? a.server : a.client;
    const bool to = connection.b() == announced ||
                    (connection.b().port == announced.port && same_address(connection.b(), announcer));
    const bool from = connection.a() == announced;
    if (!to && !from) continue;
    --stats_.waiting_announcements;
    a.state = Announcement::State::linked;
    a.data_stream = connection.stream();
    a.data_first_frame = connection.first_frame();
    data_links_[connection.stream()] = &a;
    ++stats_.data_connections;
    return;
  }
}

void FtpTracker::on_open(TcpConnection& connection) {
  const auto control = [&](std::uint16_t port) {
    return std::find(options_.control_ports.begin(), options_.control_ports.end(), port) !=
           options_.control_ports.end();
  };
  if (control(connection.b().port) || control(connection.a().port)) {
    auto session = std::make_unique<Session>(connection, options_.limits);
    // The server is the end on the control port (the responder when both are).
    session->to_server = control(connection.b().port) ? TcpDirection::a_to_b : TcpDirection::b_to_a;
    sessions_[connection.stream()] = std::move(session);
    ++stats_.control_connections;
    return;
  }
  link(connection);
}

void FtpTracker::on_data(TcpConnection& connection, const TcpData& data) {
  frame_ = data.frame;
  if (const auto it = sessions_.find(connection.stream()); it != sessions_.end()) {
    Session& session = *it->second;
    ByteView bytes = data.bytes;
    while (!bytes.empty()) {
      FtpParse step;
      if (data.direction == session.to_server) {
        step = session.commands.parse(bytes);
        if (step.status == FtpParseStatus::complete) command(session, session.commands.command());
      } else {
        step = session.replies.parse(bytes);
        if (step.status == FtpParseStatus::complete) reply(session, session.replies.reply());
      }
      if (step.status == FtpParseStatus::error) error(session, data.direction, step.error);
      bytes = bytes.subspan(std::min(step.consumed, bytes.size()));
      if (step.consumed == 0) break;
    }
    return;
  }
  if (const auto it = data_links_.find(connection.stream()); it != data_links_.end()) {
    Announcement& a = *it->second;
    const TcpEndpoint& receiver = data.direction == TcpDirection::a_to_b ? connection.b() : connection.a();
    (same_address(receiver, a.client) ? a.to_client : a.to_server) += data.bytes.size();
    observer_.on_transfer_data(connection, a.control_stream, data);
  }
}

void FtpTracker::on_gap(TcpConnection& connection, const TcpGap& gap) {
  frame_ = gap.frame;
  if (const auto it = sessions_.find(connection.stream()); it != sessions_.end()) {
    Session& session = *it->second;
    const FtpParse step =
        gap.direction == session.to_server ? session.commands.gap(gap.length) : session.replies.gap(gap.length);
    if (step.status == FtpParseStatus::error) error(session, gap.direction, step.error);
    return;
  }
  if (const auto it = data_links_.find(connection.stream()); it != data_links_.end()) it->second->missing += gap.length;
}

void FtpTracker::end_session(TcpConnection& connection, Session& session) {
  for (TcpDirection direction : {TcpDirection::a_to_b, TcpDirection::b_to_a}) {
    const FtpParse step = direction == session.to_server ? session.commands.finish() : session.replies.finish();
    if (step.status == FtpParseStatus::error) error(session, direction, step.error);
  }
  // Settle what this session announced: the data connections still open settle when they close.
  for (auto it = announcements_.begin(); it != announcements_.end();) {
    Announcement& a = *it++;
    if (a.session != &session) continue;
    switch (a.state) {
      case Announcement::State::awaiting_reply:
        report(a, FtpDataOutcome::no_reply);
        break;
      case Announcement::State::accepted:
        report(a, FtpDataOutcome::never_made);
        break;
      case Announcement::State::closed:
        report(a, a.data_outcome);
        break;
      case Announcement::State::linked:
        a.session = nullptr;
        a.transfer_pending = false;  // no reply can come any more
        break;
    }
  }
  (void)connection;
}

void FtpTracker::end_data(TcpConnection& connection, Announcement& a, TcpCloseReason reason) {
  const TcpFlowInfo& opener = connection.flow(TcpDirection::a_to_b);
  const TcpFlowInfo& answerer = connection.flow(TcpDirection::b_to_a);
  FtpDataOutcome outcome;
  if (opener.syn_seen && !answerer.syn_seen && opener.delivered_bytes == 0 && answerer.delivered_bytes == 0)
    outcome = reason == TcpCloseReason::reset ? FtpDataOutcome::refused : FtpDataOutcome::unanswered;
  else if (reason == TcpCloseReason::fin)
    outcome = a.missing == 0 ? FtpDataOutcome::completed : FtpDataOutcome::incomplete;
  else if (reason == TcpCloseReason::reset)
    outcome = FtpDataOutcome::aborted;
  else
    outcome = FtpDataOutcome::incomplete;
  data_links_.erase(connection.stream());
  a.state = Announcement::State::closed;
  a.data_outcome = outcome;
  // Wait for the transfer command's final reply (226 usually follows the data connection's close).
  if (!a.transfer_pending || a.session == nullptr) report(a, outcome);
}

void FtpTracker::on_close(TcpConnection& connection, TcpCloseReason reason) {
  if (const auto it = sessions_.find(connection.stream()); it != sessions_.end()) {
    std::unique_ptr<Session> session = std::move(it->second);
    sessions_.erase(it);
    end_session(connection, *session);
    return;
  }
  if (const auto it = data_links_.find(connection.stream()); it != data_links_.end())
    end_data(connection, *it->second, reason);
}

TcpAddResult FtpTracker::add(TcpReassembler& reassembler, const IpLayers& ip, std::uint64_t frame,
                             Timestamp timestamp) {
  frame_ = frame;
  return reassembler.add(ip, frame, timestamp);
}

void FtpTracker::add(TcpReassembler& reassembler, const Frame& frame, const DecodedPacket& packet) {
  add(reassembler, packet.ip, frame.number, frame.timestamp);
  for (std::size_t i = 0; i < packet.inner_count && i < packet.inner.size(); ++i)
    add(reassembler, packet.inner[i], frame.number, frame.timestamp);
}

void FtpTracker::finish(TcpReassembler& reassembler) { reassembler.finish(); }

}  // namespace pktdoc
