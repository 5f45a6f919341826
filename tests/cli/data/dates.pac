function FindProxyForURL(url, host) {
  var d = new Date();
  return "PROXY h" + d.getHours() + ":" + (weekdayRange("MON", "FRI") ? 1 : 2);
}
