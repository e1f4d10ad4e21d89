/// @file
/// @brief Listings that can be diffed against Wireshark's: the per-frame `packets` listing.
///
/// `dissect packets FILE` prints one line per frame: the frame number, then a TAB-separated
/// `name=value` pair for each field of a fixed list of Wireshark field names that the frame has,
/// formatted as `tshark -n -T fields -E occurrence=a -E aggregator=,` prints them. A field that
/// occurs more than once (an ICMP error quoting a packet, several DNS answers) lists its values
/// comma-joined, outermost and first first. Each frame is decoded on its own, as tshark does with
/// IP defragmentation and TCP reassembly turned off. The same listing made by tshark and by
/// pktdoc can then be compared line by line (the project's tests do exactly that).
#pragma once

#include <string>

#include "pktdoc/capture.hpp"
#include "pktdoc/detail/field_sink.hpp"
#include "pktdoc/packet.hpp"

namespace pktdoc {

/// Writes lines of the `packets` listing. Keep one for a whole capture: it reuses its buffers.
///
/// @code
/// pktdoc::PacketListing listing;
/// pktdoc::DecodedPacket packet;
/// std::string line;
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   pktdoc::decode_packet(frame, packet);
///   line.clear();
///   listing.write(frame, packet, line);
///   std::puts(line.c_str());
/// }
/// @endcode
class PacketListing {
 public:
  /// Appends one frame's line, without a newline, to `line`.
  /// @param frame the frame (its number and lengths are listed)
  /// @param packet the frame decoded by decode_packet() with default options
  /// @param[out] line the text is appended here
  void write(const Frame& frame, const DecodedPacket& packet, std::string& line);

 private:
  detail::FieldSink fields_;
};

}  // namespace pktdoc
