// A typical corporate PAC, used by corporate-like.cases.
var internalNets = [["10.0.0.0", "255.0.0.0"], ["192.168.0.0", "255.255.0.0"]];

function isInternal(host) {
  for (var i = 0; i < internalNets.length; i++) {
    if (isInNet(host, internalNets[i][0], internalNets[i][1])) return true;
  }
  return false;
}

function FindProxyForURL(url, host) {
  if (isPlainHostName(host) || dnsDomainIs(host, ".corp.example"))
    return "DIRECT";
  if (shExpMatch(host, "*.internal.example") || isInternal(host))
    return "DIRECT";
  if (shExpMatch(url, "https://secure.example.com/bank/*"))
    return "PROXY secure-proxy.example:8443";
  if (url.substring(0, 4) == "ftp:")
    return "PROXY ftp-proxy.example:2121; DIRECT";
  if (dnsDomainIs(host, ".blocked.example"))
    throw new Error("blocked by policy");
  if (weekdayRange("SAT", "SUN"))
    return "PROXY weekend.example";
  if (timeRange(0, 0, 6, 0))
    return "SOCKS5 night.example:1080";
  return "PROXY proxy1.example:8080; PROXY proxy2.example:8080; DIRECT";
}
