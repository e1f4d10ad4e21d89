// SCTP: two associations between a client and a small message service, with other traffic
// around them.
#include <cstdio>

#include "generator.hpp"
#include "pktdoc/builder/sctp_builder.hpp"

namespace gen {

namespace {

namespace build = pktdoc::build;
using build::Sctp;
using build::SctpChunk;
using build::SctpParameter;

// The parameters a Linux (lksctp) endpoint puts in INIT and INIT ACK besides addresses: ECN
// capable (0x8000, RFC 9260 appendix A) and Forward-TSN-Supported (RFC 3758).
SctpParameter ecn_capable() { return SctpParameter{.type = 0x8000, .value = {}}; }

// A client (192.0.2.88) and a service (192.0.2.7, also reachable at 198.51.100.7, which it lists
// in its INIT ACK: SCTP is multi-homed) on one Ethernet segment, captured on the client.
//
// Association 1: the four-way handshake (INIT, INIT ACK with a 196-byte state cookie, COOKIE
// ECHO, COOKIE ACK), then the service sends two messages on stream 0 (a greeting and the time),
// each acknowledged with a SACK (the second after the 200 ms delayed-SACK timer), and the client
// shuts the association down (SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE).
//
// Association 2, four seconds later: the client's first request rides with its COOKIE ECHO and
// the service's SACK with its COOKIE ACK (chunk bundling, RFC 9260 section 6.10); the answer is
// one 2400-byte message sent in two DATA chunks (fragmentation: B then E flags, section 6.9),
// acknowledged by one SACK; the service checks the path with a HEARTBEAT; this time the service
// shuts down.
//
// Between them, a TCP segment and its ACK on another connection of the client, and at the end a
// printer's CUPS browse announcement broadcast on UDP port 631.
void write_sctp(const std::string& directory) {
  CaptureFile capture(directory, "sctp_ipv4_associations.pcap", pktdoc::LinkType::ethernet,
                      epoch_2011_05_01 + 8 * 3600 + 47 * 60 + 2);
  const auto client_mac = mac("02:00:5e:00:02:25");
  const auto server_mac = mac("02:00:5e:00:02:07");
  const auto client = ipv4("192.0.2.88");
  const auto server = ipv4("192.0.2.7");
  const build::Link to_server{.destination = server_mac, .source = client_mac};
  const build::Link to_client{.destination = client_mac, .source = server_mac, .minimum_length = 60};
  std::uint16_t client_identification = 0;
  std::uint16_t server_identification = 0;
  auto from_client = [&](const Sctp& sctp) {
    const build::Ipv4 ip{.source = client, .destination = server, .identification = client_identification++,
                         .dont_fragment = true};
    capture.write(to_server.frame(build::view(ip.packet(sctp))));
  };
  auto from_server = [&](const Sctp& sctp) {
    const build::Ipv4 ip{.source = server, .destination = client, .identification = server_identification++,
                         .dont_fragment = true};
    capture.write(to_client.frame(build::view(ip.packet(sctp))));
  };
  const std::uint16_t service_port = 19750;

  auto handshake = [&](std::uint16_t client_port, std::uint32_t client_tag, std::uint32_t client_tsn,
                       std::uint32_t server_tag, std::uint32_t server_tsn, std::uint64_t cookie_seed,
                       const std::vector<SctpChunk>& with_cookie_echo, const std::vector<SctpChunk>& with_cookie_ack) {
    Sctp init{.source_port = client_port, .destination_port = service_port, .verification_tag = 0};
    init.chunks.push_back(SctpChunk::init(client_tag, 106496, 10, 65535, client_tsn,
                                          {SctpParameter::supported_address_types({5}), ecn_capable(),
                                           SctpParameter::forward_tsn_supported()}));
    from_client(init);
    capture.wait(626);
    Prng prng(cookie_seed);
    const Bytes cookie = prng.bytes(196);
    Sctp init_ack{.source_port = service_port, .destination_port = client_port, .verification_tag = client_tag};
    init_ack.chunks.push_back(SctpChunk::init_ack(
        server_tag, 106496, 10, 10, server_tsn,
        {SctpParameter::ipv4_address(server), SctpParameter::ipv4_address(ipv4("198.51.100.7")),
         SctpParameter::state_cookie(build::view(cookie)), ecn_capable(), SctpParameter::forward_tsn_supported()}));
    from_server(init_ack);
    capture.wait(72);
    Sctp echo{.source_port = client_port, .destination_port = service_port, .verification_tag = server_tag};
    echo.chunks.push_back(SctpChunk::cookie_echo(build::view(cookie)));
    echo.chunks.insert(echo.chunks.end(), with_cookie_echo.begin(), with_cookie_echo.end());
    from_client(echo);
    capture.wait(455);
    Sctp cookie_ack{.source_port = service_port, .destination_port = client_port, .verification_tag = client_tag};
    cookie_ack.chunks.push_back(SctpChunk::cookie_ack());
    cookie_ack.chunks.insert(cookie_ack.chunks.end(), with_cookie_ack.begin(), with_cookie_ack.end());
    from_server(cookie_ack);
  };

  // Association 1.
  {
    const std::uint16_t port = 40721;
    const std::uint32_t client_tag = 0x3d5e8f17, server_tag = 0x7c21a0d4;
    const std::uint32_t client_tsn = 0x9b8e1a02, server_tsn = 0x2e4b77c1;
    handshake(port, client_tag, client_tsn, server_tag, server_tsn, 0xc00c1e, {}, {});
    auto to_client_packet = [&](SctpChunk chunk) {
      Sctp sctp{.source_port = service_port, .destination_port = port, .verification_tag = client_tag};
      sctp.chunks.push_back(std::move(chunk));
      from_server(sctp);
    };
    auto to_server_packet = [&](SctpChunk chunk) {
      Sctp sctp{.source_port = port, .destination_port = service_port, .verification_tag = server_tag};
      sctp.chunks.push_back(std::move(chunk));
      from_client(sctp);
    };
    capture.wait(208);
    to_client_packet(SctpChunk::data(server_tsn, 0, 0, 0, bytes_of("Hello from the example message service.\n")));
    capture.wait(25);
    to_server_packet(SctpChunk::sack(server_tsn, 106496 - 41));
    capture.wait(269);
    to_client_packet(SctpChunk::data(server_tsn + 1, 0, 1, 0, bytes_of("2011-05-01T08:47:02Z\n")));

    // Another connection of the client's, unrelated: one segment and its ACK.
    capture.wait(124);
    {
      build::Ipv4 ip{.source = server, .destination = client, .identification = server_identification++};
      build::Tcp tcp{.source_port = 50022, .destination_port = 43302, .sequence_number = 0x6d3b0f11,
                     .acknowledgment_number = 0x0a41c2d9, .flags = pktdoc::tcp_flag::psh | pktdoc::tcp_flag::ack,
                     .window = 404};
      tcp.options = build::TcpOptionList().no_operation().no_operation().timestamps(2471093318U, 1308876U);
      Prng prng(0x50022);
      capture.write(to_client.frame(build::view(ip.packet(tcp, build::view(prng.bytes(64))))));
      capture.wait(28);
      build::Ipv4 ip_back{.source = client, .destination = server, .identification = client_identification++};
      build::Tcp ack{.source_port = 43302, .destination_port = 50022, .sequence_number = 0x0a41c2d9,
                     .acknowledgment_number = 0x6d3b0f11 + 64, .flags = pktdoc::tcp_flag::ack, .window = 12784};
      ack.options = build::TcpOptionList().no_operation().no_operation().timestamps(1314134U, 2471093318U);
      capture.write(to_server.frame(build::view(ip_back.packet(ack))));
    }
    // The delayed SACK of the second message, then the client closes.
    capture.wait(200'012);
    to_server_packet(SctpChunk::sack(server_tsn + 1, 106496 - 22));
    capture.wait(2'388);
    to_server_packet(SctpChunk::shutdown(server_tsn + 1));
    capture.wait(347);
    to_client_packet(SctpChunk::shutdown_ack());
    capture.wait(34);
    to_server_packet(SctpChunk::shutdown_complete());
  }

  // Association 2.
  capture.wait(4 * sec + 11'664);
  {
    const std::uint16_t port = 40722;
    const std::uint32_t client_tag = 0x51f0a9e3, server_tag = 0x0e6c33b8;
    const std::uint32_t client_tsn = 0x1c7d2f90, server_tsn = 0x88a2d405;
    const std::string request = "GET /stations/summary\n";
    handshake(port, client_tag, client_tsn, server_tag, server_tsn, 0xc00c1f,
              {SctpChunk::data(client_tsn, 0, 0, 0, bytes_of(request))},
              {SctpChunk::sack(client_tsn, 106496 - static_cast<std::uint32_t>(request.size()))});
    auto to_client_packet = [&](std::vector<SctpChunk> chunks) {
      Sctp sctp{.source_port = service_port, .destination_port = port, .verification_tag = client_tag};
      sctp.chunks = std::move(chunks);
      from_server(sctp);
    };
    auto to_server_packet = [&](std::vector<SctpChunk> chunks) {
      Sctp sctp{.source_port = port, .destination_port = service_port, .verification_tag = server_tag};
      sctp.chunks = std::move(chunks);
      from_client(sctp);
    };
    // The answer, 2400 bytes: more than fits in one packet, so two DATA chunks of one message.
    std::string answer;
    for (int station = 1; answer.size() < 2400; ++station) {
      char line[96];
      std::snprintf(line, sizeof line, "station-%02d reported %4d readings today, last at 08:%02d\n", station,
                    1000 + station * 37, (station * 7) % 60);
      answer += line;
    }
    answer.resize(2400);
    capture.wait(2'160);
    to_client_packet({SctpChunk::data(server_tsn, 0, 0, 0, bytes_of(std::string_view(answer).substr(0, 1452)),
                                      build::sctp_data_flag::beginning)});
    capture.wait(61);
    to_client_packet({SctpChunk::data(server_tsn + 1, 0, 0, 0, bytes_of(std::string_view(answer).substr(1452)),
                                      build::sctp_data_flag::ending)});
    capture.wait(38);
    to_server_packet({SctpChunk::sack(server_tsn + 1, 106496)});
    // The service checks the path; the client echoes the heartbeat information.
    Prng prng(0x4ea27);
    const Bytes info = prng.bytes(36);
    capture.wait(1 * sec + 504'233);
    to_client_packet({SctpChunk::heartbeat(build::view(info))});
    capture.wait(44);
    to_server_packet({SctpChunk::heartbeat_ack(build::view(info))});
    // The service closes: SHUTDOWN carries its cumulative TSN ack of the client's one message.
    capture.wait(188'010);
    to_client_packet({SctpChunk::shutdown(client_tsn)});
    capture.wait(41);
    to_server_packet({SctpChunk::shutdown_ack()});
    capture.wait(233);
    to_client_packet({SctpChunk::shutdown_complete()});
  }

  // A printer announcing itself to CUPS clients (CUPS browse protocol, UDP 631), broadcast.
  capture.wait(1 * sec + 542'918);
  {
    const build::Link printer_link{.destination = broadcast_mac, .source = mac("02:00:5e:00:02:31"),
                                   .minimum_length = 60};
    const build::Ipv4 ip{.source = ipv4("192.0.2.31"), .destination = ipv4("192.0.2.255"), .identification = 0x2f0e};
    const std::string browse =
        "6 3 ipp://192.0.2.31:631/printers/Lab-Laser \"Room 2\" \"Lab Laser\" \"Example LaserWriter 9000\"\n";
    capture.write(printer_link.frame(build::view(ip.packet(build::Udp{.source_port = 631, .destination_port = 631},
                                                           bytes_of(browse)))));
  }
  capture.close();
}

}  // namespace

std::vector<Recipe> sctp_recipes() {
  return {{"sctp_ipv4_associations.pcap",
           "SCTP over IPv4: two associations from INIT to SHUTDOWN COMPLETE with data, bundling and fragments",
           write_sctp}};
}

}  // namespace gen
