// Hostile case: a memory bomb: one huge string from Array.join
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") return new Array(1 << 30).join("x");
  return "DIRECT";
}
