// Optimize and Allow endpoints DIRECT (Microsoft's PAC type 2); the rest
// through the proxy.
function FindProxyForURL(url, host) {
  host = host.toLowerCase();
  if (host == "outlook.office.com" || host == "outlook.office365.com" ||
      shExpMatch(host, "*.sharepoint.com")) return "DIRECT";
  if (host == "smtp.office365.com" || dnsDomainIs(host, ".protection.outlook.com") ||
      dnsDomainIs(host, ".lync.com") || dnsDomainIs(host, "teams.microsoft.com") ||
      dnsDomainIs(host, "microsoftonline.com") || host == "login.windows.net" ||
      dnsDomainIs(host, ".auth.microsoft.com") || dnsDomainIs(host, ".msftidentity.com") ||
      dnsDomainIs(host, ".msidentity.com") || host == "account.activedirectory.windowsazure.com")
    return "DIRECT";
  return "PROXY proxy.corp.test:8080";
}
