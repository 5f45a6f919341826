// Hostile case: an alert() flood: 10,000 messages
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { for (var i = 0; i < 10000; i++) alert("flood " + i); }
  return "DIRECT";
}
