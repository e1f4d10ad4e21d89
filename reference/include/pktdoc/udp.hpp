/// @file
/// @brief User Datagram Protocol (RFC 768): the 8-byte header, its length and checksum rules over
/// IPv4 and IPv6, and the payload cut to the length the header declares.
///
/// The UDP length field counts the header and the data. It may disagree with the IP header: a
/// smaller value leaves trailing bytes that are not UDP data (payload() leaves them out), a larger
/// one means the datagram was cut (payload_truncated()). Over IPv6 a length of 0 marks a
/// jumbogram (RFC 2675 section 4), whose length only the IPv6 layer knows.
///
/// @code
/// auto udp = pktdoc::UdpDatagram::parse(ip_payload, pktdoc::Protocol::ipv6);
/// if (!udp) return;  // truncated (under 8 bytes) or invalid (length field below 8)
/// std::printf("%u -> %u, %zu bytes of data%s\n", udp->source_port(), udp->destination_port(),
///             udp->payload().size(), udp->payload_truncated() ? " (cut)" : "");
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>

#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// A UDP datagram: the header of RFC 768 and its data.
///
/// @warning A view: valid while the bytes it was made from are (for a frame from CaptureReader,
/// until the next call to CaptureReader::next()).
/// @see RFC 768; RFC 8200 section 8.1 (IPv6); RFC 2675 section 4 (jumbograms)
class UdpDatagram {
 public:
  /// Length of the UDP header, in bytes; also the smallest valid value of the length field.
  static constexpr std::size_t header_length = 8;

  /// Checks the header and returns the view.
  ///
  /// A length field of 0 is accepted only over IPv6, where it marks a jumbogram (RFC 2675
  /// section 4): the datagram then runs to the end of `bytes`, which the IPv6 layer has cut to
  /// its payload length (Wireshark applies the same rule to any IPv6 datagram with length 0).
  /// A length field larger than `bytes` is not an error: the data was cut, see payload_truncated().
  /// @param bytes the datagram: the IP payload, cut to the length the IP header declares
  /// @param network Protocol::ipv6 when the datagram travels over IPv6; anything else (by default
  ///        Protocol::ipv4) applies the IPv4 rules of RFC 768
  /// @return the view; or ErrorKind::invalid when the length field is 1 to 7, or 0 over IPv4
  ///         (decided as soon as the field is captured); or ErrorKind::truncated when fewer
  ///         than 8 bytes were captured
  static Result<UdpDatagram> parse(ByteView bytes, Protocol network = Protocol::ipv4) noexcept;

  /// Wraps bytes without checking them: fields past the end read as 0. For listing a header that
  /// was cut short.
  /// @param bytes the datagram's bytes, or a prefix of them
  explicit constexpr UdpDatagram(ByteView bytes) noexcept : bytes_(bytes) {}
  /// Makes an empty view; every field reads as 0.
  constexpr UdpDatagram() noexcept = default;

  /// @return the bytes the view was made from (possibly more than length(): see payload())
  ByteView bytes() const noexcept { return bytes_; }

  /// @return the source port (bytes 0-1); 0 when the sender expects no reply (RFC 768)
  std::uint16_t source_port() const noexcept { return ByteReader(bytes_).u16_at(0); }
  /// @return the destination port (bytes 2-3)
  std::uint16_t destination_port() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return the length field, in bytes, header included (bytes 4-5); 0 in an IPv6 jumbogram
  std::uint16_t length() const noexcept { return ByteReader(bytes_).u16_at(4); }
  /// @return the checksum field as sent (bytes 6-7); 0 means "not computed" over IPv4, and a
  ///         computed checksum of 0 is sent as 0xFFFF (RFC 768)
  std::uint16_t checksum() const noexcept { return ByteReader(bytes_).u16_at(6); }

  /// @return true when the header is captured and its length field is 0: an IPv6 jumbogram
  ///         (RFC 2675 section 4), if parse() accepted it
  bool is_jumbogram() const noexcept { return bytes_.size() >= header_length && length() == 0; }
  /// @return the length of the whole datagram, in bytes: length(), or for a jumbogram the size
  ///         of the bytes the view was made from (the IPv6 payload, or less if the capture was cut)
  std::size_t datagram_length() const noexcept { return is_jumbogram() ? bytes_.size() : length(); }

  /// Verifies the checksum over the pseudo-header, the header and the data (RFC 768; RFC 8200
  /// section 8.1). The checksum covers length() bytes, and the pseudo-header carries that length
  /// too, as RFC 768 defines it; only for a jumbogram are both `pseudo.length` instead.
  /// @param pseudo the pseudo-header of the IP packet that carries the datagram; its `protocol`
  ///        must be 17
  /// @return ChecksumStatus::absent for a zero checksum over IPv4 (RFC 768: not computed);
  ///         ChecksumStatus::bad for a zero checksum over IPv6 (RFC 8200 section 8.1 forbids it);
  ///         ChecksumStatus::unverified when fewer bytes were captured than the checksum covers;
  ///         otherwise ChecksumStatus::good or ChecksumStatus::bad
  ChecksumStatus checksum_status(const PseudoHeader& pseudo) const noexcept;

  /// @return the data: the captured bytes after the header, cut to datagram_length() - 8 so that
  ///         bytes after the datagram (Ethernet padding, a lying IP length) are left out; empty
  ///         when the length field is below 8 (possible only in unchecked views)
  ByteView payload() const noexcept;
  /// @return true when fewer bytes were captured than the length field declares, so payload() is
  ///         shorter than the data that was sent
  bool payload_truncated() const noexcept { return !is_jumbogram() && length() > bytes_.size(); }

 private:
  ByteView bytes_;
};

}  // namespace pktdoc
