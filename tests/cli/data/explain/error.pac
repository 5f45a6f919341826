function FindProxyForURL(url, host) {
  var parts = host.split(".");
  if (parts.length > 2)
    return parts[5].toUpperCase();
  return "DIRECT";
}
