/* SPDX-License-Identifier: MIT */
/* The platform seam of src/config: what the running operating system holds
 * and says about proxies. One implementation per platform, chosen by the
 * build: src/config/win/ (the Win32 registry, WinHTTP's own view, the
 * process token) and src/config/none/ (none of that: PP_EPLATFORM).
 * Everything that gives the records meaning is portable (live.c and the
 * .reg path of collect.c), so a live registry and its .reg export are
 * decided by the same code. */
#ifndef PP_CONFIG_LIVE_H
#define PP_CONFIG_LIVE_H

#include "config/config_int.h"

/* Bounds: values read per key, and bytes per value (a real blob is < 1 KiB). */
#define PP_LIVE_MAX_VALUES 1024u
#define PP_LIVE_MAX_VALUE_BYTES (1024u * 1024u)

/* One registry key the live reader visits, spelled as a .reg export
 * spells it ("HKEY_USERS\S-1-5-19\Software\...\Connections"). */
typedef struct pp_live_key {
  const char *key;
} pp_live_key_t;

/* Receives one value as a .reg record (key, name, type, data as
 * pp_reg_parse would give it: REG_SZ as UTF-8 + NUL, dword 4 bytes LE;
 * line 0). A key that exists but cannot be read arrives once with
 * v == NULL and a one-line reason. Returns PP_OK or PP_ENOMEM (stops). */
typedef pp_status_t (*pp_live_sink_t)(void *ctx, const char *key, const pp_reg_value_t *v,
                                      const char *error);

/* Reads every value of each key in keys[0..n) (an absent key is skipped
 * silently) and hands it to sink. PP_OK, PP_ENOMEM, or PP_EPLATFORM. */
pp_status_t pp_live_reg_read(const pp_live_key_t *keys, size_t n, pp_live_sink_t sink, void *ctx);

/* What Windows says, raw: fills o->running_sid, ie_* and winhttp_* (strings
 * UTF-8 as the OS gave them, not escaped; a failed call's reason in its
 * *_error). o is zeroed by the caller; live.c escapes and masks the
 * strings and sets the rest. PP_OK, PP_ENOMEM or PP_EPLATFORM. */
pp_status_t pp_live_os_read(pp_config_os_t *o);

#endif
