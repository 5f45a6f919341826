// Hostile case: invalid UTF-8 (ÿþ, a lone Ã, an overlong À¯) in a comment and a string.
function FindProxyForURL(url, host) {
  if (host == "hostile.test") return "PROXY Ã( ¡.test:1";
  if (host == "next.test") return "PROXY next.test:3128";
  return "DIRECT";
}
