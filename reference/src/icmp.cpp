#include "pktdoc/icmp.hpp"

namespace pktdoc {
namespace {

// The length below which a message of this type cannot hold its fixed fields.
constexpr std::size_t fixed_length(IcmpType type) noexcept {
  switch (type) {
    case IcmpType::timestamp:
    case IcmpType::timestamp_reply:
      return IcmpMessage::timestamp_length;
    case IcmpType::address_mask_request:
    case IcmpType::address_mask_reply:
      return IcmpMessage::address_mask_length;
    default:
      return IcmpMessage::header_length;
  }
}

// The types whose byte 5 is the RFC 4884 length (RFC 4884 section 4.1).
constexpr bool has_rfc4884_length(IcmpType type) noexcept {
  return type == IcmpType::destination_unreachable || type == IcmpType::time_exceeded ||
         type == IcmpType::parameter_problem;
}

// `complete`: every byte the IP header declares was captured, so a shortfall is the sender's.
Result<IcmpMessage> decode(ByteView bytes, bool complete) noexcept {
  if (bytes.size() < IcmpMessage::header_length)
    return complete ? invalid(Protocol::icmp, "message shorter than the 8-byte ICMP header", bytes.size())
                    : truncated(Protocol::icmp, "capture ends inside the 8-byte ICMP header", bytes.size());
  const IcmpMessage message(bytes);
  if (bytes.size() < fixed_length(message.type()))
    return complete ? invalid(Protocol::icmp, "message shorter than the fixed length of its type", bytes.size())
                    : truncated(Protocol::icmp, "capture ends inside the fixed fields of the message", bytes.size());
  return message;
}

}  // namespace

Result<IcmpMessage> IcmpMessage::parse(ByteView bytes) noexcept { return decode(bytes, false); }

Result<IcmpMessage> IcmpMessage::parse(ByteView bytes, std::size_t declared_length) noexcept {
  if (bytes.size() >= declared_length) return decode(bytes.first(declared_length), true);
  return decode(bytes, false);
}

ChecksumStatus IcmpMessage::checksum_status(std::size_t declared_length) const noexcept {
  if (bytes_.size() < declared_length) return ChecksumStatus::unverified;
  return internet_checksum(bytes_.first(declared_length)) == 0 ? ChecksumStatus::good : ChecksumStatus::bad;
}

bool IcmpMessage::is_error() const noexcept {
  if (bytes_.empty()) return false;
  switch (type()) {
    case IcmpType::destination_unreachable:
    case IcmpType::source_quench:
    case IcmpType::redirect:
    case IcmpType::time_exceeded:
    case IcmpType::parameter_problem:
      return true;
    default:
      return false;
  }
}

std::uint8_t IcmpMessage::original_datagram_length() const noexcept {
  return has_rfc4884_length(type()) ? reader().u8_at(5) : 0;
}

ByteView IcmpMessage::quoted_packet() const noexcept {
  if (!is_error()) return {};
  const ByteView rest = payload();
  const std::size_t original = std::size_t{original_datagram_length()} * 4;
  if (original != 0 && original <= rest.size()) return rest.first(original);
  return rest;
}

ByteView IcmpMessage::extensions() const noexcept {
  if (!is_error()) return {};
  const ByteView rest = payload();
  const std::size_t original = std::size_t{original_datagram_length()} * 4;
  if (original != 0 && original < rest.size()) return rest.subspan(original);
  return {};
}

namespace detail {

ByteView wireshark_quoted_packet(const IcmpMessage& icmp) noexcept {
  if (!icmp.is_error()) return {};
  const ByteView quote = icmp.payload();
  const ByteReader reader(quote);
  if (icmp.type() == IcmpType::redirect) {
    // packet-icmp.c reads the quoted IHL first: with no quote it throws and decodes nothing.
    if (quote.empty()) return {};
    const std::size_t length = std::size_t{reader.u8_at(0) & 0x0fu} * 4 + 8;
    return length < quote.size() ? quote.first(length) : quote;
  }
  const std::size_t words = icmp.original_datagram_length();
  // Wireshark compares the quoted total length with 4L and then cuts at (IHL + L) * 4, not 4L.
  if (words != 0 && quote.size() > words * 4 && reader.u16_at(2) > words * 4) {
    const std::size_t length = (std::size_t{reader.u8_at(0) & 0x0fu} + words) * 4;
    return length < quote.size() ? quote.first(length) : quote;
  }
  return quote;
}

}  // namespace detail
}  // namespace pktdoc
