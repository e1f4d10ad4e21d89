#include "pktdoc/link.hpp"

#include <memory>
#include <new>
#include <type_traits>

namespace pktdoc {
namespace {

constexpr bool is_vlan_tpid(std::uint16_t type) noexcept {
  return type == ether_type::vlan || type == ether_type::qinq || type == ether_type::qinq_legacy;
}

// The protocol carried by a raw-IP frame, from the version nibble of its first byte.
constexpr std::uint16_t ether_type_of_ip_version(ByteView packet) noexcept {
  switch (ByteReader(packet).u8_at(0) >> 4) {
    case 4: return ether_type::ipv4;
    case 6: return ether_type::ipv6;
    default: return 0;
  }
}

}  // namespace

Result<EthernetFrame> EthernetFrame::parse(ByteView frame) noexcept {
  EthernetFrame view;
  const DecodeError error = view.walk(frame);
  if (error.kind != ErrorKind::none) return error;
  return view;
}

DecodeError EthernetFrame::walk(ByteView frame) noexcept {
  ByteReader reader(frame);
  EthernetFrame& view = *this;
  view.bytes_ = frame;
  if (!reader.can_read(header_length_untagged))
    return truncated(Protocol::ethernet, "frame shorter than the 14-byte MAC header", frame.size());
  std::size_t offset = 12;
  std::uint16_t type = reader.u16_at(offset);
  offset += 2;
  while (is_vlan_tpid(type)) {
    // Each tag takes 4 bytes, so the frame's length bounds this loop.
    if (reader.can_read(offset + 2)) ++view.tag_count_;  // its control information was captured
    if (!reader.can_read(offset + 4)) return truncated(Protocol::vlan, "frame ends inside a VLAN tag", offset);
    type = reader.u16_at(offset + 2);
    offset += 4;
  }
  view.inner_type_ = type;
  if (type >= ether_type::minimum) {
    view.ether_type_ = type;
    view.header_length_ = offset;
    view.payload_ = reader.view_from(offset);
    return {};
  }
  if (type > ether_type::maximum_length)
    return invalid(Protocol::ethernet, "type/length field is neither a length nor an EtherType", offset - 2);

  // IEEE 802.3: the field is the length of what follows, which starts with an LLC header.
  view.is_8023_ = true;
  const std::size_t frame_end = offset + type;  // the length covers LLC, SNAP and data
  LlcHeader& llc = view.llc_;
  if (type < 3) return invalid(Protocol::llc, "802.3 length too short for an LLC header", offset - 2);
  if (!reader.can_read(offset + 3)) return truncated(Protocol::llc, "frame ends inside the LLC header", offset);
  llc.dsap = reader.u8_at(offset);
  llc.ssap = reader.u8_at(offset + 1);
  const std::uint8_t first_control = reader.u8_at(offset + 2);
  if ((first_control & 0x03) == 0x03) {  // U-format: one control byte
    llc.control = first_control;
    llc.length = 3;
  } else {  // I- and S-format: two control bytes
    if (type < 4) return invalid(Protocol::llc, "802.3 length too short for an LLC header", offset - 2);
    if (!reader.can_read(offset + 4)) return truncated(Protocol::llc, "frame ends inside the LLC header", offset);
    llc.control = reader.u16_le_at(offset + 2);
    llc.length = 4;
  }
  if (llc.dsap == 0xAA && llc.ssap == 0xAA && llc.control == 0x03) {
    if (type < 8) return invalid(Protocol::llc, "802.3 length too short for a SNAP header", offset - 2);
    if (!reader.can_read(offset + 8)) return truncated(Protocol::llc, "frame ends inside the SNAP header", offset + 3);
    llc.has_snap = true;
    llc.snap_oui = reader.u24_at(offset + 3);
    llc.snap_protocol = reader.u16_at(offset + 6);
    llc.length = 8;
    if (llc.snap_oui == 0) view.ether_type_ = llc.snap_protocol;
  }
  view.header_length_ = offset + llc.length;
  // Short frames are padded to 60 bytes; the length field says where the data really ends.
  const std::size_t payload_end = frame_end < frame.size() ? frame_end : frame.size();
  view.payload_ = payload_end > view.header_length_ ? reader.view_at(view.header_length_, payload_end - view.header_length_)
                                                    : ByteView{};
  return {};
}

Result<LinuxSllHeader> LinuxSllHeader::parse(ByteView frame) noexcept {
  if (frame.size() < header_length)
    return truncated(Protocol::linux_sll, "frame shorter than the 16-byte SLL header", frame.size());
  return LinuxSllHeader(frame);
}

Result<LinuxSll2Header> LinuxSll2Header::parse(ByteView frame) noexcept {
  if (frame.size() < header_length)
    return truncated(Protocol::linux_sll2, "frame shorter than the 20-byte SLL2 header", frame.size());
  return LinuxSll2Header(frame);
}

Result<LoopbackHeader> LoopbackHeader::parse(ByteView frame, LinkType link_type) noexcept {
  if (frame.size() < header_length)
    return truncated(Protocol::loopback, "frame shorter than the 4-byte loopback header", frame.size());
  LoopbackHeader view;
  view.bytes_ = frame;
  ByteReader reader(frame);
  if (link_type == LinkType::loop) {
    view.family_ = reader.u32_at(0);
  } else {
    // LINKTYPE_NULL is in the writer's byte order. Families are small numbers, so a value whose
    // low 16 bits are zero was written by a host of the other byte order (Wireshark's rule).
    const std::uint32_t big_endian = reader.u32_at(0);
    view.family_ = (big_endian & 0xffff) == 0 ? reader.u32_le_at(0) : big_endian;
  }
  return view;
}

std::uint16_t LoopbackHeader::ether_type() const noexcept {
  switch (family_) {
    // AF_INET6 differs between systems. Linux (10) and Windows (23) never write this link
    // type, and Wireshark does not take their values for IPv6 either.
    case 2: return ether_type::ipv4;  // AF_INET everywhere
    case 24:                          // NetBSD, OpenBSD, BSD/OS
    case 28:                          // FreeBSD, DragonFly BSD
    case 30:                          // macOS
      return ether_type::ipv6;
    default: return 0;
  }
}

Result<LinkLayer> decode_link(LinkType link_type, ByteView frame) noexcept {
  LinkLayer link;
  const DecodeError error = decode_link_into(link_type, frame, link);
  if (error.kind != ErrorKind::none) return error;
  return link;
}

static_assert(std::is_trivially_destructible_v<LinkLayer>);

DecodeError decode_link_into(LinkType link_type, ByteView frame, LinkLayer& link) noexcept {
  // Back to a default-constructed LinkLayer, in place (each view's member initializers only).
  std::destroy_at(&link);
  ::new (static_cast<void*>(&link)) LinkLayer;
  switch (link_type) {
    case LinkType::ethernet: {
      // Walked without a Result. A header whose walk finds an EtherType is whole; otherwise (an
      // error, or 802.3 LLC without one) parse() says which.
      std::destroy_at(&link.ethernet);
      ::new (static_cast<void*>(&link.ethernet)) EthernetFrame(frame);
      if (link.ethernet.ether_type() == 0) {
        const auto checked = EthernetFrame::parse(frame);
        if (!checked) return checked.error();
      }
      link.protocol = Protocol::ethernet;
      link.ether_type = link.ethernet.ether_type();
      link.payload = link.ethernet.payload();
      return {};
    }
    case LinkType::linux_sll: {
      auto sll = LinuxSllHeader::parse(frame);
      if (!sll) return sll.error();
      link.protocol = Protocol::linux_sll;
      link.sll = *sll;
      link.ether_type = sll->protocol() >= ether_type::minimum ? sll->protocol() : 0;
      link.payload = sll->payload();
      return {};
    }
    case LinkType::linux_sll2: {
      auto sll2 = LinuxSll2Header::parse(frame);
      if (!sll2) return sll2.error();
      link.protocol = Protocol::linux_sll2;
      link.sll2 = *sll2;
      link.ether_type = sll2->protocol() >= ether_type::minimum ? sll2->protocol() : 0;
      link.payload = sll2->payload();
      return {};
    }
    case LinkType::null:
    case LinkType::loop: {
      auto loopback = LoopbackHeader::parse(frame, link_type);
      if (!loopback) return loopback.error();
      link.protocol = Protocol::loopback;
      link.loopback = *loopback;
      link.ether_type = loopback->ether_type();
      link.payload = loopback->payload();
      return {};
    }
    case LinkType::raw_dlt12:
    case LinkType::raw_dlt14:
    case LinkType::raw:
      link.protocol = Protocol::raw_ip;
      link.ether_type = ether_type_of_ip_version(frame);
      link.payload = frame;
      return {};
  }
  return invalid(Protocol::capture, "unsupported link type");
}

}  // namespace pktdoc
