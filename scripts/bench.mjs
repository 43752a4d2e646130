// `npm run bench`: every benchmark of the repo, each writing its own section of BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const benches = [
  'packages/core/bench/report.bench.mjs',
  'packages/sdk/bench/usage-import.bench.mjs',
  'packages/sdk/bench/eval-import.bench.mjs',
  'packages/sdk/bench/usage-warehouse.bench.mjs',
  'packages/action/bench/action.bench.mjs',
];
let failed = false;
for (const bench of benches) {
  const file = path.join(root, bench);
  if (!existsSync(file)) {
    console.error(`bench: ${bench} is missing`);
    failed = true;
    continue;
  }
  console.log(`\n# ${bench}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', file, '--write'], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
