#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Proxy credentials go only where the user sent them (issue 15 items 1-2,
# must-show 1; docs/security.md "Proxy credentials"). A rogue proxy second in
# the PAC's list (after a dead one) answers 407 Basic and logs every header
# it receives: the password never reaches it, while the proxy the user named
# still gets it; Basic is never sent over plain HTTP without
# --proxy-basic-ok, SOCKS never without --proxy-socks-auth; credentials in
# --proxy are refused without echoing them; user:password in http_proxy
# goes to that proxy only, as curl does. The report says which proxy was
# offered the credentials and which was refused them, and why.
# Usage: test_check_creds.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
ck_up pac origin squid socks dead rogue
U=$LAB_SQUID_USER P=$LAB_SQUID_PASS
B64=$(printf '%s' "$U:$P" | base64 -w0)
CK_JQARGS=(--arg rogue "PROXY $LAB_ROGUE" --arg squid "PROXY $LAB_SQUID" --arg dead "PROXY $LAB_DEAD")
ROGUE_PAC=$(proxylab_pac rogue.pac "function FindProxyForURL(url, host) {
  return \"PROXY $LAB_DEAD; PROXY $LAB_ROGUE\";
}")
BOTH_PAC=$(proxylab_pac both.pac "function FindProxyForURL(url, host) {
  return \"PROXY $LAB_DEAD; PROXY $LAB_ROGUE; PROXY $LAB_SQUID\";
}")
# rogue_saw: the rogue's log since the last rogue_reset holds a Proxy-Authorization
rogue_reset() { : >"$LAB_ROGUE_LOG"; }
rogue_clean() {
  grep -qi '^header: Proxy-Authorization' "$LAB_ROGUE_LOG" && bad "the rogue proxy received Proxy-Authorization: $(grep -i Proxy-Auth "$LAB_ROGUE_LOG" | head -1)" || ok
  grep -qF -- "$B64" "$LAB_ROGUE_LOG" && bad "the rogue proxy received the base64 credentials" || ok
}
rogue_asked() { grep -q '^request: ' "$LAB_ROGUE_LOG" && ok || bad "the rogue proxy was never tried"; }

ck_case "PAC 'PROXY dead; PROXY rogue' with --proxy-user USER: the rogue answers 407 Basic, gets nothing"
# (the options of this case exist before the fix too: there the rogue's log
# shows the Proxy-Authorization header)
rogue_reset
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --pac "$ROGUE_PAC" --cacert "$LAB_CA" \
  --proxy-user "$U" --format json "$LAB_HTTP_ORIGIN" "$LAB_ORIGIN"
want_rc 1
rogue_asked
rogue_clean
want_err "no proxy is named for the credentials"
want_jq 'all(.targets[]; .verdict == "auth-required" and .attempts[1].auth.credentials.state == "withheld")'

ck_case "PAC 'PROXY dead; PROXY rogue', --proxy-user USER@squid, Basic allowed: rogue gets nothing"
rogue_reset
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --pac "$ROGUE_PAC" --cacert "$LAB_CA" \
  --proxy-user "$U@$LAB_SQUID" --proxy-basic-ok --format json "$LAB_ORIGIN" "$LAB_HTTP_ORIGIN"
want_rc 1
rogue_asked
rogue_clean
want_jq '[.targets[].verdict] == ["auth-required", "auth-required"]'
want_jq '.targets[0].attempts[1] | .route == $rogue and .status == 407 and .auth.credentials.state == "withheld"'
want_jq '.targets[0].attempts[1].auth.credentials.note | test("not a proxy you named")'
want_jq '.targets[0].attempts[1].error.message | test("credentials withheld")'
want_jq '.config.credentials == [{"user": "'"$U"'", "host": "127.0.0.1", "port": '"${LAB_SQUID##*:}"', "named_by": "--proxy-user"}]'

ck_case "the same in text: the report names the refusal"
rogue_reset
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --pac "$ROGUE_PAC" --cacert "$LAB_CA" \
  --proxy-user "$U@$LAB_SQUID" --proxy-basic-ok "$LAB_ORIGIN"
want_rc 1
rogue_clean
want_out "credentials: withheld; not a proxy you named"
want_out "credentials: user '$U' only for proxy $LAB_SQUID, named by --proxy-user"

ck_case "--all-routes over 'PROXY dead; PROXY rogue; PROXY squid': squid gets the password, rogue not"
rogue_reset
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --pac "$BOTH_PAC" --cacert "$LAB_CA" --all-routes \
  --proxy-user "$U@$LAB_SQUID" --proxy-basic-ok --format json "$LAB_ORIGIN"
rogue_asked
rogue_clean
want_jq '[.targets[0].attempts[].route] == [$dead, $rogue, $squid]'
want_jq '.targets[0].attempts[2] | .ok == true and .auth.used == "Basic" and .auth.credentials.state == "allowed"'
want_jq '.targets[0].attempts[2].auth.credentials | .user == "'"$U"'" and .named_by == "--proxy-user"'
want_jq '.targets[0].attempts[1].auth.credentials.state == "withheld"'

ck_case "a PAC naming only squid: with --proxy-user USER (no host) nothing is named, withheld"
SQ_PAC=$(proxylab_pac squid.pac "function FindProxyForURL(url, host) { return \"PROXY $LAB_SQUID\"; }")
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --pac "$SQ_PAC" --cacert "$LAB_CA" --proxy-user "$U" \
  --proxy-basic-ok --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "auth-required" and .targets[0].attempts[0].auth.credentials.state == "withheld"'

ck_case "--proxy-auth-host names the PAC's proxy: ok"
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --pac "$SQ_PAC" --cacert "$LAB_CA" --proxy-user "$U" \
  --proxy-auth-host "$LAB_SQUID" --proxy-basic-ok --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].attempts[0].auth.credentials | .state == "allowed" and .named_by == "--proxy-auth-host"'

ck_case "the test can see a leak: the rogue named by --proxy-auth-host with Basic allowed gets it"
rogue_reset
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --pac "$ROGUE_PAC" --cacert "$LAB_CA" --proxy-user "$U" \
  --proxy-auth-host "$LAB_ROGUE" --proxy-basic-ok --format json "$LAB_HTTP_ORIGIN"
grep -qi '^header: Proxy-Authorization: Basic' "$LAB_ROGUE_LOG" && ok || bad "the named rogue got no credentials"

ck_case "Basic over plain HTTP without --proxy-basic-ok: not sent even to the named proxy"
rogue_reset
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --proxy "http://$LAB_ROGUE" --proxy-user "$U" \
  --format json "$LAB_HTTP_ORIGIN" "$LAB_ORIGIN"
want_rc 1
rogue_asked
rogue_clean
want_jq '.targets[0].attempts[0].auth.credentials | .state == "allowed" and .named_by == "--proxy" and (.note | test("Basic held back"))'
want_jq '.targets[0].attempts[0].error.message | test("--proxy-basic-ok")'

ck_case "the named squid (Basic only) without --proxy-basic-ok: auth-required naming the option"
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --proxy "http://$LAB_SQUID" --proxy-user "$U" \
  --cacert "$LAB_CA" "$LAB_ORIGIN"
want_rc 1
want_out "auth-required"
want_out "proxy-basic-ok"

ck_case "Digest over plain HTTP needs no --proxy-basic-ok"
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --proxy "http://$LAB_SQUID_DIGEST" --proxy-user "$U" \
  --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].attempts[-1].auth.used == "Digest"'

ck_case "SOCKS5 named, without --proxy-socks-auth: withheld; with it: ok"
SO_PAC=$(proxylab_pac socks.pac "function FindProxyForURL(url, host) { return \"SOCKS5 $LAB_SOCKS_AUTH\"; }")
CK_ENV="PACPROBE_PROXY_PASSWORD=$LAB_SOCKS_PASS" ck_run --pac "$SO_PAC" --cacert "$LAB_CA" \
  --proxy-user "$LAB_SOCKS_USER@$LAB_SOCKS_AUTH" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].attempts[0].auth.credentials | .state == "withheld" and (.note | test("proxy-socks-auth"))'
CK_ENV="PACPROBE_PROXY_PASSWORD=$LAB_SOCKS_PASS" ck_run --pac "$SO_PAC" --cacert "$LAB_CA" \
  --proxy-user "$LAB_SOCKS_USER@$LAB_SOCKS_AUTH" --proxy-socks-auth --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].attempts[0].auth.credentials.state == "allowed"'

ck_case "--proxy http://user:pw@host is refused without echoing the password"
ck_run --proxy "http://$U:$P@$LAB_SQUID" "$LAB_ORIGIN"
want_rc 2
want_err "option --proxy: credentials in the proxy URL are not accepted"
want_no "$CK_ERR" "$P"
want_no "$CK_OUT" "$P"

ck_case "http_proxy=http://user:pw@squid: used for that proxy only, as curl does, and said so"
CK_ENV="http_proxy=http://$U:$P@$LAB_SQUID" ck_run --proxy-basic-ok --format json "$LAB_HTTP_ORIGIN"
want_rc 0
want_jq '.config.credentials[0] | .user == "'"$U"'" and .named_by == "env http_proxy"'
want_jq '.targets[0].attempts[0].auth | .used == "Basic" and .credentials.named_by == "env http_proxy"'
want_no "$CK_OUT" "$P"
want_no "$CK_ERR" "$P"

ck_finish
