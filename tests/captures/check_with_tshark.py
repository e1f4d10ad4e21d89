#!/usr/bin/env python3
"""Checks that tshark decodes a bundled capture cleanly, with checksum validation on.

    check_with_tshark.py CAPTURE...

For each capture, fails when tshark (Wireshark 4.0 or later):
- finds a malformed packet (`_ws.malformed`);
- finds a bad checksum: ip, tcp, udp, icmp, icmpv6, igmp or sctp `*.checksum.status` equal to 0
  (Bad) or 4 (Illegal), the values of tshark's checksum status (`tshark -G values`: 0 Bad,
  1 Good, 2 Unverified, 3 Not present, 4 Illegal). IPv4, TCP and UDP validation is off in tshark
  by default and is turned on here, and SCTP is checked as CRC-32C (RFC 9260 section 6.8). A
  checksum tshark cannot verify (2, Unverified: a frame cut by the snap length) is fine;
- reports an expert entry of severity Error (`tshark -z expert`). No bundled capture is meant to
  show one: the failures the captures show (the RSTs of refused connections, the missing
  fragments of the 60000-byte datagram, retransmissions, out-of-order segments) are Warnings or
  Notes for tshark, and are allowed. EXPECTED_ERRORS lists exceptions per capture; it is empty.

Exit status: 0 when every capture is clean, 1 otherwise, 77 (skipped) without tshark.
"""
import os
import shutil
import subprocess
import sys

CHECKSUM_FIELDS = [
    "ip.checksum.status", "tcp.checksum.status", "udp.checksum.status", "icmp.checksum.status",
    "icmpv6.checksum.status", "igmp.checksum.status", "sctp.checksum.status",
]
PREFERENCES = [
    "ip.check_checksum:TRUE", "tcp.check_checksum:TRUE", "udp.check_checksum:TRUE",
    "sctp.checksum:CRC 32c",
]
# Checksum status values that fail the check: 0 Bad, 4 Illegal.
BAD_STATUSES = {"0", "4"}
# _ws.expert.severity of an Error entry (PI_ERROR in epan/proto.h).
SEVERITY_ERROR = 0x00800000
# capture file name -> expert Error messages it is meant to show (exact text).
EXPECTED_ERRORS = {}


def tshark(capture, extra):
    command = ["tshark", "-n", "-r", capture]
    for preference in PREFERENCES:
        command += ["-o", preference]
    env = dict(os.environ, LC_ALL="C")
    result = subprocess.run(command + extra, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"tshark failed on {capture}: {result.stderr.strip()}")
    return result.stdout


def check(capture):
    problems = []
    fields = ["frame.number", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message"] + CHECKSUM_FIELDS
    command = ["-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=\x1f"]
    for field in fields:
        command += ["-e", field]
    name = os.path.basename(capture)
    allowed = set(EXPECTED_ERRORS.get(name, []))
    frames = 0
    for line in tshark(capture, command).splitlines():
        values = line.split("\t")
        values += [""] * (len(fields) - len(values))
        frame = values[0]
        frames += 1
        if values[1]:
            problems.append(f"frame {frame}: malformed packet")
        severities = values[2].split("\x1f") if values[2] else []
        messages = values[3].split("\x1f") if values[3] else []
        for index, severity in enumerate(severities):
            message = messages[index] if index < len(messages) else "?"
            if severity and int(severity, 0) == SEVERITY_ERROR and message not in allowed:
                problems.append(f"frame {frame}: expert error: {message}")
        for field, value in zip(CHECKSUM_FIELDS, values[4:]):
            if value and BAD_STATUSES & set(value.split("\x1f")):
                problems.append(f"frame {frame}: bad checksum ({field})")
    if frames == 0:
        problems.append("tshark read no frames")
    return frames, problems


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    if shutil.which("tshark") is None:
        print("skipped: tshark is not installed")
        return 77
    failed = 0
    for capture in argv[1:]:
        frames, problems = check(capture)
        name = os.path.basename(capture)
        if problems:
            failed += 1
            print(f"FAIL {name} ({frames} frames)")
            for problem in problems[:20]:
                print(f"  {problem}")
            if len(problems) > 20:
                print(f"  ... and {len(problems) - 20} more")
        else:
            print(f"ok   {name} ({frames} frames)")
    print(f"{len(argv) - 1 - failed} clean, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
