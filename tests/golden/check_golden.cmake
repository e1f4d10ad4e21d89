# One golden test: run an example on a capture and compare its output with the golden file.
#   cmake -DEXAMPLE=prog -DCAPTURE=file.pcap -DGOLDEN=expected.txt -DOUTPUT=actual.txt -P check_golden.cmake
# The example runs with TZ=UTC and LC_ALL=C, as tools/regenerate-golden runs it, so that times
# and numbers print the same everywhere.
set(ENV{TZ} "UTC")
set(ENV{LC_ALL} "C")
execute_process(COMMAND ${EXAMPLE} -f ${CAPTURE} RESULT_VARIABLE status OUTPUT_FILE ${OUTPUT} ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${EXAMPLE} -f ${CAPTURE} exited with ${status}: ${err}")
endif()
if(NOT EXISTS ${GOLDEN})
  message(FATAL_ERROR "no golden file ${GOLDEN}: run tools/regenerate-golden BUILD_DIR, then review it like code")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${GOLDEN} ${OUTPUT} RESULT_VARIABLE different)
if(different)
  find_program(DIFF diff)
  if(DIFF)
    execute_process(COMMAND ${DIFF} -u ${GOLDEN} ${OUTPUT} OUTPUT_VARIABLE delta)
    string(SUBSTRING "${delta}" 0 6000 delta)
  endif()
  message(FATAL_ERROR "output differs from ${GOLDEN}:\n${delta}")
endif()
