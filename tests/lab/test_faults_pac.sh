#!/usr/bin/env bash
# shellcheck disable=SC2154 # fl_start sets the P_* port variables by name
# SPDX-License-Identifier: MIT
# Network faults, PAC server (issue 10): slow drip (1 byte/s), endless body,
# Content-Length shorter and longer than the body, a gzip bomb (20 MiB of
# zeros in 20 KB), a redirect loop, TLS with a self-signed certificate for
# another name (openssl s_server). Through `eval -p URL` (limits of env.h:
# 4 MiB, 30 s, curl's 5 redirects) and, as root, through `discover` with a
# lease file offering the URL (a fresh network namespace with no interface:
# the DHCPINFORM has nowhere to go; --fetch-timeout bounds the drip).
# Usage: test_faults_pac.sh PACPROBE PP_LAB_HTTPD
if [ "$(id -u)" = 0 ] && [ -z "${FL_NETNS:-}" ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
  FL_NETNS=1 exec unshare -n "$0" "$@"
fi
source "$(dirname "$0")/faultlib.sh"
[ -n "${FL_NETNS:-}" ] && ip link set lo up
head -c 20M /dev/zero | gzip -9 >"$FL_TMP/bomb.gz"
for m in http-drip http-endless http-cl-short http-cl-long http-redirect; do fl_start "P_${m//-/_}" "$m"; done
fl_start P_gzip http-gzip "$FL_TMP/bomb.gz"
U=http://a.example.test/

# The drip runs into eval's fixed 30 s fetch limit: started first, in the
# background, and checked at the end.
DRIP_T0=$(date +%s%N)
timeout -s KILL 60 "$FL_BIN" eval -p "http://127.0.0.1:$P_http_drip/x.pac" "$U" >"$FL_TMP/drip.out" 2>"$FL_TMP/drip.err" &
DRIP_PID=$!
FL_PIDS+=("$DRIP_PID")

fl_case "eval (chrome): endless body stops at Chromium's 1 MiB PAC download limit, named"
fl_run eval -p "http://127.0.0.1:$P_http_endless/x.pac" "$U"
want_rc 2
want_err "^pacprobe: error: PAC: http://127\.0\.0\.1:$P_http_endless/x\.pac: PAC larger than 1048576 bytes: Chromium's limit for a PAC download; Chrome would not use this PAC \(DIRECT for every URL\); other --emulate modes read up to 4194304 bytes$"
want_err "^pacprobe: warning: PAC hosting \[too-big\]: the script is larger than the download limit \(stopped after [0-9]+ bytes, no Content-Length\); Chrome and Edge refuse it"
want_err "^pacprobe: warning: PAC hosting \[no-content-length\]: no Content-Length"
want_errlines 4 # and content-type: the endless server sends none
want_within 3000

fl_case "eval --emulate firefox: endless body stops at pacprobe's 4 MiB limit"
fl_run eval --emulate firefox -p "http://127.0.0.1:$P_http_endless/x.pac" "$U"
want_rc 2
want_err "^pacprobe: error: PAC: http://127\.0\.0\.1:$P_http_endless/x\.pac: PAC larger than 4194304 bytes$"
want_within 3000

fl_case "eval --emulate winhttp: gzip bomb stops at the 4 MiB limit (decoded size counts)"
fl_run eval --emulate winhttp -p "http://127.0.0.1:$P_gzip/x.pac" "$U"
want_rc 2
want_err "PAC: http://127\.0\.0\.1:$P_gzip/x\.pac: PAC larger than 4194304 bytes$"
want_within 3000

fl_case "eval (chrome): gzip bomb stops at 1 MiB decoded"
fl_run eval -p "http://127.0.0.1:$P_gzip/x.pac" "$U"
want_rc 2
want_err "PAC: http://127\.0\.0\.1:$P_gzip/x\.pac: PAC larger than 1048576 bytes: Chromium's limit"
want_within 3000

fl_case "eval: Content-Length longer than the body, connection closed"
fl_run eval -p "http://127.0.0.1:$P_http_cl_short/x.pac" "$U"
want_rc 2
want_err "PAC: http://127\.0\.0\.1:$P_http_cl_short/x\.pac: transfer closed with [0-9]+ bytes remaining"
want_within 3000

fl_case "eval: Content-Length shorter than the body: the PAC is cut there (a syntax error)"
fl_run eval -p "http://127.0.0.1:$P_http_cl_long/x.pac" "$U"
want_rc 2
want_err "http://127\.0\.0\.1:$P_http_cl_long/x\.pac:1: SyntaxError"
want_within 3000

fl_case "eval: redirect loop stops after 5 redirects"
fl_run eval -p "http://127.0.0.1:$P_http_redirect/r0" "$U"
want_rc 2
want_err "PAC: http://127\.0\.0\.1:$P_http_redirect/r0: Maximum \(5\) redirects followed$"
want_within 3000

fl_case "eval: TLS with a self-signed certificate for another name"
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$FL_TMP/key.pem" -out "$FL_TMP/cert.pem" -days 1 \
    -subj /CN=bad.invalid 2>/dev/null
  fl_pac x.pac 'return "DIRECT";' >/dev/null
  (cd "$FL_TMP" && exec timeout 120 openssl s_server -accept 127.0.0.1:0 -cert cert.pem -key key.pem -WWW \
    >"$FL_TMP/tls.out" 2>&1) &
  FL_PIDS+=($!)
  for ((i = 0; i < 50; i++)); do grep -q '^ACCEPT' "$FL_TMP/tls.out" && break; sleep 0.1; done
  P_tls=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$FL_TMP/tls.out")
  fl_run eval -p "https://127.0.0.1:$P_tls/x.pac" "$U"
  want_rc 2
  want_err "PAC: https://127\.0\.0\.1:$P_tls/x\.pac: SSL certificate problem: self.signed certificate"
  want_within 3000
else
  echo "    skipped: openssl not installed"
fi

if [ -n "${FL_NETNS:-}" ]; then
  # discover_fault NAME PORT RESULT DETAIL LIMIT-MS: the lease offers the
  # faulty URL; the fetch attempt names RESULT and DETAIL within LIMIT-MS.
  discover_fault() {
    fl_case "discover: $1"
    printf 'lease {\n  interface "eth0";\n  option wpad "http://127.0.0.1:%s/r0";\n}\n' "$2" >"$FL_TMP/l"
    fl_run discover --lease-file "$FL_TMP/l" --no-dns --dhcp-timeout 200 --fetch-timeout 1500 --format json
    want_rc 1
    want_jq '[.attempts[] | select(.method == "fetch")][0] | .result == "'"$3"'" and (.detail | test("'"$4"'"))'
    want_jq '.pac_url == null'
    want_within "$5"
  }
  discover_fault "slow drip, bounded by --fetch-timeout 1500" "$P_http_drip" timeout "timed out after 1500 ms" 3500
  discover_fault "endless body, 1 MiB (Chromium's limit)" "$P_http_endless" too-big "larger than 1048576 bytes" 3000
  discover_fault "gzip bomb, 1 MiB decoded" "$P_gzip" too-big "larger than 1048576 bytes" 3000
  discover_fault "redirect loop" "$P_http_redirect" redirect-loop "Maximum \\\\(5\\\\) redirects" 3000
  discover_fault "Content-Length longer than the body" "$P_http_cl_short" fetch-error "bytes remaining" 3000
else
  echo "--- discover: skipped (needs root for a network namespace: its DHCPINFORM must not leave the host)"
fi

fl_case "eval: slow drip (1 byte/s) ends at the 30 s fetch limit"
wait "$DRIP_PID"
FL_RC=$? FL_MS=$(( ($(date +%s%N) - DRIP_T0) / 1000000 ))
cp "$FL_TMP/drip.out" "$FL_OUT"; cp "$FL_TMP/drip.err" "$FL_ERR"
echo "    ($FL_MS ms, exit $FL_RC)"
want_rc 2
want_err "PAC: http://127\.0\.0\.1:$P_http_drip/x\.pac: timed out after 30000 ms$"
want_within 33000

fl_finish
