// The packet builder's HTTP and FTP text (pktdoc/builder/text_builder.hpp), and that it travels
// whole over a TcpConnection: the segments' data put back together is the text.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/text_builder.hpp"
#include "pktdoc/packet.hpp"

namespace pktdoc {
namespace {

TEST(BuilderHttp, RequestAndResponseText) {
  EXPECT_EQ(build::http::request("GET", "/index.html", {{"Host", "example.com"}, {"Accept", "*/*"}}),
            "GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n");
  EXPECT_EQ(build::http::request("POST", "/form", {{"Content-Length", "3"}}, "a=b", "HTTP/1.0"),
            "POST /form HTTP/1.0\r\nContent-Length: 3\r\n\r\na=b");
  EXPECT_EQ(build::http::response(404, "Not Found", {{"Content-Length", "0"}}),
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
}

TEST(BuilderHttp, ChunkedBody) {
  EXPECT_EQ(build::http::chunked("hello world, again", 8), "8\r\nhello wo\r\n8\r\nrld, aga\r\n2\r\nin\r\n0\r\n\r\n");
  EXPECT_EQ(build::http::chunked(std::string(300, 'x'), 1000).substr(0, 5), "12c\r\n");
  EXPECT_EQ(build::http::chunked("", 8), "0\r\n\r\n");
  EXPECT_THROW((void)build::http::chunked("x", 0), std::invalid_argument);
}

TEST(BuilderFtp, CommandsRepliesAndAddresses) {
  const Ipv4Address server = *Ipv4Address::parse("192.0.2.10");
  EXPECT_EQ(build::ftp::command("USER", "anonymous"), "USER anonymous\r\n");
  EXPECT_EQ(build::ftp::command("PASV"), "PASV\r\n");
  EXPECT_EQ(build::ftp::reply(230, "Login successful."), "230 Login successful.\r\n");
  EXPECT_EQ(build::ftp::host_port(server, 50000), "192,0,2,10,195,80");
  EXPECT_EQ(build::ftp::command("PORT", build::ftp::host_port(server, 1025)), "PORT 192,0,2,10,4,1\r\n");
  EXPECT_EQ(build::ftp::reply(227, build::ftp::passive_text(server, 50000)),
            "227 Entering Passive Mode (192,0,2,10,195,80).\r\n");
  EXPECT_EQ(build::ftp::reply(229, build::ftp::extended_passive_text(50001)),
            "229 Entering Extended Passive Mode (|||50001|)\r\n");
  EXPECT_EQ(build::ftp::extended_address(server, 50000), "|1|192.0.2.10|50000|");
  EXPECT_EQ(build::ftp::extended_address(*Ipv6Address::parse("2001:db8::10"), 50000), "|2|2001:db8::10|50000|");
}

TEST(BuilderHttp, ResponseSpanningSegmentsComesBackWhole) {
  const build::Path to_server{.link = build::Link{.type = LinkType::linux_sll},
                              .ip = build::Ipv6{.source = *Ipv6Address::parse("2001:db8::10"),
                                                .destination = *Ipv6Address::parse("2001:db8::80")}};
  build::TcpConnection tcp(to_server, {.port = 40000, .initial_sequence_number = 1},
                           {.port = 80, .initial_sequence_number = 2});
  (void)tcp.open();
  const std::string response = build::http::response(200, "OK", {{"Transfer-Encoding", "chunked"}},
                                                     build::http::chunked(std::string(5000, 'b'), 1024));
  const std::vector<build::Bytes> frames = tcp.send_segments(build::TcpSide::server, as_bytes(response), 1000);
  ASSERT_EQ(frames.size(), (response.size() + 999) / 1000);
  std::string stream;
  for (const build::Bytes& frame : frames) {
    DecodedPacket decoded;
    decode_packet(Frame{.number = 1,
                        .timestamp = {},
                        .original_length = static_cast<std::uint32_t>(frame.size()),
                        .bytes = build::view(frame),
                        .link_type = LinkType::linux_sll},
                  decoded);
    ASSERT_EQ(decoded.first_error().kind, ErrorKind::none);
    ASSERT_TRUE(decoded.ip.tcp);
    EXPECT_EQ(decoded.ip.tcp->checksum_status(decoded.ip.ipv6->pseudo_header()), ChecksumStatus::good);
    stream += as_text(decoded.ip.tcp->payload());
  }
  EXPECT_EQ(stream, response);
}

}  // namespace
}  // namespace pktdoc
