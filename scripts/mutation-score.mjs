// `npm run mutate [-- stryker options]`: runs StrykerJS with stryker.config.json (incremental, so a re-run only tests
// mutants whose code or covering tests changed), then writes the scores it measured into TESTING.md's
// "Mutation score" section. Files the run did not cover (e.g. `-- --mutate packages/core/src/diff/policy.ts`) keep
// the row, and the date, of the run that last measured them. Exits with Stryker's exit code, which is 1 below
// `thresholds.break`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const testingFile = path.join(root, 'TESTING.md');
const reportFile = path.join(root, 'reports', 'mutation', 'mutation.json');
const strykerBin = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const START = '<!-- mutation-score:start (written by scripts/mutation-score.mjs) -->';
const END = '<!-- mutation-score:end -->';

/** The groups the issue measures by, in the order the table lists them. */
const GROUPS = [
  ['cost', /\/cost\//],
  ['decision', /\/decision\//],
  ['uncertainty', /\/uncertainty\//],
  ['diff', /\/diff\//],
  ['quality', /\/quality\//],
];

function groupOf(file) {
  return GROUPS.find(([, pattern]) => pattern.test(file))?.[0] ?? 'other';
}

/** Mutation score as Stryker computes it: detected / (detected + undetected); compile errors and ignored left out. */
function score(row) {
  const valid = row.killed + row.timeout + row.survived + row.noCoverage;
  return valid === 0 ? null : ((row.killed + row.timeout) / valid) * 100;
}

function formatScore(value) {
  return value === null ? 'n/a' : `${value.toFixed(2)}%`;
}

function countsOf(mutants) {
  const row = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
  for (const mutant of mutants) {
    if (mutant.status === 'Killed') row.killed += 1;
    else if (mutant.status === 'Timeout') row.timeout += 1;
    else if (mutant.status === 'Survived') row.survived += 1;
    else if (mutant.status === 'NoCoverage') row.noCoverage += 1;
    else if (mutant.status === 'CompileError' || mutant.status === 'RuntimeError') row.errors += 1;
  }
  return row;
}

/** The per-file rows already in TESTING.md, so a partial run keeps what earlier runs measured. */
function previousRows() {
  if (!existsSync(testingFile)) return new Map();
  const text = readFileSync(testingFile, 'utf8');
  const section = text.slice(text.indexOf(START), text.indexOf(END));
  const rows = new Map();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    // | group | `file` | killed | timeout | survived | no coverage | errors | score | measured |
    if (cells.length !== 11 || !cells[2]?.startsWith('`')) continue;
    const [group, file, killed, timeout, survived, noCoverage, errors, , measured] = cells.slice(1, 10);
    rows.set(file.replaceAll('`', ''), {
      group,
      killed: Number(killed),
      timeout: Number(timeout),
      survived: Number(survived),
      noCoverage: Number(noCoverage),
      errors: Number(errors),
      measured,
    });
  }
  return rows;
}

function sum(rows) {
  const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
  for (const row of rows) for (const key of Object.keys(total)) total[key] += row[key];
  return total;
}

function tableLine(cells) {
  return `| ${cells.join(' | ')} |`;
}

const args = process.argv.slice(2);
const startedAt = new Date();
const started = performance.now();
const run = spawnSync(process.execPath, [strykerBin, 'run', ...args], { cwd: root, stdio: 'inherit' });
const minutes = (performance.now() - started) / 60_000;
// A report older than this run is a previous run's: Stryker stopped before reporting, so nothing is recorded.
if (!existsSync(reportFile) || statSync(reportFile).mtimeMs < startedAt.getTime()) {
  console.error(`No fresh report at ${path.relative(root, reportFile)}: Stryker did not finish, TESTING.md unchanged.`);
  process.exit(run.status || 1);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8'));

const measuredOn = startedAt.toISOString().slice(0, 10);
const rows = previousRows();
let measuredNow = 0;
for (const [file, result] of Object.entries(report.files)) {
  const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  rows.set(relative, { group: groupOf(relative), ...countsOf(result.mutants), measured: measuredOn });
  measuredNow += result.mutants.length;
}

const ordered = [...rows.entries()].sort(([leftFile, left], [rightFile, right]) => {
  const byGroup =
    GROUPS.findIndex(([name]) => name === left.group) - GROUPS.findIndex(([name]) => name === right.group);
  return byGroup !== 0 ? byGroup : leftFile.localeCompare(rightFile);
});
const header = ['group', 'file', 'killed', 'timeout', 'survived', 'no coverage', 'errors', 'score', 'measured'];
const lines = [tableLine(header), tableLine(header.map(() => '---'))];
for (const [file, row] of ordered) {
  lines.push(
    tableLine([
      row.group,
      `\`${file}\``,
      row.killed,
      row.timeout,
      row.survived,
      row.noCoverage,
      row.errors,
      formatScore(score(row)),
      row.measured,
    ]),
  );
}
const groupLines = [tableLine(['group', 'files', 'score']), tableLine(['---', '---', '---'])];
for (const [name] of GROUPS) {
  const members = ordered.filter(([, row]) => row.group === name).map(([, row]) => row);
  if (members.length > 0) groupLines.push(tableLine([name, members.length, formatScore(score(sum(members)))]));
}
groupLines.push(
  tableLine(['**all**', ordered.length, `**${formatScore(score(sum(ordered.map(([, row]) => row))))}**`]),
);

const command = [
  'npm run mutate',
  ...(args.length > 0 ? ['--', ...args.map((arg) => (/\s|,/.test(arg) ? `'${arg}'` : arg))] : []),
];
const section = [
  START,
  `Last run: \`${command.join(' ')}\` on ${measuredOn}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}: ${minutes.toFixed(1)} minutes for ${measuredNow} mutants (those reused from the incremental file included), Stryker exit code ${run.status}.`,
  '',
  ...groupLines,
  '',
  ...lines,
  END,
].join('\n');

const text = existsSync(testingFile)
  ? readFileSync(testingFile, 'utf8')
  : `# Testing\n\n## Mutation score\n\n${START}\n${END}\n`;
const start = text.indexOf(START);
const end = text.indexOf(END);
const next =
  start === -1 || end === -1
    ? `${text.trimEnd()}\n\n## Mutation score\n\n${section}\n`
    : `${text.slice(0, start)}${section}${text.slice(end + END.length)}`;
writeFileSync(testingFile, next);
console.log(`TESTING.md: mutation score section rewritten (${measuredNow} mutants in this run).`);
process.exit(run.status ?? 1);
