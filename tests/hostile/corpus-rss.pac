// The hostile corpus in one script for run.sh's RSS check: host
// "<case>.hostile" runs that case's behaviour, "next.test" is a normal URL.
// Tampering cases are left out: their damage outlives the evaluation by
// design (a browser keeps the same context too).
function FindProxyForURL(url, host) {
  var a, s, o, i;
  switch (host) {
  case "next.test": return "PROXY next.test:3128";
  case "loop.hostile": for (;;) {} break;
  case "sort.hostile": [3, 1, 2].sort(function () { for (;;) {} }); break;
  case "replace.hostile": host.replace(/./g, function () { for (;;) {} }); break;
  case "regex.hostile": return /(a+)+$/.test(new Array(60).join("a") + "b") ? "DIRECT" : "PROXY r:1";
  case "array.hostile": a = []; for (;;) a.push(new Array(10000)); break;
  case "double.hostile": s = "x"; for (;;) s = s + s; break;
  case "join.hostile": return new Array(1 << 30).join("x");
  case "graph.hostile": o = null; for (i = 0; ; i++) o = { next: o, tag: "n" + i }; break;
  case "recurse.hostile": return (function f(n) { return f(n + 1) + 1; })(0);
  case "huge.hostile": s = "PROXY a.test:1; "; while (s.length < (1 << 18)) s = s + s; return s;
  case "alert.hostile": for (i = 0; i < 1000; i++) alert("flood " + i); break;
  case "dns.hostile": for (i = 0; i < 2000; i++) dnsResolve("h" + (i % 30) + ".test"); break;
  case "throw.hostile": throw { toString: function () { for (;;) {} } };
  case "nul.hostile": return "PROXY a\u0000b:1";
  }
  return "DIRECT";
}
