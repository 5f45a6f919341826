function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".video.example")) return "DIRECT";
  if (shExpMatch(host, "*.corp.example")) return "DIRECT";
  return "PROXY p2.example:8080; DIRECT";
}
