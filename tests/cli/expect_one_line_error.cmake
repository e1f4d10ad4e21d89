# Runs COMMAND (a ;-list) and checks that it fails the way every pktdoc program must fail on bad
# input: a non-zero exit status, exactly one line on stderr, matching EXPECT (a regex) if given.
#   cmake -DCOMMAND="prog;arg" [-DEXPECT=regex] -P expect_one_line_error.cmake
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(status EQUAL 0)
  message(FATAL_ERROR "expected a failure, but '${COMMAND}' exited with 0")
endif()
string(STRIP "${err}" stripped)
string(FIND "${stripped}" "\n" newline)
if(stripped STREQUAL "" OR NOT newline EQUAL -1)
  message(FATAL_ERROR "expected exactly one line on stderr, got:\n${err}")
endif()
if(DEFINED EXPECT AND NOT stripped MATCHES "${EXPECT}")
  message(FATAL_ERROR "stderr '${stripped}' does not match '${EXPECT}'")
endif()
message(STATUS "failed as expected (status ${status}): ${stripped}")
