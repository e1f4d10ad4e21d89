/// @file
/// @brief DNS and Multicast DNS messages (RFC 1035 section 4, RFC 6762): the header, then the
/// question, answer, authority and additional sections, over UDP or TCP.
///
/// DnsMessage is a view over one message. DnsMessage::parse() walks the whole message once,
/// decompressing every name and checking the RDATA of common types, so that everything the view
/// then yields is known to be well formed. The records are reached through ranges, one per
/// section; their parts (DnsQuestion, DnsRecord, DnsName, the typed RDATA) are in
/// pktdoc/dns_record.hpp, which this header includes.
///
/// @code
/// auto dns = pktdoc::DnsMessage::parse(udp_payload);
/// if (!dns) return;
/// for (const pktdoc::DnsQuestion& question : dns->questions())
///   std::printf("%s? %s\n", question.name().c_str(), pktdoc::dns_type_name(question.type()).data());
/// for (const pktdoc::DnsRecord& record : dns->answers())
///   if (auto address = record.a()) std::printf("%s\n", address->to_text().c_str());
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "pktdoc/bytes.hpp"
#include "pktdoc/dns_record.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// Header OPCODE values (IANA "DNS OpCodes" registry, RFC 6895 section 2.2). Other values are
/// valid too: a DnsOpcode holds any 4-bit number.
enum class DnsOpcode : std::uint8_t {
  query = 0,   ///< QUERY: a standard query (RFC 1035 section 4.1.1).
  iquery = 1,  ///< IQUERY: inverse query, obsolete (RFC 3425).
  status = 2,  ///< STATUS: server status request (RFC 1035 section 4.1.1).
  notify = 4,  ///< NOTIFY: zone change notification (RFC 1996).
  update = 5,  ///< UPDATE: dynamic update (RFC 2136); the sections are zone, prerequisites, updates.
  dso = 6,     ///< DSO: DNS stateful operations (RFC 8490).
};

/// RCODE values (IANA "DNS RCODEs" registry, RFC 6895 section 2.3). The header holds 4 bits; with
/// EDNS(0) the OPT record adds 8 more (RFC 6891 section 6.1.3). Other values are valid too.
enum class DnsRcode : std::uint16_t {
  noerror = 0,     ///< NoError: no error condition (RFC 1035 section 4.1.1).
  formerr = 1,     ///< FormErr: the server could not interpret the query.
  servfail = 2,    ///< ServFail: the server failed.
  nxdomain = 3,    ///< NXDomain: the name does not exist.
  notimp = 4,      ///< NotImp: the server does not implement the request.
  refused = 5,     ///< Refused: the server refuses for policy reasons.
  yxdomain = 6,    ///< YXDomain: a name exists that should not (RFC 2136).
  yxrrset = 7,     ///< YXRRSet: an RRset exists that should not (RFC 2136).
  nxrrset = 8,     ///< NXRRSet: an RRset that should exist does not (RFC 2136).
  notauth = 9,     ///< NotAuth: server not authoritative (RFC 2136) or not authorized (RFC 8945).
  notzone = 10,    ///< NotZone: a name is not within the zone (RFC 2136).
  dsotypeni = 11,  ///< DSOTYPENI: DSO-TYPE not implemented (RFC 8490).
  badvers = 16,    ///< BADVERS: bad OPT version (RFC 6891); as a TSIG error, BADSIG (RFC 8945).
  badkey = 17,     ///< BADKEY: key not recognised (RFC 8945).
  badtime = 18,    ///< BADTIME: signature out of its time window (RFC 8945).
  badmode = 19,    ///< BADMODE: bad TKEY mode (RFC 2930).
  badname = 20,    ///< BADNAME: duplicate key name (RFC 2930).
  badalg = 21,     ///< BADALG: algorithm not supported (RFC 2930).
  badtrunc = 22,   ///< BADTRUNC: bad truncation (RFC 8945).
  badcookie = 23,  ///< BADCOOKIE: bad or missing server cookie (RFC 7873).
};

/// The mnemonic of an opcode: "QUERY", "IQUERY", "STATUS", "NOTIFY", "UPDATE" or "DSO".
/// @param opcode any opcode
/// @return a static string; empty for unassigned values
std::string_view dns_opcode_name(DnsOpcode opcode) noexcept;

/// The mnemonic of an RCODE as the registry writes it: "NoError", "NXDomain", "BADVERS", ...
/// @param rcode any RCODE
/// @return a static string; empty for unassigned values
std::string_view dns_rcode_name(DnsRcode rcode) noexcept;

/// The questions of a message, in order.
///
/// Iteration is bounded by QDCOUNT and by the bytes: on a view that parse() did not check, it
/// stops at the first question that is cut short or malformed.
///
/// @warning A view: valid while the message's bytes are.
class DnsQuestions {
 public:
  /// Walks the questions.
  class iterator {
   public:
    using value_type = DnsQuestion;          ///< Each question.
    using difference_type = std::ptrdiff_t;  ///< Required by std::input_iterator.
    /// Makes an end iterator.
    iterator() noexcept = default;
    /// @param message the whole message
    /// @param offset where the first question starts
    /// @param count how many questions to yield at most
    /// @param flavor unicast DNS or mDNS
    iterator(ByteView message, std::size_t offset, std::size_t count, DnsFlavor flavor) noexcept;
    /// @return the current question
    DnsQuestion operator*() const noexcept { return DnsQuestion(message_, offset_, flavor_); }
    /// Moves to the next question.
    /// @return this iterator
    iterator& operator++() noexcept;
    /// Moves to the next question.
    /// @return a copy of the iterator before it moved
    iterator operator++(int) noexcept {
      iterator before = *this;
      ++*this;
      return before;
    }
    /// @param other another iterator over the same message
    /// @return true when both are at the same question, or both at the end
    bool operator==(const iterator& other) const noexcept {
      return remaining_ == other.remaining_ && (remaining_ == 0 || offset_ == other.offset_);
    }

   private:
    void settle() noexcept;
    ByteView message_;
    std::size_t offset_ = 0;
    std::size_t next_ = 0;
    std::size_t remaining_ = 0;
    DnsFlavor flavor_ = DnsFlavor::unicast;
  };

  /// Makes an empty range.
  DnsQuestions() noexcept = default;
  /// @param message the whole message
  /// @param offset where the first question starts
  /// @param count QDCOUNT
  /// @param flavor unicast DNS or mDNS
  DnsQuestions(ByteView message, std::size_t offset, std::size_t count, DnsFlavor flavor) noexcept
      : message_(message), offset_(offset), count_(count), flavor_(flavor) {}
  /// @return an iterator at the first question
  iterator begin() const noexcept { return iterator(message_, offset_, count_, flavor_); }
  /// @return the end iterator
  iterator end() const noexcept { return iterator(); }

 private:
  ByteView message_;
  std::size_t offset_ = 0;
  std::size_t count_ = 0;
  DnsFlavor flavor_ = DnsFlavor::unicast;
};

/// The resource records of one or more consecutive sections, in wire order.
///
/// Iteration is bounded by the section counts and by the bytes: on a view that parse() did not
/// check, it stops at the first record that is cut short or malformed.
///
/// @warning A view: valid while the message's bytes are.
class DnsRecords {
 public:
  /// Walks the records.
  class iterator {
   public:
    using value_type = DnsRecord;            ///< Each record.
    using difference_type = std::ptrdiff_t;  ///< Required by std::input_iterator.
    /// Makes an end iterator.
    iterator() noexcept = default;
    /// @param message the whole message
    /// @param offset where the first record starts
    /// @param counts records in the answer, authority and additional sections
    /// @param section the first section to yield
    /// @param last the last section to yield
    /// @param flavor unicast DNS or mDNS
    iterator(ByteView message, std::size_t offset, std::array<std::uint16_t, 3> counts, DnsSection section,
             DnsSection last, DnsFlavor flavor) noexcept;
    /// @return the current record
    DnsRecord operator*() const noexcept { return DnsRecord(message_, offset_, section_, flavor_); }
    /// Moves to the next record.
    /// @return this iterator
    iterator& operator++() noexcept;
    /// Moves to the next record.
    /// @return a copy of the iterator before it moved
    iterator operator++(int) noexcept {
      iterator before = *this;
      ++*this;
      return before;
    }
    /// @param other another iterator over the same message
    /// @return true when both are at the same record, or both at the end
    bool operator==(const iterator& other) const noexcept {
      return done_ == other.done_ && (done_ || offset_ == other.offset_);
    }

   private:
    void settle() noexcept;
    ByteView message_;
    std::size_t offset_ = 0;
    std::size_t next_ = 0;
    std::array<std::uint16_t, 3> remaining_{};
    DnsSection section_ = DnsSection::answer;
    DnsSection last_ = DnsSection::additional;
    DnsFlavor flavor_ = DnsFlavor::unicast;
    bool done_ = true;
  };

  /// Makes an empty range.
  DnsRecords() noexcept = default;
  /// @param message the whole message
  /// @param offset where the first record of `first` starts
  /// @param counts records in the answer, authority and additional sections
  /// @param first the first section to yield
  /// @param last the last section to yield
  /// @param flavor unicast DNS or mDNS
  DnsRecords(ByteView message, std::size_t offset, std::array<std::uint16_t, 3> counts, DnsSection first,
             DnsSection last, DnsFlavor flavor) noexcept
      : message_(message), offset_(offset), counts_(counts), first_(first), last_(last), flavor_(flavor) {}
  /// @return an iterator at the first record
  iterator begin() const noexcept { return iterator(message_, offset_, counts_, first_, last_, flavor_); }
  /// @return the end iterator
  iterator end() const noexcept { return iterator(); }

 private:
  ByteView message_;
  std::size_t offset_ = 0;
  std::array<std::uint16_t, 3> counts_{};
  DnsSection first_ = DnsSection::answer;
  DnsSection last_ = DnsSection::additional;
  DnsFlavor flavor_ = DnsFlavor::unicast;
};

/// The DNS messages of one TCP segment's payload: each a 2-octet length prefix, then that many
/// octets of message (RFC 1035 section 4.2.2, RFC 7766 section 8).
///
/// Each message is yielded as the bytes the segment holds of it: the last one may be cut short
/// when it continues in the next segment, and a zero length prefix yields an empty view. A final
/// single octet (half a prefix) is not yielded. This is how Wireshark splits a segment when it
/// does not reassemble TCP streams.
///
/// @code
/// for (pktdoc::ByteView bytes : pktdoc::DnsMessage::tcp_messages(tcp_payload))
///   if (auto dns = pktdoc::DnsMessage::parse(bytes)) { ... }
/// @endcode
///
/// @warning A view: valid while the segment's bytes are.
class DnsTcpMessages {
 public:
  /// Walks the messages.
  class iterator {
   public:
    using value_type = ByteView;             ///< Each message, without its length prefix.
    using difference_type = std::ptrdiff_t;  ///< Required by std::input_iterator.
    /// Makes an end iterator.
    iterator() noexcept = default;
    /// @param payload the segment's payload
    /// @param offset where the current length prefix is
    iterator(ByteView payload, std::size_t offset) noexcept : payload_(payload), offset_(offset) {}
    /// @return the current message's bytes (what the segment holds of it)
    ByteView operator*() const noexcept;
    /// Moves to the next message.
    /// @return this iterator
    iterator& operator++() noexcept;
    /// Moves to the next message.
    /// @return a copy of the iterator before it moved
    iterator operator++(int) noexcept {
      iterator before = *this;
      ++*this;
      return before;
    }
    /// @param other another iterator over the same payload
    /// @return true when both are at the same message, or both at the end
    bool operator==(const iterator& other) const noexcept {
      return at_end() == other.at_end() && (at_end() || offset_ == other.offset_);
    }

   private:
    bool at_end() const noexcept { return payload_.size() < 2 || offset_ > payload_.size() - 2; }
    ByteView payload_;
    std::size_t offset_ = 0;
  };

  /// @param payload the TCP segment's payload
  explicit DnsTcpMessages(ByteView payload) noexcept : payload_(payload) {}
  /// @return an iterator at the first message
  iterator begin() const noexcept { return iterator(payload_, 0); }
  /// @return the end iterator
  iterator end() const noexcept { return iterator(); }

 private:
  ByteView payload_;
};

/// A DNS or mDNS message: the 12-octet header (RFC 1035 section 4.1.1), then QDCOUNT questions
/// and ANCOUNT, NSCOUNT and ARCOUNT resource records.
///
/// parse() walks the whole message once. It decompresses every name (RFC 1035 section 4.1.4),
/// following at most DnsName::max_pointers pointers per name (to anywhere in the message, forward
/// or into the header, as Wireshark follows them), and checks the RDATA of the types
/// whose form it knows: A (4 octets) and AAAA (16 octets) in classes IN, NONE and ANY; CNAME, NS,
/// PTR, MD, MF, MB, MG, MR and DNAME (one name); MX (preference and name); SOA (two names and 20
/// octets); SRV (6 octets and a name); TXT (character-strings); HINFO (two character-strings);
/// OPT (options). A name in RDATA must end within RDLENGTH, and RDATA must hold nothing after
/// what its type defines. An empty RDATA is accepted for every type, as dynamic updates (RFC 2136
/// section 2.5) use it. Other types are not looked into. The work is bounded by the counts
/// (16 bits each) and by the length of the message: every question takes at least 5 octets and
/// every record at least 11.
///
/// Truncated or invalid? The bytes given to parse() may be a capture that ended early, so
/// running out of bytes (in the header, in a name, in a record, or because the counts promise
/// more records than there are) is ErrorKind::truncated: more bytes might have completed it. When
/// the caller knows the message's length on the wire (the UDP length field, the TCP length
/// prefix) and passes it, running out before that length is truncated and running past it is
/// ErrorKind::invalid: the counts or RDLENGTH lie. Bytes that contradict DNS are always invalid:
/// reserved label types, pointers outside the message, pointer loops, names over 255 octets,
/// RDATA of the wrong form, a record that would end past the largest possible message (65535
/// octets). Errors say Protocol::dns, or Protocol::mdns for DnsFlavor::mdns.
///
/// @warning A view: valid while the message's bytes are. Names are copied out (DnsName) and stay
/// valid; questions, records, RDATA and TXT strings are views.
class DnsMessage {
 public:
  /// Length of the fixed header in octets.
  static constexpr std::size_t header_length = 12;
  /// The largest message: lengths are 16 bits over TCP, and a UDP datagram carries less.
  static constexpr std::size_t max_length = 65535;

  /// Decodes and checks a whole message.
  /// @param message the message's bytes (a UDP payload, or a TCP message without its prefix);
  ///        they may end early if the capture did
  /// @param flavor DnsFlavor::mdns for port 5353, where the class fields carry flags
  /// @return the view; or ErrorKind::truncated when the bytes end before the header, a name, a
  ///         record or the last counted record does; or ErrorKind::invalid as described for the
  ///         class
  static Result<DnsMessage> parse(ByteView message, DnsFlavor flavor = DnsFlavor::unicast) noexcept;

  /// Decodes and checks a whole message whose length on the wire is known.
  /// @param captured the message's bytes as captured; bytes after `message_length` are ignored
  /// @param message_length the length of the message on the wire: the UDP length field minus 8,
  ///        or a TCP length prefix
  /// @param flavor DnsFlavor::mdns for port 5353
  /// @return the view, over at most `message_length` bytes; or ErrorKind::truncated when
  ///         `captured` holds fewer than `message_length` bytes and the message runs past them;
  ///         or ErrorKind::invalid when the message runs past `message_length` (the header does
  ///         not fit, the counts promise records that are not there, an RDLENGTH runs past the
  ///         end), or as described for the class
  static Result<DnsMessage> parse(ByteView captured, std::size_t message_length,
                                  DnsFlavor flavor = DnsFlavor::unicast) noexcept;

  /// Decodes the first message of a TCP segment: a 2-octet length prefix, then the message
  /// (RFC 1035 section 4.2.2, RFC 7766). Later messages in the same segment are left alone; see
  /// tcp_messages().
  /// @param segment_payload the TCP payload, starting with a length prefix
  /// @param flavor unicast DNS (port 53) or mDNS
  /// @return the view, covering exactly the message (without the prefix); or
  ///         ErrorKind::truncated when the segment holds less than 2 octets or less than the prefix
  ///         announces (the message does not fit its segment; an error found in the part that is
  ///         there is reported first); or ErrorKind::invalid as for parse() with the prefix as
  ///         the message's length
  static Result<DnsMessage> parse_tcp(ByteView segment_payload, DnsFlavor flavor = DnsFlavor::unicast) noexcept;

  /// Splits a TCP segment's payload into length-prefixed messages, without checking them.
  /// @param segment_payload the TCP payload, starting with a length prefix
  /// @return the messages as a range of ByteView
  static DnsTcpMessages tcp_messages(ByteView segment_payload) noexcept { return DnsTcpMessages(segment_payload); }

  /// Wraps bytes without checking them. Header fields past the end read as 0; the section ranges
  /// stop at the first entry that is cut short or malformed.
  /// @param message the message's bytes
  /// @param flavor unicast DNS or mDNS
  explicit DnsMessage(ByteView message, DnsFlavor flavor = DnsFlavor::unicast) noexcept;
  /// Makes an empty view: no header, no records.
  DnsMessage() noexcept = default;

  /// @return the message's bytes, without a TCP length prefix
  ByteView bytes() const noexcept { return bytes_; }
  /// @return unicast DNS or mDNS, as given to parse() or the constructor
  DnsFlavor flavor() const noexcept { return flavor_; }

  /// @return ID: matches a response to its query (0 in mDNS, RFC 6762 section 18.1)
  std::uint16_t id() const noexcept { return ByteReader(bytes_).u16_at(0); }
  /// @return the second 16 bits of the header: QR, Opcode, AA, TC, RD, RA, Z, AD, CD, RCODE
  std::uint16_t flags() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return QR: true for a response, false for a query
  bool is_response() const noexcept { return (flags() & 0x8000) != 0; }
  /// @return OPCODE (4 bits)
  DnsOpcode opcode() const noexcept { return DnsOpcode{static_cast<std::uint8_t>((flags() >> 11) & 0x0f)}; }
  /// @return AA: the responding server is an authority for the name
  bool authoritative() const noexcept { return (flags() & 0x0400) != 0; }
  /// @return TC, the header's truncation flag: the sender cut the message to fit the transport
  ///         (RFC 1035 section 4.1.1; retry over TCP). Not to be confused with
  ///         ErrorKind::truncated, which says the capture ended early.
  bool truncated_flag() const noexcept { return (flags() & 0x0200) != 0; }
  /// @return RD: the query asks for recursion (copied into the response)
  bool recursion_desired() const noexcept { return (flags() & 0x0100) != 0; }
  /// @return RA: the server offers recursion
  bool recursion_available() const noexcept { return (flags() & 0x0080) != 0; }
  /// @return Z: the reserved bit, which must be 0 (RFC 6895 section 2.1)
  bool z() const noexcept { return (flags() & 0x0040) != 0; }
  /// @return AD: the data were authenticated by the server (RFC 4035 section 3.2.3, RFC 6840)
  bool authentic_data() const noexcept { return (flags() & 0x0020) != 0; }
  /// @return CD: the querier disables DNSSEC checking (RFC 4035 section 3.2.2)
  bool checking_disabled() const noexcept { return (flags() & 0x0010) != 0; }
  /// @return RCODE, the 4 bits in the header; see extended_rcode() for EDNS(0)
  DnsRcode rcode() const noexcept { return DnsRcode{static_cast<std::uint16_t>(flags() & 0x000f)}; }
  /// @return the 12-bit RCODE: the OPT record's 8 upper bits above the header's 4 (RFC 6891
  ///         section 6.1.3), or just the header's RCODE when there is no OPT record
  DnsRcode extended_rcode() const noexcept;
  /// @return QDCOUNT: number of questions (in an UPDATE, ZOCOUNT)
  std::uint16_t question_count() const noexcept { return ByteReader(bytes_).u16_at(4); }
  /// @return ANCOUNT: number of answer records (in an UPDATE, PRCOUNT)
  std::uint16_t answer_count() const noexcept { return ByteReader(bytes_).u16_at(6); }
  /// @return NSCOUNT: number of authority records (in an UPDATE, UPCOUNT)
  std::uint16_t authority_count() const noexcept { return ByteReader(bytes_).u16_at(8); }
  /// @return ARCOUNT: number of additional records, the OPT record included
  std::uint16_t additional_count() const noexcept { return ByteReader(bytes_).u16_at(10); }

  /// @return the question section
  DnsQuestions questions() const noexcept;
  /// @return the answer section
  DnsRecords answers() const noexcept { return records_of(DnsSection::answer, DnsSection::answer); }
  /// @return the authority section
  DnsRecords authorities() const noexcept { return records_of(DnsSection::authority, DnsSection::authority); }
  /// @return the additional section
  DnsRecords additionals() const noexcept { return records_of(DnsSection::additional, DnsSection::additional); }
  /// @return the answer, authority and additional sections in wire order (DnsRecord::section()
  ///         tells them apart)
  DnsRecords records() const noexcept { return records_of(DnsSection::answer, DnsSection::additional); }
  /// @return the EDNS(0) fields of the first OPT record of the additional section, or nothing
  std::optional<DnsOpt> edns() const noexcept;
  /// @return bytes after the last counted record (Wireshark's "Extraneous Data"); empty when
  ///         there are none or when the records do not all fit
  ByteView trailing_data() const noexcept;

 private:
  DnsRecords records_of(DnsSection first, DnsSection last) const noexcept;

  ByteView bytes_;
  // Offsets where the answer, authority and additional sections start and where the last record
  // ends; 0 when unknown (a section that is not all there).
  std::array<std::size_t, 4> section_offsets_{};
  DnsFlavor flavor_ = DnsFlavor::unicast;
};

}  // namespace pktdoc
