// Hostile case: the PAC redefines standard helpers. Browsers let the PAC's
// own definitions win (they are plain globals), so the next URL follows them.
function shExpMatch(s, p) { return s == "next.test"; }
var dnsDomainIs = function () { throw new Error("dnsDomainIs redefined"); };
isPlainHostName = 42;
function FindProxyForURL(url, host) {
  if (host == "hostile.test") return dnsDomainIs(host, ".test") ? "PROXY x:1" : "DIRECT";
  if (shExpMatch(host, "*.nomatch")) return "PROXY next.test:3128";
  return "DIRECT";
}
