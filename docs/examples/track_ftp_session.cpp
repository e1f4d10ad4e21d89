// track_ftp_session: FTP over reassembled TCP with pktdoc::FtpTracker. An FTP session is built
// with the packet builder: a control connection on which the server rejects a PORT command, then
// accepts an EPSV and the client retrieves a file over the passive data connection it announced.
// The tracker parses the commands and replies, links the data connection to the EPSV, and tells
// what became of each announcement, once, with pktdoc::write_ftp_data_line().
//
// Quoted by docs/protocols/ftp.rst; ctest compares its output with
// tests/golden/docs/track_ftp_session.txt, which the page shows.

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/text_builder.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ftp_tracker.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

// [observer]
struct Printer : pktdoc::FtpObserver {
  void on_command(pktdoc::TcpConnection&, const pktdoc::FtpCommandEvent& event) override {
    std::printf("frame %2llu  > %.*s\n", static_cast<unsigned long long>(event.frame),
                static_cast<int>(event.command->line.size()), event.command->line.data());
  }
  void on_reply(pktdoc::TcpConnection&, const pktdoc::FtpReplyEvent& event) override {
    const std::string_view text = event.reply->first_line();
    std::printf("frame %2llu  < %u %.*s\n", static_cast<unsigned long long>(event.frame), event.reply->code,
                static_cast<int>(text.size()), text.data());
  }
  void on_data_connection(const pktdoc::FtpDataConnectionEvent& event) override {
    std::string line;
    pktdoc::write_ftp_data_line(event, line);
    std::printf("%s\n", line.c_str());
  }
};
// [observer]

int main() {
  // [build]
  using namespace pktdoc;
  const auto client_address = *Ipv4Address::parse("192.0.2.10");
  const auto server_address = *Ipv4Address::parse("198.51.100.21");
  const build::Link link{.destination = MacAddress{{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02}},
                         .source = MacAddress{{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01}}};
  build::TcpConnection control(
      build::Path{.link = link, .ip = build::Ipv4{.source = client_address, .destination = server_address}},
      {.port = 49152, .initial_sequence_number = 1000}, {.port = 21, .initial_sequence_number = 5000});
  build::TcpConnection data(
      build::Path{.link = link,
                  .ip = build::Ipv4{.source = client_address, .destination = server_address, .identification = 500}},
      {.port = 49153, .initial_sequence_number = 9000}, {.port = 50000, .initial_sequence_number = 7000});
  using build::TcpSide;
  std::vector<build::Bytes> frames = control.open();
  auto say = [&](TcpSide side, const std::string& text) { frames.push_back(control.send(side, as_bytes(text))); };
  say(TcpSide::server, build::ftp::reply(220, "Service ready"));
  say(TcpSide::client, build::ftp::command("PORT", build::ftp::host_port(client_address, 49200)));
  say(TcpSide::server, build::ftp::reply(500, "Illegal PORT command."));
  say(TcpSide::client, build::ftp::command("EPSV"));
  say(TcpSide::server, build::ftp::reply(229, build::ftp::extended_passive_text(50000)));
  say(TcpSide::client, build::ftp::command("RETR", "README"));
  for (auto& f : data.open()) frames.push_back(std::move(f));  // the client connects to port 50000
  say(TcpSide::server, build::ftp::reply(150, "Opening BINARY mode data connection"));
  frames.push_back(data.send(TcpSide::server, as_bytes("This is the README file.\n")));
  for (auto& f : data.close(TcpSide::server)) frames.push_back(std::move(f));
  say(TcpSide::server, build::ftp::reply(226, "Transfer complete"));
  for (auto& f : control.close(TcpSide::client)) frames.push_back(std::move(f));
  // [build]

  // [track]
  Printer printer;
  FtpTracker ftp(printer);
  TcpReassembler tcp(ftp);  // the tracker is the reassembler's handler
  DecodedPacket packet;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Frame frame{.number = i + 1,
                      .timestamp = Timestamp{1700000000, static_cast<std::uint32_t>(i) * 1000000},
                      .original_length = static_cast<std::uint32_t>(frames[i].size()),
                      .bytes = frames[i]};
    decode_packet(frame, packet);
    ftp.add(tcp, frame, packet);  // feeds the reassembler, which calls the tracker back
  }
  ftp.finish(tcp);
  // [track]
  return 0;
}
