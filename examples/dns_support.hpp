// How decode_dns and decode_mdns print a DNS message: the header in one line, then each question
// and record in the zone-file form that `dig` uses (name, TTL, class, type, data). Kept apart
// because the two examples print messages the same way and differ in what they look for.
#pragma once

#include <cstdio>
#include <string>

#include "pktdoc/dns.hpp"

namespace examples {

// Prints the questions and the three record sections, indented under the message's line.
// `multicast` adds mDNS's bits: QU (unicast response wanted) and cache-flush (RFC 6762), and
// marks a record with a TTL of 0 as a goodbye (RFC 6762 section 10.1).
inline void print_dns_sections(const pktdoc::DnsMessage& dns, bool multicast) {
  for (const pktdoc::DnsQuestion& question : dns.questions())
    std::printf("        question    %s %s %s%s\n", question.name().c_str(), pktdoc::dns_class_text(question.class_()).c_str(),
                pktdoc::dns_type_text(question.type()).c_str(),
                multicast && question.unicast_response() ? "  (QU: unicast response wanted)" : "");
  for (const pktdoc::DnsRecord& record : dns.records()) {
    const std::string data = pktdoc::dns_rdata_text(record);
    if (record.type() == pktdoc::DnsType::opt) {  // a pseudo-record: no name, TTL or class
      std::printf("        %-11s OPT %s\n", pktdoc::dns_section_name(record.section()).data(), data.c_str());
      continue;
    }
    std::printf("        %-11s %s %u %s %s %s%s%s\n", pktdoc::dns_section_name(record.section()).data(),
                record.name().c_str(), record.ttl(), pktdoc::dns_class_text(record.class_()).c_str(),
                pktdoc::dns_type_text(record.type()).c_str(), data.c_str(),
                multicast && record.cache_flush() ? "  (cache flush)" : "",
                multicast && record.ttl() == 0 ? "  (goodbye)" : "");
  }
}

}  // namespace examples
