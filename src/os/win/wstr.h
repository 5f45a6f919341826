/* SPDX-License-Identifier: MIT */
/* UTF-8 <-> UTF-16 for the Windows backends (src/route/win, src/wpad/win):
 * pacprobe's strings are UTF-8, the wide Windows API takes UTF-16. On the
 * include path of the Windows build only, like os_sys.h. */
#ifndef PP_OS_WSTR_H
#define PP_OS_WSTR_H

#include <wchar.h>

/* s as UTF-16, malloc'd; NULL on ENOMEM or invalid UTF-8. */
wchar_t *pp_win_wide(const char *s);
/* len UTF-16 units of w (no terminator needed) as UTF-8, malloc'd and
 * NUL-terminated; NULL on ENOMEM. */
char *pp_win_utf8(const wchar_t *w, int len);

#endif
