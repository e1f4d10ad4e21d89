# cmake -P script behind the install.consumer test (see consumer_test.cmake):
#   1. cmake --install PKTDOC_BUILD_DIR --prefix WORK_DIR/prefix
#   2. configure and build SOURCE_DIR (the consumer project) in WORK_DIR/build with
#      CMAKE_PREFIX_PATH=WORK_DIR/prefix, and check that find_package found that prefix
#   3. run the consumer and compare what it prints with the expected text.
cmake_minimum_required(VERSION 3.25)

foreach(var PKTDOC_BUILD_DIR WORK_DIR SOURCE_DIR GENERATOR EXPECTED_VERSION)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_consumer.cmake: -D${var}=... is required")
  endif()
endforeach()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

set(config_args "")
if(CONFIG)
  set(config_args --config "${CONFIG}")
endif()

# Runs one step; on failure prints its output and fails the test.
function(step what)
  message(STATUS "consumer test: ${what}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(NOTICE "${out}")
    message(FATAL_ERROR "consumer test: ${what} failed (${rc}); its output is above")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

step("install ${PKTDOC_BUILD_DIR} into ${prefix}"
     "${CMAKE_COMMAND}" --install "${PKTDOC_BUILD_DIR}" --prefix "${prefix}" ${config_args})
file(GLOB_RECURSE config_files "${prefix}/*/pktdocConfig.cmake")
if(NOT config_files)
  message(FATAL_ERROR "consumer test: the install has no pktdocConfig.cmake under ${prefix}")
endif()

set(configure_args -S "${SOURCE_DIR}" -B "${build}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(MAKE_PROGRAM)
  list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_COMPILER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(CONFIG)
  list(APPEND configure_args "-DCMAKE_BUILD_TYPE=${CONFIG}")
endif()
if(EXTRA_FLAGS)
  list(APPEND configure_args "-DCMAKE_CXX_FLAGS=${EXTRA_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${EXTRA_FLAGS}")
endif()
step("configure the consumer with CMAKE_PREFIX_PATH=${prefix}" "${CMAKE_COMMAND}" ${configure_args})

# find_package must have used the fresh install, not another pktdoc on the machine.
file(STRINGS "${build}/CMakeCache.txt" found_dir REGEX "^pktdoc_DIR:")
string(REGEX REPLACE "^pktdoc_DIR:[A-Z]+=" "" found_dir "${found_dir}")
file(REAL_PATH "${prefix}" real_prefix)
file(REAL_PATH "${found_dir}" real_found_dir)
string(FIND "${real_found_dir}/" "${real_prefix}/" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "consumer test: find_package(pktdoc) used ${found_dir}, not the install in ${prefix}")
endif()

step("build the consumer" "${CMAKE_COMMAND}" --build "${build}" ${config_args})

set(program "${build}/consumer")
if(NOT EXISTS "${program}" AND CONFIG)
  set(program "${build}/${CONFIG}/consumer")
endif()
step("run ${program}" "${program}")

set(expected "pktdoc ${EXPECTED_VERSION}
address 192.0.2.1 198.51.100.7
checksum 0x220d verified 0x0000
")
if(NOT step_output STREQUAL expected)
  message(NOTICE "The consumer printed:\n${step_output}Expected:\n${expected}")
  message(FATAL_ERROR "consumer test: the consumer's output differs from what is expected")
endif()
message(STATUS "consumer test: passed (pktdoc::pktdoc from ${found_dir})")
