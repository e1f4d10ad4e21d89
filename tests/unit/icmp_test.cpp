// ICMP for IPv4 (RFC 792, RFC 950, RFC 1191, RFC 4884).
//
// Every packet below is a whole IPv4 packet, written field by field, with correct IP and ICMP
// checksums. Each was checked once with tshark 4.0 (written to a LINKTYPE_RAW pcap; `tshark -V`
// reports both checksums good), and the listing strings are what `tshark -T fields` printed for
// them. The ICMP message starts after the 20-byte IPv4 header.
#include "pktdoc/icmp.hpp"

#include <string>

#include "pktdoc/detail/field_sink.hpp"
#include "pktdoc/detail/listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

constexpr std::size_t ipv4_header = 20;

ByteView icmp_part(const std::vector<std::byte>& packet) { return view(packet).subspan(ipv4_header); }

std::vector<std::byte> icmp_copy(const std::vector<std::byte>& packet) {
  return std::vector<std::byte>(packet.begin() + ipv4_header, packet.end());
}

// tshark's `packets` listing of the ICMP fields of these messages.
std::string listing(std::initializer_list<IcmpMessage> messages) {
  detail::FieldSink sink;
  for (const IcmpMessage& message : messages) detail::list_icmp(message, sink);
  std::string line;
  sink.write(line);
  return line;
}

// 192.0.2.1 -> 198.51.100.2, echo request, identifier 0x1234, sequence 1, 8 bytes "abcdefgh".
const auto echo_request =
    hex("45000024 12340000 40017c6e c0000201 c6336402 |"  // IPv4: total 36, TTL 64, protocol 1
        "08 00 5435 |"                                    // type 8, code 0, checksum
        "1234 0001 |"                                     // identifier, sequence number
        "6162636465666768");                              // data

// 198.51.100.2 -> 192.0.2.1, the echo reply.
const auto echo_reply =
    hex("45000024 12340000 40017c6e c6336402 c0000201 |"
        "00 00 5c35 |"  // type 0, code 0, checksum
        "1234 0001 |"
        "6162636465666768");

// 198.51.100.2 -> 192.0.2.1, port unreachable quoting a UDP datagram to port 53: its IPv4
// header and the 8-byte UDP header (UDP length 20, the 12 data bytes not quoted).
const auto port_unreachable =
    hex("45000038 12340000 40017c5a c6336402 c0000201 |"  // IPv4: total 56
        "03 03 6073 |"                                    // type 3, code 3 (port unreachable), checksum
        "00000000 |"                                      // unused
        "45000028 00010000 40118e8d c0000201 c6336402 |"  // quoted IPv4: total 40, protocol 17
        "9c40 0035 0014 0000");                           // quoted UDP: 40000 -> 53, length 20, checksum 0

// 203.0.113.1 -> 192.0.2.1, fragmentation needed (RFC 1191) with a next-hop MTU of 1400,
// quoting a TCP SYN: IPv4 header (DF set) and the first 8 bytes of TCP.
const auto fragmentation_needed =
    hex("45000038 12340000 40016a8e cb007101 c0000201 |"
        "03 04 56ed |"                                    // type 3, code 4, checksum
        "0000 0578 |"                                     // unused, next-hop MTU 1400
        "45000028 00024000 40064e97 c0000201 c6336402 |"  // quoted IPv4: total 40, DF, protocol 6
        "9c40 0050 01020304");                            // quoted TCP: 40000 -> 80, sequence number

// 203.0.113.1 -> 192.0.2.1, time to live exceeded in transit, quoting an echo request sent
// with TTL 1 (IPv4 header and the first 8 bytes of ICMP).
const auto time_exceeded =
    hex("45000038 12340000 40016a8e cb007101 c0000201 |"
        "0b 00 8695 |"                                    // type 11, code 0, checksum
        "00000000 |"                                      // unused
        "45000024 12340000 0101bb6e c0000201 c6336402 |"  // quoted IPv4: total 36, TTL 1, protocol 1
        "08 00 5435 1234 0001");                          // quoted ICMP: echo request header

// 203.0.113.1 -> 192.0.2.1, redirect for the host to gateway 192.0.2.254, quoting the whole
// 40-byte UDP datagram (more than the IP header + 8 bytes that RFC 792 asks for).
const auto redirect =
    hex("45000044 12340000 40016a82 cb007101 c0000201 |"
        "05 01 9b76 |"                                    // type 5, code 1 (host), checksum
        "c00002fe |"                                      // gateway 192.0.2.254
        "45000028 00010000 40118e8d c0000201 c6336402 |"  // quoted IPv4
        "9c40 0035 0014 0000 |"                           // quoted UDP header
        "000000000000000000000000");                      // quoted UDP data

// 203.0.113.1 -> 192.0.2.1, parameter problem, pointer 1 (the TOS octet of the quoted header).
const auto parameter_problem =
    hex("45000038 12340000 40016a8e cb007101 c0000201 |"
        "0c 00 5676 |"  // type 12, code 0, checksum
        "01 000000 |"   // pointer 1, unused
        "45000028 00010000 40118e8d c0000201 c6336402 |"
        "9c40 0035 0014 0000");

// 198.51.100.2 -> 192.0.2.1, timestamp reply: 10:00:00.000, 10:00:00.005, 10:00:00.006 UT.
const auto timestamp_reply =
    hex("45000028 12340000 40017c6a c6336402 c0000201 |"
        "0e 00 f83b |"  // type 14, code 0, checksum
        "0042 0007 |"   // identifier, sequence number
        "02255100 |"    // originate timestamp 36000000 ms
        "02255105 |"    // receive timestamp 36000005 ms
        "02255106");    // transmit timestamp 36000006 ms

// 198.51.100.2 -> 192.0.2.1, address mask reply (RFC 950): 255.255.255.0.
const auto address_mask_reply =
    hex("45000020 12340000 40017c72 c6336402 c0000201 |"
        "12 00 eeb4 |"  // type 18, code 0, checksum
        "0042 0008 |"   // identifier, sequence number
        "ffffff00");    // address mask

// 203.0.113.1 -> 192.0.2.1, time exceeded with an RFC 4884 length of 32 words: 128 bytes of
// original datagram (the 36-byte echo request, zero-padded) followed by an extension structure
// holding one MPLS label stack entry (RFC 4950).
std::vector<std::byte> rfc4884_time_exceeded() {
  auto packet =
      hex("450000a8 12340000 40016a1e cb007101 c0000201 |"  // IPv4: total 168
          "0b 00 f4df |"                                    // type 11, code 0, checksum
          "00 20 0000 |"                                    // unused, length 32 (words), unused
          "45000024 12340000 0101bb6e c0000201 c6336402 |"  // original datagram: IPv4 header
          "08005435 12340001 6162636465666768");            // and the whole echo request
  packet.resize(ipv4_header + 8 + 128);                     // zero padding to 128 bytes
  const auto extension =
      hex("20 00 bdb5 |"  // version 2, reserved, extension checksum
          "0008 01 01 |"  // object length 8, class 1 (MPLS label stack), C-type 1
          "00012140");    // label 18, traffic class 0, bottom of stack, TTL 64
  packet.insert(packet.end(), extension.begin(), extension.end());
  return packet;
}

// 203.0.113.1 -> 192.0.2.1, time exceeded with an RFC 4884 length of 8 words (32 bytes) that
// quotes a whole 61-byte DNS query: not RFC-conformant (RFC 4884 pads to 128 bytes), and tshark
// cuts the quote at (IHL + length) * 4 = 52 bytes.
const auto rfc4884_short_length =
    hex("45000059 12340000 40016a6d cb007101 c0000201 |"     // IPv4: total 89
        "0b 00 622f |"                                       // type 11, code 0, checksum
        "00 08 0000 |"                                       // unused, length 8 (words), unused
        "4500003d 12340000 40117c45 c0000201 c6336402 |"     // quoted IPv4: total 61, protocol 17
        "9c40 0035 0029 0000 |"                              // quoted UDP: 40000 -> 53, length 41
        "abcd 0100 0001 0000 0000 0000 |"                    // DNS header: id, RD, one question
        "03777777 076578616d706c65 03636f6d 00 0001 0001");  // www.example.com A IN

TEST(IcmpMessage, EchoRequestFields) {
  auto icmp = IcmpMessage::parse(icmp_part(echo_request));
  ASSERT_TRUE(icmp.ok()) << icmp.error().reason;
  EXPECT_EQ(icmp->type(), IcmpType::echo_request);
  EXPECT_EQ(icmp->code(), 0);
  EXPECT_EQ(icmp->checksum(), 0x5435);
  EXPECT_EQ(icmp->checksum_status(16), ChecksumStatus::good);
  EXPECT_EQ(icmp->identifier(), 0x1234);
  EXPECT_EQ(icmp->sequence_number(), 1);
  EXPECT_EQ(icmp->rest_of_header(), 0x12340001u);
  EXPECT_FALSE(icmp->is_error());
  EXPECT_EQ(as_text(icmp->payload()), "abcdefgh");
  EXPECT_TRUE(icmp->quoted_packet().empty());
  EXPECT_TRUE(icmp->extensions().empty());
  EXPECT_EQ(icmp->original_datagram_length(), 0);
  EXPECT_EQ(icmp->bytes().size(), 16u);
}

TEST(IcmpMessage, EchoReplyFields) {
  auto icmp = IcmpMessage::parse(icmp_part(echo_reply));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::echo_reply);
  EXPECT_EQ(icmp->checksum_status(16), ChecksumStatus::good);
  EXPECT_EQ(icmp->identifier(), 0x1234);
  EXPECT_EQ(icmp->sequence_number(), 1);
  EXPECT_EQ(as_text(icmp->payload()), "abcdefgh");
}

TEST(IcmpMessage, PortUnreachableQuotesTheDatagram) {
  auto icmp = IcmpMessage::parse(icmp_part(port_unreachable));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::destination_unreachable);
  EXPECT_EQ(static_cast<IcmpUnreachableCode>(icmp->code()), IcmpUnreachableCode::port_unreachable);
  EXPECT_EQ(icmp->checksum_status(36), ChecksumStatus::good);
  EXPECT_TRUE(icmp->is_error());
  EXPECT_EQ(icmp->original_datagram_length(), 0);
  const ByteView quote = icmp->quoted_packet();
  ASSERT_EQ(quote.size(), 28u);
  EXPECT_EQ(quote.data(), icmp_part(port_unreachable).data() + 8);  // a view, not a copy
  EXPECT_EQ(ByteReader(quote).u8_at(9), 17);                        // the quoted protocol: UDP
  EXPECT_EQ(ByteReader(quote).u16_at(22), 53);                      // the quoted destination port
  EXPECT_TRUE(icmp->extensions().empty());
  EXPECT_EQ(icmp->payload().size(), 28u);
}

TEST(IcmpMessage, FragmentationNeededCarriesTheNextHopMtu) {
  auto icmp = IcmpMessage::parse(icmp_part(fragmentation_needed));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::destination_unreachable);
  EXPECT_EQ(static_cast<IcmpUnreachableCode>(icmp->code()), IcmpUnreachableCode::fragmentation_needed);
  EXPECT_EQ(icmp->next_hop_mtu(), 1400);
  EXPECT_EQ(icmp->checksum_status(36), ChecksumStatus::good);
  EXPECT_EQ(icmp->quoted_packet().size(), 28u);
}

TEST(IcmpMessage, TimeExceededQuotesAnIcmpMessage) {
  auto icmp = IcmpMessage::parse(icmp_part(time_exceeded));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::time_exceeded);
  EXPECT_EQ(static_cast<IcmpTimeExceededCode>(icmp->code()), IcmpTimeExceededCode::ttl_exceeded_in_transit);
  EXPECT_EQ(icmp->checksum_status(36), ChecksumStatus::good);
  // The quoted echo request is 8 bytes of a 16-byte message: its checksum cannot be verified.
  auto inner = IcmpMessage::parse(icmp->quoted_packet().subspan(ipv4_header));
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(inner->type(), IcmpType::echo_request);
  EXPECT_EQ(inner->identifier(), 0x1234);
  EXPECT_EQ(inner->checksum_status(16), ChecksumStatus::unverified);
}

TEST(IcmpMessage, RedirectGateway) {
  auto icmp = IcmpMessage::parse(icmp_part(redirect));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::redirect);
  EXPECT_EQ(static_cast<IcmpRedirectCode>(icmp->code()), IcmpRedirectCode::host);
  EXPECT_EQ(icmp->gateway().to_string(), "192.0.2.254");
  EXPECT_EQ(icmp->checksum_status(48), ChecksumStatus::good);
  EXPECT_TRUE(icmp->is_error());
  EXPECT_EQ(icmp->quoted_packet().size(), 40u);
  EXPECT_EQ(icmp->original_datagram_length(), 0);  // byte 5 is part of the gateway, not a length
}

TEST(IcmpMessage, ParameterProblemPointer) {
  auto icmp = IcmpMessage::parse(icmp_part(parameter_problem));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::parameter_problem);
  EXPECT_EQ(static_cast<IcmpParameterProblemCode>(icmp->code()), IcmpParameterProblemCode::pointer_indicates_error);
  EXPECT_EQ(icmp->pointer(), 1);
  EXPECT_EQ(icmp->checksum_status(36), ChecksumStatus::good);
  EXPECT_EQ(icmp->quoted_packet().size(), 28u);
}

TEST(IcmpMessage, TimestampReplyFields) {
  auto icmp = IcmpMessage::parse(icmp_part(timestamp_reply));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::timestamp_reply);
  EXPECT_EQ(icmp->checksum_status(20), ChecksumStatus::good);
  EXPECT_EQ(icmp->identifier(), 0x0042);
  EXPECT_EQ(icmp->sequence_number(), 7);
  EXPECT_EQ(icmp->originate_timestamp(), 36000000u);
  EXPECT_EQ(icmp->receive_timestamp(), 36000005u);
  EXPECT_EQ(icmp->transmit_timestamp(), 36000006u);
  EXPECT_FALSE(icmp->is_error());
}

TEST(IcmpMessage, AddressMaskReplyFields) {
  auto icmp = IcmpMessage::parse(icmp_part(address_mask_reply));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::address_mask_reply);
  EXPECT_EQ(icmp->checksum_status(12), ChecksumStatus::good);
  EXPECT_EQ(icmp->sequence_number(), 8);
  EXPECT_EQ(icmp->address_mask().to_string(), "255.255.255.0");
}

TEST(IcmpMessage, Rfc4884LengthSeparatesTheQuoteFromTheExtensions) {
  const auto packet = rfc4884_time_exceeded();
  auto icmp = IcmpMessage::parse(icmp_part(packet));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->checksum_status(148), ChecksumStatus::good);
  EXPECT_EQ(icmp->original_datagram_length(), 32);
  EXPECT_EQ(icmp->quoted_packet().size(), 128u);
  const ByteView extensions = icmp->extensions();
  ASSERT_EQ(extensions.size(), 12u);
  EXPECT_EQ(ByteReader(extensions).u8_at(0) >> 4, 2);  // extension version 2
  EXPECT_EQ(internet_checksum(extensions), 0);         // its own checksum is good
  EXPECT_EQ(icmp->payload().size(), 140u);
}

TEST(IcmpMessage, Rfc4884LengthLargerThanTheMessageKeepsEverything) {
  // A length that points past the bytes there are: the quote is what there is, no extensions.
  auto bytes = icmp_copy(port_unreachable);
  bytes[5] = std::byte{200};
  const IcmpMessage icmp(view(bytes));
  EXPECT_EQ(icmp.original_datagram_length(), 200);
  EXPECT_EQ(icmp.quoted_packet().size(), 28u);
  EXPECT_TRUE(icmp.extensions().empty());
}

TEST(IcmpMessage, Rfc4884LengthBelow128BytesIsIgnored) {
  // RFC 4884 section 4.1: the original datagram field is at least 128 octets. A length of 8
  // words is not that, so the whole rest is the quote and there are no extensions.
  auto short_length = IcmpMessage::parse(icmp_part(rfc4884_short_length));
  ASSERT_TRUE(short_length.ok());
  EXPECT_EQ(short_length->checksum_status(69), ChecksumStatus::good);
  EXPECT_EQ(short_length->original_datagram_length(), 8);
  EXPECT_EQ(short_length->quoted_packet().size(), 61u);
  EXPECT_TRUE(short_length->extensions().empty());

  auto redirected = IcmpMessage::parse(icmp_part(redirect));
  ASSERT_TRUE(redirected.ok());
  EXPECT_EQ(redirected->quoted_packet().size(), redirected->payload().size());
  auto echo = IcmpMessage::parse(icmp_part(echo_request));
  ASSERT_TRUE(echo.ok());
  EXPECT_TRUE(echo->quoted_packet().empty());
}

TEST(IcmpMessage, EmptyRedirectQuotesNothing) {
  const auto bytes = hex("05 01 fafe c00002fe");  // redirect without a quote
  const IcmpMessage icmp(view(bytes));
  EXPECT_TRUE(icmp.quoted_packet().empty());
}

TEST(IcmpMessage, ErrorTypes) {
  for (int type = 0; type < 256; ++type) {
    const std::vector<std::byte> bytes = {std::byte(type), std::byte{0}, std::byte{0}, std::byte{0},
                                          std::byte{0},    std::byte{0}, std::byte{0}, std::byte{0}};
    const bool error = type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    EXPECT_EQ(IcmpMessage(view(bytes)).is_error(), error) << "type " << type;
  }
}

TEST(IcmpMessage, TruncatedAtEveryCut) {
  auto parse = [](ByteView bytes) { return IcmpMessage::parse(bytes); };
  test::expect_truncated_at_every_cut(icmp_copy(echo_request), 8, Protocol::icmp, parse);
  test::expect_truncated_at_every_cut(icmp_copy(port_unreachable), 8, Protocol::icmp, parse);
  test::expect_truncated_at_every_cut(icmp_copy(redirect), 8, Protocol::icmp, parse);
  test::expect_truncated_at_every_cut(icmp_copy(timestamp_reply), 20, Protocol::icmp, parse);
  test::expect_truncated_at_every_cut(icmp_copy(address_mask_reply), 12, Protocol::icmp, parse);
}

TEST(IcmpMessage, AnErrorWithAShortQuoteIsNotAnIcmpError) {
  // The quote is the IP decoder's business: an error quoting nothing, or 10 bytes, decodes.
  for (std::size_t quote : {0u, 1u, 10u, 19u, 20u}) {
    const auto bytes = icmp_copy(port_unreachable);
    auto icmp = IcmpMessage::parse(ByteView(bytes.data(), 8 + quote));
    ASSERT_TRUE(icmp.ok()) << quote;
    EXPECT_EQ(icmp->quoted_packet().size(), quote);
  }
}

TEST(IcmpMessage, DeclaredLengthThatLies) {
  const auto bytes = icmp_copy(echo_request);  // 16 bytes
  // Larger than what was captured: the capture ended early.
  auto longer = IcmpMessage::parse(view(bytes), 24);
  ASSERT_TRUE(longer.ok());
  EXPECT_EQ(longer->bytes().size(), 16u);
  EXPECT_EQ(longer->checksum_status(24), ChecksumStatus::unverified);
  // Exact.
  auto exact = IcmpMessage::parse(view(bytes), 16);
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->checksum_status(16), ChecksumStatus::good);
  // Smaller than the bytes (link-layer padding after it, or a lie): the view stops there, and
  // the checksum no longer matches the bytes it covers.
  auto shorter = IcmpMessage::parse(view(bytes), 12);
  ASSERT_TRUE(shorter.ok());
  EXPECT_EQ(shorter->bytes().size(), 12u);
  EXPECT_EQ(shorter->payload().size(), 4u);
  EXPECT_EQ(shorter->checksum_status(12), ChecksumStatus::bad);
  // Too small for the header, with every declared byte captured: the sender's fault.
  for (std::size_t declared : {0u, 4u, 7u}) {
    auto result = IcmpMessage::parse(view(bytes), declared);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::invalid) << declared;
    EXPECT_EQ(result.error().protocol, Protocol::icmp);
  }
  // A timestamp reply declared 12 bytes long cannot hold its timestamps.
  const auto timestamp = icmp_copy(timestamp_reply);
  auto cut = IcmpMessage::parse(view(timestamp), 12);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().kind, ErrorKind::invalid);
  // The same 12 bytes from a capture that ended early.
  auto prefix = IcmpMessage::parse(view(timestamp).first(12), 20);
  ASSERT_FALSE(prefix.ok());
  EXPECT_EQ(prefix.error().kind, ErrorKind::truncated);
}

TEST(IcmpMessage, BadChecksum) {
  auto bytes = icmp_copy(echo_request);
  bytes[8] = std::byte{'A'};  // "Abcdefgh"
  const IcmpMessage icmp(view(bytes));
  EXPECT_EQ(icmp.checksum_status(16), ChecksumStatus::bad);
}

TEST(IcmpMessage, UncheckedViewOfAPrefixReturnsZeros) {
  const auto bytes = icmp_copy(timestamp_reply);
  const IcmpMessage icmp(view(bytes).first(10));
  EXPECT_EQ(icmp.type(), IcmpType::timestamp_reply);
  EXPECT_EQ(icmp.identifier(), 0x0042);
  EXPECT_EQ(icmp.originate_timestamp(), 0u);  // bytes 8-11: only two are there
  EXPECT_EQ(icmp.receive_timestamp(), 0u);
  EXPECT_EQ(icmp.payload().size(), 2u);
  const IcmpMessage empty;
  EXPECT_EQ(empty.type(), IcmpType::echo_reply);  // 0
  EXPECT_EQ(empty.checksum(), 0);
  EXPECT_FALSE(empty.is_error());
  EXPECT_TRUE(empty.payload().empty());
  EXPECT_TRUE(empty.quoted_packet().empty());
  EXPECT_EQ(empty.gateway().to_uint(), 0u);
}

TEST(IcmpMessage, UnknownTypeDecodes) {
  const auto bytes = hex("2a 00 d5ff 0000 0000");  // type 42 (extended echo request), zeros
  auto icmp = IcmpMessage::parse(view(bytes));
  ASSERT_TRUE(icmp.ok());
  EXPECT_EQ(icmp->type(), IcmpType::extended_echo_request);
  EXPECT_EQ(icmp->checksum_status(8), ChecksumStatus::good);
  const auto unassigned = hex("c8 00 37ff 0000 0000");  // type 200
  auto other = IcmpMessage::parse(view(unassigned));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(static_cast<int>(other->type()), 200);
  EXPECT_EQ(other->checksum_status(8), ChecksumStatus::good);
}

TEST(IcmpMessage, ArbitraryBytesNeverReadOutOfBounds) {
  // Deterministic pseudo-random messages of every length up to 64 bytes, with the types that
  // have special cases forced in; under AddressSanitizer, any read past the buffer fails.
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<std::uint8_t>(state >> 16);
  };
  const std::uint8_t types[] = {0, 3, 4, 5, 8, 11, 12, 13, 14, 17, 18, 42, 255};
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::byte> bytes(static_cast<std::size_t>(round % 65));
    for (auto& b : bytes) b = std::byte{next()};
    if (!bytes.empty()) bytes[0] = std::byte{types[static_cast<std::size_t>(round) % std::size(types)]};
    const ByteView all(bytes.data(), bytes.size());
    for (const IcmpMessage& icmp : {IcmpMessage(all), IcmpMessage::parse(all).value()}) {
      (void)icmp.checksum_status(bytes.size());
      (void)icmp.checksum_status(bytes.size() + 1);
      (void)icmp.gateway();
      (void)icmp.transmit_timestamp();
      (void)icmp.address_mask();
      const ByteView quote = icmp.quoted_packet();
      const ByteView extensions = icmp.extensions();
      EXPECT_LE(quote.size() + extensions.size(), bytes.size());
      (void)listing({icmp});
    }
    (void)IcmpMessage::parse(all, next());
  }
}

// The listing, compared with `tshark -n -T fields -E occurrence=a -E aggregator=,` on the
// same packets.
TEST(IcmpListing, MatchesTshark) {
  EXPECT_EQ(listing({IcmpMessage(icmp_part(echo_request))}), "\ticmp.type=8\ticmp.code=0\ticmp.checksum=0x5435");
  EXPECT_EQ(listing({IcmpMessage(icmp_part(echo_reply))}), "\ticmp.type=0\ticmp.code=0\ticmp.checksum=0x5c35");
  EXPECT_EQ(listing({IcmpMessage(icmp_part(port_unreachable))}), "\ticmp.type=3\ticmp.code=3\ticmp.checksum=0x6073");
  EXPECT_EQ(listing({IcmpMessage(icmp_part(timestamp_reply))}), "\ticmp.type=14\ticmp.code=0\ticmp.checksum=0xf83b");
  EXPECT_EQ(listing({IcmpMessage(icmp_part(address_mask_reply))}), "\ticmp.type=18\ticmp.code=0\ticmp.checksum=0xeeb4");
}

TEST(IcmpListing, AQuotedIcmpMessageIsListedAfterTheOuterOne) {
  const IcmpMessage outer(icmp_part(time_exceeded));
  const IcmpMessage inner(outer.quoted_packet().subspan(ipv4_header));
  EXPECT_EQ(listing({outer, inner}), "\ticmp.type=11,8\ticmp.code=0,0\ticmp.checksum=0x8695,0x5435");
  const auto packet = rfc4884_time_exceeded();
  const IcmpMessage extended(icmp_part(packet));
  EXPECT_EQ(listing({extended, IcmpMessage(extended.quoted_packet().subspan(ipv4_header))}),
            "\ticmp.type=11,8\ticmp.code=0,0\ticmp.checksum=0xf4df,0x5435");
}

TEST(IcmpListing, NothingBelowSixBytes) {
  // tshark reads byte 5 (the RFC 4884 length) before adding any field: a capture that ends
  // within the first 5 bytes of ICMP, or a quote holding 1-5 of them, lists no icmp field.
  const ByteView echo = icmp_part(echo_request);
  for (std::size_t cut = 0; cut < 6; ++cut) EXPECT_EQ(listing({IcmpMessage(echo.first(cut))}), "") << cut;
  for (std::size_t cut = 6; cut <= echo.size(); ++cut)
    EXPECT_EQ(listing({IcmpMessage(echo.first(cut))}), "\ticmp.type=8\ticmp.code=0\ticmp.checksum=0x5435") << cut;
}

}  // namespace
}  // namespace pktdoc
