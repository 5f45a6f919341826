// SPDX-License-Identifier: MIT
// Run by tests/browsers/firefox.py through Marionette in the chrome
// context (WebDriver:ExecuteAsyncScript): sets the PAC, asks Firefox's proxy
// service for each URL in turn and collects the PAC's alert() lines, which
// Firefox logs to the console as "PAC-alert: <text>". Answers
// {rows: [{result, alerts}], late: [alerts after the last URL]}.
const [pacUrl, urls, resolve] = arguments;
const pps = Cc["@mozilla.org/network/protocol-proxy-service;1"]
  .getService(Ci.nsIProtocolProxyService);
let alerts = [];
const listener = {
  observe(m) {
    const s = m.message || "";
    if (s.startsWith("PAC-alert: ")) alerts.push(s.substring(11));
  },
};
// pacprobe's canonical words for nsIProxyInfo types
const WORDS = { http: "PROXY", https: "HTTPS", socks: "SOCKS5", socks4: "SOCKS" };
const DEFAULT_PORTS = { http: 80, https: 443, socks: 1080, socks4: 1080 };

function text(pi) {
  if (!pi) return "DIRECT";
  const out = [];
  for (let n = 0; pi && n < 64; pi = pi.failoverProxy, n++) {
    if (pi.type === "direct") {
      out.push("DIRECT");
      continue;
    }
    // An entry Firefox kept without a host (port -1) cannot be used;
    // pacprobe writes it with the keyword's default port (docs/browsers.md).
    const port = pi.host === "" && pi.port === -1 ? DEFAULT_PORTS[pi.type] : pi.port;
    out.push((WORDS[pi.type] || "?" + pi.type) + " " +
      (pi.host.includes(":") ? "[" + pi.host + "]" : pi.host) + ":" + port);
  }
  return out.join(";");
}

function one(u) {
  return new Promise(done => {
    let ch;
    try {
      ch = NetUtil.newChannel({ uri: u, loadUsingSystemPrincipal: true });
    } catch (e) {
      done({ error: "no channel: " + e });
      return;
    }
    pps.asyncResolve(ch, 0, {
      onProxyAvailable(req, c, pi, status) { done({ result: text(pi), status }); },
    });
  });
}

const tick = ms => new Promise(r => setTimeout(r, ms));

(async () => {
  Services.console.registerListener(listener);
  try {
    Services.dns.clearCache(true);
    Services.prefs.setStringPref("network.proxy.autoconfig_url", pacUrl);
    Services.prefs.setIntPref("network.proxy.type", 2);
    const rows = [];
    for (const u of urls) {
      const r = await one(u);
      await tick(0); // the console's listeners run from the main loop
      r.alerts = alerts;
      alerts = [];
      rows.push(r);
    }
    await tick(100);
    resolve({ rows, late: alerts });
  } finally {
    Services.console.unregisterListener(listener);
  }
})().catch(e => resolve({ fail: String(e) }));
