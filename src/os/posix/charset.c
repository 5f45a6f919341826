/* SPDX-License-Identifier: MIT */
/*
 * Charset conversion on POSIX (src/os/os.h pp_os_to_utf8): glibc's iconv,
 * which knows every charset a PAC server is likely to name.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "util/str.h"

char *pp_os_to_utf8(const char *cs, const char *s, size_t n, size_t *outlen, bool *known) {
  iconv_t cd = iconv_open("UTF-8", cs);
  *known = cd != (iconv_t)-1;
  if (!*known) return NULL;
  pp_str_t o = PP_STR_INIT;
  char *in = (char *)s, buf[4096];
  size_t left = n;
  while (left > 0 && !o.oom) {
    char *out = buf;
    size_t room = sizeof(buf);
    size_t r = iconv(cd, &in, &left, &out, &room);
    pp_str_append(&o, buf, (size_t)(out - buf));
    if (r != (size_t)-1 || errno == E2BIG) continue;
    pp_str_append(&o, "\xEF\xBF\xBD", 3); /* EILSEQ or a cut sequence at the end */
    in++, left--;
    iconv(cd, NULL, NULL, NULL, NULL);
  }
  iconv_close(cd);
  pp_str_append(&o, "", 0);
  *outlen = o.len;
  return pp_str_take(&o);
}
