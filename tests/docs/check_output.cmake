# Runs a program that the site quotes and compares what it prints with its golden file.
#
#   cmake -DPROGRAM=... -DARGS=a|b|c -DGOLDEN=... -DOUTPUT=... -DWORKING_DIRECTORY=... -P check_output.cmake
#
# The program runs from WORKING_DIRECTORY (the project's root, so that the paths it is given and
# prints are the same on every machine) with TZ=UTC and LC_ALL=C. It must exit 0, write nothing on
# stderr, and print exactly the golden file. tools/docs/regenerate-goldens rewrites golden files.
string(REPLACE "|" ";" arguments "${ARGS}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env TZ=UTC LC_ALL=C ${PROGRAM} ${arguments}
                WORKING_DIRECTORY ${WORKING_DIRECTORY}
                OUTPUT_FILE ${OUTPUT}
                ERROR_VARIABLE errors
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} ${arguments} exited with status ${status}\n${errors}")
endif()
if(NOT errors STREQUAL "")
  message(FATAL_ERROR "${PROGRAM} wrote to stderr:\n${errors}")
endif()
if(NOT EXISTS ${GOLDEN})
  message(FATAL_ERROR "no golden file ${GOLDEN}; write it with tools/docs/regenerate-goldens BUILD_DIR, "
                      "and review it like code. The output is in ${OUTPUT}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${GOLDEN} ${OUTPUT} RESULT_VARIABLE different)
if(different)
  find_program(DIFF diff)
  if(DIFF)
    execute_process(COMMAND ${DIFF} -u ${GOLDEN} ${OUTPUT} OUTPUT_VARIABLE difference)
  endif()
  message(FATAL_ERROR "the output differs from ${GOLDEN} (the site shows the golden file):\n${difference}\n"
                      "If the new output is right, run tools/docs/regenerate-goldens BUILD_DIR and review the diff.")
endif()
