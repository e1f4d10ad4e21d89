// fuzz_sctp: SctpPacket::parse() on any bytes, without and with a declared length; the common
// header, the CRC32c status, and every chunk with its typed view (DATA, I-DATA, INIT and
// INIT ACK with their parameters, SACK with its gap blocks and duplicate TSNs, HEARTBEAT,
// ABORT and ERROR with their causes, SHUTDOWN, SHUTDOWN COMPLETE, COOKIE ECHO), each parsed and
// unchecked; the same typed parsers, and SctpChunk, SctpParameter and SctpErrorCause, on the
// input as a bare chunk; and the Wireshark listing (detail::list_sctp, which emulates tshark's
// dissector, packets nested in PKTDROP chunks included). Properties: a prefix of a packet that
// parses fails only as truncated, every walk ends within its bound, views stay inside.
#include <string>

#include "exercise.hpp"
#include "pktdoc/detail/listing.hpp"

using namespace pktdoc;

namespace {

template <class T>
void check(const char* id, const Result<T>& result) {
  if (!result) PKTDOC_FUZZ_PROPERTY(id, fuzz::well_formed(result.error()) && result.error().protocol == Protocol::sctp);
  fuzz::use(result.error());
}

void list(const SctpPacket& sctp) {
  static detail::FieldSink fields;
  fields.clear();
  detail::list_sctp(sctp, fields);
  std::string line;
  fields.write(line);
  fuzz::use(std::string_view(line));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes = as_bytes(data, size);
  fuzz::Choices choices(fuzz::hash(bytes));
  const std::size_t declared = choices.upto(1) == 0 ? size : choices.upto(size + 32);

  const auto sctp = SctpPacket::parse(bytes);
  check("sctp.error-well-formed", sctp);
  if (sctp) {
    fuzz::exercise(*sctp);
    fuzz::check_prefixes_only_truncated("sctp.prefix-truncated", bytes,
                                        [](ByteView b) { return SctpPacket::parse(b); });
  }
  const auto declared_sctp = SctpPacket::parse(bytes, declared);
  check("sctp.error-well-formed", declared_sctp);
  if (declared_sctp) {
    PKTDOC_FUZZ_PROPERTY("sctp.declared-length-kept",
                         declared_sctp->declared_length() == declared && declared_sctp->bytes().size() <= declared);
    fuzz::exercise(*declared_sctp);
    fuzz::check_prefixes_only_truncated("sctp.declared-prefix-truncated", bytes,
                                        [declared](ByteView b) { return SctpPacket::parse(b, declared); });
  }
  // A packet that parses is walked whole by chunks(): every chunk parse() counted is there.
  if (sctp) {
    std::size_t counted = 0;
    for (std::size_t offset = SctpPacket::header_length; offset + 4 <= size;) {
      const std::size_t length = ByteReader(bytes).u16_at(offset + 2);
      ++counted;
      offset += sctp_padded_length(length);
    }
    PKTDOC_FUZZ_PROPERTY("sctp.parsed-chunks-all-there", sctp->chunk_count() == counted);
  }

  const SctpPacket unchecked(bytes);
  const SctpPacket unchecked_declared(bytes, declared);
  fuzz::exercise(unchecked);
  fuzz::exercise(unchecked_declared);
  list(sctp ? *sctp : unchecked);
  list(declared_sctp ? *declared_sctp : unchecked_declared);

  // The input as one chunk, parameter or error cause.
  const auto chunk = SctpChunk::parse(bytes);
  check("sctp.chunk-error-well-formed", chunk);
  if (chunk) PKTDOC_FUZZ_PROPERTY("sctp.chunk-inside", fuzz::inside(chunk->bytes(), bytes));
  fuzz::exercise(chunk ? *chunk : SctpChunk(bytes));
  const auto parameter = SctpParameter::parse(bytes);
  check("sctp.parameter-error-well-formed", parameter);
  fuzz::exercise(parameter ? *parameter : SctpParameter(bytes));
  const auto cause = SctpErrorCause::parse(bytes);
  check("sctp.cause-error-well-formed", cause);
  fuzz::exercise(cause ? *cause : SctpErrorCause(bytes), 0);
  // Every typed parser on the same bytes, whatever their type octet says.
  check("sctp.typed-error-well-formed", SctpDataChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpIDataChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpInitChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpSackChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpHeartbeatChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpAbortChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpErrorChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpShutdownChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpShutdownCompleteChunk::parse(bytes));
  check("sctp.typed-error-well-formed", SctpCookieEchoChunk::parse(bytes));
  fuzz::use(crc32c(bytes));
  return 0;
}
