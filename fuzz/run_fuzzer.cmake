# Runs one fuzz target for a ctest (cmake -P). Variables:
#   FUZZER       the target's executable
#   NAME         the target's name (frame, dns, ...)
#   MODE         run: fuzz for SECONDS from SEEDS and REGRESSIONS, copied into WORK/corpus;
#                regressions: run every file of REGRESSIONS once
#   REGRESSIONS  the committed regression corpus of the target (may be missing or empty)
#   WORK         a scratch folder of the build tree, emptied first
#   SEEDS        (run) the generated seed corpus
#   SECONDS      (run) how long to fuzz
#   DICTIONARY   (run) a libFuzzer dictionary, or empty
# libFuzzer exits non-zero on a crash, a sanitizer report, a leak, a timeout (-timeout) or an
# out-of-memory (-rss_limit_mb); the test then fails, printing the report and how to reproduce it.
cmake_minimum_required(VERSION 3.25)

set(limits -rss_limit_mb=2048 -timeout=5)
set(environment "ASAN_OPTIONS=detect_leaks=1"
                "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(log "${WORK}/fuzz.log")

set(regression_files "")
if(IS_DIRECTORY "${REGRESSIONS}")
  file(GLOB regression_files LIST_DIRECTORIES false "${REGRESSIONS}/*")
  list(FILTER regression_files EXCLUDE REGEX "/README[^/]*$")
endif()

if(MODE STREQUAL "regressions")
  list(LENGTH regression_files count)
  if(count EQUAL 0)
    message(STATUS "fuzz_${NAME}: no regression files in ${REGRESSIONS}")
    return()
  endif()
  message(STATUS "fuzz_${NAME}: running ${count} regression file(s) from ${REGRESSIONS}")
  # One process per file, so that every file that fails is named, not only the first.
  set(failed "")
  foreach(file IN LISTS regression_files)
    get_filename_component(file_name "${file}" NAME)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env ${environment} "${FUZZER}" ${limits} "${file}"
                    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT status EQUAL 0)
      message("---- ${file_name} (exit status ${status}):\n${output}")
      list(APPEND failed "${file_name}")
    endif()
  endforeach()
  if(failed)
    list(JOIN failed ", " failed)
    message(FATAL_ERROR "fuzz_${NAME}: regression file(s) of ${REGRESSIONS} fail again: ${failed}. Reproduce with: "
                        "${FUZZER} FILE")
  endif()
  message(STATUS "fuzz_${NAME}: all ${count} regression file(s) pass")
  return()
endif()

if(NOT MODE STREQUAL "run")
  message(FATAL_ERROR "run_fuzzer.cmake: MODE must be run or regressions, not '${MODE}'")
endif()
set(corpus "${WORK}/corpus")
set(artifacts "${WORK}/artifacts")
file(MAKE_DIRECTORY "${corpus}" "${artifacts}")
set(seed_files "")
if(IS_DIRECTORY "${SEEDS}")
  file(GLOB seed_files LIST_DIRECTORIES false "${SEEDS}/*")
endif()
if(seed_files OR regression_files)
  file(COPY ${seed_files} ${regression_files} DESTINATION "${corpus}")
endif()
list(LENGTH seed_files seed_count)
list(LENGTH regression_files regression_count)
set(dictionary_option "")
if(DICTIONARY)
  set(dictionary_option "-dict=${DICTIONARY}")
endif()
message(STATUS "fuzz_${NAME}: fuzzing for ${SECONDS} s from ${seed_count} seed(s) and ${regression_count} regression "
               "file(s), in ${WORK}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${environment} "${FUZZER}" ${limits} -max_total_time=${SECONDS}
                        -print_final_stats=1 -artifact_prefix=${artifacts}/ ${dictionary_option} "${corpus}"
                RESULT_VARIABLE status OUTPUT_FILE "${log}" ERROR_FILE "${log}")
if(NOT status EQUAL 0)
  # The report is at the end of the log (read as text: libFuzzer's lines hold brackets, which
  # CMake lists do not survive).
  file(READ "${log}" output)
  string(LENGTH "${output}" length)
  if(length GREATER 12000)
    math(EXPR start "${length} - 12000")
    string(SUBSTRING "${output}" ${start} -1 output)
  endif()
  message("${output}")
  file(GLOB found "${artifacts}/*")
  message(FATAL_ERROR "fuzz_${NAME}: the fuzzer found a problem (exit status ${status}); the input is in ${found}. "
                      "Reproduce it with: ${FUZZER} <that file>. Minimise it with: ${FUZZER} -minimize_crash=1 "
                      "-runs=20000 <that file>. Then add it to fuzz/regressions/${NAME}/ and a test to "
                      "tests/unit/fuzz_regressions_test.cpp (see fuzz/README.md).")
endif()
file(STRINGS "${log}" summary REGEX "^(INFO: seed corpus|Done [0-9]+ runs|stat::)")
list(JOIN summary "\n" summary)
message(STATUS "fuzz_${NAME}: no problem found\n${summary}")
