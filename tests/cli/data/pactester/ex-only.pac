// pacparser 1.3.6 never calls FindProxyForURLEx (>= 1.3.7 prefers it).
function FindProxyForURL(url, host) { return "PROXY plain:1"; }
function FindProxyForURLEx(url, host) { return "PROXY ex:1"; }
