/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 0e: Promise (ES2015-ES2021: then, catch,
 * finally, resolve, reject, all, allSettled, any, race, thenable adoption),
 * AggregateError, the job queue and async functions (ES2017), which
 * Duktape 2.7 lacks (DUK_USE_PROMISE_BUILTIN is off; issue 16).
 *
 * Jobs wait in one FIFO queue, as V8's microtask queue; the engine drains it
 * (__pp_drain, src/pac/engine.c) where Chromium's PAC context does: after the
 * script's top level and after each FindProxyForURL call, inside the same
 * --timeout and --memory-limit. A rejection nobody handles is dropped, as
 * the browsers only log it.
 *
 * `async function f(a) { body }` is lowered (src/js/lower_generator.c) to
 * `function f(a) { return __pp_async(this, [a], function (a) { body }); }`
 * and `await e` to `__pp_yield(e)`: the body runs as a generator
 * (07-generators.js) driven by promise reactions, synchronously up to its
 * first await, each await resuming one job later for a promise (as V8
 * since the await optimisation of ES2019). ES5.1 only.
 */
(function (G, rt) {
  'use strict';
  var PENDING = 0, FULFILLED = 1, REJECTED = 2;
  var STATE = Symbol('PromiseState');
  var jobs = [], head = 0;

  function enqueue(fn, a, b) { jobs.push(fn, a, b); }

  rt.hidden('__pp_drain', function () {
    while (head < jobs.length) {
      var f = jobs[head], a = jobs[head + 1], b = jobs[head + 2];
      jobs[head] = jobs[head + 1] = jobs[head + 2] = undefined;
      head += 3;
      f(a, b);
    }
    jobs.length = 0;
    head = 0;
  });

  function stateOf(p, what) {
    var s = Object(p) === p ? p[STATE] : undefined;
    if (!s) throw new TypeError('Method ' + what + ' called on incompatible receiver ' + String(p));
    return s;
  }

  function settle(p, state, value) {
    var s = p[STATE];
    if (s.state !== PENDING) return;
    s.state = state;
    s.value = value;
    var rs = s.reactions;
    s.reactions = null;
    for (var i = 0; i < rs.length; i++) enqueue(reactionJob, rs[i], s);
  }

  function resolvingFunctions(p) {
    var done = false;
    return {
      resolve: function (v) { if (!done) { done = true; resolvePromise(p, v); } },
      reject: function (e) { if (!done) { done = true; settle(p, REJECTED, e); } }
    };
  }

  function thenableJob(p, vt) {
    var fns = resolvingFunctions(p);
    try { vt[1].call(vt[0], fns.resolve, fns.reject); } catch (e) { fns.reject(e); }
  }

  function resolvePromise(p, v) {
    if (v === p) return settle(p, REJECTED, new TypeError('Chaining cycle detected for promise #<Promise>'));
    if (Object(v) !== v) return settle(p, FULFILLED, v);
    var then;
    try { then = v.then; } catch (e) { return settle(p, REJECTED, e); }
    if (typeof then !== 'function') return settle(p, FULFILLED, v);
    enqueue(thenableJob, p, [v, then]);
  }

  /* r: { cap (or null), onF, onR } */
  function reactionJob(r, s) {
    var h = s.state === FULFILLED ? r.onF : r.onR, v;
    if (typeof h !== 'function') {
      if (!r.cap) return;
      if (s.state === FULFILLED) r.cap.resolve(s.value);
      else r.cap.reject(s.value);
      return;
    }
    try {
      v = h(s.value);
    } catch (e) {
      if (r.cap) r.cap.reject(e);
      return;
    }
    if (r.cap) r.cap.resolve(v);
  }

  function Promise(executor) {
    if (!(this instanceof Promise) || this[STATE]) throw new TypeError("Promise constructor cannot be invoked without 'new'");
    if (typeof executor !== 'function') throw new TypeError('Promise resolver ' + String(executor) + ' is not a function');
    Object.defineProperty(this, STATE, { value: { state: PENDING, value: undefined, reactions: [] } });
    var fns = resolvingFunctions(this);
    try { executor(fns.resolve, fns.reject); } catch (e) { fns.reject(e); }
  }

  function capability(C) {
    if (typeof C !== 'function') throw new TypeError(String(C) + ' is not a constructor');
    var cap = { promise: undefined, resolve: undefined, reject: undefined };
    cap.promise = new C(function (res, rej) {
      if (cap.resolve !== undefined || cap.reject !== undefined) throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
      cap.resolve = res;
      cap.reject = rej;
    });
    if (typeof cap.resolve !== 'function' || typeof cap.reject !== 'function') throw new TypeError('Promise resolve or reject function is not callable');
    return cap;
  }

  function perform(p, onF, onR, cap) {
    var s = p[STATE], r = { cap: cap, onF: onF, onR: onR };
    if (s.state === PENDING) s.reactions.push(r);
    else enqueue(reactionJob, r, s);
  }

  function species(p) {
    var C = p.constructor;
    if (C === undefined) return Promise;
    if (Object(C) !== C) throw new TypeError('The .constructor property is not an object');
    return C;
  }

  function promiseResolve(C, v) {
    if (Object(v) === v && v[STATE] && v.constructor === C) return v;
    var cap = capability(C);
    cap.resolve(v);
    return cap.promise;
  }

  var proto = Promise.prototype;
  Object.defineProperty(proto, 'constructor', { value: Promise, writable: true, configurable: true });
  rt.tag(proto, 'Promise');
  rt.define(proto, 'then', function then(onF, onR) {
    stateOf(this, 'Promise.prototype.then');
    var cap = capability(species(this));
    perform(this, onF, onR, cap);
    return cap.promise;
  });
  rt.define(proto, 'catch', function (onR) { return this.then(undefined, onR); });
  rt.define(proto, 'finally', function (f) {
    if (typeof f !== 'function') return this.then(f, f);
    var C = species(this);
    return this.then(function (v) {
      return promiseResolve(C, f()).then(function () { return v; });
    }, function (e) {
      return promiseResolve(C, f()).then(function () { throw e; });
    });
  });

  rt.define(Promise, 'resolve', function resolve(v) {
    if (Object(this) !== this) throw new TypeError('PromiseResolve called on non-object');
    return promiseResolve(this, v);
  });
  rt.define(Promise, 'reject', function reject(e) {
    var cap = capability(this);
    cap.reject(e);
    return cap.promise;
  });

  function AggregateError(errors, message) {
    var self = this instanceof AggregateError ? this : Object.create(AggregateError.prototype);
    if (message !== undefined) Object.defineProperty(self, 'message', { value: String(message), writable: true, configurable: true });
    var list = [], src = G.__pp_iter(errors);
    for (var i = 0; i < src.length; i++) list.push(src[i]);
    Object.defineProperty(self, 'errors', { value: list, writable: true, configurable: true });
    return self;
  }
  AggregateError.prototype = Object.create(Error.prototype);
  Object.defineProperty(AggregateError.prototype, 'constructor', { value: AggregateError, writable: true, configurable: true });
  Object.defineProperty(AggregateError.prototype, 'name', { value: 'AggregateError', writable: true, configurable: true });
  Object.defineProperty(AggregateError.prototype, 'message', { value: '', writable: true, configurable: true });

  /* all / allSettled / any: one C.resolve(x).then per element, the result
   * when every element has settled (any: the first fulfilled). */
  function combine(C, iterable, kind) {
    var cap = capability(C);
    try {
      var resolveFn = C.resolve;
      if (typeof resolveFn !== 'function') throw new TypeError('Promise resolve or reject function is not callable');
      var src = G.__pp_iter(iterable), values = [], remaining = 1;
      var finish = function () {
        if (kind === 'any') cap.reject(new AggregateError(values, 'All promises were rejected'));
        else cap.resolve(values);
      };
      for (var i = 0; i < src.length; i++) {
        var next = resolveFn.call(C, src[i]);
        values.push(undefined);
        remaining++;
        (function (i) {
          var called = false;
          function once(store) {
            return function (x) {
              if (called) return;
              called = true;
              values[i] = store(x);
              if (--remaining === 0) finish();
            };
          }
          if (kind === 'all') next.then(once(function (v) { return v; }), cap.reject);
          else if (kind === 'allSettled') next.then(once(function (v) { return { status: 'fulfilled', value: v }; }),
            once(function (e) { return { status: 'rejected', reason: e }; }));
          else next.then(cap.resolve, once(function (e) { return e; }));
        })(i);
      }
      if (--remaining === 0) finish();
    } catch (e) {
      cap.reject(e);
    }
    return cap.promise;
  }
  rt.define(Promise, 'all', function all(it) { return combine(this, it, 'all'); });
  rt.define(Promise, 'allSettled', function allSettled(it) { return combine(this, it, 'allSettled'); });
  rt.define(Promise, 'any', function any(it) { return combine(this, it, 'any'); });
  rt.define(Promise, 'race', function race(it) {
    var C = this, cap = capability(C);
    try {
      var resolveFn = C.resolve;
      if (typeof resolveFn !== 'function') throw new TypeError('Promise resolve or reject function is not callable');
      var src = G.__pp_iter(it);
      for (var i = 0; i < src.length; i++) resolveFn.call(C, src[i]).then(cap.resolve, cap.reject);
    } catch (e) {
      cap.reject(e);
    }
    return cap.promise;
  });

  /* async functions: a generator whose yields are awaits. */
  rt.hidden('__pp_async', function (self, vals, body) {
    var g = rt.makeGen(self, vals, body), cap = capability(Promise);
    function onF(x) { step(0, x); }
    function onR(e) { step(1, e); }
    function step(mode, v) {
      var r, p;
      try {
        r = mode === 0 ? g.next(v) : g['throw'](v);
      } catch (e) {
        cap.reject(e);
        return;
      }
      if (r.done) {
        cap.resolve(r.value);
        return;
      }
      try {
        p = promiseResolve(Promise, r.value);
      } catch (e) {
        step(1, e);
        return;
      }
      perform(p, onF, onR, null);
    }
    step(0);
    return cap.promise;
  });

  function global(name, v) {
    if (typeof G[name] !== 'undefined') return;
    Object.defineProperty(G, name, { value: v, writable: true, configurable: true, enumerable: false });
  }
  global('Promise', Promise);
  global('AggregateError', AggregateError);
})(this, this.__pp_rt);
