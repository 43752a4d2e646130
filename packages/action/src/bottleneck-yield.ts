import Bottleneck from 'bottleneck/light.js';

interface LocalDatastore {
  Promise: PromiseConstructor;
  yieldLoop(delay?: number): Promise<void>;
}

let patched = false;

/**
 * Octokit's retry and throttling plugins schedule every request through Bottleneck, whose in-memory datastore yields
 * to the event loop on each of its steps (it mimics its Redis datastore, where every step is a round trip) with
 * `setTimeout(resolve, 0)`. Node clamps that to 1 ms, and a request takes about ten such steps through the two
 * plugins' limiters: on loopback a request took 15 ms against 1 ms without the plugins, and the action's five requests
 * spent more than 50 ms idle on those timers. `setImmediate` yields to the event loop just the same (after pending
 * I/O), without the clamp; waits that are real delays (backoff, `retry-after`, `minTime`) still use setTimeout.
 *
 * Bottleneck 2.19.5 is pinned and has not changed since 2019; bottleneck-yield.test.ts fails if this stops applying.
 * Returns whether the datastore's `yieldLoop` is (now) the unclamped one.
 */
export function yieldWithoutTimerClamp(): boolean {
  if (patched) return true;
  const store = (new Bottleneck() as unknown as { _store?: object })._store;
  const prototype = store === undefined ? undefined : (Object.getPrototypeOf(store) as Partial<LocalDatastore>);
  if (prototype === undefined || typeof prototype.yieldLoop !== 'function') return false;
  prototype.yieldLoop = function yieldLoop(this: LocalDatastore, delay = 0): Promise<void> {
    return new this.Promise((resolve) => {
      if (delay === 0) setImmediate(resolve);
      else setTimeout(resolve, delay);
    });
  };
  patched = true;
  return true;
}
