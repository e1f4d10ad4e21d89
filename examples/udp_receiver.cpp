// udp_receiver: receive UDP datagrams of any size and say how big each one was.
//
//   udp_receiver [-p PORT] [-b ADDRESS] [-c COUNT] [-t SECONDS]
//
// The other half of udp_sender. A datagram larger than the path MTU crosses the network as IP
// fragments (RFC 791 section 2.3; RFC 8200 section 4.5) and the receiving kernel reassembles it
// before the socket sees it, so this program receives whole datagrams only: capture the same
// traffic with dissect or decode_udp to see the fragments. It binds one IPv6 socket with
// IPV6_V6ONLY off, which receives IPv4 too (as IPv4-mapped addresses, ::ffff:192.0.2.1).
//
//   -p PORT     port to listen on (default 50005, the original project's)
//   -b ADDRESS  address to bind (default: all, IPv4 and IPv6)
//   -c COUNT    exit after COUNT datagrams (default: run until interrupted)
//   -t SECONDS  exit after SECONDS without a datagram (default: wait forever)

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "example_support.hpp"
#include "pktdoc/address.hpp"

namespace {

constexpr char kUsage[] =
    "usage: udp_receiver [-p PORT] [-b ADDRESS] [-c COUNT] [-t SECONDS]\n"
    "  Receives UDP datagrams (IPv4 and IPv6) and prints the sender and size of each.\n"
    "  -p PORT     port to listen on (default 50005)\n"
    "  -b ADDRESS  address to bind (default: all)\n"
    "  -c COUNT    exit after COUNT datagrams\n"
    "  -t SECONDS  exit after SECONDS without a datagram\n";

[[noreturn]] void fail(const std::string& what) { examples::fail("udp_receiver", what); }

long number(const char* text, long low, long high, const char* what) {
  return examples::number_argument("udp_receiver", text, low, high, what);
}

}  // namespace

int main(int argc, char** argv) {
  long port = 50005, count = 0, timeout_seconds = -1;
  std::string bind_address;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "-p" && has_value) {
      port = number(argv[++i], 1, 65535, "the port");
    } else if (arg == "-b" && has_value) {
      bind_address = argv[++i];
    } else if (arg == "-c" && has_value) {
      count = number(argv[++i], 1, 1000000000, "the count");
    } else if (arg == "-t" && has_value) {
      timeout_seconds = number(argv[++i], 1, 86400, "the timeout");
    } else {
      std::fprintf(stderr, "udp_receiver: unexpected argument '%s' (-h for help)\n", argv[i]);
      return 2;
    }
  }

  // One IPv6 socket that also receives IPv4 (RFC 4291 section 2.5.5.2 mapped addresses).
  sockaddr_in6 local{};
  local.sin6_family = AF_INET6;
  local.sin6_port = htons(static_cast<std::uint16_t>(port));
  local.sin6_addr = in6addr_any;
  if (!bind_address.empty()) {
    std::string text = bind_address;
    if (pktdoc::Ipv4Address::parse(bind_address)) text = "::ffff:" + bind_address;
    if (inet_pton(AF_INET6, text.c_str(), &local.sin6_addr) != 1) fail("not an IPv4 or IPv6 address: " + bind_address);
  }
  const int fd = socket(AF_INET6, SOCK_DGRAM, 0);
  if (fd < 0) fail(std::string("cannot open a UDP socket: ") + std::strerror(errno));
  const int off = 0;
  setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
  if (bind(fd, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
    fail("cannot listen on port " + std::to_string(port) + ": " + std::strerror(errno));

  std::printf("listening on UDP port %ld\n", port);
  std::fflush(stdout);
  std::vector<unsigned char> buffer(65536);  // the largest UDP payload over IPv4 is 65507 bytes
  long received = 0;
  while (count == 0 || received < count) {
    pollfd waiting{fd, POLLIN, 0};
    const int ready = poll(&waiting, 1, timeout_seconds < 0 ? -1 : static_cast<int>(timeout_seconds * 1000));
    if (ready == 0) {
      std::printf("no datagram for %ld s: stopping\n", timeout_seconds);
      break;
    }
    if (ready < 0) {
      if (errno == EINTR) continue;
      fail(std::string("poll: ") + std::strerror(errno));
    }
    sockaddr_in6 peer{};
    socklen_t peer_length = sizeof peer;
    const ssize_t size =
        recvfrom(fd, buffer.data(), buffer.size(), MSG_TRUNC, reinterpret_cast<sockaddr*>(&peer), &peer_length);
    if (size < 0) {
      if (errno == EINTR) continue;
      fail(std::string("recvfrom: ") + std::strerror(errno));
    }
    pktdoc::Ipv6Address sender;
    std::memcpy(sender.bytes.data(), &peer.sin6_addr, sender.bytes.size());
    ++received;
    std::printf("datagram %ld from [%s]:%u: %zd bytes\n", received, sender.to_text().c_str(), ntohs(peer.sin6_port),
                size);
    std::fflush(stdout);
  }
  close(fd);
  return 0;
}
