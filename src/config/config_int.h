/* SPDX-License-Identifier: MIT */
/* Internals shared by the files of src/config: the format-level parsers
 * and writers (.reg exports, WinINet/WinHTTP blobs, netsh text, curl's
 * proxy variables; also used by the unit tests and fuzz targets), the text
 * line reader that .reg and netsh parsing use, and the source-list helpers
 * of collect.c that decide.c reads. Not part of the public API: callers of
 * the library go through pp_config_add_* in pacprobe.h. */
#ifndef PP_CONFIG_INT_H
#define PP_CONFIG_INT_H

#include "pacprobe.h"
#include "util/buf.h"
#include "util/str.h"

/* ---- formats ------------------------------------------------------------ */

/* Registry value types (winnt.h REG_*) as a .reg file spells them. */
#define PP_REG_SZ 1u
#define PP_REG_EXPAND_SZ 2u
#define PP_REG_BINARY 3u
#define PP_REG_DWORD 4u
#define PP_REG_MULTI_SZ 7u
#define PP_REG_QWORD 11u
#define PP_REG_DELETE 0xffffffffu /* "Name"=- */

typedef struct pp_reg_value {
  char *key;           /* key path as written: "HKEY_USERS\S-1-5-18\Software\..." */
  char *name;          /* value name, "" for the default value (@) */
  uint32_t type;       /* PP_REG_* or the N of hex(N); PP_REG_DELETE */
  unsigned char *data; /* "text": UTF-8 + NUL (len without it); hex: the bytes;
                          dword: 4 bytes little-endian */
  size_t len;
  unsigned line;       /* line of the value in the file, 1-based */
} pp_reg_value_t;

typedef struct pp_reg_file {
  pp_reg_value_t *values; /* in file order; a deleted key yields no values */
  size_t nvalues;
  bool utf16;             /* UTF-16LE with BOM (regedit's export encoding) */
  bool regedit4;          /* "REGEDIT4" header (ANSI) */
} pp_reg_file_t;

/* Parses a .reg export (UTF-16LE with BOM, UTF-8 with or without BOM,
 * ANSI; "Windows Registry Editor Version 5.00" or "REGEDIT4"): key headers,
 * "name"=value pairs, hex: data with ",\" continuations, ';' comments.
 * `name` is used in errors. On failure returns PP_EINVAL (or PP_ETOOBIG,
 * PP_ENOMEM) with "name:line: byte offset N: reason" in err and *out
 * cleared. The caller zero-initialises *out and clears it with
 * pp_reg_file_clear. */
pp_status_t pp_reg_parse(const void *data, size_t len, const char *name, pp_reg_file_t *out,
                         char *err, size_t errlen);
void pp_reg_file_clear(pp_reg_file_t *f);

/* One REG_BINARY value for pp_reg_write. */
typedef struct pp_reg_binary {
  const char *key;
  const char *name;
  const unsigned char *data;
  size_t len;
} pp_reg_binary_t;

/* Writes a .reg file byte-exact as regedit exports it: UTF-16LE with BOM,
 * CRLF, "Windows Registry Editor Version 5.00", hex: lines wrapped at
 * column 77 with "\" and two spaces (Wine regproc.c REG_FILE_HEX_LINE_LEN).
 * Consecutive values with the same key share one [key] block. *out is
 * malloc'd (caller frees). PP_OK or PP_ENOMEM. */
pp_status_t pp_reg_write(const pp_reg_binary_t *v, size_t n, unsigned char **out, size_t *len);

/* WinINet per-connection flags (wininet.h PROXY_TYPE_*). */
#define PP_WININET_DIRECT 0x01u
#define PP_WININET_PROXY 0x02u
#define PP_WININET_AUTO_PROXY_URL 0x04u
#define PP_WININET_AUTO_DETECT 0x08u

/* A decoded DefaultConnectionSettings / SavedLegacySettings / connection
 * blob, or (winhttp true) a WinHttpSettings blob. Strings are the bytes as
 * stored plus a NUL; *_len excludes it (a string may hold a NUL byte). */
typedef struct pp_wininet {
  bool winhttp;
  uint32_t version, counter, flags;
  char *proxy;
  size_t proxy_len;
  char *bypass;
  size_t bypass_len;
  char *pac_url; /* always NULL for WinHTTP */
  size_t pac_url_len;
  unsigned char *trailer; /* everything after the PAC URL; NULL for WinHTTP */
  size_t trailer_len;
} pp_wininet_t;

/* Decodes a blob (windows-proxy-settings.md §2.3, §3). WinINet: versions
 * 0x3C..0x46, three strings, the rest is the trailer. WinHTTP: versions
 * 0x18 and 0x28, two strings, nothing after. On failure PP_EINVAL with
 * "byte offset N: reason" in err (N counts from the blob's first byte) and
 * *out cleared. Clear with pp_wininet_clear. */
pp_status_t pp_wininet_decode(const void *blob, size_t len, bool winhttp, pp_wininet_t *out,
                              char *err, size_t errlen);
/* Encodes w back into the same layout; decode(encode(x)) == x. *out is
 * malloc'd. PP_OK or PP_ENOMEM. */
pp_status_t pp_wininet_encode(const pp_wininet_t *w, unsigned char **out, size_t *len);
void pp_wininet_clear(pp_wininet_t *w);

/* `netsh winhttp show proxy` output (English only; UTF-16LE with BOM as a
 * PowerShell redirect writes it, or 8-bit). */
typedef struct pp_netsh {
  bool direct;
  char *proxy;  /* NULL when direct */
  char *bypass; /* "" for "(none)"; NULL when direct */
  unsigned proxy_line;
} pp_netsh_t;

/* PP_EINVAL with "name:line: byte offset N: reason" for anything that is
 * not the English output, including localised output (no guessing). */
pp_status_t pp_netsh_parse(const void *data, size_t len, const char *name, pp_netsh_t *out,
                           char *err, size_t errlen);
void pp_netsh_clear(pp_netsh_t *n);

/* curl's rules (lib/url.c detect_proxy, lib/noproxy.c): the proxy variable
 * for `scheme` ("http", "https", ...) from envp ("NAME=VALUE" strings, NULL
 * terminated): scheme_proxy, then SCHEME_PROXY (never HTTP_PROXY), then
 * all_proxy, ALL_PROXY; empty values count as unset. Returns a pointer
 * into envp's value or NULL; *var gets the variable's name (static). */
const char *pp_env_proxy_for(const char *const *envp, const char *scheme, const char **var);
/* Returns a malloc'd copy of a proxy string (a URL, host:port or a
 * per-scheme list) with every password replaced by "****"; *had_creds says
 * whether any user info was present. NULL on ENOMEM. */
char *pp_config_mask_credentials(const char *proxy, bool *had_creds);

/* ---- text reader ------------------------------------------------------------ */

/* A text file read line by line whatever its encoding: UTF-16LE with BOM is
 * decoded to UTF-8; UTF-8 (BOM skipped) and 8-bit bytes pass through. For
 * every decoded byte the reader remembers the file offset and physical
 * line it came from, so an error anywhere in a logical line (continuations
 * included) names the exact place in the file. */
typedef struct pp_text {
  pp_buf_t buf;
  const char *name;
  bool utf16;
  unsigned lineno;  /* physical lines read so far */
  pp_str_t line;    /* current logical line, UTF-8 */
  size_t *offs;     /* per byte of line (+1 sentinel): file offset */
  unsigned *lines;  /* per byte of line (+1 sentinel): physical line */
  size_t cap;
  pp_status_t status; /* why the last read failed */
  char *err;
  size_t errlen;
} pp_text_t;

/* Detects the encoding (BOM) and prepares the reader. */
void pp_text_init(pp_text_t *t, const void *data, size_t len, const char *name, char *err,
                  size_t errlen);
/* Reads one physical line into t->line, replacing it, or appending when
 * `append` (then leading blanks of the new line are dropped: a ",\"
 * continuation). Returns 1 for a line, 0 at the end, -1 on an error
 * (t->status and err set). */
int pp_text_read(pp_text_t *t, bool append);
/* Formats "name:line: byte offset N: " + fmt for position i of t->line
 * into t's err and returns PP_EINVAL. */
pp_status_t pp_text_error(pp_text_t *t, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void pp_text_free(pp_text_t *t);

/* collect.c */
/* One registry value, from a .reg export (file names it) or from the live
 * registry (file NULL, line 0): what pp_config_add_reg does per value. */
pp_status_t pp_config_add_reg_value(pp_config_t *c, const char *file, const pp_reg_value_t *v);
pp_source_t *pp_config_push(pp_config_t *c, pp_source_kind_t kind, const char *file);
bool pp_config_set_proxy(pp_source_t *s, const char *proxy);
/* n bytes with everything outside printable ASCII as \xHH; malloc'd, NULL on ENOMEM. */
char *pp_config_printable(const char *s, size_t n);
bool pp_config_split_bypass(const char *list, const char *seps, char ***out, size_t *n);
bool pp_config_warn(pp_config_t *c, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "SavedLegacySettings" etc.: which WinINet value a source is. */
bool pp_config_is_value(const pp_source_t *s, const char *name);
const char *pp_account_label(pp_account_t a); /* "LocalSystem", ... */
/* decide_browser.c: --for chrome/edge. The deciding policy sets the
 * effective configuration and *done; mode system or no policy leaves
 * *done false for the system settings; the note then prefixes decided_by. */
bool pp_config_decide_browser(pp_config_t *c, pp_consumer_t k, bool *done);
bool pp_config_browser_system_note(pp_config_t *c, pp_consumer_t k);
/* GNOME's settings decide (*found: there were any). false on ENOMEM. */
bool pp_config_decide_gnome(pp_config_t *c, bool *found);
/* browserpolicy.c: one registry value under a browser's policy key. */
pp_status_t pp_config_add_browser_reg_value(pp_config_t *c, const char *file,
                                            const pp_reg_value_t *v, pp_account_t a, bool edge);
/* browserpolicy.c: the 1-based line of the first "key" in JSON text (0: none). */
unsigned pp_config_json_key_line(const char *data, size_t len, const char *key);
/* fix.c: frees what one source owns (not the source itself). */
void pp_source_free(pp_source_t *s);
/* envfile.c: "file:line: why" as an error source of kind. */
pp_status_t pp_config_line_error(pp_config_t *c, pp_source_kind_t kind, const char *file,
                                 unsigned line, const char *why);
/* envfile.c: one source for a NAME=VALUE assignment when NAME is a proxy
 * variable (http_proxy ... NO_PROXY) with a non-empty value; else nothing. */
pp_status_t pp_config_add_envvar(pp_config_t *c, pp_source_kind_t kind, const char *file,
                                 unsigned line, const char *key, pp_account_t a,
                                 const char *assignment);
/* decide_linux.c: --for kde, session, service, apt, docker (*handled false
 * for other consumers); KDE's settings for a browser without a policy
 * (*found: there were any). false on ENOMEM. */
bool pp_config_decide_linux(pp_config_t *c, pp_consumer_t k, bool *handled);
bool pp_config_decide_kde(pp_config_t *c, bool *found);
/* decide.c: the proxy variables among the sources whose kind is in the
 * mask (1u << kind) with curl's rules, as --for env does with the process
 * environment (systemd: DefaultEnvironment of the system manager only). */
bool pp_config_decide_env(pp_config_t *c, unsigned kinds);
/* The source of variable `name` a consumer reading the kinds in the mask
 * sees: for systemd sources, the system manager's DefaultEnvironment and
 * the Environment= of `unit` (NULL: none), the unit's winning; otherwise
 * the last given. NULL when unset. */
pp_source_t *pp_config_env_var(pp_config_t *c, unsigned kinds, const char *unit,
                               const char *name);
/* settings.c: the settings list of application sources. */
/* Appends name=value (value made printable; masked when the name is a
 * password's). false on ENOMEM. */
bool pp_config_setting_add(pp_source_t *s, const char *name, const char *value, unsigned line);
/* The last setting called name (case-sensitive unless nocase), or NULL. */
const pp_setting_t *pp_config_setting(const pp_source_t *s, const char *name, bool nocase);
void pp_config_settings_free(pp_source_t *s);
/* A new source of kind k holding tmp's settings (moved; tmp is emptied,
 * also on failure); line 0: the first setting's. PP_OK or PP_ENOMEM. */
pp_status_t pp_config_settings_source(pp_config_t *c, pp_source_kind_t k, const char *file,
                                      pp_source_t *tmp, pp_account_t a, const char *value,
                                      unsigned line);
/* A setting and the source it is in. */
typedef struct pp_config_ref {
  const pp_setting_t *v;
  pp_source_t *s;
} pp_config_ref_t;
/* The last setting called name among the usable sources of kind k. */
pp_config_ref_t pp_config_last_setting(pp_config_t *c, pp_source_kind_t k, const char *name);
/* pp_config_line_error (envfile.c) with a printf format. */
pp_status_t pp_config_line_errorf(pp_config_t *c, pp_source_kind_t k, const char *file,
                                  unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* "file:line" of a setting, into buf. */
const char *pp_config_setting_where(const pp_source_t *s, const pp_setting_t *v, char *buf,
                                    size_t n);
/* decide_apps.c: --for firefox, dotnet, java, macos; and the system
 * settings an application follows (GNOME, WinINet, macOS or env) with
 * "note → " before decided_by. false on ENOMEM. */
bool pp_config_decide_firefox(pp_config_t *c);
bool pp_config_decide_dotnet(pp_config_t *c);
bool pp_config_decide_java(pp_config_t *c);
bool pp_config_decide_macos(pp_config_t *c, bool *found);
/* A macOS source is in effect (the WPAD note names CFNetwork). */
bool pp_config_decided_by_macos(const pp_config_t *c);
/* decide.c: the system settings as Chrome reads them (GNOME, WinINet,
 * else the environment); `app` prefixes decided_by. */
bool pp_config_decide_system(pp_config_t *c, const char *app);
/* "app → the system settings: " before decided_by. false on ENOMEM. */
bool pp_config_system_note(pp_config_t *c, const char *app);
/* live.c */
void pp_config_os_clear(pp_config_os_t *v);
/* osview.c: os-disagrees; sets c->os.compared/agrees. false on ENOMEM. */
bool pp_config_compare_os(pp_config_t *c, bool cmdline_decided);

#endif
