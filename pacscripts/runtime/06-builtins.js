/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 0b: the ES2015-ES2024 methods V8 has and
 * Duktape 2.7 lacks that are not collections or regular expressions
 * (issue 16): the Array and String iterators, the copying array methods of
 * ES2023, a stable Array.prototype.sort (V8's is stable since 2018,
 * Duktape's is not), String.prototype.replaceAll and normalize,
 * Object.groupBy. Same rules as 05-polyfills.js: only what is missing is
 * added (sort excepted), non-enumerable, native length and name. ES5.1.
 */
(function (G, rt, normalize) {
  'use strict';
  var define = rt.define, toObject = rt.toObject, toLength = rt.toLength;
  var toInteger = rt.toInteger, relIndex = rt.relIndex, callable = rt.callable;
  var AP = Array.prototype, SP = String.prototype;

  function defineSym(obj, sym, name, fn) {
    if (typeof obj[sym] === 'function') return;
    Object.defineProperty(fn, 'name', { value: name, configurable: true });
    Object.defineProperty(obj, sym, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  function tag(obj, name) {
    Object.defineProperty(obj, Symbol.toStringTag, { value: name, configurable: true });
  }

  /* %IteratorPrototype%: [Symbol.iterator]() { return this; } */
  var IterProto = {};
  defineSym(IterProto, Symbol.iterator, '[Symbol.iterator]', function () { return this; });
  rt.IterProto = IterProto;
  rt.defineSym = defineSym;
  rt.tag = tag;

  /* An iterator object whose next() is step(), a function returning the
   * next value or `done` (a unique marker) once finished, then forever. */
  var DONE = {};
  function makeIterator(proto, step) {
    var it = Object.create(proto), finished = false;
    Object.defineProperty(it, 'next', { value: function next() {
      if (!finished) {
        var v = step();
        if (v !== DONE) return { value: v, done: false };
        finished = true;
      }
      return { value: undefined, done: true };
    }, writable: true, configurable: true });
    return it;
  }
  rt.DONE = DONE;
  rt.makeIterator = makeIterator;

  var ArrayIterProto = Object.create(IterProto);
  tag(ArrayIterProto, 'Array Iterator');
  function arrayIterator(o, kind) {
    var i = 0;
    return makeIterator(ArrayIterProto, function () {
      if (i >= toLength(o.length)) return DONE;
      var k = i++;
      return kind === 'keys' ? k : kind === 'values' ? o[k] : [k, o[k]];
    });
  }
  define(AP, 'keys', function keys() { return arrayIterator(toObject(this, 'Array.prototype.keys'), 'keys'); });
  define(AP, 'values', function values() { return arrayIterator(toObject(this, 'Array.prototype.values'), 'values'); });
  define(AP, 'entries', function entries() { return arrayIterator(toObject(this, 'Array.prototype.entries'), 'entries'); });
  defineSym(AP, Symbol.iterator, 'values', AP.values);

  var StringIterProto = Object.create(IterProto);
  tag(StringIterProto, 'String Iterator');
  defineSym(SP, Symbol.iterator, '[Symbol.iterator]', function () {
    var cps = rt.codePoints(String(toObject(this, 'String.prototype[Symbol.iterator]'))), i = 0;
    return makeIterator(StringIterProto, function () { return i < cps.length ? cps[i++] : DONE; });
  });

  /* ES2023 findLast/findLastIndex and the copying methods. */
  define(AP, 'findLast', function findLast(predicate) {
    var o = toObject(this, 'Array.prototype.findLast'), len = toLength(o.length);
    callable(predicate, 'Array.prototype.findLast');
    for (var i = len - 1; i >= 0; i--) if (predicate.call(arguments[1], o[i], i, o)) return o[i];
    return undefined;
  });
  define(AP, 'findLastIndex', function findLastIndex(predicate) {
    var o = toObject(this, 'Array.prototype.findLastIndex'), len = toLength(o.length);
    callable(predicate, 'Array.prototype.findLastIndex');
    for (var i = len - 1; i >= 0; i--) if (predicate.call(arguments[1], o[i], i, o)) return i;
    return -1;
  });
  define(AP, 'toReversed', function toReversed() {
    var o = toObject(this, 'Array.prototype.toReversed'), len = toLength(o.length), out = new Array(len);
    for (var i = 0; i < len; i++) out[i] = o[len - 1 - i];
    return out;
  });
  define(AP, 'with', function (index, value) {
    var o = toObject(this, 'Array.prototype.with'), len = toLength(o.length), k = toInteger(index);
    if (k < 0) k += len;
    if (k < 0 || k >= len) throw new RangeError('Invalid index : ' + String(index));
    var out = new Array(len);
    for (var i = 0; i < len; i++) out[i] = i === k ? value : o[i];
    return out;
  });
  Object.defineProperty(AP['with'], 'name', { value: 'with', configurable: true });
  define(AP, 'toSpliced', function toSpliced(start, skipCount) {
    var o = toObject(this, 'Array.prototype.toSpliced'), len = toLength(o.length);
    var s = relIndex(start, len, 0), skip, out = [], i;
    if (arguments.length === 0) skip = 0;
    else if (arguments.length === 1) skip = len - s;
    else skip = Math.min(Math.max(toInteger(skipCount), 0), len - s);
    for (i = 0; i < s; i++) out.push(o[i]);
    for (i = 2; i < arguments.length; i++) out.push(arguments[i]);
    for (i = s + skip; i < len; i++) out.push(o[i]);
    return out;
  });

  /* SortCompare (ECMA-262 §23.1.3.30.2) and a stable merge sort. */
  function sortCompare(cmp) {
    return function (x, y) {
      if (x === undefined) return y === undefined ? 0 : 1;
      if (y === undefined) return -1;
      if (cmp !== undefined) {
        var v = Number(cmp(x, y));
        return v !== v ? 0 : v;
      }
      var a = String(x), b = String(y);
      return a < b ? -1 : a > b ? 1 : 0;
    };
  }
  function mergeSort(a, cmp) {
    var n = a.length, buf = new Array(n);
    for (var w = 1; w < n; w *= 2) {
      for (var lo = 0; lo < n; lo += 2 * w) {
        var mid = Math.min(lo + w, n), hi = Math.min(lo + 2 * w, n), i = lo, j = mid, k = lo;
        while (i < mid && j < hi) buf[k++] = cmp(a[j], a[i]) < 0 ? a[j++] : a[i++];
        while (i < mid) buf[k++] = a[i++];
        while (j < hi) buf[k++] = a[j++];
      }
      var t = a; a = buf; buf = t;
    }
    return a;
  }
  function checkComparator(cmp, what) {
    if (cmp !== undefined && typeof cmp !== 'function')
      throw new TypeError('The comparison function must be either a function or undefined (' + what + ')');
  }
  define(AP, 'toSorted', function toSorted(comparefn) {
    checkComparator(comparefn, 'Array.prototype.toSorted');
    var o = toObject(this, 'Array.prototype.toSorted'), len = toLength(o.length), a = new Array(len);
    for (var i = 0; i < len; i++) a[i] = o[i];
    return mergeSort(a, sortCompare(comparefn));
  });
  /* sort in place, stable: present elements sorted, then the holes. */
  Object.defineProperty(AP, 'sort', { value: function sort(comparefn) {
    checkComparator(comparefn, 'Array.prototype.sort');
    var o = toObject(this, 'Array.prototype.sort'), len = toLength(o.length), a = [], i;
    for (i = 0; i < len; i++) if (i in o) a.push(o[i]);
    a = mergeSort(a, sortCompare(comparefn));
    for (i = 0; i < a.length; i++) o[i] = a[i];
    for (; i < len; i++) delete o[i];
    return o;
  }, writable: true, configurable: true, enumerable: false });
  rt.define(AP.sort, 'toString', function toString() { return 'function sort() { [native code] }'; });

  /* GetSubstitution (ECMA-262 §22.1.3.19.1): $$ $& $` $' $n $nn $<name>. */
  function substitution(matched, str, position, captures, groups, template) {
    var out = '', m = captures.length, tail = position + matched.length;
    for (var i = 0; i < template.length; i++) {
      var c = template.charAt(i);
      if (c !== '$' || i + 1 >= template.length) { out += c; continue; }
      var d = template.charAt(i + 1);
      if (d === '$') { out += '$'; i++; }
      else if (d === '&') { out += matched; i++; }
      else if (d === '`') { out += str.slice(0, position); i++; }
      else if (d === "'") { out += str.slice(tail); i++; }
      else if (d >= '0' && d <= '9') {
        var two = template.charAt(i + 2), n2 = two >= '0' && two <= '9' ? Number(d + two) : 0;
        if (n2 >= 1 && n2 <= m) { out += captures[n2 - 1] === undefined ? '' : captures[n2 - 1]; i += 2; }
        else if (Number(d) >= 1 && Number(d) <= m) {
          out += captures[Number(d) - 1] === undefined ? '' : captures[Number(d) - 1]; i++;
        } else out += '$';
      } else if (d === '<' && groups !== undefined) {
        var close = template.indexOf('>', i + 2);
        if (close < 0) { out += '$<'; i++; continue; }
        var v = groups[template.slice(i + 2, close)];
        out += v === undefined ? '' : String(v);
        i = close;
      } else out += '$';
    }
    return out;
  }
  rt.substitution = substitution;

  function isRegExp(v) {
    if (Object(v) !== v) return false;
    var m = v[Symbol.match];
    return m !== undefined ? !!m : Object.prototype.toString.call(v) === '[object RegExp]';
  }
  rt.isRegExp = isRegExp;
  define(SP, 'replaceAll', function replaceAll(searchValue, replaceValue) {
    var o = toObject(this, 'String.prototype.replaceAll');
    if (searchValue !== null && searchValue !== undefined && isRegExp(searchValue)) {
      var flags = searchValue.flags;
      toObject(flags, 'String.prototype.replaceAll (flags)');
      if (String(flags).indexOf('g') < 0)
        throw new TypeError('replaceAll must be called with a global RegExp');
      return SP.replace.call(o, searchValue, replaceValue);
    }
    var str = String(o), search = String(searchValue), fn = typeof replaceValue === 'function';
    var tmpl = fn ? '' : String(replaceValue), adv = Math.max(1, search.length), at = [];
    for (var p = str.indexOf(search, 0); p >= 0 && p <= str.length; p = str.indexOf(search, p + adv)) {
      at.push(p);
      if (p + adv > str.length) break;
    }
    var out = '', end = 0;
    for (var i = 0; i < at.length; i++) {
      out += str.slice(end, at[i]);
      out += fn ? String(replaceValue(search, at[i], str)) : substitution(search, str, at[i], [], undefined, tmpl);
      end = at[i] + search.length;
    }
    return out + str.slice(end);
  });

  /* normalize: UAX #15 by the platform's Unicode library (libunistring's
   * u8_normalize, Win32 NormalizeString), through the private native. */
  if (typeof normalize === 'function') define(SP, 'normalize', function normalize_(form) {
    var s = String(toObject(this, 'String.prototype.normalize'));
    var f = form === undefined ? 'NFC' : String(form);
    if (f !== 'NFC' && f !== 'NFD' && f !== 'NFKC' && f !== 'NFKD')
      throw new RangeError('The normalization form should be one of NFC, NFD, NFKC, NFKD.');
    return normalize(s, f);
  });
  if (typeof SP.normalize === 'function') Object.defineProperty(SP.normalize, 'name', { value: 'normalize' });

  function isLone(s, i) {
    var c = s.charCodeAt(i);
    if (c >= 0xD800 && c <= 0xDBFF) {
      var d = s.charCodeAt(i + 1);
      return !(d >= 0xDC00 && d <= 0xDFFF);
    }
    if (c >= 0xDC00 && c <= 0xDFFF) {
      var b = i > 0 ? s.charCodeAt(i - 1) : 0;
      return !(b >= 0xD800 && b <= 0xDBFF);
    }
    return false;
  }
  define(SP, 'isWellFormed', function isWellFormed() {
    var s = String(toObject(this, 'String.prototype.isWellFormed'));
    for (var i = 0; i < s.length; i++) if (isLone(s, i)) return false;
    return true;
  });
  define(SP, 'toWellFormed', function toWellFormed() {
    var s = String(toObject(this, 'String.prototype.toWellFormed')), out = '';
    for (var i = 0; i < s.length; i++) out += isLone(s, i) ? '\uFFFD' : s.charAt(i);
    return out;
  });

  /* Smaller ES2015-ES2022 gaps. */
  define(Object, 'hasOwn', function hasOwn(o, key) {
    return Object.prototype.hasOwnProperty.call(toObject(o, 'Object.hasOwn'), key);
  });
  define(Object, 'getOwnPropertyDescriptors', function getOwnPropertyDescriptors(o) {
    var obj = toObject(o, 'Object.getOwnPropertyDescriptors'), keys = Reflect.ownKeys(obj), out = {};
    for (var i = 0; i < keys.length; i++) {
      var d = Object.getOwnPropertyDescriptor(obj, keys[i]);
      if (d !== undefined) out[keys[i]] = d;
    }
    return out;
  });
  define(AP, 'copyWithin', function copyWithin(target, start) {
    var o = toObject(this, 'Array.prototype.copyWithin'), len = toLength(o.length);
    var to = relIndex(target, len, 0), from = relIndex(start, len, 0), fin = relIndex(arguments[2], len, len);
    var count = Math.min(fin - from, len - to), dir = 1;
    if (from < to && to < from + count) { dir = -1; from += count - 1; to += count - 1; }
    for (; count > 0; count--, from += dir, to += dir) {
      if (from in o) o[to] = o[from]; else delete o[to];
    }
    return o;
  });
  if (typeof Float32Array === 'function') define(Math, 'fround', function fround(x) {
    return new Float32Array([x])[0];
  });
  define(String, 'raw', function raw(template) {
    var cooked = toObject(template, 'String.raw'), r = toObject(cooked.raw, 'String.raw');
    var n = toLength(r.length), out = '';
    for (var i = 0; i < n; i++) {
      out += String(r[i]);
      if (i + 1 < n && i + 1 < arguments.length) out += String(arguments[i + 1]);
    }
    return out;
  });
  if (!('description' in Symbol.prototype)) Object.defineProperty(Symbol.prototype, 'description', {
    get: function () {
      var s = Symbol.prototype.toString.call(this);
      return s === 'Symbol()' ? undefined : s.slice(7, -1);
    }, configurable: true, enumerable: false
  });

  /* Object.groupBy (ES2024): null-prototype object of arrays. */
  function groupInto(items, callback, what, keyOf, add) {
    toObject(items, what);
    callable(callback, what);
    var src = G.__pp_iter(items);
    for (var k = 0; k < src.length; k++) {
      var v = src[k];
      add(keyOf(callback(v, k)), v);
    }
  }
  rt.groupInto = groupInto;
  define(Object, 'groupBy', function groupBy(items, callback) {
    var out = Object.create(null);
    groupInto(items, callback, 'Object.groupBy', function (k) { return typeof k === 'symbol' ? k : String(k); },
      function (key, v) {
        if (Object.prototype.hasOwnProperty.call(out, key)) out[key].push(v); else out[key] = [v];
      });
    return out;
  });
})(this, this.__pp_rt, this.__pp_normalize);
delete this.__pp_normalize;
