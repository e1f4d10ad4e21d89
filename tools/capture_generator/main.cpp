// capture_generator: writes pktdoc's bundled captures, deterministically.
//
//   capture_generator DIRECTORY [FILE...]   write every capture (or those named) into DIRECTORY
//   capture_generator --list                one line per capture: file name, then what it shows
//
// Each capture is a recipe (the captures_*.cpp files): the hosts, the conversation and its
// timing, described with pktdoc's packet builder and written with its CaptureWriter. Nothing is
// random and nothing reads the clock, so two runs write the same bytes; the ctest
// `captures.regenerate` checks that the files in captures/ are exactly what this program writes.
// After changing a recipe, run the `regenerate-captures` target (or this program on captures/),
// then review the captures like code: tshark, `dissect`, the golden files, the pages in
// docs/captures/.
//
// The pcap files are written in the byte order of the host, as libpcap writes them: the bundled
// ones come from a little-endian machine, and a big-endian one would write other (equally valid)
// bytes.

#include <cstdio>
#include <cstring>
#include <exception>
#include <set>
#include <string>
#include <vector>

#include "generator.hpp"

int main(int argc, char** argv) {
  std::vector<gen::Recipe> recipes;
  for (auto family : {gen::arp_recipes, gen::fragment_recipes, gen::ftp_recipes, gen::http_recipes,
                      gen::dns_recipes, gen::sctp_recipes, gen::tcp_recipes, gen::link_recipes}) {
    for (gen::Recipe& recipe : family()) recipes.push_back(std::move(recipe));
  }
  if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
    for (const gen::Recipe& recipe : recipes) std::printf("%s\t%s\n", recipe.file.c_str(), recipe.description.c_str());
    return 0;
  }
  if (argc < 2 || argv[1][0] == '-') {
    std::fprintf(stderr, "usage: capture_generator DIRECTORY [FILE...] | --list\n");
    return 2;
  }
  const std::string directory = argv[1];
  std::set<std::string> wanted(argv + 2, argv + argc);
  int written = 0;
  for (const gen::Recipe& recipe : recipes) {
    if (!wanted.empty() && wanted.erase(recipe.file) == 0) continue;
    try {
      recipe.write(directory);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "capture_generator: %s: %s\n", recipe.file.c_str(), e.what());
      return 1;
    }
    ++written;
  }
  if (!wanted.empty()) {
    std::fprintf(stderr, "capture_generator: no capture named '%s' (--list shows them)\n", wanted.begin()->c_str());
    return 2;
  }
  std::printf("capture_generator: wrote %d capture(s) in %s\n", written, directory.c_str());
  return 0;
}
