/* SPDX-License-Identifier: MIT */
/*
 * Where each source lives on a system (issue 21; docs/sources.md "Standard
 * locations"): the one table `sources --root DIR` and `--live` walk. A row
 * names a path relative to the root (or, with PP_LOC_HOME, to the user's
 * home), whose last component may hold one '*' (every matching name,
 * sorted bytewise: the order apt, systemd and Chrome read them in), the
 * source kind an unreadable file is reported as, and the pp_config_add_*
 * function that reads the bytes. Rows are read in table order, so a later
 * row's source wins where the consumer takes the last one (the user's
 * kioslaverc after /etc/xdg's, drop-ins after the main file).
 *
 * To add a source family: append its rows to `builtin` under a comment
 * naming the family (one block per family keeps merges simple), or call
 * pp_location_register at run time. Reading the files is the caller's job
 * (src/cli/sources_root.c): this file does no I/O.
 */
#include <string.h>

#include "config/config_int.h"

static pp_status_t add_chrome(pp_config_t *c, const void *d, size_t n, const char *f) {
  return pp_config_add_browser_policy(c, d, n, f, false);
}
static pp_status_t add_edge(pp_config_t *c, const void *d, size_t n, const char *f) {
  return pp_config_add_browser_policy(c, d, n, f, true);
}
static pp_status_t add_docker_client(pp_config_t *c, const void *d, size_t n, const char *f) {
  return pp_config_add_docker(c, d, n, f, false);
}
static pp_status_t add_docker_daemon(pp_config_t *c, const void *d, size_t n, const char *f) {
  return pp_config_add_docker(c, d, n, f, true);
}

static const pp_location_t builtin[] = {
    /* login session and services (envfile.c) */
    {"etc/environment", 0, PP_SRC_ENVFILE, pp_config_add_envfile},
    {"etc/systemd/system.conf", 0, PP_SRC_SYSTEMD, pp_config_add_systemd},
    {"etc/systemd/system.conf.d/*.conf", 0, PP_SRC_SYSTEMD, pp_config_add_systemd},
    {"etc/systemd/user.conf", 0, PP_SRC_SYSTEMD, pp_config_add_systemd},
    {"etc/systemd/user.conf.d/*.conf", 0, PP_SRC_SYSTEMD, pp_config_add_systemd},
    {"etc/systemd/system/docker.service.d/*.conf", 0, PP_SRC_SYSTEMD, pp_config_add_systemd},
    /* apt (apt.c): apt.conf.d in name order, then apt.conf (apt-pkg/init.cc) */
    {"etc/apt/apt.conf.d/*", 0, PP_SRC_APT, pp_config_add_apt},
    {"etc/apt/apt.conf", 0, PP_SRC_APT, pp_config_add_apt},
    /* Docker (docker.c) */
    {"etc/docker/daemon.json", 0, PP_SRC_DOCKER_DAEMON, add_docker_daemon},
    {".docker/config.json", PP_LOC_HOME, PP_SRC_DOCKER_CLIENT, add_docker_client},
    /* KDE (kde.c): the system's defaults, then the user's */
    {"etc/xdg/kioslaverc", 0, PP_SRC_KDE, pp_config_add_kde},
    {".config/kioslaverc", PP_LOC_HOME, PP_SRC_KDE, pp_config_add_kde},
    /* Chrome, Chromium, Edge policies (browserpolicy.c) */
    {"etc/opt/chrome/policies/managed/*.json", 0, PP_SRC_CHROME_POLICY, add_chrome},
    {"etc/chromium/policies/managed/*.json", 0, PP_SRC_CHROME_POLICY, add_chrome},
    {"etc/opt/edge/policies/managed/*.json", 0, PP_SRC_EDGE_POLICY, add_edge},
    /* Firefox (firefox.c): the system-wide policies.json, then the distribution
     * folders of the Debian and Mozilla packages; a later file wins per setting */
    {"etc/firefox/policies/policies.json", 0, PP_SRC_FIREFOX_POLICY, pp_config_add_firefox_policies},
    {"usr/lib/firefox/distribution/policies.json", 0, PP_SRC_FIREFOX_POLICY,
     pp_config_add_firefox_policies},
    {"usr/lib/firefox-esr/distribution/policies.json", 0, PP_SRC_FIREFOX_POLICY,
     pp_config_add_firefox_policies},
    /* Java (java.c): Debian's JDKs keep conf/net.properties in /etc */
    {"etc/java-11-openjdk/net.properties", 0, PP_SRC_JAVA_PROPS, pp_config_add_java_props},
    {"etc/java-17-openjdk/net.properties", 0, PP_SRC_JAVA_PROPS, pp_config_add_java_props},
    {"etc/java-21-openjdk/net.properties", 0, PP_SRC_JAVA_PROPS, pp_config_add_java_props},
    /* .NET Framework (dotnet.c): machine.config of a Windows tree */
    {"Windows/Microsoft.NET/Framework64/v4.0.30319/Config/machine.config", 0, PP_SRC_DOTNET,
     pp_config_add_dotnet},
    {"Windows/Microsoft.NET/Framework/v4.0.30319/Config/machine.config", 0, PP_SRC_DOTNET,
     pp_config_add_dotnet},
};

#define MAX_EXTRA 32
static pp_location_t extra[MAX_EXTRA];
static size_t nextra;

pp_status_t pp_location_register(const pp_location_t *row) {
  if (!row || !row->path || !row->add || row->path[0] == '/') return PP_EINVAL;
  if (nextra == MAX_EXTRA) return PP_ENOMEM;
  extra[nextra++] = *row;
  return PP_OK;
}

const pp_location_t *pp_location_at(size_t i) {
  size_t nb = sizeof(builtin) / sizeof(builtin[0]);
  if (i < nb) return &builtin[i];
  return i - nb < nextra ? &extra[i - nb] : NULL;
}
