/// @file
/// @brief IP defragmentation, IPv4 (RFC 791) and IPv6 (RFC 8200 section 4.5): the stateful
/// IpDefragmenter, its limits, and the events it reports to a DefragmentObserver.
///
/// Decoding a packet (decode_packet()) looks at one frame at a time, so a fragmented datagram
/// arrives as several packets that each hold a piece of it. IpDefragmenter keeps the pieces, in
/// buffers it owns, until the datagram is whole, then hands the reassembled IP packet to its
/// observer, which can decode it with decode_ip() like any other packet (its UDP, DNS, ...).
///
/// What it never does is invent: a datagram that does not complete (a fragment was lost, the
/// capture ended, a limit was reached, its fragments contradict each other) is reported as
/// abandoned, with the byte ranges that were missing, and its bytes are never delivered.
///
/// Memory is bounded whatever the input, by IpDefragmenter::Limits: bytes held, open datagrams,
/// fragments per datagram, and a timeout per IP version. Reaching a limit abandons a datagram by
/// a documented rule, and says so.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "pktdoc/address.hpp"
#include "pktdoc/bytes.hpp"
#include "pktdoc/capture.hpp"
#include "pktdoc/packet.hpp"

namespace pktdoc {

/// What identifies the fragments of one datagram.
///
/// IPv4 fragments belong together when they have the same source, destination, protocol and
/// identification (RFC 791 section 3.2, "Identification"); IPv6 fragments when they have the
/// same source, destination and identification (RFC 8200 section 4.5: the Next Header of the
/// Fragment headers is not part of the key, and may even differ between fragments).
struct DatagramKey {
  std::uint8_t version = 0;          ///< 4 or 6.
  Ipv4Address ipv4_source;           ///< IPv4 Source Address (version 4 only).
  Ipv4Address ipv4_destination;      ///< IPv4 Destination Address (version 4 only).
  Ipv6Address ipv6_source;           ///< IPv6 Source Address (version 6 only).
  Ipv6Address ipv6_destination;      ///< IPv6 Destination Address (version 6 only).
  std::uint8_t protocol = 0;         ///< IPv4 Protocol field; 0 for IPv6, where it is not part of the key.
  std::uint32_t identification = 0;  ///< IPv4 Identification (16 bits) or IPv6 Fragment Identification (32 bits).

  /// @return the source address as text, in the format of Ipv4Address::to_text() or
  ///         Ipv6Address::to_text()
  AddressText source_text() const noexcept;
  /// @return the destination address as text, in the format of Ipv4Address::to_text() or
  ///         Ipv6Address::to_text()
  AddressText destination_text() const noexcept;
  /// Compares every field.
  friend bool operator==(const DatagramKey&, const DatagramKey&) = default;
};

/// A datagram that was reassembled.
/// @warning Every view (`packet`, `payload`, `frames`) points into the defragmenter's buffers and
/// is valid only during the DefragmentObserver::on_reassembled() call that hands it out. Copy the
/// bytes to keep them.
struct ReassembledDatagram {
  DatagramKey key;  ///< Addresses, protocol (IPv4) and identification.
  /// The whole reassembled IP packet, ready for decode_ip().
  ///
  /// IPv4: the header of the first fragment (offset 0), options included, with Total Length set
  /// to the reassembled length, More Fragments and Fragment Offset cleared (the DF and reserved
  /// bits are kept as the first fragment had them), and the Header Checksum recomputed; then the
  /// data (RFC 791 section 3.2, reassembly procedure).
  ///
  /// IPv6: the Unfragmentable Part of the first fragment (the headers before its Fragment
  /// header), with the Next Header field of its last header set to the first fragment's
  /// Fragment header's Next Header and Payload Length set to the reassembled length; then the
  /// Fragmentable Part; the Fragment header itself is gone (RFC 8200 section 4.5).
  ByteView packet;
  /// `packet` after its IP header: for IPv4 the data after the header; for IPv6 the
  /// Fragmentable Part (what came after the Fragment headers). This is Wireshark's
  /// ip.reassembled.data / ipv6.reassembled.data.
  ByteView payload;
  /// The IP protocol of `payload`: the IPv4 Protocol field, or the Next Header field of the
  /// first fragment's Fragment header for IPv6 (see ip_protocol).
  std::uint8_t protocol = 0;
  /// Frame numbers of the fragments used, in the order they arrived (exact duplicates are not
  /// listed; fragments that overlapped consistently are, for IPv4).
  std::span<const std::uint64_t> frames;
  std::uint64_t completing_frame = 0;  ///< The frame whose fragment completed the datagram (the last of `frames`).
  Timestamp first_seen;                ///< Timestamp of the first fragment to arrive.
  Timestamp completed_at;              ///< Timestamp of the completing frame.
};

/// Why a datagram was given up before it was whole.
enum class AbandonReason : std::uint8_t {
  timeout,  ///< Its timeout (DefragmentLimits::ipv4_timeout or DefragmentLimits::ipv6_timeout) passed, counted from its
            ///< first fragment, by frame timestamps.
  end_of_capture,       ///< IpDefragmenter::finish() was called (the capture ended).
  open_datagram_limit,  ///< DefragmentLimits::max_open_datagrams was reached and this was the oldest open datagram.
  memory_limit,         ///< DefragmentLimits::max_buffered_bytes was reached and this was the oldest open datagram, or
                        ///< this datagram alone needs more than the limit.
  fragment_limit,       ///< A fragment beyond DefragmentLimits::max_fragments_per_datagram arrived for it.
  overlap,              ///< Two of its fragments overlap: for IPv6 any overlap that is not an exact duplicate
                        ///< (RFC 5722, RFC 8200 section 4.5); for IPv4 an overlap whose bytes differ.
  inconsistent_length,  ///< Its fragments disagree on where it ends: two last fragments (More Fragments clear)
                        ///< with different ends, or data past the end a last fragment set.
  too_long,             ///< Reassembled, it would be longer than the IP length field can say (65535 bytes
                        ///< of IPv4 Total Length or IPv6 Payload Length): its first fragment's header is
                        ///< longer than those of the fragments that were checked against the limit.
};

/// A short lower-case name for a reason ("timeout", "end-of-capture", "open-datagram-limit", ...).
/// @param reason any AbandonReason
/// @return a static string; "unknown" for values outside the enumeration
std::string_view abandon_reason_name(AbandonReason reason) noexcept;

/// A range of bytes of a datagram's payload, by offset from the start of the payload.
struct ByteRange {
  /// `end` of a range that runs to an end nobody has said: the last fragment has not arrived.
  static constexpr std::uint32_t unknown_end = 0xffffffff;
  std::uint32_t begin = 0;  ///< Offset of the first byte.
  std::uint32_t end = 0;    ///< Offset one past the last byte, or unknown_end.
  /// Compares both fields.
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

/// A datagram that was given up before it was whole: nothing of it is delivered.
/// @warning The views (`frames`, `holes`) point into the defragmenter's buffers and are valid only
/// during the DefragmentObserver::on_abandoned() call that hands them out.
struct AbandonedDatagram {
  AbandonReason reason = AbandonReason::timeout;  ///< Why it was given up.
  DatagramKey key;                                ///< Addresses, protocol (IPv4) and identification.
  /// Frame numbers of the fragments it had accepted, in arrival order. Exact duplicates and
  /// dropped fragments are not included, nor is the fragment that caused an overlap,
  /// inconsistent_length, fragment_limit or memory_limit abandon (that one is `frame`); the
  /// fragment that filled the last hole of a too_long datagram is.
  std::span<const std::uint64_t> frames;
  /// The frame being processed when it was given up: for a timeout or a limit, the frame that
  /// moved time on or needed room; for overlap, inconsistent_length, fragment_limit and too_long,
  /// the offending fragment's frame; 0 for end_of_capture (and for IpDefragmenter::advance()).
  std::uint64_t frame = 0;
  Timestamp first_seen;             ///< Timestamp of its first fragment.
  Timestamp abandoned_at;           ///< The defragmenter's time when it was given up (the latest frame timestamp seen).
  std::size_t bytes_received = 0;   ///< Distinct payload bytes it had received.
  bool last_fragment_seen = false;  ///< Whether a fragment with More Fragments clear had arrived.
  /// Its payload length (IPv4 data after the header, IPv6 Fragmentable Part), known once the last
  /// fragment has arrived; 0 while `last_fragment_seen` is false.
  std::size_t total_length = 0;
  /// The missing byte ranges of the payload, in order. When `last_fragment_seen` is false the
  /// last hole ends at ByteRange::unknown_end: everything after the highest byte received is
  /// missing too, and how much is not known. Empty when every byte was there (an overlap or
  /// too_long abandon of a datagram that had all its bytes).
  std::span<const ByteRange> holes;
  /// Whether the fragment at offset 0 (with the IP header that the reassembled packet would have
  /// had) had arrived.
  bool first_fragment_seen = false;
};

/// Why a single fragment was not used. Its datagram, if it has one open, goes on without it.
enum class DropReason : std::uint8_t {
  duplicate,           ///< An exact duplicate of a fragment already held: same offset, length and bytes.
  not_captured,        ///< Fewer bytes were captured than its length field declares (snap length).
  empty,               ///< It carries no data (Wireshark does not reassemble those either).
  too_long,            ///< It would end past what the length field of the reassembled packet can say:
                       ///< IPv4 header length + offset + length > 65535 (RFC 791 section 3.1, Total
                       ///< Length), or for IPv6 the Unfragmentable Part after the fixed header + offset
                       ///< + length > 65535 (RFC 8200 section 4.5, which says to discard it).
  misaligned,          ///< IPv6 only: More Fragments is set but its length is not a multiple of 8 octets
                       ///< (RFC 8200 section 4.5 says to discard it).
  invalid,             ///< IPv4 only: its Total Length is 0 (segmentation offload), so its length is unknown.
  datagram_discarded,  ///< Its datagram was discarded (overlap, inconsistent_length, fragment_limit,
                       ///< too_long) and is remembered until its timeout, so that its later fragments
                       ///< are discarded too (RFC 5722 section 4: "including those not yet received").
};

/// A short lower-case name for a reason ("duplicate", "not-captured", "empty", ...).
/// @param reason any DropReason
/// @return a static string; "unknown" for values outside the enumeration
std::string_view drop_reason_name(DropReason reason) noexcept;

/// A fragment that was not used.
struct DroppedFragment {
  DropReason reason = DropReason::duplicate;  ///< Why.
  DatagramKey key;                            ///< The datagram it belongs to.
  std::uint64_t frame = 0;                    ///< Its frame number.
  Timestamp timestamp;                        ///< Its frame's timestamp.
  std::uint32_t offset = 0;                   ///< Its Fragment Offset, in bytes.
  std::uint32_t length = 0;                   ///< Its data length in bytes, as its header declares.
  bool more_fragments = false;                ///< Its More Fragments flag (IPv4 MF, IPv6 M).
};

/// Receives what an IpDefragmenter reports. Implement all three: a limit reached or a fragment
/// refused is never silent, though the observer may choose to ignore it.
///
/// The calls are made from inside IpDefragmenter::add(), advance() and finish(), before they
/// return. An observer must not call back into the IpDefragmenter that is calling it.
class DefragmentObserver {
 public:
  /// Destroys the observer.
  virtual ~DefragmentObserver() = default;
  /// A datagram is whole.
  /// @param datagram the reassembled packet and what is known about it; its views are valid only
  ///                 during this call
  virtual void on_reassembled(const ReassembledDatagram& datagram) = 0;
  /// A datagram was given up; none of its bytes will be delivered.
  /// @param datagram why, and what was missing; its views are valid only during this call
  virtual void on_abandoned(const AbandonedDatagram& datagram) = 0;
  /// A fragment was not used.
  /// @param fragment which, and why
  virtual void on_dropped(const DroppedFragment& fragment) = 0;
};

/// What IpDefragmenter::add() did with a packet.
enum class FragmentResult : std::uint8_t {
  not_fragment,  ///< It is not a fragment (or it is an ICMP quote, or has no IP header): decode it as it is.
                 ///< An IPv6 atomic fragment (offset 0, M clear) is a whole packet (RFC 6946).
  held,          ///< It was kept; its datagram is not whole yet.
  reassembled,   ///< It completed its datagram: DefragmentObserver::on_reassembled() has been called.
  dropped,       ///< It was not used: DefragmentObserver::on_dropped() has been called.
  abandoned,     ///< Its datagram was given up because of it (overlap, inconsistent_length,
                 ///< fragment_limit, memory_limit, too_long): DefragmentObserver::on_abandoned() has
                 ///< been called.
};

/// Counters kept by an IpDefragmenter since it was made (finish() does not reset them).
struct DefragmentStats {
  std::uint64_t fragments = 0;    ///< Fragments given to add() (packets for which it did not return not_fragment).
  std::uint64_t held = 0;         ///< Fragments kept (including those that completed a datagram).
  std::uint64_t reassembled = 0;  ///< Datagrams reassembled.
  /// Fragments dropped, by DropReason (index with static_cast<std::size_t>(reason)).
  std::array<std::uint64_t, 7> dropped{};
  /// Datagrams abandoned, by AbandonReason (index with static_cast<std::size_t>(reason)).
  std::array<std::uint64_t, 8> abandoned{};
  /// Discarded datagrams forgotten before their timeout to make room (DefragmentLimits::max_open_datagrams):
  /// already reported when they were discarded, so not reported again.
  std::uint64_t discarded_forgotten = 0;
  std::size_t peak_buffered_bytes = 0;  ///< Highest IpDefragmenter::buffered_bytes() seen.
  std::size_t peak_open_datagrams = 0;  ///< Highest IpDefragmenter::open_datagrams() seen.

  /// @param reason a DropReason
  /// @return how many fragments were dropped for that reason
  std::uint64_t dropped_for(DropReason reason) const noexcept { return dropped[static_cast<std::size_t>(reason)]; }
  /// @param reason an AbandonReason
  /// @return how many datagrams were abandoned for that reason
  std::uint64_t abandoned_for(AbandonReason reason) const noexcept {
    return abandoned[static_cast<std::size_t>(reason)];
  }
};

/// The limits that bound an IpDefragmenter's memory and the time it waits. A limit of 0 is
/// taken as 1 (1 nanosecond for the timeouts), and max_buffered_bytes below min_buffered_bytes
/// as min_buffered_bytes.
struct DefragmentLimits {
  /// How long an IPv4 datagram may take to complete, from its first fragment: 30 seconds, as
  /// Linux's net.ipv4.ipfrag_time. RFC 1122 section 3.3.2 recommends a fixed value between 60
  /// and 120 seconds, RFC 791 a timer of at least 15 seconds.
  std::chrono::nanoseconds ipv4_timeout = std::chrono::seconds(30);
  /// How long an IPv6 datagram may take to complete, from its first fragment: 60 seconds, as
  /// RFC 8200 section 4.5 says.
  std::chrono::nanoseconds ipv6_timeout = std::chrono::seconds(60);
  /// Fragments one datagram may have: 128, enough for the largest datagram (65535 bytes) cut
  /// for IPv6's minimum MTU (54 fragments) or for a 576-byte IPv4 path (119 fragments).
  std::size_t max_fragments_per_datagram = 128;
  /// Datagrams being reassembled at once (discarded ones remembered included): 1024.
  std::size_t max_open_datagrams = 1024;
  /// Bytes held for datagrams (see IpDefragmenter::buffered_bytes()): 4 MiB, as Linux's
  /// net.ipv4.ipfrag_high_thresh.
  std::size_t max_buffered_bytes = std::size_t{4} << 20;
  /// The smallest max_buffered_bytes honoured: 4 KiB, room for the record of one open datagram
  /// and a small fragment.
  static constexpr std::size_t min_buffered_bytes = 4096;
};

/// Reassembles fragmented IPv4 and IPv6 datagrams, within configurable memory limits.
///
/// Feed it every decoded IP packet of a capture, in capture order, with add(); it returns at
/// once for packets that are not fragments (the caller decodes those as usual) and keeps the
/// fragments. When a fragment completes its datagram, the observer's on_reassembled() receives
/// the whole IP packet, which decode_ip() decodes like any other. Call finish() at the end of the
/// capture: the datagrams still open are reported as abandoned (AbandonReason::end_of_capture)
/// with what they were missing.
///
/// **Arrival order.** Fragments may arrive in any order; the datagram completes with the fragment
/// that fills its last hole, whichever that is.
///
/// **Duplicates and overlaps.** One policy, in the spirit of RFC 5722:
/// - an exact duplicate (same offset, length and bytes as a fragment held) is dropped
///   (DropReason::duplicate) and the datagram goes on (RFC 8200 section 4.5 allows this);
/// - IPv6: any other overlap discards the whole datagram, including its fragments not yet
///   received (AbandonReason::overlap; RFC 5722 section 4, RFC 8200 section 4.5);
/// - IPv4: an overlap whose bytes agree with those held is accepted, and only its new bytes are
///   used (fragments re-fragmented along different paths do this); an overlap whose bytes
///   differ discards the whole datagram like IPv6. Which bytes a receiving host would have kept
///   depends on its operating system (RFC 791's procedure lets the last arrival win; Linux
///   discards every overlapping datagram; Wireshark 4.0 keeps the bytes of the fragment with the
///   lowest offset, the first to arrive among equal offsets, and marks the datagram with
///   ip.fragment.overlap.conflict); a reference decoder cannot know, so it reports the conflict
///   and invents nothing.
/// - Fragments that disagree on where the datagram ends (two last fragments with different
///   ends, data past the end) discard it too (AbandonReason::inconsistent_length).
/// A discarded datagram is remembered (without its bytes) until its timeout, and its later
/// fragments are dropped (DropReason::datagram_discarded).
///
/// **Refused fragments.** A fragment is dropped, and reported, when it was not captured in full,
/// carries no data, would end past 65535 bytes (DropReason::too_long), or is an IPv6 fragment
/// with M set whose length is not a multiple of 8 (DropReason::misaligned).
///
/// **Timeouts.** A datagram is abandoned (AbandonReason::timeout) once a frame's timestamp is at
/// least the time its first fragment arrived plus the timeout of its version: RFC 8200 section 4.5
/// counts the 60 seconds from "the reception of the first-arriving fragment", and Linux does the
/// same for IPv4. A timeout that restarted with each fragment would let a sender keep a datagram
/// open for ever by trickling fragments. Time is the highest frame timestamp seen so far, so it
/// never runs backwards; there is no wall clock. Wireshark has no timeout: it reassembles
/// fragments that arrive hours apart, which no host would.
///
/// **Limits and eviction.** See Limits. When a new datagram needs a slot and max_open_datagrams
/// are open, or bytes are needed and max_buffered_bytes would be passed, the oldest open
/// datagram (by the arrival of its first fragment) is abandoned (AbandonReason::open_datagram_limit
/// or AbandonReason::memory_limit), then the next oldest, until there is room. Old datagrams are
/// the likeliest to have lost a fragment and the nearest to their timeout. A discarded datagram
/// that is remembered goes the same way, without a second report
/// (DefragmentStats::discarded_forgotten counts those).
///
/// **Memory.** buffered_bytes() counts everything the defragmenter allocates for datagrams: their
/// payload buffers (by capacity: a datagram is charged for a buffer from offset 0 to the highest
/// byte received, grown by doubling up to 65535 bytes), the copies of first-fragment headers, the
/// lists of fragments and byte ranges of each, the record of each open datagram (about 230
/// bytes), and the buffers it keeps from closed datagrams to reuse for new ones (those go first
/// when room is needed). It never exceeds DefragmentLimits::max_buffered_bytes. Outside that
/// count are the records of closed slots (at most max_open_datagrams records in all), the hash
/// index (at most 16 bytes per record), the lists it hands to the observer (at most
/// max_fragments_per_datagram entries each) and the output buffer for the packet being
/// delivered (at most 65575 bytes).
/// Once warm, a stream of datagrams of similar sizes reuses buffers and allocates nothing.
///
/// **Complexity.** add() is O(f) for a datagram of f fragments held (the duplicate and overlap
/// checks and the range list), plus a hash lookup that is O(1) expected and O(max_open_datagrams)
/// at worst (keys crafted to collide); a timeout or an eviction is O(1) each; delivering a
/// datagram copies it once.
///
/// @code
/// struct Printer : pktdoc::DefragmentObserver {
///   void on_reassembled(const pktdoc::ReassembledDatagram& d) override {
///     pktdoc::IpLayers layers;
///     pktdoc::decode_ip(d.packet, layers);  // UDP, DNS, ... of the whole datagram
///     if (layers.udp) std::printf("frame %llu: UDP %u bytes\n", (unsigned long long)d.completing_frame,
///                                 layers.udp->length());
///   }
///   void on_abandoned(const pktdoc::AbandonedDatagram& d) override {
///     std::printf("id %u incomplete: %zu holes\n", d.key.identification, d.holes.size());
///   }
///   void on_dropped(const pktdoc::DroppedFragment&) override {}
/// } printer;
/// pktdoc::IpDefragmenter defragmenter(printer);
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   pktdoc::decode_packet(frame, packet);
///   if (defragmenter.add(packet.ip, frame.number, frame.timestamp) == pktdoc::FragmentResult::not_fragment) {
///     // use `packet` as it is
///   }
/// }
/// defragmenter.finish();  // reports the datagrams that never completed
/// @endcode
class IpDefragmenter {
 public:
  /// The limits: see DefragmentLimits.
  using Limits = DefragmentLimits;

  /// Makes a defragmenter that reports to `observer`.
  /// @param observer receives the reassembled datagrams and the reports; must outlive the
  ///                 defragmenter (or be replaced with set_observer())
  /// @param limits the limits; see Limits for the defaults
  explicit IpDefragmenter(DefragmentObserver& observer, const Limits& limits = Limits{});
  /// Frees every buffer, reporting nothing (call finish() first to report the open datagrams).
  ~IpDefragmenter();
  /// Takes over another defragmenter's datagrams, limits and observer.
  /// @param other the defragmenter to move from; it is left with no datagrams
  IpDefragmenter(IpDefragmenter&& other) noexcept;
  /// Takes over another defragmenter's datagrams, limits and observer, freeing this one's.
  /// @param other the defragmenter to move from; it is left with no datagrams
  /// @return this defragmenter
  IpDefragmenter& operator=(IpDefragmenter&& other) noexcept;
  IpDefragmenter(const IpDefragmenter&) = delete;             ///< Not copyable: it owns buffers.
  IpDefragmenter& operator=(const IpDefragmenter&) = delete;  ///< Not copyable: it owns buffers.

  /// Gives the defragmenter one IP packet.
  ///
  /// First moves time on to `timestamp` (see advance()), which may abandon timed-out datagrams.
  /// Then, if the packet is a fragment, keeps its bytes (copied: the packet's views need only
  /// live during the call) and reports what became of it through the observer, before
  /// returning.
  /// @param packet a decoded IP packet (the `ip` of a DecodedPacket, or an IP packet in an IP
  ///               tunnel); packets without an IP header and packets quoted by ICMP errors are
  ///               not fragments to reassemble and return FragmentResult::not_fragment
  /// @param frame_number the packet's frame number, as reported in the events
  /// @param timestamp the frame's timestamp
  /// @return what was done with the packet; see FragmentResult
  FragmentResult add(const IpLayers& packet, std::uint64_t frame_number, const Timestamp& timestamp);

  /// Moves time on: abandons (AbandonReason::timeout) the datagrams whose timeout has passed at
  /// `now`. add() calls it; call it yourself for frames that are not IP, or on a live capture's
  /// read timeouts. A `now` earlier than the latest time seen changes nothing.
  /// @param now a frame timestamp
  void advance(const Timestamp& now);

  /// Ends the capture: reports every open datagram as abandoned (AbandonReason::end_of_capture),
  /// in the order their first fragments arrived, and forgets them (discarded datagrams that were
  /// already reported are forgotten silently). The defragmenter is then empty, its clock unset,
  /// and it may be used for another capture; the spare buffers it keeps for reuse stay within
  /// DefragmentLimits::max_buffered_bytes. Its counters are kept.
  void finish();

  /// Replaces the observer.
  /// @param observer the new observer; must outlive the defragmenter
  void set_observer(DefragmentObserver& observer) noexcept { observer_ = &observer; }

  /// @return the limits in force
  const Limits& limits() const noexcept { return limits_; }
  /// @return the bytes held now: for open datagrams and spare buffers (see the class comment);
  ///         never more than DefragmentLimits::max_buffered_bytes
  std::size_t buffered_bytes() const noexcept { return buffered_bytes_ + spare_bytes_; }
  /// @return the datagrams open now (being reassembled, or discarded and remembered until their
  ///         timeout); never more than DefragmentLimits::max_open_datagrams
  std::size_t open_datagrams() const noexcept { return open_count_; }
  /// @return the counters since the defragmenter was made
  const DefragmentStats& stats() const noexcept { return stats_; }

 private:
  struct Fragment;
  struct Entry;
  struct Incoming;

  std::uint32_t find(const DatagramKey& key) const noexcept;
  std::uint32_t create(const DatagramKey& key, std::uint64_t frame_number, const Timestamp& timestamp);
  void index_insert(std::uint32_t slot);
  void index_erase(std::uint32_t slot) noexcept;
  void grow_index();
  void link(std::uint32_t slot);
  void unlink(std::uint32_t slot) noexcept;
  std::uint32_t oldest(std::uint32_t except) const noexcept;
  void release(std::uint32_t slot, bool keep_buffers);
  void discard(std::uint32_t slot, AbandonReason reason, std::uint64_t frame_number);
  void report(std::uint32_t slot, AbandonReason reason, std::uint64_t frame_number);
  void abandon(std::uint32_t slot, AbandonReason reason, std::uint64_t frame_number);
  bool make_room(std::size_t needed, std::uint32_t keep, std::uint64_t frame_number);
  void trim_spares(std::size_t needed);
  void recharge(std::uint32_t slot) noexcept;
  FragmentResult drop(const Incoming& fragment, DropReason reason);
  void advance_to(std::int64_t now_ns, std::uint64_t frame_number);
  FragmentResult add_fragment(const Incoming& fragment);
  FragmentResult complete(std::uint32_t slot, const Incoming& fragment);
  void note_peaks() noexcept;

  DefragmentObserver* observer_;
  Limits limits_;
  std::vector<Entry> slots_;
  std::vector<std::uint32_t> free_slots_;   // released slots without buffers
  std::vector<std::uint32_t> spare_slots_;  // released slots that kept their buffers for reuse
  std::vector<std::uint32_t> index_;        // open addressing: slot + 1, 0 for empty
  std::array<std::uint32_t, 2> oldest_{};   // per version (IPv4, IPv6): first in arrival order, slot + 1
  std::array<std::uint32_t, 2> newest_{};   // per version: last in arrival order, slot + 1
  std::vector<std::byte> output_;           // the packet being delivered
  std::vector<std::uint64_t> frames_scratch_;
  std::vector<ByteRange> holes_scratch_;
  std::int64_t now_ns_ = 0;
  bool has_time_ = false;
  std::size_t buffered_bytes_ = 0;
  std::size_t spare_bytes_ = 0;
  std::size_t open_count_ = 0;
  DefragmentStats stats_;
};

}  // namespace pktdoc
