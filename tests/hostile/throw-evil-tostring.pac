// Hostile case: throws an object whose toString loops forever
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") throw { toString: function () { for (;;) {} } };
  return "DIRECT";
}
