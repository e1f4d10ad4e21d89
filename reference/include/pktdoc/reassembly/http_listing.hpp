/// @file
/// @brief The `http` listing: one line per frame that completes HTTP messages, as Wireshark's
/// oracle prints it, and notes for the messages that never completed.
///
/// `dissect http FILE` reassembles the capture's IP fragments (IpDefragmenter) and TCP streams
/// (TcpReassembler), parses HTTP on them (HttpTracker) and prints, for each frame in which at
/// least one HTTP message completes, in frame order:
///
///     frame=N  stream=K  method=M  uri=U  version=V  host=H  [content_length=L]   (requests)
///     frame=N  stream=K  code=C  [content_length=L]                               (responses)
///
/// TAB-separated: the frame that completed the message; the connection's number (Wireshark's
/// `tcp.stream`; a frame carries one TCP segment, but with IP tunnels it may carry several, and
/// then the connection of its first message is given); the request's method, request-target,
/// version and Host field value, or the response's status code; and the value of its
/// Content-Length field when it has one. A frame that completes several messages (pipelining) has
/// one line, each field listing its values for every message that has the field, comma-separated,
/// in order (`method=GET,GET`, `code=304,200 content_length=12`): this is how `tshark -T fields
/// -E occurrence=a` prints a field that occurs more than once, and so how the oracle lists the
/// frame. A field that occurs twice in one message (two Host lines) is listed twice.
///
/// These are the rules Wireshark 4.0 follows with its defaults (TCP and HTTP reassembly on), and
/// pktdoc with it: a message is listed at the frame that brings its last byte: the end of the head
/// when there is no body, the last body byte for Content-Length, the last-chunk and trailer for
/// chunked, the FIN for a response delimited by the close; a message spanning many segments is
/// listed once; 1xx (100 Continue, 103 Early Hints), 204 and 304 responses have no body, nor
/// has the response to a HEAD; a message still incomplete at the end of the capture, cut by a
/// RST, or with bytes missing (a gap in the capture), is not listed; HTTP is found on
/// http_default_ports and, by its start line, on any other port; IPv6 and IPv4 alike.
///
/// Where Wireshark is wrong the listing follows the RFCs, and differs from tshark's:
/// - Pipelined HEAD: tshark frames the response to a HEAD by its Content-Length when another
///   request followed the HEAD before the response came (it remembers only the latest request),
///   and swallows the next response as that body. RFC 9112 section 6.3 rule 1: never a body.
/// - Chunked: tshark takes a chunked body as complete before the CRLF that ends its trailer
///   section has arrived (listing it one segment early, and losing the next message when that
///   CRLF comes alone). RFC 9112 section 7.1: the chunked body ends with that CRLF.
/// - Invalid Content-Length ("Content-Length: abc"): tshark reads the body until the close and
///   lists the message; RFC 9112 section 6.3 rule 5 makes it an unrecoverable error: not listed.
/// - Methods: tshark recognizes a fixed list of methods; RFC 9110 section 9.1 lets any token be a
///   method, and pktdoc lists a request with an unknown method ("FOO / HTTP/1.1") too.
/// - Field values: tshark keeps trailing whitespace in Content-Length ("5 "); RFC 9110 section 5.5
///   excludes it from the value, and pktdoc prints "5".
/// - Out-of-order segments: tshark 4.0 does not reassemble them by default
///   (tcp.reassemble_out_of_order), and loses the message; pktdoc's reassembler puts them in order.
/// - Wireshark gives ports registered to other protocols (FTP's 21) precedence over its HTTP
///   heuristic and retries the heuristic on every segment; pktdoc decides once, on the first bytes.
/// - Segments cut by the snap length: tshark dissects HTTP from the bytes the capture kept and
///   lists what they hold, a response whose body is mostly missing, even a head cut in the middle
///   of a field (`host=exa`). A message is complete only with every byte its framing says it has
///   (RFC 9112 section 6.3): pktdoc's reassembler reports the bytes not captured as a gap
///   (TcpGapReason::not_captured), the message ends HttpErrorKind::truncated, and it is not listed
///   (it gets an `incomplete` note with `error=truncated`).
///
/// The notes (not part of the comparison) say what did not complete, one line each:
///
///     incomplete  frame=N  stream=K  direction=a2b|b2a  first_frame=N  error=truncated|invalid|limit
///                 reason=TEXT  [method=M uri=U | code=C]
///     notice      frame=N  stream=K  direction=a2b|b2a  kind=KIND  count=N
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "pktdoc/capture.hpp"
#include "pktdoc/http.hpp"
#include "pktdoc/packet.hpp"
#include "pktdoc/reassembly/http_tracker.hpp"
#include "pktdoc/reassembly/ip_defragmenter.hpp"
#include "pktdoc/reassembly/tcp_reassembler.hpp"

namespace pktdoc {

/// Appends the `http` listing line of the messages one frame completed, without a newline:
/// `frame=N stream=K` then the request fields (when any message is a request) or the status
/// codes, and the Content-Length values, as described in pktdoc/reassembly/http_listing.hpp.
/// @param frame the frame that completed them
/// @param stream their connection's number
/// @param heads the heads of the messages, in the order they completed; nothing is written when empty
/// @param[out] line the text is appended here
void write_http_line(std::uint64_t frame, std::uint64_t stream, std::span<const HttpHead* const> heads,
                     std::string& line);

/// The limits of the three components of an HttpListing.
struct HttpListingOptions {
  IpDefragmenter::Limits ip{};   ///< IP defragmentation (see DefragmentLimits).
  TcpReassembler::Limits tcp{};  ///< TCP reassembly (see TcpReassembler::Limits).
  HttpTrackerOptions http{};     ///< Ports, detection by content, parser limits.
};

/// Writes the `http` listing of a capture, frame by frame: an IpDefragmenter, a TcpReassembler
/// and an HttpTracker, with an observer that formats the messages that complete.
///
/// Memory: that of its three components, each bounded by the limits given (see their classes),
/// plus the text of the messages of the frame being handled.
///
/// @code
/// pktdoc::HttpListing listing;
/// std::string lines, notes;
/// while (capture.next(frame) == pktdoc::ReadStatus::frame) {
///   pktdoc::decode_packet(frame, packet);
///   lines.clear();
///   listing.add(frame, packet, lines, &notes);
///   std::fputs(lines.c_str(), stdout);
/// }
/// lines.clear();
/// listing.finish(lines, &notes);
/// std::fputs(lines.c_str(), stdout);
/// std::fputs(notes.c_str(), stderr);
/// @endcode
class HttpListing {
 public:
  /// The limits of the three components: see HttpListingOptions.
  using Options = HttpListingOptions;

  /// Makes a listing.
  /// @param options the components' limits; the defaults are never reached by ordinary
  ///        captures, and a limit reached makes the listing differ from Wireshark's
  explicit HttpListing(const HttpListingOptions& options = HttpListingOptions{});
  /// Frees the components.
  ~HttpListing();
  HttpListing(const HttpListing&) = delete;             ///< Not copyable: its components report to it.
  HttpListing& operator=(const HttpListing&) = delete;  ///< Not copyable: its components report to it.

  /// Handles one frame: its IP packet goes to the defragmenter; a whole packet (and the
  /// packets inside it), or the datagram a fragment completed, goes to TCP reassembly and HTTP.
  /// @param frame the frame: its number and timestamp are used
  /// @param packet the frame decoded by decode_packet()
  /// @param[out] lines receives the listing line, with its newline, when messages completed
  /// @param[out] notes if not null, receives a note line (with its newline) for each message
  ///                   that ended incomplete and each notice, while handling this frame
  void add(const Frame& frame, const DecodedPacket& packet, std::string& lines, std::string* notes = nullptr);

  /// Ends the capture: the connections still open close, their messages in progress end
  /// incomplete (never listed). Messages may still complete: those held out of order after a
  /// hole that is given up now; they are listed at the last frame added.
  /// @param[out] lines receives the listing line, with its newline, if messages completed
  /// @param[out] notes if not null, receives a note line (with its newline) for each message
  ///                   that ended incomplete and each notice
  void finish(std::string& lines, std::string* notes = nullptr);

  /// @return the HTTP tracker, for its counters
  const HttpTracker& tracker() const noexcept;
  /// @return the TCP reassembler, for its counters
  const TcpReassembler& reassembler() const noexcept;
  /// @return the IP defragmenter, for its counters
  const IpDefragmenter& defragmenter() const noexcept;

 private:
  class Writer;
  std::unique_ptr<Writer> writer_;
};

}  // namespace pktdoc
