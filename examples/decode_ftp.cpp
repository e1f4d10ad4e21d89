// decode_ftp: FTP sessions: the conversation on the control connection, and what became of each
// data connection it announced.
//
//   decode_ftp -f FILE | -i IFACE [-F 'BPF filter']
//
// FTP (RFC 959) uses two kinds of TCP connection. The control connection, to the server's port
// 21, carries text: the client sends commands ("USER anonymous", "RETR README"), the server
// answers each with a three-digit reply ("331 Guest login ok", "226 Transfer complete."). The
// first digit says how it went: 1 in progress, 2 done, 3 send the next command, 4 failed for
// now, 5 failed. Files and listings travel on separate data connections, one per transfer, and
// the control connection says where each will be made:
//   - active mode: the client listens and announces its address with PORT h1,h2,h3,h4,p1,p2
//     (IPv4 only; the port is p1*256+p2) or EPRT |2|2001:db8::1|5282| (RFC 2428, any family);
//     the server connects to it. A NAT or firewall between them often breaks this.
//   - passive mode: the client sends PASV and the server answers "227 Entering Passive Mode
//     (h1,h2,h3,h4,p1,p2)", or EPSV and "229 Entering Extended Passive Mode (|||port|)" (RFC
//     2428: the address is the control connection's); the client connects to it.
//
// This program prints, for every control connection, the transcript: each command and reply
// with its frame and direction (C>S client to server, S>C back). At the frame where the outcome
// of an announced data connection becomes known, it prints what became of it: rejected by the
// server's reply, completed (with the bytes each way), refused, never answered, aborted,
// incomplete, or never made. The bytes of the data connection are counted, not printed. The
// three kinds of failure in the project's captures are each told apart from the others: an
// active PORT the server rejects (500), a PASV the server cannot open (425), and, over IPv6, an
// EPSV whose data connection carries a 1432-byte file to the end.
//
// All of it is the library's: TcpReassembler puts the bytes of each connection in order,
// FtpTracker parses both directions of each control connection and links data connections to
// the announcements (by the announced address and port), and reports to the FtpObserver below.
//
// Memory: what the reassembler's and the tracker's limits allow; this program adds one line of
// text per connection for the summary.

#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>

#include "example_support.hpp"
#include "pktdoc/ftp.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ftp_tracker.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace {

constexpr char kUsage[] =
    "usage: decode_ftp -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  Prints each FTP control connection's commands and replies with their frames, and\n"
    "  what became of every data connection announced with PORT, EPRT, PASV or EPSV.\n";

// What the outcome means, for people.
const char* outcome_text(pktdoc::FtpDataOutcome outcome) {
  switch (outcome) {
    case pktdoc::FtpDataOutcome::completed:
      return "completed: made, carried its bytes, closed by both sides";
    case pktdoc::FtpDataOutcome::refused:
      return "refused: its SYN was answered by a RST (nothing listening)";
    case pktdoc::FtpDataOutcome::unanswered:
      return "unanswered: its SYN got no answer";
    case pktdoc::FtpDataOutcome::aborted:
      return "aborted: established, then reset";
    case pktdoc::FtpDataOutcome::incomplete:
      return "incomplete: not closed before the capture ended, or bytes missing";
    case pktdoc::FtpDataOutcome::never_made:
      return "never made: accepted, but no such connection was seen";
    case pktdoc::FtpDataOutcome::rejected:
      return "rejected by the server";
    case pktdoc::FtpDataOutcome::no_reply:
      return "no reply: the control connection ended first";
  }
  return "?";
}

// Per control connection, for the summary.
struct Session {
  std::string client, server;
  std::uint64_t commands = 0, replies = 0, announcements = 0, completed = 0;
  std::string ended;  // how the control connection ended
};

// [ftp-observer]
// Receives the transcript and the outcomes from the tracker, from inside the reassembler.
class Printer : public pktdoc::FtpObserver {
 public:
  std::map<std::uint64_t, Session> sessions;  // by control stream

  void on_command(pktdoc::TcpConnection& control, const pktdoc::FtpCommandEvent& event) override {
    Session& session = start(control, event.direction);
    ++session.commands;
    const pktdoc::FtpCommand& command = *event.command;
    const bool announces = command.is("PORT") || command.is("EPRT") || command.is("PASV") || command.is("EPSV");
    if (announces) ++session.announcements;
    std::printf("%5" PRIu64 "  %3" PRIu64 "  C>S  %s%s%s\n", event.frame, control.stream(),
                examples::printable(command.line).c_str(), command.cut ? " [cut]" : "",
                !announces                                 ? ""
                : command.is("PORT") || command.is("EPRT") ? "   (active: the server is to connect)"
                                                           : "   (passive: the client is to connect)");
  }

  void on_reply(pktdoc::TcpConnection& control, const pktdoc::FtpReplyEvent& event) override {
    Session& session = start(control, pktdoc::reverse(event.direction));
    ++session.replies;
    const pktdoc::FtpReply& reply = *event.reply;
    std::printf("%5" PRIu64 "  %3" PRIu64 "  S>C  %u %s", event.frame, control.stream(), reply.code,
                examples::printable(reply.first_line()).c_str());
    if (reply.multiline) std::printf("   [%zu lines]", reply.line_count);
    if (reply.negative() && !event.command_verb.empty())
      std::printf("   (%s failed)", std::string(event.command_verb).c_str());
    std::printf("\n");
  }

  void on_error(pktdoc::TcpConnection& control, const pktdoc::FtpErrorEvent& event) override {
    std::printf("%5" PRIu64 "  %3" PRIu64 "  %s  not FTP: %s\n", event.frame, control.stream(),
                event.direction == pktdoc::TcpDirection::a_to_b ? "A>B" : "B>A", event.error.reason);
  }

  // [ftp-outcome]
  void on_data_connection(const pktdoc::FtpDataConnectionEvent& event) override {
    std::string announced(event.command);
    if (!event.argument.empty()) announced += " " + examples::printable(event.argument);
    std::printf("%5" PRIu64 "  %3" PRIu64 "  data connection announced by %s (frame %" PRIu64 "): %s\n", event.frame,
                event.control_stream, announced.c_str(), event.command_frame, outcome_text(event.outcome));
    if (event.reply_code != 0)
      std::printf("                 reply %u %s (frame %" PRIu64 ")\n", event.reply_code,
                  examples::printable(event.reply_text).c_str(), event.reply_frame);
    else
      std::printf("                 no reply to it\n");
    if (event.endpoint)
      std::printf("                 endpoint %s, %s\n", event.endpoint->to_text().c_str(),
                  event.mode == pktdoc::FtpDataMode::active ? "the client listening" : "the server listening");
    else if (!event.endpoint_error.empty())
      std::printf("                 endpoint unreadable: %s\n", std::string(event.endpoint_error).c_str());
    if (event.data_stream)
      std::printf("                 data connection: stream %" PRIu64 " from frame %" PRIu64 ", %" PRIu64
                  " bytes to the client, %" PRIu64 " to the server, %" PRIu64 " missing\n",
                  *event.data_stream, event.data_first_frame, event.bytes_to_client, event.bytes_to_server,
                  event.missing_bytes);
    if (!event.transfer.empty()) {
      std::printf("                 transfer %s", examples::printable(event.transfer).c_str());
      if (event.transfer_reply_code != 0)
        std::printf(", reply %u\n", event.transfer_reply_code);
      else
        std::printf(", no final reply\n");
    }
    if (event.outcome == pktdoc::FtpDataOutcome::completed) ++sessions[event.control_stream].completed;
  }
  // [ftp-outcome]

 private:
  // The session of a control connection, named from the client's direction.
  Session& start(const pktdoc::TcpConnection& control, pktdoc::TcpDirection client_direction) {
    Session& session = sessions[control.stream()];
    if (session.client.empty()) {
      const bool a_is_client = client_direction == pktdoc::TcpDirection::a_to_b;
      session.client = (a_is_client ? control.a() : control.b()).to_text().c_str();
      session.server = (a_is_client ? control.b() : control.a()).to_text().c_str();
      std::printf("%5" PRIu64 "  %3" PRIu64 "  control connection %s -> %s\n", control.first_frame(), control.stream(),
                  session.client.c_str(), session.server.c_str());
    }
    return session;
  }
};
// [ftp-observer]

// The tracker, told also when a control connection ends, so that the transcript says how.
class Tracker : public pktdoc::FtpTracker {
 public:
  explicit Tracker(Printer& printer) : pktdoc::FtpTracker(printer), printer_(printer) {}
  std::uint64_t frame = 0;  // the frame being added

  void on_close(pktdoc::TcpConnection& connection, pktdoc::TcpCloseReason reason) override {
    pktdoc::FtpTracker::on_close(connection, reason);  // settles the outcomes first
    const auto found = printer_.sessions.find(connection.stream());
    if (found == printer_.sessions.end()) return;  // a data connection, or not FTP
    const char* how = reason == pktdoc::TcpCloseReason::fin            ? "closed by both sides (FIN)"
                      : reason == pktdoc::TcpCloseReason::reset        ? "reset (RST)"
                      : reason == pktdoc::TcpCloseReason::end_of_input ? "still open when the capture ended"
                                                                       : pktdoc::tcp_close_reason_name(reason).data();
    found->second.ended = how;
    std::printf("%5" PRIu64 "  %3" PRIu64 "  control connection %s\n", frame, connection.stream(), how);
  }

 private:
  Printer& printer_;
};

// IP fragments go to the defragmenter; a datagram made whole joins the other packets.
struct Program : pktdoc::DefragmentObserver {
  Printer printer;
  Tracker ftp{printer};
  pktdoc::TcpReassembler reassembler{ftp};

  void on_reassembled(const pktdoc::ReassembledDatagram& datagram) override {
    pktdoc::IpLayers ip;
    pktdoc::decode_ip(datagram.packet, ip);
    ftp.frame = datagram.completing_frame;
    ftp.add(reassembler, ip, datagram.completing_frame, datagram.completed_at);
  }
  void on_abandoned(const pktdoc::AbandonedDatagram&) override {}  // decode_udp reports these
  void on_dropped(const pktdoc::DroppedFragment&) override {}
};

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_ftp");
  examples::stop_on_signal(capture);

  Program program;
  pktdoc::IpDefragmenter defragmenter(program);
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  bool failed = false;

  std::printf("frame  stream\n");
  // [ftp-loop]
  while (examples::next_frame(capture, frame, "decode_ftp", failed)) {
    pktdoc::decode_packet(frame, packet);
    program.ftp.frame = frame.number;
    if (defragmenter.add(packet.ip, frame.number, frame.timestamp) == pktdoc::FragmentResult::not_fragment)
      program.ftp.add(program.reassembler, frame, packet);
  }
  defragmenter.finish();
  program.ftp.finish(program.reassembler);  // settles what is still waiting
  // [ftp-loop]

  std::printf("\n%" PRIu64 " frames, %zu FTP control connection%s\n", frame.number, program.printer.sessions.size(),
              program.printer.sessions.size() == 1 ? "" : "s");
  for (const auto& [stream, s] : program.printer.sessions)
    std::printf("  stream %" PRIu64 "  %s -> %s  %" PRIu64 " commands, %" PRIu64 " replies, %" PRIu64
                " data connection%s announced, %" PRIu64 " completed; %s\n",
                stream, s.client.c_str(), s.server.c_str(), s.commands, s.replies, s.announcements,
                s.announcements == 1 ? "" : "s", s.completed, s.ended.empty() ? "not ended" : s.ended.c_str());
  return failed ? 1 : 0;
}
