#include "pktdoc/builder/arp_builder.hpp"

#include <utility>

namespace pktdoc::build {

Arp Arp::request(const MacAddress& sender_mac, const Ipv4Address& sender_ip, const Ipv4Address& target_ip) {
  return Arp{
      .operation = ArpOperation::request, .sender_mac = sender_mac, .sender_ip = sender_ip, .target_ip = target_ip};
}

Arp Arp::reply(const MacAddress& sender_mac, const Ipv4Address& sender_ip, const MacAddress& target_mac,
               const Ipv4Address& target_ip) {
  return Arp{.operation = ArpOperation::reply,
             .sender_mac = sender_mac,
             .sender_ip = sender_ip,
             .target_mac = target_mac,
             .target_ip = target_ip};
}

Arp Arp::probe(const MacAddress& sender_mac, const Ipv4Address& target_ip) {
  return request(sender_mac, Ipv4Address{}, target_ip);
}

Arp Arp::announcement(const MacAddress& sender_mac, const Ipv4Address& address) {
  return request(sender_mac, address, address);
}

Bytes Arp::packet() const {
  ByteWriter out;
  out.reserve(ArpPacket::ethernet_ipv4_length);
  out.write_u16(static_cast<std::uint16_t>(hardware_type)).write_u16(protocol_type);
  out.write_u8(hardware_length.value_or(static_cast<std::uint8_t>(sender_mac.bytes.size())));
  out.write_u8(protocol_length.value_or(static_cast<std::uint8_t>(sender_ip.bytes.size())));
  out.write_u16(static_cast<std::uint16_t>(operation));
  out.write(as_bytes(sender_mac.bytes.data(), sender_mac.bytes.size()));
  out.write(as_bytes(sender_ip.bytes.data(), sender_ip.bytes.size()));
  out.write(as_bytes(target_mac.bytes.data(), target_mac.bytes.size()));
  out.write(as_bytes(target_ip.bytes.data(), target_ip.bytes.size()));
  return std::move(out).release();
}

}  // namespace pktdoc::build
