// Hostile case: freezes the global object and the built-in prototypes.
Object.freeze(Object.prototype);
Object.freeze(String.prototype);
Object.freeze(Array.prototype);
function FindProxyForURL(url, host) {
  if (host == "hostile.test") { delete this.FindProxyForURL; FindProxyForURL = null; throw new Error("frozen"); }
  if (shExpMatch(host, "*.test") && dnsDomainIs(host, ".test")) return "PROXY next.test:3128";
  return "DIRECT";
}
Object.freeze(this);
