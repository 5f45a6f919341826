// Result strings measured against the real browsers (issue 16 items 4 and
// 7; docs/browsers.md "The result grammar"): the first label of the host
// picks one.
var R = {
  quic1: "QUIC q:4433;PROXY a:1",
  quic2: "QUIC q",
  quic3: "quic q:1; DIRECT",
  blank: "PROXY a b:1",
  blank2: "PROXY A  b:1 ;DIRECT",
  url: "PROXY http://a:1",
  path: "PROXY a:80/path",
  socks80: "SOCKS a:80",
  userinfo: "PROXY u:p@a:3",
  badport: "PROXY a:99999;DIRECT",
  direct: "DIRECT x",
  scheme: "PROXY socks5://b:7",
  https: "HTTPS https://c",
  httpdefault: "SOCKS http://d:80",
  query: "PROXY e:8080?x#y"
};
function FindProxyForURL(url, host) {
  return R[host.split(".")[0]];
}
