// Fixture for `pacprobe test`: one return per rule, so coverage names each.
function FindProxyForURL(url, host) {
  if (host == "boom") throw new Error("boom requested");
  if (shExpMatch(url, "https://*/secret/*")) return "PROXY secret.example:3128";
  if (dnsDomainIs(host, ".corp.example")) return "DIRECT";
  if (host == "clock") return timeRange(9, 17) ? "PROXY day.example:8080" : "PROXY night.example:8080";
  if (host == "dns") return isInNet(dnsResolve(host), "10.0.0.0", "255.0.0.0") ? "PROXY inside.example:80" : "PROXY outside.example:80";
  if (host == "me") return myIpAddress() == "192.168.7.7" ? "PROXY lab.example:8080" : "DIRECT";
  if (host == "legacy.example") return "PROXY legacy.example:9999";
  if (host == "socks") return "SOCKS5 s.example:1080; DIRECT";
  return "PROXY proxy.example:8080; DIRECT";
}
