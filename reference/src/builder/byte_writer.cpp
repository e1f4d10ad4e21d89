#include "pktdoc/builder/byte_writer.hpp"

#include <stdexcept>
#include <string>

namespace pktdoc::build {

namespace {

void check_written(std::size_t size, std::size_t offset, std::size_t count) {
  if (offset > size || count > size - offset)
    throw std::out_of_range("ByteWriter: a " + std::to_string(count) + "-byte field at offset " +
                            std::to_string(offset) + " is past the " + std::to_string(size) + " bytes written");
}

}  // namespace

void ByteWriter::set_u8_at(std::size_t offset, std::uint8_t value) {
  check_written(bytes_.size(), offset, 1);
  bytes_[offset] = static_cast<std::byte>(value);
}

void ByteWriter::set_u16_at(std::size_t offset, std::uint16_t value) {
  check_written(bytes_.size(), offset, 2);
  bytes_[offset] = static_cast<std::byte>(value >> 8);
  bytes_[offset + 1] = static_cast<std::byte>(value);
}

void ByteWriter::set_u32_at(std::size_t offset, std::uint32_t value) {
  check_written(bytes_.size(), offset, 4);
  for (std::size_t i = 0; i < 4; ++i) bytes_[offset + i] = static_cast<std::byte>(value >> (24 - 8 * i));
}

void ByteWriter::set_u32_le_at(std::size_t offset, std::uint32_t value) {
  check_written(bytes_.size(), offset, 4);
  for (std::size_t i = 0; i < 4; ++i) bytes_[offset + i] = static_cast<std::byte>(value >> (8 * i));
}

}  // namespace pktdoc::build
