/* SPDX-License-Identifier: MIT */
/*
 * Secrets on Windows (src/os/os.h): the password buffer on its own
 * VirtualAlloc'd pages, locked so they stay out of the page file (best
 * effort), wiped with SecureZeroMemory; the prompt on the console (CONIN$
 * with echo off, read as UTF-16 and converted to UTF-8).
 */
#include <stdlib.h>

#include "os/os.h"

void *pp_os_secret_alloc(size_t len) {
  void *p = VirtualAlloc(NULL, len, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
  if (p) (void)VirtualLock(p, len); /* best effort: the working-set quota may refuse */
  return p;
}

void pp_os_secret_free(void *p, size_t len) {
  if (!p) return;
  SecureZeroMemory(p, len);
  VirtualUnlock(p, len);
  VirtualFree(p, 0, MEM_RELEASE);
}

void pp_os_wipe(void *p, size_t n) { SecureZeroMemory(p, n); }

static void write_console(HANDLE out, const char *text) {
  wchar_t w[512];
  int n = MultiByteToWideChar(CP_UTF8, 0, text, -1, w, (int)(sizeof(w) / sizeof(w[0])));
  DWORD done;
  if (n > 1) WriteConsoleW(out, w, (DWORD)(n - 1), &done, NULL);
}

/* One line from the console into pw as UTF-8; the UTF-16 copy is wiped. */
static bool read_console_line(HANDLE in, char *pw, size_t len) {
  wchar_t w[1024];
  DWORD got = 0;
  bool ok = ReadConsoleW(in, w, (DWORD)(sizeof(w) / sizeof(w[0]) - 1), &got, NULL) && got > 0;
  while (ok && got > 0 && (w[got - 1] == L'\n' || w[got - 1] == L'\r')) got--;
  int n = ok ? WideCharToMultiByte(CP_UTF8, 0, w, (int)got, pw, (int)len - 1, NULL, NULL) : 0;
  SecureZeroMemory(w, sizeof(w));
  pw[n > 0 ? n : 0] = '\0';
  return ok && (n > 0 || got == 0);
}

bool pp_os_prompt_secret(const char *prompt, char *pw, size_t len) {
  HANDLE in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                          NULL, OPEN_EXISTING, 0, NULL);
  HANDLE out = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                           NULL, OPEN_EXISTING, 0, NULL);
  DWORD mode = 0;
  bool ok = in != INVALID_HANDLE_VALUE && out != INVALID_HANDLE_VALUE && GetConsoleMode(in, &mode) &&
            SetConsoleMode(in, (mode & ~(DWORD)ENABLE_ECHO_INPUT) | ENABLE_LINE_INPUT);
  if (ok) {
    write_console(out, prompt);
    ok = read_console_line(in, pw, len);
    SetConsoleMode(in, mode);
    write_console(out, "\r\n");
  }
  if (in != INVALID_HANDLE_VALUE) CloseHandle(in);
  if (out != INVALID_HANDLE_VALUE) CloseHandle(out);
  return ok;
}
