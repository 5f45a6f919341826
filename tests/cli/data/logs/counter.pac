var n = 0;
function FindProxyForURL(url, host) {
  n++;
  return n % 2 ? "PROXY a.example:1" : "PROXY b.example:2";
}
