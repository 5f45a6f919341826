# pacprobe sources --for chrome / --for edge (issue 21 "Must show" 1 and 4):
# browser proxy policies from the Linux JSON policy files and from .reg
# exports (docs/sources.md "Browser policies"). Fixtures: tests/cli/data/sources.

=== must show 1: a ProxyMode=pac_script policy beats the user's environment proxy; both listed
$ env -i http_proxy=http://user:secret@envproxy.test:3128 "$PP_BIN" sources --chrome-policy $DATA/sources/chrome-pac.json --for chrome
out~ ^for: chrome$
out~ ^source 1: chrome-policy machine ProxyMode  .*chrome-pac.json:3$
out~ ^    ProxyMode: pac_script \(ProxyPacMandatory\)$
out~ ^source 2: env http_proxy$
out~ ^    proxy: http://user:\*\*\*\*@envproxy.test:3128$
out~ ^effective: pac http://pac.corp.test/proxy.pac$
out~ ^decided by: Chrome policy ProxyMode=pac_script, ProxyPacMandatory \(.*chrome-pac.json:3\)$
out~ ^warning \[policy-overrides-user\]: .*Chrome does not use the user's settings \(env http_proxy\)$
out! secret

=== without a policy Chrome on Linux reads the environment (--for env gives the same proxy)
$ env -i http_proxy=http://envproxy.test:3128 "$PP_BIN" sources --for chrome
out~ ^effective: proxy http=http://envproxy.test:3128$
out~ ^decided by: no Chrome proxy policy → the system settings: env http_proxy$

=== JSON: the policy's mode and ProxyPacMandatory
$ env -i "$PP_BIN" sources --chrome-policy $DATA/sources/chrome-pac.json --for chrome --format json
out~ "kind":"chrome-policy","file":"[^"]*chrome-pac.json","line":3,.*"pac_url":"http://pac.corp.test/proxy.pac",.*"in_effect":true,"error":null,"mode":"pac_script","mandatory":true\}
out~ "decided_by":"Chrome policy ProxyMode=pac_script, ProxyPacMandatory

=== Edge: ProxySettings replaces the separate policies (its ProxyMode=direct is not used)
$ pacprobe sources --no-env --edge-policy $DATA/sources/edge-settings.json --for edge
out~ ^source 1: edge-policy machine ProxySettings  .*edge-settings.json:2$
out~ ^effective: proxy proxy.corp.test:3128 bypass \*.corp.test;10.0.0.0/8$
out~ ^decided by: Edge policy ProxyMode=fixed_servers
out! bypass-never-matches

=== ProxyServerMode 3 (system) hands over to the system settings
$ pacprobe sources --no-env --chrome-policy $DATA/sources/chrome-system.json --for chrome
out~ ^    ProxyMode: system$
out~ ^decided by: Chrome policy ProxyMode=system → the system settings: default: no proxy variables set

=== Windows policy keys in a .reg: HKLM beats HKCU for Chrome; Edge's HKCU ProxyServerMode 2 with a PAC URL is pac_script
$ pacprobe sources --no-env --reg $DATA/sources/browser-policies.reg --for chrome,edge
out~ ^source 1: chrome-policy machine ProxyMode  .*browser-policies.reg:4$
out~ ^source 2: chrome-policy user \(HKEY_CURRENT_USER\) ProxyMode  .*browser-policies.reg:9$
out~ ^decided by: Chrome policy ProxyMode=fixed_servers \(.*browser-policies.reg:4\)$
out~ ^effective: proxy proxy.corp.test:8080 bypass \*.corp.test;<local>$
out~ ^    ProxyServerMode: 2$
out~ ^decided by: Edge policy ProxyMode=pac_script, ProxyPacMandatory \(user, .*browser-policies.reg:12\)$

=== must show 4: malformed twins: one line each with file:line(:col), the other sources still reported, exit 1
$ env -i http_proxy=http://envproxy.test:3128 "$PP_BIN" sources --chrome-policy $DATA/sources/chrome-pac-broken.json --chrome-policy $DATA/sources/chrome-badtype.json --chrome-policy $DATA/sources/chrome-nourl.json --edge-policy $DATA/sources/edge-settings.json --for chrome
exit 1
err~ ^pacprobe: error: .*chrome-pac-broken.json:3:15: not a JSON policy file: '\}' expected near '"ProxyPacUrl"'$
err~ ^pacprobe: error: .*chrome-badtype.json:3: policy ProxyMode has the wrong type \(Chrome ignores the proxy policies\)$
err~ ^pacprobe: error: .*chrome-nourl.json:2: ProxyMode pac_script without ProxyPacUrl
errlines 3
out~ ^source 4: edge-policy machine ProxySettings
out~ ^decided by: no Chrome proxy policy → the system settings: env http_proxy$

=== a missing policy file: an error source, exit 1
$ pacprobe sources --no-env --chrome-policy $TMP/none.json --for chrome
exit 1
err~ none.json: cannot open

=== --for names the new consumers in its error
$ pacprobe sources --for firefoxx
exit 2
err~ chrome, edge, gnome, kde
err~ firefox, dotnet, java or macos

=== must show 3: a file:// AutoConfigURL names the clients that ignore it
$ pacprobe sources --no-env --reg $DATA/sources/autoconfig-file.reg --for user
out~ ^effective: pac file://C:/Windows/proxy.pac$
out~ ^warning \[pac-file-url\]: the PAC is a file:// URL \(file://C:/Windows/proxy.pac\): Chrome and Edge do not load it \(Chromium fetches http, https and data: only: PacFileFetcherImpl::IsUrlSchemeAllowed\), nor does the WinHTTP proxy service, so neither WinHTTP, the .NET services on it nor WinINet on Windows 10 \(Microsoft KB 4025058: no file:// or ftp:// PAC\); Firefox and libproxy read it$
out! pac-unc-path

=== a UNC PAC path: the share must be readable by the account
$ pacprobe sources --no-env --pac '\\fs\share\proxy.pac'
out~ ^warning \[pac-unc-path\]: the PAC is a UNC path \(\\\\fs\\share\\proxy.pac\): .*LocalService has no network credentials

=== GNOME: gsettings list-recursively org.gnome.system.proxy, mode manual
$ pacprobe sources --no-env --gnome $DATA/sources/gnome-manual.txt --for gnome
out~ ^source 1: gnome user org.gnome.system.proxy  .*gnome-manual.txt$
out~ ^    mode: manual$
out~ ^effective: proxy proxy.corp.test:3128 bypass localhost;127.0.0.0/8;::1;\*.corp.test$
out~ ^decided by: GNOME org.gnome.system.proxy mode=manual
out! bypass-never-matches

=== Chrome on GNOME without a policy (or with ProxyMode=system) reads GNOME's settings
$ pacprobe sources --no-env --gnome $DATA/sources/gnome-auto.txt --chrome-policy $DATA/sources/chrome-system.json --for chrome
out~ ^effective: pac http://pac.corp.test/gnome.pac$
out~ ^decided by: Chrome policy ProxyMode=system → the system settings: GNOME org.gnome.system.proxy mode=auto

=== GNOME malformed twin: one line with file:line, the other file still decides, exit 1
$ pacprobe sources --no-env --gnome $DATA/sources/gnome-broken.txt --gnome $DATA/sources/gnome-auto.txt --for gnome
exit 1
err~ ^pacprobe: error: .*gnome-broken.txt:2: mode is not a string$
errlines 1
out~ ^decided by: GNOME org.gnome.system.proxy mode=auto
