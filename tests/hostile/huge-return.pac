// Hostile case: a huge return string (about 4 MB)
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { var s = "PROXY a.test:1; "; while (s.length < (4 << 20)) s = s + s; return s; }
  return "DIRECT";
}
