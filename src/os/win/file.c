/* SPDX-License-Identifier: MIT */
/*
 * Files on Windows (src/os/os.h): UTF-8 names through the wide API, binary
 * mode always, and output files created without following a symbolic link
 * or junction planted at the name (FILE_FLAG_OPEN_REPARSE_POINT, then the
 * opened handle's attributes and link count checked; docs/security.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
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

/* The existing file at w, opened without following a reparse point,
 * checked and emptied; INVALID_HANDLE_VALUE with *why or errno. */
static HANDLE reopen_existing(const wchar_t *w, const char **why) {
  HANDLE h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                         FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    set_errno(GetLastError());
    return h;
  }
  BY_HANDLE_FILE_INFORMATION fi;
  if (!GetFileInformationByHandle(h, &fi)) *why = "cannot be inspected";
  else if (fi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
    *why = "is a symbolic link or junction (not followed)";
  else if (fi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) *why = "is not a regular file";
  else if (fi.nNumberOfLinks > 1) *why = "has other hard links (not replaced)";
  else if (!SetEndOfFile(h)) set_errno(GetLastError());
  else return h;
  CloseHandle(h);
  return INVALID_HANDLE_VALUE;
}

int pp_os_create_nofollow(const char *path, bool overwrite, const char **why) {
  *why = NULL;
  wchar_t *w = wide(path);
  if (!w) return -1;
  HANDLE h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_NEW,
                         FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    DWORD e = GetLastError();
    DWORD attr = GetFileAttributesW(w);
    if (e != ERROR_FILE_EXISTS && e != ERROR_ALREADY_EXISTS) set_errno(e);
    else if (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_REPARSE_POINT))
      *why = "is a symbolic link or junction (not followed)";
    else if (!overwrite) *why = "already exists (pass --overwrite to replace it)";
    else h = reopen_existing(w, why);
  }
  free(w);
  if (h == INVALID_HANDLE_VALUE) return -1;
  int fd = _open_osfhandle((intptr_t)h, _O_WRONLY | _O_BINARY);
  if (fd < 0) CloseHandle(h);
  return fd;
}
