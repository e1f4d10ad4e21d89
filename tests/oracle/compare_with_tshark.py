#!/usr/bin/env python3
"""Compare a dissect listing with what Wireshark's tshark decodes from the same capture.

    compare_with_tshark.py MODE DISSECT CAPTURE [--cache DIR]

Runs `DISSECT MODE CAPTURE`, builds the same listing from tshark's output, and compares them
line by line. Exit status: 0 identical, 1 different (the differing fields are printed),
77 tshark is not installed (ctest reports the test as skipped).

MODE `packets`: one line per frame, the frame number then TAB-separated name=value pairs for
every field of FIELDS the frame has, in FIELDS order, values as `tshark -n -T fields` prints
them, repeated fields comma-joined (-E occurrence=a -E aggregator=,), each frame decoded on its
own (IP defragmentation and TCP reassembly off). The field list is pktdoc's
detail::wireshark_fields; the two must stay the same (a unit test reads this file to check).
"""
import hashlib
import os
import shutil
import subprocess
import sys

FIELDS = """
frame.len frame.cap_len
eth.dst eth.src eth.type
vlan.id
sll.pkttype sll.etype
arp.hw.type arp.proto.type arp.opcode arp.src.hw_mac arp.src.proto_ipv4 arp.dst.hw_mac arp.dst.proto_ipv4
ip.version ip.hdr_len ip.len ip.id ip.flags.df ip.flags.mf ip.frag_offset ip.ttl ip.proto ip.checksum ip.src ip.dst
ipv6.flow ipv6.plen ipv6.nxt ipv6.hlim ipv6.src ipv6.dst ipv6.fraghdr.offset ipv6.fraghdr.more ipv6.fraghdr.ident
icmp.type icmp.code icmp.checksum
icmpv6.type icmpv6.code icmpv6.checksum icmpv6.nd.ns.target_address
tcp.srcport tcp.dstport tcp.seq_raw tcp.ack_raw tcp.hdr_len tcp.flags tcp.window_size_value tcp.checksum tcp.urgent_pointer tcp.len
tcp.options.mss_val tcp.options.wscale.shift tcp.options.timestamp.tsval tcp.options.timestamp.tsecr
udp.srcport udp.dstport udp.length udp.checksum
sctp.srcport sctp.dstport sctp.verification_tag sctp.checksum sctp.chunk_type
dns.id dns.flags.response dns.flags.opcode dns.flags.rcode dns.count.queries dns.count.answers dns.count.auth_rr dns.count.add_rr
dns.qry.name dns.qry.type dns.qry.class dns.resp.name dns.resp.type dns.resp.ttl
dns.a dns.aaaa dns.cname dns.ptr.domain_name dns.ns dns.mx.mail_exchange dns.txt dns.srv.target
""".split()

PER_PACKET = ["-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
              "-o", "tcp.desegment_tcp_streams:FALSE"]


def tshark_packets(capture):
    args = ["tshark", "-n", "-r", capture] + PER_PACKET + [
        "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
        "-e", "frame.number"]
    for field in FIELDS:
        args += ["-e", field]
    out = subprocess.run(args, capture_output=True, text=True, errors="replace")
    if out.returncode != 0:
        sys.exit("tshark failed on %s: %s" % (capture, out.stderr.strip()[-400:]))
    lines = []
    # Only "\n" ends a line: a DNS TXT string may hold other characters that splitlines() takes
    # for line ends (VT, FF, 0x1c-0x1e, U+0085, U+2028).
    for row in out.stdout.split("\n"):
        if row == "":
            continue
        values = row.split("\t")
        parts = [values[0]]
        parts += ["%s=%s" % (name, value) for name, value in zip(FIELDS, values[1:]) if value != ""]
        lines.append("\t".join(parts))
    return lines


LISTINGS = {"packets": tshark_packets}


def cached(mode, capture, cache):
    if not cache:
        return LISTINGS[mode](capture)
    with open(capture, "rb") as f:
        key = hashlib.sha256(f.read() + " ".join(FIELDS).encode()).hexdigest()[:32]
    path = os.path.join(cache, "%s.%s.txt" % (key, mode))
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.read().split("\n")
    lines = LISTINGS[mode](capture)
    os.makedirs(cache, exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))
    os.replace(path + ".tmp", path)
    return lines


def report(expected, actual, limit=8):
    shown = 0
    if len(expected) != len(actual):
        print("line count: tshark %d, dissect %d" % (len(expected), len(actual)))
    for i in range(max(len(expected), len(actual))):
        want = expected[i] if i < len(expected) else "<none>"
        got = actual[i] if i < len(actual) else "<none>"
        if want == got:
            continue
        shown += 1
        if shown <= limit:
            want_fields, got_fields = want.split("\t"), got.split("\t")
            print("line %d:\n  tshark only:  %s\n  dissect only: %s" % (
                i + 1, [x for x in want_fields if x not in got_fields] or "-",
                [x for x in got_fields if x not in want_fields] or "-"))
    if shown > limit:
        print("... and %d more differing lines" % (shown - limit))


def main(argv):
    cache = None
    if "--cache" in argv:
        at = argv.index("--cache")
        cache = argv[at + 1]
        argv = argv[:at] + argv[at + 2:]
    if len(argv) != 4 or argv[1] not in LISTINGS:
        print(__doc__)
        return 2
    mode, dissect, capture = argv[1:]
    if shutil.which("tshark") is None:
        print("tshark is not installed: nothing to compare with (apt-get install tshark)")
        return 77
    run = subprocess.run([dissect, mode, capture], capture_output=True, text=True, errors="replace")
    if run.returncode != 0:
        print("%s %s %s exited with %d: %s" % (dissect, mode, capture, run.returncode, run.stderr.strip()))
        return 1
    actual = [line for line in run.stdout.split("\n") if line.strip()]
    expected = [line for line in cached(mode, capture, cache) if line.strip()]
    if expected == actual:
        print("identical: %d lines of %s for %s" % (len(actual), mode, os.path.basename(capture)))
        return 0
    report(expected, actual)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
