#include "pktdoc/builder/udp_builder.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "pktdoc/ip_protocol.hpp"
#include "pktdoc/udp.hpp"

namespace pktdoc::build {

Bytes Udp::datagram(ByteView data, const PseudoHeader& pseudo) const {
  const std::size_t total = UdpDatagram::header_length + data.size();
  if (total > 65535) throw std::length_error("Udp: a datagram holds at most 65535 bytes, not " + std::to_string(total));
  ByteWriter out;
  out.reserve(total);
  out.write_u16(source_port).write_u16(destination_port);
  out.write_u16(length.value_or(static_cast<std::uint16_t>(total))).write_u16(0);
  out.write(data);

  // The checksum covers the true length, whatever the length field says, as RFC 768 defines it
  // for a datagram whose length is right.
  PseudoHeader covered = pseudo;
  covered.protocol = ip_protocol::udp;
  covered.length = static_cast<std::uint32_t>(total);
  InternetChecksum sum;
  add_pseudo_header(sum, covered);
  sum.add(out.view());
  std::uint16_t computed = sum.finish();
  if (computed == 0) computed = 0xFFFF;  // 0 means "no checksum" (RFC 768)
  out.set_u16_at(6, checksum.value_or(corrupt_checksum ? wrong_checksum(computed) : computed));
  return std::move(out).release();
}

}  // namespace pktdoc::build
