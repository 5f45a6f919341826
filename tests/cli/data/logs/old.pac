function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".video.example")) return "PROXY p1.example:8080; DIRECT";
  if (shExpMatch(host, "*.corp.example")) return "DIRECT";
  return "PROXY p1.example:8080; DIRECT";
}
