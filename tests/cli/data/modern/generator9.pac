// generator9.pac: a browser-valid PAC whose generator function (line 9,
// column 1) pacprobe's engine does not support (issue 16).

function FindProxyForURL(url, host) {
  return routes().next().value;
}

// Routing table.
function* routes() {
  yield "DIRECT";
}
