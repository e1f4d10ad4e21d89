// The protocol hierarchy of `dissect stats`: a tree of protocols, each with the frames and bytes
// that went through it, as `tshark -qz io,phs` counts them. Kept apart so that bench/compare_peers
// times exactly the counting dissect does.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "pktdoc/packet.hpp"

namespace examples {

struct HierarchyNode {
  pktdoc::Protocol protocol = pktdoc::Protocol::none;
  std::uint64_t frames = 0;
  std::uint64_t bytes = 0;
  std::vector<std::unique_ptr<HierarchyNode>> children;  // in the order first seen
  // children by protocol, so that finding one per frame and level does not search the list
  std::array<HierarchyNode*, 256> by_protocol{};
  static_assert(sizeof(pktdoc::Protocol) == 1);

  HierarchyNode& child(pktdoc::Protocol wanted) {
    HierarchyNode*& found = by_protocol[static_cast<std::uint8_t>(wanted)];
    if (found != nullptr) return *found;
    children.push_back(std::make_unique<HierarchyNode>());
    children.back()->protocol = wanted;
    found = children.back().get();
    return *found;
  }

  // Counts one frame of `bytes` on the wire under each protocol of its stack, outermost first.
  void count(std::span<const pktdoc::Protocol> stack, std::uint64_t bytes_on_wire) {
    HierarchyNode* node = this;
    for (const pktdoc::Protocol layer : stack) {
      node = &node->child(layer);
      ++node->frames;
      node->bytes += bytes_on_wire;
    }
  }
};

}  // namespace examples
