// No state between URLs: globals written only at the top level; locals,
// parameters and nested functions inside.
var proxy = "PROXY p.example:8080";
var table = {};
table["a.example"] = "DIRECT";
function pick(h) { var r = table[h]; if (r === undefined) { r = proxy; } return r; }
function FindProxyForURL(url, host) {
  var parts = host.split(".");
  parts.reverse();
  var n = 0, k;
  for (k = 0; k < parts.length; k++) n += parts[k].length;
  host = host.toLowerCase();
  try { n++; } catch (e) { e = null; }
  return pick(host);
}
