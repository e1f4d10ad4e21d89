// The ARP fields of the `packets` listing, as tshark 4.0 lists them.
//
// Wireshark's ARP dissector (epan/dissectors/packet-arp.c) adds the fixed fields one at a time,
// then computes the Info column (which reads some addresses, depending on the operation), then
// adds the four addresses in order. A read past the captured bytes throws and ends the
// dissection, so a cut packet lists a prefix of its fields, and which prefix depends on the
// operation. Two hardware types have dissectors of their own that read everything first and list
// all or nothing: AX.25 (3) and ATMARP (19, RFC 2225, a different layout). Every rule below was
// checked against tshark on crafted packets (tests/unit/arp_test.cpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "pktdoc/arp.hpp"
#include "pktdoc/detail/listing.hpp"

namespace pktdoc::detail {
namespace {

constexpr std::uint16_t kHardwareEthernet = 1;
constexpr std::uint16_t kHardwareAx25 = 3;
constexpr std::uint16_t kHardwareIeee802 = 6;
constexpr std::uint16_t kHardwareAtmarp = 19;

// Wireshark's ARP_HW_IS_ETHER and ARP_PRO_IS_IPv4 (0xCC is the AX.25 PID of IP).
constexpr bool hardware_is_mac(std::uint16_t type, std::size_t length) noexcept {
  return (type == kHardwareEthernet || type == kHardwareIeee802) && length == 6;
}
constexpr bool protocol_is_ipv4(std::uint16_t type, std::size_t length) noexcept {
  return (type == 0x0800 || type == 0x00cc) && length == 4;
}

void add_ipv4(FieldSink& out, std::string_view field, const ByteReader& reader, std::size_t offset) {
  out.add(field, Ipv4Address{reader.array_at<4>(offset)});
}

void add_fixed_fields(FieldSink& out, const ByteReader& reader) {
  out.add_decimal("arp.hw.type", reader.u16_at(0));
  out.add_hex("arp.proto.type", reader.u16_at(2), 4);
  out.add_decimal("arp.opcode", reader.u16_at(6));
}

// ATMARP (RFC 2225): the 12-byte fixed part is read first, then every address; a packet that was
// not captured in full lists nothing.
void list_atmarp(const ByteReader& reader, std::size_t reported_length, FieldSink& out) {
  if (!reader.can_read(ArpPacket::atmarp_fixed_header_length)) return;
  const std::size_t length = ArpPacket(reader.data()).length();
  if (reported_length < length || !reader.can_read(length)) return;
  add_fixed_fields(out, reader);
  const std::uint16_t protocol = reader.u16_at(2);
  const std::size_t sender_protocol_length = reader.u8_at(8);
  const std::size_t target_protocol_length = reader.u8_at(11);
  const std::size_t sender_protocol_offset =
      ArpPacket::atmarp_fixed_header_length + (reader.u8_at(4) & 0x3fu) + (reader.u8_at(5) & 0x3fu);
  const std::size_t target_protocol_offset =
      sender_protocol_offset + sender_protocol_length + (reader.u8_at(9) & 0x3fu) + (reader.u8_at(10) & 0x3fu);
  if (protocol_is_ipv4(protocol, sender_protocol_length))
    add_ipv4(out, "arp.src.proto_ipv4", reader, sender_protocol_offset);
  if (protocol_is_ipv4(protocol, target_protocol_length))
    add_ipv4(out, "arp.dst.proto_ipv4", reader, target_protocol_offset);
}

// The four addresses in order, each listed once its bytes are there; the first one that was not
// captured ends the listing (where Wireshark's read throws).
void list_addresses(const ByteReader& reader, FieldSink& out) {
  const std::uint16_t hardware = reader.u16_at(0);
  const std::uint16_t protocol = reader.u16_at(2);
  const std::size_t hln = reader.u8_at(4);
  const std::size_t pln = reader.u8_at(5);
  const std::uint16_t operation = reader.u16_at(6);
  const bool mac = hardware_is_mac(hardware, hln);
  const bool ipv4 = protocol_is_ipv4(protocol, pln);
  std::size_t offset = ArpPacket::fixed_header_length;
  if (hln != 0) {  // ar$sha
    if (!reader.can_read(offset + hln)) return;
    if (mac) out.add("arp.src.hw_mac", MacAddress{reader.array_at<6>(offset)});
  }
  offset += hln;
  if (pln != 0) {  // ar$spa
    if (!reader.can_read(offset + pln)) return;
    if (ipv4) add_ipv4(out, "arp.src.proto_ipv4", reader, offset);
  }
  offset += pln;
  if (hln != 0) {  // ar$tha
    if (!reader.can_read(offset + hln)) return;
    if (mac) out.add("arp.dst.hw_mac", MacAddress{reader.array_at<6>(offset)});
  }
  offset += hln;
  // ar$tpa; in a DRARP error it holds a 1-byte error code instead (not for AX.25, whose
  // dissector has no DRARP)
  if (pln != 0 && (operation != 7 || hardware == kHardwareAx25)) {
    if (!reader.can_read(offset + pln)) return;
    if (ipv4) add_ipv4(out, "arp.dst.proto_ipv4", reader, offset);
  }
}

// AX.25 ARP: the dissector reads the fixed part and formats both protocol addresses (and, for
// some operations, hardware addresses) before it lists anything; then it lists the fixed fields
// and the addresses one by one.
void list_ax25_arp(const ByteReader& reader, std::size_t reported_length, FieldSink& out) {
  if (!reader.can_read(ArpPacket::fixed_header_length)) return;
  const std::size_t hln = reader.u8_at(4);
  const std::size_t pln = reader.u8_at(5);
  const std::size_t length = ArpPacket::fixed_header_length + 2 * (hln + pln);
  if (reported_length < length) return;
  std::size_t read = pln != 0 ? length : 0;  // ar$spa and ar$tpa; an empty one is not read
  if (hln != 0) {
    // Reverse and inverse requests and reverse replies read ar$tha (and ar$sha), inverse replies
    // ar$sha; a reply reads ar$sha only when it is not gratuitous, and then ar$tpa was read.
    const std::uint16_t operation = reader.u16_at(6);
    if (operation == 3 || operation == 4 || operation == 8)
      read = std::max(read, ArpPacket::fixed_header_length + 2 * hln + pln);
    else if (operation == 9)
      read = std::max(read, ArpPacket::fixed_header_length + hln);
  }
  if (!reader.can_read(read)) return;
  add_fixed_fields(out, reader);
  list_addresses(reader, out);
}

// How many bytes the Info column of an operation reads (Wireshark formats the addresses it
// names); a capture shorter than that lists no address at all.
std::size_t bytes_read_for_info(std::uint16_t operation, std::size_t hln, std::size_t pln) {
  const std::size_t sender_end = ArpPacket::fixed_header_length + hln + pln;  // end of ar$spa
  const std::size_t target_hardware_end = sender_end + hln;                   // end of ar$tha
  const std::size_t whole = target_hardware_end + pln;
  // An address of length 0 is never read (Wireshark formats it as "<No address>").
  if (operation == 1) return pln != 0 ? whole : 0;  // request: the gratuitous test reads ar$tpa
  if (operation == 2)  // reply: the same, then ar$sha for "A is at B" (an empty ar$tpa is never gratuitous)
    return pln != 0 ? whole : (hln != 0 ? ArpPacket::fixed_header_length + hln : 0);
  if (operation == 4 || operation == 6) return whole;      // reverse and DRARP replies: ar$tha and ar$tpa
  if (operation == 3 || operation == 5 || operation == 8)  // reverse, DRARP and inverse requests: ar$tha, ar$sha
    return hln == 0 ? 0 : target_hardware_end;
  if (operation == 9 || (operation >= 11 && operation <= 23))  // inverse reply, MARS, MAPOS: ar$sha, ar$spa
    return sender_end;
  return 0;  // DRARP error, ARP NAK, experimental, reserved and unknown operations read nothing
}

}  // namespace

// Lists an ARP packet whose link layer declared `reported_length` bytes for it (frame length
// minus link header: the bytes on the wire, captured or not). When that is less than the length
// the ARP header declares, tshark stops after the fixed fields (the packet is malformed); when it
// is enough but the capture is shorter (a snap length), tshark lists what it could read.
void list_arp(const ArpPacket& arp, std::size_t reported_length, FieldSink& out) {
  const ByteReader reader(arp.bytes());
  const std::size_t captured = reader.size();
  reported_length = std::max(reported_length, captured);
  if (!reader.can_read(2)) return;
  const std::uint16_t hardware = reader.u16_at(0);
  if (hardware == kHardwareAtmarp) return list_atmarp(reader, reported_length, out);
  if (hardware == kHardwareAx25) return list_ax25_arp(reader, reported_length, out);

  out.add_decimal("arp.hw.type", hardware);
  if (!reader.can_read(4)) return;
  out.add_hex("arp.proto.type", reader.u16_at(2), 4);
  if (!reader.can_read(ArpPacket::fixed_header_length)) return;
  const std::uint16_t operation = reader.u16_at(6);
  out.add_decimal("arp.opcode", operation);
  const std::size_t hln = reader.u8_at(4);
  const std::size_t pln = reader.u8_at(5);
  if (reported_length < ArpPacket::fixed_header_length + 2 * (hln + pln)) return;  // malformed
  if (!reader.can_read(bytes_read_for_info(operation, hln, pln))) return;
  list_addresses(reader, out);
}

// The listing has no frame length to go by here, so it takes the captured bytes to be all there
// was: a packet longer than its bytes was cut by its own lying lengths, not by a snap length.

}  // namespace pktdoc::detail
