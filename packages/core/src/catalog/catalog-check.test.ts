import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npm run catalog:check` as a maintainer runs it: the script as a child process under this Node (24).
const script = fileURLToPath(new URL('../../scripts/catalog-check.ts', import.meta.url));

function catalogCheck(asOf: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, '--as-of', asOf], (error, stdout, stderr) => {
      resolve({ exitCode: error === null ? 0 : Number(error.code ?? 1), stdout, stderr });
    });
  });
}

describe('scripts/catalog-check.ts', () => {
  it('on the catalog date finds nothing stale, shows each genai-prices disagreement as explained, and exits 0', async () => {
    const run = await catalogCheck('2026-12-01');
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Checked more than 90 days ago (0):');
    expect(run.stdout).toMatch(
      /anthropic\/claude-sonnet-5-5 \(matched anthropic:claude-sonnet-5\), explained in notes/,
    );
    expect(run.stdout).toContain('0 unexplained');
  }, 60_000);

  it('a month later lists the secondary GPU prices seen on 2026-09-25 as stale and exits 1', async () => {
    const run = await catalogCheck('2027-01-01');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/2026-09-25 {2}runpod\/h100 hourly \(98 days, secondary\) https:\/\/github\.com\//);
    expect(run.stdout).not.toMatch(/openai\/gpt-6\.1-terra/);
  }, 60_000);
});
