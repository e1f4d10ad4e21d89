# The checks of the bundled captures (captures/, written by tools/capture_generator), included at
# the end of tests/CMakeLists.txt:
# - captures.regenerate: the generator, run again into a scratch folder, writes the same files,
#   byte for byte (determinism: no clock, no unseeded randomness);
# - captures.tshark: tshark decodes every bundled capture without a malformed packet, with every
#   checksum it can verify good (IPv4, TCP, UDP, ICMP, ICMPv6, SCTP CRC-32C validation on) and no
#   expert Error (tests/captures/check_with_tshark.py); skipped without tshark.
# The oracle tests (oracle.<mode>.<capture>) and the golden tests of their rows in test_cases.tsv
# come from tests/CMakeLists.txt, like those of every other capture.
if(TARGET capture_generator)
  add_test(NAME captures.regenerate
           COMMAND ${CMAKE_COMMAND} -DGENERATOR=$<TARGET_FILE:capture_generator>
                   -DCAPTURES=${PROJECT_SOURCE_DIR}/captures
                   -DOUTPUT=${CMAKE_CURRENT_BINARY_DIR}/regenerated-captures
                   -P ${CMAKE_CURRENT_LIST_DIR}/compare_regenerated.cmake)
  set_tests_properties(captures.regenerate PROPERTIES LABELS captures)
endif()
find_program(PKTDOC_PYTHON3 NAMES python3 REQUIRED)
file(GLOB pktdoc_bundled_captures CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/captures/*.pcap
     ${PROJECT_SOURCE_DIR}/captures/*.pcapng ${PROJECT_SOURCE_DIR}/captures/*.cap)
if(pktdoc_bundled_captures)
  list(SORT pktdoc_bundled_captures)
  add_test(NAME captures.tshark
           COMMAND ${PKTDOC_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_with_tshark.py ${pktdoc_bundled_captures})
  set_tests_properties(captures.tshark PROPERTIES LABELS captures SKIP_RETURN_CODE 77)
endif()
