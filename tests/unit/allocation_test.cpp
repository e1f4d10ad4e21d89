// Allocation and memory promises, checked with a counting allocator: decode_packet() allocates
// nothing, ever (so decoding N frames and 10N frames needs the same memory: none); the IP
// defragmenter and the TCP reassembler, once warm, allocate nothing per datagram or per segment
// on the traffic their documentation names. Their memory limits have tests of their own:
// TcpReassemblerLimits.* in tcp_reassembler_test.cpp and the limit tests of
// ip_defragmenter_test.cpp.
//
// The replaceable global allocation functions below count every allocation of the test program
// and otherwise behave as the standard ones; a test reads the counters before and after the
// code it measures, with no GoogleTest assertion in between (those allocate).
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <set>
#include <string>
#include <vector>

#include "pktdoc/builder/arp_builder.hpp"
#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/dns_builder.hpp"
#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/capture_writer.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace {

std::atomic<std::uint64_t> allocations{0};
std::atomic<std::uint64_t> allocated_bytes{0};

void* counted(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  allocated_bytes.fetch_add(size, std::memory_order_relaxed);
  if (size == 0) size = 1;
  return std::malloc(size);
}

void* counted_aligned(std::size_t size, std::align_val_t alignment) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  allocated_bytes.fetch_add(size, std::memory_order_relaxed);
  const auto align = static_cast<std::size_t>(alignment);
  const std::size_t rounded = (size + align - 1) / align * align;
  return std::aligned_alloc(align, rounded == 0 ? align : rounded);
}

// Not inlined into the replaced operator delete: GCC would see free() of what operator new
// returned and warn (-Wmismatched-new-delete), not knowing that this operator new is malloc().
[[gnu::noinline]] void release(void* p) noexcept { std::free(p); }

// What a measured stretch of code allocated.
struct Allocations {
  std::uint64_t count = 0;
  std::uint64_t bytes = 0;
};

struct Meter {
  std::uint64_t count = allocations.load();
  std::uint64_t bytes = allocated_bytes.load();
  Allocations since() const { return {allocations.load() - count, allocated_bytes.load() - bytes}; }
};

}  // namespace

// [counting-allocator]
void* operator new(std::size_t size) {
  if (void* p = counted(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = counted(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted(size); }
void* operator new(std::size_t size, std::align_val_t alignment) {
  if (void* p = counted_aligned(size, alignment)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  if (void* p = counted_aligned(size, alignment)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return counted_aligned(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return counted_aligned(size, alignment);
}
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
// [counting-allocator]

namespace {

namespace build = pktdoc::build;
using build::Bytes;

constexpr pktdoc::Ipv4Address client4 = pktdoc::Ipv4Address::from_uint(0xC0000201);  // 192.0.2.1
constexpr pktdoc::Ipv4Address server4 = pktdoc::Ipv4Address::from_uint(0xC6336401);  // 198.51.100.1

pktdoc::Ipv6Address v6(std::uint8_t last) {
  pktdoc::Ipv6Address address{};
  address.bytes = {0x20, 0x01, 0x0d, 0xb8};
  address.bytes[15] = last;
  return address;
}

const build::Link ethernet{.destination = pktdoc::MacAddress{{0x02, 0, 0, 0, 0, 2}},
                           .source = pktdoc::MacAddress{{0x02, 0, 0, 0, 0, 1}},
                           .minimum_length = 60};

Bytes text(std::string_view s) { return build::to_bytes(s); }

// Frame `i` of a list of frames (numbered from 1), a view of its bytes, whole.
pktdoc::Frame frame_at(const std::vector<Bytes>& frames, std::size_t i, pktdoc::Timestamp timestamp = {}) {
  pktdoc::Frame frame;
  frame.number = i + 1;
  frame.bytes = build::view(frames[i]);
  frame.original_length = static_cast<std::uint32_t>(frames[i].size());
  frame.timestamp = timestamp;
  return frame;
}

struct StoredFrames {
  std::vector<Bytes> bytes;
  std::vector<pktdoc::LinkType> link_types;
  void add(Bytes frame, pktdoc::LinkType type = pktdoc::LinkType::ethernet) {
    bytes.push_back(std::move(frame));
    link_types.push_back(type);
  }
  pktdoc::Frame frame(std::size_t i) const {
    pktdoc::Frame frame = frame_at(bytes, i);
    frame.link_type = link_types[i];
    return frame;
  }
};

// Frames of every kind decode_packet() takes apart, including ones that fail.
StoredFrames many_kinds() {
  StoredFrames frames;
  const build::Path path4{.link = ethernet, .ip = build::Ipv4{.source = client4, .destination = server4}};
  const build::Path path6{.link = ethernet, .ip = build::Ipv6{.source = v6(1), .destination = v6(2)}};
  // TCP over IPv4 and IPv6: a handshake with options, HTTP-like data, the close.
  for (const build::Path& path : {path4, path6}) {
    build::TcpConnection tcp(path, build::TcpPeer{.port = 40000, .initial_sequence_number = 1000,
                                                  .syn_options = build::TcpOptionList().mss(1460).sack_permitted().timestamps(1, 0).no_operation().window_scale(7)},
                             build::TcpPeer{.port = 80, .initial_sequence_number = 5000});
    for (Bytes& frame : tcp.open()) frames.add(std::move(frame));
    frames.add(tcp.send(build::TcpSide::client, build::view(text("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"))));
    frames.add(tcp.send(build::TcpSide::server, build::view(Bytes(1400, std::byte{'x'}))));
    for (Bytes& frame : tcp.close(build::TcpSide::client)) frames.add(std::move(frame));
  }
  // DNS, mDNS over UDP, with compressed names and several records.
  auto query = build::DnsMessage::query(0x1234, "www.example.com", pktdoc::DnsType::a);
  auto response = build::DnsMessage::response_to(query);
  response.answers.push_back(build::DnsRecord::cname("www.example.com", "cdn.example.net"));
  response.answers.push_back(build::DnsRecord::a("cdn.example.net", server4));
  response.answers.push_back(build::DnsRecord::mx("example.com", 10, "mail.example.com"));
  frames.add(path4.frame(build::Udp{.source_port = 5000, .destination_port = 53}, build::view(query.encode())));
  frames.add(path4.reversed().frame(build::Udp{.source_port = 53, .destination_port = 5000}, build::view(response.encode())));
  frames.add(path6.frame(build::Udp{.source_port = 5353, .destination_port = 5353}, build::view(response.encode())));
  // Fragments of a UDP datagram, IPv4 and IPv6.
  const Bytes big(3000, std::byte{0x5a});
  for (const build::Path& path : {path4, path6})
    for (const Bytes& piece : build::fragment(build::view(path.packet(build::Udp{.source_port = 1, .destination_port = 2}, build::view(big))), 1500, 77))
      frames.add(path.link.frame(build::view(piece)));
  // ARP, ICMP echo, ICMP error quoting a UDP packet (an inner packet), ICMPv6, SCTP.
  frames.add(ethernet.frame(build::view(build::Arp::request(ethernet.source, client4, server4).packet()), pktdoc::ether_type::arp));
  frames.add(path4.frame(build::Icmp::echo_request(1, 1, build::view(text("ping data")))));
  const Bytes probe = path4.packet(build::Udp{.source_port = 33434, .destination_port = 33435}, build::view(text("probe")));
  frames.add(path4.reversed().frame(build::Icmp::destination_unreachable(pktdoc::IcmpUnreachableCode::port_unreachable, build::view(probe))));
  frames.add(path6.frame(build::Icmpv6::echo_request(1, 1, build::view(text("ping6")))));
  build::Sctp sctp{.source_port = 2905, .destination_port = 2905, .verification_tag = 7};
  sctp.chunks.push_back(build::SctpChunk::data(1, 0, 0, 3, build::view(text("sctp user data"))));
  sctp.chunks.push_back(build::SctpChunk::sack(1, 65536));
  frames.add(path4.frame(sctp));
  // A VLAN tag; a Linux cooked capture frame; raw IP.
  build::Link tagged = ethernet;
  tagged.vlan_tags.push_back(pktdoc::VlanTag{.tpid = 0x8100, .id = 100});
  frames.add(tagged.frame(build::view(path4.packet(build::Udp{.source_port = 7, .destination_port = 9}, build::view(text("vlan"))))));
  const build::Link sll{.type = pktdoc::LinkType::linux_sll, .source = ethernet.source};
  frames.add(sll.frame(build::view(probe)), pktdoc::LinkType::linux_sll);
  // Failures: a frame cut inside the TCP header, an IPv4 header with a length that lies.
  Bytes cut = frames.bytes.front();
  cut.resize(14 + 20 + 10);
  frames.add(std::move(cut));
  Bytes lying = frames.bytes.front();
  lying[14] = std::byte{0x4f};  // IHL 15: 60 bytes of header, more than the packet holds
  frames.add(std::move(lying));
  return frames;
}

// Decodes every frame `rounds` times; returns what that allocated.
Allocations decode_rounds(const StoredFrames& frames, int rounds, pktdoc::DecodedPacket& packet, std::uint64_t& layers) {
  std::vector<pktdoc::Frame> views;
  for (std::size_t i = 0; i < frames.bytes.size(); ++i) views.push_back(frames.frame(i));
  std::array<pktdoc::Protocol, pktdoc::max_protocol_stack> stack{};
  const Meter meter;
  for (int round = 0; round < rounds; ++round)
    for (const pktdoc::Frame& frame : views) {
      pktdoc::decode_packet(frame, packet);
      layers += pktdoc::protocol_stack(packet, stack);
    }
  return meter.since();
}

TEST(Allocation, TheCountingAllocatorCounts) {
  const Meter meter;
  auto* p = new std::uint64_t(1);
  std::string s(100, 'x');
  delete p;
  EXPECT_EQ(meter.since().count, 2u);
  EXPECT_GE(meter.since().bytes, 108u);
}

TEST(Allocation, DecodePacketAllocatesNothing) {
  const StoredFrames frames = many_kinds();
  pktdoc::DecodedPacket packet;
  std::uint64_t layers = 0;
  decode_rounds(frames, 1, packet, layers);  // warm-up: nothing should need it, but be fair
  layers = 0;
  const Allocations a = decode_rounds(frames, 100, packet, layers);
  EXPECT_EQ(a.count, 0u) << a.bytes << " bytes";
  EXPECT_GT(layers, 100u * frames.bytes.size() * 2);  // every frame went through several layers
  // Each kind really decoded: the protocol stacks include every protocol built above.
  std::set<pktdoc::Protocol> seen;
  std::array<pktdoc::Protocol, pktdoc::max_protocol_stack> stack{};
  for (std::size_t i = 0; i < frames.bytes.size(); ++i) {
    pktdoc::decode_packet(frames.frame(i), packet);
    const std::size_t depth = pktdoc::protocol_stack(packet, stack);
    seen.insert(stack.begin(), stack.begin() + static_cast<std::ptrdiff_t>(depth));
  }
  for (pktdoc::Protocol p : {pktdoc::Protocol::ipv4, pktdoc::Protocol::ipv6, pktdoc::Protocol::tcp, pktdoc::Protocol::udp,
                             pktdoc::Protocol::dns, pktdoc::Protocol::mdns, pktdoc::Protocol::arp, pktdoc::Protocol::icmp,
                             pktdoc::Protocol::icmpv6, pktdoc::Protocol::sctp})
    EXPECT_TRUE(seen.count(p)) << pktdoc::protocol_name(p);
}

TEST(Allocation, DecodingMemoryIsFlatAsTheCaptureGrows) {
  // N frames and 10N frames: both allocate nothing, so the peak is the same (the DecodedPacket
  // the caller owns, of a fixed size).
  const StoredFrames frames = many_kinds();
  pktdoc::DecodedPacket packet;
  std::uint64_t layers = 0;
  const Allocations n = decode_rounds(frames, 10, packet, layers);
  const Allocations ten_n = decode_rounds(frames, 100, packet, layers);
  EXPECT_EQ(n.bytes, 0u);
  EXPECT_EQ(ten_n.bytes, 0u);
  EXPECT_LT(sizeof(pktdoc::DecodedPacket), 16384u);
}

TEST(Allocation, ReadingACaptureFileAllocatesNothingPerFrame) {
  // CaptureReader takes its buffer when the file is opened; next() hands out views into it. A
  // file of 20000 frames, a few larger than the buffer's reads, so that it refills many times.
  const StoredFrames frames = many_kinds();
  const std::string path = (std::filesystem::temp_directory_path() / ("pktdoc-allocation-read-" + std::to_string(getpid()) + ".pcap")).string();
  {
    auto writer = pktdoc::CaptureWriter::open(path, pktdoc::LinkType::ethernet);
    ASSERT_TRUE(writer.ok()) << writer.error();
    const Bytes large(100000, std::byte{0x5a});
    for (std::size_t i = 0; i < 20000; ++i)
      ASSERT_TRUE(writer.write(pktdoc::Timestamp{1700000000 + static_cast<std::int64_t>(i), 0},
                               i % 5000 == 0 ? build::view(large) : frames.frame(i % frames.bytes.size()).bytes));
  }
  auto capture = pktdoc::CaptureReader::open_file(path);
  ASSERT_TRUE(capture.ok()) << capture.error();
  pktdoc::Frame frame;
  std::uint64_t read = 0, bytes = 0;
  const Meter meter;
  while (capture.next(frame) == pktdoc::ReadStatus::frame) {
    ++read;
    bytes += frame.bytes.size();
  }
  const Allocations a = meter.since();
  std::filesystem::remove(path);
  EXPECT_EQ(read, 20000u);
  EXPECT_GT(bytes, 4u * 100000);
  EXPECT_EQ(a.count, 0u) << a.bytes << " bytes";
}

// The frames of one long TCP connection, data one way, acknowledged every two segments.
std::vector<Bytes> long_connection(std::size_t segments, bool reorder) {
  const build::Path path{.link = ethernet, .ip = build::Ipv4{.source = client4, .destination = server4}};
  build::TcpConnection tcp(path, build::TcpPeer{.port = 40001, .initial_sequence_number = 0xFFFF0000u},
                           build::TcpPeer{.port = 80, .initial_sequence_number = 9});
  std::vector<Bytes> frames = tcp.open();
  Bytes data(1448);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::byte>(i);
  std::vector<Bytes> pieces;
  for (std::size_t i = 0; i < segments; ++i)
    pieces.push_back(tcp.segment(build::TcpSide::client, static_cast<std::uint32_t>(i * data.size()), build::view(data),
                                 pktdoc::tcp_flag::ack, 0));
  for (std::size_t i = 0; i < segments; ++i) {
    const std::size_t at = reorder && i % 8 == 0 && i + 1 < segments ? i + 1 : reorder && i % 8 == 1 ? i - 1 : i;
    frames.push_back(std::move(pieces[at]));
    if (i % 2 == 1)
      frames.push_back(tcp.segment(build::TcpSide::server, 0, {}, pktdoc::tcp_flag::ack,
                                   static_cast<std::uint32_t>((i + 1) * data.size())));
  }
  return frames;
}

struct CountBytes : pktdoc::TcpStreamHandler {
  std::uint64_t bytes = 0;
  void on_data(pktdoc::TcpConnection&, const pktdoc::TcpData& data) override { bytes += data.bytes.size(); }
};

// Feeds frames [from, to) of `frames` to the reassembler; returns what that allocated.
Allocations reassemble(pktdoc::TcpReassembler& reassembler, const std::vector<Bytes>& frames, std::size_t from,
                       std::size_t to) {
  pktdoc::DecodedPacket packet;
  const Meter meter;
  for (std::size_t i = from; i < to; ++i) {
    const pktdoc::Frame frame = frame_at(frames, i, pktdoc::Timestamp{1704067200 + static_cast<std::int64_t>(i / 1000), 0});
    pktdoc::decode_packet(frame, packet);
    reassembler.add(packet.ip, frame.number, frame.timestamp);
  }
  return meter.since();
}

TEST(Allocation, TcpReassemblerAllocatesNothingPerInOrderSegmentOnceWarm) {
  // "In-order data is never copied" (TcpReassembler): once the connection exists, segments in
  // order cost no allocation.
  const std::vector<Bytes> frames = long_connection(20000, false);
  CountBytes handler;
  pktdoc::TcpReassembler reassembler(handler);
  reassemble(reassembler, frames, 0, 1000);  // warm: the connection, its table entry
  const Allocations a = reassemble(reassembler, frames, 1000, frames.size());
  EXPECT_EQ(a.count, 0u) << a.bytes << " bytes over " << frames.size() - 1000 << " frames";
  reassembler.finish();
  EXPECT_EQ(handler.bytes, 20000u * 1448u);
}

TEST(Allocation, TcpReassemblerReusesItsBuffersForHeldSegmentsOnceWarm) {
  // Every 8th segment swapped with the next: one segment held each time, in a buffer "reused
  // afterwards" (TcpReassembler): nothing allocated per segment once warm.
  const std::vector<Bytes> frames = long_connection(20000, true);
  CountBytes handler;
  pktdoc::TcpReassembler reassembler(handler);
  reassemble(reassembler, frames, 0, 1000);
  const Allocations a = reassemble(reassembler, frames, 1000, frames.size());
  EXPECT_EQ(a.count, 0u) << a.bytes << " bytes over " << frames.size() - 1000 << " frames";
  reassembler.finish();
  EXPECT_EQ(handler.bytes, 20000u * 1448u);
  EXPECT_LE(reassembler.stats().peak_buffered_bytes, 2u * 1448u);
}

struct CountDatagrams : pktdoc::DefragmentObserver {
  std::uint64_t reassembled = 0, abandoned = 0, dropped = 0;
  void on_reassembled(const pktdoc::ReassembledDatagram&) override { ++reassembled; }
  void on_abandoned(const pktdoc::AbandonedDatagram&) override { ++abandoned; }
  void on_dropped(const pktdoc::DroppedFragment&) override { ++dropped; }
};

TEST(Allocation, IpDefragmenterAllocatesNothingPerDatagramOnceWarm) {
  // "Once warm, a stream of datagrams of similar sizes reuses buffers and allocates nothing."
  // (IpDefragmenter): 4000-byte UDP datagrams in three fragments each, IPv4 and IPv6 in turn.
  const build::Path path4{.link = ethernet, .ip = build::Ipv4{.source = client4, .destination = server4}};
  const build::Path path6{.link = ethernet, .ip = build::Ipv6{.source = v6(1), .destination = v6(2)}};
  std::vector<Bytes> frames;
  const Bytes payload(4000, std::byte{0x42});
  for (std::uint32_t id = 1; id <= 2000; ++id) {
    const build::Path& path = id % 2 ? path4 : path6;
    const Bytes packet = path.packet(build::Udp{.source_port = 4000, .destination_port = 4001}, build::view(payload));
    for (const Bytes& piece : build::fragment(build::view(packet), 1500, id)) frames.push_back(path.link.frame(build::view(piece)));
  }
  CountDatagrams observer;
  pktdoc::IpDefragmenter defragmenter(observer);
  pktdoc::DecodedPacket packet;
  auto feed = [&](std::size_t from, std::size_t to) {
    const Meter meter;
    for (std::size_t i = from; i < to; ++i) {
      const pktdoc::Frame frame = frame_at(frames, i, pktdoc::Timestamp{1704067200, static_cast<std::uint32_t>(i * 1000)});
      pktdoc::decode_packet(frame, packet);
      defragmenter.add(packet.ip, frame.number, frame.timestamp);
    }
    return meter.since();
  };
  feed(0, 300);  // warm: the buffers of both versions
  const Allocations a = feed(300, frames.size());
  EXPECT_EQ(a.count, 0u) << a.bytes << " bytes over " << frames.size() - 300 << " fragments";
  defragmenter.finish();
  EXPECT_EQ(observer.reassembled, 2000u);
  EXPECT_EQ(observer.abandoned, 0u);
  EXPECT_EQ(observer.dropped, 0u);
}

}  // namespace
