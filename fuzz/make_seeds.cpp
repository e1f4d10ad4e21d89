// fuzz_make_seeds: writes the seed corpora of the fuzz targets, one folder per target, from
// capture files, decoding them with pktdoc itself.
//
//   fuzz_make_seeds OUTPUT_DIR [CAPTURE_FILE_OR_DIR...]
//
// For every frame of every capture (folders are searched for *.cap, *.pcap and *.pcapng):
//   frame/         the frame behind the byte fuzz_frame reads its link type from
//   ipv4/ ipv6/    each IP packet decode_packet() found in it, quoted and tunneled ones included
//   arp/ icmp/ icmpv6/ tcp/ udp/ sctp/
//                  each header with what follows it, as decode_packet() handed it to the decoder
//   dns/           each DNS message, the UDP payload on a DNS port, and the TCP payload with its
//                  length prefix
//   capture_file/  short captures cut from each file: single records, runs of records, and the
//                  same records rewritten with nanosecond timestamps and as pcapng
//   http/ ftp/     each TCP payload on an HTTP or FTP control port, behind the byte that
//                  chooses the role (fuzz_http, fuzz_ftp)
// The stateful targets also get written-out seeds: HTTP messages (pipelined, chunked, CONNECT),
// FTP sessions, fragment sequences (fuzz_defragment) and TCP connections (fuzz_tcp_reassembly)
// in the record formats those targets read.
// and, whatever captures there are, a few packets written out here so that no corpus is empty.
// Each seed is named by a hash of its bytes, so the same bytes are written once.
//
// The seeds are written into the build tree and never committed: bytes derived from
// ../shared/captures may not enter the project.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"

namespace fs = std::filesystem;
using pktdoc::ByteView;

namespace {

// The link types in the order fuzz_frame's first byte chooses them.
constexpr std::array<pktdoc::LinkType, 8> kLinkTypes = {
    pktdoc::LinkType::null, pktdoc::LinkType::ethernet, pktdoc::LinkType::raw_dlt12, pktdoc::LinkType::raw_dlt14,
    pktdoc::LinkType::raw,  pktdoc::LinkType::loop,     pktdoc::LinkType::linux_sll, pktdoc::LinkType::linux_sll2};

// Seeds per target at most: enough variety, and a corpus libFuzzer loads in a moment.
constexpr std::size_t kMaxSeedsPerTarget = 3000;
// Frames taken into the short captures of one file at most.
constexpr std::size_t kMaxRecordsPerCapture = 24;

class SeedWriter {
 public:
  explicit SeedWriter(fs::path root) : root_(std::move(root)) {}

  void add(const std::string& target, ByteView bytes) {
    std::size_t& count = counts_[target];
    if (count >= kMaxSeedsPerTarget) return;
    const fs::path folder = root_ / target;
    fs::create_directories(folder);
    char name[17];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hash(bytes)));
    const fs::path path = folder / name;
    if (fs::exists(path)) return;
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    ++count;
  }
  void add(const std::string& target, const std::vector<std::byte>& bytes) { add(target, ByteView(bytes)); }

  void report() const {
    for (const auto& [target, count] : counts_) std::printf("  %-13s %zu seeds\n", target.c_str(), count);
  }

 private:
  static std::uint64_t hash(ByteView bytes) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::byte b : bytes) h = (h ^ std::to_integer<std::uint8_t>(b)) * 0x100000001b3ull;
    return h;
  }

  fs::path root_;
  std::map<std::string, std::size_t> counts_;
};

// A TCP payload on an HTTP or FTP port, as fuzz_http and fuzz_ftp read it: the mode byte first.
void add_stream_seeds(std::uint16_t source_port, std::uint16_t destination_port, ByteView payload,
                      SeedWriter& seeds) {
  if (payload.empty()) return;
  auto with_mode = [&](std::uint8_t mode) {
    std::vector<std::byte> seed = {std::byte{mode}};
    seed.insert(seed.end(), payload.begin(), payload.end());
    return seed;
  };
  if (destination_port == 80 || destination_port == 8080) seeds.add("http", with_mode(0x00));  // requests
  if (source_port == 80 || source_port == 8080) seeds.add("http", with_mode(0x21));  // responses to a GET
  if (destination_port == 21) seeds.add("ftp", with_mode(0x00));  // commands
  if (source_port == 21) seeds.add("ftp", with_mode(0x01));       // replies
}

void add_layers(const pktdoc::IpLayers& layers, SeedWriter& seeds) {
  if (layers.ipv4) seeds.add("ipv4", layers.ipv4->bytes());
  if (layers.ipv6) seeds.add("ipv6", layers.ipv6->bytes());
  if (layers.icmp) seeds.add("icmp", layers.icmp->bytes());
  if (layers.icmpv6) seeds.add("icmpv6", layers.icmpv6->bytes());
  if (layers.sctp) seeds.add("sctp", layers.sctp->bytes());
  if (layers.dns) seeds.add("dns", layers.dns->bytes());
  if (layers.tcp) {
    seeds.add("tcp", layers.tcp->bytes());
    const auto& tcp = *layers.tcp;
    add_stream_seeds(tcp.source_port(), tcp.destination_port(), tcp.payload(), seeds);
    if (!tcp.payload().empty() && pktdoc::application_protocol(pktdoc::Protocol::tcp, tcp.source_port(),
                                                               tcp.destination_port()) == pktdoc::Protocol::dns)
      seeds.add("dns", tcp.payload());
  }
  if (layers.udp) {
    seeds.add("udp", layers.udp->bytes());
    const auto& udp = *layers.udp;
    const auto application =
        pktdoc::application_protocol(pktdoc::Protocol::udp, udp.source_port(), udp.destination_port());
    if (application == pktdoc::Protocol::dns || application == pktdoc::Protocol::mdns ||
        application == pktdoc::Protocol::llmnr)
      seeds.add("dns", udp.payload());
    if (application == pktdoc::Protocol::sctp) seeds.add("sctp", udp.payload());
  }
  // What a failing layer was given is a good seed for that layer's target.
  if (layers.error.kind != pktdoc::ErrorKind::none && !layers.error_bytes.empty()) {
    switch (layers.error.protocol) {
      case pktdoc::Protocol::ipv4:
        seeds.add("ipv4", layers.error_bytes);
        break;
      case pktdoc::Protocol::ipv6:
        seeds.add("ipv6", layers.error_bytes);
        break;
      case pktdoc::Protocol::icmp:
        seeds.add("icmp", layers.error_bytes);
        break;
      case pktdoc::Protocol::icmpv6:
        seeds.add("icmpv6", layers.error_bytes);
        break;
      case pktdoc::Protocol::tcp:
        seeds.add("tcp", layers.error_bytes);
        break;
      case pktdoc::Protocol::udp:
        seeds.add("udp", layers.error_bytes);
        break;
      case pktdoc::Protocol::sctp:
        seeds.add("sctp", layers.error_bytes);
        break;
      case pktdoc::Protocol::dns:
      case pktdoc::Protocol::mdns:
      case pktdoc::Protocol::llmnr:
        seeds.add("dns", layers.error_bytes);
        break;
      default:
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Short captures

struct Record {
  std::uint32_t seconds = 0;
  std::uint32_t fraction = 0;  // microseconds
  std::uint32_t original_length = 0;
  std::vector<std::byte> bytes;
};

void put32(std::vector<std::byte>& out, std::uint32_t value) {  // little-endian, as this host writes
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::byte>(value >> (8 * i)));
}
void put16(std::vector<std::byte>& out, std::uint16_t value) {
  out.push_back(static_cast<std::byte>(value));
  out.push_back(static_cast<std::byte>(value >> 8));
}

std::vector<std::byte> pcap_file(std::uint32_t link_type, const std::vector<Record>& records, bool nanoseconds) {
  std::vector<std::byte> out;
  put32(out, nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4);
  put16(out, 2);
  put16(out, 4);
  put32(out, 0);
  put32(out, 0);
  put32(out, 262144);
  put32(out, link_type);
  for (const Record& record : records) {
    put32(out, record.seconds);
    put32(out, nanoseconds ? record.fraction * 1000 : record.fraction);
    put32(out, static_cast<std::uint32_t>(record.bytes.size()));
    put32(out, record.original_length);
    out.insert(out.end(), record.bytes.begin(), record.bytes.end());
  }
  return out;
}

// pcapng: a Section Header Block, an Interface Description Block, an Enhanced Packet Block
// per record (timestamps in microseconds, the default if_tsresol).
std::vector<std::byte> pcapng_file(std::uint32_t link_type, const std::vector<Record>& records) {
  std::vector<std::byte> out;
  put32(out, 0x0a0d0d0a);
  put32(out, 28);
  put32(out, 0x1a2b3c4d);
  put16(out, 1);
  put16(out, 0);
  put32(out, 0xffffffff);  // section length unknown
  put32(out, 0xffffffff);
  put32(out, 28);
  put32(out, 1);  // IDB
  put32(out, 20);
  put16(out, static_cast<std::uint16_t>(link_type));
  put16(out, 0);
  put32(out, 262144);
  put32(out, 20);
  for (const Record& record : records) {
    const std::size_t padded = (record.bytes.size() + 3) & ~std::size_t{3};
    const auto total = static_cast<std::uint32_t>(32 + padded);
    const std::uint64_t microseconds = std::uint64_t{record.seconds} * 1000000 + record.fraction;
    put32(out, 6);  // EPB
    put32(out, total);
    put32(out, 0);  // interface 0
    put32(out, static_cast<std::uint32_t>(microseconds >> 32));
    put32(out, static_cast<std::uint32_t>(microseconds));
    put32(out, static_cast<std::uint32_t>(record.bytes.size()));
    put32(out, record.original_length);
    out.insert(out.end(), record.bytes.begin(), record.bytes.end());
    out.resize(out.size() + (padded - record.bytes.size()));
    put32(out, total);
  }
  return out;
}

// The link type value files store, from the DLT value libpcap reports.
std::uint32_t file_link_type(pktdoc::LinkType link_type) {
  switch (link_type) {
    case pktdoc::LinkType::raw_dlt12:
    case pktdoc::LinkType::raw_dlt14:
      return 101;
    default:
      return static_cast<std::uint32_t>(link_type);
  }
}

void add_short_captures(pktdoc::LinkType link_type, const std::vector<Record>& records, SeedWriter& seeds) {
  if (records.empty()) return;
  const std::uint32_t type = file_link_type(link_type);
  seeds.add("capture_file", pcap_file(type, {}, false));  // a header and no records
  for (std::size_t i = 0; i < records.size() && i < 4; ++i)
    seeds.add("capture_file", pcap_file(type, {records[i]}, false));
  for (std::size_t first = 0; first < records.size(); first += 8) {
    const std::vector<Record> run(records.begin() + static_cast<std::ptrdiff_t>(first),
                                  records.begin() + static_cast<std::ptrdiff_t>(std::min(first + 8, records.size())));
    seeds.add("capture_file", pcap_file(type, run, false));
    if (first == 0) {
      seeds.add("capture_file", pcap_file(type, run, true));
      seeds.add("capture_file", pcapng_file(type, run));
    }
  }
}

// ---------------------------------------------------------------------------------------------

bool is_capture(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".cap" || extension == ".pcap" || extension == ".pcapng";
}

void add_capture(const fs::path& path, SeedWriter& seeds) {
  // A small file goes to fuzz_capture_file as it is, whatever it holds.
  if (fs::file_size(path) <= 8192) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    seeds.add("capture_file", ByteView(reinterpret_cast<const std::byte*>(text.data()), text.size()));
  }
  auto capture = pktdoc::CaptureReader::open_file(path.string());
  if (!capture.ok()) {
    std::printf("  skipped %s: %s\n", path.c_str(), capture.error().c_str());
    return;
  }
  std::uint8_t link_index = 0;
  for (std::size_t i = 0; i < kLinkTypes.size(); ++i)
    if (kLinkTypes[i] == capture.link_type()) link_index = static_cast<std::uint8_t>(i);

  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  std::vector<Record> records;
  std::size_t frames = 0;
  while (capture.next(frame) == pktdoc::ReadStatus::frame) {
    ++frames;
    std::vector<std::byte> framed = {std::byte{link_index}};
    framed.insert(framed.end(), frame.bytes.begin(), frame.bytes.end());
    seeds.add("frame", framed);
    if (records.size() < kMaxRecordsPerCapture)
      records.push_back(Record{static_cast<std::uint32_t>(frame.timestamp.seconds), frame.timestamp.nanoseconds / 1000,
                               frame.original_length, std::vector<std::byte>(frame.bytes.begin(), frame.bytes.end())});

    pktdoc::decode_packet(frame, packet);
    if (packet.arp) seeds.add("arp", packet.arp->bytes());
    if (packet.error.protocol == pktdoc::Protocol::arp) seeds.add("arp", packet.error_bytes);
    add_layers(packet.ip, seeds);
    for (std::size_t i = 0; i < packet.inner_count; ++i) add_layers(packet.inner[i], seeds);
  }
  add_short_captures(capture.link_type(), records, seeds);
  std::printf("  %s: %zu frames\n", path.c_str(), frames);
}

std::vector<std::byte> from_hex(const char* text) {
  std::vector<std::byte> out;
  int high = -1;
  for (const char* p = text; *p != '\0'; ++p) {
    int value;
    if (*p >= '0' && *p <= '9')
      value = *p - '0';
    else if (*p >= 'a' && *p <= 'f')
      value = *p - 'a' + 10;
    else
      continue;
    if (high < 0) {
      high = value;
    } else {
      out.push_back(static_cast<std::byte>(high * 16 + value));
      high = -1;
    }
  }
  return out;
}

// A few packets of each kind, addressed from the documentation ranges, so that every corpus has
// something even where no capture is found. Checksums are not filled in.
void add_builtin(SeedWriter& seeds) {
  const auto ipv4_udp_dns = from_hex(
      "45000039 1234 0000 4011 0000 c0000201 c6336401"  // IPv4, UDP, 192.0.2.1 > 198.51.100.1
      "d431 0035 0025 0000"                             // UDP 54321 > 53, length 37
      "abcd 0100 0001 0000 0000 0000"                   // DNS query, 1 question
      "076578616d706c6503636f6d00 0001 0001");          // example.com A IN
  const auto ipv6_tcp_syn = from_hex(
      "60000000 0028 0640 20010db8000000000000000000000001 20010db8000000000000000000000002"
      "c000 0050 00000001 00000000 a002 ffff 0000 0000"  // SYN, data offset 10
      "020405b4 0402080a 0000000100000000 01030307");    // MSS, SACK permitted, timestamps, NOP, wscale
  const auto ipv6_icmpv6_ns = from_hex(
      "60000000 0020 3aff fe800000000000000000000000000001 ff0200000000000000000001ff000002"
      "87 00 0000 00000000 20010db8000000000000000000000002"  // neighbor solicitation
      "01 01 020000000001");                                  // source link-layer address option
  const auto ipv4_icmp_unreachable = from_hex(
      "45000038 0001 0000 4001 0000 c6336401 c0000201"
      "03 03 0000 00000000"                                                   // port unreachable
      "4500001c 1234 0000 4011 0000 c0000201 c6336401 d431 0035 0008 0000");  // the quoted datagram
  const auto sctp_init = from_hex(
      "c000 1388 00000000 00000000"
      "01 00 0020 3a4b5c6d 0001a000 000a ffff 1f2e3d4c"
      "0005 0008 c0000201 c000 0004");
  const auto arp_request = from_hex("0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000202");
  const auto ethernet_arp = from_hex("ffffffffffff 020000000001 0806");

  std::vector<std::byte> frame = {std::byte{1}};  // Ethernet
  frame.insert(frame.end(), ethernet_arp.begin(), ethernet_arp.end());
  frame.insert(frame.end(), arp_request.begin(), arp_request.end());
  seeds.add("frame", frame);
  for (const auto* ip : {&ipv4_udp_dns, &ipv6_tcp_syn, &ipv6_icmpv6_ns, &ipv4_icmp_unreachable}) {
    std::vector<std::byte> raw = {std::byte{4}};  // LINKTYPE_RAW
    raw.insert(raw.end(), ip->begin(), ip->end());
    seeds.add("frame", raw);
  }
  seeds.add("ipv4", ipv4_udp_dns);
  seeds.add("ipv4", ipv4_icmp_unreachable);
  seeds.add("ipv6", ipv6_tcp_syn);
  seeds.add("ipv6", ipv6_icmpv6_ns);
  seeds.add("udp", ByteView(ipv4_udp_dns).subspan(20));
  seeds.add("dns", ByteView(ipv4_udp_dns).subspan(28));
  seeds.add("tcp", ByteView(ipv6_tcp_syn).subspan(40));
  seeds.add("icmpv6", ByteView(ipv6_icmpv6_ns).subspan(40));
  seeds.add("icmp", ByteView(ipv4_icmp_unreachable).subspan(20));
  seeds.add("sctp", sctp_init);
  seeds.add("arp", arp_request);
  std::vector<Record> records;
  records.push_back(Record{1, 2, static_cast<std::uint32_t>(frame.size() - 1),
                           std::vector<std::byte>(frame.begin() + 1, frame.end())});
  add_short_captures(pktdoc::LinkType::ethernet, records, seeds);
}

std::vector<std::byte> text_seed(std::uint8_t mode, std::string_view text) {
  std::vector<std::byte> seed = {std::byte{mode}};
  for (char c : text) seed.push_back(static_cast<std::byte>(c));
  return seed;
}

// Seeds of the stateful targets, in the formats their files describe.
void add_stateful_builtin(SeedWriter& seeds) {
  // fuzz_http: the mode byte (role, limits, gap, finish, announced requests), then the stream.
  seeds.add("http", text_seed(0x00,
                              "GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"
                              "POST /form HTTP/1.1\r\nHost: example.com\r\nContent-Length: 11\r\n"
                              "Content-Type: text/plain\r\n\r\nhello world"
                              "GET /next HTTP/1.0\r\n\r\n"));
  seeds.add("http", text_seed(0x21,
                              "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/html\r\n\r\nhello"));
  seeds.add("http", text_seed(0x21,
                              "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nExpires: never\r\n\r\n"));
  seeds.add("http", text_seed(0x19, "HTTP/1.0 200 OK\r\nServer: x\r\n\r\nbody until the close"));
  seeds.add("http", text_seed(0x41, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));  // HEAD
  seeds.add("http", text_seed(0x61, "HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01tunnel"));
  seeds.add("http", text_seed(0x02,
                              "PUT /a HTTP/1.1\r\nContent-Length: 3\r\nX-Folded: a\r\n  b\r\n\r\nabc"
                              "GET /b HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
  seeds.add("http", text_seed(0x0e, "HTTP/1.1 404 Not Found\r\nContent-Length: 20\r\n\r\n0123456789abcdefghij"));
  // fuzz_ftp: bit 0 commands or replies.
  seeds.add("ftp", text_seed(0x00,
                             "USER anonymous\r\nPASS guest@\r\nSYST\r\nTYPE I\r\nPORT 192,0,2,1,4,1\r\n"
                             "RETR file.txt\r\nEPRT |2|2001:db8::1|5282|\r\nPASV\r\nEPSV\r\nLIST\r\nQUIT\r\n"));
  seeds.add("ftp", text_seed(0x01,
                             "220-Welcome\r\n220-second line\r\n220 ready\r\n331 Password required\r\n"
                             "230 Logged in\r\n227 Entering Passive Mode (192,0,2,1,19,136)\r\n"
                             "229 Entering Extended Passive Mode (|||6446|)\r\n150 Opening\r\n226 Done\r\n"
                             "550 No such file\r\n221 Bye\r\n"));
  seeds.add("ftp", text_seed(0x05, "211-Features:\r\n MDTM\r\n REST STREAM\r\n211 End\r\n"));
  seeds.add("ftp", text_seed(0x02, "STOR a-file-with-a-rather-long-name.txt\r\nNOOP\r\n"));
  // fuzz_defragment: the limits byte, then 5-byte fragment records (see fuzz_defragment.cpp).
  const std::vector<std::vector<std::uint8_t>> fragment_seeds = {
      // IPv4 datagram 0: 3 fragments of 64, 64, 16 bytes in order; then IPv6 datagram 1 out of order.
      {0x3e, 0x08, 0x00, 0x00, 0x08, 0x00, 0x08, 0x00, 0x08, 0x08, 0x00, 0x00, 0x00, 0x10, 0x02, 0x00,
       0x0b, 0x00, 0x08, 0x08, 0x00, 0x03, 0x00, 0x00, 0x08, 0x00, 0x0b, 0x00, 0x00, 0x08, 0x00},
      // Teardrop: overlapping fragments that disagree, a duplicate, a fragment past 65535.
      {0x2a, 0x08, 0x00, 0x00, 0x04, 0x00, 0x18, 0x00, 0x02, 0x04, 0x00, 0x08, 0x00, 0x02, 0x04, 0x20,
       0x00, 0x1f, 0xff, 0x10, 0x00, 0x09, 0x00, 0x00, 0x08, 0x00},
      // Timeouts: a first fragment, time moving on, the rest.
      {0x40, 0x09, 0x00, 0x00, 0x04, 0x00, 0xc1, 0x00, 0x04, 0x01, 0x00, 0x41, 0x00, 0x04, 0x01, 0x00}};
  for (const auto& seed : fragment_seeds) seeds.add("defragment", ByteView(reinterpret_cast<const std::byte*>(seed.data()), seed.size()));
  // fuzz_tcp_reassembly: the set-up byte, then 6-byte segment records (see fuzz_tcp_reassembly.cpp).
  const std::vector<std::vector<std::uint8_t>> tcp_seeds = {
      // A handshake, a request, a response, out of order data, FINs (HTTP tracker, wrapping ISNs).
      {0x15, 0x08, 0x00, 0xff, 0x00, 0x00, 0x00, 0x4c, 0x00, 0xff, 0x00, 0x00, 0x00, 0x40, 0x01, 0x00,
       0x05, 0x00, 0x01, 0x40, 0x01, 0x00, 0x10, 0x01, 0x01, 0x00, 0x44, 0x01, 0x00, 0x20, 0x01, 0x01,
       0x44, 0x01, 0x20, 0x20, 0x01, 0x00, 0x44, 0x01, 0x40, 0x10, 0x01, 0x00, 0x50, 0x01, 0x10, 0x00,
       0x05, 0x00, 0x54, 0x01, 0x60, 0x00, 0x03, 0x00},
      // Small limits: holes, a RST, a far segment, a cut segment.
      {0x21, 0x08, 0x00, 0xff, 0x00, 0x00, 0x00, 0x40, 0x02, 0x00, 0x30, 0x00, 0x00, 0x40, 0x01, 0x00,
       0x20, 0x00, 0x01, 0x40, 0x01, 0x80, 0x05, 0x00, 0x08, 0x41, 0x01, 0x00, 0x10, 0x00, 0x00, 0x60,
       0x01, 0x00, 0x00, 0x00, 0x00}};
  for (const auto& seed : tcp_seeds) seeds.add("tcp_reassembly", ByteView(reinterpret_cast<const std::byte*>(seed.data()), seed.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fuzz_make_seeds OUTPUT_DIR [CAPTURE_FILE_OR_DIR...]\n");
    return 2;
  }
  const fs::path output = argv[1];
  std::error_code error;
  fs::remove_all(output, error);
  fs::create_directories(output);
  SeedWriter seeds(output);
  std::printf("fuzz_make_seeds: writing seeds into %s\n", output.c_str());
  add_builtin(seeds);
  add_stateful_builtin(seeds);
  for (int i = 2; i < argc; ++i) {
    const fs::path source = argv[i];
    if (fs::is_directory(source)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(source))
        if (entry.is_regular_file() && is_capture(entry.path())) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) add_capture(file, seeds);
    } else if (fs::is_regular_file(source)) {
      add_capture(source, seeds);
    } else {
      std::printf("  no captures at %s\n", source.c_str());
    }
  }
  seeds.report();
  return 0;
}
