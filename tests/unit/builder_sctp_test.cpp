// The packet builder's SCTP packets (pktdoc/builder/sctp_builder.hpp): every chunk of an
// association from INIT to SHUTDOWN COMPLETE, with parameters and error causes, decoded with
// SctpPacket::parse() and the typed chunk views, the CRC32c verified. The exact bytes of the
// example were checked once with tshark 4.0.17 (-o "sctp.checksum:CRC 32c").
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/sctp_builder.hpp"
#include "pktdoc/packet.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;

// Hex text of bytes, so that a mismatch of exact bytes prints readably.
std::string hex_text(const std::vector<std::byte>& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  for (std::byte b : bytes) {
    text += digits[static_cast<unsigned>(b) >> 4];
    text += digits[static_cast<unsigned>(b) & 0xf];
  }
  return text;
}

const Ipv4Address kClient = *Ipv4Address::parse("192.0.2.1");
const Ipv4Address kServer = *Ipv4Address::parse("192.0.2.2");

// The chunks of a packet as views, after checking the packet and its checksum.
std::vector<SctpChunk> chunks_of(const build::Bytes& bytes) {
  auto packet = SctpPacket::parse(build::view(bytes), bytes.size());
  EXPECT_TRUE(packet) << packet.error().reason;
  if (!packet) return {};
  EXPECT_EQ(packet->checksum_status(), ChecksumStatus::good);
  std::vector<SctpChunk> chunks;
  for (SctpChunk chunk : packet->chunks()) chunks.push_back(chunk);
  return chunks;
}

// The views point into the bytes: refuse a temporary.
std::vector<SctpChunk> chunks_of(build::Bytes&&) = delete;

TEST(BuilderSctp, ExampleInitCheckedByTshark) {
  build::Sctp init{.source_port = 5000, .destination_port = 5001, .verification_tag = 0};
  init.chunks.push_back(build::SctpChunk::init(
      0x11111111, 65536, 10, 10, 100,
      {build::SctpParameter::ipv4_address(kClient), build::SctpParameter::supported_address_types({5})}));
  const build::Bytes packet = init.packet();
  // tshark 4.0.17: INIT, initiate tag 0x11111111, a_rwnd 65536, 10 streams each way, initial
  // TSN 100, IPv4 address 192.0.2.1, supported address types IPv4; CRC32c good. The last
  // parameter (6 bytes) is followed by 2 bytes of padding that the chunk length (34) leaves out.
  EXPECT_EQ(hex_text(packet), hex_text(hex("1388 1389 00000000 d7dc5677"
                                           "01 00 0022 11111111 00010000 000a 000a 00000064"
                                           "0005 0008 c0000201"
                                           "000c 0006 0005 0000")));
  const std::vector<SctpChunk> chunks = chunks_of(packet);
  ASSERT_EQ(chunks.size(), 1u);
  auto chunk = SctpInitChunk::parse(chunks[0].bytes());
  ASSERT_TRUE(chunk) << chunk.error().reason;
  EXPECT_FALSE(chunk->is_init_ack());
  EXPECT_EQ(chunk->initiate_tag(), 0x11111111u);
  EXPECT_EQ(chunk->advertised_receiver_window_credit(), 65536u);
  EXPECT_EQ(chunk->number_of_outbound_streams(), 10);
  EXPECT_EQ(chunk->number_of_inbound_streams(), 10);
  EXPECT_EQ(chunk->initial_tsn(), 100u);
  auto address = chunk->find_parameter(sctp_parameter_type::ipv4_address);
  ASSERT_TRUE(address);
  EXPECT_EQ(address->ipv4_address(), kClient);
  auto types = chunk->find_parameter(sctp_parameter_type::supported_address_types);
  ASSERT_TRUE(types);
  ASSERT_EQ(types->supported_address_type_count(), 1u);
  EXPECT_EQ(types->supported_address_type(0), 5);
}

TEST(BuilderSctp, AssociationChunksRoundTrip) {
  const build::Bytes cookie = hex("c00c1e0102030405060708");
  build::Sctp ack{.source_port = 5001, .destination_port = 5000, .verification_tag = 0x11111111};
  ack.chunks.push_back(build::SctpChunk::init_ack(
      0x22222222, 32768, 5, 7, 200,
      {build::SctpParameter::state_cookie(build::view(cookie)),
       build::SctpParameter::ipv6_address(*Ipv6Address::parse("2001:db8::2")),
       build::SctpParameter::cookie_preservative(1000), build::SctpParameter::forward_tsn_supported(),
       build::SctpParameter::supported_extensions({sctp_chunk_type::forward_tsn, sctp_chunk_type::i_data})}));
  const build::Bytes ack_packet = ack.packet();
  std::vector<SctpChunk> chunks = chunks_of(ack_packet);
  ASSERT_EQ(chunks.size(), 1u);
  auto init_ack = SctpInitChunk::parse(chunks[0].bytes());
  ASSERT_TRUE(init_ack) << init_ack.error().reason;
  EXPECT_TRUE(init_ack->is_init_ack());
  ASSERT_TRUE(init_ack->state_cookie());
  EXPECT_EQ(build::to_bytes(*init_ack->state_cookie()), cookie);
  EXPECT_EQ(init_ack->find_parameter(sctp_parameter_type::ipv6_address)->ipv6_address(),
            *Ipv6Address::parse("2001:db8::2"));
  EXPECT_EQ(init_ack->find_parameter(sctp_parameter_type::cookie_preservative)->cookie_preservative_increment(), 1000u);
  EXPECT_TRUE(init_ack->find_parameter(sctp_parameter_type::forward_tsn_supported));
  EXPECT_EQ(init_ack->find_parameter(sctp_parameter_type::supported_extensions)->value().size(), 2u);
  EXPECT_EQ(init_ack->parameters().size(), 5u);

  build::Sctp data{.source_port = 5000, .destination_port = 5001, .verification_tag = 0x22222222};
  data.chunks.push_back(build::SctpChunk::cookie_echo(build::view(cookie)));
  data.chunks.push_back(build::SctpChunk::data(100, 3, 9, 51, as_bytes("hello")));
  data.chunks.push_back(build::SctpChunk::data(
      101, 3, 10, 51, as_bytes("world!"),
      build::sctp_data_flag::beginning | build::sctp_data_flag::unordered | build::sctp_data_flag::immediate));
  const build::Bytes data_packet = data.packet();
  chunks = chunks_of(data_packet);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(build::to_bytes(SctpCookieEchoChunk::parse(chunks[0].bytes())->cookie()), cookie);
  auto first = SctpDataChunk::parse(chunks[1].bytes());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->tsn(), 100u);
  EXPECT_EQ(first->stream_identifier(), 3);
  EXPECT_EQ(first->stream_sequence_number(), 9);
  EXPECT_EQ(first->payload_protocol_identifier(), 51u);
  EXPECT_TRUE(first->b_bit());
  EXPECT_TRUE(first->e_bit());
  EXPECT_FALSE(first->u_bit());
  EXPECT_EQ(as_text(first->user_data()), "hello");
  EXPECT_EQ(chunks[1].length(), 16 + 5);  // the padding is not counted
  auto second = SctpDataChunk::parse(chunks[2].bytes());
  EXPECT_TRUE(second->u_bit());
  EXPECT_TRUE(second->i_bit());
  EXPECT_FALSE(second->e_bit());
  EXPECT_EQ(as_text(second->user_data()), "world!");

  build::Sctp sack{.source_port = 5001, .destination_port = 5000, .verification_tag = 0x11111111};
  sack.chunks.push_back(build::SctpChunk::cookie_ack());
  sack.chunks.push_back(build::SctpChunk::sack(100, 32768, {{2, 3}, {5, 5}}, {99}));
  sack.chunks.push_back(build::SctpChunk::heartbeat(as_bytes("hb-info")));
  sack.chunks.push_back(build::SctpChunk::heartbeat_ack(as_bytes("hb-info")));
  const build::Bytes sack_packet = sack.packet();
  chunks = chunks_of(sack_packet);
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[0].type(), sctp_chunk_type::cookie_ack);
  EXPECT_EQ(chunks[0].length(), 4);
  auto sack_view = SctpSackChunk::parse(chunks[1].bytes());
  ASSERT_TRUE(sack_view);
  EXPECT_EQ(sack_view->cumulative_tsn_ack(), 100u);
  EXPECT_EQ(sack_view->advertised_receiver_window_credit(), 32768u);
  ASSERT_EQ(sack_view->number_of_gap_ack_blocks(), 2);
  EXPECT_EQ(sack_view->gap_ack_block(1).start, 5);
  ASSERT_EQ(sack_view->number_of_duplicate_tsns(), 1);
  EXPECT_EQ(sack_view->duplicate_tsn(0), 99u);
  auto heartbeat = SctpHeartbeatChunk::parse(chunks[2].bytes());
  ASSERT_TRUE(heartbeat);
  EXPECT_FALSE(heartbeat->is_heartbeat_ack());
  EXPECT_EQ(as_text(heartbeat->heartbeat_info().value()), "hb-info");
  EXPECT_EQ(chunks[2].length(), 4 + 4 + 7);  // the parameter's padding is not counted either
  EXPECT_TRUE(SctpHeartbeatChunk::parse(chunks[3].bytes())->is_heartbeat_ack());

  build::Sctp close{.source_port = 5000, .destination_port = 5001, .verification_tag = 0x22222222};
  close.chunks.push_back(build::SctpChunk::shutdown(200));
  close.chunks.push_back(build::SctpChunk::shutdown_ack());
  close.chunks.push_back(build::SctpChunk::shutdown_complete(true));
  const build::Bytes close_packet = close.packet();
  chunks = chunks_of(close_packet);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(SctpShutdownChunk::parse(chunks[0].bytes())->cumulative_tsn_ack(), 200u);
  EXPECT_EQ(chunks[1].type(), sctp_chunk_type::shutdown_ack);
  EXPECT_TRUE(SctpShutdownCompleteChunk::parse(chunks[2].bytes())->t_bit());

  build::Sctp abort{.source_port = 5000, .destination_port = 5001, .verification_tag = 0x22222222};
  abort.chunks.push_back(build::SctpChunk::abort(
      false, {build::SctpErrorCause::user_initiated_abort(as_bytes("bye")),
              build::SctpErrorCause::invalid_stream_identifier(7), build::SctpErrorCause::protocol_violation()}));
  abort.chunks.push_back(build::SctpChunk::error({build::SctpErrorCause::no_user_data(5)}));
  const build::Bytes abort_packet = abort.packet();
  chunks = chunks_of(abort_packet);
  ASSERT_EQ(chunks.size(), 2u);
  auto abort_view = SctpAbortChunk::parse(chunks[0].bytes());
  ASSERT_TRUE(abort_view);
  EXPECT_FALSE(abort_view->t_bit());
  std::vector<SctpErrorCause> causes;
  for (SctpErrorCause cause : abort_view->error_causes()) causes.push_back(cause);
  ASSERT_EQ(causes.size(), 3u);
  EXPECT_EQ(causes[0].code(), sctp_cause_code::user_initiated_abort);
  EXPECT_EQ(as_text(causes[0].info()), "bye");
  EXPECT_EQ(causes[1].stream_identifier(), 7);
  EXPECT_EQ(causes[2].code(), sctp_cause_code::protocol_violation);
  auto error = SctpErrorChunk::parse(chunks[1].bytes());
  ASSERT_TRUE(error);
  EXPECT_EQ((*error->error_causes().begin()).code(), sctp_cause_code::no_user_data);
}

TEST(BuilderSctp, OverIpAndWithFieldsThatLie) {
  build::Sctp sctp{.source_port = 5000, .destination_port = 5001, .verification_tag = 7};
  sctp.chunks.push_back(build::SctpChunk::data(1, 0, 0, 0, as_bytes("x")));
  for (bool over_ipv6 : {false, true}) {
    const build::Bytes packet = over_ipv6 ? build::Ipv6{.source = *Ipv6Address::parse("2001:db8::1"),
                                                        .destination = *Ipv6Address::parse("2001:db8::2")}
                                                .packet(sctp)
                                          : build::Ipv4{.source = kClient, .destination = kServer}.packet(sctp);
    IpLayers layers;
    decode_ip(build::view(packet), layers);
    ASSERT_EQ(layers.error.kind, ErrorKind::none) << layers.error.reason;
    ASSERT_TRUE(layers.sctp);
    EXPECT_EQ(layers.sctp->verification_tag(), 7u);
    EXPECT_EQ(layers.sctp->checksum_status(), ChecksumStatus::good);
  }

  sctp.corrupt_checksum = true;
  const build::Bytes corrupt = sctp.packet();
  EXPECT_EQ(SctpPacket(build::view(corrupt)).checksum_status(), ChecksumStatus::bad);
  sctp.corrupt_checksum = false;
  sctp.checksum = 0xdeadbeef;
  EXPECT_EQ(SctpPacket(build::view(sctp.packet())).checksum(), 0xdeadbeefu);
  sctp.checksum.reset();

  sctp.chunks[0].length = 2;  // below the chunk header
  const build::Bytes short_chunk = sctp.packet();
  EXPECT_EQ(SctpPacket::parse(build::view(short_chunk), short_chunk.size()).error().kind, ErrorKind::invalid);
  sctp.chunks[0].length = 200;  // past the packet
  const build::Bytes long_chunk = sctp.packet();
  EXPECT_EQ(SctpPacket::parse(build::view(long_chunk), long_chunk.size()).error().kind, ErrorKind::invalid);
  EXPECT_EQ(SctpPacket::parse(build::view(long_chunk)).error().kind, ErrorKind::truncated);

  build::SctpChunk huge{.value = build::Bytes(65532)};
  EXPECT_THROW((void)huge.encode(), std::length_error);
}

}  // namespace
}  // namespace pktdoc
