// Hostile case: replaces String.prototype methods the PAC helpers may use.
String.prototype.split = function () { throw new Error("split tampered"); };
String.prototype.toLowerCase = function () { return "tampered"; };
String.prototype.indexOf = function () { return -1; };
String.prototype.replace = function () { return "tampered"; };
String.prototype.substring = function () { return ""; };
function FindProxyForURL(url, host) {
  if (host == "hostile.test") return "PROXY " + host.toLowerCase() + ".test:1";
  if (shExpMatch(host, "*.test") && dnsDomainIs(host, ".test") && isPlainHostName("a"))
    return "PROXY next.test:3128";
  return "DIRECT";
}
