function FindProxyForURL(url, host) {
  var x = 1;
  return nosuch(x);
}
