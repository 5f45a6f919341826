// Hostile case: an endless loop
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { while (true) {} }
  return "DIRECT";
}
