/// @file
/// @brief The `datagrams` listing: one line per reassembled IP datagram, as Wireshark's oracle
/// prints it, and one note per datagram that never completed.
///
/// `dissect datagrams FILE` reassembles the capture's IP fragments with an IpDefragmenter and
/// prints, for each datagram it reassembles, in the order they complete:
///
///     frame=N  version=4|6  src=IP  dst=IP  id=ID  length=N  sha256=HEX
///
/// TAB-separated: the frame whose fragment completed the datagram, the IP version, the source and
/// destination addresses, the identification in decimal (IPv4 Identification, IPv6 Fragment
/// Identification), the length of the reassembled payload (for IPv4 the data after the header,
/// Wireshark's ip.reassembled.length; for IPv6 the Fragmentable Part, ipv6.reassembled.length),
/// and the SHA-256 of that payload. tshark lists the same with its defaults, so the two can be
/// compared line by line. They differ only where pktdoc applies a receiving host's rules (the
/// RFCs' where they have one; see IpDefragmenter for each policy) and tshark, a viewer, keeps
/// everything:
/// - tshark has no reassembly timeout; pktdoc gives up on a datagram 30 seconds (IPv4) or 60
///   seconds (IPv6, RFC 8200 section 4.5) after its first fragment.
/// - tshark reassembles IPv6 datagrams with overlapping fragments; RFC 5722 says to discard
///   them, and pktdoc does. For IPv4 both reassemble overlaps whose bytes agree, but where they
///   disagree tshark keeps the bytes of the fragment with the lowest offset (the first to
///   arrive among equal offsets) and pktdoc discards the datagram.
/// - tshark uses fragments that would end past 65535 bytes, which RFC 791's 16-bit Total Length
///   cannot describe and RFC 8200 section 4.5 says to discard: it then reassembles an IPv4
///   datagram longer than 65535 bytes, or never completes a datagram whose length such a
///   fragment set. It also uses IPv6 fragments with M set whose length is not a multiple of 8,
///   which RFC 8200 section 4.5 says to discard. pktdoc drops those fragments.
/// - For tshark the first last fragment sets the length and data past it is cut off; pktdoc
///   discards a datagram whose fragments disagree on its end, as Linux does.
/// - Only the frame's own IP packet is reassembled, not a packet carried inside it (an IP
///   tunnel), whose addresses the oracle's listing would mix up with the outer packet's anyway.
///
/// The notes (abandoned datagrams and dropped fragments) are for people, not for comparing:
///
///     abandoned  reason=R  frame=N|-  version=V  src=IP  dst=IP  id=ID  first_frame=N
///                fragments=N  received=N  length=N|?  missing=B-E,B-E|B-?
///     dropped  reason=R  frame=N  version=V  src=IP  dst=IP  id=ID  offset=N  length=N  more=0|1
///
/// `frame` is the frame being handled when the datagram was given up (`-` at the end of the
/// capture), `first_frame` the frame of its first fragment, `received` the payload bytes it had,
/// `length` its payload length (`?` while the last fragment has not come), and `missing` the byte
/// ranges of the payload that never arrived, inclusive, `?` standing for an end nobody announced.
#pragma once

#include <string>

#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"

namespace pktdoc {

/// Appends the `datagrams` listing line of one reassembled datagram, without a newline.
/// @param datagram a datagram from DefragmentObserver::on_reassembled()
/// @param[out] line the text is appended here
void write_datagram_line(const ReassembledDatagram& datagram, std::string& line);

/// Appends the note for an abandoned datagram, without a newline.
/// @param datagram a datagram from DefragmentObserver::on_abandoned()
/// @param[out] line the text is appended here
void write_abandoned_note(const AbandonedDatagram& datagram, std::string& line);

/// Appends the note for a dropped fragment, without a newline.
/// @param fragment a fragment from DefragmentObserver::on_dropped()
/// @param[out] line the text is appended here
void write_dropped_note(const DroppedFragment& fragment, std::string& line);

/// Writes the `datagrams` listing of a capture, frame by frame: an IpDefragmenter with an
/// observer that formats what it reports. Keep one for a whole capture.
///
/// Memory: that of its IpDefragmenter (bounded by the limits given), plus the text it appends.
///
/// @code
/// pktdoc::DatagramListing listing;
/// std::string lines, notes;
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   pktdoc::decode_packet(frame, packet);
///   lines.clear();
///   listing.add(frame, packet, lines, &notes);
///   std::fputs(lines.c_str(), stdout);
/// }
/// listing.finish(&notes);
/// std::fputs(notes.c_str(), stderr);
/// @endcode
class DatagramListing {
 public:
  /// Makes a listing whose defragmenter has the given limits.
  /// @param limits the defragmenter's limits (see IpDefragmenter::Limits for the defaults)
  explicit DatagramListing(const IpDefragmenter::Limits& limits = IpDefragmenter::Limits{});
  DatagramListing(const DatagramListing&) = delete;             ///< Not copyable: its defragmenter reports to it.
  DatagramListing& operator=(const DatagramListing&) = delete;  ///< Not copyable: its defragmenter reports to it.

  /// Gives one frame to the defragmenter (its own IP packet, `packet.ip`; a frame without IP
  /// only moves time on) and appends a line, with its newline, for the datagram it completes.
  /// @param frame the frame: its number and timestamp are used
  /// @param packet the frame decoded by decode_packet()
  /// @param[out] lines receives the listing line, if any
  /// @param[out] notes if not null, receives a note line (with its newline) for each datagram
  ///                   abandoned and each fragment dropped while handling this frame
  void add(const Frame& frame, const DecodedPacket& packet, std::string& lines, std::string* notes = nullptr);

  /// Ends the capture: the datagrams still open are abandoned (never listed).
  /// @param[out] notes if not null, receives a note line (with its newline) for each of them
  void finish(std::string* notes = nullptr);

  /// @return the defragmenter, for its counters and limits
  const IpDefragmenter& defragmenter() const noexcept { return defragmenter_; }

 private:
  class Writer : public DefragmentObserver {
   public:
    void on_reassembled(const ReassembledDatagram& datagram) override;
    void on_abandoned(const AbandonedDatagram& datagram) override;
    void on_dropped(const DroppedFragment& fragment) override;
    std::string* lines = nullptr;
    std::string* notes = nullptr;
  };

  Writer writer_;
  IpDefragmenter defragmenter_;
};

}  // namespace pktdoc
