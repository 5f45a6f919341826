// A small PAC for the eval scenarios: each host picks one behaviour.
function FindProxyForURL(url, host) {
  if (host == "junk") return "PROXY a:1 ; JUNK; socks5 B ;; DIRECT";
  if (host == "throw") throw new Error("no route for " + host);
  if (host == "null") return null;
  if (host == "alert") { alert("hello from " + host); return "DIRECT"; }
  if (host == "loop") while (true) {}
  if (host == "bomb") { var s = "x"; while (true) s = s + s; }
  if (host == "big") { var t = "PROXY x:1;"; while (t.length < 100 * 1024 * 1024) t = t + t; return t; }
  if (host == "regex") return String(/(a+)+$/.test("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
  if (shExpMatch(url, "https://*/secret*")) return "PROXY path-rule:8080";
  if (dnsDomainIs(host, ".example.com")) return "PROXY proxy.example.com:8080; DIRECT";
  return "DIRECT";
}
