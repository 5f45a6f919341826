/* SPDX-License-Identifier: MIT */
/*
 * The option table behind parsing and --help (docs/style.md "Options"), and
 * the one generic parser: --long, --long=value, -x value, -xVALUE, "--".
 * Values are checked for shape here (counts, durations in ms); their meaning is checked by
 * the subcommand, which names the option in its one-line error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/duration.h"

/*
 * THE OPTION TABLE. --help, the parser, the man pages (pacprobe-COMMAND.1),
 * the bash/zsh/fish completions and tests/cli/docs_in_step.sh all read it
 * (`pacprobe --list-options` prints it for the generators in tools/).
 *
 * To give a command an option, add ONE row here, in long-name order:
 *   {PP_OPT_<LONG_NAME>, "long-name", 'x' or 0, PP_ARG_<KIND>, "ARG" or NULL,
 *    PP_CMD_<COMMAND> | ..., flags, "one line of help, for these commands only"},
 * (add PP_OPT_<LONG_NAME> to pp_opt_id_t in cli/cli.h when the option is new;
 * document it in docs/pacprobe.1 and README.md; the test says what is missing).
 * flags: 0, PP_OF_REPEAT (every value kept in a->list[id]) and/or PP_OF_ALIAS
 * (an old or short spelling: parsed, not shown in --help or completions).
 * When the help must differ per command (defaults, values), write one row per
 * command with the same id and name: a (name, command) pair appears once, and
 * a command's help never names another command's options.
 */
const pp_opt_def_t pp_options[] = {
    {PP_OPT_ADVISORY, "advisory", 0, PP_ARG_NONE, NULL, PP_CMD_CHECK, 0,
     "--targets: also check the profile's advisory URLs"},
    {PP_OPT_ALL_ROUTES, "all-routes", 0, PP_ARG_NONE, NULL, PP_CMD_CHECK, 0,
     "try every PAC entry, not only until one works (health of every proxy)"},
    {PP_OPT_APT, "apt", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "apt.conf, an apt.conf.d file or 'apt-config dump' output (Acquire::http(s)::Proxy; repeatable)"},
    {PP_OPT_AUTO, "auto", 0, PP_ARG_NONE, NULL, PP_CMD_CHECK, 0,
     "find the PAC by WPAD (as pacprobe discover) instead of the configuration"},
    {PP_OPT_CACERT, "cacert", 0, PP_ARG_STRING, "FILE", PP_CMD_CHECK, 0,
     "also trust the CA certificates in this PEM file (private CAs)"},
    {PP_OPT_CHROME_POLICY, "chrome-policy", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "a Chrome/Chromium policy JSON file (/etc/opt/chrome/policies/managed/*.json; repeatable)"},
    {PP_OPT_COLOR, "color", 0, PP_ARG_STRING, "WHEN", PP_CMD_ALL, 0,
     "colour verdicts and severities: auto (default: on a terminal, not with NO_COLOR), always, never"},
    {PP_OPT_COMPARE_DIRECT, "compare-direct", 0, PP_ARG_NONE, NULL, PP_CMD_CHECK, 0,
     "also fetch https targets DIRECT; a different certificate via the proxy = intercepted"},
    {PP_OPT_CONFIG, "config", 0, PP_ARG_STRING, "FILE", PP_CMD_LINT, 0,
     "the project file (default: .pacprobe.toml here or in a parent)"},
    {PP_OPT_CONNECT_TIMEOUT, "connect-timeout", 0, PP_ARG_SECONDS, "SECONDS", PP_CMD_CHECK, 0,
     "limit for DNS, TCP, proxy handshake and TLS per attempt (default 5; 2.5, 500ms)"},
    {PP_OPT_COVERAGE, "coverage", 0, PP_ARG_NONE, NULL, PP_CMD_TEST, 0,
     "after the summary, list every return statement with its hit count"},
    {PP_OPT_DEVOLUTION_LEVEL, "devolution-level", 0, PP_ARG_COUNT, "N", PP_CMD_DISCOVER, 0,
     "devolve wpad.<domain> down to suffixes of N labels (default 2, Windows)"},
    {PP_OPT_DHCP_TIMEOUT, "dhcp-timeout", 0, PP_ARG_MS, "MS", PP_CMD_DISCOVER, 0,
     "wait at most MS for DHCPINFORM replies (default 2000; or 2s)"},
    {PP_OPT_DISABLE, "disable", 0, PP_ARG_STRING, "RULE[,RULE...]", PP_CMD_LINT, PP_OF_REPEAT,
     "do not report these rules (repeatable)"},
    {PP_OPT_DNS_SERVER, "dns-server", 0, PP_ARG_STRING, "ADDR[:PORT]", PP_CMD_PAC | PP_CMD_CHECK | PP_CMD_DISCOVER, PP_OF_REPEAT,
     "query this DNS server instead of the system's (repeatable)"},
    {PP_OPT_DNS_TIMEOUT, "dns-timeout", 0, PP_ARG_MS, "MS", PP_CMD_DISCOVER, 0,
     "limit per wpad.<domain> lookup in ms (default 2000; or 2s)"},
    {PP_OPT_DOCKER_CONFIG, "docker-config", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "the Docker client's config.json (\"proxies\": what containers and builds get; repeatable)"},
    {PP_OPT_DOCKER_DAEMON, "docker-daemon", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "dockerd's daemon.json (\"proxies\", Docker 23+; repeatable)"},
    {PP_OPT_DOMAIN, "domain", 0, PP_ARG_STRING, "D", PP_CMD_DISCOVER, PP_OF_REPEAT,
     "look for wpad.D instead of the search list and FQDN (repeatable)"},
    {PP_OPT_DOTNET_CONFIG, "dotnet-config", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES, PP_OF_REPEAT,
     ".NET Framework machine.config, then app.config/web.config: <defaultProxy> (repeatable)"},
    {PP_OPT_EDGE_POLICY, "edge-policy", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "a Microsoft Edge policy JSON file (/etc/opt/edge/policies/managed/*.json; repeatable)"},
    {PP_OPT_EMULATE, "emulate", 0, PP_ARG_STRING, "MODE", PP_CMD_PAC, 0,
     "chrome (default), firefox, winhttp, pacparser, pac-resolver, libproxy"},
    {PP_OPT_EMULATE, "emulate", 0, PP_ARG_STRING, "MODE", PP_CMD_CHECK, 0,
     "winhttp (default), chrome, firefox, pacparser, pac-resolver, libproxy"},
    {PP_OPT_ENDPOINTS, "endpoints", 0, PP_ARG_STRING, "FILE", PP_CMD_CHECK, 0,
     "Microsoft 365 endpoints JSON: its URLs as targets (docs/endpoints.md)"},
    {PP_OPT_ENDPOINTS, "endpoints", 0, PP_ARG_STRING, "FILE", PP_CMD_TEST, 0,
     "Microsoft 365 endpoints JSON: the PAC against its categories (docs/endpoints.md)"},
    {PP_OPT_ENVIRONMENT, "environment", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "an /etc/environment file as pam_env reads it for a login session (repeatable)"},
    {PP_OPT_FETCH_TIMEOUT, "fetch-timeout", 0, PP_ARG_MS, "MS", PP_CMD_DISCOVER, 0,
     "limit per PAC download in ms (default 30000, Chromium; or 30s)"},
    {PP_OPT_FIREFOX_POLICIES, "firefox-policies", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "a Firefox policies.json (/etc/firefox/policies/policies.json): its Proxy policy (repeatable)"},
    {PP_OPT_FIREFOX_PREFS, "firefox-prefs", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "a Firefox profile's prefs.js or user.js: network.proxy.* (repeatable; user.js wins)"},
    {PP_OPT_FOR, "for", 0, PP_ARG_STRING, "CONSUMER", PP_CMD_CHECK, 0,
     "env (default: curl's variables), chrome, firefox, winhttp, user, localsystem, localservice, "
     "networkservice, mdi-sensor, wget, go, docker (dockerd's configuration), apt, python-urllib, "
     "python-requests, node, dotnet, with their rules (docs/consumers.md)"},
    {PP_OPT_FOR, "for", 0, PP_ARG_STRING, "CONSUMER[,...]", PP_CMD_SOURCES, 0,
     "user, localsystem, localservice, networkservice, winhttp, env, mdi-sensor, chrome, edge, "
     "gnome, kde, session, service, apt, docker, firefox, dotnet, java, macos (default: user on "
     "Windows or with --reg/--netsh, else env)"},
    {PP_OPT_FORMAT, "format", 0, PP_ARG_STRING, "FMT", PP_CMD_EXPLAIN | PP_CMD_TEST | PP_CMD_DIFF | PP_CMD_CHECK | PP_CMD_DISCOVER | PP_CMD_SOURCES, 0,
     "output format: text (default), json"},
    {PP_OPT_FORMAT, "format", 0, PP_ARG_STRING, "FMT", PP_CMD_EVAL, 0,
     "output format: text (default), json, tsv"},
    {PP_OPT_FORMAT, "format", 0, PP_ARG_STRING, "FMT", PP_CMD_LINT, 0,
     "output format: text (default), json, sarif, junit, github"},
    {PP_OPT_GNOME, "gnome", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "output of 'gsettings list-recursively org.gnome.system.proxy' (repeatable)"},
    {PP_OPT_HELP, "help", 'h', PP_ARG_NONE, NULL, PP_CMD_ALL, 0, "show this help"},
    {PP_OPT_HOST, "host", 0, PP_ARG_STRING, "HOST",
     PP_CMD_EVAL | PP_CMD_EXPLAIN | PP_CMD_TEST | PP_CMD_DIFF, 0,
     "pass HOST as the host argument instead of the URL's host"},
    {PP_OPT_HOSTS, "hosts", 0, PP_ARG_STRING, "FILE", PP_CMD_PAC | PP_CMD_CHECK, 0,
     "simulated DNS answers from an /etc/hosts-format file"},
    {PP_OPT_INTERFACE, "interface", 'i', PP_ARG_STRING, "IF", PP_CMD_DISCOVER, PP_OF_REPEAT,
     "send DHCPINFORM only on IF (repeatable; default every IPv4 interface)"},
    {PP_OPT_JAVA_CMDLINE, "java-cmdline", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES, PP_OF_REPEAT,
     "a Java command line saved in FILE (or /proc/PID/cmdline): its -D proxy flags (repeatable)"},
    {PP_OPT_JAVA_PROPS, "java-props", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES, PP_OF_REPEAT,
     "a JDK's conf/net.properties (repeatable)"},
    {PP_OPT_JOBS, "jobs", 'j', PP_ARG_COUNT, "N", PP_CMD_EVAL | PP_CMD_DIFF, 0,
     "parallel engines, one thread each (default: number of CPUs; one for a PAC that keeps state)"},
    {PP_OPT_JOBS, "jobs", 'j', PP_ARG_COUNT, "N", PP_CMD_CHECK, 0,
     "at most N targets in flight (default 16; --parallel N is the old name)"},
    {PP_OPT_JUNIT, "junit", 0, PP_ARG_STRING, "FILE", PP_CMD_TEST | PP_CMD_CHECK, 0,
     "also write the results as JUnit XML to FILE"},
    {PP_OPT_KDE, "kde", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "KDE's kioslaverc ([Proxy Settings]; repeatable, the user's after /etc/xdg's)"},
    {PP_OPT_LEASE_FILE, "lease-file", 0, PP_ARG_STRING, "FILE", PP_CMD_DISCOVER, PP_OF_REPEAT,
     "read this DHCP lease file instead of the standard ones (repeatable)"},
    {PP_OPT_LIST_RULES, "list-rules", 0, PP_ARG_NONE, NULL, PP_CMD_LINT, 0,
     "print every rule id with its severity and summary, then exit"},
    {PP_OPT_LIVE, "live", 0, PP_ARG_NONE, NULL, PP_CMD_SOURCES | PP_CMD_CHECK, 0,
     "read every source at its standard place on this machine (--root /), plus gsettings"},
    {PP_OPT_LOG, "log", 0, PP_ARG_PAIR, "FORMAT FILE", PP_CMD_EVAL | PP_CMD_DIFF | PP_CMD_LINT, PP_OF_REPEAT,
     "read URLs from a proxy log: squid, w3c, combined, csv[:COLUMN] (gzip, zstd too; repeatable)"},
    {PP_OPT_MACOS_PLIST, "macos-plist", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES, PP_OF_REPEAT,
     "macOS /Library/Preferences/SystemConfiguration/preferences.plist, XML (repeatable)"},
    {PP_OPT_MAX_TIME, "max-time", 0, PP_ARG_SECONDS, "SECONDS", PP_CMD_CHECK, 0,
     "limit for a whole target, all its attempts (default 15; 2.5, 500ms)"},
    {PP_OPT_MDI_PROXY, "mdi-proxy", 0, PP_ARG_STRING, "URL", PP_CMD_SOURCES, 0,
     "the MDI sensor's own proxy setting (Set-MDISensorProxyConfiguration)"},
    {PP_OPT_MEMORY_LIMIT, "memory-limit", 0, PP_ARG_COUNT, "MIB", PP_CMD_PAC | PP_CMD_CHECK, 0,
     "JavaScript heap limit per engine in MiB (default 64)"},
    {PP_OPT_MY_IP, "my-ip", 0, PP_ARG_STRING, "ADDR", PP_CMD_PAC | PP_CMD_CHECK, PP_OF_REPEAT,
     "myIpAddress() answer; all values form myIpAddressEx() (repeatable)"},
    {PP_OPT_NETSH, "netsh", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "output of 'netsh winhttp show proxy' (English; repeatable)"},
    {PP_OPT_NO_DHCP, "no-dhcp", 0, PP_ARG_NONE, NULL, PP_CMD_DISCOVER, 0,
     "skip DHCP (INFORM and lease files)"},
    {PP_OPT_NO_DNS, "no-dns", 0, PP_ARG_NONE, NULL, PP_CMD_PAC | PP_CMD_CHECK, 0,
     "fail every lookup not answered by --resolve/--hosts"},
    {PP_OPT_NO_DNS, "no-dns", 0, PP_ARG_NONE, NULL, PP_CMD_DISCOVER, 0,
     "skip the DNS method (wpad.<domain> lookups)"},
    {PP_OPT_NO_ENV, "no-env", 0, PP_ARG_NONE, NULL, PP_CMD_SOURCES, 0,
     "do not read http_proxy, https_proxy, all_proxy, no_proxy from the environment"},
    {PP_OPT_NO_FETCH, "no-fetch", 0, PP_ARG_NONE, NULL, PP_CMD_DISCOVER, 0,
     "stop before fetching: report the first candidate URL"},
    {PP_OPT_NO_MEMO, "no-memo", 0, PP_ARG_NONE, NULL, PP_CMD_EVAL | PP_CMD_DIFF, 0,
     "logs: evaluate every line, not each distinct script input once (to compare)"},
    {PP_OPT_NO_PROXY_TEST, "no-proxy-test", 0, PP_ARG_NONE, NULL, PP_CMD_SOURCES, 0,
     "evaluate no_proxy for the URL arguments as curl, wget, Go/Docker, Python, Node, .NET do"},
    {PP_OPT_NOPROXY, "noproxy", 0, PP_ARG_STRING, "LIST", PP_CMD_SOURCES, 0,
     "hosts that bypass --proxy, comma-separated (curl --noproxy)"},
    {PP_OPT_NOW, "now", 0, PP_ARG_STRING, "TIME", PP_CMD_PAC | PP_CMD_CHECK, 0,
     "pin the clock: YYYY-MM-DDTHH:MM:SS (local), with Z or +HH:MM"},
    {PP_OPT_ORDER, "order", 0, PP_ARG_STRING, "dhcp,dns|dns,dhcp", PP_CMD_DISCOVER, 0,
     "which method's candidates are tried first (default dhcp,dns)"},
    {PP_OPT_OVERWRITE, "overwrite", 0, PP_ARG_NONE, NULL, PP_CMD_TEST | PP_CMD_CHECK, 0,
     "let --junit or --report replace an existing regular file"},
    {PP_OPT_OVERWRITE, "overwrite", 0, PP_ARG_NONE, NULL, PP_CMD_EXPLAIN | PP_CMD_DIFF | PP_CMD_DISCOVER, 0,
     "let --report replace an existing regular file"},
    {PP_OPT_OVERWRITE, "overwrite", 0, PP_ARG_NONE, NULL, PP_CMD_SOURCES, 0,
     "let --write-reg replace an existing regular file"},
    {PP_OPT_PAC, "pac", 'p', PP_ARG_STRING, "FILE|URL|-", PP_CMD_EVAL | PP_CMD_EXPLAIN, 0,
     "the PAC script (URL fetched without proxy; auto = find it by WPAD)"},
    {PP_OPT_PAC, "pac", 'p', PP_ARG_STRING, "FILE|URL|-", PP_CMD_SOURCES | PP_CMD_CHECK | PP_CMD_TEST, 0,
     "the PAC script (URL fetched without proxy)"},
    {PP_OPT_PAC, "pac", 'p', PP_ARG_STRING, "FILE|URL|-", PP_CMD_DIFF, PP_OF_REPEAT,
     "given twice: OLD, then NEW (instead of OLD NEW as the first two arguments)"},
    {PP_OPT_JOBS, "parallel", 0, PP_ARG_COUNT, "N", PP_CMD_CHECK, PP_OF_ALIAS,
     "old name of --jobs"},
    {PP_OPT_PROXY, "proxy", 'x', PP_ARG_STRING, "[SCHEME://]HOST[:PORT]", PP_CMD_SOURCES | PP_CMD_CHECK, 0,
     "use this proxy, overriding every other source (as curl -x; \"\" = none)"},
    {PP_OPT_PROXY_AUTH_HOST, "proxy-auth-host", 0, PP_ARG_STRING, "HOST[:PORT]", PP_CMD_CHECK, PP_OF_REPEAT,
     "also give the --proxy-user credentials to this proxy (repeatable)"},
    {PP_OPT_PROXY_BASIC_OK, "proxy-basic-ok", 0, PP_ARG_NONE, NULL, PP_CMD_CHECK, 0,
     "allow Basic (password in clear) to a plain-HTTP proxy you named"},
    {PP_OPT_PROXY_PASSWORD_FILE, "proxy-password-file", 0, PP_ARG_STRING, "FILE", PP_CMD_CHECK, 0,
     "read the --proxy-user password from the first line of FILE"},
    {PP_OPT_PROXY_SOCKS_AUTH, "proxy-socks-auth", 0, PP_ARG_NONE, NULL, PP_CMD_CHECK, 0,
     "allow SOCKS user/password (clear text) to a SOCKS proxy you named"},
    {PP_OPT_PROXY_USER, "proxy-user", 0, PP_ARG_STRING, "USER[@HOST[:PORT]]", PP_CMD_CHECK, 0,
     "proxy user (for --proxy's proxy and HOST); password from PACPROBE_PROXY_PASSWORD, file or prompt"},
    {PP_OPT_QUIET, "quiet", 'q', PP_ARG_NONE, NULL, PP_CMD_EVAL, 0,
     "no progress line on a terminal"},
    {PP_OPT_REG, "reg", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "a .reg export (regedit / reg export; UTF-16LE or ANSI; repeatable)"},
    {PP_OPT_REPORT, "report", 0, PP_ARG_STRING, "FILE.html", PP_CMD_CHECK | PP_CMD_EXPLAIN | PP_CMD_DIFF | PP_CMD_DISCOVER | PP_CMD_TEST, 0,
     "also write a self-contained HTML report to FILE (docs/report.md)"},
    {PP_OPT_RESOLVE, "resolve", 0, PP_ARG_STRING, "HOST=ADDR[,ADDR...]", PP_CMD_PAC | PP_CMD_CHECK, PP_OF_REPEAT,
     "simulated DNS answer; HOST= alone does not resolve (repeatable)"},
    {PP_OPT_ROOT, "root", 0, PP_ARG_STRING, "DIR", PP_CMD_SOURCES | PP_CMD_CHECK, 0,
     "read every source at its standard path under DIR (a copied or mounted system)"},
    {PP_OPT_SCUTIL, "scutil", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES, PP_OF_REPEAT,
     "output of macOS 'scutil --proxy' (repeatable)"},
    {PP_OPT_SERVICE_TAGS, "service-tags", 0, PP_ARG_STRING, "FILE", PP_CMD_CHECK, 0,
     "Azure Service Tags JSON: are the targets' addresses inside --tag?"},
    {PP_OPT_STATS, "stats", 0, PP_ARG_NONE, NULL, PP_CMD_EVAL, 0,
     "print run statistics on stderr at the end (rate, DNS, p50/p99)"},
    {PP_OPT_STATS, "stats", 0, PP_ARG_NONE, NULL, PP_CMD_DIFF, 0,
     "over a log: lines/s, distinct evaluations or why not memoised, on stderr at the end"},
    {PP_OPT_STRICT, "strict", 0, PP_ARG_NONE, NULL, PP_CMD_LINT, 0,
     "exit 1 on warnings too, not only on errors"},
    {PP_OPT_SUMMARY, "summary", 0, PP_ARG_NONE, NULL, PP_CMD_EVAL, 0,
     "requests, bytes and hosts per result instead of one record per URL"},
    {PP_OPT_SYSTEMD, "systemd", 0, PP_ARG_STRING, "FILE", PP_CMD_SOURCES | PP_CMD_CHECK, PP_OF_REPEAT,
     "systemd system.conf/user.conf (DefaultEnvironment=) or a unit drop-in (Environment=); repeatable"},
    {PP_OPT_TAG, "tag", 0, PP_ARG_STRING, "NAME", PP_CMD_CHECK, 0,
     "the service tag for --service-tags (e.g. AzureAdvancedThreatProtection)"},
    {PP_OPT_TAP, "tap", 0, PP_ARG_NONE, NULL, PP_CMD_TEST, 0,
     "print TAP version 13 instead of failure lines"},
    {PP_OPT_TARGETS, "targets", 0, PP_ARG_STRING, "PROFILE", PP_CMD_CHECK, 0,
     "check a target profile (mdi, mde, or a .targets file; docs/targets.md)"},
    {PP_OPT_TIMEOUT, "timeout", 0, PP_ARG_MS, "MS", PP_CMD_PAC | PP_CMD_CHECK, 0,
     "wall-clock limit per evaluation in ms (default 1000; or 1s)"},
    {PP_OPT_TZ, "tz", 0, PP_ARG_STRING, "ZONE", PP_CMD_PAC | PP_CMD_CHECK, 0,
     "IANA time zone for the date and time functions"},
    {PP_OPT_URL_FILE, "url-file", 'f', PP_ARG_STRING, "FILE|-", PP_CMD_EVAL | PP_CMD_DIFF | PP_CMD_CHECK, PP_OF_REPEAT,
     "read URLs from FILE, one per line (# comments, blank lines skipped); a proxy log is detected"},
    {PP_OPT_URLS, "urls", 0, PP_ARG_STRING, "FILE|-", PP_CMD_LINT, PP_OF_REPEAT,
     "also evaluate these URLs (dynamic checks; repeatable)"},
    {PP_OPT_USER, "user", 0, PP_ARG_STRING, "NAME", PP_CMD_SOURCES | PP_CMD_CHECK, 0,
     "--root/--live: read NAME's home (DIR/home/NAME) instead of $HOME's"},
    {PP_OPT_VERSION, "version", 0, PP_ARG_NONE, NULL, PP_CMD_ALL, 0,
     "print the version"},
    {PP_OPT_WILDCARD, "wildcard", 0, PP_ARG_STRING, "LABEL", PP_CMD_TEST | PP_CMD_CHECK, 0,
     "--endpoints: the label that replaces each '*' of a URL (default contoso)"},
    {PP_OPT_WORKSPACE, "workspace", 0, PP_ARG_STRING, "NAME", PP_CMD_CHECK, 0,
     "the MDI workspace name for --targets mdi"},
    {PP_OPT_WRITE_REG, "write-reg", 0, PP_ARG_STRING, "OUT", PP_CMD_SOURCES, 0,
     "write a .reg giving the --for service accounts the user's WinINet settings"},
    {PP_OPT_COUNT, NULL, 0, PP_ARG_NONE, NULL, 0, 0, NULL},
};

/* The row of --name (len bytes) for cmd; with cmd 0 any command's row. */
static const pp_opt_def_t *find_long(const char *name, size_t len, unsigned cmd) {
  for (const pp_opt_def_t *o = pp_options; o->name; o++)
    if (strlen(o->name) == len && strncmp(o->name, name, len) == 0 && (!cmd || (o->cmds & cmd)))
      return o;
  return NULL;
}

static const pp_opt_def_t *find_short(char c, unsigned cmd) {
  for (const pp_opt_def_t *o = pp_options; o->name; o++)
    if (o->letter && o->letter == c && (o->cmds & cmd)) return o;
  return NULL;
}

/* "unknown option" with the nearest long option of this command, if one
 * is close (pp_cli_suggest, src/cli/suggest.c). */
static void unknown_option(const char *cmdname, unsigned cmd, const char *arg) {
  const char *names[PP_OPT_ROWS_MAX];
  size_t n = 0;
  for (const pp_opt_def_t *o = pp_options; o->name && n < PP_OPT_ROWS_MAX; o++)
    if (o->cmds & cmd) names[n++] = o->name;
  const char *word = arg[0] == '-' && arg[1] == '-' ? arg + 2 : NULL;
  char head[64];
  if (word) { /* without =value */
    size_t len = strcspn(word, "=");
    snprintf(head, sizeof(head), "%.*s", (int)(len < sizeof(head) - 1 ? len : sizeof(head) - 1), word);
  }
  const char *best = word ? pp_cli_suggest(head, names, n) : NULL;
  bool elsewhere = word && find_long(head, strlen(head), 0) != NULL;
  if (best)
    pp_msg_error("%s: unknown option '%s'; did you mean '--%s'? (see pacprobe %s --help)", cmdname,
                 pp_safe(arg), best, cmdname);
  else if (elsewhere)
    pp_msg_error("%s: option '%s' belongs to another command (see pacprobe %s --help)", cmdname,
                 pp_safe(arg), cmdname);
  else
    pp_msg_error("%s: unknown option '%s' (see pacprobe %s --help)", cmdname, pp_safe(arg), cmdname);
}

static bool push(pp_strv_t *l, const char *s) {
  const char **v = realloc(l->v, (l->n + 1) * sizeof(*v));
  if (!v) return false;
  v[l->n++] = s;
  l->v = v;
  return true;
}

/* A curl-named timeout below this is a unit mistake, not a wish (issue 17). */
#define PP_SECONDS_MIN_MS 10u

/* PP_ARG_MS / PP_ARG_SECONDS: a duration in ms into a->count (util/duration.h). */
static bool duration(pp_args_t *a, const pp_opt_def_t *o, const char *value) {
  char err[128];
  unsigned long ms = 0;
  if (!pp_duration_parse(value, o->kind == PP_ARG_SECONDS ? 1000 : 1, &ms, err, sizeof(err))) {
    pp_msg_error("option --%s: bad value '%s': %s", o->name, value, err);
    return false;
  }
  if (o->kind == PP_ARG_SECONDS && ms < PP_SECONDS_MIN_MS) {
    pp_msg_error("option --%s: %s is below %u ms, too short to connect anywhere; the value is in "
                 "seconds, as curl's (--%s 5 = 5 s; 500ms = half a second)", o->name, value,
                 PP_SECONDS_MIN_MS, o->name);
    return false;
  }
  /* the old meaning (milliseconds) of a curl-named flag would now be minutes */
  if (o->kind == PP_ARG_SECONDS && ms > 600000 && strspn(value, "0123456789.") == strlen(value))
    pp_msg_warn("option --%s %s means %lu seconds, as curl's; write %sms for milliseconds",
                o->name, value, ms / 1000, value);
  a->count[o->id] = ms;
  return true;
}

static bool apply(pp_args_t *a, const pp_opt_def_t *o, const char *value) {
  if ((o->kind == PP_ARG_MS || o->kind == PP_ARG_SECONDS) && !duration(a, o, value)) return false;
  if (o->kind == PP_ARG_COUNT) {
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(value, &end, 10);
    if (!*value || *end || errno || value[0] == '-' || v == 0 || v > 1000000000ul) {
      pp_msg_error("option --%s: bad value '%s': expected a whole number from 1 to 1000000000",
                   o->name, value);
      return false;
    }
    a->count[o->id] = v;
  }
  a->given[o->id] = true;
  a->value[o->id] = value;
  if ((o->flags & PP_OF_REPEAT) && !push(&a->list[o->id], value)) {
    pp_msg_error("out of memory");
    return false;
  }
  return true;
}

static bool take(pp_args_t *a, const pp_opt_def_t *o, const char *inline_val, int argc,
                 char **argv, int *i) {
  if (o->kind == PP_ARG_NONE) {
    if (inline_val) {
      pp_msg_error("option --%s takes no value", o->name);
      return false;
    }
    return apply(a, o, "");
  }
  const char *v = inline_val;
  if (!v) {
    if (*i + 1 >= argc) {
      pp_msg_error("option --%s needs a value (%s)", o->name, o->arg);
      return false;
    }
    v = argv[++*i];
  }
  if (o->kind != PP_ARG_PAIR) return apply(a, o, v);
  /* --log FORMAT FILE: list holds FORMAT, FILE, FORMAT, FILE... */
  if (*i + 1 >= argc) {
    pp_msg_error("option --%s needs two values (%s)", o->name, o->arg);
    return false;
  }
  if (!apply(a, o, v)) return false;
  if (push(&a->list[o->id], argv[++*i])) return true;
  pp_msg_error("out of memory");
  return false;
}

bool pp_args_parse(pp_args_t *a, unsigned cmd, const char *cmdname, int argc, char **argv,
                   int first) {
  memset(a, 0, sizeof(*a));
  bool options_done = false;
  for (int i = first; i < argc; i++) {
    const char *arg = argv[i];
    const pp_opt_def_t *o = NULL;
    const char *inline_val = NULL;
    if (options_done || arg[0] != '-' || arg[1] == '\0') {
      if (!push(&a->positional, arg)) return false;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      options_done = true;
      continue;
    }
    if (arg[1] == '-') {
      const char *eq = strchr(arg + 2, '=');
      size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
      o = find_long(arg + 2, len, cmd);
      inline_val = eq ? eq + 1 : NULL;
    } else {
      o = find_short(arg[1], cmd);
      inline_val = arg[2] ? arg + 2 : NULL;
    }
    if (!o) {
      unknown_option(cmdname, cmd, arg);
      return false;
    }
    if (!take(a, o, inline_val, argc, argv, &i)) return false;
  }
  return pp_term_setup(a);
}

void pp_args_free(pp_args_t *a) {
  for (int i = 0; i < PP_OPT_COUNT; i++) free(a->list[i].v);
  free(a->positional.v);
  memset(a, 0, sizeof(*a));
}

void pp_options_help(FILE *out, unsigned cmd) {
  for (const pp_opt_def_t *o = pp_options; o->name; o++) {
    if (!(o->cmds & cmd) || (o->flags & PP_OF_ALIAS)) continue;
    char left[64];
    if (o->letter)
      snprintf(left, sizeof(left), "-%c, --%s%s%s", o->letter, o->name, o->arg ? " " : "",
               o->arg ? o->arg : "");
    else
      snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    fprintf(out, "  %-34s %s\n", left, o->help);
  }
}

bool pp_args_info(const pp_args_t *a, void (*print_help)(void)) {
  if (a->given[PP_OPT_HELP]) print_help();
  else if (a->given[PP_OPT_VERSION]) pp_cli_print_version(stdout);
  else return false;
  return true;
}

/* One line per (command, option row): COMMAND TAB --long TAB -x TAB ARG TAB
 * FLAGS TAB HELP, "-" for an empty field; FLAGS is "repeat", "alias" or
 * both joined by ",". The generators (tools/gen-completions.sh,
 * tools/gen-man.sh) and tests/cli/docs_in_step.sh read this. */
void pp_options_list(FILE *out) {
  for (const pp_cli_cmd_t *c = pp_cli_commands; c->name; c++)
    for (const pp_opt_def_t *o = pp_options; o->name; o++) {
      if (!(o->cmds & c->bit)) continue;
      const char *fl = (o->flags & PP_OF_REPEAT) ? ((o->flags & PP_OF_ALIAS) ? "repeat,alias" : "repeat")
                                                 : ((o->flags & PP_OF_ALIAS) ? "alias" : "-");
      fprintf(out, "%s\t--%s\t", c->name, o->name);
      if (o->letter) fprintf(out, "-%c", o->letter);
      else fputc('-', out);
      fprintf(out, "\t%s\t%s\t", o->arg ? o->arg : "-", fl);
      for (const char *h = o->help; *h; h++) fputc(*h == '\n' || *h == '\t' ? ' ' : *h, out);
      fputc('\n', out);
    }
}
