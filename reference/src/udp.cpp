#include "pktdoc/udp.hpp"

namespace pktdoc {

Result<UdpDatagram> UdpDatagram::parse(ByteView bytes, Protocol network) noexcept {
  const UdpDatagram datagram(bytes);
  // Once the length field is there, a value below 8 is wrong whatever follows it.
  if (bytes.size() >= 6) {
    const std::uint16_t length = datagram.length();
    if (length == 0 && network != Protocol::ipv6)
      return invalid(Protocol::udp, "length field 0 (allowed only for IPv6 jumbograms)", 4);
    if (length != 0 && length < header_length) return invalid(Protocol::udp, "length field below the 8-byte header", 4);
  }
  if (bytes.size() < header_length)
    return truncated(Protocol::udp, "capture ends inside the 8-byte header", bytes.size());
  return datagram;
}

ChecksumStatus UdpDatagram::checksum_status(const PseudoHeader& pseudo) const noexcept {
  if (checksum() == 0) return pseudo.is_ipv6 ? ChecksumStatus::bad : ChecksumStatus::absent;
  PseudoHeader covered = pseudo;
  covered.length = static_cast<std::uint32_t>(is_jumbogram() ? pseudo.length : length());
  if (covered.length < header_length) return ChecksumStatus::bad;
  if (covered.length > bytes_.size()) return ChecksumStatus::unverified;
  InternetChecksum sum;
  add_pseudo_header(sum, covered);
  sum.add(ByteReader(bytes_).view_at(0, covered.length));
  return sum.finish() == 0 ? ChecksumStatus::good : ChecksumStatus::bad;
}

ByteView UdpDatagram::payload() const noexcept {
  const std::size_t length = datagram_length();
  if (length < header_length || bytes_.size() < header_length) return ByteView{};
  const std::size_t end = length < bytes_.size() ? length : bytes_.size();
  return ByteReader(bytes_).view_at(header_length, end - header_length);
}

}  // namespace pktdoc
