// Hostile case: a memory bomb: an ever-growing linked object graph
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { var o = null; for (var i = 0; ; i++) o = { next: o, peer: o, tag: "n" + i, list: [i, i, i] }; }
  return "DIRECT";
}
