#include "pktdoc/reassembly/datagram_listing.hpp"

#include <cinttypes>
#include <cstdio>

#include "pktdoc/detail/sha256.hpp"

namespace pktdoc {

namespace {

void append_number(std::string& line, std::uint64_t value) {
  char text[24];
  const int length = std::snprintf(text, sizeof text, "%" PRIu64, value);
  if (length > 0) line.append(text, static_cast<std::size_t>(length));
}

void append_key(std::string& line, const DatagramKey& key) {
  line += "\tversion=";
  append_number(line, key.version);
  line += "\tsrc=";
  line += key.source_text().view();
  line += "\tdst=";
  line += key.destination_text().view();
  line += "\tid=";
  append_number(line, key.identification);
}

}  // namespace

void write_datagram_line(const ReassembledDatagram& datagram, std::string& line) {
  line += "frame=";
  append_number(line, datagram.completing_frame);
  append_key(line, datagram.key);
  line += "\tlength=";
  append_number(line, datagram.payload.size());
  line += "\tsha256=";
  detail::Sha256 sha;
  sha.add(datagram.payload);
  line += sha.finish_hex();
}

void write_abandoned_note(const AbandonedDatagram& datagram, std::string& line) {
  line += "abandoned\treason=";
  line += abandon_reason_name(datagram.reason);
  line += "\tframe=";
  if (datagram.frame != 0)
    append_number(line, datagram.frame);
  else
    line += '-';
  append_key(line, datagram.key);
  line += "\tfirst_frame=";
  append_number(line, datagram.frames.empty() ? datagram.frame : datagram.frames.front());
  line += "\tfragments=";
  append_number(line, datagram.frames.size());
  line += "\treceived=";
  append_number(line, datagram.bytes_received);
  line += "\tlength=";
  if (datagram.last_fragment_seen)
    append_number(line, datagram.total_length);
  else
    line += '?';
  line += "\tmissing=";
  if (datagram.holes.empty()) line += '-';
  const char* separator = "";
  for (const ByteRange& hole : datagram.holes) {
    line += separator;
    separator = ",";
    append_number(line, hole.begin);
    line += '-';
    if (hole.end == ByteRange::unknown_end)
      line += '?';
    else
      append_number(line, hole.end - 1);
  }
}

void write_dropped_note(const DroppedFragment& fragment, std::string& line) {
  line += "dropped\treason=";
  line += drop_reason_name(fragment.reason);
  line += "\tframe=";
  append_number(line, fragment.frame);
  append_key(line, fragment.key);
  line += "\toffset=";
  append_number(line, fragment.offset);
  line += "\tlength=";
  append_number(line, fragment.length);
  line += fragment.more_fragments ? "\tmore=1" : "\tmore=0";
}

void DatagramListing::Writer::on_reassembled(const ReassembledDatagram& datagram) {
  if (lines == nullptr) return;
  write_datagram_line(datagram, *lines);
  *lines += '\n';
}

void DatagramListing::Writer::on_abandoned(const AbandonedDatagram& datagram) {
  if (notes == nullptr) return;
  write_abandoned_note(datagram, *notes);
  *notes += '\n';
}

void DatagramListing::Writer::on_dropped(const DroppedFragment& fragment) {
  if (notes == nullptr) return;
  write_dropped_note(fragment, *notes);
  *notes += '\n';
}

DatagramListing::DatagramListing(const IpDefragmenter::Limits& limits) : defragmenter_(writer_, limits) {}

void DatagramListing::add(const Frame& frame, const DecodedPacket& packet, std::string& lines, std::string* notes) {
  writer_.lines = &lines;
  writer_.notes = notes;
  if (packet.ip.has_ip())
    defragmenter_.add(packet.ip, frame.number, frame.timestamp);
  else
    defragmenter_.advance(frame.timestamp);
  writer_.lines = nullptr;
  writer_.notes = nullptr;
}

void DatagramListing::finish(std::string* notes) {
  writer_.notes = notes;
  defragmenter_.finish();
  writer_.notes = nullptr;
}

}  // namespace pktdoc
