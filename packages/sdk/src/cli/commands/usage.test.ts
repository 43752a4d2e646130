import { afterEach, describe, expect, it } from 'vitest';
import { importUsageLog } from '../../usage/index.js';
import { progressReporter, renderUsageImportText } from './usage.js';

const fixture = new URL('../../usage/__fixtures__/usage-log.jsonl', import.meta.url);

describe('progressReporter', () => {
  const original = { isTTY: process.stderr.isTTY, write: process.stderr.write };
  afterEach(() => {
    process.stderr.isTTY = original.isTTY;
    process.stderr.write = original.write;
  });

  function capture(isTTY: boolean): string[] {
    const written: string[] = [];
    process.stderr.isTTY = isTTY;
    process.stderr.write = ((text: string) => {
      written.push(text);
      return true;
    }) as typeof process.stderr.write;
    return written;
  }

  it('shows progress on a terminal, then clears the line', () => {
    const written = capture(true);
    const progress = progressReporter('big.jsonl', 200 * 1_048_576);
    progress.update?.({ bytesRead: 50 * 1_048_576, lines: 123_456 });
    progress.update?.({ bytesRead: 51 * 1_048_576, lines: 124_000 }); // within 250 ms: not shown
    progress.done();
    expect(written).toEqual(['\r\x1b[Kreading big.jsonl: 25% (50 MB of 200 MB, 123,456 lines)', '\r\x1b[K']);
  });

  it('leaves the line count out for a reader that does not count lines (eval import of a JSON document)', () => {
    const written = capture(true);
    const progress = progressReporter('results.json', 100 * 1_048_576);
    progress.update?.({ bytesRead: 10 * 1_048_576 });
    progress.done();
    expect(written).toEqual(['\r\x1b[Kreading results.json: 10% (10 MB of 100 MB)', '\r\x1b[K']);
  });

  it('says nothing when stderr is not a terminal', () => {
    const written = capture(false);
    const progress = progressReporter('big.jsonl', 100);
    expect(progress.update).toBeUndefined();
    progress.done();
    expect(written).toEqual([]);
  });
});

describe('renderUsageImportText', () => {
  it('lists workloads with means and p95s, flags unextrapolated counts and the skipped lines', async () => {
    const result = await importUsageLog(fixture, { workloadBy: 'metadata.workload' });
    const text = renderUsageImportText('log.jsonl', result);
    expect(text.split('\n').slice(0, 6)).toEqual([
      'Measured usage from log.jsonl: 13 lines, 8 requests with token usage.',
      '',
      'workload   requests  window                                        requests/month  input mean (p95)  cached mean (p95)  output mean (p95)',
      'triage            4  2026-11-01T00:00Z to 2026-11-04T00:00Z (3 d)              41     2,900 (3,012)      2,000 (2,000)          200 (302)',
      'summaries         1  2026-11-08T00:00Z to 2026-11-08T00:00Z (0 d)              1*     3,400 (3,400)              0 (0)          200 (200)',
      'unknown           3  2026-11-02T00:00Z to 2026-11-03T00:00Z (1 d)              91   3,333.3 (3,012)      1,800 (1,408)          150 (150)',
    ]);
    expect(text).toContain('* window under an hour (or no timestamps)');
    expect(text).toContain('Skipped 4 lines that could not be read:\n  line 9: not valid JSON\n');
  });
});
