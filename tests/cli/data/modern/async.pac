// async.pac: a browser-valid PAC using Promise and async functions
// (issue 16). The top level's jobs run before the first call (as in
// Chromium, after the script's top level); a call's jobs before the next.

var routes = {};
async function load() {
  await null;
  routes[".corp.example"] = "PROXY corp:3128";
}
load().then(() => { routes[".lab.example"] = "PROXY lab:8080"; });

var calls = 0;
async function count() {
  calls++;
}

function spin() {
  return Promise.resolve().then(spin);
}

function FindProxyForURL(url, host) {
  if (host === "spin.test") {
    spin();
    return "DIRECT";
  }
  if (host === "reject.test") {
    (async () => { throw new Error("nobody listens"); })();
    return "PROXY reject:1";
  }
  if (host === "calls.test") {
    count();
    return "PROXY calls-" + calls + ":1";
  }
  for (const suffix in routes)
    if (dnsDomainIs(host, suffix)) return routes[suffix];
  return "DIRECT";
}
