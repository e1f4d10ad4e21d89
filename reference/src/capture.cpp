#include "pktdoc/capture.hpp"

#include <pcap/pcap.h>

#include <cstdio>
#include <utility>

namespace pktdoc {

struct CaptureReader::State {
  pcap_t* handle = nullptr;
  std::string source;  // the file or interface, for messages
  LinkType link_type = LinkType::ethernet;
  std::uint64_t frames_read = 0;
  bool nanosecond_timestamps = true;
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
  pcap_t* handle = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, message);
  if (handle == nullptr) {
    // libpcap's messages already name the file for missing files; say what it is otherwise.
    std::string why = message;
    if (why.find(path) == std::string::npos) why = path + ": " + why;
    reader.error_ = why;
    return reader;
  }
  auto state = std::make_unique<State>();
  state->handle = handle;
  state->source = path;
  state->link_type = static_cast<LinkType>(pcap_datalink(handle));
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
std::uint32_t CaptureReader::snapshot_length() const noexcept {
  return state_ ? static_cast<std::uint32_t>(pcap_snapshot(state_->handle)) : 0;
}

ReadStatus CaptureReader::next(Frame& frame) {
  if (!state_) return ReadStatus::end;
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  for (;;) {
    switch (pcap_next_ex(state_->handle, &header, &data)) {
      case 1: break;
      case 0: return ReadStatus::timeout;
      case PCAP_ERROR_BREAK: return ReadStatus::end;
      default:
        error_ = state_->source + ": " + pcap_geterr(state_->handle);
        return ReadStatus::error;
    }
    ++state_->frames_read;
    if (!state_->has_file_filter || pcap_offline_filter(&state_->file_filter, header, data) != 0) break;
  }
  frame.number = state_->frames_read;
  // libpcap does not check the fraction of a record's time: carry whole seconds out of it.
  const std::uint64_t fraction = static_cast<std::uint64_t>(header->ts.tv_usec) *
                                 (state_->nanosecond_timestamps ? 1u : 1000u);
  frame.timestamp.seconds = header->ts.tv_sec + static_cast<std::int64_t>(fraction / 1000000000u);
  frame.timestamp.nanoseconds = static_cast<std::uint32_t>(fraction % 1000000000u);
  frame.original_length = header->len;
  frame.bytes = as_bytes(data, header->caplen);
  frame.link_type = state_->link_type;
  return ReadStatus::frame;
}

void CaptureReader::interrupt() noexcept {
  if (state_) pcap_breakloop(state_->handle);
}

}  // namespace pktdoc
