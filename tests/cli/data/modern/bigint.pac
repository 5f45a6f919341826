// bigint.pac: BigInt is the distinct unsupported feature, not a
// ReferenceError (issue 16).
function FindProxyForURL(url, host) {
  var n = BigInt(host.length);
  return "DIRECT";
}
