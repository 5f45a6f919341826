/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 0: the built-ins V8 (Chrome, Edge) has and
 * Duktape 2.7 lacks, so a PAC written for the browser runs the same here
 * (issue 9, docs/modern-js.md), plus the three private helpers the lowering
 * pass (src/pac/lower*.c) emits calls to: __pp_iter (for…of), __pp_flat
 * (spread) and __pp_mcall (spread in a method call). 06-builtins.js (ES2022+
 * methods), 07-collections.js (Map, Set, WeakMap, WeakSet) and 08-regexp.js
 * (regular expression features) continue it with the helpers in __pp_rt.
 *
 * Each built-in follows the ECMAScript algorithm of its edition: installed
 * non-enumerable and writable/configurable like the natives, with the
 * native `length` (the formal parameter count) and `name`, and a
 * toString() answering "[native code]". Only a missing built-in is added;
 * Duktape's own (String#includes, startsWith, repeat, Object.assign,
 * Number.isInteger...) stay. ES5.1 only: this file is not lowered.
 */
(function (G) {
  function define(obj, name, fn) {
    if (typeof obj[name] === 'function') return;
    if (!Object.prototype.hasOwnProperty.call(fn, 'toString')) Object.defineProperty(fn, 'toString', {
      value: function toString() { return 'function ' + name + '() { [native code] }'; },
      writable: true, configurable: true, enumerable: false
    });
    Object.defineProperty(obj, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  function hidden(name, fn) {
    Object.defineProperty(G, name, { value: fn, writable: false, configurable: false, enumerable: false });
  }
  function toObject(v, what) {
    if (v === null || v === undefined) throw new TypeError(what + ' called on null or undefined');
    return Object(v);
  }
  function toLength(v) {
    var n = Number(v);
    if (n !== n || n <= 0) return 0;
    n = Math.floor(n);
    return n > 9007199254740991 ? 9007199254740991 : n;
  }
  function toInteger(v) {
    var n = Number(v);
    if (n !== n) return 0;
    if (n === 0 || n === Infinity || n === -Infinity) return n;
    return n < 0 ? Math.ceil(n) : Math.floor(n);
  }
  function relIndex(v, len, dflt) {
    var n = v === undefined ? dflt : toInteger(v);
    return n < 0 ? Math.max(len + n, 0) : Math.min(n, len);
  }
  function callable(f, what) {
    if (typeof f !== 'function') throw new TypeError(String(f) + ' is not a function (' + what + ')');
  }
  /* SameValueZero (ES2016 §7.2.10): NaN equals NaN. */
  function sameValueZero(a, b) { return a === b || (a !== a && b !== b); }
  /* Splits a string into code points (String iterator, ES2015 §21.1.5). */
  function codePoints(s) {
    var out = [], i = 0;
    while (i < s.length) {
      var c = s.charCodeAt(i);
      var two = c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length &&
          s.charCodeAt(i + 1) >= 0xDC00 && s.charCodeAt(i + 1) <= 0xDFFF;
      out.push(s.substr(i, two ? 2 : 1));
      i += two ? 2 : 1;
    }
    return out;
  }

  var AP = Array.prototype, SP = String.prototype;

  define(AP, 'includes', function includes(searchElement) {
    var o = toObject(this, 'Array.prototype.includes'), len = toLength(o.length);
    for (var i = relIndex(arguments[1], len, 0); i < len; i++) if (sameValueZero(o[i], searchElement)) return true;
    return false;
  });
  define(AP, 'find', function find(predicate) {
    var o = toObject(this, 'Array.prototype.find'), len = toLength(o.length);
    callable(predicate, 'Array.prototype.find');
    for (var i = 0; i < len; i++) if (predicate.call(arguments[1], o[i], i, o)) return o[i];
    return undefined;
  });
  define(AP, 'findIndex', function findIndex(predicate) {
    var o = toObject(this, 'Array.prototype.findIndex'), len = toLength(o.length);
    callable(predicate, 'Array.prototype.findIndex');
    for (var i = 0; i < len; i++) if (predicate.call(arguments[1], o[i], i, o)) return i;
    return -1;
  });
  define(AP, 'fill', function fill(value) {
    var o = toObject(this, 'Array.prototype.fill'), len = toLength(o.length);
    var end = relIndex(arguments[2], len, len);
    for (var i = relIndex(arguments[1], len, 0); i < end; i++) o[i] = value;
    return o;
  });
  function flatInto(out, src, depth) {
    for (var i = 0, n = toLength(src.length); i < n; i++) {
      if (!(i in src)) continue;
      if (depth > 0 && Array.isArray(src[i])) flatInto(out, src[i], depth - 1);
      else out.push(src[i]);
    }
    return out;
  }
  define(AP, 'flat', function flat() {
    var d = arguments[0] === undefined ? 1 : toInteger(arguments[0]);
    return flatInto([], toObject(this, 'Array.prototype.flat'), d);
  });
  define(AP, 'flatMap', function flatMap(mapper) {
    callable(mapper, 'Array.prototype.flatMap');
    return flatInto([], AP.map.call(toObject(this, 'Array.prototype.flatMap'), mapper, arguments[1]), 1);
  });
  define(AP, 'at', function at(index) {
    var o = toObject(this, 'Array.prototype.at'), len = toLength(o.length), k = toInteger(index);
    if (k < 0) k += len;
    return k < 0 || k >= len ? undefined : o[k];
  });
  define(Array, 'from', function from(items) {
    var mapFn = arguments[1], thisArg = arguments[2];
    if (mapFn !== undefined) callable(mapFn, 'Array.from');
    var o = toObject(items, 'Array.from'), out = [];
    if (typeof items === 'string' || typeof o[Symbol.iterator] === 'function') {
      var it = G.__pp_iter(items); /* one next() per step, as the spec's loop */
      for (var k = 0; k < it.length; k++) out.push(mapFn ? mapFn.call(thisArg, it[k], k) : it[k]);
      return out;
    }
    var len = toLength(o.length);
    out.length = len;
    for (var i = 0; i < len; i++) out[i] = mapFn ? mapFn.call(thisArg, o[i], i) : o[i];
    return out;
  });
  define(Array, 'of', function of() { return AP.slice.call(arguments); });

  function pad(s, maxLength, filler, atStart) {
    var len = toLength(maxLength), fill = filler === undefined ? ' ' : String(filler);
    if (len <= s.length || fill === '') return s;
    var need = len - s.length, p = '';
    while (p.length < need) p += fill;
    p = p.slice(0, need);
    return atStart ? p + s : s + p;
  }
  define(SP, 'padStart', function padStart(maxLength) {
    return pad(String(toObject(this, 'String.prototype.padStart')), maxLength, arguments[1], true);
  });
  define(SP, 'padEnd', function padEnd(maxLength) {
    return pad(String(toObject(this, 'String.prototype.padEnd')), maxLength, arguments[1], false);
  });
  var LEAD = /^[\s\uFEFF\xA0]+/, TRAIL = /[\s\uFEFF\xA0]+$/;
  define(SP, 'trimStart', function trimStart() {
    return String(toObject(this, 'String.prototype.trimStart')).replace(LEAD, '');
  });
  define(SP, 'trimEnd', function trimEnd() {
    return String(toObject(this, 'String.prototype.trimEnd')).replace(TRAIL, '');
  });
  define(SP, 'trimLeft', SP.trimStart);
  define(SP, 'trimRight', SP.trimEnd);
  define(SP, 'at', function at(index) {
    var s = String(toObject(this, 'String.prototype.at')), k = toInteger(index);
    if (k < 0) k += s.length;
    return k < 0 || k >= s.length ? undefined : s.charAt(k);
  });

  define(Object, 'entries', function entries(o) {
    var obj = toObject(o, 'Object.entries'), keys = Object.keys(obj), out = [];
    for (var i = 0; i < keys.length; i++) out.push([keys[i], obj[keys[i]]]);
    return out;
  });
  define(Object, 'values', function values(o) {
    var obj = toObject(o, 'Object.values'), keys = Object.keys(obj), out = [];
    for (var i = 0; i < keys.length; i++) out.push(obj[keys[i]]);
    return out;
  });
  define(Object, 'fromEntries', function fromEntries(iterable) {
    var src = G.__pp_iter(toObject(iterable, 'Object.fromEntries')), out = {};
    for (var i = 0; i < src.length; i++) {
      var e = src[i];
      if (Object(e) !== e) throw new TypeError('Iterator value ' + String(e) + ' is not an entry object');
      out[e[0]] = e[1];
    }
    return out;
  });

  /* An iterator read one step per `length` read: the lowered for…of
   * (`i < a.length && (x = a[i], true)`), __pp_flat and the built-ins
   * below read `length` once per element, so next() runs exactly when the
   * spec's loop calls it and a Map/Set changed during the loop is seen live. */
  function Stepper() {}
  function stepper(iterator) {
    var next = iterator.next, box = new Stepper(), n = 0, done = false;
    callable(next, 'iterator.next');
    Object.defineProperty(box, 'length', { get: function () {
      if (done) return n;
      var r;
      try {
        r = next.call(iterator);
        if (Object(r) !== r) throw new TypeError('Iterator result ' + String(r) + ' is not an object');
      } catch (e) {
        done = true; /* an iterator whose next() throws is not closed */
        throw e;
      }
      if (r.done) { done = true; return n; }
      delete box[n - 1];
      box[n] = r.value;
      return ++n;
    } });
    /* IteratorClose: return() of an iterator left before its end. */
    Object.defineProperty(box, 'close', { value: function () {
      if (done) return;
      done = true;
      var f = iterator['return'];
      if (f === undefined || f === null) return;
      var r = f.call(iterator);
      if (Object(r) !== r) throw new TypeError('Iterator result ' + String(r) + ' is not an object');
    } });
    return box;
  }
  /* Marks the steppers (the lowered loop tests it before calling
   * __pp_iclose, so a loop over an array pays one property read). */
  Object.defineProperty(Stepper.prototype, '__pp_open', { value: true });
  /* The end of a lowered for…of (break, return, throw out of the body) and
   * of an array pattern: closes the iterator it read (when one). With a
   * thrown error (thrown true), the loop's error wins over return()'s. */
  hidden('__pp_iclose', function (a, thrown, e) {
    if (!(a instanceof Stepper)) {
      if (thrown) throw e;
      return;
    }
    if (!thrown) return a.close();
    try { a.close(); } catch (ignored) { /* the loop's error is the one */ }
    throw e;
  });
  /* for…of: arrays as they are (read live, as the Array iterator does),
   * strings by code point, anything with a Symbol.iterator method through
   * its iterator, other array-likes as they are; the rest is not iterable. */
  hidden('__pp_iter', function (v) {
    if (typeof v === 'string') return codePoints(v);
    if (Array.isArray(v)) return v;
    if (v !== null && v !== undefined) {
      var f = v[Symbol.iterator];
      if (typeof f === 'function') {
        var it = f.call(v);
        if (Object(it) !== it) throw new TypeError('Result of the Symbol.iterator method is not an object');
        return stepper(it);
      }
      if (typeof v === 'object' && typeof v.length === 'number') return v;
    }
    throw new TypeError(String(v) + ' is not iterable');
  });
  /* const [a, b] = iterable: the first n elements (all when n < 0) as an
   * array, one next() each; arrays and array-likes as they are. */
  hidden('__pp_arr', function (v, n) {
    if (Array.isArray(v) || v === null || v === undefined) return v;
    if (typeof v !== 'string' && typeof v[Symbol.iterator] !== 'function') return v;
    var src = G.__pp_iter(v), out = [];
    for (var i = 0; (n < 0 || i < n) && i < src.length; i++) out.push(src[i]);
    if (n >= 0) G.__pp_iclose(src);
    return out;
  });
  /* [a, ...b] and f(...b): arr holds the elements, at[] the spread ones. */
  hidden('__pp_flat', function (arr, at) {
    var out = [], j = 0;
    for (var i = 0; i < arr.length; i++) {
      if (j < at.length && at[j] === i) {
        var src = G.__pp_iter(arr[i]);
        for (var k = 0; k < src.length; k++) out.push(src[k]);
        j++;
      } else {
        out.push(arr[i]);
      }
    }
    return out;
  });
  /* o.m(...args): the method is read once and called with o as this. */
  hidden('__pp_mcall', function (o, name, args) {
    var f = o[name];
    if (typeof f !== 'function') throw new TypeError(String(name) + ' is not a function');
    return f.apply(o, args);
  });
  /* Handed to the later runtime files (06-08), which delete it. */
  G.__pp_rt = { define: define, hidden: hidden, toObject: toObject, toLength: toLength,
    toInteger: toInteger, relIndex: relIndex, callable: callable, sameValueZero: sameValueZero,
    codePoints: codePoints };
})(this);
