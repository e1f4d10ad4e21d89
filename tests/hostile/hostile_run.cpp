// hostile_run: runs `dissect MODE FILE` on one capture of tools/hostile_captures and checks what the
// capture's .expect file says, plus what every hostile input must give:
//
//   hostile_run DISSECT MODE CAPTURE_DIR NAME MAX_RSS_MIB TIMEOUT_SECONDS
//
//   - no crash (dissect ends with an exit status, not a signal) and no hang (it ends within the
//     timeout; it is killed otherwise);
//   - the exit status of the .expect file: 0, or 1 when reading fails (dissect's documented
//     status for a file it cannot open or read to the end);
//   - for a damaged file, a clear message: one line on stderr starting with "dissect: " (the
//     .expect file's `stderr` regexes, searched in stderr);
//   - every well-formed packet before and after the damage still decoded: the markers of the
//     .expect file in the output of the mode (DNS names, the fragmented datagram's
//     Identification, the HTTP connection and its request), and for `stats` the frame count;
//   - peak memory (the child's maximum resident set size, getrusage(RUSAGE_CHILDREN)) at most
//     MAX_RSS_MIB; 0 does not check it (the sanitizer builds, whose shadow memory and quarantine
//     say nothing about pktdoc's).
//
// Prints what it checked, and every failure; exits 0 when all hold, 1 otherwise.
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What each mode shows of the markers.
std::vector<std::string> markers(const std::string& mode, bool before) {
  if (mode == "summary" || mode == "packets")
    return {before ? "before.example" : "after.example"};
  if (mode == "datagrams") return {before ? "\tid=48879\t" : "\tid=44926\t"};
  if (mode == "streams") return {before ? "a=192.0.2.201:50001\t" : "a=192.0.2.202:50002\t"};
  if (mode == "http") return {before ? "uri=/before.html" : "uri=/after.html"};
  return {};  // stats: the frame count says it
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: hostile_run DISSECT MODE CAPTURE_DIR NAME MAX_RSS_MIB TIMEOUT_SECONDS\n");
    return 2;
  }
  const std::string dissect = argv[1], mode = argv[2], dir = argv[3], name = argv[4];
  const long max_rss_mib = std::strtol(argv[5], nullptr, 10);
  const long timeout_seconds = std::strtol(argv[6], nullptr, 10);
  const std::string capture = dir + "/" + name + ".pcap";
  const std::string expect_path = dir + "/" + name + ".expect";
  const std::string out_path = dir + "/" + name + "." + mode + ".stdout";
  const std::string err_path = dir + "/" + name + "." + mode + ".stderr";

  // The expectations.
  std::ifstream expect_file(expect_path);
  if (!expect_file) {
    std::fprintf(stderr, "hostile_run: no %s (run hostile_captures first)\n", expect_path.c_str());
    return 1;
  }
  long frames = -1, exit_expected = 0;
  bool before = false, after = false;
  std::vector<std::string> stderr_patterns;
  for (std::string line; std::getline(expect_file, line);) {
    if (line.rfind("frames ", 0) == 0) frames = std::strtol(line.c_str() + 7, nullptr, 10);
    else if (line.rfind("exit ", 0) == 0) exit_expected = std::strtol(line.c_str() + 5, nullptr, 10);
    else if (line == "before") before = true;
    else if (line == "after") after = true;
    else if (line.rfind("stderr ", 0) == 0) {
      const std::string rest = line.substr(7);
      const std::size_t space = rest.find(' ');
      const std::string which = rest.substr(0, space);
      if (which == "*" || which == mode) stderr_patterns.push_back(rest.substr(space + 1));
    }
  }

  if (access(dissect.c_str(), X_OK) != 0) {
    std::fprintf(stderr, "hostile_run: cannot run %s\n", dissect.c_str());
    return 1;
  }
  // Run dissect: `dissect FILE` for the summary, `dissect MODE FILE` otherwise.
  const auto started = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child < 0) {
    std::perror("hostile_run: fork");
    return 1;
  }
  if (child == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0) _exit(126);
    dup2(out, 1);
    dup2(err, 2);
    if (mode == "summary")
      execl(dissect.c_str(), dissect.c_str(), capture.c_str(), static_cast<char*>(nullptr));
    else
      execl(dissect.c_str(), dissect.c_str(), mode.c_str(), capture.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  bool timed_out = false;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0 && errno != EINTR) {
      std::perror("hostile_run: waitpid");
      return 1;
    }
    if (std::chrono::steady_clock::now() - started > std::chrono::seconds(timeout_seconds)) {
      timed_out = true;
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  const long rss_kib = usage.ru_maxrss;  // kilobytes on Linux

  const std::string out = read_file(out_path);
  const std::string err = read_file(err_path);
  // [hostile-checks]
  std::vector<std::string> failures;
  if (timed_out) failures.push_back("did not end within " + std::to_string(timeout_seconds) + " s (hang)");
  if (!timed_out && WIFSIGNALED(status))
    failures.push_back(std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
                       strsignal(WTERMSIG(status)) + ")");
  const int exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (WIFEXITED(status) && exit_status != exit_expected)
    failures.push_back("exit status " + std::to_string(exit_status) + ", expected " + std::to_string(exit_expected));
  if (max_rss_mib > 0 && rss_kib > max_rss_mib * 1024)
    failures.push_back("peak RSS " + std::to_string(rss_kib / 1024) + " MiB, over the bound of " +
                       std::to_string(max_rss_mib) + " MiB");
  for (const std::string& pattern : stderr_patterns) {
    if (!std::regex_search(err, std::regex(pattern, std::regex::ECMAScript | std::regex::multiline)))
      failures.push_back("stderr has no match for /" + pattern + "/");
  }
  // A message on stderr is one line per problem: no sanitizer report, no exception text.
  if (err.find("AddressSanitizer") != std::string::npos || err.find("runtime error:") != std::string::npos ||
      err.find("terminate called") != std::string::npos)
    failures.push_back("stderr has a sanitizer report or an uncaught exception");
  for (int which = 0; which < 2; ++which) {
    const bool present = which == 0 ? before : after;
    if (!present) continue;
    for (const std::string& marker : markers(mode, which == 0))
      if (out.find(marker) == std::string::npos)
        failures.push_back(std::string("the marker ") + (which == 0 ? "before" : "after") + " the damage (" +
                           marker + ") is not in the output");
  }
  if (mode == "stats" && frames >= 0) {
    const std::string count = "frames:" + std::to_string(frames) + " ";
    if (out.find(count) == std::string::npos) failures.push_back("stats does not count " + count + "(all frames read)");
  }

  // [hostile-checks]

  std::printf("hostile_run: dissect %s %s: exit %d, %.2f s, peak RSS %ld MiB (bound %s), %zu bytes out, "
              "%zu bytes on stderr\n",
              mode.c_str(), name.c_str(), exit_status, seconds, rss_kib / 1024,
              max_rss_mib > 0 ? (std::to_string(max_rss_mib) + " MiB").c_str() : "not checked", out.size(), err.size());
  if (!err.empty()) {
    const std::string first = err.substr(0, err.find('\n'));
    std::printf("hostile_run: first stderr line: %s\n", first.c_str());
  }
  for (const std::string& failure : failures) std::printf("hostile_run: FAILED: %s\n", failure.c_str());
  if (!failures.empty()) {
    std::printf("hostile_run: dissect's output is in %s and %s\n", out_path.c_str(), err_path.c_str());
    return 1;
  }
  // The listings of the large captures take tens of megabytes: kept only when a check fails.
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return 0;
}
