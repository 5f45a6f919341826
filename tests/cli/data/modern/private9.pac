// private9.pac: a private class member (line 9, column 3), which browsers
// parse and pacprobe's engine does not lower (issue 16).

function FindProxyForURL(url, host) {
  return "DIRECT";
}

class Router {
  #table = [];
}
