function FindProxyForURL(url, host) { return ["PROXY a:1", "DIRECT"]; }
