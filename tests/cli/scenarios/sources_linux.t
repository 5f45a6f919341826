# pacprobe sources for the Linux system sources (issue 21): KDE's kioslaverc,
# /etc/environment, systemd DefaultEnvironment/Environment=, apt, Docker, and
# --root/--live over the standard locations (docs/sources.md "Linux system
# sources", "Standard locations"). Fixtures: tests/cli/data/sources; each has
# a malformed twin (*-broken*).

=== KDE manual: "host port" and URL forms, NoProxyFor, the password masked
$ pacprobe sources --no-env --kde $DATA/sources/kioslaverc-manual --for kde
out~ ^source 1: kde user \[Proxy Settings\]  .*kioslaverc-manual$
out~ ^    ProxyType: 1 \(manual\)$
out~ ^effective: proxy http=http://proxy.corp.test:3128;https=http://user:\*\*\*\*@proxy.corp.test:3129;socks=socks://socks.corp.test:1080 bypass localhost;127.0.0.1;.corp.test$
out~ ^decided by: KDE kioslaverc ProxyType=1 \(manual\)
out! secret

=== KDE ProxyType=4 reads the variables its keys name (the first set of a list)
$ env -i http_proxy=http://envproxy.test:3128 https_proxy=http://envsproxy.test:3128 no_proxy=.corp.test "$PP_BIN" sources --kde $DATA/sources/kioslaverc-env --for kde
out~ ^    proxy: http=\$http_proxy;https=\$HTTPS_PROXY,https_proxy$
out~ ^effective: proxy http=http://envproxy.test:3128;https=http://envsproxy.test:3128 bypass .corp.test$
out~ ^decided by: KDE kioslaverc ProxyType=4: the environment of the session \(http: http_proxy, https: https_proxy, bypass: no_proxy\)

=== Chrome on KDE without a policy reads kioslaverc; the last file (the user's) decides
$ pacprobe sources --no-env --kde $DATA/sources/kioslaverc-manual --kde $DATA/sources/kioslaverc-pac --for chrome
out~ ^effective: pac http://pac.corp.test/kde.pac$
out~ ^decided by: no Chrome proxy policy → the system settings: KDE kioslaverc ProxyType=2 \(pac\)

=== KDE malformed twin: file:line, the other file still decides, exit 1
$ pacprobe sources --no-env --kde $DATA/sources/kioslaverc-broken --kde $DATA/sources/kioslaverc-pac --for kde
exit 1
err~ ^pacprobe: error: .*kioslaverc-broken:2: ProxyType is not 0 to 4$
errlines 1
out~ ^decided by: KDE kioslaverc ProxyType=2

=== /etc/environment: a login session's variables with curl's rules (HTTP_PROXY warned)
$ pacprobe sources --no-env --environment $DATA/sources/environment --for session
out~ ^source 1: environment http_proxy  .*environment:3$
out~ ^source 2: environment https_proxy  .*environment:4$
out~ ^effective: proxy http://proxy.corp.test:3128/ bypass localhost;127.0.0.1;.corp.test$
out~ ^decided by: login session \(pam_env /etc/environment\): environment http_proxy \(.*environment:3\), environment https_proxy \(.*environment:4\)$
out! http-proxy-ignored

=== /etc/environment malformed twin: the bad line is file:line, its other lines and the other file still count
$ pacprobe sources --no-env --environment $DATA/sources/environment-broken --for session
exit 1
err~ ^pacprobe: error: .*environment-broken:2: not NAME=VALUE \(pam_env ignores the line\)$
errlines 1
out~ ^decided by: login session \(pam_env /etc/environment\): environment http_proxy \(.*environment-broken:1\), environment https_proxy \(.*environment-broken:3\)$

=== the shell's variables are not a session's or a service's
$ env -i http_proxy=http://shell.test:1 "$PP_BIN" sources --for session,service
out~ ^decided by: login session \(pam_env /etc/environment\): default: no proxy variables set
out~ ^decided by: systemd system service \(DefaultEnvironment\): default: no proxy variables set

=== systemd: DefaultEnvironment with quotes and a continuation decides for services; the unit's Environment= is docker's
$ pacprobe sources --no-env --systemd $DATA/sources/system.conf --systemd $DATA/sources/docker.service.d/http-proxy.conf --for service
out~ ^source 1: systemd machine http_proxy  .*system.conf:4$
out~ ^    DefaultEnvironment$
out~ ^source 4: systemd machine HTTP_PROXY  .*docker.service.d/http-proxy.conf:2$
out~ ^    docker.service$
out~ ^effective: proxy http://sysproxy.corp.test:8080 bypass localhost;.corp.test$
out~ ^decided by: systemd system service \(DefaultEnvironment\): systemd http_proxy of DefaultEnvironment
out~ ^    proxy: http://svc%5Cuser:\*\*\*\*@dockerproxy.corp.test:3128$
out! ss@

=== systemd malformed twin: an unterminated quote is file:line, the next line still counts
$ pacprobe sources --no-env --systemd $DATA/sources/systemd-broken.conf --for service
exit 1
err~ ^pacprobe: error: .*systemd-broken.conf:2: unterminated quote \(systemd ignores the line\)$
errlines 1
out~ ^effective: proxy https=http://sysproxy.corp.test:8080$

=== apt: Acquire::https::Proxy "DIRECT" beats the environment; per-host DIRECT is a bypass entry
$ env -i https_proxy=http://envs.test:1 "$PP_BIN" sources --apt $DATA/sources/apt-proxy.conf --for apt
out~ ^source 2: apt machine Acquire::https::Proxy  .*apt-proxy.conf:3$
out~ ^    DIRECT \(no proxy\)$
out~ ^effective: proxy http=http://aptproxy.corp.test:3142/ bypass deb.corp.test$
out~ ^decided by: apt: http: apt Acquire::http::Proxy \(.*apt-proxy.conf:2\), https: apt Acquire::https::Proxy DIRECT
out~ ^warning \[apt-host-proxy\]: apt uses http://mirrorproxy.corp.test:3128/ for mirror.example
out~ ^source 5: env https_proxy$
out~ ^    in effect: no$

=== apt nested scopes: https falls back to Acquire::http::Proxy; the auto-detect command is reported, not run
$ env -i HTTP_PROXY=http://upper.test:1 "$PP_BIN" sources --apt $DATA/sources/apt-nested.conf --for apt
out~ ^    command: /usr/bin/auto-apt-proxy$
out~ ^effective: proxy http://apt:\*\*\*\*@aptproxy.corp.test:3142/$
out~ ^warning \[apt-auto-detect\]: apt first runs '/usr/bin/auto-apt-proxy' with each URL
out~ ^warning \[apt-upper-case-ignored\]
out! secret

=== apt without settings: https_proxy, else http_proxy (apt's fallback), with no_proxy
$ env -i http_proxy=http://envh.test:1 no_proxy=deb.corp.test "$PP_BIN" sources --for apt
out~ ^effective: proxy http://envh.test:1 bypass deb.corp.test$
out~ ^decided by: apt: http: env http_proxy, https: env http_proxy \(apt's fallback\)$

=== apt malformed twin (a missing ';': apt stops) next to apt-config dump output
$ pacprobe sources --no-env --apt $DATA/sources/apt-broken.conf --apt $DATA/sources/apt-config-dump.txt --for apt
exit 1
err~ ^pacprobe: error: .*apt-broken.conf:1: syntax error: ';' expected after the value \(apt stops on it\)$
errlines 1
out~ ^effective: proxy http=http://aptproxy.corp.test:3142/;https=http://aptsproxy.corp.test:3143/$

=== docker: daemon.json beats dockerd's environment field by field; Go reads HTTPS_PROXY first; the client's proxies are for containers
$ env -i http_proxy=http://shell.test:1 "$PP_BIN" sources --docker-config $DATA/sources/docker-config.json --docker-daemon $DATA/sources/daemon.json --systemd $DATA/sources/system.conf --systemd $DATA/sources/docker.service.d/http-proxy.conf --for docker
out~ ^effective: proxy http=http://daemonproxy.corp.test:3128;https=http://svc%5Cuser:\*\*\*\*@dockerproxy.corp.test:3128 bypass \*.corp.test;.example.org;127.0.0.0/8$
out~ ^decided by: dockerd: daemon.json http-proxy \(.*daemon.json:4\), systemd HTTPS_PROXY of docker.service \(.*http-proxy.conf:3\)$
out~ ^warning \[docker-client-proxies\]: the client's config.json proxies
out~ ^source [0-9]+: docker-client user httpsProxy  .*docker-config.json:6$
out~ ^    for daemon: default$
out! secret|p%40ss
out! bypass-never-matches

=== docker: the shell's proxy does not reach dockerd
$ env -i HTTPS_PROXY=http://shell.test:1 "$PP_BIN" sources --for docker
out~ ^effective: direct$
out~ ^warning \[docker-env-not-daemon\]

=== docker malformed twins: not JSON (file:line:col), a wrong type (file:line); the good daemon.json still decides
$ pacprobe sources --no-env --docker-config $DATA/sources/docker-config-broken.json --docker-daemon $DATA/sources/daemon-broken.json --docker-daemon $DATA/sources/daemon.json --for docker
exit 1
err~ ^pacprobe: error: .*docker-config-broken.json:5:3: not JSON: 
err~ ^pacprobe: error: .*daemon-broken.json:3: "http-proxy" is not a string \(Docker refuses the file\)$
errlines 2
out~ ^decided by: dockerd: daemon.json http-proxy

=== JSON: the new kinds carry their scope, mode and KDE's ProxyType
$ pacprobe sources --no-env --kde $DATA/sources/kioslaverc-manual --apt $DATA/sources/apt-proxy.conf --systemd $DATA/sources/docker.service.d/http-proxy.conf --for kde --format json
out~ "kind":"kde",.*"mode":"manual","proxy_type":1,"reversed_exception":false\}
out~ "kind":"apt",.*"value":"Acquire::https::Proxy",.*"mode":"DIRECT"\}
out~ "kind":"systemd",.*"key":"docker.service",.*"value":"HTTP_PROXY"

=== --root: every standard location under a fake tree, the user's kioslaverc after /etc/xdg's, leftovers skipped
$ bash $DATA/sources/make-root.sh $TMP/root && pacprobe sources --no-env --root $TMP/root --user alice --for kde,apt,docker,session,service,chrome
out~ ^source 1: environment http_proxy  .*root/etc/environment:3$
out~ root/etc/systemd/system/docker.service.d/http-proxy.conf:2$
out~ root/etc/apt/apt.conf.d/95proxy:2$
out~ root/home/alice/.docker/config.json:5$
out~ root/etc/opt/chrome/policies/managed/proxy.json
out~ ^decided by: KDE kioslaverc ProxyType=1 \(manual\) \(.*root/home/alice/.config/kioslaverc\)$
out~ ^decided by: apt: http: apt Acquire::http::Proxy \(.*95proxy:2\)
out~ ^decided by: dockerd: daemon.json http-proxy
out~ ^decided by: login session \(pam_env /etc/environment\): environment http_proxy
out~ ^decided by: systemd system service \(DefaultEnvironment\): systemd http_proxy
out~ ^decided by: Chrome policy ProxyMode=system → the system settings: KDE kioslaverc ProxyType=1
out! dpkg-old
errlines 0

=== --root: a symbolic link is not followed (it could leave the tree), named as an error; exit 1
$ bash $DATA/sources/make-root.sh $TMP/root2 && ln -s /etc/passwd $TMP/root2/etc/systemd/system.conf.d/evil.conf && pacprobe sources --no-env --root $TMP/root2 --user alice --for service
exit 1
err~ ^pacprobe: error: .*root2/etc/systemd/system.conf.d/evil.conf: a symbolic link: not followed under --root
errlines 1
out~ ^decided by: systemd system service

=== --root without --user reads $HOME under the root; an empty tree is no error
$ mkdir -p $TMP/empty && HOME=/home/bob "$PP_BIN" sources --no-env --root $TMP/empty --for kde
out~ ^no sources given or found$
out~ ^decided by: default: no kioslaverc given

=== --user must be a name
$ pacprobe sources --no-env --root $TMP --user ../etc
exit 2
err~ option --user: bad value '\.\./etc'

=== --live runs on this machine and exits 0 or 1 (1: something there could not be read)
$ pacprobe sources --no-env --live --for service >/dev/null; rc=$?; [ $rc -le 1 ] && echo sane
out= sane

=== --for names the Linux consumers in its error
$ pacprobe sources --for kdee
exit 2
err~ gnome, kde, session, service, apt, docker, firefox

=== check --for docker takes dockerd's proxy from daemon.json, not from the shell
$ env -i http_proxy=http://127.0.0.1:9 "$PP_BIN" check --for docker --docker-daemon $DATA/sources/daemon.json --connect-timeout 1 --resolve daemonproxy.corp.test=127.0.0.1 http://127.0.0.1:1/
exit 1
out~ daemon.json http-proxy
out! 127.0.0.1:9

=== check --for apt: Acquire::http::Proxy decides, the shell's http_proxy does not
$ env -i http_proxy=http://127.0.0.1:9 "$PP_BIN" check --for apt --apt $DATA/sources/apt-config-dump.txt --connect-timeout 1 --resolve aptproxy.corp.test=127.0.0.1 http://127.0.0.1:1/
exit 1
out~ apt: http: apt Acquire::http::Proxy

=== --root and --live together, or --user alone, are usage errors
$ pacprobe sources --no-env --root $TMP --live
exit 2
err~ options --root and --live: give one

=== --user needs --root or --live
$ pacprobe sources --no-env --user alice
exit 2
err~ option --user: only with --root or --live

=== KDE ProxyType=4 without the variables in the shell reads what pam_env gives the session (/etc/environment)
$ pacprobe sources --no-env --kde $DATA/sources/kioslaverc-env --environment $DATA/sources/environment --for kde
out~ ^effective: proxy http://proxy.corp.test:3128/ bypass localhost;127.0.0.1;.corp.test$
out~ ^decided by: KDE kioslaverc ProxyType=4: the environment of the session \(http: http_proxy of .*environment:3, https: https_proxy of .*environment:4, bypass: no_proxy\)
