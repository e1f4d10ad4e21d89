#!/usr/bin/python3
"""Builds the reference site: Doxygen (XML) -> generated pages -> Breathe and Sphinx (HTML).

    build_site.py --source-dir DIR --binary-dir DIR --doxyfile FILE [--doxygen PATH]
                  [--sphinx-build PATH] [--dot PATH] [--version X.Y.Z] [--extra-cases TABLE|TABLE]

Both the `docs` target and the docs.sphinx_warnings test run this, so the site that ctest checks
is the site the target builds (BINARY_DIR/html). Steps:

1. Doxygen reads the public headers with undocumented-member warnings on. It is skipped when no
   header and not the Doxyfile changed since its last clean run. Any warning fails the build.
2. tools/docs/generate.py writes the deliverables, the tool versions and the generated API index
   into BINARY_DIR/generated.
3. Debian's sphinx-build renders docs/ with -W --keep-going (and nitpicky cross-references, set in
   docs/conf.py): any warning fails the build, after all of them have been printed. They are
   also kept in BINARY_DIR/sphinx-warnings.log.

Exit status 0 when the site was built without a single warning, 1 otherwise.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import time


def say(text):
    print(f"docs: {text}", flush=True)


def headers_fingerprint(include_dir, doxyfile):
    digest = hashlib.sha256()
    with open(doxyfile, "rb") as f:
        digest.update(f.read())
    for root, dirs, files in os.walk(include_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            status = os.stat(path)
            digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def run_doxygen(args, binary_dir):
    include_dir = os.path.join(args.source_dir, "reference", "include", "pktdoc")
    stamp = os.path.join(binary_dir, "doxygen.stamp")
    warnings = os.path.join(binary_dir, "doxygen-warnings.log")
    fingerprint = headers_fingerprint(include_dir, args.doxyfile)
    xml_index = os.path.join(binary_dir, "doxygen", "xml", "index.xml")
    if os.path.exists(stamp) and os.path.exists(xml_index):
        with open(stamp) as f:
            if f.read() == fingerprint:
                say("Doxygen: the headers have not changed, XML is up to date")
                return True
    say(f"Doxygen: {args.doxygen} {args.doxyfile}")
    if os.path.exists(stamp):
        os.remove(stamp)
    result = subprocess.run([args.doxygen, args.doxyfile], cwd=binary_dir)
    if result.returncode != 0:
        say(f"Doxygen failed with status {result.returncode}")
        return False
    if os.path.exists(warnings) and os.path.getsize(warnings) > 0:
        with open(warnings, encoding="utf-8", errors="replace") as f:
            text = f.read()
        sys.stdout.write(text)
        say(f"Doxygen: {text.count(chr(10))} warning line(s) (every public symbol needs its /// comment)")
        return False
    with open(stamp, "w") as f:
        f.write(fingerprint)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--binary-dir", required=True)
    parser.add_argument("--doxyfile", required=True)
    parser.add_argument("--doxygen", default="doxygen")
    parser.add_argument("--sphinx-build", default="/usr/bin/sphinx-build")
    parser.add_argument("--dot", default="dot")
    parser.add_argument("--version", default="0")
    parser.add_argument("--extra-cases", default="",
                        help="|-separated test_cases.tsv tables of captures outside the project")
    args = parser.parse_args()
    args.source_dir = os.path.abspath(args.source_dir)
    binary_dir = os.path.abspath(args.binary_dir)
    os.makedirs(binary_dir, exist_ok=True)
    started = time.monotonic()

    if not run_doxygen(args, binary_dir):
        return 1

    xml = os.path.join(binary_dir, "doxygen", "xml")
    generated = os.path.join(binary_dir, "generated")
    result = subprocess.run([sys.executable, os.path.join(args.source_dir, "tools", "docs", "generate.py"),
                             "--source-dir", args.source_dir, "--xml", xml, "--out", generated,
                             "--doxygen", args.doxygen, "--dot", args.dot]
                            + [f"--extra-cases={table}" for table in args.extra_cases.split("|") if table])
    if result.returncode != 0:
        say("generating the build-time pages failed")
        return 1

    html = os.path.join(binary_dir, "html")
    warnings = os.path.join(binary_dir, "sphinx-warnings.log")
    environment = dict(os.environ, PKTDOC_DOXYGEN_XML=xml, PKTDOC_GENERATED_DIR=generated,
                       PKTDOC_VERSION=args.version, PKTDOC_DOT=args.dot, LC_ALL="C.UTF-8", TZ="UTC")
    command = [args.sphinx_build, "-b", "html", "-W", "--keep-going", "-q", "-w", warnings,
               "-d", os.path.join(binary_dir, "doctrees"), os.path.join(args.source_dir, "docs"), html]
    say("Sphinx: " + " ".join(command))
    result = subprocess.run(command, env=environment)
    if result.returncode != 0 or (os.path.exists(warnings) and os.path.getsize(warnings) > 0):
        count = 0
        if os.path.exists(warnings):
            with open(warnings, encoding="utf-8", errors="replace") as f:
                count = sum(1 for line in f if "WARNING" in line or "ERROR" in line or "CRITICAL" in line)
        say(f"Sphinx: {count} warning(s) (see above, and {warnings}); the site must build without any")
        return 1
    say(f"the site is built in {time.monotonic() - started:.0f}s: file://{os.path.join(html, 'index.html')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
