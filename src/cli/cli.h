/* SPDX-License-Identifier: MIT */
/* The command-line layer: option table, messages, subcommands. It reaches
 * the library only through pacprobe.h. */
#ifndef PP_CLI_H
#define PP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "pacprobe.h"

/* Exit codes, DESIGN §1. */
enum { PP_EXIT_OK = 0, PP_EXIT_PROBLEM = 1, PP_EXIT_USAGE = 2 };

/* Subcommands, as bits for the option table's "who takes it" column.
 * PP_CMD_PAC: every subcommand that evaluates a PAC (DESIGN §1.1). */
enum {
  PP_CMD_EVAL = 1u << 0,
  PP_CMD_EXPLAIN = 1u << 1,
  PP_CMD_LINT = 1u << 2,
  PP_CMD_TEST = 1u << 3,
  PP_CMD_DIFF = 1u << 4,
  PP_CMD_PAC = PP_CMD_EVAL | PP_CMD_EXPLAIN | PP_CMD_LINT | PP_CMD_TEST | PP_CMD_DIFF,
  PP_CMD_DISCOVER = 1u << 10, /* not a PAC evaluator: it finds one (DESIGN §1.5) */
  PP_CMD_SOURCES = 1u << 11,  /* proxy configuration sources (DESIGN §1.6) */
  PP_CMD_CHECK = 1u << 12,    /* try every route for real (DESIGN §1.7) */
  PP_CMD_ALL = PP_CMD_PAC | PP_CMD_DISCOVER | PP_CMD_SOURCES | PP_CMD_CHECK
};

/* The subcommands (src/cli/commands.c), in the order `pacprobe --help`
 * lists them; terminated by name NULL. */
typedef struct pp_cli_cmd {
  const char *name;     /* "eval" */
  unsigned bit;         /* PP_CMD_EVAL */
  int (*run)(int argc, char **argv, int first);
  const char *summary;  /* one line for `pacprobe --help` and the man page's NAME */
} pp_cli_cmd_t;
extern const pp_cli_cmd_t pp_cli_commands[];
/* The command named name, or NULL. */
const pp_cli_cmd_t *pp_cli_command_find(const char *name);
/* The candidate nearest to word when it is a likely typo (edit distance at
 * most 2, or a unique prefix of 3+ letters), else NULL. (src/cli/suggest.c) */
const char *pp_cli_suggest(const char *word, const char *const *candidates, size_t n);
/* "pacprobe X.Y.Z" and the library versions it runs with (pp_version_*). */
void pp_cli_print_version(FILE *out);

typedef enum pp_opt_id {
  PP_OPT_DNS_SERVER,
  PP_OPT_EMULATE,
  PP_OPT_FORMAT,
  PP_OPT_HELP,
  PP_OPT_HOST,
  PP_OPT_HOSTS,
  PP_OPT_JOBS,
  PP_OPT_MEMORY_LIMIT,
  PP_OPT_MY_IP,
  PP_OPT_NO_DNS,
  PP_OPT_NOW,
  PP_OPT_PAC,
  PP_OPT_RESOLVE,
  PP_OPT_TIMEOUT,
  PP_OPT_TZ,
  PP_OPT_URL_FILE,
  PP_OPT_VERSION,
  PP_OPT_COVERAGE,
  PP_OPT_JUNIT,
  PP_OPT_TAP,
  PP_OPT_QUIET,
  PP_OPT_STATS,
  PP_OPT_DEVOLUTION_LEVEL,
  PP_OPT_DHCP_TIMEOUT,
  PP_OPT_DNS_TIMEOUT,
  PP_OPT_DOMAIN,
  PP_OPT_FETCH_TIMEOUT,
  PP_OPT_INTERFACE,
  PP_OPT_LEASE_FILE,
  PP_OPT_NO_DHCP,
  PP_OPT_NO_FETCH,
  PP_OPT_ORDER,
  PP_OPT_STRICT,
  PP_OPT_URLS,
  PP_OPT_FOR,
  PP_OPT_MDI_PROXY,
  PP_OPT_NETSH,
  PP_OPT_NO_ENV,
  PP_OPT_NOPROXY,
  PP_OPT_PROXY,
  PP_OPT_REG,
  PP_OPT_WRITE_REG,
  PP_OPT_ADVISORY,
  PP_OPT_ALL_ROUTES,
  PP_OPT_AUTO,
  PP_OPT_CACERT,
  PP_OPT_COMPARE_DIRECT,
  PP_OPT_CONNECT_TIMEOUT,
  PP_OPT_MAX_TIME,
  PP_OPT_PROXY_AUTH_HOST,
  PP_OPT_PROXY_BASIC_OK,
  PP_OPT_PROXY_PASSWORD_FILE,
  PP_OPT_PROXY_SOCKS_AUTH,
  PP_OPT_PROXY_USER,
  PP_OPT_SERVICE_TAGS,
  PP_OPT_TAG,
  PP_OPT_TARGETS,
  PP_OPT_WORKSPACE,
  PP_OPT_OVERWRITE,
  PP_OPT_ENDPOINTS,
  PP_OPT_WILDCARD,
  PP_OPT_CONFIG,
  PP_OPT_DISABLE,
  PP_OPT_LIST_RULES,
  PP_OPT_NO_PROXY_TEST,
  PP_OPT_GNOME,
  PP_OPT_CHROME_POLICY,
  PP_OPT_EDGE_POLICY,
  PP_OPT_KDE,
  PP_OPT_ENVIRONMENT,
  PP_OPT_SYSTEMD,
  PP_OPT_APT,
  PP_OPT_DOCKER_CONFIG,
  PP_OPT_DOCKER_DAEMON,
  PP_OPT_ROOT,
  PP_OPT_LIVE,
  PP_OPT_USER,
  PP_OPT_REPORT,
  PP_OPT_COLOR,
  PP_OPT_LOG,
  PP_OPT_NO_MEMO,
  PP_OPT_SUMMARY,
  PP_OPT_FIREFOX_POLICIES,
  PP_OPT_FIREFOX_PREFS,
  PP_OPT_DOTNET_CONFIG,
  PP_OPT_JAVA_PROPS,
  PP_OPT_JAVA_CMDLINE,
  PP_OPT_SCUTIL,
  PP_OPT_MACOS_PLIST,
  PP_OPT_COUNT
} pp_opt_id_t;

/* PP_ARG_MS, PP_ARG_SECONDS: a duration ("5", "2.5", "500ms", "5s") whose bare
 * number is in ms or in seconds (curl's --connect-timeout, --max-time); the
 * parsed value is in count[] in milliseconds; PP_ARG_SECONDS refuses values
 * below 10 ms (a unit mistake: "5ms" for a connect timeout). */
typedef enum pp_arg_kind {
  PP_ARG_NONE,
  PP_ARG_STRING,
  PP_ARG_COUNT,
  PP_ARG_MS,
  PP_ARG_SECONDS,
  PP_ARG_PAIR /* two values (--log FORMAT FILE): list[] holds them in pairs */
} pp_arg_kind_t;

/* Row flags: PP_OF_REPEAT keeps every value in a->list[id]; PP_OF_ALIAS is
 * another spelling of the same id (parsed; not in --help or completions). */
enum { PP_OF_REPEAT = 1u << 0, PP_OF_ALIAS = 1u << 1 };

typedef struct pp_opt_def {
  pp_opt_id_t id;    /* several rows may share one (per-command help, aliases) */
  const char *name;  /* long name without dashes */
  char letter;       /* short option or 0 */
  pp_arg_kind_t kind;
  const char *arg;   /* argument placeholder for --help */
  unsigned cmds;     /* PP_CMD_* bits */
  unsigned flags;    /* PP_OF_* */
  const char *help;  /* one line, true for every command in cmds */
} pp_opt_def_t;

/* Upper bound on the table's rows (the suggestion buffer). */
#define PP_OPT_ROWS_MAX 256

/* The table, sorted by long name, terminated by name NULL; how to add a
 * row is said at its top (src/cli/options.c). */
extern const pp_opt_def_t pp_options[];

typedef struct pp_strv {
  const char **v;
  size_t n;
} pp_strv_t;

/* What the option parser found. Strings point into argv. */
typedef struct pp_args {
  const char *value[PP_OPT_COUNT]; /* last value of a non-repeatable option */
  bool given[PP_OPT_COUNT];
  unsigned long count[PP_OPT_COUNT]; /* parsed PP_ARG_COUNT values; durations in ms */
  pp_strv_t list[PP_OPT_COUNT];      /* every value of a repeatable option */
  pp_strv_t positional;
} pp_args_t;

/* Parses argv[first..] for subcommand `cmd` ("--" ends options). On a usage
 * error prints one line and returns false. */
bool pp_args_parse(pp_args_t *a, unsigned cmd, const char *cmdname, int argc, char **argv,
                   int first);
void pp_args_free(pp_args_t *a);
/* When --help or --version was given, prints the subcommand's help (which
 * wins) or the version and returns true: the caller then exits 0. */
bool pp_args_info(const pp_args_t *a, void (*print_help)(void));
/* Prints the options that `cmd` takes, from the table. */
void pp_options_help(FILE *out, unsigned cmd);
/* Prints every (command, row) pair as tab-separated lines for the
 * generators (`pacprobe --list-options`; format in options.c). */
void pp_options_list(FILE *out);

/* term.c: the terminal results go to (issue 20). pp_term_setup reads
 * --color (always|never|auto, default auto) and NO_COLOR once per run
 * (pp_args_parse calls it); false after a one-line usage error. Styles
 * are "" when colour is off; print pp_safe() text between on and off. */
typedef enum pp_term_style { PP_STYLE_OK, PP_STYLE_BAD, PP_STYLE_WARN, PP_STYLE_NOTE, PP_STYLE_BOLD } pp_term_style_t;
bool pp_term_setup(const pp_args_t *a);
bool pp_term_color(void);
/* Columns of the terminal on stdout (COLUMNS wins), 0 when stdout is no terminal. */
int pp_term_columns(void);
const char *pp_term_on(pp_term_style_t s);
const char *pp_term_off(void);
/* Columns a pp_safe() string takes on a terminal (UTF-8 aware). */
size_t pp_term_width(const char *s);
/* s itself when it fits in width columns, else its head, "…" and its tail
 * in buf (len bytes), width columns in all; s when buf is too small. */
const char *pp_term_elide(const char *s, size_t width, char *buf, size_t len);
/* ok/found/url: OK; intercepted/auth-required: WARN; every other verdict: BAD. */
pp_term_style_t pp_term_verdict_style(const char *verdict);

/* safe.c: foreign text (PAC results, alert text, network answers, lease
 * and registry values, URLs from input) for text output, escaped with
 * pp_esc_text (src/util/esc.h): s itself when nothing needs escaping, else
 * an escaped copy valid until 16 more escaped calls on this thread.
 * NULL gives "(null)". Never used for JSON, which keeps the exact string. */
const char *pp_safe(const char *s);
void pp_safe_fputs(FILE *out, const char *s);

/* msg.c: every line the program writes to stderr. */
void pp_msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A report file for --OPTION (src/cli/outfile.c), written into a temporary
 * file beside path and moved into place by commit: never through a
 * symlink; an existing regular file (one link) only with overwrite; a
 * failed write (full disk) leaves path as it was. */
typedef struct pp_outfile {
  FILE *f;            /* write the report here */
  const char *option; /* "junit", "write-reg" */
  const char *path;   /* not copied */
  char *tmp;
  bool overwrite;
} pp_outfile_t;
/* Checks path and creates the temporary file; false after a one-line error. */
bool pp_cli_outfile_open(pp_outfile_t *of, const char *option, const char *path, bool overwrite);
/* Flushes, syncs and moves the file into place; false after a one-line
 * error, the temporary file removed and path untouched. Always releases of. */
bool pp_cli_outfile_commit(pp_outfile_t *of);
/* Removes the temporary file (nothing written to path). No-op when closed. */
void pp_cli_outfile_abort(pp_outfile_t *of);
void pp_msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pp_msg_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A raw line on stderr without prefix (pactester's own messages). */
void pp_msg_raw(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int pp_cmd_eval(int argc, char **argv, int first);
/* `pacprobe explain -p PAC URL` (DESIGN §1.3). */
int pp_cmd_explain(int argc, char **argv, int first);
int pp_cmd_discover(int argc, char **argv, int first);
/* discover_closing.c: the closing sentence of `discover` (what was found,
 * or the most likely reason why not and what to check next), from the
 * trace and the options; malloc'd, NULL on out of memory. */
char *pp_discover_closing(const pp_discovery_t *d, const pp_discover_opts_t *o);
/* eval with pactester's exit-code rules when `pactester` is set. */
int pp_eval_main(int argc, char **argv, int first, bool pactester);
int pp_cmd_pactester(int argc, char **argv);
/* `pacprobe sources` (DESIGN §1.6): which proxy configuration is in effect. */
int pp_cmd_sources(int argc, char **argv, int first);
/* `pacprobe test PAC CASES` and `pacprobe diff OLD NEW` (DESIGN §1.4). */
int pp_cmd_test(int argc, char **argv, int first);
int pp_cmd_diff(int argc, char **argv, int first);
/* `pacprobe lint PAC...` (DESIGN §1.4, docs/lint.md). */
int pp_cmd_lint(int argc, char **argv, int first);
/* `pacprobe check [URL...]` (DESIGN §1.7): try every route for real. */
int pp_cmd_check(int argc, char **argv, int first);

#endif
