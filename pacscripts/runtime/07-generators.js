/* SPDX-License-Identifier: MIT */
/*
 * pacprobe PAC runtime, part 0d: generators (ES2015), on Duktape's
 * coroutines. The lowering (src/js/lower_generator.c, docs/modern-js.md)
 * turns `function* g(a) { body }` into
 *   function g(a) { return __pp_gen(this, [a], function (a) { body }); }
 * and `yield e` / `yield* e` into __pp_yield(e) / __pp_ystar(e). A
 * generator object runs its body in a Duktape.Thread of its own, started by
 * the first next(); yield is Duktape.Thread.yield, which Duktape allows
 * because only ECMAScript frames lie between the resume in next() and it.
 * return(v) throws a private signal at the paused yield so the body's
 * finally blocks run (its catch blocks rethrow it: __pp_gcatch), and ends
 * the generator with v unless a finally yields or returns. A thread is made
 * at the first next() and dropped when the generator finishes; one never
 * finished is garbage like any object, and all go with the heap. ES5.1.
 */
(function (G, rt, Thread) {
  'use strict';
  var resume = Thread.resume, yieldTo = Thread.yield;
  var START = 0, SUSPENDED = 1, RUNNING = 2, DONE = 3;
  var yielded = false; /* set right before each yield, read right after resume */
  var STATE = Symbol('GeneratorState');

  function ReturnSignal(v) { this.v = v; }

  /* %GeneratorPrototype%: next, return, throw; iterable (returns itself). */
  var GenProto = Object.create(rt.IterProto);
  rt.tag(GenProto, 'Generator');

  function stateOf(g, what) {
    var st = Object(g) === g ? g[STATE] : undefined;
    if (!st) throw new TypeError(what + ' method called on incompatible receiver ' + String(g));
    return st;
  }

  /* The thread's function: the body, with the values of the parameters. */
  function entry(st) {
    var v = st.body.apply(st.self, st.vals);
    yielded = false;
    return v;
  }

  function finish(st) {
    st.state = DONE;
    st.thr = st.body = st.self = st.vals = null;
  }

  /* mode 0 next(v), 1 throw(v), 2 return(v) */
  function step(g, mode, v, what) {
    var st = stateOf(g, what), r;
    if (st.state === RUNNING) throw new TypeError('Generator is already running');
    if (st.state === START && mode !== 0) finish(st);
    if (st.state === DONE) {
      if (mode === 1) throw v;
      return { value: mode === 2 ? v : undefined, done: true };
    }
    var first = st.state === START;
    if (first) st.thr = new Thread(entry);
    st.state = RUNNING;
    yielded = false;
    try {
      if (first) r = resume(st.thr, st);
      else if (mode === 0) r = resume(st.thr, v);
      else r = resume(st.thr, mode === 2 ? new ReturnSignal(v) : v, true);
    } catch (e) {
      finish(st);
      if (e instanceof ReturnSignal) return { value: e.v, done: true };
      throw e;
    }
    if (yielded) {
      yielded = false;
      st.state = SUSPENDED;
      return { value: r, done: false };
    }
    finish(st);
    return { value: r, done: true };
  }

  rt.define(GenProto, 'next', function next(v) { return step(this, 0, v, 'next'); });
  rt.define(GenProto, 'return', function (v) { return step(this, 2, v, 'return'); });
  rt.define(GenProto, 'throw', function (v) { return step(this, 1, v, 'throw'); });

  function makeGen(self, vals, body) {
    var g = Object.create(GenProto);
    Object.defineProperty(g, STATE, { value: { state: START, thr: null, body: body, self: self, vals: vals } });
    return g;
  }
  rt.makeGen = makeGen; /* async functions (07-promise.js) run on it */
  rt.hidden('__pp_gen', makeGen);

  /* yield v: the value out, what next(x) sends back in (throw(e) and
   * return(v) arrive as a throw here). */
  rt.hidden('__pp_yield', function (v) {
    yielded = true;
    return yieldTo(v);
  });

  /* catch (e) in a generator body: return(v)'s signal is not the body's to
   * catch. */
  rt.hidden('__pp_gcatch', function (e) {
    if (e instanceof ReturnSignal) throw e;
  });

  function iteratorOf(v) {
    var f = v === null || v === undefined ? undefined : v[Symbol.iterator];
    if (typeof f !== 'function') throw new TypeError(String(v) + ' is not iterable');
    var it = f.call(v);
    if (Object(it) !== it) throw new TypeError('Result of the Symbol.iterator method is not an object');
    return it;
  }
  function checked(r) {
    if (Object(r) !== r) throw new TypeError('Iterator result ' + String(r) + ' is not an object');
    return r;
  }

  /* yield* iterable: every value of the inner iterator out, next/throw/
   * return forwarded to it; its return value is the expression's value. */
  rt.hidden('__pp_ystar', function (iterable) {
    var it = iteratorOf(iterable), mode = 0, received, r, f;
    for (;;) {
      if (mode === 0) {
        r = checked(it.next(received));
      } else if (mode === 1) {
        f = it['throw'];
        if (typeof f !== 'function') {
          f = it['return'];
          if (typeof f === 'function') checked(f.call(it));
          throw new TypeError("The iterator does not provide a 'throw' method");
        }
        r = checked(f.call(it, received));
      } else {
        f = it['return'];
        if (typeof f !== 'function') throw received;
        r = checked(f.call(it, received.v));
        if (r.done) {
          received.v = r.value;
          throw received;
        }
      }
      if (r.done) return r.value;
      try {
        yielded = true;
        received = yieldTo(r.value);
        mode = 0;
      } catch (e) {
        received = e;
        mode = e instanceof ReturnSignal ? 2 : 1;
      }
    }
  });
})(this, this.__pp_rt, Duktape.Thread);
