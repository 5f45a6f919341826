/* SPDX-License-Identifier: MIT */
/* `pacprobe sources` output (DESIGN §1.6): text for people, JSON. */
#ifndef PP_CLI_SOURCES_H
#define PP_CLI_SOURCES_H

#include "cli/cli.h"

/* Prints the decided configuration c for one consumer to out. */
void pp_sources_print_text(FILE *out, const pp_config_t *c);
/* One JSON object on one line. false on ENOMEM. */
bool pp_sources_print_json(FILE *out, const pp_config_t *c);

/* cmd_sources.c: the files of --reg, --netsh, --chrome-policy,
 * --edge-policy as sources (an unreadable file becomes an error source);
 * *offline says whether any was given (else the live configuration is
 * read). PP_OK, PP_ENOMEM, or PP_EINVAL after a message (--root with
 * --live, --user without them, a bad --user). */
pp_status_t pp_sources_add_files(pp_config_t *c, const pp_args_t *a, bool *offline);
/* At most PP_CONFIG_MAX_BYTES of path (malloc'd); NULL with a reason in err. */
char *pp_sources_slurp(const char *path, size_t *len, char *err, size_t errlen);
/* sources_root.c: --root DIR / --live: every standard location
 * (pp_location_at) under DIR or /, and gsettings for --live. PP_OK,
 * PP_ENOMEM, or PP_EINVAL after a message (a bad --user). */
pp_status_t pp_sources_add_root(pp_config_t *c, const pp_args_t *a);

/* sources_noproxy.c: --no-proxy-test: the URLs under one no_proxy value
 * (option, else each runtime's variables unless no_env) as each runtime
 * applies it; a table or JSON. Returns the exit code. */
int pp_sources_noproxy_test(FILE *out, const pp_strv_t *urls, const char *option, bool no_env,
                            bool json);

/* sources_linux_out.c: the lines and JSON members of the Linux system
 * kinds (KDE's ProxyType, apt's DIRECT or command, systemd's unit). */
struct json_t;
void pp_sources_linux_text(FILE *out, const pp_source_t *s);
void pp_sources_linux_json(struct json_t *o, const pp_source_t *s);

/* sources_os.c: the live part (running account, what Windows says); no
 * output unless c->os.present. */
struct json_t;
void pp_sources_print_os_text(FILE *out, const pp_config_t *c);
void pp_sources_os_json(struct json_t *root, const pp_config_t *c);

#endif
