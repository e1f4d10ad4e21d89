// fuzz_ftp: FtpCommandParser and FtpReplyParser fed one direction of a control connection in
// random splits, with gaps, and the PORT/EPRT/PASV/EPSV parsers on what they find.
//
// The first input byte is not part of the stream; it chooses how it is parsed:
//   bit 0     commands (the client's direction) or replies (the server's)
//   bit 1     small FtpLimits (lines of 16 bytes, replies of 64), so that text is cut
//   bit 2     a gap of 1 to 64 bytes at a place chosen from the input
// The rest is the stream. The split points and the gap come from a hash of the input.
//
// Properties: the parsers give the same commands, replies and errors (with their offsets) whether
// the stream comes in one piece per call or in random pieces, down to one byte at a time
// (ftp.split-agrees); need_more uses every byte (ftp.need-more-consumes-all); consumed never
// exceeds what was given and every complete or error result uses a byte (ftp.progress); kept text
// stays within the limits (ftp.text-bounded); a reply's code is 100 to 599 (ftp.reply-code); the
// host-port parsers either give a value or a reason (ftp.host-port-answer).
#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "fuzz_support.hpp"
#include "stream_pieces.hpp"
#include "pktdoc/ftp.hpp"

using namespace pktdoc;

namespace {

using fuzz::Piece;
using fuzz::put;

void check_host_port(const FtpHostPortResult& result) {
  PKTDOC_FUZZ_PROPERTY("ftp.host-port-answer", result.value.has_value() || result.error[0] != '\0');
  fuzz::use(result.error);
  if (!result) return;
  const FtpHostPort& value = *result.value;
  // ip_version 0: the address is the control connection's (an EPSV reply).
  PKTDOC_FUZZ_PROPERTY("ftp.host-port-answer", value.ip_version == 0 || value.ip_version == 4 || value.ip_version == 6);
  if (value.ip_version == 4) fuzz::use(value.ipv4);
  if (value.ip_version == 6) fuzz::use(value.ipv6);
  fuzz::use(value.port);
}

void describe(std::string& out, const FtpParse& result, const char* what) {
  out += what;
  out += ' ';
  put(out, static_cast<std::uint64_t>(result.status));
  if (result.status == FtpParseStatus::error) {
    put(out, static_cast<std::uint64_t>(result.error.kind));
    put(out, result.error.reason);
    put(out, result.error.offset);
    fuzz::use(ftp_error_kind_name(result.error.kind));
  }
}

void describe(std::string& out, const FtpCommand& command, const FtpLimits& limits) {
  put(out, command.verb);
  put(out, command.argument);
  put(out, command.line);
  put(out, command.cut);
  PKTDOC_FUZZ_PROPERTY("ftp.text-bounded", command.line.size() <= limits.max_line_bytes);
  fuzz::use(command.is("PORT"));
  if (command.is("PORT")) check_host_port(parse_ftp_port(command.argument));
  if (command.is("EPRT")) check_host_port(parse_ftp_eprt(command.argument));
  // parse_ftp_command() on the line alone agrees on the verb and argument (a cut line aside).
  const auto again = parse_ftp_command(command.line);
  if (!command.cut) {
    PKTDOC_FUZZ_PROPERTY("ftp.command-reparses", again.has_value() && again->verb == command.verb &&
                                                     again->argument == command.argument);
  }
}

void describe(std::string& out, const FtpReply& reply, const FtpLimits& limits) {
  put(out, reply.code);
  put(out, reply.text);
  put(out, reply.line_count);
  put(out, reply.multiline);
  put(out, reply.cut);
  PKTDOC_FUZZ_PROPERTY("ftp.reply-code", reply.code >= 100 && reply.code <= 599);
  PKTDOC_FUZZ_PROPERTY("ftp.text-bounded", reply.text.size() <= limits.max_reply_bytes);
  fuzz::use(reply.reply_class());
  fuzz::use(reply.negative());
  fuzz::use(reply.first_line());
  if (reply.code == 227) check_host_port(parse_ftp_pasv_reply(reply.text));
  if (reply.code == 229) check_host_port(parse_ftp_epsv_reply(reply.text));
}

template <class Parser>
std::string run(const std::vector<Piece>& pieces, const FtpLimits& limits) {
  Parser parser(limits);
  std::string out;
  auto record = [&](const FtpParse& result, const char* what) {
    describe(out, result, what);
    if (result.status == FtpParseStatus::complete) {
      if constexpr (std::is_same_v<Parser, FtpCommandParser>)
        describe(out, parser.command(), limits);
      else
        describe(out, parser.reply(), limits);
    }
    out += '\n';
  };
  for (const Piece& piece : pieces) {
    if (piece.gap != 0) {
      record(parser.gap(piece.gap), "gap");
      continue;
    }
    ByteView rest = piece.bytes;
    while (!rest.empty()) {
      const FtpParse result = parser.parse(rest);
      PKTDOC_FUZZ_PROPERTY("ftp.progress", result.consumed <= rest.size());
      if (result.status == FtpParseStatus::need_more) {
        PKTDOC_FUZZ_PROPERTY("ftp.need-more-consumes-all", result.consumed == rest.size());
        break;
      }
      PKTDOC_FUZZ_PROPERTY("ftp.progress", result.consumed > 0);
      record(result, "parse");
      rest = rest.subspan(result.consumed);
    }
  }
  record(parser.finish(), "finish");
  parser.reset();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const ByteView bytes = as_bytes(data + 1, size - 1);
  fuzz::Choices choices(fuzz::hash(bytes) ^ (std::uint64_t{mode} << 56));

  FtpLimits limits;
  if ((mode & 2) != 0) {
    limits.max_line_bytes = 16;
    limits.max_reply_bytes = 64;
  }
  const fuzz::GappedStream stream(bytes, (mode & 4) != 0, choices);
  const bool commands = (mode & 1) == 0;
  auto run_any = [&](const std::vector<Piece>& pieces) {
    return commands ? run<FtpCommandParser>(pieces, limits) : run<FtpReplyParser>(pieces, limits);
  };

  const std::string expected = run_any(stream.whole());
  for (int round = 0; round < 2; ++round) {
    std::vector<std::vector<std::byte>> buffers;
    const std::vector<Piece> pieces = stream.split(choices, 120, buffers);
    const std::string actual = run_any(pieces);
    if (actual != expected)
      std::fprintf(stderr, "pktdoc-fuzz: in one piece per run:\n%s\nin %zu pieces:\n%s\n", expected.c_str(),
                   pieces.size(), actual.c_str());
    PKTDOC_FUZZ_PROPERTY("ftp.split-agrees", actual == expected);
  }

  // The host-port parsers on the raw text too.
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), std::min<std::size_t>(bytes.size(), 200));
  check_host_port(parse_ftp_port(text));
  check_host_port(parse_ftp_eprt(text));
  check_host_port(parse_ftp_pasv_reply(text));
  check_host_port(parse_ftp_epsv_reply(text));
  if (const auto command = parse_ftp_command(text)) {
    fuzz::use(command->verb);
    fuzz::use(command->argument);
  }
  return 0;
}
