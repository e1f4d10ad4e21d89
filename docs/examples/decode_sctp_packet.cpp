// decode_sctp_packet: the first and a later packet of an SCTP association, decoded with
// pktdoc::SctpPacket and the typed chunk views. The INIT carries the parameters that open the
// association; the DATA chunk carries one whole user message ("hello", B and E bits set) and
// 3 bytes of padding that the Chunk Length leaves out. The CRC32c checksums are correct: tshark
// (with sctp.checksum set to CRC-32C) says so too.
//
// Quoted by docs/protocols/sctp.rst; ctest compares its output with
// tests/golden/docs/decode_sctp_packet.txt, which the page shows.

#include <cstdio>

#include "pktdoc/sctp.hpp"
#include "snippet.hpp"

int main() {
  // [bytes]
  const std::vector<std::byte> init = snippet::bytes(
      // common header (RFC 9260 section 3.1), 12 bytes
      "c0 00 13 89"  // source port 49152, destination port 5001
      "00 00 00 00"  // verification tag 0: a packet carrying INIT has no tag yet
      "7a d9 c6 b4"  // CRC32c checksum
      // INIT chunk (section 3.3.2)
      "01 00 00 28"              // type 1 (INIT), flags 0, chunk length 40
      "5a 1b 2c 3d"              // initiate tag: the peer puts it in every packet it sends back
      "00 01 a0 00"              // advertised receiver window credit 106496 bytes
      "00 0a ff ff"              // 10 outbound streams wanted, up to 65535 inbound accepted
      "3e 8d 1f 00"              // initial TSN 1049435904
      "00 05 00 08 c0 00 02 01"  // parameter 5 (IPv4 address), length 8: 192.0.2.1
      "00 0c 00 06 00 05 00 00"  // parameter 12 (supported address types), length 6: IPv4; 2 bytes padding
      "c0 00 00 04");            // parameter 0xc000 (Forward-TSN supported), length 4
  const std::vector<std::byte> data = snippet::bytes(
      "c0 00 13 89"  // the same ports
      "7e 2a 9b 14"  // verification tag: the initiate tag the peer chose in its INIT ACK
      "57 47 e4 7f"  // CRC32c checksum
      // DATA chunk (section 3.3.1)
      "00 03 00 15"                // type 0 (DATA), flags B and E (a whole message), chunk length 21
      "3e 8d 1f 00"                // TSN: the initial TSN, so the association's first DATA chunk
      "00 00 00 00"                // stream 0, stream sequence number 0
      "00 00 00 00"                // payload protocol identifier 0 (unspecified)
      "68 65 6c 6c 6f 00 00 00");  // user data "hello", and padding to a multiple of 4
  // [bytes]

  // [decode]
  for (const auto* bytes : {&init, &data}) {
    auto sctp = pktdoc::SctpPacket::parse(*bytes);
    if (!sctp) {
      std::printf("sctp %s: %s\n", pktdoc::error_kind_name(sctp.error().kind).data(), sctp.error().reason);
      return 1;
    }
    std::printf("ports                    %u -> %u\n", sctp->source_port(), sctp->destination_port());
    std::printf("verification_tag()       0x%08x\n", sctp->verification_tag());
    std::printf("checksum()               0x%08x, %s (computed 0x%08x)\n", sctp->checksum(),
                pktdoc::checksum_status_name(sctp->checksum_status()).data(), sctp->computed_checksum());
    for (const pktdoc::SctpChunk chunk : sctp->chunks()) {
      std::printf("chunk                    %s (type %u), flags 0x%02x, length %u\n", chunk.name().data(), chunk.type(),
                  chunk.flags(), chunk.length());
      if (auto first = pktdoc::SctpInitChunk::parse(chunk.bytes())) {
        std::printf("  initiate_tag()         0x%08x\n", first->initiate_tag());
        std::printf("  a_rwnd                 %u bytes\n", first->advertised_receiver_window_credit());
        std::printf("  streams                %u outbound, %u inbound\n", first->number_of_outbound_streams(),
                    first->number_of_inbound_streams());
        std::printf("  initial_tsn()          %u\n", first->initial_tsn());
        for (const pktdoc::SctpParameter parameter : first->parameters()) {
          std::printf("  parameter              %s (0x%04x), length %u", parameter.name().data(), parameter.type(),
                      parameter.length());
          if (auto address = parameter.ipv4_address()) std::printf(": %s", address->to_text().c_str());
          for (std::size_t i = 0; i < parameter.supported_address_type_count(); ++i)
            std::printf(": type %u", parameter.supported_address_type(i));
          std::printf("\n");
        }
      } else if (auto message = pktdoc::SctpDataChunk::parse(chunk.bytes())) {
        const std::string_view text = pktdoc::as_text(message->user_data());
        std::printf("  tsn()                  %u, stream %u, sequence %u, ppid %u\n", message->tsn(),
                    message->stream_identifier(), message->stream_sequence_number(),
                    message->payload_protocol_identifier());
        std::printf("  b_bit() e_bit()        %d %d: a whole message\n", message->b_bit() ? 1 : 0,
                    message->e_bit() ? 1 : 0);
        std::printf("  user_data()            %zu bytes: \"%.*s\"\n", text.size(), static_cast<int>(text.size()),
                    text.data());
      }
    }
    std::printf("\n");
  }
  // [decode]
  return 0;
}
