// The packet builder's DNS and mDNS messages (pktdoc/builder/dns_builder.hpp): every record type
// the capture generator needs, name compression (RFC 1035 section 4.1.4), the mDNS bits, TCP
// framing and counts that lie, decoded with DnsMessage::parse() and read back. The exact bytes of
// the examples were checked once with tshark 4.0.17.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "pktdoc/builder/dns_builder.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/udp_builder.hpp"
#include "pktdoc/packet.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;

// Hex text of bytes, so that a mismatch of exact bytes prints readably.
std::string hex_text(const std::vector<std::byte>& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  for (std::byte b : bytes) {
    text += digits[static_cast<unsigned>(b) >> 4];
    text += digits[static_cast<unsigned>(b) & 0xf];
  }
  return text;
}

std::vector<DnsRecord> records_of(const DnsMessage& message) {
  std::vector<DnsRecord> records;
  for (DnsRecord record : message.records()) records.push_back(record);
  return records;
}

TEST(BuilderDns, ExampleQueryCheckedByTshark) {
  const build::DnsMessage query = build::DnsMessage::query(0xbeef, "www.example.com", DnsType::a);
  const build::Bytes message = query.encode();
  // tshark 4.0.17 (in UDP to port 53): "Standard query 0xbeef A www.example.com", RD set.
  EXPECT_EQ(hex_text(message), hex_text(hex("beef 0100 0001 0000 0000 0000"
                                            "03777777 076578616d706c65 03636f6d 00 0001 0001")));
  auto decoded = DnsMessage::parse(build::view(message), message.size());
  ASSERT_TRUE(decoded) << decoded.error().reason;
  EXPECT_EQ(decoded->id(), 0xbeef);
  EXPECT_FALSE(decoded->is_response());
  EXPECT_TRUE(decoded->recursion_desired());
  EXPECT_EQ(decoded->question_count(), 1);
  const DnsQuestion question = *decoded->questions().begin();
  EXPECT_EQ(question.name().text(), "www.example.com");
  EXPECT_EQ(question.type(), DnsType::a);
  EXPECT_EQ(question.class_(), DnsClass::in);
}

TEST(BuilderDns, EveryRecordTypeRoundTripsWithCompression) {
  const build::DnsMessage query = build::DnsMessage::query(0x1a2b, "www.example.com", DnsType::any);
  build::DnsMessage response = build::DnsMessage::response_to(query);
  response.authoritative = true;
  response.answers = {
      build::DnsRecord::cname("www.example.com", "web.example.com", 60),
      build::DnsRecord::a("web.example.com", *Ipv4Address::parse("192.0.2.80")),
      build::DnsRecord::aaaa("web.example.com", *Ipv6Address::parse("2001:db8::80")),
      build::DnsRecord::mx("example.com", 10, "mail.example.com"),
      build::DnsRecord::txt("example.com", {"v=spf1 -all", "", std::string(255, 't')}),
      build::DnsRecord::srv("_http._tcp.example.com", 1, 5, 8080, "web.example.com"),
      build::DnsRecord::hinfo("web.example.com", "x86_64", "Linux"),
      build::DnsRecord::ptr("80.2.0.192.in-addr.arpa", "web.example.com"),
  };
  response.authorities = {
      build::DnsRecord::ns("example.com", "ns1.example.com", 86400),
      build::DnsRecord::soa("example.com", "ns1.example.com", "hostmaster.example.com",
                            {.serial = 2024010101, .refresh = 1, .retry = 2, .expire = 3, .minimum = 4}),
  };
  const std::vector<DnsOption> options = {DnsOption{dns_option_code::cookie, as_bytes("01234567")}};
  response.additionals = {build::DnsRecord::opt(4096, true, options, 1, 0)};
  const build::Bytes message = response.encode();

  build::DnsMessage uncompressed = response;
  uncompressed.compress = false;
  const build::Bytes long_message = uncompressed.encode();
  EXPECT_LT(message.size() + 100, long_message.size());

  for (const build::Bytes* bytes : {&message, &long_message}) {
    auto decoded = DnsMessage::parse(build::view(*bytes), bytes->size());
    ASSERT_TRUE(decoded) << decoded.error().reason;
    EXPECT_EQ(decoded->id(), 0x1a2b);
    EXPECT_TRUE(decoded->is_response());
    EXPECT_TRUE(decoded->authoritative());
    EXPECT_TRUE(decoded->recursion_desired());
    EXPECT_TRUE(decoded->recursion_available());
    EXPECT_EQ(decoded->answer_count(), 8);
    EXPECT_EQ(decoded->authority_count(), 2);
    EXPECT_EQ(decoded->additional_count(), 1);
    const std::vector<DnsRecord> records = records_of(*decoded);
    ASSERT_EQ(records.size(), 11u);
    EXPECT_EQ(records[0].name().text(), "www.example.com");
    EXPECT_EQ(records[0].ttl(), 60u);
    EXPECT_EQ(records[0].cname()->text(), "web.example.com");
    EXPECT_EQ(*records[1].a(), *Ipv4Address::parse("192.0.2.80"));
    EXPECT_EQ(records[1].ttl(), 300u);
    EXPECT_EQ(*records[2].aaaa(), *Ipv6Address::parse("2001:db8::80"));
    EXPECT_EQ(records[3].mx()->preference, 10);
    EXPECT_EQ(records[3].mx()->exchange.text(), "mail.example.com");
    const auto txt = records[4].txt();
    ASSERT_TRUE(txt);
    ASSERT_EQ(txt->size(), 3u);
    EXPECT_EQ(as_text(*txt->begin()), "v=spf1 -all");
    const auto srv = records[5].srv();
    ASSERT_TRUE(srv);
    EXPECT_EQ(srv->priority, 1);
    EXPECT_EQ(srv->weight, 5);
    EXPECT_EQ(srv->port, 8080);
    EXPECT_EQ(srv->target.text(), "web.example.com");
    EXPECT_EQ(as_text(records[6].hinfo()->cpu), "x86_64");
    EXPECT_EQ(as_text(records[6].hinfo()->os), "Linux");
    EXPECT_EQ(records[7].ptr()->text(), "web.example.com");
    EXPECT_EQ(records[8].section(), DnsSection::authority);
    EXPECT_EQ(records[8].ns()->text(), "ns1.example.com");
    const auto soa = records[9].soa();
    ASSERT_TRUE(soa);
    EXPECT_EQ(soa->mname.text(), "ns1.example.com");
    EXPECT_EQ(soa->rname.text(), "hostmaster.example.com");
    EXPECT_EQ(soa->serial, 2024010101u);
    EXPECT_EQ(soa->minimum, 4u);
    const auto opt = records[10].opt();
    ASSERT_TRUE(opt);
    EXPECT_EQ(opt->udp_payload_size, 4096);
    EXPECT_TRUE(opt->dnssec_ok);
    EXPECT_EQ(opt->extended_rcode, 1);
    EXPECT_EQ(opt->version, 0);
    ASSERT_EQ(opt->options.size(), 1u);
    EXPECT_EQ((*opt->options.begin()).code, dns_option_code::cookie);
    EXPECT_TRUE(records[10].name().is_root());
  }

  // Compression: the first answer's owner is a pointer to the question's name (offset 12), and
  // the CNAME's "web.example.com" is "web" and a pointer to "example.com" (offset 16).
  auto decoded = DnsMessage::parse(build::view(message));
  const DnsRecord cname = *decoded->answers().begin();
  EXPECT_EQ(cname.length(), 2u + 10u + 6u);  // pointer, fixed fields, "web" + pointer
  EXPECT_EQ(build::to_bytes(cname.rdata()), hex("03776562 c010"));
  EXPECT_EQ(message[cname.offset()], std::byte{0xc0});
  EXPECT_EQ(message[cname.offset() + 1], std::byte{0x0c});
  // SRV targets are written in full (RFC 2782), though "web.example.com" is there to point to.
  const DnsRecord srv = records_of(*decoded)[5];
  EXPECT_EQ(srv.rdata_length(), 6u + 17u);
}

TEST(BuilderDns, NamesCompressWithoutRegardToCase) {
  build::DnsMessage message = build::DnsMessage::query(1, "Example.COM", DnsType::mx);
  message.is_response = true;
  message.answers.push_back(build::DnsRecord::mx("example.com", 5, "MAIL.example.com"));
  const build::Bytes bytes = message.encode();
  // Question name at 12 (13 octets); the answer's owner is a pointer to it; the exchange is
  // "MAIL" and a pointer to 12. tshark 4.0.17 (in UDP from port 53): "Example.COM: type MX,
  // class IN, preference 5, mx MAIL.Example.COM".
  EXPECT_EQ(build::Bytes(bytes.begin() + 29, bytes.end()), hex("c00c 000f 0001 0000012c 0009 0005 044d41494c c00c"));
  auto decoded = DnsMessage::parse(build::view(bytes), bytes.size());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(records_of(*decoded)[0].mx()->exchange.text(), "MAIL.Example.COM");
}

TEST(BuilderDns, MulticastDnsBits) {
  build::DnsMessage announcement;
  announcement.is_response = true;
  announcement.authoritative = true;
  announcement.questions.push_back(
      build::DnsQuestion{.name = "printer.local", .type = DnsType::srv, .unicast_response = true});
  build::DnsRecord host = build::DnsRecord::a("printer.local", *Ipv4Address::parse("192.0.2.7"), 120);
  host.cache_flush = true;
  announcement.answers.push_back(host);
  announcement.answers.push_back(build::DnsRecord::ptr("_ipp._tcp.local", "Printer._ipp._tcp.local", 4500));

  const build::Ipv4 ip{
      .source = *Ipv4Address::parse("192.0.2.7"), .destination = *Ipv4Address::parse("224.0.0.251"), .ttl = 255};
  const build::Bytes packet =
      ip.packet(build::Udp{.source_port = 5353, .destination_port = 5353}, build::view(announcement.encode()));
  IpLayers layers;
  decode_ip(build::view(packet), layers);
  ASSERT_EQ(layers.error.kind, ErrorKind::none) << layers.error.reason;
  EXPECT_EQ(layers.application, Protocol::mdns);
  ASSERT_TRUE(layers.dns);
  EXPECT_EQ(layers.dns->id(), 0);
  const DnsQuestion question = *layers.dns->questions().begin();
  EXPECT_TRUE(question.unicast_response());
  EXPECT_EQ(question.class_(), DnsClass::in);
  EXPECT_EQ(question.raw_class(), 0x8001);
  const std::vector<DnsRecord> records = records_of(*layers.dns);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[0].cache_flush());
  EXPECT_EQ(records[0].class_(), DnsClass::in);
  EXPECT_FALSE(records[1].cache_flush());
  EXPECT_EQ(records[1].ptr()->text(), "Printer._ipp._tcp.local");
}

TEST(BuilderDns, TcpFramingAndCountsThatLie) {
  const build::DnsMessage query = build::DnsMessage::query(7, "example.com", DnsType::soa);
  const build::Bytes tcp = query.encode_tcp();
  const build::Bytes udp = query.encode();
  ASSERT_EQ(tcp.size(), udp.size() + 2);
  EXPECT_EQ(ByteReader(build::view(tcp)).u16_at(0), udp.size());
  auto decoded = DnsMessage::parse_tcp(build::view(tcp));
  ASSERT_TRUE(decoded) << decoded.error().reason;
  EXPECT_EQ(decoded->id(), 7);

  build::DnsMessage lying = query;
  lying.answer_count = 3;  // promises records that are not there
  const build::Bytes lie = lying.encode();
  EXPECT_EQ(DnsMessage::parse(build::view(lie), lie.size()).error().kind, ErrorKind::invalid);
  EXPECT_EQ(DnsMessage::parse(build::view(lie)).error().kind, ErrorKind::truncated);

  build::DnsMessage bad_rdata = build::DnsMessage::response_to(query);
  build::DnsRecord record = build::DnsRecord::a("example.com", *Ipv4Address::parse("192.0.2.1"));
  record.rdata_length = 40;
  bad_rdata.answers.push_back(record);
  const build::Bytes bad = bad_rdata.encode();
  EXPECT_EQ(DnsMessage::parse(build::view(bad), bad.size()).error().kind, ErrorKind::invalid);

  build::DnsMessage flags;
  flags.opcode = DnsOpcode::update;
  flags.truncated_flag = flags.z = flags.authentic_data = flags.checking_disabled = true;
  flags.rcode = DnsRcode::nxdomain;
  const build::Bytes flag_bytes = flags.encode();
  auto flag_view = DnsMessage::parse(build::view(flag_bytes));
  ASSERT_TRUE(flag_view);
  EXPECT_EQ(flag_view->flags(), flags.flags());
  EXPECT_EQ(flag_view->opcode(), DnsOpcode::update);
  EXPECT_TRUE(flag_view->truncated_flag());
  EXPECT_TRUE(flag_view->z());
  EXPECT_TRUE(flag_view->authentic_data());
  EXPECT_TRUE(flag_view->checking_disabled());
  EXPECT_EQ(flag_view->rcode(), DnsRcode::nxdomain);
}

TEST(BuilderDns, RefusesWhatCannotBeEncoded) {
  EXPECT_THROW((void)build::DnsMessage::query(1, "a..b", DnsType::a).encode(), std::invalid_argument);
  EXPECT_THROW((void)build::DnsMessage::query(1, std::string(64, 'l') + ".com", DnsType::a).encode(),
               std::invalid_argument);
  EXPECT_THROW((void)build::DnsRecord::txt("x", {std::string(256, 't')}), std::length_error);
  EXPECT_THROW((void)build::DnsRecord::hinfo("x", std::string(256, 'c'), "os"), std::length_error);
  // The root and a trailing dot are fine.
  EXPECT_NO_THROW((void)build::DnsMessage::query(1, "", DnsType::ns).encode());
  EXPECT_NO_THROW((void)build::DnsMessage::query(1, "example.com.", DnsType::ns).encode());
}

}  // namespace
}  // namespace pktdoc
