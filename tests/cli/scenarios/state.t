# State across URLs (issue 15 item 13, must-show 4; docs/engine.md "State
# across URLs"): a PAC that writes global state from inside a function is
# evaluated in one engine in input order whatever --jobs says, as a
# browser's one long-lived context does; stderr and --stats say so. PACs in
# tests/cli/data/state/.

=== must-show 4: the round-robin PAC gives identical output with -j 1, the default -j and -j 4
$ cd $DATA/state && seq 1 300 | sed 's|.*|http://h&.example/|' > $TMP/u && pacprobe eval -j 1 -p rotate.pac -f $TMP/u > $TMP/one && pacprobe eval -p rotate.pac -f $TMP/u > $TMP/default && pacprobe eval -j 4 -p rotate.pac -f $TMP/u > $TMP/four && cmp $TMP/one $TMP/default && cmp $TMP/one $TMP/four && sed -n '1p;2p;3p;4p;300p' $TMP/one
out<<
http://h1.example/ : PROXY p0.example:8080
http://h2.example/ : PROXY p1.example:8080
http://h3.example/ : PROXY p2.example:8080
http://h4.example/ : PROXY p0.example:8080
http://h300.example/ : PROXY p2.example:8080
.

=== stderr names the write and its place when --jobs asked for more than one engine
$ cd $DATA/state && pacprobe eval -j 4 -p rotate.pac http://a/ http://b/ http://c/ http://d/ http://e/
err~ ^pacprobe: note: rotate\.pac keeps state between URLs \(it writes the global 'next' inside a function \(rotate\.pac:8:3\)\): evaluating every URL in one engine, in input order, as a browser does \(not 4 in parallel\)$
errlines 1
out~ ^http://e/ : PROXY p1\.example:8080$

=== --stats says it too, and counts one job
$ cd $DATA/state && pacprobe eval -j 4 --stats -p rotate.pac http://a/ http://b/
err~ ^stats: the PAC keeps state between URLs \(it writes the global 'next' inside a function \(rotate\.pac:8:3\)\): one engine, input order$
err~ ^stats: 2 URLs in .* 1 jobs, 0 failed$

=== a member write (a cache) counts; the answers follow input order
$ cd $DATA/state && for i in 1 2 3; do echo http://same.example/; done > $TMP/u && pacprobe eval -j 3 --format tsv -p cache.pac -f $TMP/u
out<<
http://same.example/	DIRECT	
http://same.example/	PROXY again.example:8080	
http://same.example/	PROXY again.example:8080	
.
err~ writes the global 'seen' inside a function \(cache\.pac:5:33\)

=== writes only at the top level, to locals and to parameters: parallel as asked, nothing said
$ cd $DATA/state && pacprobe eval -j 4 --stats -p pure.pac http://a.example/ http://b.example/ http://c.example/ http://d.example/
err! keeps state
err~ ^stats: 4 URLs in .* 4 jobs, 0 failed$
out~ ^http://a\.example/ : DIRECT$
out~ ^http://d\.example/ : PROXY p\.example:8080$
