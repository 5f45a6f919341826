// syntax.pac: a real syntax error after modern lines is reported at its line.
const a = `x${1}`;
let b = (y) => y;
function FindProxyForURL(url, host) {
  return "DIRECT" +;
}
