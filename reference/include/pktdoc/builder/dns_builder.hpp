/// @file
/// @brief Building DNS and mDNS messages (RFC 1035 section 4, RFC 6762) with name compression
/// (RFC 1035 section 4.1.4) and the records A, AAAA, CNAME, NS, PTR, MX, SOA, TXT, SRV, HINFO
/// and OPT, over UDP or TCP.
///
/// Names are given as dotted text ("www.example.com"; "" or "." is the root) and checked with
/// DnsName::from_text(), the decoder's own rules: labels of 1 to 63 octets, at most 255 octets
/// in all, every '.' a separator. When the message is encoded, each name that has appeared before
/// (as a whole or as a suffix, letters compared without regard to case, RFC 4343) is replaced by a
/// pointer to where it appeared, as name servers do.
///
/// @code
/// using namespace pktdoc;
/// build::DnsMessage query = build::DnsMessage::query(0x1a2b, "www.example.com", DnsType::a);
/// build::DnsMessage answer = build::DnsMessage::response_to(query);
/// answer.answers.push_back(build::DnsRecord::cname("www.example.com", "web.example.com", 300));
/// answer.answers.push_back(build::DnsRecord::a("web.example.com", *Ipv4Address::parse("192.0.2.80"), 300));
/// build::Bytes payload = answer.encode();  // "web.example.com" in the CNAME's RDATA becomes
///                                          // "web" and a pointer to "example.com" in the question
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pktdoc/address.hpp"
#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/dns.hpp"

namespace pktdoc::build {

/// One entry of the question section: QNAME, QTYPE, QCLASS.
/// @see RFC 1035 section 4.1.2; RFC 6762 section 5.4 for the QU bit
struct DnsQuestion {
  /// QNAME, dotted text.
  std::string name{};
  /// QTYPE.
  DnsType type = DnsType::a;
  /// QCLASS (without the mDNS QU bit).
  DnsClass class_ = DnsClass::in;
  /// mDNS: the QU bit, the top bit of QCLASS, asking for a unicast response (RFC 6762 section 5.4).
  bool unicast_response = false;
};

/// One part of a record's RDATA: octets written as they are, or a domain name written in wire
/// form (possibly compressed) when the message is encoded.
struct DnsRdataPart {
  /// The octets, when `name` is empty.
  Bytes octets{};
  /// A domain name in dotted text; when set, it is written instead of `octets`.
  std::optional<std::string> name{};
  /// Whether `name` may be replaced by a pointer. RFC 3597 section 4 allows it only in the RDATA
  /// of the types RFC 1035 defines (CNAME, NS, PTR, MX, SOA, ...), which the factories below set.
  bool compress = false;
};

/// One resource record: NAME, TYPE, CLASS, TTL and RDATA (RDLENGTH is computed).
///
/// The fields are named as the decoder's DnsRecord accessors. The factories build the RDATA of
/// the common types; for any other type, use raw(), or fill `rdata` with parts.
/// @see RFC 1035 sections 3.2.1 and 4.1.3; RFC 6762 section 10.2 for the cache-flush bit
struct DnsRecord {
  /// NAME (the owner), dotted text.
  std::string name{};
  /// TYPE.
  DnsType type = DnsType::a;
  /// CLASS (without the mDNS cache-flush bit). For OPT it is the UDP payload size.
  DnsClass class_ = DnsClass::in;
  /// mDNS: the cache-flush bit, the top bit of CLASS (RFC 6762 section 10.2).
  bool cache_flush = false;
  /// TTL in seconds. For OPT it holds the extended RCODE, version and flags.
  std::uint32_t ttl = 0;
  /// The RDATA, as parts written one after the other.
  std::vector<DnsRdataPart> rdata{};
  /// RDLENGTH; nothing computes it from the RDATA as written (after compression).
  std::optional<std::uint16_t> rdata_length{};

  /// An A record (RFC 1035 section 3.4.1).
  /// @param name the owner
  /// @param address the IPv4 address
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord a(std::string_view name, const Ipv4Address& address, std::uint32_t ttl = 300);
  /// An AAAA record (RFC 3596 section 2.2).
  /// @param name the owner
  /// @param address the IPv6 address
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord aaaa(std::string_view name, const Ipv6Address& address, std::uint32_t ttl = 300);
  /// A CNAME record (RFC 1035 section 3.3.1); the canonical name may be compressed.
  /// @param name the alias
  /// @param canonical_name the canonical name
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord cname(std::string_view name, std::string_view canonical_name, std::uint32_t ttl = 300);
  /// An NS record (RFC 1035 section 3.3.11); the server's name may be compressed.
  /// @param name the zone
  /// @param name_server the authoritative server's host name
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord ns(std::string_view name, std::string_view name_server, std::uint32_t ttl = 300);
  /// A PTR record (RFC 1035 section 3.3.12); the target may be compressed.
  /// @param name the owner ("1.2.0.192.in-addr.arpa" for a reverse lookup)
  /// @param target the name pointed to
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord ptr(std::string_view name, std::string_view target, std::uint32_t ttl = 300);
  /// An MX record (RFC 1035 section 3.3.9); the exchange may be compressed.
  /// @param name the mail domain
  /// @param preference lower values are preferred
  /// @param exchange the mail exchange's host name
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord mx(std::string_view name, std::uint16_t preference, std::string_view exchange,
                      std::uint32_t ttl = 300);
  /// The numbers of an SOA record, in seconds except the serial (RFC 1035 section 3.3.13).
  struct SoaTimers {
    std::uint32_t serial = 1;        ///< Version number of the zone.
    std::uint32_t refresh = 7200;    ///< Seconds before a secondary checks for a newer serial.
    std::uint32_t retry = 3600;      ///< Seconds before a failed refresh is retried.
    std::uint32_t expire = 1209600;  ///< Seconds after which a secondary stops answering.
    std::uint32_t minimum = 3600;    ///< TTL of negative answers (RFC 2308 section 4).
  };
  /// An SOA record (RFC 1035 section 3.3.13); both names may be compressed.
  /// @param name the zone
  /// @param mname the primary name server
  /// @param rname the mailbox of the person responsible, "hostmaster.example.com"
  /// @param timers serial and timers
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord soa(std::string_view name, std::string_view mname, std::string_view rname, const SoaTimers& timers,
                       std::uint32_t ttl = 300);
  /// A TXT record (RFC 1035 section 3.3.14): one character-string per entry.
  /// @param name the owner
  /// @param strings the strings, each at most 255 octets
  /// @param ttl time to live, in seconds
  /// @return the record
  /// @throws std::length_error when a string is longer than 255 octets
  static DnsRecord txt(std::string_view name, const std::vector<std::string>& strings, std::uint32_t ttl = 300);
  /// An SRV record (RFC 2782). The target is written uncompressed, as RFC 2782 asks.
  /// @param name the service, "_http._tcp.example.com"
  /// @param priority lower values are tried first
  /// @param weight relative weight among targets of equal priority
  /// @param port the service's port
  /// @param target the host ("." when the service is not available)
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord srv(std::string_view name, std::uint16_t priority, std::uint16_t weight, std::uint16_t port,
                       std::string_view target, std::uint32_t ttl = 300);
  /// An HINFO record (RFC 1035 section 3.3.2): two character-strings.
  /// @param name the owner
  /// @param cpu the CPU type, at most 255 octets
  /// @param os the operating system, at most 255 octets
  /// @param ttl time to live, in seconds
  /// @return the record
  /// @throws std::length_error when a string is longer than 255 octets
  static DnsRecord hinfo(std::string_view name, std::string_view cpu, std::string_view os, std::uint32_t ttl = 300);
  /// An OPT pseudo-record for EDNS(0) (RFC 6891 section 6.1), owned by the root; put it in the
  /// additional section.
  /// @param udp_payload_size the requestor's UDP payload size, in octets (the CLASS field)
  /// @param dnssec_ok the DO bit (RFC 3225)
  /// @param options the options, code and data (DnsOption views)
  /// @param extended_rcode the upper 8 bits of the 12-bit RCODE
  /// @param version the EDNS version, 0
  /// @return the record
  static DnsRecord opt(std::uint16_t udp_payload_size = 1232, bool dnssec_ok = false,
                       const std::vector<DnsOption>& options = {}, std::uint8_t extended_rcode = 0,
                       std::uint8_t version = 0);
  /// Any record, with RDATA as it is (no name in it is compressed).
  /// @param name the owner
  /// @param type the type
  /// @param rdata the RDATA
  /// @param ttl time to live, in seconds
  /// @return the record
  static DnsRecord raw(std::string_view name, DnsType type, ByteView rdata, std::uint32_t ttl = 300);
};

/// A DNS or mDNS message: the header fields, then the four sections.
///
/// The fields are named as the decoder's DnsMessage accessors. The counts are those of the
/// sections unless set, which makes a message whose header lies (for tests of bad input).
/// mDNS needs nothing special: set `unicast_response` on questions and `cache_flush` on records,
/// and use id 0 (RFC 6762 section 18.1) and UDP port 5353.
/// @see RFC 1035 section 4.1.1; RFC 6762
struct DnsMessage {
  /// ID, copied from query to response.
  std::uint16_t id = 0;
  /// QR: a response.
  bool is_response = false;
  /// OPCODE.
  DnsOpcode opcode = DnsOpcode::query;
  /// AA: an authoritative answer.
  bool authoritative = false;
  /// TC: the sender cut the message to fit the transport.
  bool truncated_flag = false;
  /// RD: recursion desired.
  bool recursion_desired = false;
  /// RA: recursion available.
  bool recursion_available = false;
  /// Z: the reserved bit, which must be 0.
  bool z = false;
  /// AD: authentic data (RFC 4035 section 3.2.3).
  bool authentic_data = false;
  /// CD: checking disabled (RFC 4035 section 3.2.2).
  bool checking_disabled = false;
  /// RCODE: the low 4 bits go in the header (the OPT record carries the upper 8).
  DnsRcode rcode = DnsRcode::noerror;
  /// The question section.
  std::vector<DnsQuestion> questions{};
  /// The answer section.
  std::vector<DnsRecord> answers{};
  /// The authority section.
  std::vector<DnsRecord> authorities{};
  /// The additional section (the OPT record goes here).
  std::vector<DnsRecord> additionals{};
  /// Compress names (RFC 1035 section 4.1.4); false writes every name in full.
  bool compress = true;
  /// QDCOUNT; nothing counts `questions`.
  std::optional<std::uint16_t> question_count{};
  /// ANCOUNT; nothing counts `answers`.
  std::optional<std::uint16_t> answer_count{};
  /// NSCOUNT; nothing counts `authorities`.
  std::optional<std::uint16_t> authority_count{};
  /// ARCOUNT; nothing counts `additionals`.
  std::optional<std::uint16_t> additional_count{};

  /// A standard query for one name, as a stub resolver sends it (RD set).
  /// @param id the ID
  /// @param name the name asked for
  /// @param type the type asked for
  /// @return the message description
  static DnsMessage query(std::uint16_t id, std::string_view name, DnsType type);
  /// The start of a response to `query`: same ID, opcode, RD and questions, QR and RA set, no
  /// records yet.
  /// @param query the query answered
  /// @return the message description
  static DnsMessage response_to(const DnsMessage& query);

  /// @return the second 16 bits of the header as DnsMessage::flags() reads them: QR, Opcode, AA,
  ///         TC, RD, RA, Z, AD, CD, RCODE (low 4 bits)
  std::uint16_t flags() const noexcept;
  /// Encodes the message as it travels over UDP.
  ///
  /// Work and memory: linear in the message's size; compression keeps one entry per distinct
  /// name suffix written in the first 16383 octets (the reach of a 14-bit pointer).
  /// @return the message
  /// @throws std::invalid_argument when a name is not valid dotted text (see the file
  ///         description); std::length_error when a character-string exceeds 255 octets, an
  ///         RDATA 65535, a section 65535 entries or the message 65535 octets
  Bytes encode() const;
  /// Encodes the message as it travels over TCP: a 2-octet length, then the message (RFC 1035
  /// section 4.2.2).
  /// @return the length prefix and the message
  /// @throws std::invalid_argument as encode() does
  /// @throws std::length_error as encode() does
  Bytes encode_tcp() const;
};

}  // namespace pktdoc::build
