// class9.pac: a browser-valid PAC whose class declaration (line 9,
// column 1) pacprobe's engine does not support (issue 9, must-show 2).

function FindProxyForURL(url, host) {
  return new Router().route(host);
}

// Routing table.
class Router {
  route(host) { return "DIRECT"; }
}
