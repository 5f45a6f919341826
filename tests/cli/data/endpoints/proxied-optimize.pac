// Hand-edited PAC with a mistake: outlook.office365.com (an Optimize
// endpoint: set 1) goes through the proxy; the other Optimize names are DIRECT.
function FindProxyForURL(url, host) {
  if (host == "outlook.office.com" || shExpMatch(host, "*.sharepoint.com")) return "DIRECT";
  return "PROXY proxy.corp.test:8080";
}
