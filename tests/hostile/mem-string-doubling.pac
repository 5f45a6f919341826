// Hostile case: a memory bomb: a string doubled until memory runs out
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { var s = "x"; for (;;) s = s + s; }
  return "DIRECT";
}
