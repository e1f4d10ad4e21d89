// decode_dns: DNS queries and responses, every record typed, each response matched to its query.
//
//   decode_dns -f FILE | -i IFACE [-F 'BPF filter']
//
// A DNS client sends a query (RFC 1035 section 4.1) from an ephemeral port to port 53; the server
// answers with the same 16-bit ID, the question repeated, and records in three sections: the
// answers, the authority (name servers, or the SOA of a negative answer), and additional records
// (glue addresses, the EDNS OPT pseudo-record). This program prints each message, with its
// records in the zone-file form `dig` uses, and pairs each response with its query: same ID,
// same two endpoints reversed. At the end it lists the queries that got no response and the
// responses that answered no query it saw. Over TCP (RFC 7766), a message whose 2-byte length
// prefix says it does not fit its segment needs reassembly and is not shown here.

#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>

#include "dns_support.hpp"
#include "example_support.hpp"
#include "pktdoc/packet.hpp"

namespace {

constexpr char kUsage[] =
    "usage: decode_dns -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  Prints DNS messages on port 53 (UDP and TCP) with their records, matches responses\n"
    "  to queries, and lists queries never answered.\n";

// A query waiting for its response: identified by its ID and its two endpoints.
using QueryKey = std::tuple<std::uint16_t, std::string, std::string>;  // id, client, server

struct PendingQuery {
  std::uint64_t frame = 0;
  pktdoc::Timestamp time;
  std::string question;  // the first question, for the summary
};

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_dns");
  examples::stop_on_signal(capture);

  std::map<QueryKey, PendingQuery> pending;
  std::uint64_t queries = 0, responses = 0, unmatched_responses = 0;
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::Timestamp start{};
  bool failed = false;

  // [dns-loop]
  while (examples::next_frame(capture, frame, "decode_dns", failed)) {
    if (frame.number == 1) start = frame.timestamp;
    pktdoc::decode_packet(frame, packet);
    const pktdoc::IpLayers& ip = packet.ip;
    if (ip.application != pktdoc::Protocol::dns) {
      // A DNS message that could not be decoded says why; anything else is not DNS.
      if (ip.error.protocol == pktdoc::Protocol::dns)
        std::printf("%5" PRIu64 " %10.6f  DNS %s: %s\n", frame.number, examples::seconds_since(start, frame.timestamp),
                    pktdoc::error_kind_name(ip.error.kind).data(), ip.error.reason);
      continue;
    }
    const pktdoc::DnsMessage& dns = *ip.dns;
    const std::string from = examples::endpoint_text(ip, true), to = examples::endpoint_text(ip, false);
    std::printf("%5" PRIu64 " %10.6f  %-8s 0x%04x  %s -> %s%s", frame.number,
                examples::seconds_since(start, frame.timestamp), dns.is_response() ? "response" : "query", dns.id(),
                from.c_str(), to.c_str(), ip.tcp ? "  over TCP" : "");
    if (dns.opcode() != pktdoc::DnsOpcode::query) std::printf("  opcode %s", pktdoc::dns_opcode_name(dns.opcode()).data());

    if (!dns.is_response()) {
      ++queries;
      std::string question;
      for (const pktdoc::DnsQuestion& q : dns.questions()) {
        question = std::string(q.name().text()) + " " + pktdoc::dns_type_text(q.type());
        break;
      }
      pending[QueryKey{dns.id(), from, to}] = PendingQuery{frame.number, frame.timestamp, question};
      std::printf("\n");
    } else {
      ++responses;
      // The response comes from the server to the client: the query's endpoints, reversed.
      std::printf("  %s", pktdoc::dns_rcode_name(dns.extended_rcode()).data());
      if (dns.authoritative()) std::printf(" authoritative");
      if (dns.truncated_flag()) std::printf(" truncated (retry over TCP)");
      if (auto query = pending.find(QueryKey{dns.id(), to, from}); query != pending.end()) {
        std::printf("  answers frame %" PRIu64 " after %.1f ms\n", query->second.frame,
                    examples::seconds_since(query->second.time, frame.timestamp) * 1000);
        pending.erase(query);
      } else {
        std::printf("  answers no query seen\n");
        ++unmatched_responses;
      }
    }
    examples::print_dns_sections(dns, false);
  }
  // [dns-loop]

  std::printf("\n%" PRIu64 " queries, %" PRIu64 " responses\n", queries, responses);
  std::printf("Queries without a response:%s\n", pending.empty() ? " none" : "");
  for (const auto& [key, query] : pending)
    std::printf("  frame %" PRIu64 ": 0x%04x %s from %s\n", query.frame, std::get<0>(key), query.question.c_str(),
                std::get<1>(key).c_str());
  std::printf("Responses to no query seen: %" PRIu64 "\n", unmatched_responses);
  return failed ? 1 : 0;
}
