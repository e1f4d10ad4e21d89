/// @file
/// @brief The parts of a DNS message: names (with compression), questions, resource records and
/// their typed RDATA, and the registries of record types and classes.
///
/// DnsMessage (pktdoc/dns.hpp) walks a message; the classes here are what the walk yields. A
/// DnsQuestion or DnsRecord is a view into the message bytes. A DnsName is the one owning type:
/// a compressed name (RFC 1035 section 4.1.4) is scattered over the message, so reading it means
/// copying its labels into a fixed-size buffer; that is the only copy DNS decoding makes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// Which rules a message follows: unicast DNS, or Multicast DNS, where the top bit of a class
/// field is a flag rather than part of the class.
/// @see RFC 6762 sections 5.4 and 10.2
enum class DnsFlavor : std::uint8_t {
  unicast,  ///< DNS (RFC 1035): the class field is 16 bits of class.
  mdns,     ///< Multicast DNS (RFC 6762, UDP port 5353): the top bit of QCLASS asks for a unicast
            ///< response (QU), the top bit of an RR's CLASS is the cache-flush bit.
};

/// The four sections of a message, in wire order.
/// @see RFC 1035 section 4.1
enum class DnsSection : std::uint8_t {
  question,    ///< Question section (QDCOUNT entries); in an UPDATE, the zone section.
  answer,      ///< Answer section (ANCOUNT records); in an UPDATE, the prerequisites.
  authority,   ///< Authority section (NSCOUNT records); in an UPDATE, the updates.
  additional,  ///< Additional section (ARCOUNT records), where the OPT pseudo-record lives.
};

/// Resource record TYPEs and QTYPEs pktdoc names (IANA "Resource Record (RR) TYPEs" registry,
/// RFC 6895 section 3.1). Other values are valid too: a DnsType holds any 16-bit number.
enum class DnsType : std::uint16_t {
  a = 1,            ///< A: an IPv4 host address (RFC 1035 section 3.4.1).
  ns = 2,           ///< NS: an authoritative name server (RFC 1035 section 3.3.11).
  md = 3,           ///< MD: mail destination, obsolete (RFC 1035 section 3.3.4).
  mf = 4,           ///< MF: mail forwarder, obsolete (RFC 1035 section 3.3.5).
  cname = 5,        ///< CNAME: the canonical name of an alias (RFC 1035 section 3.3.1).
  soa = 6,          ///< SOA: start of a zone of authority (RFC 1035 section 3.3.13).
  mb = 7,           ///< MB: mailbox domain name, experimental (RFC 1035 section 3.3.3).
  mg = 8,           ///< MG: mail group member, experimental (RFC 1035 section 3.3.6).
  mr = 9,           ///< MR: mail rename domain name, experimental (RFC 1035 section 3.3.8).
  null = 10,        ///< NULL: anything, experimental (RFC 1035 section 3.3.10).
  wks = 11,         ///< WKS: well-known services (RFC 1035 section 3.4.2).
  ptr = 12,         ///< PTR: a domain name pointer, as in reverse lookups (RFC 1035 section 3.3.12).
  hinfo = 13,       ///< HINFO: host CPU and OS (RFC 1035 section 3.3.2; RFC 8482).
  minfo = 14,       ///< MINFO: mailbox information (RFC 1035 section 3.3.7).
  mx = 15,          ///< MX: a mail exchange (RFC 1035 section 3.3.9).
  txt = 16,         ///< TXT: character strings (RFC 1035 section 3.3.14).
  rp = 17,          ///< RP: responsible person (RFC 1183 section 2.2).
  afsdb = 18,       ///< AFSDB: AFS database location (RFC 1183 section 1).
  rt = 21,          ///< RT: route through (RFC 1183 section 3.3).
  nsap_ptr = 23,    ///< NSAP-PTR: historic (RFC 1348).
  sig = 24,         ///< SIG: signature, obsolete except SIG(0) (RFC 2931).
  key = 25,         ///< KEY: public key (RFC 2535, RFC 3445).
  px = 26,          ///< PX: X.400 mail mapping (RFC 2163).
  aaaa = 28,        ///< AAAA: an IPv6 host address (RFC 3596 section 2.2).
  loc = 29,         ///< LOC: geographical location (RFC 1876).
  nxt = 30,         ///< NXT: next domain, obsolete (RFC 2535).
  srv = 33,         ///< SRV: location of a service (RFC 2782).
  naptr = 35,       ///< NAPTR: naming authority pointer (RFC 3403).
  kx = 36,          ///< KX: key exchanger (RFC 2230).
  cert = 37,        ///< CERT: certificate (RFC 4398).
  a6 = 38,          ///< A6: IPv6 address with indirection, historic (RFC 6563).
  dname = 39,       ///< DNAME: redirection of a subtree (RFC 6672).
  opt = 41,         ///< OPT: the EDNS(0) pseudo-record (RFC 6891 section 6.1).
  apl = 42,         ///< APL: address prefix lists (RFC 3123).
  ds = 43,          ///< DS: delegation signer (RFC 4034 section 5).
  sshfp = 44,       ///< SSHFP: SSH key fingerprint (RFC 4255).
  ipseckey = 45,    ///< IPSECKEY: IPsec keying material (RFC 4025).
  rrsig = 46,       ///< RRSIG: DNSSEC signature (RFC 4034 section 3).
  nsec = 47,        ///< NSEC: next secure record (RFC 4034 section 4).
  dnskey = 48,      ///< DNSKEY: DNSSEC public key (RFC 4034 section 2).
  dhcid = 49,       ///< DHCID: DHCP identifier (RFC 4701).
  nsec3 = 50,       ///< NSEC3: hashed next secure record (RFC 5155 section 3).
  nsec3param = 51,  ///< NSEC3PARAM: NSEC3 parameters (RFC 5155 section 4).
  tlsa = 52,        ///< TLSA: TLS certificate association (RFC 6698).
  smimea = 53,      ///< SMIMEA: S/MIME certificate association (RFC 8162).
  hip = 55,         ///< HIP: host identity protocol (RFC 8005).
  cds = 59,         ///< CDS: child DS (RFC 7344).
  cdnskey = 60,     ///< CDNSKEY: child DNSKEY (RFC 7344).
  openpgpkey = 61,  ///< OPENPGPKEY: OpenPGP key (RFC 7929).
  csync = 62,       ///< CSYNC: child-to-parent synchronisation (RFC 7477).
  zonemd = 63,      ///< ZONEMD: message digest of a zone (RFC 8976).
  svcb = 64,        ///< SVCB: service binding (RFC 9460).
  https = 65,       ///< HTTPS: service binding for HTTPS (RFC 9460).
  spf = 99,         ///< SPF: sender policy framework, discontinued (RFC 7208 section 14.1).
  tkey = 249,       ///< TKEY: transaction key (RFC 2930).
  tsig = 250,       ///< TSIG: transaction signature (RFC 8945).
  ixfr = 251,       ///< IXFR: incremental zone transfer, a QTYPE (RFC 1995).
  axfr = 252,       ///< AXFR: full zone transfer, a QTYPE (RFC 5936).
  mailb = 253,      ///< MAILB: mailbox-related records, a QTYPE (RFC 1035 section 3.2.3).
  maila = 254,      ///< MAILA: mail agent records, obsolete QTYPE (RFC 1035 section 3.2.3).
  any = 255,        ///< ANY ("*"): all records, a QTYPE (RFC 1035 section 3.2.3; RFC 8482).
  uri = 256,        ///< URI: a URI (RFC 7553).
  caa = 257,        ///< CAA: certification authority authorization (RFC 8659).
  dlv = 32769,      ///< DLV: DNSSEC lookaside validation, historic (RFC 4431, RFC 8749).
};

/// CLASS and QCLASS values (IANA "DNS CLASSes" registry, RFC 6895 section 3.2). Other values are
/// valid too: a DnsClass holds any 16-bit number.
enum class DnsClass : std::uint16_t {
  in = 1,      ///< IN: the Internet (RFC 1035 section 3.2.4).
  cs = 2,      ///< CS: CSNET, obsolete (RFC 1035 section 3.2.4).
  ch = 3,      ///< CH: Chaos (RFC 1035 section 3.2.4); still used for "version.bind" queries.
  hs = 4,      ///< HS: Hesiod (RFC 1035 section 3.2.4).
  none = 254,  ///< NONE: used by dynamic updates to delete a record (RFC 2136 section 2.5.4).
  any = 255,   ///< ANY ("*"): any class, a QCLASS (RFC 1035 section 3.2.5).
};

/// The mnemonic of a record type as the registry writes it: "A", "AAAA", "CNAME", "OPT", ...
/// @param type any type
/// @return a static string; empty for a type this function does not know (print such types as
///         "TYPE" followed by the number, as RFC 3597 section 5 does)
std::string_view dns_type_name(DnsType type) noexcept;

/// The mnemonic of a class: "IN", "CH", "HS", "CS", "NONE" or "ANY".
/// @param dns_class any class
/// @return a static string; empty for other values (RFC 3597 section 5 writes them "CLASS" and
///         the number)
std::string_view dns_class_name(DnsClass dns_class) noexcept;

/// The name of a section: "question", "answer", "authority" or "additional".
/// @param section any section
/// @return a static string; "unknown" for values outside the enumeration
std::string_view dns_section_name(DnsSection section) noexcept;

/// A domain name, decompressed: its labels in uncompressed wire form (at most 255 octets, RFC 1035
/// section 2.3.4) and the text Wireshark shows for it, both in fixed buffers inside the object.
///
/// It owns its bytes, so it stays valid after the packet is gone; it never allocates.
///
/// text() is the form tshark prints (`dns.qry.name`): labels joined by '.', "<Root>" for the root
/// name, and octets that are not printable escaped as tshark's `format_text` escapes them: C
/// escapes (`\t`, `\n`, ...) or three octal digits (`\001`) for ASCII control characters, UTF-8
/// sequences kept when they are printable and written `\uXXXX` when they are not, invalid UTF-8
/// replaced by U+FFFD. Like tshark, it does not escape a '.' or '\\' inside a label, so text() is
/// for people, not for parsing back; use labels() to tell `a.b` (two labels) from `a\.b` (one).
/// Which code points count as printable is GLib's answer (g_unichar_isprint() of GLib 2.74,
/// Unicode 15.0, as tshark 4.0 uses on Debian 12): control, format and unassigned code points are
/// escaped.
///
/// @code
/// for (const pktdoc::DnsRecord& record : message.answers()) {
///   const pktdoc::DnsName owner = record.name();
///   std::printf("%s has %zu labels\n", owner.c_str(), owner.label_count());
/// }
/// @endcode
class DnsName {
 public:
  /// Longest name in uncompressed wire form, length octets and root label included (RFC 1035
  /// section 2.3.4).
  static constexpr std::size_t max_wire_length = 255;
  /// Longest label (RFC 1035 section 2.3.4): label lengths are 6 bits.
  static constexpr std::size_t max_label_length = 63;
  /// Compression pointers followed while reading one name before it is declared a loop. Wireshark
  /// follows the same number (255) before it prints "<Name contains a pointer that loops>", so
  /// every name Wireshark decodes, pktdoc decodes.
  static constexpr std::size_t max_pointers = 255;
  /// Capacity of the text buffer: 255 octets of which each may take 4 characters ("\\001"), and a NUL.
  static constexpr std::size_t text_capacity = 1024;

  /// The labels of a name, in order, excluding the empty root label.
  class Labels {
   public:
    /// Walks the labels of an uncompressed wire-form name.
    class iterator {
     public:
      using value_type = ByteView;             ///< Each label, without its length octet.
      using difference_type = std::ptrdiff_t;  ///< Required by std::input_iterator.
      /// Makes an end iterator.
      iterator() noexcept = default;
      /// @param wire the name in uncompressed wire form
      /// @param offset where the length octet of the current label is
      iterator(ByteView wire, std::size_t offset) noexcept : wire_(wire), offset_(offset) {}
      /// @return the current label (1 to 63 octets)
      ByteView operator*() const noexcept;
      /// Moves to the next label.
      /// @return this iterator
      iterator& operator++() noexcept;
      /// Moves to the next label.
      /// @return a copy of the iterator before it moved
      iterator operator++(int) noexcept {
        iterator before = *this;
        ++*this;
        return before;
      }
      /// @param other another iterator over the same name
      /// @return true when both are at the same label, or both at the end
      bool operator==(const iterator& other) const noexcept {
        return at_end() == other.at_end() && (at_end() || offset_ == other.offset_);
      }

     private:
      bool at_end() const noexcept;
      ByteView wire_;
      std::size_t offset_ = 0;
    };
    /// @param wire the name in uncompressed wire form
    explicit Labels(ByteView wire) noexcept : wire_(wire) {}
    /// @return an iterator at the first label (equal to end() for the root name)
    iterator begin() const noexcept { return iterator(wire_, 0); }
    /// @return the end iterator
    iterator end() const noexcept { return iterator(); }

   private:
    ByteView wire_;
  };

  /// Makes the root name (wire form one zero octet, text "<Root>").
  DnsName() noexcept;

  /// Reads a name that may be compressed (RFC 1035 section 4.1.4), following its pointers
  /// through `message`.
  /// @param message the whole DNS message: pointers are offsets from its first byte
  /// @param offset where the name starts in `message`
  /// @param[out] encoded_length when not null, receives the octets the name occupies at
  ///             `offset` (up to and including its terminating zero octet or first pointer)
  /// @return the name; or ErrorKind::truncated when `message` ends inside the name; or
  ///         ErrorKind::invalid when a label has the reserved types 01 or 10 (RFC 6891 section 5
  ///         retired extended labels), a pointer points outside `message`, more than
  ///         max_pointers pointers are followed or a pointer leads back to one already followed
  ///         (a loop), or the name is longer than max_wire_length octets. Errors say Protocol::dns.
  static Result<DnsName> decompress(ByteView message, std::size_t offset,
                                    std::size_t* encoded_length = nullptr) noexcept;

  /// Makes a name from its uncompressed wire form: length-prefixed labels ending in a zero octet.
  /// @param wire exactly the name: no pointers, nothing after the root label
  /// @return the name; or ErrorKind::truncated when `wire` ends before the root label; or
  ///         ErrorKind::invalid for a pointer, a reserved label type, bytes after the root
  ///         label, or more than max_wire_length octets
  static Result<DnsName> from_wire(ByteView wire) noexcept;

  /// Makes a name from dotted text such as "www.example.com" (a trailing dot is allowed; "" and
  /// "." are the root). There are no escapes: every '.' separates labels.
  /// @param text the dotted name
  /// @return the name, or nothing when a label is empty or longer than 63 octets or the name is
  ///         longer than max_wire_length octets
  static std::optional<DnsName> from_text(std::string_view text) noexcept;

  /// @return the name in uncompressed wire form, ending with the zero-length root label; a view
  ///         into this object
  ByteView wire() const noexcept { return ByteView(wire_.data(), wire_length_); }
  /// @return the length of wire() in octets (1 for the root name, at most 255)
  std::size_t wire_length() const noexcept { return wire_length_; }
  /// @return the number of labels, not counting the root label (0 for the root name)
  std::size_t label_count() const noexcept { return label_count_; }
  /// @return true for the root name
  bool is_root() const noexcept { return label_count_ == 0; }
  /// @return the labels, first (leftmost) first; each view points into this object
  Labels labels() const noexcept { return Labels(wire()); }
  /// @return the text tshark shows for the name (see the class description); a view into this object
  std::string_view text() const noexcept { return std::string_view(text_.data(), text_length_); }
  /// @return text() as a NUL-terminated string inside this object
  const char* c_str() const noexcept { return text_.data(); }
  /// @return text() as an owning string (allocates)
  std::string to_string() const { return std::string(text()); }

  /// Compares two names as DNS does: label by label, ASCII letters without regard to case
  /// (RFC 4343 section 3), other octets exactly.
  /// @param left a name
  /// @param right another name
  /// @return true when the names are equal
  friend bool operator==(const DnsName& left, const DnsName& right) noexcept;

 private:
  friend class DnsNameBuilder;
  void finish_text() noexcept;

  std::array<std::byte, max_wire_length> wire_{};
  std::array<char, text_capacity> text_{};
  std::uint16_t text_length_ = 0;
  std::uint8_t wire_length_ = 0;
  std::uint8_t label_count_ = 0;
};

/// The character-strings of a TXT record (RFC 1035 section 3.3.14): each a length octet and up to
/// 255 octets, as many as fill the RDATA.
///
/// @warning A view: valid while the message's bytes are.
class DnsCharacterStrings {
 public:
  /// Walks the strings.
  class iterator {
   public:
    using value_type = ByteView;             ///< Each string, without its length octet.
    using difference_type = std::ptrdiff_t;  ///< Required by std::input_iterator.
    /// Makes an end iterator.
    iterator() noexcept = default;
    /// @param data the RDATA
    /// @param offset where the length octet of the current string is
    iterator(ByteView data, std::size_t offset) noexcept : data_(data), offset_(offset) {}
    /// @return the current string (0 to 255 octets); use as_text() to see it as characters
    ByteView operator*() const noexcept;
    /// Moves to the next string.
    /// @return this iterator
    iterator& operator++() noexcept;
    /// Moves to the next string.
    /// @return a copy of the iterator before it moved
    iterator operator++(int) noexcept {
      iterator before = *this;
      ++*this;
      return before;
    }
    /// @param other another iterator over the same RDATA
    /// @return true when both are at the same string, or both at the end
    bool operator==(const iterator& other) const noexcept {
      return at_end() == other.at_end() && (at_end() || offset_ == other.offset_);
    }

   private:
    bool at_end() const noexcept;
    ByteView data_;
    std::size_t offset_ = 0;
  };

  /// Makes an empty list.
  DnsCharacterStrings() noexcept = default;
  /// Views RDATA as character-strings. A string whose length runs past the end is not yielded.
  /// @param data the RDATA
  explicit DnsCharacterStrings(ByteView data) noexcept : data_(data) {}
  /// @return an iterator at the first string
  iterator begin() const noexcept { return iterator(data_, 0); }
  /// @return the end iterator
  iterator end() const noexcept { return iterator(); }
  /// @return the number of strings (walks them)
  std::size_t size() const noexcept;
  /// @return the RDATA the strings are read from
  ByteView bytes() const noexcept { return data_; }

 private:
  ByteView data_;
};

/// One EDNS(0) option of an OPT record (RFC 6891 section 6.1.2).
struct DnsOption {
  std::uint16_t code = 0;  ///< OPTION-CODE (see dns_option_code).
  ByteView data;           ///< OPTION-DATA; its size is OPTION-LENGTH.
};

/// EDNS(0) option codes (IANA "DNS EDNS0 Option Codes (OPT)" registry).
namespace dns_option_code {
inline constexpr std::uint16_t nsid = 3;             ///< Name server identifier (RFC 5001).
inline constexpr std::uint16_t client_subnet = 8;    ///< Client subnet (RFC 7871).
inline constexpr std::uint16_t expire = 9;           ///< Zone expiry (RFC 7314).
inline constexpr std::uint16_t cookie = 10;          ///< DNS cookie (RFC 7873).
inline constexpr std::uint16_t tcp_keepalive = 11;   ///< TCP keepalive timeout (RFC 7828).
inline constexpr std::uint16_t padding = 12;         ///< Padding (RFC 7830).
inline constexpr std::uint16_t extended_error = 15;  ///< Extended DNS error (RFC 8914).
}  // namespace dns_option_code

/// The options of an OPT record: code, length and data, as many as fill the RDATA.
///
/// @warning A view: valid while the message's bytes are.
class DnsOptions {
 public:
  /// Walks the options.
  class iterator {
   public:
    using value_type = DnsOption;            ///< Each option.
    using difference_type = std::ptrdiff_t;  ///< Required by std::input_iterator.
    /// Makes an end iterator.
    iterator() noexcept = default;
    /// @param data the RDATA
    /// @param offset where the current option starts
    iterator(ByteView data, std::size_t offset) noexcept : data_(data), offset_(offset) {}
    /// @return the current option
    DnsOption operator*() const noexcept;
    /// Moves to the next option.
    /// @return this iterator
    iterator& operator++() noexcept;
    /// Moves to the next option.
    /// @return a copy of the iterator before it moved
    iterator operator++(int) noexcept {
      iterator before = *this;
      ++*this;
      return before;
    }
    /// @param other another iterator over the same RDATA
    /// @return true when both are at the same option, or both at the end
    bool operator==(const iterator& other) const noexcept {
      return at_end() == other.at_end() && (at_end() || offset_ == other.offset_);
    }

   private:
    bool at_end() const noexcept;
    ByteView data_;
    std::size_t offset_ = 0;
  };

  /// Makes an empty list.
  DnsOptions() noexcept = default;
  /// Views RDATA as options. An option whose length runs past the end is not yielded.
  /// @param data the RDATA of an OPT record
  explicit DnsOptions(ByteView data) noexcept : data_(data) {}
  /// @return an iterator at the first option
  iterator begin() const noexcept { return iterator(data_, 0); }
  /// @return the end iterator
  iterator end() const noexcept { return iterator(); }
  /// @return the number of options (walks them)
  std::size_t size() const noexcept;

 private:
  ByteView data_;
};

/// The EDNS(0) OPT pseudo-record: its CLASS and TTL fields are reused for EDNS parameters.
/// @see RFC 6891 section 6.1.3
struct DnsOpt {
  std::uint16_t udp_payload_size = 0;  ///< Requestor's UDP payload size in octets (the CLASS field).
  std::uint8_t extended_rcode = 0;     ///< Upper 8 bits of the 12-bit RCODE (the header holds the lower 4).
  std::uint8_t version = 0;            ///< EDNS version; 0 for EDNS(0).
  bool dnssec_ok = false;              ///< DO bit: the requestor wants DNSSEC records (RFC 3225).
  std::uint16_t flags = 0;             ///< The whole 16-bit flags field: DO, then 15 bits of Z.
  DnsOptions options;                  ///< The options in the RDATA.
};

/// MX RDATA (RFC 1035 section 3.3.9).
struct DnsMx {
  std::uint16_t preference = 0;  ///< Lower values are preferred.
  DnsName exchange;              ///< The host willing to act as mail exchange.
};

/// SOA RDATA (RFC 1035 section 3.3.13). Times are in seconds.
struct DnsSoa {
  DnsName mname;              ///< The primary name server of the zone.
  DnsName rname;              ///< The mailbox of the person responsible, first label being the local part.
  std::uint32_t serial = 0;   ///< Version number of the zone (serial number arithmetic, RFC 1982).
  std::uint32_t refresh = 0;  ///< Seconds before a secondary checks for a newer serial.
  std::uint32_t retry = 0;    ///< Seconds before a failed refresh is retried.
  std::uint32_t expire = 0;   ///< Seconds after which a secondary stops answering without refresh.
  std::uint32_t minimum = 0;  ///< TTL of negative answers, in seconds (RFC 2308 section 4).
};

/// SRV RDATA (RFC 2782). The target may be compressed in mDNS (RFC 6762 section 18.14).
struct DnsSrv {
  std::uint16_t priority = 0;  ///< Lower values are tried first.
  std::uint16_t weight = 0;    ///< Relative weight among targets of equal priority.
  std::uint16_t port = 0;      ///< Port of the service on the target.
  DnsName target;              ///< The host; "." (the root) means the service is not available.
};

/// HINFO RDATA (RFC 1035 section 3.3.2): two character-strings.
///
/// @warning The views are valid while the message's bytes are.
struct DnsHinfo {
  ByteView cpu;  ///< CPU type.
  ByteView os;   ///< Operating system.
};

class DnsMessage;

/// One entry of the question section: QNAME, QTYPE, QCLASS.
/// @see RFC 1035 section 4.1.2; RFC 6762 section 5.4 for the QU bit
///
/// @warning A view: valid while the message's bytes are.
class DnsQuestion {
 public:
  /// Makes an empty question (every accessor returns 0 or the root name).
  DnsQuestion() noexcept = default;
  /// Views the question at `offset` of `message` without checking it.
  /// @param message the whole DNS message
  /// @param offset where the question's name starts
  /// @param flavor unicast DNS or mDNS
  DnsQuestion(ByteView message, std::size_t offset, DnsFlavor flavor) noexcept;

  /// @return QNAME, decompressed; the root name if it cannot be decoded (only possible on a
  ///         message that parse() did not check)
  DnsName name() const noexcept;
  /// @return QTYPE
  DnsType type() const noexcept { return DnsType{ByteReader(message_).u16_at(fixed_)}; }
  /// @return QCLASS; for mDNS without the QU bit
  DnsClass class_() const noexcept;
  /// @return the 16-bit QCLASS field as on the wire, QU bit included
  std::uint16_t raw_class() const noexcept { return ByteReader(message_).u16_at(fixed_ + 2); }
  /// @return for mDNS, the QU bit (top bit of QCLASS): the querier asks for a unicast response
  ///         (RFC 6762 section 5.4); always false for unicast DNS
  bool unicast_response() const noexcept;
  /// @return offset of the question from the start of the message
  std::size_t offset() const noexcept { return offset_; }
  /// @return length of the question in the message, in octets (its name as it occurs, plus 4)
  std::size_t length() const noexcept { return fixed_ + 4 - offset_; }
  /// @return the question's bytes as they occur in the message (a compressed name is not expanded)
  ByteView bytes() const noexcept { return ByteReader(message_).view_at(offset_, length()); }

 private:
  ByteView message_;
  std::size_t offset_ = 0;
  std::size_t fixed_ = 0;  // offset of QTYPE
  DnsFlavor flavor_ = DnsFlavor::unicast;
};

/// One resource record of the answer, authority or additional section: NAME, TYPE, CLASS, TTL,
/// RDLENGTH and RDATA, with typed accessors for the RDATA of common types.
/// @see RFC 1035 sections 3.2.1 and 4.1.3; RFC 6762 section 10.2 for the cache-flush bit
///
/// Typed accessors return nothing when the record has another type, when RDLENGTH is 0 (dynamic
/// updates delete records that way, RFC 2136 section 2.5; OPT is the exception, its RDATA being
/// a list of options that may be empty), or when the RDATA does not have the type's form (only
/// possible on a message that DnsMessage::parse() did not check).
///
/// @code
/// for (const pktdoc::DnsRecord& record : message.answers()) {
///   if (auto address = record.a()) std::printf("%s\n", address->to_text().c_str());
///   else if (auto mx = record.mx()) std::printf("MX %u %s\n", mx->preference, mx->exchange.c_str());
/// }
/// @endcode
///
/// @warning A view: valid while the message's bytes are.
class DnsRecord {
 public:
  /// Makes an empty record (every accessor returns 0, nothing or the root name).
  DnsRecord() noexcept = default;
  /// Views the record at `offset` of `message` without checking it.
  /// @param message the whole DNS message
  /// @param offset where the record's name starts
  /// @param section the section the record is in
  /// @param flavor unicast DNS or mDNS
  DnsRecord(ByteView message, std::size_t offset, DnsSection section, DnsFlavor flavor) noexcept;

  /// @return the section the record was found in
  DnsSection section() const noexcept { return section_; }
  /// @return NAME (the owner), decompressed; the root name if it cannot be decoded (only possible
  ///         on a message that parse() did not check)
  DnsName name() const noexcept;
  /// @return TYPE
  DnsType type() const noexcept { return DnsType{ByteReader(message_).u16_at(fixed_)}; }
  /// @return CLASS; for mDNS without the cache-flush bit. For OPT it is the UDP payload size.
  DnsClass class_() const noexcept;
  /// @return the 16-bit CLASS field as on the wire, cache-flush bit included
  std::uint16_t raw_class() const noexcept { return ByteReader(message_).u16_at(fixed_ + 2); }
  /// @return for mDNS, the cache-flush bit (top bit of CLASS): this record replaces those cached
  ///         for its name, type and class (RFC 6762 section 10.2); always false for unicast DNS
  bool cache_flush() const noexcept;
  /// @return TTL in seconds, as on the wire. RFC 2181 section 8 says a value with the top bit
  ///         set should be treated as 0; this accessor does not. For OPT it holds EDNS fields.
  std::uint32_t ttl() const noexcept { return ByteReader(message_).u32_at(fixed_ + 4); }
  /// @return RDLENGTH in octets
  std::uint16_t rdata_length() const noexcept { return ByteReader(message_).u16_at(fixed_ + 8); }
  /// @return RDATA: rdata_length() octets (fewer if the message ends sooner); names in it may be
  ///         compressed, pointing elsewhere in the message
  ByteView rdata() const noexcept;
  /// @return offset of the record from the start of the message
  std::size_t offset() const noexcept { return offset_; }
  /// @return offset of the RDATA from the start of the message
  std::size_t rdata_offset() const noexcept { return fixed_ + 10; }
  /// @return length of the record in the message, in octets (its name as it occurs, 10, RDLENGTH)
  std::size_t length() const noexcept { return fixed_ + 10 + rdata_length() - offset_; }

  /// @return the IPv4 address of an A record with 4 octets of RDATA (RFC 1035 section 3.4.1);
  ///         the class is not checked, as Wireshark does not check it
  std::optional<Ipv4Address> a() const noexcept;
  /// @return the IPv6 address of an AAAA record with 16 octets of RDATA (RFC 3596 section 2.2)
  std::optional<Ipv6Address> aaaa() const noexcept;
  /// @return the canonical name of a CNAME record (RFC 1035 section 3.3.1)
  std::optional<DnsName> cname() const noexcept;
  /// @return the name server of an NS record (RFC 1035 section 3.3.11)
  std::optional<DnsName> ns() const noexcept;
  /// @return the name a PTR record points to (RFC 1035 section 3.3.12)
  std::optional<DnsName> ptr() const noexcept;
  /// @return preference and exchange of an MX record (RFC 1035 section 3.3.9)
  std::optional<DnsMx> mx() const noexcept;
  /// @return the fields of an SOA record (RFC 1035 section 3.3.13)
  std::optional<DnsSoa> soa() const noexcept;
  /// @return the character-strings of a TXT record (RFC 1035 section 3.3.14)
  std::optional<DnsCharacterStrings> txt() const noexcept;
  /// @return priority, weight, port and target of an SRV record (RFC 2782)
  std::optional<DnsSrv> srv() const noexcept;
  /// @return CPU and OS of an HINFO record (RFC 1035 section 3.3.2)
  std::optional<DnsHinfo> hinfo() const noexcept;
  /// @return the EDNS(0) fields and options of an OPT pseudo-record (RFC 6891 section 6.1)
  std::optional<DnsOpt> opt() const noexcept;

 private:
  std::optional<DnsName> rdata_name(DnsType expected) const noexcept;

  ByteView message_;
  std::size_t offset_ = 0;
  std::size_t fixed_ = 0;  // offset of TYPE
  DnsSection section_ = DnsSection::answer;
  DnsFlavor flavor_ = DnsFlavor::unicast;
};

namespace detail {
// Not API. Writes `raw` as Wireshark's format_text() shows it (the text of DnsName) into `out`,
// at most `capacity` characters, and returns how many it wrote. Used by the Wireshark listing.
std::size_t format_dns_text(ByteView raw, char* out, std::size_t capacity) noexcept;
}  // namespace detail

/// The RDATA of a record in the presentation format of zone files (RFC 1035 section 5.1), as
/// `dig` prints it: "192.0.2.1" for A, "10 mail.example.com." style for MX (names written as
/// DnsName::text() writes them), quoted character-strings for TXT and HINFO, "0 5 5060
/// sip.example.com" for SRV, all seven SOA fields, "udp=1232 do" style for OPT, and RFC 3597's
/// generic "\\# LENGTH HEX" for types without a typed form or whose RDATA does not have its type's
/// form.
/// @param record any record
/// @return the text (allocates: for output, not for the decoding path)
std::string dns_rdata_text(const DnsRecord& record);

/// The type of a record as people write it: its mnemonic, or "TYPE" and the number for a type
/// without one (RFC 3597 section 5).
/// @param type any type
/// @return the text (allocates)
std::string dns_type_text(DnsType type);

/// The class of a record as people write it: its mnemonic, or "CLASS" and the number for a class
/// without one (RFC 3597 section 5).
/// @param dns_class any class
/// @return the text (allocates)
std::string dns_class_text(DnsClass dns_class);

}  // namespace pktdoc
