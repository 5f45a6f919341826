// A multi-function PAC: FindProxyForURL delegates to helpers.
var PROXY = "PROXY proxy.example.com:8080";

function internal(host) {
  if (dnsDomainIs(host, ".corp.example.com")) return true;
  return isInNet(dnsResolve(host), "10.0.0.0", "255.0.0.0");
}

function route(url, host) {
  if (shExpMatch(url, "*/api/*"))
    return "PROXY api-proxy.example.com:3128";
  return internal(host) ? "DIRECT"
                        : PROXY;
}

function FindProxyForURL(url, host) {
  if (isPlainHostName(host)) return "DIRECT";
  alert("routing " + host);
  if (host == "ternary.example.com") return url.length > 40 ? "PROXY long:1" : "PROXY short:1";
  if (host == "noblock.example.com") return "PROXY a:1"; else if (host == "x.example.com") return "PROXY x:1";
  if (host == "throw.example.com") return undefined.x;
  return route(url, host);
}
