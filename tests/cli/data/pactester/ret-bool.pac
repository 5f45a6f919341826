function FindProxyForURL(url, host) { return true; }
