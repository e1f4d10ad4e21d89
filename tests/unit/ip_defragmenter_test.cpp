// IpDefragmenter: IPv4 and IPv6 reassembly in any order, duplicates and overlaps under the
// documented policy, every limit reached and reported, timeouts by frame timestamps, incomplete
// datagrams reported with their holes, memory bounded on hostile input; and the `datagrams`
// listing.
//
// The fragments written out in hex below were built field by field and checked once with tshark
// 4.0: it reassembles each set into the UDP datagram 192.0.2.1:40000 -> 198.51.100.2:9 (or
// [2001:db8::1]:40000 -> [2001:db8::2]:9) carrying "pktdoc defragment test!!", checksum good, and
// its `datagrams` listing gives the sha256 values used here. Larger and hostile inputs are made
// by the small builders further down, which use the same layouts.
#include "pktdoc/reassembly/ip_defragmenter.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "pktdoc/checksum.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/datagram_listing.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;
using Bytes = std::vector<std::byte>;

// --- The UDP datagram in four IPv4 fragments of 8 bytes (identification 0x1234) -------------
const char* const v4_fragment_hex[4] = {
    "4500 001c 1234 2000 4011 5c66 c0000201 c6336402"  // MF, offset 0, total length 28
    "| 9c40 0009 0020 e0d6",                           // UDP header: 40000 -> 9, length 32
    "4500 001c 1234 2001 4011 5c65 c0000201 c6336402"  // MF, offset 1 (8 bytes)
    "| 706b74646f632064",                              // "pktdoc d"
    "4500 001c 1234 2002 4011 5c64 c0000201 c6336402"  // MF, offset 2 (16 bytes)
    "| 65667261676d656e",                              // "efragmen"
    "4500 001c 1234 0003 4011 7c63 c0000201 c6336402"  // last: offset 3 (24 bytes)
    "| 7420746573742121",                              // "t test!!"
};
// What reassembly must give: the first fragment's header with Total Length 52, MF and offset
// cleared and the checksum recomputed, then the 32 bytes.
const char* const v4_whole_hex =
    "4500 0034 1234 0000 4011 7c4e c0000201 c6336402"
    "| 9c4000090020e0d6 706b74646f632064 65667261676d656e 7420746573742121";
const char* const v4_payload_sha256 = "ec119326120e3c3ef15da008209f4e75299bfc68430091b23e99b9a31fabb8ab";

// --- The same datagram over IPv6, four fragments (identification 0x12345678) ----------------
const char* const v6_fixed_hex =
    "6000 0000 0010 2c40"  // payload length 16, next header 44 (fragment), hop limit 64
    "20010db8000000000000000000000001 20010db8000000000000000000000002";
const char* const v6_fragment_header_hex[4] = {
    "11 00 0001 12345678",  // next header 17 (UDP), offset 0, M
    "11 00 0009 12345678",  // offset 1 (8 bytes), M
    "11 00 0011 12345678",  // offset 2 (16 bytes), M
    "11 00 0018 12345678",  // offset 3 (24 bytes), last
};
const char* const v6_data_hex[4] = {"9c40 0009 0020 7199", "706b74646f632064", "65667261676d656e", "7420746573742121"};
const char* const v6_whole_hex =
    "6000 0000 0020 1140"  // payload length 32, next header 17: the fragment header is gone
    "20010db8000000000000000000000001 20010db8000000000000000000000002"
    "| 9c4000090020 7199 706b74646f632064 65667261676d656e 7420746573742121";
const char* const v6_payload_sha256 = "c96fe31fc1fd8726aa62c9fd456e993e8c6829c881bbba0b625e3dd6d5abb76c";

// --- IPv6 with a Hop-by-Hop Options header before the Fragment header (id 0x9abcdef0) -------
const char* const v6x_fixed_hex =
    "6000 0000 0018 0040"  // payload length 24, next header 0 (hop-by-hop)
    "20010db8000000000000000000000001 20010db8000000000000000000000002"
    "| 2c 00 0104 00000000";  // hop-by-hop: next header 44, length 8, PadN of 4
const char* const v6x_fragment_header_hex[4] = {"11 00 0001 9abcdef0", "11 00 0009 9abcdef0", "11 00 0011 9abcdef0",
                                                "11 00 0018 9abcdef0"};
const char* const v6x_whole_hex =
    "6000 0000 0028 0040"  // payload length 40 = 8 (hop-by-hop) + 32
    "20010db8000000000000000000000001 20010db8000000000000000000000002"
    "| 11 00 0104 00000000"  // hop-by-hop now names UDP (17)
    "| 9c4000090020 7199 706b74646f632064 65667261676d656e 7420746573742121";

Bytes v4_fragment(int index) { return hex(v4_fragment_hex[index]); }
Bytes v6_fragment(int index) {
  return hex(std::string(v6_fixed_hex) + v6_fragment_header_hex[index] + v6_data_hex[index]);
}
Bytes v6x_fragment(int index) {
  return hex(std::string(v6x_fixed_hex) + v6x_fragment_header_hex[index] + v6_data_hex[index]);
}

// --- Builders for larger and hostile inputs, same layouts as above ---------------------------

constexpr Ipv4Address v4_source{{192, 0, 2, 1}};
constexpr Ipv4Address v4_destination{{198, 51, 100, 2}};

Ipv6Address v6_address(std::uint8_t last) {
  Ipv6Address address{{0x20, 0x01, 0x0d, 0xb8}};
  address.bytes[15] = last;
  return address;
}

void put16(Bytes& bytes, std::size_t at, std::uint32_t value) {
  bytes[at] = static_cast<std::byte>((value >> 8) & 0xff);
  bytes[at + 1] = static_cast<std::byte>(value & 0xff);
}

// An IPv4 fragment: 20-byte header (checksum filled in), then `data`.
Bytes ipv4_fragment(std::uint16_t id, std::uint32_t offset, bool more, const Bytes& data, std::uint8_t protocol = 17,
                    Ipv4Address source = v4_source) {
  Bytes packet(20);
  packet[0] = std::byte{0x45};
  put16(packet, 2, static_cast<std::uint32_t>(20 + data.size()));
  put16(packet, 4, id);
  put16(packet, 6, (more ? 0x2000u : 0u) | (offset / 8));
  packet[8] = std::byte{64};
  packet[9] = static_cast<std::byte>(protocol);
  for (std::size_t i = 0; i < 4; ++i) {
    packet[12 + i] = static_cast<std::byte>(source.bytes[i]);
    packet[16 + i] = static_cast<std::byte>(v4_destination.bytes[i]);
  }
  put16(packet, 10, internet_checksum(ByteView(packet.data(), 20)));
  packet.insert(packet.end(), data.begin(), data.end());
  return packet;
}

// An IPv6 fragment: fixed header, then the Fragment header, then `data`.
Bytes ipv6_fragment(std::uint32_t id, std::uint32_t offset, bool more, const Bytes& data, std::uint8_t next = 17,
                    std::uint8_t source = 1) {
  Bytes packet(48);
  packet[0] = std::byte{0x60};
  put16(packet, 4, static_cast<std::uint32_t>(8 + data.size()));
  packet[6] = std::byte{44};
  packet[7] = std::byte{64};
  const Ipv6Address from = v6_address(source), to = v6_address(2);
  for (std::size_t i = 0; i < 16; ++i) {
    packet[8 + i] = static_cast<std::byte>(from.bytes[i]);
    packet[24 + i] = static_cast<std::byte>(to.bytes[i]);
  }
  packet[40] = static_cast<std::byte>(next);
  put16(packet, 42, (offset & 0xfff8u) | (more ? 1u : 0u));
  put16(packet, 44, id >> 16);
  put16(packet, 46, id & 0xffff);
  packet.insert(packet.end(), data.begin(), data.end());
  return packet;
}

Bytes pattern(std::size_t size, unsigned seed) {
  Bytes bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::byte>((i * 7 + seed * 13) & 0xff);
  return bytes;
}

Bytes slice(const Bytes& bytes, std::size_t begin, std::size_t end) {
  return Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(begin), bytes.begin() + static_cast<std::ptrdiff_t>(end));
}

// --- An observer that keeps copies of everything it is told -------------------------------

struct Recorder : DefragmentObserver {
  struct Done {
    DatagramKey key;
    Bytes packet, payload;
    std::vector<std::uint64_t> frames;
    std::uint64_t completing_frame = 0;
    std::uint8_t protocol = 0;
    std::string line;
  };
  struct Gone {
    AbandonedDatagram report;  // views cleared
    std::vector<std::uint64_t> frames;
    std::vector<ByteRange> holes;
  };
  std::vector<Done> done;
  std::vector<Gone> gone;
  std::vector<DroppedFragment> dropped;

  void on_reassembled(const ReassembledDatagram& d) override {
    Done copy{d.key,
              Bytes(d.packet.begin(), d.packet.end()),
              Bytes(d.payload.begin(), d.payload.end()),
              std::vector<std::uint64_t>(d.frames.begin(), d.frames.end()),
              d.completing_frame,
              d.protocol,
              {}};
    write_datagram_line(d, copy.line);
    done.push_back(std::move(copy));
  }
  void on_abandoned(const AbandonedDatagram& d) override {
    Gone copy{d, std::vector<std::uint64_t>(d.frames.begin(), d.frames.end()),
              std::vector<ByteRange>(d.holes.begin(), d.holes.end())};
    copy.report.frames = {};
    copy.report.holes = {};
    gone.push_back(std::move(copy));
  }
  void on_dropped(const DroppedFragment& f) override { dropped.push_back(f); }
};

// Decodes `packet` as an IP packet and gives it to the defragmenter.
FragmentResult feed(IpDefragmenter& defragmenter, const Bytes& packet, std::uint64_t frame, std::int64_t seconds = 0,
                    std::uint32_t nanoseconds = 0) {
  IpLayers layers;
  decode_ip(view(packet), layers);
  EXPECT_TRUE(layers.has_ip()) << "frame " << frame << ": " << layers.error.reason;
  return defragmenter.add(layers, frame, Timestamp{seconds, nanoseconds});
}

ChecksumStatus udp_checksum(const IpLayers& layers) {
  if (!layers.udp) return ChecksumStatus::unverified;
  return layers.udp->checksum_status(layers.ipv4 ? layers.ipv4->pseudo_header() : layers.ipv6->pseudo_header());
}

// =============================================================================================
// Arrival order

TEST(IpDefragmenter, EveryPermutationOfIpv4FragmentsGivesTheSameDatagram) {
  std::array<int, 4> order{0, 1, 2, 3};
  int permutations = 0;
  do {
    Recorder recorder;
    IpDefragmenter defragmenter(recorder);
    for (std::size_t i = 0; i < 4; ++i) {
      const auto result = feed(defragmenter, v4_fragment(order[i]), static_cast<std::uint64_t>(i + 1));
      EXPECT_EQ(result, i < 3 ? FragmentResult::held : FragmentResult::reassembled);
    }
    ASSERT_EQ(recorder.done.size(), 1u);
    const auto& d = recorder.done[0];
    EXPECT_EQ(d.packet, hex(v4_whole_hex));
    EXPECT_EQ(d.payload, slice(hex(v4_whole_hex), 20, 52));
    EXPECT_EQ(d.completing_frame, 4u);
    EXPECT_EQ(d.frames, (std::vector<std::uint64_t>{1, 2, 3, 4}));
    EXPECT_EQ(d.protocol, 17);
    EXPECT_EQ(d.key.version, 4);
    EXPECT_EQ(d.key.identification, 0x1234u);
    EXPECT_EQ(d.key.protocol, 17);

    IpLayers layers;
    decode_ip(view(d.packet), layers);
    ASSERT_TRUE(layers.ipv4 && layers.udp) << layers.error.reason;
    EXPECT_EQ(layers.error.kind, ErrorKind::none);
    EXPECT_FALSE(layers.ipv4->is_fragment());
    EXPECT_EQ(layers.ipv4->header_checksum_status(), ChecksumStatus::good);
    EXPECT_EQ(udp_checksum(layers), ChecksumStatus::good);
    EXPECT_EQ(as_text(layers.udp->payload()), "pktdoc defragment test!!");
    EXPECT_TRUE(recorder.gone.empty());
    EXPECT_TRUE(recorder.dropped.empty());
    EXPECT_EQ(defragmenter.open_datagrams(), 0u);
    ++permutations;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(permutations, 24);
}

TEST(IpDefragmenter, EveryPermutationOfIpv6FragmentsGivesTheSameDatagram) {
  std::array<int, 4> order{0, 1, 2, 3};
  do {
    Recorder recorder;
    IpDefragmenter defragmenter(recorder);
    for (std::size_t i = 0; i < 4; ++i) feed(defragmenter, v6_fragment(order[i]), static_cast<std::uint64_t>(10 + i));
    ASSERT_EQ(recorder.done.size(), 1u);
    const auto& d = recorder.done[0];
    EXPECT_EQ(d.packet, hex(v6_whole_hex));
    EXPECT_EQ(d.payload, slice(hex(v6_whole_hex), 40, 72));
    EXPECT_EQ(d.completing_frame, 13u);
    EXPECT_EQ(d.key.version, 6);
    EXPECT_EQ(d.key.identification, 0x12345678u);
    EXPECT_EQ(d.key.protocol, 0);  // not part of an IPv6 key
    EXPECT_EQ(d.protocol, 17);

    IpLayers layers;
    decode_ip(view(d.packet), layers);
    ASSERT_TRUE(layers.ipv6 && layers.udp) << layers.error.reason;
    EXPECT_FALSE(layers.ipv6->fragment().has_value());
    EXPECT_EQ(udp_checksum(layers), ChecksumStatus::good);
    EXPECT_EQ(as_text(layers.udp->payload()), "pktdoc defragment test!!");
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST(IpDefragmenter, Ipv6HeadersBeforeTheFragmentHeaderAreKeptAndTheirNextHeaderFixed) {
  for (const std::array<int, 4>& order : {std::array<int, 4>{0, 1, 2, 3}, std::array<int, 4>{3, 2, 1, 0}}) {
    Recorder recorder;
    IpDefragmenter defragmenter(recorder);
    for (std::size_t i = 0; i < 4; ++i) feed(defragmenter, v6x_fragment(order[i]), static_cast<std::uint64_t>(i + 1));
    ASSERT_EQ(recorder.done.size(), 1u);
    EXPECT_EQ(recorder.done[0].packet, hex(v6x_whole_hex));
    EXPECT_EQ(recorder.done[0].payload, slice(hex(v6x_whole_hex), 48, 80));
    IpLayers layers;
    decode_ip(view(recorder.done[0].packet), layers);
    ASSERT_TRUE(layers.ipv6 && layers.udp) << layers.error.reason;
    ASSERT_EQ(layers.ipv6->extension_headers().size(), 1u);
    EXPECT_EQ(layers.ipv6->extension_headers()[0].type, ip_protocol::hop_by_hop);
    EXPECT_EQ(udp_checksum(layers), ChecksumStatus::good);
  }
}

TEST(IpDefragmenter, ThePayloadsProtocolComesFromTheFirstIpv6Fragment) {
  // RFC 8200 section 4.5: the Next Header values of the fragments may differ; the offset-0
  // fragment's counts.
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  const Bytes data = pattern(24, 1);
  feed(defragmenter, ipv6_fragment(7, 16, false, slice(data, 16, 24), ip_protocol::tcp), 1);
  feed(defragmenter, ipv6_fragment(7, 0, true, slice(data, 0, 16), ip_protocol::no_next), 2);
  ASSERT_EQ(recorder.done.size(), 1u);
  EXPECT_EQ(recorder.done[0].protocol, ip_protocol::no_next);
  EXPECT_EQ(std::to_integer<int>(recorder.done[0].packet[6]), ip_protocol::no_next);
}

TEST(IpDefragmenter, KeysFollowRfc791AndRfc8200) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  const Bytes data = pattern(16, 2);
  // IPv4: the protocol is part of the key (RFC 791), so these are two datagrams.
  feed(defragmenter, ipv4_fragment(9, 0, true, slice(data, 0, 8), 17), 1);
  feed(defragmenter, ipv4_fragment(9, 8, false, slice(data, 8, 16), 253), 2);
  EXPECT_EQ(defragmenter.open_datagrams(), 2u);
  // Another source: another datagram.
  feed(defragmenter, ipv4_fragment(9, 8, false, slice(data, 8, 16), 17, Ipv4Address{{192, 0, 2, 7}}), 3);
  EXPECT_EQ(defragmenter.open_datagrams(), 3u);
  feed(defragmenter, ipv4_fragment(9, 8, false, slice(data, 8, 16), 17), 4);
  ASSERT_EQ(recorder.done.size(), 1u);
  EXPECT_EQ(recorder.done[0].frames, (std::vector<std::uint64_t>{1, 4}));
  // IPv6: the Next Header is not (RFC 8200 section 4.5), so these are one datagram.
  feed(defragmenter, ipv6_fragment(9, 0, true, slice(data, 0, 8), 17), 5);
  feed(defragmenter, ipv6_fragment(9, 8, false, slice(data, 8, 16), 6), 6);
  ASSERT_EQ(recorder.done.size(), 2u);
  EXPECT_EQ(recorder.done[1].key.version, 6);
}

TEST(IpDefragmenter, WhatIsNotAFragmentPassesThrough) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  EXPECT_EQ(feed(defragmenter, hex(v4_whole_hex), 1), FragmentResult::not_fragment);
  EXPECT_EQ(feed(defragmenter, hex(v6_whole_hex), 2), FragmentResult::not_fragment);
  // An atomic fragment (offset 0, M clear) is a whole packet (RFC 6946).
  const Bytes atomic = ipv6_fragment(5, 0, false, slice(hex(v6_whole_hex), 40, 72));
  EXPECT_EQ(feed(defragmenter, atomic, 3), FragmentResult::not_fragment);
  // An ICMP error's quote of a fragment is not a fragment that arrived.
  IpLayers quote;
  decode_ip(view(v4_fragment(0)), quote);
  quote.carrier = Carrier::icmp_quote;
  EXPECT_EQ(defragmenter.add(quote, 4, Timestamp{}), FragmentResult::not_fragment);
  EXPECT_EQ(defragmenter.add(IpLayers{}, 5, Timestamp{}), FragmentResult::not_fragment);
  EXPECT_EQ(defragmenter.stats().fragments, 0u);
  EXPECT_EQ(defragmenter.open_datagrams(), 0u);
  EXPECT_TRUE(recorder.done.empty() && recorder.gone.empty() && recorder.dropped.empty());
}

TEST(IpDefragmenter, AReassembledDnsMessageDecodesAsDns) {
  // 192.0.2.1:40000 -> 198.51.100.2:53, a DNS query for example.com A (tshark: checksum good),
  // cut into fragments of 16, 16 and 5 bytes and given last first.
  const Bytes udp =
      hex("9c40 0035 0025 9555"
          "1234 0100 0001 0000 0000 0000 07 6578616d706c65 03 636f6d 00 0001 0001");
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  feed(defragmenter, ipv4_fragment(77, 32, false, slice(udp, 32, 37)), 1);
  feed(defragmenter, ipv4_fragment(77, 16, true, slice(udp, 16, 32)), 2);
  feed(defragmenter, ipv4_fragment(77, 0, true, slice(udp, 0, 16)), 3);
  ASSERT_EQ(recorder.done.size(), 1u);
  IpLayers layers;
  decode_ip(view(recorder.done[0].packet), layers);
  ASSERT_TRUE(layers.udp && layers.dns) << layers.error.reason;
  EXPECT_EQ(layers.application, Protocol::dns);
  EXPECT_EQ(layers.dns->id(), 0x1234);
  EXPECT_EQ(udp_checksum(layers), ChecksumStatus::good);
}

// =============================================================================================
// Duplicates and overlaps

TEST(IpDefragmenter, ExactDuplicatesAreDroppedAndCounted) {
  for (int version : {4, 6}) {
    Recorder recorder;
    IpDefragmenter defragmenter(recorder);
    auto fragment = [&](int i) { return version == 4 ? v4_fragment(i) : v6_fragment(i); };
    EXPECT_EQ(feed(defragmenter, fragment(3), 1), FragmentResult::held);
    EXPECT_EQ(feed(defragmenter, fragment(3), 2), FragmentResult::dropped);
    EXPECT_EQ(feed(defragmenter, fragment(0), 3), FragmentResult::held);
    EXPECT_EQ(feed(defragmenter, fragment(0), 4), FragmentResult::dropped);
    feed(defragmenter, fragment(1), 5);
    EXPECT_EQ(feed(defragmenter, fragment(2), 6), FragmentResult::reassembled);
    ASSERT_EQ(recorder.done.size(), 1u);
    EXPECT_EQ(recorder.done[0].packet, hex(version == 4 ? v4_whole_hex : v6_whole_hex));
    EXPECT_EQ(recorder.done[0].frames, (std::vector<std::uint64_t>{1, 3, 5, 6}));
    ASSERT_EQ(recorder.dropped.size(), 2u);
    EXPECT_EQ(recorder.dropped[0].reason, DropReason::duplicate);
    EXPECT_EQ(recorder.dropped[0].frame, 2u);
    EXPECT_EQ(recorder.dropped[0].offset, 24u);
    EXPECT_FALSE(recorder.dropped[0].more_fragments);
    EXPECT_EQ(recorder.dropped[1].frame, 4u);
    EXPECT_EQ(defragmenter.stats().dropped_for(DropReason::duplicate), 2u);
    // A duplicate after completion starts a new datagram, as it would on a host.
    EXPECT_EQ(feed(defragmenter, fragment(1), 7), FragmentResult::held);
    defragmenter.finish();
    ASSERT_EQ(recorder.gone.size(), 1u);
    EXPECT_EQ(recorder.gone[0].report.reason, AbandonReason::end_of_capture);
  }
}

TEST(IpDefragmenter, Ipv4OverlapWhoseBytesAgreeIsMerged) {
  const Bytes whole = hex(v4_whole_hex);
  const Bytes data = slice(whole, 20, 52);
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  feed(defragmenter, ipv4_fragment(0x1234, 0, true, slice(data, 0, 16)), 1);
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 8, true, slice(data, 8, 24)), 2), FragmentResult::held);
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 8, true, slice(data, 8, 16)), 3), FragmentResult::held);
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 16, false, slice(data, 16, 32)), 4), FragmentResult::reassembled);
  ASSERT_EQ(recorder.done.size(), 1u);
  EXPECT_EQ(recorder.done[0].packet, whole);
  EXPECT_EQ(recorder.done[0].frames, (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

TEST(IpDefragmenter, Ipv4OverlapWhoseBytesDifferDiscardsTheDatagram) {
  const Bytes data = slice(hex(v4_whole_hex), 20, 52);
  Bytes forged = slice(data, 8, 16);
  forged[3] ^= std::byte{0xff};
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  feed(defragmenter, ipv4_fragment(0x1234, 0, true, slice(data, 0, 16)), 1);
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 8, true, forged), 2), FragmentResult::abandoned);
  ASSERT_EQ(recorder.gone.size(), 1u);
  const auto& gone = recorder.gone[0];
  EXPECT_EQ(gone.report.reason, AbandonReason::overlap);
  EXPECT_EQ(gone.report.frame, 2u);
  EXPECT_EQ(gone.frames, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(gone.report.bytes_received, 16u);
  EXPECT_TRUE(gone.report.first_fragment_seen);
  // Its later fragments, the genuine ones included, are discarded too (RFC 5722's rule).
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 16, false, slice(data, 16, 32)), 3), FragmentResult::dropped);
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 8, true, slice(data, 8, 16)), 4), FragmentResult::dropped);
  EXPECT_EQ(recorder.dropped.back().reason, DropReason::datagram_discarded);
  EXPECT_TRUE(recorder.done.empty());
  EXPECT_EQ(defragmenter.open_datagrams(), 1u);  // remembered, without its bytes
  // Once its timeout has passed the key is free again.
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 0, true, slice(data, 0, 16)), 5, 30), FragmentResult::held);
  EXPECT_EQ(recorder.gone.size(), 1u);  // the forgotten discard is not reported twice
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 16, false, slice(data, 16, 32)), 6, 30),
            FragmentResult::reassembled);
}

TEST(IpDefragmenter, Ipv6AnyOverlapDiscardsTheDatagramAsRfc5722Says) {
  const Bytes data = slice(hex(v6_whole_hex), 40, 72);
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  feed(defragmenter, ipv6_fragment(0x12345678, 0, true, slice(data, 0, 16)), 1);
  // The same bytes as held, but not an exact duplicate: an overlap.
  EXPECT_EQ(feed(defragmenter, ipv6_fragment(0x12345678, 8, true, slice(data, 8, 24)), 2), FragmentResult::abandoned);
  ASSERT_EQ(recorder.gone.size(), 1u);
  EXPECT_EQ(recorder.gone[0].report.reason, AbandonReason::overlap);
  EXPECT_EQ(recorder.gone[0].holes, (std::vector<ByteRange>{{16, ByteRange::unknown_end}}));
  for (std::uint64_t frame = 3; frame <= 4; ++frame)
    EXPECT_EQ(feed(defragmenter, ipv6_fragment(0x12345678, 16, frame == 3, slice(data, 16, 32)), frame),
              FragmentResult::dropped);
  EXPECT_TRUE(recorder.done.empty());
  EXPECT_EQ(defragmenter.stats().abandoned_for(AbandonReason::overlap), 1u);
  EXPECT_EQ(defragmenter.stats().dropped_for(DropReason::datagram_discarded), 2u);
}

TEST(IpDefragmenter, FragmentsThatDisagreeOnTheEndDiscardTheDatagram) {
  const Bytes data = pattern(48, 3);
  {
    // Two last fragments with different ends.
    Recorder recorder;
    IpDefragmenter defragmenter(recorder);
    feed(defragmenter, ipv4_fragment(1, 0, true, slice(data, 0, 8)), 1);
    feed(defragmenter, ipv4_fragment(1, 16, false, slice(data, 16, 24)), 2);
    EXPECT_EQ(feed(defragmenter, ipv4_fragment(1, 24, false, slice(data, 24, 32)), 3), FragmentResult::abandoned);
    ASSERT_EQ(recorder.gone.size(), 1u);
    EXPECT_EQ(recorder.gone[0].report.reason, AbandonReason::inconsistent_length);
    EXPECT_TRUE(recorder.gone[0].report.last_fragment_seen);
    EXPECT_EQ(recorder.gone[0].report.total_length, 24u);
    EXPECT_EQ(recorder.gone[0].holes, (std::vector<ByteRange>{{8, 16}}));
  }
  {
    // Data past the end that the last fragment set.
    Recorder recorder;
    IpDefragmenter defragmenter(recorder);
    feed(defragmenter, ipv6_fragment(1, 16, false, slice(data, 16, 24)), 1);
    EXPECT_EQ(feed(defragmenter, ipv6_fragment(1, 24, true, slice(data, 24, 32)), 2), FragmentResult::abandoned);
    EXPECT_EQ(recorder.gone.at(0).report.reason, AbandonReason::inconsistent_length);
  }
  {
    // A last fragment that ends before data already received.
    Recorder recorder;
    IpDefragmenter defragmenter(recorder);
    feed(defragmenter, ipv4_fragment(1, 32, true, slice(data, 32, 40)), 1);
    EXPECT_EQ(feed(defragmenter, ipv4_fragment(1, 8, false, slice(data, 8, 16)), 2), FragmentResult::abandoned);
    EXPECT_EQ(recorder.gone.at(0).report.reason, AbandonReason::inconsistent_length);
  }
}

// =============================================================================================
// Refused fragments

TEST(IpDefragmenter, AnIpv4FragmentEndingPast65535IsRefused) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  // 20-byte header + offset 65528 + 8 bytes = 65556.
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(1, 65528, false, pattern(8, 1)), 1), FragmentResult::dropped);
  ASSERT_EQ(recorder.dropped.size(), 1u);
  EXPECT_EQ(recorder.dropped[0].reason, DropReason::too_long);
  EXPECT_EQ(recorder.dropped[0].offset, 65528u);
  EXPECT_EQ(recorder.dropped[0].length, 8u);
  EXPECT_EQ(recorder.dropped[0].key.identification, 1u);
  // Exactly 65535: 20 + 65504 + 11.
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(2, 65504, false, pattern(11, 1)), 2), FragmentResult::held);
  EXPECT_EQ(defragmenter.stats().dropped_for(DropReason::too_long), 1u);
  // The refused fragment did not set the datagram's length: the genuine last fragment can.
  const Bytes data = pattern(16, 4);
  feed(defragmenter, ipv4_fragment(1, 0, true, slice(data, 0, 8)), 3);
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(1, 8, false, slice(data, 8, 16)), 4), FragmentResult::reassembled);
}

TEST(IpDefragmenter, AnIpv6FragmentEndingPast65535IsRefused) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  EXPECT_EQ(feed(defragmenter, ipv6_fragment(1, 65528, false, pattern(8, 1)), 1), FragmentResult::dropped);
  EXPECT_EQ(recorder.dropped.at(0).reason, DropReason::too_long);
  EXPECT_EQ(feed(defragmenter, ipv6_fragment(1, 65520, false, pattern(15, 1)), 2), FragmentResult::held);
}

TEST(IpDefragmenter, AZeroLengthNonLastFragmentIsDroppedAndTheDatagramStillCompletes) {
  const Bytes data = slice(hex(v4_whole_hex), 20, 52);
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  feed(defragmenter, ipv4_fragment(0x1234, 0, true, slice(data, 0, 16)), 1);
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 16, true, Bytes{}), 2), FragmentResult::dropped);
  EXPECT_EQ(recorder.dropped.at(0).reason, DropReason::empty);
  EXPECT_EQ(feed(defragmenter, ipv6_fragment(3, 8, true, Bytes{}), 3), FragmentResult::dropped);
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(0x1234, 16, false, slice(data, 16, 32)), 4), FragmentResult::reassembled);
  EXPECT_EQ(recorder.done.at(0).packet, hex(v4_whole_hex));
  EXPECT_EQ(recorder.done.at(0).frames, (std::vector<std::uint64_t>{1, 4}));
  EXPECT_EQ(defragmenter.stats().dropped_for(DropReason::empty), 2u);
}

TEST(IpDefragmenter, AnIpv6FragmentWithMSetAndALengthNotAMultipleOf8IsDropped) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  EXPECT_EQ(feed(defragmenter, ipv6_fragment(1, 0, true, pattern(12, 1)), 1), FragmentResult::dropped);
  EXPECT_EQ(recorder.dropped.at(0).reason, DropReason::misaligned);
  // The last fragment may have any length.
  EXPECT_EQ(feed(defragmenter, ipv6_fragment(1, 8, false, pattern(5, 1)), 2), FragmentResult::held);
}

TEST(IpDefragmenter, AFragmentCutByTheSnapLengthIsDropped) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  for (const Bytes& fragment : {v4_fragment(1), v6_fragment(1)}) {
    const Bytes cut = slice(fragment, 0, fragment.size() - 3);
    EXPECT_EQ(feed(defragmenter, cut, 1), FragmentResult::dropped);
    EXPECT_EQ(recorder.dropped.back().reason, DropReason::not_captured);
    EXPECT_EQ(recorder.dropped.back().length, 8u);
  }
  EXPECT_EQ(defragmenter.open_datagrams(), 0u);
}

// =============================================================================================
// Limits

TEST(IpDefragmenter, TheOpenDatagramLimitAbandonsTheOldest) {
  Recorder recorder;
  IpDefragmenter::Limits limits;
  limits.max_open_datagrams = 2;
  IpDefragmenter defragmenter(recorder, limits);
  for (std::uint16_t id = 1; id <= 3; ++id) feed(defragmenter, ipv4_fragment(id, 0, true, pattern(8, id)), id, id);
  EXPECT_EQ(defragmenter.open_datagrams(), 2u);
  ASSERT_EQ(recorder.gone.size(), 1u);
  EXPECT_EQ(recorder.gone[0].report.reason, AbandonReason::open_datagram_limit);
  EXPECT_EQ(recorder.gone[0].report.key.identification, 1u);
  EXPECT_EQ(recorder.gone[0].report.frame, 3u);
  EXPECT_EQ(defragmenter.stats().abandoned_for(AbandonReason::open_datagram_limit), 1u);
  EXPECT_EQ(defragmenter.stats().peak_open_datagrams, 2u);
  // The oldest across both versions goes first.
  feed(defragmenter, ipv6_fragment(4, 0, true, pattern(8, 4)), 4, 4);
  EXPECT_EQ(recorder.gone.at(1).report.key.identification, 2u);
  feed(defragmenter, ipv4_fragment(5, 0, true, pattern(8, 5)), 5, 5);
  EXPECT_EQ(recorder.gone.at(2).report.key.identification, 3u);
}

TEST(IpDefragmenter, TheMemoryLimitAbandonsTheOldest) {
  Recorder recorder;
  IpDefragmenter::Limits limits;
  limits.max_buffered_bytes = 16 * 1024;
  IpDefragmenter defragmenter(recorder, limits);
  for (std::uint16_t id = 1; id <= 20; ++id) {
    feed(defragmenter, ipv4_fragment(id, 0, true, pattern(2000, id)), id);
    EXPECT_LE(defragmenter.buffered_bytes(), limits.max_buffered_bytes);
  }
  ASSERT_FALSE(recorder.gone.empty());
  for (std::size_t i = 0; i < recorder.gone.size(); ++i) {
    EXPECT_EQ(recorder.gone[i].report.reason, AbandonReason::memory_limit);
    EXPECT_EQ(recorder.gone[i].report.key.identification, i + 1);  // oldest first
    EXPECT_EQ(recorder.gone[i].report.bytes_received, 2000u);
  }
  EXPECT_EQ(recorder.gone.size() + defragmenter.open_datagrams(), 20u);
  EXPECT_LE(defragmenter.stats().peak_buffered_bytes, limits.max_buffered_bytes);
}

TEST(IpDefragmenter, ADatagramLargerThanTheMemoryLimitIsAbandoned) {
  Recorder recorder;
  IpDefragmenter::Limits limits;
  limits.max_buffered_bytes = 8 * 1024;
  IpDefragmenter defragmenter(recorder, limits);
  // The last fragment of a 20000-byte datagram needs a 20000-byte buffer.
  EXPECT_EQ(feed(defragmenter, ipv4_fragment(1, 19992, false, pattern(8, 1)), 1), FragmentResult::abandoned);
  ASSERT_EQ(recorder.gone.size(), 1u);
  EXPECT_EQ(recorder.gone[0].report.reason, AbandonReason::memory_limit);
  EXPECT_EQ(recorder.gone[0].report.frame, 1u);
  EXPECT_LE(defragmenter.stats().peak_buffered_bytes, limits.max_buffered_bytes);
  EXPECT_EQ(defragmenter.open_datagrams(), 0u);
}

TEST(IpDefragmenter, TheFragmentLimitDiscardsTheDatagram) {
  Recorder recorder;
  IpDefragmenter::Limits limits;
  limits.max_fragments_per_datagram = 3;
  IpDefragmenter defragmenter(recorder, limits);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(feed(defragmenter, v4_fragment(i), static_cast<std::uint64_t>(i + 1)), FragmentResult::held);
  EXPECT_EQ(feed(defragmenter, v4_fragment(3), 4), FragmentResult::abandoned);
  ASSERT_EQ(recorder.gone.size(), 1u);
  EXPECT_EQ(recorder.gone[0].report.reason, AbandonReason::fragment_limit);
  EXPECT_EQ(recorder.gone[0].frames, (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(recorder.gone[0].report.frame, 4u);
  EXPECT_TRUE(recorder.done.empty());
}

TEST(IpDefragmenter, MemoryStaysBoundedWith100000DatagramsThatNeverComplete) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);  // the default limits
  const IpDefragmenter::Limits& limits = defragmenter.limits();
  const Bytes data = pattern(1000, 5);
  std::size_t peak = 0;
  constexpr std::uint32_t count = 100000;
  for (std::uint32_t i = 0; i < count; ++i) {
    const Ipv4Address source = Ipv4Address::from_uint(0xc0000200u + (i >> 16));  // 192.0.2.x
    feed(defragmenter, ipv4_fragment(static_cast<std::uint16_t>(i), 0, true, data, 17, source), i + 1,
         static_cast<std::int64_t>(i / 10000));  // 10 seconds in all: no timeouts
    ASSERT_LE(defragmenter.buffered_bytes(), limits.max_buffered_bytes);
    ASSERT_LE(defragmenter.open_datagrams(), limits.max_open_datagrams);
    peak = std::max(peak, defragmenter.buffered_bytes());
  }
  EXPECT_EQ(defragmenter.stats().peak_buffered_bytes, peak);
  EXPECT_EQ(defragmenter.open_datagrams(), limits.max_open_datagrams);
  EXPECT_EQ(recorder.gone.size(), count - limits.max_open_datagrams);
  EXPECT_EQ(defragmenter.stats().abandoned_for(AbandonReason::open_datagram_limit), count - limits.max_open_datagrams);
  defragmenter.finish();
  EXPECT_EQ(recorder.gone.size(), count);
  EXPECT_EQ(defragmenter.stats().abandoned_for(AbandonReason::end_of_capture), limits.max_open_datagrams);
  EXPECT_EQ(defragmenter.open_datagrams(), 0u);
  EXPECT_LE(defragmenter.buffered_bytes(), limits.max_buffered_bytes);
  EXPECT_TRUE(recorder.done.empty());
}

TEST(IpDefragmenter, MemoryStaysBoundedWhenEachFragmentClaimsAWholeDatagram) {
  // Last fragments far out: each needs a buffer of about 64 KiB for 8 bytes received, so the
  // memory limit is reached long before the open-datagram limit.
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  const IpDefragmenter::Limits& limits = defragmenter.limits();
  for (std::uint16_t id = 0; id < 2000; ++id) {
    feed(defragmenter, ipv6_fragment(id, 65000, false, pattern(8, id)), id + 1u);
    ASSERT_LE(defragmenter.buffered_bytes(), limits.max_buffered_bytes);
  }
  EXPECT_GT(defragmenter.stats().abandoned_for(AbandonReason::memory_limit), 1900u);
  EXPECT_LT(defragmenter.open_datagrams(), 70u);
  EXPECT_LE(defragmenter.stats().peak_buffered_bytes, limits.max_buffered_bytes);
}

// =============================================================================================
// Time

TEST(IpDefragmenter, AnIpv4DatagramTimesOut30SecondsAfterItsFirstFragment) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  feed(defragmenter, v4_fragment(0), 1, 100);
  feed(defragmenter, v4_fragment(1), 2, 120);
  defragmenter.advance(Timestamp{129, 999999999});
  EXPECT_TRUE(recorder.gone.empty());
  // Not restarted by the second fragment: RFC 8200 section 4.5 and Linux count from the first.
  EXPECT_EQ(feed(defragmenter, v4_fragment(2), 3, 130), FragmentResult::held);
  ASSERT_EQ(recorder.gone.size(), 1u);
  const auto& gone = recorder.gone[0];
  EXPECT_EQ(gone.report.reason, AbandonReason::timeout);
  EXPECT_EQ(gone.report.frame, 3u);
  EXPECT_EQ(gone.report.first_seen.seconds, 100);
  EXPECT_EQ(gone.report.abandoned_at.seconds, 130);
  EXPECT_EQ(gone.frames, (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(gone.holes, (std::vector<ByteRange>{{16, ByteRange::unknown_end}}));
  // Frame 3 started a new datagram, which cannot complete from what is left.
  feed(defragmenter, v4_fragment(3), 4, 131);
  EXPECT_TRUE(recorder.done.empty());
}

TEST(IpDefragmenter, AnIpv6DatagramTimesOut60SecondsAfterItsFirstFragment) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  feed(defragmenter, v6_fragment(0), 1, 0);
  feed(defragmenter, v6_fragment(1), 2, 59);
  feed(defragmenter, v6_fragment(2), 3, 59);
  EXPECT_EQ(feed(defragmenter, v6_fragment(3), 4, 59, 999999999), FragmentResult::reassembled);
  feed(defragmenter, v6_fragment(0), 5, 100);
  defragmenter.advance(Timestamp{160, 0});
  ASSERT_EQ(recorder.gone.size(), 1u);
  EXPECT_EQ(recorder.gone[0].report.reason, AbandonReason::timeout);
  EXPECT_EQ(recorder.gone[0].report.frame, 0u);  // advance() has no frame
  EXPECT_EQ(defragmenter.stats().abandoned_for(AbandonReason::timeout), 1u);
}

TEST(IpDefragmenter, TimeNeverRunsBackwards) {
  Recorder recorder;
  IpDefragmenter::Limits limits;
  limits.ipv4_timeout = std::chrono::seconds(10);
  IpDefragmenter defragmenter(recorder, limits);
  feed(defragmenter, v4_fragment(0), 1, 1000);
  // An earlier timestamp (a merged capture) neither rewinds the clock nor gives more time.
  feed(defragmenter, ipv4_fragment(9, 0, true, pattern(8, 1)), 2, 5);
  defragmenter.advance(Timestamp{1009, 0});
  EXPECT_TRUE(recorder.gone.empty());
  defragmenter.advance(Timestamp{1010, 0});
  ASSERT_EQ(recorder.gone.size(), 2u);
  EXPECT_EQ(recorder.gone[0].report.key.identification, 0x1234u);
  EXPECT_EQ(recorder.gone[1].report.key.identification, 9u);
}

TEST(IpDefragmenter, FinishReportsIncompleteDatagramsWithTheirHoles) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  feed(defragmenter, v4_fragment(0), 1);
  feed(defragmenter, v4_fragment(2), 2);
  feed(defragmenter, v6_fragment(3), 3);
  feed(defragmenter, v6_fragment(0), 4);
  EXPECT_EQ(defragmenter.open_datagrams(), 2u);
  defragmenter.finish();
  ASSERT_EQ(recorder.gone.size(), 2u);
  const auto& v4 = recorder.gone[0];  // in the order their first fragments arrived
  EXPECT_EQ(v4.report.reason, AbandonReason::end_of_capture);
  EXPECT_EQ(v4.report.key.version, 4);
  EXPECT_EQ(v4.frames, (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(v4.report.bytes_received, 16u);
  EXPECT_FALSE(v4.report.last_fragment_seen);
  EXPECT_TRUE(v4.report.first_fragment_seen);
  EXPECT_EQ(v4.report.total_length, 0u);
  EXPECT_EQ(v4.holes, (std::vector<ByteRange>{{8, 16}, {24, ByteRange::unknown_end}}));
  const auto& v6 = recorder.gone[1];
  EXPECT_EQ(v6.report.key.version, 6);
  EXPECT_TRUE(v6.report.last_fragment_seen);
  EXPECT_EQ(v6.report.total_length, 32u);
  EXPECT_EQ(v6.holes, (std::vector<ByteRange>{{8, 24}}));
  EXPECT_TRUE(recorder.done.empty());
  EXPECT_EQ(defragmenter.open_datagrams(), 0u);
  // Nothing left to report; the defragmenter can be used again.
  defragmenter.finish();
  EXPECT_EQ(recorder.gone.size(), 2u);
  for (int i = 0; i < 4; ++i) feed(defragmenter, v4_fragment(i), 10u + static_cast<std::uint64_t>(i));
  EXPECT_EQ(recorder.done.size(), 1u);
}

// =============================================================================================
// Many datagrams at once, in random order, against what was sent

TEST(IpDefragmenter, RandomlyInterleavedFragmentsOfManyDatagramsAllReassemble) {
  std::mt19937 random(20240601);
  struct Sent {
    int version;
    std::uint32_t id;
    Bytes data;
  };
  std::vector<Sent> sent;
  std::vector<Bytes> packets;
  for (std::uint32_t n = 0; n < 300; ++n) {
    const int version = n % 2 == 0 ? 4 : 6;
    const std::size_t size = 9 + random() % 6000;
    sent.push_back(Sent{version, n, pattern(size, n)});
    std::size_t offset = 0;
    while (offset < size) {
      std::size_t length = 8 * (1 + random() % 200);
      if (offset == 0 && length >= size) length = 8 * ((size - 1) / 8);  // at least two fragments
      const bool more = offset + length < size;
      if (!more) length = size - offset;
      const Bytes piece = slice(sent.back().data, offset, offset + length);
      packets.push_back(
          version == 4 ? ipv4_fragment(static_cast<std::uint16_t>(n), static_cast<std::uint32_t>(offset), more, piece)
                       : ipv6_fragment(n, static_cast<std::uint32_t>(offset), more, piece));
      if (random() % 10 == 0) packets.push_back(packets.back());  // an exact duplicate
      offset += length;
    }
  }
  // Shuffle within a sliding window, so that datagrams interleave but stay under the limits.
  for (std::size_t i = 0; i + 1 < packets.size(); ++i)
    std::swap(packets[i], packets[i + random() % std::min<std::size_t>(40, packets.size() - i)]);

  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  for (std::size_t i = 0; i < packets.size(); ++i) feed(defragmenter, packets[i], i + 1);
  defragmenter.finish();
  ASSERT_EQ(recorder.done.size(), sent.size());
  std::vector<bool> seen(sent.size());
  for (const auto& d : recorder.done) {
    const Sent& s = sent.at(d.key.identification);
    EXPECT_EQ(d.key.version, s.version);
    EXPECT_EQ(d.payload, s.data) << "datagram " << s.id;
    EXPECT_FALSE(seen[s.id]);
    seen[s.id] = true;
  }
  // A duplicate that the shuffle moved after its datagram completed starts a new one, which
  // the end of the capture abandons: a host would do the same.
  for (const auto& gone : recorder.gone) EXPECT_EQ(gone.report.reason, AbandonReason::end_of_capture);
  const DefragmentStats& stats = defragmenter.stats();
  EXPECT_EQ(stats.reassembled, sent.size());
  EXPECT_EQ(stats.fragments, packets.size());
  EXPECT_EQ(stats.held + stats.dropped_for(DropReason::duplicate), packets.size());
  EXPECT_EQ(defragmenter.open_datagrams(), 0u);
}

TEST(IpDefragmenter, MovingKeepsTheOpenDatagrams) {
  Recorder recorder;
  IpDefragmenter first(recorder);
  feed(first, v4_fragment(0), 1);
  feed(first, v4_fragment(1), 2);
  IpDefragmenter second(std::move(first));
  EXPECT_EQ(second.open_datagrams(), 1u);
  feed(second, v4_fragment(2), 3);
  EXPECT_EQ(feed(second, v4_fragment(3), 4), FragmentResult::reassembled);
  EXPECT_EQ(recorder.done.at(0).packet, hex(v4_whole_hex));
}

// =============================================================================================
// The `datagrams` listing

TEST(DatagramListing, WritesTheOracleLine) {
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  for (int i = 0; i < 4; ++i) feed(defragmenter, v4_fragment(i), static_cast<std::uint64_t>(i + 1));
  for (int i = 0; i < 4; ++i) feed(defragmenter, v6_fragment(3 - i), static_cast<std::uint64_t>(i + 5));
  ASSERT_EQ(recorder.done.size(), 2u);
  EXPECT_EQ(recorder.done[0].line,
            std::string("frame=4\tversion=4\tsrc=192.0.2.1\tdst=198.51.100.2\tid=4660\tlength=32\tsha256=") +
                v4_payload_sha256);
  EXPECT_EQ(recorder.done[1].line,
            std::string("frame=8\tversion=6\tsrc=2001:db8::1\tdst=2001:db8::2\tid=305419896\tlength=32\tsha256=") +
                v6_payload_sha256);
}

TEST(DatagramListing, ListsFramesAndNotesWhatNeverCompleted) {
  DatagramListing listing;
  DecodedPacket packet;
  std::string lines, notes;
  std::vector<Bytes> frames = {v4_fragment(2), v4_fragment(0), v4_fragment(3), v4_fragment(1),
                               v6_fragment(0), v6_fragment(2), v6_fragment(2)};
  for (std::size_t i = 0; i < frames.size(); ++i) {
    Frame frame;
    frame.number = i + 1;
    frame.timestamp = Timestamp{static_cast<std::int64_t>(i), 0};
    frame.bytes = view(frames[i]);
    frame.original_length = static_cast<std::uint32_t>(frames[i].size());
    frame.link_type = LinkType::raw;
    decode_packet(frame, packet);
    listing.add(frame, packet, lines, &notes);
  }
  listing.finish(&notes);
  EXPECT_EQ(lines, std::string("frame=4\tversion=4\tsrc=192.0.2.1\tdst=198.51.100.2\tid=4660\tlength=32\tsha256=") +
                       v4_payload_sha256 + "\n");
  EXPECT_EQ(notes,
            "dropped\treason=duplicate\tframe=7\tversion=6\tsrc=2001:db8::1\tdst=2001:db8::2\tid=305419896\toffset=16\t"
            "length=8\tmore=1\n"
            "abandoned\treason=end-of-capture\tframe=-\tversion=6\tsrc=2001:db8::1\tdst=2001:db8::2\tid=305419896\t"
            "first_frame=5\tfragments=2\treceived=16\tlength=?\tmissing=8-15,24-?\n");
  EXPECT_EQ(listing.defragmenter().stats().reassembled, 1u);
}

// The real captures of ../shared/captures, when they are there (they are not part of the project).
std::filesystem::path shared_capture(const char* name) {
  return (std::filesystem::path(PKTDOC_TEST_DATA_DIR) / ".." / ".." / ".." / "shared" / "captures" / name)
      .lexically_normal();
}

TEST(DatagramListing, The4000ByteCaptureHasOneDatagramAndOneThatTimesOut) {
  const auto path = shared_capture("4000_byte_ipv6_packet.cap");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is not there";
  auto capture = CaptureReader::open_file(path.string());
  ASSERT_TRUE(capture.ok()) << capture.error();
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  Frame frame;
  DecodedPacket packet;
  while (capture.next(frame) == ReadStatus::frame) {
    decode_packet(frame, packet);
    defragmenter.add(packet.ip, frame.number, frame.timestamp);
  }
  defragmenter.finish();
  // tshark's `datagrams` listing has this one line.
  ASSERT_EQ(recorder.done.size(), 1u);
  EXPECT_EQ(recorder.done[0].line,
            "frame=4\tversion=6\tsrc=2001:1938:81:126::2\tdst=2607:f298:1:103::5f2:6f1d\tid=9\tlength=4008\t"
            "sha256=aae075737670b48ebe82d6a03ae508c0dcc59f9b2269a9956eb17251b517fdaa");
  IpLayers layers;
  decode_ip(view(recorder.done[0].packet), layers);
  ASSERT_TRUE(layers.udp) << layers.error.reason;
  EXPECT_EQ(udp_checksum(layers), ChecksumStatus::good);
  // Frames 7 to 37 hold 31 fragments of a 40008-byte datagram whose end never came; 60 seconds
  // after frame 7 it is given up, at frame 48, the ICMPv6 "fragment reassembly time exceeded"
  // that its receiver sent at the same moment.
  ASSERT_EQ(recorder.gone.size(), 1u);
  const auto& gone = recorder.gone[0];
  EXPECT_EQ(gone.report.reason, AbandonReason::timeout);
  EXPECT_EQ(gone.report.frame, 48u);
  EXPECT_EQ(gone.report.key.identification, 10u);
  EXPECT_EQ(gone.frames.size(), 31u);
  EXPECT_FALSE(gone.report.last_fragment_seen);
  EXPECT_EQ(gone.holes, (std::vector<ByteRange>{{38192, ByteRange::unknown_end}}));
}

TEST(DatagramListing, The60000ByteCaptureIsIncompleteAndNeverInvented) {
  const auto path = shared_capture("60000_byte_ipv6_packet.cap");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is not there";
  auto capture = CaptureReader::open_file(path.string());
  ASSERT_TRUE(capture.ok()) << capture.error();
  Recorder recorder;
  IpDefragmenter defragmenter(recorder);
  Frame frame;
  DecodedPacket packet;
  while (capture.next(frame) == ReadStatus::frame) {
    decode_packet(frame, packet);
    defragmenter.add(packet.ip, frame.number, frame.timestamp);
  }
  defragmenter.finish();
  EXPECT_TRUE(recorder.done.empty());
  ASSERT_EQ(recorder.gone.size(), 1u);
  const auto& gone = recorder.gone[0];
  EXPECT_EQ(gone.report.reason, AbandonReason::end_of_capture);
  EXPECT_EQ(gone.report.key.identification, 7u);
  EXPECT_EQ(gone.frames.size(), 39u);  // frames 2 to 40; frame 1 is an ICMPv6 error's quote
  EXPECT_EQ(gone.frames.front(), 2u);
  EXPECT_TRUE(gone.report.last_fragment_seen);
  EXPECT_EQ(gone.report.total_length, 60008u);
  EXPECT_EQ(gone.report.bytes_received, 60008u - (56672u - 44352u));
  EXPECT_EQ(gone.holes, (std::vector<ByteRange>{{44352, 56672}}));
}

}  // namespace
}  // namespace pktdoc
