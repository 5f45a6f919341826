// The URL the script sees (issue 16 items 2 and 3; docs/browsers.md "The
// URL the script sees"): "PROXY seen:1" when url is one Chromium passes
// (measured), "PROXY other:2" otherwise.
var SEEN = {
  "http://e.test/b/c": 1,
  "http://e.test/y/a%2eb": 1,
  "http://e.test/": 1,
  "http://example.test/q": 1,
  "http://example.test/p": 1,
  "http://h.test/x?y": 1
};
function FindProxyForURL(url, host) {
  return SEEN[url] ? "PROXY seen:1" : "PROXY other:2";
}
