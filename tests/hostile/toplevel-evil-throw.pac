// Hostile case: a top-level throw whose toString loops (formatted under the deadline).
throw { toString: function () { for (;;) {} } };
function FindProxyForURL(u, h) { return "DIRECT"; }
