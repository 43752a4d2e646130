import Bottleneck from 'bottleneck/light.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldWithoutTimerClamp } from './bottleneck-yield.js';

afterEach(() => {
  vi.useRealTimers();
});

function datastoreOf(limiter: Bottleneck): { yieldLoop(delay?: number): Promise<void> } {
  return (limiter as unknown as { _store: { yieldLoop(delay?: number): Promise<void> } })._store;
}

describe('yieldWithoutTimerClamp', () => {
  it('makes the datastore every Bottleneck uses yield with setImmediate, not a clamped setTimeout(0)', async () => {
    expect(yieldWithoutTimerClamp()).toBe(true);
    expect(yieldWithoutTimerClamp()).toBe(true);
    // With setTimeout faked and never advanced, only a yield through setImmediate can resolve.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const limiter = new Bottleneck();
    await expect(datastoreOf(limiter).yieldLoop()).resolves.toBeUndefined();
    // A real delay still waits for its timer.
    let waited = false;
    const delayed = datastoreOf(limiter)
      .yieldLoop(5)
      .then(() => {
        waited = true;
      });
    await new Promise((resolve) => setImmediate(resolve));
    expect(waited).toBe(false);
    vi.advanceTimersByTime(5);
    await delayed;
    expect(waited).toBe(true);
  });

  it('leaves Bottleneck scheduling jobs in order, with their results and failures', async () => {
    yieldWithoutTimerClamp();
    const limiter = new Bottleneck({ maxConcurrent: 1 });
    const order: number[] = [];
    const results = await Promise.all(
      [1, 2, 3].map((value) =>
        limiter.schedule(async () => {
          order.push(value);
          return value * 10;
        }),
      ),
    );
    expect(results).toEqual([10, 20, 30]);
    expect(order).toEqual([1, 2, 3]);
    await expect(limiter.schedule(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
  });
});
