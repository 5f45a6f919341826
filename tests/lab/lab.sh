# shellcheck shell=bash
# The WPAD lab, sourced by tests/lab/test_*.sh (docs/wpad.md "The lab").
#
#   client netns  ppcID: veth "ppcID" 10.77.0.2/24, no default route,
#                 /etc/netns/ppcID/resolv.conf -> nameserver 10.77.0.1 and a
#                 deep search domain; the hostname is set per run (unshare --uts)
#   server netns  ppsID: bridge "ppbID" 10.77.0.1/24 joining the client's
#                 veth peer (and the second server's); dnsmasq (DHCP with a
#                 static dhcp-range + DNS for pacprobe.test and friends) and
#                 pp_lab_httpd on :80
#   server 2      ppxID (lab_server2): 10.77.0.3 on the same bridge, a second
#                 dnsmasq answering DHCPINFORM only
# Everything is created with a per-run ID so parallel ctest runs do not
# collide, and lab_down (an EXIT trap) removes it all even on failure.
# No packet leaves these namespaces: the client has no route but the lab
# subnet and every DHCP run names --interface.
set -u
LAB_BIN=${1:?usage: $0 PACPROBE HTTPD}
LAB_HTTPD=${2:?usage: $0 PACPROBE HTTPD}
LAB_ID=$(printf '%04x%02x' $(( ($$ ^ RANDOM) & 0xffff )) $(( RANDOM & 0xff )))
C=ppc$LAB_ID S=pps$LAB_ID X=ppx$LAB_ID BR=ppb$LAB_ID
LAB_TMP=""
LAB_PIDS=()
LAB_PASS=0 LAB_FAIL=0

lab_skip() { echo "SKIP: $*"; exit 77; }

lab_require() {
  [ "$(id -u)" = 0 ] || lab_skip "the WPAD lab needs root (network namespaces, DHCP port 67/68)"
  command -v ip >/dev/null || lab_skip "ip (iproute2) not installed"
  command -v dnsmasq >/dev/null || lab_skip "dnsmasq not installed (apt-get install dnsmasq)"
  command -v unshare >/dev/null || lab_skip "unshare (util-linux) not installed"
  ip netns add "pptst$LAB_ID" 2>/dev/null || lab_skip "cannot create network namespaces here"
  # `ip netns exec` also needs a private mount tree, which a chroot cannot make
  if ! ip netns exec "pptst$LAB_ID" true 2>/dev/null; then
    ip netns del "pptst$LAB_ID"
    lab_skip "cannot enter network namespaces here (ip netns exec failed: a chroot?)"
  fi
  ip netns del "pptst$LAB_ID"
}

lab_down() {
  local p
  for p in "${LAB_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${LAB_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  ip netns del "$C" 2>/dev/null
  ip netns del "$S" 2>/dev/null
  ip netns del "$X" 2>/dev/null
  rm -rf "/etc/netns/$C"
  [ -n "$LAB_TMP" ] && rm -rf "$LAB_TMP"
}

# lab_up SEARCH-DOMAIN: namespaces, addresses, resolv.conf, the PAC server.
lab_up() {
  LAB_TMP=$(mktemp -d /tmp/pp-lab-XXXXXX)
  trap lab_down EXIT
  trap 'exit 1' INT TERM
  ip netns add "$C" && ip netns add "$S" || return 1
  ip -n "$S" link add "$BR" type bridge || return 1
  ip link add "$C" netns "$C" type veth peer name "$S" netns "$S" || return 1
  ip -n "$S" link set "$S" master "$BR"
  ip -n "$S" addr add 10.77.0.1/24 dev "$BR"
  ip -n "$C" addr add 10.77.0.2/24 dev "$C"
  local ns
  for ns in "$C" "$S"; do ip -n "$ns" link set lo up; done
  ip -n "$S" link set "$S" up && ip -n "$S" link set "$BR" up && ip -n "$C" link set "$C" up
  mkdir -p "/etc/netns/$C"
  printf 'nameserver 10.77.0.1\nsearch %s\noptions timeout:1 attempts:1\n' "$1" >"/etc/netns/$C/resolv.conf"
  mkdir -p "$LAB_TMP/www"
  ip netns exec "$S" "$LAB_HTTPD" 10.77.0.1 80 "$LAB_TMP/www" 2>>"$LAB_TMP/httpd.log" &
  LAB_PIDS+=($!)
  lab_wait_bridge
}

# The bridge port needs a moment before it forwards (no STP: forward delay 0
# once up); wait until the client reaches the server, bounded.
lab_wait_bridge() {
  local i
  ip -n "$S" link set "$BR" type bridge forward_delay 0 2>/dev/null
  for i in $(seq 1 50); do
    ip netns exec "$C" bash -c 'exec 3<>/dev/tcp/10.77.0.1/80' 2>/dev/null && return 0
    sleep 0.1
  done
  echo "lab: the PAC server at 10.77.0.1:80 is not reachable from the client"; return 1
}

# lab_pac HOST PATH CONTENT: a file the PAC server serves for Host: HOST.
lab_pac() {
  mkdir -p "$LAB_TMP/www/$1$(dirname "$2")"
  printf '%s\n' "$3" >"$LAB_TMP/www/$1$2"
}
# lab_sidecar HOST PATH EXT VALUE (redirect, slow, type, status)
lab_sidecar() {
  mkdir -p "$LAB_TMP/www/$1$(dirname "$2")"
  printf '%s\n' "$4" >"$LAB_TMP/www/$1$2.$3"
}

# lab_dnsmasq NS ADDR NAME ARGS...: starts dnsmasq in NS listening on ADDR;
# its log is $LAB_TMP/NAME.log. Waits until it logs that it started.
lab_dnsmasq() {
  local ns=$1 addr=$2 name=$3 i
  shift 3
  : >"$LAB_TMP/$name.log"
  ip netns exec "$ns" dnsmasq --keep-in-foreground --conf-file=/dev/null --user=root --group=root \
    --pid-file="$LAB_TMP/$name.pid" --dhcp-leasefile="$LAB_TMP/$name.leases" \
    --log-facility="$LAB_TMP/$name.log" --log-queries --log-dhcp --no-resolv --no-hosts \
    --listen-address="$addr" --bind-interfaces "$@" 2>>"$LAB_TMP/$name.err" &
  LAB_PIDS+=($!)
  for i in $(seq 1 50); do
    grep -q "started, version" "$LAB_TMP/$name.log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "lab: dnsmasq $name did not start: $(cat "$LAB_TMP/$name.err")"; return 1
}

# Stops the dnsmasq started under NAME (by its own pid file).
lab_dnsmasq_stop() {
  local pid
  pid=$(cat "$LAB_TMP/$1.pid" 2>/dev/null) && kill "$pid" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

# A second DHCP server on the same segment (rogue or misconfigured).
lab_server2() {
  ip netns add "$X" || return 1
  ip link add "$X" netns "$X" type veth peer name "x$LAB_ID" netns "$S" || return 1
  ip -n "$S" link set "x$LAB_ID" master "$BR"
  ip -n "$S" link set "x$LAB_ID" up
  ip -n "$X" addr add 10.77.0.3/24 dev "$X"
  ip -n "$X" link set lo up
  ip -n "$X" link set "$X" up
}

# lab_run HOSTNAME ARGS...: pacprobe ARGS in the client namespace with that
# hostname; stdout in $LAB_OUT, stderr in $LAB_ERR, exit in $LAB_RC,
# wall time in $LAB_MS. LAB_AS="setpriv ..." runs it as another user.
lab_run() {
  local host=$1 t0 t1
  shift
  LAB_OUT=$LAB_TMP/out LAB_ERR=$LAB_TMP/err
  t0=$(date +%s%N)
  ip netns exec "$C" unshare --uts sh -c 'hostname "$0" && exec "$@"' "$host" ${LAB_AS:+$LAB_AS} \
    "$LAB_BIN" "$@" >"$LAB_OUT" 2>"$LAB_ERR"
  LAB_RC=$?
  t1=$(date +%s%N)
  LAB_MS=$(( (t1 - t0) / 1000000 ))
}

# ---- checks: each prints PASS/FAIL with the scenario name ----------------
lab_case() { LAB_CASE=$1; echo "--- $1"; }
ok() { LAB_PASS=$((LAB_PASS + 1)); }
bad() {
  LAB_FAIL=$((LAB_FAIL + 1))
  echo "FAIL [$LAB_CASE]: $*"
  echo "  stdout:"; sed 's/^/    /' "$LAB_OUT"
  echo "  stderr:"; sed 's/^/    /' "$LAB_ERR"
}
want_rc() { [ "$LAB_RC" = "$1" ] && ok || bad "exit $LAB_RC, expected $1"; }
want_out() { grep -Eq -- "$1" "$LAB_OUT" && ok || bad "stdout does not match /$1/"; }
want_no_out() { grep -Eq -- "$1" "$LAB_OUT" && bad "stdout matches /$1/" || ok; }
want_err() { grep -Eq -- "$1" "$LAB_ERR" && ok || bad "stderr does not match /$1/"; }
want_within() { [ "$LAB_MS" -le "$1" ] && ok || bad "took $LAB_MS ms, limit $1 ms"; }
# want_order RE1 RE2 ...: stdout has lines matching each, in this order.
want_order() {
  local last=0 n re
  for re in "$@"; do
    n=$(grep -nE -- "$re" "$LAB_OUT" | head -1 | cut -d: -f1)
    if [ -z "$n" ] || [ "$n" -le "$last" ]; then bad "no line /$re/ after line $last"; return; fi
    last=$n
  done
  ok
}
want_log_no() { grep -Eq -- "$2" "$LAB_TMP/$1.log" && bad "$1 log matches /$2/" || ok; }
want_log() { grep -Eq -- "$2" "$LAB_TMP/$1.log" && ok || bad "$1 log does not match /$2/"; }

lab_finish() {
  echo "$LAB_PASS passed, $LAB_FAIL failed"
  [ "$LAB_FAIL" = 0 ]
}
