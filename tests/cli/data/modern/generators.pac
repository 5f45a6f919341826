// generators.pac: a browser-valid PAC that routes through generators
// (issue 16): rules come from a generator, one throws at a known line.

function* rules() {
  yield { suffix: ".corp.example", proxy: "PROXY corp:3128" };
  yield* [{ suffix: ".lab.example", proxy: "PROXY lab:8080" }];
  if (false) yield null;
}

function* broken(host) {
  yield "first";
  throw new RangeError("no route for " + host);
}

function* forever() {
  let i = 0;
  while (true) yield i++;
}

function FindProxyForURL(url, host) {
  if (host === "throw.test") {
    const it = broken(host);
    it.next();
    return it.next().value;
  }
  if (host === "loop.test") {
    for (const v of forever()) if (v < 0) return "DIRECT";
  }
  if (host === "memory.test") {
    const keep = [];
    for (const v of forever()) keep.push("x".repeat(1000) + v);
  }
  for (const r of rules())
    if (dnsDomainIs(host, r.suffix)) return r.proxy;
  return "DIRECT";
}
