# Modern JavaScript in PAC files (issue 9, docs/modern-js.md): ES2015+
# syntax is lowered for Duktape, unsupported constructs get their own
# message, positions stay those of the original file.

=== a modern rewrite of corporate.pac answers exactly as the ES5 original (5,000 URLs, chrome)
$ bash $DATA/modern/gen-urls.sh 5000 >u.txt && pacprobe eval -p $EX/corporate.pac -f u.txt >es5.out && pacprobe eval -p $DATA/modern/corporate-modern.pac -f u.txt >modern.out && cmp es5.out modern.out && wc -l <modern.out && sed 's/.* : //' modern.out | sort -u | wc -l
out<<
5000
7
.

=== the same 5,000 URLs in pacparser and winhttp modes (full URLs: the /sso/ rule fires too)
$ bash $DATA/modern/gen-urls.sh 5000 >u.txt && for m in pacparser winhttp firefox; do pacprobe eval --emulate $m -p $EX/corporate.pac -f u.txt >a.$m && pacprobe eval --emulate $m -p $DATA/modern/corporate-modern.pac -f u.txt 2>/dev/null >b.$m && cmp a.$m b.$m && { grep -c sso-proxy b.$m || true; }; done
out<<
90
90
0
.

=== generators (issue 16): rules from a generator and yield*, answered as a browser does
$ pacprobe eval --no-dns -p $DATA/modern/generators.pac http://www.corp.example/ http://x.lab.example/ http://other/
exit 0
out<<
http://www.corp.example/ : PROXY corp:3128
http://x.lab.example/ : PROXY lab:8080
http://other/ : DIRECT
.

=== an error thrown inside a generator body: its own line, the URL fails, the rest go on
$ pacprobe eval --no-dns -p $DATA/modern/generators.pac http://throw.test/ http://other/
exit 1
out= http://other/ : DIRECT
err~ generators\.pac:12: RangeError: no route for throw\.test

=== a generator that never ends, read by for…of: --timeout ends it; one that fills the heap: --memory-limit
$ pacprobe eval --no-dns --timeout 300 -p $DATA/modern/generators.pac http://loop.test/ && echo unexpected; pacprobe eval --no-dns --memory-limit 16 --timeout 30s -p $DATA/modern/generators.pac http://memory.test/
exit 1
err~ loop\.test/: execution timeout: the script ran longer than 300 ms
err~ memory\.test/: memory limit: the script needed more than 16 MiB

=== lint: no findings for chrome; WinHTTP's and pacparser's engines reject generators
$ pacprobe lint --no-dns $DATA/modern/generators.pac && pacprobe lint --no-dns --emulate winhttp $DATA/modern/generators.pac && pacprobe lint --no-dns --emulate pacparser $DATA/modern/generators.pac
exit 0
out~ ^0 errors, 0 warnings$
out~ generators\.pac:4:1: warning: generator function \(ES2015\): winhttp's engine rejects this; pacprobe lowers it to ES5
out~ generators\.pac:4:1: warning: generator function \(ES2015\): pacparser's engine rejects this; pacprobe lowers it to ES5

=== a private class member, even in a class never used: the distinct error at its position
$ pacprobe eval -p $DATA/modern/private9.pac http://www.example.com/
exit 2
err~ ^pacprobe: error: .*private9\.pac:9:3: unsupported JavaScript feature 'private name #' \(ES2022\) — browsers accept this; pacprobe's engine does not$
err! SyntaxError|ReferenceError

=== Promise and async functions: the top level's jobs run before the first call, each call's before the next (one engine, in order)
$ pacprobe eval --no-dns -p $DATA/modern/async.pac http://www.corp.example/ http://x.lab.example/ http://reject.test/ http://calls.test/ http://calls.test/ http://other/
exit 0
out<<
http://www.corp.example/ : PROXY corp:3128
http://x.lab.example/ : PROXY lab:8080
http://reject.test/ : PROXY reject:1
http://calls.test/ : PROXY calls-1:1
http://calls.test/ : PROXY calls-2:1
http://other/ : DIRECT
.

=== promise jobs that never end: --timeout stops the drain after the call, the URL fails, the next one gets a fresh engine
$ pacprobe eval --no-dns --timeout 300 -p $DATA/modern/async.pac http://spin.test/ http://x.lab.example/
exit 1
out= http://x.lab.example/ : PROXY lab:8080
err~ spin\.test/: execution timeout: the script ran longer than 300 ms

=== lint: no findings for chrome (an async arrow is not a call to 'async'); WinHTTP's engine lacks async functions and Promise
$ pacprobe lint --no-dns $DATA/modern/async.pac && pacprobe lint --no-dns --emulate winhttp $DATA/modern/async.pac
exit 0
out~ ^0 errors, 0 warnings$
out~ async\.pac:6:7: warning: async function \(ES2017\): winhttp's engine rejects this; pacprobe lowers it to ES5
out~ async\.pac:18:10: warning: Promise \(ES2015\): winhttp's engine rejects this; pacprobe provides it

=== BigInt: the distinct unsupported-feature error, not "ReferenceError: BigInt is not defined"
$ pacprobe eval -p $DATA/modern/bigint.pac http://www.example.com/
exit 2
err~ ^pacprobe: error: .*bigint\.pac:4:11: unsupported JavaScript feature 'BigInt' \(ES2020\) — browsers accept this; pacprobe's engine does not$
err! ReferenceError

=== the class of class9.pac (line 9) is lowered: the PAC answers
$ pacprobe eval -p $DATA/modern/class9.pac http://www.example.com/
out= DIRECT

=== a runtime error in a lowered PAC names the original line
$ pacprobe eval -p $DATA/modern/lines.pac http://boom/ http://ok/
exit 1
out= http://ok/ : PROXY ok:8080
err~ lines\.pac:10: ReferenceError

=== a syntax error after lowered lines keeps its original line
$ pacprobe eval -p $DATA/modern/syntax.pac http://x/
exit 2
err~ syntax\.pac:5: SyntaxError

=== explain on the modern PAC names the deciding return at its original line
$ pacprobe explain -p $DATA/modern/corporate-modern.pac http://www.example.org/
out~ decided at .*corporate-modern\.pac:96:3
out~ 96 \|   return routes\[pool\];
out~ dnsDomainIs\("www.example.org",".azure.com"\) -> false .*corporate-modern\.pac:84:30

=== --emulate winhttp warns, once at load, about each construct WinHTTP's engine rejects
$ pacprobe eval --emulate winhttp -p $DATA/modern/corporate-modern.pac http://www.example.org/ http://a.example.com/
out~ ^http://www.example.org/ : PROXY
err~ warning: .*corporate-modern\.pac:7:1: const \(ES2015\): WinHTTP's legacy JScript engine rejects this syntax; pacprobe lowers it to ES5
err~ warning: .*corporate-modern\.pac:9:27: default parameter \(ES2015\)
err~ warning: .*corporate-modern\.pac:9:39: arrow function \(ES2015\)
err~ warning: .*\.includes\(\) \(ES2016\) is missing in WinHTTP's legacy JScript engine; pacprobe provides it
errlines 12

=== the same PAC in chrome mode loads without a word
$ pacprobe eval -p $DATA/modern/corporate-modern.pac http://www.example.org/
errlines 0

=== an ES5 PAC gets no lowering warning in winhttp mode
$ pacprobe eval --emulate winhttp -p $EX/corporate.pac http://www.example.org/
errlines 0

=== an ES5 PAC using ES2015+ built-ins: winhttp warns (its JScript lacks them), chrome is silent
$ printf 'var M = new Map();\nfunction FindProxyForURL(u, h) { M.set(h, 1); return "a.b".replaceAll(".", "") == "ab" ? "DIRECT" : "PROXY p:1"; }\n' >m.pac && pacprobe eval --emulate winhttp -p m.pac http://x/ && pacprobe eval -p m.pac http://y/ 2>&1
out<<
DIRECT
DIRECT
.
err~ warning: m\.pac:1:13: Map \(ES2015\) is missing in WinHTTP's legacy JScript engine; pacprobe provides it
err~ warning: m\.pac:2:60: \.replaceAll\(\) \(ES2021\) is missing in WinHTTP's legacy JScript engine
errlines 2

=== a top-level new Map() does not make the PAC unusable, and its state lasts across calls
$ printf 'var seen = new Map();\nfunction FindProxyForURL(u, h) { seen.set(h, (seen.get(h) || 0) + 1); return "PROXY p" + seen.get(h) + ":1"; }\n' >n.pac && pacprobe eval -p n.pac http://a/ http://a/ http://b/
out<<
http://a/ : PROXY p1:1
http://a/ : PROXY p2:1
http://b/ : PROXY p1:1
.

=== a regex literal pacprobe cannot run fails only the evaluations that reach it, as unsupported
$ printf 'function FindProxyForURL(u, h) {\n  if (h == "x") return /(?<=a)b/.test(h) ? "PROXY p:1" : "DIRECT";\n  return /^(?<n>w+)\\./.exec(h).groups.n == "www" ? "PROXY w:1" : "DIRECT";\n}\n' >lb.pac && pacprobe eval -p lb.pac http://www.a/ http://x/
exit 1
out= http://www.a/ : PROXY w:1
err~ warning: lb\.pac:2:24: regex lookbehind \(\?<=\.\.\.\) \(ES2018\): pacprobe's engine cannot run this regex
err~ error: http://x/: lb\.pac:2: unsupported JavaScript feature 'regex lookbehind \(\?<=\.\.\.\)' \(ES2018\) .* \(the browser's answer is not known; result reported as DIRECT\)

=== a closure capturing a loop's let is reported as a note in every mode
$ printf 'var fs = [];\nfor (let i = 0; i < 2; i++) fs.push(() => i);\nfunction FindProxyForURL(u, h) { return "DIRECT"; }\n' >c.pac && pacprobe eval -p c.pac http://x/
out= DIRECT
err~ warning: c\.pac:2:43: a closure captures the loop variable 'i'

=== classes, fields, super, ?., ??, ||=, object spread/rest, tagged templates, 8_080: lowered, the PAC answers as V8 does
$ pacprobe eval -p $DATA/modern/es2022.pac http://a.example.com/ http://b.example.eu/ http://www.example.eu/ http://c.example.org/ http://x.test/
out<<
http://a.example.com/ : PROXY p1.corp.example.com:8080
http://b.example.eu/ : PROXY p2.corp.example.com:8080
http://www.example.eu/ : DIRECT
http://c.example.org/ : PROXY p1.corp.example.com:8080
http://x.test/ : DIRECT
.

=== a runtime error in that PAC names its original line (25), the other URLs still answer
$ pacprobe eval -p $DATA/modern/es2022.pac http://boom.example.eu/ http://x.test/
exit 1
out= http://x.test/ : DIRECT
err~ es2022\.pac:25: TypeError

=== explain on it: the deciding return, a super call and the helper calls at their original line:col
$ pacprobe explain -p $DATA/modern/es2022.pac http://b.example.eu/
out~ decided at .*es2022\.pac:28:7
out~ 28 \|       return proxy`\$\{r\.target\}\$\{port\}`;
out~ dnsDomainIs\("b.example.eu",".example.eu"\) -> true .*es2022\.pac:12:26
out~ return .*es2022\.pac:18:49

=== lint reads the new syntax without false findings (chrome), and lists what WinHTTP's engine rejects
$ pacprobe lint --no-dns $DATA/modern/es2022.pac && pacprobe lint --no-dns --emulate winhttp $DATA/modern/es2022.pac
exit 0
out~ ^0 errors, 0 warnings$
out~ es2022\.pac:8:1: warning: class \(ES2015\)
out~ es2022\.pac:5:14: warning: object spread \(ES2018\)
out~ es2022\.pac:13:33: warning: optional chaining \?\. \(ES2020\)
out~ es2022\.pac:13:47: warning: nullish coalescing \?\? \(ES2020\)
out~ es2022\.pac:18:29: warning: logical assignment \(ES2021\)
out~ es2022\.pac:24:16: warning: object rest in destructuring \(ES2018\)
out~ es2022\.pac:28:19: warning: tagged template \(ES2015\)
out~ es2022\.pac:4:25: warning: numeric separator \(ES2021\)

=== eval code with a construct pacprobe does not lower: the distinct message, its position inside the string, the PAC's line
$ pacprobe eval -p $DATA/modern/eval-private.pac http://x/
exit 1
err~ eval-private\.pac:2: SyntaxError: eval code:2:11: unsupported JavaScript feature 'private name #' \(ES2022\) — browsers accept this; pacprobe's engine does not
