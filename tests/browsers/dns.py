#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The lab's DNS server (common.py): answers A and AAAA queries for fixed
names in the order given, which is what a dnsResolveEx case tests.

Usage: dns.py TABLE ADDR...   (run in the peer namespace; UDP port 53)

TABLE holds "ADDR NAME" lines (a hosts file) and is read again whenever it changes. A
listed name answers its addresses of the asked family (none: NOERROR with
no answer); any other name, and any other query type for an unlisted name,
gets NXDOMAIN. Not dnsmasq: dnsmasq reorders a name's addresses (measured
with 2.90: a hosts file's 1,2,3 comes out 2,1,3; --address reverses them
and answers NXDOMAIN for the other family). Queries are handled one at a
time, each bounded by its 512-byte datagram.
"""
import ipaddress
import os
import select
import socket
import struct
import sys


def load(path, cache):
    st = os.stat(path)
    if cache.get("mtime") == (st.st_mtime_ns, st.st_size):
        return cache["table"]
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                table.setdefault(parts[1].lower().rstrip("."), []).append(
                    ipaddress.ip_address(parts[0]))
    cache.update(mtime=(st.st_mtime_ns, st.st_size), table=table)
    return table


def parse_question(q):
    if len(q) < 17:
        return None
    i, labels = 12, []
    while i < len(q) and q[i] != 0:
        n = q[i]
        if n > 63 or i + 1 + n >= len(q):
            return None
        labels.append(q[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += 1 + n
    if i + 5 > len(q):
        return None
    qtype, qclass = struct.unpack(">HH", q[i + 1:i + 5])
    return ".".join(labels).lower(), qtype, qclass, q[12:i + 5]


def answer(q, table):
    parsed = parse_question(q)
    if parsed is None:
        return None
    name, qtype, _, question = parsed
    name = name.rstrip(".")
    ident, flags = struct.unpack(">HH", q[:4])
    addrs = table.get(name)
    rcode = 3 if addrs is None else 0
    want = {1: 4, 28: 6}.get(qtype)
    rrs = [a for a in addrs or [] if a.version == want]
    out = struct.pack(">HHHHHH", ident, 0x8400 | (flags & 0x0100) | rcode, 1, len(rrs), 0, 0)
    out += question
    for a in rrs:
        out += struct.pack(">HHHIH", 0xC00C, qtype, 1, 5, len(a.packed)) + a.packed
    return out


def main():
    if len(sys.argv) < 3:
        print("usage: dns.py TABLE ADDR...", file=sys.stderr)
        return 2
    socks = []
    for addr in sys.argv[2:]:
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        s = socket.socket(fam, socket.SOCK_DGRAM)
        s.bind((addr, 53))
        socks.append(s)
    cache = {}
    while True:
        ready, _, _ = select.select(socks, [], [])
        for s in ready:
            q, peer = s.recvfrom(512)
            try:
                r = answer(q, load(sys.argv[1], cache))
            except (OSError, ValueError):
                r = None
            if r:
                s.sendto(r, peer)


if __name__ == "__main__":
    sys.exit(main())
