/* user.js: applied over prefs.js at every start */
user_pref("network.proxy.type", 2);
user_pref("network.proxy.autoconfig_url", 'http://pac.corp.test/user.pac');
