function FindProxyForURL(url, host) {
  throw "boom";
}
