/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 0c: Map, Set, WeakMap and WeakSet (ES2015)
 * and Map.groupBy (ES2024), which Duktape 2.7 lacks (issue 16).
 *
 * Keys compare by SameValueZero (NaN equals NaN, -0 is +0 and is stored as
 * +0); a key is found through a dictionary indexed by its type and value,
 * objects, functions and symbols by their identity in the heap (the private
 * native __pp_objkey; the collection holds the key, so the identity cannot
 * be reused while it is there). Entries form a list in insertion order; a
 * deleted entry keeps its link back, so an iterator standing on it goes on
 * with the entry that followed it, and entries added during a loop are
 * visited (ECMA-262 §24.1.3.5 forEach / §24.1.5.1 iterators). WeakMap and
 * WeakSet hold their keys strongly: not observable from a PAC (there is no
 * way to see a key collected), and bounded by the engine's heap limit.
 * The state of each object sits under a symbol of its own kind, so a Set
 * method called on a Map throws TypeError as in V8. ES5.1 only.
 */
(function (G, rt, objkey) {
  'use strict';
  var define = rt.define, callable = rt.callable, DONE = rt.DONE;

  function keyOf(k) {
    switch (typeof k) {
    case 'string': return 's' + k;
    case 'number': return 'n' + (k === 0 ? '0' : String(k));
    case 'boolean': return k ? 't' : 'f';
    case 'undefined': return 'u';
    default: return k === null ? 'l' : 'o' + objkey(k);
    }
  }

  function Data() { this.index = Object.create(null); this.first = null; this.last = null; this.size = 0; }
  Data.prototype.find = function (key) { return this.index[keyOf(key)]; };
  Data.prototype.add = function (key, value) {
    var e = this.find(key);
    if (e) { e.value = value; return; }
    if (key === 0) key = 0; /* -0 is stored as +0 */
    e = { key: key, value: value, next: null, prev: this.last, removed: false };
    if (this.last) this.last.next = e; else this.first = e;
    this.last = e;
    this.index[keyOf(key)] = e;
    this.size++;
  };
  Data.prototype.remove = function (key) {
    var e = this.find(key);
    if (!e) return false;
    delete this.index[keyOf(key)];
    e.removed = true;
    if (e.prev) e.prev.next = e.next; else this.first = e.next;
    if (e.next) e.next.prev = e.prev; else this.last = e.prev;
    e.key = e.value = undefined;
    this.size--;
    return true;
  };
  Data.prototype.clear = function () {
    for (var e = this.first; e; e = e.next) {
      e.removed = true;
      e.key = e.value = undefined;
      if (e.prev) e.prev = e.prev.next = null;
    }
    this.index = Object.create(null);
    this.first = this.last = null;
    this.size = 0;
  };
  /* The entry after `at` (null: before the first), live. */
  Data.prototype.after = function (at) {
    while (at && at.removed) at = at.prev;
    return at ? at.next : this.first;
  };

  function state(o, sym, what) {
    var d = Object(o) === o ? o[sym] : undefined;
    if (!(d instanceof Data)) throw new TypeError('Method ' + what + ' called on incompatible receiver ' + String(o));
    return d;
  }

  function iterator(d, proto, kind) {
    var at = null;
    return rt.makeIterator(proto, function () {
      var e = d.after(at);
      if (!e) return DONE;
      at = e;
      return kind === 'keys' ? e.key : kind === 'values' ? e.value : [e.key, e.value];
    });
  }

  function forEach(d, cb, thisArg, self, set) {
    for (var e = d.after(null); e; e = d.after(e)) cb.call(thisArg, set ? e.key : e.value, e.key, self);
  }

  /* The constructors: `new` only, an optional iterable filled through the
   * (possibly replaced) adder, as the spec's AddEntriesFromIterable. */
  function construct(self, C, sym, name, iterable, adderName, pairs) {
    if (!(self instanceof C) || Object.prototype.hasOwnProperty.call(self, sym))
      throw new TypeError("Constructor " + name + " requires 'new'");
    Object.defineProperty(self, sym, { value: new Data() });
    if (iterable === undefined || iterable === null) return;
    var adder = self[adderName];
    callable(adder, name + ' constructor');
    var src = G.__pp_iter(iterable);
    for (var i = 0; i < src.length; i++) {
      var v = src[i];
      if (!pairs) { adder.call(self, v); continue; }
      if (Object(v) !== v) throw new TypeError('Iterator value ' + String(v) + ' is not an entry object');
      adder.call(self, v[0], v[1]);
    }
  }

  function methods(proto, list) {
    for (var name in list) if (Object.prototype.hasOwnProperty.call(list, name)) {
      var fn = list[name];
      Object.defineProperty(fn, 'name', { value: name, configurable: true });
      rt.define(fn, 'toString', (function (n) {
        return function toString() { return 'function ' + n + '() { [native code] }'; };
      })(name));
      Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
    }
  }
  function sizeGetter(proto, sym, what) {
    Object.defineProperty(proto, 'size', { get: function () { return state(this, sym, what).size; },
      configurable: true, enumerable: false });
  }
  function classOf(C, tagName) {
    Object.defineProperty(C.prototype, 'constructor', { value: C, writable: true, configurable: true });
    rt.tag(C.prototype, tagName);
    define(G, tagName, C);
  }

  /* Map */
  var MAP = Symbol('MapData');
  var MapIterProto = Object.create(rt.IterProto);
  rt.tag(MapIterProto, 'Map Iterator');
  function Map() { construct(this, Map, MAP, 'Map', arguments[0], 'set', true); }
  methods(Map.prototype, {
    get: function (key) { var e = state(this, MAP, 'Map.prototype.get').find(key); return e ? e.value : undefined; },
    set: function (key, value) { state(this, MAP, 'Map.prototype.set').add(key, value); return this; },
    has: function (key) { return !!state(this, MAP, 'Map.prototype.has').find(key); },
    'delete': function (key) { return state(this, MAP, 'Map.prototype.delete').remove(key); },
    clear: function () { state(this, MAP, 'Map.prototype.clear').clear(); },
    forEach: function (callbackfn) {
      var d = state(this, MAP, 'Map.prototype.forEach');
      callable(callbackfn, 'Map.prototype.forEach');
      forEach(d, callbackfn, arguments[1], this, false);
    },
    keys: function () { return iterator(state(this, MAP, 'Map.prototype.keys'), MapIterProto, 'keys'); },
    values: function () { return iterator(state(this, MAP, 'Map.prototype.values'), MapIterProto, 'values'); },
    entries: function () { return iterator(state(this, MAP, 'Map.prototype.entries'), MapIterProto, 'entries'); }
  });
  sizeGetter(Map.prototype, MAP, 'get Map.prototype.size');
  Object.defineProperty(Map.prototype, Symbol.iterator, { value: Map.prototype.entries, writable: true, configurable: true });
  classOf(Map, 'Map');
  if (G.Map === Map) define(Map, 'groupBy', function groupBy(items, callback) {
    var out = new Map();
    rt.groupInto(items, callback, 'Map.groupBy', function (k) { return k; }, function (key, v) {
      var e = out[MAP].find(key);
      if (e) e.value.push(v); else out[MAP].add(key, [v]);
    });
    return out;
  });

  /* Set */
  var SET = Symbol('SetData');
  var SetIterProto = Object.create(rt.IterProto);
  rt.tag(SetIterProto, 'Set Iterator');
  function Set() { construct(this, Set, SET, 'Set', arguments[0], 'add', false); }
  methods(Set.prototype, {
    add: function (value) { state(this, SET, 'Set.prototype.add').add(value, value); return this; },
    has: function (value) { return !!state(this, SET, 'Set.prototype.has').find(value); },
    'delete': function (value) { return state(this, SET, 'Set.prototype.delete').remove(value); },
    clear: function () { state(this, SET, 'Set.prototype.clear').clear(); },
    forEach: function (callbackfn) {
      var d = state(this, SET, 'Set.prototype.forEach');
      callable(callbackfn, 'Set.prototype.forEach');
      forEach(d, callbackfn, arguments[1], this, true);
    },
    values: function () { return iterator(state(this, SET, 'Set.prototype.values'), SetIterProto, 'keys'); },
    entries: function () { return iterator(state(this, SET, 'Set.prototype.entries'), SetIterProto, 'entries'); }
  });
  /* ES2025 set methods over a set-like `other` (GetSetRecord: size, has, keys). */
  function setRecord(o) {
    if (Object(o) !== o) throw new TypeError(String(o) + ' is not an object');
    var size = Number(o.size);
    if (size !== size) throw new TypeError('The size of the set-like argument is not a number');
    callable(o.has, 'set-like has');
    callable(o.keys, 'set-like keys');
    return { size: size, has: function (k) { return !!o.has(k); }, each: function (fn) {
      var it = o.keys();
      for (var r = it.next(); !r.done; r = it.next()) if (fn(r.value === 0 ? 0 : r.value) === false) return false;
      return true;
    } };
  }
  function own(d, fn) {
    for (var e = d.after(null); e; e = d.after(e)) if (fn(e.key) === false) return false;
    return true;
  }
  function copy(d) { var out = new Set(); own(d, function (k) { out[SET].add(k, k); }); return out; }
  methods(Set.prototype, {
    union: function (other) {
      var d = state(this, SET, 'Set.prototype.union'), o = setRecord(other), out = copy(d);
      o.each(function (k) { out[SET].add(k, k); });
      return out;
    },
    intersection: function (other) {
      var d = state(this, SET, 'Set.prototype.intersection'), o = setRecord(other), out = new Set();
      if (d.size <= o.size) own(d, function (k) { if (o.has(k)) out[SET].add(k, k); });
      else o.each(function (k) { if (d.find(k)) out[SET].add(k, k); });
      return out;
    },
    difference: function (other) {
      var d = state(this, SET, 'Set.prototype.difference'), o = setRecord(other), out = copy(d);
      if (d.size <= o.size) own(d, function (k) { if (o.has(k)) out[SET].remove(k); });
      else o.each(function (k) { out[SET].remove(k); });
      return out;
    },
    symmetricDifference: function (other) {
      var d = state(this, SET, 'Set.prototype.symmetricDifference'), o = setRecord(other), out = copy(d);
      o.each(function (k) { if (d.find(k)) out[SET].remove(k); else out[SET].add(k, k); });
      return out;
    },
    isSubsetOf: function (other) {
      var d = state(this, SET, 'Set.prototype.isSubsetOf'), o = setRecord(other);
      return d.size <= o.size && own(d, function (k) { return o.has(k); });
    },
    isSupersetOf: function (other) {
      var d = state(this, SET, 'Set.prototype.isSupersetOf'), o = setRecord(other);
      return d.size >= o.size && o.each(function (k) { return !!d.find(k); });
    },
    isDisjointFrom: function (other) {
      var d = state(this, SET, 'Set.prototype.isDisjointFrom'), o = setRecord(other);
      if (d.size <= o.size) return own(d, function (k) { return !o.has(k); });
      return o.each(function (k) { return !d.find(k); });
    }
  });
  Object.defineProperty(Set.prototype, 'keys', { value: Set.prototype.values, writable: true, configurable: true });
  sizeGetter(Set.prototype, SET, 'get Set.prototype.size');
  Object.defineProperty(Set.prototype, Symbol.iterator, { value: Set.prototype.values, writable: true, configurable: true });
  classOf(Set, 'Set');

  /* WeakMap, WeakSet: keys are objects, functions or unregistered symbols. */
  function weakKey(k, what) {
    var ok = (typeof k === 'object' && k !== null) || typeof k === 'function' ||
        (typeof k === 'symbol' && Symbol.keyFor(k) === undefined);
    if (!ok) throw new TypeError('Invalid value used ' + what);
    return k;
  }
  function canBeWeak(k) {
    return (typeof k === 'object' && k !== null) || typeof k === 'function' || typeof k === 'symbol';
  }
  var WEAKMAP = Symbol('WeakMapData');
  function WeakMap() { construct(this, WeakMap, WEAKMAP, 'WeakMap', arguments[0], 'set', true); }
  methods(WeakMap.prototype, {
    get: function (key) {
      var d = state(this, WEAKMAP, 'WeakMap.prototype.get'), e = canBeWeak(key) ? d.find(key) : null;
      return e ? e.value : undefined;
    },
    set: function (key, value) {
      state(this, WEAKMAP, 'WeakMap.prototype.set').add(weakKey(key, 'as weak map key'), value);
      return this;
    },
    has: function (key) { var d = state(this, WEAKMAP, 'WeakMap.prototype.has'); return canBeWeak(key) && !!d.find(key); },
    'delete': function (key) { var d = state(this, WEAKMAP, 'WeakMap.prototype.delete'); return canBeWeak(key) && d.remove(key); }
  });
  classOf(WeakMap, 'WeakMap');
  var WEAKSET = Symbol('WeakSetData');
  function WeakSet() { construct(this, WeakSet, WEAKSET, 'WeakSet', arguments[0], 'add', false); }
  methods(WeakSet.prototype, {
    add: function (value) {
      state(this, WEAKSET, 'WeakSet.prototype.add').add(weakKey(value, 'in weak set'), true);
      return this;
    },
    has: function (value) { var d = state(this, WEAKSET, 'WeakSet.prototype.has'); return canBeWeak(value) && !!d.find(value); },
    'delete': function (value) { var d = state(this, WEAKSET, 'WeakSet.prototype.delete'); return canBeWeak(value) && d.remove(value); }
  });
  classOf(WeakSet, 'WeakSet');

  /* The state symbols stay invisible, as V8's internal slots are. */
  var STATES = [MAP, SET, WEAKMAP, WEAKSET];
  function visible(list) {
    var out = [];
    for (var i = 0; i < list.length; i++) if (STATES.indexOf(list[i]) < 0) out.push(list[i]);
    return out;
  }
  function hideIn(obj, name) {
    var orig = obj[name];
    if (typeof orig !== 'function') return;
    var fn = function (o) { return visible(orig.apply(this, arguments)); };
    Object.defineProperty(fn, 'name', { value: name, configurable: true });
    rt.define(fn, 'toString', function toString() { return 'function ' + name + '() { [native code] }'; });
    Object.defineProperty(obj, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  hideIn(Object, 'getOwnPropertySymbols');
  if (typeof Reflect === 'object') hideIn(Reflect, 'ownKeys');
})(this, this.__pp_rt, this.__pp_objkey);
delete this.__pp_objkey;
