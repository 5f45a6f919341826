function FindProxyForURL(url, host) {
  return eval("var g = 1;\nfunction* gen() { yield 1; }");
}
