// What the snippet programs of the site share: packets written as hex text, one field per line.
// Not part of the library. The pages quote the snippets between marker comments; this helper is
// the one thing they use that the library does not provide.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace snippet {

// [bytes-helper]
// The bytes that `hex` spells: pairs of hex digits; spaces, newlines and '|' are ignored, so a
// packet can be written one field per string literal. Any other character is a bug in the snippet.
inline std::vector<std::byte> bytes(std::string_view hex) {
  std::vector<std::byte> out;
  int high = -1;
  for (char c : hex) {
    int value;
    if (c >= '0' && c <= '9')
      value = c - '0';
    else if (c >= 'a' && c <= 'f')
      value = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      value = c - 'A' + 10;
    else if (c == ' ' || c == '\n' || c == '|')
      continue;
    else {
      std::fprintf(stderr, "snippet: '%c' is not a hex digit\n", c);
      std::exit(1);
    }
    if (high < 0) {
      high = value;
    } else {
      out.push_back(static_cast<std::byte>(high * 16 + value));
      high = -1;
    }
  }
  if (high >= 0) {
    std::fprintf(stderr, "snippet: odd number of hex digits\n");
    std::exit(1);
  }
  return out;
}
// [bytes-helper]

}  // namespace snippet
