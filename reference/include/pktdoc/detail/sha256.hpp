// Not API. SHA-256 (FIPS 180-4), for the reassembly listings of dissect, which identify the
// bytes of a stream or datagram by their hash as the Wireshark oracle does. Not for security.
//
// Whole 64-byte blocks are hashed straight from the caller's bytes; only a partial block is
// buffered. On x86 processors with the SHA extensions (checked once at run time with CPUID) the
// blocks go through the SHA-NI instructions; elsewhere, or when the environment variable
// PKTDOC_SHA256_PORTABLE is set (to test the portable code on such a processor), through the
// portable C++ code. Both give the same digests.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "pktdoc/bytes.hpp"

namespace pktdoc::detail {

class Sha256 {
 public:
  Sha256() noexcept;
  // Adds bytes to the hash; may be called any number of times.
  void add(ByteView bytes) noexcept;
  // Finishes and returns the digest; the object must not be used afterwards except to reset().
  std::array<std::uint8_t, 32> finish() noexcept;
  // Finishes and returns the digest as 64 lower-case hex digits.
  std::string finish_hex();
  // Starts over.
  void reset() noexcept;

  // True when blocks() uses the SHA extensions in this process.
  static bool hardware_accelerated() noexcept;

 private:
  // Hashes `count` whole 64-byte blocks into state_.
  void blocks(const std::uint8_t* data, std::size_t count) noexcept;

  std::array<std::uint32_t, 8> state_{};
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes added
};

}  // namespace pktdoc::detail
