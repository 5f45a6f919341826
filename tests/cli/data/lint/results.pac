// lint fixture: literal results the browsers cannot parse.
var BAD = "PROXY";
function FindProxyForURL(url, host) {
  if (host == "a") return "PROXI x:1";
  if (host == "b") return BAD;
  if (host == "c") return "HTTP x:1";
  if (host == "d") return host == "dd" ? "DIRECT" : "SOCKS5 s:1080; DIRECT x:1";
  return "PROXY p.example.com:8080; DIRECT";
}
