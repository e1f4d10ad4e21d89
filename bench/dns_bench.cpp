// DNS parsing cost: DnsMessage::parse() of messages held in memory (built once with the packet
// builder), and parse plus reading every question and record with its owner name and typed
// data, which is what a DNS tool does with each message.
//
//   dns/parse/query               a query for one A record
//   dns/parse/response            a response: CNAME, two A, an MX, compressed names
//   dns/parse/mdns_announcement   an mDNS announcement: PTR, SRV, TXT, A, AAAA, cache-flush
//   dns/read_all/<same>           parse, then every question and record, names and data
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "pktdoc/builder/dns_builder.hpp"
#include "pktdoc/dns.hpp"

namespace {

namespace build = pktdoc::build;

build::Bytes query() { return build::DnsMessage::query(0x1234, "www.example.com", pktdoc::DnsType::a).encode(); }

build::Bytes response() {
  auto message = build::DnsMessage::response_to(build::DnsMessage::query(0x1234, "www.example.com", pktdoc::DnsType::a));
  message.answers.push_back(build::DnsRecord::cname("www.example.com", "cdn.example.net"));
  message.answers.push_back(build::DnsRecord::a("cdn.example.net", pktdoc::Ipv4Address::from_uint(0xC6336401)));
  message.answers.push_back(build::DnsRecord::a("cdn.example.net", pktdoc::Ipv4Address::from_uint(0xC6336402)));
  message.additionals.push_back(build::DnsRecord::mx("example.com", 10, "mail.example.com"));
  return message.encode();
}

build::Bytes mdns_announcement() {
  build::DnsMessage message;
  message.is_response = true;
  message.authoritative = true;
  pktdoc::Ipv6Address v6{};
  v6.bytes = {0xfe, 0x80};
  v6.bytes[15] = 1;
  message.answers.push_back(build::DnsRecord::ptr("_http._tcp.local", "Printer._http._tcp.local", 4500));
  message.answers.push_back(build::DnsRecord::srv("Printer._http._tcp.local", 0, 0, 80, "printer.local", 120));
  message.answers.push_back(build::DnsRecord::txt("Printer._http._tcp.local", {"path=/", "model=bench"}, 4500));
  message.answers.push_back(build::DnsRecord::a("printer.local", pktdoc::Ipv4Address::from_uint(0xC0000205), 120));
  message.answers.push_back(build::DnsRecord::aaaa("printer.local", v6, 120));
  for (auto& record : message.answers) record.cache_flush = record.type != pktdoc::DnsType::ptr;
  return message.encode();
}

void parse(benchmark::State& state, const build::Bytes& bytes, pktdoc::DnsFlavor flavor) {
  for (auto _ : state) {
    auto message = pktdoc::DnsMessage::parse(build::view(bytes), flavor);
    benchmark::DoNotOptimize(message);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}

void read_all(benchmark::State& state, const build::Bytes& bytes, pktdoc::DnsFlavor flavor) {
  std::size_t seen = 0;
  for (auto _ : state) {
    auto message = pktdoc::DnsMessage::parse(build::view(bytes), flavor);
    if (!message) continue;
    for (const pktdoc::DnsQuestion& question : message->questions()) seen += question.name().c_str()[0];
    for (const pktdoc::DnsRecord& record : message->answers()) {
      seen += record.name().c_str()[0];
      if (auto a = record.a()) seen += a->bytes[3];
      if (auto cname = record.cname()) seen += cname->c_str()[0];
    }
    for (const pktdoc::DnsRecord& record : message->additionals()) seen += record.name().c_str()[0];
    benchmark::DoNotOptimize(seen);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}

int register_benchmarks() {
  struct Case {
    const char* name;
    build::Bytes (*make)();
    pktdoc::DnsFlavor flavor;
  };
  static const Case cases[] = {{"query", query, pktdoc::DnsFlavor::unicast},
                               {"response", response, pktdoc::DnsFlavor::unicast},
                               {"mdns_announcement", mdns_announcement, pktdoc::DnsFlavor::mdns}};
  for (const Case& c : cases) {
    auto bytes = std::make_shared<build::Bytes>(c.make());
    const pktdoc::DnsFlavor flavor = c.flavor;
    benchmark::RegisterBenchmark((std::string("dns/parse/") + c.name).c_str(),
                                 [bytes, flavor](benchmark::State& state) { parse(state, *bytes, flavor); });
    benchmark::RegisterBenchmark((std::string("dns/read_all/") + c.name).c_str(),
                                 [bytes, flavor](benchmark::State& state) { read_all(state, *bytes, flavor); });
  }
  return 0;
}

const int registered = register_benchmarks();

}  // namespace
