#include "pktdoc/icmp.hpp"

namespace pktdoc {

std::string_view icmp_type_name(IcmpType type) noexcept {
  switch (type) {
    case IcmpType::echo_reply: return "echo reply";
    case IcmpType::destination_unreachable: return "destination unreachable";
    case IcmpType::source_quench: return "source quench";
    case IcmpType::redirect: return "redirect";
    case IcmpType::echo_request: return "echo request";
    case IcmpType::router_advertisement: return "router advertisement";
    case IcmpType::router_solicitation: return "router solicitation";
    case IcmpType::time_exceeded: return "time exceeded";
    case IcmpType::parameter_problem: return "parameter problem";
    case IcmpType::timestamp: return "timestamp request";
    case IcmpType::timestamp_reply: return "timestamp reply";
    case IcmpType::information_request: return "information request";
    case IcmpType::information_reply: return "information reply";
    case IcmpType::address_mask_request: return "address mask request";
    case IcmpType::address_mask_reply: return "address mask reply";
    case IcmpType::extended_echo_request: return "extended echo request";
    case IcmpType::extended_echo_reply: return "extended echo reply";
  }
  return "unknown";
}
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

// RFC 4884 section 4.1: with extensions, the original datagram field is at least 128 octets. A
// shorter length is not that protocol (a pre-RFC 4884 sender's stray byte, or a broken one), so
// it is ignored and the whole rest is the quote, as Linux does when it reads the field.
std::size_t IcmpMessage::original_datagram_bytes() const noexcept {
  const std::size_t original = std::size_t{original_datagram_length()} * 4;
  return original >= 128 && original <= payload().size() ? original : 0;
}

ByteView IcmpMessage::quoted_packet() const noexcept {
  if (!is_error()) return {};
  const std::size_t original = original_datagram_bytes();
  return original != 0 ? payload().first(original) : payload();
}

ByteView IcmpMessage::extensions() const noexcept {
  if (!is_error()) return {};
  const std::size_t original = original_datagram_bytes();
  return original != 0 ? payload().subspan(original) : ByteView{};
}
}  // namespace pktdoc
