// Keeps state between URLs: a round-robin over three proxies (issue 15
// item 13). A browser evaluates every URL in one context, so the answers
// depend on the URLs before; -j N must not change them.
var next = 0;
var proxies = ["p0.example:8080", "p1.example:8080", "p2.example:8080"];
function FindProxyForURL(url, host) {
  var p = proxies[next];
  next = (next + 1) % proxies.length;
  return "PROXY " + p;
}
