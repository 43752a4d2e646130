import { describe, expect, it } from 'vitest';
import { gradeSummary } from './grade-summary.js';

describe('gradeSummary', () => {
  it('counts passed and total over any mix of graded shapes', () => {
    expect(
      gradeSummary([
        true,
        false,
        { pass: true },
        { score: 0.8, threshold: 0.7 },
        { score: 0.5, threshold: 0.7 },
        { object: 'eval.run.output_item', status: 'pass' },
      ]),
    ).toEqual({ passed: 4, total: 6 });
    expect(gradeSummary([])).toEqual({ passed: 0, total: 0 });
  });

  it('reads a generator once, as it goes', () => {
    function* graded() {
      for (let index = 0; index < 500; index++) yield { pass: index % 10 !== 0 };
    }
    expect(gradeSummary(graded())).toEqual({ passed: 450, total: 500 });
  });

  it('refuses an entry without a verdict, naming its index', () => {
    expect(() => gradeSummary([true, { label: 'billing' } as never])).toThrow('graded result 1 has no verdict');
  });
});
