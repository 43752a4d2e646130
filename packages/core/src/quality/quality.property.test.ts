import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { casesToDistinguish, compareQuality, probabilityHigher } from './quality.js';

// Draw noise: 20,000 draws put one standard error of a probability at most 0.0035; the tolerance is about 6 of them.
const TOLERANCE = 0.02;

const rates = fc
  .record({
    total: fc.integer({ min: 5, max: 200 }),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ total, a, b }) => ({ total, passedA: Math.round(a * total), passedB: Math.round(b * total) }));

describe('quality properties', () => {
  it('a larger sample with the same rates never makes the better strategy less certainly better', () => {
    fc.assert(
      fc.property(rates, fc.integer({ min: 2, max: 10 }), ({ total, passedA, passedB }, factor) => {
        fc.pre(passedA !== passedB);
        const [better, worse] = passedA > passedB ? [passedA, passedB] : [passedB, passedA];
        const small = probabilityHigher({ passed: better, total }, { passed: worse, total }, { seed: 5 });
        const large = probabilityHigher(
          { passed: better * factor, total: total * factor },
          { passed: worse * factor, total: total * factor },
          { seed: 5 },
        );
        expect(large).toBeGreaterThanOrEqual(small - TOLERANCE);
      }),
      { numRuns: propertyRuns(40), seed: 20261201 },
    );
  }, 60_000);

  it('a distinguishable pair stays distinguishable with ten times the cases at the same rates', () => {
    fc.assert(
      fc.property(rates, ({ total, passedA, passedB }) => {
        const small = compareQuality({ passed: passedA, total }, { passed: passedB, total }, { seed: 9 });
        fc.pre(
          small.distinguishable && Math.max(small.probabilityAHigher, 1 - small.probabilityAHigher) > 0.95 + TOLERANCE,
        );
        const large = compareQuality(
          { passed: passedA * 10, total: total * 10 },
          { passed: passedB * 10, total: total * 10 },
          { seed: 9 },
        );
        expect(large.distinguishable).toBe(true);
      }),
      { numRuns: propertyRuns(40), seed: 20261202 },
    );
  }, 60_000);

  it('the cases needed fall as the gap between the rates widens', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 0.95, noNaN: true }),
        fc.double({ min: 0.01, max: 0.04, noNaN: true }),
        (rate, gap) => {
          const narrow = casesToDistinguish(rate, rate - gap) ?? Number.POSITIVE_INFINITY;
          const wide = casesToDistinguish(rate, rate - 2 * gap) ?? Number.POSITIVE_INFINITY;
          expect(wide).toBeLessThanOrEqual(narrow);
        },
      ),
      { numRuns: propertyRuns(200), seed: 20261203 },
    );
  }, 60_000);
});
