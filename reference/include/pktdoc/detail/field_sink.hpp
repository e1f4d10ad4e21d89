// Not API. Collects the Wireshark fields of one frame for the `packets` listing of dissect.
//
// The listing prints, for each frame, `name=value` for every field of a fixed list that the frame
// has, in that list's order; a field that occurs more than once (an ICMP error quoting a packet,
// several DNS answers) prints its occurrences comma-joined, outermost and first first. Each
// protocol's listing function adds its fields in the order it meets them; FieldSink files them
// under their names and writes them out in list order.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "pktdoc/address.hpp"

namespace pktdoc::detail {

// The field list, in output order (the `packets` listing's FIELDS).
inline constexpr std::array<std::string_view, 88> wireshark_fields = {
    "frame.len", "frame.cap_len",
    "eth.dst", "eth.src", "eth.type",
    "vlan.id",
    "sll.pkttype", "sll.etype",
    "arp.hw.type", "arp.proto.type", "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac",
    "arp.dst.proto_ipv4",
    "ip.version", "ip.hdr_len", "ip.len", "ip.id", "ip.flags.df", "ip.flags.mf", "ip.frag_offset", "ip.ttl",
    "ip.proto", "ip.checksum", "ip.src", "ip.dst",
    "ipv6.flow", "ipv6.plen", "ipv6.nxt", "ipv6.hlim", "ipv6.src", "ipv6.dst", "ipv6.fraghdr.offset",
    "ipv6.fraghdr.more", "ipv6.fraghdr.ident",
    "icmp.type", "icmp.code", "icmp.checksum",
    "icmpv6.type", "icmpv6.code", "icmpv6.checksum", "icmpv6.nd.ns.target_address",
    "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.hdr_len", "tcp.flags",
    "tcp.window_size_value", "tcp.checksum", "tcp.urgent_pointer", "tcp.len",
    "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.timestamp.tsval",
    "tcp.options.timestamp.tsecr",
    "udp.srcport", "udp.dstport", "udp.length", "udp.checksum",
    "sctp.srcport", "sctp.dstport", "sctp.verification_tag", "sctp.checksum", "sctp.chunk_type",
    "dns.id", "dns.flags.response", "dns.flags.opcode", "dns.flags.rcode", "dns.count.queries",
    "dns.count.answers", "dns.count.auth_rr", "dns.count.add_rr",
    "dns.qry.name", "dns.qry.type", "dns.qry.class", "dns.resp.name", "dns.resp.type", "dns.resp.ttl",
    "dns.a", "dns.aaaa", "dns.cname", "dns.ptr.domain_name", "dns.ns", "dns.mx.mail_exchange", "dns.txt",
    "dns.srv.target",
};

class FieldSink {
 public:
  // Forgets every field (call before each frame); keeps the buffers' capacity.
  void clear() {
    for (auto& value : values_) value.clear();
    for (auto& present : present_) present = false;
  }

  // Adds one occurrence of `field` (a name from wireshark_fields; others are ignored).
  void add(std::string_view field, std::string_view value) {
    const std::size_t index = index_of(field);
    if (index == wireshark_fields.size()) return;
    if (present_[index]) values_[index] += ',';
    values_[index] += value;
    present_[index] = true;
  }
  // Adds an unsigned value in decimal, as tshark prints FT_UINT fields with BASE_DEC.
  void add_decimal(std::string_view field, std::uint64_t value) {
    char text[24];
    add(field, std::string_view(text, format_decimal(value, text)));
  }
  // Adds a value as 0x followed by exactly `digits` lower-case hex digits, as tshark prints
  // BASE_HEX fields ("0x0800", "0x00000005").
  void add_hex(std::string_view field, std::uint64_t value, int digits) {
    char text[20] = {'0', 'x'};
    for (int i = digits - 1; i >= 0; --i) {
      text[2 + i] = "0123456789abcdef"[value & 0xf];
      value >>= 4;
    }
    add(field, std::string_view(text, static_cast<std::size_t>(2 + digits)));
  }
  // Adds a boolean flag as tshark prints it: 1 or 0.
  void add_flag(std::string_view field, bool value) { add(field, value ? "1" : "0"); }
  // Adds an address in its one text form.
  void add(std::string_view field, const MacAddress& address) { add(field, address.to_text().view()); }
  void add(std::string_view field, const Ipv4Address& address) { add(field, address.to_text().view()); }
  void add(std::string_view field, const Ipv6Address& address) { add(field, address.to_text().view()); }

  // Appends "\tname=value" for every present field, in list order. A field whose value is empty
  // (one empty TXT string) is left out, as the listing leaves out what tshark prints empty.
  void write(std::string& line) const {
    for (std::size_t i = 0; i < wireshark_fields.size(); ++i) {
      if (!present_[i] || values_[i].empty()) continue;
      line += '\t';
      line += wireshark_fields[i];
      line += '=';
      line += values_[i];
    }
  }

 private:
  static std::size_t index_of(std::string_view field) {
    for (std::size_t i = 0; i < wireshark_fields.size(); ++i)
      if (wireshark_fields[i] == field) return i;
    return wireshark_fields.size();
  }
  static std::size_t format_decimal(std::uint64_t value, char* out) {
    char reversed[24];
    std::size_t count = 0;
    do {
      reversed[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    for (std::size_t i = 0; i < count; ++i) out[i] = reversed[count - 1 - i];
    return count;
  }

  std::array<std::string, wireshark_fields.size()> values_;
  std::array<bool, wireshark_fields.size()> present_{};
};

}  // namespace pktdoc::detail
