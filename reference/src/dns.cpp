#include "pktdoc/dns.hpp"

#include <algorithm>

namespace pktdoc {

// ---------------------------------------------------------------------------------------------
// Registry names

std::string_view dns_type_name(DnsType type) noexcept {
  switch (type) {
    case DnsType::a: return "A";
    case DnsType::ns: return "NS";
    case DnsType::md: return "MD";
    case DnsType::mf: return "MF";
    case DnsType::cname: return "CNAME";
    case DnsType::soa: return "SOA";
    case DnsType::mb: return "MB";
    case DnsType::mg: return "MG";
    case DnsType::mr: return "MR";
    case DnsType::null: return "NULL";
    case DnsType::wks: return "WKS";
    case DnsType::ptr: return "PTR";
    case DnsType::hinfo: return "HINFO";
    case DnsType::minfo: return "MINFO";
    case DnsType::mx: return "MX";
    case DnsType::txt: return "TXT";
    case DnsType::rp: return "RP";
    case DnsType::afsdb: return "AFSDB";
    case DnsType::rt: return "RT";
    case DnsType::nsap_ptr: return "NSAP-PTR";
    case DnsType::sig: return "SIG";
    case DnsType::key: return "KEY";
    case DnsType::px: return "PX";
    case DnsType::aaaa: return "AAAA";
    case DnsType::loc: return "LOC";
    case DnsType::nxt: return "NXT";
    case DnsType::srv: return "SRV";
    case DnsType::naptr: return "NAPTR";
    case DnsType::kx: return "KX";
    case DnsType::cert: return "CERT";
    case DnsType::a6: return "A6";
    case DnsType::dname: return "DNAME";
    case DnsType::opt: return "OPT";
    case DnsType::apl: return "APL";
    case DnsType::ds: return "DS";
    case DnsType::sshfp: return "SSHFP";
    case DnsType::ipseckey: return "IPSECKEY";
    case DnsType::rrsig: return "RRSIG";
    case DnsType::nsec: return "NSEC";
    case DnsType::dnskey: return "DNSKEY";
    case DnsType::dhcid: return "DHCID";
    case DnsType::nsec3: return "NSEC3";
    case DnsType::nsec3param: return "NSEC3PARAM";
    case DnsType::tlsa: return "TLSA";
    case DnsType::smimea: return "SMIMEA";
    case DnsType::hip: return "HIP";
    case DnsType::cds: return "CDS";
    case DnsType::cdnskey: return "CDNSKEY";
    case DnsType::openpgpkey: return "OPENPGPKEY";
    case DnsType::csync: return "CSYNC";
    case DnsType::zonemd: return "ZONEMD";
    case DnsType::svcb: return "SVCB";
    case DnsType::https: return "HTTPS";
    case DnsType::spf: return "SPF";
    case DnsType::tkey: return "TKEY";
    case DnsType::tsig: return "TSIG";
    case DnsType::ixfr: return "IXFR";
    case DnsType::axfr: return "AXFR";
    case DnsType::mailb: return "MAILB";
    case DnsType::maila: return "MAILA";
    case DnsType::any: return "ANY";
    case DnsType::uri: return "URI";
    case DnsType::caa: return "CAA";
    case DnsType::dlv: return "DLV";
  }
  return {};
}

std::string_view dns_class_name(DnsClass dns_class) noexcept {
  switch (dns_class) {
    case DnsClass::in: return "IN";
    case DnsClass::cs: return "CS";
    case DnsClass::ch: return "CH";
    case DnsClass::hs: return "HS";
    case DnsClass::none: return "NONE";
    case DnsClass::any: return "ANY";
  }
  return {};
}

std::string_view dns_section_name(DnsSection section) noexcept {
  switch (section) {
    case DnsSection::question: return "question";
    case DnsSection::answer: return "answer";
    case DnsSection::authority: return "authority";
    case DnsSection::additional: return "additional";
  }
  return "unknown";
}

std::string_view dns_opcode_name(DnsOpcode opcode) noexcept {
  switch (opcode) {
    case DnsOpcode::query: return "QUERY";
    case DnsOpcode::iquery: return "IQUERY";
    case DnsOpcode::status: return "STATUS";
    case DnsOpcode::notify: return "NOTIFY";
    case DnsOpcode::update: return "UPDATE";
    case DnsOpcode::dso: return "DSO";
  }
  return {};
}

std::string_view dns_rcode_name(DnsRcode rcode) noexcept {
  switch (rcode) {
    case DnsRcode::noerror: return "NoError";
    case DnsRcode::formerr: return "FormErr";
    case DnsRcode::servfail: return "ServFail";
    case DnsRcode::nxdomain: return "NXDomain";
    case DnsRcode::notimp: return "NotImp";
    case DnsRcode::refused: return "Refused";
    case DnsRcode::yxdomain: return "YXDomain";
    case DnsRcode::yxrrset: return "YXRRSet";
    case DnsRcode::nxrrset: return "NXRRSet";
    case DnsRcode::notauth: return "NotAuth";
    case DnsRcode::notzone: return "NotZone";
    case DnsRcode::dsotypeni: return "DSOTYPENI";
    case DnsRcode::badvers: return "BADVERS";
    case DnsRcode::badkey: return "BADKEY";
    case DnsRcode::badtime: return "BADTIME";
    case DnsRcode::badmode: return "BADMODE";
    case DnsRcode::badname: return "BADNAME";
    case DnsRcode::badalg: return "BADALG";
    case DnsRcode::badtrunc: return "BADTRUNC";
    case DnsRcode::badcookie: return "BADCOOKIE";
  }
  return {};
}

namespace {

// ---------------------------------------------------------------------------------------------
// Text as tshark shows a name

// Code points from U+0080 up that GLib's g_unichar_isprint() calls not printable (control,
// format, unassigned and surrogate code points), as GLib 2.74 (Unicode 15.0, the version tshark
// 4.0 uses on Debian 12) answers. Generated by asking libglib for every code point.
struct CodePointRange {
  std::uint32_t first;
  std::uint32_t last;
};
constexpr CodePointRange non_printable[] = {
    {0x80, 0x9F},       {0xAD, 0xAD},       {0x378, 0x379},       {0x380, 0x383},     {0x38B, 0x38B},
    {0x38D, 0x38D},     {0x3A2, 0x3A2},     {0x530, 0x530},       {0x557, 0x558},     {0x58B, 0x58C},
    {0x590, 0x590},     {0x5C8, 0x5CF},     {0x5EB, 0x5EE},       {0x5F5, 0x605},     {0x61C, 0x61C},
    {0x6DD, 0x6DD},     {0x70E, 0x70F},     {0x74B, 0x74C},       {0x7B2, 0x7BF},     {0x7FB, 0x7FC},
    {0x82E, 0x82F},     {0x83F, 0x83F},     {0x85C, 0x85D},       {0x85F, 0x85F},     {0x86B, 0x86F},
    {0x88F, 0x897},     {0x8E2, 0x8E2},     {0x984, 0x984},       {0x98D, 0x98E},     {0x991, 0x992},
    {0x9A9, 0x9A9},     {0x9B1, 0x9B1},     {0x9B3, 0x9B5},       {0x9BA, 0x9BB},     {0x9C5, 0x9C6},
    {0x9C9, 0x9CA},     {0x9CF, 0x9D6},     {0x9D8, 0x9DB},       {0x9DE, 0x9DE},     {0x9E4, 0x9E5},
    {0x9FF, 0xA00},     {0xA04, 0xA04},     {0xA0B, 0xA0E},       {0xA11, 0xA12},     {0xA29, 0xA29},
    {0xA31, 0xA31},     {0xA34, 0xA34},     {0xA37, 0xA37},       {0xA3A, 0xA3B},     {0xA3D, 0xA3D},
    {0xA43, 0xA46},     {0xA49, 0xA4A},     {0xA4E, 0xA50},       {0xA52, 0xA58},     {0xA5D, 0xA5D},
    {0xA5F, 0xA65},     {0xA77, 0xA80},     {0xA84, 0xA84},       {0xA8E, 0xA8E},     {0xA92, 0xA92},
    {0xAA9, 0xAA9},     {0xAB1, 0xAB1},     {0xAB4, 0xAB4},       {0xABA, 0xABB},     {0xAC6, 0xAC6},
    {0xACA, 0xACA},     {0xACE, 0xACF},     {0xAD1, 0xADF},       {0xAE4, 0xAE5},     {0xAF2, 0xAF8},
    {0xB00, 0xB00},     {0xB04, 0xB04},     {0xB0D, 0xB0E},       {0xB11, 0xB12},     {0xB29, 0xB29},
    {0xB31, 0xB31},     {0xB34, 0xB34},     {0xB3A, 0xB3B},       {0xB45, 0xB46},     {0xB49, 0xB4A},
    {0xB4E, 0xB54},     {0xB58, 0xB5B},     {0xB5E, 0xB5E},       {0xB64, 0xB65},     {0xB78, 0xB81},
    {0xB84, 0xB84},     {0xB8B, 0xB8D},     {0xB91, 0xB91},       {0xB96, 0xB98},     {0xB9B, 0xB9B},
    {0xB9D, 0xB9D},     {0xBA0, 0xBA2},     {0xBA5, 0xBA7},       {0xBAB, 0xBAD},     {0xBBA, 0xBBD},
    {0xBC3, 0xBC5},     {0xBC9, 0xBC9},     {0xBCE, 0xBCF},       {0xBD1, 0xBD6},     {0xBD8, 0xBE5},
    {0xBFB, 0xBFF},     {0xC0D, 0xC0D},     {0xC11, 0xC11},       {0xC29, 0xC29},     {0xC3A, 0xC3B},
    {0xC45, 0xC45},     {0xC49, 0xC49},     {0xC4E, 0xC54},       {0xC57, 0xC57},     {0xC5B, 0xC5C},
    {0xC5E, 0xC5F},     {0xC64, 0xC65},     {0xC70, 0xC76},       {0xC8D, 0xC8D},     {0xC91, 0xC91},
    {0xCA9, 0xCA9},     {0xCB4, 0xCB4},     {0xCBA, 0xCBB},       {0xCC5, 0xCC5},     {0xCC9, 0xCC9},
    {0xCCE, 0xCD4},     {0xCD7, 0xCDC},     {0xCDF, 0xCDF},       {0xCE4, 0xCE5},     {0xCF0, 0xCF0},
    {0xCF4, 0xCFF},     {0xD0D, 0xD0D},     {0xD11, 0xD11},       {0xD45, 0xD45},     {0xD49, 0xD49},
    {0xD50, 0xD53},     {0xD64, 0xD65},     {0xD80, 0xD80},       {0xD84, 0xD84},     {0xD97, 0xD99},
    {0xDB2, 0xDB2},     {0xDBC, 0xDBC},     {0xDBE, 0xDBF},       {0xDC7, 0xDC9},     {0xDCB, 0xDCE},
    {0xDD5, 0xDD5},     {0xDD7, 0xDD7},     {0xDE0, 0xDE5},       {0xDF0, 0xDF1},     {0xDF5, 0xE00},
    {0xE3B, 0xE3E},     {0xE5C, 0xE80},     {0xE83, 0xE83},       {0xE85, 0xE85},     {0xE8B, 0xE8B},
    {0xEA4, 0xEA4},     {0xEA6, 0xEA6},     {0xEBE, 0xEBF},       {0xEC5, 0xEC5},     {0xEC7, 0xEC7},
    {0xECF, 0xECF},     {0xEDA, 0xEDB},     {0xEE0, 0xEFF},       {0xF48, 0xF48},     {0xF6D, 0xF70},
    {0xF98, 0xF98},     {0xFBD, 0xFBD},     {0xFCD, 0xFCD},       {0xFDB, 0xFFF},     {0x10C6, 0x10C6},
    {0x10C8, 0x10CC},   {0x10CE, 0x10CF},   {0x1249, 0x1249},     {0x124E, 0x124F},   {0x1257, 0x1257},
    {0x1259, 0x1259},   {0x125E, 0x125F},   {0x1289, 0x1289},     {0x128E, 0x128F},   {0x12B1, 0x12B1},
    {0x12B6, 0x12B7},   {0x12BF, 0x12BF},   {0x12C1, 0x12C1},     {0x12C6, 0x12C7},   {0x12D7, 0x12D7},
    {0x1311, 0x1311},   {0x1316, 0x1317},   {0x135B, 0x135C},     {0x137D, 0x137F},   {0x139A, 0x139F},
    {0x13F6, 0x13F7},   {0x13FE, 0x13FF},   {0x169D, 0x169F},     {0x16F9, 0x16FF},   {0x1716, 0x171E},
    {0x1737, 0x173F},   {0x1754, 0x175F},   {0x176D, 0x176D},     {0x1771, 0x1771},   {0x1774, 0x177F},
    {0x17DE, 0x17DF},   {0x17EA, 0x17EF},   {0x17FA, 0x17FF},     {0x180E, 0x180E},   {0x181A, 0x181F},
    {0x1879, 0x187F},   {0x18AB, 0x18AF},   {0x18F6, 0x18FF},     {0x191F, 0x191F},   {0x192C, 0x192F},
    {0x193C, 0x193F},   {0x1941, 0x1943},   {0x196E, 0x196F},     {0x1975, 0x197F},   {0x19AC, 0x19AF},
    {0x19CA, 0x19CF},   {0x19DB, 0x19DD},   {0x1A1C, 0x1A1D},     {0x1A5F, 0x1A5F},   {0x1A7D, 0x1A7E},
    {0x1A8A, 0x1A8F},   {0x1A9A, 0x1A9F},   {0x1AAE, 0x1AAF},     {0x1ACF, 0x1AFF},   {0x1B4D, 0x1B4F},
    {0x1B7F, 0x1B7F},   {0x1BF4, 0x1BFB},   {0x1C38, 0x1C3A},     {0x1C4A, 0x1C4C},   {0x1C89, 0x1C8F},
    {0x1CBB, 0x1CBC},   {0x1CC8, 0x1CCF},   {0x1CFB, 0x1CFF},     {0x1F16, 0x1F17},   {0x1F1E, 0x1F1F},
    {0x1F46, 0x1F47},   {0x1F4E, 0x1F4F},   {0x1F58, 0x1F58},     {0x1F5A, 0x1F5A},   {0x1F5C, 0x1F5C},
    {0x1F5E, 0x1F5E},   {0x1F7E, 0x1F7F},   {0x1FB5, 0x1FB5},     {0x1FC5, 0x1FC5},   {0x1FD4, 0x1FD5},
    {0x1FDC, 0x1FDC},   {0x1FF0, 0x1FF1},   {0x1FF5, 0x1FF5},     {0x1FFF, 0x1FFF},   {0x200B, 0x200F},
    {0x202A, 0x202E},   {0x2060, 0x206F},   {0x2072, 0x2073},     {0x208F, 0x208F},   {0x209D, 0x209F},
    {0x20C1, 0x20CF},   {0x20F1, 0x20FF},   {0x218C, 0x218F},     {0x2427, 0x243F},   {0x244B, 0x245F},
    {0x2B74, 0x2B75},   {0x2B96, 0x2B96},   {0x2CF4, 0x2CF8},     {0x2D26, 0x2D26},   {0x2D28, 0x2D2C},
    {0x2D2E, 0x2D2F},   {0x2D68, 0x2D6E},   {0x2D71, 0x2D7E},     {0x2D97, 0x2D9F},   {0x2DA7, 0x2DA7},
    {0x2DAF, 0x2DAF},   {0x2DB7, 0x2DB7},   {0x2DBF, 0x2DBF},     {0x2DC7, 0x2DC7},   {0x2DCF, 0x2DCF},
    {0x2DD7, 0x2DD7},   {0x2DDF, 0x2DDF},   {0x2E5E, 0x2E7F},     {0x2E9A, 0x2E9A},   {0x2EF4, 0x2EFF},
    {0x2FD6, 0x2FEF},   {0x2FFC, 0x2FFF},   {0x3040, 0x3040},     {0x3097, 0x3098},   {0x3100, 0x3104},
    {0x3130, 0x3130},   {0x318F, 0x318F},   {0x31E4, 0x31EF},     {0x321F, 0x321F},   {0xA48D, 0xA48F},
    {0xA4C7, 0xA4CF},   {0xA62C, 0xA63F},   {0xA6F8, 0xA6FF},     {0xA7CB, 0xA7CF},   {0xA7D2, 0xA7D2},
    {0xA7D4, 0xA7D4},   {0xA7DA, 0xA7F1},   {0xA82D, 0xA82F},     {0xA83A, 0xA83F},   {0xA878, 0xA87F},
    {0xA8C6, 0xA8CD},   {0xA8DA, 0xA8DF},   {0xA954, 0xA95E},     {0xA97D, 0xA97F},   {0xA9CE, 0xA9CE},
    {0xA9DA, 0xA9DD},   {0xA9FF, 0xA9FF},   {0xAA37, 0xAA3F},     {0xAA4E, 0xAA4F},   {0xAA5A, 0xAA5B},
    {0xAAC3, 0xAADA},   {0xAAF7, 0xAB00},   {0xAB07, 0xAB08},     {0xAB0F, 0xAB10},   {0xAB17, 0xAB1F},
    {0xAB27, 0xAB27},   {0xAB2F, 0xAB2F},   {0xAB6C, 0xAB6F},     {0xABEE, 0xABEF},   {0xABFA, 0xABFF},
    {0xD7A4, 0xD7AF},   {0xD7C7, 0xD7CA},   {0xD7FC, 0xD7FF},     {0xFA6E, 0xFA6F},   {0xFADA, 0xFAFF},
    {0xFB07, 0xFB12},   {0xFB18, 0xFB1C},   {0xFB37, 0xFB37},     {0xFB3D, 0xFB3D},   {0xFB3F, 0xFB3F},
    {0xFB42, 0xFB42},   {0xFB45, 0xFB45},   {0xFBC3, 0xFBD2},     {0xFD90, 0xFD91},   {0xFDC8, 0xFDCE},
    {0xFDD0, 0xFDEF},   {0xFE1A, 0xFE1F},   {0xFE53, 0xFE53},     {0xFE67, 0xFE67},   {0xFE6C, 0xFE6F},
    {0xFE75, 0xFE75},   {0xFEFD, 0xFF00},   {0xFFBF, 0xFFC1},     {0xFFC8, 0xFFC9},   {0xFFD0, 0xFFD1},
    {0xFFD8, 0xFFD9},   {0xFFDD, 0xFFDF},   {0xFFE7, 0xFFE7},     {0xFFEF, 0xFFFB},   {0xFFFE, 0xFFFF},
    {0x1000C, 0x1000C}, {0x10027, 0x10027}, {0x1003B, 0x1003B},   {0x1003E, 0x1003E}, {0x1004E, 0x1004F},
    {0x1005E, 0x1007F}, {0x100FB, 0x100FF}, {0x10103, 0x10106},   {0x10134, 0x10136}, {0x1018F, 0x1018F},
    {0x1019D, 0x1019F}, {0x101A1, 0x101CF}, {0x101FE, 0x1027F},   {0x1029D, 0x1029F}, {0x102D1, 0x102DF},
    {0x102FC, 0x102FF}, {0x10324, 0x1032C}, {0x1034B, 0x1034F},   {0x1037B, 0x1037F}, {0x1039E, 0x1039E},
    {0x103C4, 0x103C7}, {0x103D6, 0x103FF}, {0x1049E, 0x1049F},   {0x104AA, 0x104AF}, {0x104D4, 0x104D7},
    {0x104FC, 0x104FF}, {0x10528, 0x1052F}, {0x10564, 0x1056E},   {0x1057B, 0x1057B}, {0x1058B, 0x1058B},
    {0x10593, 0x10593}, {0x10596, 0x10596}, {0x105A2, 0x105A2},   {0x105B2, 0x105B2}, {0x105BA, 0x105BA},
    {0x105BD, 0x105FF}, {0x10737, 0x1073F}, {0x10756, 0x1075F},   {0x10768, 0x1077F}, {0x10786, 0x10786},
    {0x107B1, 0x107B1}, {0x107BB, 0x107FF}, {0x10806, 0x10807},   {0x10809, 0x10809}, {0x10836, 0x10836},
    {0x10839, 0x1083B}, {0x1083D, 0x1083E}, {0x10856, 0x10856},   {0x1089F, 0x108A6}, {0x108B0, 0x108DF},
    {0x108F3, 0x108F3}, {0x108F6, 0x108FA}, {0x1091C, 0x1091E},   {0x1093A, 0x1093E}, {0x10940, 0x1097F},
    {0x109B8, 0x109BB}, {0x109D0, 0x109D1}, {0x10A04, 0x10A04},   {0x10A07, 0x10A0B}, {0x10A14, 0x10A14},
    {0x10A18, 0x10A18}, {0x10A36, 0x10A37}, {0x10A3B, 0x10A3E},   {0x10A49, 0x10A4F}, {0x10A59, 0x10A5F},
    {0x10AA0, 0x10ABF}, {0x10AE7, 0x10AEA}, {0x10AF7, 0x10AFF},   {0x10B36, 0x10B38}, {0x10B56, 0x10B57},
    {0x10B73, 0x10B77}, {0x10B92, 0x10B98}, {0x10B9D, 0x10BA8},   {0x10BB0, 0x10BFF}, {0x10C49, 0x10C7F},
    {0x10CB3, 0x10CBF}, {0x10CF3, 0x10CF9}, {0x10D28, 0x10D2F},   {0x10D3A, 0x10E5F}, {0x10E7F, 0x10E7F},
    {0x10EAA, 0x10EAA}, {0x10EAE, 0x10EAF}, {0x10EB2, 0x10EFC},   {0x10F28, 0x10F2F}, {0x10F5A, 0x10F6F},
    {0x10F8A, 0x10FAF}, {0x10FCC, 0x10FDF}, {0x10FF7, 0x10FFF},   {0x1104E, 0x11051}, {0x11076, 0x1107E},
    {0x110BD, 0x110BD}, {0x110C3, 0x110CF}, {0x110E9, 0x110EF},   {0x110FA, 0x110FF}, {0x11135, 0x11135},
    {0x11148, 0x1114F}, {0x11177, 0x1117F}, {0x111E0, 0x111E0},   {0x111F5, 0x111FF}, {0x11212, 0x11212},
    {0x11242, 0x1127F}, {0x11287, 0x11287}, {0x11289, 0x11289},   {0x1128E, 0x1128E}, {0x1129E, 0x1129E},
    {0x112AA, 0x112AF}, {0x112EB, 0x112EF}, {0x112FA, 0x112FF},   {0x11304, 0x11304}, {0x1130D, 0x1130E},
    {0x11311, 0x11312}, {0x11329, 0x11329}, {0x11331, 0x11331},   {0x11334, 0x11334}, {0x1133A, 0x1133A},
    {0x11345, 0x11346}, {0x11349, 0x1134A}, {0x1134E, 0x1134F},   {0x11351, 0x11356}, {0x11358, 0x1135C},
    {0x11364, 0x11365}, {0x1136D, 0x1136F}, {0x11375, 0x113FF},   {0x1145C, 0x1145C}, {0x11462, 0x1147F},
    {0x114C8, 0x114CF}, {0x114DA, 0x1157F}, {0x115B6, 0x115B7},   {0x115DE, 0x115FF}, {0x11645, 0x1164F},
    {0x1165A, 0x1165F}, {0x1166D, 0x1167F}, {0x116BA, 0x116BF},   {0x116CA, 0x116FF}, {0x1171B, 0x1171C},
    {0x1172C, 0x1172F}, {0x11747, 0x117FF}, {0x1183C, 0x1189F},   {0x118F3, 0x118FE}, {0x11907, 0x11908},
    {0x1190A, 0x1190B}, {0x11914, 0x11914}, {0x11917, 0x11917},   {0x11936, 0x11936}, {0x11939, 0x1193A},
    {0x11947, 0x1194F}, {0x1195A, 0x1199F}, {0x119A8, 0x119A9},   {0x119D8, 0x119D9}, {0x119E5, 0x119FF},
    {0x11A48, 0x11A4F}, {0x11AA3, 0x11AAF}, {0x11AF9, 0x11AFF},   {0x11B0A, 0x11BFF}, {0x11C09, 0x11C09},
    {0x11C37, 0x11C37}, {0x11C46, 0x11C4F}, {0x11C6D, 0x11C6F},   {0x11C90, 0x11C91}, {0x11CA8, 0x11CA8},
    {0x11CB7, 0x11CFF}, {0x11D07, 0x11D07}, {0x11D0A, 0x11D0A},   {0x11D37, 0x11D39}, {0x11D3B, 0x11D3B},
    {0x11D3E, 0x11D3E}, {0x11D48, 0x11D4F}, {0x11D5A, 0x11D5F},   {0x11D66, 0x11D66}, {0x11D69, 0x11D69},
    {0x11D8F, 0x11D8F}, {0x11D92, 0x11D92}, {0x11D99, 0x11D9F},   {0x11DAA, 0x11EDF}, {0x11EF9, 0x11EFF},
    {0x11F11, 0x11F11}, {0x11F3B, 0x11F3D}, {0x11F5A, 0x11FAF},   {0x11FB1, 0x11FBF}, {0x11FF2, 0x11FFE},
    {0x1239A, 0x123FF}, {0x1246F, 0x1246F}, {0x12475, 0x1247F},   {0x12544, 0x12F8F}, {0x12FF3, 0x12FFF},
    {0x13430, 0x1343F}, {0x13456, 0x143FF}, {0x14647, 0x167FF},   {0x16A39, 0x16A3F}, {0x16A5F, 0x16A5F},
    {0x16A6A, 0x16A6D}, {0x16ABF, 0x16ABF}, {0x16ACA, 0x16ACF},   {0x16AEE, 0x16AEF}, {0x16AF6, 0x16AFF},
    {0x16B46, 0x16B4F}, {0x16B5A, 0x16B5A}, {0x16B62, 0x16B62},   {0x16B78, 0x16B7C}, {0x16B90, 0x16E3F},
    {0x16E9B, 0x16EFF}, {0x16F4B, 0x16F4E}, {0x16F88, 0x16F8E},   {0x16FA0, 0x16FDF}, {0x16FE5, 0x16FEF},
    {0x16FF2, 0x16FFF}, {0x187F8, 0x187FF}, {0x18CD6, 0x18CFF},   {0x18D09, 0x1AFEF}, {0x1AFF4, 0x1AFF4},
    {0x1AFFC, 0x1AFFC}, {0x1AFFF, 0x1AFFF}, {0x1B123, 0x1B131},   {0x1B133, 0x1B14F}, {0x1B153, 0x1B154},
    {0x1B156, 0x1B163}, {0x1B168, 0x1B16F}, {0x1B2FC, 0x1BBFF},   {0x1BC6B, 0x1BC6F}, {0x1BC7D, 0x1BC7F},
    {0x1BC89, 0x1BC8F}, {0x1BC9A, 0x1BC9B}, {0x1BCA0, 0x1CEFF},   {0x1CF2E, 0x1CF2F}, {0x1CF47, 0x1CF4F},
    {0x1CFC4, 0x1CFFF}, {0x1D0F6, 0x1D0FF}, {0x1D127, 0x1D128},   {0x1D173, 0x1D17A}, {0x1D1EB, 0x1D1FF},
    {0x1D246, 0x1D2BF}, {0x1D2D4, 0x1D2DF}, {0x1D2F4, 0x1D2FF},   {0x1D357, 0x1D35F}, {0x1D379, 0x1D3FF},
    {0x1D455, 0x1D455}, {0x1D49D, 0x1D49D}, {0x1D4A0, 0x1D4A1},   {0x1D4A3, 0x1D4A4}, {0x1D4A7, 0x1D4A8},
    {0x1D4AD, 0x1D4AD}, {0x1D4BA, 0x1D4BA}, {0x1D4BC, 0x1D4BC},   {0x1D4C4, 0x1D4C4}, {0x1D506, 0x1D506},
    {0x1D50B, 0x1D50C}, {0x1D515, 0x1D515}, {0x1D51D, 0x1D51D},   {0x1D53A, 0x1D53A}, {0x1D53F, 0x1D53F},
    {0x1D545, 0x1D545}, {0x1D547, 0x1D549}, {0x1D551, 0x1D551},   {0x1D6A6, 0x1D6A7}, {0x1D7CC, 0x1D7CD},
    {0x1DA8C, 0x1DA9A}, {0x1DAA0, 0x1DAA0}, {0x1DAB0, 0x1DEFF},   {0x1DF1F, 0x1DF24}, {0x1DF2B, 0x1DFFF},
    {0x1E007, 0x1E007}, {0x1E019, 0x1E01A}, {0x1E022, 0x1E022},   {0x1E025, 0x1E025}, {0x1E02B, 0x1E02F},
    {0x1E06E, 0x1E08E}, {0x1E090, 0x1E0FF}, {0x1E12D, 0x1E12F},   {0x1E13E, 0x1E13F}, {0x1E14A, 0x1E14D},
    {0x1E150, 0x1E28F}, {0x1E2AF, 0x1E2BF}, {0x1E2FA, 0x1E2FE},   {0x1E300, 0x1E4CF}, {0x1E4FA, 0x1E7DF},
    {0x1E7E7, 0x1E7E7}, {0x1E7EC, 0x1E7EC}, {0x1E7EF, 0x1E7EF},   {0x1E7FF, 0x1E7FF}, {0x1E8C5, 0x1E8C6},
    {0x1E8D7, 0x1E8FF}, {0x1E94C, 0x1E94F}, {0x1E95A, 0x1E95D},   {0x1E960, 0x1EC70}, {0x1ECB5, 0x1ED00},
    {0x1ED3E, 0x1EDFF}, {0x1EE04, 0x1EE04}, {0x1EE20, 0x1EE20},   {0x1EE23, 0x1EE23}, {0x1EE25, 0x1EE26},
    {0x1EE28, 0x1EE28}, {0x1EE33, 0x1EE33}, {0x1EE38, 0x1EE38},   {0x1EE3A, 0x1EE3A}, {0x1EE3C, 0x1EE41},
    {0x1EE43, 0x1EE46}, {0x1EE48, 0x1EE48}, {0x1EE4A, 0x1EE4A},   {0x1EE4C, 0x1EE4C}, {0x1EE50, 0x1EE50},
    {0x1EE53, 0x1EE53}, {0x1EE55, 0x1EE56}, {0x1EE58, 0x1EE58},   {0x1EE5A, 0x1EE5A}, {0x1EE5C, 0x1EE5C},
    {0x1EE5E, 0x1EE5E}, {0x1EE60, 0x1EE60}, {0x1EE63, 0x1EE63},   {0x1EE65, 0x1EE66}, {0x1EE6B, 0x1EE6B},
    {0x1EE73, 0x1EE73}, {0x1EE78, 0x1EE78}, {0x1EE7D, 0x1EE7D},   {0x1EE7F, 0x1EE7F}, {0x1EE8A, 0x1EE8A},
    {0x1EE9C, 0x1EEA0}, {0x1EEA4, 0x1EEA4}, {0x1EEAA, 0x1EEAA},   {0x1EEBC, 0x1EEEF}, {0x1EEF2, 0x1EFFF},
    {0x1F02C, 0x1F02F}, {0x1F094, 0x1F09F}, {0x1F0AF, 0x1F0B0},   {0x1F0C0, 0x1F0C0}, {0x1F0D0, 0x1F0D0},
    {0x1F0F6, 0x1F0FF}, {0x1F1AE, 0x1F1E5}, {0x1F203, 0x1F20F},   {0x1F23C, 0x1F23F}, {0x1F249, 0x1F24F},
    {0x1F252, 0x1F25F}, {0x1F266, 0x1F2FF}, {0x1F6D8, 0x1F6DB},   {0x1F6ED, 0x1F6EF}, {0x1F6FD, 0x1F6FF},
    {0x1F777, 0x1F77A}, {0x1F7DA, 0x1F7DF}, {0x1F7EC, 0x1F7EF},   {0x1F7F1, 0x1F7FF}, {0x1F80C, 0x1F80F},
    {0x1F848, 0x1F84F}, {0x1F85A, 0x1F85F}, {0x1F888, 0x1F88F},   {0x1F8AE, 0x1F8AF}, {0x1F8B2, 0x1F8FF},
    {0x1FA54, 0x1FA5F}, {0x1FA6E, 0x1FA6F}, {0x1FA7D, 0x1FA7F},   {0x1FA89, 0x1FA8F}, {0x1FABE, 0x1FABE},
    {0x1FAC6, 0x1FACD}, {0x1FADC, 0x1FADF}, {0x1FAE9, 0x1FAEF},   {0x1FAF9, 0x1FAFF}, {0x1FB93, 0x1FB93},
    {0x1FBCB, 0x1FBEF}, {0x1FBFA, 0x1FFFF}, {0x2A6E0, 0x2A6FF},   {0x2B73A, 0x2B73F}, {0x2B81E, 0x2B81F},
    {0x2CEA2, 0x2CEAF}, {0x2EBE1, 0x2F7FF}, {0x2FA1E, 0x2FFFF},   {0x3134B, 0x3134F}, {0x323B0, 0xE00FF},
    {0xE01F0, 0xEFFFF}, {0xFFFFE, 0xFFFFF}, {0x10FFFE, 0x10FFFF},
};

bool printable(std::uint32_t code_point) noexcept {
  if (code_point < 0x80) return code_point >= 0x20 && code_point < 0x7f;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return false;
  const auto* range = std::upper_bound(std::begin(non_printable), std::end(non_printable), code_point,
                                       [](std::uint32_t value, const CodePointRange& r) { return value < r.first; });
  if (range == std::begin(non_printable)) return true;
  --range;
  return code_point > range->last;
}

// Writes characters into a fixed buffer, dropping what does not fit (the buffers are sized so
// that nothing is ever dropped).
class TextWriter {
 public:
  TextWriter(char* out, std::size_t capacity) noexcept : out_(out), capacity_(capacity) {}
  void put(char c) noexcept {
    if (length_ < capacity_) out_[length_++] = c;
  }
  void put(std::string_view text) noexcept {
    for (char c : text) put(c);
  }
  void put_utf8(std::uint32_t code_point) noexcept {
    if (code_point < 0x80) {
      put(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
      put(static_cast<char>(0xC0 | (code_point >> 6)));
      put(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else if (code_point < 0x10000) {
      put(static_cast<char>(0xE0 | (code_point >> 12)));
      put(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
      put(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
      put(static_cast<char>(0xF0 | (code_point >> 18)));
      put(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
      put(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
      put(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
  }
  void put_hex(std::uint32_t value, int digits) noexcept {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) put("0123456789ABCDEF"[(value >> shift) & 0xF]);
  }
  std::size_t length() const noexcept { return length_; }

 private:
  char* out_;
  std::size_t capacity_;
  std::size_t length_ = 0;
};

constexpr std::uint32_t replacement_character = 0xFFFD;

void put_ascii_escape(std::uint8_t c, TextWriter& out) noexcept {
  out.put('\\');
  switch (c) {
    case '\a': out.put('a'); return;
    case '\b': out.put('b'); return;
    case '\f': out.put('f'); return;
    case '\n': out.put('n'); return;
    case '\r': out.put('r'); return;
    case '\t': out.put('t'); return;
    case '\v': out.put('v'); return;
    default:
      out.put(static_cast<char>('0' + ((c >> 6) & 3)));
      out.put(static_cast<char>('0' + ((c >> 3) & 7)));
      out.put(static_cast<char>('0' + (c & 7)));
      return;
  }
}

// Wireshark's format_text() (wsutil/str_util.c, 4.0): printable ASCII as is, other ASCII as C
// escapes, UTF-8 sequences decoded permissively (overlong forms are accepted and re-encoded; a
// broken sequence becomes U+FFFD), printable code points as UTF-8, others as \uXXXX or \UXXXXXXXX.
void format_text(ByteView raw, TextWriter& out) noexcept {
  const ByteReader reader(raw);
  std::size_t i = 0;
  while (i < raw.size()) {
    std::uint8_t c = reader.u8_at(i++);
    if (c < 0x80) {
      if (c >= 0x20 && c < 0x7f)
        out.put(static_cast<char>(c));
      else
        put_ascii_escape(c, out);
      continue;
    }
    int more = -1;
    std::uint8_t mask = 0;
    if ((c & 0xE0) == 0xC0) {
      more = 1, mask = 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      more = 2, mask = 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      more = 3, mask = 0x07;
    } else if ((c & 0xFC) == 0xF8) {
      more = 4, mask = 0x03;
    } else if ((c & 0xFE) == 0xFC) {
      more = 5, mask = 0x01;
    }
    std::uint32_t code_point = replacement_character;
    if (more > 0) {
      code_point = c & mask;
      for (int k = 0; k < more; ++k) {
        if (i >= raw.size()) {
          code_point = replacement_character;
          break;
        }
        const std::uint8_t next = reader.u8_at(i);
        if ((next & 0xC0) != 0x80) {
          code_point = replacement_character;
          break;
        }
        ++i;
        code_point = (code_point << 6) | (next & 0x3F);
      }
      if (code_point >= 0x110000 || (code_point >= 0xD800 && code_point <= 0xDFFF)) code_point = replacement_character;
    }
    if (printable(code_point)) {
      out.put_utf8(code_point);
    } else if (code_point <= 0xFFFF) {
      out.put("\\u");
      out.put_hex(code_point, 4);
    } else {
      out.put("\\U");
      out.put_hex(code_point, 8);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading names

constexpr std::size_t npos = static_cast<std::size_t>(-1);

enum class NameStatus : std::uint8_t { ok, cut, past_limit, bad_label, pointer_outside, loop, too_long };

struct NameResult {
  NameStatus status = NameStatus::ok;
  std::size_t encoded_length = 0;  // octets the name occupies where it starts
  std::size_t where = 0;           // offset of the offending octet
};

// Finds the end of the name at `offset` as it occurs there (up to its zero octet or its first
// pointer), without following pointers: npos if the name does not end before `limit` or has a
// reserved label type.
std::size_t skip_name(ByteView message, std::size_t offset, std::size_t limit) noexcept {
  const ByteReader reader(message);
  std::size_t position = offset;
  while (position < limit) {
    const std::uint8_t octet = reader.u8_at(position);
    if (octet == 0) return position + 1;
    if ((octet & 0xC0) == 0xC0) return position + 2 <= limit ? position + 2 : npos;
    if ((octet & 0xC0) != 0) return npos;
    position += 1 + octet;
  }
  return npos;
}

bool duplicate_target(const std::array<std::uint16_t, DnsName::max_pointers>& targets, std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t j = i + 1; j < count; ++j)
      if (targets[i] == targets[j]) return true;
  return false;
}

}  // namespace

// Fills a DnsName label by label (the one class allowed to touch its buffers).
class DnsNameBuilder {
 public:
  static void clear(DnsName& name) noexcept {
    name.wire_length_ = 0;
    name.label_count_ = 0;
  }
  // The caller has checked that the label fits in max_wire_length with the root label after it.
  static void add_label(DnsName& name, ByteView label) noexcept {
    name.wire_[name.wire_length_++] = static_cast<std::byte>(label.size());
    for (std::byte octet : label) name.wire_[name.wire_length_++] = octet;
    ++name.label_count_;
  }
  static void finish(DnsName& name) noexcept {
    name.wire_[name.wire_length_++] = std::byte{0};
    name.finish_text();
  }
};

namespace {

// Reads the name at `offset`, following compression pointers (RFC 1035 section 4.1.4). The octets
// where the name starts must end before `limit` (the end of the RDATA for a name in RDATA);
// pointers may lead anywhere in `message`. Fills `out` when it is not null. Bounded: at most
// DnsName::max_pointers pointers and 127 labels are followed.
// `message_end`: where the message ends on the wire, when the capture holds less of it (a pointer
// between the two needs bytes the capture lost); message.size() otherwise.
NameResult decode_name(ByteView message, std::size_t offset, std::size_t limit, DnsName* out,
                       std::size_t message_end = 0) noexcept {
  const ByteReader reader(message);
  if (out != nullptr) DnsNameBuilder::clear(*out);
  // Only targets[0, pointers) is ever read: left uninitialised, not zero-filled (510 bytes) for
  // every name.
  std::array<std::uint16_t, DnsName::max_pointers> targets;
  std::size_t pointers = 0;
  std::size_t position = offset;
  std::size_t in_place_end = npos;
  std::size_t length = 1;  // octets of the uncompressed name so far, counting the root label
  const auto ran_out = [&](std::size_t where) {
    const bool in_place = in_place_end == npos;
    return NameResult{in_place && limit < message.size() ? NameStatus::past_limit : NameStatus::cut, 0, where};
  };
  for (;;) {
    const std::size_t bound = in_place_end == npos ? limit : message.size();
    if (position >= bound) return ran_out(position);
    const std::uint8_t octet = reader.u8_at(position);
    if (octet == 0) {
      if (in_place_end == npos) in_place_end = position + 1;
      if (out != nullptr) DnsNameBuilder::finish(*out);
      return NameResult{NameStatus::ok, in_place_end - offset, 0};
    }
    switch (octet & 0xC0) {
      case 0x00: {
        if (position + 1 + octet > bound) return ran_out(position);
        length += 1 + octet;
        if (length > DnsName::max_wire_length)
          return NameResult{duplicate_target(targets, pointers) ? NameStatus::loop : NameStatus::too_long, 0, position};
        if (out != nullptr) DnsNameBuilder::add_label(*out, reader.view_at(position + 1, octet));
        position += 1 + octet;
        break;
      }
      case 0xC0: {
        if (position + 2 > bound) return ran_out(position);
        const std::uint16_t target = reader.u16_at(position) & 0x3FFF;
        if (in_place_end == npos) in_place_end = position + 2;
        if (target >= message.size())
          return NameResult{target < message_end ? NameStatus::cut : NameStatus::pointer_outside, 0, position};
        if (pointers == DnsName::max_pointers) return NameResult{NameStatus::loop, 0, position};
        targets[pointers++] = target;
        position = target;
        break;
      }
      default: return NameResult{NameStatus::bad_label, 0, position};
    }
  }
}

constexpr Protocol protocol_of(DnsFlavor flavor) noexcept {
  return flavor == DnsFlavor::mdns ? Protocol::mdns : Protocol::dns;
}

DecodeError name_error(Protocol protocol, const NameResult& result, bool complete) noexcept {
  switch (result.status) {
    case NameStatus::cut:
      return complete ? invalid(protocol, "name runs past the end of the message", result.where)
                      : truncated(protocol, "message ends inside a name", result.where);
    case NameStatus::past_limit: return invalid(protocol, "name in RDATA runs past RDLENGTH", result.where);
    case NameStatus::bad_label: return invalid(protocol, "label type 01 or 10 is reserved", result.where);
    case NameStatus::pointer_outside:
      return invalid(protocol, "compression pointer points outside the message", result.where);
    case NameStatus::loop: return invalid(protocol, "compression pointers form a loop", result.where);
    case NameStatus::too_long: return invalid(protocol, "name longer than 255 octets", result.where);
    case NameStatus::ok: break;
  }
  return DecodeError{};
}

// ---------------------------------------------------------------------------------------------
// Checking RDATA

struct RdataProblem {
  const char* reason = nullptr;  // a rule of the type was broken
  NameResult name;               // or a name in the RDATA could not be read
  std::size_t where = 0;
};

bool address_class(std::uint16_t dns_class) noexcept {
  return dns_class == static_cast<std::uint16_t>(DnsClass::in) ||
         dns_class == static_cast<std::uint16_t>(DnsClass::none) ||
         dns_class == static_cast<std::uint16_t>(DnsClass::any);
}

// Checks that RDATA at [start, start + length) of `message` has the form of `type`. The RDATA
// must lie within the message. `dns_class` is the class without the mDNS cache-flush bit.
bool check_rdata(ByteView message, std::size_t start, std::size_t length, DnsType type, std::uint16_t dns_class,
                 RdataProblem& problem, std::size_t message_end = 0) noexcept {
  if (length == 0) return true;  // RFC 2136 section 2.5: updates delete records with empty RDATA
  const ByteReader reader(message);
  const std::size_t end = start + length;
  const auto fail = [&](const char* reason, std::size_t where) {
    problem.reason = reason;
    problem.where = where;
    return false;
  };
  const auto name_at = [&](std::size_t at, std::size_t& after) {
    const NameResult name = decode_name(message, at, end, nullptr, message_end);
    if (name.status != NameStatus::ok) {
      problem.name = name;
      return false;
    }
    after = at + name.encoded_length;
    return true;
  };
  // Walks `count` character-strings from `at` (all of them up to `end` when count is npos);
  // returns where the last one ends, or npos if one overruns or is missing.
  const auto strings_end = [&](std::size_t at, std::size_t count) {
    for (std::size_t i = 0; count == npos ? at < end : i < count; ++i) {
      if (at >= end) return npos;
      at += 1 + std::size_t{reader.u8_at(at)};
      if (at > end) return npos;
    }
    return at;
  };
  std::size_t after = 0;
  switch (type) {
    case DnsType::a:
      if (address_class(dns_class) && length != 4) return fail("A RDATA is not 4 octets", start);
      return true;
    case DnsType::aaaa:
      if (address_class(dns_class) && length != 16) return fail("AAAA RDATA is not 16 octets", start);
      return true;
    case DnsType::ns:
    case DnsType::md:
    case DnsType::mf:
    case DnsType::cname:
    case DnsType::mb:
    case DnsType::mg:
    case DnsType::mr:
    case DnsType::ptr:
    case DnsType::dname:
      if (!name_at(start, after)) return false;
      if (after != end) return fail("RDATA holds more than one name", after);
      return true;
    case DnsType::mx:
      if (length < 2) return fail("MX RDATA shorter than its preference", start);
      if (!name_at(start + 2, after)) return false;
      if (after != end) return fail("MX RDATA holds more than a preference and a name", after);
      return true;
    case DnsType::srv:
      if (length < 6) return fail("SRV RDATA shorter than priority, weight and port", start);
      if (!name_at(start + 6, after)) return false;
      if (after != end) return fail("SRV RDATA holds more than its fields and a name", after);
      return true;
    case DnsType::soa: {
      std::size_t second = 0;
      if (!name_at(start, second) || !name_at(second, after)) return false;
      if (end - after != 20) return fail("SOA RDATA is not two names and 20 octets", after);
      return true;
    }
    case DnsType::txt:
      if (strings_end(start, npos) == npos) return fail("TXT character-string runs past RDLENGTH", start);
      return true;
    case DnsType::hinfo: {
      if (strings_end(start, 2) != end) return fail("HINFO RDATA is not two character-strings", start);
      return true;
    }
    case DnsType::opt:
      for (std::size_t at = start; at < end;) {
        if (end - at < 4) return fail("OPT option header runs past RDLENGTH", at);
        const std::size_t option_end = at + 4 + reader.u16_at(at + 2);
        if (option_end > end) return fail("OPT option runs past RDLENGTH", at);
        at = option_end;
      }
      return true;
    default: return true;
  }
}

bool rdata_ok(ByteView message, std::size_t start, std::size_t length, DnsType type, std::uint16_t dns_class) noexcept {
  if (start > message.size() || length > message.size() - start) return false;
  RdataProblem problem;
  return check_rdata(message, start, length, type, dns_class, problem);
}

// ---------------------------------------------------------------------------------------------
// Walking a message

struct Walk {
  DecodeError error;
  std::array<std::size_t, 4> section_offsets{};
};

// Checks a whole message (see DnsMessage). `complete`: the bytes are the whole message as sent,
// so running out of them is a lie of the counts or lengths, not the capture ending.
Walk walk_message(ByteView message, DnsFlavor flavor, bool complete, std::size_t message_end = 0) noexcept {
  Walk walk;
  const Protocol protocol = protocol_of(flavor);
  const auto ran_out = [&](const char* reason, std::size_t where) {
    walk.error = complete ? invalid(protocol, reason, where) : truncated(protocol, reason, where);
    return walk;
  };
  const ByteReader reader(message);
  const std::size_t size = message.size();
  if (size < DnsMessage::header_length) return ran_out("message shorter than the 12-octet header", size);
  std::size_t position = DnsMessage::header_length;
  const std::uint16_t questions = reader.u16_at(4);
  for (std::size_t i = 0; i < questions; ++i) {
    if (position >= size) return ran_out("QDCOUNT promises more questions than the message holds", position);
    const NameResult name = decode_name(message, position, size, nullptr, message_end);
    if (name.status != NameStatus::ok) {
      walk.error = name_error(protocol, name, complete);
      return walk;
    }
    position += name.encoded_length;
    if (size - position < 4) return ran_out("message ends inside a question's QTYPE and QCLASS", position);
    position += 4;
  }
  walk.section_offsets[0] = position;
  static constexpr const char* count_reasons[] = {
      "ANCOUNT promises more records than the message holds",
      "NSCOUNT promises more records than the message holds",
      "ARCOUNT promises more records than the message holds",
  };
  for (std::size_t section = 0; section < 3; ++section) {
    const std::uint16_t count = reader.u16_at(6 + 2 * section);
    for (std::size_t i = 0; i < count; ++i) {
      if (position >= size) return ran_out(count_reasons[section], position);
      const NameResult name = decode_name(message, position, size, nullptr, message_end);
      if (name.status != NameStatus::ok) {
        walk.error = name_error(protocol, name, complete);
        return walk;
      }
      position += name.encoded_length;
      if (size - position < 10)
        return ran_out("message ends inside a record's TYPE, CLASS, TTL and RDLENGTH", position);
      const DnsType type{reader.u16_at(position)};
      std::uint16_t dns_class = reader.u16_at(position + 2);
      if (flavor == DnsFlavor::mdns) dns_class &= 0x7FFF;
      const std::size_t rdata_length = reader.u16_at(position + 8);
      const std::size_t rdata = position + 10;
      if (rdata + rdata_length > DnsMessage::max_length) {
        walk.error = invalid(protocol, "RDLENGTH runs past the largest possible message", position + 8);
        return walk;
      }
      if (rdata_length > size - rdata) return ran_out("RDLENGTH runs past the end of the message", position + 8);
      RdataProblem problem;
      if (!check_rdata(message, rdata, rdata_length, type, dns_class, problem, message_end)) {
        walk.error = problem.reason != nullptr ? invalid(protocol, problem.reason, problem.where)
                                               : name_error(protocol, problem.name, complete);
        return walk;
      }
      position = rdata + rdata_length;
    }
    walk.section_offsets[section + 1] = position;
  }
  return walk;
}

std::uint16_t class_without_flag(std::uint16_t raw, DnsFlavor flavor) noexcept {
  return flavor == DnsFlavor::mdns ? static_cast<std::uint16_t>(raw & 0x7FFF) : raw;
}

}  // namespace

std::size_t detail::format_dns_text(ByteView raw, char* out, std::size_t capacity) noexcept {
  TextWriter writer(out, capacity);
  format_text(raw, writer);
  return writer.length();
}

// ---------------------------------------------------------------------------------------------
// DnsName

DnsName::DnsName() noexcept {
  wire_length_ = 1;  // wire_[0] is already the zero octet of the root label
  finish_text();
}

void DnsName::finish_text() noexcept {
  if (label_count_ == 0) {
    constexpr std::string_view root = "<Root>";
    std::copy(root.begin(), root.end(), text_.begin());
    text_length_ = static_cast<std::uint16_t>(root.size());
    text_[text_length_] = '\0';
    return;
  }
  // tshark formats the labels joined by dots: at most 253 octets for a 255-octet name.
  std::array<std::byte, max_wire_length> joined{};
  std::size_t length = 0;
  for (ByteView label : labels()) {
    if (length != 0) joined[length++] = std::byte{'.'};
    for (std::byte octet : label) joined[length++] = octet;
  }
  TextWriter writer(text_.data(), text_capacity - 1);
  format_text(ByteView(joined.data(), length), writer);
  text_length_ = static_cast<std::uint16_t>(writer.length());
  text_[text_length_] = '\0';
}

Result<DnsName> DnsName::decompress(ByteView message, std::size_t offset, std::size_t* encoded_length) noexcept {
  DnsName name;
  const NameResult result = decode_name(message, offset, message.size(), &name);
  if (result.status != NameStatus::ok) return name_error(Protocol::dns, result, false);
  if (encoded_length != nullptr) *encoded_length = result.encoded_length;
  return name;
}

Result<DnsName> DnsName::from_wire(ByteView wire) noexcept {
  const ByteReader reader(wire);
  std::size_t position = 0;
  while (position < wire.size()) {
    const std::uint8_t octet = reader.u8_at(position);
    if (octet == 0) break;
    if ((octet & 0xC0) == 0xC0) return invalid(Protocol::dns, "compression pointer in an uncompressed name", position);
    if ((octet & 0xC0) != 0) return invalid(Protocol::dns, "label type 01 or 10 is reserved", position);
    position += 1 + octet;
  }
  if (position >= wire.size()) return truncated(Protocol::dns, "name ends before its root label", wire.size());
  if (position + 1 != wire.size()) return invalid(Protocol::dns, "bytes after the root label", position + 1);
  if (wire.size() > max_wire_length) return invalid(Protocol::dns, "name longer than 255 octets", max_wire_length);
  DnsName name;
  decode_name(wire, 0, wire.size(), &name);
  return name;
}

std::optional<DnsName> DnsName::from_text(std::string_view text) noexcept {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  DnsName name;
  DnsNameBuilder::clear(name);
  std::size_t length = 1;
  while (!text.empty()) {
    const std::size_t dot = text.find('.');
    const std::string_view label = text.substr(0, dot);
    if (label.empty() || label.size() > max_label_length) return std::nullopt;
    length += 1 + label.size();
    if (length > max_wire_length) return std::nullopt;
    DnsNameBuilder::add_label(name, as_bytes(label));
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
    if (text.empty()) return std::nullopt;  // "a..": an empty label before the trailing dot
  }
  DnsNameBuilder::finish(name);
  return name;
}

bool operator==(const DnsName& left, const DnsName& right) noexcept {
  if (left.wire_length_ != right.wire_length_) return false;
  // Length octets are at most 63, below 'A', so folding every octet folds only letters.
  const auto fold = [](std::byte octet) {
    const auto c = static_cast<unsigned char>(octet);
    return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
  };
  for (std::size_t i = 0; i < left.wire_length_; ++i)
    if (fold(left.wire_[i]) != fold(right.wire_[i])) return false;
  return true;
}

ByteView DnsName::Labels::iterator::operator*() const noexcept {
  const ByteReader reader(wire_);
  return reader.view_at(offset_ + 1, reader.u8_at(offset_));
}

DnsName::Labels::iterator& DnsName::Labels::iterator::operator++() noexcept {
  if (!at_end()) offset_ += 1 + std::size_t{ByteReader(wire_).u8_at(offset_)};
  return *this;
}

bool DnsName::Labels::iterator::at_end() const noexcept {
  return offset_ >= wire_.size() || ByteReader(wire_).u8_at(offset_) == 0;
}

// ---------------------------------------------------------------------------------------------
// Character-strings and options

ByteView DnsCharacterStrings::iterator::operator*() const noexcept {
  const ByteReader reader(data_);
  return reader.view_at(offset_ + 1, reader.u8_at(offset_));
}

DnsCharacterStrings::iterator& DnsCharacterStrings::iterator::operator++() noexcept {
  if (!at_end()) offset_ += 1 + std::size_t{ByteReader(data_).u8_at(offset_)};
  return *this;
}

bool DnsCharacterStrings::iterator::at_end() const noexcept {
  return offset_ >= data_.size() || ByteReader(data_).u8_at(offset_) > data_.size() - offset_ - 1;
}

std::size_t DnsCharacterStrings::size() const noexcept {
  std::size_t count = 0;
  for (auto it = begin(); it != end(); ++it) ++count;
  return count;
}

DnsOption DnsOptions::iterator::operator*() const noexcept {
  const ByteReader reader(data_);
  return DnsOption{reader.u16_at(offset_), reader.view_at(offset_ + 4, reader.u16_at(offset_ + 2))};
}

DnsOptions::iterator& DnsOptions::iterator::operator++() noexcept {
  if (!at_end()) offset_ += 4 + std::size_t{ByteReader(data_).u16_at(offset_ + 2)};
  return *this;
}

bool DnsOptions::iterator::at_end() const noexcept {
  return data_.size() < 4 || offset_ > data_.size() - 4 ||
         ByteReader(data_).u16_at(offset_ + 2) > data_.size() - offset_ - 4;
}

std::size_t DnsOptions::size() const noexcept {
  std::size_t count = 0;
  for (auto it = begin(); it != end(); ++it) ++count;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Questions and records

DnsQuestion::DnsQuestion(ByteView message, std::size_t offset, DnsFlavor flavor) noexcept
    : message_(message), offset_(offset), flavor_(flavor) {
  const std::size_t end = skip_name(message, offset, message.size());
  fixed_ = end == npos ? message.size() : end;
}

DnsName DnsQuestion::name() const noexcept {
  auto name = DnsName::decompress(message_, offset_);
  return name ? *name : DnsName();
}

DnsClass DnsQuestion::class_() const noexcept { return DnsClass{class_without_flag(raw_class(), flavor_)}; }

bool DnsQuestion::unicast_response() const noexcept {
  return flavor_ == DnsFlavor::mdns && (raw_class() & 0x8000) != 0;
}

DnsRecord::DnsRecord(ByteView message, std::size_t offset, DnsSection section, DnsFlavor flavor) noexcept
    : message_(message), offset_(offset), section_(section), flavor_(flavor) {
  const std::size_t end = skip_name(message, offset, message.size());
  fixed_ = end == npos ? message.size() : end;
}

DnsName DnsRecord::name() const noexcept {
  auto name = DnsName::decompress(message_, offset_);
  return name ? *name : DnsName();
}

DnsClass DnsRecord::class_() const noexcept { return DnsClass{class_without_flag(raw_class(), flavor_)}; }

bool DnsRecord::cache_flush() const noexcept { return flavor_ == DnsFlavor::mdns && (raw_class() & 0x8000) != 0; }

ByteView DnsRecord::rdata() const noexcept {
  const ByteView rest = ByteReader(message_).view_from(rdata_offset());
  return rest.first(std::min<std::size_t>(rest.size(), rdata_length()));
}

std::optional<Ipv4Address> DnsRecord::a() const noexcept {
  if (type() != DnsType::a || rdata_length() != 4 || rdata().size() != 4) return std::nullopt;
  return Ipv4Address{ByteReader(message_).array_at<4>(rdata_offset())};
}

std::optional<Ipv6Address> DnsRecord::aaaa() const noexcept {
  if (type() != DnsType::aaaa || rdata_length() != 16 || rdata().size() != 16) return std::nullopt;
  return Ipv6Address{ByteReader(message_).array_at<16>(rdata_offset())};
}

std::optional<DnsName> DnsRecord::rdata_name(DnsType expected) const noexcept {
  if (type() != expected || rdata_length() == 0 ||
      !rdata_ok(message_, rdata_offset(), rdata_length(), expected, static_cast<std::uint16_t>(class_())))
    return std::nullopt;
  auto name = DnsName::decompress(message_, rdata_offset());
  if (!name) return std::nullopt;
  return *name;
}

std::optional<DnsName> DnsRecord::cname() const noexcept { return rdata_name(DnsType::cname); }
std::optional<DnsName> DnsRecord::ns() const noexcept { return rdata_name(DnsType::ns); }
std::optional<DnsName> DnsRecord::ptr() const noexcept { return rdata_name(DnsType::ptr); }

std::optional<DnsMx> DnsRecord::mx() const noexcept {
  if (type() != DnsType::mx || rdata_length() == 0 ||
      !rdata_ok(message_, rdata_offset(), rdata_length(), DnsType::mx, static_cast<std::uint16_t>(class_())))
    return std::nullopt;
  auto exchange = DnsName::decompress(message_, rdata_offset() + 2);
  if (!exchange) return std::nullopt;
  return DnsMx{ByteReader(message_).u16_at(rdata_offset()), *exchange};
}

std::optional<DnsSoa> DnsRecord::soa() const noexcept {
  if (type() != DnsType::soa || rdata_length() == 0 ||
      !rdata_ok(message_, rdata_offset(), rdata_length(), DnsType::soa, static_cast<std::uint16_t>(class_())))
    return std::nullopt;
  std::size_t mname_length = 0;
  std::size_t rname_length = 0;
  auto mname = DnsName::decompress(message_, rdata_offset(), &mname_length);
  if (!mname) return std::nullopt;
  auto rname = DnsName::decompress(message_, rdata_offset() + mname_length, &rname_length);
  if (!rname) return std::nullopt;
  const ByteReader reader(message_);
  const std::size_t times = rdata_offset() + mname_length + rname_length;
  return DnsSoa{*mname,
                *rname,
                reader.u32_at(times),
                reader.u32_at(times + 4),
                reader.u32_at(times + 8),
                reader.u32_at(times + 12),
                reader.u32_at(times + 16)};
}

std::optional<DnsCharacterStrings> DnsRecord::txt() const noexcept {
  if (type() != DnsType::txt || rdata_length() == 0 ||
      !rdata_ok(message_, rdata_offset(), rdata_length(), DnsType::txt, static_cast<std::uint16_t>(class_())))
    return std::nullopt;
  return DnsCharacterStrings(rdata());
}

std::optional<DnsSrv> DnsRecord::srv() const noexcept {
  if (type() != DnsType::srv || rdata_length() == 0 ||
      !rdata_ok(message_, rdata_offset(), rdata_length(), DnsType::srv, static_cast<std::uint16_t>(class_())))
    return std::nullopt;
  auto target = DnsName::decompress(message_, rdata_offset() + 6);
  if (!target) return std::nullopt;
  const ByteReader reader(message_);
  return DnsSrv{reader.u16_at(rdata_offset()), reader.u16_at(rdata_offset() + 2), reader.u16_at(rdata_offset() + 4),
                *target};
}

std::optional<DnsHinfo> DnsRecord::hinfo() const noexcept {
  if (type() != DnsType::hinfo || rdata_length() == 0 ||
      !rdata_ok(message_, rdata_offset(), rdata_length(), DnsType::hinfo, static_cast<std::uint16_t>(class_())))
    return std::nullopt;
  const DnsCharacterStrings strings(rdata());
  auto it = strings.begin();
  const ByteView cpu = *it;
  ++it;
  return DnsHinfo{cpu, *it};
}

std::optional<DnsOpt> DnsRecord::opt() const noexcept {
  // The RDATA of OPT is a list of options, which may be empty.
  if (type() != DnsType::opt ||
      !rdata_ok(message_, rdata_offset(), rdata_length(), DnsType::opt, static_cast<std::uint16_t>(class_())))
    return std::nullopt;
  const std::uint32_t ttl_field = ttl();
  DnsOpt opt;
  opt.udp_payload_size = raw_class();
  opt.extended_rcode = static_cast<std::uint8_t>(ttl_field >> 24);
  opt.version = static_cast<std::uint8_t>(ttl_field >> 16);
  opt.flags = static_cast<std::uint16_t>(ttl_field);
  opt.dnssec_ok = (ttl_field & 0x8000) != 0;
  opt.options = DnsOptions(rdata());
  return opt;
}

// ---------------------------------------------------------------------------------------------
// Section ranges

DnsQuestions::iterator::iterator(ByteView message, std::size_t offset, std::size_t count, DnsFlavor flavor) noexcept
    : message_(message), offset_(offset), remaining_(count), flavor_(flavor) {
  settle();
}

void DnsQuestions::iterator::settle() noexcept {
  if (remaining_ == 0) return;
  const std::size_t end = skip_name(message_, offset_, message_.size());
  if (end == npos || message_.size() - end < 4) {
    remaining_ = 0;
    return;
  }
  next_ = end + 4;
}

DnsQuestions::iterator& DnsQuestions::iterator::operator++() noexcept {
  if (remaining_ == 0) return *this;
  --remaining_;
  offset_ = next_;
  settle();
  return *this;
}

DnsRecords::iterator::iterator(ByteView message, std::size_t offset, std::array<std::uint16_t, 3> counts,
                               DnsSection section, DnsSection last, DnsFlavor flavor) noexcept
    : message_(message),
      offset_(offset),
      remaining_(counts),
      section_(section),
      last_(last),
      flavor_(flavor),
      done_(false) {
  if (section_ == DnsSection::question) section_ = DnsSection::answer;
  settle();
}

void DnsRecords::iterator::settle() noexcept {
  for (;;) {
    const std::size_t index = static_cast<std::size_t>(section_) - 1;
    if (remaining_[index] == 0) {
      if (section_ >= last_) {
        done_ = true;
        return;
      }
      section_ = static_cast<DnsSection>(static_cast<std::uint8_t>(section_) + 1);
      continue;
    }
    const std::size_t end = skip_name(message_, offset_, message_.size());
    if (end == npos || message_.size() - end < 10) {
      done_ = true;
      return;
    }
    const std::size_t rdata_length = ByteReader(message_).u16_at(end + 8);
    if (rdata_length > message_.size() - end - 10) {
      done_ = true;
      return;
    }
    next_ = end + 10 + rdata_length;
    return;
  }
}

DnsRecords::iterator& DnsRecords::iterator::operator++() noexcept {
  if (done_) return *this;
  --remaining_[static_cast<std::size_t>(section_) - 1];
  offset_ = next_;
  settle();
  return *this;
}

ByteView DnsTcpMessages::iterator::operator*() const noexcept {
  const ByteReader reader(payload_);
  const std::size_t length = reader.u16_at(offset_);
  const ByteView rest = reader.view_from(offset_ + 2);
  return rest.first(std::min(length, rest.size()));
}

DnsTcpMessages::iterator& DnsTcpMessages::iterator::operator++() noexcept {
  if (!at_end()) offset_ += 2 + std::size_t{ByteReader(payload_).u16_at(offset_)};
  return *this;
}

// ---------------------------------------------------------------------------------------------
// DnsMessage

Result<DnsMessage> DnsMessage::parse(ByteView message, DnsFlavor flavor) noexcept {
  const Walk walk = walk_message(message, flavor, false);
  if (walk.error.kind != ErrorKind::none) return walk.error;
  DnsMessage view;
  view.bytes_ = message;
  view.flavor_ = flavor;
  view.section_offsets_ = walk.section_offsets;
  return view;
}

Result<DnsMessage> DnsMessage::parse(ByteView captured, std::size_t message_length, DnsFlavor flavor) noexcept {
  const bool complete = captured.size() >= message_length;
  const ByteView message = complete ? captured.first(message_length) : captured;
  const Walk walk = walk_message(message, flavor, complete, message_length);
  if (walk.error.kind != ErrorKind::none) return walk.error;
  DnsMessage view;
  view.bytes_ = message;
  view.flavor_ = flavor;
  view.section_offsets_ = walk.section_offsets;
  return view;
}

Result<DnsMessage> DnsMessage::parse_tcp(ByteView segment_payload, DnsFlavor flavor) noexcept {
  const Protocol protocol = protocol_of(flavor);
  if (segment_payload.size() < 2)
    return truncated(protocol, "segment shorter than the 2-octet length prefix", segment_payload.size());
  const std::size_t length = ByteReader(segment_payload).u16_at(0);
  const ByteView rest = segment_payload.subspan(2);
  auto shifted = [](DecodeError error) {
    error.offset += 2;  // offsets count from the start of the segment's payload
    return error;
  };
  if (rest.size() < length) {
    const Walk walk = walk_message(rest, flavor, false, length);
    if (walk.error.kind == ErrorKind::invalid) return shifted(walk.error);
    return truncated(protocol, "message does not fit its segment (TCP length prefix)", segment_payload.size());
  }
  auto message = parse(rest, length, flavor);
  if (!message) return shifted(message.error());
  return message;
}

DnsMessage::DnsMessage(ByteView message, DnsFlavor flavor) noexcept : bytes_(message), flavor_(flavor) {
  // Finds where the sections start without checking them: a section after one that does not fit
  // stays unknown (0) and its range is empty.
  const ByteReader reader(message);
  const std::size_t size = message.size();
  if (size < header_length) return;
  std::size_t position = header_length;
  const std::uint16_t questions = reader.u16_at(4);
  for (std::size_t i = 0; i < questions; ++i) {
    const std::size_t end = skip_name(message, position, size);
    if (end == npos || size - end < 4) return;
    position = end + 4;
  }
  section_offsets_[0] = position;
  for (std::size_t section = 0; section < 3; ++section) {
    const std::uint16_t count = reader.u16_at(6 + 2 * section);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t end = skip_name(message, position, size);
      if (end == npos || size - end < 10) return;
      const std::size_t rdata_length = reader.u16_at(end + 8);
      if (rdata_length > size - end - 10) return;
      position = end + 10 + rdata_length;
    }
    section_offsets_[section + 1] = position;
  }
}

DnsQuestions DnsMessage::questions() const noexcept {
  if (bytes_.size() < header_length) return DnsQuestions();
  return DnsQuestions(bytes_, header_length, question_count(), flavor_);
}

DnsRecords DnsMessage::records_of(DnsSection first, DnsSection last) const noexcept {
  const std::size_t start = section_offsets_[static_cast<std::size_t>(first) - 1];
  if (start == 0) return DnsRecords();
  return DnsRecords(bytes_, start, {answer_count(), authority_count(), additional_count()}, first, last, flavor_);
}

std::optional<DnsOpt> DnsMessage::edns() const noexcept {
  for (const DnsRecord& record : additionals())
    if (record.type() == DnsType::opt) return record.opt();
  return std::nullopt;
}

DnsRcode DnsMessage::extended_rcode() const noexcept {
  const auto opt = edns();
  if (!opt) return rcode();
  return DnsRcode{static_cast<std::uint16_t>((opt->extended_rcode << 4) | (flags() & 0x000F))};
}

ByteView DnsMessage::trailing_data() const noexcept {
  if (section_offsets_[3] == 0) return {};
  return ByteReader(bytes_).view_from(section_offsets_[3]);
}

}  // namespace pktdoc
