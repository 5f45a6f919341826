// Keeps state between URLs: remembers the first answer per host and counts
// how often a host was asked.
var seen = {};
function FindProxyForURL(url, host) {
  if (seen[host] === undefined) seen[host] = 0;
  seen[host]++;
  return seen[host] > 1 ? "PROXY again.example:8080" : "DIRECT";
}
