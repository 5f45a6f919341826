/* SPDX-License-Identifier: MIT */
/* Foreign text made safe for a terminal (src/util/esc.c). */
#ifndef PP_UTIL_ESC_H
#define PP_UTIL_ESC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/str.h"

/* Appends s[0..n) to o with every character that could act on a terminal
 * replaced by a visible escape: \n \r \t, \xHH for other C0 bytes, DEL and
 * bytes that are not valid UTF-8 (a lone 0x9b is C1 CSI to 8-bit
 * terminals), \uHHHH for the C1 controls U+0080..U+009F, bidirectional and
 * other invisible format characters (U+061C, U+200B..U+200F,
 * U+2028..U+202E, U+2060..U+2069, U+FEFF). Everything else, including
 * printable UTF-8 and the backslash, is copied. false on out of memory. */
bool pp_esc_text(pp_str_t *o, const char *s, size_t n);
/* true when pp_esc_text would change s[0..n). */
bool pp_esc_needed(const char *s, size_t n);

#endif
