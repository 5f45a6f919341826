function FindProxyForURL(url, host) {
  if (host == "bad.example.com")
    return nosuch;
  return "DIRECT";
}
