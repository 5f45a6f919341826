// Hostile case: padded to 10 MB by run.sh (pad=), over the 4 MiB limit
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { while (true) {} }
  return "DIRECT";
}
