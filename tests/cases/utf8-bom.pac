/*
 * Proxy-Konfiguration für die Zentrale (Büro München), Stand März
 * Ansprechpartner: Jürgen Weiß, Abteilung IT-Großkunden
 */
var ort = "München";
function FindProxyForURL(url, host) {
  // Ausnahmen für interne Server
  if (isPlainHostName(host) || dnsDomainIs(host, ".intern.example")) return "DIRECT";
  /* Übrige */ return "PROXY p" + ort.charCodeAt(1) + "-" + ort.length + ".example:8080"; // für alle übrigen
}
