// decode_udp: UDP datagrams over IPv4 and IPv6, whole or put back together from IP fragments,
// and the fragments of the datagrams that never completed.
//
//   decode_udp -f FILE | -i IFACE [-F 'BPF filter']
//
// UDP (RFC 768) sends one datagram per call, up to 65507 bytes of data over IPv4 and 65527 over
// IPv6, and leaves it to IP to carry it. A datagram larger than the link's MTU crosses the network
// as IP fragments: IPv4 routers and senders cut it (RFC 791 section 2.3: every fragment carries
// the IPv4 header, with the datagram's Identification, the offset of its data in 8-byte units and
// a More Fragments flag), and for IPv6 only the sender does, adding a Fragment header (RFC 8200
// section 4.5) with the same three fields. Only the first fragment holds the UDP header; the
// others are pieces of data that mean nothing until the receiver has them all.
//
// This program prints every fragment as it arrives (IP version, identification, offset, size,
// whether more follow) and every UDP datagram: a whole one at its frame, a fragmented one at the
// frame whose fragment completed it, with the frames it was made from. Reassembly is the library's
// IpDefragmenter, which hands over a datagram only when every byte is there; the whole IP packet
// it rebuilds is decoded with decode_ip(), so DNS carried in fragments shows as DNS.
//
// A datagram that never completes is reported, never invented: when the capture ends, or when 30
// seconds (IPv4) or 60 seconds (IPv6, RFC 8200 section 4.5) have passed since its first fragment,
// the program says which fragments came, how many bytes, and which byte ranges are missing. An
// ICMP or ICMPv6 "fragment reassembly time exceeded" error is the receiver saying the same thing
// on the wire; the program points it out with the datagram it quotes.
//
// Memory: the defragmenter keeps what its limits allow (IpDefragmenter::Limits); the program adds
// a few bytes per datagram being reassembled, and forgets them when the datagram completes or is
// given up. On a live interface, stop with Ctrl-C to see the summary.

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "example_support.hpp"
#include "pktdoc/ip_protocol.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"

namespace {

constexpr char kUsage[] =
    "usage: decode_udp -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  Prints UDP datagrams over IPv4 and IPv6, the IP fragments they arrived in, each\n"
    "  fragmented datagram once it is reassembled, and the datagrams that never completed\n"
    "  with the byte ranges that were missing.\n";

// "IPv6 id 0x00000009" or "IPv4 id 0x1c46": how the fragments of one datagram are named. IPv6
// identifications are 32 bits, IPv4 ones 16.
std::string datagram_name(const pktdoc::DatagramKey& key) {
  char text[32];
  if (key.version == 6)
    std::snprintf(text, sizeof text, "IPv6 id 0x%08x", key.identification);
  else
    std::snprintf(text, sizeof text, "IPv4 id 0x%04x", key.identification);
  return text;
}

std::string addresses(const pktdoc::DatagramKey& key) {
  return std::string(key.source_text().view()) + " -> " + std::string(key.destination_text().view());
}

// The first bytes of a payload for people: printable ASCII as it is, the rest as '.'.
std::string preview(pktdoc::ByteView bytes) {
  constexpr std::size_t shown = 32;
  std::string text = "\"";
  for (std::size_t i = 0; i < std::min(bytes.size(), shown); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    text += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '.';
  }
  text += bytes.size() > shown ? "\"..." : "\"";
  return text;
}

// One line about what a UDP datagram carries: DNS, mDNS or LLMNR decoded, or its first bytes.
std::string contents(const pktdoc::IpLayers& ip) {
  if (ip.dns) {
    const pktdoc::DnsMessage& dns = *ip.dns;
    const char* name = ip.application == pktdoc::Protocol::mdns    ? "mDNS"
                       : ip.application == pktdoc::Protocol::llmnr ? "LLMNR"
                                                                   : "DNS";
    std::string text = std::string(name) + (dns.is_response() ? " response" : " query");
    char id[16];
    std::snprintf(id, sizeof id, " 0x%04x", dns.id());
    text += id;
    for (const pktdoc::DnsQuestion& question : dns.questions()) {
      text += " " + pktdoc::dns_type_text(question.type()) + "? " + question.name().c_str();
      break;
    }
    if (dns.is_response())
      text += ", " + std::to_string(dns.answer_count()) + (dns.answer_count() == 1 ? " answer" : " answers");
    return text;
  }
  if (ip.application == pktdoc::Protocol::data) return "data " + preview(ip.data);
  if (ip.error.kind != pktdoc::ErrorKind::none)
    return std::string(pktdoc::protocol_name(ip.error.protocol)) + " " +
           std::string(pktdoc::error_kind_name(ip.error.kind)) + ": " + ip.error.reason;
  return "no data";
}

// Prints a UDP datagram: addresses and ports, data size, checksum, what it carries.
void print_datagram(std::uint64_t frame, double seconds, const pktdoc::IpLayers& ip) {
  const pktdoc::UdpDatagram& udp = *ip.udp;
  const pktdoc::ChecksumStatus checksum =
      udp.checksum_status(ip.ipv6 ? ip.ipv6->pseudo_header() : ip.ipv4->pseudo_header());
  std::printf("%5" PRIu64 " %10.6f  UDP %s -> %s  %zu bytes of data  checksum %s\n", frame, seconds,
              examples::endpoint_text(ip, true).c_str(), examples::endpoint_text(ip, false).c_str(),
              udp.datagram_length() - pktdoc::UdpDatagram::header_length,
              pktdoc::checksum_status_name(checksum).data());
  std::printf("                   %s\n", contents(ip).c_str());
}

// One fragment, as its IP header describes it.
struct Fragment {
  pktdoc::DatagramKey key;
  std::uint32_t offset = 0;  // in bytes
  std::uint32_t size = 0;    // data bytes
  bool more = false;
  std::uint16_t udp_length = 0;  // the UDP Length, in a first fragment that holds a UDP header
};

// What the program remembers about a datagram being reassembled, to say what was missing if it
// never completes.
struct Pending {
  std::uint32_t fragment_size = 0;  // data bytes of the largest fragment with More Fragments set
  std::uint16_t udp_length = 0;     // the UDP Length of the first fragment, when it had UDP
};
using PendingKey = std::tuple<std::uint8_t, std::string, std::string, std::uint8_t, std::uint32_t>;

PendingKey pending_key(const pktdoc::DatagramKey& key) {
  return {key.version, std::string(key.source_text().view()), std::string(key.destination_text().view()), key.protocol,
          key.identification};
}

// [udp-observer]
// Receives what the defragmenter finds: datagrams made whole, datagrams given up, fragments not
// used. It is called from inside IpDefragmenter::add() and finish().
class Reporter : public pktdoc::DefragmentObserver {
 public:
  pktdoc::Timestamp start{};
  std::map<PendingKey, Pending> pending;
  std::uint64_t reassembled = 0, fragments_used = 0, abandoned = 0, dropped = 0;

  // Notes what a fragment the defragmenter keeps says about its datagram. The note goes when the
  // datagram completes or is given up, so there is one per datagram the defragmenter holds.
  void remember(const Fragment& fragment) {
    Pending& note = pending[pending_key(fragment.key)];
    if (fragment.more) note.fragment_size = std::max(note.fragment_size, fragment.size);
    if (fragment.udp_length != 0) note.udp_length = fragment.udp_length;
  }

  void on_reassembled(const pktdoc::ReassembledDatagram& datagram) override {
    ++reassembled;
    fragments_used += datagram.frames.size();
    pending.erase(pending_key(datagram.key));
    // The whole IP packet, as if it had never been cut: decode it like any other.
    pktdoc::IpLayers ip;
    pktdoc::decode_ip(datagram.packet, ip);
    const double seconds = examples::seconds_since(start, datagram.completed_at);
    if (ip.udp) {
      print_datagram(datagram.completing_frame, seconds, ip);
    } else {
      std::printf("%5" PRIu64 " %10.6f  %s datagram, protocol %u (%s): not UDP\n", datagram.completing_frame, seconds,
                  datagram.key.version == 6 ? "IPv6" : "IPv4", datagram.protocol,
                  pktdoc::ip_protocol_name(datagram.protocol).data());
    }
    std::printf("                   reassembled: %zu bytes from %zu fragments (frames %s), %s\n",
                datagram.payload.size(), datagram.frames.size(), examples::frame_ranges(datagram.frames).c_str(),
                datagram_name(datagram.key).c_str());
  }

  void on_abandoned(const pktdoc::AbandonedDatagram& datagram) override {
    ++abandoned;
    const auto found = pending.find(pending_key(datagram.key));
    const std::uint32_t size = found == pending.end() ? 0 : found->second.fragment_size;
    const std::size_t found_udp_length = found == pending.end() ? 0 : found->second.udp_length;
    if (found != pending.end()) pending.erase(found);

    std::printf("never completed: %s  %s\n", datagram_name(datagram.key).c_str(), addresses(datagram.key).c_str());
    switch (datagram.reason) {
      case pktdoc::AbandonReason::timeout:
        std::printf("    given up at frame %" PRIu64 ", %s after its first fragment (the reassembly timeout)\n",
                    datagram.frame, datagram.key.version == 6 ? "60 s" : "30 s");
        break;
      case pktdoc::AbandonReason::end_of_capture:
        std::printf("    the capture ended before it was complete\n");
        break;
      default:
        std::printf("    given up at frame %" PRIu64 ": %s\n", datagram.frame,
                    pktdoc::abandon_reason_name(datagram.reason).data());
        break;
    }
    // Where the datagram ends: its last fragment says so, or else the UDP header in its first
    // fragment does (the UDP Length covers the whole datagram, RFC 768).
    std::size_t total = datagram.last_fragment_seen ? datagram.total_length : 0;
    if (total == 0 && datagram.first_fragment_seen && found_udp_length != 0) total = found_udp_length;
    // How many fragments a hole stands for, when the fragments that came have one size (a sender
    // cuts a datagram into pieces that fill the path MTU): the count is then exact.
    std::uint64_t missing_fragments = 0;
    bool counted = size != 0 && total != 0;
    std::string holes;
    for (const pktdoc::ByteRange& hole : datagram.holes) {
      const std::uint64_t end = hole.end == pktdoc::ByteRange::unknown_end ? total : hole.end;
      holes += "    missing: bytes " + std::to_string(hole.begin);
      if (end == 0) {
        holes += " to the end, whose length is unknown\n";
        counted = false;
        continue;
      }
      const std::uint64_t pieces = size == 0 ? 0 : (end - hole.begin + size - 1) / size;
      missing_fragments += pieces;
      holes += "-" + std::to_string(end - 1) + " (" + std::to_string(end - hole.begin) + " bytes";
      if (pieces != 0) holes += ", " + std::to_string(pieces) + (pieces == 1 ? " fragment" : " fragments");
      holes += ")\n";
    }
    if (counted)
      std::printf("    %zu of its %" PRIu64 " fragments arrived", datagram.frames.size(),
                  datagram.frames.size() + missing_fragments);
    else
      std::printf("    %zu fragments arrived", datagram.frames.size());
    std::printf(" (frames %s): %zu", examples::frame_ranges(datagram.frames).c_str(), datagram.bytes_received);
    if (total != 0) std::printf(" of %zu", total);
    std::printf(" bytes\n");
    if (!datagram.last_fragment_seen)
      std::printf("    the last fragment never arrived%s\n",
                  total != 0 ? "; the UDP header in the first one gives the datagram's length" : "");
    if (!datagram.first_fragment_seen) std::printf("    the first fragment, with the UDP header, never arrived\n");
    std::fputs(holes.c_str(), stdout);
    if (counted && size != 0)
      std::printf("    (fragments counted by the size of those that came: %u bytes of data each)\n", size);
  }

  void on_dropped(const pktdoc::DroppedFragment& fragment) override {
    ++dropped;
    std::printf("%5" PRIu64 "             fragment not used (%s): %s offset %u, %u bytes\n", fragment.frame,
                pktdoc::drop_reason_name(fragment.reason).data(), datagram_name(fragment.key).c_str(), fragment.offset,
                fragment.length);
  }
};
// [udp-observer]

// Prints a fragment as it arrives.
Fragment print_fragment(const pktdoc::Frame& frame, double seconds, const pktdoc::IpLayers& ip) {
  Fragment fragment;
  pktdoc::DatagramKey& key = fragment.key;
  if (ip.ipv4) {
    key.version = 4;
    key.ipv4_source = ip.ipv4->source();
    key.ipv4_destination = ip.ipv4->destination();
    key.protocol = ip.ipv4->protocol();
    key.identification = ip.ipv4->identification();
    fragment.offset = ip.ipv4->fragment_offset_bytes();
    fragment.more = ip.ipv4->more_fragments();
  } else {
    const auto header = ip.ipv6->fragment();
    key.version = 6;
    key.ipv6_source = ip.ipv6->source();
    key.ipv6_destination = ip.ipv6->destination();
    key.identification = header->identification;
    fragment.offset = header->offset_bytes();
    fragment.more = header->more_fragments;
  }
  fragment.size = static_cast<std::uint32_t>(ip.transport_length);
  std::printf("%5" PRIu64 " %10.6f  fragment %s  offset %5u  %4u bytes  %s  %s\n", frame.number, seconds,
              datagram_name(key).c_str(), fragment.offset, fragment.size, fragment.more ? "more" : "last",
              addresses(key).c_str());
  if (fragment.offset == 0 && ip.udp) {  // the first fragment holds the UDP header
    fragment.udp_length = ip.udp->length();
    std::printf("                   UDP header: port %u -> %u, length %u\n", ip.udp->source_port(),
                ip.udp->destination_port(), ip.udp->length());
  }
  return fragment;
}

// An ICMP or ICMPv6 error that says a receiver gave up reassembling a datagram. It quotes the
// start of a fragment of that datagram (inner[0]).
void print_reassembly_error(const pktdoc::Frame& frame, double seconds, const pktdoc::DecodedPacket& packet) {
  const pktdoc::IpLayers& ip = packet.ip;
  const bool v6 =
      ip.icmpv6 && ip.icmpv6->type() == pktdoc::Icmpv6Type::time_exceeded &&
      ip.icmpv6->code() == static_cast<std::uint8_t>(pktdoc::Icmpv6TimeExceededCode::fragment_reassembly_time_exceeded);
  const bool v4 =
      ip.icmp && ip.icmp->type() == pktdoc::IcmpType::time_exceeded &&
      ip.icmp->code() == static_cast<std::uint8_t>(pktdoc::IcmpTimeExceededCode::fragment_reassembly_time_exceeded);
  if (!v4 && !v6) return;
  const std::string from = v6 ? ip.ipv6->source().to_string() : ip.ipv4->source().to_string();
  const std::string to = v6 ? ip.ipv6->destination().to_string() : ip.ipv4->destination().to_string();
  std::printf("%5" PRIu64 " %10.6f  %s time exceeded (fragment reassembly) from %s to %s\n", frame.number, seconds,
              v6 ? "ICMPv6" : "ICMP", from.c_str(), to.c_str());
  if (packet.inner_count == 0) return;
  const pktdoc::IpLayers& quoted = packet.inner[0];
  if (quoted.ipv6) {
    if (const auto header = quoted.ipv6->fragment())
      std::printf(
          "                   the receiver gave up IPv6 id 0x%08x %s -> %s (it quotes the fragment at offset %u)\n",
          header->identification, quoted.ipv6->source().to_string().c_str(),
          quoted.ipv6->destination().to_string().c_str(), header->offset_bytes());
  } else if (quoted.ipv4) {
    std::printf(
        "                   the receiver gave up IPv4 id 0x%04x %s -> %s (it quotes the fragment at offset %u)\n",
        quoted.ipv4->identification(), quoted.ipv4->source().to_string().c_str(),
        quoted.ipv4->destination().to_string().c_str(), quoted.ipv4->fragment_offset_bytes());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_udp");
  examples::stop_on_signal(capture);

  Reporter reporter;
  pktdoc::IpDefragmenter defragmenter(reporter);
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  bool failed = false;
  std::uint64_t whole = 0, fragments = 0;

  // [udp-loop]
  while (examples::next_frame(capture, frame, "decode_udp", failed)) {
    if (frame.number == 1) reporter.start = frame.timestamp;
    const double seconds = examples::seconds_since(reporter.start, frame.timestamp);
    pktdoc::decode_packet(frame, packet);
    const pktdoc::IpLayers& ip = packet.ip;
    const bool fragment = (ip.ipv4 && ip.ipv4->is_fragment()) || (ip.ipv6 && ip.ipv6->is_fragment());
    Fragment piece;
    if (fragment) {
      ++fragments;
      piece = print_fragment(frame, seconds, ip);
    }
    // A fragment is kept until its datagram is whole (Reporter::on_reassembled() prints it) or
    // given up (on_abandoned()); anything else is a packet on its own. add() also moves the
    // defragmenter's clock, which is what gives up datagrams after their timeout.
    const pktdoc::FragmentResult result = defragmenter.add(ip, frame.number, frame.timestamp);
    if (result == pktdoc::FragmentResult::held) reporter.remember(piece);
    if (result != pktdoc::FragmentResult::not_fragment) continue;
    if (ip.udp) {
      ++whole;
      print_datagram(frame.number, seconds, ip);
    } else if (ip.error.protocol == pktdoc::Protocol::udp) {
      std::printf("%5" PRIu64 " %10.6f  UDP %s: %s\n", frame.number, seconds,
                  pktdoc::error_kind_name(ip.error.kind).data(), ip.error.reason);
    } else {
      print_reassembly_error(frame, seconds, packet);
    }
  }
  defragmenter.finish();  // the datagrams still waiting for fragments are reported now
  // [udp-loop]

  std::printf("\n%" PRIu64 " frames, %" PRIu64 " of them IP fragments\n", frame.number, fragments);
  std::printf("UDP datagrams whole: %" PRIu64 "\n", whole);
  std::printf("datagrams reassembled: %" PRIu64 ", from %" PRIu64 " fragments\n", reporter.reassembled,
              reporter.fragments_used);
  std::printf("datagrams never completed: %" PRIu64 "\n", reporter.abandoned);
  if (reporter.dropped != 0) std::printf("fragments not used: %" PRIu64 "\n", reporter.dropped);
  return failed ? 1 : 0;
}
