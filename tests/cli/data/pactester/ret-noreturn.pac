function FindProxyForURL(url, host) { var x = host; }
