#include "pktdoc/ftp.hpp"

#include <algorithm>
#include <array>

namespace pktdoc {

namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr char upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Parses "n,n,n,n,n,n" (each 0-255, one to three digits) at the start of `text`; `end` receives
// the offset after the sixth number.
const char* parse_six(std::string_view text, std::array<std::uint8_t, 6>& out, std::size_t& end) noexcept {
  std::size_t pos = 0;
  for (std::size_t k = 0; k < 6; ++k) {
    if (k > 0) {
      if (pos >= text.size() || text[pos] != ',') return "not six comma-separated numbers";
      ++pos;
    }
    unsigned value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && is_digit(text[pos]) && digits < 4) {
      value = value * 10 + static_cast<unsigned>(text[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits == 0) return "not six comma-separated numbers";
    if (digits > 3 || value > 255) return "a number above 255";
    out[k] = static_cast<std::uint8_t>(value);
  }
  end = pos;
  return nullptr;
}

FtpHostPortResult from_six(const std::array<std::uint8_t, 6>& n) noexcept {
  FtpHostPort value;
  value.ip_version = 4;
  value.ipv4 = Ipv4Address{{n[0], n[1], n[2], n[3]}};
  value.port = static_cast<std::uint16_t>(n[4] * 256 + n[5]);
  if (value.port == 0) return FtpHostPortResult{std::nullopt, "port 0"};
  return FtpHostPortResult{value, ""};
}

// A decimal TCP port, 1 to 65535.
bool parse_port_number(std::string_view text, std::uint16_t& port) noexcept {
  if (text.empty() || text.size() > 5) return false;
  unsigned value = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

constexpr bool is_delimiter(char c) noexcept { return c >= 33 && c <= 126; }

}  // namespace

std::string_view ftp_error_kind_name(FtpErrorKind kind) noexcept {
  switch (kind) {
    case FtpErrorKind::none:
      return "none";
    case FtpErrorKind::truncated:
      return "truncated";
    case FtpErrorKind::invalid:
      return "invalid";
  }
  return "unknown";
}

bool FtpCommand::is(std::string_view name) const noexcept {
  if (verb.size() != name.size()) return false;
  for (std::size_t i = 0; i < verb.size(); ++i)
    if (upper(verb[i]) != upper(name[i])) return false;
  return true;
}

std::optional<FtpCommand> parse_ftp_command(std::string_view line) noexcept {
  const std::size_t space = line.find(' ');
  const std::string_view verb = line.substr(0, space);
  if (verb.size() < 3 || verb.size() > 4) return std::nullopt;
  for (char c : verb)
    if (!is_letter(c)) return std::nullopt;
  FtpCommand command;
  command.verb = verb;
  command.line = line;
  if (space != std::string_view::npos) command.argument = line.substr(space + 1);
  return command;
}

FtpHostPortResult parse_ftp_port(std::string_view argument) noexcept {
  argument = trim(argument);
  std::array<std::uint8_t, 6> numbers{};
  std::size_t end = 0;
  if (const char* problem = parse_six(argument, numbers, end)) return FtpHostPortResult{std::nullopt, problem};
  if (end != argument.size()) return FtpHostPortResult{std::nullopt, "text after the sixth number"};
  return from_six(numbers);
}

FtpHostPortResult parse_ftp_pasv_reply(std::string_view text) noexcept {
  const char* problem = "no h1,h2,h3,h4,p1,p2 in the reply";
  for (std::size_t i = 0; i < text.size(); ++i) {
    // A run starts at a digit that does not continue a number or a list.
    if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == ','))) continue;
    std::array<std::uint8_t, 6> numbers{};
    std::size_t end = 0;
    const std::string_view candidate = text.substr(i);
    if (const char* why = parse_six(candidate, numbers, end)) {
      if (why[0] == 'a') problem = why;  // "a number above 255" says more than "none found"
      continue;
    }
    if (end < candidate.size() && (is_digit(candidate[end]) || candidate[end] == ',')) continue;
    return from_six(numbers);
  }
  return FtpHostPortResult{std::nullopt, problem};
}

FtpHostPortResult parse_ftp_eprt(std::string_view argument) noexcept {
  argument = trim(argument);
  if (argument.size() < 4) return FtpHostPortResult{std::nullopt, "too short for <d>proto<d>address<d>port<d>"};
  const char d = argument[0];
  if (!is_delimiter(d)) return FtpHostPortResult{std::nullopt, "delimiter outside ASCII 33-126"};
  if (argument.back() != d) return FtpHostPortResult{std::nullopt, "does not end with the delimiter"};
  const std::string_view inner = argument.substr(1, argument.size() - 2);
  const std::size_t first = inner.find(d);
  const std::size_t second = first == std::string_view::npos ? first : inner.find(d, first + 1);
  if (second == std::string_view::npos || inner.find(d, second + 1) != std::string_view::npos)
    return FtpHostPortResult{std::nullopt, "not three fields between four delimiters"};
  const std::string_view protocol = inner.substr(0, first);
  const std::string_view address = inner.substr(first + 1, second - first - 1);
  const std::string_view port = inner.substr(second + 1);
  FtpHostPort value;
  if (protocol == "1") {
    const auto v4 = Ipv4Address::parse(address);
    if (!v4) return FtpHostPortResult{std::nullopt, "network protocol 1 with an address that is not IPv4"};
    value.ip_version = 4;
    value.ipv4 = *v4;
  } else if (protocol == "2") {
    const auto v6 = Ipv6Address::parse(address);
    if (!v6) return FtpHostPortResult{std::nullopt, "network protocol 2 with an address that is not IPv6"};
    value.ip_version = 6;
    value.ipv6 = *v6;
  } else {
    return FtpHostPortResult{std::nullopt, "network protocol other than 1 (IPv4) or 2 (IPv6)"};
  }
  if (!parse_port_number(port, value.port)) return FtpHostPortResult{std::nullopt, "port not a number from 1 to 65535"};
  return FtpHostPortResult{value, ""};
}

FtpHostPortResult parse_ftp_epsv_reply(std::string_view text) noexcept {
  for (std::size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos) break;
    const std::string_view inner = text.substr(open + 1, close - open - 1);
    if (inner.size() < 5) continue;
    const char d = inner[0];
    if (!is_delimiter(d) || inner[1] != d || inner[2] != d || inner.back() != d) continue;
    FtpHostPort value;
    if (!parse_port_number(inner.substr(3, inner.size() - 4), value.port)) continue;
    return FtpHostPortResult{value, ""};
  }
  return FtpHostPortResult{std::nullopt, "no (<d><d><d>port<d>) in the reply"};
}

// ---------------------------------------------------------------------------------------------

bool FtpLineSplitter::next(ByteView bytes, std::size_t& consumed) {
  if (ended_) {
    line_.clear();
    cut_ = false;
    ended_ = false;
    started_ = false;
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<std::uint8_t>(bytes[i]);
    ++offset_;
    // Telnet commands (RFC 854): IAC (255) starts one; IAC IAC is a data byte 255.
    if (telnet_ == 1) {
      telnet_ = (b >= 251 && b <= 254) ? 2 : 0;  // WILL, WONT, DO, DONT take an option byte
      if (b != 255) continue;
    } else if (telnet_ == 2) {
      telnet_ = 0;
      continue;
    } else if (b == 255) {
      telnet_ = 1;
      continue;
    }
    if (skipping_) {
      if (b == '\n') skipping_ = false;
      continue;
    }
    if (!started_) {
      started_ = true;
      line_offset_ = offset_ - 1;
    }
    if (b == '\n') {
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (line_.size() > max_line_) {
        line_.resize(max_line_);
        cut_ = true;
      }
      ended_ = true;
      consumed = i + 1;
      return true;
    }
    if (line_.size() < max_line_ + 1)  // one more, for the CR of a line exactly max_line_ long
      line_ += static_cast<char>(b);
    else
      cut_ = true;
  }
  consumed = bytes.size();
  return false;
}

void FtpLineSplitter::gap(std::uint64_t length) noexcept {
  offset_ += length;
  line_.clear();
  started_ = false;
  cut_ = false;
  ended_ = false;
  telnet_ = 0;
  skipping_ = true;
}

void FtpLineSplitter::reset() noexcept {
  line_.clear();
  offset_ = line_offset_ = 0;
  telnet_ = 0;
  started_ = cut_ = ended_ = skipping_ = false;
}

FtpParse FtpCommandParser::parse(ByteView bytes) {
  std::size_t consumed = 0;
  if (!lines_.next(bytes, consumed)) return FtpParse{FtpParseStatus::need_more, consumed, {}};
  const std::optional<FtpCommand> command = parse_ftp_command(lines_.line());
  if (!command)
    return FtpParse{
        FtpParseStatus::error, consumed,
        FtpError{FtpErrorKind::invalid, "line is not a command (RFC 959 section 5.3)", lines_.line_offset()}};
  command_ = *command;
  command_.cut = lines_.cut();
  return FtpParse{FtpParseStatus::complete, consumed, {}};
}

FtpParse FtpCommandParser::gap(std::uint64_t length) {
  const bool in_line = lines_.in_line();
  const std::uint64_t offset = lines_.line_offset();
  lines_.gap(length);
  if (!in_line) return FtpParse{};
  return FtpParse{FtpParseStatus::error, 0, FtpError{FtpErrorKind::truncated, "bytes missing in a command", offset}};
}

FtpParse FtpCommandParser::finish() {
  if (!lines_.in_line()) return FtpParse{};
  return FtpParse{FtpParseStatus::error, 0,
                  FtpError{FtpErrorKind::truncated, "stream ended inside a command", lines_.line_offset()}};
}

void FtpCommandParser::reset() noexcept {
  lines_.reset();
  command_ = FtpCommand{};
}

FtpParse FtpReplyParser::complete(std::size_t consumed) {
  reply_.text = text_;
  reply_.cut = cut_;
  in_reply_ = false;
  return FtpParse{FtpParseStatus::complete, consumed, {}};
}

FtpParse FtpReplyParser::parse(ByteView bytes) {
  std::size_t total = 0;
  for (;;) {
    std::size_t used = 0;
    const bool ended = lines_.next(bytes.subspan(total), used);
    total += used;
    if (!ended) return FtpParse{FtpParseStatus::need_more, total, {}};
    const std::string_view line = lines_.line();
    auto keep = [&](std::string_view more) {
      const std::size_t room = max_reply_ > text_.size() ? max_reply_ - text_.size() : 0;
      if (more.size() > room) cut_ = true;
      text_.append(more.substr(0, room));
    };
    if (!in_reply_) {
      // reply line = 3 digits (the first 1-5), then SP, "-" or the end of the line (RFC 959 section 4.2).
      const bool code = line.size() >= 3 && line[0] >= '1' && line[0] <= '5' && is_digit(line[1]) && is_digit(line[2]);
      if (!code || (line.size() > 3 && line[3] != ' ' && line[3] != '-'))
        return FtpParse{
            FtpParseStatus::error, total,
            FtpError{FtpErrorKind::invalid, "line is not a reply (RFC 959 section 4.2)", lines_.line_offset()}};
      reply_ = FtpReply{};
      reply_.code = static_cast<std::uint16_t>((line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0'));
      reply_.line_count = 1;
      reply_offset_ = lines_.line_offset();
      text_.clear();
      cut_ = lines_.cut();
      keep(line.substr(std::min<std::size_t>(4, line.size())));
      if (line.size() > 3 && line[3] == '-') {
        in_reply_ = true;
        reply_.multiline = true;
        continue;
      }
      return complete(total);
    }
    ++reply_.line_count;
    cut_ = cut_ || lines_.cut();
    keep("\n");
    const bool last = line.size() >= 3 && line[0] == static_cast<char>('0' + reply_.code / 100) &&
                      line[1] == static_cast<char>('0' + reply_.code / 10 % 10) &&
                      line[2] == static_cast<char>('0' + reply_.code % 10) && (line.size() == 3 || line[3] == ' ');
    if (last) {
      keep(line.substr(std::min<std::size_t>(4, line.size())));
      return complete(total);
    }
    keep(line);
  }
}

FtpParse FtpReplyParser::gap(std::uint64_t length) {
  const bool in_progress = in_reply_ || lines_.in_line();
  const std::uint64_t offset = in_reply_ ? reply_offset_ : lines_.line_offset();
  lines_.gap(length);
  in_reply_ = false;
  if (!in_progress) return FtpParse{};
  return FtpParse{FtpParseStatus::error, 0, FtpError{FtpErrorKind::truncated, "bytes missing in a reply", offset}};
}

FtpParse FtpReplyParser::finish() {
  if (!in_reply_ && !lines_.in_line()) return FtpParse{};
  const std::uint64_t offset = in_reply_ ? reply_offset_ : lines_.line_offset();
  in_reply_ = false;
  return FtpParse{FtpParseStatus::error, 0, FtpError{FtpErrorKind::truncated, "stream ended inside a reply", offset}};
}

void FtpReplyParser::reset() noexcept {
  lines_.reset();
  reply_ = FtpReply{};
  text_.clear();
  reply_offset_ = 0;
  in_reply_ = false;
  cut_ = false;
}

}  // namespace pktdoc
