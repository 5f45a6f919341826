/* SPDX-License-Identifier: MIT */
/* The small XML pull reader of src/config/xml.c (.NET config files, macOS
 * XML property lists). Internal to src/config and its tests. */
#ifndef PP_CONFIG_XML_H
#define PP_CONFIG_XML_H

#include <stdbool.h>
#include <stddef.h>

#define PP_XML_DEPTH 64
#define PP_XML_ATTRS 16

enum { PP_XML_ERROR = -1, PP_XML_END = 0, PP_XML_OPEN, PP_XML_CLOSE, PP_XML_TEXT };

typedef struct pp_xml_attr {
  char name[64];
  char value[1024]; /* decoded; longer values are cut */
} pp_xml_attr_t;

typedef struct pp_xml_tok {
  int type;         /* PP_XML_OPEN, PP_XML_CLOSE, PP_XML_TEXT */
  unsigned line;    /* where the token starts */
  char name[64];    /* OPEN, CLOSE */
  bool empty;       /* OPEN: <name/> (no CLOSE follows) */
  pp_xml_attr_t attrs[PP_XML_ATTRS];
  size_t nattrs;
  char text[4096];  /* TEXT: decoded, NUL-terminated */
  size_t len;
  bool truncated;   /* TEXT or an attribute longer than its buffer */
} pp_xml_tok_t;

typedef struct pp_xml {
  const char *p, *end;
  unsigned line;     /* current line, 1-based */
  int depth;
  char stack[PP_XML_DEPTH][64];
  bool seen_root;
  const char *why;   /* set on PP_XML_ERROR: the reason (at `line`) */
  char msg[160];
} pp_xml_t;

void pp_xml_init(pp_xml_t *x, const void *data, size_t len);
/* The next token into *t: PP_XML_OPEN/CLOSE/TEXT, PP_XML_END after the
 * root element closed, PP_XML_ERROR with x->why at x->line. Whitespace-only
 * text is skipped. */
int pp_xml_next(pp_xml_t *x, pp_xml_tok_t *t);
/* An attribute's decoded value, or NULL. */
const char *pp_xml_attr(const pp_xml_tok_t *t, const char *name);

#endif
