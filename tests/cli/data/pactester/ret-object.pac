function FindProxyForURL(url, host) { return {proxy: "PROXY a:1"}; }
