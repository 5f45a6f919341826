// Hostile case: a short result with 2001 entries (2000 semicolons)
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { var s = "DIRECT"; for (var i = 0; i < 2000; i++) s += ";"; return s; }
  return "DIRECT";
}
