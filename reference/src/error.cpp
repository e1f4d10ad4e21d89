#include "pktdoc/error.hpp"

namespace pktdoc {

std::string_view protocol_name(Protocol protocol) noexcept {
  switch (protocol) {
    case Protocol::none: return "none";
    case Protocol::capture: return "capture";
    case Protocol::ethernet: return "eth";
    case Protocol::llc: return "llc";
    case Protocol::vlan: return "vlan";
    case Protocol::linux_sll: return "sll";
    case Protocol::linux_sll2: return "sll2";
    case Protocol::loopback: return "null";
    case Protocol::raw_ip: return "raw";
    case Protocol::arp: return "arp";
    case Protocol::ipv4: return "ip";
    case Protocol::ipv6: return "ipv6";
    case Protocol::icmp: return "icmp";
    case Protocol::icmpv6: return "icmpv6";
    case Protocol::tcp: return "tcp";
    case Protocol::udp: return "udp";
    case Protocol::sctp: return "sctp";
    case Protocol::dns: return "dns";
    case Protocol::mdns: return "mdns";
    case Protocol::llmnr: return "llmnr";
    case Protocol::data: return "data";
  }
  return "unknown";
}

std::string_view error_kind_name(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::none: return "none";
    case ErrorKind::truncated: return "truncated";
    case ErrorKind::invalid: return "invalid";
  }
  return "unknown";
}

}  // namespace pktdoc
