#!/usr/bin/env python3
"""Compare a dissect listing with what Wireshark's tshark decodes from the same capture.

    compare_with_tshark.py MODE DISSECT CAPTURE [--cache DIR]

Runs `DISSECT MODE CAPTURE`, builds the same listing from tshark's output, and compares them
line by line. Exit status: 0 identical, 1 different (the differing fields are printed),
77 tshark is not installed (ctest reports the test as skipped).

MODE is one of:
  packets    one line per frame, the frame number then TAB-separated name=value pairs for every
             field of FIELDS the frame has, in FIELDS order, values as `tshark -n -T fields`
             prints them, repeated fields comma-joined (-E occurrence=a -E aggregator=,), each
             frame decoded on its own (IP defragmentation and TCP reassembly off). The field list
             is pktdoc's detail::wireshark_fields; the two must stay the same (a unit test reads
             this file to check).
  streams    one line per TCP connection in tcp.stream order: stream=K a=IP:PORT b=IP:PORT
             a2b_bytes=N a2b_sha256=HEX b2a_bytes=N b2a_sha256=HEX, the bytes being those of
             tshark's "Follow TCP Stream" (raw), `a` the source of the connection's first packet.
  datagrams  one line per IP datagram tshark reassembled from fragments: frame=N (the frame that
             completed it) version= src= dst= id=(decimal) length=(payload bytes) sha256=.
  http       one line per frame completing HTTP messages (TCP reassembly on): frame= stream= then
             method= uri= version= host= for a request or code= for a response, and
             content_length= when the message has that header.
"""
import hashlib
import os
import re
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


def tshark_rows(capture, fields, extra=()):
    """tshark -T fields rows, split on TAB; only "\n" ends a row."""
    args = ["tshark", "-n", "-r", capture] + list(extra) + [
        "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"]
    for field in fields:
        args += ["-e", field]
    out = subprocess.run(args, capture_output=True, text=True, errors="replace")
    if out.returncode != 0:
        sys.exit("tshark failed on %s: %s" % (capture, out.stderr.strip()[-400:]))
    rows = []
    for row in out.stdout.split("\n"):
        if row == "":
            continue
        values = row.split("\t")
        rows.append(values + [""] * (len(fields) - len(values)))
    return rows


def first(value):
    return value.split(",")[0]


def tshark_streams(capture):
    count = 0
    for (streams,) in tshark_rows(capture, ["tcp.stream"]):
        for number in filter(None, streams.split(",")):
            count = max(count, int(number) + 1)
    lines = []
    for start in range(0, count, 100):  # one tshark run follows a batch of streams
        args = ["tshark", "-n", "-r", capture, "-q"]
        for number in range(start, min(count, start + 100)):
            args += ["-z", "follow,tcp,raw,%d" % number]
        out = subprocess.run(args, capture_output=True, text=True, errors="replace")
        if out.returncode != 0:
            sys.exit("tshark failed on %s: %s" % (capture, out.stderr.strip()[-400:]))
        for block in out.stdout.split("=" * 67):
            header = re.search(r"Filter: tcp\.stream eq (\d+)", block)
            if not header:
                continue
            node0 = re.search(r"^Node 0: (.*)$", block, re.M).group(1).strip()
            node1 = re.search(r"^Node 1: (.*)$", block, re.M).group(1).strip()
            sent = [bytearray(), bytearray()]
            body = block.split("\nNode 1: ", 1)[1].split("\n", 1)
            for line in (body[1] if len(body) > 1 else "").split("\n"):
                if line.strip():
                    # Bytes from node 1 are indented with a TAB in tshark's raw follow output.
                    sent[1 if line.startswith("\t") else 0] += bytes.fromhex(line.strip())
            lines.append((int(header.group(1)), "stream=%s\ta=%s\tb=%s\ta2b_bytes=%d\ta2b_sha256=%s\tb2a_bytes=%d\tb2a_sha256=%s" % (
                header.group(1), node0, node1, len(sent[0]), hashlib.sha256(sent[0]).hexdigest(),
                len(sent[1]), hashlib.sha256(sent[1]).hexdigest())))
    return [line for _, line in sorted(lines)]


def tshark_datagrams(capture):
    fields = ["frame.number", "ip.src", "ip.dst", "ip.id", "ip.reassembled.length", "ip.reassembled.data",
              "ipv6.src", "ipv6.dst", "ipv6.fraghdr.ident", "ipv6.reassembled.length", "ipv6.reassembled.data"]
    lines = []
    for row in tshark_rows(capture, fields):
        v = dict(zip(fields, row))
        for version, prefix, ident in ((4, "ip", "ip.id"), (6, "ipv6", "ipv6.fraghdr.ident")):
            if v[prefix + ".reassembled.length"] == "":
                continue
            payload = bytes.fromhex(first(v[prefix + ".reassembled.data"]).replace(":", ""))
            lines.append("frame=%s\tversion=%d\tsrc=%s\tdst=%s\tid=%d\tlength=%s\tsha256=%s" % (
                v["frame.number"], version, first(v[prefix + ".src"]), first(v[prefix + ".dst"]),
                int(first(v[ident]), 0), first(v[prefix + ".reassembled.length"]),
                hashlib.sha256(payload).hexdigest()))
    return lines


def tshark_http(capture):
    fields = ["frame.number", "tcp.stream", "http.request.method", "http.request.uri", "http.request.version",
              "http.host", "http.response.code", "http.content_length_header"]
    lines = []
    for row in tshark_rows(capture, fields):
        v = dict(zip(fields, row))
        if v["http.request.method"]:
            line = "frame=%s\tstream=%s\tmethod=%s\turi=%s\tversion=%s\thost=%s" % (
                v["frame.number"], v["tcp.stream"], v["http.request.method"], v["http.request.uri"],
                v["http.request.version"], v["http.host"])
        elif v["http.response.code"]:
            line = "frame=%s\tstream=%s\tcode=%s" % (v["frame.number"], v["tcp.stream"], v["http.response.code"])
        else:
            continue
        if v["http.content_length_header"]:
            line += "\tcontent_length=%s" % v["http.content_length_header"]
        lines.append(line)
    return lines


LISTINGS = {"packets": tshark_packets, "streams": tshark_streams, "datagrams": tshark_datagrams,
            "http": tshark_http}


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
