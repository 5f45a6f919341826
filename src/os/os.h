/* SPDX-License-Identifier: MIT */
/*
 * The platform seam: everything the library and the program need from the
 * operating system that POSIX and Windows spell differently. One
 * implementation per platform, selected by CMake (cmake/platform-*.cmake):
 * src/os/posix/ (Linux) and src/os/win/ (Windows, mingw-w64). The system
 * headers each platform needs for sockets come in through os_sys.h, which
 * sits in the platform's directory (on the include path of that build only),
 * so no code outside src/os tests _WIN32. docs/windows.md lists what
 * differs and why.
 *
 * Strings are UTF-8 everywhere: on Windows the functions taking a path
 * convert it to UTF-16 and use the wide API.
 */
#ifndef PP_OS_H
#define PP_OS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "os_sys.h" /* src/os/posix/os_sys.h or src/os/win/os_sys.h */

/* The program (src/cli/main.c). main/wmain in src/os/<platform>/main.c
 * call it with UTF-8 arguments after pp_os_init. */
int pp_cli_main(int argc, char **argv);

/* ---- process (init.c) ------------------------------------------------------ */

/* Once, first thing in main: sockets usable (WSAStartup on Windows), the
 * standard streams binary (no CRLF translation: output is byte-identical to
 * Linux). Safe to call again. */
void pp_os_init(void);
/* Logical CPUs, at least 1. */
long pp_os_ncpus(void);
/* Removes NAME from the environment. */
void pp_os_unsetenv(const char *name);
/* Sets the process zone for pp_os_mktime, pp_os_local_offset and the
 * engines' Date (NULL: the system zone). The caller checks
 * pp_os_tz_known first. POSIX: TZ and tzset. Windows: the zone's TZif file
 * (util/tzif.c) from the zoneinfo folder; a name that is none (TZ as the
 * program found it) goes to the C runtime. */
void pp_os_set_tz(const char *zone);
/* Whether zone names a zone this platform can apply: an IANA zone of the
 * zoneinfo folder, TZDIR or else /usr/share/zoneinfo on POSIX, TZDIR or
 * else zoneinfo\ next to pacprobe.exe on Windows (the zip ships Debian's
 * tzdata there); the UTC names always on Windows. */
bool pp_os_tz_known(const char *zone);
/* mktime(3) in the process zone (tm_isdst -1: the zone decides). */
time_t pp_os_mktime(struct tm *tm);
/* The process zone's offset from UTC in seconds (east positive) at t; the
 * engine's Date takes its local time from it on Windows
 * (cmake/duktape.cmake). */
long pp_os_local_offset(time_t t);
/* Why pp_os_tz_known refused a zone, for the one-line error. */
const char *pp_os_tz_refusal(void);
/* struct tm (UTC fields) to epoch seconds, as timegm(3). */
time_t pp_os_timegm(struct tm *tm);
/* n random bytes from the system; false when none could be had. */
bool pp_os_random(void *buf, size_t n);

/* getline(3): the next line of f with its '\n' into *line (grown as
 * needed), its length, or -1 at the end or on error. */
ssize_t pp_os_getline(char **line, size_t *cap, FILE *f);

/* ---- text (charset.c) ------------------------------------------------------ */

/* n bytes in charset cs as UTF-8 (malloc'd, NUL-terminated, length in
 * *outlen); a byte that cannot be decoded becomes U+FFFD and is skipped
 * (iconv on POSIX; MultiByteToWideChar with a table of charset names on
 * Windows). NULL with *known false when this system does not know cs, NULL
 * with *known true when out of memory. */
char *pp_os_to_utf8(const char *cs, const char *s, size_t n, size_t *outlen, bool *known);

/* Unicode normalization (UAX #15) of n bytes of valid UTF-8: form 0 NFC,
 * 1 NFD, 2 NFKC, 3 NFKD (String.prototype.normalize). malloc'd UTF-8
 * (length in *outlen), NULL when out of memory or the input is not valid
 * UTF-8. libunistring's u8_normalize on POSIX (unicode.c), NormalizeString
 * on Windows. */
char *pp_os_normalize(int form, const char *s, size_t n, size_t *outlen);

/* A stream that collects what is written to it in memory (open_memstream
 * on POSIX; a delete-on-close temporary file read back on Windows). NULL
 * on failure. pp_os_memstream_close closes it and sets *buf (malloc'd,
 * NUL-terminated) and *len, the same pointers given to open; false (and
 * *buf NULL) on failure. */
FILE *pp_os_memstream_open(char **buf, size_t *len);
bool pp_os_memstream_close(FILE *f, char **buf, size_t *len);

/* ---- files (file.c) ----------------------------------------------------------- */

/* open(2) for reading in binary mode, close-on-exec; -1 with errno set. */
int pp_os_open_read(const char *path);
/* fopen with a UTF-8 name (mode should contain 'b' for byte-exact input). */
FILE *pp_os_fopen(const char *path, const char *mode);
/* Whether path names a regular file (symbolic links followed). */
bool pp_os_is_regular(const char *path);
/* The size of the regular file at path, or -1 (errno set; EINVAL for a
 * file that is not regular). */
long long pp_os_file_size(const char *path);
/* Report files (src/cli/outfile.c): the length of path's folder part,
 * separator included (0 for a bare name; '\\' counts on Windows). */
size_t pp_os_dirname_len(const char *path);
/* NULL when path may be (re)placed by a report file, else why not: a
 * symbolic link (a junction on Windows; never followed), an existing file
 * without overwrite, a non-regular file, a file with other hard links. */
const char *pp_os_out_refusal(const char *path, bool overwrite);
/* Creates a new file from tmpl, whose last six characters "XXXXXX" are
 * replaced (mkstemp(3): exclusive, never through a link), with the mode the
 * umask allows; a file descriptor, or -1 with errno. */
int pp_os_create_temp(char *tmpl);
/* Pushes fd's data to the disk (fsync; FlushFileBuffers); 0 or -1. */
int pp_os_fsync(int fd);
/* Moves the closed file tmp to path: replacing an existing file atomically
 * with replace, else failing with EEXIST when path exists. tmp may remain
 * (pp_os_remove it). 0, or -1 with errno. */
int pp_os_place(const char *tmp, const char *path, bool replace);
/* unlink(2) with a UTF-8 name; 0 or -1. */
int pp_os_remove(const char *path);
/* Whether anything exists at path (a dangling link counts). */
bool pp_os_exists(const char *path);
/* ---- directories and commands (dir.c) ------------------------------------ */

/* The names in dir (not "." and ".."), sorted bytewise, at most max (the
 * rest are left out and *more set); *names is malloc'd (free each and the
 * array). 0, or -1 with errno (ENOSYS on Windows: --root reads no folders
 * there). */
int pp_os_list_dir(const char *dir, size_t max, char ***names, size_t *n, bool *more);
/* Whether path is a symbolic link (not followed). */
bool pp_os_is_symlink(const char *path);
/* Runs argv (argv[0] searched in PATH; no shell, stdin and stderr
 * /dev/null) and returns at most max bytes of its stdout (malloc'd, *len
 * set) when it exits 0; NULL otherwise or on Windows. */
char *pp_os_run_capture(const char *const *argv, size_t max, size_t *len);

/* The separator of path lists in environment variables
 * (PACPROBE_TARGETS_DIR): ':' on POSIX, ';' on Windows, where ':' follows
 * a drive letter (C:\x), as in PATH. */
char pp_os_path_list_sep(void);
/* The folder of the running program, separator included ("C:\pacprobe\"),
 * into out as UTF-8: true on Windows, where the zip keeps its data next to
 * pacprobe.exe; false on POSIX (data lives in the compile-time directories)
 * or when it does not fit in len. */
bool pp_os_program_dir(char *out, size_t len);

/* ---- secrets (secret.c) --------------------------------------------------------- */

/* len bytes on their own pages, kept out of core dumps / the page file where
 * the platform allows; NULL on failure. pp_os_secret_free wipes and frees. */
void *pp_os_secret_alloc(size_t len);
void pp_os_secret_free(void *p, size_t len);
/* Clears n bytes in a way the compiler does not drop. */
void pp_os_wipe(void *p, size_t n);
/* One line from fd into pw (NUL-terminated, at most len - 1 bytes, the
 * rest of a longer line discarded) with read() byte by byte: no stdio
 * buffer keeps a copy of the secret. false when nothing was read.
 * (secret_line.c: the same on every platform.) */
bool pp_os_read_secret_line(int fd, char *pw, size_t len);
/* Writes prompt to the terminal (controlling TTY / console), reads one line
 * with echo off into pw (NUL-terminated, at most len - 1 bytes). false
 * when there is no terminal or nothing was read. */
bool pp_os_prompt_secret(const char *prompt, char *pw, size_t len);

/* ---- the terminal (term.c) ------------------------------------------------------ */

/* true when stdout is a terminal that takes ANSI/VT escape sequences (on
 * Windows: a console where VT processing is, or could be turned, on). */
bool pp_os_stdout_is_terminal(void);
/* Columns of the terminal on stdout; 80 when it cannot be asked. */
int pp_os_terminal_columns(void);

/* ---- threads (thread.c) -------------------------------------------------------- */

/* A condition variable for deadline waits: its timed waits count on
 * CLOCK_MONOTONIC where the platform allows (POSIX), on the realtime clock
 * otherwise (winpthreads). 0 or an error number. */
int pp_os_cond_init(pthread_cond_t *c);
/* The absolute time ms milliseconds from now on the clock of the condition
 * variables pp_os_cond_init makes, for pthread_cond_timedwait. */
void pp_os_cond_deadline(struct timespec *ts, double ms);

/* ---- interfaces (ifaddr.c) ------------------------------------------------------ */

/* The prefix length of the local interface address equal to addr (4 bytes
 * when v4, else 16), or 0 when no interface holds it. */
unsigned pp_os_prefix_len(const unsigned char *addr, bool v4);

/* ---- sockets (net.c) -------------------------------------------------------------- */

/* A UDP socket of family (AF_INET/AF_INET6), close-on-exec, or PP_SOCK_BAD. */
pp_sock_t pp_os_udp_socket(int family);
void pp_os_sock_close(pp_sock_t s);
/* poll(2) / WSAPoll: ready entries, 0 on timeout or interruption, -1 on
 * error. */
int pp_os_poll(struct pollfd *fds, size_t n, int timeout_ms);
/* A wake channel for a poll loop: w[0] becomes readable after
 * pp_os_wake_signal(w[1]). A non-blocking pipe on POSIX, a connected
 * loopback UDP pair on Windows (WSAPoll takes sockets only). */
bool pp_os_wake_open(pp_sock_t w[2]);
void pp_os_wake_signal(pp_sock_t w1);
void pp_os_wake_drain(pp_sock_t w0);
void pp_os_wake_close(pp_sock_t w[2]);

#endif
