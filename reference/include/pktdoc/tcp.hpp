/// @file
/// @brief Transmission Control Protocol (RFC 9293): the segment header, its flags, and its options
/// (MSS, window scale, SACK, timestamps, TCP Fast Open), read from the captured bytes on demand.
///
/// A TcpSegment is a view over the bytes an IP header says it carries: 20 fixed bytes, up to 40
/// bytes of options (the data offset says how many), then the data. Nothing is copied.
///
/// @code
/// auto tcp = pktdoc::TcpSegment::parse(ip_payload);
/// if (!tcp) return;  // tcp.error().kind: truncated (cut capture) or invalid (data offset < 5)
/// std::printf("%u -> %u [%s] seq %u\n", tcp->source_port(), tcp->destination_port(),
///             tcp->flags_text(pktdoc::TcpFlagStyle::tcpdump).c_str(), tcp->sequence_number());
/// if (auto mss = tcp->mss()) std::printf("mss %u\n", *mss);
/// for (const pktdoc::TcpOption& option : tcp->options()) std::printf("option kind %u\n", option.kind);
/// if (!tcp->options_valid()) std::printf("malformed options: %s\n", tcp->options().error_reason());
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

#include "pktdoc/bytes.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// TCP option kinds (IANA "TCP Option Kind Numbers"), the first byte of every option.
/// @see RFC 9293 section 3.2 (kinds 0, 1, 2)
namespace tcp_option_kind {
/// EOL: ends the list; 1 byte, no length (RFC 9293 section 3.2).
inline constexpr std::uint8_t end_of_option_list = 0;
/// NOP: padding between options; 1 byte, no length (RFC 9293 section 3.2).
inline constexpr std::uint8_t no_operation = 1;
/// MSS: length 4, largest segment the sender can receive (RFC 9293 section 3.7.1).
inline constexpr std::uint8_t maximum_segment_size = 2;
/// Window scale: length 3, a shift count (RFC 7323 section 2).
inline constexpr std::uint8_t window_scale = 3;
/// SACK permitted: length 2, only in SYN segments (RFC 2018 section 2).
inline constexpr std::uint8_t sack_permitted = 4;
/// SACK: length 2 + 8n, n left/right edge pairs (RFC 2018 section 3).
inline constexpr std::uint8_t sack = 5;
/// Timestamps: length 10, TSval and TSecr (RFC 7323 section 3).
inline constexpr std::uint8_t timestamps = 8;
/// TCP MD5 signature: length 18 (RFC 2385, obsoleted by TCP-AO).
inline constexpr std::uint8_t md5_signature = 19;
/// TCP Authentication Option, TCP-AO (RFC 5925 section 2.2).
inline constexpr std::uint8_t authentication = 29;
/// Multipath TCP, MPTCP (RFC 8684 section 2).
inline constexpr std::uint8_t multipath = 30;
/// TCP Fast Open cookie: length 2 (a request) or 6-18 (RFC 7413 section 4.1.1).
inline constexpr std::uint8_t fast_open = 34;
/// RFC 3692-style experiment 1; shared by experiments (RFC 6994, RFC 4727).
inline constexpr std::uint8_t experiment_1 = 253;
/// RFC 3692-style experiment 2; shared by experiments (RFC 6994, RFC 4727).
inline constexpr std::uint8_t experiment_2 = 254;
}  // namespace tcp_option_kind

/// Bits of TcpSegment::flags(), the 12 bits after the data offset, laid out as Wireshark's
/// `tcp.flags` shows them (0x012 is SYN and ACK).
/// @see RFC 9293 section 3.1 (CWR ... FIN), RFC 3168 section 6.1 (ECE, CWR), RFC 9768 (AE)
namespace tcp_flag {
inline constexpr std::uint16_t fin = 0x001;  ///< FIN: no more data from the sender.
inline constexpr std::uint16_t syn = 0x002;  ///< SYN: synchronize sequence numbers (connection set-up).
inline constexpr std::uint16_t rst = 0x004;  ///< RST: reset the connection.
inline constexpr std::uint16_t psh = 0x008;  ///< PSH: push function.
inline constexpr std::uint16_t ack = 0x010;  ///< ACK: the acknowledgment number is significant.
inline constexpr std::uint16_t urg = 0x020;  ///< URG: the urgent pointer is significant.
inline constexpr std::uint16_t ece = 0x040;  ///< ECE: ECN-Echo (RFC 3168 section 6.1).
inline constexpr std::uint16_t cwr = 0x080;  ///< CWR: congestion window reduced (RFC 3168 section 6.1).
/// AE: Accurate ECN (RFC 9768 section 3.1), bit 7 of byte 12. It was the experimental ECN nonce
/// sum NS of RFC 3540 (historic); Wireshark 4.0 calls it "Accurate ECN" (tcp.flags.ae).
inline constexpr std::uint16_t ae = 0x100;
/// The three bits RFC 9293 still reserves (bits 4-6 of byte 12); must be zero.
inline constexpr std::uint16_t reserved = 0xE00;
/// All 12 bits: what TcpSegment::flags() can return.
inline constexpr std::uint16_t mask = 0xFFF;
}  // namespace tcp_flag

/// How tcp_flags_text() writes the flags.
enum class TcpFlagStyle : std::uint8_t {
  /// As Wireshark's Info column and flag summary: names from the lowest bit up, comma-separated,
  /// "SYN, ACK", "FIN, PSH, ACK", "SYN, ECE, CWR"; "Reserved" once for any reserved bit;
  /// "\<None\>" when no bit is set.
  wireshark,
  /// As tcpdump's `Flags [...]`: one letter per flag, no separator, F S R P . U E W e for FIN,
  /// SYN, RST, PSH, ACK, URG, ECE, CWR, AE, in that order ("S." is SYN+ACK, "P." PSH+ACK);
  /// reserved bits are not shown; "none" when none of those flags is set.
  tcpdump,
};

/// The text of a set of TCP flags, in a fixed buffer on the stack (no allocation).
struct TcpFlagsText {
  /// Capacity: the longest text ("FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved") and a NUL.
  static constexpr std::size_t capacity = 64;
  std::array<char, capacity> chars{};  ///< The characters, NUL-terminated.
  std::uint8_t length = 0;             ///< Number of characters before the NUL.

  /// @return the text as a view into this object (valid while the object lives)
  constexpr std::string_view view() const noexcept { return std::string_view(chars.data(), length); }
  /// @return the text as a NUL-terminated C string (valid while the object lives)
  constexpr const char* c_str() const noexcept { return chars.data(); }
};

/// Writes TCP flags for people to read.
/// @param flags a value of TcpSegment::flags(); bits above tcp_flag::mask are ignored
/// @param style Wireshark's "SYN, ACK" or tcpdump's "S."
/// @return the text
TcpFlagsText tcp_flags_text(std::uint16_t flags, TcpFlagStyle style = TcpFlagStyle::wireshark) noexcept;

/// One TCP option as it appears on the wire.
/// @warning `data` points into the segment's bytes: valid while they are.
/// @see RFC 9293 section 3.2
struct TcpOption {
  std::uint8_t kind = 0;  ///< Option kind (tcp_option_kind).
  /// The option's length byte: the size of the whole option, kind and length included. EOL and
  /// NOP have no length byte; for them this is 1, their size.
  std::uint8_t length = 0;
  ByteView data;  ///< The `length - 2` bytes after kind and length; empty for EOL and NOP.
};

/// Why a walk over the options stopped before the end of the option area.
enum class TcpOptionError : std::uint8_t {
  none,              ///< The walk reached the end of the options area, or an EOL option.
  length_below_two,  ///< An option's length byte is 0 or 1: malformed, the walk cannot go on.
  past_header_end,   ///< An option (or its length byte) runs past the data offset: malformed.
  truncated,         ///< The captured bytes end inside the options: only for a view made with the
                     ///< unchecked constructor, since TcpSegment::parse() requires the whole header.
};

/// A forward iterator over the options of a TCP header, yielding TcpOption values.
///
/// It stops after an EOL option (what follows is padding, RFC 9293 section 3.2), at the end of the
/// options area, or at the first malformed option, which it does not yield; error() then says why.
/// Each step advances at least one byte, so a walk takes at most 40 steps whatever the bytes.
/// @warning Points into the segment's bytes: valid while they are.
class TcpOptionIterator {
 public:
  using iterator_category = std::forward_iterator_tag;  ///< A multi-pass forward iterator.
  using value_type = TcpOption;                         ///< What it yields.
  using difference_type = std::ptrdiff_t;               ///< Distance between two iterators.
  using pointer = const TcpOption*;                     ///< Pointer to what it yields.
  using reference = const TcpOption&;                   ///< Reference to what it yields.

  /// Makes an end iterator.
  constexpr TcpOptionIterator() noexcept = default;
  /// Makes an iterator at the first option.
  /// @param captured the captured bytes of the options area (at most `area_length` bytes)
  /// @param area_length the size of the options area that the data offset declares, in bytes
  TcpOptionIterator(ByteView captured, std::size_t area_length) noexcept;

  /// @return the current option; meaningful only when not at the end
  const TcpOption& operator*() const noexcept { return current_; }
  /// @return a pointer to the current option; meaningful only when not at the end
  const TcpOption* operator->() const noexcept { return &current_; }
  /// Moves to the next option, or to the end.
  /// @return this iterator
  TcpOptionIterator& operator++() noexcept;
  /// Moves to the next option, or to the end.
  /// @return a copy of the iterator before it moved
  TcpOptionIterator operator++(int) noexcept {
    TcpOptionIterator before = *this;
    ++*this;
    return before;
  }
  /// Two iterators are equal when both are at the end, or both are at the same option.
  /// @param a an iterator
  /// @param b an iterator
  /// @return true when they are equal
  friend bool operator==(const TcpOptionIterator& a, const TcpOptionIterator& b) noexcept {
    return a.at_end_ == b.at_end_ && (a.at_end_ || a.offset_ == b.offset_);
  }

  /// @return why the walk stopped; TcpOptionError::none while not at the end or after a clean end
  TcpOptionError error() const noexcept { return error_; }
  /// @return offset of the current option (or, at the end after an error, of the malformed one)
  ///         from the start of the options area, in bytes
  std::size_t offset() const noexcept { return offset_; }

 private:
  void read() noexcept;

  ByteView captured_;
  std::size_t area_length_ = 0;
  std::size_t offset_ = 0;
  TcpOption current_{};
  TcpOptionError error_ = TcpOptionError::none;
  bool at_end_ = true;
};

/// The options area of a TCP header, as a range of TcpOption (use it in a range-for).
/// @warning A view: valid while the segment's bytes are.
/// @see RFC 9293 section 3.2
class TcpOptions {
 public:
  /// The largest options area: a data offset of 15 words (60 bytes) minus the 20 fixed bytes.
  static constexpr std::size_t max_length = 40;

  /// Makes an empty options area.
  constexpr TcpOptions() noexcept = default;
  /// Makes the range over an options area.
  /// @param captured the captured bytes of the area (may be fewer than `area_length`)
  /// @param area_length the size the data offset declares, in bytes (0 to 40)
  constexpr TcpOptions(ByteView captured, std::size_t area_length) noexcept
      : captured_(captured), area_length_(area_length) {}

  /// @return an iterator at the first option
  TcpOptionIterator begin() const noexcept { return TcpOptionIterator(captured_, area_length_); }
  /// @return the end iterator
  TcpOptionIterator end() const noexcept { return TcpOptionIterator(); }
  /// @return the captured bytes of the options area
  ByteView bytes() const noexcept { return captured_; }
  /// @return the size of the options area that the data offset declares, in bytes
  std::size_t length() const noexcept { return area_length_; }
  /// @return true when the header has no options area (data offset 5)
  bool empty() const noexcept { return area_length_ == 0; }

  /// Walks the options to the end.
  /// @return why the walk stopped: TcpOptionError::none for well-formed options
  TcpOptionError error() const noexcept;
  /// @return a static English reason for error(): "" when there is none
  const char* error_reason() const noexcept;
  /// @return offset, from the start of the TCP header, of the option that stopped the walk
  ///         (meaningful only when error() is not TcpOptionError::none)
  std::size_t error_offset() const noexcept;

 private:
  ByteView captured_;
  std::size_t area_length_ = 0;
};

/// One SACK block: a range of sequence numbers the receiver holds, left edge first.
/// @see RFC 2018 section 3
struct TcpSackBlock {
  std::uint32_t left_edge = 0;   ///< First sequence number of the block.
  std::uint32_t right_edge = 0;  ///< Sequence number just after the last one of the block.
};

/// The blocks of a SACK option: at most 4 fit in 40 bytes of options (RFC 2018 section 3).
struct TcpSackBlocks {
  /// The most blocks a SACK option can hold: (40 - 2) / 8.
  static constexpr std::size_t max_blocks = 4;
  std::array<TcpSackBlock, max_blocks> blocks{};  ///< The blocks; the first `count` are meaningful.
  std::size_t count = 0;                          ///< Number of blocks; 0 when there is no SACK option.

  /// @return the meaningful blocks
  std::span<const TcpSackBlock> view() const noexcept { return {blocks.data(), count}; }
  /// @return the first block
  const TcpSackBlock* begin() const noexcept { return blocks.data(); }
  /// @return one past the last meaningful block
  const TcpSackBlock* end() const noexcept { return blocks.data() + count; }
};

/// The two values of a timestamps option, in the sender's timestamp clock units (unspecified).
/// @see RFC 7323 section 3.2
struct TcpTimestamps {
  std::uint32_t value = 0;       ///< TSval: the sender's timestamp clock when it sent the segment.
  std::uint32_t echo_reply = 0;  ///< TSecr: the TSval most recently received from the peer (0 in a SYN).
};

/// A TCP segment: the header of RFC 9293 section 3.1, its options, and its data.
///
/// Multi-byte fields are returned in host order; sequence numbers are the raw 32-bit values on the
/// wire (Wireshark's tcp.seq_raw), not Wireshark's relative ones.
///
/// @warning A view: valid while the bytes it was made from are (for a frame from CaptureReader,
/// until the next call to CaptureReader::next()).
/// @see RFC 9293 section 3.1
class TcpSegment {
 public:
  /// Length of the fixed header, the smallest valid data offset (5 words), in bytes.
  static constexpr std::size_t minimum_header_length = 20;
  /// Largest header length, a data offset of 15 words, in bytes.
  static constexpr std::size_t maximum_header_length = 60;

  /// Checks the header and returns the view.
  ///
  /// The options are not checked: Wireshark still decodes a header whose options are malformed,
  /// and so does pktdoc. Ask options_valid() or options().error() instead.
  /// @param bytes the segment: the IP payload, cut to the length the IP header declares
  /// @return the view; or ErrorKind::invalid when the data offset is below 5 (decided as soon
  ///         as byte 12 is captured); or ErrorKind::truncated when fewer than 20 bytes, or fewer
  ///         than data offset × 4 bytes, were captured
  static Result<TcpSegment> parse(ByteView bytes) noexcept;

  /// Wraps bytes without checking them: fields past the end read as 0. For listing a header that
  /// was cut short (the 8 bytes of TCP an ICMP error quotes).
  /// @param bytes the segment's bytes, or a prefix of them
  explicit constexpr TcpSegment(ByteView bytes) noexcept : bytes_(bytes) {}
  /// Makes an empty view; every field reads as 0.
  constexpr TcpSegment() noexcept = default;

  /// @return the bytes the view was made from: header, options and data
  ByteView bytes() const noexcept { return bytes_; }

  /// @return the source port (bytes 0-1)
  std::uint16_t source_port() const noexcept { return ByteReader(bytes_).u16_at(0); }
  /// @return the destination port (bytes 2-3)
  std::uint16_t destination_port() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return the sequence number of the first data byte (of the SYN itself in a SYN), bytes 4-7
  std::uint32_t sequence_number() const noexcept { return ByteReader(bytes_).u32_at(4); }
  /// @return the acknowledgment number, the next sequence number the sender expects; significant
  ///         only when ack() is set (bytes 8-11)
  std::uint32_t acknowledgment_number() const noexcept { return ByteReader(bytes_).u32_at(8); }
  /// @return the data offset: the header length in 32-bit words, 5 to 15 (high 4 bits of byte 12)
  std::uint8_t data_offset() const noexcept { return static_cast<std::uint8_t>(ByteReader(bytes_).u8_at(12) >> 4); }
  /// @return the header length in bytes: data_offset() × 4, 20 to 60 (Wireshark's tcp.hdr_len)
  std::size_t header_length() const noexcept { return std::size_t{data_offset()} * 4; }
  /// @return the 12 bits after the data offset: reserved bits, AE, CWR, ECE, URG, ACK, PSH,
  ///         RST, SYN, FIN, with the bit values of tcp_flag (Wireshark's tcp.flags)
  std::uint16_t flags() const noexcept { return ByteReader(bytes_).u16_at(12) & tcp_flag::mask; }
  /// @return true when FIN is set: the sender has no more data
  bool fin() const noexcept { return (flags() & tcp_flag::fin) != 0; }
  /// @return true when SYN is set: synchronize sequence numbers
  bool syn() const noexcept { return (flags() & tcp_flag::syn) != 0; }
  /// @return true when RST is set: reset the connection
  bool rst() const noexcept { return (flags() & tcp_flag::rst) != 0; }
  /// @return true when PSH is set: push function
  bool psh() const noexcept { return (flags() & tcp_flag::psh) != 0; }
  /// @return true when ACK is set: acknowledgment_number() is significant
  bool ack() const noexcept { return (flags() & tcp_flag::ack) != 0; }
  /// @return true when URG is set: urgent_pointer() is significant
  bool urg() const noexcept { return (flags() & tcp_flag::urg) != 0; }
  /// @return true when ECE (ECN-Echo, RFC 3168 section 6.1) is set
  bool ece() const noexcept { return (flags() & tcp_flag::ece) != 0; }
  /// @return true when CWR (congestion window reduced, RFC 3168 section 6.1) is set
  bool cwr() const noexcept { return (flags() & tcp_flag::cwr) != 0; }
  /// @return true when AE (Accurate ECN, RFC 9768; formerly the NS bit of RFC 3540) is set
  bool ae() const noexcept { return (flags() & tcp_flag::ae) != 0; }
  /// @return the window field as sent, in bytes before window scaling (bytes 14-15); the real
  ///         window is this shifted left by the window scale the peer announced in its SYN
  std::uint16_t window() const noexcept { return ByteReader(bytes_).u16_at(14); }
  /// @return the checksum field as sent (bytes 16-17)
  std::uint16_t checksum() const noexcept { return ByteReader(bytes_).u16_at(16); }
  /// @return the urgent pointer, an offset in bytes from sequence_number() to the end of urgent
  ///         data; significant only when urg() is set (bytes 18-19)
  std::uint16_t urgent_pointer() const noexcept { return ByteReader(bytes_).u16_at(18); }

  /// Verifies the checksum over the pseudo-header, the header and the data (RFC 9293 section 3.1).
  /// @param pseudo the pseudo-header of the IP packet that carries the segment; its `length` is
  ///        the segment length the IP header declares, and its `protocol` must be 6
  /// @return ChecksumStatus::good or ChecksumStatus::bad (also when `pseudo.length` is below 20, too
  ///         short for a header); ChecksumStatus::unverified when fewer than `pseudo.length` bytes
  ///         were captured
  ChecksumStatus checksum_status(const PseudoHeader& pseudo) const noexcept;

  /// @return the options, from byte 20 to the data offset (only the captured part of them)
  TcpOptions options() const noexcept;
  /// @return true when the options are well formed, that is options().error() is
  ///         TcpOptionError::none (always true when there are none)
  bool options_valid() const noexcept { return options().error() == TcpOptionError::none; }
  /// @return the MSS, in bytes, of the first maximum segment size option of length 4; options of
  ///         another length are ignored, as Wireshark does (RFC 9293 section 3.7.1)
  std::optional<std::uint16_t> mss() const noexcept;
  /// @return the shift count of the first window scale option of length 3, as sent; RFC 7323
  ///         section 2.3 says a receiver uses 14 for larger values
  std::optional<std::uint8_t> window_scale() const noexcept;
  /// @return true when a SACK-permitted option of length 2 is present (RFC 2018 section 2)
  bool sack_permitted() const noexcept;
  /// @return the blocks of the first SACK option whose length is 2 + 8n with n from 1 to 4;
  ///         no blocks when there is none (RFC 2018 section 3)
  TcpSackBlocks sack_blocks() const noexcept;
  /// @return TSval and TSecr of the first timestamps option of length 10 (RFC 7323 section 3.2)
  std::optional<TcpTimestamps> timestamps() const noexcept;
  /// @return the cookie of the first TCP Fast Open option: empty for a cookie request (length 2),
  ///         4 to 16 bytes otherwise (RFC 7413 section 4.1.1)
  std::optional<ByteView> fast_open_cookie() const noexcept;

  /// @param style Wireshark's "SYN, ACK" or tcpdump's "S."
  /// @return flags() as text, by tcp_flags_text()
  TcpFlagsText flags_text(TcpFlagStyle style = TcpFlagStyle::wireshark) const noexcept {
    return tcp_flags_text(flags(), style);
  }

  /// @return the data: the bytes after the header, to the end of the view; empty when the header
  ///         itself is not whole or the data offset is below 5 (possible only in unchecked views)
  ByteView payload() const noexcept;

 private:
  ByteView bytes_;
};

}  // namespace pktdoc
