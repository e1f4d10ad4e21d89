// decode_dns_message: a DNS response and an mDNS announcement, decoded with pktdoc::DnsMessage.
// The DNS response answers "www.example.com, type A?" with a CNAME and an A record, and saves
// bytes with compression pointers (RFC 1035 section 4.1.4): the owner name of the first answer is
// 2 bytes pointing back at the question, the CNAME's target ends in a pointer to "example.com",
// and the second answer's owner points into the first answer's RDATA. The mDNS message (RFC 6762)
// announces printer.local with the cache-flush bit set in its class. tshark decodes both.
//
// Quoted by docs/protocols/dns.rst; ctest compares its output with
// tests/golden/docs/decode_dns_message.txt, which the page shows.

#include <cstdio>

#include "pktdoc/dns.hpp"
#include "snippet.hpp"

namespace {

// [print]
void print(const pktdoc::DnsMessage& dns) {
  std::printf("id()                     0x%04x\n", dns.id());
  std::printf("flags()                  0x%04x: %s, opcode %s, rcode %s%s%s%s\n", dns.flags(),
              dns.is_response() ? "response" : "query", pktdoc::dns_opcode_name(dns.opcode()).data(),
              pktdoc::dns_rcode_name(dns.rcode()).data(), dns.authoritative() ? ", authoritative" : "",
              dns.recursion_desired() ? ", recursion desired" : "",
              dns.recursion_available() ? ", recursion available" : "");
  std::printf("counts                   %u question(s), %u answer(s), %u authority, %u additional\n",
              dns.question_count(), dns.answer_count(), dns.authority_count(), dns.additional_count());
  for (const pktdoc::DnsQuestion& question : dns.questions())
    std::printf("question at %-3zu          %s, type %s, class %s\n", question.offset(), question.name().c_str(),
                pktdoc::dns_type_name(question.type()).data(), pktdoc::dns_class_name(question.class_()).data());
  for (const pktdoc::DnsRecord& record : dns.records()) {
    std::printf("%-10s at %-3zu        %s, type %s, class %s%s, ttl %u s, %u bytes of RDATA",
                pktdoc::dns_section_name(record.section()).data(), record.offset(), record.name().c_str(),
                pktdoc::dns_type_name(record.type()).data(), pktdoc::dns_class_name(record.class_()).data(),
                record.cache_flush() ? " (cache flush)" : "", record.ttl(), record.rdata_length());
    if (auto address = record.a()) std::printf(": %s", address->to_text().c_str());
    if (auto name = record.cname()) std::printf(": %s", name->c_str());
    std::printf("\n");
  }
}
// [print]

}  // namespace

int main() {
  // [bytes]
  const std::vector<std::byte> response = snippet::bytes(
      // header (RFC 1035 section 4.1.1), 12 bytes
      "1a 2b"                    // ID: the query's, copied
      "81 80"                    // QR 1 (response), opcode 0, AA 0, TC 0, RD 1, RA 1, RCODE 0 (no error)
      "00 01 00 02 00 00 00 00"  // 1 question, 2 answers, 0 authority, 0 additional
      // question at offset 12: www.example.com, type A, class IN
      "03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00"  // 3 "www" 7 "example" 3 "com" 0
      "00 01 00 01"
      // answer at offset 33: the owner is a pointer to offset 12 (c0 0c = 0xc000 | 12)
      "c0 0c 00 05 00 01 00 00 01 2c 00 06"  // type CNAME, class IN, TTL 300, 6 bytes of RDATA:
      "03 77 65 62 c0 10"                    // 3 "web", then a pointer to offset 16: "example.com"
      // answer at offset 51: the owner points to offset 45, the "web" of the CNAME
      "c0 2d 00 01 00 01 00 00 01 2c 00 04"  // type A, class IN, TTL 300, 4 bytes of RDATA:
      "c0 00 02 50");                        // 192.0.2.80
  const std::vector<std::byte> announcement = snippet::bytes(
      "00 00"                                         // ID 0, as mDNS responses use (RFC 6762 section 18.1)
      "84 00"                                         // QR 1, AA 1
      "00 00 00 01 00 00 00 00"                       // no question, 1 answer
      "07 70 72 69 6e 74 65 72 05 6c 6f 63 61 6c 00"  // printer.local
      "00 01 80 01"                                   // type A; class IN with the cache-flush bit (0x8000)
      "00 00 00 78 00 04 c0 00 02 2c");               // TTL 120, 4 bytes: 192.0.2.44
  // [bytes]

  // [decode]
  auto dns = pktdoc::DnsMessage::parse(response);
  if (!dns) {
    std::printf("dns %s: %s\n", pktdoc::error_kind_name(dns.error().kind).data(), dns.error().reason);
    return 1;
  }
  print(*dns);
  std::printf("\n");
  // On port 5353 the top bit of a class is a flag: say so with DnsFlavor::mdns.
  auto mdns = pktdoc::DnsMessage::parse(announcement, pktdoc::DnsFlavor::mdns);
  if (!mdns) return 1;
  print(*mdns);
  // [decode]
  return 0;
}
