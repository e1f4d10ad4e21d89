// decode_icmp_message: two ICMP messages decoded with pktdoc::IcmpMessage. An echo request (ping),
// whose identifier and sequence number the reply copies; and a port unreachable, an error that
// quotes the datagram it answers, decoded in turn with pktdoc::decode_ip() as an IP packet of its
// own. tshark decodes the same messages with every checksum correct, the quoted ones included.
//
// Quoted by docs/protocols/icmp.rst; ctest compares its output with
// tests/golden/docs/decode_icmp_message.txt, which the page shows.

#include <cstdio>

#include "pktdoc/icmp.hpp"
#include "pktdoc/packet.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  // An echo request (RFC 792): the ICMP message only, the payload of an IPv4 packet.
  const std::vector<std::byte> echo = snippet::bytes(
      "08 00 1c 3a"                // type 8 (echo request), code 0, checksum 0x1c3a
      "4a 2f 00 01"                // identifier 0x4a2f, sequence number 1
      "61 62 63 64 65 66 67 68");  // data "abcdefgh", which the reply echoes
  // A destination unreachable, code 3 (port unreachable), sent by 198.51.100.7 when a UDP
  // datagram reached a port nobody listens on.
  const std::vector<std::byte> unreachable = snippet::bytes(
      "03 03 e9 57"  // type 3, code 3, checksum 0xe957
      "00 00 00 00"  // unused (RFC 4884 length 0: no extensions)
      // the quoted datagram: its IPv4 header and (here all of) its data
      "45 00 00 21 00 01 00 00 40 11 8e 8f c0 00 02 01 c6 33 64 07"  // IPv4 192.0.2.1 -> 198.51.100.7
      "13 88 00 07 00 0d bc 36 68 65 6c 6c 6f");                     // UDP 5000 -> 7, "hello"
  // [bytes]

  // [decode]
  auto ping = pktdoc::IcmpMessage::parse(echo);
  if (!ping) return 1;
  std::printf("type()                   %u (%s), code() %u\n", static_cast<unsigned>(ping->type()),
              pktdoc::icmp_type_name(ping->type()).data(), ping->code());
  std::printf("checksum()               0x%04x, %s\n", ping->checksum(),
              pktdoc::checksum_status_name(ping->checksum_status(echo.size())).data());
  std::printf("identifier()             0x%04x, sequence_number() %u\n", ping->identifier(), ping->sequence_number());
  std::printf("payload()                %zu bytes\n", ping->payload().size());
  std::printf("is_error()               %s\n\n", ping->is_error() ? "true" : "false");

  auto error = pktdoc::IcmpMessage::parse(unreachable);
  if (!error) return 1;
  std::printf("type()                   %u (%s), code() %u\n", static_cast<unsigned>(error->type()),
              pktdoc::icmp_type_name(error->type()).data(), error->code());
  if (error->type() == pktdoc::IcmpType::destination_unreachable &&
      error->code() == static_cast<std::uint8_t>(pktdoc::IcmpUnreachableCode::port_unreachable))
    std::printf("code                     port unreachable\n");
  std::printf("checksum()               0x%04x, %s\n", error->checksum(),
              pktdoc::checksum_status_name(error->checksum_status(unreachable.size())).data());
  std::printf("is_error()               %s, quoted_packet() %zu bytes, extensions() %zu bytes\n",
              error->is_error() ? "true" : "false", error->quoted_packet().size(), error->extensions().size());

  // The quote is an IP packet: decode it like any other.
  pktdoc::IpLayers quoted;
  pktdoc::decode_ip(error->quoted_packet(), quoted);
  if (quoted.ipv4 && quoted.udp)
    std::printf("quoted packet            %s:%u -> %s:%u, UDP checksum %s\n", quoted.ipv4->source().to_text().c_str(),
                quoted.udp->source_port(), quoted.ipv4->destination().to_text().c_str(), quoted.udp->destination_port(),
                pktdoc::checksum_status_name(quoted.udp->checksum_status(quoted.ipv4->pseudo_header())).data());
  // [decode]
  return 0;
}
