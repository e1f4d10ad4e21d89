/// @file
/// @brief Building the text of HTTP/1.1 messages (RFC 9112) and FTP commands and replies
/// (RFC 959, RFC 2428), to send over a TcpConnection.
///
/// These functions only write text, with CRLF line ends; they add no header and check nothing,
/// so that they can write what real servers send, mistakes included.
///
/// @code
/// using namespace pktdoc;
/// const std::string body = "<html>hello</html>";
/// const std::string response = build::http::response(200, "OK", {{"Content-Type", "text/html"},
///                                                                {"Transfer-Encoding", "chunked"}},
///                                                     build::http::chunked(body, 8));
/// frames = connection.send_segments(build::TcpSide::server, as_bytes(response), 1460);
/// const std::string pasv = build::ftp::reply(227, build::ftp::passive_text(server_address, 50000));
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pktdoc/address.hpp"

namespace pktdoc::build {

/// HTTP/1.1 message text (RFC 9112).
namespace http {

/// One header field: name and value, written "name: value".
struct Field {
  std::string name{};   ///< Field name, as it is written ("Content-Length").
  std::string value{};  ///< Field value, as it is written.
};

/// Writes a request: request line, header fields, an empty line, the body (RFC 9112 section 3).
/// @param method the method ("GET", "POST")
/// @param target the request target ("/index.html")
/// @param fields the header fields, in order ("Host" is required in HTTP/1.1; nothing is added)
/// @param body the body, written as it is
/// @param version the protocol version
/// @return the message text
std::string request(std::string_view method, std::string_view target, const std::vector<Field>& fields,
                    std::string_view body = {}, std::string_view version = "HTTP/1.1");
/// Writes a response: status line, header fields, an empty line, the body (RFC 9112 section 4).
/// @param status_code the status code (200)
/// @param reason_phrase the reason phrase ("OK")
/// @param fields the header fields, in order (give "Content-Length" or "Transfer-Encoding"
///        yourself; nothing is added)
/// @param body the body, written as it is (chunked() for a chunked one)
/// @param version the protocol version
/// @return the message text
std::string response(unsigned status_code, std::string_view reason_phrase, const std::vector<Field>& fields,
                     std::string_view body = {}, std::string_view version = "HTTP/1.1");
/// Encodes a body with the chunked transfer coding (RFC 9112 section 7.1): chunks of at most
/// `chunk_size` bytes, each preceded by its size in hexadecimal and CRLF and followed by CRLF,
/// then the last chunk "0", no trailer fields, and CRLF.
/// @param body the body
/// @param chunk_size the largest chunk, at least 1
/// @return the chunked body
/// @throws std::invalid_argument when `chunk_size` is 0
std::string chunked(std::string_view body, std::size_t chunk_size);

}  // namespace http

/// FTP control connection text (RFC 959; RFC 2428 for IPv6 and NAT-friendly extensions).
namespace ftp {

/// Writes a command: the verb, a space and the argument when there is one, CRLF
/// (RFC 959 section 5.3): command("USER", "anonymous") is "USER anonymous\r\n".
/// @param verb the command ("USER", "PASS", "PORT", "PASV", "EPSV", "RETR", ...)
/// @param argument its argument; empty for none
/// @return the command line
std::string command(std::string_view verb, std::string_view argument = {});
/// Writes a one-line reply: the three-digit code, a space, the text, CRLF (RFC 959 section 4.2).
/// @param code the reply code, 100 to 599
/// @param text the text
/// @return the reply line
std::string reply(unsigned code, std::string_view text);
/// Writes the argument of PORT and the numbers of a 227 reply: h1,h2,h3,h4,p1,p2, the address
/// bytes and the port's high and low byte in decimal (RFC 959 section 4.1.2).
/// @param address the IPv4 address
/// @param port the port
/// @return the text, "192,0,2,10,195,80" for 192.0.2.10 port 50000
std::string host_port(const Ipv4Address& address, std::uint16_t port);
/// Writes the argument of EPRT (RFC 2428 section 2): |1|address|port| for IPv4.
/// @param address the IPv4 address
/// @param port the port
/// @return the text, "|1|192.0.2.10|50000|"
std::string extended_address(const Ipv4Address& address, std::uint16_t port);
/// Writes the argument of EPRT (RFC 2428 section 2): |2|address|port| for IPv6.
/// @param address the IPv6 address, written by Ipv6Address::to_text()
/// @param port the port
/// @return the text, "|2|2001:db8::10|50000|"
std::string extended_address(const Ipv6Address& address, std::uint16_t port);
/// Writes the text of a 227 reply to PASV (RFC 959 section 4.1.2; the form most servers use).
/// @param address the address the server listens on
/// @param port the port it listens on
/// @return "Entering Passive Mode (h1,h2,h3,h4,p1,p2)."
std::string passive_text(const Ipv4Address& address, std::uint16_t port);
/// Writes the text of a 229 reply to EPSV (RFC 2428 section 3).
/// @param port the port the server listens on
/// @return "Entering Extended Passive Mode (|||port|)"
std::string extended_passive_text(std::uint16_t port);

}  // namespace ftp

}  // namespace pktdoc::build
