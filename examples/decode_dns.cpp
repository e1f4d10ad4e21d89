// decode_dns: DNS queries and responses, every record typed, each response matched to its query.
//
//   decode_dns -f FILE | -i IFACE [-F 'BPF filter']
//
// A DNS client sends a query (RFC 1035 section 4.1) from an ephemeral port to port 53; the server
// answers with the same 16-bit ID, the question repeated, and records in three sections: the
// answers, the authority (name servers, or the SOA of a negative answer), and additional records
// (glue addresses, the EDNS OPT pseudo-record). This program prints each message, with its
// records in the zone-file form `dig` uses, and pairs each response with its query: same ID,
// same two endpoints reversed. Two kinds of response follow one already matched: a zone
// transfer (AXFR, over TCP) answers in as many messages as the zone needs, all with the query's
// ID and only the first with the question (RFC 5936 section 2.2), so the later ones continue the
// answer; and a capture that sees each packet twice (a router on a stick, a trunk port mirrored)
// repeats a response byte for byte, a second copy rather than an answer to no query. At the end
// it lists the queries that got no response and the responses that answered no query it saw.
// Over TCP (RFC 7766), a message whose 2-byte length prefix says it does not fit its segment
// needs reassembly and is not shown here.

#include <algorithm>
#include <cinttypes>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

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
  std::string question;        // the first question, for the summary
  bool zone_transfer = false;  // an AXFR: its answer may take many messages
};

// A query that got its response, kept to recognise what follows that response with the same ID
// and endpoints: the next messages of a zone transfer, and copies of the last message.
struct AnsweredQuery {
  std::uint64_t frame = 0;  // of the query
  bool zone_transfer = false;
  std::uint64_t last_frame = 0;         // the last message of its answer so far
  std::vector<std::byte> last_message;  // and its bytes
};

// Answered queries remembered, the oldest forgotten first: enough for the copies and the zone
// transfers in flight, and a bound on the memory of a long live capture.
constexpr std::size_t kAnsweredKept = 1024;

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_dns");
  examples::stop_on_signal(capture);

  std::map<QueryKey, PendingQuery> pending;
  std::map<QueryKey, AnsweredQuery> answered;
  std::deque<std::pair<QueryKey, std::uint64_t>> answered_order;  // key and query frame, oldest first
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
      bool zone_transfer = false;
      for (const pktdoc::DnsQuestion& q : dns.questions()) {
        question = std::string(q.name().text()) + " " + pktdoc::dns_type_text(q.type());
        zone_transfer = q.type() == pktdoc::DnsType::axfr && ip.tcp.has_value();
        break;
      }
      pending[QueryKey{dns.id(), from, to}] = PendingQuery{frame.number, frame.timestamp, question, zone_transfer};
      std::printf("\n");
    } else {
      ++responses;
      // The response comes from the server to the client: the query's endpoints, reversed.
      std::printf("  %s", pktdoc::dns_rcode_name(dns.extended_rcode()).data());
      if (dns.authoritative()) std::printf(" authoritative");
      if (dns.truncated_flag()) std::printf(" truncated (retry over TCP)");
      const QueryKey key{dns.id(), to, from};
      const pktdoc::ByteView message = dns.bytes();
      auto earlier = answered.find(key);
      if (auto query = pending.find(key); query != pending.end()) {
        std::printf("  answers frame %" PRIu64 " after %.1f ms\n", query->second.frame,
                    examples::seconds_since(query->second.time, frame.timestamp) * 1000);
        answered[key] = AnsweredQuery{query->second.frame, query->second.zone_transfer, frame.number,
                                      std::vector<std::byte>(message.begin(), message.end())};
        answered_order.emplace_back(key, query->second.frame);
        if (answered_order.size() > kAnsweredKept) {
          const auto& [old_key, old_frame] = answered_order.front();
          // Forgotten unless the same ID and endpoints were used again by a later query.
          if (auto old = answered.find(old_key); old != answered.end() && old->second.frame == old_frame)
            answered.erase(old);
          answered_order.pop_front();
        }
        pending.erase(query);
      } else if (earlier != answered.end() &&
                 std::equal(message.begin(), message.end(), earlier->second.last_message.begin(),
                            earlier->second.last_message.end())) {
        // The same bytes, ID and endpoints as the message before: the capture saw it twice.
        std::printf("  a second copy of frame %" PRIu64 "\n", earlier->second.last_frame);
      } else if (earlier != answered.end() && earlier->second.zone_transfer && ip.tcp) {
        // RFC 5936 section 2.2: every message of an AXFR response has the query's ID.
        std::printf("  continues the answer of frame %" PRIu64 "\n", earlier->second.frame);
        earlier->second.last_frame = frame.number;
        earlier->second.last_message.assign(message.begin(), message.end());
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
