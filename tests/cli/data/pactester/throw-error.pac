function FindProxyForURL(url, host) {

  throw new Error("bang");
}
