#include "pktdoc/address.hpp"

namespace pktdoc {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// Appends characters to an AddressText; the callers never exceed its capacity (checked anyway).
struct TextWriter {
  AddressText& text;
  void put(char c) noexcept {
    if (std::size_t{text.length} + 1 < AddressText::capacity) text.chars[text.length++] = c;
    text.chars[text.length] = '\0';
  }
  void put_decimal(unsigned value) noexcept {
    char digits[3];
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0 && count < 3);
    while (count > 0) put(digits[--count]);
  }
  void put_hex_group(unsigned value) noexcept {  // 16-bit group without leading zeros
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      unsigned nibble = (value >> shift) & 0xf;
      if (nibble != 0 || started || shift == 0) {
        put(kHexDigits[nibble]);
        started = true;
      }
    }
  }
  void put_dotted_quad(const std::uint8_t* bytes) noexcept {
    for (int i = 0; i < 4; ++i) {
      if (i != 0) put('.');
      put_decimal(bytes[i]);
    }
  }
};

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

AddressText MacAddress::to_text() const noexcept {
  AddressText text;
  TextWriter out{text};
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) out.put(':');
    out.put(kHexDigits[bytes[i] >> 4]);
    out.put(kHexDigits[bytes[i] & 0xf]);
  }
  return text;
}

std::optional<Ipv4Address> Ipv4Address::parse(std::string_view text) noexcept {
  Ipv4Address address;
  std::size_t pos = 0;
  for (int part = 0; part < 4; ++part) {
    if (part != 0) {
      if (pos >= text.size() || text[pos] != '.') return std::nullopt;
      ++pos;
    }
    unsigned value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < 4) {
      value = value * 10 + static_cast<unsigned>(text[pos] - '0');
      ++pos;
      ++digits;
    }
    // A leading zero is refused: inet_pton does, and inet_aton would read "010" as octal.
    const bool leading_zero = digits > 1 && text[pos - digits] == '0';
    if (digits == 0 || digits > 3 || value > 255 || leading_zero) return std::nullopt;
    address.bytes[static_cast<std::size_t>(part)] = static_cast<std::uint8_t>(value);
  }
  if (pos != text.size()) return std::nullopt;
  return address;
}

AddressText Ipv4Address::to_text() const noexcept {
  AddressText text;
  TextWriter{text}.put_dotted_quad(bytes.data());
  return text;
}

std::optional<Ipv6Address> Ipv6Address::parse(std::string_view text) noexcept {
  // Groups before "::" fill from the front, groups after it are moved to the back.
  std::array<std::uint16_t, 8> groups{};
  int count = 0;
  int gap = -1;  // index in groups where "::" stands
  std::size_t pos = 0;
  if (text.substr(0, 2) == "::") {
    gap = 0;
    pos = 2;
  } else if (!text.empty() && text[0] == ':') {
    return std::nullopt;
  }
  while (pos < text.size()) {
    if (count >= 8) return std::nullopt;
    // An embedded IPv4 address may end the text.
    std::size_t next_colon = text.find(':', pos);
    std::string_view piece = text.substr(pos, next_colon == std::string_view::npos ? text.npos : next_colon - pos);
    if (next_colon == std::string_view::npos && piece.find('.') != std::string_view::npos) {
      auto v4 = Ipv4Address::parse(piece);
      if (!v4 || count > 6) return std::nullopt;
      groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>((v4->bytes[0] << 8) | v4->bytes[1]);
      groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>((v4->bytes[2] << 8) | v4->bytes[3]);
      pos = text.size();
      break;
    }
    if (piece.empty() || piece.size() > 4) return std::nullopt;
    unsigned value = 0;
    for (char c : piece) {
      int digit = hex_value(c);
      if (digit < 0) return std::nullopt;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(value);
    pos += piece.size();
    if (pos == text.size()) break;
    ++pos;  // the ':'
    if (pos < text.size() && text[pos] == ':') {
      if (gap >= 0) return std::nullopt;
      gap = count;
      ++pos;
    } else if (pos == text.size()) {
      return std::nullopt;  // a single trailing ':'
    }
  }
  if (gap < 0 && count != 8) return std::nullopt;
  if (gap >= 0 && count > 7) return std::nullopt;
  std::array<std::uint16_t, 8> full{};
  if (gap < 0) {
    full = groups;
  } else {
    int tail = count - gap;
    for (int i = 0; i < gap; ++i) full[static_cast<std::size_t>(i)] = groups[static_cast<std::size_t>(i)];
    for (int i = 0; i < tail; ++i)
      full[static_cast<std::size_t>(8 - tail + i)] = groups[static_cast<std::size_t>(gap + i)];
  }
  Ipv6Address address;
  for (std::size_t i = 0; i < 8; ++i) {
    address.bytes[2 * i] = static_cast<std::uint8_t>(full[i] >> 8);
    address.bytes[2 * i + 1] = static_cast<std::uint8_t>(full[i]);
  }
  return address;
}

AddressText Ipv6Address::to_text() const noexcept {
  std::array<unsigned, 8> words{};
  for (std::size_t i = 0; i < 8; ++i) words[i] = (unsigned{bytes[2 * i]} << 8) | bytes[2 * i + 1];

  // Find the longest run of zero groups; the first one wins a tie (RFC 5952 section 4.2.3).
  int best_base = -1, best_length = 0, run_base = -1, run_length = 0;
  for (int i = 0; i < 8; ++i) {
    if (words[static_cast<std::size_t>(i)] == 0) {
      if (run_base < 0) run_base = i, run_length = 0;
      ++run_length;
      if (run_length > best_length) best_base = run_base, best_length = run_length;
    } else {
      run_base = -1;
    }
  }
  if (best_length < 2) best_base = -1;  // a single zero group is not compressed (section 4.2.2)

  AddressText text;
  TextWriter out{text};
  for (int i = 0; i < 8; ++i) {
    if (best_base >= 0 && i >= best_base && i < best_base + best_length) {
      if (i == best_base) out.put(':');
      continue;
    }
    if (i != 0) out.put(':');
    // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses end in a dotted quad.
    if (i == 6 && best_base == 0 &&
        (best_length == 6 || (best_length == 5 && words[5] == 0xffff))) {
      out.put_dotted_quad(bytes.data() + 12);
      return text;
    }
    out.put_hex_group(words[static_cast<std::size_t>(i)]);
  }
  if (best_base >= 0 && best_base + best_length == 8) out.put(':');
  return text;
}

}  // namespace pktdoc
