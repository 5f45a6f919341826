function FindProxyForURL(u,h){if(h=="a")return "DIRECT";return "PROXY p:1";}
