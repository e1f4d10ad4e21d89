#include "pktdoc/builder/fragmenter.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "pktdoc/ip_protocol.hpp"
#include "pktdoc/ipv4.hpp"
#include "pktdoc/ipv6.hpp"

namespace pktdoc::build {

namespace {

constexpr std::size_t max_offset_units = 0x1fff;

std::invalid_argument bad(const std::string& why) { return std::invalid_argument("fragment: " + why); }

// An IPv4 packet split into a header and the data that fragments share out.
class Ipv4Splitter {
 public:
  explicit Ipv4Splitter(ByteView packet) : packet_(packet) {
    auto ip = Ipv4Packet::parse(packet);
    if (!ip) throw bad(std::string("not an IPv4 packet: ") + ip.error().reason);
    if (ip->payload_truncated() || ip->length_from_capture()) throw bad("the IPv4 packet is not all there");
    ip_ = *ip;
    // Options copied into every fragment (RFC 791 section 3.1: the copied flag).
    ByteWriter copied;
    for (const Ipv4Option& option : ip_.options())
      if (option.copied()) copied.write(ByteReader(packet).view_at(option.offset, option.length));
    copied.pad_to_multiple_of(4);
    copied_options_ = std::move(copied).release();
  }

  ByteView data() const noexcept { return ip_.payload(); }
  // Header length of a fragment whose data starts at `offset` of data().
  std::size_t header_length(std::size_t offset) const noexcept {
    return is_first(offset) ? ip_.header_length() : Ipv4Packet::min_header_length + copied_options_.size();
  }
  bool last_more_fragments() const noexcept { return ip_.more_fragments(); }

  Bytes make(std::size_t offset, std::size_t length, bool more_fragments) const {
    const std::size_t units = ip_.fragment_offset() + offset / 8;
    if (units > max_offset_units) throw bad("the fragment offset exceeds 8191 units of 8 bytes");
    const ByteReader reader(packet_);
    ByteWriter out;
    out.write(reader.view_at(0, Ipv4Packet::min_header_length));
    if (is_first(offset))
      out.write(reader.view_at(Ipv4Packet::min_header_length, ip_.header_length() - Ipv4Packet::min_header_length));
    else
      out.write(view(copied_options_));
    const std::size_t header = out.size();
    out.write(data().subspan(offset, length));
    out.set_u8_at(0, static_cast<std::uint8_t>(0x40 | (header / 4)));
    out.set_u16_at(2, static_cast<std::uint16_t>(out.size()));
    const auto flags = static_cast<std::uint16_t>(reader.u16_at(6) & 0xC000);  // reserved and DF, as they were
    out.set_u16_at(6, static_cast<std::uint16_t>(flags | (more_fragments ? 0x2000 : 0) | units));
    out.set_u16_at(10, 0);
    out.set_u16_at(10, internet_checksum(out.view().first(header)));
    return std::move(out).release();
  }

 private:
  bool is_first(std::size_t offset) const noexcept { return offset == 0 && ip_.fragment_offset() == 0; }

  ByteView packet_;
  Ipv4Packet ip_;
  Bytes copied_options_;
};

// An IPv6 packet split into its unfragmentable part and the fragmentable part (RFC 8200 section 4.5).
class Ipv6Splitter {
 public:
  Ipv6Splitter(ByteView packet, std::uint32_t identification) : packet_(packet), identification_(identification) {
    auto ip = Ipv6Packet::parse(packet);
    if (!ip) throw bad(std::string("not an IPv6 packet: ") + ip.error().reason);
    if (ip->payload_truncated()) throw bad("the IPv6 packet is not all there");
    if (ip->fragment()) throw bad("the IPv6 packet already has a Fragment header");
    if (ip->jumbo_payload_length()) throw bad("jumbograms cannot be fragmented (RFC 2675 section 3)");
    const auto headers = ip->extension_headers();
    // Per-fragment headers: up to the last Routing header, or the Hop-by-Hop header alone.
    std::size_t count = 0;
    for (std::size_t i = 0; i < headers.size(); ++i)
      if (headers[i].type == ip_protocol::routing) count = i + 1;
    if (count == 0 && !headers.empty() && headers[0].type == ip_protocol::hop_by_hop) count = 1;
    unfragmentable_ = Ipv6Packet::fixed_header_length;
    next_header_at_ = 6;
    next_header_ = ip->next_header();
    for (std::size_t i = 0; i < count; ++i) {
      unfragmentable_ += headers[i].length;
      next_header_at_ = headers[i].offset;
      next_header_ = headers[i].next_header;
    }
    data_ = ByteReader(packet).view_at(unfragmentable_,
                                       Ipv6Packet::fixed_header_length + ip->payload_length() - unfragmentable_);
  }

  ByteView data() const noexcept { return data_; }
  std::size_t header_length(std::size_t) const noexcept { return unfragmentable_ + 8; }
  bool last_more_fragments() const noexcept { return false; }

  Bytes make(std::size_t offset, std::size_t length, bool more_fragments) const {
    if (offset / 8 > max_offset_units) throw bad("the fragment offset exceeds 8191 units of 8 bytes");
    ByteWriter out;
    out.write(packet_.first(unfragmentable_));
    out.set_u8_at(next_header_at_, ip_protocol::fragment);
    out.write_u8(next_header_).write_u8(0);
    out.write_u16(static_cast<std::uint16_t>(((offset / 8) << 3) | (more_fragments ? 1u : 0u)));
    out.write_u32(identification_);
    out.write(data_.subspan(offset, length));
    out.set_u16_at(4, static_cast<std::uint16_t>(out.size() - Ipv6Packet::fixed_header_length));
    return std::move(out).release();
  }

 private:
  ByteView packet_;
  ByteView data_;
  std::uint32_t identification_;
  std::size_t unfragmentable_ = 0;
  std::size_t next_header_at_ = 6;
  std::uint8_t next_header_ = 0;
};

template <class Splitter>
std::vector<Bytes> split(const Splitter& splitter, std::size_t mtu) {
  const ByteView data = splitter.data();
  std::vector<Bytes> fragments;
  std::size_t offset = 0;
  do {
    const std::size_t header = splitter.header_length(offset);
    const std::size_t room = mtu > header ? (mtu - header) / 8 * 8 : 0;
    if (room == 0) throw bad("an MTU of " + std::to_string(mtu) + " leaves no room for 8 bytes of data");
    const std::size_t length = std::min(room, data.size() - offset);
    const bool last = offset + length == data.size();
    fragments.push_back(splitter.make(offset, length, last ? splitter.last_more_fragments() : true));
    offset += length;
  } while (offset < data.size());
  return fragments;
}

unsigned version_of(ByteView packet) {
  const unsigned version = ByteReader(packet).u8_at(0) >> 4;
  if (packet.empty() || (version != 4 && version != 6)) throw bad("not an IP packet (version neither 4 nor 6)");
  return version;
}

}  // namespace

std::vector<Bytes> fragment(ByteView ip_packet, std::size_t mtu, std::uint32_t identification) {
  if (version_of(ip_packet) == 4) {
    const Ipv4Splitter splitter(ip_packet);
    if (splitter.header_length(0) + splitter.data().size() <= mtu)
      return {to_bytes(ip_packet.first(splitter.header_length(0) + splitter.data().size()))};
    return split(splitter, mtu);
  }
  const Ipv6Splitter splitter(ip_packet, identification);
  const std::size_t whole = splitter.header_length(0) - 8 + splitter.data().size();
  if (whole <= mtu) return {to_bytes(ip_packet.first(whole))};
  return split(splitter, mtu);
}

Bytes fragment_at(ByteView ip_packet, std::size_t offset, std::size_t length, bool more_fragments,
                  std::uint32_t identification) {
  auto make = [&](const auto& splitter) {
    if (offset % 8 != 0) throw bad("a fragment offset must be a multiple of 8 bytes, not " + std::to_string(offset));
    if (offset > splitter.data().size() || (offset == splitter.data().size() && offset != 0))
      throw bad("offset " + std::to_string(offset) + " is past the " + std::to_string(splitter.data().size()) +
                " bytes of fragmentable data");
    return splitter.make(offset, std::min(length, splitter.data().size() - offset), more_fragments);
  };
  if (version_of(ip_packet) == 4) return make(Ipv4Splitter(ip_packet));
  return make(Ipv6Splitter(ip_packet, identification));
}

}  // namespace pktdoc::build
