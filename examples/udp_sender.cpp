// udp_sender: send UDP datagrams of a chosen size, large enough that IP has to fragment them.
//
//   udp_sender [-p PORT] [-s SIZE] [-c COUNT] [-w MS] DESTINATION
//   udp_sender -r [-S SOURCE] [-m MTU] [-p PORT] [-s SIZE] [-c COUNT] [-w MS] DESTINATION
//
// The other half of udp_receiver; capture the traffic with decode_udp (or dissect) to see it.
// A UDP datagram may carry up to 65507 bytes of data over IPv4 and 65527 over IPv6, but a link
// carries packets of at most its MTU (1500 bytes on Ethernet; IPv6 guarantees only 1280, RFC
// 8200 section 5). A larger datagram crosses the network as IP fragments, which the receiving
// host puts back together (RFC 791 section 2.3, RFC 8200 section 4.5). DESTINATION is an IPv4 or
// an IPv6 address; the version follows from it.
//
// Two ways to send:
//
// Socket mode (the default), as the original project's simple UDP sender did: an ordinary UDP
// socket, no privileges needed. The kernel builds the headers, computes the checksum and cuts
// the datagram into fragments for the path MTU. For IPv4 the program turns path MTU discovery
// off on the socket (IP_PMTUDISC_DONT), so that the fragments go out with Don't Fragment clear
// and a router may fragment them further, as IPv4 allows; IPv6 routers never fragment, only the
// sender does.
//
// Raw mode (-r), as the original project's dpkt-based sender tried to do: the program builds the
// whole IP packet itself with the library (pktdoc::build::Ipv4 or Ipv6 around build::Udp, which
// fills in the UDP length and the checksum over the pseudo-header: the original left the
// checksum at 0, which IPv4 receivers take as "no checksum" and IPv6 receivers must drop, RFC
// 8200 section 8.1), cuts it into fragments with build::fragment() when it is larger than the
// MTU, and sends each fragment as it is on a raw socket (socket(AF_INET or AF_INET6, SOCK_RAW,
// IPPROTO_RAW): the kernel adds the link header and routes the packet, and changes nothing in
// it). The program fragments itself, for both versions, because Linux does not fragment what a
// raw socket sends with its own IP header (IP_HDRINCL): a packet larger than the MTU fails with
// EMSGSIZE. So the MTU is the program's to know: -m, or by default the kernel's path MTU for the
// destination (IP_MTU or IPV6_MTU of a connected UDP socket, which sends nothing). An AF_PACKET
// socket would give control of the Ethernet header too, but then the program would have to
// resolve the next hop's MAC address (ARP, Neighbor Discovery) itself; the IP layer is what this
// example is about. Raw sockets need root (CAP_NET_RAW).
//
//   -p PORT    destination port (default 50005, udp_receiver's)
//   -s SIZE    bytes of data per datagram (default 4000)
//   -c COUNT   datagrams to send (default 1)
//   -w MS      milliseconds to wait between datagrams (default 100)
//   -r         raw mode
//   -S SOURCE  raw mode: the source address (default: the one the kernel would use)
//   -m MTU     raw mode: the largest packet to send, in bytes (default: the path MTU)

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "example_support.hpp"
#include "pktdoc/address.hpp"
#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/udp_builder.hpp"

namespace {

constexpr char kUsage[] =
    "usage: udp_sender [-r [-S SOURCE] [-m MTU]] [-p PORT] [-s SIZE] [-c COUNT] [-w MS] DESTINATION\n"
    "  Sends UDP datagrams of SIZE bytes of data to DESTINATION (IPv4 or IPv6), large enough\n"
    "  for IP to fragment them.\n"
    "  -p PORT    destination port (default 50005)\n"
    "  -s SIZE    bytes of data per datagram (default 4000)\n"
    "  -c COUNT   datagrams to send (default 1)\n"
    "  -w MS      milliseconds between datagrams (default 100)\n"
    "  -r         raw mode: build each packet and its fragments with pktdoc, send them on a\n"
    "             raw socket (needs root)\n"
    "  -S SOURCE  raw mode: source address (default: the kernel's choice for DESTINATION)\n"
    "  -m MTU     raw mode: largest packet in bytes (default: the path MTU)\n";

[[noreturn]] void fail(const std::string& what) { examples::fail("udp_sender", what); }

long number(const char* text, long low, long high, const char* what) {
  return examples::number_argument("udp_sender", text, low, high, what);
}

// A destination or source of either version, with the sockaddr the system calls want.
struct Address {
  std::optional<pktdoc::Ipv4Address> v4;
  std::optional<pktdoc::Ipv6Address> v6;
  sockaddr_storage socket_address{};
  socklen_t socket_length = 0;

  static std::optional<Address> parse(std::string_view text, std::uint16_t port) {
    Address address;
    if ((address.v4 = pktdoc::Ipv4Address::parse(text))) {
      sockaddr_in in{};
      in.sin_family = AF_INET;
      in.sin_port = htons(port);
      std::memcpy(&in.sin_addr, address.v4->bytes.data(), 4);
      std::memcpy(&address.socket_address, &in, sizeof in);
      address.socket_length = sizeof in;
    } else if ((address.v6 = pktdoc::Ipv6Address::parse(text))) {
      sockaddr_in6 in6{};
      in6.sin6_family = AF_INET6;
      in6.sin6_port = htons(port);
      std::memcpy(&in6.sin6_addr, address.v6->bytes.data(), 16);
      std::memcpy(&address.socket_address, &in6, sizeof in6);
      address.socket_length = sizeof in6;
    } else {
      return std::nullopt;
    }
    return address;
  }
  int family() const { return v4 ? AF_INET : AF_INET6; }
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&socket_address); }
  std::string text() const { return v4 ? v4->to_string() : v6->to_string(); }
};

// What the kernel would do for `destination`: the source address it would choose and the MTU of
// the path, read from a UDP socket connected to it (connecting a UDP socket sends nothing).
struct Route {
  std::string source;
  int mtu = 0;
};
Route route_to(const Address& destination) {
  const int fd = socket(destination.family(), SOCK_DGRAM, 0);
  if (fd < 0) fail(std::string("cannot open a UDP socket: ") + std::strerror(errno));
  if (connect(fd, destination.get(), destination.socket_length) != 0)
    fail("no route to " + destination.text() + ": " + std::strerror(errno));
  Route route;
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length);
  char text[INET6_ADDRSTRLEN] = {};
  if (destination.v4)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&local)->sin_addr, text, sizeof text);
  else
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&local)->sin6_addr, text, sizeof text);
  route.source = text;
  socklen_t size = sizeof route.mtu;
  if (destination.v4)
    getsockopt(fd, IPPROTO_IP, IP_MTU, &route.mtu, &size);
  else
    getsockopt(fd, IPPROTO_IPV6, IPV6_MTU, &route.mtu, &size);
  close(fd);
  return route;
}

// [sender-raw]
// Builds one datagram as an IP packet with the library, UDP checksum included, and cuts it into
// fragments of at most `mtu` bytes (one piece when it fits).
std::vector<pktdoc::build::Bytes> build_fragments(const Address& source, const Address& destination,
                                                  std::uint16_t source_port, std::uint16_t port,
                                                  const pktdoc::build::Bytes& data, std::size_t mtu,
                                                  std::uint32_t identification) {
  const pktdoc::build::Udp udp{.source_port = source_port, .destination_port = port};
  pktdoc::build::Bytes packet;
  if (destination.v4) {
    // Don't Fragment is left clear (the builder's default for UDP): routers may cut further.
    const pktdoc::build::Ipv4 ip{.source = *source.v4,
                                 .destination = *destination.v4,
                                 .identification = static_cast<std::uint16_t>(identification)};
    packet = ip.packet(udp, pktdoc::build::view(data));
  } else {
    const pktdoc::build::Ipv6 ip{.source = *source.v6, .destination = *destination.v6};
    packet = ip.packet(udp, pktdoc::build::view(data));
  }
  return pktdoc::build::fragment(pktdoc::build::view(packet), mtu, identification);
}
// [sender-raw]

}  // namespace

int main(int argc, char** argv) {
  long port = 50005, size = 4000, count = 1, wait_ms = 100, mtu = 0;
  bool raw = false;
  std::string destination_text, source_text;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "-p" && has_value) {
      port = number(argv[++i], 1, 65535, "the port");
    } else if (arg == "-s" && has_value) {
      size = number(argv[++i], 0, 65527, "the size");
    } else if (arg == "-c" && has_value) {
      count = number(argv[++i], 1, 1000000, "the count");
    } else if (arg == "-w" && has_value) {
      wait_ms = number(argv[++i], 0, 3600000, "the wait");
    } else if (arg == "-m" && has_value) {
      mtu = number(argv[++i], 68, 65535, "the MTU");
    } else if (arg == "-S" && has_value) {
      source_text = argv[++i];
    } else if (arg == "-r") {
      raw = true;
    } else if (!arg.empty() && arg[0] != '-' && destination_text.empty()) {
      destination_text = argv[i];
    } else {
      std::fprintf(stderr, "udp_sender: unexpected argument '%s' (-h for help)\n", argv[i]);
      return 2;
    }
  }
  if (destination_text.empty()) {
    std::fprintf(stderr, "udp_sender: give a destination address (-h for help)\n");
    return 2;
  }
  if (!raw && (mtu != 0 || !source_text.empty())) {
    std::fprintf(stderr, "udp_sender: -m and -S are for raw mode (-r) only (-h for help)\n");
    return 2;
  }
  const auto destination = Address::parse(destination_text, static_cast<std::uint16_t>(port));
  if (!destination) fail("not an IPv4 or IPv6 address: " + destination_text);
  // RFC 768: the UDP length field counts the 8-byte header; over IPv4 the 20-byte header counts too.
  if (destination->v4 && size > 65507) fail("at most 65507 bytes of data fit in a UDP datagram over IPv4");

  pktdoc::build::Bytes data(static_cast<std::size_t>(size));
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::byte>('a' + i % 26);

  if (!raw) {
    // [sender-socket]
    const int fd = socket(destination->family(), SOCK_DGRAM, 0);
    if (fd < 0) fail(std::string("cannot open a UDP socket: ") + std::strerror(errno));
    if (destination->v4) {
      const int dont = IP_PMTUDISC_DONT;  // fragment, and let routers fragment (DF clear)
      setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &dont, sizeof dont);
    }
    for (long n = 1; n <= count; ++n) {
      if (sendto(fd, data.data(), data.size(), 0, destination->get(), destination->socket_length) < 0)
        fail("cannot send to " + destination_text + ": " + std::strerror(errno));
      std::printf("datagram %ld: %ld bytes of data to %s port %ld (the kernel fragments it)\n", n, size,
                  destination_text.c_str(), port);
      std::fflush(stdout);
      if (n < count) std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    }
    close(fd);
    return 0;
    // [sender-socket]
  }

  const Route route = route_to(*destination);
  const auto source = Address::parse(source_text.empty() ? route.source : source_text, 0);
  if (!source || source->family() != destination->family())
    fail("the source address must be an " + std::string(destination->v4 ? "IPv4" : "IPv6") +
         " address: " + (source_text.empty() ? route.source : source_text));
  if (mtu == 0) mtu = route.mtu > 0 ? route.mtu : 1280;
  if (destination->v6 && mtu < 1280) fail("IPv6 needs an MTU of at least 1280 bytes (RFC 8200 section 5)");

  const int fd = socket(destination->family(), SOCK_RAW, IPPROTO_RAW);
  if (fd < 0) {
    if (errno == EPERM || errno == EACCES)
      fail("raw mode needs root (CAP_NET_RAW): " + std::string(std::strerror(errno)));
    fail(std::string("cannot open a raw socket: ") + std::strerror(errno));
  }
  // Identifications: each datagram its own, starting from the clock so that two runs differ
  // (a receiver would merge fragments of two datagrams with one identification).
  auto identification = static_cast<std::uint32_t>(std::time(nullptr)) * 2654435761u;
  // The source port: like a kernel's ephemeral port (RFC 6335 section 6: 49152-65535).
  const auto source_port = static_cast<std::uint16_t>(49152 + (identification >> 16) % 16384);
  // A raw IPv6 socket takes the port in the address as the protocol: it must be 0 or IPPROTO_RAW.
  Address target = *destination;
  if (target.v6)
    reinterpret_cast<sockaddr_in6*>(&target.socket_address)->sin6_port = 0;
  else
    reinterpret_cast<sockaddr_in*>(&target.socket_address)->sin_port = 0;

  for (long n = 1; n <= count; ++n, ++identification) {
    if (destination->v4) identification &= 0xffff;
    std::vector<pktdoc::build::Bytes> fragments;
    try {
      fragments = build_fragments(*source, *destination, source_port, static_cast<std::uint16_t>(port), data,
                                  static_cast<std::size_t>(mtu), identification);
    } catch (const std::exception& error) {
      fail(std::string("cannot build the packet: ") + error.what());
    }
    for (const pktdoc::build::Bytes& piece : fragments)
      if (sendto(fd, piece.data(), piece.size(), 0, target.get(), target.socket_length) < 0)
        fail("cannot send to " + destination_text + ": " + std::strerror(errno));
    std::printf(
        "datagram %ld: %ld bytes of data from %s port %u to %s port %ld, id 0x%x: %zu packet%s of at most %ld bytes (",
        n, size, source->text().c_str(), source_port, destination_text.c_str(), port, identification, fragments.size(),
        fragments.size() == 1 ? "" : "s", mtu);
    for (std::size_t i = 0; i < fragments.size(); ++i) std::printf("%s%zu", i == 0 ? "" : " ", fragments[i].size());
    std::printf(" bytes)\n");
    std::fflush(stdout);
    if (n < count) std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
  }
  close(fd);
  return 0;
}
