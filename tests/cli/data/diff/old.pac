// Version 1 of a PAC for the diff scenarios.
function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".corp.example")) return "DIRECT";
  if (dnsDomainIs(host, ".partner.example")) return "PROXY partner.example:3128";
  if (host == "legacy.example") return "PROXY old-gw.example:8080";
  return "PROXY p1.example:8080; DIRECT";
}
