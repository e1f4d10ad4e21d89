/// @file
/// @brief Protocols, decoding errors (truncated vs invalid) and the Result type every parser returns.
///
/// Decoding a frame never throws: each `parse` function returns a Result that holds either the
/// decoded view or a DecodeError saying which protocol failed, whether the capture ended early
/// (ErrorKind::truncated) or the bytes contradict the protocol (ErrorKind::invalid), and why.
/// tcpdump makes the same distinction when it prints `[|tcp]` for a cut header and `(invalid)`
/// for a header that cannot be right.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace pktdoc {

/// Every protocol pktdoc decodes, for error reports and protocol statistics.
enum class Protocol : std::uint8_t {
  none,        ///< No protocol: a default-constructed error, or bytes nothing claimed.
  capture,     ///< The capture file or interface itself (libpcap), not a protocol on the wire.
  ethernet,    ///< Ethernet II or IEEE 802.3 MAC header (IEEE 802.3 clause 3).
  llc,         ///< IEEE 802.2 Logical Link Control, with SNAP (RFC 1042) when DSAP = SSAP = 0xAA.
  vlan,        ///< IEEE 802.1Q customer tag or 802.1ad service tag.
  linux_sll,   ///< Linux "cooked" capture header, version 1 (LINKTYPE_LINUX_SLL, 113).
  linux_sll2,  ///< Linux "cooked" capture header, version 2 (LINKTYPE_LINUX_SLL2, 276).
  loopback,    ///< BSD loopback encapsulation (LINKTYPE_NULL, 0, and LINKTYPE_LOOP, 108).
  raw_ip,      ///< No link header: the frame starts with an IP header (LINKTYPE_RAW, 101).
  arp,         ///< Address Resolution Protocol (RFC 826).
  ipv4,        ///< Internet Protocol version 4 (RFC 791).
  ipv6,        ///< Internet Protocol version 6 (RFC 8200).
  icmp,        ///< Internet Control Message Protocol (RFC 792).
  icmpv6,      ///< ICMP for IPv6 (RFC 4443), with Neighbor Discovery (RFC 4861).
  tcp,         ///< Transmission Control Protocol (RFC 9293).
  udp,         ///< User Datagram Protocol (RFC 768).
  sctp,        ///< Stream Control Transmission Protocol (RFC 9260).
  dns,         ///< Domain Name System (RFC 1035).
  mdns,        ///< Multicast DNS (RFC 6762): DNS messages on port 5353.
  llmnr,       ///< Link-Local Multicast Name Resolution (RFC 4795): DNS messages on port 5355.
  data,        ///< Payload bytes that no decoder in pktdoc claims.
};

/// The short, lower-case name Wireshark uses for `protocol` ("eth", "ip", "ipv6", "tcp", ...).
/// @param protocol any Protocol
/// @return a static string; never null, "unknown" for values outside the enumeration
std::string_view protocol_name(Protocol protocol) noexcept;

/// Why a layer could not be decoded.
enum class ErrorKind : std::uint8_t {
  none,       ///< No error (a default-constructed DecodeError).
  truncated,  ///< The capture ended before the header did (snap length, a cut file): the bytes
              ///< that are there may be fine, there are just not enough of them.
  invalid,    ///< The bytes contradict the protocol: a header length below its minimum, a length
              ///< field pointing past the packet, a DNS compression loop, a bad version.
};

/// The word used for `kind` in messages: "truncated", "invalid" or "none".
/// @param kind any ErrorKind
/// @return a static string; never null
std::string_view error_kind_name(ErrorKind kind) noexcept;

/// What went wrong at which layer.
///
/// `reason` is a static English sentence fragment such as "header length below 20 bytes"; it
/// never needs freeing and never allocates.
struct DecodeError {
  Protocol protocol = Protocol::none;  ///< The layer that failed.
  ErrorKind kind = ErrorKind::none;    ///< Truncated (capture ended early) or invalid (bytes are wrong).
  const char* reason = "";             ///< Human-readable cause; a string literal, never null.
  std::size_t offset = 0;              ///< Offset of the offending byte from the start of the layer.
};

/// Makes a DecodeError of kind ErrorKind::truncated.
/// @param protocol the layer that ran out of bytes
/// @param reason a string literal saying which part was cut
/// @param offset offset from the start of the layer where bytes ran out
/// @return the error
constexpr DecodeError truncated(Protocol protocol, const char* reason, std::size_t offset = 0) noexcept {
  return DecodeError{protocol, ErrorKind::truncated, reason, offset};
}

/// Makes a DecodeError of kind ErrorKind::invalid.
/// @param protocol the layer whose bytes contradict its protocol
/// @param reason a string literal saying which rule was broken
/// @param offset offset from the start of the layer of the offending field
/// @return the error
constexpr DecodeError invalid(Protocol protocol, const char* reason, std::size_t offset = 0) noexcept {
  return DecodeError{protocol, ErrorKind::invalid, reason, offset};
}

/// Either a decoded value or the DecodeError that prevented it.
///
/// Parsers return `Result<View>`; views are small and trivially copyable, so a Result is too.
/// There are no exceptions in the per-packet path.
///
/// @code
/// auto tcp = pktdoc::TcpSegment::parse(ip_payload);
/// if (!tcp) {
///   std::printf("tcp %s: %s\n", pktdoc::error_kind_name(tcp.error().kind).data(), tcp.error().reason);
///   return;
/// }
/// std::printf("port %u\n", tcp->source_port());
/// @endcode
/// @tparam T the decoded type; must be default-constructible
template <class T>
class [[nodiscard]] Result {
 public:
  /// Holds a decoded value.
  /// @param value the value
  constexpr Result(T value) noexcept(noexcept(T(std::move(value)))) : value_(std::move(value)), ok_(true) {}
  /// Holds an error.
  /// @param error what went wrong
  constexpr Result(DecodeError error) noexcept : error_(error), ok_(false) {}

  /// @return true when the Result holds a value
  constexpr bool ok() const noexcept { return ok_; }
  /// @return true when the Result holds a value
  constexpr explicit operator bool() const noexcept { return ok_; }
  /// @return the value; meaningful only when ok()
  constexpr const T& value() const& noexcept { return value_; }
  /// @return the value; meaningful only when ok()
  constexpr T& value() & noexcept { return value_; }
  /// @return the value; meaningful only when ok()
  constexpr const T& operator*() const& noexcept { return value_; }
  /// @return a pointer to the value; meaningful only when ok()
  constexpr const T* operator->() const noexcept { return &value_; }
  /// @return the error; ErrorKind::none when ok()
  constexpr const DecodeError& error() const noexcept { return error_; }

 private:
  T value_{};
  DecodeError error_{};
  bool ok_ = false;
};

}  // namespace pktdoc
