// Hostile case: never defines FindProxyForURL.
function FindProxy(url, host) { return "DIRECT"; }
