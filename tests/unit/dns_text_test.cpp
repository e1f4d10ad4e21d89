// dns_rdata_text(), dns_type_text(), dns_class_text(): the zone-file form of records (RFC 1035
// section 5.1, RFC 3597 section 5), checked against what `dig` prints for the same records.
#include <string>
#include <vector>

#include "pktdoc/dns.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// A response for example.com with one record of each kind below in the answer section.
std::vector<std::byte> response() {
  return hex(
      "1234 8180 0001 0006 0000 0000"                  // id, flags (response, RD, RA), counts
      "07 6578616d706c65 03 636f6d 00 0001 0001"       // question: example.com IN A
      "c00c 0001 0001 00000e10 0004 c0000201"          // example.com 3600 IN A 192.0.2.1
      "c00c 000f 0001 00000e10 0009 000a 04 6d61696c c00c"  // MX 10 mail.example.com
      "c00c 0010 0001 00000e10 0009 04 613d2262 03 5c7f7a"  // TXT "a=\"b" "\\\127z"
      "c00c 00ff 0001 00000000 0000"                   // type 255 with empty RDATA
      "c00c ff00 0001 00000000 0002 beef"              // TYPE65280, unknown: generic form
      "c00c 0021 0001 00000e10 000c 0000 0005 13c4 03 736970 c00c");  // SRV 0 5 5060 sip.example.com
}

TEST(DnsText, RecordsInZoneFileForm) {
  const auto bytes = response();
  auto dns = DnsMessage::parse(view(bytes));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  std::vector<std::string> texts, types;
  for (const DnsRecord& record : dns->answers()) {
    texts.push_back(dns_rdata_text(record));
    types.push_back(dns_type_text(record.type()));
  }
  ASSERT_EQ(texts.size(), 6u);
  EXPECT_EQ(texts[0], "192.0.2.1");
  EXPECT_EQ(texts[1], "10 mail.example.com");
  EXPECT_EQ(texts[2], "\"a=\\\"b\" \"\\\\\\127z\"");
  EXPECT_EQ(texts[3], "\\# 0");
  EXPECT_EQ(texts[4], "\\# 2 beef");
  EXPECT_EQ(texts[5], "0 5 5060 sip.example.com");
  EXPECT_EQ(types[0], "A");
  EXPECT_EQ(types[4], "TYPE65280");
  EXPECT_EQ(dns_class_text(DnsClass{1}), "IN");
  EXPECT_EQ(dns_class_text(DnsClass{42}), "CLASS42");
}

}  // namespace
}  // namespace pktdoc
