// Not API. Calls every accessor and walks every iterator of each decoded view, so that a fuzz
// target reaches all of a decoder's code, not only its parse(); and checks what the views promise
// about themselves (payloads inside the bytes they were made from, walks that end within their
// documented bounds). Shared by every target: fuzz_frame walks whatever decode_packet() found with
// the same functions the per-decoder targets use.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "pktdoc/arp.hpp"
#include "pktdoc/checksum.hpp"
#include "pktdoc/dns.hpp"
#include "pktdoc/icmp.hpp"
#include "pktdoc/icmpv6.hpp"
#include "pktdoc/ip_protocol.hpp"
#include "pktdoc/ipv4.hpp"
#include "pktdoc/ipv6.hpp"
#include "pktdoc/link.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/sctp.hpp"
#include "pktdoc/tcp.hpp"
#include "pktdoc/udp.hpp"

namespace pktdoc::fuzz {

inline void use(ChecksumStatus status) noexcept {
  mix(static_cast<std::uint64_t>(status));
  use(checksum_status_name(status));
}

inline void use(const PseudoHeader& pseudo) noexcept {
  use(pseudo.is_ipv6);
  if (pseudo.is_ipv6) {
    use(pseudo.source6);
    use(pseudo.destination6);
  } else {
    use(pseudo.source4);
    use(pseudo.destination4);
  }
  use(pseudo.protocol);
  use(pseudo.length);
}

// ---------------------------------------------------------------------------------------------
// Link layer

inline void exercise(const EthernetFrame& ethernet) {
  use(ethernet.destination());
  use(ethernet.source());
  use(ethernet.outer_type());
  const VlanTags tags = ethernet.vlan_tags();
  use(tags.size());
  use(tags.empty());
  std::size_t count = 0;
  for (VlanTag tag : tags) {
    use(tag.tpid);
    use(tag.priority);
    use(tag.drop_eligible);
    use(tag.id);
    ++count;
  }
  PKTDOC_FUZZ_PROPERTY("ethernet.vlan-count", count == tags.size() && tags.size() <= ethernet.bytes().size() / 4);
  use(tags[tags.size()].tpid);  // past the end: all zeros
  use(ethernet.is_ieee802_3());
  use(ethernet.length_field());
  const LlcHeader& llc = ethernet.llc();
  use(llc.dsap);
  use(llc.ssap);
  use(llc.control);
  use(llc.has_snap);
  use(llc.snap_oui);
  use(llc.snap_protocol);
  use(llc.length);
  use(ethernet.ether_type());
  use(ethernet.header_length());
  use(ethernet.payload());
  use(ethernet.bytes());
  PKTDOC_FUZZ_PROPERTY("ethernet.payload-inside", inside(ethernet.payload(), ethernet.bytes()));
}

inline void exercise(const LinuxSllHeader& sll) {
  use(sll.packet_type());
  use(sll.arphrd_type());
  use(sll.address_length());
  use(sll.address());
  use(sll.protocol());
  use(sll.payload());
}

inline void exercise(const LinuxSll2Header& sll2) {
  use(sll2.protocol());
  use(sll2.interface_index());
  use(sll2.arphrd_type());
  use(sll2.packet_type());
  use(sll2.address_length());
  use(sll2.address());
  use(sll2.payload());
}

inline void exercise(const LoopbackHeader& loopback) {
  use(loopback.family());
  use(loopback.ether_type());
  use(loopback.payload());
}

inline void exercise(const LinkLayer& link, ByteView frame) {
  use(link.protocol);
  use(link.ether_type);
  use(link.payload);
  PKTDOC_FUZZ_PROPERTY("link.payload-inside", inside(link.payload, frame));
  switch (link.protocol) {
    case Protocol::ethernet:
      exercise(link.ethernet);
      break;
    case Protocol::linux_sll:
      exercise(link.sll);
      break;
    case Protocol::linux_sll2:
      exercise(link.sll2);
      break;
    case Protocol::loopback:
      exercise(link.loopback);
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// ARP

inline void exercise(const ArpPacket& arp) {
  use(arp.hardware_type());
  use(arp_hardware_type_name(arp.hardware_type()));
  use(arp.protocol_type());
  use(arp.hardware_length());
  use(arp.protocol_length());
  use(arp.operation());
  use(arp_operation_name(arp.operation()));
  use(arp.length());
  use(arp.is_atmarp());
  const ByteView addresses[] = {arp.sender_hardware_address(), arp.sender_protocol_address(),
                                arp.target_hardware_address(), arp.target_protocol_address()};
  for (ByteView address : addresses) {
    use(address);
    PKTDOC_FUZZ_PROPERTY("arp.address-inside", inside(address, arp.bytes()));
  }
  use(arp.has_mac_addresses());
  use(arp.has_ipv4_addresses());
  use(arp.is_ethernet_ipv4());
  use(arp.sender_mac());
  use(arp.target_mac());
  use(arp.sender_ip());
  use(arp.target_ip());
  use(arp.is_gratuitous());
  use(arp.is_probe());
  use(arp.is_announcement());
  use(arp.bytes());
}

// ---------------------------------------------------------------------------------------------
// IPv4

inline void exercise(const Ipv4RouteOption& route) {
  use(route.type);
  use(route.length);
  use(route.pointer);
  use(route.route_data);
  const std::size_t count = route.address_count();
  for (std::size_t i = 0; i <= count; ++i) use(route.address(i));  // one past the end: 0.0.0.0
  use(route.is_full());
  PKTDOC_FUZZ_PROPERTY("ipv4.route-recorded-count", route.recorded_count() <= count);
}

inline void exercise(const Ipv4TimestampOption& timestamp) {
  use(timestamp.length);
  use(timestamp.pointer);
  use(timestamp.overflow);
  use(timestamp.flag);
  use(timestamp.entry_data);
  use(timestamp.entry_size());
  const std::size_t count = timestamp.entry_count();
  PKTDOC_FUZZ_PROPERTY("ipv4.timestamp-recorded-count", timestamp.recorded_count() <= count);
  use(timestamp.is_full());
  for (std::size_t i = 0; i <= count; ++i) {
    const Ipv4TimestampEntry entry = timestamp.entry(i);
    use(entry.has_address);
    use(entry.address);
    use(entry.timestamp);
  }
}

inline void exercise(const Ipv4Option& option, ByteView header) {
  use(option.type);
  use(option.length);
  use(option.data);
  use(option.offset);
  PKTDOC_FUZZ_PROPERTY("ipv4.option-data-inside", inside(option.data, header));
  use(option.copied());
  use(option.option_class());
  use(option.number());
  if (const auto route = option.route()) exercise(*route);
  if (const auto timestamp = option.timestamp()) exercise(*timestamp);
  use(option.router_alert());
}

inline void exercise(const Ipv4Packet& ip) {
  const ByteView bytes = ip.bytes();
  use(bytes);
  use(ip.version());
  use(ip.ihl());
  use(ip.header_length());
  use(ip.type_of_service());
  use(ip.dscp());
  use(ip.ecn());
  use(ip.total_length());
  use(ip.identification());
  use(ip.reserved_flag());
  use(ip.dont_fragment());
  use(ip.more_fragments());
  use(ip.fragment_offset());
  use(ip.fragment_offset_bytes());
  use(ip.ttl());
  use(ip.protocol());
  use(ip_protocol_name(ip.protocol()));
  use(ip.header_checksum());
  use(ip.source());
  use(ip.destination());
  use(ip.final_destination());
  use(ip.is_fragment());
  use(ip.header_checksum_status());

  const Ipv4OptionRange options = ip.options();
  use(options.bytes());
  use(options.empty());
  PKTDOC_FUZZ_PROPERTY("ipv4.options-inside", inside(options.bytes(), bytes));
  std::size_t count = 0;
  for (auto it = options.begin(); it != options.end(); it++) {
    exercise(*it, bytes);
    use(it->type);
    PKTDOC_FUZZ_PROPERTY("ipv4.options-bounded", ++count <= Ipv4Packet::max_options_length);
  }
  static constexpr std::uint8_t types[] = {
      ipv4_option::end_of_list,  ipv4_option::no_operation,       ipv4_option::record_route,
      ipv4_option::timestamp,    ipv4_option::loose_source_route, ipv4_option::strict_source_route,
      ipv4_option::router_alert, ipv4_option::security,           ipv4_option::commercial_security,
      ipv4_option::quick_start,  ipv4_option::traceroute,         ipv4_option::stream_id};
  for (std::uint8_t type : types)
    if (const auto option = ip.find_option(type)) exercise(*option, bytes);
  if (const auto route = ip.record_route()) exercise(*route);
  if (const auto route = ip.loose_source_route()) exercise(*route);
  if (const auto route = ip.strict_source_route()) exercise(*route);
  if (const auto timestamp = ip.timestamp()) exercise(*timestamp);
  use(ip.router_alert());

  const ByteView payload = ip.payload();
  use_all(payload);
  PKTDOC_FUZZ_PROPERTY("ipv4.payload-inside", inside(payload, bytes));
  use(ip.payload_length());
  use(ip.payload_truncated());
  use(ip.length_from_capture());
  use(ip.pseudo_header());
}

// ---------------------------------------------------------------------------------------------
// IPv6

inline void exercise(const Ipv6Option& option, ByteView packet) {
  use(option.type);
  use(option.length);
  use(option.data);
  use(option.offset);
  PKTDOC_FUZZ_PROPERTY("ipv6.option-data-inside", inside(option.data, packet));
  use(option.action());
  use(option.may_change());
  use(option.router_alert());
  use(option.jumbo_payload_length());
}

inline void exercise(const Ipv6OptionRange& options, ByteView packet) {
  use(options.empty());
  std::size_t count = 0;
  for (auto it = options.begin(); it != options.end(); it++) {
    exercise(*it, packet);
    use(it->type);
    // Every option takes at least one octet of a header of at most 2048.
    PKTDOC_FUZZ_PROPERTY("ipv6.options-bounded", ++count <= 2048);
  }
}

inline void exercise(const Ipv6Packet& ip) {
  const ByteView bytes = ip.bytes();
  use(bytes);
  use(ip.version());
  use(ip.traffic_class());
  use(ip.dscp());
  use(ip.ecn());
  use(ip.flow_label());
  use(ip.payload_length());
  use(ip.next_header());
  use(ip_protocol_name(ip.next_header()));
  use(ip.hop_limit());
  use(ip.source());
  use(ip.destination());

  const auto headers = ip.extension_headers();
  PKTDOC_FUZZ_PROPERTY("ipv6.extension-headers-bounded", headers.size() <= Ipv6Packet::max_extension_headers);
  for (const Ipv6ExtensionHeader& header : headers) {
    use(header.type);
    use(is_ipv6_extension_header(header.type));
    use(header.next_header);
    use(header.length);
    use(header.offset);
    use(header.data);
    PKTDOC_FUZZ_PROPERTY("ipv6.extension-header-inside", inside(header.data, bytes));
    exercise(header.options(), bytes);
  }
  const auto fragment = ip.fragment();
  if (fragment) {
    use(fragment->next_header);
    use(fragment->offset);
    use(fragment->offset_bytes());
    use(fragment->more_fragments);
    use(fragment->identification);
  }
  use(ip.is_fragment());
  if (const auto routing = ip.routing_header()) {
    use(routing->next_header);
    use(routing->routing_type);
    use(routing->segments_left);
    use(routing->data);
    PKTDOC_FUZZ_PROPERTY("ipv6.routing-header-inside", inside(routing->data, bytes));
    const std::size_t count = routing->address_count();
    PKTDOC_FUZZ_PROPERTY("ipv6.routing-addresses-inside", 8 + 16 * count <= routing->data.size() || count == 0);
    for (std::size_t i = 0; i <= count; ++i) use(routing->address(i));
    use(routing->last_entry());
    use(routing->flags());
    use(routing->tag());
  }
  exercise(ip.hop_by_hop_options(), bytes);
  use(ip.router_alert());
  use(ip.jumbo_payload_length());
  use(ip.upper_layer_protocol());
  use(ip.upper_layer_offset());
  const ByteView payload = ip.payload();
  use_all(payload);
  PKTDOC_FUZZ_PROPERTY("ipv6.payload-inside", inside(payload, bytes));
  use(ip.upper_layer_length());
  use(ip.payload_truncated());
  use(ip.final_destination());
  use(ip.pseudo_header());
}

// ---------------------------------------------------------------------------------------------
// ICMP and ICMPv6

inline void exercise(const IcmpMessage& icmp, std::size_t declared_length) {
  const ByteView bytes = icmp.bytes();
  use(bytes);
  use(icmp.type());
  use(icmp_type_name(icmp.type()));
  use(icmp.code());
  use(icmp.checksum());
  use(icmp.checksum_status(declared_length));
  use(icmp.rest_of_header());
  use(icmp.is_error());
  use(icmp.identifier());
  use(icmp.sequence_number());
  use(icmp.gateway());
  use(icmp.pointer());
  use(icmp.next_hop_mtu());
  use(icmp.original_datagram_length());
  use(icmp.originate_timestamp());
  use(icmp.receive_timestamp());
  use(icmp.transmit_timestamp());
  use(icmp.address_mask());
  const ByteView parts[] = {icmp.payload(), icmp.quoted_packet(), icmp.extensions()};
  for (ByteView part : parts) {
    use_all(part);
    PKTDOC_FUZZ_PROPERTY("icmp.part-inside", inside(part, bytes));
  }
}

inline void exercise(const NdOption& option, ByteView message) {
  use(option.type());
  use(option.length());
  use(option.data());
  use(option.bytes());
  PKTDOC_FUZZ_PROPERTY("icmpv6.nd-option-inside", inside(option.bytes(), message));
  use(option.link_layer_address());
  if (const auto prefix = option.prefix_information()) {
    use(prefix->prefix_length);
    use(prefix->on_link);
    use(prefix->autonomous);
    use(prefix->valid_lifetime);
    use(prefix->preferred_lifetime);
    use(prefix->prefix);
  }
  use(option.mtu());
  use(option.redirected_packet());
  PKTDOC_FUZZ_PROPERTY("icmpv6.redirected-packet-inside", inside(option.redirected_packet(), message));
}

inline void exercise(const Icmpv6Message& icmpv6, const PseudoHeader& pseudo) {
  const ByteView bytes = icmpv6.bytes();
  use(bytes);
  use(icmpv6.type());
  use(icmpv6_type_name(icmpv6.type()));
  use(Icmpv6Message::fixed_length(icmpv6.type()));
  use(icmpv6.code());
  use(icmpv6.checksum());
  use(icmpv6.checksum_status(pseudo));
  use(icmpv6.rest_of_header());
  use(icmpv6.is_error());
  use(icmpv6.is_neighbor_discovery());
  use(icmpv6.mtu());
  use(icmpv6.pointer());
  use(icmpv6.original_datagram_length());
  use(icmpv6.identifier());
  use(icmpv6.sequence_number());
  use(icmpv6.maximum_response_delay());
  use(icmpv6.multicast_address());
  use(icmpv6.target_address());
  use(icmpv6.destination_address());
  use(icmpv6.router_flag());
  use(icmpv6.solicited_flag());
  use(icmpv6.override_flag());
  use(icmpv6.cur_hop_limit());
  use(icmpv6.managed_flag());
  use(icmpv6.other_flag());
  use(icmpv6.router_lifetime());
  use(icmpv6.reachable_time());
  use(icmpv6.retrans_timer());

  const NdOptions options = icmpv6.options();
  use(options.empty());
  use(options.bytes());
  std::size_t count = 0;
  for (auto it = options.begin(); it != options.end(); it++) {
    exercise(*it, bytes);
    PKTDOC_FUZZ_PROPERTY("icmpv6.nd-options-bounded", ++count <= bytes.size() / 8);
  }
  static constexpr NdOptionType types[] = {NdOptionType::source_link_layer_address,
                                           NdOptionType::target_link_layer_address,
                                           NdOptionType::prefix_information,
                                           NdOptionType::redirected_header,
                                           NdOptionType::mtu,
                                           NdOptionType::route_information,
                                           NdOptionType::recursive_dns_server,
                                           NdOptionType::dns_search_list};
  for (NdOptionType type : types)
    if (const auto option = icmpv6.find_option(type)) exercise(*option, bytes);
  const ByteView parts[] = {icmpv6.redirected_header(), icmpv6.payload(), icmpv6.quoted_packet(), icmpv6.extensions()};
  for (ByteView part : parts) {
    use_all(part);
    PKTDOC_FUZZ_PROPERTY("icmpv6.part-inside", inside(part, bytes));
  }
}

// ---------------------------------------------------------------------------------------------
// TCP and UDP

inline void use(const TcpFlagsText& text) noexcept {
  PKTDOC_FUZZ_PROPERTY("tcp.flags-text-terminated",
                       text.length < TcpFlagsText::capacity && text.chars[text.length] == '\0');
  use(text.view());
  use(text.c_str());
}

inline void exercise(const TcpSegment& tcp, const PseudoHeader& pseudo) {
  const ByteView bytes = tcp.bytes();
  use(bytes);
  use(tcp.source_port());
  use(tcp.destination_port());
  use(tcp.sequence_number());
  use(tcp.acknowledgment_number());
  use(tcp.data_offset());
  use(tcp.header_length());
  use(tcp.flags());
  use(tcp.fin());
  use(tcp.syn());
  use(tcp.rst());
  use(tcp.psh());
  use(tcp.ack());
  use(tcp.urg());
  use(tcp.ece());
  use(tcp.cwr());
  use(tcp.ae());
  use(tcp.window());
  use(tcp.checksum());
  use(tcp.urgent_pointer());
  use(tcp.checksum_status(pseudo));
  use(tcp.flags_text());
  use(tcp.flags_text(TcpFlagStyle::tcpdump));

  const TcpOptions options = tcp.options();
  use(options.bytes());
  use(options.length());
  use(options.empty());
  PKTDOC_FUZZ_PROPERTY("tcp.options-inside", inside(options.bytes(), bytes));
  PKTDOC_FUZZ_PROPERTY("tcp.options-bounded", options.length() <= TcpOptions::max_length);
  std::size_t count = 0;
  auto it = options.begin();
  for (; it != options.end(); it++) {
    use(it->kind);
    use((*it).length);
    use(it->data);
    PKTDOC_FUZZ_PROPERTY("tcp.option-data-inside", inside(it->data, bytes));
    PKTDOC_FUZZ_PROPERTY("tcp.option-walk-bounded", ++count <= TcpOptions::max_length);
  }
  use(it.error());
  use(it.offset());
  PKTDOC_FUZZ_PROPERTY("tcp.options-error-agrees", options.error() == it.error());
  use(options.error_reason());
  use(options.error_offset());
  use(tcp.options_valid());
  use(tcp.mss());
  use(tcp.window_scale());
  use(tcp.sack_permitted());
  const TcpSackBlocks sack = tcp.sack_blocks();
  PKTDOC_FUZZ_PROPERTY("tcp.sack-blocks-bounded", sack.count <= TcpSackBlocks::max_blocks);
  for (const TcpSackBlock& block : sack) {
    use(block.left_edge);
    use(block.right_edge);
  }
  use(sack.view().size());
  if (const auto timestamps = tcp.timestamps()) {
    use(timestamps->value);
    use(timestamps->echo_reply);
  }
  use(tcp.fast_open_cookie());
  const ByteView payload = tcp.payload();
  use_all(payload);
  PKTDOC_FUZZ_PROPERTY("tcp.payload-inside", inside(payload, bytes));
}

inline void exercise(const UdpDatagram& udp, const PseudoHeader& pseudo) {
  const ByteView bytes = udp.bytes();
  use(bytes);
  use(udp.source_port());
  use(udp.destination_port());
  use(udp.length());
  use(udp.checksum());
  use(udp.is_jumbogram());
  use(udp.datagram_length());
  use(udp.checksum_status(pseudo));
  const ByteView payload = udp.payload();
  use_all(payload);
  PKTDOC_FUZZ_PROPERTY("udp.payload-inside", inside(payload, bytes));
  use(udp.payload_truncated());
}

// ---------------------------------------------------------------------------------------------
// SCTP

// Walks a TLV range, calling `each` on every element; checks that the walk ends within the
// range's own bound and that size() agrees with it.
template <class Range, class Each>
void walk_tlvs(const char* id, const Range& range, std::size_t limit, Each each) {
  use(range.bytes());
  use(range.empty());
  std::size_t count = 0;
  for (auto it = range.begin(); it != range.end(); it++) {
    use(it.offset());
    each(*it);
    // Every element takes at least 4 bytes, and the range stops at `limit`.
    PKTDOC_FUZZ_PROPERTY(id, ++count <= limit && count <= range.bytes().size() / 4);
  }
  PKTDOC_FUZZ_PROPERTY("sctp.range-size-agrees", range.size() == count);
}

inline void exercise(const SctpParameter& parameter) {
  use(parameter.type());
  use(parameter.length());
  use(parameter.value());
  use(parameter.bytes());
  PKTDOC_FUZZ_PROPERTY("sctp.parameter-value-inside", inside(parameter.value(), parameter.bytes()));
  use(parameter.unrecognized_action());
  use(parameter.name());
  use(sctp_parameter_type_name(parameter.type()));
  use(parameter.ipv4_address());
  use(parameter.ipv6_address());
  use(parameter.cookie_preservative_increment());
  use(parameter.host_name());
  const std::size_t count = parameter.supported_address_type_count();
  for (std::size_t i = 0; i <= count; ++i) use(parameter.supported_address_type(i));
}

inline void exercise(const SctpChunk& chunk, int depth = 0);

inline void exercise(const SctpErrorCause& cause, int depth) {
  use(cause.code());
  use(cause.length());
  use(cause.info());
  use(cause.bytes());
  PKTDOC_FUZZ_PROPERTY("sctp.cause-info-inside", inside(cause.info(), cause.bytes()));
  use(cause.name());
  use(sctp_cause_code_name(cause.code()));
  use(cause.stream_identifier());
  // An Unrecognized Chunk Type cause quotes a chunk, which may be an ABORT quoting a chunk...
  if (const auto chunk = cause.unrecognized_chunk(); chunk && depth < 64) exercise(*chunk, depth + 1);
}

inline void exercise_causes(const SctpErrorCauseRange& causes, int depth) {
  walk_tlvs("sctp.causes-bounded", causes, sctp_max_tlvs_per_chunk,
            [depth](const SctpErrorCause& cause) { exercise(cause, depth); });
}

inline void exercise(const SctpInitChunk& init) {
  use(init.is_init_ack());
  use(init.initiate_tag());
  use(init.advertised_receiver_window_credit());
  use(init.number_of_outbound_streams());
  use(init.number_of_inbound_streams());
  use(init.initial_tsn());
  walk_tlvs("sctp.parameters-bounded", init.parameters(), sctp_max_tlvs_per_chunk,
            [](const SctpParameter& parameter) { exercise(parameter); });
  static constexpr std::uint16_t types[] = {
      sctp_parameter_type::ipv4_address,      sctp_parameter_type::ipv6_address,
      sctp_parameter_type::state_cookie,      sctp_parameter_type::cookie_preservative,
      sctp_parameter_type::host_name_address, sctp_parameter_type::supported_address_types,
      sctp_parameter_type::ecn_capable,       sctp_parameter_type::forward_tsn_supported};
  for (std::uint16_t type : types)
    if (const auto parameter = init.find_parameter(type)) exercise(*parameter);
  use(init.state_cookie());
}

inline void exercise(const SctpSackChunk& sack) {
  use(sack.cumulative_tsn_ack());
  use(sack.advertised_receiver_window_credit());
  const std::size_t gaps = sack.number_of_gap_ack_blocks();
  const std::size_t duplicates = sack.number_of_duplicate_tsns();
  // The counts are 16 bits each and an unchecked view's may lie: read what can be there, then
  // the first index past the count.
  const std::size_t readable = sack.chunk().bytes().size() / 4 + 1;
  for (std::size_t i = 0; i < gaps && i < readable; ++i) {
    const SctpGapAckBlock block = sack.gap_ack_block(i);
    use(block.start);
    use(block.end);
  }
  use(sack.gap_ack_block(gaps).start);
  for (std::size_t i = 0; i < duplicates && i < readable; ++i) use(sack.duplicate_tsn(i));
  use(sack.duplicate_tsn(duplicates));
}

// The typed views of one chunk: the one its type calls for, checked and unchecked.
inline void exercise_typed(const SctpChunk& chunk, int depth) {
  const ByteView bytes = chunk.bytes();
  switch (chunk.type()) {
    case sctp_chunk_type::data: {
      const auto data = SctpDataChunk::parse(bytes);
      const SctpDataChunk view = data ? *data : SctpDataChunk(bytes);
      use(view.chunk().type());
      use(view.i_bit());
      use(view.u_bit());
      use(view.b_bit());
      use(view.e_bit());
      use(view.tsn());
      use(view.stream_identifier());
      use(view.stream_sequence_number());
      use(view.payload_protocol_identifier());
      use_all(view.user_data());
      PKTDOC_FUZZ_PROPERTY("sctp.user-data-inside", inside(view.user_data(), bytes));
      break;
    }
    case sctp_chunk_type::i_data: {
      const auto data = SctpIDataChunk::parse(bytes);
      const SctpIDataChunk view = data ? *data : SctpIDataChunk(bytes);
      use(view.chunk().type());
      use(view.i_bit());
      use(view.u_bit());
      use(view.b_bit());
      use(view.e_bit());
      use(view.tsn());
      use(view.stream_identifier());
      use(view.message_identifier());
      use(view.payload_protocol_identifier());
      use(view.fragment_sequence_number());
      use_all(view.user_data());
      PKTDOC_FUZZ_PROPERTY("sctp.user-data-inside", inside(view.user_data(), bytes));
      break;
    }
    case sctp_chunk_type::init:
    case sctp_chunk_type::init_ack: {
      const auto init = SctpInitChunk::parse(bytes);
      if (init) exercise(*init);
      exercise(SctpInitChunk(bytes));
      break;
    }
    case sctp_chunk_type::sack: {
      const auto sack = SctpSackChunk::parse(bytes);
      if (sack) exercise(*sack);
      exercise(SctpSackChunk(bytes));
      break;
    }
    case sctp_chunk_type::heartbeat:
    case sctp_chunk_type::heartbeat_ack: {
      const auto heartbeat = SctpHeartbeatChunk::parse(bytes);
      const SctpHeartbeatChunk view = heartbeat ? *heartbeat : SctpHeartbeatChunk(bytes);
      use(view.is_heartbeat_ack());
      exercise(view.heartbeat_info());
      break;
    }
    case sctp_chunk_type::abort: {
      const auto abort = SctpAbortChunk::parse(bytes);
      const SctpAbortChunk view = abort ? *abort : SctpAbortChunk(bytes);
      use(view.t_bit());
      exercise_causes(view.error_causes(), depth);
      break;
    }
    case sctp_chunk_type::error: {
      const auto error = SctpErrorChunk::parse(bytes);
      const SctpErrorChunk view = error ? *error : SctpErrorChunk(bytes);
      exercise_causes(view.error_causes(), depth);
      break;
    }
    case sctp_chunk_type::shutdown: {
      const auto shutdown = SctpShutdownChunk::parse(bytes);
      const SctpShutdownChunk view = shutdown ? *shutdown : SctpShutdownChunk(bytes);
      use(view.chunk().type());
      use(view.cumulative_tsn_ack());
      break;
    }
    case sctp_chunk_type::shutdown_complete: {
      const auto complete = SctpShutdownCompleteChunk::parse(bytes);
      const SctpShutdownCompleteChunk view = complete ? *complete : SctpShutdownCompleteChunk(bytes);
      use(view.chunk().type());
      use(view.t_bit());
      break;
    }
    case sctp_chunk_type::cookie_echo: {
      const auto echo = SctpCookieEchoChunk::parse(bytes);
      const SctpCookieEchoChunk view = echo ? *echo : SctpCookieEchoChunk(bytes);
      use(view.chunk().type());
      use_all(view.cookie());
      break;
    }
    default:
      break;
  }
}

inline void exercise(const SctpChunk& chunk, int depth) {
  use(chunk.type());
  use(chunk.flags());
  use(chunk.length());
  use(chunk.value());
  use(chunk.bytes());
  PKTDOC_FUZZ_PROPERTY("sctp.chunk-value-inside", inside(chunk.value(), chunk.bytes()));
  use(chunk.unrecognized_action());
  use(chunk.name());
  use(sctp_chunk_type_name(chunk.type()));
  exercise_typed(chunk, depth);
}

inline void exercise(const SctpPacket& sctp) {
  const ByteView bytes = sctp.bytes();
  use(bytes);
  use(sctp.source_port());
  use(sctp.destination_port());
  use(sctp.verification_tag());
  use(sctp.checksum());
  use(sctp.computed_checksum());
  use(sctp.checksum_status());
  use(sctp.declared_length());
  walk_tlvs("sctp.chunks-bounded", sctp.chunks(), SctpPacket::max_chunks, [&bytes](const SctpChunk& chunk) {
    PKTDOC_FUZZ_PROPERTY("sctp.chunk-inside", inside(chunk.bytes(), bytes));
    exercise(chunk);
  });
  use(sctp.chunk_count());
}

// ---------------------------------------------------------------------------------------------
// DNS

inline void exercise(const DnsName& name) {
  use(name.wire());
  use(name.wire_length());
  use(name.label_count());
  use(name.is_root());
  use(name.text());
  PKTDOC_FUZZ_PROPERTY("dns.name-text-terminated",
                       name.text().size() < DnsName::text_capacity && name.c_str()[name.text().size()] == '\0');
  PKTDOC_FUZZ_PROPERTY("dns.name-wire-bounded",
                       name.wire_length() >= 1 && name.wire_length() <= DnsName::max_wire_length);
  std::size_t labels = 0;
  for (auto it = name.labels().begin(); it != name.labels().end(); it++) {
    const ByteView label = *it;
    use(label);
    PKTDOC_FUZZ_PROPERTY("dns.label-bounded", !label.empty() && label.size() <= DnsName::max_label_length);
    ++labels;
  }
  PKTDOC_FUZZ_PROPERTY("dns.label-count-agrees", labels == name.label_count());
  // A decoded name is an uncompressed name: it reads back from its own wire form, equal.
  const auto again = DnsName::from_wire(name.wire());
  PKTDOC_FUZZ_PROPERTY("dns.name-wire-round-trip", again.ok() && *again == name && again->text() == name.text());
}

inline void exercise(const DnsCharacterStrings& strings, ByteView message) {
  use(strings.bytes());
  std::size_t count = 0;
  for (auto it = strings.begin(); it != strings.end(); it++) {
    use(*it);
    PKTDOC_FUZZ_PROPERTY("dns.string-inside", inside(*it, message));
    PKTDOC_FUZZ_PROPERTY("dns.strings-bounded", ++count <= strings.bytes().size());
  }
  PKTDOC_FUZZ_PROPERTY("dns.strings-size-agrees", strings.size() == count);
}

inline void exercise(const DnsOpt& opt, ByteView message) {
  use(opt.udp_payload_size);
  use(opt.extended_rcode);
  use(opt.version);
  use(opt.dnssec_ok);
  use(opt.flags);
  std::size_t count = 0;
  for (auto it = opt.options.begin(); it != opt.options.end(); it++) {
    const DnsOption option = *it;
    use(option.code);
    use(option.data);
    PKTDOC_FUZZ_PROPERTY("dns.option-inside", inside(option.data, message));
    PKTDOC_FUZZ_PROPERTY("dns.options-bounded", ++count <= message.size() / 4);
  }
  PKTDOC_FUZZ_PROPERTY("dns.options-size-agrees", opt.options.size() == count);
}

// The presentation-format text of a record (dns_rdata_text() and friends), when the library
// has it: the functions were being added while the first fuzz targets were written, so they are
// looked up by argument-dependent lookup at instantiation and skipped when absent.
template <class Record>
void exercise_presentation(const Record& record) {
  if constexpr (requires { dns_rdata_text(record); }) use(std::string_view(dns_rdata_text(record)));
  if constexpr (requires { dns_type_text(record.type()); }) use(std::string_view(dns_type_text(record.type())));
  if constexpr (requires { dns_class_text(record.class_()); }) use(std::string_view(dns_class_text(record.class_())));
}

// Walks every question and record of a message and every typed accessor of each. `checked`: the
// message came from DnsMessage::parse(), which promises that every counted entry is there and
// that the RDATA of the types it knows has the form of its type.
inline void exercise(const DnsMessage& dns, bool checked) {
  const ByteView message = dns.bytes();
  use(message);
  use(dns.flavor());
  use(dns.id());
  use(dns.flags());
  use(dns.is_response());
  use(dns.opcode());
  use(dns_opcode_name(dns.opcode()));
  use(dns.authoritative());
  use(dns.truncated_flag());
  use(dns.recursion_desired());
  use(dns.recursion_available());
  use(dns.z());
  use(dns.authentic_data());
  use(dns.checking_disabled());
  use(dns.rcode());
  use(dns_rcode_name(dns.rcode()));
  use(dns.extended_rcode());
  use(dns_rcode_name(dns.extended_rcode()));

  std::size_t questions = 0;
  for (auto it = dns.questions().begin(); it != dns.questions().end(); it++) {
    const DnsQuestion question = *it;
    exercise(question.name());
    use(question.type());
    use(dns_type_name(question.type()));
    use(question.class_());
    use(dns_class_name(question.class_()));
    use(question.raw_class());
    use(question.unicast_response());
    use(question.offset());
    use(question.length());
    use(question.bytes());
    PKTDOC_FUZZ_PROPERTY("dns.question-inside", inside(question.bytes(), message));
    if (checked) {
      std::size_t encoded = 0;
      const auto name = DnsName::decompress(message, question.offset(), &encoded);
      PKTDOC_FUZZ_PROPERTY("dns.checked-question-name-decodes", name.ok() && encoded + 4 == question.length());
    }
    ++questions;
  }
  PKTDOC_FUZZ_PROPERTY("dns.questions-bounded", questions <= dns.question_count());
  if (checked) PKTDOC_FUZZ_PROPERTY("dns.checked-questions-all-there", questions == dns.question_count());

  const std::size_t counted = std::size_t{dns.answer_count()} + dns.authority_count() + dns.additional_count();
  std::size_t records = 0;
  for (auto it = dns.records().begin(); it != dns.records().end(); it++) {
    const DnsRecord record = *it;
    use(record.section());
    use(dns_section_name(record.section()));
    exercise(record.name());
    use(record.type());
    use(dns_type_name(record.type()));
    use(record.class_());
    use(dns_class_name(record.class_()));
    use(record.raw_class());
    use(record.cache_flush());
    use(record.ttl());
    use(record.rdata_length());
    const ByteView rdata = record.rdata();
    use_all(rdata);
    PKTDOC_FUZZ_PROPERTY("dns.rdata-inside", inside(rdata, message));
    use(record.offset());
    use(record.rdata_offset());
    use(record.length());
    char text[4 * 256];
    use(detail::format_dns_text(rdata.first(std::min<std::size_t>(rdata.size(), 255)), text, sizeof text));

    const auto a = record.a();
    use(a);
    const auto aaaa = record.aaaa();
    use(aaaa);
    const std::optional<DnsName> names[] = {record.cname(), record.ns(), record.ptr()};
    for (const auto& name : names)
      if (name) exercise(*name);
    const auto mx = record.mx();
    if (mx) {
      use(mx->preference);
      exercise(mx->exchange);
    }
    const auto soa = record.soa();
    if (soa) {
      exercise(soa->mname);
      exercise(soa->rname);
      use(soa->serial);
      use(soa->refresh);
      use(soa->retry);
      use(soa->expire);
      use(soa->minimum);
    }
    const auto txt = record.txt();
    if (txt) exercise(*txt, message);
    const auto srv = record.srv();
    if (srv) {
      use(srv->priority);
      use(srv->weight);
      use(srv->port);
      exercise(srv->target);
    }
    const auto hinfo = record.hinfo();
    if (hinfo) {
      use(hinfo->cpu);
      use(hinfo->os);
      PKTDOC_FUZZ_PROPERTY("dns.hinfo-inside", inside(hinfo->cpu, message) && inside(hinfo->os, message));
    }
    const auto opt = record.opt();
    if (opt) exercise(*opt, message);
    exercise_presentation(record);

    if (checked && record.rdata_length() != 0) {
      // parse() checked the form of these types' RDATA, so their accessors must answer.
      const auto type = record.type();
      const auto dns_class = record.class_();
      const bool address_class = dns_class == DnsClass::in || dns_class == DnsClass::none || dns_class == DnsClass::any;
      if (type == DnsType::a && address_class) PKTDOC_FUZZ_PROPERTY("dns.checked-a-answers", a.has_value());
      if (type == DnsType::aaaa && address_class) PKTDOC_FUZZ_PROPERTY("dns.checked-aaaa-answers", aaaa.has_value());
      if (type == DnsType::cname) PKTDOC_FUZZ_PROPERTY("dns.checked-cname-answers", names[0].has_value());
      if (type == DnsType::ns) PKTDOC_FUZZ_PROPERTY("dns.checked-ns-answers", names[1].has_value());
      if (type == DnsType::ptr) PKTDOC_FUZZ_PROPERTY("dns.checked-ptr-answers", names[2].has_value());
      if (type == DnsType::mx) PKTDOC_FUZZ_PROPERTY("dns.checked-mx-answers", mx.has_value());
      if (type == DnsType::soa) PKTDOC_FUZZ_PROPERTY("dns.checked-soa-answers", soa.has_value());
      if (type == DnsType::txt) PKTDOC_FUZZ_PROPERTY("dns.checked-txt-answers", txt.has_value());
      if (type == DnsType::srv) PKTDOC_FUZZ_PROPERTY("dns.checked-srv-answers", srv.has_value());
      if (type == DnsType::hinfo) PKTDOC_FUZZ_PROPERTY("dns.checked-hinfo-answers", hinfo.has_value());
    }
    if (checked && record.type() == DnsType::opt) PKTDOC_FUZZ_PROPERTY("dns.checked-opt-answers", opt.has_value());
    ++records;
  }
  PKTDOC_FUZZ_PROPERTY("dns.records-bounded", records <= counted);
  if (checked) PKTDOC_FUZZ_PROPERTY("dns.checked-records-all-there", records == counted);

  // Each section on its own walks the same records as records() does, section by section.
  std::size_t by_section = 0;
  const DnsRecords sections[] = {dns.answers(), dns.authorities(), dns.additionals()};
  for (const DnsRecords& section : sections)
    for (auto it = section.begin(); it != section.end(); ++it) {
      use((*it).offset());
      ++by_section;
    }
  if (checked) PKTDOC_FUZZ_PROPERTY("dns.checked-sections-agree", by_section == records);
  if (const auto edns = dns.edns()) exercise(*edns, message);
  const ByteView trailing = dns.trailing_data();
  use_all(trailing);
  PKTDOC_FUZZ_PROPERTY("dns.trailing-inside", inside(trailing, message));
}

// ---------------------------------------------------------------------------------------------
// What decode_packet() and decode_ip() fill in

// A pseudo-header for a transport carried by `layers`, as a user would build it.
inline PseudoHeader pseudo_header_of(const IpLayers& layers) noexcept {
  if (layers.ipv4) return layers.ipv4->pseudo_header();
  if (layers.ipv6) return layers.ipv6->pseudo_header();
  return PseudoHeader{};
}

inline void exercise(const IpLayers& layers, ByteView frame) {
  use(layers.carrier);
  use(layers.has_ip());
  use(layers.is_quote());
  use(layers.transport_length);
  use(layers.application);
  use(protocol_name(layers.application));
  use(layers.data);
  use(layers.error);
  use(layers.error_bytes);
  PKTDOC_FUZZ_PROPERTY("packet.data-inside", inside(layers.data, frame));
  PKTDOC_FUZZ_PROPERTY("packet.error-bytes-inside", inside(layers.error_bytes, frame));
  PKTDOC_FUZZ_PROPERTY("packet.one-ip-header", !(layers.ipv4 && layers.ipv6));
  const int transports = int{layers.icmp.has_value()} + int{layers.icmpv6.has_value()} + int{layers.tcp.has_value()} +
                         int{layers.udp.has_value()};
  PKTDOC_FUZZ_PROPERTY("packet.one-transport", transports <= 1);
  if (layers.error.kind != ErrorKind::none) PKTDOC_FUZZ_PROPERTY("packet.error-well-formed", well_formed(layers.error));
  const PseudoHeader pseudo = pseudo_header_of(layers);
  if (layers.ipv4) {
    PKTDOC_FUZZ_PROPERTY("packet.ipv4-inside", inside(layers.ipv4->bytes(), frame));
    exercise(*layers.ipv4);
  }
  if (layers.ipv6) {
    PKTDOC_FUZZ_PROPERTY("packet.ipv6-inside", inside(layers.ipv6->bytes(), frame));
    exercise(*layers.ipv6);
  }
  if (layers.icmp) {
    PKTDOC_FUZZ_PROPERTY("packet.icmp-inside", inside(layers.icmp->bytes(), frame));
    exercise(*layers.icmp, layers.transport_length);
  }
  if (layers.icmpv6) {
    PKTDOC_FUZZ_PROPERTY("packet.icmpv6-inside", inside(layers.icmpv6->bytes(), frame));
    exercise(*layers.icmpv6, pseudo);
  }
  if (layers.tcp) {
    PKTDOC_FUZZ_PROPERTY("packet.tcp-inside", inside(layers.tcp->bytes(), frame));
    exercise(*layers.tcp, pseudo);
  }
  if (layers.udp) {
    PKTDOC_FUZZ_PROPERTY("packet.udp-inside", inside(layers.udp->bytes(), frame));
    exercise(*layers.udp, pseudo);
  }
  if (layers.sctp) {
    PKTDOC_FUZZ_PROPERTY("packet.sctp-inside", inside(layers.sctp->bytes(), frame));
    exercise(*layers.sctp);
  }
  if (layers.dns) {
    PKTDOC_FUZZ_PROPERTY("packet.dns-inside", inside(layers.dns->bytes(), frame));
    PKTDOC_FUZZ_PROPERTY("packet.dns-application", layers.application == Protocol::dns ||
                                                       layers.application == Protocol::mdns ||
                                                       layers.application == Protocol::llmnr);
    exercise(*layers.dns, true);
  }
}

inline void exercise(const DecodedPacket& packet, ByteView frame) {
  exercise(packet.link, frame);
  use(packet.error);
  use(packet.error_bytes);
  PKTDOC_FUZZ_PROPERTY("packet.error-bytes-inside", inside(packet.error_bytes, frame));
  if (packet.error.kind != ErrorKind::none) PKTDOC_FUZZ_PROPERTY("packet.error-well-formed", well_formed(packet.error));
  if (packet.arp) {
    PKTDOC_FUZZ_PROPERTY("packet.arp-inside", inside(packet.arp->bytes(), frame));
    exercise(*packet.arp);
  }
  exercise(packet.ip, frame);
  PKTDOC_FUZZ_PROPERTY("packet.inner-bounded", packet.inner_count <= DecodedPacket::max_inner_packets);
  for (std::size_t i = 0; i < packet.inner_count && i < packet.inner.size(); ++i) {
    PKTDOC_FUZZ_PROPERTY("packet.inner-has-carrier", packet.inner[i].carrier != Carrier::link);
    exercise(packet.inner[i], frame);
  }
  const DecodeError& first = packet.first_error();
  use(first);
  PKTDOC_FUZZ_PROPERTY("packet.ok-agrees", packet.ok() == (first.kind == ErrorKind::none));
}

}  // namespace pktdoc::fuzz
