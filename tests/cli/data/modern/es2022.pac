// es2022.pac: classes, fields, optional chaining, nullish coalescing,
// logical assignment, object spread/rest, tagged templates, numeric
// separators (issue 16). Every construct is lowered; lines stay.
const defaults = {port: 8_080, pool: {main: "p1.corp.example.com"}};
const cfg = {...defaults, pool: {...defaults.pool, eu: "p2.corp.example.com"}};
const proxy = (s, host, port) => `PROXY ${host}:${port}`;

class Rule {
  static count = 0;
  hits = 0;
  constructor(suffix, pool) { this.suffix = suffix; this.pool = pool; Rule.count++; }
  matches(host) { return dnsDomainIs(host, this.suffix); }
  get target() { return cfg.pool?.[this.pool] ?? cfg.pool.main; }
}

class EuRule extends Rule {
  constructor(suffix) { super(suffix, "eu"); }
  matches(host) { this.hits ||= 0; this.hits++; return super.matches(host) && !host.startsWith("www."); }
}

const rules = [new Rule(".example.com", "main"), new EuRule(".example.eu"), new Rule(".example.org", "none")];

function FindProxyForURL(url, host) {
  const {port, ...rest} = cfg;
  if (host === "boom.example.eu") return rules[9].target.length;
  for (const r of rules) {
    if (r?.matches?.(host)) {
      return proxy`${r.target}${port}`;
    }
  }
  return rest.missing?.value ?? "DIRECT";
}
