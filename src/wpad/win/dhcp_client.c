/* SPDX-License-Identifier: MIT */
/*
 * The DHCP side of discover on Windows (wpad_int.h's dhcp_client seam):
 * option 252 asked of the Windows DHCP client service with
 * DhcpRequestParams (dhcpcsvc.dll), per IPv4 adapter that is up, as
 * WinHTTP's own auto-detection does, instead of pacprobe's DHCPINFORM.
 * The DLL is loaded at run time: where it or the function is missing (Wine
 * has no DHCP client service) each interface gets an `error` attempt that
 * says so, never a silent "nothing found". Chromium's cleaning of the value
 * (pp_dhcp_clean_252) applies as on Linux.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#include <dhcpcsdk.h>
#undef interface  /* objbase.h's macro; wpad_int.h has a field of that name */
#undef PP_VERSION /* wincrypt.h's; pacprobe.h defines the version string */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "wpad/wpad_int.h"
#include "wstr.h" /* src/os/win */

#define OPTION_WPAD 252

typedef DWORD(APIENTRY *request_fn)(DWORD, LPVOID, LPWSTR, LPDHCPCAPI_CLASSID,
                                     DHCPCAPI_PARAMS_ARRAY, DHCPCAPI_PARAMS_ARRAY, LPBYTE,
                                     LPDWORD, LPWSTR);

/* Every adapter's addresses (IPv4), malloc'd; NULL on failure. */
static IP_ADAPTER_ADDRESSES *adapters(void) {
  ULONG len = 16384;
  for (int tries = 0; tries < 3; tries++) {
    IP_ADAPTER_ADDRESSES *a = malloc(len);
    if (!a) return NULL;
    ULONG rc = GetAdaptersAddresses(AF_INET, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                                    GAA_FLAG_SKIP_DNS_SERVER, NULL, a, &len);
    if (rc == NO_ERROR) return a;
    free(a);
    if (rc != ERROR_BUFFER_OVERFLOW) return NULL;
  }
  return NULL;
}

static bool usable(const IP_ADAPTER_ADDRESSES *a) {
  return a->OperStatus == IfOperStatusUp && a->IfType != IF_TYPE_SOFTWARE_LOOPBACK &&
         a->FirstUnicastAddress;
}

/* The interface's name: its friendly name ("Ethernet"), as `ipconfig`
 * shows it, truncated to the field. */
static void fill(pp_wpad_iface_t *f, const IP_ADAPTER_ADDRESSES *a) {
  char *name = pp_win_utf8(a->FriendlyName, (int)wcslen(a->FriendlyName));
  snprintf(f->name, sizeof(f->name), "%s", name ? name : a->AdapterName);
  free(name);
  f->index = a->IfIndex;
  const struct sockaddr_in *sin = (const struct sockaddr_in *)a->FirstUnicastAddress->Address.lpSockaddr;
  memcpy(f->addr, &sin->sin_addr, 4);
  memcpy(f->mac, a->PhysicalAddress, a->PhysicalAddressLength >= 6 ? 6 : 0);
}

static bool named(const IP_ADAPTER_ADDRESSES *a, const char *const *names, size_t n, size_t *which) {
  char *friendly = pp_win_utf8(a->FriendlyName, (int)wcslen(a->FriendlyName));
  bool hit = false;
  for (size_t i = 0; i < n && !hit; i++)
    if ((friendly && _stricmp(friendly, names[i]) == 0) || _stricmp(a->AdapterName, names[i]) == 0)
      hit = (*which = i, true);
  free(friendly);
  return hit;
}

pp_status_t pp_wpad_dhcp_interfaces(const char *const *names, size_t n, pp_wpad_iface_t **out,
                                    size_t *nout, char *err, size_t errlen) {
  *out = NULL;
  *nout = 0;
  IP_ADAPTER_ADDRESSES *all = adapters();
  size_t count = 0, which = 0;
  for (IP_ADAPTER_ADDRESSES *a = all; a; a = a->Next) count++;
  pp_wpad_iface_t *v = calloc(count + 1, sizeof(*v));
  bool *seen = calloc(n + 1, sizeof(*seen));
  if (!v || !seen) {
    free(all), free(v), free(seen);
    return PP_ENOMEM;
  }
  for (IP_ADAPTER_ADDRESSES *a = all; a; a = a->Next) {
    if (n ? !named(a, names, n, &which) || !a->FirstUnicastAddress : !usable(a)) continue;
    if (n) seen[which] = true;
    fill(&v[(*nout)++], a);
  }
  free(all);
  for (size_t i = 0; i < n; i++)
    if (!seen[i]) {
      pp_set_err(err, errlen, "interface %s: no such adapter with an IPv4 address", names[i]);
      free(v), free(seen);
      *nout = 0;
      return PP_EINVAL;
    }
  free(seen);
  *out = v;
  return PP_OK;
}

/* The adapter GUID name ("{...}") DhcpRequestParams takes, by index. */
static wchar_t *guid_of(unsigned index) {
  IP_ADAPTER_ADDRESSES *all = adapters();
  wchar_t *w = NULL;
  for (IP_ADAPTER_ADDRESSES *a = all; a && !w; a = a->Next)
    if (a->IfIndex == index) w = pp_win_wide(a->AdapterName);
  free(all);
  return w;
}

static pp_status_t unavailable(pp_discovery_t *d, const pp_wpad_iface_t *f, const char *why) {
  pp_wpad_attempt_t *a = pp_wpad_trace_add(d, PP_WPAD_DHCP, f->name, "DhcpRequestParams", "error");
  if (!a || !pp_wpad_set(&a->detail, "%s; DHCP option 252 on Windows needs the DHCP client "
                         "service of a real Windows host (Wine has none)", why))
    return PP_ENOMEM;
  return PP_OK;
}

static pp_status_t ask(pp_discovery_t *d, request_fn request, const pp_wpad_iface_t *f) {
  BYTE buf[4096];
  DWORD size = sizeof(buf);
  DHCPAPI_PARAMS param = {0, OPTION_WPAD, FALSE, NULL, 0};
  DHCPCAPI_PARAMS_ARRAY send = {0, NULL}, recd = {1, &param};
  wchar_t *guid = guid_of(f->index);
  double t0 = pp_dns_now_ms();
  DWORD rc = guid ? request(DHCPCAPI_REQUEST_SYNCHRONOUS, NULL, guid, NULL, send, recd, buf, &size,
                            NULL) : ERROR_NOT_FOUND;
  free(guid);
  bool has = rc == ERROR_SUCCESS && param.nBytesData > 0 && param.Data;
  const char *result = rc != ERROR_SUCCESS ? "error" : has ? "url" : "no-option-252";
  pp_wpad_attempt_t *a = pp_wpad_trace_add(d, PP_WPAD_DHCP, f->name, "DhcpRequestParams", result);
  if (!a) return PP_ENOMEM;
  a->ms = pp_dns_now_ms() - t0;
  char removed[64] = "", *raw = NULL;
  if (has && pp_dhcp_clean_252(param.Data, param.nBytesData, &a->answer, removed,
                               sizeof(removed)) != PP_OK)
    return PP_ENOMEM;
  if (has && !(raw = pp_dhcp_escape(param.Data, param.nBytesData))) return PP_ENOMEM;
  bool ok = rc == ERROR_SUCCESS
                ? pp_wpad_set(&a->detail, "from the DHCP client service%s%s%s", raw ? "; option 252 raw \"" : "",
                              raw ? raw : "", raw ? "\"" : "")
                : pp_wpad_set(&a->detail, "DhcpRequestParams failed (error %lu)", (unsigned long)rc);
  if (ok && *removed)
    ok = pp_wpad_warn(d, "dhcp-252-trimmed", "%s: option 252 has a %s (\"%s\"); Chromium removes "
                      "it, other clients may use the value as is", f->name, removed, raw);
  free(raw);
  return ok ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_wpad_dhcp_run(const pp_wpad_iface_t *ifs, size_t n, unsigned timeout_ms,
                             pp_discovery_t *d) {
  HMODULE dll = LoadLibraryW(L"dhcpcsvc.dll");
  request_fn request = dll ? (request_fn)(void (*)(void))GetProcAddress(dll, "DhcpRequestParams") : NULL;
  DWORD ver = 0;
  FARPROC init = dll ? GetProcAddress(dll, "DhcpCApiInitialize") : NULL;
  DWORD irc = init ? ((DWORD(APIENTRY *)(LPDWORD))(void (*)(void))init)(&ver) : ERROR_PROC_NOT_FOUND;
  pp_status_t st = PP_OK;
  char why[160];
  if (!request || irc != ERROR_SUCCESS)
    snprintf(why, sizeof(why), "%s (error %lu)", !dll ? "dhcpcsvc.dll cannot be loaded"
             : !request ? "dhcpcsvc.dll has no DhcpRequestParams"
             : "DhcpCApiInitialize failed", (unsigned long)(dll ? irc : GetLastError()));
  for (size_t i = 0; i < n && st == PP_OK; i++)
    st = request && irc == ERROR_SUCCESS ? ask(d, request, &ifs[i]) : unavailable(d, &ifs[i], why);
  FARPROC cleanup = dll && irc == ERROR_SUCCESS ? GetProcAddress(dll, "DhcpCApiCleanup") : NULL;
  if (cleanup) ((void(APIENTRY *)(void))(void (*)(void))cleanup)();
  if (dll) FreeLibrary(dll);
  return st;
}
