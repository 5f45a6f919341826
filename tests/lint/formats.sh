#!/bin/bash
# SPDX-License-Identifier: MIT
# lint's CI formats (issue 18, must-show 2): --format sarif validates
# against the SARIF 2.1.0 JSON schema kept beside this script (from npm
# @microsoft/jest-sarif 1.0.0-beta.0, lib/schemas/sarif-2.1.0-rtm.5.json)
# and carries the file, line, column, rule id and message of every
# finding, the same as --format json; --format junit is well-formed XML
# with a failing case per finding; --format github prints one workflow
# command per finding; every rule id has its section in docs/lint.md.
# Usage: formats.sh PACPROBE
PP=$(realpath "${1:?usage: formats.sh PACPROBE}") || exit 2
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${PP_SRC:-$HERE/../..}
DATA=$SRC/tests/cli/data/lint
python3 -c 'import jsonschema' 2>/dev/null || { echo "SKIP: python3-jsonschema missing"; exit 77; }
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
fail=0
FILES=(warnings.pac misspelt.pac results.pac clean.pac)
cd "$DATA" || exit 2
"$PP" lint --format sarif "${FILES[@]}" > "$TMP/out.sarif"
"$PP" lint --format json "${FILES[@]}" > "$TMP/out.json"
"$PP" lint --format junit "${FILES[@]}" > "$TMP/out.xml"
"$PP" lint --format github "${FILES[@]}" > "$TMP/out.gh"

python3 - "$HERE/sarif-schema-2.1.0.json" "$TMP" <<'PY' || fail=$((fail + 1))
import json, sys, jsonschema, xml.etree.ElementTree as ET
schema_path, tmp = sys.argv[1], sys.argv[2]
sarif = json.load(open(tmp + "/out.sarif"))
jsonschema.validate(sarif, json.load(open(schema_path)))
run = sarif["runs"][0]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
got = []
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    assert rules[r["ruleIndex"]] == r["ruleId"], r
    assert r["ruleId"] in rules and r["message"]["text"], r
    got.append((loc["artifactLocation"]["uri"], loc["region"]["startLine"],
                loc["region"]["startColumn"], r["ruleId"], r["message"]["text"]))
want = [(d["file"], d["line"], d["col"], d["code"], d["message"])
        for d in json.load(open(tmp + "/out.json"))["diagnostics"]]
assert got == want, (got, want)
assert len(want) > 20, len(want)
suites = ET.parse(tmp + "/out.xml").getroot()
fails = [f for f in suites.iter("failure")]
assert len(fails) == sum(1 for d in want), (len(fails), len(want))
assert [s.get("name") for s in suites] == ["warnings.pac", "misspelt.pac", "results.pac", "clean.pac"]
gh = open(tmp + "/out.gh").read().splitlines()
assert len(gh) == len(want) and all(l.startswith(("::error file=", "::warning file=")) for l in gh)
print("sarif valid (%d results), json/junit/github agree" % len(got))
PY

# every rule has a section whose anchor is its id, and nothing else does
ids=$("$PP" lint --list-rules | awk '{print $1}' | sort)
docs=$(sed -n 's/^### `\([a-z-]*\)`$/\1/p' "$SRC/docs/lint.md" | sort)
if [ "$ids" != "$docs" ]; then
  echo "FAIL: rule ids and docs/lint.md sections differ:"; diff <(echo "$ids") <(echo "$docs"); fail=$((fail + 1))
fi
[ $fail = 0 ] && echo "formats: ok"
[ $fail = 0 ]
