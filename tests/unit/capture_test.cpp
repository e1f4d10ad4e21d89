// CaptureReader on capture files this test writes itself, into a temporary folder: pcap with
// microsecond and nanosecond timestamps (written with libpcap), pcapng (written by hand: a
// section header, an interface description and enhanced packet blocks), BPF filters, and every
// way opening or reading can fail.
#include "pktdoc/capture.hpp"

#include <pcap/pcap.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;

// Three Ethernet frames (each checked once with tshark): IPv4/UDP 192.0.2.1:40000 ->
// 198.51.100.2:40001, IPv4/TCP 192.0.2.1:40000 -> 198.51.100.2:40002, and an ARP request for
// 192.0.2.2, each padded to 60 bytes.
const auto kUdpFrame = [] {
  auto bytes =
      hex("020000000002 020000000001 0800"
          "4500 0022 1234 4000 4011 3c60 c0000201 c6336402 9c40 9c41 000e 86e5 706b74646f63");
  bytes.resize(60, std::byte{0});
  return bytes;
}();
const auto kTcpFrame = [] {
  auto bytes =
      hex("020000000002 020000000001 0800"
          "4500 002b 1235 4000 4006 3c61 c0000201 c6336402"
          "9c40 9c42 01020304 0a0b0c0d 5018 2000 7d8c 0000 6f6464");
  bytes.resize(60, std::byte{0});
  return bytes;
}();
const auto kArpFrame = [] {
  auto bytes =
      hex("ffffffffffff 020000000001 0806"
          "0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000202");
  bytes.resize(60, std::byte{0});
  return bytes;
}();

struct Record {
  std::int64_t seconds = 0;
  std::uint32_t fraction = 0;         // microseconds or nanoseconds, as the file's precision says
  std::uint32_t original_length = 0;  // 0: the captured length
  std::vector<std::byte> bytes;
};

class CaptureFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "pktdoc-capture-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
  std::string path(const std::string& name) const { return (folder_ / name).string(); }

  // Writes a pcap file with libpcap, as tcpdump -w would.
  std::string write_pcap(const std::string& name, int dlt, const std::vector<Record>& records,
                         int precision = PCAP_TSTAMP_PRECISION_MICRO, int snaplen = 65535) const {
    const std::string file = path(name);
    pcap_t* dead = pcap_open_dead_with_tstamp_precision(dlt, snaplen, static_cast<u_int>(precision));
    EXPECT_NE(dead, nullptr);
    pcap_dumper_t* dumper = pcap_dump_open(dead, file.c_str());
    EXPECT_NE(dumper, nullptr) << pcap_geterr(dead);
    for (const Record& record : records) {
      pcap_pkthdr header{};
      header.ts.tv_sec = static_cast<time_t>(record.seconds);
      header.ts.tv_usec = static_cast<suseconds_t>(record.fraction);
      header.caplen = static_cast<bpf_u_int32>(record.bytes.size());
      header.len = record.original_length != 0 ? record.original_length : header.caplen;
      pcap_dump(reinterpret_cast<u_char*>(dumper), &header, reinterpret_cast<const u_char*>(record.bytes.data()));
    }
    pcap_dump_close(dumper);
    pcap_close(dead);
    return file;
  }

  // Writes a pcapng file by hand: one section header block, one interface description block
  // (with an if_tsresol option when `tsresol` is not 6), one enhanced packet block per record.
  std::string write_pcapng(const std::string& name, std::uint16_t linktype, const std::vector<Record>& records,
                           std::uint8_t tsresol = 6) const {
    std::vector<std::uint8_t> out;
    const auto u16 = [&](std::uint16_t v) { out.insert(out.end(), {std::uint8_t(v), std::uint8_t(v >> 8)}); };
    const auto u32 = [&](std::uint32_t v) {
      out.insert(out.end(), {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24)});
    };
    // Section header block: type, length 28, byte-order magic, version 1.0, section length -1.
    u32(0x0A0D0D0A);
    u32(28);
    u32(0x1A2B3C4D);
    u16(1);
    u16(0);
    u32(0xffffffff);
    u32(0xffffffff);
    u32(28);
    // Interface description block: link type, reserved, snap length, options.
    const std::uint32_t idb_length = tsresol == 6 ? 20 : 20 + 8 + 4;
    u32(0x00000001);
    u32(idb_length);
    u16(linktype);
    u16(0);
    u32(65535);
    if (tsresol != 6) {
      u16(9);  // if_tsresol
      u16(1);
      out.insert(out.end(), {tsresol, 0, 0, 0});
      u16(0);  // opt_endofopt
      u16(0);
    }
    u32(idb_length);
    // Enhanced packet blocks: interface 0, 64-bit timestamp in if_tsresol units, lengths, data.
    const std::uint64_t units = tsresol == 9 ? 1000000000u : 1000000u;
    for (const Record& record : records) {
      const std::uint32_t captured = static_cast<std::uint32_t>(record.bytes.size());
      const std::uint32_t padded = (captured + 3) & ~3u;
      const std::uint32_t length = 32 + padded;
      const std::uint64_t timestamp = static_cast<std::uint64_t>(record.seconds) * units + record.fraction;
      u32(0x00000006);
      u32(length);
      u32(0);
      u32(static_cast<std::uint32_t>(timestamp >> 32));
      u32(static_cast<std::uint32_t>(timestamp));
      u32(captured);
      u32(record.original_length != 0 ? record.original_length : captured);
      for (std::byte b : record.bytes) out.push_back(static_cast<std::uint8_t>(b));
      out.resize(out.size() + (padded - captured), 0);
      u32(length);
    }
    return write_bytes(name, out);
  }

  std::string write_bytes(const std::string& name, const std::vector<std::uint8_t>& bytes) const {
    const std::string file = path(name);
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return file;
  }
  std::string write_text(const std::string& name, const std::string& text) const {
    return write_bytes(name, std::vector<std::uint8_t>(text.begin(), text.end()));
  }
  static std::vector<std::uint8_t> read_bytes(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
  }

  std::vector<Record> three_frames() const {
    return {Record{1700000000, 123456, 0, kUdpFrame}, Record{1700000001, 0, 0, kTcpFrame},
            Record{1700000002, 999999, 0, kArpFrame}};
  }

  std::filesystem::path folder_;
};

bool same_bytes(ByteView a, const std::vector<std::byte>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

TEST_F(CaptureFiles, PcapWithMicrosecondTimestamps) {
  const std::string file = write_pcap("micro.pcap", DLT_EN10MB, three_frames());
  auto capture = CaptureReader::open_file(file);
  ASSERT_TRUE(capture.ok()) << capture.error();
  EXPECT_EQ(capture.link_type(), LinkType::ethernet);
  EXPECT_EQ(capture.snapshot_length(), 65535u);
  Frame frame;
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.number, 1u);
  EXPECT_EQ(frame.timestamp.seconds, 1700000000);
  EXPECT_EQ(frame.timestamp.nanoseconds, 123456000u);  // microseconds scaled to nanoseconds
  EXPECT_EQ(frame.original_length, 60u);
  EXPECT_TRUE(same_bytes(frame.bytes, kUdpFrame));
  EXPECT_EQ(frame.link_type, LinkType::ethernet);
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.number, 2u);
  EXPECT_EQ(frame.timestamp.seconds, 1700000001);
  EXPECT_EQ(frame.timestamp.nanoseconds, 0u);
  EXPECT_TRUE(same_bytes(frame.bytes, kTcpFrame));
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.number, 3u);
  EXPECT_EQ(frame.timestamp.nanoseconds, 999999000u);
  EXPECT_TRUE(same_bytes(frame.bytes, kArpFrame));
  EXPECT_EQ(capture.next(frame), ReadStatus::end);
  EXPECT_EQ(capture.next(frame), ReadStatus::end);  // and it stays at the end
  EXPECT_TRUE(capture.error().empty());
}

TEST_F(CaptureFiles, PcapWithNanosecondTimestamps) {
  const std::string file = write_pcap("nano.pcap", DLT_EN10MB,
                                      {Record{1700000000, 123456789, 0, kUdpFrame}, Record{0, 999999999, 0, kArpFrame}},
                                      PCAP_TSTAMP_PRECISION_NANO);
  EXPECT_EQ(read_bytes(file)[0], 0x4d);  // the nanosecond magic 0xa1b23c4d, written little-endian
  auto capture = CaptureReader::open_file(file);
  ASSERT_TRUE(capture.ok()) << capture.error();
  Frame frame;
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.timestamp.seconds, 1700000000);
  EXPECT_EQ(frame.timestamp.nanoseconds, 123456789u);
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.timestamp.seconds, 0);
  EXPECT_EQ(frame.timestamp.nanoseconds, 999999999u);
  EXPECT_EQ(capture.next(frame), ReadStatus::end);
}

TEST_F(CaptureFiles, OriginalLengthAndCapturedLength) {
  // A snap length of 34 keeps the Ethernet and IPv4 headers of a 60-byte frame.
  const std::vector<std::byte> head(kUdpFrame.begin(), kUdpFrame.begin() + 34);
  const std::string file =
      write_pcap("snap.pcap", DLT_EN10MB, {Record{1, 0, 60, head}}, PCAP_TSTAMP_PRECISION_MICRO, 34);
  auto capture = CaptureReader::open_file(file);
  ASSERT_TRUE(capture.ok()) << capture.error();
  EXPECT_EQ(capture.snapshot_length(), 34u);
  Frame frame;
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.original_length, 60u);
  EXPECT_EQ(frame.bytes.size(), 34u);
  EXPECT_TRUE(same_bytes(frame.bytes, head));
}

TEST_F(CaptureFiles, PcapngWithMicrosecondAndNanosecondResolution) {
  const std::string micro = write_pcapng("micro.pcapng", 1, three_frames());
  auto capture = CaptureReader::open_file(micro);
  ASSERT_TRUE(capture.ok()) << capture.error();
  EXPECT_EQ(capture.link_type(), LinkType::ethernet);
  EXPECT_EQ(capture.snapshot_length(), 65535u);
  Frame frame;
  for (std::uint64_t number = 1; number <= 3; ++number) {
    ASSERT_EQ(capture.next(frame), ReadStatus::frame) << capture.error();
    EXPECT_EQ(frame.number, number);
  }
  EXPECT_EQ(frame.timestamp.seconds, 1700000002);
  EXPECT_EQ(frame.timestamp.nanoseconds, 999999000u);
  EXPECT_TRUE(same_bytes(frame.bytes, kArpFrame));
  EXPECT_EQ(capture.next(frame), ReadStatus::end);

  // Nanosecond resolution (if_tsresol = 9), a 33-byte frame (padded in the block to 36) whose
  // original length was 60.
  const std::vector<std::byte> head(kUdpFrame.begin(), kUdpFrame.begin() + 33);
  const std::string nano = write_pcapng("nano.pcapng", 1, {Record{1700000000, 123456789, 60, head}}, 9);
  capture = CaptureReader::open_file(nano);
  ASSERT_TRUE(capture.ok()) << capture.error();
  ASSERT_EQ(capture.next(frame), ReadStatus::frame) << capture.error();
  EXPECT_EQ(frame.timestamp.seconds, 1700000000);
  EXPECT_EQ(frame.timestamp.nanoseconds, 123456789u);
  EXPECT_EQ(frame.original_length, 60u);
  EXPECT_EQ(frame.bytes.size(), 33u);
  EXPECT_TRUE(same_bytes(frame.bytes, head));
}

TEST_F(CaptureFiles, LinkTypes) {
  // libpcap reports DLT_ values: a file written with DLT_RAW holds LINKTYPE_RAW (101) and reads
  // back as DLT_RAW, 12 on Linux.
  const std::vector<std::byte> ip(kUdpFrame.begin() + 14, kUdpFrame.begin() + 48);
  struct Case {
    int dlt;
    LinkType expected;
  };
  for (const Case& c : {Case{DLT_RAW, LinkType::raw_dlt12}, Case{DLT_NULL, LinkType::null},
                        Case{DLT_LOOP, LinkType::loop}, Case{DLT_LINUX_SLL, LinkType::linux_sll},
                        Case{DLT_LINUX_SLL2, LinkType::linux_sll2}, Case{DLT_EN10MB, LinkType::ethernet}}) {
    const std::string file = write_pcap("link" + std::to_string(c.dlt) + ".pcap", c.dlt, {Record{1, 0, 0, ip}});
    auto capture = CaptureReader::open_file(file);
    ASSERT_TRUE(capture.ok()) << capture.error();
    EXPECT_EQ(capture.link_type(), c.expected) << c.dlt;
    Frame frame;
    ASSERT_EQ(capture.next(frame), ReadStatus::frame);
    EXPECT_EQ(frame.link_type, c.expected);
  }
  EXPECT_EQ(read_bytes(path("link12.pcap"))[20], 101);  // the file says LINKTYPE_RAW
  // pcapng with LINKTYPE_RAW in its interface description reads the same way.
  auto capture = CaptureReader::open_file(write_pcapng("raw.pcapng", 101, {Record{1, 0, 0, ip}}));
  ASSERT_TRUE(capture.ok()) << capture.error();
  EXPECT_EQ(capture.link_type(), LinkType::raw_dlt12);
}

TEST_F(CaptureFiles, BpfFilterSelectsFrames) {
  const std::string file = write_pcap("mixed.pcap", DLT_EN10MB, three_frames());
  auto udp = CaptureReader::open_file(file, "udp");
  ASSERT_TRUE(udp.ok()) << udp.error();
  Frame frame;
  ASSERT_EQ(udp.next(frame), ReadStatus::frame);
  EXPECT_TRUE(same_bytes(frame.bytes, kUdpFrame));
  EXPECT_EQ(udp.next(frame), ReadStatus::end);

  auto some = CaptureReader::open_file(file, "arp or tcp port 40002");
  ASSERT_TRUE(some.ok()) << some.error();
  ASSERT_EQ(some.next(frame), ReadStatus::frame);
  EXPECT_TRUE(same_bytes(frame.bytes, kTcpFrame));
  EXPECT_EQ(frame.timestamp.seconds, 1700000001);
  ASSERT_EQ(some.next(frame), ReadStatus::frame);
  EXPECT_TRUE(same_bytes(frame.bytes, kArpFrame));
  EXPECT_EQ(some.next(frame), ReadStatus::end);

  auto none = CaptureReader::open_file(file, "host 203.0.113.1");
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_EQ(none.next(frame), ReadStatus::end);

  auto bad = CaptureReader::open_file(file, "udp and (");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find(file), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().find("udp and ("), std::string::npos) << bad.error();
}

// With a filter, Frame::number still counts every frame of the file, as Wireshark numbers them.
TEST_F(CaptureFiles, FrameNumbersCountEveryFrameOfTheCapture) {
  auto capture = CaptureReader::open_file(write_pcap("numbers.pcap", DLT_EN10MB, three_frames()), "arp");
  ASSERT_TRUE(capture.ok()) << capture.error();
  Frame frame;
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.number, 3u);
}

TEST_F(CaptureFiles, MissingFile) {
  const std::string file = path("no-such-file.pcap");
  auto capture = CaptureReader::open_file(file);
  EXPECT_FALSE(capture.ok());
  EXPECT_NE(capture.error().find(file), std::string::npos) << capture.error();
  EXPECT_EQ(capture.error().find('\n'), std::string::npos) << capture.error();
  Frame frame;
  EXPECT_EQ(capture.next(frame), ReadStatus::end);
}

TEST_F(CaptureFiles, FileThatIsNotACapture) {
  const std::string file = write_text("notes.pcap", "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
  auto capture = CaptureReader::open_file(file);
  EXPECT_FALSE(capture.ok());
  EXPECT_NE(capture.error().find(file), std::string::npos) << capture.error();
  EXPECT_EQ(capture.error().find('\n'), std::string::npos) << capture.error();
  // Neither is a directory.
  auto folder = CaptureReader::open_file(folder_.string());
  EXPECT_FALSE(folder.ok());
  EXPECT_NE(folder.error().find(folder_.string()), std::string::npos) << folder.error();
}

TEST_F(CaptureFiles, EmptyFileAndBareHeaders) {
  const std::string empty = write_text("empty.pcap", "");
  auto capture = CaptureReader::open_file(empty);
  EXPECT_FALSE(capture.ok());
  EXPECT_NE(capture.error().find(empty), std::string::npos) << capture.error();
  // A file header and no records is a capture of no frames.
  auto header_only = CaptureReader::open_file(write_pcap("header-only.pcap", DLT_EN10MB, {}));
  ASSERT_TRUE(header_only.ok()) << header_only.error();
  Frame frame;
  EXPECT_EQ(header_only.next(frame), ReadStatus::end);
  // The first 20 of the 24 bytes of a file header.
  auto bytes = read_bytes(path("header-only.pcap"));
  bytes.resize(20);
  auto cut_header = CaptureReader::open_file(write_bytes("cut-header.pcap", bytes));
  EXPECT_FALSE(cut_header.ok());
  EXPECT_NE(cut_header.error().find("cut-header.pcap"), std::string::npos) << cut_header.error();
}

TEST_F(CaptureFiles, FileCutInsideARecord) {
  // libpcap reports a record cut short as an error ("truncated dump file"), whether the cut is in
  // the record's data or in its 16-byte header; a cut between records is a clean end.
  const std::string whole = write_pcap("whole.pcap", DLT_EN10MB, three_frames());
  const auto bytes = read_bytes(whole);
  ASSERT_EQ(bytes.size(), 24u + 3 * (16 + 60));
  struct Case {
    std::size_t size;
    ReadStatus third;
  };
  for (const Case& c : {Case{bytes.size() - 10, ReadStatus::error}, Case{24 + 2 * 76 + 8, ReadStatus::error},
                        Case{24 + 2 * 76 + 16, ReadStatus::error}, Case{24 + 2 * 76, ReadStatus::end}}) {
    const std::string file =
        write_bytes("cut" + std::to_string(c.size) + ".pcap",
                    std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(c.size)));
    auto capture = CaptureReader::open_file(file);
    ASSERT_TRUE(capture.ok()) << capture.error();
    Frame frame;
    ASSERT_EQ(capture.next(frame), ReadStatus::frame);
    ASSERT_EQ(capture.next(frame), ReadStatus::frame);
    EXPECT_EQ(capture.next(frame), c.third) << "file cut to " << c.size << " bytes";
    if (c.third == ReadStatus::error) {
      EXPECT_NE(capture.error().find(file), std::string::npos) << capture.error();
      EXPECT_NE(capture.error().find("truncated"), std::string::npos) << capture.error();
    }
  }
}

TEST_F(CaptureFiles, PcapngCutInsideABlock) {
  const std::string whole = write_pcapng("whole.pcapng", 1, three_frames());
  auto bytes = read_bytes(whole);
  bytes.resize(bytes.size() - 10);
  auto capture = CaptureReader::open_file(write_bytes("cut.pcapng", bytes));
  ASSERT_TRUE(capture.ok()) << capture.error();
  Frame frame;
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(capture.next(frame), ReadStatus::error);
  EXPECT_NE(capture.error().find("cut.pcapng"), std::string::npos) << capture.error();
}

TEST_F(CaptureFiles, UnsupportedLinkTypeFailsToOpen) {
  const std::string file = write_pcap("user0.pcap", DLT_USER0, {Record{1, 0, 0, kUdpFrame}});
  auto capture = CaptureReader::open_file(file);
  EXPECT_FALSE(capture.ok());
  EXPECT_NE(capture.error().find(file), std::string::npos) << capture.error();
  // libpcap 1.10 has no name for 147 (pcap_datalink_val_to_name() returns null), so the number
  // is what names it.
  EXPECT_NE(capture.error().find("147"), std::string::npos) << capture.error();
  EXPECT_EQ(capture.error().find('\n'), std::string::npos) << capture.error();
  // Another one: IEEE 802.11 (105).
  auto wifi = CaptureReader::open_file(write_pcap("wifi.pcap", DLT_IEEE802_11, {Record{1, 0, 0, kUdpFrame}}));
  EXPECT_FALSE(wifi.ok());
  EXPECT_NE(wifi.error().find("105"), std::string::npos) << wifi.error();
}

// libpcap 1.10 has no name for the USER link types; the message names it once anyway.
TEST_F(CaptureFiles, UnsupportedLinkTypeMessageNamesUser0Once) {
  auto capture = CaptureReader::open_file(write_pcap("user0.pcap", DLT_USER0, {Record{1, 0, 0, kUdpFrame}}));
  EXPECT_EQ(capture.error().find("link type link type"), std::string::npos) << capture.error();
  EXPECT_NE(capture.error().find("USER0"), std::string::npos) << capture.error();
}

TEST_F(CaptureFiles, InterruptEndsTheCurrentRead) {
  auto capture = CaptureReader::open_file(write_pcap("interrupt.pcap", DLT_EN10MB, three_frames()));
  ASSERT_TRUE(capture.ok()) << capture.error();
  Frame frame;
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  capture.interrupt();
  EXPECT_EQ(capture.next(frame), ReadStatus::end);
  // The interruption is used up: reading goes on where it stopped.
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.number, 2u);
  EXPECT_TRUE(same_bytes(frame.bytes, kTcpFrame));
}

TEST_F(CaptureFiles, MovingAReader) {
  auto capture = CaptureReader::open_file(write_pcap("move.pcap", DLT_EN10MB, three_frames()));
  ASSERT_TRUE(capture.ok());
  Frame frame;
  ASSERT_EQ(capture.next(frame), ReadStatus::frame);
  CaptureReader moved(std::move(capture));
  EXPECT_TRUE(moved.ok());
  EXPECT_FALSE(capture.ok());  // NOLINT(bugprone-use-after-move): moved-from readers are closed
  EXPECT_EQ(capture.next(frame), ReadStatus::end);
  ASSERT_EQ(moved.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.number, 2u);
  CaptureReader assigned;
  assigned = std::move(moved);
  ASSERT_EQ(assigned.next(frame), ReadStatus::frame);
  EXPECT_EQ(frame.number, 3u);
}

TEST(CaptureReader, DefaultReaderIsClosed) {
  CaptureReader capture;
  EXPECT_FALSE(capture.ok());
  EXPECT_TRUE(capture.error().empty());
  EXPECT_EQ(capture.snapshot_length(), 0u);
  Frame frame;
  EXPECT_EQ(capture.next(frame), ReadStatus::end);
  capture.interrupt();  // harmless
}

TEST(CaptureReader, OpenLiveOnAMissingInterface) {
  const std::string interface = "pktdoc-none0";
  auto capture = CaptureReader::open_live(interface);
  EXPECT_FALSE(capture.ok());
  EXPECT_NE(capture.error().find(interface), std::string::npos) << capture.error();
  EXPECT_EQ(capture.error().find('\n'), std::string::npos) << capture.error();
  // Run as root, libpcap says the device does not exist; otherwise the permission is missing.
  if (geteuid() == 0) {
    EXPECT_NE(capture.error().find("no such interface"), std::string::npos) << capture.error();
  }
}

TEST(CaptureReader, LinkTypeNamesAndSupport) {
  EXPECT_NE(link_type_name(LinkType::ethernet).find("EN10MB"), std::string::npos) << link_type_name(LinkType::ethernet);
  EXPECT_NE(link_type_name(LinkType::linux_sll2).find("276"), std::string::npos);
  EXPECT_NE(link_type_name(static_cast<LinkType>(105)).find("IEEE802_11"), std::string::npos);
  EXPECT_EQ(link_type_name(LinkType::raw), "RAW (101, raw IPv4 or IPv6)");
  EXPECT_NE(link_type_name(static_cast<LinkType>(147)).find("147"), std::string::npos);
  EXPECT_EQ(link_type_name(static_cast<LinkType>(60000)), "60000");
  EXPECT_EQ(link_type_name(static_cast<LinkType>(147)), "USER0 (147)");
  for (LinkType type : {LinkType::null, LinkType::ethernet, LinkType::raw_dlt12, LinkType::raw_dlt14, LinkType::raw,
                        LinkType::loop, LinkType::linux_sll, LinkType::linux_sll2})
    EXPECT_TRUE(is_supported(type)) << static_cast<std::uint32_t>(type);
  for (std::uint32_t value : {2u, 105u, 127u, 147u, 228u, 229u, 60000u})
    EXPECT_FALSE(is_supported(static_cast<LinkType>(value))) << value;
}

}  // namespace
}  // namespace pktdoc
