// Promise jobs and async functions started by the script's top level
// (issue 16, docs/modern-js.md): the browser runs the jobs when its call
// stack empties after the top level, before the first FindProxyForURL call,
// so each call below sees every scenario finished. The first label of the
// host names the scenario; the answer spells its log (a-b-c) as a host.
var L = {};
function log(name) {
  var list = L[name] || (L[name] = []);
  return function (x) { list.push(String(x)); };
}

// order: jobs in FIFO order, two chains interleaved
(function () {
  var out = log("order"), p = Promise.resolve();
  p.then(() => out("a1")).then(() => out("a2"));
  p.then(() => out("b1")).then(() => out("b2"));
  out("sync");
})();

// await: an async function runs to its first await synchronously
(function () {
  var out = log("await");
  async function f(x) { out("f" + x); const v = await g(x); out("v" + v); return v * 2; }
  const g = async (x) => { await null; return x + 1; };
  f(1).then(v => out("r" + v));
  out("sync");
})();

// combinators
(function () {
  var out = log("all");
  Promise.all([1, Promise.resolve(2), new Promise(r => r(3))]).then(v => out("all" + v.join("")));
  Promise.race([new Promise(() => {}), Promise.resolve("r")]).then(v => out("race" + v));
  Promise.any([Promise.reject(1), Promise.resolve(7)]).then(v => out("any" + v));
  Promise.allSettled([Promise.reject(0), 5]).then(v => out(v.map(s => s.status[0]).join("")));
})();

// thenables are adopted one job later; rejections reach catch and finally
(function () {
  var out = log("then");
  const thenable = {then(res) { out("called"); res(42); }};
  Promise.resolve(thenable).then(v => out("v" + v));
  (async () => out("aw" + await thenable))();
  Promise.reject(new Error("e")).finally(() => out("fin")).catch(e => out("c" + e.message));
  out("sync");
})();

// errors in async functions: try/catch/finally around an await, rejection
(function () {
  var out = log("errors");
  async function f() {
    try { await Promise.reject(new TypeError("t")); } catch (e) { out("caught" + e.name); } finally { out("finally"); }
    throw new RangeError("r");
  }
  f().catch(e => out("rejected" + e.name));
  const p = new Promise(r => r());
  const q = p.then(() => q);
  q.catch(e => out("cycle" + e.name));
})();

// an async method keeps this; for...of with await; destructuring an await
(function () {
  var out = log("methods");
  const o = {v: 5, async m() { const f = async () => this.v; return await f(); }};
  class K { static async sum(xs) { let s = 0; for (const x of xs) s += await x; return s; } }
  o.m().then(v => out("m" + v));
  K.sum([1, Promise.resolve(2), 3]).then(v => out("s" + v));
  (async () => { const [a, b] = await Promise.all([1, 2]); out("d" + a + b); })();
})();

function FindProxyForURL(url, host) {
  var name = host.split(".")[0];
  if (name === "promise") return "PROXY " + typeof Promise + "-" + typeof AggregateError + ":1";
  return "PROXY " + (L[name] || ["none"]).join("-") + ":1";
}
