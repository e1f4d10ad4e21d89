/// @file
/// @brief Building whole conversations: Path (the link and IP headers of one direction) and
/// TcpConnection, which tracks sequence and acknowledgment numbers for both sides of a TCP
/// connection and produces its frames: handshake, data in segments of a chosen size, FIN, RST.
///
/// @code
/// using namespace pktdoc;
/// build::Path to_server{
///     .link = build::Link{.destination = server_mac, .source = client_mac},
///     .ip = build::Ipv4{.source = *Ipv4Address::parse("192.0.2.10"),
///                       .destination = *Ipv4Address::parse("198.51.100.80"), .identification = 100}};
/// build::TcpConnection tcp(to_server, {.port = 49152, .initial_sequence_number = 1000},
///                          {.port = 80, .initial_sequence_number = 5000});
/// std::vector<build::Bytes> frames = tcp.open();                       // SYN, SYN-ACK, ACK
/// frames.push_back(tcp.send(build::TcpSide::client, as_bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n")));
/// for (auto& f : tcp.send_segments(build::TcpSide::server, response, 1460)) frames.push_back(std::move(f));
/// for (auto& f : tcp.close(build::TcpSide::server)) frames.push_back(std::move(f));  // FIN, ACK, FIN, ACK
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/builder/icmp_builder.hpp"
#include "pktdoc/builder/icmpv6_builder.hpp"
#include "pktdoc/builder/ip_builder.hpp"
#include "pktdoc/builder/link_builder.hpp"
#include "pktdoc/builder/sctp_builder.hpp"
#include "pktdoc/builder/tcp_builder.hpp"
#include "pktdoc/builder/udp_builder.hpp"
#include "pktdoc/bytes.hpp"

namespace pktdoc::build {

/// The headers of one direction of a conversation: a link header and an IP header.
///
/// Its frame() functions build a whole frame for a transport, so that code making traffic is the
/// same for IPv4 and IPv6 and for every link type.
struct Path {
  /// The link-layer header (Ethernet by default).
  Link link{};
  /// The IP header: a build::Ipv4 or a build::Ipv6.
  IpHeader ip{};

  /// @return the same path the other way: link and IP addresses swapped (Link::reversed(),
  ///         build::reversed())
  Path reversed() const;
  /// @return true when `ip` is IPv6
  bool is_ipv6() const noexcept { return std::holds_alternative<Ipv6>(ip); }

  /// Builds a frame carrying a TCP segment.
  /// @param tcp the TCP header
  /// @param data the segment's data
  /// @return the frame
  /// @throws std::length_error as the IP and link builders do
  /// @throws std::invalid_argument as the IP and link builders do
  Bytes frame(const Tcp& tcp, ByteView data = {}) const;
  /// Builds a frame carrying a UDP datagram.
  /// @param udp the UDP header
  /// @param data the datagram's data
  /// @return the frame
  /// @throws std::length_error as the IP and link builders do
  /// @throws std::invalid_argument as the IP and link builders do
  Bytes frame(const Udp& udp, ByteView data = {}) const;
  /// Builds a frame carrying an SCTP packet.
  /// @param sctp the SCTP packet
  /// @return the frame
  /// @throws std::length_error as the IP and link builders do
  /// @throws std::invalid_argument as the IP and link builders do
  Bytes frame(const Sctp& sctp) const;
  /// Builds a frame carrying an ICMP message; `ip` must be IPv4.
  /// @param icmp the message
  /// @return the frame
  /// @throws std::invalid_argument when `ip` is IPv6
  Bytes frame(const Icmp& icmp) const;
  /// Builds a frame carrying an ICMPv6 message; `ip` must be IPv6.
  /// @param icmpv6 the message
  /// @return the frame
  /// @throws std::invalid_argument when `ip` is IPv4
  Bytes frame(const Icmpv6& icmpv6) const;
  /// Builds a frame carrying any payload after the IP header.
  /// @param protocol the IP protocol number
  /// @param payload the bytes
  /// @return the frame
  Bytes frame(std::uint8_t protocol, ByteView payload) const;
  /// Builds the IP packet of frame(const Tcp&, ByteView) without the link header (to fragment it,
  /// or to quote it in an ICMP error).
  /// @param tcp the TCP header
  /// @param data the segment's data
  /// @return the IP packet
  Bytes packet(const Tcp& tcp, ByteView data = {}) const;
  /// Builds the IP packet of frame(const Udp&, ByteView) without the link header.
  /// @param udp the UDP header
  /// @param data the datagram's data
  /// @return the IP packet
  Bytes packet(const Udp& udp, ByteView data = {}) const;
  /// Builds the IP packet of frame(const Sctp&) without the link header.
  /// @param sctp the SCTP packet
  /// @return the IP packet
  Bytes packet(const Sctp& sctp) const;
};

/// The two ends of a TCP connection: the client opens it (sends the SYN), the server accepts.
enum class TcpSide : std::uint8_t {
  client,  ///< The side that sends the first SYN; its Path is the one given to TcpConnection.
  server,  ///< The side that answers with SYN-ACK; its Path is the client's reversed.
};

/// What one side of a TcpConnection sends with: its port, initial sequence number, window and
/// SYN options.
struct TcpPeer {
  /// The side's port.
  std::uint16_t port = 0;
  /// ISN: the sequence number of its SYN (RFC 9293 section 3.4.1). Given, never random.
  std::uint32_t initial_sequence_number = 0;
  /// The window it advertises, in bytes (before scaling).
  std::uint16_t window = 65535;
  /// The options of its SYN or SYN-ACK (MSS 1460 by default; empty for none); later segments
  /// carry none.
  TcpOptionList syn_options = TcpOptionList().mss(1460);
};

/// A TCP connection between a client and a server, producing frames as the two sides would send
/// them, with sequence and acknowledgment numbers tracked (RFC 9293 section 3.4).
///
/// Each side's next sequence number starts at its ISN, and moves by one for SYN and FIN and by
/// the data length for data. Every segment after the client's SYN carries ACK with an
/// acknowledgment number that takes in everything the other side has sent so far (as if nothing
/// were lost). For the irregular cases (out of order, retransmitted, overlapping segments, a
/// lost segment acknowledged late) use segment(), which builds a segment at any place in a side's
/// byte stream without moving anything, or reorder and repeat the frames returned.
///
/// IPv4 Identification counts up by one per packet on each side from the value in the side's
/// Path; IPv6 has none. Nothing is random: the same calls build the same bytes.
///
/// Memory: the object holds the two Paths and counters; each call returns new frames.
class TcpConnection {
 public:
  /// Sets up the connection; nothing is sent yet.
  /// @param client_to_server the headers of the client's packets; the server's are its reversal
  /// @param client the client's port, ISN, window and SYN options
  /// @param server the server's port, ISN, window and SYN options
  TcpConnection(Path client_to_server, TcpPeer client, TcpPeer server);

  /// @return the client's SYN (sequence number the ISN, no ACK)
  Bytes syn();
  /// @return the server's SYN-ACK, acknowledging the client's SYN
  Bytes syn_ack();
  /// @param from the side that acknowledges
  /// @return a segment with ACK only and no data, acknowledging all the other side has sent
  Bytes ack(TcpSide from);
  /// @return the three-way handshake: syn(), syn_ack(), ack(TcpSide::client)
  std::vector<Bytes> open();
  /// Sends data in one segment.
  /// @param from the sending side
  /// @param data the data
  /// @param flags the flags; PSH and ACK by default
  /// @return the segment's frame
  /// @throws std::length_error when the packet would exceed 65535 bytes
  Bytes send(TcpSide from, ByteView data, std::uint16_t flags = tcp_flag::psh | tcp_flag::ack);
  /// Sends data in segments of at most `segment_size` bytes: ACK on each, PSH on the last, as a
  /// sender that writes `data` at once does.
  /// @param from the sending side
  /// @param data the data; empty gives no segment
  /// @param segment_size the most data per segment (the peer's MSS), at least 1
  /// @return one frame per segment
  std::vector<Bytes> send_segments(TcpSide from, ByteView data, std::size_t segment_size);
  /// @param from the side that closes its direction
  /// @return a FIN (with ACK) segment
  Bytes fin(TcpSide from);
  /// @param from the side that resets the connection
  /// @return a RST (with ACK) segment; RST takes no sequence number
  Bytes rst(TcpSide from);
  /// The four segments of a graceful close: FIN from `first`, the other side's ACK, its FIN, and
  /// the last ACK.
  /// @param first the side that closes first
  /// @return the four frames
  std::vector<Bytes> close(TcpSide first);

  /// Builds a segment at any place of a side's byte stream, without moving the side's next
  /// sequence number: for retransmissions, out-of-order and overlapping segments. Only the IPv4
  /// Identification counts up.
  /// @param from the sending side
  /// @param stream_offset where `data` starts in the side's byte stream: 0 for its first data
  ///        byte (the sequence number ISN + 1)
  /// @param data the data
  /// @param flags the flags; PSH and ACK by default
  /// @param acknowledged_offset the other side's stream offset to acknowledge; nothing
  ///        acknowledges all it has sent
  /// @return the segment's frame
  Bytes segment(TcpSide from, std::uint32_t stream_offset, ByteView data,
                std::uint16_t flags = tcp_flag::psh | tcp_flag::ack,
                std::optional<std::uint32_t> acknowledged_offset = std::nullopt);

  /// @param side a side
  /// @return the sequence number its next segment will carry
  std::uint32_t next_sequence_number(TcpSide side) const noexcept { return state(side).next_sequence; }
  /// @param side a side
  /// @return how many data bytes it has sent through send(), send_segments() (SYN and FIN not
  ///         counted)
  std::uint32_t bytes_sent(TcpSide side) const noexcept;
  /// @param side a side
  /// @return the Path its packets take (change it to move the conversation to another link)
  Path& path(TcpSide side) noexcept { return state(side).path; }

 private:
  struct SideState {
    Path path{};
    TcpPeer peer{};
    std::uint32_t next_sequence = 0;
    std::uint32_t data_sent = 0;
  };
  SideState& state(TcpSide side) noexcept { return sides_[side == TcpSide::client ? 0 : 1]; }
  const SideState& state(TcpSide side) const noexcept { return sides_[side == TcpSide::client ? 0 : 1]; }
  Bytes emit(TcpSide from, const Tcp& tcp, ByteView data);
  Tcp header(TcpSide from, std::uint16_t flags) const;

  std::array<SideState, 2> sides_{};
};

}  // namespace pktdoc::build
