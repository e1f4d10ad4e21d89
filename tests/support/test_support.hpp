// Helpers shared by the unit tests: packet bytes from hex, and the "cut everywhere" check.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <cstddef>
#include <string_view>
#include <vector>

#include "pktdoc/bytes.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc::test {

// Bytes from hex text. Spaces, newlines and '|' (used to mark header boundaries) are ignored,
// so packets can be written one field or one header per line.
inline std::vector<std::byte> hex(std::string_view text) {
  std::vector<std::byte> out;
  int high = -1;
  for (char c : text) {
    int value;
    if (c >= '0' && c <= '9') value = c - '0';
    else if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
    else if (std::isspace(static_cast<unsigned char>(c)) || c == '|') continue;
    else { ADD_FAILURE() << "not a hex digit: '" << c << "'"; return out; }
    if (high < 0) high = value;
    else { out.push_back(static_cast<std::byte>(high * 16 + value)); high = -1; }
  }
  if (high >= 0) ADD_FAILURE() << "odd number of hex digits";
  return out;
}

// A view of a whole byte vector.
inline ByteView view(const std::vector<std::byte>& bytes) { return ByteView(bytes.data(), bytes.size()); }

// Parses every prefix of `bytes` shorter than `header_length` and expects each to fail as
// truncated for `protocol`. The parser is any callable taking a ByteView and returning a Result.
// Each prefix is copied into its own buffer so that AddressSanitizer catches a read past it.
template <class Parse>
void expect_truncated_at_every_cut(const std::vector<std::byte>& bytes, std::size_t header_length,
                                   Protocol protocol, Parse parse) {
  ASSERT_LE(header_length, bytes.size());
  for (std::size_t cut = 0; cut < header_length; ++cut) {
    std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
    auto result = parse(ByteView(prefix.data(), prefix.size()));
    ASSERT_FALSE(result.ok()) << "a " << cut << "-byte prefix parsed";
    EXPECT_EQ(result.error().kind, ErrorKind::truncated) << "cut at " << cut << ": " << result.error().reason;
    EXPECT_EQ(result.error().protocol, protocol) << "cut at " << cut;
    EXPECT_STRNE(result.error().reason, "") << "cut at " << cut;
  }
}

}  // namespace pktdoc::test
