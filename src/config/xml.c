/* SPDX-License-Identifier: MIT */
/*
 * A small XML pull reader for the configuration files pacprobe reads
 * (.NET machine.config / app.config, macOS XML property lists): elements
 * with attributes, text with the five predefined entities and character
 * references, CDATA; comments, processing instructions and the DOCTYPE
 * are skipped. Well-formedness is checked as far as the readers need it
 * (tags balanced, attributes quoted, entities known); every error names
 * its line. Bounded: names, attribute values and text are capped and
 * nesting is at most PP_XML_DEPTH.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/xml.h"

void pp_xml_init(pp_xml_t *x, const void *data, size_t len) {
  memset(x, 0, sizeof(*x));
  x->p = data;
  x->end = x->p + len;
  x->line = 1;
  if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) x->p += 3;
}

static int fail(pp_xml_t *x, const char *why) {
  x->why = why;
  return PP_XML_ERROR;
}

static bool starts(const pp_xml_t *x, const char *s) {
  size_t n = strlen(s);
  return (size_t)(x->end - x->p) >= n && memcmp(x->p, s, n) == 0;
}

/* Skips to just after `end`, counting lines; false when it never comes. */
static bool skip_past(pp_xml_t *x, const char *end) {
  while (x->p < x->end && !starts(x, end)) x->line += *x->p++ == '\n';
  if (x->p >= x->end) return false;
  x->p += strlen(end);
  return true;
}

static bool name_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '_' || ch == '-' || ch == '.' || ch == ':' || (unsigned char)ch >= 0x80;
}

static bool read_name(pp_xml_t *x, char *out, size_t n) {
  size_t o = 0;
  while (x->p < x->end && name_char(*x->p)) {
    if (o + 1 >= n) return false;
    out[o++] = *x->p++;
  }
  out[o] = '\0';
  return o > 0;
}

static void blanks(pp_xml_t *x) {
  while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' || *x->p == '\r' || *x->p == '\n'))
    x->line += *x->p++ == '\n';
}

/* Decodes text up to stop (exclusive) into out, resolving references. */
static bool decode(pp_xml_t *x, const char *stop_chars, char *out, size_t n, size_t *len,
                   bool *truncated) {
  size_t o = 0;
  /* strchr finds the terminator too: a NUL byte is checked first */
  while (x->p < x->end && (*x->p == '\0' || !strchr(stop_chars, *x->p))) {
    char ch = *x->p++;
    if (ch == '\n') x->line++;
    if (ch == '&') {
      static const struct { const char *name; char ch; } ent[] = {
          {"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
      size_t i = 0;
      for (; i < 5 && !starts(x, ent[i].name); i++) {}
      if (i < 5) {
        x->p += strlen(ent[i].name);
        ch = ent[i].ch;
      } else if (starts(x, "#")) {
        x->p++;
        bool hex = x->p < x->end && *x->p == 'x';
        x->p += hex;
        char *e;
        unsigned long v = strtoul(x->p, &e, hex ? 16 : 10);
        if (e == x->p || e >= x->end || *e != ';' || v == 0 || v > 0x10ffff)
          return (x->why = "a bad character reference"), false;
        x->p = e + 1;
        ch = v < 0x80 ? (char)v : '?';
      } else {
        return (x->why = "an unknown entity (only &lt; &gt; &amp; &quot; &apos; and &#N;)"), false;
      }
    }
    if (ch == '\0') return (x->why = "a NUL byte"), false;
    if (o + 1 < n) out[o++] = ch;
    else *truncated = true;
  }
  out[o] = '\0';
  *len = o;
  return true;
}

static int open_tag(pp_xml_t *x, pp_xml_tok_t *t) {
  x->p++; /* '<' */
  if (!read_name(x, t->name, sizeof(t->name))) return fail(x, "an element name expected after '<'");
  t->type = PP_XML_OPEN;
  for (;;) {
    blanks(x);
    if (x->p >= x->end) return fail(x, "unterminated tag");
    if (*x->p == '>' || starts(x, "/>")) break;
    if (t->nattrs == PP_XML_ATTRS) return fail(x, "more than 16 attributes");
    pp_xml_attr_t *a = &t->attrs[t->nattrs];
    if (!read_name(x, a->name, sizeof(a->name))) return fail(x, "an attribute name expected");
    blanks(x);
    if (x->p >= x->end || *x->p != '=') return fail(x, "'=' expected after an attribute name");
    x->p++;
    blanks(x);
    if (x->p >= x->end || (*x->p != '"' && *x->p != '\''))
      return fail(x, "an attribute value must be quoted");
    char q[2] = {*x->p++, '\0'}, stop[3] = {q[0], '<', '\0'};
    size_t len;
    bool trunc = false;
    if (!decode(x, stop, a->value, sizeof(a->value), &len, &trunc)) return PP_XML_ERROR;
    if (x->p >= x->end || *x->p != q[0]) return fail(x, "unterminated attribute value");
    x->p++;
    t->nattrs++;
  }
  if (*x->p == '/') {
    x->p += 2;
    t->empty = true;
    return PP_XML_OPEN;
  }
  x->p++;
  if (x->depth == PP_XML_DEPTH) return fail(x, "elements nested deeper than 64");
  snprintf(x->stack[x->depth++], sizeof(x->stack[0]), "%s", t->name);
  return PP_XML_OPEN;
}

static int close_tag(pp_xml_t *x, pp_xml_tok_t *t) {
  x->p += 2;
  if (!read_name(x, t->name, sizeof(t->name))) return fail(x, "an element name expected after '</'");
  blanks(x);
  if (x->p >= x->end || *x->p != '>') return fail(x, "'>' expected");
  x->p++;
  if (x->depth == 0 || strcmp(x->stack[x->depth - 1], t->name) != 0) {
    snprintf(x->msg, sizeof(x->msg), "</%.64s> does not close <%.64s>", t->name,
             x->depth ? x->stack[x->depth - 1] : "(nothing)");
    return fail(x, x->msg);
  }
  x->depth--;
  t->type = PP_XML_CLOSE;
  return PP_XML_CLOSE;
}

int pp_xml_next(pp_xml_t *x, pp_xml_tok_t *t) {
  memset(t, 0, sizeof(*t));
  for (;;) {
    if (x->why) return PP_XML_ERROR;
    t->line = x->line;
    if (x->p >= x->end) {
      if (x->depth) return fail(x, "the document ends inside an element");
      return x->seen_root ? PP_XML_END : fail(x, "no root element");
    }
    if (starts(x, "<!--")) {
      if (!skip_past(x, "-->")) return fail(x, "unterminated comment");
    } else if (starts(x, "<?")) {
      if (!skip_past(x, "?>")) return fail(x, "unterminated processing instruction");
    } else if (starts(x, "<![CDATA[")) {
      x->p += 9;
      const char *start = x->p;
      if (!skip_past(x, "]]>")) return fail(x, "unterminated CDATA section");
      size_t n = (size_t)(x->p - 3 - start);
      if (n >= sizeof(t->text)) n = sizeof(t->text) - 1, t->truncated = true;
      memcpy(t->text, start, n);
      t->len = n;
      t->type = PP_XML_TEXT;
      return PP_XML_TEXT;
    } else if (starts(x, "<!")) { /* DOCTYPE, with an internal subset or not */
      int nest = 0;
      while (x->p < x->end && !(*x->p == '>' && nest == 0)) {
        nest += *x->p == '[' ? 1 : *x->p == ']' ? -1 : 0;
        x->line += *x->p++ == '\n';
      }
      if (x->p >= x->end) return fail(x, "unterminated <!DOCTYPE");
      x->p++;
    } else if (starts(x, "</")) {
      return close_tag(x, t);
    } else if (*x->p == '<') {
      if (x->seen_root && x->depth == 0) return fail(x, "a second root element");
      x->seen_root = true;
      return open_tag(x, t);
    } else {
      if (!decode(x, "<", t->text, sizeof(t->text), &t->len, &t->truncated)) return PP_XML_ERROR;
      bool blank = true;
      for (size_t i = 0; i < t->len; i++)
        if (!strchr(" \t\r\n", t->text[i])) blank = false;
      if (blank) continue;
      if (x->depth == 0) return fail(x, "text outside the root element");
      t->type = PP_XML_TEXT;
      return PP_XML_TEXT;
    }
  }
}

const char *pp_xml_attr(const pp_xml_tok_t *t, const char *name) {
  for (size_t i = 0; i < t->nattrs; i++)
    if (strcmp(t->attrs[i].name, name) == 0) return t->attrs[i].value;
  return NULL;
}
