// Hostile case: catastrophic backtracking: /(a+)+$/ on a long host
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (/(a+)+$/.test(host)) return "PROXY never:1";
  return "DIRECT";
}
