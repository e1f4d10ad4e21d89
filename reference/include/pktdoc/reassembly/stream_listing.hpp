/// @file
/// @brief The `streams` listing: one line per TCP connection with the SHA-256 of the bytes each
/// direction carried, comparable line by line with Wireshark's Follow TCP Stream.
///
/// `dissect streams FILE` prints, for every TCP connection of the capture, in the order of their
/// numbers (Wireshark's `tcp.stream`):
///
///     stream=K  a=IP:PORT  b=IP:PORT  a2b_bytes=N  a2b_sha256=HEX  b2a_bytes=N  b2a_sha256=HEX
///
/// (TAB-separated), where `a` is the source of the connection's first segment, IPv6 endpoints
/// are written `[ADDR]:PORT`, and the bytes are what `tshark -q -z follow,tcp,raw,K` shows. The
/// bytes come from TcpReassembler; Wireshark's Follow TCP Stream differs from the reassembled
/// stream in a few documented ways, which the listing reproduces so that the two can be diffed:
/// - where the peer acknowledged bytes the capture missed (TcpGapReason::acknowledged), Wireshark
///   writes the text `[N bytes missing in capture file]` and a NUL byte in their place; so does
///   the listing;
/// - bytes a snap length cut off (TcpGapReason::not_captured) are left out, the rest goes on;
/// - after a hole that nobody acknowledged (any other gap), Wireshark shows nothing more of that
///   direction, and neither does the listing.
///
/// Where Wireshark is wrong the listing follows the reassembler, not Wireshark: bytes after a FIN
/// or a RST (TcpNoticeKind::data_after_fin, data_after_close) are not stream data (RFC 9293
/// section 3.10.7.4) and are not listed, while tshark 4.0 lists them when they are in sequence.
/// A connection seen only in ICMP errors is listed as Wireshark lists it, `a=:0 b=:0` with no
/// bytes.
#pragma once

#include <memory>
#include <string>

#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace pktdoc {

/// Writes the `streams` listing of a capture: feed it every frame, then call finish().
///
/// Memory: a TcpReassembler within its limits, plus one record of 296 bytes (on x86-64) per
/// connection number handed out: the two endpoints (20 bytes each) and, for each direction, a
/// running SHA-256 (112 bytes) and a byte count. The records are kept until finish(), since the
/// lines come out in stream order, even for connections the reassembler has closed and freed.
/// They are allocated 256 at a time (about 74 KiB) in blocks that never move, so growth copies
/// nothing and the peak is the records plus at most one partly used block: about 28 MiB for a
/// SYN flood of 100,000 connections (a vector that doubled would hold up to 2x at rest and 3x
/// while it copies).
///
/// @code
/// pktdoc::StreamListing listing;
/// pktdoc::DecodedPacket packet;
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   pktdoc::decode_packet(frame, packet);
///   listing.add(frame, packet);
/// }
/// std::string text;
/// listing.finish(text);
/// std::fputs(text.c_str(), stdout);
/// @endcode
class StreamListing {
 public:
  /// Makes a listing with its own TcpReassembler.
  /// @param limits the reassembler's limits; the defaults are never reached by ordinary captures,
  ///        and a limit reached makes the listing differ from Wireshark's (which has none)
  explicit StreamListing(const TcpReassembler::Limits& limits = {});
  /// Frees the reassembler and the per-stream state.
  ~StreamListing();
  StreamListing(const StreamListing&) = delete;             ///< Not copyable: it owns a reassembler.
  StreamListing& operator=(const StreamListing&) = delete;  ///< Not copyable: it owns a reassembler.

  /// Feeds the TCP of one frame: its own IP packet and those inside it (TcpReassembler::add()).
  /// An IP fragment is skipped: feed the datagram reassembled from it with the other add().
  /// @param frame the frame
  /// @param packet the frame decoded by decode_packet()
  void add(const Frame& frame, const DecodedPacket& packet);
  /// Feeds one IP packet, such as a datagram reassembled from fragments and decoded with decode_ip().
  /// @param ip the packet's layers
  /// @param frame the number of the frame that brought it (for a reassembled datagram, the frame
  ///        that completed it)
  /// @param timestamp that frame's timestamp
  void add(const IpLayers& ip, std::uint64_t frame, Timestamp timestamp);
  /// Ends the input (TcpReassembler::finish()) and appends one line per connection, each ending
  /// in a newline, in the order of their numbers.
  /// @param[out] out the lines are appended here
  void finish(std::string& out);
  /// @return the reassembler, for its statistics
  const TcpReassembler& reassembler() const noexcept;

 private:
  class Recorder;
  std::unique_ptr<Recorder> recorder_;
  std::unique_ptr<TcpReassembler> reassembler_;
};

}  // namespace pktdoc
