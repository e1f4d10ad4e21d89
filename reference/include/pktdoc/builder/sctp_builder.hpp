/// @file
/// @brief Building SCTP packets (RFC 9260): the common header, chunks with their parameters and
/// error causes, lengths and padding, and the CRC32c checksum (RFC 9260 appendix A).
///
/// Every chunk, parameter and error cause is the same type-length-value with zero padding to a
/// multiple of 4 bytes; the builders here fill in the lengths, which count neither a chunk's own
/// padding nor that of its last parameter (RFC 9260 section 3.2), and pad.
///
/// @code
/// using namespace pktdoc;
/// // The first packet of an association: INIT, verification tag 0.
/// build::Sctp init{.source_port = 5000, .destination_port = 5001, .verification_tag = 0};
/// init.chunks.push_back(build::SctpChunk::init(0x11111111, 65536, 10, 10, 1000,
///                                              {build::SctpParameter::ipv4_address(client)}));
/// build::Bytes packet = ip.packet(init);
/// // Then data: one whole user message (B and E set) on stream 0.
/// build::Sctp data{.source_port = 5000, .destination_port = 5001, .verification_tag = 0x22222222};
/// data.chunks.push_back(build::SctpChunk::data(1000, 0, 0, 0, as_bytes("hello")));
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "pktdoc/address.hpp"
#include "pktdoc/builder/byte_writer.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/sctp.hpp"

namespace pktdoc::build {

/// Flags of a DATA chunk (RFC 9260 section 3.3.1; I bit RFC 7053), as SctpDataChunk reads them.
namespace sctp_data_flag {
inline constexpr std::uint8_t ending = 0x01;     ///< E: the last fragment of a user message.
inline constexpr std::uint8_t beginning = 0x02;  ///< B: the first fragment of a user message.
inline constexpr std::uint8_t unordered = 0x04;  ///< U: an unordered message.
inline constexpr std::uint8_t immediate = 0x08;  ///< I: the receiver should SACK at once (RFC 7053).
/// B and E: a whole user message in one chunk.
inline constexpr std::uint8_t whole_message = beginning | ending;
}  // namespace sctp_data_flag

/// One variable-length parameter of an INIT, INIT ACK or HEARTBEAT chunk: type, length, value.
/// @see RFC 9260 section 3.2.1
struct SctpParameter {
  /// Parameter Type (sctp_parameter_type).
  std::uint16_t type = 0;
  /// Parameter Value, without padding.
  Bytes value{};
  /// Parameter Length; nothing computes it (4 + value).
  std::optional<std::uint16_t> length{};

  /// An IPv4 Address parameter (type 5; RFC 9260 section 3.3.2.1.1).
  /// @param address one of the sender's addresses
  /// @return the parameter
  static SctpParameter ipv4_address(const Ipv4Address& address);
  /// An IPv6 Address parameter (type 6; section 3.3.2.1.2).
  /// @param address one of the sender's addresses
  /// @return the parameter
  static SctpParameter ipv6_address(const Ipv6Address& address);
  /// A State Cookie parameter (type 7; section 3.3.3.1), for an INIT ACK.
  /// @param cookie the cookie, opaque to the peer
  /// @return the parameter
  static SctpParameter state_cookie(ByteView cookie);
  /// A Cookie Preservative parameter (type 9; section 3.3.2.1.3).
  /// @param increment_ms the suggested cookie life-span increment, in milliseconds
  /// @return the parameter
  static SctpParameter cookie_preservative(std::uint32_t increment_ms);
  /// A Supported Address Types parameter (type 12; section 3.3.2.1.5).
  /// @param address_types parameter types of the addresses the sender supports (5 IPv4, 6 IPv6)
  /// @return the parameter
  static SctpParameter supported_address_types(const std::vector<std::uint16_t>& address_types);
  /// A Heartbeat Info parameter (type 1; section 3.3.5), for HEARTBEAT and HEARTBEAT ACK.
  /// @param info sender-specific information, returned unchanged
  /// @return the parameter
  static SctpParameter heartbeat_info(ByteView info);
  /// A Forward-TSN-Supported parameter (type 0xC000; RFC 3758 section 3.1).
  /// @return the parameter
  static SctpParameter forward_tsn_supported();
  /// A Supported Extensions parameter (type 0x8008; RFC 5061 section 4.2.7).
  /// @param chunk_types the chunk types the sender supports beyond RFC 9260
  /// @return the parameter
  static SctpParameter supported_extensions(const std::vector<std::uint8_t>& chunk_types);

  /// Encodes the parameter with its padding.
  /// @return type, length, value and 0-3 zero bytes
  /// @throws std::length_error when the parameter would be longer than 65535 bytes
  Bytes encode() const;
};

/// One error cause of an ERROR or ABORT chunk: code, length, cause-specific information.
/// @see RFC 9260 section 3.3.10
struct SctpErrorCause {
  /// Cause Code (sctp_cause_code).
  std::uint16_t code = 0;
  /// Cause-Specific Information, without padding.
  Bytes info{};
  /// Cause Length; nothing computes it (4 + info).
  std::optional<std::uint16_t> length{};

  /// Invalid Stream Identifier (code 1; section 3.3.10.1).
  /// @param stream_identifier the stream that does not exist
  /// @return the cause
  static SctpErrorCause invalid_stream_identifier(std::uint16_t stream_identifier);
  /// No User Data (code 9; section 3.3.10.9).
  /// @param tsn the TSN of the DATA chunk that had none
  /// @return the cause
  static SctpErrorCause no_user_data(std::uint32_t tsn);
  /// User-Initiated Abort (code 12; section 3.3.10.12).
  /// @param reason the upper layer's reason, any bytes
  /// @return the cause
  static SctpErrorCause user_initiated_abort(ByteView reason = {});
  /// Protocol Violation (code 13; section 3.3.10.13).
  /// @param information what was violated, any bytes
  /// @return the cause
  static SctpErrorCause protocol_violation(ByteView information = {});

  /// Encodes the cause with its padding.
  /// @return code, length, information and 0-3 zero bytes
  /// @throws std::length_error when the cause would be longer than 65535 bytes
  Bytes encode() const;
};

/// One chunk: type, flags, length and value.
///
/// The factories build the chunks of RFC 9260 section 3.3 with the fields named as the decoder's
/// typed chunk views (SctpDataChunk, SctpInitChunk, SctpSackChunk, ...). For any other chunk,
/// set the fields directly.
/// @see RFC 9260 section 3.2
struct SctpChunk {
  /// Chunk Type (sctp_chunk_type).
  std::uint8_t type = sctp_chunk_type::data;
  /// Chunk Flags, whose meaning depends on the type.
  std::uint8_t flags = 0;
  /// Chunk Value. For chunks with parameters or causes it holds them already encoded and padded;
  /// `value_padding` says how much of its end is the last one's padding.
  Bytes value{};
  /// Bytes at the end of `value` that are the padding of its last parameter or cause, which the
  /// Chunk Length does not count (RFC 9260 section 3.2).
  std::size_t value_padding = 0;
  /// Chunk Length; nothing computes it (4 + value - value_padding).
  std::optional<std::uint16_t> length{};

  /// A DATA chunk (type 0; section 3.3.1).
  /// @param tsn Transmission Sequence Number
  /// @param stream_identifier the stream
  /// @param stream_sequence_number the message's sequence number within its stream
  /// @param payload_protocol_identifier set by the application (0: unspecified)
  /// @param user_data the user data (a DATA chunk without any is a protocol error, but builds)
  /// @param flags sctp_data_flag values; a whole message by default
  /// @return the chunk
  static SctpChunk data(std::uint32_t tsn, std::uint16_t stream_identifier, std::uint16_t stream_sequence_number,
                        std::uint32_t payload_protocol_identifier, ByteView user_data,
                        std::uint8_t flags = sctp_data_flag::whole_message);
  /// An INIT chunk (type 1; section 3.3.2).
  /// @param initiate_tag the tag the peer must put in every packet it sends (not 0)
  /// @param advertised_receiver_window_credit a_rwnd, in bytes
  /// @param number_of_outbound_streams OS
  /// @param number_of_inbound_streams MIS
  /// @param initial_tsn the TSN of the sender's first DATA chunk
  /// @param parameters optional and variable-length parameters, in order
  /// @return the chunk
  static SctpChunk init(std::uint32_t initiate_tag, std::uint32_t advertised_receiver_window_credit,
                        std::uint16_t number_of_outbound_streams, std::uint16_t number_of_inbound_streams,
                        std::uint32_t initial_tsn, const std::vector<SctpParameter>& parameters = {});
  /// An INIT ACK chunk (type 2; section 3.3.3): the fields of INIT, and a State Cookie among the
  /// parameters.
  /// @param initiate_tag the tag the peer must put in every packet it sends (not 0)
  /// @param advertised_receiver_window_credit a_rwnd, in bytes
  /// @param number_of_outbound_streams OS
  /// @param number_of_inbound_streams MIS
  /// @param initial_tsn the TSN of the sender's first DATA chunk
  /// @param parameters the parameters, State Cookie included (SctpParameter::state_cookie())
  /// @return the chunk
  static SctpChunk init_ack(std::uint32_t initiate_tag, std::uint32_t advertised_receiver_window_credit,
                            std::uint16_t number_of_outbound_streams, std::uint16_t number_of_inbound_streams,
                            std::uint32_t initial_tsn, const std::vector<SctpParameter>& parameters);
  /// A SACK chunk (type 3; section 3.3.4).
  /// @param cumulative_tsn_ack every TSN up to this one has been received
  /// @param advertised_receiver_window_credit a_rwnd, in bytes
  /// @param gap_ack_blocks blocks of TSNs received after a gap, as offsets from the cumulative TSN
  /// @param duplicate_tsns TSNs received more than once
  /// @return the chunk
  static SctpChunk sack(std::uint32_t cumulative_tsn_ack, std::uint32_t advertised_receiver_window_credit,
                        const std::vector<SctpGapAckBlock>& gap_ack_blocks = {},
                        const std::vector<std::uint32_t>& duplicate_tsns = {});
  /// A HEARTBEAT chunk (type 4; section 3.3.5).
  /// @param info the Heartbeat Information, returned unchanged in the HEARTBEAT ACK
  /// @return the chunk
  static SctpChunk heartbeat(ByteView info);
  /// A HEARTBEAT ACK chunk (type 5; section 3.3.6).
  /// @param info the Heartbeat Information of the HEARTBEAT it answers
  /// @return the chunk
  static SctpChunk heartbeat_ack(ByteView info);
  /// An ABORT chunk (type 6; section 3.3.7).
  /// @param t_bit set when the sender reflects the receiver's own verification tag
  /// @param causes the error causes, in order
  /// @return the chunk
  static SctpChunk abort(bool t_bit, const std::vector<SctpErrorCause>& causes = {});
  /// A SHUTDOWN chunk (type 7; section 3.3.8).
  /// @param cumulative_tsn_ack the last TSN received in sequence
  /// @return the chunk
  static SctpChunk shutdown(std::uint32_t cumulative_tsn_ack);
  /// A SHUTDOWN ACK chunk (type 8; section 3.3.9): no value.
  /// @return the chunk
  static SctpChunk shutdown_ack();
  /// An ERROR chunk (type 9; section 3.3.10).
  /// @param causes the error causes, at least one
  /// @return the chunk
  static SctpChunk error(const std::vector<SctpErrorCause>& causes);
  /// A COOKIE ECHO chunk (type 10; section 3.3.11).
  /// @param cookie the State Cookie from the INIT ACK
  /// @return the chunk
  static SctpChunk cookie_echo(ByteView cookie);
  /// A COOKIE ACK chunk (type 11; section 3.3.12): no value.
  /// @return the chunk
  static SctpChunk cookie_ack();
  /// A SHUTDOWN COMPLETE chunk (type 14; section 3.3.13).
  /// @param t_bit set when the sender reflects the receiver's own verification tag
  /// @return the chunk
  static SctpChunk shutdown_complete(bool t_bit = false);

  /// Encodes the chunk with its padding.
  /// @return type, flags, length, value and 0-3 zero bytes
  /// @throws std::length_error when the chunk would be longer than 65535 bytes
  Bytes encode() const;
};

/// An SCTP packet: the common header and its chunks.
///
/// The fields are named as SctpPacket's accessors. The checksum is the CRC32c of the packet with
/// the field zeroed, stored least significant byte first (RFC 9260 appendix A); setting
/// `checksum` writes that value instead, in the order SctpPacket::checksum() reads it.
/// @see RFC 9260 sections 3 and 3.1
struct Sctp {
  /// Source Port Number.
  std::uint16_t source_port = 0;
  /// Destination Port Number.
  std::uint16_t destination_port = 0;
  /// Verification Tag: the peer's Initiate Tag; 0 in a packet carrying INIT.
  std::uint32_t verification_tag = 0;
  /// The chunks, in order.
  std::vector<SctpChunk> chunks{};
  /// The Checksum field as the 4 bytes read in wire order (SctpPacket::checksum()); nothing
  /// computes the CRC32c.
  std::optional<std::uint32_t> checksum{};
  /// Flip the lowest bit of the computed CRC32c: wrong on purpose (for tests of bad input).
  bool corrupt_checksum = false;

  /// Encodes the packet. SCTP has no pseudo-header, so the packet does not depend on the IP
  /// header that carries it (Ipv4::packet(), Ipv6::packet(), or UDP port 9899 per RFC 6951).
  /// @return the common header and the chunks, checksum filled in
  /// @throws std::length_error as SctpChunk::encode() does
  Bytes packet() const;
};

}  // namespace pktdoc::build
