// CaptureReader against libpcap itself, file by file: a differential test.
//
// CaptureReader promises to hand out exactly what libpcap hands out for any file, whether it reads
// the file itself or through libpcap. Each case here is a file written byte by byte (both byte
// orders, both magics, every version libpcap knows, lying record headers, odd timestamps, files cut
// at every byte, pcapng, text, a pipe); expect_agreement() reads it with CaptureReader and with a
// loop written directly on libpcap, and compares the link type, the snapshot length, every frame
// (number, timestamp, original length, bytes) and how reading ends: at the end, or with the same
// error message.
#include <pcap/pcap.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pktdoc/capture.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::uint32_t kMicroMagic = 0xa1b2c3d4;
constexpr std::uint32_t kNanoMagic = 0xa1b23c4d;
constexpr std::uint32_t kKuznetzovMagic = 0xa1b2cd34;  // records have 24-byte headers
constexpr std::uint32_t kNavtelMagic = 0xa12b3c4d;     // a magic libpcap does not read

// The fields of a pcap file header, none of them checked, so that any of them can be wrong.
struct FileHeader {
  std::uint32_t magic = kMicroMagic;
  bool big_endian = false;
  std::uint16_t major = 2;
  std::uint16_t minor = 4;
  std::uint32_t snaplen = 65535;
  std::uint32_t linktype = 1;
};

// Writes a pcap file byte by byte; record headers say whatever they are given, true or not.
class PcapWriter {
 public:
  explicit PcapWriter(const FileHeader& header)
      : big_endian_(header.big_endian), kuznetzov_(header.magic == kKuznetzovMagic) {
    put(header.magic, 4);
    put(header.major, 2);
    put(header.minor, 2);
    put(0, 4);  // thiszone
    put(0, 4);  // sigfigs
    put(header.snaplen, 4);
    put(header.linktype, 4);
  }
  PcapWriter& record(std::uint32_t seconds, std::uint32_t fraction, std::uint32_t caplen, std::uint32_t len,
                     const Bytes& data) {
    for (std::uint32_t field : {seconds, fraction, caplen, len}) put(field, 4);
    if (kuznetzov_) {  // ifindex, protocol, pkt_type, padding
      put(2, 4);
      put(0x0800, 2);
      put(0, 2);
    }
    out_.insert(out_.end(), data.begin(), data.end());
    return *this;
  }
  // A record whose header tells the truth about `data`.
  PcapWriter& frame(const Bytes& data, std::uint32_t seconds = 1700000000, std::uint32_t fraction = 0) {
    const auto size = static_cast<std::uint32_t>(data.size());
    return record(seconds, fraction, size, size, data);
  }
  const Bytes& bytes() const { return out_; }

 private:
  void put(std::uint32_t value, int size) {
    for (int i = 0; i < size; ++i)
      out_.push_back(static_cast<std::uint8_t>(value >> (8 * (big_endian_ ? size - 1 - i : i))));
  }
  Bytes out_;
  bool big_endian_;
  bool kuznetzov_;
};

Bytes from_hex(std::string_view text) {
  Bytes out;
  for (std::byte b : test::hex(text)) out.push_back(std::to_integer<std::uint8_t>(b));
  return out;
}

// An Ethernet frame of `size` bytes: the headers of an IPv4/UDP datagram (or of an ARP request),
// then bytes counting up from `seed`, so that no two frames of a file are alike; cut to `size`.
Bytes ethernet(std::size_t size, std::uint8_t seed, bool udp = true) {
  static const Bytes kUdp =
      from_hex("020000000002 020000000001 0800 4500 0022 1234 4000 4011 3c60 c0000201 c6336402 9c40 9c41 000e 86e5");
  static const Bytes kArp =
      from_hex("ffffffffffff 020000000001 0806 0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000202");
  Bytes out = udp ? kUdp : kArp;
  for (std::size_t i = out.size(); i < size; ++i) out.push_back(static_cast<std::uint8_t>(seed + i));
  out.resize(size);
  return out;
}

// A UDP datagram, an empty record, 1 byte, 1514 bytes, 96 of 1500 bytes, an ARP request.
Bytes small_file(const FileHeader& header) {
  return PcapWriter(header)
      .frame(ethernet(60, 1), 1700000000, 123456)
      .frame({}, 1700000001, 999999)
      .frame(ethernet(1, 2), 1700000002, 1)
      .frame(ethernet(1514, 3), 1700000003, 500000)
      .record(1700000004, 42, 96, 1500, ethernet(96, 4))
      .frame(ethernet(42, 5, false), 1700000005, 0)
      .bytes();
}

// Records whose two lengths differ both ways; `old_order` writes len before caplen, as files
// before version 2.3 did.
Bytes lengths_file(const FileHeader& header, bool old_order) {
  PcapWriter out(header);
  out.frame(ethernet(60, 1));
  for (auto [caplen, len] : {std::pair{40u, 60u}, std::pair{60u, 40u}})
    out.record(1700000001, 0, old_order ? len : caplen, old_order ? caplen : len, ethernet(caplen, 2));
  return out.frame(ethernet(42, 3, false)).bytes();
}

// Timestamps libpcap does not check: fractions of a second or more, top bits set. libpcap 1.10
// sign-extends both fields in files of the host's byte order but not in byte-swapped ones
// (0x80000000 seconds are -2147483648 in one, 2147483648 in the other), hence both orders.
Bytes timestamps_file(const FileHeader& header) {
  PcapWriter out(header);
  const std::uint32_t times[][2] = {
      {0, 0},          {0x7fffffff, 999999},     {0x80000000, 0},         {0xffffffff, 999999999},
      {1, 1000000},    {1, 999999999},           {1, 1000000000},         {1, 0x7fffffff},
      {1, 0x80000000}, {0x80000000, 0xffffffff}, {0xffffffff, 0xffffffff}};
  std::uint8_t seed = 0;
  for (const auto& time : times) out.frame(ethernet(60, ++seed), time[0], time[1]);
  return out.bytes();
}

// 3000 records of 1500 bytes (every third an ARP request, the others UDP): more than 4 MiB, and
// a record of `big` bytes after the first half when `big` is not 0.
constexpr std::size_t kLargeRecord = 16 + 1500;
constexpr std::size_t kBigRecordOffset = 24 + 1500 * kLargeRecord;
Bytes large_file(const FileHeader& header, std::size_t big) {
  PcapWriter out(header);
  for (std::uint32_t i = 0; i < 3000; ++i) {
    if (i == 1500 && big != 0) out.frame(ethernet(big, 7), 1700001500, 1);
    out.frame(ethernet(1500, static_cast<std::uint8_t>(i), i % 3 != 2), 1700000000 + i, i * 37 % 1000000);
  }
  return out.bytes();
}

// A pcapng file: a section header, an Ethernet interface, one enhanced packet block per frame.
Bytes pcapng_file(const std::vector<Bytes>& frames) {
  Bytes out;
  const auto u32 = [&](std::uint32_t v) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
  };
  for (std::uint32_t word : {0x0A0D0D0Au, 28u, 0x1A2B3C4Du, 1u, 0xffffffffu, 0xffffffffu, 28u}) u32(word);
  for (std::uint32_t word : {1u, 20u, 1u, 65535u, 20u}) u32(word);
  for (const Bytes& frame : frames) {
    const auto size = static_cast<std::uint32_t>(frame.size());
    const std::uint32_t length = 32 + ((size + 3) & ~3u);
    for (std::uint32_t word : {6u, length, 0u, 0x00060a3bu, 0x2a1b3c00u + size, size, size}) u32(word);
    out.insert(out.end(), frame.begin(), frame.end());
    out.resize(out.size() + (length - 32 - size), 0);
    u32(length);
  }
  return out;
}

struct Case {
  std::string name;
  Bytes bytes;
  std::string filter = {};
};

// `bytes` cut to each of `sizes`.
std::vector<Case> cuts(const std::string& name, const Bytes& bytes, const std::vector<std::size_t>& sizes,
                       const std::string& filter = {}) {
  std::vector<Case> out;
  for (std::size_t size : sizes)
    out.push_back({name + ".cut" + std::to_string(size),
                   Bytes(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size)), filter});
  return out;
}
std::vector<Case> every_cut(const std::string& name, const Bytes& bytes, const std::string& filter = {}) {
  std::vector<std::size_t> sizes(bytes.size() + 1);
  for (std::size_t size = 0; size < sizes.size(); ++size) sizes[size] = size;
  return cuts(name, bytes, sizes, filter);
}

struct Variant {
  const char* name;
  std::uint32_t magic;
  bool big_endian;
};
constexpr Variant kVariants[] = {{"le-usec", kMicroMagic, false},
                                 {"be-usec", kMicroMagic, true},
                                 {"le-nsec", kNanoMagic, false},
                                 {"be-nsec", kNanoMagic, true}};
FileHeader header_of(const Variant& variant) {
  FileHeader header;
  header.magic = variant.magic;
  header.big_endian = variant.big_endian;
  return header;
}

std::string status_name(ReadStatus status) {
  switch (status) {
    case ReadStatus::frame:
      return "frame";
    case ReadStatus::timeout:
      return "timeout";
    case ReadStatus::end:
      return "end";
    case ReadStatus::error:
      return "error";
  }
  return "?";
}

// A frame as one line, so that a mismatch shows both sides; the bytes by size and FNV-1a hash.
std::string describe(std::uint64_t number, Timestamp time, std::uint32_t original_length, ByteView bytes,
                     LinkType link_type) {
  std::uint64_t hash = 14695981039346656037u;
  for (std::byte b : bytes) hash = (hash ^ std::to_integer<std::uint64_t>(b)) * 1099511628211u;
  return "number " + std::to_string(number) + ", time " + std::to_string(time.seconds) + " s " +
         std::to_string(time.nanoseconds) + " ns, original length " + std::to_string(original_length) + ", " +
         std::to_string(bytes.size()) + " bytes hashing to " + std::to_string(hash) + ", link type " +
         std::to_string(static_cast<std::uint32_t>(link_type));
}

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// Reads `path` with CaptureReader and `reference_path` (the same file, unless it can be read only
// once) with libpcap, and expects the same capture from both, up to the first difference.
void expect_agreement(const std::string& path, const std::string& filter = {}, const std::string& reference_path = {}) {
  SCOPED_TRACE(path + (filter.empty() ? "" : " with filter '" + filter + "'"));
  char message[PCAP_ERRBUF_SIZE] = "";
  const std::unique_ptr<pcap_t, void (*)(pcap_t*)> pcap(
      pcap_open_offline_with_tstamp_precision((reference_path.empty() ? path : reference_path).c_str(),
                                              PCAP_TSTAMP_PRECISION_NANO, message),
      pcap_close);
  CaptureReader reader = CaptureReader::open_file(path, filter);
  if (pcap == nullptr) {
    ASSERT_FALSE(reader.ok()) << "libpcap cannot open it: " << message;
    EXPECT_NE(reader.error().find(path), std::string::npos) << reader.error();
    EXPECT_TRUE(ends_with(reader.error(), message)) << reader.error() << "\nlibpcap: " << message;
    return;
  }
  const auto link_type = static_cast<LinkType>(pcap_datalink(pcap.get()));
  if (!is_supported(link_type)) {
    ASSERT_FALSE(reader.ok()) << "link type " << static_cast<std::uint32_t>(link_type);
    EXPECT_EQ(reader.error(), path + ": unsupported link type " + link_type_name(link_type));
    return;
  }
  ASSERT_TRUE(reader.ok()) << reader.error();
  EXPECT_EQ(reader.link_type(), link_type);
  EXPECT_EQ(reader.snapshot_length(), static_cast<std::uint32_t>(pcap_snapshot(pcap.get())));

  struct Program {
    bpf_program code{};
    bool compiled = false;
    ~Program() {
      if (compiled) pcap_freecode(&code);
    }
  } program;
  if (!filter.empty()) {
    ASSERT_EQ(pcap_compile(pcap.get(), &program.code, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN), 0)
        << pcap_geterr(pcap.get());
    program.compiled = true;
  }
  std::uint64_t number = 0;  // every frame libpcap read, filtered out or not
  for (std::uint64_t returned = 1;; ++returned) {
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status;
    while ((status = pcap_next_ex(pcap.get(), &header, &data)) == 1) {
      ++number;
      if (!program.compiled || pcap_offline_filter(&program.code, header, data) != 0) break;
    }
    Frame frame;
    const ReadStatus got = reader.next(frame);
    if (status == 1) {
      ASSERT_EQ(status_name(got), "frame") << "frame #" << returned << ": " << reader.error();
      // libpcap's nanoseconds as seconds and nanoseconds 0-999999999, whatever their value: a
      // fraction of a second or more carried into the seconds, a negative one borrowed from them.
      const std::int64_t fraction = header->ts.tv_usec;
      const std::int64_t borrowed = fraction < 0 ? (-fraction + 999999999) / 1000000000 : 0;
      const Timestamp time{header->ts.tv_sec - borrowed + (fraction + borrowed * 1000000000) / 1000000000,
                           static_cast<std::uint32_t>((fraction + borrowed * 1000000000) % 1000000000)};
      const ByteView bytes = as_bytes(data, header->caplen);
      ASSERT_EQ(describe(frame.number, frame.timestamp, frame.original_length, frame.bytes, frame.link_type),
                describe(number, time, header->len, bytes, link_type))
          << "frame #" << returned;
      ASSERT_TRUE(std::equal(frame.bytes.begin(), frame.bytes.end(), bytes.begin(), bytes.end()))
          << "frame #" << returned;
      continue;
    }
    if (status == PCAP_ERROR_BREAK) {
      EXPECT_EQ(status_name(got), "end") << "after frame #" << returned - 1 << ": " << reader.error();
      return;
    }
    ASSERT_EQ(status, PCAP_ERROR);
    const std::string why = pcap_geterr(pcap.get());
    ASSERT_EQ(status_name(got), "error") << "after frame #" << returned - 1 << ", libpcap: " << why;
    EXPECT_EQ(reader.error(), path + ": " + why);
    return;
  }
}

class CaptureAgreement : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "pktdoc-agreement-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
  }
  void TearDown() override {
    for (int fd : pipes_) close(fd);
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  std::string write(const std::string& name, const Bytes& bytes) const {
    const std::string file = (folder_ / name).string();
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    EXPECT_TRUE(out.flush()) << file;
    return file;
  }
  // A pipe already holding `bytes` (at most the pipe's capacity) and closed for writing, by name.
  std::string pipe_holding(const Bytes& bytes) {
    int ends[2];
    EXPECT_EQ(pipe(ends), 0);
    EXPECT_EQ(::write(ends[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    close(ends[1]);
    pipes_.push_back(ends[0]);
    return "/dev/fd/" + std::to_string(ends[0]);
  }
  void expect_agreement_on(const std::vector<Case>& cases) const {
    for (const Case& c : cases) expect_agreement(write(c.name, c.bytes), c.filter);
  }

  std::filesystem::path folder_;
  std::vector<int> pipes_;
};

TEST_F(CaptureAgreement, WellFormedFilesAndLinkTypes) {
  std::vector<Case> cases;
  for (const Variant& variant : kVariants) {
    cases.push_back({std::string("small-") + variant.name + ".pcap", small_file(header_of(variant))});
    cases.push_back({std::string("empty-") + variant.name + ".pcap", PcapWriter(header_of(variant)).bytes()});
  }
  // 101 reads as DLT_RAW (12); FCS bits above the link type are not part of it; 105 and 147 are
  // unsupported, and so is 65537, which is Ethernet in its low 16 bits.
  for (std::uint32_t linktype :
       {0u, 1u, 12u, 14u, 101u, 108u, 113u, 276u, 0x14000001u, 0x04000001u, 105u, 147u, 65537u}) {
    for (bool big_endian : {false, true}) {
      FileHeader header;
      header.linktype = linktype;
      header.big_endian = big_endian;
      cases.push_back(
          {"linktype-" + std::to_string(linktype) + (big_endian ? "-be" : "-le") + ".pcap", small_file(header)});
    }
  }
  expect_agreement_on(cases);
}

TEST_F(CaptureAgreement, FilesCutAtEveryByte) {
  for (const Variant& variant : kVariants)
    expect_agreement_on(every_cut(std::string("small-") + variant.name + ".pcap", small_file(header_of(variant))));
}

TEST_F(CaptureAgreement, CapturedLengthsAndSnapLengths) {
  for (bool big_endian : {false, true}) {
    const std::string order = big_endian ? "-be" : "-le";
    FileHeader header;
    header.big_endian = big_endian;
    std::vector<Case> cases;
    // Records longer than the snap length (but not than 262144): libpcap hands out the first
    // snaplen bytes and skips the rest. Cut everywhere, inside the skipped part too.
    header.snaplen = 100;
    const Bytes snapped = PcapWriter(header)
                              .frame(ethernet(60, 1))
                              .frame(ethernet(1514, 2))
                              .frame(ethernet(100, 3))
                              .frame(ethernet(101, 4))
                              .frame(ethernet(42, 5, false))
                              .bytes();
    for (Case& c : every_cut("snaplen-100" + order + ".pcap", snapped)) cases.push_back(std::move(c));
    // Captured lengths at and past 262144, the most libpcap accepts, with snap lengths either side
    // ("invalid packet capture length 262145, bigger than snaplen of 262144", or "... than maximum
    // of 262144" when the snap length is larger).
    for (std::uint32_t snaplen : {65535u, 262144u, 262145u}) {
      header.snaplen = snaplen;
      for (std::uint32_t caplen : {262144u, 262145u, 0xffffffffu}) {
        const Bytes data = caplen <= 262145 ? ethernet(caplen, 6) : ethernet(60, 6);
        cases.push_back({"caplen-" + std::to_string(caplen) + "-snaplen-" + std::to_string(snaplen) + order + ".pcap",
                         PcapWriter(header)
                             .frame(ethernet(60, 1))
                             .record(1, 0, caplen, caplen, data)
                             .frame(ethernet(42, 2, false))
                             .bytes()});
      }
    }
    // A record longer than it was on the wire, and one that was 0 bytes on the wire.
    header.snaplen = 65535;
    cases.push_back(
        {"caplen-over-len" + order + ".pcap",
         PcapWriter(header).record(1, 0, 60, 40, ethernet(60, 1)).record(2, 0, 60, 0, ethernet(60, 2)).bytes()});
    // Snap lengths: libpcap 1.10 replaces 0 and those above INT_MAX with 262144, but keeps 262145
    // and 0x7fffffff as they are (262145 is in the captured-length cases above too).
    for (std::uint32_t snaplen : {0u, 1u, 262144u, 262145u, 0x7fffffffu, 0x80000000u, 0xffffffffu}) {
      header.snaplen = snaplen;
      cases.push_back({"snaplen-" + std::to_string(snaplen) + order + ".pcap", small_file(header)});
    }
    expect_agreement_on(cases);
  }
}

TEST_F(CaptureAgreement, Timestamps) {
  std::vector<Case> cases;
  for (const Variant& variant : kVariants)
    cases.push_back({std::string("timestamps-") + variant.name + ".pcap", timestamps_file(header_of(variant))});
  expect_agreement_on(cases);
}

TEST_F(CaptureAgreement, VersionsAndMagics) {
  std::vector<Case> cases;
  for (bool big_endian : {false, true}) {
    const std::string order = big_endian ? "-be" : "-le";
    FileHeader header;
    header.big_endian = big_endian;
    // Before 2.3 (and in DG/UX's 543.0) len came before caplen; 2.3 files have either order.
    const std::uint16_t versions[][2] = {{2, 4}, {2, 3}, {2, 2}, {2, 1},   {2, 0},   {2, 5},
                                         {3, 0}, {1, 0}, {0, 0}, {543, 0}, {543, 1}, {0xffff, 0xffff}};
    for (const auto& version : versions) {
      header.major = version[0];
      header.minor = version[1];
      const std::string name = "version-" + std::to_string(version[0]) + "." + std::to_string(version[1]);
      for (bool old_order : {false, true})
        cases.push_back({name + (old_order ? "-len-first" : "") + order + ".pcap", lengths_file(header, old_order)});
    }
    // Kuznetzov's format: 24-byte record headers, and 14 more bytes of snap length on Ethernet.
    header.major = 2;
    header.minor = 4;
    header.magic = kKuznetzovMagic;
    for (std::uint32_t linktype : {1u, 101u}) {
      header.linktype = linktype;
      cases.push_back({"kuznetzov-" + std::to_string(linktype) + order + ".pcap", small_file(header)});
    }
    header.linktype = 1;
    for (Case& c : every_cut("kuznetzov" + order + ".pcap", small_file(header))) cases.push_back(std::move(c));
    header.magic = kNavtelMagic;
    cases.push_back({"navtel" + order + ".pcap", small_file(header)});
  }
  expect_agreement_on(cases);
}

TEST_F(CaptureAgreement, OtherFormatsAndFiles) {
  const Bytes pcapng = pcapng_file({ethernet(60, 1), {}, ethernet(1514, 2), ethernet(42, 3, false)});
  std::vector<Case> cases = every_cut("frames.pcapng", pcapng);
  const std::string text = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
  cases.push_back({"notes.txt", Bytes(text.begin(), text.end())});
  expect_agreement_on(cases);
  expect_agreement((folder_ / "no-such-file.pcap").string());
  expect_agreement(folder_.string());  // a folder
  // Through pipes, which can be read only once: one for CaptureReader, one for libpcap.
  const Bytes small = small_file(FileHeader{});
  for (const Bytes& bytes : {small, Bytes(small.begin(), small.end() - 10), pcapng})
    expect_agreement(pipe_holding(bytes), {}, pipe_holding(bytes));
}

TEST_F(CaptureAgreement, LargeFiles) {
  std::vector<Case> cases;
  FileHeader header;
  header.snaplen = 262144;
  cases.push_back({"large.pcap", large_file(header, 0)});
  // A 200000-byte record in the middle, whole, then cut to a snap length of 65535.
  const Bytes big = large_file(header, 200000);
  cases.push_back({"large-big-record.pcap", big});
  header.snaplen = 65535;
  header.big_endian = true;
  const Bytes snapped = large_file(header, 200000);
  cases.push_back({"large-big-record-snapped.pcap", snapped});
  // Cut around powers of two (where a reader's buffers are likely to end) and inside the big record.
  std::vector<std::size_t> sizes;
  for (std::size_t power = std::size_t{1} << 16; power <= (std::size_t{1} << 22); power <<= 1)
    for (std::size_t size : {power - 1, power, power + 1}) sizes.push_back(size);
  for (std::size_t offset : {0u, 8u, 16u, 17u, 16u + 65535, 16u + 65536, 16u + 100000, 16u + 199999, 16u + 200000})
    sizes.push_back(kBigRecordOffset + offset);
  for (Case& c : cuts("large-big-record.pcap", big, sizes)) cases.push_back(std::move(c));
  for (Case& c : cuts("large-big-record-snapped.pcap", snapped, sizes)) cases.push_back(std::move(c));
  expect_agreement_on(cases);
}

// A filter drops frames but not their numbers: Frame::number counts every frame of the file.
TEST_F(CaptureAgreement, BpfFilter) {
  std::vector<Case> cases;
  for (const Variant& variant : kVariants)
    cases.push_back({std::string("small-") + variant.name + ".pcap", small_file(header_of(variant)), "udp"});
  for (Case& c : every_cut("small-filtered.pcap", small_file(FileHeader{}), "arp")) cases.push_back(std::move(c));
  FileHeader header;
  header.snaplen = 262144;
  cases.push_back({"large-big-record.pcap", large_file(header, 200000), "udp"});
  header.magic = kKuznetzovMagic;
  cases.push_back({"kuznetzov.pcap", small_file(header), "udp"});
  cases.push_back({"frames.pcapng", pcapng_file({ethernet(60, 1), ethernet(42, 2, false), ethernet(60, 3)}), "arp"});
  expect_agreement_on(cases);
}

}  // namespace
}  // namespace pktdoc
