// Regenerates the blocks of README.md that show real output, between `<!-- generated:NAME -->` and
// `<!-- /generated:NAME -->`. `node scripts/readme.mjs --write` rewrites them; without --write it exits 1 when one
// is stale. packages/sdk/test/readme.test.ts runs the same check in `npm test`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'packages/sdk/dist/cli.js');
/** The day README's output speaks for; `npm start` prints today's, which differs only where a date matters. */
export const README_AS_OF = '2026-11-28';

const tunewise = (args) =>
  execFileSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });

/** stderr and exit code of a run that is meant to fail. */
const failing = (args) => {
  try {
    tunewise(args);
  } catch (error) {
    return `${error.stderr.trimEnd()}\n$ echo $?\n${error.status}`;
  }
  throw new Error(`tunewise ${args.join(' ')} was meant to fail`);
};

export function generatedBlocks() {
  return {
    'npm-start': [
      '```text',
      tunewise(['check', '--config', 'examples/llm-usage.yml', '--as-of', README_AS_OF]).trimEnd(),
      '```',
    ].join('\n'),
    'bad-input': [
      '```text',
      '$ tunewise check --config examples/invalid/llm-usage.yml',
      failing(['check', '--config', 'examples/invalid/llm-usage.yml']),
      '```',
    ].join('\n'),
    // Written by the action's end-to-end test (packages/action/test), from the comment the loopback GitHub received.
    'action-comment': [
      '<details><summary>The comment on a pull request that moves a workload from prompt to fine-tune</summary>',
      '',
      readFileSync(path.join(root, 'packages/action/test/__output__/example-comment.md'), 'utf8').trimEnd(),
      '',
      '</details>',
    ].join('\n'),
    'check-help': ['```text', tunewise(['check', '--help']).trimEnd(), '```'].join('\n'),
    'cli-help': ['```text', tunewise(['--help']).trimEnd(), '```'].join('\n'),
  };
}

export function renderReadme(text, blocks = generatedBlocks()) {
  let next = text;
  for (const [name, body] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(next)) throw new Error(`README.md has no generated:${name} block`);
    next = next.replace(pattern, (_, open, close) => `${open}${body}\n${close}`);
  }
  return next;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = path.join(root, 'README.md');
  const text = readFileSync(file, 'utf8');
  const next = renderReadme(text);
  if (process.argv.includes('--write')) writeFileSync(file, next);
  else if (next !== text) {
    console.error('README.md is stale: run `npm run build && node scripts/readme.mjs --write`');
    process.exitCode = 1;
  }
}
