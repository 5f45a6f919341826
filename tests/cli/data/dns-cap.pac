// 25 distinct lookups, twice over: Chromium answers the first 20 distinct
// names per evaluation and no others (kMaxUniqueResolveDnsPerExec).
function FindProxyForURL(url, host) {
  var n = 0;
  for (var pass = 0; pass < 2; pass++)
    for (var i = 1; i <= 25; i++)
      if (dnsResolve("h" + i + ".example.test")) n++;
  return "PROXY resolved" + n + ".test:3128";
}
