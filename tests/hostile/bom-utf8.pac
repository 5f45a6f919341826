// Hostile case: a UTF-8 byte order mark before the script.
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  return "DIRECT";
}
