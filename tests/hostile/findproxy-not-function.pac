// Hostile case: FindProxyForURL is a string, not a function.
var FindProxyForURL = "PROXY next.test:3128";
