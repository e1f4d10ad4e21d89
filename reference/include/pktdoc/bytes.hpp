/// @file
/// @brief Byte views and the one bounds-checked reader that every decoder uses.
///
/// A captured frame is hostile input: its length fields may lie and the capture may end in the
/// middle of a header. pktdoc therefore never casts packet memory to a struct and never does
/// unchecked pointer arithmetic on it. Every read of a packet byte goes through ByteReader,
/// which knows where the bytes end.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace pktdoc {

/// A read-only view over bytes that someone else owns (a captured frame, a reassembled datagram).
///
/// @warning A ByteView, and every decoded header that holds one, is valid only while the bytes it
/// points to are alive. For a frame from CaptureReader that is until the next call to
/// CaptureReader::next().
using ByteView = std::span<const std::byte>;

/// Views `size` bytes at `data` as a ByteView (for buffers of `unsigned char`, as libpcap hands out).
/// @param data first byte; may be null only when `size` is 0
/// @param size number of bytes
/// @return a view over the same memory; nothing is copied
inline ByteView as_bytes(const std::uint8_t* data, std::size_t size) noexcept {
  return ByteView(reinterpret_cast<const std::byte*>(data), size);
}

/// Views the characters of a string as bytes (for text protocols and for tests).
/// @param text characters to view
/// @return a view over the same memory; nothing is copied
inline ByteView as_bytes(std::string_view text) noexcept {
  return ByteView(reinterpret_cast<const std::byte*>(text.data()), text.size());
}

/// Views the bytes of a view as characters (for text protocols such as HTTP and FTP).
/// @param bytes bytes to view
/// @return a view over the same memory; nothing is copied
inline std::string_view as_text(ByteView bytes) noexcept {
  return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

/// The bounds-checked reader through which every packet byte is read.
///
/// It offers two styles over the same checked core:
/// - a cursor (`read_u8`, `read_u16`, ..., `skip`, `take`) for walking a header field by field;
///   each call either succeeds and advances, or fails, returns false and leaves the cursor alone;
/// - absolute reads (`u8_at`, `u16_at`, ...) for the accessors of a header view whose length the
///   view's `parse` function has already checked. An absolute read past the end returns 0 instead
///   of touching memory it does not own, so a logic error in a decoder can produce a wrong value
///   but never an out-of-bounds read.
///
/// All multi-byte reads are big-endian (network byte order) unless their name ends in `_le`.
///
/// @code
/// pktdoc::ByteReader r(frame_bytes);
/// std::uint16_t source_port = 0, destination_port = 0;
/// if (!r.read_u16(source_port) || !r.read_u16(destination_port)) {
///   // the capture ended inside the header: truncated
/// }
/// @endcode
class ByteReader {
 public:
  /// Creates a reader positioned at the first byte of `data`.
  /// @param data the bytes to read; the reader does not own them
  constexpr explicit ByteReader(ByteView data) noexcept : data_(data) {}

  /// @return the whole view the reader was created with
  constexpr ByteView data() const noexcept { return data_; }
  /// @return the number of bytes in the whole view
  constexpr std::size_t size() const noexcept { return data_.size(); }
  /// @return the cursor position, in bytes from the start of the view
  constexpr std::size_t position() const noexcept { return position_; }
  /// @return the number of bytes between the cursor and the end of the view
  constexpr std::size_t remaining() const noexcept { return data_.size() - position_; }
  /// @param count number of bytes
  /// @return true when at least `count` bytes remain after the cursor
  constexpr bool can_read(std::size_t count) const noexcept { return count <= remaining(); }
  /// @return the bytes from the cursor to the end of the view
  constexpr ByteView rest() const noexcept { return data_.subspan(position_); }

  /// Reads one byte and advances.
  /// @param[out] out receives the value; untouched on failure
  /// @return false, without moving, if no byte remains
  constexpr bool read_u8(std::uint8_t& out) noexcept {
    if (!can_read(1)) return false;
    out = u8_at(position_);
    position_ += 1;
    return true;
  }
  /// Reads a big-endian 16-bit value and advances.
  /// @param[out] out receives the value; untouched on failure
  /// @return false, without moving, if fewer than 2 bytes remain
  constexpr bool read_u16(std::uint16_t& out) noexcept {
    if (!can_read(2)) return false;
    out = u16_at(position_);
    position_ += 2;
    return true;
  }
  /// Reads a big-endian 32-bit value and advances.
  /// @param[out] out receives the value; untouched on failure
  /// @return false, without moving, if fewer than 4 bytes remain
  constexpr bool read_u32(std::uint32_t& out) noexcept {
    if (!can_read(4)) return false;
    out = u32_at(position_);
    position_ += 4;
    return true;
  }
  /// Takes a view of the next `count` bytes and advances past them.
  /// @param count number of bytes
  /// @param[out] out receives the view; untouched on failure
  /// @return false, without moving, if fewer than `count` bytes remain
  constexpr bool take(std::size_t count, ByteView& out) noexcept {
    if (!can_read(count)) return false;
    out = data_.subspan(position_, count);
    position_ += count;
    return true;
  }
  /// Advances the cursor by `count` bytes.
  /// @param count number of bytes
  /// @return false, without moving, if fewer than `count` bytes remain
  constexpr bool skip(std::size_t count) noexcept {
    if (!can_read(count)) return false;
    position_ += count;
    return true;
  }

  /// @param offset byte offset from the start of the view
  /// @return the byte at `offset`, or 0 if `offset` is past the end
  constexpr std::uint8_t u8_at(std::size_t offset) const noexcept {
    return offset < data_.size() ? static_cast<std::uint8_t>(data_[offset]) : 0;
  }
  /// @param offset byte offset from the start of the view
  /// @return the big-endian 16-bit value at `offset`, or 0 if it does not fit in the view
  constexpr std::uint16_t u16_at(std::size_t offset) const noexcept {
    if (!fits(offset, 2)) return 0;
    return static_cast<std::uint16_t>((byte(offset) << 8) | byte(offset + 1));
  }
  /// @param offset byte offset from the start of the view
  /// @return the big-endian 24-bit value at `offset`, or 0 if it does not fit in the view
  constexpr std::uint32_t u24_at(std::size_t offset) const noexcept {
    if (!fits(offset, 3)) return 0;
    return (byte(offset) << 16) | (byte(offset + 1) << 8) | byte(offset + 2);
  }
  /// @param offset byte offset from the start of the view
  /// @return the big-endian 32-bit value at `offset`, or 0 if it does not fit in the view
  constexpr std::uint32_t u32_at(std::size_t offset) const noexcept {
    if (!fits(offset, 4)) return 0;
    return (byte(offset) << 24) | (byte(offset + 1) << 16) | (byte(offset + 2) << 8) | byte(offset + 3);
  }
  /// @param offset byte offset from the start of the view
  /// @return the big-endian 64-bit value at `offset`, or 0 if it does not fit in the view
  constexpr std::uint64_t u64_at(std::size_t offset) const noexcept {
    if (!fits(offset, 8)) return 0;
    return (static_cast<std::uint64_t>(u32_at(offset)) << 32) | u32_at(offset + 4);
  }
  /// @param offset byte offset from the start of the view
  /// @return the little-endian 16-bit value at `offset`, or 0 if it does not fit in the view
  constexpr std::uint16_t u16_le_at(std::size_t offset) const noexcept {
    if (!fits(offset, 2)) return 0;
    return static_cast<std::uint16_t>(byte(offset) | (byte(offset + 1) << 8));
  }
  /// @param offset byte offset from the start of the view
  /// @return the little-endian 32-bit value at `offset`, or 0 if it does not fit in the view
  constexpr std::uint32_t u32_le_at(std::size_t offset) const noexcept {
    if (!fits(offset, 4)) return 0;
    return byte(offset) | (byte(offset + 1) << 8) | (byte(offset + 2) << 16) | (byte(offset + 3) << 24);
  }
  /// Copies `N` bytes at `offset` into an array (for fixed-size fields such as addresses).
  /// @tparam N number of bytes
  /// @param offset byte offset from the start of the view
  /// @return the bytes, or all zeros if they do not fit in the view
  template <std::size_t N>
  constexpr std::array<std::uint8_t, N> array_at(std::size_t offset) const noexcept {
    std::array<std::uint8_t, N> out{};
    if (fits(offset, N))
      for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<std::uint8_t>(data_[offset + i]);
    return out;
  }
  /// @param offset byte offset from the start of the view
  /// @param count number of bytes
  /// @return a view of `count` bytes at `offset`, or an empty view if they do not fit
  constexpr ByteView view_at(std::size_t offset, std::size_t count) const noexcept {
    return fits(offset, count) ? data_.subspan(offset, count) : ByteView{};
  }
  /// @param offset byte offset from the start of the view
  /// @return the bytes from `offset` to the end, or an empty view if `offset` is past the end
  constexpr ByteView view_from(std::size_t offset) const noexcept {
    return offset <= data_.size() ? data_.subspan(offset) : ByteView{};
  }

 private:
  constexpr bool fits(std::size_t offset, std::size_t count) const noexcept {
    return offset <= data_.size() && count <= data_.size() - offset;
  }
  constexpr std::uint32_t byte(std::size_t offset) const noexcept {
    return static_cast<std::uint32_t>(data_[offset]);
  }

  ByteView data_;
  std::size_t position_ = 0;
};

}  // namespace pktdoc
