// Hostile case: dnsResolveEx in a loop until the deadline. Its result string
// is freed each turn, so every call allocates when it pushes it: the push
// that the deadline refuses throws out of the native (which must not leak
// the answer it holds; the ASan build checks).
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { for (;;) dnsResolveEx("multi.test"); }
  return "DIRECT";
}
