// Hostile case: an endless loop inside a sort comparator
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") [3, 1, 2].sort(function (a, b) { for (;;) {} });
  return "DIRECT";
}
