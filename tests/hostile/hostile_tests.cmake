# The hostile-input tests (issue 8, item 3; docs/hostile-input.rst): every adversarial capture of
# tools/hostile_captures, in every dissect mode, run by hostile_run under a timeout and a bound
# on peak memory. Included from tests/CMakeLists.txt. Run them with `ctest -L hostile`.
#
#   hostile.generate          writes the captures into BUILD/tests/hostile-captures (a fixture)
#   hostile.NAME.MODE         dissect MODE NAME.pcap: no crash, no hang, the exit status and the
#                             stderr message of NAME.expect, the marker packets before and after
#                             the damage in the output, peak RSS under the bound of the mode
if(NOT PKTDOC_BUILD_EXAMPLES)
  return()
endif()
# The captures come from tools/hostile_captures, which the top-level CMakeLists.txt adds.
# The runner: runs dissect on one capture in one mode and checks it (see hostile_run.cpp).
add_executable(hostile_run ${CMAKE_CURRENT_LIST_DIR}/hostile_run.cpp)
target_link_libraries(hostile_run PRIVATE pktdoc_build_flags)

set(PKTDOC_HOSTILE_DIR ${CMAKE_CURRENT_BINARY_DIR}/hostile-captures)
set(PKTDOC_HOSTILE_CAPTURES
    fragments_never_complete overlapping_fragments tcp_outside_window syn_flood dns_hostile lying_lengths deep_headers
    caplen_over_snaplen caplen_past_file caplen_huge cut_in_record_header cut_in_record empty_file not_a_capture)
set(PKTDOC_HOSTILE_MODES summary packets stats datagrams streams http)

# [hostile-bounds]
# Peak RSS bounds in MiB, per mode, from the documented limits at their defaults (see
# docs/hostile-input.rst). Every mode: the process, libpcap, one frame and its output lines.
set(hostile_base 32)
# datagrams: plus the IpDefragmenter's DefragmentLimits::max_buffered_bytes (4 MiB), which counts
# its per-datagram records too.
math(EXPR hostile_datagrams "${hostile_base} + 4")
# streams: plus the TcpReassembler at TcpReassembler::Limits::max_connections (131072) of
# sizeof_connection() (432 bytes on x86-64) and up to 4 hash entries of 8 bytes each, its
# max_buffered_bytes (256 MiB), and the StreamListing's record of 296 bytes per connection number,
# allocated 256 at a time (the largest capture, syn_flood, has 100,006 connections; the +1 MiB
# covers the last, partly used block of 74 KiB).
set(hostile_connections 131072)
math(EXPR hostile_reassembler "(${hostile_connections} * (432 + 4 * 8)) / 1048576 + 1 + 256")
math(EXPR hostile_streams "${hostile_base} + ${hostile_reassembler} + (100006 * 296) / 1048576 + 1")
# http: the defragmenter and the reassembler as above, plus the HttpTracker: about 600 bytes and
# two HttpStreamParser objects (696 bytes each on x86-64) per connection, the parsers' buffers
# within HttpTrackerOptions::max_buffered_bytes (256 MiB) plus one head (HttpLimits::max_head_bytes,
# 64 KiB).
math(EXPR hostile_http "${hostile_base} + 4 + ${hostile_reassembler} + (${hostile_connections} * (600 + 2 * 696)) / 1048576 + 1 + 256 + 1")
# [hostile-bounds]
set(PKTDOC_HOSTILE_TIMEOUT 120)
if(PKTDOC_SANITIZE)
  # AddressSanitizer's shadow memory and quarantine say nothing about pktdoc's memory: the
  # sanitizer builds check everything but the peak RSS, with more time.
  set(hostile_base 0)
  set(hostile_datagrams 0)
  set(hostile_streams 0)
  set(hostile_http 0)
  set(PKTDOC_HOSTILE_TIMEOUT 600)
endif()

add_test(NAME hostile.generate COMMAND hostile_captures ${PKTDOC_HOSTILE_DIR})
set_tests_properties(hostile.generate PROPERTIES LABELS hostile FIXTURES_SETUP pktdoc_hostile_captures TIMEOUT 600)

foreach(capture IN LISTS PKTDOC_HOSTILE_CAPTURES)
  foreach(mode IN LISTS PKTDOC_HOSTILE_MODES)
    if(mode STREQUAL "datagrams")
      set(bound ${hostile_datagrams})
    elseif(mode STREQUAL "streams")
      set(bound ${hostile_streams})
    elseif(mode STREQUAL "http")
      set(bound ${hostile_http})
    else()
      set(bound ${hostile_base})
    endif()
    add_test(NAME hostile.${capture}.${mode}
             COMMAND hostile_run $<TARGET_FILE:dissect> ${mode} ${PKTDOC_HOSTILE_DIR} ${capture} ${bound}
                     ${PKTDOC_HOSTILE_TIMEOUT})
    math(EXPR ctest_timeout "${PKTDOC_HOSTILE_TIMEOUT} + 60")
    set_tests_properties(hostile.${capture}.${mode} PROPERTIES LABELS hostile FIXTURES_REQUIRED pktdoc_hostile_captures
                                                              TIMEOUT ${ctest_timeout})
  endforeach()
endforeach()
