// corporate-modern.pac - pacscripts/examples/corporate.pac rewritten the way
// administrators write PACs for Chrome and Edge today (issue 9): let/const,
// arrow functions, template literals, default parameters, for...of,
// shorthand properties, destructuring, spread, ** and optional catch binding.
// Must give exactly the answers of the ES5 original (tests/cli/scenarios/modern.t).

const PROXIES = { p1: "p1.corp.example.com", p2: "p2.corp.example.com" };
const WEB_PORT = 2 ** 13 - 112;                       // 8080
const proxy = (host, port = WEB_PORT) => `PROXY ${host}:${port}`;
const chain = (...entries) => entries.join("; ");

const { p1, p2 } = PROXIES;
const POOL_A = chain(proxy(p1), proxy(p2), "DIRECT");
const POOL_B = chain(proxy(p2), proxy(p1), "DIRECT");
const M365 = chain(proxy("m365.corp.example.com"), proxy(p1));
const PARTNER = proxy("partner.corp.example.com", 3128);
const FTP = `${proxy("ftp-gw.corp.example.com", 2121)}; DIRECT`;
const SSO = proxy("sso-proxy.corp.example.com", 8443);
const LAB_SOCKS = ["SOCKS5", "SOCKS"].map(kind => `${kind} socks.lab.example.com:1080`).join("; ");

const IPV4_LITERAL = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const OFFICE_NETS = [["10.0.0.0", "255.0.0.0"], ["192.168.0.0", "255.255.0.0"]];
const M365_DOMAINS = [".microsoft.com", ".azure.com"];
const routes = { POOL_A, POOL_B };

// Same host -> same pool member (31-multiplier string hash).
function hostHash(host) {
  let h = 0;
  for (const ch of host) {
    h = (h * 31 + ch.charCodeAt(0)) % 1000003;
  }
  return h;
}

const stripBrackets = (host) =>
  host.charAt(0) == "[" && host.charAt(host.length - 1) == "]" ? host.substring(1, host.length - 1) : host;

function inOffice(ip) {
  for (const [net, mask] of OFFICE_NETS) {
    if (isInNet(ip, net, mask)) return true;
  }
  return false;
}

function v6Internal(bare) {
  let internal = false;
  try {
    internal = isInNetEx(bare, "2001:db8::/32") || isInNetEx(bare, "fd00::/8");
  } catch {
    internal = shExpMatch(bare, "2001:db8:*") || shExpMatch(bare, "fd??:*");
  }
  return internal;
}

function FindProxyForURL(url, host) {
  const bare = stripBrackets(host);
  const isV4 = IPV4_LITERAL.test(bare);
  const isV6 = bare.includes(":");

  if (isPlainHostName(host)) {
    return "DIRECT";
  }
  if (dnsDomainIs(host, ".corp.example.com") || host == "corp.example.com") {
    return "DIRECT";
  }
  if (isV4) {
    if (inOffice(bare)) {
      return "DIRECT";
    }
    if (isInNet(bare, "172.16.0.0", "255.240.0.0")) {
      return LAB_SOCKS;
    }
    return POOL_A;
  }
  if (isV6) {
    if (v6Internal(bare)) {
      return "DIRECT";
    }
    return POOL_A;
  }
  if (shExpMatch(url, "https://login.example.net/sso/*")) {
    return SSO;
  }
  if (M365_DOMAINS.some(d => dnsDomainIs(host, d)) ||
      shExpMatch(host, "*.office365.com") || host == "microsoft.com") {
    return M365;
  }
  if (shExpMatch(host, "*.partner-a.example.org") ||
      shExpMatch(host, "extranet?.partner-b.example.org")) {
    return PARTNER;
  }
  if (url.substring(0, 4) == "ftp:") {
    return FTP;
  }
  const pool = hostHash(host) % 2 == 0 ? "POOL_A" : "POOL_B";
  return routes[pool];
}
