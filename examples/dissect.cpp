// dissect: every protocol pktdoc knows, in three views of one capture.
//
//   dissect FILE | -f FILE | -i IFACE [-F FILTER]
//       one readable line per frame, for people: what each layer says, and where and why
//       decoding stopped when a layer was truncated or invalid.
//   dissect packets FILE
//       the `packets` listing: Wireshark's field names and value formats, one line per frame,
//       to be diffed against tshark (see tests/oracle and the "Comparing with Wireshark" page).
//   dissect stats FILE
//       protocol hierarchy statistics, like `tshark -qz io,phs`: frames and bytes per protocol,
//       decoding every layer of every frame and printing only the totals.
//   dissect datagrams FILE | streams FILE | http FILE
//       what reassembly makes of the capture, in the oracle's listings: each IP datagram put
//       back together from its fragments; each TCP connection with the bytes it carried each
//       way (as Wireshark's "Follow TCP Stream" shows them); each HTTP message, at the frame
//       that completed it. Datagrams that never completed are reported on stderr.
//
// The program reads like the library is meant to be used: open a CaptureReader, reuse one
// DecodedPacket for every frame, call decode_packet(), look at the layers that are set.

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "example_support.hpp"
#include "protocol_hierarchy.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/datagram_listing.hpp"
#include "pktdoc/reassembly/http_listing.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"
#include "pktdoc/reassembly/stream_listing.hpp"
#include "pktdoc/wireshark.hpp"

namespace {

constexpr char kUsage[] =
    "usage: dissect [packets|stats|datagrams|streams|http] FILE\n"
    "       dissect -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  packets  one line per frame with Wireshark's field names, to diff against tshark\n"
    "  stats    protocol hierarchy: frames and bytes per protocol\n"
    "  datagrams  IP datagrams reassembled from fragments (incomplete ones on stderr)\n"
    "  streams  TCP connections with the bytes each way, after reassembly\n"
    "  http     HTTP messages, at the frame that completed each\n"
    "  (none)   one readable line per frame\n";

// ---------------------------------------------------------------------------------------------
// dissect packets: the Wireshark-comparable listing.
// [packets-listing]
int print_packets(pktdoc::CaptureReader& capture) {
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::PacketListing listing;
  std::string line;
  bool failed = false;
  while (examples::next_frame(capture, frame, "dissect", failed)) {
    pktdoc::decode_packet(frame, packet);
    line.clear();
    listing.write(frame, packet, line);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return failed ? 1 : 0;
}
// [packets-listing]

// ---------------------------------------------------------------------------------------------
// dissect stats: a tree of protocols, each with the frames and bytes that went through it
// (examples::HierarchyNode, in protocol_hierarchy.hpp).
using examples::HierarchyNode;

void print_hierarchy(const HierarchyNode& node, int depth) {
  for (const auto& child : node.children) {
    std::string name(static_cast<std::size_t>(depth) * 2, ' ');
    name += pktdoc::protocol_name(child->protocol);
    std::printf("%-40s frames:%" PRIu64 " bytes:%" PRIu64 "\n", name.c_str(), child->frames, child->bytes);
    print_hierarchy(*child, depth + 1);
  }
}

int print_stats(pktdoc::CaptureReader& capture) {
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  std::array<pktdoc::Protocol, pktdoc::max_protocol_stack> stack{};
  HierarchyNode root;
  std::uint64_t frames = 0, bytes = 0, truncated = 0, invalid = 0;
  bool failed = false;
  while (examples::next_frame(capture, frame, "dissect", failed)) {
    pktdoc::decode_packet(frame, packet);
    ++frames;
    bytes += frame.original_length;
    const auto kind = packet.first_error().kind;
    truncated += kind == pktdoc::ErrorKind::truncated;
    invalid += kind == pktdoc::ErrorKind::invalid;
    root.count(std::span(stack).first(pktdoc::protocol_stack(packet, stack)), frame.original_length);
  }
  std::printf("Protocol hierarchy statistics\n");
  std::printf("frames:%" PRIu64 " bytes:%" PRIu64 " truncated:%" PRIu64 " invalid:%" PRIu64 "\n\n", frames, bytes,
              truncated, invalid);
  print_hierarchy(root, 0);
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// dissect datagrams: IP defragmentation, one line per datagram put back together.
// [datagrams-listing]
int print_datagrams(pktdoc::CaptureReader& capture) {
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::DatagramListing listing;
  std::string lines, notes;
  bool failed = false;
  while (examples::next_frame(capture, frame, "dissect", failed)) {
    pktdoc::decode_packet(frame, packet);
    lines.clear();
    notes.clear();
    listing.add(frame, packet, lines, &notes);
    std::fwrite(lines.data(), 1, lines.size(), stdout);
    std::fwrite(notes.data(), 1, notes.size(), stderr);  // abandoned datagrams, dropped fragments
  }
  notes.clear();
  listing.finish(&notes);  // what never completed, with its holes
  std::fwrite(notes.data(), 1, notes.size(), stderr);
  return failed ? 1 : 0;
}
// [datagrams-listing]

// ---------------------------------------------------------------------------------------------
// dissect streams: TCP reassembly, one line per connection. TCP inside IP fragments reaches the
// reassembler once the datagram is whole, as Wireshark defragments before it follows a stream.
// [streams-listing]
struct DatagramsToStreams : pktdoc::DefragmentObserver {
  explicit DatagramsToStreams(pktdoc::StreamListing& listing) : listing_(listing) {}
  void on_reassembled(const pktdoc::ReassembledDatagram& datagram) override {
    pktdoc::IpLayers layers;
    pktdoc::decode_ip(datagram.packet, layers);
    listing_.add(layers, datagram.completing_frame, datagram.completed_at);
  }
  void on_abandoned(const pktdoc::AbandonedDatagram&) override {}
  void on_dropped(const pktdoc::DroppedFragment&) override {}
  pktdoc::StreamListing& listing_;
};

int print_streams(pktdoc::CaptureReader& capture) {
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::StreamListing listing;
  DatagramsToStreams to_streams(listing);
  pktdoc::IpDefragmenter defragmenter(to_streams);
  bool failed = false;
  while (examples::next_frame(capture, frame, "dissect", failed)) {
    pktdoc::decode_packet(frame, packet);
    if (defragmenter.add(packet.ip, frame.number, frame.timestamp) == pktdoc::FragmentResult::not_fragment)
      listing.add(frame, packet);
  }
  defragmenter.finish();
  std::string text;
  listing.finish(text);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return failed ? 1 : 0;
}
// [streams-listing]

// ---------------------------------------------------------------------------------------------
// dissect http: HTTP over reassembled TCP, one line per frame that completes messages.
// [http-listing]
int print_http(pktdoc::CaptureReader& capture) {
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::HttpListing listing;  // defragments, reassembles TCP and parses HTTP itself
  std::string lines;
  bool failed = false;
  while (examples::next_frame(capture, frame, "dissect", failed)) {
    pktdoc::decode_packet(frame, packet);
    lines.clear();
    listing.add(frame, packet, lines);
    std::fwrite(lines.data(), 1, lines.size(), stdout);
  }
  lines.clear();
  listing.finish(lines);
  std::fwrite(lines.data(), 1, lines.size(), stdout);
  return failed ? 1 : 0;
}
// [http-listing]

// ---------------------------------------------------------------------------------------------
// dissect FILE: one line per frame for people. Each layer says what it is in a few words; a
// packet inside a packet (what an ICMP error quotes) follows in [brackets]; the layer where
// decoding stopped says whether it was truncated or invalid, and why.

// Appends printf-style text to a line.
void say(std::string& line, const char* format, ...) __attribute__((format(printf, 2, 3)));
void say(std::string& line, const char* format, ...) {
  char text[512];
  va_list args;
  va_start(args, format);
  const int length = std::vsnprintf(text, sizeof text, format, args);
  va_end(args);
  if (length > 0) line.append(text, std::min(static_cast<std::size_t>(length), sizeof text - 1));
}

std::string_view sv_or(std::string_view name, std::string_view fallback) { return name.empty() ? fallback : name; }

void describe_dns(const pktdoc::DnsMessage& dns, pktdoc::Protocol application, std::string& line) {
  const char* protocol = application == pktdoc::Protocol::mdns ? "mDNS" : application == pktdoc::Protocol::llmnr ? "LLMNR" : "DNS";
  say(line, "  %s %s 0x%04x", protocol, dns.is_response() ? "response" : "query", dns.id());
  if (dns.is_response()) say(line, " %s", pktdoc::dns_rcode_name(dns.rcode()).data());
  for (const pktdoc::DnsQuestion& question : dns.questions())
    say(line, " %s? %s", sv_or(pktdoc::dns_type_name(question.type()), "TYPE").data(), question.name().c_str());
  int shown = 0;
  for (const pktdoc::DnsRecord& record : dns.answers()) {
    if (shown++ == 3) {
      say(line, " ...");
      break;
    }
    say(line, "%s %s", shown == 1 ? ":" : ",", sv_or(pktdoc::dns_type_name(record.type()), "TYPE").data());
    if (auto a = record.a()) say(line, " %s", a->to_text().c_str());
    else if (auto aaaa = record.aaaa()) say(line, " %s", aaaa->to_text().c_str());
    else if (auto cname = record.cname()) say(line, " %s", cname->c_str());
    else if (auto ptr = record.ptr()) say(line, " %s", ptr->c_str());
    else if (auto mx = record.mx()) say(line, " %u %s", mx->preference, mx->exchange.c_str());
    else if (auto srv = record.srv()) say(line, " %s:%u", srv->target.c_str(), srv->port);
  }
}

void describe_ip(const pktdoc::IpLayers& ip, std::string& line) {
  if (ip.ipv4) {
    const auto& v4 = *ip.ipv4;
    say(line, "  IPv4 %s > %s ttl %u", v4.source().to_text().c_str(), v4.destination().to_text().c_str(), v4.ttl());
    if (v4.is_fragment())
      say(line, " frag id 0x%04x offset %zu%s", v4.identification(), static_cast<std::size_t>(v4.fragment_offset_bytes()),
          v4.more_fragments() ? " +" : "");
    if (v4.header_checksum_status() == pktdoc::ChecksumStatus::bad) say(line, " [bad header checksum]");
  }
  if (ip.ipv6) {
    const auto& v6 = *ip.ipv6;
    say(line, "  IPv6 %s > %s hlim %u", v6.source().to_text().c_str(), v6.destination().to_text().c_str(), v6.hop_limit());
    if (auto fragment = v6.fragment(); fragment && v6.is_fragment())
      say(line, " frag id 0x%08x offset %zu%s", fragment->identification, static_cast<std::size_t>(fragment->offset_bytes()),
          fragment->more_fragments ? " +" : "");
  }
  if (ip.icmp)
    say(line, "  ICMP %s code %u", pktdoc::icmp_type_name(ip.icmp->type()).data(), ip.icmp->code());
  if (ip.icmpv6) {
    say(line, "  ICMPv6 %s code %u", pktdoc::icmpv6_type_name(ip.icmpv6->type()).data(), ip.icmpv6->code());
    const auto type = ip.icmpv6->type();
    if (type == pktdoc::Icmpv6Type::neighbor_solicitation || type == pktdoc::Icmpv6Type::neighbor_advertisement)
      say(line, " target %s", ip.icmpv6->target_address().to_text().c_str());
  }
  if (ip.tcp) {
    const auto& tcp = *ip.tcp;
    say(line, "  TCP %u > %u [%s] seq %u", tcp.source_port(), tcp.destination_port(),
        tcp.flags_text(pktdoc::TcpFlagStyle::tcpdump).c_str(), tcp.sequence_number());
    if (tcp.ack()) say(line, " ack %u", tcp.acknowledgment_number());
    say(line, " win %u", tcp.window());
    if (auto mss = tcp.mss()) say(line, " mss %u", *mss);
    if (auto scale = tcp.window_scale()) say(line, " wscale %u", *scale);
    if (tcp.sack_permitted()) say(line, " sackOK");
    if (!ip.is_quote())
      say(line, " len %zu", ip.transport_length >= tcp.header_length() ? ip.transport_length - tcp.header_length() : 0);
  }
  if (ip.udp) say(line, "  UDP %u > %u len %u", ip.udp->source_port(), ip.udp->destination_port(), ip.udp->length());
  if (ip.sctp) {
    say(line, "  SCTP %u > %u vtag 0x%08x", ip.sctp->source_port(), ip.sctp->destination_port(),
        ip.sctp->verification_tag());
    const char* separator = " ";
    for (const pktdoc::SctpChunk& chunk : ip.sctp->chunks()) {
      say(line, "%s%s", separator, chunk.name().data());
      separator = ", ";
    }
  }
  if (ip.dns) describe_dns(*ip.dns, ip.application, line);
  if (ip.application == pktdoc::Protocol::data) say(line, "  %zu bytes of data", ip.data.size());
}

void describe_error(const pktdoc::DecodeError& error, std::string& line) {
  if (error.kind == pktdoc::ErrorKind::none) return;
  say(line, "  [%s %s: %s]", pktdoc::protocol_name(error.protocol).data(), pktdoc::error_kind_name(error.kind).data(),
      error.reason);
}

int print_summary(pktdoc::CaptureReader& capture) {
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  std::string line;
  pktdoc::Timestamp start{};
  bool failed = false;
  while (examples::next_frame(capture, frame, "dissect", failed)) {
    if (frame.number == 1) start = frame.timestamp;
    pktdoc::decode_packet(frame, packet);
    line.clear();
    say(line, "%5" PRIu64 " %10.6f %5u", frame.number, examples::seconds_since(start, frame.timestamp),
        frame.original_length);
    const pktdoc::LinkLayer& link = packet.link;
    if (link.protocol == pktdoc::Protocol::ethernet) {
      for (pktdoc::VlanTag tag : link.ethernet.vlan_tags()) say(line, "  vlan %u", tag.id);
      if (link.ethernet.is_ieee802_3())
        say(line, "  802.3 LLC dsap 0x%02x ssap 0x%02x", link.ethernet.llc().dsap, link.ethernet.llc().ssap);
    }
    if (packet.arp) {
      const auto& arp = *packet.arp;
      const auto sender = arp.sender_ip(), target = arp.target_ip();
      const auto sender_mac = arp.sender_mac();
      if (arp.operation() == pktdoc::ArpOperation::request && sender && target)
        say(line, "  ARP who has %s? tell %s", target->to_text().c_str(), sender->to_text().c_str());
      else if (arp.operation() == pktdoc::ArpOperation::reply && sender && sender_mac)
        say(line, "  ARP %s is at %s", sender->to_text().c_str(), sender_mac->to_text().c_str());
      else
        say(line, "  ARP %s", pktdoc::arp_operation_name(arp.operation()).data());
    }
    describe_ip(packet.ip, line);
    for (std::size_t i = 0; i < packet.inner_count; ++i) {
      say(line, packet.inner[i].is_quote() ? "  [quoting:" : "  [tunnel:");
      describe_ip(packet.inner[i], line);
      describe_error(packet.inner[i].error, line);
      line += ']';
    }
    describe_error(packet.error, line);
    describe_error(packet.ip.error, line);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string mode = argv[1];
  if (mode == "packets" || mode == "stats" || mode == "datagrams" || mode == "streams" || mode == "http") {
    if (argc != 3) {
      std::fprintf(stderr, "dissect: '%s' takes one capture file (-h for help)\n", mode.c_str());
      return 2;
    }
    auto capture = examples::open_capture(examples::CaptureSource{argv[2], "", ""}, "dissect");
    if (mode == "packets") return print_packets(capture);
    if (mode == "datagrams") return print_datagrams(capture);
    if (mode == "streams") return print_streams(capture);
    if (mode == "http") return print_http(capture);
    return print_stats(capture);
  }
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "dissect");
  examples::stop_on_signal(capture);
  return print_summary(capture);
}
