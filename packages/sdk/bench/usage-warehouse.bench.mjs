#!/usr/bin/env node
// Benchmark of usage at warehouse scale, run by node on the built sdk:
//   npm run build -w @tunewise/sdk && node packages/sdk/bench/usage-warehouse.bench.mjs [--size-mb 1024] [--write]
// One JSONL log (1 GB by default: the size the recorded numbers use), generated in a temp dir and deleted
// afterwards, read four ways, each in a fresh process: the readline + JSON.parse floor, the streaming
// importer, the DuckDB engine over the JSONL, and the DuckDB engine over a Parquet file of the same records
// (written by DuckDB's COPY). Prints a markdown section; --write puts it into BENCHMARKS.md under
// "## usage at warehouse scale".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine, writeSection } from '../../../scripts/benchmarks-md.mjs';
import { generate } from './generate-log.mjs';
import { format, setUp } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The options and the built-sdk check every sdk benchmark shares (--size-mb, --write, --sdk); 1 GB by default.
const { args, sizeMb, sdkPath } = await setUp(1024);
const sdkUrl = pathToFileURL(sdkPath).href;

/**
 * Runs `body` (an ES module snippet that sets `result`) in a fresh Node process and returns its wall time
 * (from before the work to after it, process start excluded), its peak RSS, and what it returned.
 */
function measure(body) {
  const script = `let result;
const start = process.hrtime.bigint();
${body}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ seconds, rssMb: process.resourceUsage().maxRSS / 1024, result }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: here,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output);
}

const loadSdk = `const sdk = await import(${JSON.stringify(sdkUrl)});`;
const requestsOf = `result = { requests: imported.workloads.reduce((sum, workload) => sum + workload.requests, 0),
  inputMeans: imported.workloads.map((workload) => [workload.id, workload.tokens.input.mean]).sort() };`;

const directory = mkdtempSync(path.join(tmpdir(), 'tunewise-warehouse-bench-'));
try {
  const log = path.join(directory, 'requests.jsonl');
  const parquet = path.join(directory, 'requests.parquet');
  process.stderr.write(`generating a ${sizeMb} MB JSONL log in ${directory}…\n`);
  const generated = generate(log, sizeMb);
  process.stderr.write('writing the Parquet file with DuckDB COPY…\n');
  const copy = measure(`const { DuckDBInstance } = await import('@duckdb/node-api');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(${JSON.stringify(`COPY (SELECT json FROM read_json_objects('${log.replaceAll("'", "''")}', format = 'newline_delimited')) TO '${parquet.replaceAll("'", "''")}' (FORMAT parquet)`)});`);

  process.stderr.write('floor…\n');
  const floor = measure(`const { createInterface } = await import('node:readline');
const { createReadStream } = await import('node:fs');
let lines = 0;
for await (const line of createInterface({ input: createReadStream(${JSON.stringify(log)}), crlfDelay: Infinity })) {
  if (line) { JSON.parse(line); lines += 1; }
}
result = { requests: lines };`);
  process.stderr.write('streaming importer…\n');
  const streaming = measure(
    `${loadSdk} const imported = await sdk.importUsageLog(${JSON.stringify(log)}); ${requestsOf}`,
  );
  process.stderr.write('DuckDB over the JSONL…\n');
  const duckdbJsonl = measure(
    `${loadSdk} const imported = await sdk.importUsageWithDuckdb(${JSON.stringify(log)}); ${requestsOf}`,
  );
  process.stderr.write('DuckDB over the Parquet file…\n');
  const duckdbParquet = measure(
    `${loadSdk} const imported = await sdk.importUsageWithDuckdb(${JSON.stringify(parquet)}); ${requestsOf}`,
  );
  const node = measure('result = {};');

  for (const [name, run] of Object.entries({ streaming, duckdbJsonl, duckdbParquet })) {
    if (run.result.requests !== generated.lines) {
      throw new Error(`${name} counted ${run.result.requests} requests of ${generated.lines}`);
    }
    if (JSON.stringify(run.result.inputMeans) !== JSON.stringify(streaming.result.inputMeans)) {
      throw new Error(`${name} input means differ: ${JSON.stringify(run.result.inputMeans)}`);
    }
  }

  const megabytes = generated.bytes / 1_048_576;
  const load = loadavg()[0];
  const parquetMb = statSync(parquet).size / 1_048_576;
  const row = (label, run, size) =>
    `| ${label} | ${format(size)} MB | ${format(run.seconds, 1)} s | ${format(generated.lines / run.seconds / 1000)} k/s | ${format(run.seconds / floor.seconds, 2)}× | ${format(run.rssMb)} MB | ${format(run.rssMb / floor.rssMb, 2)}× |`;
  const section = [
    `Measured ${new Date().toISOString().slice(0, 10)} with ${machine()} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'},`,
    `by \`node packages/sdk/bench/usage-warehouse.bench.mjs --size-mb ${sizeMb}\` on the built sdk and @duckdb/node-api: one`,
    `${format(megabytes)} MB log of ${format(generated.lines)} OpenAI \`chat.completion\` lines (the usage-import benchmark's), and a`,
    `Parquet file of the same records (one \`json\` column) that DuckDB's COPY wrote in ${format(copy.seconds, 1)} s. Each reader`,
    'runs once in a fresh process (wall time from before the work to after it; peak RSS of the process), the file in',
    `the page cache; the machine's load average was ${format(load, 1)} when the readers ran. Ratios are against the floor`,
    'measured in the same run: a bare `readline` + `JSON.parse` loop. Throughput is records per second.',
    'Every reader counted all the requests and the same mean input tokens per workload.',
    '',
    '| reader | file | wall time | records/s | time / floor | peak RSS | RSS / floor |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('floor: `readline` + `JSON.parse`, one thread', floor, megabytes),
    row('`usage import` (streaming, one thread)', streaming, megabytes),
    row('`usage import --engine duckdb`, JSONL', duckdbJsonl, megabytes),
    row('`usage import --engine duckdb`, Parquet', duckdbParquet, parquetMb),
    '',
    `DuckDB ran on all ${cpus().length} cores and took ${format(duckdbJsonl.seconds / streaming.seconds, 2)}× the streaming importer's time on the JSONL and`,
    `${format(duckdbParquet.seconds / streaming.seconds, 2)}× on the Parquet file: its query parses every record's JSON in SQL, which on few cores costs more`,
    'than one thread of `JSON.parse`; the Parquet file saves reading (it is a tenth of the size) but not parsing, since',
    `its one column holds each record's JSON. Its memory is native (hash tables, read buffers): that is the RSS shown. A`,
    `process that only starts peaks at ${format(node.rssMb)} MB.`,
    '',
  ].join('\n');
  process.stdout.write(`## usage at warehouse scale\n\n${section}\n`);
  if (args.write) {
    writeSection('usage at warehouse scale', section);
    process.stderr.write('wrote the "## usage at warehouse scale" section of BENCHMARKS.md\n');
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
