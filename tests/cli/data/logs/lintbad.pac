function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".video.example")) return "PRXY v.example:1";
  return "DIRECT";
}
