/// @file
/// @brief Fragmenting IPv4 packets (RFC 791 section 3.2) and IPv6 packets (RFC 8200 section 4.5)
/// to fit an MTU, or cutting any one fragment out of a packet (for overlaps, duplicates and
/// fragments that never arrive).
///
/// The input is a whole packet as the other builders make it, transport checksum included: the
/// fragments carry that packet's bytes, so reassembling them gives it back exactly.
///
/// @code
/// using namespace pktdoc;
/// // A 4000-byte UDP datagram over IPv6, on a 1500-byte link: three fragments.
/// build::Bytes datagram = ip6.packet(build::Udp{.source_port = 5000, .destination_port = 5001}, data);
/// std::vector<build::Bytes> fragments = build::fragment(datagram, 1500, 0x12345678);
/// fragments.erase(fragments.begin() + 1);  // one that never arrives
/// for (const build::Bytes& piece : fragments) writer.write(timestamp, link.frame(piece));
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"

namespace pktdoc::build {

/// Splits an IPv4 or IPv6 packet into fragments of at most `mtu` bytes each, in order.
///
/// IPv4: each fragment is the header with More Fragments and Fragment Offset set, Total Length
/// and the header checksum recomputed; every fragment but the first keeps only the options whose
/// copied flag is set (RFC 791 section 3.1). The Identification, Don't Fragment and the other
/// fields are the packet's own (DF is copied, not obeyed). A packet that is itself a fragment is
/// split further, offsets and the last piece's More Fragments kept right.
///
/// IPv6: the unfragmentable part (the fixed header, and the extension headers up to the last
/// Routing header, or the Hop-by-Hop Options header when there is no Routing header) is repeated
/// in each fragment, followed by a Fragment header with `identification`; the rest (destination
/// options, the upper layer) is split (RFC 8200 section 4.5).
///
/// The data of every fragment but the last is a multiple of 8 bytes. A packet that fits in `mtu`
/// is returned as the only element, unchanged (without a Fragment header).
/// @param ip_packet a whole IPv4 or IPv6 packet, as Ipv4::packet() or Ipv6::packet() build it
/// @param mtu the largest fragment, IP header included, in bytes. Every link carries at least
///        1280 bytes of IPv6 (RFC 8200 section 5) and 68 of IPv4 (RFC 791); smaller values are
///        accepted, to make the odd captures tests need
/// @param identification IPv6 only: the Fragment header's Identification (IPv4 uses the header's)
/// @return the fragments; allocates one buffer per fragment
/// @throws std::invalid_argument when `ip_packet` does not decode as an IPv4 or IPv6 packet, is
///         not all there (its length field says more than it holds), already has a Fragment
///         header (IPv6), or `mtu` leaves no room for 8 bytes of data after the headers
std::vector<Bytes> fragment(ByteView ip_packet, std::size_t mtu, std::uint32_t identification = 0);

/// Cuts one fragment out of an IPv4 or IPv6 packet: the bytes from `offset` to `offset + length`
/// of its fragmentable part, with the headers fragment() would give them. Use it to build what
/// fragment() does not: overlapping fragments, a fragment sent twice with other bytes, pieces
/// whose sizes are not what an MTU gives.
/// @param ip_packet a whole IPv4 or IPv6 packet
/// @param offset where the fragment's data starts in the fragmentable part (the IPv4 payload, or
///        for IPv6 what follows the unfragmentable part), in bytes; a multiple of 8
/// @param length how many bytes of data, from `offset`; cut to what the packet has
/// @param more_fragments the More Fragments flag (M) to write
/// @param identification IPv6 only: the Fragment header's Identification
/// @return the fragment
/// @throws std::invalid_argument as fragment() does, or when `offset` is not a multiple of 8 or
///         not within the fragmentable part
Bytes fragment_at(ByteView ip_packet, std::size_t offset, std::size_t length, bool more_fragments,
                  std::uint32_t identification = 0);

}  // namespace pktdoc::build
