function FindProxyForURL(url, host) {
  var a = 1;
  var b = 2;
  if (a < b) {
    return "DIRECT";
  }
  return (;
}
