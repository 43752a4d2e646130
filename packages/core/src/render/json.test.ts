import { describe, expect, it } from 'vitest';
import { makeReport, supportBotWorkload } from '../diff/__fixtures__/reports.js';
import { diffReports } from '../diff/diff.js';
import { renderJson } from './json.js';

describe('renderJson', () => {
  it('writes 2-space JSON with a trailing newline that parses back to the report', () => {
    const report = makeReport([supportBotWorkload()]);
    const json = renderJson(report);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "schemaVersion": 1,');
    expect(JSON.parse(json)).toEqual(report);
  });

  it('is byte-identical for equal inputs', () => {
    expect(renderJson(makeReport([supportBotWorkload()]))).toBe(renderJson(makeReport([supportBotWorkload()])));
  });

  it('renders a diff with its kind first', () => {
    const json = renderJson(diffReports(null, makeReport([supportBotWorkload()])));
    expect(json.split('\n')[1]).toBe('  "kind": "report-diff",');
    expect(JSON.parse(json).isFirstReport).toBe(true);
  });
});
