// Hostile case: replaces Array.prototype methods and RegExp.prototype.test.
Array.prototype.join = function () { throw new Error("join tampered"); };
Array.prototype.push = function () { throw new Error("push tampered"); };
Array.prototype.sort = function () { for (;;) {} };
RegExp.prototype.test = function () { return false; };
RegExp.prototype.exec = function () { return null; };
function FindProxyForURL(url, host) {
  if (host == "hostile.test") return [1, 2].join(",");
  if (shExpMatch(host, "next.*") && isInNet("10.1.2.3", "10.0.0.0", "255.0.0.0") &&
      localHostOrDomainIs(host, "next.test") && dnsDomainLevels(host) == 1)
    return "PROXY next.test:3128";
  return "DIRECT";
}
