/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 0b: the private helpers the lowering of
 * ES2018+ syntax and classes (src/js/lower_object.c, lower_decl.c,
 * lower_template.c, lower_class.c; docs/modern-js.md) emits calls to. Each
 * is a hidden global (non-enumerable, read-only), like __pp_iter in
 * 05-polyfills.js. ES5.1 only: this file is not lowered.
 */
(function (G) {
  function hidden(name, fn) {
    Object.defineProperty(G, name, { value: fn, writable: false, configurable: false, enumerable: false });
  }
  function data(o, key, v) {
    Object.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true });
  }
  function ownKeys(o) {
    var keys = Object.keys(o);
    if (typeof Object.getOwnPropertySymbols === 'function') {
      var syms = Object.getOwnPropertySymbols(o);
      for (var i = 0; i < syms.length; i++)
        if (Object.prototype.propertyIsEnumerable.call(o, syms[i])) keys.push(syms[i]);
    }
    return keys;
  }
  /* {a, ...b, c}: arguments alternate literal parts (descriptors kept, so
   * getters stay getters) and spread sources (own enumerable values). */
  hidden('__pp_ospread', function (target) {
    for (var i = 1; i < arguments.length; i++) {
      var src = arguments[i], keys, k;
      if (i % 2 === 0) {
        keys = Object.getOwnPropertyNames(src);
        for (k = 0; k < keys.length; k++)
          Object.defineProperty(target, keys[k], Object.getOwnPropertyDescriptor(src, keys[k]));
      } else if (src !== null && src !== undefined) {
        var o = Object(src);
        keys = ownKeys(o);
        for (k = 0; k < keys.length; k++) data(target, keys[k], o[keys[k]]);
      }
    }
    return target;
  });
  /* const {a, ...rest} = o: the own enumerable properties of o but a. */
  hidden('__pp_orest', function (src, except) {
    if (src === null || src === undefined) throw new TypeError('Cannot destructure ' + src);
    var o = Object(src), keys = ownKeys(o), out = {};
    for (var i = 0; i < keys.length; i++) {
      var skip = false;
      for (var j = 0; j < except.length && !skip; j++)
        skip = typeof keys[i] === 'string' ? keys[i] === String(except[j]) : keys[i] === except[j];
      if (!skip) data(out, keys[i], o[keys[i]]);
    }
    return out;
  });
  /* tag`...`: the strings array with its raw twin, both frozen; the
   * lowering keeps one per call site (a variable of the script). */
  hidden('__pp_tpl', function (cooked, raw) {
    Object.defineProperty(cooked, 'raw', { value: Object.freeze(raw), writable: false, enumerable: false, configurable: false });
    return Object.freeze(cooked);
  });
  /* class: the constructor's guard, inheritance, members and fields. */
  hidden('__pp_cnew', function (self, C, name) {
    if (!(self instanceof C)) throw new TypeError("Class constructor " + name + " cannot be invoked without 'new'");
  });
  hidden('__pp_extends', function (C, S) {
    if (S !== null && typeof S !== 'function')
      throw new TypeError('Class extends value ' + String(S) + ' is not a constructor or null');
    C.prototype = Object.create(S === null ? null : S.prototype, {
      constructor: { value: C, writable: true, enumerable: false, configurable: true }
    });
    if (S !== null) Object.setPrototypeOf(C, S);
  });
  hidden('__pp_method', function (O, key, fn) {
    Object.defineProperty(O, key, { value: fn, writable: true, enumerable: false, configurable: true });
  });
  hidden('__pp_accessor', function (O, key, kind, fn) {
    var old = Object.getOwnPropertyDescriptor(O, key), d = { enumerable: false, configurable: true };
    d.get = old && old.get;
    d.set = old && old.set;
    d[kind] = fn;
    Object.defineProperty(O, key, d);
  });
  hidden('__pp_field', function (O, key, v) { data(O, key, v); });
})(this);
