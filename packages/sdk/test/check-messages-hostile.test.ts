import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './usage-helpers.js';

let directory: string;
beforeAll(async () => {
  assertBuilt();
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-messages-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const target = path.join(directory, name);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
  return target;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about control characters.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f]/;

describe('tunewise check messages for hostile input (built CLI)', () => {
  it('shows terminal escapes (OSC 52, CSI, C1) and RTL overrides in keys and model ids escaped, never raw', async () => {
    const osc52 = '\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007';
    const config = await file(
      'escapes.yml',
      `version: 1
workloads:
  - id: bot
    model: "openai/gpt-4.1${osc52}"
    volume: { requestsPerMonth: 1000 }
    prompt: { inputTokens: 300, outputTokens: 200 }
    "evil\\u001b[2J\\u009b31m\\u202Ekey": 1
`,
    );
    const run = await runCli(['check', '--config', config, '--as-of', '2026-11-28']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('escapes.yml:4:12: workloads[0].model: unknown model');
    expect(run.stderr).toContain('openai/gpt-4.1\\u{1b}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\u{7}');
    expect(run.stderr).toContain('escapes.yml:7:5: workloads[0]["evil\\u001b[2J\\u{9b}31m\\u{202e}key"]: unknown key');
    expect(run.stderr).toContain('found evil\\u{1b}[2J\\u{9b}31m\\u{202e}key).');
  }, 60_000);

  it('gives one clear error for a tab in indentation, in check and in usage import --write alike', async () => {
    await file(
      'tabs.yml',
      'version: 1\nworkloads:\n  - id: bot\n\tmodel: openai/gpt-4.1\n    volume: { requestsPerMonth: 1000 }\n\tprompt: { inputTokens: 300, outputTokens: 200 }\n',
    );
    const expected =
      'tunewise: tabs.yml:4:1: invalid YAML: a tab used for indentation; indent with spaces (line 6 too) (expected indentation with spaces, found `\\u{9}model: openai/gpt-4`).\n';
    const check = await runCli(['check', '--config', 'tabs.yml', '--as-of', '2026-11-28'], { cwd: directory });
    expect(check.exitCode).toBe(2);
    expect(check.stderr).toBe(expected);

    const log = await file(
      'one.jsonl',
      `${JSON.stringify({ object: 'chat.completion', model: 'gpt-4.1', created: 1_793_491_200, usage: { prompt_tokens: 4, completion_tokens: 1 } })}\n`,
    );
    const write = await runCli(['usage', 'import', log, '--write', 'tabs.yml'], { cwd: directory });
    expect(write.exitCode).toBe(2);
    expect(write.stderr).toContain(expected);
    expect(write.stderr).not.toMatch(/Tabs are not allowed|at line \d+, column \d+/);
  }, 60_000);

  it('says --as-of 2027-02-29 is not a calendar date, and still explains the shape for other text', async () => {
    const leap = await runCli(['check', '--as-of', '2027-02-29']);
    expect(leap.exitCode).toBe(2);
    expect(leap.stderr).toContain('"2027-02-29" is not a calendar date');
    const shape = await runCli(['check', '--as-of', 'tomorrow']);
    expect(shape.exitCode).toBe(2);
    expect(shape.stderr).toContain('expected a date as YYYY-MM-DD, got "tomorrow"');
  }, 60_000);

  it('marks token counts that are estimates (Claude, Gemini) and not exact ones (OpenAI)', async () => {
    await file('estimates/prompts/system.md', 'You triage support tickets and answer in JSON.\n');
    const workload = (id: string, model: string) => `  - id: ${id}
    model: ${model}
    volume: { requestsPerMonth: 1000 }
    prompt: { instructionFiles: [prompts/system.md], inputTokens: 300, outputTokens: 200 }
`;
    const config = await file(
      'estimates/llm-usage.yml',
      `version: 1\nworkloads:\n${workload('claude-bot', 'anthropic/claude-sonnet-4-5')}${workload('gemini-bot', 'google/gemini-2.5-flash')}${workload('gpt-bot', 'openai/gpt-4.1')}`,
    );
    const run = await runCli(['check', '--config', config, '--as-of', '2026-11-28']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split('\n');
    const line = (id: string) => lines.find((text) => text.startsWith(`  ${id} instructionFiles prompts/system.md:`));
    expect(line('claude-bot')).toMatch(/: ~\d+ tokens \(estimate: Claude ≈ o200k_base × 1\.25 \(unmeasured\)\)$/);
    expect(line('gemini-bot')).toMatch(/: ~\d+ tokens \(estimate: Gemini ≈ o200k_base × 1\.13/);
    expect(line('gpt-bot')).toMatch(/: \d+ tokens \(exact, o200k_base\)$/);
    expect(run.stdout).toContain('~ = an estimate');
  }, 60_000);
});
