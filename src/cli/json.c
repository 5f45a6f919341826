/* SPDX-License-Identifier: MIT */
/*
 * JSON string helpers for every formatter: jansson refuses invalid UTF-8,
 * and a report must not lose a field because an input was Latin-1.
 */
#include "cli/json.h"

#include "util/str.h"

json_t *pp_json_str(const char *s) {
  if (!s) return json_null();
  json_t *j = json_string(s);
  if (j) return j;
  pp_str_t fixed = PP_STR_INIT;
  for (; *s; s++) {
    if ((unsigned char)*s < 0x80) pp_str_putc(&fixed, *s);
    else pp_str_puts(&fixed, "\xEF\xBF\xBD");
  }
  j = json_string(fixed.s ? fixed.s : "");
  pp_str_free(&fixed);
  return j ? j : json_null();
}

json_t *pp_json_strlist(char **v, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < n; i++) json_array_append_new(a, pp_json_str(v[i]));
  return a;
}

bool pp_json_print_line(FILE *out, json_t *root) {
  char *txt = root ? json_dumps(root, JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
  json_decref(root);
  if (!txt) return false;
  fprintf(out, "%s\n", txt);
  free(txt);
  return true;
}
