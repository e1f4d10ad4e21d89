/// @file
/// @brief Writing frames to pcap files through libpcap, deterministically: the same frames give
/// the same file, byte for byte.
///
/// CaptureWriter is CaptureReader's counterpart. It writes the classic pcap format (libpcap's
/// pcap_dump_open(), file format 2.4) with the link type given, each frame with its timestamp
/// and, for a frame cut by a snapshot length, an original length larger than the bytes written.
/// For tests of hostile input, close_cut() leaves the file cut at any byte, in the middle of a
/// record or of the file header.
///
/// @code
/// auto writer = pktdoc::CaptureWriter::open("arp.pcap", pktdoc::LinkType::ethernet);
/// if (!writer.ok()) { std::fprintf(stderr, "%s\n", writer.error().c_str()); return 1; }
/// writer.write(pktdoc::Timestamp{1700000000, 0}, request_frame);
/// writer.write(pktdoc::Timestamp{1700000000, 250000000}, reply_frame);
/// if (!writer.close()) { std::fprintf(stderr, "%s\n", writer.error().c_str()); return 1; }
/// @endcode
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "pktdoc/bytes.hpp"
#include "pktdoc/capture.hpp"

namespace pktdoc {

/// The resolution of the timestamps a capture file stores.
enum class TimestampPrecision : std::uint8_t {
  /// Microseconds: the original pcap format (magic number 0xA1B2C3D4), which every tool reads.
  /// Nanoseconds are truncated to whole microseconds.
  microsecond,
  /// Nanoseconds: the pcap variant with magic number 0xA1B23C4D (libpcap 1.5 and later,
  /// Wireshark).
  nanosecond,
};

/// How CaptureWriter::open() writes the file header.
struct CaptureWriterOptions {
  /// The snapshot length in the file header: no frame written may have more captured bytes.
  /// libpcap's default maximum, 262144.
  std::uint32_t snapshot_length = 262144;
  /// The timestamp resolution of the file.
  TimestampPrecision precision = TimestampPrecision::microsecond;
};

/// Writes frames to a pcap file.
///
/// Every failure leaves one line in error() that names the file and the cause, and makes the
/// call return false. A frame that cannot be written (longer than the snapshot length, a
/// timestamp pcap cannot store) is refused and the writer stays open; a failure of the file
/// itself closes the writer, and further calls fail. Nothing throws, nothing aborts.
///
/// The file's bytes depend only on the options, the link type and the frames written (the file
/// header's time zone and accuracy fields are 0); they are in the byte order of the host, as
/// libpcap writes them, which every reader accepts.
class CaptureWriter {
 public:
  /// Creates (or replaces) a pcap file and writes its header. "-" writes to standard output.
  /// @param path the file
  /// @param link_type the link type of every frame: LinkType::ethernet (1), LinkType::raw (101,
  ///        written as LINKTYPE_RAW whichever of its DLT values is given), LinkType::linux_sll
  ///        (113), LinkType::linux_sll2 (276), LinkType::null (0), LinkType::loop (108), or any
  ///        other LINKTYPE_ value libpcap can write (to make files pktdoc does not decode)
  /// @param options snapshot length and timestamp precision
  /// @return the writer; when !ok(), error() says why (the file cannot be created, libpcap does
  ///         not know the link type, the snapshot length is 0)
  static CaptureWriter open(const std::string& path, LinkType link_type, const CaptureWriterOptions& options = {});

  /// Makes a writer that is not open; ok() is false.
  CaptureWriter() noexcept;
  /// Closes the file, as close() does, ignoring any error (call close() to see it).
  ~CaptureWriter();
  /// Takes over another writer's file.
  /// @param other the writer to move from; it is left closed
  CaptureWriter(CaptureWriter&& other) noexcept;
  /// Takes over another writer's file, closing this one's.
  /// @param other the writer to move from; it is left closed
  /// @return this writer
  CaptureWriter& operator=(CaptureWriter&& other) noexcept;
  CaptureWriter(const CaptureWriter&) = delete;             ///< Not copyable: it owns a file.
  CaptureWriter& operator=(const CaptureWriter&) = delete;  ///< Not copyable: it owns a file.

  /// @return true while the file is open (until close(), close_cut() or a failure of the file)
  bool ok() const noexcept;
  /// @return why the last call failed: one line naming the file; empty when none has
  const std::string& error() const noexcept;
  /// @return the link type given to open()
  LinkType link_type() const noexcept { return link_type_; }
  /// @return the snapshot length in the file header
  std::uint32_t snapshot_length() const noexcept { return snapshot_length_; }
  /// @return the number of frames written
  std::uint64_t frames_written() const noexcept { return frames_written_; }
  /// @return the size of the file so far, in bytes: the 24-byte header and every record (a
  ///         16-byte record header and the captured bytes); use it to choose where close_cut()
  ///         cuts
  std::uint64_t bytes_written() const noexcept { return bytes_written_; }

  /// Writes a frame whose captured bytes are all of it.
  /// @param timestamp when the frame was captured: seconds 0 to 2147483647 (the format stores 32
  ///        bits, which libpcap reads back as a signed number, so 2038 is the limit), nanoseconds
  ///        0 to 999999999
  /// @param bytes the frame, at most snapshot_length() bytes
  /// @return true when written; false with error() when the writer is not open, the timestamp
  ///         or the size is out of range, or the file cannot be written
  bool write(const Timestamp& timestamp, ByteView bytes);
  /// Writes a frame of which only the first bytes were captured (a snapshot length cut it).
  /// @param timestamp when the frame was captured (as for the other overload)
  /// @param bytes the captured bytes, at most snapshot_length()
  /// @param original_length the length of the frame on the wire, at least `bytes.size()`
  ///        (Frame::original_length when read back)
  /// @return true when written; false with error() as for the other overload, or when
  ///         `original_length` is smaller than `bytes.size()`
  bool write(const Timestamp& timestamp, ByteView bytes, std::uint32_t original_length);
  /// Writes a frame read from another capture, with its timestamp and original length.
  /// @param frame the frame (its link type is not checked against this file's)
  /// @return true when written; false with error() as for write(const Timestamp&, ByteView, std::uint32_t)
  bool write(const Frame& frame) { return write(frame.timestamp, frame.bytes, frame.original_length); }

  /// Flushes and closes the file.
  /// @return true when every byte reached the file; false with error() otherwise, or when the
  ///         writer was not open
  bool close();
  /// Closes the file and cuts it to its first `file_length` bytes, for tests of hostile input: a
  /// file that ends in the middle of a record (its header or its data) or of the file header.
  /// @param file_length bytes to keep, less than bytes_written()
  /// @return true when the file was closed and cut; false with error() when the writer was not
  ///         open, writes to standard output, `file_length` is not less than bytes_written(), or
  ///         the file cannot be cut
  bool close_cut(std::uint64_t file_length);

 private:
  struct State;
  bool fail(std::string why);

  std::unique_ptr<State> state_{};
  std::string error_{};
  LinkType link_type_ = LinkType::ethernet;
  std::uint32_t snapshot_length_ = 0;
  std::uint64_t frames_written_ = 0;
  std::uint64_t bytes_written_ = 0;
};

}  // namespace pktdoc
