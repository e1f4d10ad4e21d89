// addresses: MAC, IPv4 and IPv6 addresses as values, parsed from text and formatted by their one
// formatter each, as Wireshark and inet_ntop write them (RFC 5952 for IPv6).
//
// Quoted by docs/components/addresses.rst; ctest compares its output with
// tests/golden/docs/addresses.txt, which the page shows.

#include <cstdio>

#include "pktdoc/address.hpp"

int main() {
  // [ipv4]
  const auto address = pktdoc::Ipv4Address::parse("192.0.2.1");
  std::printf("192.0.2.1                 to_uint() 0x%08x\n", address->to_uint());
  std::printf("from_uint(0xc6336407)     %s\n", pktdoc::Ipv4Address::from_uint(0xc6336407).to_text().c_str());
  for (const char* text : {"192.0.2.01", "256.0.0.1", "192.0.2"})
    std::printf("parse(\"%s\")%*s%s\n", text, static_cast<int>(17 - std::string_view(text).size()), "",
                pktdoc::Ipv4Address::parse(text) ? "an address" : "nothing: not a dotted quad");
  // [ipv4]

  // [ipv6]
  // Any text form in, the one recommended form out: lower case, no leading zeros, the longest
  // run of zero groups (the first, on a tie) as "::", a single zero group kept as "0".
  for (const char* text : {"2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8:0:0:1:0:0:1", "2001:db8:0:1:1:1:1:1",
                           "2001:DB8:0:0:8:800:200C:417A", "::ffff:192.0.2.1", "::"}) {
    const auto parsed = pktdoc::Ipv6Address::parse(text);
    std::printf("%-40s -> %s\n", text, parsed ? parsed->to_text().c_str() : "nothing");
  }
  // [ipv6]

  // [mac]
  const pktdoc::MacAddress bridges{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}};
  const pktdoc::MacAddress everyone{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
  std::printf("%s         is_multicast() %d, is_broadcast() %d\n", bridges.to_text().c_str(),
              bridges.is_multicast() ? 1 : 0, bridges.is_broadcast() ? 1 : 0);
  std::printf("%s         is_multicast() %d, is_broadcast() %d\n", everyone.to_text().c_str(),
              everyone.is_multicast() ? 1 : 0, everyone.is_broadcast() ? 1 : 0);
  // [mac]

  // [compare]
  // Addresses compare byte by byte, which is numeric order: they can be keys of a std::map.
  const auto low = *pktdoc::Ipv6Address::parse("2001:db8::2");
  const auto high = *pktdoc::Ipv6Address::parse("2001:db8::10");
  std::printf("2001:db8::2 < 2001:db8::10: %s\n", low < high ? "true" : "false");
  // to_text() writes into a buffer on the stack; to_string() allocates a std::string.
  const pktdoc::AddressText text = high.to_text();
  std::printf("to_text().view()          \"%.*s\", %u characters\n", static_cast<int>(text.view().size()),
              text.view().data(), text.length);
  // [compare]
  return 0;
}
