// Not API. What every fuzz target shares: a sink that keeps the optimizer from dropping the
// accessors a target calls, the property checks that turn a wrong answer into a crash libFuzzer
// can report, and a hash for choosing parameters from the input without consuming its bytes.
//
// Properties are checked with PKTDOC_FUZZ_PROPERTY(id, condition). A violation prints
// "pktdoc-fuzz: property <id> violated: <condition>" and aborts, which libFuzzer reports as a
// crash and saves as an artifact. A property that has been reported and not fixed yet can be
// skipped while fuzzing on (so that the fuzzer looks for other bugs) by listing its id in the
// environment, separated by semicolons: PKTDOC_FUZZ_SKIP='dns.prefix-truncated;udp.payload-inside'.
// The properties that report a decoder's error can also be skipped for one reason only, as
// <id>:<reason> (frame.cut-only-truncated:message shorter than the 8-byte ICMP header). The
// ctests never set it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc::fuzz {

// ---------------------------------------------------------------------------------------------
// The sink: every value a target reads ends up here, so no accessor call is optimized away.

inline volatile std::uint64_t sink_value = 0;

inline void mix(std::uint64_t value) noexcept { sink_value = sink_value * 31 + value; }

template <class T>
requires std::is_integral_v<T> || std::is_enum_v<T>
inline void use(T value) noexcept {
  if constexpr (std::is_enum_v<T>)
    mix(static_cast<std::uint64_t>(static_cast<std::underlying_type_t<T>>(value)));
  else
    mix(static_cast<std::uint64_t>(value));
}

// Touches the first and the last byte of a view: under AddressSanitizer, a view that reaches
// past its buffer (or into freed memory) is reported here, where it is handed out, rather than
// wherever a user would have read it.
inline void use(ByteView bytes) noexcept {
  mix(bytes.size());
  if (bytes.empty()) return;
  mix(std::to_integer<std::uint8_t>(bytes.front()));
  mix(std::to_integer<std::uint8_t>(bytes.back()));
}

inline void use(std::string_view text) noexcept {
  mix(text.size());
  if (text.empty()) return;
  mix(static_cast<unsigned char>(text.front()));
  mix(static_cast<unsigned char>(text.back()));
}

inline void use(const char* text) noexcept { use(std::string_view(text)); }

inline void use(const AddressText& text) noexcept;
inline void use(const MacAddress& address) noexcept;
inline void use(const Ipv4Address& address) noexcept;
inline void use(const Ipv6Address& address) noexcept;

template <class T>
inline void use(const std::optional<T>& value) noexcept {
  mix(value.has_value());
  if (value) use(*value);
}

// Reads every byte of a view (for the views a user is most likely to read whole: payloads).
inline void use_all(ByteView bytes) noexcept {
  std::uint64_t sum = bytes.size();
  for (std::byte b : bytes) sum = sum * 131 + std::to_integer<std::uint8_t>(b);
  mix(sum);
}

// ---------------------------------------------------------------------------------------------
// Properties.

inline bool skipped(std::string_view id) noexcept {
  static const char* const list = std::getenv("PKTDOC_FUZZ_SKIP");
  if (list == nullptr) return false;
  std::string_view rest(list);
  while (!rest.empty()) {
    const std::size_t end = rest.find(';');
    if (rest.substr(0, end) == id) return true;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return false;
}

// A property violated for a known reason can be skipped alone: "<id>:<reason>" in the list.
inline bool skipped(std::string_view id, std::string_view reason) noexcept {
  if (skipped(id)) return true;
  static thread_local std::string key;
  key.assign(id);
  key += ':';
  key += reason;
  return skipped(key);
}

[[noreturn]] inline void violated(const char* id, const char* condition, const char* file, int line) noexcept {
  std::fprintf(stderr, "pktdoc-fuzz: property %s violated: %s (%s:%d)\n", id, condition, file, line);
  std::fflush(stderr);
  std::abort();
}

#define PKTDOC_FUZZ_PROPERTY(id, condition)                                                                         \
  do {                                                                                                              \
    if (!(condition) && !::pktdoc::fuzz::skipped(id)) ::pktdoc::fuzz::violated(id, #condition, __FILE__, __LINE__); \
  } while (false)

// True when `part` lies within `whole` (an empty view lies anywhere). Compared as integers:
// pointers into different objects are not ordered in C++.
inline bool inside(ByteView part, ByteView whole) noexcept {
  if (part.empty()) return true;
  const auto begin = reinterpret_cast<std::uintptr_t>(whole.data());
  const auto first = reinterpret_cast<std::uintptr_t>(part.data());
  return first >= begin && first - begin <= whole.size() && part.size() <= whole.size() - (first - begin);
}

// A DecodeError as parse() must return it: a kind, a protocol and a reason.
inline bool well_formed(const DecodeError& error) noexcept {
  return error.kind != ErrorKind::none && error.protocol != Protocol::none && error.reason != nullptr &&
         error.reason[0] != '\0';
}

// Uses every field of an error, and its names.
inline void use(const DecodeError& error) noexcept {
  use(error.protocol);
  use(error.kind);
  use(error.reason);
  use(error.offset);
  use(protocol_name(error.protocol));
  use(error_kind_name(error.kind));
}

// ---------------------------------------------------------------------------------------------
// Parameters chosen by the input: a hash of the bytes, so that a target can vary what it asks
// (a declared length, a flavor, where to cut) without taking bytes away from the decoder.

inline std::uint64_t hash(ByteView bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (std::byte b : bytes) {
    h ^= std::to_integer<std::uint8_t>(b);
    h *= 0x100000001b3ull;
  }
  return h;
}

// A sequence of pseudo-random numbers from a seed (splitmix64).
class Choices {
 public:
  explicit Choices(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // A number in [0, bound]; 0 when bound is 0.
  std::size_t upto(std::size_t bound) noexcept {
    return bound == 0 ? 0 : static_cast<std::size_t>(next() % (bound + 1));
  }

 private:
  std::uint64_t state_;
};

// A copy of the first `length` bytes in a buffer of exactly that size, so that AddressSanitizer
// reports a read past the cut (libFuzzer's own buffer is sized exactly, the same way).
inline std::vector<std::byte> prefix_copy(ByteView bytes, std::size_t length) {
  return std::vector<std::byte>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
}

// Where to cut an input for the "cut short, it is only truncated" properties: the last byte, the
// middle and a few places chosen by the input; every place for short inputs.
inline std::vector<std::size_t> cut_points(ByteView bytes, std::size_t minimum = 0) {
  std::vector<std::size_t> cuts;
  if (bytes.size() <= minimum) return cuts;
  if (bytes.size() - minimum <= 24) {
    for (std::size_t cut = minimum; cut < bytes.size(); ++cut) cuts.push_back(cut);
    return cuts;
  }
  Choices choices(hash(bytes) ^ 0x5eedull);
  cuts.push_back(bytes.size() - 1);
  cuts.push_back(minimum + (bytes.size() - minimum) / 2);
  for (int i = 0; i < 6; ++i) cuts.push_back(minimum + choices.upto(bytes.size() - minimum - 1));
  return cuts;
}

// The "truncated, not invalid" rule of CONTRIBUTING.md: when a parser accepts `bytes`, any prefix
// of them was cut short by the capture, and more bytes (these) would have made it decode, so it
// may fail only as ErrorKind::truncated. `parse` takes a ByteView and returns a Result.
// `tolerated`, when not null, is the reason of an invalid error that the decoder documents as
// invalid even so.
template <class Parse>
void check_prefixes_only_truncated(const char* id, ByteView bytes, Parse parse, const char* tolerated = nullptr) {
  for (std::size_t cut : cut_points(bytes)) {
    const std::vector<std::byte> prefix = prefix_copy(bytes, cut);
    const auto result = parse(ByteView(prefix.data(), prefix.size()));
    if (result.ok() || result.error().kind == ErrorKind::truncated) continue;
    if (tolerated != nullptr && std::string_view(result.error().reason) == tolerated) continue;
    if (!skipped(id, result.error().reason)) {
      std::fprintf(stderr, "pktdoc-fuzz: the whole input parses, but a %zu-byte prefix fails as %s: %s (offset %zu)\n",
                   cut, error_kind_name(result.error().kind).data(), result.error().reason, result.error().offset);
      violated(id, "a prefix of bytes that parse fails only as truncated", __FILE__, __LINE__);
    }
  }
}

}  // namespace pktdoc::fuzz

// Defined after the address types are complete.
inline void pktdoc::fuzz::use(const AddressText& text) noexcept {
  PKTDOC_FUZZ_PROPERTY("address.text-terminated",
                       text.length < AddressText::capacity && text.chars[text.length] == '\0');
  use(text.view());
  use(std::string_view(text.c_str()).size() == text.length);
}
inline void pktdoc::fuzz::use(const MacAddress& address) noexcept {
  use(address.to_text());
  use(address.is_broadcast());
  use(address.is_multicast());
}
inline void pktdoc::fuzz::use(const Ipv4Address& address) noexcept {
  const AddressText text = address.to_text();
  use(text);
  use(address.to_uint());
  // The one text form must read back as the same address.
  const auto back = Ipv4Address::parse(text.view());
  PKTDOC_FUZZ_PROPERTY("address.ipv4-text-round-trip", back.has_value() && *back == address);
}
inline void pktdoc::fuzz::use(const Ipv6Address& address) noexcept {
  const AddressText text = address.to_text();
  use(text);
  const auto back = Ipv6Address::parse(text.view());
  PKTDOC_FUZZ_PROPERTY("address.ipv6-text-round-trip", back.has_value() && *back == address);
}
