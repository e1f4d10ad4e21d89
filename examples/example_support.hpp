// What every example does the same way: take `-f FILE` or `-i IFACE` (with `-F 'BPF filter'`)
// and `-h` from the command line, open the capture, stop cleanly on Ctrl-C, and report a problem
// in one line on stderr with a non-zero exit status. Kept apart so that each example's own file
// is about its protocol, not about argument parsing.
#pragma once

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"

namespace examples {

// Where the frames come from, as given on the command line.
struct CaptureSource {
  std::string file;       // -f FILE (or a lone FILE argument)
  std::string interface;  // -i IFACE
  std::string filter;     // -F 'BPF filter'
};

// Parses -f/-i/-F/-h from argv[first..]. Prints `usage` and exits 0 for -h; for a bad command
// line prints one line saying what is wrong and exits 2. A lone argument that is not an option is
// taken as the file.
inline CaptureSource parse_capture_arguments(int argc, char** argv, int first, const char* usage) {
  CaptureSource source;
  for (int i = first; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](const char* what) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: %s needs %s (-h for help)\n", argv[0], argv[i], what);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::fputs(usage, stdout);
      std::exit(0);
    } else if (arg == "-f") {
      source.file = value("a file name");
    } else if (arg == "-i") {
      source.interface = value("an interface name");
    } else if (arg == "-F") {
      source.filter = value("a BPF filter expression");
    } else if (!arg.empty() && arg[0] != '-' && source.file.empty()) {
      source.file = std::string(arg);
    } else {
      std::fprintf(stderr, "%s: unexpected argument '%s' (-h for help)\n", argv[0], argv[i]);
      std::exit(2);
    }
  }
  if (source.file.empty() == source.interface.empty()) {
    std::fprintf(stderr, "%s: give exactly one of -f FILE and -i IFACE (-h for help)\n", argv[0]);
    std::exit(2);
  }
  return source;
}

// The capture being read, so that a signal handler can stop it.
inline pktdoc::CaptureReader* running_capture = nullptr;

// Opens the file or interface; on failure prints one line and exits 1. Ctrl-C (SIGINT) and
// SIGTERM end the capture as if the file had ended, so that a live example still prints its
// summary. When capturing live, standard output is line-buffered, so that each line appears as
// its packet arrives even into a pipe or a file (where it would otherwise wait for a full buffer).
inline pktdoc::CaptureReader open_capture(const CaptureSource& source, const char* program) {
  pktdoc::CaptureReader capture = source.interface.empty()
                                      ? pktdoc::CaptureReader::open_file(source.file, source.filter)
                                      : pktdoc::CaptureReader::open_live(source.interface, source.filter);
  if (!capture.ok()) {
    std::fprintf(stderr, "%s: %s\n", program, capture.error().c_str());
    std::exit(1);
  }
  if (!source.interface.empty()) std::setvbuf(stdout, nullptr, _IOLBF, 0);
  return capture;
}

// Installs the Ctrl-C handler for `capture`, which must outlive the capture loop.
inline void stop_on_signal(pktdoc::CaptureReader& capture) {
  running_capture = &capture;
  auto handler = [](int) {
    if (running_capture != nullptr) running_capture->interrupt();
  };
  std::signal(SIGINT, handler);
  std::signal(SIGTERM, handler);
}

// Reads the next frame, waiting through live-capture timeouts. Returns false at the end; on a
// read error prints one line and returns false with `failed` set.
inline bool next_frame(pktdoc::CaptureReader& capture, pktdoc::Frame& frame, const char* program, bool& failed) {
  for (;;) {
    switch (capture.next(frame)) {
      case pktdoc::ReadStatus::frame: return true;
      case pktdoc::ReadStatus::timeout: continue;
      case pktdoc::ReadStatus::end: return false;
      case pktdoc::ReadStatus::error:
        std::fprintf(stderr, "%s: %s\n", program, capture.error().c_str());
        failed = true;
        return false;
    }
  }
}

// Seconds since the first frame, as Wireshark shows time by default.
inline double seconds_since(const pktdoc::Timestamp& start, const pktdoc::Timestamp& now) {
  return static_cast<double>(now.seconds - start.seconds) +
         (static_cast<double>(now.nanoseconds) - static_cast<double>(start.nanoseconds)) / 1e9;
}

// "192.0.2.1:53" or "[2001:db8::1]:53": the source or destination of a packet's transport,
// written as Wireshark writes endpoints.
inline std::string endpoint_text(const pktdoc::IpLayers& ip, bool source) {
  std::uint16_t port = 0;
  if (ip.udp) port = source ? ip.udp->source_port() : ip.udp->destination_port();
  if (ip.tcp) port = source ? ip.tcp->source_port() : ip.tcp->destination_port();
  if (ip.sctp) port = source ? ip.sctp->source_port() : ip.sctp->destination_port();
  if (ip.ipv6)
    return "[" + (source ? ip.ipv6->source() : ip.ipv6->destination()).to_string() + "]:" + std::to_string(port);
  if (ip.ipv4) return (source ? ip.ipv4->source() : ip.ipv4->destination()).to_string() + ":" + std::to_string(port);
  return "?";
}

// "1-4" or "7-20, 22, 25-30": frame numbers in increasing order, runs of consecutive frames
// shortened, as a reader scans them.
inline std::string frame_ranges(std::span<const std::uint64_t> frames) {
  std::string text;
  for (std::size_t i = 0; i < frames.size();) {
    std::size_t j = i;
    while (j + 1 < frames.size() && frames[j + 1] == frames[j] + 1) ++j;
    if (!text.empty()) text += ", ";
    text += std::to_string(frames[i]);
    if (j > i) text += "-" + std::to_string(frames[j]);
    i = j + 1;
  }
  return text;
}

// Text from the wire, made safe to print on one line: printable ASCII as it is, anything else
// (control characters, bytes of other encodings) as \xHH, and cut to `limit` characters with
// "..." so that a hostile or binary value cannot flood the terminal.
inline std::string printable(std::string_view text, std::size_t limit = 200) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xf];
    }
  }
  return out;
}

// For the programs that send and receive rather than read captures: a failure in one line,
// "PROGRAM: WHAT" on stderr, and exit status 1.
[[noreturn]] inline void fail(const char* program, const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", program, what.c_str());
  std::exit(1);
}

// A number given on the command line, from `low` to `high`; anything else is a usage error:
// one line on stderr and exit status 2.
inline long number_argument(const char* program, const char* text, long low, long high, const char* what) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < low || value > high) {
    std::fprintf(stderr, "%s: %s must be a number from %ld to %ld (-h for help)\n", program, what, low, high);
    std::exit(2);
  }
  return value;
}

}  // namespace examples
