#!/usr/bin/env bash
# Installs the missing Debian packages, configures and builds pktdoc, and runs the whole ctest
# suite, ending with ctest's summary. Exits non-zero if any step or any test fails.
#
#   ./test.sh [CMAKE_ARGS...]      e.g. ./test.sh -DPKTDOC_EXTRA_CASES=$PWD/../shared/captures/test_cases.tsv
#
# Arguments go to the CMake configure step. PKTDOC_PRESET picks the preset (default: release,
# shared with ./run.sh; also debug, asan). The build is in build/<preset>.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$top"
preset=${PKTDOC_PRESET:-release}
jobs=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}

"$top/tools/setup.sh"
echo "test: configuring build/$preset (cmake --preset $preset${*:+ $*})"
cmake --preset "$preset" "$@"
echo "test: building build/$preset"
cmake --build --preset "$preset" --parallel "$jobs"
echo "test: running ctest in build/$preset"
ctest --preset "$preset" --parallel "$jobs"
