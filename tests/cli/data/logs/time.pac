function FindProxyForURL(url, host) {
  if (timeRange(9, 17)) return "PROXY day.example:1";
  return "DIRECT";
}
