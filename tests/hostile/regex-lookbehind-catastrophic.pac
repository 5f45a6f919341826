// Hostile case: catastrophic backtracking inside a lookbehind, which the
// patched engine matches right to left (cmake/duktape-patches): the regexp
// deadline check must stop it like any other pattern.
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (/(?<=^(a+)+)\.test$/.test("b" + host)) return "PROXY never:1";
  return "DIRECT";
}
