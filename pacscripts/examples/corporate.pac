// corporate.pac - proxy auto-config for Example Corp (sample for pacprobe).
//
// Maintainer notes:
//  * ES5 only: Duktape (pacprobe), WinHTTP and old pacparser builds reject
//    let/const-in-loops, arrow functions and template literals.
//  * No DNS: rules test the host *name*. isInNet()/isInNetEx() are only ever
//    called on hosts that are already IP literals, so a URL never costs a
//    lookup and the answer does not depend on the resolver.
//  * Chrome (52+) and Edge strip path and query from https:// URLs before
//    calling FindProxyForURL; the /sso/ rule below therefore only fires in
//    tools that pass the full URL (pactester, WinHTTP, pac-resolver).
//    `pacprobe eval` shows the browser answer, `--emulate pacparser` the other.

// Proxy pools (port 8080 = authenticated web proxy, 3128 = partner proxy).
var POOL_A = "PROXY p1.corp.example.com:8080; PROXY p2.corp.example.com:8080; DIRECT";
var POOL_B = "PROXY p2.corp.example.com:8080; PROXY p1.corp.example.com:8080; DIRECT";
var M365 = "PROXY m365.corp.example.com:8080; PROXY p1.corp.example.com:8080";
var PARTNER = "PROXY partner.corp.example.com:3128";
var FTP = "PROXY ftp-gw.corp.example.com:2121; DIRECT";
var SSO = "PROXY sso-proxy.corp.example.com:8443";
var LAB_SOCKS = "SOCKS5 socks.lab.example.com:1080; SOCKS socks.lab.example.com:1080";

var IPV4_LITERAL = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

// Same host -> same pool member, so sessions stick to one proxy while the
// load is split roughly in half. Simple 31-multiplier string hash.
function hostHash(host) {
  var h = 0;
  for (var i = 0; i < host.length; i++) {
    h = (h * 31 + host.charCodeAt(i)) % 1000003;
  }
  return h;
}

// Browsers hand us IPv6 hosts without brackets, pac-resolver with them.
function stripBrackets(host) {
  if (host.charAt(0) == "[" && host.charAt(host.length - 1) == "]") {
    return host.substring(1, host.length - 1);
  }
  return host;
}

function FindProxyForURL(url, host) {
  var bare = stripBrackets(host);
  var isV4 = IPV4_LITERAL.test(bare);
  var isV6 = bare.indexOf(":") != -1;

  // 1. Short names (intranet web servers, printers) never leave the LAN.
  if (isPlainHostName(host)) {
    return "DIRECT";
  }

  // 2. Our own domain is reachable directly from every office.
  if (dnsDomainIs(host, ".corp.example.com") || host == "corp.example.com") {
    return "DIRECT";
  }

  // 3. Private IPv4 literals. The lab network (172.16/12) is only reachable
  //    through the lab SOCKS gateway; the office ranges go direct.
  if (isV4) {
    if (isInNet(bare, "10.0.0.0", "255.0.0.0") ||
        isInNet(bare, "192.168.0.0", "255.255.0.0")) {
      return "DIRECT";
    }
    if (isInNet(bare, "172.16.0.0", "255.240.0.0")) {
      return LAB_SOCKS;
    }
    // Any other IPv4 literal is the internet: pool A, no hashing needed.
    return POOL_A;
  }

  // 4. IPv6 literals: our documentation/lab prefix and ULAs stay internal.
  //    isInNetEx is a Microsoft extension; fall back to a prefix test.
  if (isV6) {
    if (typeof isInNetEx == "function") {
      if (isInNetEx(bare, "2001:db8::/32") || isInNetEx(bare, "fd00::/8")) {
        return "DIRECT";
      }
    } else if (shExpMatch(bare, "2001:db8:*") || shExpMatch(bare, "fd??:*")) {
      return "DIRECT";
    }
    return POOL_A;
  }

  // 5. The SSO portal needs the TLS-inspecting proxy for its /sso/ paths.
  //    Only tools that see the full https URL (not Chrome) apply this.
  if (shExpMatch(url, "https://login.example.net/sso/*")) {
    return SSO;
  }

  // 6. Microsoft 365 / Azure go through the dedicated egress (no TLS
  //    inspection, see Microsoft's network connectivity principles).
  if (dnsDomainIs(host, ".microsoft.com") || dnsDomainIs(host, ".azure.com") ||
      shExpMatch(host, "*.office365.com") || host == "microsoft.com") {
    return M365;
  }

  // 7. Partner extranets: fixed partner proxy, no fallback by contract.
  if (shExpMatch(host, "*.partner-a.example.org") ||
      shExpMatch(host, "extranet?.partner-b.example.org")) {
    return PARTNER;
  }

  // 8. FTP is only allowed through the FTP gateway.
  if (url.substring(0, 4) == "ftp:") {
    return FTP;
  }

  // 9. Everything else: sticky load balancing across the two web proxies,
  //    each list failing over to the other proxy and finally DIRECT.
  if (hostHash(host) % 2 == 0) {
    return POOL_A;
  }
  return POOL_B;
}
