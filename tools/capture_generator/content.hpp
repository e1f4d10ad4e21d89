// What the captured applications carry: web pages, images, a text file, all written for pktdoc
// (nothing here comes from the original project's captures). The images are real, valid files
// (GIF with uncompressed LZW codes, PNG with stored deflate blocks, an ICO with a bitmap) so that
// a reader who extracts them from a capture can open them, and so that tshark's image dissectors
// find nothing malformed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "generator.hpp"

namespace gen::content {

// "Sun, 01 May 2011 10:00:05 GMT": an HTTP date (RFC 9110 section 5.6.7) for seconds since the
// Unix epoch.
std::string http_date(std::int64_t unix_seconds);

// A page of about `target_size` bytes of XHTML titled `title`, with `links` to other resources
// (images get <img> tags, the rest <a> tags). The prose is pktdoc's own.
std::string web_page(std::string_view title, std::size_t target_size, const std::vector<std::string>& images,
                     std::uint64_t seed);
// The small HTML body a server sends with an error or a redirect.
std::string error_page(unsigned code, std::string_view reason, std::string_view detail);
// A style sheet of about `target_size` bytes.
std::string style_sheet(std::size_t target_size);
// The plain-text README the FTP server offers, exactly `size` bytes long.
std::string readme(std::size_t size);
// A text file for the bulk TCP transfer, `size` bytes: numbered lines of a made-up log.
std::string log_lines(std::size_t size);

// Images, `width` x `height` pixels, a pattern drawn from `seed`.
std::string png_image(unsigned width, unsigned height, std::uint64_t seed);
std::string gif_image(unsigned width, unsigned height, std::uint64_t seed, bool gif89a = true);
std::string ico_image(std::uint64_t seed);

}  // namespace gen::content
