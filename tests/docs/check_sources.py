#!/usr/bin/python3
"""Checks that the site cannot show code that ctest does not compile and run.

    check_sources.py PROJECT_ROOT

Rules, for every .rst file under docs/:

- No code-block, code, sourcecode or parsed-literal directive and no `::` literal block: code
  on the site comes only from `literalinclude`, header diagrams from `pktdoc-diagram` and
  pictures of captures from `pktdoc-picture` (both checked by the build).
- A literalinclude of a program (.cpp, .hpp) names a file under examples/, docs/examples/ or
  tests/, and selects its lines by marker comments (:start-after: and :end-before:, or
  :start-at: and :end-at:), never by line numbers (:lines:, :lineno-start: with numbers). Each
  marker occurs in the file.
- A literalinclude of an output (.txt) names a golden file under tests/golden/.

And for the snippet programs, docs/examples/*.cpp: each has its golden file
tests/golden/docs/<name>.txt (run and compared by a docs.example.<name> test) and is quoted on at
least one page, so no snippet drifts away from the site.

Prints one line per problem and exits 1 if there is any.
"""

import os
import re
import sys

FORBIDDEN = re.compile(r"^\s*\.\.\s+(code-block|code|sourcecode|parsed-literal)::")
DIRECTIVE = re.compile(r"^(\s*)\.\.\s+([a-zA-Z-]+)::\s*(.*)$")
OPTION = re.compile(r"^\s+:([a-z-]+):\s*(.*)$")
PROGRAM_DIRS = ("examples/", "docs/examples/", "tests/")


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    docs = os.path.join(root, "docs")
    problems = []
    quoted = set()
    for folder, dirs, files in os.walk(docs):
        dirs[:] = [d for d in dirs if not d.startswith(("_", ".")) and d != "examples"]
        for name in sorted(files):
            if not name.endswith(".rst"):
                continue
            path = os.path.join(folder, name)
            where = os.path.relpath(path, root)
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
            for number, line in enumerate(lines, 1):
                if FORBIDDEN.match(line):
                    problems.append(f"{where}:{number}: a code block that ctest does not run; "
                                    "literalinclude a compiled file between marker comments instead")
                    continue
                stripped = line.rstrip()
                if stripped.endswith("::") and not DIRECTIVE.match(line) and not stripped.lstrip().startswith(".."):
                    problems.append(f"{where}:{number}: a '::' literal block; use literalinclude for code, "
                                    "pktdoc-diagram for header diagrams and pktdoc-picture for captures")
                directive = DIRECTIVE.match(line)
                if not directive or directive.group(2) != "literalinclude":
                    continue
                options = {}
                following = number
                while following < len(lines) and OPTION.match(lines[following]):
                    key, value = OPTION.match(lines[following]).groups()
                    options[key] = value
                    following += 1
                target = os.path.normpath(os.path.join(folder, directive.group(3).strip()))
                relative = os.path.relpath(target, root)
                if not os.path.isfile(target):
                    problems.append(f"{where}:{number}: {relative} does not exist")
                    continue
                quoted.add(relative)
                if "lines" in options or "pyobject" in options:
                    problems.append(f"{where}:{number}: select lines by marker comments, not :lines:")
                if relative.endswith((".cpp", ".hpp", ".h", ".py", ".cmake", ".sh", "CMakeLists.txt")):
                    if not relative.startswith(PROGRAM_DIRS):
                        problems.append(f"{where}:{number}: {relative} is not a program that ctest builds "
                                        "and runs (examples/, docs/examples/, tests/)")
                    pairs = (("start-after", "end-before"), ("start-at", "end-at"))
                    if not any(a in options and b in options for a, b in pairs):
                        problems.append(f"{where}:{number}: quote {relative} between two marker comments "
                                        "(:start-after: and :end-before:)")
                    with open(target, encoding="utf-8") as f:
                        text = f.read()
                    for key in ("start-after", "end-before", "start-at", "end-at"):
                        if key in options and options[key] not in text:
                            problems.append(f"{where}:{number}: marker '{options[key]}' is not in {relative}")
                elif relative.endswith(".txt"):
                    if not relative.startswith("tests/golden/"):
                        problems.append(f"{where}:{number}: {relative} is not a golden file (tests/golden/)")
                else:
                    problems.append(f"{where}:{number}: {relative}: only programs and golden outputs are quoted")

    snippets = os.path.join(docs, "examples")
    if os.path.isdir(snippets):
        for name in sorted(os.listdir(snippets)):
            if not name.endswith(".cpp"):
                continue
            stem = name[:-4]
            if not os.path.exists(os.path.join(root, "tests", "golden", "docs", stem + ".txt")):
                problems.append(f"docs/examples/{name}: no golden file tests/golden/docs/{stem}.txt "
                                "(tools/docs/regenerate-goldens BUILD_DIR)")
            if f"docs/examples/{name}" not in quoted:
                problems.append(f"docs/examples/{name}: no page quotes it")
    for problem in problems:
        print("check_sources: " + problem)
    print(f"check_sources: {len(quoted)} quoted file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
