// Hostile case: throws an object whose fileName/lineNumber/stack getters
// throw or loop, read while pacprobe formats the error.
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test")
    throw { get fileName() { throw new Error("getter"); },
            get lineNumber() { for (;;) {} },
            get stack() { throw 1; } };
  return "DIRECT";
}
