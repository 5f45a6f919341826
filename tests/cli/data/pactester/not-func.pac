var FindProxyForURL = "DIRECT";
