#include "pktdoc/builder/link_builder.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace pktdoc::build {

namespace {

void write_mac(ByteWriter& out, const MacAddress& mac) { out.write(as_bytes(mac.bytes.data(), mac.bytes.size())); }

// Ethernet destination, source and VLAN tags: everything before the type/length field.
void write_ethernet_addresses(ByteWriter& out, const Link& link) {
  write_mac(out, link.destination);
  write_mac(out, link.source);
  for (const VlanTag& tag : link.vlan_tags) {
    out.write_u16(tag.tpid == 0 ? ether_type::vlan : tag.tpid);
    out.write_u16(static_cast<std::uint16_t>(((tag.priority & 0x7u) << 13) | (tag.drop_eligible ? 0x1000u : 0u) |
                                             (tag.id & 0x0fffu)));
  }
}

bool is_ip(std::uint16_t type) noexcept { return type == ether_type::ipv4 || type == ether_type::ipv6; }

std::uint32_t family_for(const Link& link, std::uint16_t type) {
  if (link.loopback_family != 0) return link.loopback_family;
  if (type == ether_type::ipv4) return loopback_family::inet;
  if (type == ether_type::ipv6) return loopback_family::inet6_darwin;
  throw std::invalid_argument("Link: a loopback header carries only IPv4 and IPv6, not EtherType " +
                              std::to_string(type));
}

}  // namespace

std::size_t Link::header_length() const noexcept {
  switch (type) {
    case LinkType::ethernet:
      return EthernetFrame::header_length_untagged + 4 * vlan_tags.size();
    case LinkType::linux_sll:
      return LinuxSllHeader::header_length;
    case LinkType::linux_sll2:
      return LinuxSll2Header::header_length;
    case LinkType::null:
    case LinkType::loop:
      return LoopbackHeader::header_length;
    default:
      return 0;
  }
}

Bytes Link::frame(ByteView payload, std::uint16_t ether_type) const {
  ByteWriter out;
  out.reserve(header_length() + payload.size() + minimum_length);
  switch (type) {
    case LinkType::ethernet:
      write_ethernet_addresses(out, *this);
      out.write_u16(ether_type);
      out.write(payload);
      if (out.size() < minimum_length) out.write_fill(minimum_length - out.size());
      break;
    case LinkType::linux_sll:
      out.write_u16(packet_type).write_u16(arphrd_type).write_u16(static_cast<std::uint16_t>(source.bytes.size()));
      write_mac(out, source);
      out.write_fill(8 - source.bytes.size());
      out.write_u16(ether_type).write(payload);
      break;
    case LinkType::linux_sll2:
      out.write_u16(ether_type).write_u16(0).write_u32(interface_index).write_u16(arphrd_type);
      out.write_u8(static_cast<std::uint8_t>(packet_type)).write_u8(static_cast<std::uint8_t>(source.bytes.size()));
      write_mac(out, source);
      out.write_fill(8 - source.bytes.size());
      out.write(payload);
      break;
    case LinkType::null:
      out.write_u32_le(family_for(*this, ether_type)).write(payload);
      break;
    case LinkType::loop:
      out.write_u32(family_for(*this, ether_type)).write(payload);
      break;
    case LinkType::raw:
    case LinkType::raw_dlt12:
    case LinkType::raw_dlt14:
      if (!is_ip(ether_type))
        throw std::invalid_argument("Link: raw IP carries only IPv4 and IPv6, not EtherType " +
                                    std::to_string(ether_type));
      out.write(payload);
      break;
    default:
      throw std::invalid_argument("Link: cannot build frames of link type " + link_type_name(type));
  }
  return std::move(out).release();
}

Bytes Link::frame(ByteView ip_packet) const {
  const unsigned version = ByteReader(ip_packet).u8_at(0) >> 4;
  if (ip_packet.empty() || (version != 4 && version != 6))
    throw std::invalid_argument("Link: an IP packet must start with version 4 or 6");
  return frame(ip_packet, version == 4 ? ether_type::ipv4 : ether_type::ipv6);
}

Bytes Link::ieee802_3_frame(ByteView llc_payload) const {
  if (type != LinkType::ethernet) throw std::invalid_argument("Link: IEEE 802.3 frames need LinkType::ethernet");
  if (llc_payload.size() > ether_type::maximum_length)
    throw std::length_error("Link: an IEEE 802.3 payload holds at most 1500 bytes, not " +
                            std::to_string(llc_payload.size()));
  ByteWriter out;
  write_ethernet_addresses(out, *this);
  out.write_u16(static_cast<std::uint16_t>(llc_payload.size())).write(llc_payload);
  if (out.size() < minimum_length) out.write_fill(minimum_length - out.size());
  return std::move(out).release();
}

Link Link::reversed() const {
  Link other = *this;
  std::swap(other.source, other.destination);
  if (type == LinkType::linux_sll || type == LinkType::linux_sll2) {
    if (packet_type == sll_packet_type::outgoing)
      other.packet_type = sll_packet_type::host;
    else if (packet_type == sll_packet_type::host)
      other.packet_type = sll_packet_type::outgoing;
  }
  return other;
}

}  // namespace pktdoc::build
