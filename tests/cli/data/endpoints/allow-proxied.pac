// Microsoft's PAC type 1: only Optimize endpoints DIRECT; Allow endpoints
// through the proxy (allowed, but Microsoft advises DIRECT: warnings).
function FindProxyForURL(url, host) {
  if (host == "outlook.office.com" || host == "outlook.office365.com" ||
      shExpMatch(host, "*.sharepoint.com")) return "DIRECT";
  return "PROXY proxy.corp.test:8080";
}
