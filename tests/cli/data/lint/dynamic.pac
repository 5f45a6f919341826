// lint fixture for --urls: each host name picks one behaviour.
function FindProxyForURL(url, host) {
  if (host == "bad.example") return "PROXI gw:1";
  if (host == "throw.example") throw new Error("no route for " + host);
  if (host == "loop.example") while (true) {}
  if (host == "two.example") {
    if (isResolvable("a.lookup.test") && dnsResolve("b.lookup.test")) return "DIRECT";
  }
  return "PROXY p.example.com:8080";
}
