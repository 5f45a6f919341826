// Regression fixture of a fuzz finding (docs/fuzzing.md, finding 1): an
// error thrown inside a runtime helper is located through the error's
// `stack`, a string Duktape builds on demand; the engine read it after
// popping it (heap-use-after-free, seen by the ASan build of `make test`).
function FindProxyForURL(url, host) {
  if (host == "glob.example") return shExpMatch(host, "[a-z") ? "DIRECT" : "PROXY g.example:1";
  if (host == "arity.example") return dnsDomainIs(host) ? "DIRECT" : "PROXY a.example:1";
  return "PROXY ok.example:3128";
}
