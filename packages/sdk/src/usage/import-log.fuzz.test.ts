import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numbersIn } from '../../../core/src/parse/__fixtures__/hostile-usage-files.js';
import { hostileLog } from './__fixtures__/hostile-logs.js';
import { importUsageLog, toUsageImportJson } from './import-log.js';

// A run prints its seed when it fails (fast-check's report); FUZZ_SEED replays one.
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
// 2026-12-01: a fixed clock, so the plausible-timestamp window is the same on every run.
const now = () => Date.UTC(2026, 11, 1);

/** `text` cut into chunks at the given offsets, as a stream delivers it. */
function chunked(text: string, cuts: number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((left, right) => left - right);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

describe('importUsageLog on hostile logs (in process)', () => {
  it('measures the same whatever the chunking, skips what it cannot read, and gives only finite numbers', async () => {
    await fc.assert(
      fc.asyncProperty(hostileLog, fc.array(fc.nat(), { maxLength: 12 }), async (log, cuts) => {
        const options = { workloadBy: 'metadata.workload', maxLineBytes: 1000, maxWorkloads: 5, now };
        const whole = await importUsageLog(Readable.from([Buffer.from(log)]), options);
        const pieces = await importUsageLog(Readable.from(chunked(log, cuts)), options);
        expect(toUsageImportJson(pieces)).toEqual(toUsageImportJson(whole));
        expect(pieces.warnings).toEqual(whole.warnings);
        for (const number of numbersIn(toUsageImportJson(whole))) expect(Number.isFinite(number)).toBe(true);
        expect(whole.workloads.length).toBeLessThanOrEqual(5);
        for (const workload of whole.workloads) {
          expect(workload.requestsPerMonth).toBeGreaterThanOrEqual(0);
          if (workload.firstSeen !== null) expect(workload.firstSeen >= '2015-01-01').toBe(true);
        }
        expect(whole.lines).toBe(log === '' ? 0 : log.split('\n').length - (log.endsWith('\n') ? 1 : 0));
      }),
      { numRuns: 300, ...(seed === undefined ? {} : { seed }) },
    );
  }, 120_000);
});
