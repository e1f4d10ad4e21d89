#include "pktdoc/capture.hpp"

#include <fcntl.h>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <utility>

namespace pktdoc {

namespace {

// The largest captured length libpcap accepts in a record, and the snapshot length it assumes
// when a file's header gives none, or one that is negative as an int (MAXIMUM_SNAPLEN, for every
// link type pktdoc decodes).
constexpr std::uint32_t kMaximumSnapshotLength = 262144;

// Reads a classic pcap file (version 2.4, microsecond or nanosecond timestamps, either byte
// order) the way libpcap does, giving the same records, lengths, timestamps and messages, but
// with far less work per record: the file comes in with read() calls of a quarter mebibyte
// into one buffer, and a record is handed out as a view into that buffer. libpcap reads
// through stdio (4 KiB read() calls on Linux) and copies every record again into a buffer of
// its own; for a capture of small frames that costs more than decoding them (see the
// Performance page). Files it does not take (open() returns null) are read by libpcap.
class PcapFileReader {
 public:
  // Opens `path` if it is a regular file whose header it reads as libpcap would; null
  // otherwise (pcapng, another version, a byte-swapped Linux cooked capture, which libpcap
  // changes on the way, a link type pktdoc does not decode: libpcap opens those, and its
  // messages are the ones to give).
  static std::unique_ptr<PcapFileReader> open(const std::string& path) {
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return nullptr;
    struct stat status {};
    if (fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) {
      ::close(descriptor);
      return nullptr;
    }
    std::unique_ptr<PcapFileReader> reader(new PcapFileReader(descriptor));
    if (!reader->fill(kFileHeaderSize)) return nullptr;
    if (!reader->read_file_header()) return nullptr;
    (void)posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL);
    return reader;
  }

  ~PcapFileReader() { ::close(descriptor_); }
  PcapFileReader(const PcapFileReader&) = delete;
  PcapFileReader& operator=(const PcapFileReader&) = delete;

  // libpcap's link-layer type (DLT_) and snapshot length for this file.
  int link_type() const noexcept { return link_type_; }
  std::uint32_t snapshot_length() const noexcept { return snapshot_length_; }

  // The next record, with pcap_next_ex()'s results: 1 and the record (timestamp fraction in
  // nanoseconds, as libpcap gives it when asked for nanosecond precision), PCAP_ERROR_BREAK at
  // the end of the file, PCAP_ERROR with error() set. `data` stays valid until the next call.
  int next(pcap_pkthdr& header, const u_char*& data) {
    if (!fill(kRecordHeaderSize)) return buffered() == 0 && error_.empty() ? PCAP_ERROR_BREAK : cut_header();
    const ByteReader record(as_bytes(buffer_.get() + start_, kRecordHeaderSize));
    // pcap_sf_pkthdr: 32-bit seconds and fraction, then the captured and original lengths.
    // libpcap 1.10 takes the time fields as signed in a file of the host's byte order and as
    // unsigned in a byte-swapped one; so does this, to give the same timestamps.
    const std::uint32_t seconds = field(record, 0);
    const std::uint32_t fraction = field(record, 4);
    const std::uint32_t captured = field(record, 8);
    header.ts.tv_sec = swapped_ ? static_cast<time_t>(seconds) : static_cast<std::int32_t>(seconds);
    header.ts.tv_usec = (swapped_ ? static_cast<suseconds_t>(fraction) : static_cast<std::int32_t>(fraction)) *
                        (nanosecond_timestamps_ ? 1 : 1000);
    header.len = field(record, 12);
    if (captured > kMaximumSnapshotLength) return too_long(captured);
    // A record longer than the file's snapshot length is cut to it, the rest skipped.
    const std::uint32_t kept = captured < snapshot_length_ ? captured : snapshot_length_;
    if (!fill(kRecordHeaderSize + captured)) return cut_data(captured, kept);
    header.caplen = kept;
    data = buffer_.get() + start_ + kRecordHeaderSize;
    start_ += kRecordHeaderSize + captured;
    return 1;
  }

  // Why the last next() returned PCAP_ERROR, in libpcap's words.
  const std::string& error() const noexcept { return error_; }

 private:
  static constexpr std::size_t kFileHeaderSize = 24;
  static constexpr std::size_t kRecordHeaderSize = 16;
  static constexpr std::size_t kReadSize = 256 * 1024;
  // Room for the largest record after the bytes of the one before, and for a read of kReadSize.
  static constexpr std::size_t kCapacity = kReadSize + kRecordHeaderSize + kMaximumSnapshotLength;

  explicit PcapFileReader(int descriptor)
      : descriptor_(descriptor), buffer_(std::make_unique_for_overwrite<std::uint8_t[]>(kCapacity)) {}

  std::uint32_t field(const ByteReader& reader, std::size_t offset) const noexcept {
    return swapped_ ? reader.u32_at(offset) : reader.u32_le_at(offset);
  }
  std::size_t buffered() const noexcept { return end_ - start_; }

  // Takes the file header (pcap_file_header): magic, version, zone, accuracy, snapshot length,
  // link type. Returns false for anything libpcap is to read instead.
  bool read_file_header() {
    const ByteReader file(as_bytes(buffer_.get(), kFileHeaderSize));
    std::uint32_t magic = file.u32_le_at(0);
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      swapped_ = true;
      magic = file.u32_at(0);
      if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) return false;
    }
    nanosecond_timestamps_ = magic == 0xa1b23c4d;
    // Version 2.4 only: before 2.3 the two lengths of a record came the other way round, and
    // libpcap guesses for 2.3.
    const std::uint16_t major = swapped_ ? file.u16_at(4) : file.u16_le_at(4);
    const std::uint16_t minor = swapped_ ? file.u16_at(6) : file.u16_le_at(6);
    if (major != 2 || minor != 4) return false;
    // libpcap's LT_LINKTYPE(): the low 26 bits; the rest tell a frame check sequence's length.
    const std::uint32_t linktype = field(file, 20) & 0x03ffffff;
    switch (linktype) {
      case 0:
      case 1:
      case 12:
      case 14:
      case 108:
        link_type_ = static_cast<int>(linktype);
        break;
      case 101:  // LINKTYPE_RAW, which libpcap gives as DLT_RAW
        link_type_ = DLT_RAW;
        break;
      case 113:
      case 276:
        if (swapped_) return false;  // libpcap byte-swaps CAN frames in these
        link_type_ = static_cast<int>(linktype);
        break;
      default:
        return false;
    }
    // libpcap 1.10 replaces a snapshot length of 0, or one that is negative as an int, with
    // the maximum; a larger one it keeps (records are still held to the maximum).
    const std::uint32_t snapshot = field(file, 16);
    snapshot_length_ = snapshot == 0 || snapshot > 0x7fffffff ? kMaximumSnapshotLength : snapshot;
    start_ = kFileHeaderSize;
    return true;
  }

  // Makes at least `wanted` bytes from start_ available, reading more of the file as needed.
  // False at the end of the file, or on a read error (then with error_ set).
  bool fill(std::size_t wanted) { return buffered() >= wanted || read_more(wanted); }

  // The ways a record can be damaged, in libpcap's words; each returns PCAP_ERROR.
  [[gnu::cold, gnu::noinline]] int cut_header() {
    if (error_.empty())
      error_ = "truncated dump file; tried to read " + std::to_string(kRecordHeaderSize) +
               " header bytes, only got " + std::to_string(buffered());
    return PCAP_ERROR;
  }
  [[gnu::cold, gnu::noinline]] int too_long(std::uint32_t captured) {
    start_ += kRecordHeaderSize;
    error_ = "invalid packet capture length " + std::to_string(captured) + ", bigger than " +
             (captured > snapshot_length_ ? "snaplen of " + std::to_string(snapshot_length_)
                                          : "maximum of " + std::to_string(kMaximumSnapshotLength));
    return PCAP_ERROR;
  }
  [[gnu::cold, gnu::noinline]] int cut_data(std::uint32_t captured, std::uint32_t kept) {
    // libpcap reads the kept bytes first, then the rest, and names whichever read came short.
    const std::size_t got = buffered() - kRecordHeaderSize;
    if (error_.empty())
      error_ = "truncated dump file; tried to read " + std::to_string(got < kept ? kept : captured) +
               " captured bytes, only got " + std::to_string(got);
    return PCAP_ERROR;
  }

  [[gnu::noinline]] bool read_more(std::size_t wanted) {
    while (buffered() < wanted) {
      if (at_end_) return false;
      if (start_ > 0) {
        std::memmove(buffer_.get(), buffer_.get() + start_, buffered());
        end_ -= start_;
        start_ = 0;
      }
      const ssize_t got = ::read(descriptor_, buffer_.get() + end_, kCapacity - end_);
      if (got < 0) {
        if (errno == EINTR) continue;
        error_ = std::string("error reading dump file: ") + std::strerror(errno);
        return false;
      }
      if (got == 0) at_end_ = true;
      end_ += static_cast<std::size_t>(got);
    }
    return true;
  }

  int descriptor_;
  std::unique_ptr<std::uint8_t[]> buffer_;
  std::size_t start_ = 0;  // the first byte not handed out yet
  std::size_t end_ = 0;    // one past the last byte read from the file
  bool at_end_ = false;
  bool swapped_ = false;
  bool nanosecond_timestamps_ = false;
  int link_type_ = 0;
  std::uint32_t snapshot_length_ = 0;
  std::string error_;
};

}  // namespace

struct CaptureReader::State {
  pcap_t* handle = nullptr;             // libpcap's, or for a file read by PcapFileReader a dead one (for filters)
  std::unique_ptr<PcapFileReader> file;  // null when libpcap reads the capture
  std::string source;                    // the file or interface, for messages
  LinkType link_type = LinkType::ethernet;
  std::uint32_t snapshot_length = 0;
  std::uint64_t frames_read = 0;
  bool nanosecond_timestamps = true;
  volatile std::sig_atomic_t interrupted = 0;  // set by interrupt() for a PcapFileReader
  // A file's filter is applied here rather than by libpcap, so that the frames it drops are
  // still counted and frame numbers stay those of the file.
  bpf_program file_filter{};
  bool has_file_filter = false;
  ~State() {
    if (has_file_filter) pcap_freecode(&file_filter);
    if (handle != nullptr) pcap_close(handle);
  }
};

bool is_supported(LinkType link_type) noexcept {
  switch (link_type) {
    case LinkType::null:
    case LinkType::ethernet:
    case LinkType::raw_dlt12:
    case LinkType::raw_dlt14:
    case LinkType::raw:
    case LinkType::loop:
    case LinkType::linux_sll:
    case LinkType::linux_sll2:
      return true;
  }
  return false;
}

std::string link_type_name(LinkType link_type) {
  const int value = static_cast<int>(link_type);
  const char* name = pcap_datalink_val_to_name(value);
  const char* description = pcap_datalink_val_to_description(value);
  if (name == nullptr) {
    // libpcap names none of the 16 types reserved for private use (LINKTYPE_USER0-15), nor the
    // raw-IP values it does not use on this system (LINKTYPE_RAW in files; DLT_RAW elsewhere).
    if (value >= 147 && value <= 162) return "USER" + std::to_string(value - 147) + " (" + std::to_string(value) + ")";
    if (link_type == LinkType::raw || link_type == LinkType::raw_dlt12 || link_type == LinkType::raw_dlt14)
      return "RAW (" + std::to_string(value) + ", raw IPv4 or IPv6)";
    return std::to_string(value);
  }
  std::string text = std::string(name) + " (" + std::to_string(value);
  if (description != nullptr) text += ", " + std::string(description);
  return text + ")";
}

namespace {

// Applies a BPF filter; returns an empty string or the reason it failed.
std::string apply_filter(pcap_t* handle, const std::string& filter, const std::string& source) {
  if (filter.empty()) return {};
  bpf_program program{};
  if (pcap_compile(handle, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
    return source + ": bad filter '" + filter + "': " + pcap_geterr(handle);
  const int status = pcap_setfilter(handle, &program);
  pcap_freecode(&program);
  if (status != 0) return source + ": cannot apply filter '" + filter + "': " + pcap_geterr(handle);
  return {};
}

}  // namespace

CaptureReader::CaptureReader() noexcept = default;
CaptureReader::~CaptureReader() = default;
CaptureReader::CaptureReader(CaptureReader&& other) noexcept = default;
CaptureReader& CaptureReader::operator=(CaptureReader&& other) noexcept = default;

CaptureReader CaptureReader::open_file(const std::string& path, const std::string& filter) {
  CaptureReader reader;
  char message[PCAP_ERRBUF_SIZE] = "";
  // "-" is standard input, which only libpcap reads (PcapFileReader wants a file it can reopen).
  std::unique_ptr<PcapFileReader> file = path == "-" ? nullptr : PcapFileReader::open(path);
  pcap_t* handle =
      file ? pcap_open_dead_with_tstamp_precision(file->link_type(), static_cast<int>(file->snapshot_length()),
                                                  PCAP_TSTAMP_PRECISION_NANO)
           : pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, message);
  if (handle == nullptr) {
    // libpcap's messages already name the file for missing files; say what it is otherwise.
    std::string why = message;
    if (why.find(path) == std::string::npos) why = path + ": " + why;
    reader.error_ = why;
    return reader;
  }
  auto state = std::make_unique<State>();
  state->handle = handle;
  state->file = std::move(file);
  state->source = path;
  state->link_type = static_cast<LinkType>(pcap_datalink(handle));
  state->snapshot_length = state->file ? state->file->snapshot_length() : static_cast<std::uint32_t>(pcap_snapshot(handle));
  state->nanosecond_timestamps = pcap_get_tstamp_precision(handle) == PCAP_TSTAMP_PRECISION_NANO;
  if (!is_supported(state->link_type)) {
    reader.error_ = path + ": unsupported link type " + link_type_name(state->link_type);
    return reader;
  }
  if (!filter.empty()) {
    if (pcap_compile(handle, &state->file_filter, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
      reader.error_ = path + ": bad filter '" + filter + "': " + pcap_geterr(handle);
      return reader;
    }
    state->has_file_filter = true;
  }
  reader.state_ = std::move(state);
  return reader;
}

CaptureReader CaptureReader::open_live(const std::string& interface, const std::string& filter,
                                       const LiveOptions& options) {
  CaptureReader reader;
  char message[PCAP_ERRBUF_SIZE] = "";
  pcap_t* handle = pcap_create(interface.c_str(), message);
  if (handle == nullptr) {
    reader.error_ = interface + ": " + message;
    return reader;
  }
  auto state = std::make_unique<State>();
  state->handle = handle;
  state->source = interface;
  pcap_set_snaplen(handle, options.snapshot_length);
  pcap_set_promisc(handle, options.promiscuous ? 1 : 0);
  pcap_set_timeout(handle, options.timeout_ms);
  pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);
  const int status = pcap_activate(handle);
  if (status < 0) {
    std::string why;
    switch (status) {
      case PCAP_ERROR_NO_SUCH_DEVICE: why = "no such interface"; break;
      case PCAP_ERROR_PERM_DENIED:
        why = "permission denied (live capture needs root or CAP_NET_RAW)";
        break;
      case PCAP_ERROR_IFACE_NOT_UP: why = "interface is down"; break;
      default: why = pcap_geterr(handle); break;
    }
    reader.error_ = "cannot capture on " + interface + ": " + why;
    return reader;
  }
  state->link_type = static_cast<LinkType>(pcap_datalink(handle));
  state->snapshot_length = static_cast<std::uint32_t>(pcap_snapshot(handle));
  state->nanosecond_timestamps = pcap_get_tstamp_precision(handle) == PCAP_TSTAMP_PRECISION_NANO;
  if (!is_supported(state->link_type)) {
    reader.error_ = interface + ": unsupported link type " + link_type_name(state->link_type);
    return reader;
  }
  if (auto why = apply_filter(handle, filter, interface); !why.empty()) {
    reader.error_ = why;
    return reader;
  }
  reader.state_ = std::move(state);
  return reader;
}

bool CaptureReader::ok() const noexcept { return state_ != nullptr; }
const std::string& CaptureReader::error() const noexcept { return error_; }
LinkType CaptureReader::link_type() const noexcept { return state_ ? state_->link_type : LinkType::ethernet; }
std::uint32_t CaptureReader::snapshot_length() const noexcept { return state_ ? state_->snapshot_length : 0; }

ReadStatus CaptureReader::next(Frame& frame) {
  if (!state_) return ReadStatus::end;
  pcap_pkthdr file_header{};
  pcap_pkthdr* header = &file_header;
  const u_char* data = nullptr;
  for (;;) {
    int status = PCAP_ERROR_BREAK;
    if (!state_->file) {
      status = pcap_next_ex(state_->handle, &header, &data);
    } else if (state_->interrupted != 0) {
      state_->interrupted = 0;  // used up, as libpcap's pcap_breakloop() is
    } else {
      status = state_->file->next(file_header, data);
    }
    switch (status) {
      case 1: break;
      case 0: return ReadStatus::timeout;
      case PCAP_ERROR_BREAK: return ReadStatus::end;
      default:
        error_ = state_->source + ": " + (state_->file ? state_->file->error() : pcap_geterr(state_->handle));
        return ReadStatus::error;
    }
    ++state_->frames_read;
    if (!state_->has_file_filter || pcap_offline_filter(&state_->file_filter, header, data) != 0) break;
  }
  frame.number = state_->frames_read;
  // libpcap checks neither that the fraction of a record's time is below a second nor that it
  // is positive: carry whole seconds out of it, or borrow them, so nanoseconds stay in range.
  const std::int64_t fraction = static_cast<std::int64_t>(header->ts.tv_usec) * (state_->nanosecond_timestamps ? 1 : 1000);
  std::int64_t whole_seconds = fraction / 1'000'000'000;
  std::int64_t nanoseconds = fraction % 1'000'000'000;
  if (nanoseconds < 0) {
    nanoseconds += 1'000'000'000;
    --whole_seconds;
  }
  frame.timestamp.seconds = header->ts.tv_sec + whole_seconds;
  frame.timestamp.nanoseconds = static_cast<std::uint32_t>(nanoseconds);
  frame.original_length = header->len;
  frame.bytes = as_bytes(data, header->caplen);
  frame.link_type = state_->link_type;
  return ReadStatus::frame;
}

void CaptureReader::interrupt() noexcept {
  if (!state_) return;
  if (state_->file)
    state_->interrupted = 1;
  else
    pcap_breakloop(state_->handle);
}

}  // namespace pktdoc
