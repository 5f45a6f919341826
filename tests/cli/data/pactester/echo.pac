// Shows exactly which url and host reach FindProxyForURL (pactester_compat.sh).
function FindProxyForURL(url, host) {
  return "url=[" + url + "] host=[" + host + "]";
}
