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
//
// The program reads like the library is meant to be used: open a CaptureReader, reuse one
// DecodedPacket for every frame, call decode_packet(), look at the layers that are set.

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "example_support.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/wireshark.hpp"

namespace {

constexpr char kUsage[] =
    "usage: dissect [packets|stats] FILE\n"
    "       dissect -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  packets  one line per frame with Wireshark's field names, to diff against tshark\n"
    "  stats    protocol hierarchy: frames and bytes per protocol\n"
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
// dissect stats: a tree of protocols, each with the frames and bytes that went through it.
struct HierarchyNode {
  pktdoc::Protocol protocol = pktdoc::Protocol::none;
  std::uint64_t frames = 0;
  std::uint64_t bytes = 0;
  std::vector<std::unique_ptr<HierarchyNode>> children;  // in the order first seen

  HierarchyNode& child(pktdoc::Protocol wanted) {
    for (auto& node : children)
      if (node->protocol == wanted) return *node;
    children.push_back(std::make_unique<HierarchyNode>());
    children.back()->protocol = wanted;
    return *children.back();
  }
};

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
    HierarchyNode* node = &root;
    const std::size_t depth = pktdoc::protocol_stack(packet, stack);
    for (std::size_t i = 0; i < depth; ++i) {
      node = &node->child(stack[i]);
      ++node->frames;
      node->bytes += frame.original_length;
    }
  }
  std::printf("Protocol hierarchy statistics\n");
  std::printf("frames:%" PRIu64 " bytes:%" PRIu64 " truncated:%" PRIu64 " invalid:%" PRIu64 "\n\n", frames, bytes,
              truncated, invalid);
  print_hierarchy(root, 0);
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// dissect FILE: one line per frame for people.
int print_summary(pktdoc::CaptureReader& capture) {
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  std::array<pktdoc::Protocol, pktdoc::max_protocol_stack> stack{};
  bool failed = false;
  while (examples::next_frame(capture, frame, "dissect", failed)) {
    pktdoc::decode_packet(frame, packet);
    std::printf("%5" PRIu64 "  %4u bytes ", frame.number, frame.original_length);
    const std::size_t depth = pktdoc::protocol_stack(packet, stack);
    for (std::size_t i = 0; i < depth; ++i)
      std::printf("%s%s", i ? "/" : " ", pktdoc::protocol_name(stack[i]).data());
    const auto& error = packet.first_error();
    if (error.kind != pktdoc::ErrorKind::none)
      std::printf("  [%s %s: %s]", pktdoc::protocol_name(error.protocol).data(),
                  pktdoc::error_kind_name(error.kind).data(), error.reason);
    std::printf("\n");
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
  if (mode == "packets" || mode == "stats") {
    if (argc != 3) {
      std::fputs(kUsage, stderr);
      return 2;
    }
    auto capture = examples::open_capture(examples::CaptureSource{argv[2], "", ""}, "dissect");
    return mode == "packets" ? print_packets(capture) : print_stats(capture);
  }
  if (mode == "streams" || mode == "datagrams" || mode == "http") {
    std::fprintf(stderr, "dissect: the '%s' listing needs reassembly, which pktdoc does not have yet\n", mode.c_str());
    return 2;
  }
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "dissect");
  examples::stop_on_signal(capture);
  return print_summary(capture);
}
