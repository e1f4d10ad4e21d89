// checksums: the one Internet checksum routine (RFC 1071) and CRC32c (RFC 9260 appendix A), on
// the RFC's own example and on a real UDP datagram with its pseudo-header.
//
// Quoted by docs/components/checksums.rst; ctest compares its output with
// tests/golden/docs/checksums.txt, which the page shows.

#include <cstdio>

#include "pktdoc/checksum.hpp"
#include "snippet.hpp"

int main() {
  // [rfc1071]
  // The example of RFC 1071 section 3: the one's complement sum of these 16-bit words is 0xddf2,
  // and the checksum is its complement.
  const std::vector<std::byte> words = snippet::bytes("00 01 f2 03 f4 f5 f6 f7");
  std::printf("internet_checksum()       0x%04x\n", pktdoc::internet_checksum(words));

  // The same sum in pieces of odd lengths: InternetChecksum keeps track of the byte position.
  pktdoc::InternetChecksum pieces;
  pieces.add(pktdoc::ByteView(words).first(3));
  pieces.add(pktdoc::ByteView(words).subspan(3));
  std::printf("in two pieces (3 + 5)     0x%04x\n", pieces.finish());
  // [rfc1071]

  // [pseudo-header]
  // A UDP datagram with its checksum filled in (0xbc36). Summed with its pseudo-header, a correct
  // checksum makes the result 0.
  const std::vector<std::byte> udp = snippet::bytes("13 88 00 07 00 0d bc 36 68 65 6c 6c 6f");
  pktdoc::PseudoHeader pseudo;
  pseudo.source4 = *pktdoc::Ipv4Address::parse("192.0.2.1");
  pseudo.destination4 = *pktdoc::Ipv4Address::parse("198.51.100.7");
  pseudo.protocol = 17;  // UDP
  pseudo.length = static_cast<std::uint32_t>(udp.size());
  pktdoc::InternetChecksum verify;
  pktdoc::add_pseudo_header(verify, pseudo);
  verify.add(udp);
  std::printf("udp with pseudo-header    0x%04x (0: the checksum is right)\n", verify.finish());
  // [pseudo-header]

  // [crc32c]
  // CRC32c of the nine ASCII digits: the check value of the CRC-32C parameter set.
  std::printf("crc32c(\"123456789\")       0x%08x\n", pktdoc::crc32c(pktdoc::as_bytes("123456789")));
  // Continued over two pieces: pass the previous result.
  const std::uint32_t first = pktdoc::crc32c(pktdoc::as_bytes("1234"));
  std::printf("in two pieces             0x%08x\n", pktdoc::crc32c(pktdoc::as_bytes("56789"), first));
  // [crc32c]

  // [status]
  for (auto status : {pktdoc::ChecksumStatus::good, pktdoc::ChecksumStatus::bad, pktdoc::ChecksumStatus::unverified,
                      pktdoc::ChecksumStatus::absent})
    std::printf("checksum_status_name()    %s\n", pktdoc::checksum_status_name(status).data());
  // [status]
  return 0;
}
