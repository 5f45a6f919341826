#!/usr/bin/env bash
# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# The proxy lab for `pacprobe check` (tests/lab/test_check_*.sh, make demo,
# bench/check-parallel.sh): real proxies and origins on free 127.0.0.1 ports.
#
# Sourced:   . tests/lab/proxylab.sh; proxylab_up [COMPONENT...]; ...; proxylab_down
#            (proxylab_up installs an EXIT trap that calls proxylab_down)
# Runnable:  tests/lab/proxylab.sh [COMPONENT...]   prints the variables, runs
#            until Ctrl-C / SIGTERM, then stops everything
#            tests/lab/proxylab.sh --run CMD ARGS... runs CMD with the variables
#            exported, stops the lab, exits with CMD's status
# Components (default: all): pac origin tinyproxy squid tlsproxy socks mitm
# dead reset blackhole. A component whose package is missing is not started and its
# reason is appended to LAB_MISSING; proxylab_need COMPONENT... exits 77
# (sourced) naming what is missing. PP_LAB_HTTPD (or LAB_HTTPD) names the
# pp_lab_httpd binary for `pac`; otherwise build/tests/pp_lab_httpd is tried.
#
# Variables (exported; stable names, other scripts rely on them):
#   LAB_DIR            temp dir of this lab (removed by proxylab_down)
#   LAB_PAC_BASE       http://127.0.0.1:P/  PAC server (pp_lab_httpd); files
#                      are added with proxylab_pac NAME CONTENT (prints URL)
#   LAB_PAC_URL        $LAB_PAC_BASE/lab.pac: "PROXY LAB_DEAD; PROXY LAB_TINYPROXY"
#   LAB_HTTP_ORIGIN    http://127.0.0.1:P/ok  plain HTTP origin (same server, 200 "ok")
#   LAB_ORIGIN         https://127.0.0.1:P/   HTTPS origin (200 "ok" for any GET)
#   LAB_ORIGIN_PORT    its port
#   LAB_CA             PEM of the test CA that signed the origin (pass --cacert)
#   LAB_CA_SUBJECT     its subject (CN=pacprobe lab CA,O=pacprobe lab)
#   LAB_ORIGIN_SUBJECT the origin's leaf subject (CN=origin.lab.pacprobe.test,O=pacprobe lab)
#   LAB_TINYPROXY      127.0.0.1:P  HTTP proxy, CONNECT allowed to LAB_ORIGIN_PORT only
#   LAB_SQUID          127.0.0.1:P  squid, Basic auth required
#   LAB_SQUID_DIGEST   127.0.0.1:P  squid, Digest auth required
#   LAB_SQUID_USER, LAB_SQUID_PASS  the one account of both and of LAB_HTTPS_PROXY_AUTH
#                      (password random per run)
#   LAB_HTTPS_PROXY    127.0.0.1:P  squid on an https_port (squid 5 + GnuTLS): an
#                      HTTPS proxy (PAC keyword HTTPS), TLS to the proxy with
#                      its own leaf from the test CA (valid for IP 127.0.0.1),
#                      no auth, plain GETs forwarded, CONNECT to
#                      LAB_ORIGIN_PORT only
#   LAB_HTTPS_PROXY_AUTH 127.0.0.1:P  the same with Basic auth (LAB_SQUID_USER/PASS)
#   LAB_PROXY_SUBJECT  that proxy leaf's subject (CN=proxy.lab.pacprobe.test,O=pacprobe lab)
#   LAB_SOCKS          127.0.0.1:P  microsocks, no auth
#   LAB_SOCKS_AUTH     127.0.0.1:P  microsocks, user/password auth
#   LAB_SOCKS_USER, LAB_SOCKS_PASS
#   LAB_MITM           127.0.0.1:P  mitmdump (regular mode), intercepts TLS
#   LAB_MITM_CA        its own generated CA (pacprobe must NOT be given it)
#   LAB_MITM_ISSUER    the issuer name mitmproxy's leaf certificates carry
#   LAB_DEAD           127.0.0.1:P  bound, not listening: connection refused
#   LAB_RESET          127.0.0.1:P  reads the request, answers with a TCP RST
#   LAB_BLACKHOLE      127.0.0.1:P  accepts, never answers
#   LAB_MISSING        "component: reason; ..." for what could not start
#   LAB_START_MS       how long proxylab_up took
# Everything started is killed by PID (never by name) and LAB_DIR removed.
# Installed system services (squid on 3128, tinyproxy on 8888) are neither
# used nor touched: every lab port is a fresh kernel-chosen one.

PROXYLAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROXYLAB_ALL="pac origin tinyproxy squid tlsproxy socks mitm dead reset blackhole"
LAB_PIDS_PROXY=()
LAB_DIR=""
LAB_MISSING=""

proxylab_log() { [ -n "${PROXYLAB_QUIET:-}" ] || echo "proxylab: $*" >&2; }
proxylab_miss() { LAB_MISSING="${LAB_MISSING:+$LAB_MISSING; }$1: $2"; proxylab_log "not started: $1 ($2)"; }

proxylab_python() {
  local p
  for p in /usr/bin/python3 python3; do command -v "$p" >/dev/null 2>&1 && { echo "$p"; return; }; done
  return 1
}

# proxylab_bg NAME CMD...: start CMD in the background, stdout/stderr to
# LAB_DIR/NAME.log; the PID goes to LAB_PIDS_PROXY and PROXYLAB_LAST.
proxylab_bg() {
  local name=$1
  shift
  "$@" >"$LAB_DIR/$name.log" 2>&1 </dev/null &
  PROXYLAB_LAST=$!
  LAB_PIDS_PROXY+=("$PROXYLAB_LAST")
}

# proxylab_labnet MODE ARGS...: a labnet.py server; prints its port.
proxylab_labnet() {
  local mode=$1 i port="" py
  py=$(proxylab_python) || return 1
  shift
  "$py" "$PROXYLAB_SRC/labnet.py" "$mode" "$@" >"$LAB_DIR/$mode.port" 2>"$LAB_DIR/$mode.log" </dev/null &
  echo $! >"$LAB_DIR/$mode.pid" # read by the caller: this runs in $(...)
  for i in $(seq 1 100); do
    port=$(head -1 "$LAB_DIR/$mode.port" 2>/dev/null)
    [ -n "$port" ] && { echo "$port"; return 0; }
    kill -0 $! 2>/dev/null || break
    sleep 0.05
  done
  return 1
}

proxylab_freeport() { "$(proxylab_python)" "$PROXYLAB_SRC/labnet.py" port; }

# proxylab_listening PID PORT: PID (the process we started) listens on PORT.
# Checked by owner so a port taken by someone else in a race is not mistaken
# for ours.
proxylab_listening() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$2" 2>/dev/null | grep -q "pid=$1," && return 0
    # ss without -p rights (not root): fall back to "someone listens".
    [ "$(id -u)" = 0 ] && return 1
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null
}

# proxylab_wait NAME PID PORT SECONDS: wait until PID listens on PORT.
proxylab_wait() {
  local i n=$(( $4 * 20 ))
  for ((i = 0; i < n; i++)); do
    proxylab_listening "$2" "$3" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.05
  done
  proxylab_log "$1 did not start on port $3: $(tail -3 "$LAB_DIR/$1.log" 2>/dev/null | tr '\n' ' ')"
  kill "$2" 2>/dev/null
  return 1
}

# A directory the unprivileged daemons may write to.
proxylab_rundir() {
  mkdir -p "$LAB_DIR/$1"
  if [ "$(id -u)" = 0 ]; then chown "$PROXYLAB_USER:$PROXYLAB_GROUP" "$LAB_DIR/$1"; fi
  echo "$LAB_DIR/$1"
}

# ---- certificates ---------------------------------------------------------
proxylab_certs() {
  local d=$LAB_DIR/pki
  mkdir -p "$d"
  cat >"$d/ca.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost,DNS:origin.lab.pacprobe.test
authorityKeyIdentifier = keyid
[proxy_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost,DNS:proxy.lab.pacprobe.test
authorityKeyIdentifier = keyid
EOF
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/O=pacprobe lab/CN=pacprobe lab CA" -config "$d/ca.cnf" -extensions ca_ext \
    -keyout "$d/ca.key" -out "$d/ca.pem" >"$d/openssl.log" 2>&1 || return 1
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/O=pacprobe lab/CN=origin.lab.pacprobe.test" -config "$d/ca.cnf" \
    -keyout "$d/origin.key" -out "$d/origin.csr" >>"$d/openssl.log" 2>&1 || return 1
  openssl x509 -req -in "$d/origin.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
    -days 2 -extfile "$d/ca.cnf" -extensions leaf_ext -out "$d/origin.pem" >>"$d/openssl.log" 2>&1 || return 1
  # The HTTPS proxy's own leaf: a different subject, so that a report can
  # tell the proxy's handshake from the origin's.
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/O=pacprobe lab/CN=proxy.lab.pacprobe.test" -config "$d/ca.cnf" \
    -keyout "$d/proxy.key" -out "$d/proxy.csr" >>"$d/openssl.log" 2>&1 || return 1
  openssl x509 -req -in "$d/proxy.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
    -days 2 -extfile "$d/ca.cnf" -extensions proxy_ext -out "$d/proxy.pem" >>"$d/openssl.log" 2>&1 || return 1
  LAB_CA=$d/ca.pem
  LAB_CA_SUBJECT="CN=pacprobe lab CA,O=pacprobe lab"
  LAB_ORIGIN_SUBJECT="CN=origin.lab.pacprobe.test,O=pacprobe lab"
  LAB_PROXY_SUBJECT="CN=proxy.lab.pacprobe.test,O=pacprobe lab"
}

# ---- components -------------------------------------------------------------
proxylab_start_pac() {
  local httpd=${PP_LAB_HTTPD:-${LAB_HTTPD:-}} port try
  [ -n "$httpd" ] || for httpd in "$PROXYLAB_SRC/../../build/tests/pp_lab_httpd" ""; do
    [ -x "$httpd" ] && break
  done
  [ -n "$httpd" ] && [ -x "$httpd" ] || { proxylab_miss pac "pp_lab_httpd not built (set PP_LAB_HTTPD)"; return; }
  mkdir -p "$LAB_DIR/www/127.0.0.1"
  printf 'ok\n' >"$LAB_DIR/www/127.0.0.1/ok"
  printf 'text/plain\n' >"$LAB_DIR/www/127.0.0.1/ok.type"
  for try in 1 2 3 4 5; do
    port=$(proxylab_freeport) || break
    proxylab_bg httpd "$httpd" 127.0.0.1 "$port" "$LAB_DIR/www"
    proxylab_wait httpd "$PROXYLAB_LAST" "$port" 5 && {
      LAB_PAC_BASE=http://127.0.0.1:$port/
      LAB_HTTP_ORIGIN=http://127.0.0.1:$port/ok
      return
    }
  done
  proxylab_miss pac "pp_lab_httpd did not start"
}

# The PID a proxylab_labnet in a command substitution left behind.
proxylab_adopt() {
  local pid
  pid=$(cat "$LAB_DIR/$1.pid" 2>/dev/null) && [ -n "$pid" ] && LAB_PIDS_PROXY+=("$pid")
}

proxylab_start_origin() {
  command -v openssl >/dev/null || { proxylab_miss origin "openssl not installed"; return; }
  proxylab_python >/dev/null || { proxylab_miss origin "python3 not installed"; return; }
  proxylab_certs || { proxylab_miss origin "openssl could not make the test CA: $(tail -2 "$LAB_DIR/pki/openssl.log")"; return; }
  LAB_ORIGIN_PORT=$(proxylab_labnet https "$LAB_DIR/pki/origin.pem" "$LAB_DIR/pki/origin.key")
  proxylab_adopt https
  [ -n "$LAB_ORIGIN_PORT" ] || { proxylab_miss origin "the HTTPS origin did not start: $(tail -2 "$LAB_DIR/https.log")"; return; }
  LAB_ORIGIN=https://127.0.0.1:$LAB_ORIGIN_PORT/
}

proxylab_start_simple() { # COMPONENT LABNET-MODE VAR
  local mode=$2 var=$3 port
  proxylab_python >/dev/null || { proxylab_miss "$1" "python3 not installed"; return; }
  port=$(proxylab_labnet "$mode")
  proxylab_adopt "$mode"
  [ -n "$port" ] || { proxylab_miss "$1" "labnet.py $mode did not start"; return; }
  printf -v "$var" '127.0.0.1:%s' "$port"
}

# Port-taking daemons are launched together (squid and mitmdump need a
# second or two each), then awaited; a lost port race is retried.
# proxylab_launch NAME VAR: launch NAME on a fresh port; PROXYLAB_PEND gets
# "NAME VAR PID PORT".
proxylab_launch() {
  local name=$1 port d
  port=$(proxylab_freeport) || return 1
  case $name in
  tinyproxy)
    d=$(proxylab_rundir tinyproxy)
    {
      echo "Port $port"; echo "Listen 127.0.0.1"; echo "Timeout 30"; echo "MaxClients 200"
      echo "Allow 127.0.0.1"; echo "DisableViaHeader Yes"; echo "LogLevel Info"
      echo "LogFile \"$d/tinyproxy.log\""; echo "PidFile \"$d/tinyproxy.pid\""
      echo "ConnectPort ${LAB_ORIGIN_PORT:-443}"
      [ "$(id -u)" = 0 ] && { echo "User $PROXYLAB_USER"; echo "Group $PROXYLAB_GROUP"; }
    } >"$d/tinyproxy.conf"
    proxylab_bg tinyproxy tinyproxy -d -c "$d/tinyproxy.conf" ;;
  squid | squid_digest | tlsproxy | tlsproxy_auth)
    d=$(proxylab_rundir "$name")
    proxylab_squid_conf "$name" "$port" "$d" >"$d/squid.conf"
    proxylab_bg "$name" squid -N -f "$d/squid.conf" ;;
  socks) proxylab_bg socks microsocks -i 127.0.0.1 -p "$port" ;;
  socks_auth) proxylab_bg socks_auth microsocks -i 127.0.0.1 -p "$port" -u "$LAB_SOCKS_USER" -P "$LAB_SOCKS_PASS" ;;
  mitm)
    d=$LAB_DIR/mitm
    mkdir -p "$d"
    proxylab_bg mitm mitmdump --mode regular --listen-host 127.0.0.1 --listen-port "$port" \
      --set confdir="$d" --set ssl_verify_upstream_trusted_ca="$LAB_CA" --set termlog_verbosity=warn \
      --set flow_detail=0 ;;
  esac
  PROXYLAB_PEND+=("$name $2 $PROXYLAB_LAST $port")
}

proxylab_squid_conf() {
  local name=$1 port=$2 d=$3
  case $name in
  # squid (GnuTLS in Debian) reads the key as root before it drops to cache_effective_user
  tlsproxy*) echo "https_port 127.0.0.1:$port tls-cert=$LAB_DIR/pki/proxy.pem tls-key=$LAB_DIR/pki/proxy.key" ;;
  *) echo "http_port 127.0.0.1:$port" ;;
  esac
  # squid refuses to start when the host name does not resolve (fresh VMs, chroots)
  echo "visible_hostname pacprobe-lab"
  echo "pid_filename $d/squid.pid"
  echo "cache_log $d/cache.log"
  echo "access_log stdio:$d/access.log"
  echo "cache_store_log none"
  echo "cache deny all"
  echo "cache_mem 8 MB"
  echo "coredump_dir $d"
  echo "netdb_filename none"
  echo "pinger_enable off"
  echo "shutdown_lifetime 0 seconds"
  echo "hosts_file /etc/hosts"
  echo "dns_nameservers 127.0.0.1" # nothing listens there in the lab: no query leaves
  echo "dns_timeout 3 seconds"
  [ "$(id -u)" = 0 ] && echo "cache_effective_user $PROXYLAB_USER" && echo "cache_effective_group $PROXYLAB_GROUP"
  case $name in tlsproxy*)
    echo "acl CONNECT method CONNECT"
    echo "acl origin_port port ${LAB_ORIGIN_PORT:-443}"
    echo "http_access deny CONNECT !origin_port" ;;
  esac
  # issue 17: a URL and a host squid refuses by rule (403, X-Squid-Error: ERR_ACCESS_DENIED)
  echo "acl pp_denied_host dstdomain denied.lab.pacprobe.test"
  echo "acl pp_denied_path urlpath_regex ^/denied"
  echo "http_access deny pp_denied_host"
  echo "http_access deny pp_denied_path"
  if [ "$name" = tlsproxy ]; then
    echo "http_access allow localhost"
    echo "http_access deny all"
    return
  fi
  if [ "$name" = squid ] || [ "$name" = tlsproxy_auth ]; then
    echo "auth_param basic program /usr/lib/squid/basic_ncsa_auth $LAB_DIR/squid.htpasswd"
    echo "auth_param basic children 2 startup=1 idle=1"
    echo "auth_param basic realm pacprobe-lab"
  else
    echo "auth_param digest program /usr/lib/squid/digest_file_auth $LAB_DIR/squid.digest"
    echo "auth_param digest children 2 startup=1 idle=1"
    echo "auth_param digest realm pacprobe-lab"
  fi
  echo "acl authed proxy_auth REQUIRED"
  echo "http_access allow authed"
  echo "http_access deny all"
}

proxylab_squid_users() {
  printf '%s\n' "$LAB_SQUID_PASS" | htpasswd -ci "$LAB_DIR/squid.htpasswd" "$LAB_SQUID_USER" >/dev/null 2>&1 || return 1
  printf '%s:%s\n' "$LAB_SQUID_USER" "$LAB_SQUID_PASS" >"$LAB_DIR/squid.digest"
  chmod 644 "$LAB_DIR/squid.htpasswd" "$LAB_DIR/squid.digest"
}

proxylab_settle() {
  local entry name var pid port retry secs
  for entry in "${PROXYLAB_PEND[@]}"; do
    read -r name var pid port <<<"$entry"
    case $name in squid* | tlsproxy* | mitm) secs=20 ;; *) secs=5 ;; esac
    if proxylab_wait "$name" "$pid" "$port" "$secs"; then
      printf -v "$var" '127.0.0.1:%s' "$port"
      continue
    fi
    for retry in 1 2; do # a port race: try other ports, one at a time
      PROXYLAB_PEND=()
      proxylab_launch "$name" "$var" || break
      read -r name var pid port <<<"${PROXYLAB_PEND[0]}"
      proxylab_wait "$name" "$pid" "$port" "$secs" && { printf -v "$var" '127.0.0.1:%s' "$port"; continue 2; }
    done
    proxylab_miss "$name" "did not start (log: $(tail -2 "$LAB_DIR/$name.log" 2>/dev/null | tr '\n' ' '))"
  done
  PROXYLAB_PEND=()
}

proxylab_randpass() { printf 'pp%s%s' "$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')" "$RANDOM"; }

# ---- public -------------------------------------------------------------------
proxylab_up() {
  local t0 want c
  t0=$(date +%s%N)
  want=" ${*:-$PROXYLAB_ALL} "
  LAB_DIR=$(mktemp -d /tmp/pp-proxylab-XXXXXX) || return 1
  chmod 755 "$LAB_DIR"
  trap proxylab_down EXIT
  trap 'exit 1' INT TERM
  PROXYLAB_USER=nobody
  PROXYLAB_GROUP=$(id -gn nobody 2>/dev/null || echo nogroup)
  LAB_SQUID_USER=labuser LAB_SQUID_PASS=$(proxylab_randpass)
  LAB_SOCKS_USER=socksuser LAB_SOCKS_PASS=$(proxylab_randpass)
  PROXYLAB_PEND=()
  # Started first: the others' configurations need the origin port and CA.
  [[ $want == *" origin "* || $want == *" mitm "* || $want == *" tinyproxy "* || $want == *" tlsproxy "* ]] &&
    proxylab_start_origin
  [[ $want == *" pac "* ]] && proxylab_start_pac
  [[ $want == *" dead "* ]] && proxylab_start_simple dead hold LAB_DEAD
  [[ $want == *" reset "* ]] && proxylab_start_simple reset reset LAB_RESET
  [[ $want == *" blackhole "* ]] && proxylab_start_simple blackhole blackhole LAB_BLACKHOLE
  if [[ $want == *" tinyproxy "* ]]; then
    if command -v tinyproxy >/dev/null; then proxylab_launch tinyproxy LAB_TINYPROXY
    else proxylab_miss tinyproxy "tinyproxy not installed"; fi
  fi
  if [[ $want == *" squid "* ]]; then
    if ! command -v squid >/dev/null || [ ! -x /usr/lib/squid/basic_ncsa_auth ]; then
      proxylab_miss squid "squid not installed"
    elif ! command -v htpasswd >/dev/null; then
      proxylab_miss squid "htpasswd not installed (apache2-utils)"
    elif proxylab_squid_users; then
      proxylab_launch squid LAB_SQUID
      proxylab_launch squid_digest LAB_SQUID_DIGEST
    else proxylab_miss squid "htpasswd failed"; fi
  fi
  if [[ $want == *" tlsproxy "* ]]; then
    if ! command -v squid >/dev/null || [ ! -x /usr/lib/squid/basic_ncsa_auth ]; then
      proxylab_miss tlsproxy "squid not installed"
    elif [ ! -f "$LAB_DIR/pki/proxy.pem" ]; then proxylab_miss tlsproxy "needs the test CA (origin)"
    elif ! command -v htpasswd >/dev/null; then
      proxylab_miss tlsproxy "htpasswd not installed (apache2-utils)"
    elif [ -f "$LAB_DIR/squid.htpasswd" ] || proxylab_squid_users; then
      proxylab_launch tlsproxy LAB_HTTPS_PROXY
      proxylab_launch tlsproxy_auth LAB_HTTPS_PROXY_AUTH
    else proxylab_miss tlsproxy "htpasswd failed"; fi
  fi
  if [[ $want == *" socks "* ]]; then
    if command -v microsocks >/dev/null; then
      proxylab_launch socks LAB_SOCKS
      proxylab_launch socks_auth LAB_SOCKS_AUTH
    else proxylab_miss socks "microsocks not installed"; fi
  fi
  if [[ $want == *" mitm "* ]]; then
    if ! command -v mitmdump >/dev/null; then proxylab_miss mitm "mitmdump not installed (mitmproxy)"
    elif [ -z "${LAB_ORIGIN:-}" ]; then proxylab_miss mitm "needs the HTTPS origin"
    else proxylab_launch mitm LAB_MITM; fi
  fi
  proxylab_settle
  if [ -n "${LAB_MITM:-}" ]; then
    LAB_MITM_CA=$LAB_DIR/mitm/mitmproxy-ca-cert.pem
    LAB_MITM_ISSUER=$(openssl x509 -in "$LAB_MITM_CA" -noout -subject -nameopt RFC2253 2>/dev/null | sed 's/^subject=//')
  fi
  if [ -n "${LAB_PAC_BASE:-}" ]; then
    LAB_PAC_URL=$(proxylab_pac lab.pac "function FindProxyForURL(url, host) {
  return \"PROXY ${LAB_DEAD:-127.0.0.1:9}; PROXY ${LAB_TINYPROXY:-127.0.0.1:9}\";
}")
  fi
  export LAB_DIR LAB_PAC_BASE LAB_PAC_URL LAB_HTTP_ORIGIN LAB_ORIGIN LAB_ORIGIN_PORT LAB_CA LAB_CA_SUBJECT \
    LAB_ORIGIN_SUBJECT LAB_TINYPROXY LAB_SQUID LAB_SQUID_DIGEST LAB_SQUID_USER LAB_SQUID_PASS \
    LAB_HTTPS_PROXY LAB_HTTPS_PROXY_AUTH LAB_PROXY_SUBJECT LAB_SOCKS LAB_SOCKS_AUTH \
    LAB_SOCKS_USER LAB_SOCKS_PASS LAB_MITM LAB_MITM_CA LAB_MITM_ISSUER LAB_DEAD LAB_RESET LAB_BLACKHOLE \
    LAB_MISSING
  LAB_START_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  export LAB_START_MS
  for c in $want; do
    [[ ${LAB_MISSING} == *"$c:"* ]] && return 1
  done
  return 0
}

# proxylab_pac NAME CONTENT: serve CONTENT as LAB_PAC_BASE/NAME; prints the URL.
proxylab_pac() {
  printf '%s\n' "$2" >"$LAB_DIR/www/127.0.0.1/$1"
  echo "${LAB_PAC_BASE}$1"
}

# proxylab_need COMPONENT...: exit 77 naming the missing ones (for tests).
proxylab_need() {
  local c why=""
  for c in "$@"; do
    case "; $LAB_MISSING" in *"; $c:"*) why="${why:+$why; }$(printf '%s' "; $LAB_MISSING" | sed "s/.*; \($c:[^;]*\).*/\1/")" ;; esac
  done
  [ -z "$why" ] && return 0
  echo "SKIP: proxy lab incomplete: $why"
  exit 77
}

# proxylab_vars: the variables as shell assignments.
proxylab_vars() {
  local v
  for v in LAB_DIR LAB_PAC_BASE LAB_PAC_URL LAB_HTTP_ORIGIN LAB_ORIGIN LAB_ORIGIN_PORT LAB_CA LAB_CA_SUBJECT \
    LAB_ORIGIN_SUBJECT LAB_TINYPROXY LAB_SQUID LAB_SQUID_DIGEST LAB_SQUID_USER LAB_SQUID_PASS \
    LAB_HTTPS_PROXY LAB_HTTPS_PROXY_AUTH LAB_PROXY_SUBJECT LAB_SOCKS LAB_SOCKS_AUTH \
    LAB_SOCKS_USER LAB_SOCKS_PASS LAB_MITM LAB_MITM_CA LAB_MITM_ISSUER LAB_DEAD LAB_RESET LAB_BLACKHOLE \
    LAB_MISSING LAB_START_MS; do
    printf '%s=%q\n' "$v" "${!v:-}"
  done
}

proxylab_down() {
  local p
  for p in "${LAB_PIDS_PROXY[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${LAB_PIDS_PROXY[@]}"; do
    # squid and mitmdump get a moment to exit; then they are killed outright.
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  LAB_PIDS_PROXY=()
  [ -n "$LAB_DIR" ] && [ -d "$LAB_DIR" ] && rm -rf "$LAB_DIR"
  LAB_DIR=""
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  if [ "${1:-}" = "--run" ]; then
    shift
    PROXYLAB_QUIET=${PROXYLAB_QUIET-1} proxylab_up || proxylab_log "incomplete: $LAB_MISSING"
    "$@"
    exit $?
  fi
  proxylab_up "$@" || proxylab_log "incomplete: $LAB_MISSING"
  proxylab_vars
  echo "# proxy lab up in ${LAB_START_MS} ms; Ctrl-C stops it" >&2
  while :; do sleep 3600 & LAB_PIDS_PROXY+=($!); wait $!; done
fi
