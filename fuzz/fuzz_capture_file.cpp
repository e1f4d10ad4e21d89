// fuzz_capture_file: CaptureReader on a whole capture file (pcap or pcapng, whatever libpcap
// reads): open_file() with and without a BPF filter, next() to the end or to the first error,
// moving the reader mid-file, and for every frame decode_packet(), PacketListing::write(),
// protocol_stack() and every accessor of every layer, as dissect does.
//
// The input is written to an in-memory file (memfd_create) and opened by its /proc/self/fd path,
// because CaptureReader opens files by name; a temporary file is used where there is no memfd.
//
// Properties: a file that does not open, or fails while read, says why in one line; a file that
// opens has a supported link type; interrupt() makes the next read the end; frames are numbered 1, 2, 3... (with a
// filter, increasing); every frame has the capture's link type, at most snapshot_length() captured bytes and
// nanoseconds within the second (the CaptureReader and Timestamp docs promise both). Not checked:
// that a frame has at most original_length captured bytes, which Frame's doc says but a file can
// contradict, and which libpcap and tshark pass on (see tests/unit/fuzz_regressions_test.cpp).
//
// And CaptureReader gives what libpcap gives: each input is first read to its end both ways,
// with CaptureReader and with pcap_next_ex() directly, and the two must agree on opening, on
// every frame (number, time, lengths, bytes) and on how reading ends, message included
// (CaptureReader reads pcap files of version 2.4 itself; tests/unit/capture_agreement_test.cpp).
#include <pcap/pcap.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "exercise.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/wireshark.hpp"

using namespace pktdoc;

namespace {

// A file whose contents are replaced by each input.
class InputFile {
 public:
  InputFile() {
    fd_ = memfd_create("pktdoc-fuzz-capture", MFD_CLOEXEC);
    if (fd_ >= 0) {
      path_ = "/proc/self/fd/" + std::to_string(fd_);
    } else {
      const char* directory = std::getenv("TMPDIR");
      std::string pattern = std::string(directory != nullptr ? directory : "/tmp") + "/pktdoc-fuzz-XXXXXX";
      fd_ = mkstemp(pattern.data());
      path_ = pattern;
    }
    if (fd_ < 0) {
      std::perror("fuzz_capture_file: cannot make a file for the input");
      std::abort();
    }
  }
  ~InputFile() {
    if (path_.rfind("/proc/", 0) != 0) unlink(path_.c_str());
    close(fd_);
  }
  const std::string& write(const std::uint8_t* data, std::size_t size) {
    if (ftruncate(fd_, 0) != 0 || (size != 0 && pwrite(fd_, data, size, 0) != static_cast<ssize_t>(size))) {
      std::perror("fuzz_capture_file: cannot write the input");
      std::abort();
    }
    return path_;
  }

 private:
  int fd_ = -1;
  std::string path_;
};

bool one_line(const std::string& message) { return !message.empty() && message.find('\n') == std::string::npos; }

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// Reads the file with CaptureReader and with libpcap, side by side, and checks they agree.
void check_same_as_libpcap(const std::string& path) {
  char message[PCAP_ERRBUF_SIZE] = "";
  pcap_t* pcap = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, message);
  CaptureReader capture = CaptureReader::open_file(path);
  if (pcap == nullptr) {
    PKTDOC_FUZZ_PROPERTY("libpcap.open-fails-alike", !capture.ok() && ends_with(capture.error(), message));
    return;
  }
  const auto link_type = static_cast<LinkType>(pcap_datalink(pcap));
  PKTDOC_FUZZ_PROPERTY("libpcap.opens-alike", capture.ok() == is_supported(link_type));
  if (capture.ok()) {
    PKTDOC_FUZZ_PROPERTY("libpcap.same-link-type", capture.link_type() == link_type);
    PKTDOC_FUZZ_PROPERTY("libpcap.same-snapshot", capture.snapshot_length() == static_cast<std::uint32_t>(pcap_snapshot(pcap)));
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status = 0;
    Frame frame;
    ReadStatus read = ReadStatus::frame;
    for (std::uint64_t number = 1; (status = pcap_next_ex(pcap, &header, &data)) == 1; ++number) {
      read = capture.next(frame);
      PKTDOC_FUZZ_PROPERTY("libpcap.same-frames", read == ReadStatus::frame);
      // The same instant, however CaptureReader split it into seconds and nanoseconds.
      __extension__ using Wide = __int128;  // seconds in nanoseconds overflow 64 bits
      const auto nanoseconds = [](Wide seconds, Wide fraction) { return seconds * 1000000000 + fraction; };
      PKTDOC_FUZZ_PROPERTY("libpcap.same-frame",
                           frame.number == number && frame.original_length == header->len &&
                               nanoseconds(frame.timestamp.seconds, frame.timestamp.nanoseconds) ==
                                   nanoseconds(header->ts.tv_sec, header->ts.tv_usec) &&
                               frame.bytes.size() == header->caplen &&
                               (header->caplen == 0 || std::memcmp(frame.bytes.data(), data, header->caplen) == 0));
    }
    read = capture.next(frame);
    if (status == PCAP_ERROR_BREAK) {
      PKTDOC_FUZZ_PROPERTY("libpcap.same-end", read == ReadStatus::end);
    } else {
      PKTDOC_FUZZ_PROPERTY("libpcap.same-error",
                           read == ReadStatus::error && capture.error() == path + ": " + pcap_geterr(pcap));
    }
  }
  pcap_close(pcap);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static InputFile file;
  const std::string& path = file.write(data, size);
  check_same_as_libpcap(path);
  fuzz::Choices choices(fuzz::hash(as_bytes(data, size)));
  // One input in eight is read through a filter, which numbers frames as in the whole file.
  const bool filtered = choices.upto(7) == 0;
  const std::size_t move_after = choices.upto(3);
  // One input in eight is interrupted after a few frames, as Ctrl-C interrupts dissect.
  const std::size_t interrupt_after = choices.upto(7) == 0 ? 1 + choices.upto(3) : 0;

  CaptureReader capture = CaptureReader::open_file(path, filtered ? "ip or ip6 or arp or vlan" : "");
  if (!capture.ok()) {
    PKTDOC_FUZZ_PROPERTY("capture.open-error-one-line", one_line(capture.error()));
    Frame frame;
    PKTDOC_FUZZ_PROPERTY("capture.closed-reads-end", capture.next(frame) == ReadStatus::end);
    return 0;
  }
  const LinkType link_type = capture.link_type();
  PKTDOC_FUZZ_PROPERTY("capture.link-type-supported", is_supported(link_type));
  fuzz::use(std::string_view(link_type_name(link_type)));
  const std::uint32_t snapshot = capture.snapshot_length();

  Frame frame;
  static DecodedPacket packet;
  static PacketListing listing;
  std::array<Protocol, max_protocol_stack> stack{};
  std::string line;
  std::uint64_t last_number = 0;
  std::size_t frames = 0;
  ReadStatus status;
  while ((status = capture.next(frame)) == ReadStatus::frame) {
    ++frames;
    // A record takes at least 16 bytes of the file.
    PKTDOC_FUZZ_PROPERTY("capture.frames-bounded", frames <= size / 16 + 1);
    if (filtered)
      PKTDOC_FUZZ_PROPERTY("capture.filtered-numbers-increase", frame.number > last_number);
    else
      PKTDOC_FUZZ_PROPERTY("capture.numbers-count-frames", frame.number == last_number + 1);
    last_number = frame.number;
    PKTDOC_FUZZ_PROPERTY("capture.frame-link-type", frame.link_type == link_type);
    PKTDOC_FUZZ_PROPERTY("capture.frame-within-snapshot", frame.bytes.size() <= snapshot);
    PKTDOC_FUZZ_PROPERTY("capture.nanoseconds-within-second", frame.timestamp.nanoseconds <= 999999999u);
    fuzz::use(frame.timestamp.seconds);
    fuzz::use_all(frame.bytes);

    decode_packet(frame, packet);
    fuzz::exercise(packet, frame.bytes);
    fuzz::use(protocol_stack(packet, stack));
    line.clear();
    listing.write(frame, packet, line);
    fuzz::use(std::string_view(line));

    if (frames == move_after) {  // a reader moved mid-file reads on where it was
      CaptureReader moved(std::move(capture));
      PKTDOC_FUZZ_PROPERTY("capture.moved-from-closed", !capture.ok());
      capture = std::move(moved);
      PKTDOC_FUZZ_PROPERTY("capture.moved-open", capture.ok());
    }
    if (frames == interrupt_after) {
      capture.interrupt();
      status = capture.next(frame);
      PKTDOC_FUZZ_PROPERTY("capture.interrupt-ends", status == ReadStatus::end);
      break;
    }
  }
  PKTDOC_FUZZ_PROPERTY("capture.file-never-times-out", status != ReadStatus::timeout);
  if (status == ReadStatus::error) PKTDOC_FUZZ_PROPERTY("capture.read-error-one-line", one_line(capture.error()));
  return 0;
}
