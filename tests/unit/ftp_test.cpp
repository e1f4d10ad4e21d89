// FTP: commands, single- and multi-line replies split across segments at every byte, Telnet
// commands in the control stream, the arguments of PORT, EPRT and the 227 and 229 replies (valid
// and malformed), and FtpTracker following whole sessions built as real TCP traffic: a passive
// transfer over IPv6 (EPSV) that completes, PORT and PASV rejected as in the original project's
// captures, a data connection refused, one never made, an active transfer (EPRT) from port 20, a
// session that ends before its reply. The sessions are written for these tests in the manner of
// vsftpd and the BSD ftpd, with documentation addresses.
#include "pktdoc/ftp.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ftp_tracker.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

std::string str(std::string_view text) { return std::string(text); }

// --- Commands ----------------------------------------------------------------------------------

TEST(FtpCommand, Parses) {
  auto command = parse_ftp_command("RETR pub/README");
  ASSERT_TRUE(command);
  EXPECT_EQ(command->verb, "RETR");
  EXPECT_EQ(command->argument, "pub/README");
  command = parse_ftp_command("pasv");
  ASSERT_TRUE(command);
  EXPECT_TRUE(command->is("PASV"));
  EXPECT_EQ(command->argument, "");
  command = parse_ftp_command("STOR name with spaces.txt");
  ASSERT_TRUE(command);
  EXPECT_EQ(command->argument, "name with spaces.txt");
  EXPECT_FALSE(parse_ftp_command(""));
  EXPECT_FALSE(parse_ftp_command("GO"));
  EXPECT_FALSE(parse_ftp_command("RETRIEVE x"));
  EXPECT_FALSE(parse_ftp_command("220 ready"));
  EXPECT_FALSE(parse_ftp_command(" USER x"));
}

std::vector<std::string> commands_of(const std::vector<std::string>& pieces,
                                     std::vector<std::string>* errors = nullptr) {
  FtpCommandParser parser;
  std::vector<std::string> out;
  for (const std::string& piece : pieces) {
    ByteView bytes = as_bytes(piece);
    while (!bytes.empty()) {
      const FtpParse step = parser.parse(bytes);
      bytes = bytes.subspan(step.consumed);
      if (step.status == FtpParseStatus::complete)
        out.push_back(str(parser.command().verb) + "|" + str(parser.command().argument));
      if (step.status == FtpParseStatus::error && errors != nullptr) errors->push_back(step.error.reason);
    }
  }
  return out;
}

TEST(FtpCommandParser, TelnetCommandsAreRemoved) {
  // ABOR preceded by Telnet IP and Synch (IAC IP IAC DM, RFC 959 section 4.1.3), a name with a
  // 0xFF byte written IAC IAC, and an option negotiation (IAC DO 1).
  const std::string stream =
      "\xff\xf4\xff\xf2"
      "ABOR\r\nSTOR caf\xff\xff.txt\r\n\xff\xfd\x01NOOP\r\n";
  EXPECT_EQ(commands_of({stream}), (std::vector<std::string>{"ABOR|", "STOR|caf\xff.txt", "NOOP|"}));
  for (std::size_t cut = 0; cut <= stream.size(); ++cut)
    EXPECT_EQ(commands_of({stream.substr(0, cut), stream.substr(cut)}), commands_of({stream})) << cut;
}

TEST(FtpCommandParser, InvalidLinesAreReportedAndSkipped) {
  std::vector<std::string> errors;
  EXPECT_EQ(commands_of({"USER anonymous\r\n12345\r\n\r\nPASS guest@\n"}, &errors),
            (std::vector<std::string>{"USER|anonymous", "PASS|guest@"}));
  EXPECT_EQ(errors.size(), 2u);
}

// --- Replies -----------------------------------------------------------------------------------

struct SeenReply {
  std::uint16_t code = 0;
  std::string text;
  std::size_t lines = 0;
  bool cut = false;
  bool operator==(const SeenReply&) const = default;
};

std::ostream& operator<<(std::ostream& out, const SeenReply& r) { return out << r.code << " [" << r.text << "]"; }

std::vector<SeenReply> replies_of(FtpReplyParser& parser, const std::vector<std::string>& pieces,
                                  std::vector<FtpError>* errors = nullptr) {
  std::vector<SeenReply> out;
  for (const std::string& piece : pieces) {
    ByteView bytes = as_bytes(piece);
    while (!bytes.empty()) {
      const FtpParse step = parser.parse(bytes);
      bytes = bytes.subspan(step.consumed);
      if (step.status == FtpParseStatus::complete) {
        const FtpReply& r = parser.reply();
        out.push_back(SeenReply{r.code, str(r.text), r.line_count, r.cut});
      }
      if (step.status == FtpParseStatus::error && errors != nullptr) errors->push_back(step.error);
    }
  }
  return out;
}

std::vector<SeenReply> replies_of(const std::vector<std::string>& pieces) {
  FtpReplyParser parser;
  return replies_of(parser, pieces);
}

TEST(FtpReplyParser, MultiLineReplyOfRfc959Section4_2) {
  const std::string text =
      "123-First line\r\nSecond line\r\n  234 A line beginning with numbers\r\n123 The last line\r\n";
  const std::vector<SeenReply> replies = replies_of({text});
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].code, 123);
  EXPECT_EQ(replies[0].lines, 4u);
  EXPECT_EQ(replies[0].text, "First line\nSecond line\n  234 A line beginning with numbers\nThe last line");
}

// A greeting and a login as servers send them: vsftpd's multi-line banner with "220-" on every
// line, a 230 whose middle lines start with other codes, a 227 and a 229.
const std::string kReplies =
    "220-Welcome to the example FTP service.\r\n"
    "220-Uploads go to /incoming.\r\n"
    "220 \r\n"
    "331 Please specify the password.\r\n"
    "230-Last login: Tue Nov 14 22:13:20 2023\r\n"
    "226 this is text, not the end\r\n"
    "230-\r\n"
    "230 Login successful.\r\n"
    "227 Entering Passive Mode (198,51,100,21,195,80).\r\n"
    "229 Entering Extended Passive Mode (|||50001|)\n"
    "221 Goodbye.\r\n";

TEST(FtpReplyParser, RepliesSplitAcrossSegmentsAtEveryByteParseTheSame) {
  const std::vector<SeenReply> whole = replies_of({kReplies});
  ASSERT_EQ(whole.size(), 6u);
  EXPECT_EQ(whole[0].code, 220);
  EXPECT_EQ(whole[0].lines, 3u);
  EXPECT_EQ(whole[0].text, "Welcome to the example FTP service.\n220-Uploads go to /incoming.\n");
  EXPECT_EQ(whole[2].code, 230);
  EXPECT_EQ(whole[2].lines, 4u);
  EXPECT_EQ(whole[3].text, "Entering Passive Mode (198,51,100,21,195,80).");
  EXPECT_EQ(whole[4].code, 229);
  EXPECT_EQ(whole[5].text, "Goodbye.");
  for (std::size_t cut = 0; cut <= kReplies.size(); ++cut)
    ASSERT_EQ(replies_of({kReplies.substr(0, cut), kReplies.substr(cut)}), whole) << "cut at " << cut;
  std::vector<std::string> bytes;
  for (char c : kReplies) bytes.emplace_back(1, c);
  EXPECT_EQ(replies_of(bytes), whole);
}

TEST(FtpReplyParser, FirstLineHelpersAndClasses) {
  FtpReplyParser parser;
  ASSERT_EQ(
      parser.parse(as_bytes("150-Opening BINARY mode data connection\r\n150 for README (1432 bytes).\r\n")).status,
      FtpParseStatus::complete);
  const FtpReply& reply = parser.reply();
  EXPECT_TRUE(reply.multiline);
  EXPECT_EQ(reply.first_line(), "Opening BINARY mode data connection");
  EXPECT_EQ(reply.reply_class(), FtpReplyClass::preliminary);
  EXPECT_FALSE(reply.negative());
  ASSERT_EQ(parser.parse(as_bytes("500 Invalid address rejected.\r\n")).status, FtpParseStatus::complete);
  EXPECT_EQ(parser.reply().reply_class(), FtpReplyClass::permanent_negative);
  EXPECT_TRUE(parser.reply().negative());
  ASSERT_EQ(parser.parse(as_bytes("200\r\n")).status, FtpParseStatus::complete);  // a code alone
  EXPECT_EQ(parser.reply().text, "");
}

TEST(FtpReplyParser, NotAReplyIsAnErrorAndParsingGoesOn) {
  FtpReplyParser parser;
  std::vector<FtpError> errors;
  const std::vector<SeenReply> replies =
      replies_of(parser, {"hello\r\n620 out of range\r\n2x0 no\r\n200 OK\r\n"}, &errors);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].code, 200);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].kind, FtpErrorKind::invalid);
  EXPECT_EQ(errors[1].offset, 7u);
}

TEST(FtpReplyParser, GapsAndTheEndCutTheReplyInProgress) {
  FtpReplyParser parser;
  EXPECT_EQ(parser.parse(as_bytes("230-Line one\r\nline tw")).status, FtpParseStatus::need_more);
  FtpParse step = parser.gap(100);
  EXPECT_EQ(step.status, FtpParseStatus::error);
  EXPECT_EQ(step.error.kind, FtpErrorKind::truncated);
  EXPECT_EQ(step.error.offset, 0u);
  // The rest of the line after the gap is dropped, then parsing resumes.
  std::vector<SeenReply> after = replies_of(parser, {"o, continued\r\n230 done\r\n226 Transfer complete.\r\n"});
  ASSERT_EQ(after.size(), 2u);  // "230 done" is a reply of its own: nothing is guessed
  EXPECT_EQ(after[0].code, 230);
  EXPECT_EQ(after[1].code, 226);
  EXPECT_EQ(parser.gap(3).status, FtpParseStatus::need_more);  // between replies
  // What follows a gap up to the next line end may be the end of a line: it is dropped.
  EXPECT_EQ(parser.parse(as_bytes("nd of a line\r\n221")).status, FtpParseStatus::need_more);
  step = parser.finish();
  EXPECT_EQ(step.status, FtpParseStatus::error);
  EXPECT_EQ(step.error.kind, FtpErrorKind::truncated);
  FtpReplyParser idle;
  EXPECT_EQ(idle.finish().status, FtpParseStatus::need_more);
}

TEST(FtpReplyParser, LongLinesAndRepliesAreCutNotGrown) {
  FtpLimits limits;
  limits.max_line_bytes = 32;
  limits.max_reply_bytes = 64;
  FtpReplyParser parser(limits);
  std::string text = "211-Status of server:\r\n";
  for (int i = 0; i < 100; ++i) text += " line " + std::to_string(i) + " " + std::string(40, 'x') + "\r\n";
  text += "211 End of status\r\n";
  const std::vector<SeenReply> replies = replies_of(parser, {text});
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_TRUE(replies[0].cut);
  EXPECT_EQ(replies[0].lines, 102u);
  EXPECT_LE(replies[0].text.size(), 64u);
  FtpCommandParser commands(limits);
  ASSERT_EQ(commands.parse(as_bytes("STOR " + std::string(100, 'n') + "\r\n")).status, FtpParseStatus::complete);
  EXPECT_TRUE(commands.command().cut);
  EXPECT_EQ(commands.command().line.size(), 32u);
}

// --- Data-connection arguments -----------------------------------------------------------------

std::string text_of(const FtpHostPortResult& r) {
  if (!r.value) return std::string("error: ") + r.error;
  const FtpHostPort& v = *r.value;
  const std::string address = v.ip_version == 4 ? v.ipv4.to_string() : v.ip_version == 6 ? v.ipv6.to_string() : "-";
  return address + " " + std::to_string(v.port);
}

TEST(FtpArguments, Port) {
  EXPECT_EQ(text_of(parse_ftp_port("192,0,2,10,195,80")), "192.0.2.10 50000");
  EXPECT_EQ(text_of(parse_ftp_port(" 192,0,2,10,0,21 ")), "192.0.2.10 21");
  EXPECT_EQ(text_of(parse_ftp_port("255,255,255,255,255,255")), "255.255.255.255 65535");
  for (std::string_view bad :
       {"", "192,0,2,10,195", "192,0,2,10,195,80,1", "192,0,2,256,195,80", "192,0,2,10,195,80x", "192.0.2.10,195,80",
        "192,0,2,10,0,0", "192,,2,10,195,80", "0192,0,2,10,195,80", "-1,0,2,10,195,80"})
    EXPECT_FALSE(parse_ftp_port(bad)) << bad;
  EXPECT_STREQ(parse_ftp_port("192,0,2,10,0,0").error, "port 0");
}

TEST(FtpArguments, PasvReply) {
  EXPECT_EQ(text_of(parse_ftp_pasv_reply("Entering Passive Mode (198,51,100,21,195,80).")), "198.51.100.21 50000");
  EXPECT_EQ(text_of(parse_ftp_pasv_reply("Entering Passive Mode 198,51,100,21,195,80")), "198.51.100.21 50000");
  EXPECT_EQ(text_of(parse_ftp_pasv_reply("=198,51,100,21,4,1")), "198.51.100.21 1025");
  // The first run of six numbers, after other digits in the text.
  EXPECT_EQ(text_of(parse_ftp_pasv_reply("Mode 2 (198,51,100,21,4,1)")), "198.51.100.21 1025");
  for (std::string_view bad : {"Entering Passive Mode.", "Entering Passive Mode (198,51,100,21,195)",
                               "(198,51,100,21,300,80)", "(198,51,100,21,195,80,7)", "(198,51,100,21,0,0)"})
    EXPECT_FALSE(parse_ftp_pasv_reply(bad)) << bad;
}

TEST(FtpArguments, Eprt) {
  EXPECT_EQ(text_of(parse_ftp_eprt("|1|192.0.2.10|50000|")), "192.0.2.10 50000");
  EXPECT_EQ(text_of(parse_ftp_eprt("|2|2001:db8::10|50002|")), "2001:db8::10 50002");
  EXPECT_EQ(text_of(parse_ftp_eprt("!2!2001:db8::10!21!")), "2001:db8::10 21");  // any delimiter 33-126
  for (std::string_view bad : {"", "|1|192.0.2.10|50000", "|3|192.0.2.10|50000|", "|1|2001:db8::10|50000|",
                               "|2|192.0.2.10|50000|", "|1|192.0.2.10|0|", "|1|192.0.2.10|65536|", "|1|192.0.2.10|5x|",
                               "|1|192.0.2.10|50000|1|", " 1 192.0.2.10 50000 ", "|1||50000|"})
    EXPECT_FALSE(parse_ftp_eprt(bad)) << bad;
}

TEST(FtpArguments, EpsvReply) {
  EXPECT_EQ(text_of(parse_ftp_epsv_reply("Entering Extended Passive Mode (|||65325|)")), "- 65325");
  EXPECT_EQ(text_of(parse_ftp_epsv_reply("Extended Passive (!!!6446!)")), "- 6446");
  for (std::string_view bad :
       {"Entering Extended Passive Mode", "(|||65536|)", "(||1|6446|)", "(|||6446!)", "(|||6446|", "(|||0|)", "(||||)"})
    EXPECT_FALSE(parse_ftp_epsv_reply(bad)) << bad;
}

// --- FtpTracker over TCP -----------------------------------------------------------------------

constexpr MacAddress kClientMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};
constexpr MacAddress kServerMac{{0x02, 0x00, 0x00, 0x00, 0x00, 0x02}};

// Records what the tracker reports.
struct Recorder : FtpObserver {
  std::vector<std::string> log;
  std::vector<FtpDataConnectionEvent> data;
  std::vector<std::string> texts;  // command, argument, transfer, reply text of each data event
  std::vector<std::string> lines;  // write_ftp_data_line() of each
  std::uint64_t transferred = 0;

  void on_command(TcpConnection&, const FtpCommandEvent& e) override {
    log.push_back("command " + str(e.command->verb) + " " + str(e.command->argument));
  }
  void on_reply(TcpConnection&, const FtpReplyEvent& e) override {
    log.push_back("reply " + std::to_string(e.reply->code) + " to " + str(e.command_verb) + " (" +
                  std::to_string(e.reply->line_count) + " lines)");
  }
  void on_error(TcpConnection&, const FtpErrorEvent& e) override {
    log.push_back(std::string("error ") + str(ftp_error_kind_name(e.error.kind)));
  }
  void on_data_connection(const FtpDataConnectionEvent& e) override {
    data.push_back(e);
    texts.push_back(str(e.command) + "|" + str(e.argument) + "|" + str(e.transfer) + "|" + str(e.reply_text));
    lines.emplace_back();
    write_ftp_data_line(e, lines.back());
    log.push_back("data " + str(e.command) + " " + str(ftp_data_outcome_name(e.outcome)));
  }
  void on_transfer_data(TcpConnection&, std::uint64_t, const TcpData& bytes) override {
    transferred += bytes.bytes.size();
  }
};

// Frames of a capture, fed to an FtpTracker as a capture would be.
struct Session {
  std::vector<build::Bytes> frames;
  void add(build::Bytes frame) { frames.push_back(std::move(frame)); }
  void add(std::vector<build::Bytes> more) {
    for (auto& f : more) frames.push_back(std::move(f));
  }
  Recorder run(const FtpTrackerOptions& options = {}) const {
    Recorder recorder;
    FtpTracker tracker(recorder, options);
    TcpReassembler reassembler(tracker);
    DecodedPacket packet;
    std::uint64_t number = 0;
    for (const build::Bytes& bytes : frames) {
      Frame frame;
      frame.number = ++number;
      frame.timestamp = Timestamp{1700000000 + static_cast<std::int64_t>(number), 0};
      frame.bytes = build::view(bytes);
      frame.original_length = static_cast<std::uint32_t>(bytes.size());
      decode_packet(frame, packet);
      tracker.add(reassembler, frame, packet);
    }
    tracker.finish(reassembler);
    return recorder;
  }
};

build::Path path4(const char* from, const char* to) {
  return build::Path{.link = build::Link{.destination = kServerMac, .source = kClientMac},
                     .ip = build::Ipv4{.source = *Ipv4Address::parse(from), .destination = *Ipv4Address::parse(to)}};
}
build::Path path6(const char* from, const char* to) {
  return build::Path{.link = build::Link{.destination = kServerMac, .source = kClientMac},
                     .ip = build::Ipv6{.source = *Ipv6Address::parse(from), .destination = *Ipv6Address::parse(to)}};
}

using build::TcpSide;
constexpr TcpSide C = TcpSide::client, S = TcpSide::server;

void say(Session& s, build::TcpConnection& c, TcpSide from, std::string_view text) {
  s.add(c.send(from, as_bytes(text)));
}

void login(Session& s, build::TcpConnection& c) {
  s.add(c.open());
  say(s, c, S, "220 ftp.example.com FTP server (Version 6.00LS) ready.\r\n");
  say(s, c, C, "USER anonymous\r\n");
  say(s, c, S, "331 Guest login ok, send your email address as password.\r\n");
  say(s, c, C, "PASS guest@example.com\r\n");
  say(s, c, S, "230 Guest login ok, access restrictions apply.\r\n");
}

TEST(FtpTracker, ExtendedPassiveTransferOverIpv6Completes) {
  Session s;
  build::TcpConnection control(path6("2001:db8::10", "2001:db8:1::21"), {.port = 40000, .initial_sequence_number = 100},
                               {.port = 21, .initial_sequence_number = 9000});
  login(s, control);
  say(s, control, C, "EPSV 2\r\n");
  say(s, control, S, "229 Entering Extended Passive Mode (|||50000|)\r\n");
  build::TcpConnection data(path6("2001:db8::10", "2001:db8:1::21"), {.port = 40001, .initial_sequence_number = 300},
                            {.port = 50000, .initial_sequence_number = 7000});
  s.add(data.open());
  say(s, control, C, "RETR notes.txt\r\n");
  say(s, control, S, "150 Opening BINARY mode data connection for 'notes.txt' (3000 bytes).\r\n");
  const std::string file(3000, 'n');
  s.add(data.send_segments(S, as_bytes(file), 1220));
  s.add(data.close(S));
  say(s, control, S, "226 Transfer complete.\r\n");
  say(s, control, C, "QUIT\r\n");
  say(s, control, S, "221 Goodbye.\r\n");
  s.add(control.close(C));

  const Recorder r = s.run();
  ASSERT_EQ(r.data.size(), 1u);
  const FtpDataConnectionEvent& e = r.data[0];
  EXPECT_EQ(e.outcome, FtpDataOutcome::completed);
  EXPECT_EQ(e.mode, FtpDataMode::passive);
  EXPECT_EQ(e.reply_code, 229);
  ASSERT_TRUE(e.endpoint);
  EXPECT_EQ(str(e.endpoint->to_text().view()), "[2001:db8:1::21]:50000");  // the control connection's server
  EXPECT_EQ(e.data_stream, 1u);
  EXPECT_EQ(e.transfer_reply_code, 226);
  EXPECT_EQ(e.bytes_to_client, 3000u);
  EXPECT_EQ(e.bytes_to_server, 0u);
  EXPECT_EQ(e.missing_bytes, 0u);
  EXPECT_EQ(r.texts[0], "EPSV|2|RETR notes.txt|Entering Extended Passive Mode (|||50000|)");
  EXPECT_EQ(r.lines[0],
            "data\tcontrol=0\tcommand=EPSV 2\treply=229\tendpoint=[2001:db8:1::21]:50000\toutcome=completed\t"
            "data_stream=1\ttransfer=RETR notes.txt\ttransfer_reply=226\tto_client=3000\tto_server=0\tmissing=0");
  EXPECT_EQ(r.transferred, 3000u);
  // The outcome waits for the 226 that follows the data connection's close.
  EXPECT_EQ(r.log[r.log.size() - 4], "reply 226 to RETR (1 lines)");
  EXPECT_EQ(r.log[r.log.size() - 3], "data EPSV completed");
}

TEST(FtpTracker, PortAndPasvRejected) {
  Session s;
  build::TcpConnection control(path4("192.0.2.10", "198.51.100.21"), {.port = 40002, .initial_sequence_number = 1},
                               {.port = 21, .initial_sequence_number = 2});
  login(s, control);
  say(s, control, C, "PASV\r\n");
  say(s, control, S, "425 Can't open passive connection: Operation not permitted.\r\n");
  say(s, control, C, "PORT 192,0,2,10,195,80\r\n");
  say(s, control, S, "500 Invalid address rejected.\r\n");
  s.add(control.close(C));
  const Recorder r = s.run();
  ASSERT_EQ(r.data.size(), 2u);
  EXPECT_EQ(r.data[0].outcome, FtpDataOutcome::rejected);
  EXPECT_EQ(r.data[0].reply_code, 425);
  EXPECT_FALSE(r.data[0].endpoint);
  EXPECT_EQ(r.data[1].outcome, FtpDataOutcome::rejected);
  EXPECT_EQ(r.data[1].mode, FtpDataMode::active);
  EXPECT_EQ(r.data[1].reply_code, 500);
  ASSERT_TRUE(r.data[1].endpoint);
  EXPECT_EQ(str(r.data[1].endpoint->to_text().view()), "192.0.2.10:50000");
  EXPECT_EQ(r.texts[1], "PORT|192,0,2,10,195,80||Invalid address rejected.");
  EXPECT_EQ(r.lines[0],
            "data\tcontrol=0\tcommand=PASV\treply=425\tendpoint=-\toutcome=rejected\tto_client=0\t"
            "to_server=0\tmissing=0");
}

TEST(FtpTracker, DataConnectionRefusedAndNeverMade) {
  Session s;
  build::TcpConnection control(path4("192.0.2.10", "198.51.100.21"), {.port = 40003, .initial_sequence_number = 1},
                               {.port = 21, .initial_sequence_number = 2});
  login(s, control);
  say(s, control, C, "PASV\r\n");
  say(s, control, S, "227 Entering Passive Mode (198,51,100,21,195,81).\r\n");
  build::TcpConnection data(path4("192.0.2.10", "198.51.100.21"), {.port = 40004, .initial_sequence_number = 1},
                            {.port = 50001, .initial_sequence_number = 2});
  s.add(data.syn());
  s.add(data.rst(S));  // nobody listens: RST, ACK
  say(s, control, C, "RETR notes.txt\r\n");
  say(s, control, S, "425 Can't open data connection.\r\n");
  // A PASV accepted, then replaced by another: the first connection was never made.
  say(s, control, C, "PASV\r\n");
  say(s, control, S, "227 Entering Passive Mode (198,51,100,21,195,82).\r\n");
  say(s, control, C, "PASV\r\n");
  say(s, control, S, "227 Entering Passive Mode (198,51,100,21,195,83).\r\n");
  say(s, control, C, "QUIT\r\n");
  say(s, control, S, "221 Goodbye.\r\n");
  s.add(control.close(S));
  const Recorder r = s.run();
  ASSERT_EQ(r.data.size(), 3u);
  EXPECT_EQ(r.data[0].outcome, FtpDataOutcome::refused);
  EXPECT_EQ(r.data[0].data_stream, 1u);
  EXPECT_EQ(r.data[1].outcome, FtpDataOutcome::never_made);  // replaced
  ASSERT_TRUE(r.data[1].endpoint);
  EXPECT_EQ(r.data[1].endpoint->port, 50002);
  EXPECT_EQ(r.data[2].outcome, FtpDataOutcome::never_made);  // the session ended
  EXPECT_EQ(r.data[2].endpoint->port, 50003);
}

TEST(FtpTracker, ActiveTransferFromPort20) {
  Session s;
  build::TcpConnection control(path6("2001:db8::10", "2001:db8:1::21"), {.port = 40005, .initial_sequence_number = 1},
                               {.port = 21, .initial_sequence_number = 2});
  login(s, control);
  say(s, control, C, "EPRT |2|2001:db8::10|50002|\r\n");
  say(s, control, S, "200 EPRT command successful.\r\n");
  say(s, control, C, "STOR upload.bin\r\n");
  // The server connects from port 20 to the announced port; the client sends the file.
  build::TcpConnection data(path6("2001:db8:1::21", "2001:db8::10"), {.port = 20, .initial_sequence_number = 1},
                            {.port = 50002, .initial_sequence_number = 2});
  s.add(data.open());
  say(s, control, S, "150 Opening BINARY mode data connection for 'upload.bin'.\r\n");
  s.add(data.send_segments(S, as_bytes(std::string(2500, 'u')), 1000));
  s.add(data.close(S));
  say(s, control, S, "226 Transfer complete.\r\n");
  s.add(control.close(C));
  const Recorder r = s.run();
  ASSERT_EQ(r.data.size(), 1u);
  EXPECT_EQ(r.data[0].outcome, FtpDataOutcome::completed);
  EXPECT_EQ(r.data[0].mode, FtpDataMode::active);
  EXPECT_EQ(r.data[0].bytes_to_server, 2500u);
  EXPECT_EQ(r.data[0].bytes_to_client, 0u);
  EXPECT_EQ(r.texts[0], "EPRT||2|2001:db8::10|50002||STOR upload.bin|EPRT command successful.");
}

TEST(FtpTracker, NoReplyAndNatRewrittenAddress) {
  Session s;
  build::TcpConnection control(path4("192.0.2.10", "198.51.100.21"), {.port = 40006, .initial_sequence_number = 1},
                               {.port = 21, .initial_sequence_number = 2});
  login(s, control);
  // The server behind a NAT announces its private address; the client connects to the public one.
  say(s, control, C, "PASV\r\n");
  say(s, control, S, "227 Entering Passive Mode (10,0,0,5,195,84).\r\n");
  build::TcpConnection data(path4("192.0.2.10", "198.51.100.21"), {.port = 40007, .initial_sequence_number = 1},
                            {.port = 50004, .initial_sequence_number = 2});
  s.add(data.open());
  say(s, control, C, "LIST\r\n");
  say(s, control, S, "150 Here comes the directory listing.\r\n");
  s.add(data.send(S, as_bytes("-rw-r--r-- 1 ftp ftp 1432 Nov 14 2023 README\r\n")));
  s.add(data.close(S));
  say(s, control, S, "226 Directory send OK.\r\n");
  say(s, control, C, "EPSV\r\n");
  s.add(control.rst(S));
  const Recorder r = s.run();
  ASSERT_EQ(r.data.size(), 2u);
  EXPECT_EQ(r.data[0].outcome, FtpDataOutcome::completed);
  EXPECT_EQ(r.data[0].bytes_to_client, 46u);
  EXPECT_EQ(r.data[1].outcome, FtpDataOutcome::no_reply);
}

TEST(FtpTracker, RepliesSplitAcrossSegments) {
  Session s;
  build::TcpConnection control(path4("192.0.2.10", "198.51.100.21"), {.port = 40008, .initial_sequence_number = 1},
                               {.port = 21, .initial_sequence_number = 2});
  s.add(control.open());
  say(s, control, S, "220-Welcome\r\n220-to the ");
  say(s, control, S, "example service\r\n2");
  say(s, control, S, "20 Ready.\r\n");
  say(s, control, C, "SY");
  say(s, control, C, "ST\r\n");
  say(s, control, S, "215 UNIX Type: L8\r\n");
  s.add(control.close(C));
  const Recorder r = s.run();
  EXPECT_EQ(r.log,
            (std::vector<std::string>{"reply 220 to  (3 lines)", "command SYST ", "reply 215 to SYST (1 lines)"}));
}

TEST(FtpTracker, WaitingAnnouncementsAreBounded) {
  Session s;
  build::TcpConnection control(path4("192.0.2.10", "198.51.100.21"), {.port = 40009, .initial_sequence_number = 1},
                               {.port = 21, .initial_sequence_number = 2});
  login(s, control);
  for (int i = 0; i < 5; ++i) say(s, control, C, "PORT 192,0,2,10,195," + std::to_string(100 + i) + "\r\n");
  FtpTrackerOptions options;
  options.max_waiting_announcements = 2;
  const Recorder r = s.run(options);
  ASSERT_EQ(r.data.size(), 5u);
  EXPECT_TRUE(r.data[0].evicted);
  EXPECT_TRUE(r.data[2].evicted);
  EXPECT_EQ(r.data[3].outcome, FtpDataOutcome::no_reply);  // the capture ended
  EXPECT_FALSE(r.data[4].evicted);
}

TEST(FtpNames, Enumerators) {
  EXPECT_EQ(ftp_data_outcome_name(FtpDataOutcome::never_made), "never_made");
  EXPECT_EQ(ftp_data_outcome_name(FtpDataOutcome::refused), "refused");
  EXPECT_EQ(ftp_error_kind_name(FtpErrorKind::truncated), "truncated");
}

}  // namespace
}  // namespace pktdoc
