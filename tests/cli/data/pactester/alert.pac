function FindProxyForURL(url, host) {
  alert("checking " + host);
  return "DIRECT";
}
