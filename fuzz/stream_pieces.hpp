// Not API. What the stream-parser targets (fuzz_http, fuzz_ftp) share: a stream of bytes with an
// optional gap in it, given to a parser once with each run of bytes in one piece (the reference)
// and again in random pieces, which must give the same answers; and put(), which writes what a
// parser answered into a text the two runs compare.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"

namespace pktdoc::fuzz {

// One call's worth of a stream: bytes, or a gap of `gap` bytes (bytes missing from the capture).
struct Piece {
  ByteView bytes;
  std::uint64_t gap = 0;  // a gap of this many bytes instead of bytes, when not 0
};

inline void put(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
  out += ';';
}
inline void put(std::string& out, std::uint64_t value) {
  out += std::to_string(value);
  out += ';';
}

// The fuzzer's bytes as a stream: all of them, or (with_gap) cut at a chosen place by a gap of
// 1 to 64 bytes. The gap replaces nothing: the bytes after it follow it in the stream.
class GappedStream {
 public:
  GappedStream(ByteView bytes, bool with_gap, Choices& choices) noexcept {
    std::size_t gap_at = bytes.size();
    if (with_gap) {
      gap_at = choices.upto(bytes.size());
      gap_length_ = 1 + choices.upto(63);
    }
    before_ = bytes.first(gap_at);
    after_ = bytes.subspan(gap_at);
  }

  // The reference: one piece per run of bytes, and the gap between them.
  std::vector<Piece> whole() const {
    std::vector<Piece> pieces;
    if (!before_.empty()) pieces.push_back({before_, 0});
    if (gap_length_ != 0) pieces.push_back({{}, gap_length_});
    if (!after_.empty()) pieces.push_back({after_, 0});
    return pieces;
  }

  // The same stream in random pieces of at most `longest` bytes (a third of the time at most 3),
  // or, half of the time for streams up to 4 KiB, one byte at a time. Each piece is copied into a
  // buffer of its own in `buffers`, which the caller frees after the run, so that a view a parser
  // keeps into a piece past its call is a use-after-free AddressSanitizer reports.
  std::vector<Piece> split(Choices& choices, std::size_t longest, std::vector<std::vector<std::byte>>& buffers) const {
    const bool bytewise = choices.upto(2) == 0 && before_.size() + after_.size() <= 4096;
    buffers.clear();
    auto cut = [&](ByteView run) {
      while (!run.empty()) {
        const std::size_t length =
            bytewise ? 1 : 1 + choices.upto(std::min<std::size_t>(run.size() - 1, choices.upto(3) == 0 ? 3 : longest));
        buffers.emplace_back(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(length));
        run = run.subspan(length);
      }
    };
    cut(before_);
    const std::size_t before_count = buffers.size();
    cut(after_);
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < buffers.size(); ++i) {
      if (i == before_count && gap_length_ != 0) pieces.push_back({{}, gap_length_});
      pieces.push_back({ByteView(buffers[i].data(), buffers[i].size()), 0});
    }
    if (before_count == buffers.size() && gap_length_ != 0) pieces.push_back({{}, gap_length_});
    return pieces;
  }

 private:
  ByteView before_;
  ByteView after_;
  std::uint64_t gap_length_ = 0;
};

}  // namespace pktdoc::fuzz
