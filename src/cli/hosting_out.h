/* SPDX-License-Identifier: MIT */
/* The PAC hosting findings (docs/sources.md "Where the PAC is hosted") as
 * the CLI shows them: JSON for discover and check, the client names. */
#ifndef PP_CLI_HOSTING_OUT_H
#define PP_CLI_HOSTING_OUT_H

#include <jansson.h>

#include "pac/pac.h"

/* [{"code","message","clients","affects":[CLIENT...],"refuses":[...]}],
 * plus "relevant" (bool) on each when `consumer` names PP_PAC_CLIENT_*
 * bits (check --for), none with 0. A new reference. */
json_t *pp_json_hosting(const pp_pac_finding_t *f, size_t n, unsigned consumer);
/* "chromium, winhttp" for a PP_PAC_CLIENT_* mask, into buf. */
const char *pp_cli_client_names(unsigned mask, char *buf, size_t len);

#endif
