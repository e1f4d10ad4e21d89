# Registers install.consumer (label "install"): installs this build tree into a prefix under
# the build directory, builds tests/consumer against it with find_package(pktdoc) and runs it.
# Included by tests/CMakeLists.txt; check_consumer.cmake (run with cmake -P) does the work.

# A library built with sanitizers needs them at link time in its consumers too; pktdoc does not
# export its build flags, so the consumer gets them here.
set(_pktdoc_consumer_flags "")
if(PKTDOC_SANITIZE)
  set(_pktdoc_consumer_flags "-fsanitize=address,undefined -fno-omit-frame-pointer")
endif()

add_test(NAME install.consumer
         COMMAND ${CMAKE_COMMAND}
                 "-DPKTDOC_BUILD_DIR=${pktdoc_BINARY_DIR}"
                 "-DCONFIG=$<CONFIG>"
                 "-DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/consumer"
                 "-DSOURCE_DIR=${CMAKE_CURRENT_LIST_DIR}"
                 "-DGENERATOR=${CMAKE_GENERATOR}"
                 "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
                 "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
                 "-DEXTRA_FLAGS=${_pktdoc_consumer_flags}"
                 "-DEXPECTED_VERSION=${pktdoc_VERSION}"
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_consumer.cmake)
set_tests_properties(install.consumer PROPERTIES LABELS install TIMEOUT 600)
unset(_pktdoc_consumer_flags)
