// async9.pac: an async function (line 9, column 1), which browsers parse
// and pacprobe's engine does not lower (issue 16).

function FindProxyForURL(url, host) {
  return "DIRECT";
}

// Never called, still parsed.
async function later() {
  return "PROXY p:1";
}
