/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 2: what the peer implementations do differently
 * from the browsers' library in 10-library.js (docs/pac-semantics.md §2, §8,
 * §9). chrome and winhttp keep the shared library untouched; firefox's
 * timeRange throws an Error object for a bad argument count.
 *
 *  pacparser, libproxy  the older Mozilla copy (nsProxyAutoConfig.js):
 *                       weekdayRange/dateRange/timeRange never wrap;
 *                       isInNet validates only the host, so masks are not
 *                       checked; no isValidIpAddress; isPlainHostName tests
 *                       only for '.'; libproxy's localHostOrDomainIs passes
 *                       '/^host/' to String.search and so never matches a
 *                       plain host.
 *  pac-resolver         an independent re-implementation: dateRange always
 *                       false, its own timeRange/weekdayRange, String
 *                       coercion, label-wise localHostOrDomainIs, isInNet
 *                       via the `netmask` package's parser; it has none of
 *                       convert_addr, isValidIpAddress, wdays, months.
 */
(function (G, mode, P) {
  if (mode === 'pacparser' || mode === 'libproxy') {
    G.weekdayRange = P.makeWeekdayRange(false);
    G.dateRange = P.makeDateRange(false);
    G.timeRange = P.makeTimeRange(false);
    G.isInNet = makeOldIsInNet(P.QUAD);
    delete G.isValidIpAddress;
  }
  if (mode === 'pacparser') {
    /* §2.1: non-strings are coerced in pacparser's column. */
    G.isPlainHostName = function isPlainHostName(host) {
      return String(host).search('\\.') == -1;
    };
    /* pacparser: dnsResolveEx returns "" on failure, so `!= null` makes
     * this always true (§3); the lookup still happens. */
    G.isResolvableEx = function isResolvableEx(host) {
      return dnsResolveEx(host) != null;
    };
  }
  if (mode === 'libproxy') {
    G.isPlainHostName = function isPlainHostName(host) {
      return host.search('\\.') == -1;
    };
    G.localHostOrDomainIs = function localHostOrDomainIs(host, hostdom) {
      /* The string becomes the RegExp /\/^host\//, which cannot match:
       * ("www", "www.example.com") is false in libproxy 0.5 (§2.1). */
      if (isPlainHostName(host)) return hostdom.search('/^' + host + '/') != -1;
      return host == hostdom;
    };
  }
  if (mode === 'firefox') G.timeRange = P.makeTimeRange(true, true);
  if (mode === 'pac-resolver') installPacResolver(G, P);
  delete G.__pp_private;
  freezeBindings(G);

  /* In the browsers the library is top-level declarations: writable and
   * enumerable but not deletable. Make ours the same now that the profile
   * has removed what it does not have. */
  function freezeBindings(G) {
    var names = ['dnsDomainIs', 'dnsDomainLevels', 'isValidIpAddress', 'convert_addr',
      'isInNet', 'isResolvable', 'localHostOrDomainIs', 'shExpMatch', 'wdays', 'months',
      'weekdayRange', 'dateRange', 'timeRange', 'isPlainHostName', 'isResolvableEx',
      'getClientVersion'];
    for (var i = 0; i < names.length; i++) {
      var d = Object.getOwnPropertyDescriptor(G, names[i]);
      if (d && d.configurable && 'value' in d) {
        Object.defineProperty(G, names[i], { configurable: false });
      }
    }
  }

  /* isInNet of the older Mozilla copy: only the host is checked (a dotted
   * quad with a field over 255 is false; anything else is resolved);
   * pattern and mask go straight to convert_addr. */
  function makeOldIsInNet(QUAD) {
    return function isInNet(ipaddr, pattern, maskstr) {
      var m = QUAD.exec(ipaddr);
      if (m == null) {
        ipaddr = dnsResolve(ipaddr);
        if (ipaddr == null) return false;
      } else if (m[1] > 255 || m[2] > 255 || m[3] > 255 || m[4] > 255) {
        return false;
      }
      var host = convert_addr(ipaddr);
      var pat = convert_addr(pattern);
      var mask = convert_addr(maskstr);
      return (host & mask) == (pat & mask);
    };
  }

  function installPacResolver(G, P) {
    var WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

    function weekdayOf(name) {
      for (var i = 0; i < WEEKDAYS.length; i++) if (WEEKDAYS[i] === name) return i;
      return -1;
    }

    G.isPlainHostName = function isPlainHostName(host) {
      return !/\./.test(host);
    };
    G.dnsDomainIs = function dnsDomainIs(host, domain) {
      /* substr(-0) is the whole host, so an empty domain is false (§2.1). */
      host = String(host);
      domain = String(domain);
      return host.substr(-domain.length) === domain;
    };
    G.dnsDomainLevels = function dnsDomainLevels(host) {
      var dots = String(host).match(/\./g);
      return dots ? dots.length : 0;
    };
    G.localHostOrDomainIs = function localHostOrDomainIs(host, hostdom) {
      /* Label-wise prefix compare; throws on non-strings. */
      var a = host.split('.');
      var b = hostdom.split('.');
      for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      return true;
    };
    G.shExpMatch = P.makeShExpMatch(true);
    G.isInNet = function isInNet(host, pattern, mask) {
      var ip = P.QUAD.test(host) ? host : dnsResolve(host);
      if (typeof ip !== 'string') return false;
      return netmaskContains(pattern, mask, ip);
    };
    G.dateRange = function dateRange() {
      return false;
    };
    G.weekdayRange = function weekdayRange(wd1, wd2, gmt) {
      /* Fixed (wd1, wd2, gmt); "GMT" in position 2 or 3; an invalid wd2 is
       * ignored; wraps (§8.1). */
      var useGmt = gmt === 'GMT' || wd2 === 'GMT';
      var from = weekdayOf(wd1);
      var to = weekdayOf(wd2);
      var now = new Date();
      var today = useGmt ? now.getUTCDay() : now.getDay();
      if (to < 0) return today === from;
      if (from <= to) return from <= today && today <= to;
      return (from <= today && today <= 6) || (0 <= today && today <= to);
    };
    G.timeRange = function timeRange() {
      /* §8.3: 2 args exclusive end, 4/6 args by seconds of the day, never
       * wraps, other counts false. */
      var args = Array.prototype.slice.call(arguments);
      var last = args.pop();
      var useGmt = last === 'GMT';
      if (!useGmt) args.push(last);
      var now = new Date();
      var n = [];
      for (var i = 0; i < args.length; i++) n.push(parseInt(args[i], 10));
      var h = useGmt ? now.getUTCHours() : now.getHours();
      var m = useGmt ? now.getUTCMinutes() : now.getMinutes();
      var s = useGmt ? now.getUTCSeconds() : now.getSeconds();
      if (n.length === 1) return h === n[0];
      if (n.length === 2) return n[0] <= h && h < n[1];
      if (n.length === 4) return secs(n[0], n[1], 0) <= secs(h, m, 0) && secs(h, m, 0) <= secs(n[2], n[3], 59);
      if (n.length === 6) return secs(n[0], n[1], n[2]) <= secs(h, m, s) && secs(h, m, s) <= secs(n[3], n[4], n[5]);
      return false;
    };
    delete G.convert_addr;
    delete G.isValidIpAddress;
    delete G.wdays;
    delete G.months;
  }

  function secs(h, m, s) {
    return h * 3600 + m * 60 + s;
  }

  /*
   * The `netmask` npm package (2.x) as pac-resolver's isInNet uses it:
   * new Netmask(pattern, mask).contains(ip), any exception meaning false.
   * Addresses are parsed like inet_aton: 1 to 4 parts, each decimal, 0x hex
   * or 0-prefixed octal, the last part filling the remaining bytes; so the
   * short mask "255.0.0" is 255.0.0.0 (§2.3). A dotted mask must be
   * contiguous ones; one without a dot is a prefix length.
   */
  function netmaskContains(pattern, mask, ip) {
    if (typeof pattern !== 'string') return false;
    if (!mask) {
      var cut = pattern.split('/');
      pattern = cut[0];
      mask = cut[1];
      if (!mask) mask = 32;
    }
    var maskLong;
    var bits;
    if (typeof mask === 'string' && mask.indexOf('.') > -1) {
      maskLong = inetAton(mask);
      if (maskLong === null) return false;
      for (var i = 32; i >= 0; i--) {
        /* i == 0 shifts by 32, which JS takes as 0: an all-zero mask
         * matches no prefix length and the package rejects it. */
        if (maskLong === (0xffffffff << (32 - i)) >>> 0) {
          bits = i;
          break;
        }
      }
    } else {
      bits = parseInt(mask, 10);
      maskLong = bits > 0 ? (0xffffffff << (32 - bits)) >>> 0 : 0;
    }
    var net = inetAton(pattern);
    if (net === null || !(bits <= 32)) return false;
    var addr = inetAton(ip);
    if (addr === null) return false;
    return ((addr & maskLong) >>> 0) === ((net & maskLong) >>> 0);
  }

  /* One number of an address part at s[pos..]: [value, next pos], or null. */
  function atonPart(s, pos) {
    var base = 10;
    var i = pos;
    if (s.length - pos > 1 && s.charAt(pos) === '0') {
      var c = s.charAt(pos + 1);
      if (c === 'x' || c === 'X') {
        base = 16;
        i += 2;
      } else if (c >= '0' && c <= '9') {
        base = 8;
        i += 1;
      }
    }
    var start = i;
    var n = 0;
    for (; i < s.length; i++) {
      var d = parseInt(s.charAt(i), base);
      if (isNaN(d)) break;
      n = n * base + d;
      if (n > 0xffffffff) return null;
    }
    return i === start ? null : [n, i];
  }

  function inetAton(s) {
    var parts = [];
    var pos = 0;
    while (parts.length < 4 && pos < s.length) {
      if (parts.length > 0) {
        if (s.charAt(pos) !== '.') return null;
        pos++;
      }
      var r = atonPart(s, pos);
      if (r === null) return null;
      parts.push(r[0]);
      pos = r[1];
    }
    if (pos !== s.length || parts.length === 0) return null;
    var p = parts;
    switch (p.length) {
      case 1:
        return p[0] >>> 0;
      case 2:
        if (p[0] > 0xff || p[1] > 0xffffff) return null;
        return ((p[0] << 24) | p[1]) >>> 0;
      case 3:
        if (p[0] > 0xff || p[1] > 0xff || p[2] > 0xffff) return null;
        return ((p[0] << 24) | (p[1] << 16) | p[2]) >>> 0;
      default:
        if (p[0] > 0xff || p[1] > 0xff || p[2] > 0xff || p[3] > 0xff) return null;
        return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
    }
  }
})(this, typeof __pp_mode === 'string' ? __pp_mode : 'chrome', this.__pp_private);
