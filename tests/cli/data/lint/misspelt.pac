// lint fixture: a typo in a helper name (line 12) and an invalid literal
// result (line 15). Everything else is clean.
var PROXY = "PROXY proxy.example.com:8080; DIRECT";

function FindProxyForURL(url, host) {
  if (isPlainHostName(host)) {
    return "DIRECT";
  }
  if (dnsDomainIs(host, ".corp.example.com")) {
    return "DIRECT";
  }
  if (shExpMatchs(host, "*.partner.example.org")) {
    return PROXY;
  }
  if (host == "legacy.example.com") return "PROXI legacy-gw.example.com:3128";
  return PROXY;
}
