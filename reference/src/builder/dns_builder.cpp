#include "pktdoc/builder/dns_builder.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <utility>

namespace pktdoc::build {

namespace {

// Pointers hold 14 bits of offset (RFC 1035 section 4.1.4).
constexpr std::size_t max_pointer_offset = 0x3FFF;
constexpr std::uint16_t top_bit = 0x8000;  // mDNS QU and cache-flush bits

DnsRdataPart octets(Bytes bytes) { return DnsRdataPart{std::move(bytes), std::nullopt, false}; }
DnsRdataPart name_part(std::string_view name, bool compress) { return DnsRdataPart{{}, std::string(name), compress}; }

void write_character_string(ByteWriter& out, std::string_view text) {
  if (text.size() > 255)
    throw std::length_error("DnsRecord: a character-string holds at most 255 octets, not " +
                            std::to_string(text.size()));
  out.write_u8(static_cast<std::uint8_t>(text.size())).write(text);
}

std::uint16_t count(const char* section, std::size_t size) {
  if (size > 65535)
    throw std::length_error(std::string("DnsMessage: the ") + section + " section has over 65535 entries");
  return static_cast<std::uint16_t>(size);
}

// Writes names into a message, replacing each suffix already written by a pointer to it.
class NameWriter {
 public:
  NameWriter(ByteWriter& out, bool compress) : out_(out), compress_(compress) {}

  void write(std::string_view text, bool compressible) {
    const auto name = DnsName::from_text(text);
    if (!name) throw std::invalid_argument("DnsMessage: not a valid domain name: '" + std::string(text) + "'");
    const ByteView wire = name->wire();
    const ByteReader reader(wire);
    std::vector<std::size_t> labels;  // offset of each label's length octet in `wire`
    for (std::size_t at = 0; reader.u8_at(at) != 0; at += 1 + reader.u8_at(at)) labels.push_back(at);

    const std::size_t base = out_.size();
    std::size_t written = labels.size();  // labels written in full before a pointer, if any
    std::uint16_t pointer = 0;
    if (compress_ && compressible) {
      for (std::size_t i = 0; i < labels.size(); ++i) {
        if (auto found = suffixes_.find(key(wire.subspan(labels[i]))); found != suffixes_.end()) {
          written = i;
          pointer = found->second;
          break;
        }
      }
    }
    if (written == labels.size()) {
      out_.write(wire);
    } else {
      out_.write(wire.first(labels[written]));
      out_.write_u16(static_cast<std::uint16_t>(0xC000 | pointer));
    }
    // Later names may point at any suffix written here in full.
    if (!compress_) return;
    for (std::size_t i = 0; i < written; ++i) {
      const std::size_t offset = base + labels[i];
      if (offset > max_pointer_offset) break;
      suffixes_.emplace(key(wire.subspan(labels[i])), static_cast<std::uint16_t>(offset));
    }
  }

 private:
  // Names compare without regard to ASCII case (RFC 4343 section 3).
  static std::string key(ByteView suffix) {
    std::string text(as_text(suffix));
    for (char& c : text)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
  }

  ByteWriter& out_;
  bool compress_;
  std::map<std::string, std::uint16_t> suffixes_;
};

void write_record(ByteWriter& out, NameWriter& names, const DnsRecord& record) {
  names.write(record.name, true);
  out.write_u16(static_cast<std::uint16_t>(record.type));
  out.write_u16(
      static_cast<std::uint16_t>(static_cast<std::uint16_t>(record.class_) | (record.cache_flush ? top_bit : 0)));
  out.write_u32(record.ttl);
  const std::size_t length_at = out.size();
  out.write_u16(0);
  for (const DnsRdataPart& part : record.rdata) {
    if (part.name)
      names.write(*part.name, part.compress);
    else
      out.write(view(part.octets));
  }
  const std::size_t length = out.size() - length_at - 2;
  if (length > 65535)
    throw std::length_error("DnsRecord: RDATA holds at most 65535 octets, not " + std::to_string(length));
  out.set_u16_at(length_at, record.rdata_length.value_or(static_cast<std::uint16_t>(length)));
}

}  // namespace

// --- Records ------------------------------------------------------------------------------------

DnsRecord DnsRecord::a(std::string_view name, const Ipv4Address& address, std::uint32_t ttl) {
  return raw(name, DnsType::a, as_bytes(address.bytes.data(), address.bytes.size()), ttl);
}

DnsRecord DnsRecord::aaaa(std::string_view name, const Ipv6Address& address, std::uint32_t ttl) {
  return raw(name, DnsType::aaaa, as_bytes(address.bytes.data(), address.bytes.size()), ttl);
}

DnsRecord DnsRecord::cname(std::string_view name, std::string_view canonical_name, std::uint32_t ttl) {
  return DnsRecord{
      .name = std::string(name), .type = DnsType::cname, .ttl = ttl, .rdata = {name_part(canonical_name, true)}};
}

DnsRecord DnsRecord::ns(std::string_view name, std::string_view name_server, std::uint32_t ttl) {
  return DnsRecord{.name = std::string(name), .type = DnsType::ns, .ttl = ttl, .rdata = {name_part(name_server, true)}};
}

DnsRecord DnsRecord::ptr(std::string_view name, std::string_view target, std::uint32_t ttl) {
  return DnsRecord{.name = std::string(name), .type = DnsType::ptr, .ttl = ttl, .rdata = {name_part(target, true)}};
}

DnsRecord DnsRecord::mx(std::string_view name, std::uint16_t preference, std::string_view exchange, std::uint32_t ttl) {
  ByteWriter fixed;
  fixed.write_u16(preference);
  return DnsRecord{.name = std::string(name),
                   .type = DnsType::mx,
                   .ttl = ttl,
                   .rdata = {octets(std::move(fixed).release()), name_part(exchange, true)}};
}

DnsRecord DnsRecord::soa(std::string_view name, std::string_view mname, std::string_view rname, const SoaTimers& timers,
                         std::uint32_t ttl) {
  ByteWriter fixed;
  fixed.write_u32(timers.serial).write_u32(timers.refresh).write_u32(timers.retry).write_u32(timers.expire);
  fixed.write_u32(timers.minimum);
  return DnsRecord{.name = std::string(name),
                   .type = DnsType::soa,
                   .ttl = ttl,
                   .rdata = {name_part(mname, true), name_part(rname, true), octets(std::move(fixed).release())}};
}

DnsRecord DnsRecord::txt(std::string_view name, const std::vector<std::string>& strings, std::uint32_t ttl) {
  ByteWriter data;
  for (const std::string& text : strings) write_character_string(data, text);
  return raw(name, DnsType::txt, data.view(), ttl);
}

DnsRecord DnsRecord::srv(std::string_view name, std::uint16_t priority, std::uint16_t weight, std::uint16_t port,
                         std::string_view target, std::uint32_t ttl) {
  ByteWriter fixed;
  fixed.write_u16(priority).write_u16(weight).write_u16(port);
  return DnsRecord{.name = std::string(name),
                   .type = DnsType::srv,
                   .ttl = ttl,
                   .rdata = {octets(std::move(fixed).release()), name_part(target, false)}};
}

DnsRecord DnsRecord::hinfo(std::string_view name, std::string_view cpu, std::string_view os, std::uint32_t ttl) {
  ByteWriter data;
  write_character_string(data, cpu);
  write_character_string(data, os);
  return raw(name, DnsType::hinfo, data.view(), ttl);
}

DnsRecord DnsRecord::opt(std::uint16_t udp_payload_size, bool dnssec_ok, const std::vector<DnsOption>& options,
                         std::uint8_t extended_rcode, std::uint8_t version) {
  ByteWriter data;
  for (const DnsOption& option : options) {
    if (option.data.size() > 65535) throw std::length_error("DnsRecord: an EDNS option holds at most 65535 octets");
    data.write_u16(option.code).write_u16(static_cast<std::uint16_t>(option.data.size())).write(option.data);
  }
  DnsRecord record = raw("", DnsType::opt, data.view(), 0);
  record.class_ = DnsClass{udp_payload_size};
  record.ttl = (std::uint32_t{extended_rcode} << 24) | (std::uint32_t{version} << 16) | (dnssec_ok ? 0x8000u : 0u);
  return record;
}

DnsRecord DnsRecord::raw(std::string_view name, DnsType type, ByteView rdata, std::uint32_t ttl) {
  return DnsRecord{.name = std::string(name), .type = type, .ttl = ttl, .rdata = {octets(to_bytes(rdata))}};
}

// --- Messages -----------------------------------------------------------------------------------

DnsMessage DnsMessage::query(std::uint16_t id, std::string_view name, DnsType type) {
  DnsMessage message;
  message.id = id;
  message.recursion_desired = true;
  message.questions.push_back(DnsQuestion{.name = std::string(name), .type = type});
  return message;
}

DnsMessage DnsMessage::response_to(const DnsMessage& query) {
  DnsMessage message;
  message.id = query.id;
  message.is_response = true;
  message.opcode = query.opcode;
  message.recursion_desired = query.recursion_desired;
  message.recursion_available = true;
  message.questions = query.questions;
  return message;
}

std::uint16_t DnsMessage::flags() const noexcept {
  return static_cast<std::uint16_t>((is_response ? 0x8000u : 0u) | ((static_cast<unsigned>(opcode) & 0x0fu) << 11) |
                                    (authoritative ? 0x0400u : 0u) | (truncated_flag ? 0x0200u : 0u) |
                                    (recursion_desired ? 0x0100u : 0u) | (recursion_available ? 0x0080u : 0u) |
                                    (z ? 0x0040u : 0u) | (authentic_data ? 0x0020u : 0u) |
                                    (checking_disabled ? 0x0010u : 0u) | (static_cast<unsigned>(rcode) & 0x000fu));
}

Bytes DnsMessage::encode() const {
  ByteWriter out;
  out.write_u16(id).write_u16(flags());
  out.write_u16(question_count.value_or(count("question", questions.size())));
  out.write_u16(answer_count.value_or(count("answer", answers.size())));
  out.write_u16(authority_count.value_or(count("authority", authorities.size())));
  out.write_u16(additional_count.value_or(count("additional", additionals.size())));
  NameWriter names(out, compress);
  for (const DnsQuestion& question : questions) {
    names.write(question.name, true);
    out.write_u16(static_cast<std::uint16_t>(question.type));
    out.write_u16(static_cast<std::uint16_t>(static_cast<std::uint16_t>(question.class_) |
                                             (question.unicast_response ? top_bit : 0)));
  }
  for (const auto* section : {&answers, &authorities, &additionals})
    for (const DnsRecord& record : *section) write_record(out, names, record);
  if (out.size() > pktdoc::DnsMessage::max_length)
    throw std::length_error("DnsMessage: a message holds at most 65535 octets, not " + std::to_string(out.size()));
  return std::move(out).release();
}

Bytes DnsMessage::encode_tcp() const {
  const Bytes message = encode();
  ByteWriter out;
  out.reserve(2 + message.size());
  out.write_u16(static_cast<std::uint16_t>(message.size())).write(view(message));
  return std::move(out).release();
}

}  // namespace pktdoc::build
