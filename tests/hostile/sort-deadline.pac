// Hostile case: sortIpAddressList in a loop until the deadline; as
// dns-ex-deadline.pac, the push the deadline refuses throws out of the
// native, which must not leak the sorted list it built.
function FindProxyForURL(url, host) {
  if (host == "next.test") return "PROXY next.test:3128";
  if (host == "hostile.test") { for (;;) sortIpAddressList("10.0.0.3;10.0.0.1;10.0.0.2"); }
  return "DIRECT";
}
