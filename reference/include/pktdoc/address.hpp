/// @file
/// @brief MAC, IPv4 and IPv6 addresses as small values, and the one formatter for each.
///
/// Addresses are copied out of the packet (6, 4 or 16 bytes) so that they can be kept, compared
/// and used as keys after the frame is gone. Formatting writes into an AddressText, a fixed
/// buffer on the stack, so that printing an address allocates nothing.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pktdoc {

/// The text of one formatted address, held in a fixed buffer large enough for any IPv6 address.
struct AddressText {
  /// Capacity: the longest IPv6 text ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255") and a NUL.
  static constexpr std::size_t capacity = 46;
  std::array<char, capacity> chars{};  ///< The characters, NUL-terminated.
  std::uint8_t length = 0;             ///< Number of characters before the NUL.

  /// @return the text as a view into this object (valid while the object lives)
  constexpr std::string_view view() const noexcept { return std::string_view(chars.data(), length); }
  /// @return the text as a NUL-terminated C string (valid while the object lives)
  constexpr const char* c_str() const noexcept { return chars.data(); }
  /// @return the text as an owning string (allocates)
  std::string str() const { return std::string(view()); }
};

/// An IEEE 802 MAC address (EUI-48), most significant byte first as on the wire.
struct MacAddress {
  std::array<std::uint8_t, 6> bytes{};  ///< The six bytes in transmission order.

  /// Formats as six lower-case hex pairs joined by colons, "00:1a:70:d6:d7:4c", as Wireshark does.
  /// @return the text
  AddressText to_text() const noexcept;
  /// @return the formatted text as a string (allocates)
  std::string to_string() const { return to_text().str(); }
  /// @return true for ff:ff:ff:ff:ff:ff
  constexpr bool is_broadcast() const noexcept {
    for (auto b : bytes)
      if (b != 0xff) return false;
    return true;
  }
  /// @return true when the group bit (least significant bit of the first byte) is set
  constexpr bool is_multicast() const noexcept { return (bytes[0] & 0x01) != 0; }
  /// Compares byte by byte.
  friend constexpr auto operator<=>(const MacAddress&, const MacAddress&) = default;
};

/// An IPv4 address, most significant byte first as on the wire (RFC 791 section 3.1).
struct Ipv4Address {
  std::array<std::uint8_t, 4> bytes{};  ///< The four bytes in transmission order.

  /// @return the address as a host-order integer, 192.0.2.1 being 0xC0000201
  constexpr std::uint32_t to_uint() const noexcept {
    return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) |
           bytes[3];
  }
  /// @param value a host-order integer such as 0xC0000201
  /// @return the address 192.0.2.1 for 0xC0000201
  static constexpr Ipv4Address from_uint(std::uint32_t value) noexcept {
    return Ipv4Address{{static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
                        static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)}};
  }
  /// Parses dotted-quad text ("192.0.2.1"); each part 0-255 in decimal without leading zeros
  /// (as inet_pton), exactly four parts, no spaces.
  /// @param text the text to parse
  /// @return the address, or nothing when the text is not a dotted quad
  static std::optional<Ipv4Address> parse(std::string_view text) noexcept;
  /// Formats in dotted-quad notation, "192.0.2.1".
  /// @return the text
  AddressText to_text() const noexcept;
  /// @return the formatted text as a string (allocates)
  std::string to_string() const { return to_text().str(); }
  /// Compares byte by byte, which is numeric order.
  friend constexpr auto operator<=>(const Ipv4Address&, const Ipv4Address&) = default;
};

/// An IPv6 address, most significant byte first as on the wire (RFC 8200 section 3, RFC 4291).
struct Ipv6Address {
  std::array<std::uint8_t, 16> bytes{};  ///< The sixteen bytes in transmission order.

  /// Parses the text forms of RFC 4291 section 2.2 ("2001:db8::1", "::ffff:192.0.2.1").
  /// @param text the text to parse
  /// @return the address, or nothing when the text is not an IPv6 address
  static std::optional<Ipv6Address> parse(std::string_view text) noexcept;
  /// Formats as RFC 5952 recommends and as inet_ntop and Wireshark do: lower-case hex, leading
  /// zeros dropped, the longest run of two or more zero groups (the first, on a tie) written
  /// "::", and IPv4-mapped (\::ffff:0:0/96) and IPv4-compatible (six zero groups, then a non-zero
  /// seventh) addresses ending in dotted-quad form, as glibc's inet_ntop writes them.
  /// @return the text
  AddressText to_text() const noexcept;
  /// @return the formatted text as a string (allocates)
  std::string to_string() const { return to_text().str(); }
  /// Compares byte by byte, which is numeric order.
  friend constexpr auto operator<=>(const Ipv6Address&, const Ipv6Address&) = default;
};

}  // namespace pktdoc
