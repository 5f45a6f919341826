// lint fixture: a small, clean PAC; lint must say nothing about it.
var WEB = "PROXY web.example.com:8080; PROXY web2.example.com:8080; DIRECT";

function isInternal(host) {
  return dnsDomainIs(host, ".example.com") || host == "example.com";
}

function FindProxyForURL(url, host) {
  host = host.toLowerCase();
  if (isPlainHostName(host) || isInternal(host)) return "DIRECT";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) && isInNet(host, "10.0.0.0", "255.0.0.0")) return "DIRECT";
  if (shExpMatch(host, "*.windowsupdate.com") || shExpMatch(url, "http://*/download/*"))
    return "PROXY updates.example.com:3128";
  if (weekdayRange("SAT", "SUN") && timeRange(8, 18)) return WEB;
  switch (url.substring(0, 4)) {
    case "ftp:":
      return "PROXY ftp.example.com:2121";
    default:
      break;
  }
  return WEB;
}
