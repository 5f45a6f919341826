/* SPDX-License-Identifier: MIT */
/*
 * The DNS client seam of discover on Windows (wpad_int.h): the settings
 * the Windows DNS client uses to expand `wpad`, read from where Windows
 * keeps them, Group Policy first (HKLM\SOFTWARE\Policies\Microsoft\
 * Windows NT\DNSClient), then HKLM\SYSTEM\CurrentControlSet\Services\
 * Tcpip\Parameters; the primary suffix from GetComputerNameExW and each
 * adapter's connection-specific suffix from GetAdaptersAddresses. The
 * order and the devolution are portable (dns.c), unit-tested on Linux.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#undef interface  /* objbase.h's macro; wpad_int.h has a field of that name */
#undef PP_VERSION /* wincrypt.h's; pacprobe.h defines the version string */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "wpad/wpad_int.h"
#include "wstr.h" /* src/os/win */

#define POLICY L"SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient"
#define TCPIP L"SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters"

/* A REG_SZ as UTF-8 (malloc'd), NULL when absent or empty. *oom on failure. */
static char *reg_sz(const wchar_t *key, const wchar_t *name, bool *oom) {
  wchar_t w[2048];
  DWORD size = sizeof(w);
  if (RegGetValueW(HKEY_LOCAL_MACHINE, key, name, RRF_RT_REG_SZ | RRF_SUBKEY_WOW6464KEY, NULL, w, &size) !=
          ERROR_SUCCESS || !w[0])
    return NULL;
  char *s = pp_win_utf8(w, (int)wcslen(w));
  if (!s) *oom = true;
  return s;
}

static bool reg_dword(const wchar_t *key, const wchar_t *name, DWORD *v) {
  DWORD size = sizeof(*v);
  return RegGetValueW(HKEY_LOCAL_MACHINE, key, name, RRF_RT_REG_DWORD | RRF_SUBKEY_WOW6464KEY, NULL, v, &size) ==
         ERROR_SUCCESS;
}

static bool split_list(const char *list, char ***out, size_t *n) {
  char *copy = strdup(list);
  bool ok = copy != NULL;
  for (char *save = NULL, *t = copy ? strtok_r(copy, ", ", &save) : NULL; ok && t; t = strtok_r(NULL, ", ", &save))
    ok = pp_strlist_push(out, n, t);
  free(copy);
  return ok;
}

static bool search_list(pp_wpad_dnsclient_t *c) {
  bool oom = false;
  char *s = reg_sz(POLICY, L"SearchList", &oom);
  c->search_from = "suffix search list (policy DNSClient\\SearchList)";
  if (!s && !oom) {
    s = reg_sz(TCPIP, L"SearchList", &oom);
    c->search_from = "suffix search list (Tcpip\\Parameters\\SearchList)";
  }
  bool ok = !oom && (!s || split_list(s, &c->search, &c->nsearch));
  free(s);
  return ok;
}

static bool primary(pp_wpad_dnsclient_t *c) {
  bool oom = false;
  c->primary = reg_sz(POLICY, L"PrimaryDnsSuffix", &oom);
  c->primary_from = "primary DNS suffix (policy DNSClient\\PrimaryDnsSuffix)";
  if (c->primary || oom) return !oom;
  wchar_t w[256];
  DWORD n = sizeof(w) / sizeof(w[0]);
  c->primary_from = "primary DNS suffix (GetComputerNameEx)";
  if (!GetComputerNameExW(ComputerNamePhysicalDnsDomain, w, &n) || !n) return true;
  return (c->primary = pp_win_utf8(w, (int)n)) != NULL;
}

/* Each adapter that is up: its connection-specific suffix (static or from
 * DHCP option 15), in the order Windows lists the adapters. */
static bool connection_suffixes(pp_wpad_dnsclient_t *c) {
  ULONG len = 16384;
  IP_ADAPTER_ADDRESSES *all = NULL;
  ULONG rc = ERROR_BUFFER_OVERFLOW;
  for (int tries = 0; tries < 3 && rc == ERROR_BUFFER_OVERFLOW; tries++) {
    free(all);
    if (!(all = malloc(len))) return false;
    rc = GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST, NULL, all, &len);
  }
  bool ok = true;
  for (IP_ADAPTER_ADDRESSES *a = rc == NO_ERROR ? all : NULL; ok && a; a = a->Next) {
    if (a->OperStatus != IfOperStatusUp || a->IfType == IF_TYPE_SOFTWARE_LOOPBACK || !a->DnsSuffix ||
        !a->DnsSuffix[0])
      continue;
    char *sfx = pp_win_utf8(a->DnsSuffix, (int)wcslen(a->DnsSuffix));
    char *name = pp_win_utf8(a->FriendlyName, (int)wcslen(a->FriendlyName));
    char from[160];
    snprintf(from, sizeof(from), "connection-specific suffix of %s", name ? name : a->AdapterName);
    size_t n = c->nconn;
    ok = sfx && pp_strlist_push(&c->conn, &n, sfx) && pp_strlist_push(&c->conn_from, &c->nconn, from);
    free(sfx);
    free(name);
  }
  free(all);
  return ok;
}

pp_status_t pp_wpad_dnsclient_read(pp_wpad_dnsclient_t *c) {
  memset(c, 0, sizeof(*c));
  c->devolution = -1;
  DWORD v;
  if (reg_dword(POLICY, L"UseDomainNameDevolution", &v) || reg_dword(TCPIP, L"UseDomainNameDevolution", &v))
    c->devolution = v != 0;
  if (reg_dword(POLICY, L"DomainNameDevolutionLevel", &v) || reg_dword(TCPIP, L"DomainNameDevolutionLevel", &v))
    c->level = v > 0 && v < 128 ? (unsigned)v : 0;
  if (search_list(c) && primary(c) && connection_suffixes(c)) return PP_OK;
  pp_wpad_dnsclient_clear(c);
  return PP_ENOMEM;
}
