// The Wireshark listing of a DNS or mDNS message: the dns.* fields, as tshark 4.0 prints them.
//
// tshark's DNS dissector (epan/dissectors/packet-dns.c) reads with exceptions: the first read past
// the captured bytes ends the dissection, and only the fields added before it stay. So this file
// does not use DnsMessage's ranges (which skip what they cannot check) but walks the bytes the
// way the dissector does, in its order, stopping where it would stop. What was found by trying
// tshark 4.0.17 on crafted messages:
//
// - Header: dns.id and the flags need 4 octets (both are read before either is added);
//   dns.flags.rcode is listed for responses only; each count needs its 2 octets. An UPDATE
//   (opcode 5) names the first three counts zocount, prcount and upcount, so they are not
//   dns.count.* (dns.count.add_rr is).
// - A question is listed only when its name, QTYPE and QCLASS are all there. A record is listed
//   only when its name, its 10 fixed octets and its RDLENGTH octets of RDATA are all there; a
//   record that is cut, or a count larger than the records present, ends the listing.
// - dns.qry.class is 4 hex digits; in mDNS (port 5353) without the QU bit.
// - dns.resp.name is left out for SRV records (tshark splits their owner into service, proto
//   and name); dns.resp.ttl is left out for OPT. OPT's owner is normally the root: "<Root>".
// - Authority and additional records are listed like answers.
// - A record with RDLENGTH 0 lists no RDATA field. Otherwise tshark reads RDATA by its type and
//   not by RDLENGTH: an A record takes 4 octets and a name runs to its end even past RDLENGTH.
// - dns.txt: one occurrence per character-string, empty ones included; octets 0x80 and up are
//   U+FFFD (in mDNS, UTF-8 is decoded, each maximal invalid subpart becoming U+FFFD); the string
//   stops at a NUL; the field output escapes \b \t \n \f \r. A record whose strings overrun
//   RDLENGTH goes on reading the following octets as strings until the bytes run out.
// - NSEC, NSEC3, NXT and CSYNC add every type of their type bitmap to dns.resp.type.
// - Names: see DnsName for the text. Wireshark follows up to 255 pointers and then prints
//   "<Name contains a pointer that loops>", as it does at once for a pointer to the offset two
//   octets past its own end; a name over 255 octets prints "<Name too long>"; a name whose text
//   is empty or starts with a NUL and that occupies at most 2 octets prints "<Root>". Label type
//   10 ends the listing; type 01 prints "<Unknown extended label>" (and ends the listing when it
//   is the name's first octet), except RFC 2673 bitstring labels, which are read but left out of
//   the text.
// - Other types: where the dissector reads RDATA by a rule of its own and throws (a name it
//   cannot read, a length past the bytes, a negative remainder: SOA, RRSIG, DNSKEY, DS, SVCB,
//   HTTPS, OPT options, ...), the listing ends too, as the list in other_rdata() says. Types not
//   listed there are shown as raw data by tshark and never end it.
#include <algorithm>
#include <array>
#include <bitset>
#include <string>
#include <string_view>

#include "pktdoc/detail/listing.hpp"
#include "pktdoc/dns.hpp"

namespace pktdoc::detail {
namespace {

constexpr std::uint8_t opcode_update = 5;

// Label octets walked in names per message before the listing gives up: far more than any real
// message needs, and a bound on what a hostile one costs.
constexpr std::size_t name_step_budget = std::size_t{1} << 22;

constexpr std::uint32_t replacement_character = 0xFFFD;

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// The octets a well-formed UTF-8 sequence may continue with, after `lead` (Unicode table 3-7).
bool continues(std::uint8_t lead, std::size_t index, std::uint8_t octet) {
  if (index == 1) {
    if (lead == 0xE0) return octet >= 0xA0 && octet <= 0xBF;
    if (lead == 0xED) return octet >= 0x80 && octet <= 0x9F;
    if (lead == 0xF0) return octet >= 0x90 && octet <= 0xBF;
    if (lead == 0xF4) return octet >= 0x80 && octet <= 0x8F;
  }
  return octet >= 0x80 && octet <= 0xBF;
}

// A TXT string as tshark's field output shows it: decoded (ASCII, or UTF-8 in mDNS), cut at the
// first NUL, with \b \t \n \f \r escaped.
std::string txt_value(ByteView bytes, bool utf8) {
  std::string decoded;
  const ByteReader reader(bytes);
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::uint8_t lead = reader.u8_at(i);
    if (lead < 0x80) {
      decoded += static_cast<char>(lead);
      ++i;
      continue;
    }
    std::size_t length = 0;
    if (utf8) {
      if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
      else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3;
      else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4;
    }
    if (length == 0) {  // not a lead octet (or ASCII mode): one replacement character
      append_utf8(decoded, replacement_character);
      ++i;
      continue;
    }
    std::size_t k = 1;
    std::uint32_t code_point = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    while (k < length && i + k < bytes.size() && continues(lead, k, reader.u8_at(i + k))) {
      code_point = (code_point << 6) | (reader.u8_at(i + k) & 0x3F);
      ++k;
    }
    append_utf8(decoded, k == length ? code_point : replacement_character);
    i += k;
  }
  std::string out;
  for (char c : decoded) {
    if (c == '\0') break;
    switch (c) {
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

class TsharkDns {
 public:
  TsharkDns(const DnsMessage& message, FieldSink& out)
      : bytes_(message.bytes()), reader_(message.bytes()), mdns_(message.flavor() == DnsFlavor::mdns), out_(out) {}

  void run() {
    list();
    // tshark prints a field whose only occurrence is an empty string as an empty column, which
    // the listing leaves out.
    if (txt_count_ > 1 || (txt_count_ == 1 && !txt_.empty())) out_.add("dns.txt", txt_);
  }

 private:
  // The text of a name and the octets it occupies where it starts.
  struct Name {
    std::string text;
    std::size_t used = 0;
  };

  bool has(std::size_t offset, std::size_t count) const { return offset <= size() && count <= size() - offset; }
  std::size_t size() const { return bytes_.size(); }

  void list() {
    if (!has(0, 4)) return;
    const std::uint16_t flags = reader_.u16_at(2);
    const bool response = (flags & 0x8000) != 0;
    const auto opcode = static_cast<std::uint8_t>((flags >> 11) & 0x0F);
    out_.add_hex("dns.id", reader_.u16_at(0), 4);
    out_.add_flag("dns.flags.response", response);
    out_.add_decimal("dns.flags.opcode", opcode);
    if (response) out_.add_decimal("dns.flags.rcode", flags & 0x000F);
    const bool update = opcode == opcode_update;
    static constexpr const char* count_fields[] = {"dns.count.queries", "dns.count.answers", "dns.count.auth_rr",
                                                   "dns.count.add_rr"};
    std::array<std::uint16_t, 4> counts{};
    for (std::size_t i = 0; i < 4; ++i) {
      if (!has(4 + 2 * i, 2)) return;
      counts[i] = reader_.u16_at(4 + 2 * i);
      if (!update || i == 3) out_.add_decimal(count_fields[i], counts[i]);
    }
    std::size_t offset = DnsMessage::header_length;
    for (std::size_t i = 0; i < counts[0]; ++i)
      if (!question(offset)) return;
    for (std::size_t section = 1; section < 4; ++section)
      for (std::size_t i = 0; i < counts[section]; ++i)
        if (!record(offset)) return;
  }

  // Wireshark's expand_dns_name() and get_dns_name(), which build the text in a 255-character
  // buffer: label octets and dots count towards the text's length, bitstring labels (RFC 2673)
  // are printed into the buffer but not counted, which is why tshark shows "www\\[xa" for them.
  // Returns false where tshark throws.
  bool name(std::size_t offset, Name& name) {
    struct Visited {  // clears the loop guard however the walk ends
      TsharkDns& self;
      ~Visited() {
        for (std::size_t i = 0; i < self.visited_count_; ++i) self.visited_.reset(self.visited_list_[i]);
        self.visited_count_ = 0;
      }
    } visited{*this};
    const std::size_t start = offset;
    long long used = -1;
    std::size_t pointers = 0;
    std::array<char, DnsName::max_wire_length + 1> buffer{};
    std::size_t np = 0;
    long long room = static_cast<long long>(DnsName::max_wire_length);
    std::size_t counted = 0;  // name_len: the octets of the buffer that make the text
    // snprintf(np, room, text) as the dissector calls it.
    const auto print = [&](std::string_view text) {
      if (room <= 0) return;
      const std::size_t written = std::min(text.size(), static_cast<std::size_t>(room - 1));
      std::copy(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(written),
                buffer.begin() + static_cast<std::ptrdiff_t>(np));
      buffer[np + written] = '\0';
      if (static_cast<long long>(text.size()) <= room) {
        np += text.size();
        room -= static_cast<long long>(text.size());
      } else {
        room = 0;
      }
    };
    const auto special = [&](std::string_view text, long long length) {
      if (length < 2) return false;  // get_dns_name() throws for fewer than 2 octets
      name.text = text;
      name.used = static_cast<std::size_t>(length);
      return true;
    };
    for (;;) {
      if (!has(offset, 1)) return false;
      const std::uint8_t octet = reader_.u8_at(offset++);
      if (octet == 0) break;
      steps_ += 1 + std::size_t{octet};
      if (steps_ > name_step_budget) return false;
      switch (octet & 0xC0) {
        case 0x00:
          if (np != 0) {
            if (room > 0) {
              buffer[np++] = '.';
              ++counted;
              --room;
            }
          } else {
            --room;
          }
          for (std::size_t i = 0; i < octet; ++i, ++offset) {
            if (!has(offset, 1)) return false;
            if (room > 0) {
              buffer[np++] = static_cast<char>(reader_.u8_at(offset));
              ++counted;
              --room;
            }
          }
          break;
        case 0x40: {
          if ((octet & 0x3F) != 0x01)
            return special("<Unknown extended label>", static_cast<long long>(offset) - static_cast<long long>(start));
          if (!has(offset, 1)) return false;
          const int bit_count = reader_.u8_at(offset++);
          int label_length = (bit_count - 1) / 8 + 1;
          print("\\[x");
          for (; label_length > 0; --label_length, ++offset) {
            if (!has(offset, 1)) return false;
            const std::uint8_t value = reader_.u8_at(offset);
            const char hex[2] = {"0123456789abcdef"[value >> 4], "0123456789abcdef"[value & 0xF]};
            print(std::string_view(hex, 2));
          }
          print("/" + std::to_string(bit_count) + "]");
          break;
        }
        case 0x80: return false;
        default: {  // 0xC0, a pointer
          if (!has(offset, 1)) return false;
          const std::size_t target = ((octet & 0x3Fu) << 8) | reader_.u8_at(offset);
          ++offset;
          ++pointers;
          if (used < 0) used = static_cast<long long>(offset - start);
          // A pointer already followed means the walk repeats until the count passes 255.
          if (target == offset + 2 || pointers > DnsName::max_pointers || visited_.test(target))
            return special("<Name contains a pointer that loops>", used);
          visited_.set(target);
          visited_list_[visited_count_++] = static_cast<std::uint16_t>(target);
          offset = target;
          break;
        }
      }
    }
    if (used < 0) used = static_cast<long long>(offset - start);
    if (room <= 0) return special("<Name too long>", used);
    if ((np == 0 || buffer[0] == '\0') && used <= 2) {
      name.text = "<Root>";
      name.used = static_cast<std::size_t>(used);
      return true;
    }
    if (used < 2 || (used > 2 && counted == 0)) return false;
    std::array<char, DnsName::text_capacity> text{};
    const std::size_t length =
        format_dns_text(as_bytes(std::string_view(buffer.data(), counted)), text.data(), text.size());
    name.text.assign(text.data(), length);
    name.used = static_cast<std::size_t>(used);
    return true;
  }

  bool question(std::size_t& offset) {
    Name qname;
    if (!name(offset, qname)) return false;
    const std::size_t fixed = offset + qname.used;
    if (!has(fixed, 4)) return false;
    std::uint16_t qclass = reader_.u16_at(fixed + 2);
    if (mdns_) qclass &= 0x7FFF;
    out_.add("dns.qry.name", qname.text);
    out_.add_decimal("dns.qry.type", reader_.u16_at(fixed));
    out_.add_hex("dns.qry.class", qclass, 4);
    offset = fixed + 4;
    return true;
  }

  bool record(std::size_t& offset) {
    Name owner;
    if (!name(offset, owner)) return false;
    const std::size_t fixed = offset + owner.used;
    if (!has(fixed, 10)) return false;
    const std::uint16_t type = reader_.u16_at(fixed);
    const std::uint16_t rdata_length = reader_.u16_at(fixed + 8);
    const std::size_t rdata = fixed + 10;
    if (!has(rdata, rdata_length)) return false;  // the record's subtree must fit the bytes
    const DnsType kind{type};
    if (kind != DnsType::srv) out_.add("dns.resp.name", owner.text);
    out_.add_decimal("dns.resp.type", type);
    if (kind != DnsType::opt) out_.add_decimal("dns.resp.ttl", reader_.u32_at(fixed + 4));
    offset = rdata + rdata_length;
    if (rdata_length == 0) return true;
    const long long length = rdata_length;
    Name target;
    switch (kind) {
      case DnsType::a:
        if (!has(rdata, 4)) return false;
        out_.add("dns.a", Ipv4Address{reader_.array_at<4>(rdata)});
        return true;
      case DnsType::aaaa:
        if (!has(rdata, 16)) return false;
        out_.add("dns.aaaa", Ipv6Address{reader_.array_at<16>(rdata)});
        return true;
      case DnsType::ns:
      case DnsType::cname:
      case DnsType::ptr:
        if (!name(rdata, target)) return false;
        out_.add(kind == DnsType::ns      ? "dns.ns"
                 : kind == DnsType::cname ? "dns.cname"
                                          : "dns.ptr.domain_name",
                 target.text);
        return true;
      case DnsType::mx:
        if (!has(rdata, 2) || !name(rdata + 2, target)) return false;
        out_.add("dns.mx.mail_exchange", target.text);
        return true;
      case DnsType::srv:
        if (!has(rdata, 6) || !name(rdata + 6, target)) return false;
        out_.add("dns.srv.target", target.text);
        return true;
      case DnsType::txt: return txt(rdata, length);
      case DnsType::nsec:
        if (!name(rdata, target)) return false;
        return bitmap(rdata + target.used, length - static_cast<long long>(target.used));
      case DnsType::nxt:
        if (!name(rdata, target)) return false;
        return nxt_bitmap(rdata + target.used, length - static_cast<long long>(target.used));
      case DnsType::nsec3: {
        if (!has(rdata, 5)) return false;
        const std::size_t salt_length = reader_.u8_at(rdata + 4);
        const std::size_t hash_at = rdata + 5 + salt_length;
        if (!has(rdata + 5, salt_length) || !has(hash_at, 1)) return false;
        const std::size_t hash_length = reader_.u8_at(hash_at);
        if (!has(hash_at + 1, hash_length)) return false;
        const std::size_t bitmap_at = hash_at + 1 + hash_length;
        return bitmap(bitmap_at, length - static_cast<long long>(bitmap_at - rdata));
      }
      case DnsType::csync:
        if (!has(rdata, 6) || !item(rdata + 6, length - 6)) return false;
        return bitmap(rdata + 6, length - 6);
      default: return other_rdata(kind, rdata, length);
    }
  }

  // proto_tree_add_item() of `length` octets at `at`: -1 means "to the end", other negative
  // lengths and lengths past the bytes throw.
  bool item(std::size_t at, long long length) const {
    if (length < -1) return false;
    if (length == -1) return at <= size();
    return has(at, static_cast<std::size_t>(length));
  }

  // RDATA of types without a listed field: where the dissector would throw (a name it cannot
  // read, a length that runs past the bytes, a negative remainder), the listing ends too. Types
  // not below are shown as raw data by tshark and never throw.
  bool other_rdata(DnsType type, std::size_t rdata, long long length) {
    Name first;
    Name second;
    switch (type) {
      case DnsType::md:
      case DnsType::mf:
      case DnsType::mb:
      case DnsType::mg:
      case DnsType::mr:
      case DnsType::nsap_ptr:
      case DnsType::dname:  // one name
        return name(rdata, first);
      case DnsType::soa:  // MNAME, RNAME, five 32-bit fields
        return name(rdata, first) && name(rdata + first.used, second) && has(rdata + first.used + second.used, 20);
      case DnsType::minfo:
      case DnsType::rp:  // two names
        return name(rdata, first) && name(rdata + first.used, second);
      case DnsType::afsdb:
      case DnsType::rt:
      case DnsType::kx:  // the name after the 16-bit field is read first
        return name(rdata + 2, first) && has(rdata, 2);
      case DnsType::px:  // preference, two names
        return has(rdata, 2) && name(rdata + 2, first) && name(rdata + 2 + first.used, second);
      case DnsType::hinfo: {  // CPU and OS character-strings
        if (!has(rdata, 1)) return false;
        const std::size_t os = rdata + 1 + reader_.u8_at(rdata);
        return has(rdata + 1, os - rdata - 1) && has(os, 1) && has(os + 1, reader_.u8_at(os));
      }
      case DnsType::wks:  // address, protocol, then a bitmap read until its length counts down to 0
        return has(rdata, 5) && length >= 5;
      case DnsType::key:  // flags, protocol, algorithm, public key
        return has(rdata, 4) && (length == 4 || item(rdata + 4, length - 4));
      case DnsType::cert:  // type, key tag, algorithm, certificate
        return has(rdata, 5) && (length == 5 || item(rdata + 5, length - 5));
      case DnsType::ds:
      case DnsType::cds:
      case DnsType::dlv:  // key tag, algorithm, digest type, digest
        return has(rdata, 4) && item(rdata + 4, length - 4);
      case DnsType::sshfp:  // algorithm, fingerprint type, fingerprint
        return has(rdata, 2) && (length == 2 || item(rdata + 2, length - 2));
      case DnsType::sig:
      case DnsType::rrsig: {  // 18 octets of fields, the signer's name, the signature
        if (!has(rdata, 18) || !name(rdata + 18, first)) return false;
        const long long rest = length - 18 - static_cast<long long>(first.used);
        return rest == 0 || item(rdata + 18 + first.used, rest);
      }
      case DnsType::dnskey:
      case DnsType::cdnskey:  // flags, protocol, algorithm, public key
        return has(rdata, 4) && item(rdata + 4, length - 4);
      case DnsType::nsec3param:  // algorithm, flags, iterations, salt
        return has(rdata, 5) && item(rdata + 5, reader_.u8_at(rdata + 4));
      case DnsType::tlsa:  // usage, selector, matching type, data
        return has(rdata, 3) && item(rdata + 3, length - 3);
      case DnsType::zonemd:  // serial, scheme, hash algorithm, digest
        return has(rdata, 6) && item(rdata + 6, length - 6);
      case DnsType::svcb:
      case DnsType::https: {  // priority, target, then parameters until RDLENGTH is used
        if (!has(rdata, 2) || !name(rdata + 2, first)) return false;
        std::size_t at = rdata + 2 + first.used;
        while (length > static_cast<long long>(at - rdata)) {
          if (!has(at, 4)) return false;
          const std::size_t key = reader_.u16_at(at);
          const std::size_t value_length = reader_.u16_at(at + 2);
          at += 4;
          // Each key is read by its own rule, which may not agree with the parameter's length.
          std::size_t step = 0;
          switch (key) {
            case 0: step = 2; break;   // mandatory: keys
            case 4: step = 4; break;   // ipv4hint: addresses
            case 6: step = 16; break;  // ipv6hint: addresses
            case 1:                    // alpn: length-prefixed protocol ids
              for (std::size_t done = 0; done < value_length;) {
                if (!has(at, 1)) return false;
                const std::size_t id_length = reader_.u8_at(at);
                if (!has(at + 1, id_length)) return false;
                at += 1 + id_length;
                done += 1 + id_length;
              }
              break;
            case 2: break;  // no-default-alpn: nothing is read, not even a value
            case 3:         // port
              if (!has(at, 2)) return false;
              at += 2;
              break;
            default:
              if (!has(at, value_length)) return false;
              at += value_length;
              break;
          }
          for (std::size_t done = 0; step != 0 && done < value_length; done += step) {
            if (!has(at, step)) return false;
            at += step;
          }
        }
        return true;
      }
      case DnsType::spf: {  // character-strings, read like TXT
        std::size_t at = rdata;
        for (long long remaining = length; remaining != 0;) {
          if (!has(at, 1)) return false;
          const std::size_t string_length = reader_.u8_at(at);
          ++at;
          if (!has(at, string_length)) return false;
          at += string_length;
          remaining -= 1 + static_cast<long long>(string_length);
        }
        return true;
      }
      case DnsType::opt: {  // options: code, length, data
        std::size_t at = rdata;
        for (long long remaining = length; remaining > 0;) {
          if (!has(at, 4)) return false;
          const std::size_t option_length = reader_.u16_at(at + 2);
          if (!has(at, 4 + option_length)) return false;
          at += 4 + option_length;
          remaining -= 4 + static_cast<long long>(option_length);
        }
        return true;
      }
      default: return true;
    }
  }

  bool txt(std::size_t at, long long remaining) {
    while (remaining != 0) {
      if (!has(at, 1)) return false;
      const std::size_t length = reader_.u8_at(at);
      ++at;
      --remaining;
      if (!has(at, length)) return false;
      if (txt_count_++ != 0) txt_ += ',';
      txt_ += txt_value(reader_.view_at(at, length), mdns_);
      at += length;
      remaining -= static_cast<long long>(length);
    }
    return true;
  }

  // dissect_type_bitmap(): windows of (block number, length, bits), RFC 4034 section 4.1.2.
  bool bitmap(std::size_t at, long long remaining) {
    while (remaining != 0) {
      if (!has(at, 2)) return false;
      std::uint32_t type = reader_.u8_at(at) * 256u;
      const std::size_t blocks = reader_.u8_at(at + 1);
      at += 2;
      remaining -= 2;
      for (std::size_t i = 0; i < blocks; ++i) {
        if (!has(at, 1)) return false;
        add_bitmap_octet(reader_.u8_at(at), type);
        ++at;
        --remaining;
      }
    }
    return true;
  }

  // dissect_type_bitmap_nxt(): one bit per type from type 0 (RFC 2535 section 5.2).
  bool nxt_bitmap(std::size_t at, long long remaining) {
    std::uint32_t type = 0;
    while (remaining != 0) {
      if (!has(at, 1)) return false;
      add_bitmap_octet(reader_.u8_at(at), type);
      ++at;
      --remaining;
    }
    return true;
  }

  void add_bitmap_octet(std::uint8_t bits, std::uint32_t& type) {
    for (int bit = 7; bit >= 0; --bit, ++type)
      if ((bits >> bit) & 1) out_.add_decimal("dns.resp.type", type);
  }

  ByteView bytes_;
  ByteReader reader_;
  bool mdns_;
  FieldSink& out_;
  std::string txt_;
  std::size_t txt_count_ = 0;
  std::size_t steps_ = 0;
  std::bitset<0x4000> visited_;
  std::array<std::uint16_t, DnsName::max_pointers + 1> visited_list_{};
  std::size_t visited_count_ = 0;
};

}  // namespace

void list_dns(const DnsMessage& dns, FieldSink& out) { TsharkDns(dns, out).run(); }

}  // namespace pktdoc::detail
