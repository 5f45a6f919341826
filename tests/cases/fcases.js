/* The tail of the PAC tests/cases/run.sh generates for a .fcases group
 * (also used by tests/browsers/chromium.py): case N's value, as JSON, for
 * http://cN/. */
function __pp_show(v) {
  var s = v === undefined ? 'undefined' : JSON.stringify(v);
  if (s === undefined) s = 'undefined';
  /* ASCII only: Chromium rejects a non-ASCII result (pac-semantics.md §5). */
  return s.replace(/[^\x20-\x7e]/g, function (c) {
    var h = c.charCodeAt(0).toString(16);
    return '\\u' + '0000'.substring(h.length) + h;
  });
}
function FindProxyForURL(url, host) {
  var i = parseInt(host.substring(1), 10);
  try {
    return __pp_show(__pp_cases[i]());
  } catch (e) {
    if (typeof e === 'string') return '!throws ' + __pp_show(e);
    return '!throws ' + (e !== null && e !== undefined ? e.name : String(e));
  }
}
