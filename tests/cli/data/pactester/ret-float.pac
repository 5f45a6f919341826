function FindProxyForURL(url, host) { return 1.5; }
