import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These tests start the built CLI or Node as child processes; on a slow, shared runner one can take seconds.
const CHILD_PROCESS_TIMEOUT_MS = 120_000;

// So the READMEs never lie: every script in examples/ runs against the BUILT packages (they import `@tunewise/sdk` and
// `@tunewise/core`, which resolve to dist/ through the workspace), and the README that shows it must carry the
// script verbatim after `<!-- example: NAME -->` and its real output after `<!-- output: NAME -->`.
// The same goes for the CLI runs in `commands` below: the README shows `npx tunewise ARGS` after
// `<!-- command: NAME -->` and what it printed (or the file it wrote) after `<!-- output: NAME -->`; each runs the
// built dist/cli.js in a fresh copy of examples/, so a --write never touches the committed files.
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

/** A CLI run the README shows: its arguments, and whether its output is stdout or a file it writes. */
interface Command {
  name: string;
  args: string[];
  shows: { stdout: true } | { file: string };
  /** What it prints on stderr (e.g. the --write confirmation); '' when nothing. */
  stderr: string;
}

/** A run whose stdout the README shows, printing nothing on stderr. */
const stdout = (name: string, args: string[]): Command => ({ name, args, shows: { stdout: true }, stderr: '' });
const importLog = ['usage', 'import', 'logs/requests.jsonl', '--workload-by', 'metadata.workload'];
const commands: Command[] = [
  { name: 'usage-import-text', args: importLog, shows: { stdout: true }, stderr: '' },
  { name: 'usage-import-json', args: [...importLog, '--format', 'json'], shows: { stdout: true }, stderr: '' },
  {
    name: 'usage-import-write',
    // The example log covers under three days: without --force, --write refuses to shrink the guessed volumes.
    args: [...importLog, '--write', 'llm-usage.yml', '--force'],
    shows: { file: 'llm-usage.yml' },
    stderr:
      'warning: support-triage: would replace requestsPerMonth 250,000 with 177, measured from 16 requests over 2.8 days (2026-11-24T09:00Z to 2026-11-27T03:03Z); a sample under 7 days says little about a month.\n' +
      'warning: invoice-extraction: would replace requestsPerMonth 900,000 with 93, measured from 8 requests over 2.6 days (2026-11-24T15:06Z to 2026-11-27T06:06Z); a sample under 7 days says little about a month.\n' +
      'Wrote measured numbers for 2 workload(s) into llm-usage.yml.\n',
  },
  {
    name: 'eval-import-text',
    args: ['eval', 'import', 'evals/graded.jsonl', '--workload', 'support-triage', '--strategy', 'fine-tune'],
    shows: { stdout: true },
    stderr: '',
  },
  // Warehouse scale: the DuckDB engine, rows a warehouse returned, and the query for each dialect.
  stdout('usage-import-duckdb', [
    'usage',
    'import',
    '--engine',
    'duckdb',
    'logs/requests.jsonl',
    '--workload-by',
    'metadata.workload',
  ]),
  stdout('usage-import-aggregates', ['usage', 'import', '--aggregates', 'logs/usage-rows.csv']),
  stdout('usage-sql-clickhouse', [
    'usage',
    'sql',
    '--dialect',
    'clickhouse',
    '--workload-by',
    "SpanAttributes['app.workload']",
    '--since',
    '2026-11-01',
  ]),
  stdout('usage-sql-bigquery', ['usage', 'sql', '--dialect', 'bigquery', '--table', 'my-project.otel.spans']),
  stdout('usage-sql-postgres', [
    'usage',
    'sql',
    '--dialect',
    'postgres',
    '--source',
    'openai',
    '--table',
    'logs.openai_responses',
    '--workload-by',
    "response -> 'metadata' ->> 'workload'",
  ]),
  stdout('usage-sql-duckdb', ['usage', 'sql', '--dialect', 'duckdb', '--table', 'logs/requests.jsonl']),
];
const cliPath = path.resolve(import.meta.dirname, '../dist/cli.js');
/** An argument as a POSIX shell reads it back: bare when plain, else in double or single quotes. */
const shellWord = (argument: string) =>
  /^[\w@%+=:,./-]+$/.test(argument)
    ? argument
    : /["$`\\!]/.test(argument)
      ? `'${argument.replaceAll("'", `'\\''`)}'`
      : `"${argument}"`;
const commandLine = (command: Command) => `npx tunewise ${command.args.map(shellWord).join(' ')}`;
const copies: string[] = [];

interface CommandRun {
  command: Command;
  exitCode: number;
  stderr: string;
  /** stdout, or the text of the file the command wrote. */
  shown: string;
}

async function runCommand(command: Command): Promise<CommandRun> {
  const copy = await mkdtemp(path.join(tmpdir(), 'tunewise-readme-'));
  copies.push(copy);
  await cp(examplesDirectory, copy, { recursive: true });
  const run = await new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...command.args],
      { cwd: copy, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
  const shown = 'file' in command.shows ? await readFile(path.join(copy, command.shows.file), 'utf8') : run.stdout;
  return { command, exitCode: run.exitCode, stderr: run.stderr, shown };
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
function blockAfter(readme: string, kind: 'example' | 'command' | 'output', name: string) {
  const pattern = new RegExp(`<!-- ${kind}: ${escapeRegExp(name)} -->\\n(\`{3,})([\\w-]*)\\n([\\s\\S]*?)\\n\\1\\n`);
  const match = pattern.exec(readme);
  return match === null ? undefined : { whole: match[0], fence: match[1]!, language: match[2]!, body: match[3]! };
}

let runs: ExampleRun[];
let commandRuns: CommandRun[];
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
  commandRuns = await Promise.all(commands.map(runCommand));
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
      for (const run of commandRuns) {
        const code = blockAfter(updated, 'command', run.command.name);
        if (code !== undefined) {
          const replacement = `<!-- command: ${run.command.name} -->\n${code.fence}${code.language}\n${commandLine(run.command)}\n${code.fence}\n`;
          updated = updated.replace(code.whole, () => replacement);
        }
        const output = blockAfter(updated, 'output', run.command.name);
        if (output !== undefined) {
          const replacement = `<!-- output: ${run.command.name} -->\n${output.fence}${output.language}\n${run.shown.trimEnd()}\n${output.fence}\n`;
          updated = updated.replace(output.whole, () => replacement);
        }
      }
      readmeTexts.set(file, updated);
      await writeFile(file, updated);
    }
  }
}, 300_000);

afterAll(() => Promise.all(copies.map((copy) => rm(copy, { recursive: true, force: true }))));

describe('README examples', { timeout: CHILD_PROCESS_TIMEOUT_MS }, () => {
  it('exist: at least the API the issue names', () => {
    const names = runs.map((example) => example.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'evaluate.mjs',
        'compare.mjs',
        'load-config.mjs',
        'require.cjs',
        'core.mjs',
        'usage-meter.mjs',
        'ai-sdk-middleware.mjs',
      ]),
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

describe('README CLI runs', { timeout: CHILD_PROCESS_TIMEOUT_MS }, () => {
  it('exit 0, printing only what is expected on stderr', () => {
    for (const run of commandRuns) {
      expect({ name: run.command.name, exitCode: run.exitCode, stderr: run.stderr }).toEqual({
        name: run.command.name,
        exitCode: 0,
        stderr: run.command.stderr,
      });
    }
  });

  it('are shown in the sdk README, each command with its real output', () => {
    const text = readmeTexts.get(readmes[0]!)!;
    for (const run of commandRuns) {
      expect(blockAfter(text, 'command', run.command.name)?.body, `${run.command.name} command`).toBe(
        commandLine(run.command),
      );
      expect(blockAfter(text, 'output', run.command.name)?.body, `${run.command.name} output`).toBe(
        run.shown.trimEnd(),
      );
    }
  });

  it('read the log and write what the text table says', () => {
    const shown = (name: string) => commandRuns.find((run) => run.command.name === name)!.shown;
    expect(shown('usage-import-text')).toContain('Skipped 1 line that could not be read:\n  line 14: not valid JSON');
    const triage = (JSON.parse(shown('usage-import-json')) as { workloads: Array<Record<string, unknown>> })
      .workloads[0]!;
    expect(triage).toMatchObject({ id: 'support-triage', requests: 16 });
    expect(shown('usage-import-text')).toMatch(
      new RegExp(`^support-triage\\s+16\\s.*\\s${triage.requestsPerMonth as number}\\s`, 'm'),
    );
    expect(shown('usage-import-write')).toContain(`      requestsPerMonth: ${triage.requestsPerMonth as number}\n`);
  });
});

describe('the AI SDK middleware example', { timeout: CHILD_PROCESS_TIMEOUT_MS }, () => {
  it('measures the 20 calls the app made through wrapLanguageModel and writes them into its workload', () => {
    const output = runs.find((example) => example.name === 'ai-sdk-middleware.mjs')!.stdout;
    expect(output).toMatch(/^support-triage \(openai\/gpt-4\.1-mini\): 20 calls$/m);
    expect(output).toMatch(/^ {2}- id: support-triage\n[\s\S]*# measured 2026-11-28: 20 requests/m);
  });
});
