#include "pktdoc/builder/conversation.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace pktdoc::build {

// --- Path ---------------------------------------------------------------------------------------

Path Path::reversed() const { return Path{link.reversed(), build::reversed(ip)}; }

Bytes Path::packet(const Tcp& tcp, ByteView data) const {
  return std::visit([&](const auto& header) { return header.packet(tcp, data); }, ip);
}

Bytes Path::packet(const Udp& udp, ByteView data) const {
  return std::visit([&](const auto& header) { return header.packet(udp, data); }, ip);
}

Bytes Path::packet(const Sctp& sctp) const {
  return std::visit([&](const auto& header) { return header.packet(sctp); }, ip);
}

Bytes Path::frame(const Tcp& tcp, ByteView data) const { return link.frame(view(packet(tcp, data))); }
Bytes Path::frame(const Udp& udp, ByteView data) const { return link.frame(view(packet(udp, data))); }
Bytes Path::frame(const Sctp& sctp) const { return link.frame(view(packet(sctp))); }

Bytes Path::frame(const Icmp& icmp) const {
  const auto* ipv4 = std::get_if<Ipv4>(&ip);
  if (ipv4 == nullptr) throw std::invalid_argument("Path: ICMP needs IPv4; use Icmpv6 over IPv6");
  return link.frame(view(ipv4->packet(icmp)));
}

Bytes Path::frame(const Icmpv6& icmpv6) const {
  const auto* ipv6 = std::get_if<Ipv6>(&ip);
  if (ipv6 == nullptr) throw std::invalid_argument("Path: ICMPv6 needs IPv6; use Icmp over IPv4");
  return link.frame(view(ipv6->packet(icmpv6)));
}

Bytes Path::frame(std::uint8_t protocol, ByteView payload) const {
  return link.frame(view(std::visit([&](const auto& header) { return header.packet(protocol, payload); }, ip)));
}

// --- TcpConnection ------------------------------------------------------------------------------

TcpConnection::TcpConnection(Path client_to_server, TcpPeer client, TcpPeer server) {
  Path server_to_client = client_to_server.reversed();
  sides_[0] = SideState{std::move(client_to_server), std::move(client), 0, 0};
  sides_[1] = SideState{std::move(server_to_client), std::move(server), 0, 0};
  for (SideState& side : sides_) side.next_sequence = side.peer.initial_sequence_number;
}

Tcp TcpConnection::header(TcpSide from, std::uint16_t flags) const {
  const SideState& self = state(from);
  const SideState& other = state(from == TcpSide::client ? TcpSide::server : TcpSide::client);
  return Tcp{.source_port = self.peer.port,
             .destination_port = other.peer.port,
             .sequence_number = self.next_sequence,
             .acknowledgment_number = (flags & tcp_flag::ack) != 0 ? other.next_sequence : 0,
             .flags = flags,
             .window = self.peer.window};
}

Bytes TcpConnection::emit(TcpSide from, const Tcp& tcp, ByteView data) {
  SideState& self = state(from);
  Bytes frame = self.path.frame(tcp, data);
  if (auto* ipv4 = std::get_if<Ipv4>(&self.path.ip)) ++ipv4->identification;
  return frame;
}

Bytes TcpConnection::syn() {
  Tcp tcp = header(TcpSide::client, tcp_flag::syn);
  tcp.options = state(TcpSide::client).peer.syn_options;
  Bytes frame = emit(TcpSide::client, tcp, {});
  ++state(TcpSide::client).next_sequence;
  return frame;
}

Bytes TcpConnection::syn_ack() {
  Tcp tcp = header(TcpSide::server, tcp_flag::syn | tcp_flag::ack);
  tcp.options = state(TcpSide::server).peer.syn_options;
  Bytes frame = emit(TcpSide::server, tcp, {});
  ++state(TcpSide::server).next_sequence;
  return frame;
}

Bytes TcpConnection::ack(TcpSide from) { return emit(from, header(from, tcp_flag::ack), {}); }

std::vector<Bytes> TcpConnection::open() {
  std::vector<Bytes> frames;
  frames.push_back(syn());
  frames.push_back(syn_ack());
  frames.push_back(ack(TcpSide::client));
  return frames;
}

Bytes TcpConnection::send(TcpSide from, ByteView data, std::uint16_t flags) {
  Bytes frame = emit(from, header(from, flags), data);
  SideState& self = state(from);
  self.next_sequence += static_cast<std::uint32_t>(data.size());
  self.data_sent += static_cast<std::uint32_t>(data.size());
  return frame;
}

std::vector<Bytes> TcpConnection::send_segments(TcpSide from, ByteView data, std::size_t segment_size) {
  if (segment_size == 0) throw std::invalid_argument("TcpConnection: a segment holds at least 1 byte");
  std::vector<Bytes> frames;
  for (std::size_t offset = 0; offset < data.size(); offset += segment_size) {
    const ByteView piece = data.subspan(offset, std::min(segment_size, data.size() - offset));
    const bool last = offset + piece.size() == data.size();
    frames.push_back(send(from, piece, last ? tcp_flag::psh | tcp_flag::ack : tcp_flag::ack));
  }
  return frames;
}

Bytes TcpConnection::fin(TcpSide from) {
  Bytes frame = emit(from, header(from, tcp_flag::fin | tcp_flag::ack), {});
  ++state(from).next_sequence;
  return frame;
}

Bytes TcpConnection::rst(TcpSide from) { return emit(from, header(from, tcp_flag::rst | tcp_flag::ack), {}); }

std::vector<Bytes> TcpConnection::close(TcpSide first) {
  const TcpSide second = first == TcpSide::client ? TcpSide::server : TcpSide::client;
  std::vector<Bytes> frames;
  frames.push_back(fin(first));
  frames.push_back(ack(second));
  frames.push_back(fin(second));
  frames.push_back(ack(first));
  return frames;
}

Bytes TcpConnection::segment(TcpSide from, std::uint32_t stream_offset, ByteView data, std::uint16_t flags,
                             std::optional<std::uint32_t> acknowledged_offset) {
  const TcpSide to = from == TcpSide::client ? TcpSide::server : TcpSide::client;
  Tcp tcp = header(from, flags);
  tcp.sequence_number = state(from).peer.initial_sequence_number + 1 + stream_offset;
  if (acknowledged_offset)
    tcp.acknowledgment_number = state(to).peer.initial_sequence_number + 1 + *acknowledged_offset;
  return emit(from, tcp, data);
}

std::uint32_t TcpConnection::bytes_sent(TcpSide side) const noexcept { return state(side).data_sent; }

}  // namespace pktdoc::build
