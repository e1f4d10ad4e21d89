// decode_sctp: SCTP associations, chunk by chunk.
//
//   decode_sctp -f FILE | -i IFACE [-F 'BPF filter']
//
// SCTP (RFC 9260) carries messages, not a byte stream, between two endpoints that form an
// association in four steps: INIT and INIT ACK exchange the verification tags each side will
// expect and the first transmission sequence numbers (TSNs), then COOKIE ECHO and COOKIE ACK
// finish the handshake without the server keeping state until then. Each packet after that
// carries the peer's tag, and one or more chunks: DATA (one message or fragment, numbered by a
// TSN, on a stream, with a stream sequence number), SACK (the cumulative TSN acknowledged and
// gaps), HEARTBEAT for path liveness, and SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE to end it
// (ABORT ends it at once). This program prints every chunk with those numbers and sums up each
// association: its endpoints, tags, messages and bytes each way, and how it ended.

#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "example_support.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/sctp.hpp"

namespace {

constexpr char kUsage[] =
    "usage: decode_sctp -f FILE | -i IFACE [-F 'BPF filter']\n"
    "  Prints SCTP packets chunk by chunk (TSNs, streams, tags) and a summary per association.\n";

struct Association {
  std::string first, second;         // endpoints: `first` sent the INIT (or the first packet seen)
  std::uint32_t first_tag = 0;       // the tag `first` expects to receive (its Initiate Tag)
  std::uint32_t second_tag = 0;      // the tag `second` expects
  std::uint64_t data_chunks[2] = {0, 0};
  std::uint64_t data_bytes[2] = {0, 0};
  std::string ended = "still open at the end of the capture";
};

// Prints one chunk, indented, with the fields that matter for following the association.
void print_chunk(const pktdoc::SctpChunk& chunk) {
  std::printf("        %-18s", chunk.name().data());
  switch (chunk.type()) {
    case pktdoc::sctp_chunk_type::data: {
      const pktdoc::SctpDataChunk data(chunk.bytes());
      std::printf(" TSN %u stream %u SSN %u PPID %u, %zu bytes%s%s%s\n", data.tsn(), data.stream_identifier(),
                  data.stream_sequence_number(), data.payload_protocol_identifier(), data.user_data().size(),
                  data.b_bit() ? " [begin]" : "", data.e_bit() ? " [end]" : "", data.u_bit() ? " [unordered]" : "");
      return;
    }
    case pktdoc::sctp_chunk_type::init:
    case pktdoc::sctp_chunk_type::init_ack: {
      const pktdoc::SctpInitChunk init(chunk.bytes());
      std::printf(" initiate tag 0x%08x, initial TSN %u, streams out %u in %u, a_rwnd %u\n", init.initiate_tag(),
                  init.initial_tsn(), init.number_of_outbound_streams(), init.number_of_inbound_streams(),
                  init.advertised_receiver_window_credit());
      return;
    }
    case pktdoc::sctp_chunk_type::sack: {
      const pktdoc::SctpSackChunk sack(chunk.bytes());
      std::printf(" cumulative TSN ack %u, a_rwnd %u", sack.cumulative_tsn_ack(), sack.advertised_receiver_window_credit());
      for (std::size_t i = 0; i < sack.number_of_gap_ack_blocks(); ++i) {
        const auto gap = sack.gap_ack_block(i);
        std::printf(", gap +%u..+%u", gap.start, gap.end);
      }
      if (sack.number_of_duplicate_tsns() != 0) std::printf(", %u duplicate TSNs", sack.number_of_duplicate_tsns());
      std::printf("\n");
      return;
    }
    case pktdoc::sctp_chunk_type::shutdown:
      std::printf(" cumulative TSN ack %u\n", pktdoc::SctpShutdownChunk(chunk.bytes()).cumulative_tsn_ack());
      return;
    default:
      std::printf(" %u bytes\n", chunk.length());
      return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto source = examples::parse_capture_arguments(argc, argv, 1, kUsage);
  auto capture = examples::open_capture(source, "decode_sctp");
  examples::stop_on_signal(capture);

  std::vector<Association> associations;  // in the order first seen
  pktdoc::Frame frame;
  pktdoc::DecodedPacket packet;
  pktdoc::Timestamp start{};
  bool failed = false;

  // [sctp-loop]
  while (examples::next_frame(capture, frame, "decode_sctp", failed)) {
    if (frame.number == 1) start = frame.timestamp;
    pktdoc::decode_packet(frame, packet);
    const pktdoc::IpLayers& ip = packet.ip;
    if (!ip.sctp) {
      if (ip.error.protocol == pktdoc::Protocol::sctp)
        std::printf("%5" PRIu64 " %10.6f  SCTP %s: %s\n", frame.number, examples::seconds_since(start, frame.timestamp),
                    pktdoc::error_kind_name(ip.error.kind).data(), ip.error.reason);
      continue;
    }
    const pktdoc::SctpPacket& sctp = *ip.sctp;
    const std::string from = examples::endpoint_text(ip, true), to = examples::endpoint_text(ip, false);
    std::printf("%5" PRIu64 " %10.6f  %s -> %s  tag 0x%08x  checksum %s\n", frame.number,
                examples::seconds_since(start, frame.timestamp), from.c_str(), to.c_str(), sctp.verification_tag(),
                pktdoc::checksum_status_name(sctp.checksum_status()).data());

    // Which association: the same two endpoints. An INIT starts a new one (its tag is 0).
    bool starts_with_init = false;
    for (const pktdoc::SctpChunk& chunk : sctp.chunks()) {
      starts_with_init = chunk.type() == pktdoc::sctp_chunk_type::init;
      break;
    }
    Association* association = nullptr;
    for (auto& candidate : associations)
      if (!starts_with_init &&
          ((candidate.first == from && candidate.second == to) || (candidate.first == to && candidate.second == from)))
        association = &candidate;
    if (association == nullptr) {
      associations.push_back(Association{from, to});
      association = &associations.back();
    }
    const int direction = association->first == from ? 0 : 1;

    for (const pktdoc::SctpChunk& chunk : sctp.chunks()) {
      print_chunk(chunk);
      switch (chunk.type()) {
        case pktdoc::sctp_chunk_type::init:
          association->first_tag = pktdoc::SctpInitChunk(chunk.bytes()).initiate_tag();
          break;
        case pktdoc::sctp_chunk_type::init_ack:
          association->second_tag = pktdoc::SctpInitChunk(chunk.bytes()).initiate_tag();
          break;
        case pktdoc::sctp_chunk_type::data:
          ++association->data_chunks[direction];
          association->data_bytes[direction] += pktdoc::SctpDataChunk(chunk.bytes()).user_data().size();
          break;
        case pktdoc::sctp_chunk_type::abort:
          association->ended = "aborted by " + from;
          break;
        case pktdoc::sctp_chunk_type::shutdown_complete:
          association->ended = "shut down (SHUTDOWN COMPLETE from " + from + ")";
          break;
        default:
          break;
      }
    }
  }
  // [sctp-loop]

  std::printf("\n%zu association%s\n", associations.size(), associations.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < associations.size(); ++i) {
    const Association& a = associations[i];
    std::printf("  %zu: %s <-> %s, tags 0x%08x / 0x%08x\n", i + 1, a.first.c_str(), a.second.c_str(), a.first_tag,
                a.second_tag);
    std::printf("     DATA %s -> %s: %" PRIu64 " chunks, %" PRIu64 " bytes; back: %" PRIu64 " chunks, %" PRIu64
                " bytes\n",
                a.first.c_str(), a.second.c_str(), a.data_chunks[0], a.data_bytes[0], a.data_chunks[1], a.data_bytes[1]);
    std::printf("     %s\n", a.ended.c_str());
  }
  return failed ? 1 : 0;
}
