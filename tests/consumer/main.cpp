// Uses a few pktdoc headers through the installed package: formats and parses an IPv4 address
// and computes the RFC 1071 checksum of the example bytes in RFC 1071 section 3.
#include <array>
#include <cstdint>
#include <cstdio>
#include <pktdoc/address.hpp>
#include <pktdoc/bytes.hpp>
#include <pktdoc/checksum.hpp>

int main() {
  const pktdoc::Ipv4Address address{{192, 0, 2, 1}};
  const auto parsed = pktdoc::Ipv4Address::parse("198.51.100.7");
  if (!parsed) {
    std::fprintf(stderr, "consumer: could not parse 198.51.100.7\n");
    return 1;
  }

  // RFC 1071 section 3: these bytes sum to 0xddf2, so their checksum is ~0xddf2 = 0x220d.
  std::array<std::uint8_t, 10> bytes{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7, 0x00, 0x00};
  const std::uint16_t checksum = pktdoc::internet_checksum(pktdoc::as_bytes(bytes.data(), 8));
  // With the checksum appended, the sum over all the bytes verifies to 0.
  bytes[8] = static_cast<std::uint8_t>(checksum >> 8);
  bytes[9] = static_cast<std::uint8_t>(checksum & 0xff);
  const std::uint16_t verified = pktdoc::internet_checksum(pktdoc::as_bytes(bytes.data(), bytes.size()));

  std::printf("pktdoc %s\n", CONSUMER_PKTDOC_VERSION);
  std::printf("address %s %s\n", address.to_text().c_str(), parsed->to_string().c_str());
  std::printf("checksum 0x%04x verified 0x%04x\n", checksum, verified);
  return 0;
}
