#!/usr/bin/env bash
# The main job: installs the missing Debian packages, configures and builds pktdoc, renders the
# HTML site (when the build has a 'docs' target), runs every example on its bundled capture as
# test_cases.tsv lists them, and says where to look.
#
#   ./run.sh [CMAKE_ARGS...]       e.g. ./run.sh -DPKTDOC_BUILD_DOCS=OFF
#
# Arguments go to the CMake configure step. PKTDOC_PRESET picks the preset (default: release,
# shared with ./test.sh; also debug, asan). The build is in build/<preset>; the examples'
# outputs go to build/<preset>/run/<example>/<capture>.txt (stderr beside it, as .stderr).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$top"
preset=${PKTDOC_PRESET:-release}
jobs=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
build="$top/build/$preset"
cases="$top/test_cases.tsv"
captures="$top/captures"
outputs="$build/run"
example_timeout=300  # seconds; a decoder that loops forever on a capture is a failure

"$top/tools/setup.sh"
echo "run: configuring build/$preset (cmake --preset $preset${*:+ $*})"
cmake --preset "$preset" "$@"
echo "run: building build/$preset"
cmake --build --preset "$preset" --parallel "$jobs"

# The docs.
site=""
docs_note="not built: no 'docs' target in this build"
if cmake --build "$build" --target help 2>/dev/null | grep -Eq '^(\.\.\. )?docs(:|$)'; then
  echo "run: building the docs (cmake --build --preset $preset --target docs)"
  cmake --build --preset "$preset" --parallel "$jobs" --target docs
  # The Sphinx site is the directory holding searchindex.js (the shallowest one, if several).
  index=$(find "$build" -path "$build/CMakeFiles" -prune -o -name searchindex.js -print 2>/dev/null |
    awk '{ print length($0) "\t" $0 }' | sort -n | head -n 1 | cut -f 2-)
  if [ -n "$index" ] && [ -f "$(dirname "$index")/index.html" ]; then
    site="$(dirname "$index")/index.html"
  else
    docs_note="the docs target built, but no Sphinx site (searchindex.js) under build/$preset"
  fi
else
  echo "run: no 'docs' target in this build (not there yet, or -DPKTDOC_BUILD_DOCS=OFF): skipping the docs"
fi

# The examples, one run per row of test_cases.tsv: capture <TAB> example <TAB> conditions.
ran=0 failed=0 skipped=0
rm -rf "$outputs"
if [ ! -f "$cases" ]; then
  echo "run: no test_cases.tsv yet: no examples to run"
else
  echo "run: running the examples on the bundled captures (test_cases.tsv)"
  line_number=0
  while IFS=$'\t' read -r capture example conditions || [ -n "$capture" ]; do
    line_number=$((line_number + 1))
    capture=${capture%$'\r'} example=${example%$'\r'} conditions=${conditions%$'\r'}
    [ "$line_number" -eq 1 ] && [ "$capture" = capture ] && continue  # the header
    [ -z "$capture" ] || [ "${capture:0:1}" = "#" ] && continue
    label="$example $capture"
    program="$build/examples/$example"
    if [ ! -f "$captures/$capture" ]; then
      echo "  skipped  $label: no captures/$capture"
      skipped=$((skipped + 1))
      continue
    fi
    if [ ! -x "$program" ]; then
      echo "  skipped  $label: $example is not built (PKTDOC_BUILD_EXAMPLES=OFF, or not written yet)"
      skipped=$((skipped + 1))
      continue
    fi
    out="$outputs/$example/$capture.txt"
    err="$outputs/$example/$capture.stderr"
    mkdir -p "$(dirname "$out")"
    rc=0
    timeout "$example_timeout" "$program" "$captures/$capture" >"$out" 2>"$err" </dev/null || rc=$?
    [ -s "$err" ] || rm -f "$err"
    ran=$((ran + 1))
    if [ "$rc" -eq 0 ]; then
      echo "  ok       $label: $(wc -l <"$out") lines -> ${out#"$top/"}"
    else
      if [ "$rc" -eq 124 ]; then why="timed out after ${example_timeout}s"; else why="exit status $rc"; fi
      see=${out#"$top/"}
      [ -f "$err" ] && see="$see and ${err#"$top/"}"
      echo "  FAILED   $label ($conditions): $why; see $see"
      failed=$((failed + 1))
    fi
  done <"$cases"
  if [ $((ran + skipped)) -eq 0 ]; then
    echo "run: test_cases.tsv has no rows yet"
  fi
fi

echo
echo "Where to look:"
if [ -n "$site" ]; then
  echo "  the site:         ${site#"$top/"}  (open it in a browser: file://$site)"
else
  echo "  the site:         $docs_note"
fi
if [ "$ran" -gt 0 ]; then
  echo "  example outputs:  ${outputs#"$top/"}/<example>/<capture>.txt"
fi
echo "  example programs: build/$preset/examples/ (run one on any capture: build/$preset/examples/dissect FILE)"
echo "  the library:      build/$preset/reference/"
echo "  the tests:        ./test.sh, or: ctest --preset $preset"
echo "run: $ran example run(s), $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
