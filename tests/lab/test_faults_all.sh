#!/usr/bin/env bash
# shellcheck disable=SC2154 # fl_start sets the P_* port variables by name
# SPDX-License-Identifier: MIT
# Network faults, all at once (issue 10, "a run with all of them finishes"):
# one `check` run whose PAC (fetched over HTTP) sends each target to another
# broken proxy, asks a DNS server that never answers, and leaves one target
# DIRECT to a working origin; at the same time `eval -p` runs against every
# broken PAC server (endless, gzip bomb, short body, cut body, redirect loop).
# Every run ends within its bound with each cause named, and the good
# target's result is kept. The slow drip is left to test_faults_pac.sh (30 s).
# Usage: test_faults_all.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/faultlib.sh"
for m in dns-timeout proxy-reset proxy-garbage proxy-407 proxy-hold socks-badver socks-badreply \
  http-endless http-cl-short http-cl-long http-redirect; do fl_start "P_${m//-/_}" "$m"; done
head -c 20M /dev/zero | gzip -9 >"$FL_TMP/bomb.gz"
fl_start P_gzip http-gzip "$FL_TMP/bomb.gz"
fl_pac origin.pac 'return "DIRECT";' >/dev/null
fl_start P_origin http-pac "$FL_TMP/origin.pac"
fl_pac all.pac "var slow = dnsResolve(\"silent.example.test\");
  if (host == \"t-reset.test\") return \"PROXY 127.0.0.1:$P_proxy_reset\";
  if (host == \"t-garbage.test\") return \"PROXY 127.0.0.1:$P_proxy_garbage\";
  if (host == \"t-407.test\") return \"PROXY 127.0.0.1:$P_proxy_407\";
  if (host == \"t-hold.test\") return \"PROXY 127.0.0.1:$P_proxy_hold\";
  if (host == \"t-socksver.test\") return \"SOCKS5 127.0.0.1:$P_socks_badver\";
  if (host == \"t-socksreply.test\") return \"SOCKS5 127.0.0.1:$P_socks_badreply\";
  return slow ? \"PROXY 10.9.9.9:1\" : \"DIRECT\";" >/dev/null
fl_start P_pacsrv http-pac "$FL_TMP/all.pac"

# The eval runs, in the background while check runs.
EV=()
for p in "$P_http_endless" "$P_gzip" "$P_http_cl_short" "$P_http_cl_long" "$P_http_redirect"; do
  timeout -s KILL 60 "$FL_BIN" eval -p "http://127.0.0.1:$p/r0" http://a.test/ >"$FL_TMP/ev.$p.out" 2>"$FL_TMP/ev.$p.err" &
  EV+=($!)
  FL_PIDS+=($!)
done

fl_case "one check run through every broken proxy and a silent DNS server"
T=(https://t-reset.test:9/ https://t-garbage.test:9/ https://t-407.test:9/ https://t-hold.test:9/
  https://t-socksver.test:9/ https://t-socksreply.test:9/ http://nx.example.test:9/ "http://good.test:$P_origin/")
R=()
for h in t-reset t-garbage t-407 t-hold t-socksver t-socksreply good; do R+=(--resolve "$h.test=127.0.0.1"); done
# --timeout 8000: the PAC's lookup gives up at the resolver's 5 s and the PAC
# still routes each target (at the default 1 s the evaluation itself would
# time out, a PAC error for every target: test_faults_dns.sh covers that).
fl_run check --pac "http://127.0.0.1:$P_pacsrv/all.pac" --dns-server "127.0.0.1:$P_dns_timeout" "${R[@]}" \
  --timeout 8000 --connect-timeout 1 --max-time 3 --format json "${T[@]}"
want_rc 1
want_jq '[.targets[] | .attempts[0].error.code // "ok"] == ["reset", "reset", "proxy-auth", "timeout", "socks", "socks", "dns", "ok"]'
want_jq '.targets[7] | .verdict == "ok" and .route == "DIRECT" and .attempts[0].status == 200'
want_jq '.summary == {"total": 8, "ok": 1, "failed": 7}'
# dnsResolve in the PAC waits up to the resolver's 5 s per lookup; a later
# evaluation that joins the lookup still in flight waits its own 5 s (measured:
# 1 target 5.1 s, 2 or more 8.8 s); then each attempt its own limit (3 s).
want_within 16000

fl_case "the eval runs against every broken PAC server, at the same time"
ms=$FL_MS
i=0
for p in "$P_http_endless" "$P_gzip" "$P_http_cl_short" "$P_http_cl_long" "$P_http_redirect"; do
  wait "${EV[$i]}"
  rc=$?
  [ "$rc" = 2 ] && ok || bad "eval -p http://127.0.0.1:$p/r0 exited $rc, expected 2"
  i=$((i + 1))
done
want_pat() { grep -Eq -- "$2" "$FL_TMP/ev.$1.err" && ok || bad "eval stderr for port $1 does not match /$2/: $(cat "$FL_TMP/ev.$1.err")"; }
want_pat "$P_http_endless" "PAC larger than 1048576 bytes: Chromium.s limit for a PAC download"
want_pat "$P_gzip" "PAC larger than 1048576 bytes: Chromium.s limit for a PAC download"
want_pat "$P_http_cl_short" "transfer closed with [0-9]+ bytes remaining"
want_pat "$P_http_cl_long" "r0:1: SyntaxError"
want_pat "$P_http_redirect" "Maximum \(5\) redirects followed"
echo "    (all finished; check took $ms ms)"

fl_finish
