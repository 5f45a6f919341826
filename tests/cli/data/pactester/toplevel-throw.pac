var a = b.c;
function FindProxyForURL(url, host) { return "DIRECT"; }
