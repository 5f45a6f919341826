// Hostile case: as dns-flood.pac, run with explain: the trace names the cap
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { var n = 0; for (var i = 0; i < 300; i++) if (dnsResolve("h" + (i % 30) + ".test")) n++; return "PROXY resolved" + n + ".test:1"; }
  return "DIRECT";
}
