function FindProxyForURL(url, host) {
  return eval("var g = 1;\nclass X { #p = 1; }");
}
