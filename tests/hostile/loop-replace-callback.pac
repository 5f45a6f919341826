// Hostile case: an endless loop inside a String.replace callback
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") host.replace(/./g, function () { while (1) {} });
  return "DIRECT";
}
