/* SPDX-License-Identifier: MIT */
/*
 * Proxy configuration sources (src/config): the collected sources and the decision per consumer.
 * Internal: the program and the tests use it; it is not installed.
 */
#ifndef PP_CONFIG_CONFIG_H
#define PP_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/pacprobe.h"
#include "pac/result.h"

/* ---- proxy configuration sources (src/config) ---------------------------- */
/* DESIGN §1.6, docs/sources.md. Every function here is pure: no file, no
 * environment, no printing. Callers hand in bytes (a .reg export, netsh
 * output) and "NAME=VALUE" strings; errors name file:line and a byte offset.
 * Proxy strings are stored with any password masked ("user:****@host"), so
 * nothing in these structures is a secret except the raw blob bytes kept
 * for --write-reg (pp_source_t.blob), which are never formatted as text.
 * The format-level parsers behind them (.reg, WinINet/WinHTTP blobs, netsh
 * text, curl's proxy variables) are in src/config/config_int.h. */

/* Inputs over this size are refused (a real Internet Settings export is KBs). */
#define PP_CONFIG_MAX_BYTES (32u * 1024u * 1024u)

/* no_proxy, then NO_PROXY; NULL when neither is set and non-empty. */
const char *pp_env_noproxy(const char *const *envp, const char **var);
/* true when curl would not use a proxy for host (a name, an IPv4 literal
 * or a bracketed IPv6 literal) under the no_proxy list. */
bool pp_env_noproxy_match(const char *host, const char *list);

/* NO_PROXY dialects (docs/sources.md "NO_PROXY dialects"): how each runtime
 * reads and applies the same no_proxy value. PP_NP_GO is also Docker (the
 * CLI and daemon use Go's net/http). */
typedef enum pp_np_dialect {
  PP_NP_CURL = 0,
  PP_NP_WGET,
  PP_NP_GO,
  PP_NP_PY_URLLIB,
  PP_NP_PY_REQUESTS,
  PP_NP_NODE,
  PP_NP_DOTNET,
  PP_NP_COUNT
} pp_np_dialect_t;

/* A URL as the matchers need it: scheme and host lowercase, an IPv6 host
 * with its brackets, the port given or the scheme's default (0 unknown). */
typedef struct pp_np_url {
  char scheme[16];
  char host[256];
  bool v6;
  unsigned port;
  bool port_given;
} pp_np_url_t;

/* "curl", "wget", "go", "python-urllib", "python-requests", "node", "dotnet". */
const char *pp_noproxy_dialect_name(pp_np_dialect_t d);
/* The names above and "docker" (= go); PP_EINVAL otherwise. */
pp_status_t pp_noproxy_dialect_parse(const char *name, pp_np_dialect_t *out);
/* The variables the runtime reads, in its order, comma-separated. */
const char *pp_noproxy_dialect_vars(pp_np_dialect_t d);
/* The value the runtime reads from envp ("NAME=VALUE" strings); *var
 * points at its name inside pp_noproxy_dialect_vars (up to the next ','). */
const char *pp_noproxy_value(pp_np_dialect_t d, const char *const *envp, const char **var);
/* PP_EBADURL with a reason in err for anything but scheme://host[:port]... */
pp_status_t pp_noproxy_url(const char *url, pp_np_url_t *u, char *err, size_t errlen);
/* true when runtime d sends u DIRECT under the no_proxy value list. */
bool pp_noproxy_match_dialect(pp_np_dialect_t d, const char *list, const pp_np_url_t *u);

typedef enum pp_source_kind {
  PP_SRC_CMDLINE = 0, /* --proxy, --pac, --noproxy */
  PP_SRC_ENV,         /* http_proxy, ... */
  PP_SRC_WININET,     /* a WinINet blob from a .reg export */
  PP_SRC_WININET_VALUES, /* ProxyEnable/ProxyServer/ProxyOverride/AutoConfigURL */
  PP_SRC_POLICY,      /* ProxySettingsPerUser */
  PP_SRC_WINHTTP,     /* a WinHttpSettings blob */
  PP_SRC_NETSH,       /* netsh winhttp show proxy */
  PP_SRC_MDI,         /* --mdi-proxy */
  PP_SRC_CHROME_POLICY, /* Chrome/Chromium proxy policies (JSON file or registry) */
  PP_SRC_EDGE_POLICY, /* Microsoft Edge proxy policies (JSON file or registry) */
  PP_SRC_GNOME,       /* gsettings list-recursively org.gnome.system.proxy */
  PP_SRC_KDE,         /* KDE's kioslaverc [Proxy Settings] */
  PP_SRC_ENVFILE,     /* /etc/environment (pam_env): one source per proxy variable */
  PP_SRC_SYSTEMD,     /* systemd DefaultEnvironment= / a unit's Environment= */
  PP_SRC_APT,         /* apt.conf Acquire::http(s)::Proxy... */
  PP_SRC_DOCKER_CLIENT, /* ~/.docker/config.json "proxies" */
  PP_SRC_DOCKER_DAEMON, /* /etc/docker/daemon.json "proxies" */
  PP_SRC_FIREFOX_POLICY, /* Firefox enterprise policies.json "Proxy" */
  PP_SRC_FIREFOX_PREFS,  /* Firefox prefs.js / user.js network.proxy.* */
  PP_SRC_DOTNET,      /* .NET Framework <defaultProxy> (machine/app/web.config) */
  PP_SRC_JAVA_PROPS,  /* Java net.properties */
  PP_SRC_JAVA_CMDLINE, /* Java -D flags (a command line read from a file) */
  PP_SRC_SCUTIL,      /* macOS `scutil --proxy` output */
  PP_SRC_MACOS_PLIST  /* macOS SystemConfiguration preferences.plist (XML) */
} pp_source_kind_t;

typedef enum pp_account {
  PP_ACCT_NONE = 0,
  PP_ACCT_USER,           /* HKEY_CURRENT_USER or HKEY_USERS\S-1-5-21-... */
  PP_ACCT_LOCALSYSTEM,    /* S-1-5-18, .DEFAULT */
  PP_ACCT_LOCALSERVICE,   /* S-1-5-19 */
  PP_ACCT_NETWORKSERVICE, /* S-1-5-20 */
  PP_ACCT_MACHINE         /* HKEY_LOCAL_MACHINE */
} pp_account_t;

typedef enum pp_consumer {
  PP_FOR_USER = 0,
  PP_FOR_LOCALSYSTEM,
  PP_FOR_LOCALSERVICE,
  PP_FOR_NETWORKSERVICE,
  PP_FOR_WINHTTP,
  PP_FOR_ENV,
  PP_FOR_MDI_SENSOR,
  PP_FOR_CHROME,   /* Chrome's policies, else the system settings it reads */
  PP_FOR_EDGE,     /* Edge's policies, else the system settings */
  PP_FOR_GNOME,    /* GNOME's settings (GIO, libproxy's gnome module) */
  PP_FOR_KDE,      /* KIO's kioslaverc */
  PP_FOR_SESSION,  /* a login session: /etc/environment through pam_env */
  PP_FOR_SERVICE,  /* a systemd system service: DefaultEnvironment, its Environment= */
  PP_FOR_APT,      /* apt's Acquire::http(s)::Proxy, then http_proxy/https_proxy */
  PP_FOR_DOCKER,   /* dockerd's pulls: daemon.json "proxies", then its environment */
  PP_FOR_FIREFOX,  /* Firefox: policies.json, prefs, else the system settings */
  PP_FOR_DOTNET,   /* .NET: <defaultProxy>, else the system settings */
  PP_FOR_JAVA,     /* Java: -D flags, net.properties, useSystemProxies */
  PP_FOR_MACOS     /* macOS CFNetwork (Safari, Chrome on a Mac): scutil view */
} pp_consumer_t;

typedef enum pp_config_mode {
  PP_MODE_DIRECT = 0,
  PP_MODE_PROXY,
  PP_MODE_PAC,
  PP_MODE_AUTO_DETECT
} pp_config_mode_t;

/* One setting of an application source: "network.proxy.type" = "1" at
 * line 12. The value is printable ASCII and has any password masked. */
typedef struct pp_setting {
  char *name;
  char *value;
  unsigned line;
} pp_setting_t;

typedef struct pp_source {
  pp_source_kind_t kind;
  char *file;        /* input file; NULL for env and options */
  unsigned line;     /* line in file, 0 when none */
  char *key;         /* registry key; NULL otherwise */
  char *value;       /* value name, variable name or option ("--proxy") */
  pp_account_t account;
  char *sid;         /* "S-1-5-18", ...; NULL for HKCU and non-registry */
  bool has_blob;     /* version/counter/flags are meaningful */
  uint32_t version, counter, flags; /* blob header; values/netsh: flags only */
  uint32_t dword;    /* PP_SRC_POLICY: the ProxySettingsPerUser DWORD */
  char *proxy;       /* masked; NULL when none */
  char **bypass;     /* split entries */
  size_t nbypass;
  char *pac_url;
  bool auto_detect;
  bool credentials;  /* the proxy string carried user info (masked) */
  bool in_effect;    /* set by pp_config_decide */
  char *error;       /* NULL, or "file:line: byte offset N: reason" */
  unsigned char *blob; /* raw WinINet blob (for --write-reg); never print */
  size_t blob_len;
  /* browser policies: ProxyMode as Chrome resolves it ("direct",
   * "auto_detect", "pac_script", "fixed_servers", "system"; NULL when the
   * file sets no proxy policy) and ProxyPacMandatory */
  char *mode;
  bool mandatory;
  /* application and runtime sources (Firefox, .NET, Java, macOS): the
   * settings as read, in file order (values printable, secrets masked);
   * Firefox's Locked policy */
  pp_setting_t *settings;
  size_t nsettings;
  bool locked;
} pp_source_t;

typedef struct pp_config_warning {
  char *code;    /* stable: account-missing-settings, saved-legacy-differs, ... */
  char *message; /* one line, no secrets */
} pp_config_warning_t;

/* What the operating system itself says for the running account
 * (pp_config_add_live on Windows): WinHttpGetIEProxyConfigForCurrentUser
 * (ie_*) and WinHttpGetDefaultProxyConfiguration (winhttp_*). Strings are
 * escaped (\xHH for anything outside printable ASCII) and proxies masked. */
typedef struct pp_config_os {
  bool present;             /* pp_config_add_live filled this */
  char *running_sid;        /* the process token's user SID, "S-1-5-19" */
  pp_account_t running_as;  /* PP_ACCT_LOCALSERVICE, ...; PP_ACCT_USER otherwise */
  char *ie_error;           /* NULL, or why the call failed */
  bool ie_auto_detect;
  char *ie_pac_url, *ie_proxy, *ie_bypass; /* NULL when the OS returned none */
  char *winhttp_error;
  uint32_t winhttp_access;  /* WINHTTP_ACCESS_TYPE_*: 1 no proxy, 3 named proxy */
  char *winhttp_proxy, *winhttp_bypass;
  /* Set by pp_config_decide: the decision was compared with the OS view
   * (the consumer is the running account, or winhttp) and whether it agrees. */
  bool compared, agrees;
} pp_config_os_t;

typedef struct pp_config_effective {
  pp_config_mode_t mode;
  char *proxy; /* masked */
  char **bypass;
  size_t nbypass;
  char *pac_url;
  bool auto_detect;
} pp_config_effective_t;

/* Every source given, then (after pp_config_decide) the decision. The
 * caller zero-initialises and frees with pp_config_clear. */
typedef struct pp_config {
  pp_source_t *sources;
  size_t nsources;
  size_t nerrors;          /* sources that could not be read */
  pp_consumer_t consumer;
  pp_config_effective_t effective;
  char *decided_by;        /* "WinINet localsystem (S-1-5-18) DefaultConnectionSettings" */
  pp_config_warning_t *warnings;
  size_t nwarnings;
  pp_config_os_t os;       /* live only: what Windows says (see above) */
} pp_config_t;

/* Adds the sources of one .reg export (bytes; `file` names it in errors
 * and output). A file or blob that cannot be decoded becomes a source with
 * its error (counted in nerrors) and the rest is still read. PP_OK or
 * PP_ENOMEM. */
pp_status_t pp_config_add_reg(pp_config_t *c, const void *data, size_t len, const char *file);
/* The same for `netsh winhttp show proxy` output. */
pp_status_t pp_config_add_netsh(pp_config_t *c, const void *data, size_t len, const char *file);
/* Adds one env source per proxy variable set (non-empty) in envp. */
pp_status_t pp_config_add_env(pp_config_t *c, const char *const *envp);
/* A command-line or agent setting: opt is "--proxy", "--pac", "--noproxy"
 * or "--mdi-proxy"; "--pac auto" means auto-detect. */
pp_status_t pp_config_add_option(pp_config_t *c, const char *opt, const char *value);
/* Windows: adds the live registry's sources (docs/sources.md "Live
 * sources": HKCU, HKEY_USERS\S-1-5-18/19/20, HKLM, the policy key; each
 * source's key names where it was read, file is NULL) through the same
 * code as pp_config_add_reg, and fills c->os. A key that exists but cannot
 * be read (access denied) becomes a source with its error. PP_EPLATFORM
 * (nothing added) on other systems; PP_ENOMEM. */
pp_status_t pp_config_add_live(pp_config_t *c);
/* Adds a browser policy JSON file (Linux: /etc/opt/chrome/policies/managed/
 * *.json, /etc/chromium/..., /etc/opt/edge/...): ProxyMode, ProxyServerMode,
 * ProxyPacUrl, ProxyServer, ProxyBypassList, ProxyPacMandatory, or the
 * ProxySettings dictionary that replaces them. edge picks the kind. A file
 * that is not JSON, or a proxy policy of the wrong type, becomes a source
 * with "file:line:col: reason" (counted in nerrors). PP_OK or PP_ENOMEM. */
pp_status_t pp_config_add_browser_policy(pp_config_t *c, const void *data, size_t len,
                                         const char *file, bool edge);
/* Adds `gsettings list-recursively org.gnome.system.proxy` output (one
 * source, account user; mode in pp_source_t.mode). A line that is not
 * what gsettings prints becomes a source with "file:line: reason"
 * (counted in nerrors). PP_OK or PP_ENOMEM. */
pp_status_t pp_config_add_gnome(pp_config_t *c, const void *data, size_t len, const char *file);
/* Linux system sources (src/config/kde.c, envfile.c, apt.c, docker.c;
 * docs/sources.md "Linux system sources"). Each takes the bytes of one
 * file; `file` names it in errors and output. A line or value that is not
 * the documented format becomes an error source "file:line: reason"
 * (counted in nerrors) and the rest of the file is still read where the
 * format allows it. PP_OK or PP_ENOMEM. */
/* kioslaverc: [Proxy Settings] ProxyType, httpProxy, httpsProxy, ftpProxy,
 * socksProxy, Proxy Config Script, NoProxyFor, ReversedException. */
pp_status_t pp_config_add_kde(pp_config_t *c, const void *data, size_t len, const char *file);
/* /etc/environment as pam_env reads it: one PP_SRC_ENVFILE source per
 * proxy variable (value = its name). */
pp_status_t pp_config_add_envfile(pp_config_t *c, const void *data, size_t len, const char *file);
/* systemd: [Manager] DefaultEnvironment= (system.conf, user.conf and their
 * .d drop-ins; a path with "user.conf" is the user manager's) and
 * [Service] Environment= (a unit drop-in; the unit is taken from a
 * "NAME.service.d/" directory in the path); one source per proxy variable,
 * key = "DefaultEnvironment" or the unit's name. */
pp_status_t pp_config_add_systemd(pp_config_t *c, const void *data, size_t len, const char *file);
/* apt.conf syntax (nested or flat, also `apt-config dump` output): one
 * source per Acquire::http(s)::Proxy[::HOST] and Proxy-Auto-Detect. */
pp_status_t pp_config_add_apt(pp_config_t *c, const void *data, size_t len, const char *file);
/* Docker: the client's config.json ("proxies" → "default" and per-daemon
 * entries) or, with daemon, daemon.json ("proxies": http-proxy,
 * https-proxy, no-proxy). */
pp_status_t pp_config_add_docker(pp_config_t *c, const void *data, size_t len, const char *file,
                                 bool daemon);
/* Standard locations (src/config/locations.c; docs/sources.md "Standard
 * locations"): one row per place a source lives, walked by `sources
 * --root DIR` / `--live`. path is relative to the root, or to the user's
 * home with PP_LOC_HOME; its last component may hold one '*'. */
typedef pp_status_t (*pp_location_add_fn)(pp_config_t *c, const void *data, size_t len,
                                          const char *file);
enum { PP_LOC_HOME = 1u << 0 };
typedef struct pp_location {
  const char *path;        /* "etc/environment", ".config/kioslaverc" */
  unsigned flags;          /* PP_LOC_HOME */
  pp_source_kind_t kind;   /* what an unreadable file is reported as */
  pp_location_add_fn add;  /* reads the bytes (pp_config_add_*) */
} pp_location_t;
/* Row i in reading order (the built-in rows, then registered ones); NULL
 * past the end. */
const pp_location_t *pp_location_at(size_t i);
/* Adds a row after the others (not thread-safe: call before reading);
 * PP_EINVAL for an absolute path or no function, PP_ENOMEM when 32 rows
 * were registered already. */
pp_status_t pp_location_register(const pp_location_t *row);
/* Application and runtime sources (docs/sources.md "Applications and
 * runtimes"). Each adds one source per file (the .NET and plist readers
 * one per <defaultProxy> / network service); input that is not the format
 * becomes a source with "file:line: reason" (counted in nerrors) and the
 * other inputs are still read. PP_OK or PP_ENOMEM. */
/* Firefox policies.json: "policies": {"Proxy": {...}} (firefox.c). */
pp_status_t pp_config_add_firefox_policies(pp_config_t *c, const void *data, size_t len,
                                           const char *file);
/* Firefox prefs.js / user.js: user_pref("network.proxy.*", value); lines
 * (parsed, never evaluated). A file named user.js overrides prefs.js. */
pp_status_t pp_config_add_firefox_prefs(pp_config_t *c, const void *data, size_t len,
                                        const char *file);
/* .NET Framework machine.config / app.config / web.config (dotnet.c):
 * <system.net><defaultProxy>. Later files override earlier ones. */
pp_status_t pp_config_add_dotnet(pp_config_t *c, const void *data, size_t len, const char *file);
/* Java net.properties (java.c). */
pp_status_t pp_config_add_java_props(pp_config_t *c, const void *data, size_t len,
                                     const char *file);
/* A Java command line in a file: its -Dname=value flags (java.c). */
pp_status_t pp_config_add_java_cmdline(pp_config_t *c, const void *data, size_t len,
                                       const char *file);
/* macOS `scutil --proxy` output (macos.c). */
pp_status_t pp_config_add_scutil(pp_config_t *c, const void *data, size_t len, const char *file);
/* macOS /Library/Preferences/SystemConfiguration/preferences.plist, XML
 * form only (a binary plist is an error naming plutil) (macos.c). */
pp_status_t pp_config_add_macos_plist(pp_config_t *c, const void *data, size_t len,
                                      const char *file);
/* A source the caller could not read (missing file): kind and file with a
 * one-line error. */
pp_status_t pp_config_add_error(pp_config_t *c, pp_source_kind_t kind, const char *file,
                                const char *error);

/* "user", "localsystem", ... ; PP_EINVAL for an unknown name. */
pp_status_t pp_consumer_parse(const char *name, pp_consumer_t *out);
const char *pp_consumer_name(pp_consumer_t c);
const char *pp_source_kind_name(pp_source_kind_t k); /* "wininet", "env", ... */
const char *pp_account_name(pp_account_t a);         /* "user", "localsystem", ... */
const char *pp_config_mode_name(pp_config_mode_t m); /* "direct", "proxy", "pac", "auto-detect" */

/* Decides for consumer (docs/sources.md): marks in_effect, fills
 * effective, decided_by and warnings (replacing an earlier decision).
 * PP_OK or PP_ENOMEM. */
pp_status_t pp_config_decide(pp_config_t *c, pp_consumer_t consumer);

/* The fix of MDI's procedure: a .reg (pp_reg_write format) giving each
 * account in `targets` (LocalSystem, LocalService, NetworkService; the MDI
 * sensor means the first two) the user's DefaultConnectionSettings blob as
 * both DefaultConnectionSettings and SavedLegacySettings. PP_EINVAL with a
 * reason in err when there is no user blob or a target is not a service
 * account; PP_ENOMEM. *out is malloc'd. */
pp_status_t pp_config_write_reg(const pp_config_t *c, const pp_consumer_t *targets, size_t n,
                                unsigned char **out, size_t *len, char *err, size_t errlen);
void pp_config_clear(pp_config_t *c);

/* The routes a configured proxy string gives a URL of `scheme` ("http",
 * "https"; lower case): WinINet's per-scheme "http=a:1;https=b:2" (no entry
 * for the scheme: DIRECT) or one curl-style proxy URL (src/config/proxy_route.c).
 * out is zero-initialised by the caller. PP_OK or PP_ENOMEM. */
pp_status_t pp_config_proxy_route(const char *proxy, const char *scheme, pp_result_t *out);

#endif
