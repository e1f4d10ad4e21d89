// parse_ftp_control: the FTP control connection (RFC 959, RFC 2428). The arguments of the
// data-connection commands and replies (PORT, EPRT, 227 PASV, 229 EPSV) are parsed into an
// address and a port, with the reason when they are not valid; then a multi-line reply that
// arrives in two pieces is parsed with pktdoc::FtpReplyParser, and two commands with
// pktdoc::FtpCommandParser.
//
// Quoted by docs/protocols/ftp.rst; ctest compares its output with
// tests/golden/docs/parse_ftp_control.txt, which the page shows.

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

#include "pktdoc/ftp.hpp"

// [print-host-port]
void print(const char* what, const pktdoc::FtpHostPortResult& result) {
  if (!result) {
    std::printf("%-48s not valid: %s\n", what, result.error);
    return;
  }
  const pktdoc::FtpHostPort& value = *result.value;
  const std::string address = value.ip_version == 4   ? value.ipv4.to_text().str()
                              : value.ip_version == 6 ? value.ipv6.to_text().str()
                                                      : "(the control connection's server)";
  std::printf("%-48s %s port %u\n", what, address.c_str(), value.port);
}
// [print-host-port]

int main() {
  // [arguments]
  print("PORT 192,0,2,10,195,80", pktdoc::parse_ftp_port("192,0,2,10,195,80"));
  print("EPRT |2|2001:db8::10|49152|", pktdoc::parse_ftp_eprt("|2|2001:db8::10|49152|"));
  print("227 Entering Passive Mode (198,51,100,21,78,52)",
        pktdoc::parse_ftp_pasv_reply("Entering Passive Mode (198,51,100,21,78,52)"));
  print("229 Entering Extended Passive Mode (|||6446|)",
        pktdoc::parse_ftp_epsv_reply("Entering Extended Passive Mode (|||6446|)"));
  print("PORT 192,0,2,10,300,80", pktdoc::parse_ftp_port("192,0,2,10,300,80"));
  print("EPRT |1|2001:db8::10|49152|", pktdoc::parse_ftp_eprt("|1|2001:db8::10|49152|"));
  // [arguments]

  // [reply]
  // A multi-line reply (RFC 959 section 4.2) that TCP delivered in two pieces: it ends with the
  // first line that starts with the same code and a space; the lines between are text.
  pktdoc::FtpReplyParser replies;
  const std::string_view pieces[] = {"230-Welcome to the example archive.\r\n230-Files are in /pub.\r\n",
                                     " 230 is the code of this reply\r\n230 Login successful.\r\n"};
  for (std::string_view piece : pieces) {
    pktdoc::ByteView bytes = pktdoc::as_bytes(piece);
    while (!bytes.empty()) {
      const pktdoc::FtpParse step = replies.parse(bytes);
      bytes = bytes.subspan(step.consumed);
      if (step.status == pktdoc::FtpParseStatus::need_more) {
        std::printf("reply: need_more after %zu bytes\n", step.consumed);
      } else if (step.status == pktdoc::FtpParseStatus::complete) {
        const pktdoc::FtpReply& reply = replies.reply();
        std::printf("reply: complete: code %u, %zu lines, multiline %s, negative %s\n", reply.code, reply.line_count,
                    reply.multiline ? "true" : "false", reply.negative() ? "true" : "false");
        std::string_view text = reply.text;
        while (!text.empty()) {
          const std::string_view line = text.substr(0, text.find('\n'));
          std::printf("  | %.*s\n", static_cast<int>(line.size()), line.data());
          text.remove_prefix(std::min(text.size(), line.size() + 1));
        }
      } else {
        std::printf("reply: error: %s\n", step.error.reason);
      }
    }
  }
  // [reply]

  // [commands]
  pktdoc::FtpCommandParser commands;
  pktdoc::ByteView bytes = pktdoc::as_bytes("USER anonymous\r\nepsv\r\n");
  while (!bytes.empty()) {
    const pktdoc::FtpParse step = commands.parse(bytes);
    bytes = bytes.subspan(step.consumed);
    if (step.status != pktdoc::FtpParseStatus::complete) continue;
    const pktdoc::FtpCommand& command = commands.command();
    std::printf("command: verb \"%.*s\", argument \"%.*s\", is(\"EPSV\") %s\n", static_cast<int>(command.verb.size()),
                command.verb.data(), static_cast<int>(command.argument.size()), command.argument.data(),
                command.is("EPSV") ? "true" : "false");
  }
  // [commands]
  return 0;
}
