// hostile_captures: writes the adversarial captures of issue 8 (item 3) into a folder, each with
// a NAME.expect file saying what `dissect` must make of it; hostile_run checks that.
//
//   hostile_captures OUTPUT_DIR [NAME...]      (no NAME: all of them)
//   hostile_captures --list
//
// Every capture starts and (unless the damage is the end of the file) ends with "marker"
// traffic, well formed, that every dissect mode shows: a DNS query for before.example (or
// after.example), an IPv4 datagram in two fragments with Identification 48879 (after: 44926), and
// an HTTP exchange on its own TCP connection (GET /before.html from 192.0.2.201:50001; after:
// GET /after.html from 192.0.2.202:50002). Between them is the damage.
//
// The files are written at test time into the build tree, never committed: some are large.
// Everything is made with pktdoc's packet builder and CaptureWriter, except the damaged pcap
// files (a record longer than the snapshot length or than the file, a file cut inside a record
// header or a record, a file that is not a capture), whose bytes are written here directly.
//
// NAME.expect holds one item a line:
//   frames N          frames every mode reads (dissect stats prints "frames:N"); absent for a
//                     file that does not open
//   exit N            dissect's exit status: 0, or 1 when reading fails (a damaged file)
//   stderr REGEX      a message dissect must print on stderr (ECMAScript regex, searched)
//   before / after    the markers before / after the damage are in the file and must be shown
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pktdoc/builder/conversation.hpp"
#include "pktdoc/builder/dns_builder.hpp"
#include "pktdoc/builder/fragmenter.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/link_builder.hpp"
#include "pktdoc/builder/sctp_builder.hpp"
#include "pktdoc/builder/tcp_builder.hpp"
#include "pktdoc/builder/udp_builder.hpp"
#include "pktdoc/capture_writer.hpp"

namespace fs = std::filesystem;
using pktdoc::ByteView;
using pktdoc::Ipv4Address;
using pktdoc::Ipv6Address;
using pktdoc::build::Bytes;

namespace {

// ---------------------------------------------------------------------------------------------
// Addresses (documentation ranges) and the frames of a capture.

Ipv4Address v4(std::uint32_t value) { return Ipv4Address::from_uint(value); }
Ipv6Address v6(const char* text) {
  const auto address = Ipv6Address::parse(text);
  if (!address) throw std::logic_error(std::string("bad address ") + text);
  return *address;
}
constexpr std::uint32_t kClient = 0xc0000201;    // 192.0.2.1
constexpr std::uint32_t kResolver = 0xc0000235;  // 192.0.2.53
constexpr std::uint32_t kServer = 0xcb007150;    // 203.0.113.80
constexpr std::uint32_t kTarget = 0xc6336407;    // 198.51.100.7

pktdoc::build::Link ethernet() {
  pktdoc::build::Link link;
  link.destination = pktdoc::MacAddress{{0x02, 0x00, 0x5e, 0x00, 0x01, 0x01}};
  link.source = pktdoc::MacAddress{{0x02, 0x00, 0x5e, 0x00, 0x01, 0x02}};
  return link;
}

Bytes in_ethernet(ByteView ip_packet) { return ethernet().frame(ip_packet); }

// A capture being made: frames in order, 1 ms apart, and what dissect must make of it.
class Capture {
 public:
  void add(Bytes frame) { frames_.push_back(std::move(frame)); }
  void add_all(std::vector<Bytes> frames) {
    for (Bytes& frame : frames) add(std::move(frame));
  }
  std::size_t size() const noexcept { return frames_.size(); }
  const std::vector<Bytes>& frames() const noexcept { return frames_; }

  std::vector<std::string> expect;  // extra lines of the .expect file

 private:
  std::vector<Bytes> frames_;
};

pktdoc::Timestamp time_of(std::size_t index) {
  // 2011-05-01 plus 1 ms per frame.
  const std::int64_t micros = static_cast<std::int64_t>(index) * 1000;
  return pktdoc::Timestamp{1304208000 + micros / 1000000, static_cast<std::uint32_t>((micros % 1000000) * 1000)};
}

// ---------------------------------------------------------------------------------------------
// The markers.

Bytes dns_query_frame(std::uint16_t id, const char* name) {
  pktdoc::build::Ipv4 ip;
  ip.source = v4(kClient);
  ip.destination = v4(kResolver);
  ip.identification = id;
  pktdoc::build::Udp udp;
  udp.source_port = static_cast<std::uint16_t>(40000 + id % 1000);
  udp.destination_port = 53;
  return in_ethernet(ip.packet(udp, pktdoc::build::DnsMessage::query(id, name, pktdoc::DnsType::a).encode()));
}

std::vector<Bytes> fragmented_marker(std::uint16_t identification) {
  pktdoc::build::Ipv4 ip;
  ip.source = v4(kClient);
  ip.destination = v4(kTarget);
  ip.identification = identification;
  ip.dont_fragment = false;
  pktdoc::build::Udp udp;
  udp.source_port = 40001;
  udp.destination_port = 9;  // discard
  const Bytes data(600, std::byte{0x6d});
  std::vector<Bytes> frames;
  for (const Bytes& fragment : pktdoc::build::fragment(ip.packet(udp, data), 400)) frames.push_back(in_ethernet(fragment));
  return frames;
}

std::vector<Bytes> http_marker(std::uint32_t client_address, std::uint16_t client_port, const char* path) {
  using pktdoc::build::TcpSide;
  pktdoc::build::Ipv4 ip;
  ip.source = v4(client_address);
  ip.destination = v4(kServer);
  pktdoc::build::Path route{ethernet(), ip};
  pktdoc::build::TcpPeer client{client_port, 1000u + client_port};
  pktdoc::build::TcpPeer server{80, 7000u + client_port};
  pktdoc::build::TcpConnection tcp(route, client, server);
  std::vector<Bytes> frames = tcp.open();
  const std::string request = std::string("GET ") + path + " HTTP/1.1\r\nHost: www.example.com\r\n\r\n";
  frames.push_back(tcp.send(TcpSide::client, pktdoc::as_bytes(std::string_view(request))));
  const std::string_view response = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nContent-Type: text/plain\r\n\r\nmarker";
  frames.push_back(tcp.send(TcpSide::server, pktdoc::as_bytes(response)));
  for (Bytes& frame : tcp.close(TcpSide::client)) frames.push_back(std::move(frame));
  return frames;
}

void add_before(Capture& capture) {
  capture.add(dns_query_frame(0x0bef, "before.example"));
  capture.add_all(fragmented_marker(48879));
  capture.add_all(http_marker(0xc00002c9, 50001, "/before.html"));  // 192.0.2.201
  capture.expect.push_back("before");
}

void add_after(Capture& capture) {
  capture.add(dns_query_frame(0x0af7, "after.example"));
  capture.add_all(fragmented_marker(44926));
  capture.add_all(http_marker(0xc00002ca, 50002, "/after.html"));  // 192.0.2.202
  capture.expect.push_back("after");
}

// ---------------------------------------------------------------------------------------------
// The damage.

// 100,000 IPv4 datagrams whose first fragment arrives and nothing else.
void fragments_never_complete(Capture& capture) {
  const Bytes data(64, std::byte{0x21});
  for (std::uint32_t i = 0; i < 100000; ++i) {
    pktdoc::build::Ipv4 ip;
    ip.source = v4(0x0a000000u + (i >> 16));  // 10.0.x.y: Identification is 16 bits
    ip.destination = v4(kTarget);
    ip.identification = static_cast<std::uint16_t>(i);
    ip.dont_fragment = false;
    ip.more_fragments = true;
    capture.add(in_ethernet(ip.packet(17, data)));
  }
}

// Teardrop-style overlaps (IPv4 and IPv6), a duplicate, and fragments that would end past 65535.
void overlapping_fragments(Capture& capture) {
  for (std::uint16_t round = 0; round < 50; ++round) {
    pktdoc::build::Ipv4 ip;
    ip.source = v4(0x0a010000u + round);
    ip.destination = v4(kTarget);
    ip.identification = static_cast<std::uint16_t>(0x7700 + round);
    ip.dont_fragment = false;
    ip.more_fragments = true;
    ip.fragment_offset = 0;
    capture.add(in_ethernet(ip.packet(17, Bytes(48, std::byte{0x11}))));
    // The teardrop: a second fragment inside the first, with other bytes, and the last.
    ip.fragment_offset = 3;
    ip.more_fragments = false;
    capture.add(in_ethernet(ip.packet(17, Bytes(8, std::byte{0x22}))));
    capture.add(in_ethernet(ip.packet(17, Bytes(8, std::byte{0x22}))));  // and a duplicate of it
    // A fragment that would end past 65535: offset 8189 * 8 = 65512, 40 bytes of data.
    ip.identification = static_cast<std::uint16_t>(0x7800 + round);
    ip.fragment_offset = 8189;
    capture.add(in_ethernet(ip.packet(17, Bytes(40, std::byte{0x33}))));

    // IPv6: overlapping fragments (RFC 5722: the datagram is discarded), and one past 65535.
    pktdoc::build::Ipv6 ip6;
    ip6.source = v6("2001:db8::10");
    ip6.destination = v6("2001:db8::20");
    const std::uint32_t id = 0x66000000u + round;
    ip6.extension_headers = {pktdoc::build::Ipv6Extension::fragment(0, true, id)};
    capture.add(in_ethernet(ip6.packet(17, Bytes(64, std::byte{0x44}))));
    ip6.extension_headers = {pktdoc::build::Ipv6Extension::fragment(4, false, id)};
    capture.add(in_ethernet(ip6.packet(17, Bytes(64, std::byte{0x55}))));
    ip6.extension_headers = {pktdoc::build::Ipv6Extension::fragment(8190, false, id + 0x1000)};
    capture.add(in_ethernet(ip6.packet(17, Bytes(64, std::byte{0x66}))));
  }
}

// One connection, then 100,000 segments far outside its window.
void segments_outside_window(Capture& capture) {
  using pktdoc::build::TcpSide;
  pktdoc::build::Ipv4 ip;
  ip.source = v4(kClient);
  ip.destination = v4(kServer);
  pktdoc::build::Path route{ethernet(), ip};
  pktdoc::build::TcpConnection tcp(route, pktdoc::build::TcpPeer{45000, 100}, pktdoc::build::TcpPeer{8080, 900});
  capture.add_all(tcp.open());
  const Bytes data(32, std::byte{0x2e});
  for (std::uint32_t i = 0; i < 100000; ++i) {
    // 2^30 and more beyond the next byte: past any window (RFC 7323 section 2.3).
    capture.add(tcp.segment(TcpSide::client, 0x40000000u + i * 997u, data));
  }
  capture.add_all(tcp.close(TcpSide::client));
}

// A SYN flood: 100,000 connections opened and never answered.
void syn_flood(Capture& capture) {
  for (std::uint32_t i = 0; i < 100000; ++i) {
    pktdoc::build::Ipv4 ip;
    ip.source = v4(0x0a020000u + (i >> 14));  // 10.2.x.y
    ip.destination = v4(kServer);
    pktdoc::build::Tcp syn;
    syn.source_port = static_cast<std::uint16_t>(1024 + (i & 0x3fff));
    syn.destination_port = 80;
    syn.sequence_number = i * 2654435761u;
    syn.flags = pktdoc::tcp_flag::syn;
    capture.add(in_ethernet(ip.packet(syn)));
  }
}

Bytes udp_frame(ByteView payload, std::uint16_t source_port, std::uint16_t destination_port) {
  pktdoc::build::Ipv4 ip;
  ip.source = v4(kResolver);
  ip.destination = v4(kClient);
  pktdoc::build::Udp udp;
  udp.source_port = source_port;
  udp.destination_port = destination_port;
  return in_ethernet(ip.packet(udp, payload));
}

Bytes raw_bytes(std::initializer_list<int> values) {
  Bytes out;
  for (int value : values) out.push_back(static_cast<std::byte>(value));
  return out;
}

// DNS responses whose names loop, point outside the message, or are too long.
void hostile_dns(Capture& capture) {
  // Header: ID, flags (response, no error), 1 question, 0 or 1 answer.
  auto header = [](std::uint16_t id, int answers) {
    return raw_bytes({id >> 8, id & 0xff, 0x81, 0x80, 0, 1, 0, answers, 0, 0, 0, 0});
  };
  auto append = [](Bytes& out, const Bytes& more) { out.insert(out.end(), more.begin(), more.end()); };
  std::vector<Bytes> messages;
  {  // a pointer to itself
    Bytes m = header(0xd001, 0);
    append(m, raw_bytes({0xc0, 0x0c, 0, 1, 0, 1}));
    messages.push_back(m);
  }
  {  // two pointers to each other, after a label
    Bytes m = header(0xd002, 0);
    append(m, raw_bytes({1, 'a', 0xc0, 0x10, 0xc0, 0x0e, 0, 1, 0, 1}));
    messages.push_back(m);
  }
  {  // a pointer past the end of the message
    Bytes m = header(0xd003, 0);
    append(m, raw_bytes({0xc3, 0xff, 0, 1, 0, 1}));
    messages.push_back(m);
  }
  {  // a name of 5 labels of 63 bytes: 321 bytes, over the 255 of RFC 1035 section 2.3.4
    Bytes m = header(0xd004, 0);
    for (int label = 0; label < 5; ++label) {
      m.push_back(std::byte{63});
      m.insert(m.end(), 63, std::byte{'x'});
    }
    append(m, raw_bytes({0, 0, 1, 0, 1}));
    messages.push_back(m);
  }
  {  // an answer whose name passes 255 bytes through a pointer to the question's long name
    Bytes m = header(0xd005, 1);
    for (int label = 0; label < 3; ++label) {
      m.push_back(std::byte{63});
      m.insert(m.end(), 63, std::byte{'y'});
    }
    append(m, raw_bytes({0, 0, 1, 0, 1}));
    for (int label = 0; label < 2; ++label) {
      m.push_back(std::byte{63});
      m.insert(m.end(), 63, std::byte{'z'});
    }
    append(m, raw_bytes({0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 99}));
    messages.push_back(m);
  }
  {  // a long chain of pointers, each to the one before
    Bytes m = header(0xd006, 0);
    append(m, raw_bytes({1, 'c', 0}));  // offset 12
    for (int i = 0; i < 200; ++i) {
      const int target = i == 0 ? 12 : 15 + (i - 1) * 2;
      append(m, raw_bytes({0xc0 | (target >> 8), target & 0xff}));
    }
    messages.push_back(m);
  }
  for (int repeat = 0; repeat < 20; ++repeat)
    for (const Bytes& message : messages) capture.add(udp_frame(message, 53, 40053));
}

// Lengths that lie, at every layer.
void lying_lengths(Capture& capture) {
  const Bytes data(24, std::byte{0x4c});
  pktdoc::build::Udp udp;
  udp.source_port = 40000;
  udp.destination_port = 9;
  auto ipv4 = [] {
    pktdoc::build::Ipv4 ip;
    ip.source = v4(kClient);
    ip.destination = v4(kTarget);
    return ip;
  };
  std::vector<Bytes> packets;
  for (int ihl : {0, 3, 4, 6, 15}) {  // IPv4 header length: too short, or past the packet
    auto ip = ipv4();
    ip.ihl = static_cast<std::uint8_t>(ihl);
    packets.push_back(ip.packet(udp, data));
  }
  for (int total : {0, 10, 19, 21, 60000}) {  // Total Length: 0, inside the header, past the packet
    auto ip = ipv4();
    ip.total_length = static_cast<std::uint16_t>(total);
    packets.push_back(ip.packet(udp, data));
  }
  for (int length : {0, 7, 9, 5000}) {  // UDP Length
    auto bad = udp;
    bad.length = static_cast<std::uint16_t>(length);
    packets.push_back(ipv4().packet(bad, data));
  }
  for (int offset : {0, 4, 15}) {  // TCP Data Offset: below 5, past the segment
    pktdoc::build::Tcp tcp;
    tcp.source_port = 40000;
    tcp.destination_port = 80;
    tcp.data_offset = static_cast<std::uint8_t>(offset);
    tcp.flags = pktdoc::tcp_flag::ack;
    packets.push_back(ipv4().packet(tcp, data));
  }
  for (int length : {0, 3, 9000}) {  // IPv6 Payload Length: 0 without a jumbogram, short, past the packet
    pktdoc::build::Ipv6 ip;
    ip.source = v6("2001:db8::1");
    ip.destination = v6("2001:db8::2");
    ip.payload_length = static_cast<std::uint16_t>(length);
    packets.push_back(ip.packet(udp, data));
  }
  {  // SCTP chunks of length 0 and past the packet
    pktdoc::build::Sctp sctp;
    sctp.source_port = 5000;
    sctp.destination_port = 5001;
    sctp.verification_tag = 1;
    pktdoc::build::SctpChunk zero = pktdoc::build::SctpChunk::data(1, 0, 0, 0, data);
    zero.length = 0;
    sctp.chunks = {zero};
    packets.push_back(ipv4().packet(sctp));
    pktdoc::build::SctpChunk far = pktdoc::build::SctpChunk::data(2, 0, 0, 0, data);
    far.length = 4000;
    sctp.chunks = {pktdoc::build::SctpChunk::data(3, 0, 0, 0, data), far};
    packets.push_back(ipv4().packet(sctp));
  }
  for (int repeat = 0; repeat < 20; ++repeat)
    for (const Bytes& packet : packets) capture.add(in_ethernet(packet));
}

// Hundreds of chained IPv6 extension headers, and hundreds of stacked VLAN tags.
void deep_headers(Capture& capture) {
  const Bytes data(16, std::byte{0x64});
  pktdoc::build::Udp udp;
  udp.source_port = 40000;
  udp.destination_port = 9;
  for (std::size_t count : {std::size_t{100}, std::size_t{300}, std::size_t{1000}}) {
    pktdoc::build::Ipv6 ip;
    ip.source = v6("2001:db8::1");
    ip.destination = v6("2001:db8::2");
    for (std::size_t i = 0; i < count; ++i)
      ip.extension_headers.push_back(
          pktdoc::build::Ipv6Extension::destination_options(pktdoc::build::Ipv6OptionList().padn(6)));
    // 1000 headers of 8 bytes do not fit the 16-bit Payload Length: say what fits.
    if (count * 8 + 8 + data.size() > 65535) ip.payload_length = 65535;
    capture.add(in_ethernet(ip.packet(udp, data)));
  }
  for (std::size_t count : {std::size_t{100}, std::size_t{500}}) {
    pktdoc::build::Link link = ethernet();
    for (std::size_t i = 0; i < count; ++i)
      link.vlan_tags.push_back(pktdoc::VlanTag{static_cast<std::uint16_t>(i % 2 == 0 ? 0x8100 : 0x88a8), 0, false,
                                               static_cast<std::uint16_t>(i % 4096)});
    pktdoc::build::Ipv4 ip;
    ip.source = v4(kClient);
    ip.destination = v4(kTarget);
    capture.add(link.frame(ip.packet(udp, data)));
  }
}

// ---------------------------------------------------------------------------------------------
// Writing.

// `frames` < 0: the file does not open, no frame is counted.
void write_expect(const fs::path& path, long frames, int exit_status, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  if (frames >= 0) out << "frames " << frames << "\n";
  out << "exit " << exit_status << "\n";
  for (const std::string& line : lines) out << line << "\n";
}

// Writes `capture` with CaptureWriter; `cut_at`, when not 0, cuts the file there.
void write_capture(const fs::path& path, const Capture& capture, std::uint64_t cut_at = 0) {
  auto writer = pktdoc::CaptureWriter::open(path.string(), pktdoc::LinkType::ethernet);
  if (!writer.ok()) throw std::runtime_error(writer.error());
  for (std::size_t i = 0; i < capture.size(); ++i)
    if (!writer.write(time_of(i), capture.frames()[i])) throw std::runtime_error(writer.error());
  const bool closed = cut_at != 0 ? writer.close_cut(cut_at) : writer.close();
  if (!closed) throw std::runtime_error(writer.error());
}

// The raw pcap format (little-endian, microseconds), for the files CaptureWriter will not write.
void put32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}
void put16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xff));
  out.push_back(static_cast<char>(value >> 8));
}
void pcap_header(std::string& out, std::uint32_t snapshot_length) {
  put32(out, 0xa1b2c3d4);
  put16(out, 2);
  put16(out, 4);
  put32(out, 0);
  put32(out, 0);
  put32(out, snapshot_length);
  put32(out, 1);  // LINKTYPE_ETHERNET
}
void pcap_record(std::string& out, std::size_t index, ByteView bytes, std::uint32_t captured_length,
                 std::uint32_t original_length) {
  const pktdoc::Timestamp t = time_of(index);
  put32(out, static_cast<std::uint32_t>(t.seconds));
  put32(out, t.nanoseconds / 1000);
  put32(out, captured_length);
  put32(out, original_length);
  out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}
// The records of every frame of `capture`, each whole (captured and original length its size).
void pcap_records(std::string& out, std::size_t& index, const Capture& capture) {
  for (const Bytes& frame : capture.frames())
    pcap_record(out, index++, frame, static_cast<std::uint32_t>(frame.size()), static_cast<std::uint32_t>(frame.size()));
}
void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct Recipe {
  const char* name;
  const char* what;
  std::function<void(const fs::path&)> write;
};

// A capture with markers around `damage`, written with CaptureWriter.
void well_formed(const fs::path& out, const char* name, const std::function<void(Capture&)>& damage,
                 std::vector<std::string> extra = {}) {
  Capture capture;
  add_before(capture);
  damage(capture);
  add_after(capture);
  capture.expect.insert(capture.expect.end(), extra.begin(), extra.end());
  write_capture(out / (std::string(name) + ".pcap"), capture);
  write_expect(out / (std::string(name) + ".expect"), static_cast<long>(capture.size()), 0, capture.expect);
}

const std::vector<Recipe>& recipes() {
  static const std::vector<Recipe> list = {
      {"fragments_never_complete", "100,000 IPv4 datagrams of which only the first fragment arrives",
       [](const fs::path& out) {
         well_formed(out, "fragments_never_complete", fragments_never_complete,
                     {"stderr datagrams open-datagram-limit|end-of-capture"});
       }},
      {"overlapping_fragments", "teardrop-style IPv4 and IPv6 overlaps, duplicates, fragments past 65535",
       [](const fs::path& out) { well_formed(out, "overlapping_fragments", overlapping_fragments); }},
      {"tcp_outside_window", "one connection, then 100,000 segments 2^30 bytes past its window",
       [](const fs::path& out) { well_formed(out, "tcp_outside_window", segments_outside_window); }},
      {"syn_flood", "100,000 SYNs, never answered", [](const fs::path& out) { well_formed(out, "syn_flood", syn_flood); }},
      {"dns_hostile", "DNS names with pointer loops, pointers past the message, names over 255 bytes",
       [](const fs::path& out) { well_formed(out, "dns_hostile", hostile_dns); }},
      {"lying_lengths", "IPv4 IHL and Total Length, UDP Length, TCP Data Offset, IPv6 Payload Length, SCTP chunk "
                        "length 0",
       [](const fs::path& out) { well_formed(out, "lying_lengths", lying_lengths); }},
      {"deep_headers", "IPv6 packets with 100 to 1000 extension headers, frames with 100 and 500 VLAN tags",
       [](const fs::path& out) { well_formed(out, "deep_headers", deep_headers); }},
      {"caplen_over_snaplen", "a record holding 1000 bytes in a file whose snapshot length is 512",
       [](const fs::path& out) {
         Capture before, after;
         add_before(before);
         add_after(after);
         std::string bytes;
         pcap_header(bytes, 512);  // more than every marker frame
         std::size_t index = 0;
         pcap_records(bytes, index, before);
         const Bytes big(1000, std::byte{0x42});
         pcap_record(bytes, index++, big, 1000, 1000);
         pcap_records(bytes, index, after);
         write_file(out / "caplen_over_snaplen.pcap", bytes);
         write_expect(out / "caplen_over_snaplen.expect", static_cast<long>(before.size() + 1 + after.size()), 0, {"before", "after"});
       }},
      {"caplen_past_file", "the last record says it holds 5000 bytes; the file has 100 more",
       [](const fs::path& out) {
         Capture before;
         add_before(before);
         std::string bytes;
         pcap_header(bytes, 65535);
         std::size_t index = 0;
         pcap_records(bytes, index, before);
         pcap_record(bytes, index, Bytes(100, std::byte{0x43}), 5000, 5000);
         write_file(out / "caplen_past_file.pcap", bytes);
         write_expect(out / "caplen_past_file.expect", static_cast<long>(before.size()), 1, {"before", "stderr * ^dissect: .+"});
       }},
      {"caplen_huge", "a record in the middle says it holds 4 GB",
       [](const fs::path& out) {
         Capture before, after;
         add_before(before);
         add_after(after);
         std::string bytes;
         pcap_header(bytes, 65535);
         std::size_t index = 0;
         pcap_records(bytes, index, before);
         pcap_record(bytes, index++, Bytes(60, std::byte{0x44}), 0xfffffff0u, 0xfffffff0u);
         pcap_records(bytes, index, after);
         write_file(out / "caplen_huge.pcap", bytes);
         write_expect(out / "caplen_huge.expect", static_cast<long>(before.size()), 1, {"before", "stderr * ^dissect: .+"});
       }},
      {"cut_in_record_header", "a file cut 7 bytes into a record header",
       [](const fs::path& out) {
         Capture capture;
         add_before(capture);
         capture.add(dns_query_frame(0x0c07, "cut.example"));
         std::uint64_t length = 24;
         for (std::size_t i = 0; i + 1 < capture.size(); ++i) length += 16 + capture.frames()[i].size();
         write_capture(out / "cut_in_record_header.pcap", capture, length + 7);
         write_expect(out / "cut_in_record_header.expect", static_cast<long>(capture.size() - 1), 1,
                      {"before", "stderr * ^dissect: .+"});
       }},
      {"cut_in_record", "a file cut in the middle of a record's bytes",
       [](const fs::path& out) {
         Capture capture;
         add_before(capture);
         capture.add(dns_query_frame(0x0c08, "cut.example"));
         std::uint64_t length = 24;
         for (std::size_t i = 0; i + 1 < capture.size(); ++i) length += 16 + capture.frames()[i].size();
         write_capture(out / "cut_in_record.pcap", capture, length + 16 + capture.frames().back().size() / 2);
         write_expect(out / "cut_in_record.expect", static_cast<long>(capture.size() - 1), 1, {"before", "stderr * ^dissect: .+"});
       }},
      {"empty_file", "a file of 0 bytes",
       [](const fs::path& out) {
         write_file(out / "empty_file.pcap", "");
         write_expect(out / "empty_file.expect", -1, 1, {"stderr * ^dissect: .+"});
       }},
      {"not_a_capture", "a text file",
       [](const fs::path& out) {
         std::string text;
         for (int i = 0; i < 200; ++i) text += "This is not a capture file: it is text, line " + std::to_string(i) + ".\n";
         write_file(out / "not_a_capture.pcap", text);
         write_expect(out / "not_a_capture.expect", -1, 1, {"stderr * ^dissect: .+"});
       }},
  };
  return list;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
    for (const Recipe& recipe : recipes()) std::printf("%-26s %s\n", recipe.name, recipe.what);
    return 0;
  }
  if (argc < 2) {
    std::fprintf(stderr, "usage: hostile_captures OUTPUT_DIR [NAME...] | --list\n");
    return 2;
  }
  const fs::path out = argv[1];
  fs::create_directories(out);
  try {
    for (const Recipe& recipe : recipes()) {
      bool wanted = argc == 2;
      for (int i = 2; i < argc; ++i) wanted = wanted || std::strcmp(argv[i], recipe.name) == 0;
      if (!wanted) continue;
      recipe.write(out);
      std::printf("hostile_captures: %s: %s\n", recipe.name, recipe.what);
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "hostile_captures: %s\n", error.what());
    return 1;
  }
  return 0;
}
