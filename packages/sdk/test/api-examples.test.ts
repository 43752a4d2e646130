import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// So the READMEs never lie: every script in examples/ runs against the BUILT packages (they import `@tunewise/sdk` and
// `@tunewise/core`, which resolve to dist/ through the workspace), and the README that shows it must carry the
// script verbatim after `<!-- example: NAME -->` and its real output after `<!-- output: NAME -->`.
// After an intended change, rebuild and refresh the READMEs with:
//   UPDATE_README_EXAMPLES=1 npx vitest run test/api-examples.test.ts
const examplesDirectory = path.resolve(import.meta.dirname, '../examples');
const readmes = ['../README.md', '../../core/README.md'].map((relative) => path.resolve(import.meta.dirname, relative));
const updating = process.env.UPDATE_README_EXAMPLES === '1';

interface ExampleRun {
  name: string;
  source: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

function runExample(name: string): Promise<Omit<ExampleRun, 'source'>> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [name],
      { cwd: examplesDirectory, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ name, exitCode, stdout, stderr });
      },
    );
  });
}

// The renderers sign with the package version; a release bump must not make the README wrong.
const withoutVersion = (text: string) => text.replace(/\btunewise \d+\.\d+\.\d+[\w.-]*/g, 'tunewise <version>');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The fenced block right after `<!-- kind: name -->`, with the fence it used, or undefined. */
function blockAfter(readme: string, kind: 'example' | 'output', name: string) {
  const pattern = new RegExp(`<!-- ${kind}: ${escapeRegExp(name)} -->\\n(\`{3,})([\\w-]*)\\n([\\s\\S]*?)\\n\\1\\n`);
  const match = pattern.exec(readme);
  return match === null ? undefined : { whole: match[0], fence: match[1]!, language: match[2]!, body: match[3]! };
}

let runs: ExampleRun[];
let readmeTexts: Map<string, string>;

beforeAll(async () => {
  for (const entry of ['../dist/index.js', '../dist/index.cjs', '../../core/dist/index.js']) {
    const file = path.resolve(import.meta.dirname, entry);
    if (!existsSync(file))
      throw new Error(`${file} is missing: run \`npm run build -w @tunewise/core -w @tunewise/sdk\``);
  }
  const names = (await readdir(examplesDirectory)).filter((name) => /\.(mjs|cjs)$/.test(name)).sort();
  runs = await Promise.all(
    names.map(async (name) => ({
      ...(await runExample(name)),
      source: await readFile(path.join(examplesDirectory, name), 'utf8'),
    })),
  );
  readmeTexts = new Map(await Promise.all(readmes.map(async (file) => [file, await readFile(file, 'utf8')] as const)));

  if (updating) {
    for (const [file, text] of readmeTexts) {
      let updated = text;
      for (const example of runs) {
        const code = blockAfter(updated, 'example', example.name);
        if (code !== undefined) {
          const replacement = `<!-- example: ${example.name} -->\n${code.fence}${code.language}\n${example.source.trimEnd()}\n${code.fence}\n`;
          updated = updated.replace(code.whole, () => replacement);
        }
        const output = blockAfter(updated, 'output', example.name);
        if (output !== undefined) {
          const replacement = `<!-- output: ${example.name} -->\n${output.fence}${output.language}\n${example.stdout.trimEnd()}\n${output.fence}\n`;
          updated = updated.replace(output.whole, () => replacement);
        }
      }
      readmeTexts.set(file, updated);
      await writeFile(file, updated);
    }
  }
}, 60_000);

describe('README examples', () => {
  it('exist: at least the API the issue names', () => {
    const names = runs.map((example) => example.name);
    expect(names).toEqual(
      expect.arrayContaining(['evaluate.mjs', 'compare.mjs', 'load-config.mjs', 'require.cjs', 'core.mjs']),
    );
  });

  it('run cleanly against the built packages', () => {
    for (const example of runs) {
      expect({ name: example.name, exitCode: example.exitCode, stderr: example.stderr }).toEqual({
        name: example.name,
        exitCode: 0,
        stderr: '',
      });
      expect(example.stdout.trim(), example.name).not.toBe('');
    }
  });

  it('are shown verbatim in exactly one README, each with its real output', () => {
    for (const example of runs) {
      const showing = [...readmeTexts].filter(([, text]) => blockAfter(text, 'example', example.name) !== undefined);
      expect(
        showing.map(([file]) => path.basename(path.dirname(file))),
        `${example.name} in a README`,
      ).toHaveLength(1);
      const text = showing[0]![1];
      expect(blockAfter(text, 'example', example.name)!.body, `${example.name} source`).toBe(example.source.trimEnd());
      expect(withoutVersion(blockAfter(text, 'output', example.name)?.body ?? ''), `${example.name} output`).toBe(
        withoutVersion(example.stdout.trimEnd()),
      );
    }
  });

  it('say what the tests elsewhere prove: prompt files counted, asOf pinning, located errors', () => {
    const output = (name: string) => runs.find((example) => example.name === name)!.stdout;
    expect(output('evaluate.mjs')).toMatch(/^support-triage: prompt /m);
    expect(output('load-config.mjs')).toMatch(
      /support-triage\.instructionFiles: support-triage\.md = \d+ tokens \(exact/,
    );
    expect(output('load-config.mjs')).toContain('broken/llm-usage.yml:11:7 workloads[0].prompt.cacheHitRat');
    expect(output('as-of.mjs')).toMatch(/^2027-01-07: .*training-closed/m);
    // The README's sentence about where the prompt tokens come from (examples/llm-usage.yml: 2,400 example + 350 input).
    const counted = Number(/support-triage\.md = (\d+) tokens/.exec(output('load-config.mjs'))![1]);
    expect(output('evaluate.mjs')).toContain(`prompt sends ${counted + 2400 + 350} tokens a request`);
    expect(readmeTexts.get(readmes[0]!)).toContain(
      `The ${(counted + 2400 + 350).toLocaleString('en-US')} tokens the prompt strategy sends are the ${counted} counted`,
    );
    expect(output('compare.mjs')).toMatch(/^removed: ticket-summary$/m);
  });
});
