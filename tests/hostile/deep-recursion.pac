// Hostile case: unbounded recursion
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { var f = function (n) { return f(n + 1) + 1; }; return f(0); }
  return "DIRECT";
}
