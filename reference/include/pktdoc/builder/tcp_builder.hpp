/// @file
/// @brief Building TCP segments (RFC 9293) with options (MSS, window scale, SACK, timestamps,
/// TCP Fast Open), data offset and checksum filled in.
///
/// A Tcp describes one header; Ipv4::packet() or Ipv6::packet() builds the segment inside its IP
/// packet, so that the checksum covers the right pseudo-header. For whole connections (handshake,
/// data, FIN, with sequence numbers tracked for both sides) see TcpConnection in
/// pktdoc/builder/conversation.hpp.
///
/// @code
/// using namespace pktdoc;
/// const build::Tcp syn{.source_port = 49152, .destination_port = 80, .sequence_number = 1000,
///                      .flags = tcp_flag::syn,
///                      .options = build::TcpOptionList().mss(1460).sack_permitted().window_scale(7)};
/// build::Bytes packet = ip.packet(syn);
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/tcp.hpp"

namespace pktdoc::build {

/// The options area of a TCP header, built option by option (RFC 9293 section 3.2).
///
/// Each call appends one option in the order called; Tcp pads the area with zero octets (End of
/// Option List) to a multiple of 4 bytes. The area holds at most 40 bytes
/// (TcpOptions::max_length); Tcp::segment() refuses more.
///
/// @code
/// // What Linux sends in a SYN: 20 bytes, no padding needed.
/// auto options = pktdoc::build::TcpOptionList().mss(1460).sack_permitted().timestamps(1, 0).no_operation()
///                    .window_scale(7);
/// @endcode
class TcpOptionList {
 public:
  /// Appends End of Option List (kind 0): one octet; what follows is padding.
  /// @return this list
  TcpOptionList& end_of_option_list();
  /// Appends No Operation (kind 1): one octet, for alignment.
  /// @return this list
  TcpOptionList& no_operation();
  /// Appends Maximum Segment Size (kind 2, length 4; RFC 9293 section 3.7.1).
  /// @param mss the largest segment the sender can receive, in bytes (1460 on Ethernet over IPv4)
  /// @return this list
  TcpOptionList& mss(std::uint16_t mss);
  /// Appends Window Scale (kind 3, length 3; RFC 7323 section 2).
  /// @param shift_count the shift count, 0 to 14
  /// @return this list
  TcpOptionList& window_scale(std::uint8_t shift_count);
  /// Appends SACK Permitted (kind 4, length 2; RFC 2018 section 2); for SYN segments.
  /// @return this list
  TcpOptionList& sack_permitted();
  /// Appends a SACK option (kind 5; RFC 2018 section 3) with 1 to 4 blocks.
  /// @param blocks the blocks, left edge first in each
  /// @return this list
  /// @throws std::length_error when there are no blocks or more than 4
  TcpOptionList& sack(const std::vector<TcpSackBlock>& blocks);
  /// Appends Timestamps (kind 8, length 10; RFC 7323 section 3).
  /// @param value TSval, the sender's timestamp clock
  /// @param echo_reply TSecr, the last TSval received from the peer (0 in a SYN)
  /// @return this list
  TcpOptionList& timestamps(std::uint32_t value, std::uint32_t echo_reply);
  /// Appends TCP Fast Open (kind 34; RFC 7413 section 4.1.1): a cookie request when `cookie` is
  /// empty, else the cookie (4 to 16 bytes).
  /// @param cookie the cookie, or nothing to request one
  /// @return this list
  TcpOptionList& fast_open(ByteView cookie = {});
  /// Appends any option: kind, length (2 + data size), data.
  /// @param kind the option kind (tcp_option_kind)
  /// @param data the option data
  /// @return this list
  /// @throws std::length_error when the option would be longer than 255 bytes
  TcpOptionList& option(std::uint8_t kind, ByteView data);
  /// Appends bytes as they are: a malformed option (a length of 0 or 1, a length past the header),
  /// for tests of bad input.
  /// @param bytes the bytes
  /// @return this list
  TcpOptionList& raw(ByteView bytes);

  /// @return the options appended so far, without padding
  const Bytes& bytes() const noexcept { return bytes_; }
  /// @return true when no option was appended
  bool empty() const noexcept { return bytes_.empty(); }

 private:
  Bytes bytes_{};
};

/// A TCP header, and what it takes to build the segment around some data.
///
/// The fields are named as TcpSegment's accessors and hold host-order values. The data offset
/// comes from the options and the checksum is computed over the pseudo-header, the header and
/// the data; setting `data_offset` or `checksum` writes that value instead, true or not.
/// @see RFC 9293 section 3.1
struct Tcp {
  /// Source Port.
  std::uint16_t source_port = 0;
  /// Destination Port.
  std::uint16_t destination_port = 0;
  /// Sequence Number: of the first data byte, or of the SYN itself in a SYN. Raw, as on the wire.
  std::uint32_t sequence_number = 0;
  /// Acknowledgment Number: the next sequence number expected; significant only with ACK.
  std::uint32_t acknowledgment_number = 0;
  /// The 12 flag bits, tcp_flag values or-ed together (tcp_flag::syn | tcp_flag::ack). ACK by
  /// default: every segment after the first SYN carries it.
  std::uint16_t flags = tcp_flag::ack;
  /// Window, in bytes before scaling; 65535 by default.
  std::uint16_t window = 65535;
  /// Urgent Pointer; significant only with URG.
  std::uint16_t urgent_pointer = 0;
  /// The options, padded with zeros to a multiple of 4 bytes.
  TcpOptionList options{};
  /// Data Offset, in 32-bit words (4 bits); nothing computes it (5 + options / 4).
  std::optional<std::uint8_t> data_offset{};
  /// Checksum; nothing computes it over the pseudo-header, header and data (RFC 9293 section 3.1).
  std::optional<std::uint16_t> checksum{};
  /// Write the computed checksum plus one: wrong on purpose (for tests of bad input).
  bool corrupt_checksum = false;

  /// @return the header length in bytes: 20 plus the options padded to a multiple of 4
  std::size_t header_length() const noexcept;
  /// Builds the segment.
  /// @param data the data after the header
  /// @param pseudo the pseudo-header of the IP packet that will carry the segment (from
  ///        Ipv4::pseudo_header() or Ipv6::pseudo_header(), or a decoded packet's); its
  ///        `length` is replaced by the segment's length and its `protocol` by 6
  /// @return the header and data, checksum filled in
  /// @throws std::length_error when the options exceed 40 bytes
  Bytes segment(ByteView data, const PseudoHeader& pseudo) const;
};

}  // namespace pktdoc::build
