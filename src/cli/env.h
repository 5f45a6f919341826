/* SPDX-License-Identifier: MIT */
/* The evaluation environment every PAC-running subcommand builds from the
 * shared options of DESIGN §1.1: resolver, engine options, the PAC text. */
#ifndef PP_CLI_ENV_H
#define PP_CLI_ENV_H

#include "cli/cli.h"

#define PP_PAC_MAX_BYTES (4u * 1024u * 1024u)
#define PP_CHROME_PAC_MAX_BYTES (1024u * 1024u) /* Chromium's PAC fetch cap */
#define PP_PAC_FETCH_TIMEOUT_MS 30000u

typedef struct pp_cli_env {
  pp_resolver_t *resolver; /* owned */
  pp_engine_opts_t opts;   /* emulate, limits, clock, my-ip; resolver set */
} pp_cli_env_t;

/* Prints "option --OPT: bad value 'VALUE': WHY" and returns PP_EXIT_USAGE. */
int pp_cli_usage_error(const char *opt, const char *value, const char *why);

/* Builds env from --emulate, --tz, --now, --my-ip, --resolve, --hosts,
 * --no-dns, --dns-server, --timeout, --memory-limit. Applies --tz to the
 * process (TZ) before parsing --now. Returns PP_EXIT_OK or PP_EXIT_USAGE
 * after printing one line. env must be freed with pp_cli_env_free either way. */
int pp_cli_env_setup(pp_cli_env_t *env, const pp_args_t *a);
void pp_cli_env_free(pp_cli_env_t *env);

/* Reads the PAC (file, URL or "-") as `mode`'s client would (a PAC URL is
 * limited to 1 MiB in chrome mode). On failure prints one line and returns
 * PP_EXIT_USAGE. *text is malloc'd. */
int pp_cli_read_pac(const char *source, pp_emulation_t mode, char **text, size_t *len);
/* pp_cli_read_pac that hands the PAC hosting findings (docs/sources.md
 * "Where the PAC is hosted") back in *f, *n (free with
 * pp_pac_findings_free) instead of printing them as warnings. */
int pp_cli_read_pac_hosting(const char *source, pp_emulation_t mode, char **text, size_t *len,
                            pp_pac_finding_t **f, size_t *n);

/* WPAD discovery with `discover`'s defaults, as --pac auto and check --auto
 * use it. PP_EXIT_OK with the PAC in *text (malloc'd, *len bytes) and
 * malloc'd *pac_url and *decided_by ("dhcp", "dns", ...); otherwise one
 * line "WHO: reason" is printed and PP_EXIT_USAGE returned; with why
 * non-NULL nothing is printed and the reason is in *why (malloc'd). */
int pp_cli_discover_pac(const char *who, char **text, size_t *len, char **pac_url,
                        char **decided_by, char **why);
/* The same, also handing back the hosting findings of the fetch that
 * decided, or of the last fetch tried when none did (hosting non-NULL;
 * free with pp_pac_findings_free). */
int pp_cli_discover_pac_hosting(const char *who, char **text, size_t *len, char **pac_url,
                                char **decided_by, char **why, pp_pac_finding_t **hosting,
                                size_t *nhosting);

/* The name errors use for a PAC source ("stdin" for "-"). */
const char *pp_cli_pac_name(const char *source);

/* Creates an engine with opts and loads text. On failure prints the error
 * (with what the emulated client would do) and returns PP_EXIT_USAGE;
 * *out is NULL then. */
int pp_cli_load_engine(const pp_engine_opts_t *opts, const char *text, size_t len,
                       const char *name, pp_engine_t **out);

#include "cli/lists.h"

#endif
