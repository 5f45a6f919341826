/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 1: the Mozilla PAC utility library that
 * Chromium (services/proxy_resolver/pac_js_library.h) and Firefox
 * (netwerk/base/ascii_pac_utils.js) share, written for pacprobe from the
 * behaviour in docs/pac-semantics.md §1, §2 and §8. 20-profiles.js then
 * replaces what the peers (pacparser, pac-resolver, libproxy) do differently.
 *
 * Loaded as a plain global script, ES5.1 only (Duktape 2.7), after C has
 * defined the native bindings and the string __pp_mode, before the PAC.
 *
 * Rules this file keeps:
 *  1. Only documented names become globals; private helpers stay inside the
 *     closure (a temporary __pp_private is handed to 20-profiles.js, which
 *     deletes it).
 *  2. Library functions call each other and the natives through the global
 *     name at call time, never through a captured reference: browsers share
 *     one global scope, so a PAC overriding convert_addr or
 *     isValidIpAddress changes what isInNet does (§1 "One global scope").
 *  3. The quirks of dateRange/timeRange are reproduced, not fixed (§8.2,
 *     §8.3); the sequence of Date setter calls is the library's own.
 *  4. Globals are assigned as properties (not declared), so 20-profiles.js
 *     can remove the ones a peer does not have.
 */
(function (G, mode) {
  var NATIVE_PLAIN = mode === 'chrome' || mode === 'winhttp';

  /* Four dotted decimal fields of one to three digits (§2.2). */
  var QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

  G.dnsDomainIs = function dnsDomainIs(host, domain) {
    /* A plain tail comparison: no label boundary, no case folding, and an
     * empty domain matches everything (§2.1). */
    var start = host.length - domain.length;
    return start >= 0 && host.substring(start) == domain;
  };

  G.dnsDomainLevels = function dnsDomainLevels(host) {
    return host.split('.').length - 1;
  };

  G.isValidIpAddress = function isValidIpAddress(ipchars) {
    var m = QUAD.exec(ipchars);
    if (m == null) return false;
    return !(m[1] > 255 || m[2] > 255 || m[3] > 255 || m[4] > 255);
  };

  G.convert_addr = function convert_addr(ipchars) {
    /* Not validated; the result is a signed 32-bit integer because it is
     * built with << and | ("255.255.255.255" -> -1, §2.2). */
    var bytes = ipchars.split('.');
    var n = 0;
    for (var i = 0; i < 4; i++) n = (n << 8) | (bytes[i] & 0xff);
    return n;
  };

  G.isInNet = function isInNet(ipaddr, pattern, maskstr) {
    if (!isValidIpAddress(pattern) || !isValidIpAddress(maskstr)) return false;
    if (!isValidIpAddress(ipaddr)) {
      /* The answer is deliberately not re-validated (§2.3). */
      ipaddr = dnsResolve(ipaddr);
      if (ipaddr == null) return false;
    }
    var host = convert_addr(ipaddr);
    var pat = convert_addr(pattern);
    var mask = convert_addr(maskstr);
    return (host & mask) == (pat & mask);
  };

  G.isResolvable = function isResolvable(host) {
    return dnsResolve(host) != null;
  };

  G.localHostOrDomainIs = function localHostOrDomainIs(host, hostdom) {
    return host == hostdom || hostdom.lastIndexOf(host + '.', 0) == 0;
  };

  /*
   * shExpMatch: '.' -> '\.', '*' -> '.*', '?' -> '.', anchored; every other
   * RegExp metacharacter passes through (§2.1). Building the RegExp dominates
   * evaluation time, so compiled patterns are cached per pattern string; the
   * cache is emptied when it grows past CACHE_MAX so a PAC that builds
   * patterns from the URL cannot grow it without bound.
   */
  var CACHE_MAX = 2048;
  var cache = {};
  var cached = 0;

  function shToSource(pattern) {
    pattern = pattern.replace(/\./g, '\\.');
    pattern = pattern.replace(/\*/g, '.*');
    pattern = pattern.replace(/\?/g, '.');
    return '^' + pattern + '$';
  }

  function shRegExp(pattern) {
    if (typeof pattern !== 'string') {
      /* String objects and other oddities: no cache, same operations (a
       * value without .replace throws TypeError as in the browsers). */
      return new RegExp(shToSource(pattern));
    }
    var key = '#' + pattern;
    var re = cache[key];
    if (re === undefined) {
      re = new RegExp(shToSource(pattern));
      if (cached >= CACHE_MAX) {
        cache = {};
        cached = 0;
      }
      cache[key] = re;
      cached++;
    }
    return re;
  }

  function makeShExpMatch(coerce) {
    return function shExpMatch(url, pattern) {
      return shRegExp(coerce ? String(pattern) : pattern).test(url);
    };
  }
  G.shExpMatch = makeShExpMatch(false);

  G.wdays = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
  G.months = {
    JAN: 0, FEB: 1, MAR: 2, APR: 3, MAY: 4, JUN: 5,
    JUL: 6, AUG: 7, SEP: 8, OCT: 9, NOV: 10, DEC: 11
  };

  /* Upper-case names only; the tables are read through the globals at call
   * time (a PAC may replace them). Inherited keys count, as with `in`. */
  function dayIndex(name) {
    return name in wdays ? wdays[name] : -1;
  }

  function monthIndex(name) {
    return name in months ? months[name] : -1;
  }

  /* GMT mode of dateRange/timeRange: copy the UTC fields of `d` into its
   * local fields one setter at a time, each getter reading the already
   * modified date, exactly as the library does (§8.2, §8.3). */
  function utcIntoLocal(d) {
    d.setFullYear(d.getUTCFullYear());
    d.setMonth(d.getUTCMonth());
    d.setDate(d.getUTCDate());
    d.setHours(d.getUTCHours());
    d.setMinutes(d.getUTCMinutes());
    d.setSeconds(d.getUTCSeconds());
  }

  /* lo..hi inclusive; when wrap is set and lo > hi the range wraps. The
   * older Mozilla copy in pacparser and libproxy never wraps (§8.1, §9). */
  function inRange(lo, x, hi, wrap) {
    if (lo <= hi || !wrap) return lo <= x && x <= hi;
    return x <= hi || x >= lo;
  }

  function makeWeekdayRange(wrap) {
    return function weekdayRange() {
      var argc = arguments.length;
      var now = new Date();
      var today;
      if (argc < 1) return false;
      if (arguments[argc - 1] == 'GMT') {
        argc--;
        today = now.getUTCDay();
      } else {
        today = now.getDay();
      }
      /* wd2 only when exactly two arguments remain (§8.1). */
      var wd1 = dayIndex(arguments[0]);
      var wd2 = argc == 2 ? dayIndex(arguments[1]) : wd1;
      if (wd1 == -1 || wd2 == -1) return false;
      return inRange(wd1, today, wd2, wrap);
    };
  }

  /* dateRange with one argument (after GMT): day, year or month name. */
  function dateSingle(now, arg, gmt) {
    var n = parseInt(arg);
    if (isNaN(n)) return (gmt ? now.getUTCMonth() : now.getMonth()) == monthIndex(arg);
    if (n < 32) return (gmt ? now.getUTCDate() : now.getDate()) == n;
    return (gmt ? now.getUTCFullYear() : now.getFullYear()) == n;
  }

  function makeDateRange(wrap) {
    return function dateRange() {
      var now = new Date();
      var argc = arguments.length;
      if (argc < 1) return false;
      var gmt = arguments[argc - 1] == 'GMT';
      if (gmt) argc--;
      if (argc == 1) return dateSingle(now, arguments[0], gmt);
      /* Both ends start as the whole current (local) year; the first
       * floor(argc/2) arguments edit the start, the rest the end, so
       * (day, month, year) splits 1/2 and the end date starts on day 31
       * (month overflow), as §8.2 requires. */
      var year = now.getFullYear();
      var lo = new Date(year, 0, 1, 0, 0, 0);
      var hi = new Date(year, 11, 31, 23, 59, 59);
      var half = argc >> 1;
      var thisMonth = false;
      for (var i = 0; i < argc; i++) {
        var d = i < half ? lo : hi;
        var n = parseInt(arguments[i]);
        if (isNaN(n)) {
          d.setMonth(monthIndex(arguments[i]));
        } else if (n < 32) {
          if (i < half) thisMonth = argc <= 2;
          d.setDate(n);
        } else {
          d.setFullYear(n);
        }
      }
      if (thisMonth) {
        /* (day, X): X is ignored, the range is day N .. end of this month. */
        lo.setMonth(now.getMonth());
        hi.setMonth(now.getMonth());
      }
      if (gmt) utcIntoLocal(now);
      return inRange(lo, now, hi, wrap);
    };
  }

  /* errorObject: Firefox throws `new Error(...)` for a bad argument count
   * where Chromium throws the bare string (measured against Firefox 153
   * and Chromium 156 by tests/browsers/). */
  function makeTimeRange(wrap, errorObject) {
    return function timeRange() {
      var argc = arguments.length;
      var now = new Date();
      var gmt = false;
      if (argc < 1) return false;
      if (arguments[argc - 1] == 'GMT') {
        gmt = true;
        argc--;
      }
      var hour = gmt ? now.getUTCHours() : now.getHours();
      var lo = new Date();
      var hi = new Date();
      /* Whole hours, loose comparisons (strings work), no wrap. */
      if (argc == 1) return hour == arguments[0];
      if (argc == 2) return arguments[0] <= hour && hour <= arguments[1];
      if (argc != 4 && argc != 6) {
        if (errorObject) throw new Error('timeRange: bad number of arguments');
        throw 'timeRange: bad number of arguments';
      }
      var mid = argc >> 1;
      if (argc == 6) {
        lo.setSeconds(arguments[2]);
        hi.setSeconds(arguments[5]);
      }
      /* Seconds (4 args) and milliseconds of "now" are kept in lo. */
      lo.setHours(arguments[0]);
      lo.setMinutes(arguments[1]);
      hi.setHours(arguments[mid]);
      hi.setMinutes(arguments[mid + 1]);
      if (argc == 4) hi.setSeconds(59);
      if (gmt) utcIntoLocal(now);
      return inRange(lo, now, hi, wrap);
    };
  }

  G.weekdayRange = makeWeekdayRange(true);
  G.dateRange = makeDateRange(true);
  G.timeRange = makeTimeRange(true);

  /* isPlainHostName is native in Chromium and WinHTTP; Firefox's is JS:
   * no '.' and no ':' (§2.1). The peers' versions are in 20-profiles.js. */
  if (!NATIVE_PLAIN) {
    G.isPlainHostName = function isPlainHostName(host) {
      return host.search('(\\.)|:') == -1;
    };
  }

  /* Microsoft extensions written in JS (§3). */
  if (NATIVE_PLAIN) {
    G.isResolvableEx = function isResolvableEx(host) {
      return dnsResolveEx(host) != '';
    };
  }
  if (mode === 'winhttp') {
    G.getClientVersion = function getClientVersion() {
      return '1.0';
    };
  }

  /* Hand-over to 20-profiles.js, which deletes it. */
  G.__pp_private = {
    QUAD: QUAD,
    makeShExpMatch: makeShExpMatch,
    makeWeekdayRange: makeWeekdayRange,
    makeDateRange: makeDateRange,
    makeTimeRange: makeTimeRange
  };
})(this, typeof __pp_mode === 'string' ? __pp_mode : 'chrome');
