function FindProxyForURL(u,h){if(shExpMatch(h,"*.a.com"))return"PROXY a:1";if(/^b\./.test(h))return"PROXY b:1";var r=h=="c.com"?"PROXY c:1":"DIRECT";return r}
