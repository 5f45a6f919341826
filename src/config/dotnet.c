/* SPDX-License-Identifier: MIT */
/*
 * .NET Framework's <defaultProxy> (issue 21; docs/sources.md ".NET"):
 * machine.config, app.config (PROGRAM.exe.config) and web.config hold
 * <configuration><system.net><defaultProxy enabled useDefaultCredentials>
 * with <proxy usesystemdefault proxyaddress bypassonlocal scriptLocation
 * autoDetect/>, <bypasslist><add address="REGEX"/></bypasslist> and
 * <module type/> (the schema: Microsoft Learn "<defaultProxy> Element
 * (Network Settings)"). Each attribute is kept as a setting
 * ("proxy.proxyaddress"), so decide_dotnet.c can merge an app's file over
 * machine.config attribute by attribute, as the configuration system
 * does. What .NET refuses (a file that is not XML, an unknown attribute,
 * a boolean that is not one) is an error naming file:line: the
 * application would fail with ConfigurationErrorsException.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"
#include "config/xml.h"

/* element, its attributes, and which of them are booleans/tri-states */
static const struct {
  const char *element;
  const char *attrs[6];
  const char *tri[4];  /* true, false or unspecified */
} schema[] = {
    {"defaultProxy", {"enabled", "useDefaultCredentials"}, {"enabled", "useDefaultCredentials"}},
    {"proxy", {"usesystemdefault", "proxyaddress", "bypassonlocal", "scriptLocation", "autoDetect"},
     {"usesystemdefault", "bypassonlocal", "autoDetect"}},
    {"bypasslist", {NULL}, {NULL}},
    {"add", {"address"}, {NULL}},
    {"remove", {"address"}, {NULL}},
    {"clear", {NULL}, {NULL}},
    {"module", {"type"}, {NULL}}};

static int element(const char *name) {
  for (size_t i = 0; i < sizeof(schema) / sizeof(schema[0]); i++)
    if (strcmp(schema[i].element, name) == 0) return (int)i;
  return -1;
}

static bool in(const char *const *list, const char *name) {
  for (size_t i = 0; list[i] && i < 6; i++)
    if (strcmp(list[i], name) == 0) return true;
  return false;
}

/* Checks and stores one element's attributes; a reason in why. */
static bool attrs(pp_source_t *s, const pp_xml_tok_t *t, int e, const char *parent, char *why,
                  size_t n) {
  const char *prefix = e >= 3 && e <= 5 ? "bypasslist" : schema[e].element;
  for (size_t i = 0; i < t->nattrs; i++) {
    const char *a = t->attrs[i].name, *v = t->attrs[i].value;
    if (!in(schema[e].attrs, a)) {
      snprintf(why, n, "unrecognized attribute '%.64s' on <%s> (.NET throws "
               "ConfigurationErrorsException)", a, t->name);
      return true;
    }
    if (in(schema[e].tri, a) && strcasecmp(v, "true") != 0 && strcasecmp(v, "false") != 0 &&
        !(strcasecmp(v, "unspecified") == 0 && e == 1)) {
      snprintf(why, n, "<%s %s='%.64s'> is not true or false (.NET throws "
               "ConfigurationErrorsException)", t->name, a, v);
      return true;
    }
    char name[96];
    if (e >= 3 && e <= 5) snprintf(name, sizeof(name), "bypasslist.%s", t->name);
    else snprintf(name, sizeof(name), "%s.%s", prefix, a);
    if (!pp_config_setting_add(s, name, v, t->line)) return false;
  }
  if (e == 5 && !pp_config_setting_add(s, "bypasslist.clear", "", t->line)) return false;
  (void)parent;
  return true;
}

/* Is the path (the open elements) configuration/system.net/defaultProxy[/...]? */
static bool in_default_proxy(const pp_xml_t *x, int extra) {
  return x->depth >= 3 + extra && strcmp(x->stack[0], "configuration") == 0 &&
         strcmp(x->stack[1], "system.net") == 0 && strcmp(x->stack[2], "defaultProxy") == 0;
}

pp_status_t pp_config_add_dotnet(pp_config_t *c, const void *data, size_t len, const char *file) {
  const pp_source_kind_t k = PP_SRC_DOTNET;
  if (len > PP_CONFIG_MAX_BYTES)
    return pp_config_line_errorf(c, k, file, 0, "over the 32 MiB limit for a configuration file");
  pp_xml_t *x = malloc(sizeof(*x));
  pp_xml_tok_t *t = malloc(sizeof(*t));
  pp_source_t tmp;
  memset(&tmp, 0, sizeof(tmp));
  char why[256] = "";
  unsigned at = 0, where = 0;
  bool ok = x && t, found = false;
  if (ok) pp_xml_init(x, data, len);
  int r = PP_XML_END;
  while (ok && !*why && (r = pp_xml_next(x, t)) > 0) {
    if (r != PP_XML_OPEN) continue;
    int depth = x->depth - (t->empty ? 0 : 1); /* the element's parents */
    bool top = depth == 2 && strcmp(t->name, "defaultProxy") == 0 &&
               strcmp(x->stack[0], "configuration") == 0 && strcmp(x->stack[1], "system.net") == 0;
    bool child = depth >= 3 && in_default_proxy(x, t->empty ? 0 : 1);
    if (!top && !child) continue;
    int e = element(t->name);
    if (e < 0 || (top && e != 0) || (child && e == 0) ||
        (child && (e >= 3 && e <= 5) != (depth == 4 && strcmp(x->stack[3], "bypasslist") == 0)) ||
        (child && depth > 4)) {
      snprintf(why, sizeof(why), "<%.64s> is not allowed here in <defaultProxy> (.NET throws "
               "ConfigurationErrorsException)", t->name);
      where = t->line;
      break;
    }
    if (top) found = true, at = t->line;
    ok = attrs(&tmp, t, e, depth ? x->stack[depth - 1] : "", why, sizeof(why));
    if (*why) where = t->line;
  }
  if (ok && r == PP_XML_ERROR) snprintf(why, sizeof(why), "not well-formed XML: %s", x->why), where = x->line;
  free(t);
  if (!ok) {
    free(x);
    pp_config_settings_free(&tmp);
    return PP_ENOMEM;
  }
  free(x);
  if (*why) {
    pp_config_settings_free(&tmp);
    return pp_config_line_errorf(c, k, file, where, "%s", why);
  }
  return pp_config_settings_source(c, k, file, &tmp, PP_ACCT_NONE,
                                   found ? "defaultProxy" : "no <defaultProxy>", at);
}
