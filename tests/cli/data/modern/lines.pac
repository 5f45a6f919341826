// lines.pac: errors in a lowered PAC point at the original lines.
const banner = `first line
second line
third line`;
const pick = (host, fallback = `PROXY ${host}:8080`) =>
  fallback;

function FindProxyForURL(url, host) {
  if (host == "boom") {
    return notDefined(host);
  }
  return pick(host);
}
