#include "pktdoc/arp.hpp"

#include "pktdoc/link.hpp"

namespace pktdoc {
namespace {

// RFC 2225: the type/length bytes of ATM numbers and subaddresses carry the length in their
// low six bits (bit 0x40 says E.164 or NSAP).
constexpr std::size_t atm_length(std::uint8_t type_and_length) noexcept { return type_and_length & 0x3f; }

// The length an ATMARP packet declares: the 12-byte fixed part and six variable fields.
std::size_t atmarp_length(const ByteReader& reader) noexcept {
  return ArpPacket::atmarp_fixed_header_length + atm_length(reader.u8_at(4)) + atm_length(reader.u8_at(5)) +
         reader.u8_at(8) + atm_length(reader.u8_at(9)) + atm_length(reader.u8_at(10)) + reader.u8_at(11);
}

}  // namespace

// clang-format off
std::string_view arp_hardware_type_name(ArpHardwareType type) noexcept {
  switch (type) {
    case ArpHardwareType::reserved: return "Reserved";
    case ArpHardwareType::ethernet: return "Ethernet";
    case ArpHardwareType::experimental_ethernet: return "Experimental Ethernet";
    case ArpHardwareType::ax25: return "AX.25";
    case ArpHardwareType::pronet: return "ProNET";
    case ArpHardwareType::chaos: return "Chaos";
    case ArpHardwareType::ieee802: return "IEEE 802";
    case ArpHardwareType::arcnet: return "ARCNET";
    case ArpHardwareType::hyperchannel: return "Hyperchannel";
    case ArpHardwareType::lanstar: return "Lanstar";
    case ArpHardwareType::autonet: return "Autonet Short Address";
    case ArpHardwareType::localtalk: return "Localtalk";
    case ArpHardwareType::localnet: return "LocalNet";
    case ArpHardwareType::ultra_link: return "Ultra link";
    case ArpHardwareType::smds: return "SMDS";
    case ArpHardwareType::frame_relay: return "Frame Relay DLCI";
    case ArpHardwareType::atm: return "ATM";
    case ArpHardwareType::hdlc: return "HDLC";
    case ArpHardwareType::fibre_channel: return "Fibre Channel";
    case ArpHardwareType::atm_rfc2225: return "ATM (RFC 2225)";
    case ArpHardwareType::serial_line: return "Serial Line";
    case ArpHardwareType::atm2: return "ATM";
    case ArpHardwareType::mil_std_188_220: return "MIL-STD-188-220";
    case ArpHardwareType::metricom: return "Metricom STRIP";
    case ArpHardwareType::ieee1394: return "IEEE 1394.1995";
    case ArpHardwareType::mapos: return "MAPOS";
    case ArpHardwareType::twinaxial: return "Twinaxial";
    case ArpHardwareType::eui64: return "EUI-64";
    case ArpHardwareType::hiparp: return "HIPARP";
    case ArpHardwareType::iso7816_3: return "IP and ARP over ISO 7816-3";
    case ArpHardwareType::arpsec: return "ARPSec";
    case ArpHardwareType::ipsec_tunnel: return "IPsec tunnel";
    case ArpHardwareType::infiniband: return "InfiniBand";
    case ArpHardwareType::tia102_p25: return "TIA-102 Project 25 CAI";
    case ArpHardwareType::wiegand: return "Wiegand Interface";
    case ArpHardwareType::pure_ip: return "Pure IP";
    case ArpHardwareType::hw_exp1: return "Experimental 1";
    case ArpHardwareType::hfi: return "HFI";
    case ArpHardwareType::unified_bus: return "Unified Bus";
    case ArpHardwareType::hw_exp2: return "Experimental 2";
    case ArpHardwareType::aethernet: return "AEthernet";
    case ArpHardwareType::reserved_65535: return "Reserved";
  }
  return "unknown";
}

std::string_view arp_operation_name(ArpOperation operation) noexcept {
  switch (operation) {
    case ArpOperation::reserved: return "reserved";
    case ArpOperation::request: return "request";
    case ArpOperation::reply: return "reply";
    case ArpOperation::reverse_request: return "reverse request";
    case ArpOperation::reverse_reply: return "reverse reply";
    case ArpOperation::drarp_request: return "drarp request";
    case ArpOperation::drarp_reply: return "drarp reply";
    case ArpOperation::drarp_error: return "drarp error";
    case ArpOperation::inverse_request: return "inverse request";
    case ArpOperation::inverse_reply: return "inverse reply";
    case ArpOperation::arp_nak: return "arp nak";
    case ArpOperation::mars_request: return "mars request";
    case ArpOperation::mars_multi: return "mars multi";
    case ArpOperation::mars_mserv: return "mars mserv";
    case ArpOperation::mars_join: return "mars join";
    case ArpOperation::mars_leave: return "mars leave";
    case ArpOperation::mars_nak: return "mars nak";
    case ArpOperation::mars_unserv: return "mars unserv";
    case ArpOperation::mars_sjoin: return "mars sjoin";
    case ArpOperation::mars_sleave: return "mars sleave";
    case ArpOperation::mars_grouplist_request: return "mars grouplist request";
    case ArpOperation::mars_grouplist_reply: return "mars grouplist reply";
    case ArpOperation::mars_redirect_map: return "mars redirect map";
    case ArpOperation::mapos_unarp: return "mapos unarp";
    case ArpOperation::op_exp1: return "experimental 1";
    case ArpOperation::op_exp2: return "experimental 2";
    case ArpOperation::reserved_65535: return "reserved";
  }
  return "unknown";
}
// clang-format on

Result<ArpPacket> ArpPacket::parse(ByteView bytes) noexcept {
  const ByteReader reader(bytes);
  if (!reader.can_read(fixed_header_length))
    return truncated(Protocol::arp, "packet shorter than the 8-byte fixed header", bytes.size());
  const ArpPacket whole(bytes);
  if (whole.is_atmarp()) {
    if (!reader.can_read(atmarp_fixed_header_length))
      return truncated(Protocol::arp, "ATMARP packet shorter than its 12-byte fixed header", bytes.size());
  } else {
    if (whole.hardware_length() == 0) return invalid(Protocol::arp, "hardware address length is 0", 4);
    if (whole.protocol_length() == 0) return invalid(Protocol::arp, "protocol address length is 0", 5);
  }
  const std::size_t length = whole.length();
  if (!reader.can_read(length)) return truncated(Protocol::arp, "capture ends inside the addresses", bytes.size());
  return ArpPacket(reader.view_at(0, length));
}

std::size_t ArpPacket::length() const noexcept {
  const ByteReader reader(bytes_);
  if (is_atmarp()) return reader.can_read(atmarp_fixed_header_length) ? atmarp_length(reader) : 0;
  if (!reader.can_read(fixed_header_length)) return 0;
  return fixed_header_length + 2 * (std::size_t{hardware_length()} + protocol_length());
}

ByteView ArpPacket::address(std::size_t offset, std::size_t count) const noexcept {
  if (is_atmarp()) return {};
  return ByteReader(bytes_).view_at(offset, count);
}

ByteView ArpPacket::sender_hardware_address() const noexcept { return address(fixed_header_length, hardware_length()); }

ByteView ArpPacket::sender_protocol_address() const noexcept {
  return address(fixed_header_length + hardware_length(), protocol_length());
}

ByteView ArpPacket::target_hardware_address() const noexcept {
  return address(fixed_header_length + std::size_t{hardware_length()} + protocol_length(), hardware_length());
}

ByteView ArpPacket::target_protocol_address() const noexcept {
  return address(fixed_header_length + 2 * std::size_t{hardware_length()} + protocol_length(), protocol_length());
}

bool ArpPacket::has_mac_addresses() const noexcept {
  const ArpHardwareType type = hardware_type();
  return (type == ArpHardwareType::ethernet || type == ArpHardwareType::ieee802) && hardware_length() == 6;
}

bool ArpPacket::has_ipv4_addresses() const noexcept {
  return protocol_type() == ether_type::ipv4 && protocol_length() == 4 && !is_atmarp();
}

std::optional<MacAddress> ArpPacket::sender_mac() const noexcept {
  const ByteView address = sender_hardware_address();
  if (!has_mac_addresses() || address.size() != 6) return std::nullopt;
  return MacAddress{ByteReader(address).array_at<6>(0)};
}

std::optional<MacAddress> ArpPacket::target_mac() const noexcept {
  const ByteView address = target_hardware_address();
  if (!has_mac_addresses() || address.size() != 6) return std::nullopt;
  return MacAddress{ByteReader(address).array_at<6>(0)};
}

std::optional<Ipv4Address> ArpPacket::sender_ip() const noexcept {
  const ByteView address = sender_protocol_address();
  if (!has_ipv4_addresses() || address.size() != 4) return std::nullopt;
  return Ipv4Address{ByteReader(address).array_at<4>(0)};
}

std::optional<Ipv4Address> ArpPacket::target_ip() const noexcept {
  const ByteView address = target_protocol_address();
  if (!has_ipv4_addresses() || address.size() != 4) return std::nullopt;
  return Ipv4Address{ByteReader(address).array_at<4>(0)};
}

bool ArpPacket::is_gratuitous() const noexcept {
  const ArpOperation op = operation();
  if (op != ArpOperation::request && op != ArpOperation::reply) return false;
  const ByteView sender = sender_protocol_address();
  const ByteView target = target_protocol_address();
  if (sender.empty() || sender.size() != target.size()) return false;
  const ByteReader s(sender), t(target);
  for (std::size_t i = 0; i < sender.size(); ++i)
    if (s.u8_at(i) != t.u8_at(i)) return false;
  return true;
}

bool ArpPacket::is_probe() const noexcept {
  if (operation() != ArpOperation::request) return false;
  const auto sender = sender_ip();
  const auto target = target_ip();
  return sender && target && sender->to_uint() == 0 && target->to_uint() != 0;
}

bool ArpPacket::is_announcement() const noexcept {
  if (operation() != ArpOperation::request) return false;
  const auto sender = sender_ip();
  const auto target = target_ip();
  return sender && target && *sender == *target && sender->to_uint() != 0;
}

}  // namespace pktdoc
