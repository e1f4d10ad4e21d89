#include "pktdoc/checksum.hpp"

#include <array>

namespace pktdoc {

void InternetChecksum::add(ByteView bytes) noexcept {
  ByteReader reader(bytes);
  std::size_t i = 0;
  if (odd_ && !bytes.empty()) {  // complete the pending 16-bit word with its low byte
    sum_ += reader.u8_at(0);
    odd_ = false;
    i = 1;
  }
  for (; i + 1 < bytes.size(); i += 2) sum_ += reader.u16_at(i);
  if (i < bytes.size()) {  // an odd byte is the high half of a word that the next call completes
    sum_ += static_cast<std::uint32_t>(reader.u8_at(i)) << 8;
    odd_ = true;
  }
}

std::uint16_t InternetChecksum::finish() const noexcept {
  std::uint64_t sum = sum_;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

std::uint16_t internet_checksum(ByteView bytes) noexcept {
  InternetChecksum sum;
  sum.add(bytes);
  return sum.finish();
}

void add_pseudo_header(InternetChecksum& sum, const Ipv4Address& source, const Ipv4Address& destination,
                       std::uint8_t protocol, std::uint16_t length) noexcept {
  sum.add_u32(source.to_uint());
  sum.add_u32(destination.to_uint());
  sum.add_u16(protocol);
  sum.add_u16(length);
}

void add_pseudo_header(InternetChecksum& sum, const Ipv6Address& source, const Ipv6Address& destination,
                       std::uint8_t next_header, std::uint32_t length) noexcept {
  sum.add(as_bytes(source.bytes.data(), source.bytes.size()));
  sum.add(as_bytes(destination.bytes.data(), destination.bytes.size()));
  sum.add_u32(length);
  sum.add_u16(next_header);
}

void add_pseudo_header(InternetChecksum& sum, const PseudoHeader& pseudo) noexcept {
  if (pseudo.is_ipv6)
    add_pseudo_header(sum, pseudo.source6, pseudo.destination6, pseudo.protocol, pseudo.length);
  else
    add_pseudo_header(sum, pseudo.source4, pseudo.destination4, pseudo.protocol,
                      static_cast<std::uint16_t>(pseudo.length));
}

std::string_view checksum_status_name(ChecksumStatus status) noexcept {
  switch (status) {
    case ChecksumStatus::good: return "good";
    case ChecksumStatus::bad: return "bad";
    case ChecksumStatus::unverified: return "unverified";
    case ChecksumStatus::absent: return "absent";
  }
  return "unknown";
}

namespace {

constexpr std::array<std::uint32_t, 256> make_crc32c_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;  // reflected 0x1EDC6F41
    table[i] = crc;
  }
  return table;
}

constexpr auto kCrc32cTable = make_crc32c_table();

}  // namespace

std::uint32_t crc32c(ByteView bytes, std::uint32_t crc) noexcept {
  crc = ~crc;
  for (std::byte b : bytes) crc = kCrc32cTable[(crc ^ static_cast<std::uint8_t>(b)) & 0xff] ^ (crc >> 8);
  return ~crc;
}

}  // namespace pktdoc
