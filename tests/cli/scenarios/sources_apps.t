# pacprobe sources --for firefox / dotnet / java / macos (issue 21): the
# application and runtime sources, each from a fixture built from its
# documented format, each with a malformed twin ("Must show" 4: one line
# with file:line, the other sources still reported, exit 1).
# Fixtures: tests/cli/data/sources. Rules: docs/sources.md "Applications and runtimes".

=== Firefox: a Locked policy beats user.js and prefs.js; UseHTTPProxyForAllProtocols fills ssl and socks
$ pacprobe sources --no-env --firefox-policies $DATA/sources/firefox-policies.json --firefox-prefs $DATA/sources/firefox-prefs.js --firefox-prefs $DATA/sources/firefox-user.js --for firefox
out~ ^source 1: firefox-policy machine Proxy  .*firefox-policies.json:4$
out~ ^    Mode: manual \(Locked\)$
out~ ^    network.proxy.ssl = proxy.corp.test  \(line 7\)$
out~ ^source 3: firefox-prefs user user.js  .*firefox-user.js:2$
out~ ^effective: proxy http=proxy.corp.test:3128;https=proxy.corp.test:3128 bypass .corp.test;10.0.0.0/8$
out~ ^decided by: Firefox network.proxy.type=1 \(firefox-policy .*firefox-policies.json:5, Locked\)$
out~ ^warning \[firefox-localhost\]: Firefox never sends localhost
out! firefox-policy-not-locked

=== Firefox: user.js overrides prefs.js, preference by preference
$ pacprobe sources --no-env --firefox-prefs $DATA/sources/firefox-user.js --firefox-prefs $DATA/sources/firefox-prefs.js --for firefox
out~ ^effective: pac http://pac.corp.test/user.pac$
out~ ^decided by: Firefox network.proxy.type=2 \(firefox-prefs .*firefox-user.js:2\)$

=== Firefox: an unlocked policy is only a default; prefs.js overrides it, and https goes DIRECT without network.proxy.ssl
$ pacprobe sources --no-env --firefox-policies $DATA/sources/firefox-policies-unlocked.json --firefox-prefs $DATA/sources/firefox-prefs.js --for firefox
out~ ^    Mode: autoConfig \(not Locked: defaults the user can change\)$
out~ ^effective: proxy http=proxy.corp.test:8080 bypass localhost;.corp.test;192.168.0.0/16$
out~ ^decided by: Firefox network.proxy.type=1 \(firefox-prefs .*firefox-prefs.js:18\)$
out~ ^warning \[firefox-policy-not-locked\]: the Proxy policy \(.*firefox-policies-unlocked.json:4\) is not Locked: .*\(.*firefox-prefs.js:18\) overrides it
out~ ^warning \[firefox-no-ssl-proxy\]: network.proxy.ssl is not set: Firefox sends https DIRECT although share_proxy_settings is true \(.*firefox-prefs.js:17;

=== Firefox type 5 (the default): the system settings, here GNOME's
$ pacprobe sources --no-env --gnome $DATA/sources/gnome-auto.txt --for firefox
out~ ^decided by: Firefox network.proxy.type=5, system \(Firefox's default\) → the system settings: GNOME org.gnome.system.proxy mode=auto
out~ ^effective: pac http://pac.corp.test/gnome.pac$

=== Firefox type 5 without GNOME: the environment
$ env -i http_proxy=http://envproxy.test:3128 "$PP_BIN" sources --for firefox
out~ ^decided by: Firefox network.proxy.type=5, system \(Firefox's default\) → the system settings: env http_proxy$

=== Firefox malformed twins: one line each with file:line, the good policy still decides, exit 1
$ env -i http_proxy=http://envproxy.test:3128 "$PP_BIN" sources --firefox-prefs $DATA/sources/firefox-prefs-broken.js --firefox-policies $DATA/sources/firefox-policies-badtype.json --firefox-policies $DATA/sources/firefox-policies-unlocked.json --for firefox
exit 1
err~ ^pacprobe: error: .*firefox-policies-badtype.json:5: policy Proxy.Locked has the wrong type \(Firefox ignores the Proxy policy\)$
err~ ^pacprobe: error: .*firefox-prefs-broken.js:3: '\)' expected \(Firefox skips this statement; pacprobe does not use the file\)$
errlines 2
out~ ^source 4: env http_proxy$
out~ ^decided by: Firefox network.proxy.type=2 \(firefox-policy .*firefox-policies-unlocked.json:4\)$

=== Firefox JSON: the settings with their lines and Locked
$ pacprobe sources --no-env --firefox-policies $DATA/sources/firefox-policies.json --for firefox --format json
out~ "kind":"firefox-policy",.*"settings":\[\{"name":"network.proxy.type","value":"1","line":5\}
out~ "mode":"manual","locked":true

=== Java: -D beats net.properties per property; the password is masked; flags after -jar are the program's
$ env -i http_proxy=http://envproxy.test:3128 "$PP_BIN" sources --java-props $DATA/sources/java-net.properties --java-cmdline $DATA/sources/java-cmdline.txt --for java
out~ ^    http.nonProxyHosts = localhost\|127.\*\|\[::1\]\|\*.corp.test  \(line 20\)$
out~ ^    http.proxyPassword = \*\*\*\*  \(line 3\)$
out~ ^effective: proxy http=proxy.corp.test:3128;https=secure.corp.test:8443 bypass localhost;127.\*;\[::1\];\*.corp.test$
out~ ^decided by: Java http.proxyHost \(.*java-net.properties:18\), https.proxyHost \(.*java-cmdline.txt:2\)$
out~ ^warning \[java-ignores-env\]: Java does not read http_proxy
out! s3cret
out! not.a.jvm.option

=== Java: /proc/PID/cmdline (NUL-separated) is read as a command line
$ pacprobe sources --no-env --java-cmdline $DATA/sources/java-cmdline-proc.bin --for java
out~ ^effective: proxy http=proc.corp.test:8080 bypass \*.corp.test;localhost$

=== Java without properties goes direct; useSystemProxies without system settings says it cannot know
$ pacprobe sources --no-env --for java
out~ ^effective: direct$
out~ ^decided by: default: no proxy properties \(Java goes direct\)$

=== Java malformed twins: a bad \u escape, an unterminated quote; the good command line still decides, exit 1
$ pacprobe sources --no-env --java-props $DATA/sources/java-net-broken.properties --java-cmdline $DATA/sources/java-cmdline-broken.txt --java-cmdline $DATA/sources/java-cmdline-proc.bin --for java
exit 1
err~ ^pacprobe: error: .*java-net-broken.properties:4: malformed \\uxxxx encoding \(Properties.load throws: Java then reads none of this file\)$
err~ ^pacprobe: error: .*java-cmdline-broken.txt:2: unterminated " quote$
errlines 2
out~ ^decided by: Java http.proxyHost \(.*java-cmdline-proc.bin:1\)$

=== .NET Framework: app.config over machine.config attribute by attribute; the bypass regexes add up and are checked
$ pacprobe sources --no-env --dotnet-config $DATA/sources/dotnet-machine.config --dotnet-config $DATA/sources/dotnet-app.config --for dotnet
out~ ^source 1: dotnet-config defaultProxy  .*dotnet-machine.config:14$
out~ ^    bypasslist.add = \^https\?://intranet\\.corp\\.test\$  \(line 17\)$
out~ ^effective: proxy http://proxy.corp.test:8080 bypass contoso\\.com;\*.fabrikam.test;<local>$
out~ ^decided by: .NET <defaultProxy> usesystemdefault="false" \(.*dotnet-app.config:8\); proxyaddress \(.*dotnet-app.config:8\)$
out~ ^warning \[dotnet-bypass-unanchored\]: bypasslist entry 'contoso\\.com'
out~ ^warning \[dotnet-bypass-invalid\]: bypasslist entry '\*.fabrikam.test' is not a valid regular expression

=== .NET Framework: machine.config alone takes the account's WinINet settings (usesystemdefault)
$ pacprobe sources --no-env --dotnet-config $DATA/sources/dotnet-machine.config --reg $DATA/sources/corp.reg --for dotnet
out~ ^decided by: .NET <defaultProxy> usesystemdefault → the system settings: WinINet user
out~ ^effective: (proxy|pac) 

=== .NET Core without config files: HttpClient.DefaultProxy reads the environment (HTTP_PROXY too, unlike curl)
$ env -i HTTP_PROXY=http://upper.test:3128 NO_PROXY=.corp.test "$PP_BIN" sources --for dotnet
out~ ^effective: proxy http=http://upper.test:3128 bypass .corp.test$
out~ ^decided by: .NET \(HttpClient.DefaultProxy\) env HTTP_PROXY$

=== .NET malformed twins: an attribute .NET does not know, a tag that does not close; machine.config still decides, exit 1
$ pacprobe sources --no-env --dotnet-config $DATA/sources/dotnet-machine.config --dotnet-config $DATA/sources/dotnet-broken.config --dotnet-config $DATA/sources/dotnet-badxml.config --for dotnet
exit 1
err~ ^pacprobe: error: .*dotnet-broken.config:5: unrecognized attribute 'proxyAddress' on <proxy> \(.NET throws ConfigurationErrorsException\)$
err~ ^pacprobe: error: .*dotnet-badxml.config:6: not well-formed XML: </defaultproxy> does not close <defaultProxy>$
errlines 2
out~ ^decided by: .NET <defaultProxy> usesystemdefault → the system settings

=== macOS: scutil --proxy is the effective view (ExceptionsList, ExcludeSimpleHostnames; __SCOPED__ ignored)
$ pacprobe sources --no-env --scutil $DATA/sources/scutil-proxy.txt --for macos
out~ ^source 1: scutil user State:/Network/Global/Proxies  .*scutil-proxy.txt:1$
out~ ^effective: proxy http=proxy.corp.test:3128;https=proxy.corp.test:3128 bypass \*.local;169.254/16;\*.corp.test;<local>$
out~ ^decided by: macOS scutil --proxy \(.*scutil-proxy.txt\)$

=== macOS: a PAC with auto-discovery on; scutil beats the plist; Firefox (type 5) and Chrome follow it
$ pacprobe sources --no-env --scutil $DATA/sources/scutil-pac.txt --macos-plist $DATA/sources/macos-preferences.plist --for macos,firefox,chrome
out~ ^effective: pac http://pac.corp.test/mac.pac \(auto-detect on\)$
out~ ^warning \[auto-detect-with-proxy\]: automatic detection is on as well: CFNetwork \(and Chrome\) tries WPAD first
out~ ^decided by: Firefox network.proxy.type=5, system \(Firefox's default\) → the system settings: macOS scutil --proxy
out~ ^decided by: no Chrome proxy policy → the system settings: macOS scutil --proxy

=== macOS plist alone: one source per service in ServiceOrder; the first with settings, with a warning
$ pacprobe sources --no-env --macos-plist $DATA/sources/macos-preferences.plist --for macos
out~ ^source 1: macos-plist machine USB 10/100/1000 LAN \(5E6F7A8B-0000-4000-8000-00000000000B\)  .*macos-preferences.plist:30$
out~ ^source 2: macos-plist machine Wi-Fi \(1A2B3C4D-0000-4000-8000-00000000000A\)
out~ ^effective: proxy http=proxy.corp.test:8080;https=proxy.corp.test:8080 bypass \*.local;\*.corp.test;<local>$
out~ ^warning \[macos-plist-service\]: the plist does not say which network service is primary

=== macOS malformed twins: scutil text that is not its format, an XML error, a binary plist; the good plist still decides, exit 1
$ pacprobe sources --no-env --scutil $DATA/sources/scutil-broken.txt --macos-plist $DATA/sources/macos-broken.plist --macos-plist $DATA/sources/macos-binary.plist --macos-plist $DATA/sources/macos-preferences.plist --for macos
exit 1
err~ ^pacprobe: error: .*scutil-broken.txt:3: not 'KEY : VALUE'$
err~ ^pacprobe: error: .*macos-broken.plist:13: not an XML property list: an unknown entity
err~ ^pacprobe: error: .*macos-binary.plist:1: a binary property list: pacprobe reads the XML form; convert it with 'plutil -convert xml1 -o - .*macos-binary.plist'$
errlines 3
out~ ^decided by: macOS preferences.plist service \(USB 10/100/1000 LAN

=== a missing file of each kind is an error source, exit 1
$ pacprobe sources --no-env --firefox-prefs $TMP/none.js --java-props $TMP/none.properties --for java
exit 1
err~ none.js: cannot open
err~ none.properties: cannot open

=== check --for firefox decides from the Firefox files too (a refused loopback proxy, no traffic leaves the host)
$ env -i "$PP_BIN" check --for firefox --firefox-prefs $DATA/sources/firefox-loopback.js http://127.0.0.1:9/
exit 1
out~ decided by: Firefox network.proxy.type=1 \(firefox-prefs .*firefox-loopback.js:1\) → PROXY 127.0.0.1:9 failed
err~ ^pacprobe: warning: network.proxy.ssl is not set: Firefox sends https DIRECT$

=== --root reads Firefox's policies.json and a Debian JDK's net.properties at their standard paths (a malformed one: exit 1)
$ mkdir -p $TMP/r/etc/firefox/policies $TMP/r/etc/java-17-openjdk $TMP/r/etc/java-21-openjdk && cp $DATA/sources/firefox-policies.json $TMP/r/etc/firefox/policies/policies.json && cp $DATA/sources/java-net.properties $TMP/r/etc/java-17-openjdk/net.properties && cp $DATA/sources/java-net-broken.properties $TMP/r/etc/java-21-openjdk/net.properties && pacprobe sources --no-env --root $TMP/r --for firefox,java
exit 1
out~ ^source 1: firefox-policy machine Proxy  .*r/etc/firefox/policies/policies.json:4$
out~ ^source 2: java-props machine net.properties  .*r/etc/java-17-openjdk/net.properties:15$
out~ ^decided by: Firefox network.proxy.type=1 \(firefox-policy .*r/etc/firefox/policies/policies.json:5, Locked\)$
out~ ^decided by: Java http.proxyHost \(.*r/etc/java-17-openjdk/net.properties:18\)
err~ ^pacprobe: error: .*r/etc/java-21-openjdk/net.properties:4: malformed \\uxxxx encoding
errlines 1
