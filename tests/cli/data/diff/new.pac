// Version 2: video goes direct, the default pool moves to p2, and the
// legacy rule calls a helper that does not exist (an error in the browser).
function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".corp.example")) return "DIRECT";
  if (dnsDomainIs(host, ".partner.example")) return "PROXY partner.example:3128";
  if (host == "legacy.example") return legacyGateway(host);
  if (dnsDomainIs(host, ".video.example")) return "DIRECT";
  return "PROXY p2.example:8080; DIRECT";
}
