// Presentation format (RFC 1035 section 5.1, RFC 3597 section 5) of DNS RDATA, for examples and
// people. Not on the decoding path: it allocates.
#include <cstdio>
#include <string>

#include "pktdoc/dns_record.hpp"

namespace pktdoc {
namespace {

// A character-string in quotes, with '"' and '\' escaped and other non-printable octets written
// as \DDD (RFC 1035 section 5.1).
void append_quoted(ByteView text, std::string& out) {
  out += '"';
  for (std::byte b : text) {
    const auto c = static_cast<unsigned char>(b);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c > 0x7e) {
      char escaped[6];
      std::snprintf(escaped, sizeof escaped, "\\%03u", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

void append_generic(ByteView rdata, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\# " + std::to_string(rdata.size());
  if (!rdata.empty()) out += ' ';
  for (std::byte b : rdata) {
    out += kHex[static_cast<unsigned>(b) >> 4];
    out += kHex[static_cast<unsigned>(b) & 0xf];
  }
}

}  // namespace

std::string dns_type_text(DnsType type) {
  const std::string_view name = dns_type_name(type);
  return name.empty() ? "TYPE" + std::to_string(static_cast<unsigned>(type)) : std::string(name);
}

std::string dns_class_text(DnsClass dns_class) {
  const std::string_view name = dns_class_name(dns_class);
  return name.empty() ? "CLASS" + std::to_string(static_cast<unsigned>(dns_class)) : std::string(name);
}

std::string dns_rdata_text(const DnsRecord& record) {
  std::string out;
  if (auto a = record.a()) return a->to_string();
  if (auto aaaa = record.aaaa()) return aaaa->to_string();
  if (auto name = record.cname()) return name->to_string();
  if (auto name = record.ns()) return name->to_string();
  if (auto name = record.ptr()) return name->to_string();
  if (auto mx = record.mx()) return std::to_string(mx->preference) + " " + mx->exchange.to_string();
  if (auto srv = record.srv())
    return std::to_string(srv->priority) + " " + std::to_string(srv->weight) + " " + std::to_string(srv->port) + " " +
           srv->target.to_string();
  if (auto soa = record.soa())
    return soa->mname.to_string() + " " + soa->rname.to_string() + " " + std::to_string(soa->serial) + " " +
           std::to_string(soa->refresh) + " " + std::to_string(soa->retry) + " " + std::to_string(soa->expire) + " " +
           std::to_string(soa->minimum);
  if (auto strings = record.txt()) {
    for (ByteView text : *strings) {
      if (!out.empty()) out += ' ';
      append_quoted(text, out);
    }
    return out;
  }
  if (auto hinfo = record.hinfo()) {
    append_quoted(hinfo->cpu, out);
    out += ' ';
    append_quoted(hinfo->os, out);
    return out;
  }
  if (auto opt = record.opt()) {
    out = "udp=" + std::to_string(opt->udp_payload_size) + " version=" + std::to_string(opt->version);
    if (opt->dnssec_ok) out += " do";
    for (const DnsOption& option : opt->options)
      out += " option=" + std::to_string(option.code) + "/" + std::to_string(option.data.size());
    return out;
  }
  append_generic(record.rdata(), out);
  return out;
}

}  // namespace pktdoc
