/// @file
/// @brief The link layer: Ethernet II, IEEE 802.3 with LLC/SNAP, 802.1Q/802.1ad tags, Linux
/// cooked capture (SLL, SLL2), BSD loopback and raw IP, behind one dispatcher, decode_link().
///
/// Every frame starts at the link layer and decode_link() is the only place that looks at the
/// link type: it returns the EtherType of what the frame carries and a view of those bytes, so
/// the network layer never needs to know how the frame was captured.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/error.hpp"

namespace pktdoc {

/// EtherType values pktdoc dispatches on (IEEE Registration Authority; RFC 9542 section 3).
namespace ether_type {
inline constexpr std::uint16_t ipv4 = 0x0800;         ///< Internet Protocol version 4.
inline constexpr std::uint16_t arp = 0x0806;          ///< Address Resolution Protocol.
inline constexpr std::uint16_t rarp = 0x8035;         ///< Reverse ARP (RFC 903), in ARP's format.
inline constexpr std::uint16_t vlan = 0x8100;         ///< IEEE 802.1Q customer VLAN tag (C-tag).
inline constexpr std::uint16_t ipv6 = 0x86DD;         ///< Internet Protocol version 6.
inline constexpr std::uint16_t qinq = 0x88A8;         ///< IEEE 802.1ad service VLAN tag (S-tag).
inline constexpr std::uint16_t qinq_legacy = 0x9100;  ///< Pre-standard double-tagging TPID, still seen.
/// The smallest value that is an EtherType; smaller values of the type/length field are 802.3 lengths.
inline constexpr std::uint16_t minimum = 0x0600;
/// The largest 802.3 length (the maximum payload of an untagged frame).
inline constexpr std::uint16_t maximum_length = 1500;
}  // namespace ether_type

/// One IEEE 802.1Q (C-tag) or 802.1ad (S-tag) VLAN tag.
/// @see IEEE 802.1Q-2018 section 9.6
struct VlanTag {
  std::uint16_t tpid = 0;          ///< Tag protocol identifier: 0x8100, 0x88A8 or 0x9100.
  std::uint8_t priority = 0;       ///< Priority code point (PCP), 0-7.
  bool drop_eligible = false;      ///< Drop eligible indicator (DEI), formerly CFI.
  std::uint16_t id = 0;            ///< VLAN identifier (VID), 0-4095.
};

/// An IEEE 802.2 LLC header, and the SNAP extension that follows it when DSAP = SSAP = 0xAA.
/// @see IEEE 802.2 section 3; RFC 1042 (IP over IEEE 802 networks with SNAP)
struct LlcHeader {
  std::uint8_t dsap = 0;              ///< Destination service access point.
  std::uint8_t ssap = 0;              ///< Source service access point.
  /// Control field: one byte for U-format (low bits 11); two for I- and S-format, read least
  /// significant byte first, as IEEE 802.2 transmits it and Wireshark shows it.
  std::uint16_t control = 0;
  bool has_snap = false;              ///< True when a SNAP header follows (DSAP = SSAP = 0xAA, control 0x03).
  std::uint32_t snap_oui = 0;         ///< SNAP organizationally unique identifier (0 for an EtherType).
  std::uint16_t snap_protocol = 0;    ///< SNAP protocol id; an EtherType when snap_oui is 0.
  std::uint8_t length = 0;            ///< Header length in bytes: 3 or 4, plus 5 with SNAP.
};

/// The VLAN tags of a frame, read from its bytes when asked for: a view, outermost tag first.
///
/// A tag is 4 bytes on the wire, the TPID then the tag control information, and the first TPID
/// stands where an untagged frame has its EtherType (offset 12).
/// @warning A view: valid while the frame's bytes are.
class VlanTags {
 public:
  /// Makes an empty list.
  constexpr VlanTags() noexcept = default;
  /// Views `count` tags of a frame; not checked (tags past the end of `frame` read as zeros).
  /// @param frame the frame's bytes, starting with the destination address
  /// @param count how many tags follow the source address
  constexpr VlanTags(ByteView frame, std::size_t count) noexcept : frame_(frame), count_(count) {}
  /// @return the number of tags
  constexpr std::size_t size() const noexcept { return count_; }
  /// @return true for an untagged frame
  constexpr bool empty() const noexcept { return count_ == 0; }
  /// @param index 0 for the outermost tag
  /// @return the tag; all zeros when `index` is not below size()
  VlanTag operator[](std::size_t index) const noexcept {
    if (index >= count_) return {};
    const ByteReader reader(frame_);
    const std::size_t offset = 12 + 4 * index;
    const std::uint16_t tci = reader.u16_at(offset + 2);
    return VlanTag{reader.u16_at(offset), static_cast<std::uint8_t>(tci >> 13), (tci & 0x1000) != 0,
                   static_cast<std::uint16_t>(tci & 0x0fff)};
  }
  /// Iterates over the tags, outermost first.
  class Iterator {
   public:
    /// Positions the iterator.
    /// @param tags the list
    /// @param index the position
    constexpr Iterator(const VlanTags* tags, std::size_t index) noexcept : tags_(tags), index_(index) {}
    /// @return the tag at the position
    VlanTag operator*() const noexcept { return (*tags_)[index_]; }
    /// Moves to the next tag.
    /// @return this iterator
    constexpr Iterator& operator++() noexcept {
      ++index_;
      return *this;
    }
    /// @param other another iterator over the same list
    /// @return true when both stand at the same position
    constexpr bool operator==(const Iterator& other) const noexcept { return index_ == other.index_; }

   private:
    const VlanTags* tags_;
    std::size_t index_;
  };
  /// @return an iterator at the outermost tag
  constexpr Iterator begin() const noexcept { return Iterator(this, 0); }
  /// @return an iterator past the innermost tag
  constexpr Iterator end() const noexcept { return Iterator(this, count_); }

 private:
  ByteView frame_;
  std::size_t count_ = 0;
};

/// An Ethernet frame header: Ethernet II (a type field) or IEEE 802.3 (a length field followed
/// by LLC), with any number of 802.1Q/802.1ad tags in between. The tags are limited only by the
/// frame's length: they are read from the bytes, not stored.
///
/// The 16 bits after the source address are a length when they are 1500 or less and an
/// EtherType when they are 0x0600 or more (IEEE 802.3 clause 3.2.6); values in between are
/// invalid. A frame whose "EtherType" looks like 129 is therefore an 802.3 frame of 129
/// payload bytes, usually carrying LLC (spanning tree, NetBIOS, CDP), not a protocol number.
///
/// @warning A view: valid while the frame's bytes are.
class EthernetFrame {
 public:
  /// Length of the MAC header without tags: destination, source and type/length.
  static constexpr std::size_t header_length_untagged = 14;

  /// Decodes the MAC header, the VLAN tags and, for 802.3 frames, the LLC/SNAP header.
  /// @param frame the frame's bytes, starting with the destination address
  /// @return the view; or ErrorKind::truncated when the frame ends inside a header; or
  ///         ErrorKind::invalid when a type/length field is between 1501 and 1535
  static Result<EthernetFrame> parse(ByteView frame) noexcept;
  /// Decodes as much of the header as the bytes hold, without reporting what is wrong: the tags
  /// whose tag control information was captured, and so on. Accessors of fields past the end
  /// return 0. Use parse() to know whether the header is whole and valid.
  /// @param frame the frame's bytes, starting with the destination address
  explicit EthernetFrame(ByteView frame) noexcept { (void)walk(frame); }
  /// Makes an empty view; every accessor returns 0 or empty.
  EthernetFrame() noexcept = default;

  /// @return the destination MAC address (bytes 0-5)
  MacAddress destination() const noexcept { return MacAddress{ByteReader(bytes_).array_at<6>(0)}; }
  /// @return the source MAC address (bytes 6-11)
  MacAddress source() const noexcept { return MacAddress{ByteReader(bytes_).array_at<6>(6)}; }
  /// @return the type/length field right after the source address: a VLAN TPID in a tagged frame
  ///         (Wireshark's eth.type or eth.len)
  std::uint16_t outer_type() const noexcept { return ByteReader(bytes_).u16_at(12); }
  /// @return the VLAN tags, outermost first; empty for an untagged frame
  VlanTags vlan_tags() const noexcept { return VlanTags(bytes_, tag_count_); }
  /// @return true for an IEEE 802.3 frame (the innermost type/length field is a length)
  bool is_ieee802_3() const noexcept { return is_8023_; }
  /// @return the 802.3 length field (payload length in bytes); meaningful only when is_ieee802_3()
  std::uint16_t length_field() const noexcept { return is_8023_ ? inner_type_ : 0; }
  /// @return the LLC (and SNAP) header of an 802.3 frame; meaningful only when is_ieee802_3()
  const LlcHeader& llc() const noexcept { return llc_; }
  /// @return the EtherType of the payload: the innermost type field of an Ethernet II frame, the
  ///         SNAP protocol of an 802.3 frame with SNAP (OUI 0), or 0 when the payload has none
  std::uint16_t ether_type() const noexcept { return ether_type_; }
  /// @return the header length in bytes: MAC header, tags, and LLC/SNAP for 802.3 frames
  std::size_t header_length() const noexcept { return header_length_; }
  /// @return the bytes after the header. For 802.3 frames, cut to the length field so that the
  ///         padding of short frames is left out; for Ethernet II frames, everything to the end
  ///         of the capture (the network layer trims padding using its own length field)
  ByteView payload() const noexcept { return payload_; }
  /// @return the whole frame the view was made from
  ByteView bytes() const noexcept { return bytes_; }

 private:
  // Fills the view from `frame` as far as it goes; returns what stopped it (ErrorKind::none if
  // nothing did).
  DecodeError walk(ByteView frame) noexcept;

  ByteView bytes_;
  ByteView payload_;
  std::size_t tag_count_ = 0;
  std::size_t header_length_ = 0;
  LlcHeader llc_{};
  std::uint16_t inner_type_ = 0;
  std::uint16_t ether_type_ = 0;
  bool is_8023_ = false;
};

/// The Linux "cooked" capture header, version 1 (LINKTYPE_LINUX_SLL, 16 bytes), which libpcap
/// writes when capturing on the "any" interface or on devices without a usable link header.
/// @see https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
class LinuxSllHeader {
 public:
  /// Length of the header in bytes.
  static constexpr std::size_t header_length = 16;
  /// Decodes the header.
  /// @param frame the frame's bytes
  /// @return the view, or ErrorKind::truncated when fewer than 16 bytes were captured
  static Result<LinuxSllHeader> parse(ByteView frame) noexcept;
  /// Wraps bytes without checking their length; accessors return 0 for fields past the end.
  /// @param frame the frame's bytes
  explicit constexpr LinuxSllHeader(ByteView frame) noexcept : bytes_(frame) {}
  /// Makes an empty view; every accessor returns 0.
  constexpr LinuxSllHeader() noexcept = default;

  /// @return the packet type: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us
  std::uint16_t packet_type() const noexcept { return ByteReader(bytes_).u16_at(0); }
  /// @return the ARPHRD_ type of the device (1 for Ethernet, 772 for loopback)
  std::uint16_t arphrd_type() const noexcept { return ByteReader(bytes_).u16_at(2); }
  /// @return the number of meaningful bytes in the link-layer address field (0-8)
  std::uint16_t address_length() const noexcept { return ByteReader(bytes_).u16_at(4); }
  /// @return the link-layer address field (8 bytes, of which address_length() are meaningful)
  ByteView address() const noexcept { return ByteReader(bytes_).view_at(6, 8); }
  /// @return the protocol type: an EtherType for values 0x0600 and above (Wireshark's sll.etype)
  std::uint16_t protocol() const noexcept { return ByteReader(bytes_).u16_at(14); }
  /// @return the bytes after the header
  ByteView payload() const noexcept { return ByteReader(bytes_).view_from(header_length); }

 private:
  ByteView bytes_;
};

/// The Linux "cooked" capture header, version 2 (LINKTYPE_LINUX_SLL2, 20 bytes), which adds the
/// interface index and moves the protocol type first.
/// @see https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html
class LinuxSll2Header {
 public:
  /// Length of the header in bytes.
  static constexpr std::size_t header_length = 20;
  /// Decodes the header.
  /// @param frame the frame's bytes
  /// @return the view, or ErrorKind::truncated when fewer than 20 bytes were captured
  static Result<LinuxSll2Header> parse(ByteView frame) noexcept;
  /// Wraps bytes without checking their length; accessors return 0 for fields past the end.
  /// @param frame the frame's bytes
  explicit constexpr LinuxSll2Header(ByteView frame) noexcept : bytes_(frame) {}
  /// Makes an empty view; every accessor returns 0.
  constexpr LinuxSll2Header() noexcept = default;

  /// @return the protocol type: an EtherType for values 0x0600 and above
  std::uint16_t protocol() const noexcept { return ByteReader(bytes_).u16_at(0); }
  /// @return the index of the interface the packet was captured on
  std::uint32_t interface_index() const noexcept { return ByteReader(bytes_).u32_at(4); }
  /// @return the ARPHRD_ type of the device (1 for Ethernet, 772 for loopback)
  std::uint16_t arphrd_type() const noexcept { return ByteReader(bytes_).u16_at(8); }
  /// @return the packet type: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us
  std::uint8_t packet_type() const noexcept { return ByteReader(bytes_).u8_at(10); }
  /// @return the number of meaningful bytes in the link-layer address field (0-8)
  std::uint8_t address_length() const noexcept { return ByteReader(bytes_).u8_at(11); }
  /// @return the link-layer address field (8 bytes, of which address_length() are meaningful)
  ByteView address() const noexcept { return ByteReader(bytes_).view_at(12, 8); }
  /// @return the bytes after the header
  ByteView payload() const noexcept { return ByteReader(bytes_).view_from(header_length); }

 private:
  ByteView bytes_;
};

/// The 4-byte BSD loopback header: an address family (AF_INET, AF_INET6) of the host that
/// wrote the capture. LINKTYPE_NULL stores it in that host's byte order, LINKTYPE_LOOP in
/// network byte order.
/// @see https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html
class LoopbackHeader {
 public:
  /// Length of the header in bytes.
  static constexpr std::size_t header_length = 4;
  /// Decodes the header.
  /// @param frame the frame's bytes
  /// @param link_type LinkType::null (byte order guessed, as Wireshark does) or LinkType::loop
  /// @return the view, or ErrorKind::truncated when fewer than 4 bytes were captured
  static Result<LoopbackHeader> parse(ByteView frame, LinkType link_type) noexcept;

  /// @return the address family as written (2 = AF_INET; 24, 28 or 30 = AF_INET6 on
  ///         NetBSD/OpenBSD, FreeBSD and macOS, the values the link type's definition lists)
  std::uint32_t family() const noexcept { return family_; }
  /// @return the EtherType matching family(): 0x0800, 0x86DD, or 0 for other families
  std::uint16_t ether_type() const noexcept;
  /// @return the bytes after the header
  ByteView payload() const noexcept { return ByteReader(bytes_).view_from(header_length); }

 private:
  ByteView bytes_;
  std::uint32_t family_ = 0;
};

/// What decode_link() found: the link header that was decoded and what the frame carries.
struct LinkLayer {
  Protocol protocol = Protocol::none;  ///< Which header below is meaningful: ethernet, linux_sll,
                                       ///< linux_sll2, loopback or raw_ip.
  EthernetFrame ethernet;              ///< The Ethernet header, when protocol is Protocol::ethernet.
  LinuxSllHeader sll;                  ///< The SLL header, when protocol is Protocol::linux_sll.
  LinuxSll2Header sll2;                ///< The SLL2 header, when protocol is Protocol::linux_sll2.
  LoopbackHeader loopback;             ///< The loopback header, when protocol is Protocol::loopback.
  /// EtherType of the payload (0x0800 IPv4, 0x86DD IPv6, 0x0806 ARP, ...); 0 when the link header
  /// does not say (802.3 LLC without SNAP, an unknown loopback family, a raw frame that is not IP).
  std::uint16_t ether_type = 0;
  ByteView payload;                    ///< The bytes after the link header.
};

/// Decodes the link-layer header of a frame, whatever its link type.
/// @param link_type the capture's link type (Frame::link_type)
/// @param frame the frame's bytes
/// @return the link layer; or the link header's ErrorKind::truncated or ErrorKind::invalid; or
///         ErrorKind::invalid with Protocol::capture for an unsupported link type
Result<LinkLayer> decode_link(LinkType link_type, ByteView frame) noexcept;

/// Does what decode_link() does, into an existing LinkLayer: decode_packet() uses it to fill its
/// DecodedPacket in place, without copying the layer through a Result.
/// @param link_type the capture's link type (Frame::link_type)
/// @param frame the frame's bytes
/// @param out the layer to fill; when an error is returned, it holds what was decoded before the
///            error, not a decoded link layer
/// @return ErrorKind::none when `out` holds the link layer; otherwise the error decode_link()
///         returns
DecodeError decode_link_into(LinkType link_type, ByteView frame, LinkLayer& out) noexcept;

}  // namespace pktdoc
