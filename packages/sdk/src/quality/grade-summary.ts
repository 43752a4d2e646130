import type { EvalResult } from '@tunewise/core';
import { gradeRecord } from './import-eval.js';

/** One graded case, in any shape `tunewise eval import` reads: a boolean, `{ pass }`, `{ score, threshold }`, … */
export type GradedResult =
  | boolean
  | { pass: boolean }
  | { passed: boolean }
  | { success: boolean }
  | { score: number; threshold: number }
  | { object: 'eval.run.output_item'; status?: string; results?: unknown[] };

/**
 * Turns graded results into the `{ passed, total }` a usage file's `quality` block takes, for teams
 * that run their evals in code.
 *
 * @example
 * ```ts
 * import { gradeSummary } from '@tunewise/sdk';
 *
 * const graded = heldOut.map((ticket) => ({ pass: classify(ticket.text) === ticket.label }));
 * gradeSummary(graded); // { passed: 431, total: 500 }
 * gradeSummary([{ score: 0.8, threshold: 0.7 }, { score: 0.5, threshold: 0.7 }, true]); // { passed: 2, total: 3 }
 * ```
 * @throws TypeError naming the index of an entry that carries no verdict, rather than miscounting it.
 */
export function gradeSummary(results: Iterable<GradedResult>): EvalResult {
  let passed = 0;
  let total = 0;
  for (const result of results) {
    const verdict = typeof result === 'boolean' ? result : gradeRecord(result);
    if (verdict === undefined) {
      throw new TypeError(
        `graded result ${total} has no verdict: expected a boolean, { pass }, { score, threshold }, { success } or an OpenAI Evals output item`,
      );
    }
    total += 1;
    if (verdict) passed += 1;
  }
  return { passed, total };
}
