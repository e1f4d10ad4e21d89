// CaptureWriter (pktdoc/capture_writer.hpp): frames written with libpcap and read back with
// CaptureReader, for every link type the capture generator uses; byte-identical output; frames
// cut by a snapshot length; files cut inside a record; one-line errors.
#include "pktdoc/capture_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/link_builder.hpp"
#include "pktdoc/builder/udp_builder.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"
#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;

std::string temp_path(const std::string& name) {
  return testing::TempDir() + "pktdoc_capture_writer_" + std::to_string(::getpid()) + "_" + name;
}

std::vector<std::byte> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> bytes(chars.size());
  for (std::size_t i = 0; i < chars.size(); ++i) bytes[i] = static_cast<std::byte>(chars[i]);
  return bytes;
}

// A UDP packet of `size` data bytes in a frame of the given link type.
build::Bytes udp_frame(LinkType link_type, std::size_t size) {
  const build::Ipv4 ip{.source = *Ipv4Address::parse("192.0.2.1"), .destination = *Ipv4Address::parse("192.0.2.2")};
  const build::Bytes data(size, std::byte{0x61});
  const build::Bytes packet = ip.packet(build::Udp{.source_port = 1000, .destination_port = 2000}, build::view(data));
  return build::Link{.type = link_type}.frame(build::view(packet));
}

TEST(CaptureWriter, EveryLinkTypeReadsBack) {
  for (LinkType link_type :
       {LinkType::ethernet, LinkType::raw, LinkType::linux_sll, LinkType::linux_sll2, LinkType::null, LinkType::loop}) {
    const std::string path = temp_path("link" + std::to_string(static_cast<int>(link_type)) + ".pcap");
    const build::Bytes whole = udp_frame(link_type, 100);
    {
      auto writer = CaptureWriter::open(path, link_type, {.snapshot_length = 96});
      ASSERT_TRUE(writer.ok()) << writer.error();
      EXPECT_EQ(writer.link_type(), link_type);
      EXPECT_EQ(writer.snapshot_length(), 96u);
      EXPECT_EQ(writer.bytes_written(), 24u);
      // The frame is longer than the snapshot length: write what a capture would have kept.
      EXPECT_TRUE(writer.write(Timestamp{1700000000, 123456789}, build::view(whole).first(96),
                               static_cast<std::uint32_t>(whole.size())))
          << writer.error();
      const build::Bytes small = udp_frame(link_type, 4);
      EXPECT_TRUE(writer.write(Timestamp{1700000001, 0}, build::view(small)));
      EXPECT_EQ(writer.frames_written(), 2u);
      EXPECT_EQ(writer.bytes_written(), 24u + 16u + 96u + 16u + small.size());
      EXPECT_TRUE(writer.close()) << writer.error();
      EXPECT_FALSE(writer.ok());
    }
    auto reader = CaptureReader::open_file(path);
    ASSERT_TRUE(reader.ok()) << reader.error();
    // libpcap reports raw IP as DLT_RAW (12 here), the others as written.
    if (link_type == LinkType::raw)
      EXPECT_TRUE(reader.link_type() == LinkType::raw_dlt12 || reader.link_type() == LinkType::raw_dlt14);
    else
      EXPECT_EQ(reader.link_type(), link_type);
    EXPECT_EQ(reader.snapshot_length(), 96u);
    Frame frame;
    ASSERT_EQ(reader.next(frame), ReadStatus::frame) << reader.error();
    EXPECT_EQ(frame.timestamp.seconds, 1700000000);
    EXPECT_EQ(frame.timestamp.nanoseconds, 123456000u);  // microsecond file: the nanoseconds are cut
    EXPECT_EQ(frame.original_length, whole.size());
    EXPECT_EQ(build::to_bytes(frame.bytes), build::Bytes(whole.begin(), whole.begin() + 96));
    DecodedPacket decoded;
    decode_packet(frame, decoded);
    ASSERT_TRUE(decoded.ip.udp);  // the cut UDP datagram decodes, its payload short
    EXPECT_TRUE(decoded.ip.udp->payload_truncated());
    ASSERT_EQ(reader.next(frame), ReadStatus::frame);
    EXPECT_EQ(frame.original_length, frame.bytes.size());
    decode_packet(frame, decoded);
    ASSERT_EQ(decoded.first_error().kind, ErrorKind::none);
    EXPECT_EQ(decoded.ip.udp->checksum_status(decoded.ip.ipv4->pseudo_header()), ChecksumStatus::good);
    EXPECT_EQ(reader.next(frame), ReadStatus::end);
    std::remove(path.c_str());
  }
}

TEST(CaptureWriter, FileBytesAreDeterministicAndRawIsLinktype101) {
  const build::Bytes frame = udp_frame(LinkType::raw, 10);
  std::vector<std::byte> files[2];
  for (int i = 0; i < 2; ++i) {
    const std::string path = temp_path("same" + std::to_string(i) + ".pcap");
    auto writer = CaptureWriter::open(path, LinkType::raw);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(writer.write(Timestamp{1, 2000}, build::view(frame)));
    ASSERT_TRUE(writer.close());
    files[i] = file_bytes(path);
    std::remove(path.c_str());
  }
  EXPECT_EQ(files[0], files[1]);
  ASSERT_EQ(files[0].size(), 24u + 16u + frame.size());
  // The file header in the host's byte order (little-endian here): magic, version 2.4, zone 0,
  // accuracy 0, snapshot length 262144, LINKTYPE_RAW 101.
  const ByteReader header(build::view(files[0]));
  if (header.u32_le_at(0) == 0xa1b2c3d4) {
    EXPECT_EQ(header.u16_le_at(4), 2);
    EXPECT_EQ(header.u16_le_at(6), 4);
    EXPECT_EQ(header.u32_le_at(8), 0u);
    EXPECT_EQ(header.u32_le_at(12), 0u);
    EXPECT_EQ(header.u32_le_at(16), 262144u);
    EXPECT_EQ(header.u32_le_at(20), 101u);
    EXPECT_EQ(header.u32_le_at(24), 1u);  // seconds
    EXPECT_EQ(header.u32_le_at(28), 2u);  // microseconds
    EXPECT_EQ(header.u32_le_at(32), frame.size());
    EXPECT_EQ(header.u32_le_at(36), frame.size());
  } else {
    EXPECT_EQ(header.u32_at(0), 0xa1b2c3d4u);  // a big-endian host
    EXPECT_EQ(header.u32_at(20), 101u);
  }
}

TEST(CaptureWriter, NanosecondFilesKeepNanoseconds) {
  const std::string path = temp_path("nano.pcap");
  auto writer = CaptureWriter::open(path, LinkType::ethernet, {.precision = TimestampPrecision::nanosecond});
  ASSERT_TRUE(writer.ok());
  const build::Bytes frame = udp_frame(LinkType::ethernet, 1);
  ASSERT_TRUE(writer.write(Timestamp{42, 999999999}, build::view(frame)));
  ASSERT_TRUE(writer.close());
  const std::vector<std::byte> bytes = file_bytes(path);
  const ByteReader header(build::view(bytes));
  EXPECT_TRUE(header.u32_le_at(0) == 0xa1b23c4d || header.u32_at(0) == 0xa1b23c4d);
  auto reader = CaptureReader::open_file(path);
  Frame read;
  ASSERT_EQ(reader.next(read), ReadStatus::frame);
  EXPECT_EQ(read.timestamp.seconds, 42);
  EXPECT_EQ(read.timestamp.nanoseconds, 999999999u);
  std::remove(path.c_str());
}

TEST(CaptureWriter, CopiesFramesFromAReader) {
  const std::string first = temp_path("copy_from.pcap");
  const std::string second = temp_path("copy_to.pcap");
  {
    auto writer = CaptureWriter::open(first, LinkType::linux_sll);
    const build::Bytes frame = udp_frame(LinkType::linux_sll, 20);
    ASSERT_TRUE(
        writer.write(Timestamp{5, 6000}, build::view(frame).first(30), static_cast<std::uint32_t>(frame.size())));
    ASSERT_TRUE(writer.close());
  }
  auto reader = CaptureReader::open_file(first);
  auto writer = CaptureWriter::open(second, reader.link_type());
  Frame frame;
  while (reader.next(frame) == ReadStatus::frame) ASSERT_TRUE(writer.write(frame)) << writer.error();
  ASSERT_TRUE(writer.close());
  EXPECT_EQ(file_bytes(first), file_bytes(second));
  std::remove(first.c_str());
  std::remove(second.c_str());
}

TEST(CaptureWriter, CutInsideARecordOrTheFileHeader) {
  const std::string path = temp_path("cut.pcap");
  const build::Bytes frame = udp_frame(LinkType::ethernet, 30);
  for (std::uint64_t into_second_record : {std::uint64_t{8}, std::uint64_t{16 + 20}}) {
    auto writer = CaptureWriter::open(path, LinkType::ethernet);
    ASSERT_TRUE(writer.write(Timestamp{1, 0}, build::view(frame)));
    const std::uint64_t second_record = writer.bytes_written();
    ASSERT_TRUE(writer.write(Timestamp{2, 0}, build::view(frame)));
    ASSERT_TRUE(writer.close_cut(second_record + into_second_record)) << writer.error();
    EXPECT_EQ(file_bytes(path).size(), second_record + into_second_record);
    auto reader = CaptureReader::open_file(path);
    ASSERT_TRUE(reader.ok()) << reader.error();
    Frame read;
    EXPECT_EQ(reader.next(read), ReadStatus::frame);
    EXPECT_EQ(reader.next(read), ReadStatus::error) << "cut " << into_second_record << " bytes into the record";
    EXPECT_NE(reader.error().find(path), std::string::npos) << reader.error();
    EXPECT_EQ(reader.error().find('\n'), std::string::npos);
  }
  {
    auto writer = CaptureWriter::open(path, LinkType::ethernet);
    ASSERT_TRUE(writer.close_cut(10));
    auto reader = CaptureReader::open_file(path);
    EXPECT_FALSE(reader.ok());
    EXPECT_FALSE(reader.error().empty());
  }
  std::remove(path.c_str());
}

TEST(CaptureWriter, FilesOfLinkTypesPktdocDoesNotDecode) {
  const std::string path = temp_path("user0.pcap");
  auto writer = CaptureWriter::open(path, static_cast<LinkType>(147));
  ASSERT_TRUE(writer.ok()) << writer.error();
  ASSERT_TRUE(writer.write(Timestamp{}, build::view(hex("00010203"))));
  ASSERT_TRUE(writer.close());
  auto reader = CaptureReader::open_file(path);
  EXPECT_FALSE(reader.ok());
  EXPECT_NE(reader.error().find("unsupported link type USER0"), std::string::npos) << reader.error();
  std::remove(path.c_str());
}

TEST(CaptureWriter, ErrorsAreOneLineAndNameTheFile) {
  const std::string missing_dir = temp_path("no/such/dir/x.pcap");
  auto nowhere = CaptureWriter::open(missing_dir, LinkType::ethernet);
  EXPECT_FALSE(nowhere.ok());
  EXPECT_NE(nowhere.error().find(missing_dir), std::string::npos) << nowhere.error();
  EXPECT_EQ(nowhere.error().find('\n'), std::string::npos);
  EXPECT_FALSE(nowhere.write(Timestamp{}, {}));
  EXPECT_FALSE(nowhere.close());

  EXPECT_FALSE(CaptureWriter::open(temp_path("zero.pcap"), LinkType::ethernet, {.snapshot_length = 0}).ok());

  const std::string path = temp_path("errors.pcap");
  auto writer = CaptureWriter::open(path, LinkType::ethernet, {.snapshot_length = 64});
  ASSERT_TRUE(writer.ok());
  const build::Bytes big(65);
  EXPECT_FALSE(writer.write(Timestamp{}, build::view(big)));
  EXPECT_NE(writer.error().find("snapshot length 64"), std::string::npos) << writer.error();
  EXPECT_TRUE(writer.ok());  // a refused frame leaves the file open
  EXPECT_FALSE(writer.write(Timestamp{}, build::view(big).first(10), 5));
  EXPECT_NE(writer.error().find("original length 5"), std::string::npos) << writer.error();
  EXPECT_FALSE(writer.write(Timestamp{-1, 0}, build::view(big).first(10)));
  EXPECT_FALSE(writer.write(Timestamp{std::int64_t{1} << 31, 0}, build::view(big).first(10)));
  EXPECT_FALSE(writer.write(Timestamp{0, 1000000000}, build::view(big).first(10)));
  EXPECT_EQ(writer.frames_written(), 0u);
  EXPECT_FALSE(writer.close_cut(24));  // nothing to cut: the file is 24 bytes
  EXPECT_TRUE(writer.close());
  EXPECT_FALSE(writer.close());
  EXPECT_FALSE(writer.write(Timestamp{}, build::view(big).first(10)));
  std::remove(path.c_str());

  // Moving a writer moves its file.
  auto first = CaptureWriter::open(path, LinkType::ethernet);
  CaptureWriter second = std::move(first);
  EXPECT_FALSE(first.ok());  // NOLINT(bugprone-use-after-move): moved-from writers are closed
  EXPECT_TRUE(second.ok());
  EXPECT_TRUE(second.close());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace pktdoc
