#include "pktdoc/builder/tcp_builder.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

#include "pktdoc/ip_protocol.hpp"

namespace pktdoc::build {

TcpOptionList& TcpOptionList::end_of_option_list() {
  return raw(std::array{std::byte{tcp_option_kind::end_of_option_list}});
}

TcpOptionList& TcpOptionList::no_operation() { return raw(std::array{std::byte{tcp_option_kind::no_operation}}); }

TcpOptionList& TcpOptionList::mss(std::uint16_t value) {
  ByteWriter data;
  data.write_u16(value);
  return option(tcp_option_kind::maximum_segment_size, data.view());
}

TcpOptionList& TcpOptionList::window_scale(std::uint8_t shift_count) {
  return option(tcp_option_kind::window_scale, std::array{std::byte{shift_count}});
}

TcpOptionList& TcpOptionList::sack_permitted() { return option(tcp_option_kind::sack_permitted, {}); }

TcpOptionList& TcpOptionList::sack(const std::vector<TcpSackBlock>& blocks) {
  if (blocks.empty() || blocks.size() > TcpSackBlocks::max_blocks)
    throw std::length_error("TcpOptionList: a SACK option holds 1 to 4 blocks, not " + std::to_string(blocks.size()));
  ByteWriter data;
  for (const TcpSackBlock& block : blocks) data.write_u32(block.left_edge).write_u32(block.right_edge);
  return option(tcp_option_kind::sack, data.view());
}

TcpOptionList& TcpOptionList::timestamps(std::uint32_t value, std::uint32_t echo_reply) {
  ByteWriter data;
  data.write_u32(value).write_u32(echo_reply);
  return option(tcp_option_kind::timestamps, data.view());
}

TcpOptionList& TcpOptionList::fast_open(ByteView cookie) { return option(tcp_option_kind::fast_open, cookie); }

TcpOptionList& TcpOptionList::option(std::uint8_t kind, ByteView data) {
  if (data.size() > 253) throw std::length_error("TcpOptionList: an option holds at most 253 bytes of data");
  ByteWriter out(std::move(bytes_));
  out.write_u8(kind).write_u8(static_cast<std::uint8_t>(2 + data.size())).write(data);
  bytes_ = std::move(out).release();
  return *this;
}

TcpOptionList& TcpOptionList::raw(ByteView bytes) {
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  return *this;
}

std::size_t Tcp::header_length() const noexcept {
  return TcpSegment::minimum_header_length + ((options.bytes().size() + 3) & ~std::size_t{3});
}

Bytes Tcp::segment(ByteView data, const PseudoHeader& pseudo) const {
  if (options.bytes().size() > TcpOptions::max_length)
    throw std::length_error("Tcp: options hold at most 40 bytes, not " + std::to_string(options.bytes().size()));
  const std::size_t header = header_length();
  const auto offset = static_cast<std::uint8_t>(data_offset.value_or(static_cast<std::uint8_t>(header / 4)));
  ByteWriter out;
  out.reserve(header + data.size());
  out.write_u16(source_port).write_u16(destination_port).write_u32(sequence_number).write_u32(acknowledgment_number);
  out.write_u16(static_cast<std::uint16_t>(((offset & 0x0fu) << 12) | (flags & tcp_flag::mask)));
  out.write_u16(window).write_u16(0).write_u16(urgent_pointer);
  out.write(view(options.bytes())).pad_to_multiple_of(4);
  out.write(data);

  PseudoHeader covered = pseudo;
  covered.protocol = ip_protocol::tcp;
  covered.length = static_cast<std::uint32_t>(out.size());
  InternetChecksum sum;
  add_pseudo_header(sum, covered);
  sum.add(out.view());
  const std::uint16_t computed = sum.finish();
  out.set_u16_at(16, checksum.value_or(corrupt_checksum ? wrong_checksum(computed) : computed));
  return std::move(out).release();
}

}  // namespace pktdoc::build
