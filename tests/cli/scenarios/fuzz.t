# Regression cases of fuzzing findings (docs/fuzzing.md, tests/fuzz/).
# The ASan + UBSan build of `make test` is what catches a relapse.

=== finding 1: an error inside a helper names the calling PAC line; the next URL is right
$ pacprobe eval -p $DATA/fuzz/helper-throws.pac --no-dns http://glob.example/ http://arity.example/ http://ok.example/
exit 1
out= http://ok.example/ : PROXY ok.example:3128
err~ ^pacprobe: error: http://glob.example/: .*helper-throws.pac:6: SyntaxError: unterminated character class
err~ ^pacprobe: error: http://arity.example/: .*helper-throws.pac:7: TypeError
errlines 2

=== finding 2: the reason quoting a URL with a line break is one line
$ pacprobe eval -p $DATA/fuzz/helper-throws.pac --no-dns "$(printf 'http://h:1\r\n/')"
exit 1
err~ ^pacprobe: error: URL argument 1: 'http://h:1\\r\\n/': bad URL: invalid port "1  "$
errlines 1
