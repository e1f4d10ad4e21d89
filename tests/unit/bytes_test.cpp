// ByteReader: the one bounds-checked reader. Every read past the end must fail or return 0.
#include "pktdoc/bytes.hpp"

#include "test_support.hpp"

namespace pktdoc {
namespace {

using test::hex;
using test::view;

TEST(ByteReader, CursorReadsBigEndianAndAdvances) {
  const auto bytes = hex("01 0203 04050607 08");
  ByteReader r(view(bytes));
  std::uint8_t a = 0;
  std::uint16_t b = 0;
  std::uint32_t c = 0;
  ASSERT_TRUE(r.read_u8(a));
  ASSERT_TRUE(r.read_u16(b));
  ASSERT_TRUE(r.read_u32(c));
  EXPECT_EQ(a, 0x01);
  EXPECT_EQ(b, 0x0203);
  EXPECT_EQ(c, 0x04050607u);
  EXPECT_EQ(r.position(), 7u);
  EXPECT_EQ(r.remaining(), 1u);
}

TEST(ByteReader, FailedReadLeavesCursorAndOutputAlone) {
  const auto bytes = hex("aa bb cc");
  ByteReader r(view(bytes));
  ASSERT_TRUE(r.skip(1));
  std::uint32_t out = 42;
  EXPECT_FALSE(r.read_u32(out));
  EXPECT_EQ(out, 42u);
  EXPECT_EQ(r.position(), 1u);
  ByteView taken;
  EXPECT_FALSE(r.take(3, taken));
  EXPECT_TRUE(r.take(2, taken));
  EXPECT_EQ(taken.size(), 2u);
  EXPECT_FALSE(r.skip(1));
}

TEST(ByteReader, AbsoluteReadsPastTheEndReturnZero) {
  const auto bytes = hex("12 34 56 78");
  const ByteReader r(view(bytes));
  EXPECT_EQ(r.u16_at(2), 0x5678);
  EXPECT_EQ(r.u16_at(3), 0);
  EXPECT_EQ(r.u32_at(0), 0x12345678u);
  EXPECT_EQ(r.u32_at(1), 0u);
  EXPECT_EQ(r.u24_at(1), 0x345678u);
  EXPECT_EQ(r.u16_le_at(0), 0x3412);
  EXPECT_EQ(r.u32_le_at(0), 0x78563412u);
  EXPECT_EQ(r.u8_at(4), 0);
  EXPECT_EQ(r.u64_at(0), 0u);
  EXPECT_EQ(r.view_at(3, 2).size(), 0u);
  EXPECT_EQ(r.view_from(4).size(), 0u);
  EXPECT_EQ(r.view_from(5).size(), 0u);
  // An offset near SIZE_MAX must not wrap around into the buffer.
  EXPECT_EQ(r.u16_at(static_cast<std::size_t>(-1)), 0);
  EXPECT_EQ(r.view_at(1, static_cast<std::size_t>(-1)).size(), 0u);
}

}  // namespace
}  // namespace pktdoc
