#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Unicode property tables for regex \\p{…} (src/pac/uprops.h, issue 16).

gen-uprops.py UNICODE_DIR OUT.c

Reads Debian's unicode-data files (UnicodeData.txt, Scripts.txt,
ScriptExtensions.txt, PropList.txt, DerivedCoreProperties.txt,
DerivedNormalizationProps.txt, extracted/DerivedBinaryProperties.txt,
emoji/emoji-data.txt, PropertyAliases.txt, PropertyValueAliases.txt) and
writes one C file: every name ECMAScript accepts in \\p{…} (General_Category
values, Script and Script_Extensions values, the binary properties of
ECMA-262 table "Binary Unicode property aliases"), with each alias, as a
sorted key ("gc=Lu", "sc=Latin", "scx=Latn", "bin=Alpha") and its code
point ranges. Run by CMake at build time (CMakeLists.txt), Linux and
Windows builds alike.
"""
import os
import sys

MAXCP = 0x110000

# ECMA-262 (2024) table 67: the binary properties \p{…} accepts (long names).
BINARY = """ASCII ASCII_Hex_Digit Alphabetic Any Assigned Bidi_Control Bidi_Mirrored
Case_Ignorable Cased Changes_When_Casefolded Changes_When_Casemapped
Changes_When_Lowercased Changes_When_NFKC_Casefolded Changes_When_Titlecased
Changes_When_Uppercased Dash Default_Ignorable_Code_Point Deprecated Diacritic
Emoji Emoji_Component Emoji_Modifier Emoji_Modifier_Base Emoji_Presentation
Extended_Pictographic Extender Grapheme_Base Grapheme_Extend Hex_Digit
IDS_Binary_Operator IDS_Trinary_Operator ID_Continue ID_Start Ideographic
Join_Control Logical_Order_Exception Lowercase Math Noncharacter_Code_Point
Pattern_Syntax Pattern_White_Space Quotation_Mark Radical Regional_Indicator
Sentence_Terminal Soft_Dotted Terminal_Punctuation Unified_Ideograph Uppercase
Variation_Selector White_Space XID_Continue XID_Start""".split()


def lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [x.strip() for x in line.split(";")]


def cprange(s):
    if ".." in s:
        a, b = s.split("..")
        return int(a, 16), int(b, 16)
    return int(s, 16), int(s, 16)


def to_ranges(cps):
    out = []
    for c in sorted(cps):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return [tuple(r) for r in out]


def main():
    udir, out_path = sys.argv[1], sys.argv[2]
    p = lambda *a: os.path.join(udir, *a)

    gc = ["Cn"] * MAXCP
    first = None
    for f in lines(p("UnicodeData.txt")):
        cp, name, cat = int(f[0], 16), f[1], f[2]
        if name.endswith(", First>"):
            first = cp
            continue
        if name.endswith(", Last>"):
            for c in range(first, cp + 1):
                gc[c] = cat
            continue
        gc[cp] = cat

    sets = {}  # key -> set of cps (or range list)
    by_gc = {}
    for c in range(MAXCP):
        by_gc.setdefault(gc[c], []).append(c)
    groups = {"L": "Lu Ll Lt Lm Lo", "LC": "Lu Ll Lt", "M": "Mn Mc Me", "N": "Nd Nl No",
              "P": "Pc Pd Ps Pe Pi Pf Po", "S": "Sm Sc Sk So", "Z": "Zs Zl Zp",
              "C": "Cc Cf Cs Co Cn"}
    gc_sets = {k: to_ranges(v) for k, v in by_gc.items()}
    for g, members in groups.items():
        cps = []
        for m in members.split():
            cps.extend(by_gc.get(m, []))
        gc_sets[g] = to_ranges(cps)

    keys = {}
    # General_Category values and their aliases (not "L&", which ECMAScript lacks)
    for f in lines(p("PropertyValueAliases.txt")):
        if f[0] == "gc" and f[1] in gc_sets:
            for name in f[1:]:
                if name and name != "L&":
                    keys["gc=" + name] = gc_sets[f[1]]

    # Scripts: short and long names, Unknown (Zzzz) for the rest
    sc = ["Unknown"] * MAXCP
    for f in lines(p("Scripts.txt")):
        a, b = cprange(f[0])
        for c in range(a, b + 1):
            sc[c] = f[1]
    sc_alias = {}  # any name -> long name
    long_of_short = {}
    for f in lines(p("PropertyValueAliases.txt")):
        if f[0] == "sc":
            long_of_short[f[1]] = f[2]
            for name in f[1:]:
                if name:
                    sc_alias[name] = f[2]
    by_sc = {}
    for c in range(MAXCP):
        by_sc.setdefault(sc[c], []).append(c)
    scx = {}
    for f in lines(p("ScriptExtensions.txt")):
        a, b = cprange(f[0])
        names = [long_of_short.get(s, s) for s in f[1].split()]
        for c in range(a, b + 1):
            scx[c] = names
    by_scx = {}
    for c in range(MAXCP):
        for s in scx.get(c, [sc[c]]):
            by_scx.setdefault(s, []).append(c)
    for name, long in sc_alias.items():
        keys["sc=" + name] = to_ranges(by_sc.get(long, []))
        keys["scx=" + name] = to_ranges(by_scx.get(long, []))

    # Binary properties
    bins = {}
    for fn in (("PropList.txt",), ("DerivedCoreProperties.txt",), ("DerivedNormalizationProps.txt",),
               ("extracted", "DerivedBinaryProperties.txt"), ("emoji", "emoji-data.txt")):
        for f in lines(p(*fn)):
            if len(f) != 2 or f[1] not in BINARY:
                continue
            a, b = cprange(f[0])
            bins.setdefault(f[1], []).append((a, b))
    bins["ASCII"] = [(0, 0x7F)]
    bins["Any"] = [(0, MAXCP - 1)]
    bins["Assigned"] = to_ranges(c for c in range(MAXCP) if gc[c] != "Cn")
    missing = [b for b in BINARY if b not in bins]
    if missing:
        sys.exit("gen-uprops.py: no data for " + " ".join(missing))
    prop_alias = {b: [b] for b in BINARY}
    for f in lines(p("PropertyAliases.txt")):
        if len(f) >= 2 and f[1] in prop_alias:
            prop_alias[f[1]] = [n for n in f if n]
    prop_alias["White_Space"] = ["White_Space", "WSpace", "space"]
    for b in BINARY:
        cps = set()
        merged = sorted(bins[b])
        rs = []
        for a, z in merged:
            if rs and a <= rs[-1][1] + 1:
                rs[-1][1] = max(rs[-1][1], z)
            else:
                rs.append([a, z])
        for name in prop_alias[b]:
            keys["bin=" + name] = [tuple(r) for r in rs]

    # Emit: ranges shared between aliases
    pool, where = [], {}
    index = []
    for k in sorted(keys, key=lambda s: s.encode()):
        rs = tuple(keys[k])
        if rs not in where:
            where[rs] = len(pool) // 2
            for a, b in rs:
                pool.extend((a, b))
        index.append((k, where[rs], len(rs)))
    with open(out_path, "w", encoding="ascii") as o:
        o.write("/* Generated by tools/gen-uprops.py from %s: do not edit. */\n" % "unicode-data")
        o.write('#include "pac/uprops.h"\n\n')
        o.write("static const uint32_t R[] = {\n")
        for i in range(0, len(pool), 8):
            o.write("  " + ",".join("0x%X" % v for v in pool[i:i + 8]) + ",\n")
        o.write("};\n\nconst pp_uprop_t pp_uprops[] = {\n")
        for k, off, n in index:
            o.write('  {"%s", R + %d, %d},\n' % (k, off * 2, n))
        o.write("};\n\nconst size_t pp_uprops_count = %d;\n" % len(index))
        ver = "?"
        with open(p("DerivedCoreProperties.txt"), encoding="utf-8") as r:
            head = r.readline()  # "# DerivedCoreProperties-15.0.0.txt"
            if "-" in head and head.strip().endswith(".txt"):
                ver = head.strip()[:-4].rsplit("-", 1)[1]
        o.write('const char pp_uprops_version[] = "%s";\n' % ver)


if __name__ == "__main__":
    main()
