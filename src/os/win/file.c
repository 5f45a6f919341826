/* SPDX-License-Identifier: MIT */
/*
 * Files on Windows (src/os/os.h): UTF-8 names through the wide API, binary
 * mode always, and the system calls of report files (src/cli/outfile.c): a
 * symbolic link or junction at the name is never followed
 * (FILE_FLAG_OPEN_REPARSE_POINT), the temporary file is CREATE_NEW, and it
 * is moved into place with MoveFileExW (docs/security.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "os/os.h"

/* path as UTF-16 (malloc'd), or NULL with errno set. */
static wchar_t *wide(const char *path) {
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, NULL, 0);
  wchar_t *w = n > 0 ? malloc((size_t)n * sizeof(*w)) : NULL;
  if (!w || MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, w, n) != n) {
    free(w);
    errno = n > 0 ? ENOMEM : EINVAL;
    return NULL;
  }
  return w;
}

static void set_errno(DWORD e) {
  switch (e) {
  case ERROR_FILE_NOT_FOUND:
  case ERROR_PATH_NOT_FOUND: errno = ENOENT; break;
  case ERROR_ACCESS_DENIED:
  case ERROR_SHARING_VIOLATION: errno = EACCES; break;
  case ERROR_FILE_EXISTS:
  case ERROR_ALREADY_EXISTS: errno = EEXIST; break;
  default: errno = EIO; break;
  }
}

int pp_os_open_read(const char *path) {
  wchar_t *w = wide(path);
  int fd = w ? _wopen(w, _O_RDONLY | _O_BINARY | _O_NOINHERIT) : -1;
  free(w);
  return fd;
}

FILE *pp_os_fopen(const char *path, const char *mode) {
  wchar_t *w = wide(path), *m = wide(mode);
  FILE *f = w && m ? _wfopen(w, m) : NULL;
  free(w);
  free(m);
  return f;
}

bool pp_os_is_regular(const char *path) {
  wchar_t *w = wide(path);
  struct _stat64 st;
  bool ok = w && _wstat64(w, &st) == 0 && (st.st_mode & _S_IFMT) == _S_IFREG;
  free(w);
  return ok;
}

long long pp_os_file_size(const char *path) {
  wchar_t *w = wide(path);
  struct _stat64 st;
  int rc = w ? _wstat64(w, &st) : -1;
  free(w);
  if (rc != 0) return -1;
  if ((st.st_mode & _S_IFMT) != _S_IFREG) return errno = EINVAL, -1;
  return (long long)st.st_size;
}

size_t pp_os_dirname_len(const char *path) {
  const char *sep = NULL;
  for (const char *p = path; *p; p++)
    if (*p == '/' || *p == '\\' || (*p == ':' && p == path + 1)) sep = p;
  return sep ? (size_t)(sep - path) + 1 : 0;
}

/* Whether the file w has more than one hard link (opened without following
 * a reparse point, no access asked). */
static bool other_links(const wchar_t *w) {
  HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                         OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS,
                         NULL);
  if (h == INVALID_HANDLE_VALUE) return false;
  BY_HANDLE_FILE_INFORMATION fi;
  bool more = GetFileInformationByHandle(h, &fi) && fi.nNumberOfLinks > 1;
  CloseHandle(h);
  return more;
}

const char *pp_os_out_refusal(const char *path, bool overwrite) {
  wchar_t *w = wide(path);
  if (!w) return NULL; /* the create reports the bad name */
  DWORD attr = GetFileAttributesW(w);
  const char *why = NULL;
  if (attr == INVALID_FILE_ATTRIBUTES) why = NULL;
  else if (attr & FILE_ATTRIBUTE_REPARSE_POINT) why = "is a symbolic link or junction (not followed)";
  else if (!overwrite) why = "already exists (pass --overwrite to replace it)";
  else if (attr & FILE_ATTRIBUTE_DIRECTORY) why = "is not a regular file";
  else if (other_links(w)) why = "has other hard links (not replaced)";
  free(w);
  return why;
}

/* mkstemp: the six X's become random letters and digits; CREATE_NEW never
 * opens an existing file or follows a link; a few tries on a name clash. */
int pp_os_create_temp(char *tmpl) {
  static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  size_t n = strlen(tmpl);
  if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) return errno = EINVAL, -1;
  for (int tries = 0; tries < 100; tries++) {
    unsigned char r[6];
    if (!pp_os_random(r, sizeof(r))) return errno = EIO, -1;
    for (int i = 0; i < 6; i++) tmpl[n - 6 + i] = set[r[i] % (sizeof(set) - 1)];
    wchar_t *w = wide(tmpl);
    if (!w) return -1;
    HANDLE h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
    DWORD e = GetLastError();
    free(w);
    if (h != INVALID_HANDLE_VALUE) {
      int fd = _open_osfhandle((intptr_t)h, _O_WRONLY | _O_BINARY);
      if (fd < 0) CloseHandle(h);
      return fd;
    }
    if (e != ERROR_FILE_EXISTS && e != ERROR_ALREADY_EXISTS) return set_errno(e), -1;
  }
  return errno = EEXIST, -1;
}

int pp_os_fsync(int fd) { return _commit(fd); }

/* MoveFileExW: with MOVEFILE_REPLACE_EXISTING an atomic replace (a link at
 * path is replaced, not followed); without it ERROR_ALREADY_EXISTS. */
int pp_os_place(const char *tmp, const char *path, bool replace) {
  wchar_t *wt = wide(tmp), *wp = wide(path);
  DWORD flags = MOVEFILE_WRITE_THROUGH | (replace ? MOVEFILE_REPLACE_EXISTING : 0);
  bool ok = wt && wp && MoveFileExW(wt, wp, flags);
  if (wt && wp && !ok) set_errno(GetLastError());
  free(wt);
  free(wp);
  return ok ? 0 : -1;
}

int pp_os_remove(const char *path) {
  wchar_t *w = wide(path);
  int rc = w ? _wunlink(w) : -1;
  free(w);
  return rc;
}

bool pp_os_exists(const char *path) {
  wchar_t *w = wide(path);
  bool ok = w && GetFileAttributesW(w) != INVALID_FILE_ATTRIBUTES;
  free(w);
  return ok;
}

/* Windows has no open_memstream: a temporary file that is never linked
 * into a folder for long (FILE_FLAG_DELETE_ON_CLOSE), read back on close. */
FILE *pp_os_memstream_open(char **buf, size_t *len) {
  wchar_t dir[MAX_PATH + 1], name[MAX_PATH + 1];
  *buf = NULL;
  *len = 0;
  if (!GetTempPathW(MAX_PATH + 1, dir) || !GetTempFileNameW(dir, L"pp", 0, name)) return NULL;
  HANDLE h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                         FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    DeleteFileW(name);
    return NULL;
  }
  int fd = _open_osfhandle((intptr_t)h, _O_RDWR | _O_BINARY);
  FILE *f = fd >= 0 ? _fdopen(fd, "w+b") : NULL;
  if (!f && fd >= 0) _close(fd);
  else if (!f) CloseHandle(h);
  return f;
}

bool pp_os_memstream_close(FILE *f, char **buf, size_t *len) {
  long n = fflush(f) == 0 && !ferror(f) ? ftell(f) : -1;
  char *b = n >= 0 ? malloc((size_t)n + 1) : NULL;
  bool ok = b && fseek(f, 0, SEEK_SET) == 0 && fread(b, 1, (size_t)n, f) == (size_t)n;
  fclose(f);
  if (!ok) {
    free(b);
    return false;
  }
  b[n] = '\0';
  *buf = b;
  *len = (size_t)n;
  return true;
}

char pp_os_path_list_sep(void) { return ';'; }

bool pp_os_program_dir(char *out, size_t len) {
  wchar_t w[1024];
  DWORD n = GetModuleFileNameW(NULL, w, sizeof(w) / sizeof(w[0]));
  if (n == 0 || n >= sizeof(w) / sizeof(w[0])) return false;
  int k = WideCharToMultiByte(CP_UTF8, 0, w, (int)n, out, len > 1 ? (int)len - 1 : 0, NULL, NULL);
  if (k <= 0) return false;
  out[k] = '\0';
  out[pp_os_dirname_len(out)] = '\0';
  return true;
}
