#include "pktdoc/capture_writer.hpp"

#include <pcap/pcap.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <string>
#include <system_error>
#include <utility>

namespace pktdoc {

namespace {

constexpr std::uint64_t file_header_length = 24;    // pcap file header
constexpr std::uint64_t record_header_length = 16;  // pcap per-frame header

// The DLT value libpcap takes for a link type. Files store LINKTYPE_ values, and libpcap maps
// DLT values to them when it writes; the one LinkType that is a LINKTYPE_ value without being a
// DLT value is LINKTYPE_RAW (101), whose DLT is DLT_RAW (12 on most systems, 14 on OpenBSD).
int dlt_for(LinkType link_type) noexcept {
  switch (link_type) {
    case LinkType::raw:
    case LinkType::raw_dlt12:
    case LinkType::raw_dlt14:
      return DLT_RAW;
    default:
      return static_cast<int>(link_type);
  }
}

}  // namespace

struct CaptureWriter::State {
  pcap_t* dead = nullptr;
  pcap_dumper_t* dumper = nullptr;
  std::string path;
  bool nanoseconds = false;
  ~State() {
    if (dumper != nullptr) pcap_dump_close(dumper);
    if (dead != nullptr) pcap_close(dead);
  }
};

CaptureWriter::CaptureWriter() noexcept = default;
CaptureWriter::~CaptureWriter() = default;
CaptureWriter::CaptureWriter(CaptureWriter&& other) noexcept = default;
CaptureWriter& CaptureWriter::operator=(CaptureWriter&& other) noexcept = default;

bool CaptureWriter::ok() const noexcept { return state_ != nullptr; }
const std::string& CaptureWriter::error() const noexcept { return error_; }

bool CaptureWriter::fail(std::string why) {
  error_ = std::move(why);
  return false;
}

CaptureWriter CaptureWriter::open(const std::string& path, LinkType link_type, const CaptureWriterOptions& options) {
  CaptureWriter writer;
  writer.link_type_ = link_type;
  writer.snapshot_length_ = options.snapshot_length;
  if (options.snapshot_length == 0 ||
      options.snapshot_length > static_cast<std::uint32_t>(std::numeric_limits<int>::max())) {
    writer.error_ = path + ": a snapshot length of " + std::to_string(options.snapshot_length) + " is not valid";
    return writer;
  }
  auto state = std::make_unique<State>();
  state->path = path;
  state->nanoseconds = options.precision == TimestampPrecision::nanosecond;
  state->dead = pcap_open_dead_with_tstamp_precision(
      dlt_for(link_type), static_cast<int>(options.snapshot_length),
      state->nanoseconds ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
  if (state->dead == nullptr) {
    writer.error_ = path + ": libpcap cannot write link type " + link_type_name(link_type);
    return writer;
  }
  state->dumper = pcap_dump_open(state->dead, path.c_str());
  if (state->dumper == nullptr) {
    // libpcap names the file when it cannot be opened; say which file it is otherwise.
    std::string why = pcap_geterr(state->dead);
    if (why.find(path) == std::string::npos) why = path + ": " + why;
    writer.error_ = why;
    return writer;
  }
  writer.state_ = std::move(state);
  writer.bytes_written_ = file_header_length;
  return writer;
}

bool CaptureWriter::write(const Timestamp& timestamp, ByteView bytes) {
  return write(timestamp, bytes, static_cast<std::uint32_t>(std::min<std::size_t>(bytes.size(), UINT32_MAX)));
}

bool CaptureWriter::write(const Timestamp& timestamp, ByteView bytes, std::uint32_t original_length) {
  if (!state_) return fail(error_.empty() ? "no capture file is open for writing" : error_);
  const std::string& path = state_->path;
  if (bytes.size() > snapshot_length_)
    return fail(path + ": a frame of " + std::to_string(bytes.size()) + " bytes is longer than the snapshot length " +
                std::to_string(snapshot_length_));
  if (original_length < bytes.size())
    return fail(path + ": original length " + std::to_string(original_length) + " is less than the " +
                std::to_string(bytes.size()) + " bytes captured");
  if (timestamp.seconds < 0 || timestamp.seconds > std::int64_t{INT32_MAX})
    return fail(path + ": timestamp " + std::to_string(timestamp.seconds) +
                " s is outside what pcap stores (0 to 2147483647)");
  if (timestamp.nanoseconds > 999'999'999)
    return fail(path + ": " + std::to_string(timestamp.nanoseconds) + " ns is not within a second");

  pcap_pkthdr header{};
  header.ts.tv_sec = static_cast<decltype(header.ts.tv_sec)>(timestamp.seconds);
  header.ts.tv_usec = static_cast<decltype(header.ts.tv_usec)>(state_->nanoseconds ? timestamp.nanoseconds
                                                                                   : timestamp.nanoseconds / 1000);
  header.caplen = static_cast<bpf_u_int32>(bytes.size());
  header.len = original_length;
  pcap_dump(reinterpret_cast<u_char*>(state_->dumper), &header, reinterpret_cast<const u_char*>(bytes.data()));
  if (std::ferror(pcap_dump_file(state_->dumper)) != 0) {
    std::string why = path + ": write failed";
    state_.reset();
    return fail(std::move(why));
  }
  ++frames_written_;
  bytes_written_ += record_header_length + bytes.size();
  return true;
}

bool CaptureWriter::close() {
  if (!state_) return fail(error_.empty() ? "no capture file is open for writing" : error_);
  const std::string path = state_->path;
  const bool flushed = pcap_dump_flush(state_->dumper) == 0 && std::ferror(pcap_dump_file(state_->dumper)) == 0;
  state_.reset();
  if (!flushed) return fail(path + ": write failed");
  error_.clear();
  return true;
}

bool CaptureWriter::close_cut(std::uint64_t file_length) {
  if (!state_) return fail(error_.empty() ? "no capture file is open for writing" : error_);
  const std::string path = state_->path;
  if (path == "-") return fail("standard output cannot be cut");
  if (file_length >= bytes_written_)
    return fail(path + ": cannot cut at byte " + std::to_string(file_length) + " of " + std::to_string(bytes_written_));
  if (!close()) return false;
  std::error_code error;
  std::filesystem::resize_file(path, file_length, error);
  if (error) return fail(path + ": cannot cut the file: " + error.message());
  bytes_written_ = file_length;
  return true;
}

}  // namespace pktdoc
