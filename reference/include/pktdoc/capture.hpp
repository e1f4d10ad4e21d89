/// @file
/// @brief Reading frames from capture files and live interfaces, as libpcap reads them.
///
/// CaptureReader opens a pcap or pcapng file (whatever the installed libpcap reads) or a live
/// interface, optionally applies a BPF filter, and hands out one Frame at a time: its
/// timestamp, original length, captured bytes and link type. The bytes stay owned by the
/// reader; a Frame is a view that is valid until the next call to CaptureReader::next().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pktdoc/bytes.hpp"

namespace pktdoc {

/// Link-layer header types, by the values libpcap reports from pcap_datalink().
///
/// libpcap translates the LINKTYPE_ values stored in files into the DLT_ values of the system
/// it runs on. The two differ for raw IP: files say LINKTYPE_RAW (101), but pcap_datalink()
/// reports DLT_RAW, which is 12 on most systems and 14 on OpenBSD. pktdoc treats 12, 14 and
/// 101 alike, which is where dpkt, libtins and gopacket each had a bug report.
/// @see https://www.tcpdump.org/linktypes.html
enum class LinkType : std::uint32_t {
  null = 0,          ///< BSD loopback: a 4-byte address family in the byte order of the writing host.
  ethernet = 1,      ///< Ethernet II and IEEE 802.3 (LINKTYPE_ETHERNET).
  raw_dlt12 = 12,    ///< Raw IP as DLT_RAW on most systems; the frame starts with an IPv4 or IPv6 header.
  raw_dlt14 = 14,    ///< Raw IP as DLT_RAW on OpenBSD.
  raw = 101,         ///< Raw IP as stored in files (LINKTYPE_RAW).
  loop = 108,        ///< OpenBSD loopback: a 4-byte address family in network byte order.
  linux_sll = 113,   ///< Linux cooked capture, version 1 (16-byte header).
  linux_sll2 = 276,  ///< Linux cooked capture, version 2 (20-byte header).
};

/// Whether pktdoc can decode frames of a link type.
/// @param link_type a value from pcap_datalink() or a file header
/// @return true for the LinkType enumerators
bool is_supported(LinkType link_type) noexcept;

/// A name for any link type value, such as "EN10MB (1, Ethernet)" or "USER0 (147)".
/// @param link_type any value, supported or not
/// @return libpcap's name, the number and libpcap's description; "USERn (number)" for the
///         private-use types 147-162; the bare number when nothing else is known
std::string link_type_name(LinkType link_type);

/// When a frame was captured, as the capture recorded it (nanosecond resolution).
struct Timestamp {
  std::int64_t seconds = 0;       ///< Seconds since 1970-01-01 00:00:00 UTC.
  std::uint32_t nanoseconds = 0;  ///< Nanoseconds within the second, 0-999999999.
};

/// One captured frame: a view over the reader's buffer plus what the capture recorded about it.
///
/// @warning `bytes` points into the CaptureReader's buffer and is valid only until the next call
/// to CaptureReader::next() (or until the reader is destroyed). Copy the bytes to keep them.
struct Frame {
  /// 1 for the first frame of the capture, as Wireshark counts. A file read with a filter keeps
  /// the numbers of the whole file (frames the filter drops are counted, not returned); a live
  /// capture, filtered by the kernel, counts the frames it receives.
  std::uint64_t number = 0;
  Timestamp timestamp;                 ///< When the frame was captured.
  std::uint32_t original_length = 0;   ///< Length of the frame on the wire (Wireshark's frame.len).
  /// The captured bytes (frame.cap_len = bytes.size()). Normally at most original_length, but a
  /// record that claims less on the wire than it holds is passed on as it is, as Wireshark shows it.
  ByteView bytes;
  LinkType link_type = LinkType::ethernet;  ///< How to decode `bytes`.
};

/// The outcome of CaptureReader::next().
enum class ReadStatus : std::uint8_t {
  frame,    ///< A frame was read.
  timeout,  ///< Live capture only: the read timeout expired with no frame; call again.
  end,      ///< The file ended, or CaptureReader::interrupt() was called.
  error,    ///< The read failed (a file cut inside a record, an interface that went away);
            ///< CaptureReader::error() says why.
};

/// Options for live capture.
struct LiveOptions {
  int snapshot_length = 262144;  ///< Bytes kept per frame (libpcap's default maximum).
  bool promiscuous = false;      ///< Capture frames addressed to other hosts too.
  int timeout_ms = 200;          ///< How long next() waits before returning ReadStatus::timeout.
};

/// Reads frames from a capture file or a live interface.
///
/// Opening never throws: check ok() and print error(), which is one line naming the file or
/// interface and the cause. A capture whose link type pktdoc does not decode fails to open, with
/// the link type named in the message.
///
/// @code
/// auto capture = pktdoc::CaptureReader::open_file("http_ipv4.pcap");
/// if (!capture.ok()) { std::fprintf(stderr, "%s\n", capture.error().c_str()); return 1; }
/// pktdoc::Frame frame;
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   std::printf("frame %llu: %zu bytes\n", (unsigned long long)frame.number, frame.bytes.size());
/// }
/// @endcode
class CaptureReader {
 public:
  /// Opens a pcap or pcapng file. "-" reads standard input.
  ///
  /// A pcap file of version 2.4 (what tcpdump, Wireshark and libpcap write) is read by pktdoc
  /// itself, in large blocks, each frame a view into the block: the same frames, lengths,
  /// timestamps and messages as libpcap's, at a fraction of the cost. libpcap reads everything
  /// else: pcapng, older pcap versions, standard input.
  /// @param path the file
  /// @param filter a BPF filter expression (pcap-filter(7)); empty for none
  /// @return a reader; when !ok(), error() says why (no such file, not a capture, unsupported
  ///         link type, filter does not compile)
  static CaptureReader open_file(const std::string& path, const std::string& filter = {});

  /// Opens a network interface for live capture.
  /// @param interface the interface name, as `ip link` or `tcpdump -D` lists it
  /// @param filter a BPF filter expression (pcap-filter(7)); empty for none
  /// @param options snapshot length, promiscuous mode, read timeout
  /// @return a reader; when !ok(), error() says why (no such interface, permission denied,
  ///         unsupported link type, filter does not compile)
  static CaptureReader open_live(const std::string& interface, const std::string& filter = {},
                                 const LiveOptions& options = {});

  /// Makes a reader that is not open; ok() is false.
  CaptureReader() noexcept;
  /// Closes the capture.
  ~CaptureReader();
  /// Takes over another reader's capture.
  /// @param other the reader to move from; it is left closed
  CaptureReader(CaptureReader&& other) noexcept;
  /// Takes over another reader's capture, closing this one's.
  /// @param other the reader to move from; it is left closed
  /// @return this reader
  CaptureReader& operator=(CaptureReader&& other) noexcept;
  CaptureReader(const CaptureReader&) = delete;             ///< Not copyable: it owns the open capture.
  CaptureReader& operator=(const CaptureReader&) = delete;  ///< Not copyable: it owns the open capture.

  /// @return true when the capture is open
  bool ok() const noexcept;
  /// @return why opening or the last read failed: one line, naming the file or interface
  const std::string& error() const noexcept;
  /// @return the link type of every frame in this capture
  LinkType link_type() const noexcept;
  /// @return the snapshot length: no frame has more captured bytes than this
  std::uint32_t snapshot_length() const noexcept;

  /// Reads the next frame.
  /// @param[out] frame receives the frame when the result is ReadStatus::frame; its bytes are
  ///             valid until the next call
  /// @return ReadStatus::frame, ReadStatus::timeout (live only), ReadStatus::end, or
  ///         ReadStatus::error (see error())
  ReadStatus next(Frame& frame);

  /// Makes the current or next call to next() return ReadStatus::end. Safe to call from a
  /// signal handler (it sets a flag, or calls pcap_breakloop() when libpcap reads the capture).
  void interrupt() noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string error_;
};

}  // namespace pktdoc
