// class9.pac: a browser-valid PAC with a class declaration (line 9,
// column 1); unsupported before issue 16, lowered to ES5 since.

function FindProxyForURL(url, host) {
  return new Router().route(host);
}

// Routing table.
class Router {
  route(host) { return "DIRECT"; }
}
