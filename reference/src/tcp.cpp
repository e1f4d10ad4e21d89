#include "pktdoc/tcp.hpp"

namespace pktdoc {
namespace {

// Appends `text` to `out`, keeping room for the NUL (the capacity is chosen so that it always fits).
void append(TcpFlagsText& out, std::string_view text) noexcept {
  for (char c : text) {
    if (out.length + 1u >= TcpFlagsText::capacity) return;
    out.chars[out.length++] = c;
  }
  out.chars[out.length] = '\0';
}

struct FlagName {
  std::uint16_t bit;
  std::string_view wireshark;
  std::string_view tcpdump;
};

// Lowest bit first: the order both Wireshark and tcpdump print them in.
constexpr FlagName flag_names[] = {
    {tcp_flag::fin, "FIN", "F"}, {tcp_flag::syn, "SYN", "S"}, {tcp_flag::rst, "RST", "R"},
    {tcp_flag::psh, "PSH", "P"}, {tcp_flag::ack, "ACK", "."}, {tcp_flag::urg, "URG", "U"},
    {tcp_flag::ece, "ECE", "E"}, {tcp_flag::cwr, "CWR", "W"}, {tcp_flag::ae, "AE", "e"},
};

// The first option of `kind` whose length is `length`, in the options of `segment`.
std::optional<TcpOption> find_option(const TcpSegment& segment, std::uint8_t kind, std::uint8_t length) noexcept {
  for (const TcpOption& option : segment.options())
    if (option.kind == kind && option.length == length) return option;
  return std::nullopt;
}

}  // namespace

TcpFlagsText tcp_flags_text(std::uint16_t flags, TcpFlagStyle style) noexcept {
  TcpFlagsText text;
  bool any = false;
  for (const FlagName& flag : flag_names) {
    if ((flags & flag.bit) == 0) continue;
    if (style == TcpFlagStyle::wireshark) {
      if (any) append(text, ", ");
      append(text, flag.wireshark);
    } else {
      append(text, flag.tcpdump);
    }
    any = true;
  }
  if (style == TcpFlagStyle::wireshark && (flags & tcp_flag::reserved) != 0) {
    if (any) append(text, ", ");
    append(text, "Reserved");
    any = true;
  }
  if (!any) append(text, style == TcpFlagStyle::wireshark ? "<None>" : "none");
  return text;
}

TcpOptionIterator::TcpOptionIterator(ByteView captured, std::size_t area_length) noexcept
    : captured_(captured), area_length_(area_length), at_end_(false) {
  read();
}

// Decodes the option at offset_, or moves to the end (recording why) when there is none.
void TcpOptionIterator::read() noexcept {
  const ByteReader reader(captured_);
  if (offset_ >= area_length_) {
    at_end_ = true;
    return;
  }
  if (offset_ >= captured_.size()) {
    error_ = TcpOptionError::truncated;
    at_end_ = true;
    return;
  }
  const std::uint8_t kind = reader.u8_at(offset_);
  if (kind == tcp_option_kind::end_of_option_list || kind == tcp_option_kind::no_operation) {
    current_ = TcpOption{kind, 1, ByteView{}};
    return;
  }
  if (offset_ + 1 >= area_length_) {  // the length byte would be past the data offset
    error_ = TcpOptionError::past_header_end;
    at_end_ = true;
    return;
  }
  if (offset_ + 1 >= captured_.size()) {
    error_ = TcpOptionError::truncated;
    at_end_ = true;
    return;
  }
  const std::uint8_t length = reader.u8_at(offset_ + 1);
  if (length < 2) {
    error_ = TcpOptionError::length_below_two;
    at_end_ = true;
    return;
  }
  if (offset_ + length > area_length_) {
    error_ = TcpOptionError::past_header_end;
    at_end_ = true;
    return;
  }
  if (offset_ + length > captured_.size()) {
    error_ = TcpOptionError::truncated;
    at_end_ = true;
    return;
  }
  current_ = TcpOption{kind, length, reader.view_at(offset_ + 2, length - 2u)};
}

TcpOptionIterator& TcpOptionIterator::operator++() noexcept {
  if (at_end_) return *this;
  // Whatever follows EOL is padding, not options (RFC 9293 section 3.2).
  if (current_.kind == tcp_option_kind::end_of_option_list) {
    offset_ = area_length_;
    at_end_ = true;
    return *this;
  }
  offset_ += current_.length;  // at least 1: the walk always moves forward
  read();
  return *this;
}

TcpOptionError TcpOptions::error() const noexcept {
  TcpOptionIterator it = begin();
  while (it != end()) ++it;
  return it.error();
}

const char* TcpOptions::error_reason() const noexcept {
  switch (error()) {
    case TcpOptionError::none:
      return "";
    case TcpOptionError::length_below_two:
      return "option length below 2";
    case TcpOptionError::past_header_end:
      return "option runs past the data offset";
    case TcpOptionError::truncated:
      return "capture ends inside the options";
  }
  return "";
}

std::size_t TcpOptions::error_offset() const noexcept {
  TcpOptionIterator it = begin();
  while (it != end()) ++it;
  return TcpSegment::minimum_header_length + it.offset();
}

Result<TcpSegment> TcpSegment::parse(ByteView bytes) noexcept {
  const TcpSegment segment(bytes);
  // Once byte 12 is there, a data offset below 5 is wrong whatever follows it.
  if (bytes.size() > 12 && segment.data_offset() < 5)
    return invalid(Protocol::tcp, "data offset below 5 words (20 bytes)", 12);
  if (bytes.size() < minimum_header_length)
    return truncated(Protocol::tcp, "capture ends inside the 20-byte fixed header", bytes.size());
  if (bytes.size() < segment.header_length())
    return truncated(Protocol::tcp, "capture ends inside the options", bytes.size());
  return segment;
}

ChecksumStatus TcpSegment::checksum_status(const PseudoHeader& pseudo) const noexcept {
  if (pseudo.length < minimum_header_length) return ChecksumStatus::bad;
  if (pseudo.length > bytes_.size()) return ChecksumStatus::unverified;
  InternetChecksum sum;
  add_pseudo_header(sum, pseudo);
  sum.add(ByteReader(bytes_).view_at(0, pseudo.length));
  return sum.finish() == 0 ? ChecksumStatus::good : ChecksumStatus::bad;
}

TcpOptions TcpSegment::options() const noexcept {
  const std::size_t header = header_length();
  if (header <= minimum_header_length || bytes_.size() <= minimum_header_length)
    return TcpOptions(ByteView{}, header > minimum_header_length ? header - minimum_header_length : 0);
  const std::size_t area = header - minimum_header_length;
  const std::size_t captured = bytes_.size() - minimum_header_length;
  return TcpOptions(ByteReader(bytes_).view_at(minimum_header_length, captured < area ? captured : area), area);
}

std::optional<std::uint16_t> TcpSegment::mss() const noexcept {
  auto option = find_option(*this, tcp_option_kind::maximum_segment_size, 4);
  if (!option) return std::nullopt;
  return ByteReader(option->data).u16_at(0);
}

std::optional<std::uint8_t> TcpSegment::window_scale() const noexcept {
  auto option = find_option(*this, tcp_option_kind::window_scale, 3);
  if (!option) return std::nullopt;
  return ByteReader(option->data).u8_at(0);
}

bool TcpSegment::sack_permitted() const noexcept {
  return find_option(*this, tcp_option_kind::sack_permitted, 2).has_value();
}

TcpSackBlocks TcpSegment::sack_blocks() const noexcept {
  TcpSackBlocks blocks;
  for (const TcpOption& option : options()) {
    if (option.kind != tcp_option_kind::sack || option.data.empty() || option.data.size() % 8 != 0) continue;
    const ByteReader reader(option.data);
    const std::size_t count = option.data.size() / 8;  // at most 4: the option fits in 40 bytes
    for (std::size_t i = 0; i < count && i < TcpSackBlocks::max_blocks; ++i)
      blocks.blocks[i] = TcpSackBlock{reader.u32_at(8 * i), reader.u32_at(8 * i + 4)};
    blocks.count = count < TcpSackBlocks::max_blocks ? count : TcpSackBlocks::max_blocks;
    break;
  }
  return blocks;
}

std::optional<TcpTimestamps> TcpSegment::timestamps() const noexcept {
  auto option = find_option(*this, tcp_option_kind::timestamps, 10);
  if (!option) return std::nullopt;
  const ByteReader reader(option->data);
  return TcpTimestamps{reader.u32_at(0), reader.u32_at(4)};
}

std::optional<ByteView> TcpSegment::fast_open_cookie() const noexcept {
  for (const TcpOption& option : options())
    if (option.kind == tcp_option_kind::fast_open) return option.data;
  return std::nullopt;
}

ByteView TcpSegment::payload() const noexcept {
  const std::size_t header = header_length();
  if (header < minimum_header_length || header > bytes_.size()) return ByteView{};
  return ByteReader(bytes_).view_from(header);
}

}  // namespace pktdoc
