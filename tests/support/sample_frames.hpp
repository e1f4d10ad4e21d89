// Whole frames (Ethernet and what it carries) written field by field, shared by the tests of
// decode_packet() (packet_test.cpp) and of the Wireshark listing (wireshark_test.cpp), so that both
// check the same bytes. Each was checked once with tshark; checksums are correct unless the
// comment says otherwise. Addresses are from the documentation ranges.
#pragma once

#include <cstddef>
#include <vector>

#include "test_support.hpp"

namespace pktdoc::test::frames {

// 192.0.2.1:49152 asks 198.51.100.53:53 for the A record of www.example.com (75 bytes).
inline std::vector<std::byte> dns_query_frame() {
  return hex(
      "020000000002 020000000001 0800 |"    // Ethernet: destination, source, EtherType IPv4
      "45 00 003d 1234 4000"                // IPv4: IHL 5, total length 61, id 0x1234, flags DF, offset 0
      "40 11 3c12"                          // TTL 64, protocol UDP, header checksum
      "c0000201 c6336435 |"                 // 192.0.2.1 -> 198.51.100.53
      "c000 0035 0029 5cd2 |"               // UDP: 49152 -> 53, length 41, checksum
      "abcd 0100 0001 0000 0000 0000"       // DNS: ID 0xabcd, flags QUERY RD, 1 question
      "03777777076578616d706c6503636f6d00"  // QNAME www.example.com
      "0001 0001");                         // QTYPE A, QCLASS IN
}

// The answer: www.example.com is a CNAME of web.example.com, which has two addresses.
inline std::vector<std::byte> dns_response_frame() {
  return hex(
      "020000000001 020000000002 0800 |"    // Ethernet: destination, source, EtherType IPv4
      "45 00 006f 5678 4000"                // IPv4: IHL 5, total length 111, id 0x5678, flags DF, offset 0
      "40 11 f79b"                          // TTL 64, protocol UDP, header checksum
      "c6336435 c0000201 |"                 // 198.51.100.53 -> 192.0.2.1
      "0035 c000 005b 4af9 |"               // UDP: 53 -> 49152, length 91, checksum
      "abcd 8180 0001 0003 0000 0000"       // DNS: ID 0xabcd, flags QR RD RA NoError, 1 question, 3 answers
      "03777777076578616d706c6503636f6d00"  // QNAME www.example.com (offset 12; example.com at 16)
      "0001 0001"                           // QTYPE A, QCLASS IN
      "c00c 0005 0001 0000012c 0006"        // answer 1 (offset 33): CNAME, IN, TTL 300, RDLENGTH 6
      "03776562 c010"                       // "web" (offset 45) + pointer to example.com
      "c02d 0001 0001 0000012c 0004"        // answer 2: web.example.com A, IN, TTL 300, RDLENGTH 4
      "c0000250"                            // 192.0.2.80
      "c02d 0001 0001 0000012c 0004"        // answer 3: web.example.com A, IN, TTL 300, RDLENGTH 4
      "c0000251");                          // 192.0.2.81
}

// 2001:db8::1 opens a connection to port 80 of 2001:db8::80, with MSS, SACK, timestamps and window scale.
inline std::vector<std::byte> ipv6_syn_frame() {
  return hex(
      "020000000002 020000000001 86dd |"    // Ethernet: destination, source, EtherType IPv6
      "60012345 0028 06 40"                 // IPv6: flow 0x12345, payload length 40, next header TCP, hop limit 64
      "20010db8000000000000000000000001"    // source 2001:db8::1
      "20010db8000000000000000000000080 |"  // destination 2001:db8::80
      "c000 0050"                           // TCP: 49152 -> 80
      "01020304 00000000"                   // sequence number, acknowledgment number
      "a002 ffff 17cb 0000 "                // 40-byte header, SYN, window 65535, checksum, urgent pointer
      "0204 05a0"                           // MSS 1440
      "0402"                                // SACK permitted
      "080a 00001000 00000000"              // timestamps: TSval 4096, TSecr 0
      "01"                                  // No Operation
      "0303 07 |");                         // window scale: shift 7
}

// Who has 192.0.2.2? Tell 192.0.2.1: broadcast, padded to 60 bytes.
inline std::vector<std::byte> arp_request_frame() {
  return hex(
      "ffffffffffff 020000000001 0806 |"        // Ethernet: destination, source, EtherType ARP
      "0001 0800 06 04 0001"                    // ARP: Ethernet, IPv4, address sizes 6 and 4, opcode 1 (request)
      "020000000001 c0000201"                   // sender 02:00:00:00:00:01, 192.0.2.1
      "000000000000 c0000202 |"                 // target unknown, 192.0.2.2
      "000000000000000000000000000000000000");  // Ethernet padding to 60 bytes
}

// 198.51.100.53 answers the query with port unreachable, quoting its IPv4 header and
// the 8-byte UDP header.
inline std::vector<std::byte> port_unreachable_frame() {
  return hex(
      "020000000001 020000000002 0800 |"  // Ethernet: destination, source, EtherType IPv4
      "45 00 0038 0042 4000"              // IPv4: IHL 5, total length 56, id 0x0042, flags DF, offset 0
      "40 01 4e19"                        // TTL 64, protocol ICMP, header checksum
      "c6336435 c0000201 |"               // 198.51.100.53 -> 192.0.2.1
      "03 03 dfcb 00000000 |"             // ICMP: type 3, code 3 (port unreachable), checksum, unused
      "45 00 003d 1234 4000"              // quoted IPv4: IHL 5, total length 61, id 0x1234, flags DF, offset 0
      "40 11 3c12"                        // quoted TTL 64, protocol UDP, header checksum
      "c0000201 c6336435 |"               // quoted 192.0.2.1 -> 198.51.100.53
      "c000 0035 0029 5cd2 |");           // quoted UDP: 49152 -> 53, length 41, checksum
}

// The port unreachable of port_unreachable_frame, sent with TTL 1, expires at 203.0.113.1,
// which quotes all 56 bytes of it back to 198.51.100.53.
inline std::vector<std::byte> nested_quote_frame() {
  return hex(
      "020000000002 020000000003 0800 |"  // Ethernet: destination, source, EtherType IPv4
      "45 00 0054 0044 4000"              // IPv4: IHL 5, total length 84, id 0x0044, flags DF, offset 0
      "40 01 d3fa"                        // TTL 64, protocol ICMP, header checksum
      "cb007101 c6336435 |"               // 203.0.113.1 -> 198.51.100.53
      "0b 00 f4ff 00000000 |"             // ICMP: type 11, code 0 (TTL exceeded in transit), checksum, unused
      "45 00 0038 0042 4000"              // quoted IPv4: IHL 5, total length 56, id 0x0042, flags DF, offset 0
      "01 01 8d19"                        // quoted TTL 1, protocol ICMP, header checksum
      "c6336435 c0000201 |"               // quoted 198.51.100.53 -> 192.0.2.1
      "03 03 dfcb 00000000 |"             // quoted ICMP: type 3, code 3, checksum, unused
      "45 00 003d 1234 4000"              // inner quote: IPv4: IHL 5, total length 61, id 0x1234, flags DF, offset 0
      "40 11 3c12"                        // inner quote: TTL 64, protocol UDP, header checksum
      "c0000201 c6336435 |"               // inner quote: 192.0.2.1 -> 198.51.100.53
      "c000 0035 0029 5cd2 |");           // inner quote: UDP: 49152 -> 53, length 41, checksum
}

// Router fe80::1 tells 2001:db8::1 to reach 2001:db8:1::5 through fe80::2, with the first
// packet it redirected (80 bytes: the option length is a multiple of 8).
inline std::vector<std::byte> redirect_frame() {
  return hex(
      "020000000001 020000000003 86dd |"    // Ethernet: destination, source, EtherType IPv6
      "60000000 0088 3a ff"                 // IPv6: payload length 136, next header ICMPv6, hop limit 255
      "fe800000000000000000000000000001"    // source fe80::1
      "20010db8000000000000000000000001 |"  // destination 2001:db8::1
      "89 00 a480 00000000 |"               // ICMPv6: type 137 (redirect), code 0, checksum, reserved
      "fe800000000000000000000000000002"    // target: the better first hop fe80::2
      "20010db8000100000000000000000005 |"  // destination being redirected: 2001:db8:1::5
      "02 01 020000000003 |"                // option: target link-layer address 02:00:00:00:00:03
      "04 0b 000000000000 |"                // option: redirected header, length 11 (88 bytes), reserved
      "60000000 0028 11 40"                 // redirected IPv6: payload length 40, next header UDP, hop limit 64
      "20010db8000000000000000000000001"    // redirected source 2001:db8::1
      "20010db8000100000000000000000005 |"  // redirected destination 2001:db8:1::5
      "c000 0035 0028 003b |"               // redirected UDP: 49152 -> 53, length 40, checksum
      "0077 0100 0001 0000 0000 0000"       // redirected DNS: ID 0x0077, flags QUERY RD, 1 question
      "026e73076578616d706c6503636f6d00"    // redirected QNAME ns.example.com
      "0001 0001");                         // redirected QTYPE A, QCLASS IN
}

// The query of dns_query_frame carried from 2001:db8::1 to 2001:db8::2 in an IPv6 tunnel (RFC 2473).
inline std::vector<std::byte> ipv4_in_ipv6_frame() {
  return hex(
      "020000000002 020000000001 86dd |"    // Ethernet: destination, source, EtherType IPv6
      "60000000 003d 04 40"                 // IPv6: payload length 61, next header IPv4, hop limit 64
      "20010db8000000000000000000000001"    // source 2001:db8::1
      "20010db8000000000000000000000002 |"  // destination 2001:db8::2
      "45 00 003d 1234 4000"                // inner IPv4: IHL 5, total length 61, id 0x1234, flags DF, offset 0
      "40 11 3c12"                          // inner TTL 64, protocol UDP, header checksum
      "c0000201 c6336435 |"                 // inner 192.0.2.1 -> 198.51.100.53
      "c000 0035 0029 5cd2 |"               // inner UDP: 49152 -> 53, length 41, checksum
      "abcd 0100 0001 0000 0000 0000"       // inner DNS: ID 0xabcd, flags QUERY RD, 1 question
      "03777777076578616d706c6503636f6d00"  // inner QNAME www.example.com
      "0001 0001");                         // inner QTYPE A, QCLASS IN
}

// The first of two fragments of a 41-byte UDP datagram holding a DNS query: the UDP header and
// 16 bytes of the message.
inline std::vector<std::byte> first_fragment_frame() {
  return hex(
      "020000000002 020000000001 0800 |"  // Ethernet: destination, source, EtherType IPv4
      "45 00 002c 4321 2000"              // IPv4: IHL 5, total length 44, id 0x4321, flags MF, offset 0
      "40 11 2b36"                        // TTL 64, protocol UDP, header checksum
      "c0000201 c6336435 |"               // 192.0.2.1 -> 198.51.100.53
      "c000003500295ccf |"                // UDP: 49152 -> 53, length 41, checksum (of the whole datagram)
      "abd001000001000000000000"          // DNS: ID 0xabd0, flags QUERY RD, 1 question
      "03777777");                        // QNAME "www"..., cut by the fragment
}

// An SCTP COOKIE ACK encapsulated in UDP port 9899 (RFC 6951).
inline std::vector<std::byte> sctp_over_udp_frame() {
  return hex(
      "020000000002 020000000001 0800 |"  // Ethernet: destination, source, EtherType IPv4
      "45 00 002c 1239 4000"              // IPv4: IHL 5, total length 44, id 0x1239, flags DF, offset 0
      "40 11 3c51"                        // TTL 64, protocol UDP, header checksum
      "c0000201 c6336402 |"               // 192.0.2.1 -> 198.51.100.2
      "26ab 26ab 0018 811d |"             // UDP: 9899 -> 9899, length 24, checksum
      "1388 1389 01020304 8b628395 |"     // SCTP: 5000 -> 5001, verification tag, CRC32c
      "0b 00 0004");                      // chunk: COOKIE ACK (11), flags 0, length 4
}

// An echo request, double-tagged: service VLAN 100 (802.1ad), customer VLAN 200 (802.1Q).
inline std::vector<std::byte> vlan_frame() {
  return hex(
      "020000000002 020000000001 |"  // Ethernet: 02:00:00:00:00:02 <- 02:00:00:00:00:01
      "88a8 0064 |"                  // 802.1ad service tag: PCP 0, VID 100
      "8100 60c8 |"                  // 802.1Q customer tag: PCP 3, VID 200
      "0800 |"                       // EtherType IPv4
      "45 00 0024 123a 4000"         // IPv4: IHL 5, total length 36, id 0x123a, flags DF, offset 0
      "40 01 3c68"                   // TTL 64, protocol ICMP, header checksum
      "c0000201 c6336402 |"          // 192.0.2.1 -> 198.51.100.2
      "08 00 7c58 12340001 |"        // ICMP: echo request, code 0, checksum, identifier 0x1234, sequence 1
      "7061636b65743031");           // "packet01"
}

// A spanning-tree configuration BPDU in an IEEE 802.3 frame with LLC: no EtherType.
inline std::vector<std::byte> llc_frame() {
  return hex(
      "0180c2000000 020000000001 0026 |"  // IEEE 802.3: 01:80:c2:00:00:00 <- 02:00:00:00:00:01, length 38
      "42 42 03 |"                        // LLC: DSAP 0x42, SSAP 0x42 (spanning tree), control 0x03 (UI)
      "0000 00 00 00"                     // BPDU: protocol 0, version 0, type 0 (configuration), flags 0
      "8000 020000000001"                 // root: priority 32768, 02:00:00:00:00:01
      "00000000"                          // root path cost 0
      "8000 020000000001"                 // bridge: priority 32768, 02:00:00:00:00:01
      "8001"                              // port 0x8001
      "0000 1400 0200 0f00 |"             // message age 0, max age 20, hello 2, forward delay 15 (1/256 s)
      "0000000000000000");                // padding to 60 bytes
}

}  // namespace pktdoc::test::frames
