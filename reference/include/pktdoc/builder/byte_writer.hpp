/// @file
/// @brief The packet builder's output type (Bytes) and ByteWriter, the writing counterpart of
/// ByteReader: big-endian fields appended to a growing buffer, and fields patched in place.
///
/// Building a packet is not the decoding path: builders own their output, a
/// `std::vector<std::byte>`, and may allocate. Every builder in `pktdoc/builder/` writes through
/// ByteWriter, so that byte order is decided in one place, as ByteReader decides it for reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "pktdoc/bytes.hpp"

namespace pktdoc {

/// The packet builder: value types that describe each layer with the field names of the
/// decoders, and functions that turn them into bytes with lengths and checksums filled in.
///
/// Builders are for making test input and sample captures, so they are plain and predictable:
/// nothing is random (identifications and sequence numbers are given or derived from what was
/// given), every length and checksum is computed unless a field says otherwise, and every field
/// that a decoder must survive being wrong (a length, a checksum, a count) can be set to a lie.
/// A builder given something that cannot be encoded at all (a payload longer than a 16-bit length
/// field can say, a DNS label of 64 octets) throws std::length_error or std::invalid_argument,
/// with a message that says what and how much; nothing in pktdoc's decoding path throws.
///
/// Every builder is a value type: copy it, change a field, build again. Building allocates the
/// bytes it returns (and a few temporary buffers), linear in the size of the packet.
namespace build {

/// Bytes a builder made: a packet, a frame, a header. Owning; copy or move it freely.
using Bytes = std::vector<std::byte>;

/// Copies a view into a new Bytes.
/// @param bytes the bytes to copy
/// @return an owning copy
inline Bytes to_bytes(ByteView bytes) { return Bytes(bytes.begin(), bytes.end()); }
/// Copies the characters of a string into a new Bytes (for text protocols: HTTP, FTP, TXT data).
/// @param text the characters to copy
/// @return an owning copy of the characters, without a terminating NUL
inline Bytes to_bytes(std::string_view text) { return to_bytes(as_bytes(text)); }
/// Views a whole Bytes.
/// @param bytes the bytes
/// @return a view over them, valid while `bytes` is alive and unchanged
inline ByteView view(const Bytes& bytes) noexcept { return ByteView(bytes.data(), bytes.size()); }

/// A checksum that is wrong on purpose: what the builders write when asked to corrupt a 16-bit
/// Internet checksum (`corrupt_checksum`).
///
/// It is `right` plus one, or 1 when `right` is 0xFFFF. It differs from `right` as a one's
/// complement number too (0x0000 and 0xFFFF are the same number there, so flipping between them
/// would still verify), and it is never 0, which in UDP over IPv4 would mean "no checksum".
/// @param right the correct checksum
/// @return a checksum that verifies as bad
constexpr std::uint16_t wrong_checksum(std::uint16_t right) noexcept {
  return right == 0xFFFF ? std::uint16_t{1} : static_cast<std::uint16_t>(right + 1);
}

/// Appends big-endian fields to a buffer it owns, and patches fields already written.
///
/// The counterpart of ByteReader: `write_u16()` appends what `read_u16()` reads, and
/// `set_u16_at()` overwrites what `u16_at()` returns. Builders write a header with its length
/// and checksum fields set to 0, then patch them once the rest is known.
///
/// Memory: the buffer grows as needed (amortised O(1) per byte); reserve() avoids regrowth.
///
/// @code
/// pktdoc::build::ByteWriter out;
/// out.write_u16(source_port).write_u16(destination_port).write_u16(0).write_u16(0);  // length, checksum
/// out.write(payload);
/// out.set_u16_at(4, static_cast<std::uint16_t>(out.size()));
/// pktdoc::build::Bytes datagram = std::move(out).release();
/// @endcode
class ByteWriter {
 public:
  /// Makes an empty writer.
  ByteWriter() = default;
  /// Makes a writer that starts with `initial` (to append to bytes built elsewhere).
  /// @param initial the first bytes of the buffer; taken over, not copied
  explicit ByteWriter(Bytes initial) noexcept : bytes_(std::move(initial)) {}

  /// Reserves room so that the buffer does not regrow before it holds `capacity` bytes.
  /// @param capacity total bytes to make room for
  void reserve(std::size_t capacity) { bytes_.reserve(capacity); }

  /// Appends one byte.
  /// @param value the byte
  /// @return this writer, to chain calls
  ByteWriter& write_u8(std::uint8_t value) {
    bytes_.push_back(static_cast<std::byte>(value));
    return *this;
  }
  /// Appends a 16-bit value, most significant byte first (network byte order).
  /// @param value the value
  /// @return this writer
  ByteWriter& write_u16(std::uint16_t value) {
    return write_u8(static_cast<std::uint8_t>(value >> 8)).write_u8(static_cast<std::uint8_t>(value));
  }
  /// Appends a 32-bit value, most significant byte first.
  /// @param value the value
  /// @return this writer
  ByteWriter& write_u32(std::uint32_t value) {
    return write_u16(static_cast<std::uint16_t>(value >> 16)).write_u16(static_cast<std::uint16_t>(value));
  }
  /// Appends a 32-bit value, least significant byte first (the SCTP CRC32c field, BSD loopback
  /// headers written by little-endian hosts).
  /// @param value the value
  /// @return this writer
  ByteWriter& write_u32_le(std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) write_u8(static_cast<std::uint8_t>(value >> shift));
    return *this;
  }
  /// Appends bytes as they are.
  /// @param bytes the bytes; may be empty
  /// @return this writer
  ByteWriter& write(ByteView bytes) {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    return *this;
  }
  /// Appends the characters of a string, without a terminating NUL.
  /// @param text the characters
  /// @return this writer
  ByteWriter& write(std::string_view text) { return write(as_bytes(text)); }
  /// Appends `count` copies of a byte (zeros by default: padding, reserved fields).
  /// @param count number of bytes
  /// @param value the byte to repeat
  /// @return this writer
  ByteWriter& write_fill(std::size_t count, std::uint8_t value = 0) {
    bytes_.insert(bytes_.end(), count, static_cast<std::byte>(value));
    return *this;
  }
  /// Appends zero bytes until the size is a multiple of `alignment` (4 for TCP, IPv4 and SCTP
  /// padding, 8 for IPv6 extension headers).
  /// @param alignment a positive number of bytes
  /// @return this writer
  ByteWriter& pad_to_multiple_of(std::size_t alignment) {
    return write_fill((alignment - bytes_.size() % alignment) % alignment);
  }

  /// Overwrites one byte already written.
  /// @param offset offset from the start of the buffer
  /// @param value the byte
  /// @throws std::out_of_range when the byte has not been written yet
  void set_u8_at(std::size_t offset, std::uint8_t value);
  /// Overwrites a big-endian 16-bit field already written.
  /// @param offset offset of its first byte from the start of the buffer
  /// @param value the value
  /// @throws std::out_of_range when the field runs past what has been written
  void set_u16_at(std::size_t offset, std::uint16_t value);
  /// Overwrites a big-endian 32-bit field already written.
  /// @param offset offset of its first byte from the start of the buffer
  /// @param value the value
  /// @throws std::out_of_range when the field runs past what has been written
  void set_u32_at(std::size_t offset, std::uint32_t value);
  /// Overwrites a little-endian 32-bit field already written.
  /// @param offset offset of its first byte from the start of the buffer
  /// @param value the value
  /// @throws std::out_of_range when the field runs past what has been written
  void set_u32_le_at(std::size_t offset, std::uint32_t value);

  /// @return the number of bytes written so far
  std::size_t size() const noexcept { return bytes_.size(); }
  /// @return a view of the bytes written so far, valid until the next write
  ByteView view() const noexcept { return ByteView(bytes_.data(), bytes_.size()); }
  /// @return the bytes written so far
  const Bytes& bytes() const& noexcept { return bytes_; }
  /// Gives up the buffer without copying it.
  /// @return the bytes written; the writer is left empty
  Bytes release() && noexcept { return std::move(bytes_); }

 private:
  Bytes bytes_{};
};

}  // namespace build
}  // namespace pktdoc
