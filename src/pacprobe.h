/* SPDX-License-Identifier: MIT */
/*
 * pacprobe.h (internal): the whole library API the program and the tests
 * use: the public header (include/pacprobe.h, installed) plus each stage's
 * internal header with its structures. Not installed; a program outside
 * this tree includes <pacprobe.h> only (docs/library.md).
 */
#ifndef PP_INTERNAL_API_H
#define PP_INTERNAL_API_H

#include "pp_version.h" /* PP_VERSION, generated from CMake's project() */
#include "../include/pacprobe.h"
#include "pac/result.h"
#include "dns/dns.h"
#include "pac/pac.h"
#include "wpad/wpad.h"
#include "config/config.h"
#include "route/route.h"
#include "pac/clock.h"

#endif
