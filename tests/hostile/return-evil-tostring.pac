// Hostile case: returns an object whose toString loops forever
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") return { toString: function () { for (;;) {} } };
  return "DIRECT";
}
