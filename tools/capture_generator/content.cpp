#include "content.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace gen::content {

namespace {

// Sentences for the pages, written for pktdoc. Pages pick them in an order drawn from a seed.
constexpr std::array<std::string_view, 24> kSentences = {
    "The example network joins three small offices over links of very different speeds.",
    "Every host keeps its own clock, and the logs agree only because each one asks the same time server.",
    "A packet that leaves the laboratory crosses four routers before it reaches the archive.",
    "Large files travel at night, when the shared link has room for them.",
    "The archive keeps one copy of every measurement and a checksum of each file beside it.",
    "When a link fails, the routers find another path within a few seconds and nobody notices.",
    "Names in the example zones are served by two name servers that copy the zone from each other.",
    "Visitors may read the public pages, but the measurement data needs an account.",
    "The weather station sends a short reading every minute and a summary every hour.",
    "Old equipment is kept running as long as it still answers on the network.",
    "Each office has a printer that announces itself to the computers around it.",
    "The web server answers from a machine that also stores the photographs of the site.",
    "A log line records who asked for which page, when, and how many bytes were sent back.",
    "Some pages are built when they are asked for; others are plain files written once.",
    "Images are kept small so that the pages load quickly even over the slowest link.",
    "The file server offers anonymous downloads of the documentation and the software releases.",
    "Every release is announced on the front page together with the list of changes.",
    "Questions about the data go to the help desk, which answers within a working day.",
    "The network is watched by a program that notices when a host stops answering.",
    "Measurements older than ten years are moved to slower disks but never thrown away.",
    "The map on this page shows where each instrument stands and how it is connected.",
    "Students may borrow an instrument for a season if they share what they measure.",
    "A backup of the archive is written every week and carried to another building.",
    "This site is an example: its addresses and names are reserved for documentation.",
};

std::string paragraph(Prng& prng, int sentences) {
  std::string text;
  for (int i = 0; i < sentences; ++i) {
    if (i > 0) text += (i % 3 == 0) ? "\n" : " ";
    text += kSentences[prng.below(static_cast<std::uint32_t>(kSentences.size()))];
  }
  return text;
}

std::uint32_t crc32(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFU;
  for (const char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
  }
  return crc ^ 0xFFFFFFFFU;
}

void put_u32_be(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}
void put_u16_le(std::string& out, unsigned value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}
void put_u32_le(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xFF);
}

// A colour for pixel (x, y) of a picture: soft bands of colour with a little noise, so that the
// images look like something and do not compress to nothing.
std::array<std::uint8_t, 3> pixel(unsigned x, unsigned y, unsigned width, unsigned height, std::uint64_t seed,
                                  Prng& noise) {
  const unsigned r = (x * 255U) / (width > 1 ? width - 1 : 1);
  const unsigned g = (y * 255U) / (height > 1 ? height - 1 : 1);
  const unsigned b = static_cast<unsigned>((seed * 37U + (x ^ y) * 5U) & 0xFF);
  const unsigned n = static_cast<unsigned>(noise.next() >> 61);
  return {static_cast<std::uint8_t>((r + n) & 0xFF), static_cast<std::uint8_t>((g + n) & 0xFF),
          static_cast<std::uint8_t>(b)};
}

}  // namespace

std::string http_date(std::int64_t unix_seconds) {
  static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) throw std::runtime_error("http_date: time out of range");
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[static_cast<std::size_t>(tm.tm_wday)],
                tm.tm_mday, months[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return text;
}

std::string web_page(std::string_view title, std::size_t target_size, const std::vector<std::string>& images,
                     std::uint64_t seed) {
  Prng prng(seed);
  std::string page =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"\n"
      "  \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n<head>\n"
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n"
      "<link rel=\"stylesheet\" type=\"text/css\" href=\"/site.css\" />\n<title>";
  page += title;
  page += "</title>\n</head>\n<body>\n<div id=\"header\">\n<h1>";
  page += title;
  page += "</h1>\n</div>\n<div id=\"content\">\n";
  std::size_t image = 0;
  int section = 1;
  const std::string tail = "</div>\n<div id=\"footer\">\n<p>Example Network Project &#8212; all addresses on this "
                           "site are reserved for documentation (RFC 5737, RFC 3849, RFC 2606).</p>\n</div>\n"
                           "</body>\n</html>\n";
  while (page.size() + tail.size() < target_size || image < images.size()) {
    std::string block = "<h2>Section " + std::to_string(section++) + "</h2>\n";
    if (image < images.size()) {
      const std::string& src = images[image++];
      block += "<p class=\"figure\"><img src=\"" + src + "\" alt=\"figure " + std::to_string(image) + "\" /></p>\n";
    }
    block += "<p>\n" + paragraph(prng, 3 + static_cast<int>(prng.below(4))) + "\n</p>\n";
    page += block;
  }
  // Trim the last paragraph's text so that the page has exactly the size asked for, when it can.
  if (page.size() + tail.size() > target_size && image >= images.size()) {
    const std::size_t excess = page.size() + tail.size() - target_size;
    const std::size_t close = page.rfind("\n</p>\n");
    const std::size_t open = page.rfind("<p>\n");
    if (close != std::string::npos && open != std::string::npos && close - (open + 4) > excess + 1)
      page.erase(close - excess, excess);
  }
  return page + tail;
}

std::string error_page(unsigned code, std::string_view reason, std::string_view detail) {
  std::string page = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>";
  page += std::to_string(code) + " " + std::string(reason);
  page += "</title>\n</head><body>\n<h1>" + std::string(reason) + "</h1>\n<p>" + std::string(detail) +
          "</p>\n<hr>\n<address>exampled/2.4 Server at www.example.com Port 80</address>\n</body></html>\n";
  return page;
}

std::string style_sheet(std::size_t target_size) {
  std::string css =
      "body { font-family: sans-serif; margin: 0 auto; max-width: 48em; color: #222; }\n"
      "#header { border-bottom: 2px solid #468; padding: 0.5em 0; }\n"
      "#footer { border-top: 1px solid #999; font-size: small; color: #555; }\n"
      "h1 { font-size: 160%; } h2 { font-size: 120%; color: #246; }\n"
      "p.figure { text-align: center; }\n";
  int rule = 1;
  while (css.size() < target_size) {
    css += ".note" + std::to_string(rule) + " { margin-left: " + std::to_string(rule % 7) + "em; color: #" +
           std::to_string(100 + rule % 800) + "; }\n";
    ++rule;
  }
  return css;
}

std::string readme(std::size_t size) {
  std::string text =
      "EXAMPLE NETWORK PROJECT - PUBLIC FILES\n"
      "======================================\n\n"
      "This directory holds the public releases of the example network tools.\n"
      "Every archive has a .sha256 file beside it; check it before you unpack.\n\n"
      "  tools-1.0.tar.gz      first release\n"
      "  tools-1.1.tar.gz      fixes for the time server client\n"
      "  tools-2.0.tar.gz      the current release\n"
      "  docs/                 manuals in HTML and plain text\n\n"
      "Anonymous users can read everything here but cannot upload. Send questions\n"
      "to the help desk at help@example.org.\n\n";
  Prng prng(0x5eadbeef);
  while (text.size() < size) {
    text += paragraph(prng, 2);
    text += "\n\n";
  }
  text.resize(size);
  text.back() = '\n';
  return text;
}

std::string log_lines(std::size_t size) {
  std::string text;
  Prng prng(0x10961096);
  for (unsigned line = 1; text.size() < size; ++line) {
    char head[64];
    std::snprintf(head, sizeof head, "%06u 2011-05-01T12:%02u:%02u station-%02u ", line, (line / 60) % 60, line % 60,
                  static_cast<unsigned>(prng.below(12)) + 1);
    text += head;
    text += kSentences[prng.below(static_cast<std::uint32_t>(kSentences.size()))];
    text += "\n";
  }
  text.resize(size);
  text.back() = '\n';
  return text;
}

std::string png_image(unsigned width, unsigned height, std::uint64_t seed) {
  Prng noise(seed);
  std::string raw;
  for (unsigned y = 0; y < height; ++y) {
    raw += '\0';  // filter type None
    for (unsigned x = 0; x < width; ++x)
      for (std::uint8_t c : pixel(x, y, width, height, seed, noise)) raw += static_cast<char>(c);
  }
  // zlib (RFC 1950) around deflate stored blocks (RFC 1951 section 3.2.4).
  std::string zlib = "\x78\x01";
  for (std::size_t at = 0; at < raw.size() || at == 0; at += 65535) {
    const std::size_t size = std::min<std::size_t>(65535, raw.size() - at);
    zlib += static_cast<char>(at + size >= raw.size() ? 1 : 0);
    put_u16_le(zlib, static_cast<unsigned>(size));
    put_u16_le(zlib, static_cast<unsigned>(~size & 0xFFFF));
    zlib.append(raw, at, size);
    if (at + size >= raw.size()) break;
  }
  std::uint32_t a = 1, b = 0;
  for (const char c : raw) {
    a = (a + static_cast<unsigned char>(c)) % 65521;
    b = (b + a) % 65521;
  }
  put_u32_be(zlib, b << 16 | a);

  auto chunk = [](std::string& out, std::string_view type, std::string_view data) {
    put_u32_be(out, static_cast<std::uint32_t>(data.size()));
    std::string body(type);
    body += data;
    out += body;
    put_u32_be(out, crc32(body));
  };
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  put_u32_be(header, width);
  put_u32_be(header, height);
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  chunk(png, "IHDR", header);
  chunk(png, "IDAT", zlib);
  chunk(png, "IEND", "");
  return png;
}

std::string gif_image(unsigned width, unsigned height, std::uint64_t seed, bool gif89a) {
  std::string gif = gif89a ? "GIF89a" : "GIF87a";
  put_u16_le(gif, width);
  put_u16_le(gif, height);
  gif += static_cast<char>(0xF7);  // global colour table of 256 entries, 8 bits per primary
  gif += '\0';                     // background colour index
  gif += '\0';                     // no aspect ratio given
  for (unsigned i = 0; i < 256; ++i) {
    gif += static_cast<char>(i);
    gif += static_cast<char>((i * 3) & 0xFF);
    gif += static_cast<char>(255 - i);
  }
  gif += ',';  // image descriptor
  put_u16_le(gif, 0);
  put_u16_le(gif, 0);
  put_u16_le(gif, width);
  put_u16_le(gif, height);
  gif += '\0';
  gif += '\x08';  // LZW minimum code size

  // LZW codes of 9 bits, every pixel a literal, a Clear code often enough that the decoder's
  // table never needs 10 bits: valid, if not compressed.
  std::string data;
  std::uint32_t bits = 0;
  int bit_count = 0;
  auto code = [&](unsigned value) {
    bits |= value << bit_count;
    bit_count += 9;
    while (bit_count >= 8) {
      data += static_cast<char>(bits & 0xFF);
      bits >>= 8;
      bit_count -= 8;
    }
  };
  Prng noise(seed);
  unsigned since_clear = 250;
  for (unsigned y = 0; y < height; ++y) {
    for (unsigned x = 0; x < width; ++x) {
      if (since_clear == 250) {
        code(256);
        since_clear = 0;
      }
      const auto rgb = pixel(x, y, width, height, seed, noise);
      code(static_cast<unsigned>((rgb[0] + rgb[1] + rgb[2]) / 3));
      ++since_clear;
    }
  }
  code(257);  // End of Information
  if (bit_count > 0) data += static_cast<char>(bits & 0xFF);
  for (std::size_t at = 0; at < data.size(); at += 255) {
    const std::size_t size = std::min<std::size_t>(255, data.size() - at);
    gif += static_cast<char>(size);
    gif.append(data, at, size);
  }
  gif += '\0';  // block terminator
  gif += ';';   // trailer
  return gif;
}

std::string ico_image(std::uint64_t seed) {
  constexpr unsigned side = 16;
  std::string ico;
  put_u16_le(ico, 0);  // reserved
  put_u16_le(ico, 1);  // type: icon
  put_u16_le(ico, 1);  // one image
  const std::uint32_t bitmap_size = 40 + side * side * 4 + side * 4;
  ico += static_cast<char>(side);
  ico += static_cast<char>(side);
  ico += '\0';  // no palette
  ico += '\0';
  put_u16_le(ico, 1);   // planes
  put_u16_le(ico, 32);  // bits per pixel
  put_u32_le(ico, bitmap_size);
  put_u32_le(ico, 22);  // offset of the bitmap
  // BITMAPINFOHEADER: the height counts the XOR and AND masks.
  put_u32_le(ico, 40);
  put_u32_le(ico, side);
  put_u32_le(ico, side * 2);
  put_u16_le(ico, 1);
  put_u16_le(ico, 32);
  for (int i = 0; i < 6; ++i) put_u32_le(ico, 0);
  Prng noise(seed);
  for (unsigned y = 0; y < side; ++y)
    for (unsigned x = 0; x < side; ++x) {
      const auto rgb = pixel(x, side - 1 - y, side, side, seed, noise);
      ico += static_cast<char>(rgb[2]);
      ico += static_cast<char>(rgb[1]);
      ico += static_cast<char>(rgb[0]);
      ico += static_cast<char>(0xFF);
    }
  ico.append(side * 4, '\0');  // AND mask: every pixel opaque
  return ico;
}

}  // namespace gen::content
