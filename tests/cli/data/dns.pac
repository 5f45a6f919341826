function FindProxyForURL(url, host) {
  if (host == "ex") return "PROXY " + dnsResolveEx("multi.test") + ":1";
  if (host == "me") return "PROXY " + myIpAddress() + ":1";
  if (host == "meex") return "PROXY x:1 ; " + myIpAddressEx();
  if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "PROXY ten:8080";
  if (isResolvable(host)) return "PROXY resolvable:" + dnsResolve(host).split(".")[3];
  return "DIRECT";
}
