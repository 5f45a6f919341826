// lint fixture: one warning of each kind, each at a known line:col.
function FindProxyForURL(url, host) {
  if (dnsDomainIs(host)) return "DIRECT";
  if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "DIRECT";
  if (isInNet("10.1.2.3", "10.0.0.0/8", "255.0.255.0")) return "DIRECT";
  if (shExpMatch(host, "*.example.com/*")) return "DIRECT";
  if (shExpMatch(url, "www.example.com*")) return "DIRECT";
  if (shExpMatch(host, "[a-z.example.com")) return "DIRECT";
  if (weekdayRange("mon", "FRI") || timeRange(9, 0, 17) || dateRange(31, "FEB", 2026, 1, "MAR", 2026)) return "DIRECT";
  if (timeRange(22, 2)) return "DIRECT";
  if (isPlainHostName("::1")) return "DIRECT";
  if (shExpMatch(url, "https://login.example.net/sso/*")) return "PROXY sso.example.net:8443";
  if (isInNetEx(host, "2001:db8::/32")) return "DIRECT";
  if (host == "x") return "PROXY prоxy.example.com:8080";
  if (host == "y") {
    return "DIRECT";
    alert("never");
  }
  if (host == "z") {
    return
      "PROXY z.example.com:8080";
  }
  if (isResolveable(host)) return "DIRECT";
  return "PROXY p.example.com:8080";
}
