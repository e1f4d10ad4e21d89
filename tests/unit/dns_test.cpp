// DNS and mDNS: DnsMessage and its sections, DnsName, the typed RDATA, DNS over TCP, and the
// Wireshark listing (detail::list_dns).
//
// Every message below is written field by field. Each was checked once with tshark 4.0.17,
// wrapped in Ethernet, IPv4 (192.0.2.10, 198.51.100.53, 224.0.0.251 for mDNS) and UDP port 53 or
// 5353 or TCP port 53, all with correct checksums: tshark decodes them without a malformed-packet
// note (except where a test says the message lies), and the listing strings are what
// `tshark -n -T fields -E occurrence=a -E aggregator=, -e dns.*` printed for the same bytes.
#include "pktdoc/dns.hpp"

#include <string>
#include <vector>

#include "pktdoc/detail/field_sink.hpp"
#include "pktdoc/detail/listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// A stub resolver (192.0.2.10, port 49152) asks 198.51.100.53 for the A record of www.example.com. 33 octets.
const std::vector<std::byte> query =
    hex("1a2b"              // ID
        "0100"              // flags: QR=0 QUERY RD
        "0001"              // QDCOUNT
        "0000"              // ANCOUNT
        "0000"              // NSCOUNT
        "0000"              // ARCOUNT
        "03777777"          // QNAME: "www"
        "076578616d706c65"  // "example"
        "03636f6d"          // "com"
        "00"                // root label
        "0001"              // QTYPE A
        "0001"              // QCLASS IN
    );

// The answer: a CNAME and an A record, an NS record in authority, its glue address and an
// EDNS(0) OPT record (payload 1232, DO) in additional. Names are compressed (RFC 1035 section 4.1.4). 112 octets.
const std::vector<std::byte> response =
    hex("1a2b"              // ID
        "8180"              // flags: QR=1 QUERY RD RA NoError
        "0001"              // QDCOUNT
        "0002"              // ANCOUNT
        "0001"              // NSCOUNT
        "0002"              // ARCOUNT
        "03777777"          // QNAME (offset 12; example.com at 16): "www"
        "076578616d706c65"  // "example"
        "03636f6d"          // "com"
        "00"                // root label
        "0001"              // QTYPE A
        "0001"              // QCLASS IN
        "c00c"              // answer 1 (offset 33) NAME: pointer to www.example.com
        "0005"              // TYPE CNAME
        "0001"              // CLASS IN
        "00000e10"          // TTL 3600
        "0006"              // RDLENGTH 6
        "03776562"          // CNAME "web" (offset 45)
        "c010"              // pointer to example.com
        "c02d"              // answer 2 NAME: pointer to web.example.com
        "0001"              // TYPE A
        "0001"              // CLASS IN
        "0000012c"          // TTL 300
        "0004"              // RDLENGTH 4
        "c0000250"          // 192.0.2.80
        "c010"              // authority NAME: pointer to example.com
        "0002"              // TYPE NS
        "0001"              // CLASS IN
        "00015180"          // TTL 86400
        "0006"              // RDLENGTH 6
        "036e7331"          // NSDNAME "ns1" (offset 79)
        "c010"              // pointer to example.com
        "c04f"              // additional 1 NAME: pointer to ns1.example.com
        "0001"              // TYPE A
        "0001"              // CLASS IN
        "00015180"          // TTL 86400
        "0004"              // RDLENGTH 4
        "c6336435"          // 198.51.100.53
        "00"                // additional 2 NAME: root
        "0029"              // TYPE OPT
        "04d0"              // CLASS: UDP payload size 1232
        "00008000"          // TTL: extended RCODE 0, version 0, DO
        "0000"              // RDLENGTH 0
    );

// An authoritative answer to ANY example.org with MX, TXT (three strings, the last empty), SOA,
// HINFO (RFC 8482 style), AAAA and SRV records. 215 octets.
const std::vector<std::byte> records =
    hex("beef"                              // ID
        "8400"                              // flags: QR=1 QUERY AA NoError
        "0001"                              // QDCOUNT
        "0006"                              // ANCOUNT
        "0000"                              // NSCOUNT
        "0000"                              // ARCOUNT
        "076578616d706c65"                  // QNAME (offset 12): "example"
        "036f7267"                          // "org"
        "00"                                // root label
        "00ff"                              // QTYPE ANY
        "0001"                              // QCLASS IN
        "c00c"                              // MX NAME (offset 29)
        "000f"                              // TYPE MX
        "0001"                              // CLASS IN
        "00000e10"                          // TTL 3600
        "0009"                              // RDLENGTH 9
        "000a"                              // PREFERENCE 10
        "046d61696c"                        // EXCHANGE "mail"
        "c00c"                              // pointer to example.org
        "c00c"                              // TXT NAME (offset 50)
        "0010"                              // TYPE TXT
        "0001"                              // CLASS IN
        "00000e10"                          // TTL 3600
        "0013"                              // RDLENGTH 19
        "0b763d73706631202d616c6c"          // TXT string 1 "v=spf1 -all"
        "0568656c6c6f"                      // TXT string 2 "hello"
        "00"                                // TXT string 3: empty
        "c00c"                              // SOA NAME (offset 81)
        "0006"                              // TYPE SOA
        "0001"                              // CLASS IN
        "00000e10"                          // TTL 3600
        "0027"                              // RDLENGTH 39
        "036e7331"                          // MNAME "ns1"
        "c00c"                              // pointer to example.org
        "0a686f73746d6173746572"            // RNAME "hostmaster"
        "c00c"                              // pointer to example.org
        "78a3f175"                          // SERIAL
        "00001c20"                          // REFRESH
        "00000e10"                          // RETRY
        "00127500"                          // EXPIRE
        "0000012c"                          // MINIMUM
        "c00c"                              // HINFO NAME (offset 132)
        "000d"                              // TYPE HINFO
        "0001"                              // CLASS IN
        "00000e10"                          // TTL 3600
        "0009"                              // RDLENGTH 9
        "0752464338343832"                  // CPU "RFC8482"
        "00"                                // OS: empty
        "c00c"                              // AAAA NAME (offset 153)
        "001c"                              // TYPE AAAA
        "0001"                              // CLASS IN
        "00000e10"                          // TTL 3600
        "0010"                              // RDLENGTH 16
        "20010db8000000000000000000000001"  // 2001:db8::1
        "045f736970"                        // SRV NAME (offset 181) "_sip"
        "045f756470"                        // "_udp"
        "c00c"                              // pointer to example.org
        "0021"                              // TYPE SRV
        "0001"                              // CLASS IN
        "00000e10"                          // TTL 3600
        "000c"                              // RDLENGTH 12
        "000a"                              // PRIORITY 10
        "003c"                              // WEIGHT 60
        "13c4"                              // PORT 5060
        "03736970"                          // TARGET "sip"
        "c00c"                              // pointer to example.org
    );

// A reverse lookup: the PTR record of 192.0.2.80. 70 octets.
const std::vector<std::byte> ptr =
    hex("0007"              // ID
        "8180"              // flags: QR=1 QUERY RD RA NoError
        "0001"              // QDCOUNT
        "0001"              // ANCOUNT
        "0000"              // NSCOUNT
        "0000"              // ARCOUNT
        "023830"            // QNAME (offset 12): "80"
        "0132"              // "2"
        "0130"              // "0"
        "03313932"          // "192"
        "07696e2d61646472"  // "in-addr"
        "0461727061"        // "arpa"
        "00"                // root label
        "000c"              // QTYPE PTR
        "0001"              // QCLASS IN
        "c00c"              // answer NAME
        "000c"              // TYPE PTR
        "0001"              // CLASS IN
        "00015180"          // TTL 86400
        "0011"              // RDLENGTH 17
        "03777777"          // PTRDNAME: "www"
        "076578616d706c65"  // "example"
        "03636f6d"          // "com"
        "00"                // root label
    );

// NXDomain with the zone's SOA in authority and an OPT record whose extended RCODE bits are 1,
// carrying a client cookie (RFC 7873). 93 octets.
const std::vector<std::byte> nxdomain =
    hex("4d2e"              // ID
        "8183"              // flags: QR=1 QUERY RD RA NXDomain
        "0001"              // QDCOUNT
        "0000"              // ANCOUNT
        "0001"              // NSCOUNT
        "0001"              // ARCOUNT
        "066e6f73756368"    // QNAME (offset 12; example.net at 19): "nosuch"
        "076578616d706c65"  // "example"
        "036e6574"          // "net"
        "00"                // root label
        "0001"              // QTYPE A
        "0001"              // QCLASS IN
        "c013"              // authority NAME: pointer to example.net
        "0006"              // TYPE SOA
        "0001"              // CLASS IN
        "00000384"          // TTL 900
        "0016"              // RDLENGTH 22
        "00"                // MNAME: root
        "00"                // RNAME: root
        "00000001"          // SERIAL
        "00000002"          // REFRESH
        "00000003"          // RETRY
        "00000004"          // EXPIRE
        "0000012c"          // MINIMUM
        "00"                // additional NAME: root
        "0029"              // TYPE OPT
        "1000"              // CLASS: UDP payload size 4096
        "01000000"          // TTL: extended RCODE 1 (upper bits), version 0, DO clear
        "000c"              // RDLENGTH 12
        "000a"              // OPTION-CODE COOKIE
        "0008"              // OPTION-LENGTH 8
        "0123456789abcdef"  // client cookie
    );

// Multicast DNS (224.0.0.251, port 5353): one "QU" question (unicast response wanted, RFC 6762
// section 5.4) and one "QM" question. 47 octets.
const std::vector<std::byte> mdns_query =
    hex("0000"              // ID
        "0000"              // flags: QR=0 QUERY
        "0002"              // QDCOUNT
        "0000"              // ANCOUNT
        "0000"              // NSCOUNT
        "0000"              // ARCOUNT
        "077072696e746572"  // QNAME (offset 12; local at 20): "printer"
        "056c6f63616c"      // "local"
        "00"                // root label
        "0001"              // QTYPE A
        "8001"              // QCLASS: QU bit, IN
        "045f697070"        // QNAME: "_ipp"
        "045f746370"        // "_tcp"
        "c014"              // pointer to offset 20
        "000c"              // QTYPE PTR
        "0001"              // QCLASS IN (QM)
    );

// An mDNS answer: a shared PTR record, then SRV, TXT (with a UTF-8 string) and A records with
// the cache-flush bit (RFC 6762 section 10.2). 124 octets.
const std::vector<std::byte> mdns_response =
    hex("0000"                  // ID
        "8400"                  // flags: QR=1 QUERY AA
        "0000"                  // QDCOUNT
        "0001"                  // ANCOUNT
        "0000"                  // NSCOUNT
        "0003"                  // ARCOUNT
        "045f697070"            // answer NAME (offset 12; _tcp.local at 17, local at 22): "_ipp"
        "045f746370"            // "_tcp"
        "056c6f63616c"          // "local"
        "00"                    // root label
        "000c"                  // TYPE PTR
        "0001"                  // CLASS IN
        "00001194"              // TTL 4500
        "000a"                  // RDLENGTH 10
        "075072696e746572"      // PTRDNAME "Printer" (offset 39)
        "c00c"                  // pointer to _ipp._tcp.local
        "c027"                  // additional 1 NAME: Printer._ipp._tcp.local
        "0021"                  // TYPE SRV
        "8001"                  // CLASS cache flush + IN
        "00000078"              // TTL 120
        "0010"                  // RDLENGTH 16
        "0000"                  // PRIORITY
        "0000"                  // WEIGHT
        "0277"                  // PORT 631
        "077072696e746572"      // TARGET "printer" (offset 67)
        "c016"                  // pointer to local
        "c027"                  // additional 2 NAME: Printer._ipp._tcp.local
        "0010"                  // TYPE TXT
        "8001"                  // CLASS cache flush + IN
        "00001194"              // TTL 4500
        "0013"                  // RDLENGTH 19
        "09747874766572733d31"  // TXT "txtvers=1"
        "0874793d436166c3a9"    // TXT "ty=Caf\u00e9" in UTF-8
        "c043"                  // additional 3 NAME: printer.local
        "0001"                  // TYPE A
        "8001"                  // CLASS cache flush + IN
        "00000078"              // TTL 120
        "0004"                  // RDLENGTH 4
        "c0000207"              // 192.0.2.7
    );

// DNS over TCP (RFC 7766): the 2-octet length prefix, then a query for the SOA of example.com. 31 octets.
const std::vector<std::byte> tcp_query =
    hex("001d"              // TCP length prefix: 29 octets
        "0d0e"              // ID
        "0000"              // flags: QR=0 QUERY
        "0001"              // QDCOUNT
        "0000"              // ANCOUNT
        "0000"              // NSCOUNT
        "0000"              // ARCOUNT
        "076578616d706c65"  // QNAME: "example"
        "03636f6d"          // "com"
        "00"                // root label
        "0006"              // QTYPE SOA
        "0001"              // QCLASS IN
    );

// A dynamic update (RFC 2136): zone example.com, add www.example.com A 192.0.2.80. 49 octets.
const std::vector<std::byte> update =
    hex("3c3c"              // ID
        "2800"              // flags: QR=0 UPDATE
        "0001"              // QDCOUNT
        "0000"              // ANCOUNT
        "0001"              // NSCOUNT
        "0000"              // ARCOUNT
        "076578616d706c65"  // ZNAME (offset 12): "example"
        "03636f6d"          // "com"
        "00"                // root label
        "0006"              // ZTYPE SOA
        "0001"              // ZCLASS IN
        "03777777"          // update NAME: "www"
        "c00c"              // pointer to offset 12
        "0001"              // TYPE A
        "0001"              // CLASS IN
        "0000012c"          // TTL 300
        "0004"              // RDLENGTH 4
        "c0000250"          // 192.0.2.80
    );

// Names tshark escapes: a label with a tab, a label with a control octet, an invalid UTF-8 octet and
// U+00E9; a name that is a pointer to itself; the root name. 37 octets.
const std::vector<std::byte> odd_names =
    hex("0bad"        // ID
        "0100"        // flags: QR=0 QUERY RD
        "0003"        // QDCOUNT
        "0000"        // ANCOUNT
        "0000"        // NSCOUNT
        "0000"        // ARCOUNT
        "03610962"    // QNAME label "a<TAB>b"
        "0401ffc3a9"  // label 01 ff c3a9: a control octet, invalid UTF-8, U+00E9
        "00"          // root label
        "0001"        // QTYPE A
        "0001"        // QCLASS IN
        "c01a"        // QNAME (offset 26): pointer to itself
        "0001"        // QTYPE A
        "0001"        // QCLASS IN
        "00"          // QNAME: root
        "0002"        // QTYPE NS
        "0001"        // QCLASS IN
    );

// An NSEC record (RFC 4034 section 4) whose type bitmap has A NS SOA MX AAAA RRSIG NSEC. 49 octets.
const std::vector<std::byte> nsec =
    hex("0f0f"              // ID
        "8500"              // flags: QR=1 QUERY AA RD NoError
        "0000"              // QDCOUNT
        "0001"              // ANCOUNT
        "0000"              // NSCOUNT
        "0000"              // ARCOUNT
        "076578616d706c65"  // NAME (offset 12): "example"
        "03636f6d"          // "com"
        "00"                // root label
        "002f"              // TYPE NSEC
        "0001"              // CLASS IN
        "00000e10"          // TTL 3600
        "000e"              // RDLENGTH 14
        "03777777"          // next domain "www"
        "c00c"              // pointer to example.com
        "00"                // window 0
        "06"                // bitmap length 6
        "620100080003"      // A NS SOA MX TXT AAAA RRSIG NSEC
    );

// A TXT record with a tab, DEL, an octet above 0x7f, UTF-8, and a NUL inside a string. 53 octets.
const std::vector<std::byte> txt_odd =
    hex("7777"                // ID
        "8180"                // flags: QR=1 QUERY RD RA NoError
        "0000"                // QDCOUNT
        "0001"                // ANCOUNT
        "0000"                // NSCOUNT
        "0000"                // ARCOUNT
        "076578616d706c65"    // NAME: "example"
        "03636f6d"            // "com"
        "00"                  // root label
        "0010"                // TYPE TXT
        "0001"                // CLASS IN
        "0000003c"            // TTL 60
        "0012"                // RDLENGTH 18
        "087461620968657265"  // TXT "tab<TAB>here"
        "047f80c3a9"          // TXT 7f 80 c3a9
        "03610062"            // TXT "a", NUL, "b"
    );

// ANCOUNT says 3, but one answer follows (tshark: malformed). 45 octets.
const std::vector<std::byte> counts_lie =
    hex("5555"              // ID
        "8180"              // flags: QR=1 QUERY RD RA NoError: ANCOUNT says 3, one record follows
        "0001"              // QDCOUNT
        "0003"              // ANCOUNT
        "0000"              // NSCOUNT
        "0000"              // ARCOUNT
        "076578616d706c65"  // QNAME: "example"
        "03636f6d"          // "com"
        "00"                // root label
        "0001"              // QTYPE A
        "0001"              // QCLASS IN
        "c00c"              // answer NAME
        "0001"              // TYPE A
        "0001"              // CLASS IN
        "0000003c"          // TTL 60
        "0004"              // RDLENGTH 4
        "c0000201"          // 192.0.2.1
    );

// The listing of one message, as dissect's `packets` mode prints it ("\tname=value" per field).
std::string listing(const DnsMessage& message) {
  detail::FieldSink sink;
  detail::list_dns(message, sink);
  std::string line;
  sink.write(line);
  return line;
}

// A copy of `bytes` with the 16-bit value at `offset` replaced, for lengths that lie.
std::vector<std::byte> with_u16(std::vector<std::byte> bytes, std::size_t offset, std::uint16_t value) {
  bytes[offset] = static_cast<std::byte>(value >> 8);
  bytes[offset + 1] = static_cast<std::byte>(value & 0xff);
  return bytes;
}

std::vector<std::byte> prefix(const std::vector<std::byte>& bytes, std::size_t length) {
  return std::vector<std::byte>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
}

template <class Range>
std::size_t count(const Range& range) {
  std::size_t n = 0;
  for (auto it = range.begin(); it != range.end(); ++it) ++n;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Header and questions

TEST(DnsMessage, ParsesAQuery) {
  auto dns = DnsMessage::parse(view(query));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  EXPECT_EQ(dns->bytes().size(), 33u);
  EXPECT_EQ(dns->flavor(), DnsFlavor::unicast);
  EXPECT_EQ(dns->id(), 0x1a2b);
  EXPECT_EQ(dns->flags(), 0x0100);
  EXPECT_FALSE(dns->is_response());
  EXPECT_EQ(dns->opcode(), DnsOpcode::query);
  EXPECT_TRUE(dns->recursion_desired());
  EXPECT_FALSE(dns->recursion_available());
  EXPECT_EQ(dns->rcode(), DnsRcode::noerror);
  EXPECT_EQ(dns->question_count(), 1);
  EXPECT_EQ(dns->answer_count(), 0);
  EXPECT_EQ(dns->authority_count(), 0);
  EXPECT_EQ(dns->additional_count(), 0);
  ASSERT_EQ(count(dns->questions()), 1u);
  const DnsQuestion question = *dns->questions().begin();
  EXPECT_EQ(question.name().text(), "www.example.com");
  EXPECT_EQ(question.type(), DnsType::a);
  EXPECT_EQ(question.class_(), DnsClass::in);
  EXPECT_EQ(question.raw_class(), 0x0001);
  EXPECT_FALSE(question.unicast_response());
  EXPECT_EQ(question.offset(), 12u);
  EXPECT_EQ(question.length(), 21u);
  EXPECT_EQ(question.bytes().size(), 21u);
  EXPECT_EQ(count(dns->records()), 0u);
  EXPECT_FALSE(dns->edns().has_value());
  EXPECT_EQ(dns->extended_rcode(), DnsRcode::noerror);
  EXPECT_TRUE(dns->trailing_data().empty());
}

TEST(DnsMessage, ReadsEveryHeaderFlag) {
  // QR AA TC RD RA, Z clear, AD CD, RCODE 0; then only Z; then opcode UPDATE and RCODE NotZone.
  const auto flags_set = hex("0001 87b0 0000 0000 0000 0000");
  auto dns = DnsMessage::parse(view(flags_set));
  ASSERT_TRUE(dns.ok());
  EXPECT_TRUE(dns->is_response());
  EXPECT_TRUE(dns->authoritative());
  EXPECT_TRUE(dns->truncated_flag());
  EXPECT_TRUE(dns->recursion_desired());
  EXPECT_TRUE(dns->recursion_available());
  EXPECT_FALSE(dns->z());
  EXPECT_TRUE(dns->authentic_data());
  EXPECT_TRUE(dns->checking_disabled());
  const auto z_only = hex("0001 0040 0000 0000 0000 0000");
  EXPECT_TRUE(DnsMessage(view(z_only)).z());
  EXPECT_FALSE(DnsMessage(view(z_only)).authentic_data());
  const auto update_header = hex("0001 a80a 0000 0000 0000 0000");
  EXPECT_EQ(DnsMessage(view(update_header)).opcode(), DnsOpcode::update);
  EXPECT_EQ(DnsMessage(view(update_header)).rcode(), DnsRcode::notzone);
}

// ---------------------------------------------------------------------------------------------
// Records

TEST(DnsMessage, WalksAResponseWithCompressedNames) {
  auto dns = DnsMessage::parse(view(response));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  EXPECT_TRUE(dns->is_response());
  EXPECT_TRUE(dns->recursion_available());
  ASSERT_EQ(count(dns->answers()), 2u);
  ASSERT_EQ(count(dns->authorities()), 1u);
  ASSERT_EQ(count(dns->additionals()), 2u);
  ASSERT_EQ(count(dns->records()), 5u);

  auto answer = dns->answers().begin();
  const DnsRecord cname = *answer;
  EXPECT_EQ(cname.section(), DnsSection::answer);
  EXPECT_EQ(cname.name().text(), "www.example.com");
  EXPECT_EQ(cname.type(), DnsType::cname);
  EXPECT_EQ(cname.class_(), DnsClass::in);
  EXPECT_EQ(cname.ttl(), 3600u);
  EXPECT_EQ(cname.offset(), 33u);
  EXPECT_EQ(cname.rdata_offset(), 45u);
  EXPECT_EQ(cname.rdata_length(), 6);
  EXPECT_EQ(cname.rdata().size(), 6u);
  EXPECT_EQ(cname.length(), 18u);
  ASSERT_TRUE(cname.cname().has_value());
  EXPECT_EQ(cname.cname()->text(), "web.example.com");
  EXPECT_FALSE(cname.a().has_value());
  EXPECT_FALSE(cname.ns().has_value());
  ++answer;
  const DnsRecord a = *answer;
  EXPECT_EQ(a.name().text(), "web.example.com");
  ASSERT_TRUE(a.a().has_value());
  EXPECT_EQ(*a.a(), Ipv4Address::from_uint(0xC0000250));  // 192.0.2.80
  EXPECT_EQ(a.ttl(), 300u);

  const DnsRecord ns = *dns->authorities().begin();
  EXPECT_EQ(ns.section(), DnsSection::authority);
  EXPECT_EQ(ns.name().text(), "example.com");
  ASSERT_TRUE(ns.ns().has_value());
  EXPECT_EQ(ns.ns()->text(), "ns1.example.com");
  EXPECT_EQ(ns.ttl(), 86400u);

  auto additional = dns->additionals().begin();
  EXPECT_EQ((*additional).section(), DnsSection::additional);
  EXPECT_EQ((*additional).name().text(), "ns1.example.com");
  EXPECT_EQ((*additional).a()->to_string(), "198.51.100.53");
  ++additional;
  const DnsRecord opt = *additional;
  EXPECT_TRUE(opt.name().is_root());
  EXPECT_EQ(opt.type(), DnsType::opt);
  ASSERT_TRUE(opt.opt().has_value());
  EXPECT_EQ(opt.opt()->udp_payload_size, 1232);
  EXPECT_EQ(opt.opt()->extended_rcode, 0);
  EXPECT_EQ(opt.opt()->version, 0);
  EXPECT_TRUE(opt.opt()->dnssec_ok);
  EXPECT_EQ(opt.opt()->flags, 0x8000);
  EXPECT_EQ(opt.opt()->options.size(), 0u);
  ++additional;
  EXPECT_TRUE(additional == dns->additionals().end());

  ASSERT_TRUE(dns->edns().has_value());
  EXPECT_EQ(dns->edns()->udp_payload_size, 1232);
  EXPECT_EQ(dns->extended_rcode(), DnsRcode::noerror);

  const DnsSection expected[] = {DnsSection::answer, DnsSection::answer, DnsSection::authority, DnsSection::additional,
                                 DnsSection::additional};
  std::size_t i = 0;
  for (const DnsRecord& record : dns->records()) EXPECT_EQ(record.section(), expected[i++]);
}

TEST(DnsMessage, ReadsTheRdataOfCommonTypes) {
  auto dns = DnsMessage::parse(view(records));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  EXPECT_TRUE(dns->authoritative());
  EXPECT_EQ((*dns->questions().begin()).type(), DnsType::any);
  std::vector<DnsRecord> list;
  for (const DnsRecord& record : dns->answers()) list.push_back(record);
  ASSERT_EQ(list.size(), 6u);

  const auto mx = list[0].mx();
  ASSERT_TRUE(mx.has_value());
  EXPECT_EQ(mx->preference, 10);
  EXPECT_EQ(mx->exchange.text(), "mail.example.org");
  EXPECT_FALSE(list[0].txt().has_value());

  const auto txt = list[1].txt();
  ASSERT_TRUE(txt.has_value());
  std::vector<std::string> strings;
  for (ByteView string : *txt) strings.emplace_back(as_text(string));
  EXPECT_EQ(strings, (std::vector<std::string>{"v=spf1 -all", "hello", ""}));
  EXPECT_EQ(txt->size(), 3u);
  EXPECT_EQ(txt->bytes().size(), 19u);

  const auto soa = list[2].soa();
  ASSERT_TRUE(soa.has_value());
  EXPECT_EQ(soa->mname.text(), "ns1.example.org");
  EXPECT_EQ(soa->rname.text(), "hostmaster.example.org");
  EXPECT_EQ(soa->serial, 2024010101u);
  EXPECT_EQ(soa->refresh, 7200u);
  EXPECT_EQ(soa->retry, 3600u);
  EXPECT_EQ(soa->expire, 1209600u);
  EXPECT_EQ(soa->minimum, 300u);

  const auto hinfo = list[3].hinfo();
  ASSERT_TRUE(hinfo.has_value());
  EXPECT_EQ(as_text(hinfo->cpu), "RFC8482");
  EXPECT_EQ(as_text(hinfo->os), "");

  const auto aaaa = list[4].aaaa();
  ASSERT_TRUE(aaaa.has_value());
  EXPECT_EQ(aaaa->to_string(), "2001:db8::1");
  EXPECT_FALSE(list[4].a().has_value());

  EXPECT_EQ(list[5].name().text(), "_sip._udp.example.org");
  const auto srv = list[5].srv();
  ASSERT_TRUE(srv.has_value());
  EXPECT_EQ(srv->priority, 10);
  EXPECT_EQ(srv->weight, 60);
  EXPECT_EQ(srv->port, 5060);
  EXPECT_EQ(srv->target.text(), "sip.example.org");

  for (const DnsRecord& record : list) EXPECT_FALSE(record.opt().has_value());
  EXPECT_FALSE(list[5].hinfo().has_value());
  EXPECT_FALSE(list[3].soa().has_value());
}

TEST(DnsMessage, ReadsAPtrRecord) {
  auto dns = DnsMessage::parse(view(ptr));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  const DnsRecord record = *dns->answers().begin();
  EXPECT_EQ(record.name().text(), "80.2.0.192.in-addr.arpa");
  EXPECT_EQ(record.name().label_count(), 6u);
  ASSERT_TRUE(record.ptr().has_value());
  EXPECT_EQ(record.ptr()->text(), "www.example.com");
  EXPECT_FALSE(record.cname().has_value());
}

TEST(DnsMessage, CombinesTheExtendedRcodeOfOpt) {
  auto dns = DnsMessage::parse(view(nxdomain));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  EXPECT_EQ(dns->rcode(), DnsRcode::nxdomain);
  const DnsRecord soa = *dns->authorities().begin();
  EXPECT_EQ(soa.name().text(), "example.net");
  ASSERT_TRUE(soa.soa().has_value());
  EXPECT_TRUE(soa.soa()->mname.is_root());
  EXPECT_EQ(soa.soa()->mname.text(), "<Root>");
  EXPECT_EQ(soa.soa()->minimum, 300u);
  const auto edns = dns->edns();
  ASSERT_TRUE(edns.has_value());
  EXPECT_EQ(edns->udp_payload_size, 4096);
  EXPECT_EQ(edns->extended_rcode, 1);
  EXPECT_FALSE(edns->dnssec_ok);
  // 12-bit RCODE: 1 above the header's 3 is 19 (RFC 6891 section 6.1.3).
  EXPECT_EQ(dns->extended_rcode(), DnsRcode{19});
  ASSERT_EQ(edns->options.size(), 1u);
  const DnsOption cookie = *edns->options.begin();
  EXPECT_EQ(cookie.code, dns_option_code::cookie);
  EXPECT_EQ(cookie.data.size(), 8u);
  EXPECT_EQ(std::to_integer<int>(cookie.data[0]), 0x01);
}

TEST(DnsMessage, AcceptsAnUpdate) {
  auto dns = DnsMessage::parse(view(update));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  EXPECT_EQ(dns->opcode(), DnsOpcode::update);
  EXPECT_EQ((*dns->questions().begin()).type(), DnsType::soa);  // the zone section
  const DnsRecord record = *dns->authorities().begin();         // the update section
  EXPECT_EQ(record.name().text(), "www.example.com");
  EXPECT_EQ(record.a()->to_string(), "192.0.2.80");
}

TEST(DnsMessage, AcceptsEmptyRdataForEveryType) {
  // An UPDATE deleting an RRset: class ANY, TTL 0, RDLENGTH 0 (RFC 2136 section 2.5.2).
  const auto delete_rrset =
      hex("0002 2800 0001 0000 0001 0000"
          "076578616d706c65 03636f6d 00  0006 0001"  // zone example.com SOA IN
          "c00c  0001 00ff 00000000 0000");          // example.com A ANY, empty RDATA
  auto dns = DnsMessage::parse(view(delete_rrset));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  const DnsRecord record = *dns->authorities().begin();
  EXPECT_EQ(record.class_(), DnsClass::any);
  EXPECT_EQ(record.rdata_length(), 0);
  EXPECT_FALSE(record.a().has_value());
}

// ---------------------------------------------------------------------------------------------
// Multicast DNS

TEST(DnsMessage, SplitsTheQuBitInMdnsQuestions) {
  auto dns = DnsMessage::parse(view(mdns_query), DnsFlavor::mdns);
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  EXPECT_EQ(dns->flavor(), DnsFlavor::mdns);
  EXPECT_EQ(dns->id(), 0);
  auto question = dns->questions().begin();
  EXPECT_EQ((*question).name().text(), "printer.local");
  EXPECT_TRUE((*question).unicast_response());
  EXPECT_EQ((*question).class_(), DnsClass::in);
  EXPECT_EQ((*question).raw_class(), 0x8001);
  ++question;
  EXPECT_EQ((*question).name().text(), "_ipp._tcp.local");
  EXPECT_FALSE((*question).unicast_response());
  EXPECT_EQ((*question).type(), DnsType::ptr);

  // The same bytes as unicast DNS: the top bit is part of the class.
  auto unicast = DnsMessage::parse(view(mdns_query));
  ASSERT_TRUE(unicast.ok());
  EXPECT_FALSE((*unicast->questions().begin()).unicast_response());
  EXPECT_EQ((*unicast->questions().begin()).class_(), DnsClass{0x8001});
}

TEST(DnsMessage, SplitsTheCacheFlushBitInMdnsRecords) {
  auto dns = DnsMessage::parse(view(mdns_response), DnsFlavor::mdns);
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  const DnsRecord ptr_record = *dns->answers().begin();
  EXPECT_FALSE(ptr_record.cache_flush());
  EXPECT_EQ(ptr_record.ptr()->text(), "Printer._ipp._tcp.local");
  std::vector<DnsRecord> list;
  for (const DnsRecord& record : dns->additionals()) list.push_back(record);
  ASSERT_EQ(list.size(), 3u);
  for (const DnsRecord& record : list) {
    EXPECT_TRUE(record.cache_flush());
    EXPECT_EQ(record.class_(), DnsClass::in);
    EXPECT_EQ(record.raw_class(), 0x8001);
  }
  EXPECT_EQ(list[0].srv()->port, 631);
  EXPECT_EQ(list[0].srv()->target.text(), "printer.local");
  std::vector<std::string> strings;
  const auto txt = list[1].txt();  // the strings are views into the message, the range is not
  ASSERT_TRUE(txt.has_value());
  for (ByteView string : *txt) strings.emplace_back(as_text(string));
  EXPECT_EQ(strings, (std::vector<std::string>{"txtvers=1", "ty=Caf\xc3\xa9"}));
  EXPECT_EQ(list[2].a()->to_string(), "192.0.2.7");
  // Errors of an mDNS message say mDNS.
  auto cut = DnsMessage::parse(ByteView(mdns_response.data(), 20), DnsFlavor::mdns);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().protocol, Protocol::mdns);
}

// ---------------------------------------------------------------------------------------------
// DNS over TCP

TEST(DnsMessage, ParsesAMessageAfterItsTcpLengthPrefix) {
  auto dns = DnsMessage::parse_tcp(view(tcp_query));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  EXPECT_EQ(dns->bytes().size(), 29u);  // the view covers the message, not the prefix
  EXPECT_EQ(dns->bytes().data(), tcp_query.data() + 2);
  EXPECT_EQ(dns->id(), 0x0d0e);
  EXPECT_EQ((*dns->questions().begin()).type(), DnsType::soa);

  // A second message in the same segment is left alone by parse_tcp.
  std::vector<std::byte> two = tcp_query;
  two.insert(two.end(), tcp_query.begin(), tcp_query.end());
  auto first = DnsMessage::parse_tcp(view(two));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->bytes().size(), 29u);
}

TEST(DnsMessage, TellsWhenATcpMessageDoesNotFitItsSegment) {
  test::expect_truncated_at_every_cut(tcp_query, tcp_query.size(), Protocol::dns,
                                      [](ByteView bytes) { return DnsMessage::parse_tcp(bytes); });
  auto cut = DnsMessage::parse_tcp(ByteView(tcp_query.data(), 20));
  ASSERT_FALSE(cut.ok());
  EXPECT_STREQ(cut.error().reason, "message does not fit its segment (TCP length prefix)");
  // A prefix shorter than the message: the message ends inside its question, which the
  // prefix says is the whole message, so the question is a lie, not a cut capture.
  auto short_prefix = DnsMessage::parse_tcp(view(with_u16(tcp_query, 0, 20)));
  ASSERT_FALSE(short_prefix.ok());
  EXPECT_EQ(short_prefix.error().kind, ErrorKind::invalid);
  // A zero prefix announces an empty message, which cannot hold a header.
  auto zero = DnsMessage::parse_tcp(view(with_u16(tcp_query, 0, 0)));
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().kind, ErrorKind::invalid);
  // An error inside the part that is there is reported first; offsets count the prefix.
  std::vector<std::byte> looping = prefix(with_u16(tcp_query, 0, 40), 14);  // prefix and header
  looping.push_back(std::byte{0xc0});  // QNAME: a pointer to itself (message offset 12)
  looping.push_back(std::byte{0x0c});
  auto loop = DnsMessage::parse_tcp(view(looping));
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.error().kind, ErrorKind::invalid);
  EXPECT_EQ(loop.error().offset, 14u);
}

TEST(DnsMessage, SplitsATcpSegmentIntoMessages) {
  std::vector<std::byte> segment = tcp_query;
  segment.insert(segment.end(), tcp_query.begin(), tcp_query.begin() + 12);  // prefix + 10 octets
  std::vector<std::size_t> sizes;
  for (ByteView message : DnsMessage::tcp_messages(view(segment))) sizes.push_back(message.size());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{29, 10}));

  const auto empty_then_half = hex("0000 00");  // a zero prefix, then one octet of a prefix
  sizes.clear();
  for (ByteView message : DnsMessage::tcp_messages(view(empty_then_half))) sizes.push_back(message.size());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{0}));
  EXPECT_EQ(count(DnsMessage::tcp_messages(ByteView{})), 0u);
}

// ---------------------------------------------------------------------------------------------
// Truncated and invalid

TEST(DnsMessage, EveryCutIsTruncated) {
  const auto parse_dns = [](ByteView bytes) { return DnsMessage::parse(bytes); };
  const auto parse_mdns = [](ByteView bytes) { return DnsMessage::parse(bytes, DnsFlavor::mdns); };
  test::expect_truncated_at_every_cut(query, query.size(), Protocol::dns, parse_dns);
  test::expect_truncated_at_every_cut(response, response.size(), Protocol::dns, parse_dns);
  test::expect_truncated_at_every_cut(records, records.size(), Protocol::dns, parse_dns);
  test::expect_truncated_at_every_cut(ptr, ptr.size(), Protocol::dns, parse_dns);
  test::expect_truncated_at_every_cut(nxdomain, nxdomain.size(), Protocol::dns, parse_dns);
  test::expect_truncated_at_every_cut(update, update.size(), Protocol::dns, parse_dns);
  test::expect_truncated_at_every_cut(mdns_query, mdns_query.size(), Protocol::mdns, parse_mdns);
  test::expect_truncated_at_every_cut(mdns_response, mdns_response.size(), Protocol::mdns, parse_mdns);
}

TEST(DnsMessage, CutsAreInvalidWhenTheMessageLengthIsKnown) {
  // The UDP length says 112 octets were sent and all were captured: a message that ends early
  // within them lies about its counts.
  auto whole = DnsMessage::parse(view(response), response.size());
  ASSERT_TRUE(whole.ok()) << whole.error().reason;
  const std::size_t cuts[] = {0, 11, 12, 40, 60, 111};
  for (std::size_t cut : cuts) {
    auto lie = DnsMessage::parse(ByteView(response.data(), cut), cut);
    ASSERT_FALSE(lie.ok()) << cut;
    EXPECT_EQ(lie.error().kind, ErrorKind::invalid) << cut;
    // Captured short of a longer message: truncated.
    auto capture = DnsMessage::parse(ByteView(response.data(), cut), response.size());
    ASSERT_FALSE(capture.ok()) << cut;
    EXPECT_EQ(capture.error().kind, ErrorKind::truncated) << cut;
  }
  // Bytes captured beyond the message's length are not part of it.
  std::vector<std::byte> padded = query;
  padded.resize(query.size() + 6);
  auto cut_to_length = DnsMessage::parse(view(padded), query.size());
  ASSERT_TRUE(cut_to_length.ok());
  EXPECT_EQ(cut_to_length->bytes().size(), query.size());
  EXPECT_TRUE(cut_to_length->trailing_data().empty());
  // Without the length, they are trailing data (Wireshark's "Extraneous Data").
  auto with_padding = DnsMessage::parse(view(padded));
  ASSERT_TRUE(with_padding.ok());
  EXPECT_EQ(with_padding->trailing_data().size(), 6u);
}

TEST(DnsMessage, CountsThatLie) {
  // ANCOUNT 3 with one record: truncated (more bytes could hold the others), invalid when the
  // message is known to be complete.
  auto dns = DnsMessage::parse(view(counts_lie));
  ASSERT_FALSE(dns.ok());
  EXPECT_EQ(dns.error().kind, ErrorKind::truncated);
  EXPECT_STREQ(dns.error().reason, "ANCOUNT promises more records than the message holds");
  EXPECT_EQ(dns.error().offset, counts_lie.size());
  auto complete = DnsMessage::parse(view(counts_lie), counts_lie.size());
  ASSERT_FALSE(complete.ok());
  EXPECT_EQ(complete.error().kind, ErrorKind::invalid);
  // The unchecked view yields the one record there is, and stops.
  const DnsMessage unchecked(view(counts_lie));
  EXPECT_EQ(count(unchecked.answers()), 1u);
  EXPECT_EQ((*unchecked.answers().begin()).a()->to_string(), "192.0.2.1");
  // QDCOUNT 65535: bounded by the bytes, not by the count.
  const auto many = with_u16(query, 4, 0xffff);
  EXPECT_EQ(DnsMessage::parse(view(many)).error().kind, ErrorKind::truncated);
  EXPECT_EQ(count(DnsMessage(view(many)).questions()), 1u);
  // ANCOUNT 0: the first three records are read as the authority and additional sections the
  // other counts announce, and the last two are trailing data.
  const auto no_answers = with_u16(response, 6, 0);
  auto zero = DnsMessage::parse(view(no_answers));
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(count(zero->answers()), 0u);
  EXPECT_EQ(count(zero->records()), 3u);
  EXPECT_EQ((*zero->authorities().begin()).type(), DnsType::cname);
  EXPECT_EQ(zero->trailing_data().size(), 112u - 85u);
}

TEST(DnsMessage, RdlengthsThatLie) {
  // The last record of `response` is the OPT record at 101; its RDLENGTH is at 110.
  const auto too_long = with_u16(response, 110, 1);
  EXPECT_EQ(DnsMessage::parse(view(too_long)).error().kind, ErrorKind::truncated);
  auto lie = DnsMessage::parse(view(too_long), too_long.size());
  ASSERT_FALSE(lie.ok());
  EXPECT_EQ(lie.error().kind, ErrorKind::invalid);
  EXPECT_STREQ(lie.error().reason, "RDLENGTH runs past the end of the message");
  EXPECT_EQ(lie.error().offset, 110u);
  // An RDLENGTH that would end past 65535 octets cannot be a cut capture.
  auto huge = DnsMessage::parse(view(with_u16(response, 110, 0xffff)));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().kind, ErrorKind::invalid);
  // The A record of 192.0.2.80 (RDLENGTH at 61) with 3 or 5 octets: A is 4 octets in class IN.
  for (std::uint16_t length : {std::uint16_t{3}, std::uint16_t{5}}) {
    auto bad_a = DnsMessage::parse(view(with_u16(response, 61, length)));
    ASSERT_FALSE(bad_a.ok());
    EXPECT_EQ(bad_a.error().kind, ErrorKind::invalid);
  }
  auto short_a = DnsMessage::parse(view(with_u16(response, 61, 3)));
  EXPECT_STREQ(short_a.error().reason, "A RDATA is not 4 octets");
  EXPECT_EQ(short_a.error().offset, 63u);
  // The CNAME (RDLENGTH at 43, name of 6 octets) with 5 and with 7 octets.
  auto short_cname = DnsMessage::parse(view(with_u16(response, 43, 5)));
  ASSERT_FALSE(short_cname.ok());
  EXPECT_STREQ(short_cname.error().reason, "name in RDATA runs past RDLENGTH");
  auto long_cname = DnsMessage::parse(view(with_u16(response, 43, 7)));
  ASSERT_FALSE(long_cname.ok());
  EXPECT_STREQ(long_cname.error().reason, "RDATA holds more than one name");
  // The AAAA of `records` (RDLENGTH at 163) with 4 octets.
  auto short_aaaa = DnsMessage::parse(view(with_u16(records, 163, 4)));
  ASSERT_FALSE(short_aaaa.ok());
  EXPECT_STREQ(short_aaaa.error().reason, "AAAA RDATA is not 16 octets");
  // The MX (RDLENGTH at 39, 9 octets) with 6: its name runs past RDLENGTH.
  auto short_mx = DnsMessage::parse(view(with_u16(records, 39, 6)));
  ASSERT_FALSE(short_mx.ok());
  EXPECT_STREQ(short_mx.error().reason, "name in RDATA runs past RDLENGTH");
  // The SRV (RDLENGTH at 201, 12 octets) with 5: shorter than its fixed fields.
  auto short_srv = DnsMessage::parse(view(with_u16(records, 201, 5)));
  ASSERT_FALSE(short_srv.ok());
  EXPECT_STREQ(short_srv.error().reason, "SRV RDATA shorter than priority, weight and port");
  // A zero RDLENGTH on the A record of `counts_lie` (at 39; ANCOUNT made 1): accepted, and
  // a() says nothing.
  const auto empty_a_bytes = with_u16(with_u16(prefix(counts_lie, 41), 39, 0), 6, 1);
  auto empty_a = DnsMessage::parse(view(empty_a_bytes));
  ASSERT_TRUE(empty_a.ok()) << empty_a.error().reason;
  EXPECT_FALSE((*empty_a->answers().begin()).a().has_value());
}

TEST(DnsMessage, RdataThatContradictsItsType) {
  // TXT whose second string claims 7 octets of the 6 left (RDLENGTH at 60, string at 74).
  std::vector<std::byte> txt_overrun = records;
  txt_overrun[74] = std::byte{7};
  auto txt = DnsMessage::parse(view(txt_overrun));
  ASSERT_FALSE(txt.ok());
  EXPECT_STREQ(txt.error().reason, "TXT character-string runs past RDLENGTH");
  // HINFO with one string only (RDLENGTH at 142, 9 octets -> 8).
  auto hinfo = DnsMessage::parse(view(with_u16(with_u16(records, 142, 8), 6, 4)));
  ASSERT_FALSE(hinfo.ok());
  EXPECT_STREQ(hinfo.error().reason, "HINFO RDATA is not two character-strings");
  // SOA with one octet too many (RDLENGTH at 91).
  auto soa = DnsMessage::parse(view(with_u16(with_u16(records, 91, 38), 6, 3)));
  ASSERT_FALSE(soa.ok());
  EXPECT_EQ(soa.error().kind, ErrorKind::invalid);
  // OPT whose option claims 9 octets of the 8 there are (OPTION-LENGTH at 83 of nxdomain).
  auto opt = DnsMessage::parse(view(with_u16(nxdomain, 83, 9)));
  ASSERT_FALSE(opt.ok());
  EXPECT_STREQ(opt.error().reason, "OPT option runs past RDLENGTH");
}

// ---------------------------------------------------------------------------------------------
// Names

TEST(DnsName, DecompressesFollowingPointers) {
  std::size_t length = 0;
  auto web = DnsName::decompress(view(response), 45, &length);
  ASSERT_TRUE(web.ok());
  EXPECT_EQ(web->text(), "web.example.com");
  EXPECT_EQ(length, 6u);  // "web" and a pointer
  EXPECT_EQ(web->wire_length(), 17u);
  EXPECT_EQ(web->label_count(), 3u);
  std::vector<std::string> labels;
  for (ByteView label : web->labels()) labels.emplace_back(as_text(label));
  EXPECT_EQ(labels, (std::vector<std::string>{"web", "example", "com"}));
  EXPECT_STREQ(web->c_str(), "web.example.com");
  EXPECT_EQ(web->to_string(), "web.example.com");
  EXPECT_EQ(static_cast<std::uint8_t>(web->wire()[0]), 3);
  EXPECT_EQ(static_cast<std::uint8_t>(web->wire()[16]), 0);
}

TEST(DnsName, RootAndText) {
  const DnsName root;
  EXPECT_TRUE(root.is_root());
  EXPECT_EQ(root.text(), "<Root>");  // as Wireshark shows it
  EXPECT_EQ(root.wire_length(), 1u);
  EXPECT_EQ(count(root.labels()), 0u);
  EXPECT_TRUE(DnsName::from_text(".")->is_root());
  EXPECT_TRUE(DnsName::from_text("")->is_root());
  auto name = DnsName::from_text("WWW.Example.COM.");
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(name->text(), "WWW.Example.COM");
  EXPECT_TRUE(*name == *DnsName::from_text("www.example.com"));  // RFC 4343: case-insensitive
  EXPECT_FALSE(*name == *DnsName::from_text("www.example.org"));
  EXPECT_FALSE(*name == root);
  EXPECT_FALSE(DnsName::from_text("a..b").has_value());
  EXPECT_FALSE(DnsName::from_text(".a").has_value());
  EXPECT_FALSE(DnsName::from_text("a..").has_value());
  EXPECT_FALSE(DnsName::from_text(std::string(64, 'x')).has_value());
  EXPECT_TRUE(DnsName::from_text(std::string(63, 'x')).has_value());
}

TEST(DnsName, EscapesTextAsTsharkDoes) {
  // The first question of `odd_names`: labels "a<TAB>b" and 01 ff c3 a9; tshark prints
  // "a\tb.\001", U+FFFD for the lone ff, then the e with acute accent that c3 a9 encodes.
  auto odd = DnsName::decompress(view(odd_names), 12);
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->text(), "a\\tb.\\001\xef\xbf\xbd\xc3\xa9");
  // A zero-width space (U+200B, a format character) is written as its code point: tshark
  // prints "a\u200Bb".
  auto zero_width = DnsName::from_wire(view(hex("05 61e2808b62 00")));
  ASSERT_TRUE(zero_width.ok());
  EXPECT_EQ(zero_width->text(), "a\\u200Bb");
  // Dots and backslashes inside labels are not escaped; labels() tells them apart.
  auto dotted = DnsName::from_wire(view(hex("03 612e62 00")));
  ASSERT_TRUE(dotted.ok());
  EXPECT_EQ(dotted->text(), "a.b");
  EXPECT_EQ(dotted->label_count(), 1u);
}

TEST(DnsName, FromWireChecksTheForm) {
  EXPECT_TRUE(DnsName::from_wire(view(hex("01 61 00"))).ok());
  EXPECT_EQ(DnsName::from_wire(view(hex("01 61"))).error().kind, ErrorKind::truncated);
  EXPECT_EQ(DnsName::from_wire(view(hex("02 61"))).error().kind, ErrorKind::truncated);
  EXPECT_EQ(DnsName::from_wire(view(hex("01 61 00 00"))).error().kind, ErrorKind::invalid);
  EXPECT_EQ(DnsName::from_wire(view(hex("c0 0c"))).error().kind, ErrorKind::invalid);
  EXPECT_EQ(DnsName::from_wire(view(hex("41 61 00"))).error().kind, ErrorKind::invalid);
}

// A query whose QNAME is `name` (in wire form, possibly with pointers), QTYPE A, QCLASS IN.
std::vector<std::byte> query_for(const std::vector<std::byte>& name, std::size_t extra = 0) {
  std::vector<std::byte> message = hex("0000 0100 0001 0000 0000 0000");
  message.insert(message.end(), name.begin(), name.end());
  const auto tail = hex("0001 0001");
  message.insert(message.end(), tail.begin(), tail.end());
  message.resize(message.size() + extra);
  return message;
}

DecodeError query_error(const std::vector<std::byte>& name) { return DnsMessage::parse(view(query_for(name))).error(); }

TEST(DnsName, RejectsHostileNames) {
  // A pointer to itself, and two pointers to each other.
  EXPECT_STREQ(query_error(hex("c00c")).reason, "compression pointers form a loop");
  EXPECT_STREQ(query_error(hex("c00e c00c")).reason, "compression pointers form a loop");
  // A loop through a label grows the name past 255 octets: still reported as a loop.
  EXPECT_STREQ(query_error(hex("0161 c00c")).reason, "compression pointers form a loop");
  EXPECT_EQ(query_error(hex("0161 c00c")).kind, ErrorKind::invalid);
  // A pointer past the end of the message.
  EXPECT_STREQ(query_error(hex("c0ff")).reason, "compression pointer points outside the message");
  EXPECT_EQ(query_error(hex("c0ff")).offset, 12u);
  // Label types 01 (extended, RFC 6891 section 5) and 10 (reserved).
  EXPECT_STREQ(query_error(hex("4161 00")).reason, "label type 01 or 10 is reserved");
  EXPECT_STREQ(query_error(hex("8161 00")).reason, "label type 01 or 10 is reserved");
  // Four labels of 63 octets: 257 octets in wire form.
  std::vector<std::byte> long_name;
  for (int i = 0; i < 4; ++i) {
    long_name.push_back(std::byte{63});
    long_name.insert(long_name.end(), 63, std::byte{'x'});
  }
  long_name.push_back(std::byte{0});
  EXPECT_STREQ(query_error(long_name).reason, "name longer than 255 octets");
  EXPECT_NE(listing(DnsMessage(view(query_for(long_name)))).find("\tdns.qry.name=<Name too long>\t"),
            std::string::npos);  // as tshark prints it
  // Three labels of 63 and one of 61: exactly 255 octets.
  long_name.erase(long_name.end() - 3, long_name.end() - 1);  // two octets of the last label
  long_name[3 * 64] = std::byte{61};
  ASSERT_EQ(long_name.size(), 255u);
  const auto longest_query = query_for(long_name);
  auto longest = DnsMessage::parse(view(longest_query));
  ASSERT_TRUE(longest.ok()) << longest.error().reason;
  EXPECT_EQ((*longest->questions().begin()).name().wire_length(), 255u);
}

TEST(DnsName, FollowsAtMost255Pointers) {
  // The QNAME points to a chain of pointers laid out after the question, each to the next,
  // ending at "x": `chain` pointers in all. Wireshark follows 255 and calls the 256th a loop.
  const auto chain = [](std::size_t pointers) {
    std::vector<std::byte> message = hex("0000 0100 0001 0000 0000 0000");
    const std::size_t first = 12 + 2 + 4;
    message.push_back(std::byte{0xc0});
    message.push_back(static_cast<std::byte>(first));
    const auto tail = hex("0001 0001");
    message.insert(message.end(), tail.begin(), tail.end());
    for (std::size_t i = 1; i < pointers; ++i) {
      const std::size_t next = first + 2 * i;
      message.push_back(static_cast<std::byte>(0xc0 | (next >> 8)));
      message.push_back(static_cast<std::byte>(next & 0xff));
    }
    const auto x = hex("0178 00");
    message.insert(message.end(), x.begin(), x.end());
    return message;
  };
  const auto most_bytes = chain(255);
  auto most = DnsMessage::parse(view(most_bytes));
  ASSERT_TRUE(most.ok()) << most.error().reason;
  EXPECT_EQ((*most->questions().begin()).name().text(), "x");
  EXPECT_EQ(most->trailing_data().size(), 2 * 254 + 3u);
  auto too_many = DnsMessage::parse(view(chain(256)));
  ASSERT_FALSE(too_many.ok());
  EXPECT_STREQ(too_many.error().reason, "compression pointers form a loop");
}

TEST(DnsName, AcceptsForwardPointers) {
  // RFC 1035 means pointers to earlier names, but Wireshark follows any pointer in the message.
  const auto forward =
      hex("0000 8180 0000 0001 0000 0000"
          "c01c 0001 0001 0000012c 0004 c0000201"  // NAME: pointer to offset 28, A 192.0.2.1
          "03667764 076578616d706c65 00");         // offset 28: fwd.example
  auto dns = DnsMessage::parse(view(forward));
  ASSERT_TRUE(dns.ok()) << dns.error().reason;
  EXPECT_EQ((*dns->answers().begin()).name().text(), "fwd.example");
  EXPECT_EQ(dns->trailing_data().size(), 13u);
}

// ---------------------------------------------------------------------------------------------
// Views that were not checked

TEST(DnsMessage, UncheckedViewsStopWhereTheBytesDo) {
  const DnsMessage empty;
  EXPECT_EQ(empty.id(), 0);
  EXPECT_EQ(empty.question_count(), 0);
  EXPECT_EQ(count(empty.questions()), 0u);
  EXPECT_EQ(count(empty.records()), 0u);
  EXPECT_FALSE(empty.edns().has_value());

  // `response` cut inside its A record (which ends at 67): the CNAME is there, the rest is not.
  const DnsMessage cut(ByteView(response.data(), 60));
  EXPECT_EQ(cut.id(), 0x1a2b);
  EXPECT_EQ(count(cut.questions()), 1u);
  EXPECT_EQ(count(cut.answers()), 1u);
  EXPECT_EQ(count(cut.authorities()), 0u);
  EXPECT_EQ(count(cut.records()), 1u);
  EXPECT_TRUE(cut.trailing_data().empty());
  // A record read from a view cut inside its RDATA gives what is there.
  const DnsRecord a(ByteView(response.data(), 65), 51, DnsSection::answer, DnsFlavor::unicast);
  EXPECT_EQ(a.rdata_length(), 4);
  EXPECT_EQ(a.rdata().size(), 2u);
  EXPECT_FALSE(a.a().has_value());

  const DnsQuestion nothing;
  EXPECT_TRUE(nothing.name().is_root());
  EXPECT_EQ(nothing.type(), DnsType{0});
  const DnsRecord none;
  EXPECT_EQ(none.ttl(), 0u);
  EXPECT_FALSE(none.a().has_value());
  EXPECT_FALSE(none.opt().has_value());
}

TEST(DnsMessage, NamesTheRegistries) {
  EXPECT_EQ(dns_type_name(DnsType::a), "A");
  EXPECT_EQ(dns_type_name(DnsType::aaaa), "AAAA");
  EXPECT_EQ(dns_type_name(DnsType::https), "HTTPS");
  EXPECT_EQ(dns_type_name(DnsType::any), "ANY");
  EXPECT_EQ(dns_type_name(DnsType{65280}), "");
  EXPECT_EQ(dns_class_name(DnsClass::in), "IN");
  EXPECT_EQ(dns_class_name(DnsClass::none), "NONE");
  EXPECT_EQ(dns_class_name(DnsClass{7}), "");
  EXPECT_EQ(dns_opcode_name(DnsOpcode::update), "UPDATE");
  EXPECT_EQ(dns_opcode_name(DnsOpcode{3}), "");
  EXPECT_EQ(dns_rcode_name(DnsRcode::nxdomain), "NXDomain");
  EXPECT_EQ(dns_rcode_name(DnsRcode::badcookie), "BADCOOKIE");
  EXPECT_EQ(dns_rcode_name(DnsRcode{4095}), "");
  EXPECT_EQ(dns_section_name(DnsSection::authority), "authority");
}

// ---------------------------------------------------------------------------------------------
// The Wireshark listing (strings as tshark 4.0.17 printed them for the same bytes)

const std::string response_listing =
    "\tdns.id=0x1a2b\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=1"
    "\tdns.count.answers=2\tdns.count.auth_rr=1\tdns.count.add_rr=2\tdns.qry.name=www.example.com\tdns.qry.type=1"
    "\tdns.qry.class=0x0001\tdns.resp.name=www.example.com,web.example.com,example.com,ns1.example.com,<Root>"
    "\tdns.resp.type=5,1,2,1,41\tdns.resp.ttl=3600,300,86400,86400\tdns.a=192.0.2.80,198.51.100.53"
    "\tdns.cname=web.example.com\tdns.ns=ns1.example.com";

TEST(DnsListing, QueryAndResponse) {
  EXPECT_EQ(listing(DnsMessage(view(query))),
            "\tdns.id=0x1a2b\tdns.flags.response=0\tdns.flags.opcode=0\tdns.count.queries=1\tdns.count.answers=0"
            "\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=www.example.com\tdns.qry.type=1"
            "\tdns.qry.class=0x0001");
  // OPT: dns.resp.name "<Root>" and dns.resp.type 41, but no dns.resp.ttl.
  EXPECT_EQ(listing(DnsMessage(view(response))), response_listing);
}

TEST(DnsListing, CommonRecordTypes) {
  // SRV records list no dns.resp.name; the empty TXT string is an empty occurrence.
  EXPECT_EQ(listing(DnsMessage(view(records))),
            "\tdns.id=0xbeef\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=1"
            "\tdns.count.answers=6\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=example.org"
            "\tdns.qry.type=255\tdns.qry.class=0x0001"
            "\tdns.resp.name=example.org,example.org,example.org,example.org,example.org"
            "\tdns.resp.type=15,16,6,13,28,33\tdns.resp.ttl=3600,3600,3600,3600,3600,3600\tdns.aaaa=2001:db8::1"
            "\tdns.mx.mail_exchange=mail.example.org\tdns.txt=v=spf1 -all,hello,\tdns.srv.target=sip.example.org");
  EXPECT_EQ(listing(DnsMessage(view(ptr))),
            "\tdns.id=0x0007\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=1"
            "\tdns.count.answers=1\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=80.2.0.192.in-addr.arpa"
            "\tdns.qry.type=12\tdns.qry.class=0x0001\tdns.resp.name=80.2.0.192.in-addr.arpa\tdns.resp.type=12"
            "\tdns.resp.ttl=86400\tdns.ptr.domain_name=www.example.com");
  // dns.flags.rcode is listed for responses only.
  EXPECT_EQ(listing(DnsMessage(view(nxdomain))),
            "\tdns.id=0x4d2e\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=3\tdns.count.queries=1"
            "\tdns.count.answers=0\tdns.count.auth_rr=1\tdns.count.add_rr=1\tdns.qry.name=nosuch.example.net"
            "\tdns.qry.type=1\tdns.qry.class=0x0001\tdns.resp.name=example.net,<Root>\tdns.resp.type=6,41"
            "\tdns.resp.ttl=900");
  // NSEC lists the types of its bitmap as more dns.resp.type occurrences.
  EXPECT_EQ(listing(DnsMessage(view(nsec))),
            "\tdns.id=0x0f0f\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=0"
            "\tdns.count.answers=1\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.resp.name=example.com"
            "\tdns.resp.type=47,1,2,6,15,28,46,47\tdns.resp.ttl=3600");
}

TEST(DnsListing, UpdateHasNoQueryAnswerOrAuthorityCounts) {
  EXPECT_EQ(listing(DnsMessage(view(update))),
            "\tdns.id=0x3c3c\tdns.flags.response=0\tdns.flags.opcode=5\tdns.count.add_rr=0"
            "\tdns.qry.name=example.com\tdns.qry.type=6\tdns.qry.class=0x0001\tdns.resp.name=www.example.com"
            "\tdns.resp.type=1\tdns.resp.ttl=300\tdns.a=192.0.2.80");
}

TEST(DnsListing, Mdns) {
  // dns.qry.class without the QU bit.
  EXPECT_EQ(listing(DnsMessage(view(mdns_query), DnsFlavor::mdns)),
            "\tdns.id=0x0000\tdns.flags.response=0\tdns.flags.opcode=0\tdns.count.queries=2\tdns.count.answers=0"
            "\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=printer.local,_ipp._tcp.local"
            "\tdns.qry.type=1,12\tdns.qry.class=0x0001,0x0001");
  EXPECT_EQ(listing(DnsMessage(view(mdns_query))).find("dns.qry.class=0x8001,0x0001") != std::string::npos, true);
  EXPECT_EQ(listing(DnsMessage(view(mdns_response), DnsFlavor::mdns)),
            "\tdns.id=0x0000\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=0"
            "\tdns.count.answers=1\tdns.count.auth_rr=0\tdns.count.add_rr=3"
            "\tdns.resp.name=_ipp._tcp.local,Printer._ipp._tcp.local,printer.local\tdns.resp.type=12,33,16,1"
            "\tdns.resp.ttl=4500,120,4500,120\tdns.a=192.0.2.7\tdns.ptr.domain_name=Printer._ipp._tcp.local"
            "\tdns.txt=txtvers=1,ty=Caf\xc3\xa9\tdns.srv.target=printer.local");
}

TEST(DnsListing, TxtBytesAsTsharkPrintsThem) {
  // ASCII for DNS: 80 c3 a9 are three U+FFFD; UTF-8 for mDNS: 80 is one, c3 a9 is the e acute.
  // A tab is escaped, DEL is not, and a string stops at its NUL.
  const std::string head =
      "\tdns.id=0x7777\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=0"
      "\tdns.count.answers=1\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.resp.name=example.com"
      "\tdns.resp.type=16\tdns.resp.ttl=60";
  EXPECT_EQ(listing(DnsMessage(view(txt_odd))),
            head + "\tdns.txt=tab\\there,\x7f\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd,a");
  EXPECT_EQ(listing(DnsMessage(view(txt_odd), DnsFlavor::mdns)),
            head + "\tdns.txt=tab\\there,\x7f\xef\xbf\xbd\xc3\xa9,a");
}

TEST(DnsListing, OddNames) {
  // A loop prints Wireshark's text; the root name is "<Root>".
  EXPECT_EQ(listing(DnsMessage(view(odd_names))),
            "\tdns.id=0x0bad\tdns.flags.response=0\tdns.flags.opcode=0\tdns.count.queries=3\tdns.count.answers=0"
            "\tdns.count.auth_rr=0\tdns.count.add_rr=0"
            "\tdns.qry.name=a\\tb.\\001\xef\xbf\xbd\xc3\xa9,<Name contains a pointer that loops>,<Root>"
            "\tdns.qry.type=1,1,2\tdns.qry.class=0x0001,0x0001,0x0001");
}

TEST(DnsListing, StopsAtTheFirstRecordThatIsNotThere) {
  EXPECT_EQ(listing(DnsMessage(view(counts_lie))),
            "\tdns.id=0x5555\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0\tdns.count.queries=1"
            "\tdns.count.answers=3\tdns.count.auth_rr=0\tdns.count.add_rr=0\tdns.qry.name=example.com"
            "\tdns.qry.type=1\tdns.qry.class=0x0001\tdns.resp.name=example.com\tdns.resp.type=1\tdns.resp.ttl=60"
            "\tdns.a=192.0.2.1");
}

TEST(DnsListing, ListsWhatACutMessageHolds) {
  // tshark on `response` cut after each number of octets: the header fields appear two octets at
  // a time (id and flags together), a question or a record only when all of it is there.
  const std::string header = "\tdns.id=0x1a2b\tdns.flags.response=1\tdns.flags.opcode=0\tdns.flags.rcode=0";
  const std::string counts =
      header + "\tdns.count.queries=1\tdns.count.answers=2\tdns.count.auth_rr=1\tdns.count.add_rr=2";
  const std::string question = "\tdns.qry.name=www.example.com\tdns.qry.type=1\tdns.qry.class=0x0001";
  const struct {
    std::size_t from;
    std::string expected;
  } steps[] = {
      {0, ""},
      {4, header},
      {6, header + "\tdns.count.queries=1"},
      {8, header + "\tdns.count.queries=1\tdns.count.answers=2"},
      {10, header + "\tdns.count.queries=1\tdns.count.answers=2\tdns.count.auth_rr=1"},
      {12, counts},
      {33, counts + question},
      {51, counts + question +
               "\tdns.resp.name=www.example.com\tdns.resp.type=5\tdns.resp.ttl=3600\tdns.cname=web.example.com"},
      {67, counts + question +
               "\tdns.resp.name=www.example.com,web.example.com\tdns.resp.type=5,1\tdns.resp.ttl=3600,300"
               "\tdns.a=192.0.2.80\tdns.cname=web.example.com"},
      {85, counts + question +
               "\tdns.resp.name=www.example.com,web.example.com,example.com\tdns.resp.type=5,1,2"
               "\tdns.resp.ttl=3600,300,86400\tdns.a=192.0.2.80\tdns.cname=web.example.com\tdns.ns=ns1.example.com"},
      {101, counts + question +
                "\tdns.resp.name=www.example.com,web.example.com,example.com,ns1.example.com\tdns.resp.type=5,1,2,1"
                "\tdns.resp.ttl=3600,300,86400,86400\tdns.a=192.0.2.80,198.51.100.53\tdns.cname=web.example.com"
                "\tdns.ns=ns1.example.com"},
      {112, response_listing},
  };
  for (std::size_t cut = 0; cut <= response.size(); ++cut) {
    std::string expected;
    for (const auto& step : steps)
      if (step.from <= cut) expected = step.expected;
    const std::vector<std::byte> bytes = prefix(response, cut);  // its own buffer, for ASan
    EXPECT_EQ(listing(DnsMessage(view(bytes))), expected) << "cut at " << cut;
  }
}

TEST(DnsListing, TcpSegmentWithTwoMessages) {
  // tshark without TCP reassembly decodes each length-prefixed message the segment holds; the
  // second one is cut after 10 octets, enough for its id, flags and first three counts.
  std::vector<std::byte> segment = tcp_query;
  segment.insert(segment.end(), tcp_query.begin(), tcp_query.begin() + 12);
  detail::FieldSink sink;
  for (ByteView message : DnsMessage::tcp_messages(view(segment))) detail::list_dns(DnsMessage(message), sink);
  std::string line;
  sink.write(line);
  EXPECT_EQ(line,
            "\tdns.id=0x0d0e,0x0d0e\tdns.flags.response=0,0\tdns.flags.opcode=0,0\tdns.count.queries=1,1"
            "\tdns.count.answers=0,0\tdns.count.auth_rr=0,0\tdns.count.add_rr=0\tdns.qry.name=example.com"
            "\tdns.qry.type=6\tdns.qry.class=0x0001");
}

}  // namespace
}  // namespace pktdoc
