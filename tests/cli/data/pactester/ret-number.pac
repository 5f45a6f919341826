function FindProxyForURL(url, host) { return 42; }
