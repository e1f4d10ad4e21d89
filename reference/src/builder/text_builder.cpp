#include "pktdoc/builder/text_builder.hpp"

#include <cstdio>
#include <stdexcept>

namespace pktdoc::build {

namespace {

constexpr std::string_view crlf = "\r\n";

std::string with_fields(std::string start_line, const std::vector<http::Field>& fields, std::string_view body) {
  std::string text = std::move(start_line);
  text += crlf;
  for (const http::Field& field : fields) {
    text += field.name;
    text += ": ";
    text += field.value;
    text += crlf;
  }
  text += crlf;
  text += body;
  return text;
}

}  // namespace

namespace http {

std::string request(std::string_view method, std::string_view target, const std::vector<Field>& fields,
                    std::string_view body, std::string_view version) {
  std::string line;
  line.append(method).append(" ").append(target).append(" ").append(version);
  return with_fields(std::move(line), fields, body);
}

std::string response(unsigned status_code, std::string_view reason_phrase, const std::vector<Field>& fields,
                     std::string_view body, std::string_view version) {
  std::string line;
  line.append(version).append(" ").append(std::to_string(status_code)).append(" ").append(reason_phrase);
  return with_fields(std::move(line), fields, body);
}

std::string chunked(std::string_view body, std::size_t chunk_size) {
  if (chunk_size == 0) throw std::invalid_argument("http::chunked: a chunk holds at least 1 byte");
  std::string text;
  for (std::size_t offset = 0; offset < body.size(); offset += chunk_size) {
    const std::string_view chunk = body.substr(offset, chunk_size);
    char size[20];
    std::snprintf(size, sizeof size, "%zx", chunk.size());
    text.append(size).append(crlf).append(chunk).append(crlf);
  }
  text.append("0").append(crlf).append(crlf);
  return text;
}

}  // namespace http

namespace ftp {

std::string command(std::string_view verb, std::string_view argument) {
  std::string text(verb);
  if (!argument.empty()) text.append(" ").append(argument);
  return text.append(crlf);
}

std::string reply(unsigned code, std::string_view text) {
  return std::to_string(code).append(" ").append(text).append(crlf);
}

std::string host_port(const Ipv4Address& address, std::uint16_t port) {
  std::string text;
  for (std::uint8_t byte : address.bytes) text.append(std::to_string(byte)).append(",");
  return text.append(std::to_string(port >> 8)).append(",").append(std::to_string(port & 0xff));
}

std::string extended_address(const Ipv4Address& address, std::uint16_t port) {
  return "|1|" + address.to_string() + "|" + std::to_string(port) + "|";
}

std::string extended_address(const Ipv6Address& address, std::uint16_t port) {
  return "|2|" + address.to_string() + "|" + std::to_string(port) + "|";
}

std::string passive_text(const Ipv4Address& address, std::uint16_t port) {
  return "Entering Passive Mode (" + host_port(address, port) + ").";
}

std::string extended_passive_text(std::uint16_t port) {
  return "Entering Extended Passive Mode (|||" + std::to_string(port) + "|)";
}

}  // namespace ftp

}  // namespace pktdoc::build
