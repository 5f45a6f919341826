#!/usr/bin/env bash
# shellcheck disable=SC2154 # fl_start sets the P_* port variables by name
# SPDX-License-Identifier: MIT
# Network faults, DHCP (issue 10): a server that answers a DHCPINFORM with a
# packet cut inside its options, an option whose length runs past the end,
# an ACK for another xid, 300 more bad replies (header cut, wrong xid), and
# then the right ACK 50 times (dhcp-flood); or only the bad ones (dhcp-bad).
# `discover -i` on one end of a veth pair, pp_lab_faultd on the other end in
# a second namespace: nothing leaves the test's own namespaces. Needs root
# (unshare, nsenter, veth), else skips. Parser faults one by one are unit
# tests (tests/unit/data/dhcp/*.hex). Usage: test_faults_dhcp.sh PACPROBE PP_LAB_HTTPD
if [ -z "${FL_NETNS:-}" ]; then
  [ "$(id -u)" = 0 ] || { echo "SKIP: needs root (network namespaces)"; exit 77; }
  for t in unshare nsenter ip; do command -v $t >/dev/null || { echo "SKIP: $t not installed"; exit 77; }; done
  FL_NETNS=1 exec unshare -n "$0" "$@"
fi
source "$(dirname "$0")/faultlib.sh"
ip link set lo up
ip link add ppf0 type veth peer name ppf1 2>/dev/null || fl_skip "cannot create a veth pair"
ip addr add 10.99.0.2/24 dev ppf0
ip link set ppf0 up
unshare -n sleep 300 &
HOLD=$!
FL_PIDS+=("$HOLD")
for ((i = 0; i < 50; i++)); do [ "$(readlink /proc/$HOLD/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break; sleep 0.1; done
ip link set ppf1 netns "$HOLD"
nsenter -t "$HOLD" -n sh -c 'ip link set lo up && ip addr add 10.99.0.1/24 dev ppf1 && ip link set ppf1 up'

# dhcp_server MODE [URL]: pp_lab_faultd MODE on ppf1 in the server namespace.
dhcp_server() {
  [ -n "${DPID:-}" ] && kill "$DPID" 2>/dev/null && wait "$DPID" 2>/dev/null
  nsenter -t "$HOLD" -n "$FL_FAULTD" "$1" ppf1 ${2:+"$2"} >"$FL_TMP/dhcp.port" 2>"$FL_TMP/dhcp.log" &
  DPID=$!
  FL_PIDS+=("$DPID")
  for ((i = 0; i < 50; i++)); do [ -s "$FL_TMP/dhcp.port" ] && break; sleep 0.1; done
}

fl_case "flood: bad replies are ignored, the right ACK decides within the grace period"
dhcp_server dhcp-flood http://127.0.0.1:9/good.pac
fl_run discover -i ppf0 --no-dns --no-fetch --dhcp-timeout 3000 --format json
want_rc 0
want_jq '.decided_by == "dhcp" and .pac_url == "http://127.0.0.1:9/good.pac"'
want_jq '[.attempts[] | select(.method == "dhcp")] | length >= 1 and length <= 8'
want_jq 'all(.attempts[] | select(.method == "dhcp"); .result == "url")'
grep -Eq 'cut\.invalid|past\.invalid|wrong-xid\.invalid|flood\.invalid' "$FL_OUT" && bad "a bad reply was used" || ok
# The right ACK comes 200 ms after the flood; then 400 ms grace, not the 3 s timeout.
want_within 1500

fl_case "only bad replies: counted and named, discovery ends at --dhcp-timeout"
dhcp_server dhcp-bad
fl_run discover -i ppf0 --no-dns --no-fetch --dhcp-timeout 1000 --format json
want_rc 1
want_jq '.attempts[0] | .method == "dhcp" and .result == "bad-reply"'
want_jq '.attempts[0].detail | test("^[0-9]+ malformed replies ignored: ")'
want_jq '.pac_url == null'
want_within 2000

fl_finish
