/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 0d: the regular expression features of
 * ES2015-ES2022 Duktape 2.7 lacks (issue 16): named groups (?<name>…),
 * \k<name>, .groups, $<name>, the s (dotAll) and u (unicode) flags, the y
 * (sticky) and d (hasIndices) flags (matched by Duktape's engine as patched,
 * cmake/duktape-patches/02-sticky-indices.patch; here sticky, hasIndices,
 * indices.groups), and String.prototype.matchAll.
 *
 * RegExp(pattern, flags) hands a pattern Duktape cannot run as written to
 * the private native __pp_re_rewrite (src/pac/regex.c), which answers with
 * an equivalent pattern for Duktape, the flags it keeps and the group
 * names; or throws the SyntaxError browsers throw; or the distinct
 * "unsupported JavaScript feature" error (flag v, \p{…} in a class…),
 * which fails the evaluation as unsupported even if the script catches it.
 * A regex literal with such a pattern is lowered to __pp_re(source, flags)
 * (src/js lowering), so it takes the same path. The original source and
 * flags stay what `source`, `flags`, `toString()` show. exec/match/replace/
 * split/matchAll of such a regex run here (the indices of a u regex advance
 * by code point over an empty match); others keep Duktape's own. ES5.1.
 */
(function (G, rt, rewrite) {
  'use strict';
  var NativeRegExp = G.RegExp, RP = NativeRegExp.prototype, SP = String.prototype;
  var nativeExec = RP.exec, nativeReplace = SP.replace, nativeMatch = SP.match, nativeSplit = SP.split;
  var META = Symbol('RegExpMeta');
  var FLAG_ORDER = 'dgimsuvy';

  function getter(name) {
    var d = Object.getOwnPropertyDescriptor(RP, name);
    return d && d.get;
  }
  var nativeSource = getter('source'), nativeFlags = getter('flags');

  function meta(re) { return Object(re) === re ? re[META] : undefined; }

  function canonicalFlags(f) {
    var out = '';
    for (var i = 0; i < FLAG_ORDER.length; i++) if (f.indexOf(FLAG_ORDER.charAt(i)) >= 0) out += FLAG_ORDER.charAt(i);
    return out;
  }

  /* A regex Duktape runs for (source, flags), with its meta when rewritten. */
  function build(source, flags) {
    if (/^[gim]*$/.test(flags) && source.indexOf('(?<') < 0) return new NativeRegExp(source, flags);
    var r = rewrite(source, flags);
    var bar1 = r.indexOf('|'), bar2 = r.indexOf('|', bar1 + 1);
    var re = new NativeRegExp(r.slice(bar2 + 1), r.slice(0, bar1));
    var names = [], list = r.slice(bar1 + 1, bar2);
    if (list) {
      var items = list.split(',');
      for (var i = 0; i < items.length; i++) {
        var eq = items[i].indexOf('=');
        names.push([Number(items[i].slice(0, eq)), items[i].slice(eq + 1)]);
      }
    }
    Object.defineProperty(re, META, { value: {
      source: source, flags: canonicalFlags(flags), names: names,
      unicode: flags.indexOf('u') >= 0, dotAll: flags.indexOf('s') >= 0,
      sticky: flags.indexOf('y') >= 0, hasIndices: flags.indexOf('d') >= 0
    } });
    return re;
  }

  function RegExp(pattern, flags) {
    if (typeof pattern === 'string' && flags === undefined && pattern.indexOf('(?<') < 0)
      return new NativeRegExp(pattern); /* the common case, fast */
    var isRe = rt.isRegExp(pattern);
    if (!(this instanceof RegExp) && isRe && flags === undefined && pattern.constructor === RegExp) return pattern;
    var src, f;
    if (isRe && Object.prototype.toString.call(pattern) === '[object RegExp]') {
      src = pattern.source;
      f = flags === undefined ? pattern.flags : String(flags);
    } else {
      src = pattern === undefined ? '' : String(pattern);
      f = flags === undefined ? '' : String(flags);
    }
    return build(src, f);
  }
  RegExp.prototype = RP;
  Object.defineProperty(RP, 'constructor', { value: RegExp, writable: true, configurable: true });
  rt.define(RegExp, 'toString', function toString() { return 'function RegExp() { [native code] }'; });
  Object.defineProperty(G, 'RegExp', { value: RegExp, writable: true, configurable: true, enumerable: false });
  rt.hidden('__pp_re', function (source, flags) { return build(source, flags); });

  function accessor(name, fn) {
    Object.defineProperty(RP, name, { get: fn, configurable: true, enumerable: false });
  }
  accessor('source', function () { var m = meta(this); return m ? m.source : nativeSource.call(this); });
  accessor('flags', function () { var m = meta(this); return m ? m.flags : nativeFlags.call(this); });
  accessor('dotAll', function () { var m = meta(this); return m ? m.dotAll : this === RP ? undefined : false; });
  accessor('unicode', function () { var m = meta(this); return m ? m.unicode : this === RP ? undefined : false; });
  accessor('sticky', function () { var m = meta(this); return m ? m.sticky : this === RP ? undefined : false; });
  accessor('hasIndices', function () { var m = meta(this); return m ? m.hasIndices : this === RP ? undefined : false; });
  Object.defineProperty(RP, 'toString', { value: function toString() {
    return '/' + String(this.source) + '/' + String(this.flags);
  }, writable: true, configurable: true, enumerable: false });

  /* exec: the match with .groups (undefined without named groups, as V8). */
  Object.defineProperty(RP, 'exec', { value: function exec(string) {
    var m = nativeExec.call(this, string);
    if (m === null) return m;
    var d = this[META];
    var groups;
    if (d && d.names.length) {
      groups = Object.create(null);
      for (var i = 0; i < d.names.length; i++) groups[d.names[i][1]] = m[d.names[i][0]];
    }
    m.groups = groups;
    if (d && d.hasIndices) { /* the engine's [start, end] pairs; V8 puts them after groups */
      var ind = m.indices, ig;
      delete m.indices;
      if (groups !== undefined) {
        ig = Object.create(null);
        for (var j = 0; j < d.names.length; j++) ig[d.names[j][1]] = ind[d.names[j][0]];
      }
      ind.groups = ig;
      m.indices = ind;
    }
    return m;
  }, writable: true, configurable: true, enumerable: false });

  /* AdvanceStringIndex: past a whole surrogate pair under u. */
  function advance(s, i, unicode) {
    if (!unicode || i + 1 >= s.length) return i + 1;
    var c = s.charCodeAt(i), d = s.charCodeAt(i + 1);
    return c >= 0xD800 && c <= 0xDBFF && d >= 0xDC00 && d <= 0xDFFF ? i + 2 : i + 1;
  }
  /* Every match of a global regex from 0, as RegExpBuiltinExec loops. */
  function allMatches(re, s, unicode, each) {
    re.lastIndex = 0;
    for (;;) {
      var m = re.exec(s);
      if (m === null) return;
      if (m[0] === '') re.lastIndex = advance(s, rt.toLength(re.lastIndex), unicode);
      if (each(m) === false) return;
    }
  }

  function asRegExp(v, flags) { return rt.isRegExp(v) ? v : new RegExp(v === undefined ? '' : v, flags); }

  Object.defineProperty(SP, 'match', { value: function match(regexp) {
    var s = String(rt.toObject(this, 'String.prototype.match')), re = asRegExp(regexp), d = meta(re);
    if (!d) return nativeMatch.call(s, re);
    if (!re.global) return re.exec(s);
    var out = [];
    allMatches(re, s, d.unicode, function (m) { out.push(m[0]); });
    return out.length ? out : null;
  }, writable: true, configurable: true, enumerable: false });

  rt.define(SP, 'matchAll', function matchAll(regexp) {
    var s = String(rt.toObject(this, 'String.prototype.matchAll'));
    if (regexp !== null && regexp !== undefined && rt.isRegExp(regexp) && String(regexp.flags).indexOf('g') < 0)
      throw new TypeError('String.prototype.matchAll called with a non-global RegExp argument');
    var src = rt.isRegExp(regexp) ? regexp : new RegExp(regexp === undefined ? '' : regexp, 'g');
    var re = new RegExp(src, src.flags), d = meta(re), done = false;
    re.lastIndex = rt.toLength(src.lastIndex);
    var proto = Object.create(rt.IterProto);
    rt.tag(proto, 'RegExp String Iterator');
    return rt.makeIterator(proto, function () {
      if (done) return rt.DONE;
      var m = re.exec(s);
      if (m === null) { done = true; return rt.DONE; }
      if (m[0] === '') re.lastIndex = advance(s, rt.toLength(re.lastIndex), d ? d.unicode : false);
      return m;
    });
  });

  Object.defineProperty(SP, 'replace', { value: function replace(searchValue, replaceValue) {
    var d = searchValue !== null && typeof searchValue === 'object' ? searchValue[META] : undefined;
    if (!d) return nativeReplace.call(this, searchValue, replaceValue);
    var s = String(rt.toObject(this, 'String.prototype.replace')), re = searchValue;
    var fn = typeof replaceValue === 'function', tmpl = fn ? '' : String(replaceValue), found = [];
    if (re.global) allMatches(re, s, d.unicode, function (m) { found.push(m); });
    else { var one = re.exec(s); if (one) found.push(one); }
    var out = '', end = 0;
    for (var i = 0; i < found.length; i++) {
      var m = found[i], pos = m.index, caps = Array.prototype.slice.call(m, 1), rep;
      if (fn) {
        var args = [m[0]].concat(caps, [pos, s]);
        if (m.groups !== undefined) args.push(m.groups);
        rep = String(replaceValue.apply(undefined, args));
      } else {
        rep = rt.substitution(m[0], s, pos, caps, m.groups, tmpl);
      }
      if (pos >= end) { out += s.slice(end, pos) + rep; end = pos + m[0].length; }
    }
    return out + s.slice(end);
  }, writable: true, configurable: true, enumerable: false });

  Object.defineProperty(SP, 'split', { value: function split(separator, limit) {
    var d = separator !== null && typeof separator === 'object' ? separator[META] : undefined;
    if (!d) return nativeSplit.call(this, separator, limit);
    var s = String(rt.toObject(this, 'String.prototype.split'));
    var lim = limit === undefined ? 4294967295 : limit >>> 0, out = [];
    if (lim === 0) return out;
    var sf = separator.flags.replace('y', '');
    var re = new RegExp(separator, sf.indexOf('g') < 0 ? sf + 'g' : sf);
    if (s.length === 0) return re.exec(s) ? out : [s];
    var p = 0, q = 0;
    while (q < s.length) {
      re.lastIndex = q;
      var m = re.exec(s);
      if (m === null || m.index >= s.length) break;
      var e = m.index + m[0].length;
      if (e === p || (m[0] === '' && m.index === p)) { q = advance(s, Math.max(m.index, q), d.unicode); continue; }
      out.push(s.slice(p, m.index));
      if (out.length === lim) return out;
      for (var i = 1; i < m.length; i++) {
        out.push(m[i]);
        if (out.length === lim) return out;
      }
      p = e;
      q = m[0] === '' ? advance(s, e, d.unicode) : e;
    }
    out.push(s.slice(p));
    return out;
  }, writable: true, configurable: true, enumerable: false });
})(this, this.__pp_rt, this.__pp_re_rewrite);
delete this.__pp_re_rewrite;
delete this.__pp_rt;
