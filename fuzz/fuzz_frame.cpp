// fuzz_frame: decode_packet() on a whole frame of any supported link type, then
// PacketListing::write() (the `dissect packets` listing) and protocol_stack(), and every
// accessor of every layer decode_packet() found (the frame's IP packet, packets quoted by ICMP
// errors or carried in tunnels, ARP, DNS).
//
// The first input byte is not part of the frame; it chooses how the frame was captured:
//   bits 0-2  the link type: null, ethernet, raw (DLT 12), raw (DLT 14), raw (101), loop,
//             linux_sll, linux_sll2 (kLinkTypes below, in that order)
//   bits 3-4  the length on the wire: 0 as captured; 1 longer (the capture cut the frame);
//             2 four bytes longer (a frame check sequence left out); 3 shorter than captured
//             (a file whose record lies, which libpcap passes on)
//   bit 5     DecodeOptions::decode_inner off
//   bit 6     DecodeOptions::decode_application off
// The seeds (fuzz_make_seeds) start with the byte of the capture's link type and mode 0.
//
// Properties: views stay inside the frame; a DecodedPacket reused from another frame decodes
// exactly as a fresh one (the other frame's bytes are freed first, so a stale view is a
// use-after-free); a frame that decodes without error, cut short by the capture, decodes with
// truncated errors only; protocol_stack() starts with the link layer and stays within its bound.
#include <array>
#include <string>
#include <vector>

#include "exercise.hpp"
#include "pktdoc/wireshark.hpp"

using namespace pktdoc;

namespace {

constexpr std::array<LinkType, 8> kLinkTypes = {LinkType::null,      LinkType::ethernet,  LinkType::raw_dlt12,
                                                LinkType::raw_dlt14, LinkType::raw,       LinkType::loop,
                                                LinkType::linux_sll, LinkType::linux_sll2};

struct Outcome {
  std::string line;
  std::array<Protocol, max_protocol_stack> stack{};
  std::size_t depth = 0;
  DecodeError error;
};

// Decodes `frame` into `packet` and looks at everything in it.
Outcome decode(const Frame& frame, DecodedPacket& packet, const DecodeOptions& options, bool listable) {
  Outcome outcome;
  decode_packet(frame, packet, options);
  fuzz::exercise(packet, frame.bytes);
  if (!options.decode_inner) PKTDOC_FUZZ_PROPERTY("frame.no-inner-when-off", packet.inner_count == 0);
  if (!options.decode_application) {
    PKTDOC_FUZZ_PROPERTY("frame.no-application-when-off", !packet.ip.dns.has_value());
  }
  outcome.depth = protocol_stack(packet, outcome.stack);
  PKTDOC_FUZZ_PROPERTY("frame.stack-bounded", outcome.depth <= max_protocol_stack);
  if (packet.link.protocol != Protocol::none)
    PKTDOC_FUZZ_PROPERTY("frame.stack-starts-with-link",
                         outcome.depth >= 1 && outcome.stack[0] == packet.link.protocol);
  for (std::size_t i = 0; i < outcome.depth; ++i) fuzz::use(protocol_name(outcome.stack[i]));
  outcome.error = packet.first_error();
  if (listable) {
    static PacketListing listing;
    listing.write(frame, packet, outcome.line);
    PKTDOC_FUZZ_PROPERTY("frame.listing-starts-with-number", outcome.line.rfind(std::to_string(frame.number), 0) == 0);
    PKTDOC_FUZZ_PROPERTY("frame.listing-one-line", outcome.line.find('\n') == std::string::npos);
  }
  return outcome;
}

bool same(const Outcome& a, const Outcome& b) {
  return a.line == b.line && a.depth == b.depth && a.stack == b.stack && a.error.kind == b.error.kind &&
         a.error.protocol == b.error.protocol && a.error.offset == b.error.offset &&
         std::string_view(a.error.reason) == std::string_view(b.error.reason);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const ByteView bytes = as_bytes(data + 1, size - 1);
  fuzz::Choices choices(fuzz::hash(bytes) ^ mode);

  Frame frame;
  frame.number = 1 + choices.upto(1000);
  frame.timestamp.seconds = static_cast<std::int64_t>(choices.next() >> 32);
  frame.bytes = bytes;
  frame.link_type = kLinkTypes[mode & 7];
  switch ((mode >> 3) & 3) {
    case 0:
      frame.original_length = static_cast<std::uint32_t>(bytes.size());
      break;
    case 1:
      frame.original_length = static_cast<std::uint32_t>(bytes.size() + 1 + choices.upto(1500));
      break;
    case 2:
      frame.original_length = static_cast<std::uint32_t>(bytes.size() + 4);
      break;
    default:
      frame.original_length = static_cast<std::uint32_t>(choices.upto(bytes.size()));
      break;
  }
  DecodeOptions options;
  options.decode_inner = (mode & 0x20) == 0;
  options.decode_application = (mode & 0x40) == 0;
  const bool listable = options.decode_inner && options.decode_application;

  static DecodedPacket fresh;
  fresh = DecodedPacket{};
  const Outcome expected = decode(frame, fresh, options, listable);

  // The same frame into a DecodedPacket that held another one: the other frame (the same bytes
  // under another link type, in a buffer of its own) is freed before the second decode.
  static DecodedPacket reused;
  {
    std::vector<std::byte> other(bytes.begin(), bytes.end());
    Frame previous = frame;
    previous.bytes = ByteView(other.data(), other.size());
    previous.link_type = kLinkTypes[choices.upto(kLinkTypes.size() - 1)];
    decode(previous, reused, DecodeOptions{}, true);
  }
  const Outcome again = decode(frame, reused, options, listable);
  PKTDOC_FUZZ_PROPERTY("frame.reuse-agrees", same(again, expected));

  // Cut short by the capture: only truncated.
  if (expected.error.kind == ErrorKind::none && frame.original_length == bytes.size()) {
    std::vector<std::size_t> cuts = fuzz::cut_points(bytes);
    if (cuts.size() > 4) cuts.resize(4);
    for (std::size_t cut : cuts) {
      const std::vector<std::byte> prefix = fuzz::prefix_copy(bytes, cut);
      Frame short_frame = frame;
      short_frame.bytes = ByteView(prefix.data(), prefix.size());
      static DecodedPacket cut_packet;
      const Outcome outcome = decode(short_frame, cut_packet, options, listable);
      if (outcome.error.kind == ErrorKind::invalid &&
          !fuzz::skipped("frame.cut-only-truncated", outcome.error.reason)) {
        std::fprintf(stderr,
                     "pktdoc-fuzz: the whole frame decodes, but cut to %zu of %zu bytes %s fails as invalid: %s\n", cut,
                     bytes.size(), protocol_name(outcome.error.protocol).data(), outcome.error.reason);
        PKTDOC_FUZZ_PROPERTY("frame.cut-only-truncated", outcome.error.kind != ErrorKind::invalid);
      }
    }
  }

  // The link-layer views on their own, unchecked, as the listing uses them for a failed header.
  fuzz::exercise(EthernetFrame(bytes));
  fuzz::exercise(LinuxSllHeader(bytes));
  fuzz::exercise(LinuxSll2Header(bytes));
  for (LinkType type : {LinkType::null, LinkType::loop})
    if (const auto loopback = LoopbackHeader::parse(bytes, type)) fuzz::exercise(*loopback);
  fuzz::use(is_supported(frame.link_type));
  const auto any_type = static_cast<LinkType>(ByteReader(bytes).u16_at(0));
  fuzz::use(is_supported(any_type));
  fuzz::use(std::string_view(link_type_name(any_type)));
  return 0;
}
