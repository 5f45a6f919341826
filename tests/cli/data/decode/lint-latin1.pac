function FindProxyForURL(url, host) {
  /* Übrige für München */ if (shExpMatch(url, "https://bank.example/login*")) return "DIRECT";
  return "PROXY p:1";
}
