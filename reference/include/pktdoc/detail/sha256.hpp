// Not API. SHA-256 (FIPS 180-4), for the reassembly listings of dissect, which identify the
// bytes of a stream or datagram by their hash as the Wireshark oracle does. Not for security.
#pragma once

#include <array>
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

 private:
  void block(const std::uint8_t* data) noexcept;

  std::array<std::uint32_t, 8> state_{};
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes added
};

}  // namespace pktdoc::detail
