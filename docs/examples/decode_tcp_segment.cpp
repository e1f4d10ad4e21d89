// decode_tcp_segment: a TCP SYN in an IPv4 packet, written out field by field, decoded with
// pktdoc::Ipv4Packet and pktdoc::TcpSegment, and every field printed with the accessor that reads
// it. tshark decodes the same bytes with both checksums correct.
//
// Quoted by docs/protocols/tcp.rst; ctest compares its output with
// tests/golden/docs/decode_tcp_segment.txt, which the page shows.

#include <cstdio>

#include "pktdoc/ipv4.hpp"
#include "pktdoc/tcp.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  const std::vector<std::byte> packet = snippet::bytes(
      // IPv4 header (RFC 791 section 3.1), 20 bytes
      "45 00 00 3c"  // version 4, IHL 5 words; DSCP 0, ECN 0; total length 60
      "1c 46 40 00"  // identification 0x1c46; flags DF; fragment offset 0
      "40 06 32 24"  // TTL 64; protocol 6 (TCP); header checksum 0x3224
      "c0 00 02 0a"  // source address 192.0.2.10
      "c6 33 64 14"  // destination address 198.51.100.20
      // TCP header (RFC 9293 section 3.1), 20 fixed bytes
      "c0 00 00 50"  // source port 49152, destination port 80
      "4e 1f 2a 01"  // sequence number 1310665217 (the initial sequence number, ISN)
      "00 00 00 00"  // acknowledgment number: ACK is not set, so it means nothing
      "a0 02 fa f0"  // data offset 10 words (40 bytes); flags 0x002 (SYN); window 64240
      "46 0a 00 00"  // checksum 0x460a; urgent pointer 0
      // TCP options, 20 bytes: the SYN announces what this end supports
      "02 04 05 b4"                    // kind 2 (MSS), length 4: 1460 bytes
      "04 02"                          // kind 4 (SACK permitted), length 2
      "08 0a 00 01 e2 40 00 00 00 00"  // kind 8 (timestamps), length 10: TSval 123456, TSecr 0
      "01"                             // kind 1 (NOP): padding, so the options fill whole words
      "03 03 07");                     // kind 3 (window scale), length 3: shift count 7
  // [bytes]

  // [decode]
  auto ip = pktdoc::Ipv4Packet::parse(packet);
  if (!ip) return 1;
  // The IPv4 payload is cut to the Total Length, so link-layer padding never reaches TCP.
  auto tcp = pktdoc::TcpSegment::parse(ip->payload());
  if (!tcp) {
    std::printf("tcp %s: %s\n", pktdoc::error_kind_name(tcp.error().kind).data(), tcp.error().reason);
    return 1;
  }
  std::printf("source_port()            %u\n", tcp->source_port());
  std::printf("destination_port()       %u\n", tcp->destination_port());
  std::printf("sequence_number()        %u\n", tcp->sequence_number());
  std::printf("acknowledgment_number()  %u (significant: %s)\n", tcp->acknowledgment_number(),
              tcp->ack() ? "yes" : "no, ACK is not set");
  std::printf("data_offset()            %u words, header_length() %zu bytes\n", tcp->data_offset(),
              tcp->header_length());
  std::printf("flags()                  0x%03x: %s (tcpdump: %s)\n", tcp->flags(), tcp->flags_text().c_str(),
              tcp->flags_text(pktdoc::TcpFlagStyle::tcpdump).c_str());
  std::printf("window()                 %u\n", tcp->window());
  // The checksum covers a pseudo-header of the IP packet: addresses, protocol and length.
  std::printf("checksum()               0x%04x, %s\n", tcp->checksum(),
              pktdoc::checksum_status_name(tcp->checksum_status(ip->pseudo_header())).data());
  std::printf("urgent_pointer()         %u\n", tcp->urgent_pointer());
  for (const pktdoc::TcpOption& option : tcp->options())
    std::printf("option                   kind %u, length %u, %zu data bytes\n", option.kind, option.length,
                option.data.size());
  if (auto mss = tcp->mss()) std::printf("mss()                    %u bytes\n", *mss);
  if (auto shift = tcp->window_scale())
    std::printf("window_scale()           %u (windows are multiplied by %u)\n", *shift, 1u << *shift);
  std::printf("sack_permitted()         %s\n", tcp->sack_permitted() ? "true" : "false");
  if (auto timestamps = tcp->timestamps())
    std::printf("timestamps()             TSval %u, TSecr %u\n", timestamps->value, timestamps->echo_reply);
  std::printf("payload()                %zu bytes\n", tcp->payload().size());
  // [decode]
  return 0;
}
