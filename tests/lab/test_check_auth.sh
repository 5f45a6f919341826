#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pacprobe check proxy authentication (issue 8 must-show 3, DESIGN §1.7):
# squid with Basic (--proxy-basic-ok: plain HTTP) and with Digest; without credentials `auth-required`
# listing the offered scheme, with them `ok` naming the scheme used; the
# password (and its base64 forms) appears nowhere in stdout, stderr, JSON or
# JUnit, nor on the terminal when it is typed at the prompt (a pty); a `user:password` --proxy-user is a usage error that does not echo
# it. Usage: test_check_auth.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
ck_up origin squid
U=$LAB_SQUID_USER P=$LAB_SQUID_PASS
ALL=$LAB_DIR/all-output # every byte pacprobe wrote, for the secrecy check
: >"$ALL"
keep() { cat "$CK_OUT" "$CK_ERR" "$@" >>"$ALL" 2>/dev/null; }

ck_case "Basic, no credentials: auth-required listing Basic"
ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
keep
want_rc 1
want_jq '.targets[0].verdict == "auth-required"'
want_jq '.targets[0].attempts[0] | .status == 407 and .error.code == "proxy-auth"'
want_jq '.targets[0].attempts[0].auth | .required == true and .offered == ["Basic"] and .used == null'

ck_case "Basic, no credentials, text names the scheme"
ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" "$LAB_ORIGIN"
keep
want_rc 1
want_out "auth-required"
want_out "Basic"

ck_case "Basic with PACPROBE_PROXY_PASSWORD: ok, Basic used (JSON, JUnit)"
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" \
  --proxy-basic-ok --proxy-user "$U" --format json --junit "$LAB_DIR/j1.xml" "$LAB_ORIGIN"
keep "$LAB_DIR/j1.xml"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].attempts[-1].status == 200'
want_jq '.targets[0].attempts[-1].auth | .required == true and .used == "Basic"'
[ -s "$LAB_DIR/j1.xml" ] && ok || bad "no JUnit file written"

ck_case "Basic with the password in text output"
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" \
  --proxy-basic-ok --proxy-user "$U" "$LAB_ORIGIN"
keep
want_rc 0
want_out "Basic"

ck_case "Basic with --proxy-password-file"
printf '%s\n' "$P" >"$LAB_DIR/pw"
ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" --proxy-basic-ok --proxy-user "$U" \
  --proxy-password-file "$LAB_DIR/pw" --format json "$LAB_ORIGIN"
keep
want_rc 0
want_jq '.targets[0].verdict == "ok"'

ck_case "Basic with the password typed at the TTY prompt: not echoed, ok"
# ck_run's wrapper: the prompt ("Proxy password for USER: ") ends in "USER:"
PTY="python3 $(dirname "$0")/pty_run.py $U:"
CK_WRAP="$PTY $P" ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" --proxy-basic-ok --proxy-user "$U" "$LAB_ORIGIN"
keep
want_rc 0
want_out "^Proxy password for $U: "
want_out "ok"
grep -qF -- "$P" "$CK_OUT" && bad "the typed password was echoed" || ok

ck_case "a wrong password typed at the prompt: auth-required"
CK_WRAP="$PTY wrong$P" ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" --proxy-basic-ok --proxy-user "$U" "$LAB_ORIGIN"
keep
want_rc 1
want_out "auth-required"

ck_case "Basic with a wrong password: still auth-required"
CK_ENV="PACPROBE_PROXY_PASSWORD=wrong$P" ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" \
  --proxy-basic-ok --proxy-user "$U" --format json "$LAB_ORIGIN"
keep
want_rc 1
want_jq '.targets[0].verdict == "auth-required" and .targets[0].attempts[-1].status == 407'

ck_case "Digest, no credentials: auth-required listing Digest"
ck_run --proxy "http://$LAB_SQUID_DIGEST" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
keep
want_rc 1
want_jq '.targets[0].verdict == "auth-required" and .targets[0].attempts[0].auth.offered == ["Digest"]'

ck_case "Digest with the password: ok, Digest used"
CK_ENV="PACPROBE_PROXY_PASSWORD=$P" ck_run --proxy "http://$LAB_SQUID_DIGEST" --cacert "$LAB_CA" \
  --proxy-user "$U" --format json --junit "$LAB_DIR/j2.xml" "$LAB_ORIGIN"
keep "$LAB_DIR/j2.xml"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].attempts[-1].auth.used == "Digest"'

ck_case "--proxy-user USER:PASSWORD is a usage error that does not repeat it"
ck_run --proxy "http://$LAB_SQUID" --cacert "$LAB_CA" --proxy-user "$U:$P" "$LAB_ORIGIN"
keep
want_rc 2
[ -s "$CK_ERR" ] && ok || bad "no message on stderr"

ck_case "the password is nowhere in any output"
CK_OUT=$ALL CK_ERR=/dev/null
[ -s "$ALL" ] && ok || bad "no output collected"
want_no "$ALL" "$P"
want_no "$ALL" "$(printf '%s' "$U:$P" | base64 -w0)"
want_no "$ALL" "$(printf '%s' "$P" | base64 -w0)"
want_no "$ALL" "$(printf '%s' "$U:$P" | base64 -w0 | tr -d '=')"

ck_finish
