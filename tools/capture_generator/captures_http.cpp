// HTTP: a simple page over IPv4 and IPv6, a redirect over IPv6 on Ethernet, a page with its
// images over six connections, and chunked responses.
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include "content.hpp"
#include "generator.hpp"
#include "pktdoc/builder/icmpv6_builder.hpp"
#include "pktdoc/builder/text_builder.hpp"

namespace gen {

namespace {

namespace build = pktdoc::build;
namespace http = pktdoc::build::http;
using Side = TcpFlow::Side;
using pktdoc::tcp_flag::ack;
using pktdoc::tcp_flag::psh;

const std::string kFetchAgent = "ExampleFetch/1.2 (linux-gnu)";
const std::string kBrowserAgent = "Mozilla/5.0 (X11; Linux i686; rv:2.0) Gecko/20110401 ExampleBrowser/4.0";

TcpEnd linux_client(build::Path path, std::uint16_t port, std::uint32_t isn, std::uint32_t ts_base, std::uint16_t mss,
                    std::uint16_t identification) {
  return TcpEnd{.path = std::move(path), .port = port, .initial_sequence_number = isn, .mss = mss, .window_shift = 6,
                .timestamp_base = ts_base, .timestamp_hz = 250, .syn_window = static_cast<std::uint16_t>(mss * 4),
                .window = 92, .ipv4_identification = identification};
}

TcpEnd bsd_server(build::Path path, std::uint16_t port, std::uint32_t isn, std::uint32_t ts_base, std::uint16_t mss) {
  return TcpEnd{.path = std::move(path), .port = port, .initial_sequence_number = isn, .mss = mss, .window_shift = 3,
                .bsd_option_order = true, .timestamp_base = ts_base, .timestamp_hz = 100, .syn_window = 65535,
                .window = 8211, .ipv4_identification = 0, .identification_counts = false};
}

// A simple page fetched with HTTP/1.0 by a command-line downloader; the server answers with
// HTTP/1.1, "Connection: close" and no Content-Length, so the body ends where the server closes
// the connection (RFC 9112 section 6.3, rule 8). The response leaves the server in one write:
// a first segment with the head and the start of the page, then full segments, the last with PSH,
// then the server's FIN. The client acknowledges each segment, then closes its side.
void simple_page(CaptureFile& capture, TcpFlow& flow, std::string_view host, std::string_view title, std::size_t mss,
                 std::size_t first_segment, std::size_t page_size, Micros rtt, std::uint64_t seed,
                 std::int64_t start_seconds) {
  const std::string request = http::request("GET", "/", {{"User-Agent", kFetchAgent}, {"Accept", "*/*"},
                                                         {"Host", std::string(host)}, {"Connection", "Keep-Alive"}},
                                            {}, "HTTP/1.0");
  const std::string page = content::web_page(title, page_size, {"/images/logo.png"}, seed);
  const std::string response =
      http::response(200, "OK", {{"Date", content::http_date(start_seconds)}, {"Server", "exampled/2.4 (Unix)"},
                                 {"Last-Modified", "Thu, 14 Apr 2011 08:12:45 GMT"}, {"Accept-Ranges", "bytes"},
                                 {"Connection", "close"}, {"Content-Type", "text/html; charset=utf-8"}},
                     page);
  flow.syn();
  capture.wait(rtt);
  flow.syn_ack();
  capture.wait(38);
  flow.ack(Side::client);
  capture.wait(74);
  flow.send(Side::client, request);
  capture.wait(rtt + 15'203);
  std::size_t at = 0;
  std::uint16_t window = 92;
  while (at < response.size()) {
    const std::size_t size = std::min(at == 0 ? first_segment : mss, response.size() - at);
    const bool last = at + size >= response.size();
    flow.send(Side::server, bytes_of(std::string_view(response).substr(at, size)), last ? psh | ack : ack);
    at += size;
    capture.wait(29);
    window = static_cast<std::uint16_t>(window + 45);
    flow.set_window(Side::client, window);
    flow.ack(Side::client);
    capture.wait(611 - static_cast<Micros>(at % 300));
  }
  flow.fin(Side::server);
  capture.wait(119);
  flow.fin(Side::client);
  capture.wait(rtt - 2'511);
  flow.ack(Side::server);
}

// The simple page over IPv4 and Ethernet: 13 frames, captured on the client.
void write_http_ipv4_simple(const std::string& directory) {
  const std::int64_t start = epoch_2011_05_01 + 10 * 3600 + 16 * 60 + 5;
  CaptureFile capture(directory, "http_ipv4_simple_page.pcap", pktdoc::LinkType::ethernet, start);
  const auto client_mac = mac("02:00:5e:00:01:22");
  const auto router_mac = mac("02:00:5e:00:01:01");
  const build::Path to_server{.link = {.destination = router_mac, .source = client_mac},
                              .ip = build::Ipv4{.source = ipv4("192.0.2.34"), .destination = ipv4("203.0.113.80")}};
  const build::Path to_client{.link = {.destination = client_mac, .source = router_mac},
                              .ip = build::Ipv4{.source = ipv4("203.0.113.80"), .destination = ipv4("192.0.2.34"),
                                                .ttl = 49}};
  TcpFlow flow(capture, linux_client(to_server, 47120, 0x4f1c2d3eU, 12031477U, 1460, 0x61a0),
               bsd_server(to_client, 80, 0x0e4a9b71U, 3361240377U, 1440));
  simple_page(capture, flow, "www.example.com", "The Example Network Project", 1428, 910, 3201, 170'555, 11, start);
  capture.close();
}

// The same kind of fetch over IPv6, captured with tcpdump on the client's IPv6-in-IPv4 tunnel:
// raw IP frames (link type 101), MSS 1220 on the tunnel's 1280-byte MTU. 15 frames.
void write_http_ipv6_raw(const std::string& directory) {
  const std::int64_t start = epoch_2011_05_01 + 10 * 3600 + 21 * 60 + 44;
  CaptureFile capture(directory, "http_ipv6_simple_page_raw_ip.pcap", pktdoc::LinkType::raw, start);
  const build::Link raw_ip{.type = pktdoc::LinkType::raw};
  const build::Path to_server{.link = raw_ip,
                              .ip = build::Ipv6{.source = ipv6("2001:db8:b:7::2"), .destination = ipv6("2001:db8:d:e::80")}};
  const build::Path to_client{.link = raw_ip,
                              .ip = build::Ipv6{.source = ipv6("2001:db8:d:e::80"), .destination = ipv6("2001:db8:b:7::2"),
                                                .hop_limit = 51}};
  TcpFlow flow(capture, linux_client(to_server, 40917, 0x2b7e1516U, 12840563U, 1220, 0),
               bsd_server(to_client, 80, 0x28aed2a6U, 947120385U, 1220));
  simple_page(capture, flow, "www.example.com", "The Example Network Project over IPv6", 1208, 892, 3244, 184'559, 12,
              start);
  capture.close();
}

// HTTP/1.1 over IPv6 on an Ethernet LAN, captured with Wireshark on the client: Neighbor
// Discovery first (the client resolves the server's address: a Neighbor Solicitation to the
// solicited-node multicast group, a solicited Neighbor Advertisement back), then a request for a
// directory without its trailing slash and the 301 redirect that adds it. Everything within
// 3 milliseconds.
void write_http_ipv6_ethernet(const std::string& directory) {
  const std::int64_t start = epoch_2011_05_01 + 16 * 3600 + 47 * 60 + 31;
  CaptureFile capture(directory, "http_ipv6_ethernet_redirect.pcap", pktdoc::LinkType::ethernet, start);
  const auto client_mac = mac("02:00:5e:0a:f0:04");
  const auto server_mac = mac("02:00:5e:0a:f0:01");
  const auto client = ipv6("2001:db8:a:1::4");
  const auto server = ipv6("2001:db8:a:1::1");

  // Neighbor Discovery (RFC 4861 section 7.2): hop limit 255 both ways.
  const auto solicited_node = ipv6("ff02::1:ff00:1");
  const build::Link to_multicast{.destination = mac("33:33:ff:00:00:01"), .source = client_mac};
  capture.write(to_multicast.frame(build::view(
      build::Ipv6{.source = client, .destination = solicited_node, .hop_limit = 255}.packet(
          build::Icmpv6::neighbor_solicitation(server, client_mac)))));
  capture.wait(154);
  const build::Link to_client_link{.destination = client_mac, .source = server_mac};
  capture.write(to_client_link.frame(build::view(
      build::Ipv6{.source = server, .destination = client, .hop_limit = 255}.packet(
          build::Icmpv6::neighbor_advertisement(server, true, true, true, server_mac)))));

  const build::Path to_server{.link = {.destination = server_mac, .source = client_mac},
                              .ip = build::Ipv6{.source = client, .destination = server}};
  const build::Path to_client{.link = to_client_link, .ip = build::Ipv6{.source = server, .destination = client}};
  TcpEnd client_end = linux_client(to_server, 52288, 0x3c6ef372U, 319900U, 1440, 0);
  client_end.timestamp_hz = 1000;
  client_end.window = 90;
  TcpEnd server_end{.path = to_client, .port = 80, .initial_sequence_number = 0xa54ff53aU, .mss = 1440,
                    .window_shift = 5, .timestamp_base = 214144U, .timestamp_hz = 1000, .syn_window = 5712,
                    .window = 179, .ipv4_identification = 0};
  TcpFlow flow(capture, client_end, server_end);
  capture.wait(16);
  flow.syn();
  capture.wait(100);
  flow.syn_ack();
  capture.wait(21);
  flow.ack(Side::client);
  capture.wait(26);
  flow.send(Side::client, http::request("GET", "/~alice/notes", {{"Host", "[2001:db8:a:1::1]"},
                                                                 {"User-Agent", kBrowserAgent},
                                                                 {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"},
                                                                 {"Connection", "close"}}));
  capture.wait(118);
  flow.set_window(Side::server, 212);
  flow.ack(Side::server);
  capture.wait(1'535);
  const std::string location = "http://[2001:db8:a:1::1]/~alice/notes/";
  const std::string body = content::error_page(301, "Moved Permanently",
                                               "The document has moved <a href=\"" + location + "\">here</a>.");
  flow.send(Side::server, http::response(301, "Moved Permanently",
                                         {{"Date", content::http_date(start)}, {"Server", "exampled/2.4 (Unix)"},
                                          {"Location", location}, {"Content-Length", std::to_string(body.size())},
                                          {"Connection", "close"}, {"Content-Type", "text/html; charset=iso-8859-1"}},
                                         body));
  capture.wait(12);
  flow.set_window(Side::client, 114);
  flow.ack(Side::client);
  capture.wait(118);
  flow.fin(Side::client);
  capture.wait(161);
  flow.fin(Side::server);
  capture.wait(9);
  flow.ack(Side::client);
  capture.close();
}

// --- the complex page ---------------------------------------------------------------------------

struct Resource {
  std::string path;
  std::string type;  // empty: missing, 404
  std::string body;
};

std::string response_for(const Resource& resource, std::int64_t date, int keep_alive_left) {
  const std::vector<http::Field> keep_alive = {{"Keep-Alive", "timeout=2, max=" + std::to_string(keep_alive_left)},
                                               {"Connection", "Keep-Alive"}};
  std::vector<http::Field> fields = {{"Date", content::http_date(date)}, {"Server", "exampled/2.4 (Unix)"}};
  if (resource.type.empty()) {
    const std::string body = content::error_page(404, "Not Found",
                                                 "The requested URL " + resource.path + " was not found on this server.");
    fields.push_back({"Content-Length", std::to_string(body.size())});
    fields.insert(fields.end(), keep_alive.begin(), keep_alive.end());
    fields.push_back({"Content-Type", "text/html; charset=iso-8859-1"});
    return http::response(404, "Not Found", fields, body);
  }
  fields.push_back({"Last-Modified", "Mon, 28 Mar 2011 17:40:02 GMT"});
  char etag[40];
  std::snprintf(etag, sizeof etag, "\"%zx-49f8e2b1c3c80\"", resource.body.size());
  fields.push_back({"ETag", etag});
  fields.push_back({"Accept-Ranges", "bytes"});
  fields.push_back({"Content-Length", std::to_string(resource.body.size())});
  fields.insert(fields.end(), keep_alive.begin(), keep_alive.end());
  fields.push_back({"Content-Type", resource.type});
  return http::response(200, "OK", fields, resource.body);
}

std::string browser_request(const std::string& path, const std::string& accept, bool first) {
  std::vector<http::Field> fields = {{"Host", "www.example.net"},
                                     {"User-Agent", kBrowserAgent},
                                     {"Accept", accept},
                                     {"Accept-Language", "en-us,en;q=0.5"},
                                     {"Accept-Encoding", "gzip,deflate"},
                                     {"Accept-Charset", "ISO-8859-1,utf-8;q=0.7,*;q=0.7"},
                                     {"Keep-Alive", "115"},
                                     {"Connection", "keep-alive"}};
  if (!first) fields.push_back({"Referer", "http://www.example.net/"});
  return http::request("GET", path, fields);
}

// A browser loading a page with a style sheet, an applet and thirteen images, some of which the
// server no longer has, over six persistent connections: 19 requests and 19 responses. It opens
// one connection for the page, a second once the page starts to arrive, and four more at once
// when it has parsed the list of images; it pipelines two requests on the second. Responses of
// up to 18 kB span up to 13 segments and grow through TCP slow start (flights of 4, 8, ...
// segments, one round trip apart). The server closes each connection 2 seconds after its last
// response (Keep-Alive: timeout=2); the browser closes the rest when the user leaves the page.
void write_http_complex(const std::string& directory) {
  const std::int64_t start = epoch_2011_05_01 + 17 * 3600 + 3 * 60 + 12;
  CaptureFile capture(directory, "http_ipv4_complex_page.pcap", pktdoc::LinkType::ethernet, start);
  const auto client_mac = mac("02:00:5e:00:01:22");
  const auto router_mac = mac("02:00:5e:00:01:01");
  const build::Path to_server{.link = {.destination = router_mac, .source = client_mac},
                              .ip = build::Ipv4{.source = ipv4("192.0.2.34"), .destination = ipv4("198.51.100.80")}};
  const build::Path to_client{.link = {.destination = client_mac, .source = router_mac},
                              .ip = build::Ipv4{.source = ipv4("198.51.100.80"), .destination = ipv4("192.0.2.34"),
                                                .ttl = 52}};

  const std::string image_accept = "image/png,image/*;q=0.8,*/*;q=0.5";
  const std::string any_accept = "*/*";
  const std::string html_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  const std::vector<std::string> images = {
      "/images/banner.gif",      "/images/portrait.png",    "/images/logo-2009.gif", "/images/station-map.png",
      "/images/old-photo.jpg",   "/images/thumb-1.gif",     "/images/thumb-2.gif",   "/images/counter.gif",
      "/images/thumb-3.gif",     "/images/thumb-4.gif",     "/images/spacer.gif",    "/images/arrow-left.gif",
      "/images/powered-by.gif"};
  std::map<std::string, Resource> site;
  site["/"] = {"/", "text/html", content::web_page("Example Network Project: Stations and Data", 12'690, images, 31)};
  site["/site.css"] = {"/site.css", "text/css", content::style_sheet(2'410)};
  site["/applet/Clock.class"] = {"/applet/Clock.class", "", ""};
  site["/images/banner.gif"] = {"/images/banner.gif", "image/gif", content::gif_image(40, 28, 1)};
  site["/images/portrait.png"] = {"/images/portrait.png", "image/png", content::png_image(96, 60, 2)};
  site["/images/station-map.png"] = {"/images/station-map.png", "image/png", content::png_image(120, 48, 3)};
  site["/images/thumb-1.gif"] = {"/images/thumb-1.gif", "image/gif", content::gif_image(32, 24, 4)};
  site["/images/thumb-2.gif"] = {"/images/thumb-2.gif", "image/gif", content::gif_image(32, 24, 5, false)};
  site["/images/thumb-3.gif"] = {"/images/thumb-3.gif", "image/gif", content::gif_image(32, 24, 6)};
  site["/images/thumb-4.gif"] = {"/images/thumb-4.gif", "image/gif", content::gif_image(32, 24, 7, false)};
  site["/images/spacer.gif"] = {"/images/spacer.gif", "image/gif", content::gif_image(1, 1, 8)};
  site["/images/powered-by.gif"] = {"/images/powered-by.gif", "image/gif", content::gif_image(44, 16, 9)};
  site["/favicon.ico"] = {"/favicon.ico", "image/x-icon", content::ico_image(10)};
  for (const char* missing : {"/images/logo-2009.gif", "/images/old-photo.jpg", "/images/counter.gif",
                              "/images/arrow-left.gif"})
    site[missing] = {missing, "", ""};

  auto client_end = [&](std::uint16_t port, std::uint32_t isn, std::uint16_t identification) {
    TcpEnd end = linux_client(to_server, port, isn, 3377102U, 1460, identification);
    end.window = 92;
    return end;
  };
  auto server_end = [&](std::uint32_t isn) {
    return TcpEnd{.path = to_client, .port = 80, .initial_sequence_number = isn, .mss = 1460, .window_shift = 7,
                  .timestamp_base = 2907722054U, .timestamp_hz = 250, .syn_window = 5792, .window = 54,
                  .ipv4_identification = 0, .identification_counts = false};
  };
  // Six connections; the client's IPv4 identifications count up per connection from far apart.
  std::vector<std::unique_ptr<TcpFlow>> flows;
  const std::uint32_t client_isns[] = {0x6a09e667U, 0xbb67ae85U, 0x3c6ef372U, 0xa54ff53aU, 0x510e527fU, 0x9b05688cU};
  const std::uint32_t server_isns[] = {0x1f83d9abU, 0x5be0cd19U, 0xcbbb9d5dU, 0x629a292aU, 0x9159015aU, 0x152fecd8U};
  for (std::size_t i = 0; i < 6; ++i)
    flows.push_back(std::make_unique<TcpFlow>(
        capture, client_end(static_cast<std::uint16_t>(38201 + i), client_isns[i], static_cast<std::uint16_t>(0x1a00 + 0x800 * i)),
        server_end(server_isns[i])));

  Schedule schedule;
  const Micros rtt = 52'900;
  ResponseTiming timing{.round_trip = rtt, .server_time = 1'800, .gap = 1'150, .mss = 1448, .initial_window = 4,
                        .ack_delay = 17, .ack_every = 1, .client_acks_last = true, .window_step = 45,
                        .window_limit = 860};
  ResponseTiming small = timing;
  small.client_acks_last = false;

  auto open = [&](TcpFlow& flow, Micros at) {
    schedule.at(at, [&flow] { flow.syn(); });
    schedule.at(at + rtt, [&flow] { flow.syn_ack(); });
    schedule.at(at + rtt + 20, [&flow] { flow.ack(Side::client); });
    return at + rtt + 60;
  };
  int keep_alive[6] = {100, 100, 100, 100, 100, 100};
  auto get = [&](std::size_t connection, Micros at, const std::string& path, const std::string& accept,
                 const ResponseTiming& how) {
    const Resource& resource = site.at(path);
    const std::string response = response_for(resource, start + (at + rtt) / sec, keep_alive[connection]--);
    return schedule_exchange(schedule, *flows[connection], at, browser_request(path, accept, path == "/"), response, how);
  };

  // Connection 0: the page, then the applet (404); the server is slow to start the page.
  Micros t0 = open(*flows[0], 0);
  ResponseTiming page_timing = timing;
  page_timing.server_acks_request = true;  // its delayed ACK fires before the page is ready
  page_timing.server_time = 44'300;
  const Micros page_done = get(0, t0, "/", html_accept, page_timing);
  const Micros applet_done = get(0, page_done + 34'900, "/applet/Clock.class", any_accept, small);

  // Connection 1: opened while the page arrives; the style sheet and the portrait pipelined.
  Micros t1 = open(*flows[1], t0 + 154'000);
  ResponseTiming pipelined = timing;
  const Micros css_done = get(1, t1, "/site.css", "text/css,*/*;q=0.1", pipelined);
  pipelined.queue_delay = css_done + 1'300 - (t1 + 90 + timing.round_trip + timing.server_time);
  const Micros portrait_done = get(1, t1 + 90, "/images/portrait.png", image_accept, pipelined);

  // Connections 2 to 5: four at once for the other images.
  const Micros burst = t0 + 229'000;
  Micros t2 = open(*flows[2], burst);
  Micros t3 = open(*flows[3], burst + 21);
  Micros t4 = open(*flows[4], burst + 41);
  Micros t5 = open(*flows[5], burst + 60);
  Micros done2 = get(2, t2 + 300, "/images/banner.gif", image_accept, small);
  Micros done3 = get(3, t3 + 310, "/images/logo-2009.gif", image_accept, small);
  Micros done4 = get(4, t4 + 280, "/images/station-map.png", image_accept, timing);
  Micros done5 = get(5, t5 + 290, "/images/old-photo.jpg", image_accept, small);
  done2 = get(2, done2 + 160, "/images/thumb-1.gif", image_accept, small);
  done3 = get(3, done3 + 140, "/images/thumb-2.gif", image_accept, small);
  done5 = get(5, done5 + 120, "/images/counter.gif", image_accept, small);
  done2 = get(2, done2 + 130, "/images/thumb-3.gif", image_accept, small);
  done3 = get(3, done3 + 150, "/images/thumb-4.gif", image_accept, small);
  done5 = get(5, done5 + 170, "/images/spacer.gif", image_accept, small);
  done2 = get(2, done2 + 140, "/images/arrow-left.gif", image_accept, small);
  done5 = get(5, done5 + 110, "/images/powered-by.gif", image_accept, small);
  const Micros favicon_done = get(3, done3 + 1'951'000, "/favicon.ico", image_accept, small);

  // Delayed ACKs for the responses that ended with no request after them.
  auto delayed_ack = [&](std::size_t connection, Micros at) {
    schedule.at(at + 40'000, [&flow = *flows[connection]] { flow.ack(Side::client); });
  };
  delayed_ack(0, applet_done);
  delayed_ack(2, done2);
  delayed_ack(3, done3);
  delayed_ack(5, done5);
  delayed_ack(3, favicon_done);

  // The server closes idle connections after 2 seconds; the client acknowledges at once...
  const std::pair<std::size_t, Micros> idle_closes[] = {
      {0, applet_done}, {1, portrait_done}, {2, done2}, {4, done4}, {5, done5}};
  for (const auto& [connection, last] : idle_closes) {
    TcpFlow& flow = *flows[connection];
    const Micros at = last + 2 * sec + 19'000 + static_cast<Micros>(connection) * 311;
    schedule.at(at, [&flow] { flow.fin(Side::server); });
    schedule.at(at + 39'900, [&flow] { flow.ack(Side::client); });
  }
  // ...and closes its side of every connection when the user leaves the page.
  const Micros leave = favicon_done + 1'360'000;
  for (std::size_t connection = 0; connection < 6; ++connection) {
    TcpFlow& flow = *flows[connection];
    const Micros at = leave + static_cast<Micros>(connection) * 11;
    schedule.at(at, [&flow] { flow.fin(Side::client); });
    if (connection == 3) {
      schedule.at(at + rtt + 4'000, [&flow] { flow.fin(Side::server); });
      schedule.at(at + rtt + 4'013, [&flow] { flow.ack(Side::client); });
    } else {
      schedule.at(at + rtt + 3'800 + static_cast<Micros>(connection) * 120, [&flow] { flow.ack(Side::server); });
    }
  }
  schedule.run(capture);
  capture.close();
}

// --- chunked ------------------------------------------------------------------------------------

// An HTTP/1.1 client reusing one connection for four requests to an application server that
// streams its answers with the chunked transfer coding (RFC 9112 section 7.1): a status feed in
// chunks of varied sizes across three segments, a page in 1 kB chunks whose chunk-size lines fall
// in the middle of segments, an empty chunked body, then a 304 without a body. The client asks
// the server to close after the last answer.
void write_http_chunked(const std::string& directory) {
  const std::int64_t start = epoch_2011_05_01 + 13 * 3600 + 44 * 60 + 9;
  CaptureFile capture(directory, "http_chunked.pcap", pktdoc::LinkType::ethernet, start);
  const auto client_mac = mac("02:00:5e:00:02:0a");
  const auto router_mac = mac("02:00:5e:00:02:01");
  const build::Path to_server{.link = {.destination = router_mac, .source = client_mac},
                              .ip = build::Ipv4{.source = ipv4("192.0.2.10"), .destination = ipv4("203.0.113.8")}};
  const build::Path to_client{.link = {.destination = client_mac, .source = router_mac},
                              .ip = build::Ipv4{.source = ipv4("203.0.113.8"), .destination = ipv4("192.0.2.10"),
                                                .ttl = 55}};
  TcpEnd client = linux_client(to_server, 52814, 0x8c2f1e07U, 88104392U, 1460, 0x2e71);
  client.timestamp_hz = 1000;
  client.window_shift = 7;
  client.window = 229;
  TcpEnd server{.path = to_client, .port = 8080, .initial_sequence_number = 0x0f1e2d3cU, .mss = 1460,
                .window_shift = 7, .timestamp_base = 701433U, .timestamp_hz = 1000, .syn_window = 28960,
                .window = 227, .ipv4_identification = 0, .identification_counts = false};
  TcpFlow flow(capture, client, server);
  const Micros rtt = 23'400;
  flow.syn();
  capture.wait(rtt);
  flow.syn_ack();
  capture.wait(41);
  flow.ack(Side::client);

  auto request = [&](const std::string& target, std::vector<http::Field> extra, bool last) {
    std::vector<http::Field> fields = {{"Host", "app.example.com:8080"}, {"User-Agent", "example-client/0.9"},
                                       {"Accept", "*/*"}};
    fields.insert(fields.end(), extra.begin(), extra.end());
    if (last) fields.push_back({"Connection", "close"});
    return http::request("GET", target, fields);
  };
  auto head = [&](unsigned code, std::string_view reason, std::vector<http::Field> fields) {
    std::vector<http::Field> all = {{"Date", content::http_date(start + capture.stamp() / sec)},
                                    {"Server", "exampled-app/0.3"}};
    all.insert(all.end(), fields.begin(), fields.end());
    return http::response(code, reason, all);
  };
  // Full segments, the client acknowledging every second one and the last (after its delayed
  // ACK timer).
  auto segments = [&](const std::string& data, std::size_t mss) {
    int count = 0;
    for (std::size_t at = 0; at < data.size(); at += mss) {
      const std::size_t size = std::min(mss, data.size() - at);
      const bool last = at + size >= data.size();
      flow.send(Side::server, bytes_of(std::string_view(data).substr(at, size)), last ? psh | ack : ack);
      ++count;
      capture.wait(last ? 40'100 : 700);
      if (last || count % 2 == 0) {
        flow.ack(Side::client);
        capture.wait(300);
      }
    }
  };

  // 1: the status feed, produced line by line: each write of the application is one chunk.
  capture.wait(98);
  flow.send(Side::client, request("/status/feed", {}, false));
  capture.wait(rtt + 6'200);
  flow.ack(Side::server);
  std::string feed;
  const char* lines[] = {"station-01 ok 14.2C\n", "station-02 ok 13.8C\n", "station-03 late (last report 09:40)\n",
                         "station-04 ok 15.1C\n", "station-05 maintenance\n", "station-06 ok 12.9C\n"};
  for (const char* line : lines) {
    char size[24];
    std::snprintf(size, sizeof size, "%zx\r\n", std::strlen(line));
    feed += size;
    feed += line;
    feed += "\r\n";
  }
  feed += "0\r\n\r\n";
  const std::string response1 = head(200, "OK", {{"Content-Type", "text/plain; charset=utf-8"},
                                                 {"Transfer-Encoding", "chunked"}, {"Cache-Control", "no-cache"}}) +
                                feed;
  // The head and two chunks, then two chunks, then the last two with the last-chunk.
  const std::size_t head1 = response1.size() - feed.size();
  const std::size_t cut1 = head1 + feed.find("station-03") - 4;
  const std::size_t cut2 = head1 + feed.find("station-05") - 4;
  capture.wait(60'000);
  flow.send(Side::server, bytes_of(std::string_view(response1).substr(0, cut1)), psh | ack);
  capture.wait(200'000);
  flow.send(Side::server, bytes_of(std::string_view(response1).substr(cut1, cut2 - cut1)), psh | ack);
  capture.wait(40);
  flow.ack(Side::client);
  capture.wait(200'000);
  flow.send(Side::server, bytes_of(std::string_view(response1).substr(cut2)), psh | ack);
  capture.wait(40'100);
  flow.ack(Side::client);

  // 2: a page in chunks of 1024 bytes, in segments of 1448.
  capture.wait(812'000);
  flow.send(Side::client, request("/news.html", {{"Accept-Language", "en"}}, false));
  capture.wait(rtt + 9'800);
  const std::string news = content::web_page("Station News", 5'300, {}, 77);
  const std::string response2 = head(200, "OK", {{"Content-Type", "text/html; charset=utf-8"},
                                                 {"Transfer-Encoding", "chunked"}, {"Vary", "Accept-Language"}}) +
                                http::chunked(news, 1024);
  segments(response2, 1448);

  // 3: an empty body, still chunked: only the last-chunk.
  capture.wait(1'204'000);
  flow.send(Side::client, request("/status/alerts", {}, false));
  capture.wait(rtt + 3'100);
  flow.send(Side::server, head(200, "OK", {{"Content-Type", "text/plain; charset=utf-8"},
                                           {"Transfer-Encoding", "chunked"}}) + "0\r\n\r\n");
  capture.wait(40'050);
  flow.ack(Side::client);

  // 4: a conditional request answered 304 Not Modified: no body (RFC 9110 section 15.4.5); the
  // server closes the connection after it, as asked.
  capture.wait(2'950'000);
  flow.send(Side::client, request("/site.css", {{"If-None-Match", "\"96a-4a1f0c2d\""}}, true));
  capture.wait(rtt + 1'900);
  flow.send(Side::server, head(304, "Not Modified", {{"ETag", "\"96a-4a1f0c2d\""}, {"Connection", "close"}}));
  capture.wait(62);
  flow.fin(Side::server);
  capture.wait(45);
  flow.fin(Side::client);
  capture.wait(rtt + 200);
  flow.ack(Side::server);
  capture.close();
}

}  // namespace

std::vector<Recipe> http_recipes() {
  return {{"http_ipv4_simple_page.pcap",
           "HTTP over IPv4: a simple page, HTTP/1.0 request, body delimited by the close, 13 frames",
           write_http_ipv4_simple},
          {"http_ipv6_simple_page_raw_ip.pcap",
           "HTTP over IPv6 captured with tcpdump on a tunnel (raw IP, link type 101), 15 frames", write_http_ipv6_raw},
          {"http_ipv6_ethernet_redirect.pcap",
           "HTTP over IPv6 on Ethernet captured with Wireshark: Neighbor Discovery, then a 301 redirect",
           write_http_ipv6_ethernet},
          {"http_ipv4_complex_page.pcap",
           "HTTP over IPv4: a page with a style sheet and images, 19 requests over 6 persistent connections",
           write_http_complex},
          {"http_chunked.pcap", "HTTP/1.1 chunked responses on one persistent connection, then a 304", write_http_chunked}};
}

}  // namespace gen
