// SCTP (RFC 9260): the common header, chunk framing, the typed chunk views, CRC32c, and the
// Wireshark listing. Every packet below was written field by field and checked once with tshark
// 4.0 (inside an IPv4 header, `-o sctp.checksum:CRC-32C`: every checksum is "correct", no
// expert info); the listing expectations are what `tshark -T fields -E occurrence=a
// -E aggregator=,` printed for the same bytes.
#include "pktdoc/sctp.hpp"

#include <string>
#include <vector>

#include "pktdoc/detail/listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

// INIT from 49152 to 5000, with every kind of address parameter.
const std::vector<std::byte> init_packet = hex(
    "c000 1388"                                  // source port 49152, destination port 5000
    "00000000"                                   // verification tag 0: the packet carries INIT
    "2a127c50"                                   // checksum: CRC32c 0x507c122a, least significant byte first
    "01 00 0048"                                 // INIT, flags 0, chunk length 72
    "3a4b5c6d"                                   // initiate tag
    "0001a000"                                   // a_rwnd 106496
    "000a ffff"                                  // outbound streams 10, inbound streams 65535
    "1f2e3d4c"                                   // initial TSN
    "0005 0008 c0000201"                         // IPv4 Address, length 8: 192.0.2.1
    "0006 0014 20010db8000000000000000000000001" // IPv6 Address, length 20: 2001:db8::1
    "0009 0008 000003e8"                         // Cookie Preservative, length 8: 1000 ms
    "000c 0006 0005 0000"                        // Supported Address Types, length 6: IPv4; 2 bytes of padding
    "8000 0004"                                  // ECN Capable, length 4
    "c000 0004");                                // Forward-TSN-Supported, length 4

// INIT ACK answering it: the State Cookie is the last parameter, so its padding is the chunk's.
const std::vector<std::byte> init_ack_packet = hex(
    "1388 c000"                                  // source port 5000, destination port 49152
    "3a4b5c6d"                                   // verification tag: the INIT's initiate tag
    "acd5dc92"                                   // checksum
    "02 00 0039"                                 // INIT ACK, flags 0, chunk length 57
    "0badcafe"                                   // initiate tag
    "00010000"                                   // a_rwnd 65536
    "0005 0005"                                  // outbound streams 5, inbound streams 5
    "000003e8"                                   // initial TSN 1000
    "0005 0008 c6336402"                         // IPv4 Address: 198.51.100.2
    "0008 000c | 8123 0008 01020304"             // Unrecognized Parameter carrying parameter 0x8123
    "0007 0011 636f6f6b69652d627974657321"       // State Cookie, length 17: "cookie-bytes!"
    "000000");                                   // chunk padding

// A DATA chunk and a SACK bundled in one packet.
const std::vector<std::byte> data_sack_packet = hex(
    "c000 1388"                                  // source port 49152, destination port 5000
    "0badcafe"                                   // verification tag
    "d17c90da"                                   // checksum
    "00 03 0015"                                 // DATA, flags B and E, chunk length 21
    "1f2e3d4c"                                   // TSN
    "0001 0007"                                  // stream identifier 1, stream sequence number 7
    "00000000"                                   // payload protocol identifier 0 (unspecified)
    "68656c6c6f"                                 // user data "hello"
    "000000"                                     // chunk padding
    "03 00 0018"                                 // SACK, flags 0, chunk length 24
    "000003e7"                                   // cumulative TSN ack 999
    "0001a000"                                   // a_rwnd 106496
    "0001 0001"                                  // 1 gap ack block, 1 duplicate TSN
    "0002 0003"                                  // gap ack block: TSNs 1001 to 1002
    "000003e6");                                 // duplicate TSN 998

// Two DATA chunks; the sender left out the padding of the last one (Wireshark accepts it).
const std::vector<std::byte> data_unpadded_packet = hex(
    "c000 1388 0badcafe"                         // ports, verification tag
    "1e984848"                                   // checksum
    "00 0d 0014"                                 // DATA, flags I, U and E, chunk length 20
    "fffffffe"                                   // TSN
    "ffff 0000"                                  // stream identifier 65535, stream sequence number 0
    "00000033"                                   // payload protocol identifier 51
    "61626364"                                   // user data "abcd"
    "00 02 0013"                                 // DATA, flag B, chunk length 19, no padding after it
    "ffffffff"                                   // TSN
    "0002 0003"                                  // stream identifier 2, stream sequence number 3
    "12345678"                                   // payload protocol identifier
    "78797a");                                   // user data "xyz"

const std::vector<std::byte> heartbeat_packet = hex(
    "1388 c000 3a4b5c6d"                         // ports, verification tag
    "a052f8cb"                                   // checksum
    "04 00 0014"                                 // HEARTBEAT, flags 0, chunk length 20
    "0001 0010"                                  // Heartbeat Info, length 16
    "000102030405060708090a0b");                 // sender-specific information

const std::vector<std::byte> abort_packet = hex(
    "1388 c000 0badcafe"                         // ports, verification tag
    "a202e1c1"                                   // checksum
    "06 01 0013"                                 // ABORT, flag T, chunk length 19
    "000d 0008 6f6f7073"                         // Protocol Violation, length 8: "oops"
    "000c 0007 627965"                           // User-Initiated Abort, length 7: "bye"
    "00");                                       // chunk padding

const std::vector<std::byte> error_packet = hex(
    "1388 c000 3a4b5c6d"                         // ports, verification tag
    "92603231"                                   // checksum
    "09 00 0018"                                 // ERROR, flags 0, chunk length 24
    "0006 000c"                                  // Unrecognized Chunk Type, length 12
    "5a 00 0008 deadbeef"                        //   the chunk: type 0x5a, flags 0, length 8, value
    "0001 0008 0009 0000"                        // Invalid Stream Identifier, length 8: stream 9, reserved
    "0b 00 0004");                               // COOKIE ACK

const std::vector<std::byte> shutdown_packet = hex(
    "c000 1388 0badcafe"                         // ports, verification tag
    "35326d13"                                   // checksum
    "07 00 0008"                                 // SHUTDOWN, flags 0, chunk length 8
    "000003ec");                                 // cumulative TSN ack 1004

const std::vector<std::byte> shutdown_complete_packet = hex(
    "1388 c000 3a4b5c6d"                         // ports, verification tag
    "d351ab00"                                   // checksum
    "0e 01 0004");                               // SHUTDOWN COMPLETE, flag T, chunk length 4

const std::vector<std::byte> cookie_echo_packet = hex(
    "c000 1388 0badcafe"                         // ports, verification tag
    "449a8f38"                                   // checksum
    "0a 00 0011"                                 // COOKIE ECHO, flags 0, chunk length 17
    "636f6f6b69652d627974657321"                 // the cookie of the INIT ACK
    "000000");                                   // chunk padding

const std::vector<std::byte> i_data_packet = hex(
    "c000 1388 0badcafe"                         // ports, verification tag
    "230bcddb"                                   // checksum
    "40 03 0016"                                 // I-DATA, flags B and E, chunk length 22
    "00000005"                                   // TSN 5
    "0004 0000"                                  // stream identifier 4, reserved
    "01020304"                                   // message identifier
    "0000002e"                                   // payload protocol identifier 46
    "6869"                                       // user data "hi"
    "0000");                                     // chunk padding

// Chunk types nobody defined, one for each value of the top two bits.
const std::vector<std::byte> unknown_packet = hex(
    "c000 1388 0badcafe"                         // ports, verification tag
    "68beb8c0"                                   // checksum
    "3f 00 0005 01 000000"                       // type 0x3f (00), length 5, value 01, padding
    "7f 00 0004"                                 // type 0x7f (01), length 4
    "bf 00 0004"                                 // type 0xbf (10), length 4
    "ff a5 0006 aabb 0000");                     // type 0xff (11), flags 0xa5, length 6, value, padding

void set_u16(std::vector<std::byte>& bytes, std::size_t offset, std::uint16_t value) {
  bytes[offset] = static_cast<std::byte>(value >> 8);
  bytes[offset + 1] = static_cast<std::byte>(value & 0xff);
}

std::vector<std::byte> cat(std::vector<std::byte> a, const std::vector<std::byte>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The chunk at `offset` of a packet, as the bytes its typed view parses.
ByteView chunk_at(const std::vector<std::byte>& packet, std::size_t offset) { return view(packet).subspan(offset); }

std::string listing(const SctpPacket& packet) {
  detail::FieldSink sink;
  detail::list_sctp(packet, sink);
  std::string line;
  sink.write(line);
  return line;
}

// --- The common header and the checksum -------------------------------------------------------

TEST(SctpPacket, DecodesTheCommonHeader) {
  auto packet = SctpPacket::parse(view(init_packet));
  ASSERT_TRUE(packet) << packet.error().reason;
  EXPECT_EQ(packet->source_port(), 49152);
  EXPECT_EQ(packet->destination_port(), 5000);
  EXPECT_EQ(packet->verification_tag(), 0u);
  EXPECT_EQ(packet->checksum(), 0x2a127c50u);  // the wire bytes in order, as tshark shows them
  EXPECT_EQ(packet->computed_checksum(), 0x2a127c50u);
  EXPECT_EQ(packet->checksum_status(), ChecksumStatus::good);
  EXPECT_EQ(packet->bytes().size(), 84u);
  EXPECT_EQ(packet->declared_length(), 84u);
  EXPECT_EQ(packet->chunk_count(), 1u);
}

TEST(SctpPacket, ChecksumIsCrc32cStoredLeastSignificantByteFirst) {
  // RFC 9260 appendix A: the CRC32c of the packet with the field zeroed, 0x507c122a, is stored
  // as 2a 12 7c 50.
  std::vector<std::byte> zeroed = init_packet;
  for (std::size_t i = 8; i < 12; ++i) zeroed[i] = std::byte{0};
  EXPECT_EQ(crc32c(view(zeroed)), 0x507c122au);
  EXPECT_EQ(ByteReader(view(init_packet)).u32_le_at(8), 0x507c122au);

  for (const auto* bytes : {&init_ack_packet, &data_sack_packet, &data_unpadded_packet, &heartbeat_packet,
                            &abort_packet, &error_packet, &shutdown_packet, &shutdown_complete_packet,
                            &cookie_echo_packet, &i_data_packet, &unknown_packet}) {
    auto packet = SctpPacket::parse(view(*bytes), bytes->size());
    ASSERT_TRUE(packet) << packet.error().reason;
    EXPECT_EQ(packet->checksum_status(), ChecksumStatus::good) << std::hex << packet->checksum();
  }
}

TEST(SctpPacket, ChecksumBadAndUnverified) {
  std::vector<std::byte> flipped = data_sack_packet;
  flipped[30] ^= std::byte{0x01};  // one bit of the user data
  auto bad = SctpPacket::parse(view(flipped));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->checksum_status(), ChecksumStatus::bad);
  EXPECT_EQ(bad->checksum(), 0xd17c90dau);
  EXPECT_NE(bad->computed_checksum(), bad->checksum());

  // The IP header says 60 bytes but the capture kept 36: the checksum cannot be checked.
  const SctpPacket cut(view(data_sack_packet).first(36), 60);
  EXPECT_EQ(cut.checksum_status(), ChecksumStatus::unverified);
  EXPECT_EQ(cut.declared_length(), 60u);
  EXPECT_EQ(SctpPacket(view(data_sack_packet).first(11)).checksum_status(), ChecksumStatus::unverified);
  EXPECT_EQ(SctpPacket(view(data_sack_packet).first(11)).computed_checksum(), 0u);
}

TEST(SctpPacket, DeclaredLengthLeavesLinkLayerPaddingOut) {
  // Ethernet pads short frames; the IP header's length says where SCTP ends.
  const auto padded = cat(shutdown_packet, hex("00000000 00000000 0000"));
  auto packet = SctpPacket::parse(view(padded), shutdown_packet.size());
  ASSERT_TRUE(packet) << packet.error().reason;
  EXPECT_EQ(packet->bytes().size(), shutdown_packet.size());
  EXPECT_EQ(packet->checksum_status(), ChecksumStatus::good);
  EXPECT_EQ(packet->chunk_count(), 1u);
  // Without the declared length the padding looks like chunks: two of length 0.
  auto guessed = SctpPacket::parse(view(padded));
  ASSERT_FALSE(guessed);
  EXPECT_EQ(guessed.error().kind, ErrorKind::invalid);
}

// --- Chunks of the handshake ------------------------------------------------------------------

TEST(SctpInitChunk, DecodesTheFixedFields) {
  auto packet = SctpPacket::parse(view(init_packet));
  ASSERT_TRUE(packet);
  const SctpChunk chunk = *packet->chunks().begin();
  EXPECT_EQ(chunk.type(), sctp_chunk_type::init);
  EXPECT_EQ(chunk.flags(), 0);
  EXPECT_EQ(chunk.length(), 72);
  EXPECT_EQ(chunk.value().size(), 68u);
  EXPECT_EQ(chunk.bytes().size(), 72u);
  EXPECT_EQ(chunk.name(), "INIT");
  EXPECT_EQ(chunk.unrecognized_action(), SctpUnrecognizedAction::stop);

  auto init = SctpInitChunk::parse(chunk.bytes());
  ASSERT_TRUE(init) << init.error().reason;
  EXPECT_FALSE(init->is_init_ack());
  EXPECT_EQ(init->chunk().type(), sctp_chunk_type::init);
  EXPECT_EQ(init->initiate_tag(), 0x3a4b5c6du);
  EXPECT_EQ(init->advertised_receiver_window_credit(), 106496u);
  EXPECT_EQ(init->number_of_outbound_streams(), 10);
  EXPECT_EQ(init->number_of_inbound_streams(), 65535);
  EXPECT_EQ(init->initial_tsn(), 0x1f2e3d4cu);
  EXPECT_FALSE(init->state_cookie());
}

TEST(SctpInitChunk, WalksTheParameters) {
  auto init = SctpInitChunk::parse(chunk_at(init_packet, 12));
  ASSERT_TRUE(init);
  std::vector<std::uint16_t> types;
  std::vector<std::size_t> offsets;
  const SctpParameterRange parameters = init->parameters();
  for (auto it = parameters.begin(); it != parameters.end(); ++it) {
    types.push_back((*it).type());
    offsets.push_back(it.offset());
  }
  EXPECT_EQ(types, (std::vector<std::uint16_t>{5, 6, 9, 12, 0x8000, 0xc000}));
  EXPECT_EQ(offsets, (std::vector<std::size_t>{0, 8, 28, 36, 44, 48}));  // padding skipped
  EXPECT_EQ(parameters.size(), 6u);
  EXPECT_FALSE(parameters.empty());

  auto it = parameters.begin();
  const SctpParameter ipv4 = *it++;
  EXPECT_EQ(ipv4.ipv4_address()->to_text().view(), "192.0.2.1");
  EXPECT_FALSE(ipv4.ipv6_address());
  EXPECT_EQ(ipv4.name(), "IPv4 Address");
  EXPECT_EQ(ipv4.unrecognized_action(), SctpUnrecognizedAction::stop);
  const SctpParameter ipv6 = *it++;
  EXPECT_EQ(ipv6.ipv6_address()->to_text().view(), "2001:db8::1");
  EXPECT_EQ(ipv6.length(), 20);
  EXPECT_EQ(ipv6.value().size(), 16u);
  const SctpParameter preservative = *it++;
  EXPECT_EQ(preservative.cookie_preservative_increment(), 1000u);
  EXPECT_FALSE(ipv4.cookie_preservative_increment());
  const SctpParameter supported = *it++;
  EXPECT_EQ(supported.length(), 6);
  EXPECT_EQ(supported.bytes().size(), 6u);  // without its padding
  EXPECT_EQ(supported.supported_address_type_count(), 1u);
  EXPECT_EQ(supported.supported_address_type(0), 5);
  EXPECT_EQ(supported.supported_address_type(1), 0);
  EXPECT_EQ(ipv4.supported_address_type_count(), 0u);
  const SctpParameter ecn = *it++;
  EXPECT_EQ(ecn.type(), sctp_parameter_type::ecn_capable);
  EXPECT_EQ(ecn.unrecognized_action(), SctpUnrecognizedAction::skip);
  EXPECT_TRUE(ecn.value().empty());
  const SctpParameter forward_tsn = *it++;
  EXPECT_EQ(forward_tsn.unrecognized_action(), SctpUnrecognizedAction::skip_and_report);
  EXPECT_EQ(forward_tsn.name(), "Forward-TSN-Supported");
  EXPECT_TRUE(it == parameters.end());

  EXPECT_EQ(init->find_parameter(sctp_parameter_type::cookie_preservative)->length(), 8);
  EXPECT_FALSE(init->find_parameter(sctp_parameter_type::state_cookie));
}

TEST(SctpInitChunk, InitAckCarriesTheStateCookie) {
  auto packet = SctpPacket::parse(view(init_ack_packet), init_ack_packet.size());
  ASSERT_TRUE(packet) << packet.error().reason;
  auto init_ack = SctpInitChunk::parse((*packet->chunks().begin()).bytes());
  ASSERT_TRUE(init_ack) << init_ack.error().reason;
  EXPECT_TRUE(init_ack->is_init_ack());
  EXPECT_EQ(init_ack->chunk().length(), 57);  // the State Cookie's 3 bytes of padding are not counted
  EXPECT_EQ(init_ack->initiate_tag(), 0x0badcafeu);
  EXPECT_EQ(init_ack->advertised_receiver_window_credit(), 65536u);
  EXPECT_EQ(init_ack->number_of_outbound_streams(), 5);
  EXPECT_EQ(init_ack->number_of_inbound_streams(), 5);
  EXPECT_EQ(init_ack->initial_tsn(), 1000u);
  EXPECT_EQ(init_ack->parameters().size(), 3u);
  EXPECT_EQ(init_ack->find_parameter(sctp_parameter_type::ipv4_address)->ipv4_address()->to_text().view(),
            "198.51.100.2");
  ASSERT_TRUE(init_ack->state_cookie());
  EXPECT_EQ(as_text(*init_ack->state_cookie()), "cookie-bytes!");

  // The Unrecognized Parameter carries the parameter the INIT's receiver did not know.
  const auto unrecognized = init_ack->find_parameter(sctp_parameter_type::unrecognized_parameter);
  ASSERT_TRUE(unrecognized);
  auto inner = SctpParameter::parse(unrecognized->value());
  ASSERT_TRUE(inner);
  EXPECT_EQ(inner->type(), 0x8123);
  EXPECT_EQ(inner->unrecognized_action(), SctpUnrecognizedAction::skip);
  EXPECT_EQ(inner->name(), "unknown");
  EXPECT_EQ(inner->value().size(), 4u);
}

TEST(SctpCookieEchoChunk, ReturnsTheCookie) {
  auto packet = SctpPacket::parse(view(cookie_echo_packet), cookie_echo_packet.size());
  ASSERT_TRUE(packet);
  auto echo = SctpCookieEchoChunk::parse(chunk_at(cookie_echo_packet, 12));
  ASSERT_TRUE(echo) << echo.error().reason;
  EXPECT_EQ(as_text(echo->cookie()), "cookie-bytes!");
  EXPECT_EQ(echo->chunk().length(), 17);
}

// --- Data and acknowledgements ----------------------------------------------------------------

TEST(SctpDataChunk, BundledWithASack) {
  auto packet = SctpPacket::parse(view(data_sack_packet), data_sack_packet.size());
  ASSERT_TRUE(packet) << packet.error().reason;
  EXPECT_EQ(packet->chunk_count(), 2u);
  auto it = packet->chunks().begin();
  EXPECT_EQ(it.offset(), 0u);  // from the first chunk: offset 12 of the packet
  auto data = SctpDataChunk::parse((*it).bytes());
  ASSERT_TRUE(data) << data.error().reason;
  EXPECT_FALSE(data->i_bit());
  EXPECT_FALSE(data->u_bit());
  EXPECT_TRUE(data->b_bit());
  EXPECT_TRUE(data->e_bit());
  EXPECT_EQ(data->tsn(), 0x1f2e3d4cu);
  EXPECT_EQ(data->stream_identifier(), 1);
  EXPECT_EQ(data->stream_sequence_number(), 7);
  EXPECT_EQ(data->payload_protocol_identifier(), 0u);
  EXPECT_EQ(as_text(data->user_data()), "hello");
  EXPECT_EQ(data->chunk().length(), 21);

  ++it;
  EXPECT_EQ(it.offset(), 24u);  // 21 bytes and 3 of padding
  auto sack = SctpSackChunk::parse((*it).bytes());
  ASSERT_TRUE(sack) << sack.error().reason;
  EXPECT_EQ(sack->cumulative_tsn_ack(), 999u);
  EXPECT_EQ(sack->advertised_receiver_window_credit(), 106496u);
  EXPECT_EQ(sack->number_of_gap_ack_blocks(), 1);
  EXPECT_EQ(sack->number_of_duplicate_tsns(), 1);
  EXPECT_EQ(sack->gap_ack_block(0).start, 2);
  EXPECT_EQ(sack->gap_ack_block(0).end, 3);
  EXPECT_EQ(sack->gap_ack_block(1).start, 0);  // out of range
  EXPECT_EQ(sack->duplicate_tsn(0), 998u);
  EXPECT_EQ(sack->duplicate_tsn(1), 0u);
  EXPECT_EQ(sack->chunk().type(), sctp_chunk_type::sack);
  ++it;
  EXPECT_TRUE(it == packet->chunks().end());

  // A DATA chunk is not a SACK.
  auto wrong = SctpSackChunk::parse(chunk_at(data_sack_packet, 12));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ErrorKind::invalid);
}

TEST(SctpDataChunk, LastChunkWithoutPaddingIsAccepted) {
  auto packet = SctpPacket::parse(view(data_unpadded_packet), data_unpadded_packet.size());
  ASSERT_TRUE(packet) << packet.error().reason;
  ASSERT_EQ(packet->chunk_count(), 2u);
  auto it = packet->chunks().begin();
  auto first = SctpDataChunk::parse((*it).bytes());
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->i_bit());
  EXPECT_TRUE(first->u_bit());
  EXPECT_FALSE(first->b_bit());
  EXPECT_TRUE(first->e_bit());
  EXPECT_EQ(first->tsn(), 0xfffffffeu);
  EXPECT_EQ(first->stream_identifier(), 65535);
  EXPECT_EQ(first->stream_sequence_number(), 0);
  EXPECT_EQ(first->payload_protocol_identifier(), 51u);
  EXPECT_EQ(as_text(first->user_data()), "abcd");
  auto second = SctpDataChunk::parse((*++it).bytes());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->chunk().flags(), 0x02);
  EXPECT_EQ(second->tsn(), 0xffffffffu);
  EXPECT_EQ(second->stream_identifier(), 2);
  EXPECT_EQ(second->stream_sequence_number(), 3);
  EXPECT_EQ(second->payload_protocol_identifier(), 0x12345678u);
  EXPECT_EQ(as_text(second->user_data()), "xyz");
  EXPECT_EQ(SctpPacket::parse(view(data_unpadded_packet)).ok(), true);
}

TEST(SctpIDataChunk, DecodesTheMessageIdentifier) {
  auto packet = SctpPacket::parse(view(i_data_packet), i_data_packet.size());
  ASSERT_TRUE(packet);
  auto data = SctpIDataChunk::parse(chunk_at(i_data_packet, 12));
  ASSERT_TRUE(data) << data.error().reason;
  EXPECT_FALSE(data->i_bit());
  EXPECT_FALSE(data->u_bit());
  EXPECT_TRUE(data->b_bit());
  EXPECT_TRUE(data->e_bit());
  EXPECT_EQ(data->tsn(), 5u);
  EXPECT_EQ(data->stream_identifier(), 4);
  EXPECT_EQ(data->message_identifier(), 0x01020304u);
  EXPECT_EQ(data->payload_protocol_identifier(), 46u);
  EXPECT_EQ(data->fragment_sequence_number(), 46u);  // the same field, read the other way
  EXPECT_EQ(as_text(data->user_data()), "hi");
  EXPECT_EQ(data->chunk().name(), "I-DATA");
  EXPECT_FALSE(SctpDataChunk::parse(chunk_at(i_data_packet, 12)));
}

// --- Heartbeat, errors and shutdown -----------------------------------------------------------

TEST(SctpHeartbeatChunk, CarriesTheHeartbeatInfo) {
  auto heartbeat = SctpHeartbeatChunk::parse(chunk_at(heartbeat_packet, 12));
  ASSERT_TRUE(heartbeat) << heartbeat.error().reason;
  EXPECT_FALSE(heartbeat->is_heartbeat_ack());
  EXPECT_EQ(heartbeat->heartbeat_info().type(), sctp_parameter_type::heartbeat_info);
  EXPECT_EQ(heartbeat->heartbeat_info().length(), 16);
  EXPECT_EQ(heartbeat->heartbeat_info().value().size(), 12u);
  EXPECT_EQ(ByteReader(heartbeat->heartbeat_info().value()).u8_at(11), 0x0b);
  std::vector<std::byte> ack = heartbeat_packet;
  ack[12] = std::byte{sctp_chunk_type::heartbeat_ack};
  auto heartbeat_ack = SctpHeartbeatChunk::parse(chunk_at(ack, 12));
  ASSERT_TRUE(heartbeat_ack);
  EXPECT_TRUE(heartbeat_ack->is_heartbeat_ack());
}

TEST(SctpAbortChunk, TBitAndErrorCauses) {
  auto packet = SctpPacket::parse(view(abort_packet), abort_packet.size());
  ASSERT_TRUE(packet) << packet.error().reason;
  auto abort = SctpAbortChunk::parse(chunk_at(abort_packet, 12));
  ASSERT_TRUE(abort) << abort.error().reason;
  EXPECT_TRUE(abort->t_bit());
  EXPECT_EQ(abort->chunk().length(), 19);
  std::vector<std::uint16_t> codes;
  for (SctpErrorCause cause : abort->error_causes()) codes.push_back(cause.code());
  EXPECT_EQ(codes, (std::vector<std::uint16_t>{sctp_cause_code::protocol_violation,
                                               sctp_cause_code::user_initiated_abort}));
  auto it = abort->error_causes().begin();
  EXPECT_EQ(as_text((*it).info()), "oops");
  EXPECT_EQ((*it).name(), "Protocol Violation");
  ++it;
  EXPECT_EQ((*it).length(), 7);
  EXPECT_EQ(as_text((*it).info()), "bye");
  EXPECT_EQ((*it).bytes().size(), 7u);
  EXPECT_FALSE((*it).stream_identifier());
  EXPECT_FALSE((*it).unrecognized_chunk());
}

TEST(SctpErrorChunk, UnrecognizedChunkAndInvalidStream) {
  auto packet = SctpPacket::parse(view(error_packet), error_packet.size());
  ASSERT_TRUE(packet) << packet.error().reason;
  EXPECT_EQ(packet->chunk_count(), 2u);
  auto error = SctpErrorChunk::parse(chunk_at(error_packet, 12));
  ASSERT_TRUE(error) << error.error().reason;
  EXPECT_EQ(error->error_causes().size(), 2u);
  auto it = error->error_causes().begin();
  const SctpErrorCause unrecognized = *it++;
  EXPECT_EQ(unrecognized.code(), sctp_cause_code::unrecognized_chunk_type);
  ASSERT_TRUE(unrecognized.unrecognized_chunk());
  EXPECT_EQ(unrecognized.unrecognized_chunk()->type(), 0x5a);
  EXPECT_EQ(unrecognized.unrecognized_chunk()->unrecognized_action(), SctpUnrecognizedAction::stop_and_report);
  EXPECT_EQ(unrecognized.unrecognized_chunk()->value().size(), 4u);
  const SctpErrorCause stream = *it++;
  EXPECT_EQ(stream.stream_identifier(), 9);
  EXPECT_EQ(stream.info().size(), 4u);
  EXPECT_TRUE(it == error->error_causes().end());
  EXPECT_EQ(SctpChunk(chunk_at(error_packet, 36)).type(), sctp_chunk_type::cookie_ack);
}

TEST(SctpShutdownChunk, CumulativeTsnAck) {
  auto shutdown = SctpShutdownChunk::parse(chunk_at(shutdown_packet, 12));
  ASSERT_TRUE(shutdown) << shutdown.error().reason;
  EXPECT_EQ(shutdown->cumulative_tsn_ack(), 1004u);
  EXPECT_EQ(shutdown->chunk().value().size(), 4u);
  auto complete = SctpShutdownCompleteChunk::parse(chunk_at(shutdown_complete_packet, 12));
  ASSERT_TRUE(complete) << complete.error().reason;
  EXPECT_TRUE(complete->t_bit());
  EXPECT_TRUE(complete->chunk().value().empty());
}

TEST(SctpChunk, UnknownTypesAndWhatToDoWithThem) {
  auto packet = SctpPacket::parse(view(unknown_packet), unknown_packet.size());
  ASSERT_TRUE(packet) << packet.error().reason;
  std::vector<SctpUnrecognizedAction> actions;
  std::vector<std::size_t> value_sizes;
  for (SctpChunk chunk : packet->chunks()) {
    actions.push_back(chunk.unrecognized_action());
    value_sizes.push_back(chunk.value().size());
    EXPECT_EQ(chunk.name(), "unknown");
  }
  EXPECT_EQ(actions, (std::vector<SctpUnrecognizedAction>{SctpUnrecognizedAction::stop,
                                                          SctpUnrecognizedAction::stop_and_report,
                                                          SctpUnrecognizedAction::skip,
                                                          SctpUnrecognizedAction::skip_and_report}));
  EXPECT_EQ(value_sizes, (std::vector<std::size_t>{1, 0, 0, 2}));
  auto last = packet->chunks().begin();
  for (int i = 0; i < 3; ++i) last++;
  EXPECT_EQ((*last).flags(), 0xa5);
}

TEST(SctpNames, RfcNames) {
  EXPECT_EQ(sctp_chunk_type_name(sctp_chunk_type::data), "DATA");
  EXPECT_EQ(sctp_chunk_type_name(sctp_chunk_type::init_ack), "INIT ACK");
  EXPECT_EQ(sctp_chunk_type_name(sctp_chunk_type::shutdown_complete), "SHUTDOWN COMPLETE");
  EXPECT_EQ(sctp_chunk_type_name(sctp_chunk_type::forward_tsn), "FORWARD TSN");
  EXPECT_EQ(sctp_chunk_type_name(sctp_chunk_type::re_config), "RE-CONFIG");
  EXPECT_EQ(sctp_chunk_type_name(99), "unknown");
  EXPECT_EQ(sctp_parameter_type_name(sctp_parameter_type::state_cookie), "State Cookie");
  EXPECT_EQ(sctp_parameter_type_name(sctp_parameter_type::supported_extensions), "Supported Extensions");
  EXPECT_EQ(sctp_parameter_type_name(3), "unknown");
  EXPECT_EQ(sctp_cause_code_name(sctp_cause_code::no_user_data), "No User Data");
  EXPECT_EQ(sctp_cause_code_name(sctp_cause_code::unsupported_hmac_identifier), "Unsupported HMAC Identifier");
  EXPECT_EQ(sctp_cause_code_name(0), "unknown");
  EXPECT_EQ(sctp_padded_length(21), 24u);
  EXPECT_EQ(sctp_padded_length(24), 24u);
}

// --- Truncated and invalid input --------------------------------------------------------------

TEST(SctpPacket, TruncatedAtEveryCut) {
  const std::vector<const std::vector<std::byte>*> packets = {
      &init_packet,   &init_ack_packet,          &data_sack_packet,   &data_unpadded_packet,
      &heartbeat_packet, &abort_packet,          &error_packet,       &shutdown_packet,
      &shutdown_complete_packet, &cookie_echo_packet, &i_data_packet, &unknown_packet};
  for (const auto* bytes : packets) {
    // Without a declared length, a cut inside the common header is all that is sure to be truncated.
    test::expect_truncated_at_every_cut(*bytes, SctpPacket::header_length, Protocol::sctp,
                                        [](ByteView b) { return SctpPacket::parse(b); });
    // With it, every cut before the end of the last chunk's value is.
    std::size_t last_value_end = SctpPacket::header_length;
    auto packet = SctpPacket::parse(view(*bytes));
    ASSERT_TRUE(packet);
    for (auto it = packet->chunks().begin(); it != packet->chunks().end(); ++it)
      last_value_end = SctpPacket::header_length + it.offset() + (*it).length();
    const std::size_t size = bytes->size();
    test::expect_truncated_at_every_cut(*bytes, last_value_end, Protocol::sctp,
                                        [size](ByteView b) { return SctpPacket::parse(b, size); });
  }
}

TEST(SctpPacket, CutBetweenChunks) {
  // Without the IP header's length the end of the first chunk looks like the end of the packet...
  auto guessed = SctpPacket::parse(view(data_sack_packet).first(36));
  ASSERT_TRUE(guessed);
  EXPECT_EQ(guessed->chunk_count(), 1u);
  // ...with it, the capture was cut before the SACK.
  auto known = SctpPacket::parse(view(data_sack_packet).first(36), 60);
  ASSERT_FALSE(known);
  EXPECT_EQ(known.error().kind, ErrorKind::truncated);
  EXPECT_EQ(known.error().offset, 36u);
  // A cut in the last chunk's padding loses nothing.
  EXPECT_TRUE(SctpPacket::parse(view(init_ack_packet).first(70), 72));
}

TEST(SctpChunkViews, TruncatedAtEveryCut) {
  auto slice = [](const std::vector<std::byte>& packet, std::size_t from, std::size_t length) {
    return std::vector<std::byte>(packet.begin() + static_cast<std::ptrdiff_t>(from),
                                  packet.begin() + static_cast<std::ptrdiff_t>(from + length));
  };
  test::expect_truncated_at_every_cut(slice(init_packet, 12, 72), 72, Protocol::sctp,
                                      [](ByteView b) { return SctpInitChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(init_ack_packet, 12, 57), 57, Protocol::sctp,
                                      [](ByteView b) { return SctpInitChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(data_sack_packet, 12, 21), 21, Protocol::sctp,
                                      [](ByteView b) { return SctpDataChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(data_sack_packet, 36, 24), 24, Protocol::sctp,
                                      [](ByteView b) { return SctpSackChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(heartbeat_packet, 12, 20), 20, Protocol::sctp,
                                      [](ByteView b) { return SctpHeartbeatChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(abort_packet, 12, 19), 19, Protocol::sctp,
                                      [](ByteView b) { return SctpAbortChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(error_packet, 12, 24), 24, Protocol::sctp,
                                      [](ByteView b) { return SctpErrorChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(shutdown_packet, 12, 8), 8, Protocol::sctp,
                                      [](ByteView b) { return SctpShutdownChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(shutdown_complete_packet, 12, 4), 4, Protocol::sctp,
                                      [](ByteView b) { return SctpShutdownCompleteChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(cookie_echo_packet, 12, 17), 17, Protocol::sctp,
                                      [](ByteView b) { return SctpCookieEchoChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(i_data_packet, 12, 22), 22, Protocol::sctp,
                                      [](ByteView b) { return SctpIDataChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(error_packet, 12, 24), 24, Protocol::sctp,
                                      [](ByteView b) { return SctpChunk::parse(b); });
  test::expect_truncated_at_every_cut(slice(init_packet, 40, 20), 20, Protocol::sctp,
                                      [](ByteView b) { return SctpParameter::parse(b); });
  test::expect_truncated_at_every_cut(slice(abort_packet, 24, 7), 7, Protocol::sctp,
                                      [](ByteView b) { return SctpErrorCause::parse(b); });
}

void expect_invalid(const Result<SctpPacket>& result, std::size_t offset) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::invalid) << result.error().reason;
  EXPECT_EQ(result.error().protocol, Protocol::sctp);
  EXPECT_EQ(result.error().offset, offset) << result.error().reason;
}

TEST(SctpPacket, ChunkLengthsThatLie) {
  // Below 4 the walk would never advance: invalid, with or without a declared length.
  for (std::uint16_t length : {std::uint16_t{0}, std::uint16_t{1}, std::uint16_t{2}, std::uint16_t{3}}) {
    std::vector<std::byte> bytes = data_sack_packet;
    set_u16(bytes, 14, length);
    expect_invalid(SctpPacket::parse(view(bytes)), 14);
    expect_invalid(SctpPacket::parse(view(bytes), bytes.size()), 14);
  }
  // Past the end of the bytes: the capture may have been cut (truncated), unless the IP header
  // says the packet ends there (invalid).
  std::vector<std::byte> long_sack = data_sack_packet;
  set_u16(long_sack, 38, 200);
  auto guessed = SctpPacket::parse(view(long_sack));
  ASSERT_FALSE(guessed);
  EXPECT_EQ(guessed.error().kind, ErrorKind::truncated);
  expect_invalid(SctpPacket::parse(view(long_sack), long_sack.size()), 38);
  auto cut = SctpPacket::parse(view(long_sack), 300);
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().kind, ErrorKind::truncated);

  // One to three bytes after the last chunk cannot be a chunk.
  const auto trailing = cat(data_sack_packet, hex("0000"));
  auto trailing_guessed = SctpPacket::parse(view(trailing));
  ASSERT_FALSE(trailing_guessed);
  EXPECT_EQ(trailing_guessed.error().kind, ErrorKind::truncated);
  expect_invalid(SctpPacket::parse(view(trailing), trailing.size()), 60);

  // An IP header that declares less than a common header.
  expect_invalid(SctpPacket::parse(view(data_sack_packet), 8), 0);
  // A packet of only the common header has no chunk; SCTP forbids that but it decodes.
  auto header_only = SctpPacket::parse(view(data_sack_packet).first(12), 12);
  ASSERT_TRUE(header_only);
  EXPECT_EQ(header_only->chunk_count(), 0u);
  EXPECT_TRUE(header_only->chunks().empty());
}

TEST(SctpPacket, NumberOfChunksIsBounded) {
  std::vector<std::byte> bytes(shutdown_complete_packet.begin(), shutdown_complete_packet.begin() + 12);
  const auto cookie_ack = hex("0b000004");
  for (std::size_t i = 0; i < SctpPacket::max_chunks; ++i)
    bytes.insert(bytes.end(), cookie_ack.begin(), cookie_ack.end());
  auto most = SctpPacket::parse(view(bytes));
  ASSERT_TRUE(most) << most.error().reason;
  EXPECT_EQ(most->chunk_count(), SctpPacket::max_chunks);
  bytes.insert(bytes.end(), cookie_ack.begin(), cookie_ack.end());
  expect_invalid(SctpPacket::parse(view(bytes)), 12 + 4 * SctpPacket::max_chunks);
  EXPECT_EQ(SctpPacket(view(bytes)).chunk_count(), SctpPacket::max_chunks);  // the walk stops at the bound
}

TEST(SctpChunkViews, LengthsThatLie) {
  auto expect_chunk_invalid = [](const auto& result, const char* what) {
    ASSERT_FALSE(result.ok()) << what;
    EXPECT_EQ(result.error().kind, ErrorKind::invalid) << what << ": " << result.error().reason;
    EXPECT_EQ(result.error().protocol, Protocol::sctp) << what;
  };
  // Chunk lengths shorter than the type's fixed fields.
  std::vector<std::byte> data = data_sack_packet;
  set_u16(data, 14, 12);
  expect_chunk_invalid(SctpDataChunk::parse(chunk_at(data, 12)), "DATA of 12 bytes");
  std::vector<std::byte> shutdown = shutdown_packet;
  set_u16(shutdown, 14, 4);
  expect_chunk_invalid(SctpShutdownChunk::parse(chunk_at(shutdown, 12)), "SHUTDOWN of 4 bytes");
  std::vector<std::byte> init = init_packet;
  set_u16(init, 14, 16);
  expect_chunk_invalid(SctpInitChunk::parse(chunk_at(init, 12)), "INIT of 16 bytes");
  std::vector<std::byte> i_data = i_data_packet;
  set_u16(i_data, 14, 16);
  expect_chunk_invalid(SctpIDataChunk::parse(chunk_at(i_data, 12)), "I-DATA of 16 bytes");
  std::vector<std::byte> zero = data_sack_packet;
  set_u16(zero, 14, 0);
  expect_chunk_invalid(SctpChunk::parse(chunk_at(zero, 12)), "chunk of length 0");

  // SACK counts announcing more blocks than the chunk holds.
  std::vector<std::byte> sack = data_sack_packet;
  set_u16(sack, 48, 5);
  EXPECT_TRUE(SctpPacket::parse(view(sack), sack.size()));  // the framing is fine
  expect_chunk_invalid(SctpSackChunk::parse(chunk_at(sack, 36)), "SACK with 5 gap blocks in 24 bytes");
  set_u16(sack, 48, 0);
  set_u16(sack, 50, 3);
  expect_chunk_invalid(SctpSackChunk::parse(chunk_at(sack, 36)), "SACK with 3 duplicates in 24 bytes");

  // Parameters whose lengths lie inside a whole INIT chunk.
  for (std::uint16_t length : {std::uint16_t{0}, std::uint16_t{3}, std::uint16_t{200}}) {
    std::vector<std::byte> bytes = init_packet;
    set_u16(bytes, 34, length);  // the IPv4 Address parameter
    expect_chunk_invalid(SctpInitChunk::parse(chunk_at(bytes, 12)), "INIT parameter length");
    EXPECT_TRUE(SctpPacket::parse(view(bytes), bytes.size()));
  }
  // Cut the last parameter to 2 bytes by shortening the chunk: no room for a parameter header.
  std::vector<std::byte> short_tail = init_packet;
  set_u16(short_tail, 14, 70);
  expect_chunk_invalid(SctpInitChunk::parse(chunk_at(short_tail, 12)), "2 bytes after the last parameter");

  // Heartbeat Info longer than the chunk; a heartbeat without one.
  std::vector<std::byte> heartbeat = heartbeat_packet;
  set_u16(heartbeat, 18, 30);
  expect_chunk_invalid(SctpHeartbeatChunk::parse(chunk_at(heartbeat, 12)), "Heartbeat Info of 30 bytes");
  set_u16(heartbeat, 18, 2);
  expect_chunk_invalid(SctpHeartbeatChunk::parse(chunk_at(heartbeat, 12)), "Heartbeat Info of 2 bytes");
  expect_chunk_invalid(SctpHeartbeatChunk::parse(hex("04000004")), "empty HEARTBEAT");

  // Error causes whose lengths lie.
  for (std::uint16_t length : {std::uint16_t{0}, std::uint16_t{2}, std::uint16_t{12}}) {
    std::vector<std::byte> bytes = abort_packet;
    set_u16(bytes, 26, length);  // the User-Initiated Abort cause
    expect_chunk_invalid(SctpAbortChunk::parse(chunk_at(bytes, 12)), "ABORT cause length");
  }
  std::vector<std::byte> error = error_packet;
  set_u16(error, 18, 40);
  expect_chunk_invalid(SctpErrorChunk::parse(chunk_at(error, 12)), "ERROR cause of 40 bytes");

  // The wrong type for the view.
  expect_chunk_invalid(SctpInitChunk::parse(chunk_at(data_sack_packet, 12)), "DATA as INIT");
  expect_chunk_invalid(SctpAbortChunk::parse(chunk_at(error_packet, 12)), "ERROR as ABORT");
  expect_chunk_invalid(SctpErrorChunk::parse(chunk_at(abort_packet, 12)), "ABORT as ERROR");
  expect_chunk_invalid(SctpHeartbeatChunk::parse(chunk_at(shutdown_packet, 12)), "SHUTDOWN as HEARTBEAT");
  expect_chunk_invalid(SctpShutdownChunk::parse(chunk_at(shutdown_complete_packet, 12)), "wrong type");
  expect_chunk_invalid(SctpShutdownCompleteChunk::parse(chunk_at(shutdown_packet, 12)), "wrong type");
  expect_chunk_invalid(SctpCookieEchoChunk::parse(chunk_at(shutdown_packet, 12)), "wrong type");
  expect_chunk_invalid(SctpParameter::parse(hex("00050002")), "parameter of length 2");
  expect_chunk_invalid(SctpErrorCause::parse(hex("000c0000")), "cause of length 0");
}

TEST(SctpPacket, UncheckedViews) {
  // A default view, and a view of a prefix: fields past the end read 0.
  const SctpPacket empty;
  EXPECT_EQ(empty.source_port(), 0);
  EXPECT_EQ(empty.chunk_count(), 0u);
  EXPECT_EQ(empty.declared_length(), 0u);
  const SctpPacket prefix(view(data_sack_packet).first(6));
  EXPECT_EQ(prefix.source_port(), 49152);
  EXPECT_EQ(prefix.destination_port(), 5000);
  EXPECT_EQ(prefix.verification_tag(), 0u);
  EXPECT_EQ(prefix.checksum(), 0u);
  EXPECT_TRUE(prefix.chunks().empty());

  // The chunk walk yields the well-formed chunks before the first that is not.
  std::vector<std::byte> bytes = data_sack_packet;
  set_u16(bytes, 38, 0);  // the SACK's length
  EXPECT_EQ(SctpPacket(view(bytes)).chunk_count(), 1u);
  set_u16(bytes, 38, 100);
  EXPECT_EQ(SctpPacket(view(bytes)).chunk_count(), 1u);
  set_u16(bytes, 14, 2);  // the DATA's length
  EXPECT_EQ(SctpPacket(view(bytes)).chunk_count(), 0u);
  EXPECT_EQ(SctpPacket(view(data_sack_packet).first(50)).chunk_count(), 1u);

  // A view made with a declared length is cut to it.
  const SctpPacket declared(view(data_sack_packet), 36);
  EXPECT_EQ(declared.bytes().size(), 36u);
  EXPECT_EQ(declared.chunk_count(), 1u);

  // Typed views over too few bytes read 0.
  const SctpDataChunk data(chunk_at(data_sack_packet, 12).first(6));
  EXPECT_EQ(data.stream_identifier(), 0);
  EXPECT_EQ(data.tsn(), 0u);
  EXPECT_TRUE(data.user_data().empty());
  const auto lying_bytes = hex("00030064 0102");  // length 100 in 6 bytes
  const SctpChunk lying(view(lying_bytes));
  EXPECT_EQ(lying.length(), 100);
  EXPECT_EQ(lying.value().size(), 2u);
  const auto two_bytes = hex("0003");
  EXPECT_TRUE(SctpChunk(view(two_bytes)).value().empty());
  EXPECT_TRUE(SctpChunk().value().empty());
  EXPECT_EQ(SctpSackChunk().gap_ack_block(0).end, 0);
  EXPECT_FALSE(SctpParameter().ipv4_address());
  EXPECT_FALSE(SctpParameter().host_name());
  EXPECT_FALSE(SctpErrorCause().stream_identifier());
  EXPECT_TRUE(SctpTlvRange<SctpChunk>().empty());
}

TEST(SctpParameter, HostName) {
  // Host Name Address (deprecated by RFC 9260, still decoded): NUL-terminated, then padding.
  const auto parameter = hex("000b 0011 686f73742e6578616d706c6500 000000");  // "host.example", NUL, padding
  auto host = SctpParameter::parse(view(parameter));
  ASSERT_TRUE(host);
  EXPECT_EQ(host->host_name(), "host.example");
  EXPECT_EQ(host->length(), 17);
  EXPECT_FALSE(SctpParameter(hex("00050008c0000201")).host_name());
}

// --- The Wireshark listing --------------------------------------------------------------------

const std::string data_sack_header =
    "\tsctp.srcport=49152\tsctp.dstport=5000\tsctp.verification_tag=0x0badcafe\tsctp.checksum=0xd17c90da";

TEST(SctpListing, WholePackets) {
  EXPECT_EQ(listing(*SctpPacket::parse(view(init_packet))),
            "\tsctp.srcport=49152\tsctp.dstport=5000\tsctp.verification_tag=0x00000000\tsctp.checksum=0x2a127c50"
            "\tsctp.chunk_type=1");
  EXPECT_EQ(listing(*SctpPacket::parse(view(init_ack_packet))),
            "\tsctp.srcport=5000\tsctp.dstport=49152\tsctp.verification_tag=0x3a4b5c6d\tsctp.checksum=0xacd5dc92"
            "\tsctp.chunk_type=2");
  EXPECT_EQ(listing(*SctpPacket::parse(view(data_sack_packet))), data_sack_header + "\tsctp.chunk_type=0,3");
  EXPECT_EQ(listing(*SctpPacket::parse(view(data_unpadded_packet))),
            "\tsctp.srcport=49152\tsctp.dstport=5000\tsctp.verification_tag=0x0badcafe\tsctp.checksum=0x1e984848"
            "\tsctp.chunk_type=0,0");
  EXPECT_EQ(listing(*SctpPacket::parse(view(shutdown_complete_packet))),
            "\tsctp.srcport=5000\tsctp.dstport=49152\tsctp.verification_tag=0x3a4b5c6d\tsctp.checksum=0xd351ab00"
            "\tsctp.chunk_type=14");
  EXPECT_EQ(listing(*SctpPacket::parse(view(unknown_packet))),
            "\tsctp.srcport=49152\tsctp.dstport=5000\tsctp.verification_tag=0x0badcafe\tsctp.checksum=0x68beb8c0"
            "\tsctp.chunk_type=63,127,191,255");
  // The chunk an Unrecognized Chunk Type cause carries is listed after the ERROR that carries it.
  EXPECT_EQ(listing(*SctpPacket::parse(view(error_packet))),
            "\tsctp.srcport=5000\tsctp.dstport=49152\tsctp.verification_tag=0x3a4b5c6d\tsctp.checksum=0x92603231"
            "\tsctp.chunk_type=9,90,11");
  for (const auto* bytes : {&heartbeat_packet, &abort_packet, &shutdown_packet, &cookie_echo_packet, &i_data_packet}) {
    const std::string line = listing(SctpPacket(view(*bytes)));
    EXPECT_NE(line.find("\tsctp.chunk_type=" + std::to_string(static_cast<unsigned>((*bytes)[12]))),
              std::string::npos)
        << line;
  }
}

TEST(SctpListing, CaptureCutShort) {
  // The IP header declares 60 bytes; the capture kept fewer. A chunk is listed only once all of
  // it, padding included, was captured; the header only once all 12 bytes were.
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(11), 60)), "");
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(12), 60)), data_sack_header);
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(35), 60)), data_sack_header);
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(36), 60)), data_sack_header + "\tsctp.chunk_type=0");
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(51), 60)), data_sack_header + "\tsctp.chunk_type=0");
}

TEST(SctpListing, QuotedInAnIcmpError) {
  // An ICMP error quotes the start of the packet; the quote is all there is, so a chunk whose
  // header is quoted is listed even if its value is not.
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(8))), "");
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(12))), data_sack_header);
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(16))), data_sack_header + "\tsctp.chunk_type=0");
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(39))), data_sack_header + "\tsctp.chunk_type=0");
  EXPECT_EQ(listing(SctpPacket(view(data_sack_packet).first(40))), data_sack_header + "\tsctp.chunk_type=0,3");
}

TEST(SctpListing, ChunkLengthsThatLie) {
  auto with_length = [](std::vector<std::byte> bytes, std::size_t offset, std::uint16_t length) {
    set_u16(bytes, offset, length);
    return bytes;
  };
  // Length 0: nothing more is listed. Length 2: listed, and the walk goes on 4 bytes later,
  // where the TSN's first byte (0x1f) reads as a chunk type.
  auto zero = with_length(data_sack_packet, 14, 0);
  EXPECT_EQ(listing(SctpPacket(view(zero))), data_sack_header);
  auto two = with_length(data_sack_packet, 14, 2);
  EXPECT_EQ(listing(SctpPacket(view(two))), data_sack_header + "\tsctp.chunk_type=0,31");
  // Past the end of the packet: listed, and last. 65535 rounds up to 0 in tshark's 16 bits.
  auto long_data = with_length(data_sack_packet, 14, 200);
  EXPECT_EQ(listing(SctpPacket(view(long_data))), data_sack_header + "\tsctp.chunk_type=0");
  auto longest = with_length(data_sack_packet, 14, 65535);
  EXPECT_EQ(listing(SctpPacket(view(longest))), data_sack_header);
  auto zero_sack = with_length(data_sack_packet, 38, 0);
  EXPECT_EQ(listing(SctpPacket(view(zero_sack))), data_sack_header + "\tsctp.chunk_type=0");
  // Two bytes after the last chunk cannot hold a chunk header: not listed.
  const auto trailing = cat(data_sack_packet, hex("0000"));
  EXPECT_EQ(listing(SctpPacket(view(trailing))), data_sack_header + "\tsctp.chunk_type=0,3");
}

TEST(SctpListing, StopsWhereTsharkDissectorThrows) {
  const std::string error_header =
      "\tsctp.srcport=5000\tsctp.dstport=49152\tsctp.verification_tag=0x3a4b5c6d\tsctp.checksum=0x92603231";
  // Inside a whole ERROR chunk: a cause whose length runs past the chunk, a cause of length 2,
  // an embedded chunk longer than its cause. Each ends the walk before the COOKIE ACK.
  for (auto [offset, length] : {std::pair<std::size_t, std::uint16_t>{18, 40}, {30, 2}, {22, 12}}) {
    std::vector<std::byte> bytes = error_packet;
    set_u16(bytes, offset, length);
    EXPECT_EQ(listing(SctpPacket(view(bytes))), error_header + "\tsctp.chunk_type=9,90") << offset;
  }
  // A SHUTDOWN of 4 bytes has no Cumulative TSN Ack to read.
  std::vector<std::byte> shutdown = cat(shutdown_packet, hex("0b000004"));
  set_u16(shutdown, 14, 4);
  EXPECT_EQ(listing(SctpPacket(view(shutdown))),
            "\tsctp.srcport=49152\tsctp.dstport=5000\tsctp.verification_tag=0x0badcafe\tsctp.checksum=0x35326d13"
            "\tsctp.chunk_type=7");
}

TEST(SctpListing, DeepNestingIsBounded) {
  // ERROR chunks nested in Unrecognized Chunk Type causes, 1000 deep: the listing stops at its
  // depth bound instead of recursing 1000 times.
  std::vector<std::byte> chunk = hex("0b000004");
  for (int i = 0; i < 1000; ++i) {
    std::vector<std::byte> next = hex("0900");
    const std::size_t length = 8 + chunk.size();
    next.push_back(static_cast<std::byte>(length >> 8));
    next.push_back(static_cast<std::byte>(length & 0xff));
    next.push_back(std::byte{0x00});
    next.push_back(std::byte{0x06});
    next.push_back(static_cast<std::byte>((length - 4) >> 8));
    next.push_back(static_cast<std::byte>((length - 4) & 0xff));
    next.insert(next.end(), chunk.begin(), chunk.end());
    chunk = std::move(next);
  }
  const auto packet = cat(std::vector<std::byte>(shutdown_packet.begin(), shutdown_packet.begin() + 12), chunk);
  const std::string line = listing(SctpPacket(view(packet)));
  EXPECT_NE(line.find("\tsctp.chunk_type=9,9,9,"), std::string::npos) << line;
  EXPECT_LT(line.size(), 2000u);
  EXPECT_TRUE(SctpErrorChunk::parse(view(chunk)));
}

}  // namespace
}  // namespace pktdoc
