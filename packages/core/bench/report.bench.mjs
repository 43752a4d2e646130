// Core benchmark: the full report for a 1,000-workload file and the Monte Carlo for one workload at 10,000 draws,
// each as a ratio to a plain loop over the same cost formula (the floor). Run: npm run bench (or node this file after a build).
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { machine, writeSection } from '../../../scripts/benchmarks-md.mjs';
import { defaultCatalog, evaluate, parseUsageFile, resolveModel } from '../dist/index.js';

// The Monte Carlo and costAtVolume are internal (not in the public API), so they are loaded from the sources through
// Vite's module runner.
const source = (file) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));
const runnerOptions = { configFile: false, logLevel: 'error' };
const { simulateVolume } = (await runnerImport(source('uncertainty/monte-carlo.ts'), runnerOptions)).module;
const { costAtVolume } = (await runnerImport(source('cost/cost-model.ts'), runnerOptions)).module;

const WORKLOADS = 1000;
const DRAWS = 10000;
const models = ['openai/gpt-4.1', 'openai/gpt-4.1-mini', 'anthropic/claude-sonnet-5', 'openai/gpt-5.6-luna'];
const tuned = 'together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';

function generate(count) {
  const document = {
    version: 1,
    workloads: Array.from({ length: count }, (_, index) => ({
      id: `w${index}`,
      model: models[index % models.length],
      volume: {
        requestsPerMonth:
          index % 5 === 0
            ? { low: 1000 * index, expected: 2000 * index + 500, high: 5000 * index + 1000 }
            : 1000 + 997 * index,
        monthlyGrowth: (index % 7) / 100,
      },
      prompt: {
        instructionTokens: 200 + (index % 13) * 100,
        exampleTokens: (index % 9) * 300,
        inputTokens: 300,
        outputTokens: 150,
        cacheHitRate: (index % 4) / 4,
      },
      profile: {
        domain: index % 3 === 0 ? 'legal' : 'general',
        tasks: 1 + (index % 4),
        stage: index % 10 === 0 ? 'prototype' : 'production',
      },
      trainingData: { examples: (index * 37) % 3000, quality: 'high' },
      fineTune: { model: tuned },
    })),
  };
  return parseUsageFile(JSON.stringify(document), { fileName: 'bench.json' }).usageFile;
}

function time(fn, repeat) {
  fn(); // warm-up
  const start = performance.now();
  for (let round = 0; round < repeat; round += 1) fn();
  return (performance.now() - start) / repeat;
}

// The floor: the cost formula of docs/cost-model.md, three strategies × H months, as a bare loop with prices in locals.
function floorLoop(usageFile) {
  let sink = 0;
  for (const workload of usageFile.workloads) {
    const volume =
      typeof workload.volume.requestsPerMonth === 'number'
        ? workload.volume.requestsPerMonth
        : workload.volume.requestsPerMonth.expected;
    const perRequest = [
      (3600 * 2 + 300 * 2 + 150 * 8) / 1e6,
      (400 * 0.18 + 150 * 0.18) / 1e6,
      (1300 * 0.18 + 150 * 0.18) / 1e6,
    ];
    for (const price of perRequest) {
      for (let month = 0; month < usageFile.assumptions.horizonMonths; month += 1) {
        sink += volume * (1 + workload.volume.monthlyGrowth) ** month * price + 600;
      }
    }
  }
  return sink;
}

const usageFile = generate(WORKLOADS);
const asOf = '2026-11-28';
// `--baseline PATH --baseline-label TEXT`: the same report from another build of core (e.g. the commit before a
// change), timed alternately with this one, so both see the same load on a shared machine.
const baselineIndex = process.argv.indexOf('--baseline');
const baselinePath = baselineIndex === -1 ? undefined : process.argv[baselineIndex + 1];
const baselineLabel = process.argv[process.argv.indexOf('--baseline-label') + 1] ?? baselinePath;
const baseline = baselinePath === undefined ? undefined : await import(path.resolve(baselinePath));
let reportMs;
let baselineMs;
if (baseline === undefined) {
  reportMs = time(() => evaluate(usageFile, { asOf }), 5);
} else {
  evaluate(usageFile, { asOf });
  baseline.evaluate(usageFile, { asOf });
  const totals = [0, 0];
  for (let round = 0; round < 5; round += 1) {
    for (const [index, run] of [evaluate, baseline.evaluate].entries()) {
      const start = performance.now();
      run(usageFile, { asOf });
      totals[index] += performance.now() - start;
    }
  }
  [reportMs, baselineMs] = totals.map((total) => total / 5);
}
const floorMs = time(() => floorLoop(usageFile), 200);

const single = generate(1);
const workload = {
  ...single.workloads[0],
  volume: { requestsPerMonth: { low: 50000, expected: 250000, high: 1000000 }, monthlyGrowth: 0.03 },
};
const context = {
  workload,
  assumptions: single.assumptions,
  asOf,
  resolveModel: (id) => resolveModel(id, {}, defaultCatalog),
};
const monteCarloMs = time(
  () =>
    simulateVolume({
      range: workload.volume.requestsPerMonth,
      seed: 1,
      draws: DRAWS,
      // The path evaluate() takes: provider-hosted totals are exact lines in volume.
      totalsAt: costAtVolume(context),
    }),
  5,
);
const monteCarloFloorMs = time(() => {
  let sink = 0;
  for (let draw = 0; draw < DRAWS; draw += 1) {
    const volume = 50000 + Math.random() * 950000;
    for (const price of [0.0114, 0.000099, 0.000261]) {
      for (let month = 0; month < 12; month += 1) sink += volume * 1.03 ** month * price + 600;
    }
  }
  return sink;
}, 20);

const rows = [
  [
    'report, 1,000 workloads (evaluate: costs, break-even, decision, sensitivity, Monte Carlo on 200 ranges)',
    reportMs,
    floorMs,
  ],
  ['Monte Carlo, one workload, 10,000 draws', monteCarloMs, monteCarloFloorMs],
];
if (baselineMs !== undefined) {
  rows.splice(1, 0, [`the same report, baseline build (${baselineLabel}), timed alternately`, baselineMs, floorMs]);
}
const table = [
  '| measurement | tunewise | floor (plain loop, same formula) | ratio |',
  '|---|---:|---:|---:|',
  ...rows.map(
    ([name, value, floor]) =>
      `| ${name} | ${value.toFixed(1)} ms | ${floor.toFixed(3)} ms | ${(value / floor).toFixed(2)}× |`,
  ),
].join('\n');
const command =
  baselinePath === undefined
    ? '`npm run bench` (runs `node packages/core/bench/report.bench.mjs` on the built package)'
    : `\`npm run build && node --expose-gc packages/core/bench/report.bench.mjs --write --baseline ${baselinePath} --baseline-label "${baselineLabel}"\`, the baseline being core built at that commit in a worktree (\`git worktree add DIR COMMIT && cd DIR && npm ci && npx turbo run build --filter=@tunewise/core\`)`;
const body = `Command: ${command}.
Machine: ${machine()}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the start. Mean of 5 runs after a warm-up (floors: 200 and 20 runs).

${table}

The floor is the cost formula alone; the report also computes break-even, payback, the scorecard with its sentences,
what-would-change thresholds and a sensitivity sweep (about a dozen re-evaluations per workload), so a large ratio is
expected. What matters for users is the absolute time: the whole 1,000-workload report takes ${reportMs.toFixed(0)} ms${
  baselineMs === undefined
    ? '.'
    : `, against ${baselineMs.toFixed(0)} ms for the baseline build timed alternately in the same process (${((reportMs / baselineMs) * 100).toFixed(0)}%).`
}
The Monte Carlo runs under its floor because, with provider hosting, each strategy's total is an exact line in volume
(two cost-model runs give it), so a draw costs three multiply-adds instead of three strategies × 12 months.`;
console.log(body);
if (process.argv.includes('--write')) writeSection('core', body);
