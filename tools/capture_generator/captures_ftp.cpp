// FTP: a client fetching README from an anonymous FTP server, as a command-line downloader does
// it (log in, SYST, PWD, TYPE I, CWD, SIZE, then a data connection), in three outcomes: active
// mode refused, passive mode failing, extended passive mode over IPv6 completing.
#include "content.hpp"
#include "generator.hpp"
#include "pktdoc/builder/text_builder.hpp"

namespace gen {

namespace {

namespace build = pktdoc::build;
namespace ftp = pktdoc::build::ftp;
using Side = TcpFlow::Side;

constexpr std::size_t kReadmeSize = 2390;

// The two hosts, and what their stacks do: a Linux client (timestamps at 250 Hz, window scale 6,
// IPv4 identifications counting up) and a BSD server (MSS 1440 behind its tunnel, window scale 3,
// timestamps at 100 Hz, identification 0 since DF is set). Captured on the client.
struct FtpHosts {
  build::Path client_path;
  build::Path server_path;
  std::uint16_t client_mss = 1460;
  std::uint16_t server_mss = 1440;
  std::uint16_t client_ipv4_identification = 0x5a10;

  TcpEnd client(std::uint16_t port, std::uint32_t isn, std::uint32_t ts_base) {
    TcpEnd end{.path = client_path, .port = port, .initial_sequence_number = isn, .mss = client_mss,
               .window_shift = 6, .timestamp_base = ts_base, .timestamp_hz = 250,
               .syn_window = static_cast<std::uint16_t>(client_mss * 4), .window = 92,
               .ipv4_identification = client_ipv4_identification};
    return end;
  }
  TcpEnd server(std::uint16_t port, std::uint32_t isn, std::uint32_t ts_base) {
    return TcpEnd{.path = server_path, .port = port, .initial_sequence_number = isn, .mss = server_mss,
                  .window_shift = 3, .bsd_option_order = true, .timestamp_base = ts_base, .timestamp_hz = 100,
                  .syn_window = 65535, .window = 8211, .ipv4_identification = 0, .identification_counts = false};
  }
};

// The server's replies, in its own words.
const std::string kBanner = "220 ftp.example.org FTP server (exampled-ftpd 2.1) ready.\r\n";

// One command and its reply: the client sends `command` shortly after the previous reply, and
// the reply comes back one round trip later, acknowledging it.
void exchange(CaptureFile& capture, TcpFlow& flow, const std::string& command, const std::string& reply, Micros think,
              Micros round_trip) {
  capture.wait(think);
  flow.send(Side::client, command);
  capture.wait(round_trip);
  flow.send(Side::server, reply);
}

// Connects, reads the banner and logs in, then SYST, PWD, TYPE I, CWD and SIZE, with the round
// trip times varying a little as they do on a long path.
void log_in(CaptureFile& capture, TcpFlow& flow, Micros rtt, int attempt) {
  flow.syn();
  capture.wait(rtt - 2'400 + attempt * 911);
  flow.syn_ack();
  capture.wait(371);
  flow.ack(Side::client);
  capture.wait(rtt + 32'750 - attempt * 1'013);  // the server looks the client up before greeting
  flow.send(Side::server, kBanner);
  capture.wait(13);
  flow.ack(Side::client);
  const Micros jitter[] = {4'654, -1'304, 8'171, 1'113, -2'150, 3'308, -947, 611};
  int i = attempt;
  auto next_rtt = [&] { return rtt + jitter[static_cast<std::size_t>(i++) % 8]; };
  exchange(capture, flow, ftp::command("USER", "anonymous"),
           ftp::reply(331, "Anonymous login accepted; give your e-mail address as the password."), 62, next_rtt());
  exchange(capture, flow, ftp::command("PASS", "fetch@example.net"),
           ftp::reply(230, "Welcome, anonymous user. This archive is read-only."), 63, next_rtt() + 9'400);
  exchange(capture, flow, ftp::command("SYST"), ftp::reply(215, "UNIX Type: L8"), 82, next_rtt());
  exchange(capture, flow, ftp::command("PWD"), ftp::reply(257, "\"/\" is your current location."), 86, next_rtt());
  exchange(capture, flow, ftp::command("TYPE", "I"), ftp::reply(200, "Type is now I (binary)."), 70, next_rtt());
  exchange(capture, flow, ftp::command("CWD", "/pub/example"), ftp::reply(250, "Directory changed to /pub/example."), 93,
           next_rtt());
  exchange(capture, flow, ftp::command("SIZE", "README"), ftp::reply(213, std::to_string(kReadmeSize)), 94, next_rtt());
}

// How the downloader leaves after a failure: it closes the control connection without QUIT. The
// server acknowledges the FIN, sends its 221 to a socket that is already closed, and the
// client's stack answers that with a RST; the server's own FIN gets another.
void close_without_quit(CaptureFile& capture, TcpFlow& flow, Micros rtt) {
  capture.wait(92);
  flow.fin(Side::client);
  capture.wait(rtt);
  flow.ack(Side::server);
  capture.wait(296);
  flow.send(Side::server, ftp::reply(221, "Connection closed without QUIT; goodbye."));
  capture.wait(14);
  flow.rst(Side::client);
  capture.wait(93);
  flow.fin(Side::server);
  capture.wait(7);
  flow.rst(Side::client);
}

FtpHosts ipv4_hosts() {
  const auto client_mac = mac("02:00:5e:00:01:22");
  const auto router_mac = mac("02:00:5e:00:01:01");
  FtpHosts hosts;
  hosts.client_path = build::Path{.link = {.destination = router_mac, .source = client_mac},
                                  .ip = build::Ipv4{.source = ipv4("192.0.2.34"), .destination = ipv4("198.51.100.21")}};
  hosts.server_path = build::Path{.link = {.destination = client_mac, .source = router_mac},
                                  .ip = build::Ipv4{.source = ipv4("198.51.100.21"), .destination = ipv4("192.0.2.34"),
                                                    .ttl = 47}};
  return hosts;
}

// Active mode refused: the client is behind a NAT and announces its own address in PORT; the
// server sees the control connection come from the NAT's address and refuses to connect
// anywhere else (the FTP bounce protection of RFC 2577 section 3). The downloader tries five
// times, waiting 1, 2, 3 and 4 seconds in between.
void write_ftp_active(const std::string& directory) {
  CaptureFile capture(directory, "ftp_ipv4_active_port_rejected.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 11 * 3600 + 2 * 60 + 41);
  FtpHosts hosts = ipv4_hosts();
  const Micros rtt = 157'300;
  const std::uint16_t data_ports[] = {42873, 33121, 47598, 43135, 36189};
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (attempt > 0) capture.wait(attempt * sec + 209);
    const auto port = static_cast<std::uint16_t>(51210 + 3 * attempt);
    TcpFlow flow(capture, hosts.client(port, 0x2c6f1a00U + 0x01f3d5U * static_cast<unsigned>(attempt), 6023471 + 250U * static_cast<unsigned>(capture.stamp() / sec)),
                 hosts.server(21, 0x9e01b2c4U ^ (0x3057U * static_cast<unsigned>(attempt + 1)), 863317209U + 7919U * static_cast<unsigned>(attempt)));
    log_in(capture, flow, rtt, attempt);
    exchange(capture, flow, ftp::command("PORT", ftp::host_port(ipv4("192.0.2.34"), data_ports[attempt])),
             ftp::reply(500, "PORT refused: the address is not the one this connection comes from."), 139, rtt + 1'200);
    close_without_quit(capture, flow, rtt);
    hosts.client_ipv4_identification = static_cast<std::uint16_t>(hosts.client_ipv4_identification + 0x2f1);
  }
  capture.close();
}

// Passive mode failing: the server answers PASV with an address and port, but a firewall in front
// of it rejects the data connection with a RST (iptables' REJECT --reject-with tcp-reset), so the
// downloader gives up on that attempt and tries again, four times in all.
void write_ftp_passive(const std::string& directory) {
  CaptureFile capture(directory, "ftp_ipv4_passive_data_refused.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 11 * 3600 + 0 * 60 + 12);
  FtpHosts hosts = ipv4_hosts();
  const Micros rtt = 163'100;
  const std::uint16_t passive_ports[] = {50112, 50113, 50114, 50115};
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (attempt > 0) capture.wait(attempt * sec + 236);
    const auto port = static_cast<std::uint16_t>(51180 + 2 * attempt);
    const auto client_ts = 6017335U + 250U * static_cast<unsigned>(capture.stamp() / sec);
    TcpFlow flow(capture, hosts.client(port, 0x71c0ffeeU + 0x0100b3U * static_cast<unsigned>(attempt), client_ts),
                 hosts.server(21, 0x3b9aca00U + 0x5bd1e995U * static_cast<unsigned>(attempt), 1290441806U + 9001U * static_cast<unsigned>(attempt)));
    log_in(capture, flow, rtt, attempt);
    exchange(capture, flow, ftp::command("PASV"),
             ftp::reply(227, ftp::passive_text(ipv4("198.51.100.21"), passive_ports[attempt])), 103, rtt + 6'300);

    // The data connection: SYN from the client to the announced port, RST from the firewall.
    hosts.client_ipv4_identification = static_cast<std::uint16_t>(hosts.client_ipv4_identification + 17);
    TcpEnd data_client = hosts.client(static_cast<std::uint16_t>(port + 1), 0x1e2d3c4bU + 0x777U * static_cast<unsigned>(attempt), client_ts + 420);
    data_client.ipv4_identification = static_cast<std::uint16_t>(0x5a10 + 0x400 * attempt + 0x1d);
    TcpEnd firewall = hosts.server(passive_ports[attempt], 0, 0);
    firewall.ipv4_identification = 0;
    TcpFlow data(capture, data_client, firewall);
    capture.wait(131);
    data.syn();
    capture.wait(rtt - 3'900);
    data.rst_ack(Side::server);

    close_without_quit(capture, flow, rtt);
    hosts.client_ipv4_identification = static_cast<std::uint16_t>(hosts.client_ipv4_identification + 0x301);
  }
  capture.close();
}

// Extended passive mode over IPv6 (RFC 2428), completing: EPSV, the data connection to the port
// of the 229 reply, RETR, the 2390-byte README in two segments, 226, and the downloader's usual
// exit. Captured with tcpdump on the client's IPv6 tunnel (raw IP, link type 101; MSS 1220 on
// the 1280-byte tunnel MTU).
void write_ftp_ipv6(const std::string& directory) {
  CaptureFile capture(directory, "ftp_ipv6_epsv_transfer.pcap", pktdoc::LinkType::raw,
                      epoch_2011_05_01 + 11 * 3600 + 20 * 60 + 3);
  const build::Link raw_ip{.type = pktdoc::LinkType::raw};
  FtpHosts hosts;
  hosts.client_mss = 1220;
  hosts.server_mss = 1220;
  hosts.client_path = build::Path{.link = raw_ip, .ip = build::Ipv6{.source = ipv6("2001:db8:b:7::2"),
                                                                    .destination = ipv6("2001:db8:d:e::21")}};
  hosts.server_path = build::Path{.link = raw_ip, .ip = build::Ipv6{.source = ipv6("2001:db8:d:e::21"),
                                                                    .destination = ipv6("2001:db8:b:7::2"),
                                                                    .hop_limit = 51}};
  const Micros rtt = 183'200;
  const auto client_ts = 9408873U;
  TcpFlow control(capture, hosts.client(51304, 0xd00df00dU, client_ts), hosts.server(21, 0x6f5e4d3cU, 2703315528U));
  log_in(capture, control, rtt, 0);
  const std::uint16_t data_port = 50420;
  exchange(capture, control, ftp::command("EPSV"), ftp::reply(229, ftp::extended_passive_text(data_port)), 89,
           rtt + 1'400);

  TcpFlow data(capture, hosts.client(51306, 0x0badcafeU, client_ts), hosts.server(data_port, 0x5ca1ab1eU, 2703315528U));
  capture.wait(53);
  data.syn();
  capture.wait(38'748);
  control.ack(Side::client);  // the delayed ACK of the 229
  capture.wait(rtt - 38'748 + 1'400);
  data.syn_ack();
  capture.wait(18);
  data.ack(Side::client);
  capture.wait(41);
  control.send(Side::client, ftp::command("RETR", "README"));
  capture.wait(rtt + 3'600);
  control.send(Side::server,
               ftp::reply(150, "Sending README (" + std::to_string(kReadmeSize) + " bytes) in binary mode."));
  capture.wait(38);
  control.ack(Side::client);
  capture.wait(1'591);
  const std::string readme = content::readme(kReadmeSize);
  data.send(Side::server, bytes_of(std::string_view(readme).substr(0, 1208)), pktdoc::tcp_flag::ack);
  capture.wait(16);
  data.set_window(Side::client, 114);
  data.ack(Side::client);
  capture.wait(24);
  data.send(Side::server, bytes_of(std::string_view(readme).substr(1208)));
  capture.wait(11);
  data.set_window(Side::client, 152);
  data.ack(Side::client);
  capture.wait(44);
  control.send(Side::server, ftp::reply(226, "File sent; closing data connection."));
  capture.wait(81);
  data.fin(Side::server);
  capture.wait(101);
  data.fin(Side::client);
  capture.wait(27);
  control.ack(Side::client);
  capture.wait(20);
  control.fin(Side::client);
  capture.wait(rtt + 2'400);
  data.ack(Side::server);
  capture.wait(397);
  control.ack(Side::server);
  capture.wait(233);
  control.send(Side::server, ftp::reply(221, "Connection closed without QUIT; goodbye."));
  capture.wait(14);
  control.rst(Side::client);
  capture.close();
}

}  // namespace

std::vector<Recipe> ftp_recipes() {
  return {{"ftp_ipv4_active_port_rejected.pcap",
           "Active FTP over IPv4 failing: the server rejects PORT, five attempts", write_ftp_active},
          {"ftp_ipv4_passive_data_refused.pcap",
           "Passive FTP over IPv4 failing: the data connection to the PASV port is reset, four attempts",
           write_ftp_passive},
          {"ftp_ipv6_epsv_transfer.pcap",
           "Extended passive FTP over IPv6 (raw IP): EPSV, RETR and a 2390-byte file, completing", write_ftp_ipv6}};
}

}  // namespace gen
