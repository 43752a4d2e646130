import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PROMPT_FILES_PER_ENTRY } from '../src/prompt-files/resolve-prompt-files.js';
import { git, makeGitRepo, removeTempDirectory, writeFiles } from '../src/sources/__fixtures__/temp-git-repo.js';
import { assertBuilt, runCli } from './usage-helpers.js';

const created: string[] = [];
beforeAll(() => assertBuilt());
afterAll(() => {
  for (const directory of created) removeTempDirectory(directory);
});

/** A usage file whose one workload counts `files` as its instructions; the list starts on line 7. */
const usageFile = (files: string[]) => `version: 1
workloads:
  - id: bot
    model: openai/gpt-4.1
    volume: { requestsPerMonth: 1000 }
    prompt:
      instructionFiles:
${files.map((file) => `        - ${JSON.stringify(file)}`).join('\n')}
      inputTokens: 300
      outputTokens: 200
`;

function repo(files: Record<string, string | Uint8Array>): string {
  const root = makeGitRepo(files);
  created.push(root);
  return root;
}

const check = (root: string, extra: string[] = []) =>
  runCli(['check', '--config', path.join(root, 'llm-usage.yml'), '--as-of', '2026-11-28', ...extra], { cwd: root });

/** No stack trace, the bad-input exit code, and every problem at the usage file's line 8 (the first entry). */
function expectRefusedAtEntry(run: { exitCode: number; stdout: string; stderr: string }, message: string): void {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('llm-usage.yml:8:11: workloads[0].prompt.instructionFiles[0]:');
  expect(run.stderr).toContain(message);
}

describe('tunewise check refuses hostile prompt files (built CLI)', () => {
  it('refuses a symlink into .git/ instead of publishing the token count of .git/config', async () => {
    const root = repo({ 'llm-usage.yml': usageFile(['prompts/leak.md']), 'prompts/.keep': '' });
    symlinkSync('../.git/config', path.join(root, 'prompts', 'leak.md'));
    const run = await check(root);
    expectRefusedAtEntry(run, `"prompts/leak.md" is inside git's .git directory; it is not read`);
  }, 60_000);

  it('treats a committed symlink to /etc/passwd as outside the repository at a git ref', async () => {
    // prompts/etc/passwd exists in the commit: the old code joined the absolute target onto prompts/.
    const root = repo({
      'llm-usage.yml': usageFile(['prompts/passwd.md']),
      'prompts/etc/passwd': 'a prompt that happens to live here\n',
    });
    symlinkSync('/etc/passwd', path.join(root, 'prompts', 'passwd.md'));
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '--message', 'link');
    // The working tree may name any prompt; only the commit has the link.
    writeFiles(root, { 'llm-usage.yml': usageFile(['prompts/etc/passwd']) });
    const run = await check(root, ['--base-ref', 'HEAD']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      'workloads[0].prompt.instructionFiles[0]: "prompts/passwd.md" cannot be read from git ref HEAD.',
    );
  }, 60_000);

  it('refuses a symlink to a FIFO without opening it (no hang), naming the file', async () => {
    const root = repo({ 'llm-usage.yml': usageFile(['prompts/pipe.md']), 'prompts/.keep': '' });
    execFileSync('mkfifo', [path.join(root, 'fifo')]);
    symlinkSync('../fifo', path.join(root, 'prompts', 'pipe.md'));
    const run = await check(root);
    expectRefusedAtEntry(run, '"prompts/pipe.md" is not a regular file (a FIFO, socket or device); it is not read');
  }, 60_000);

  it('refuses a 600 MB prompt file by its size, without reading it', async () => {
    const root = repo({ 'llm-usage.yml': usageFile(['prompts/huge.md']), 'prompts/huge.md': '' });
    // Sparse: 600 MB by size, no disk. Reading it whole would take 600 MB of memory.
    truncateSync(path.join(root, 'prompts', 'huge.md'), 600 * 1024 * 1024);
    const run = await check(root, []);
    expectRefusedAtEntry(
      run,
      '"prompts/huge.md" is larger than 1 MiB (expected at most 1048576 bytes, found 629145600 bytes)',
    );
  }, 60_000);

  it('refuses a glob that matches more files than one entry may count', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index <= MAX_PROMPT_FILES_PER_ENTRY; index++)
      files[`docs/page-${index}.md`] = `page ${index}\n`;
    const root = repo({ 'llm-usage.yml': usageFile(['**/*.md']), ...files });
    const run = await check(root);
    expectRefusedAtEntry(
      run,
      `"**/*.md" matches ${MAX_PROMPT_FILES_PER_ENTRY + 1} files in working tree of ${root} (expected a path or a narrower glob matching at most ${MAX_PROMPT_FILES_PER_ENTRY} files, found ${MAX_PROMPT_FILES_PER_ENTRY + 1} files)`,
    );
  }, 120_000);

  it('refuses prompt files that add up to more than 8 MiB before pricing their tokens', async () => {
    const page = 'word '.repeat(200_000); // 1,000,000 bytes each
    const files: Record<string, string> = {};
    for (let index = 0; index < 9; index++) files[`big/part-${index}.md`] = page;
    const root = repo({ 'llm-usage.yml': usageFile(['big/*.md']), ...files });
    const run = await check(root);
    expectRefusedAtEntry(run, 'prompt files of workload "bot" add up to more than 8 MiB at "big/part-8.md"');
  }, 120_000);

  it('suggests the nearest existing path for a prompt file that does not exist', async () => {
    const root = repo({ 'llm-usage.yml': usageFile(['prompts/sytem.md']), 'prompts/system.md': 'You triage.\n' });
    const run = await check(root);
    expectRefusedAtEntry(run, 'matches no file in working tree of');
    expect(run.stderr).toContain('Did you mean prompts/system.md?');
  }, 60_000);

  it('still counts an ordinary prompt file and an in-repo symlink to it', async () => {
    const root = repo({
      'llm-usage.yml': usageFile(['prompts/system.md', 'prompts/alias.md']),
      'prompts/system.md': 'You triage support tickets.\n',
    });
    symlinkSync('system.md', path.join(root, 'prompts', 'alias.md'));
    const run = await check(root, ['--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  }, 60_000);
});
