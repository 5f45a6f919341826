// Hostile case: a memory bomb: arrays of arrays
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { var a = []; for (;;) a.push(new Array(10000)); }
  return "DIRECT";
}
