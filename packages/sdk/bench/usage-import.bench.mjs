#!/usr/bin/env node
// Benchmark of `tunewise usage import` and per-record costing, run by node on the built sdk:
//   npm run build -w @tunewise/sdk && node packages/sdk/bench/usage-import.bench.mjs [--size-mb 64] [--write]
// Prints a markdown table; --write puts it into BENCHMARKS.md at the repo root under "## usage import",
// replacing only that section. --sdk PATH benchmarks another build of the sdk's ESM entry.
import { execFileSync } from 'node:child_process';
import { createReadStream, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { calcPrice } from '@pydantic/genai-prices';
import { generate } from './generate-log.mjs';
import { floor, format, median, setUp, timed, writeSection } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { args, sizeMb, rounds, sdkPath, sdk } = await setUp(64, { records: { type: 'string', default: '200000' } });
const { importUsageLog, normalizeUsage, usageCostUsd, resolveModel, defaultCatalog } = sdk;

/** Peak RSS of a fresh process that starts (`node`), loads the sdk (`load`), imports the file, or runs the floor. */
function peakRssMb(file, mode) {
  const load = `const sdk = await import(${JSON.stringify(pathToFileURL(sdkPath).href)});`;
  const script =
    mode === 'load'
      ? load
      : mode === 'import'
        ? `${load} await sdk.importUsageLog(${JSON.stringify(file)});`
        : mode === 'node'
          ? ''
          : `const { createInterface } = await import('node:readline'); const { createReadStream } = await import('node:fs');
         for await (const line of createInterface({ input: createReadStream(${JSON.stringify(file)}), crlfDelay: Infinity })) if (line) JSON.parse(line);`;
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `${script} process.stdout.write(String(process.resourceUsage().maxRSS));`],
    { cwd: here, encoding: 'utf8' },
  );
  return Number(output) / 1024;
}

const small = path.join(tmpdir(), `tunewise-bench-${process.pid}-1x.jsonl`);
const large = path.join(tmpdir(), `tunewise-bench-${process.pid}-10x.jsonl`);
try {
  process.stderr.write(`generating ${sizeMb} MB and ${sizeMb * 10} MB JSONL files in ${tmpdir()}…\n`);
  const smallFile = generate(small, sizeMb);
  const largeFile = generate(large, sizeMb * 10);
  const megabytes = smallFile.bytes / 1_048_576;

  // Throughput: alternate the two readers so neither gets a warmer cache; keep the median.
  await floor(small);
  await importUsageLog(small);
  const floorSeconds = [];
  const importSeconds = [];
  let imported;
  for (let round = 0; round < rounds; round += 1) {
    floorSeconds.push((await timed(() => floor(small))).seconds);
    const run = await timed(() => importUsageLog(small));
    importSeconds.push(run.seconds);
    imported = run.result;
  }
  const floorRate = megabytes / median(floorSeconds);
  const importRate = megabytes / median(importSeconds);
  if (imported.records !== smallFile.lines)
    throw new Error(`imported ${imported.records} of ${smallFile.lines} records`);

  process.stderr.write('measuring peak memory in fresh processes…\n');
  const peak = {
    load: peakRssMb(small, 'load'),
    node: peakRssMb(small, 'node'),
    importSmall: peakRssMb(small, 'import'),
    importLarge: peakRssMb(large, 'import'),
    floorSmall: peakRssMb(small, 'floor'),
    floorLarge: peakRssMb(large, 'floor'),
  };

  // Costing: the same records, already parsed, priced by the catalog and by genai-prices.
  const recordCount = Math.min(Number(args.records), smallFile.lines);
  const records = [];
  for await (const line of createInterface({ input: createReadStream(small), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (records.length === recordCount) break;
    const value = JSON.parse(line);
    records.push({ model: value.model, usage: value.usage });
  }
  const pricesById = new Map();
  const tunewiseCost = () => {
    let total = 0;
    for (const record of records) {
      let prices = pricesById.get(record.model);
      if (prices === undefined) {
        prices = resolveModel(`openai/${record.model}`, {}, defaultCatalog);
        pricesById.set(record.model, prices);
      }
      total += usageCostUsd(normalizeUsage(record.usage), prices);
    }
    return total;
  };
  const genaiCost = () => {
    let total = 0;
    for (const record of records) {
      const usage = record.usage;
      const price = calcPrice(
        {
          input_tokens: usage.prompt_tokens,
          cache_read_tokens: usage.prompt_tokens_details.cached_tokens,
          output_tokens: usage.completion_tokens,
        },
        record.model,
        { providerId: 'openai' },
      );
      total += price?.total_price ?? 0;
    }
    return total;
  };
  tunewiseCost();
  genaiCost();
  const tunewiseRuns = [];
  const genaiRuns = [];
  let totals;
  for (let round = 0; round < rounds; round += 1) {
    const ours = await timed(async () => tunewiseCost());
    const theirs = await timed(async () => genaiCost());
    tunewiseRuns.push(ours.seconds);
    genaiRuns.push(theirs.seconds);
    totals = { ours: ours.result, theirs: theirs.result };
  }
  const tunewisePerSecond = records.length / median(tunewiseRuns);
  const genaiPerSecond = records.length / median(genaiRuns);

  const table = [
    '## usage import',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'},`,
    `by \`node packages/sdk/bench/usage-import.bench.mjs --size-mb ${sizeMb}\` on the built sdk: OpenAI \`chat.completion\` lines`,
    `(~${format(smallFile.bytes / smallFile.lines)} bytes each, four models), medians of ${rounds} rounds, file in the page cache.`,
    'The floor is a bare `readline` + `JSON.parse` loop over the same file: no JSONL reader can do less.',
    '',
    '| measure | tunewise | baseline | tunewise / baseline |',
    '|---|---:|---:|---:|',
    `| \`importUsageLog\` throughput, ${format(megabytes)} MB (${format(smallFile.lines)} lines) | ${format(importRate)} MB/s | floor ${format(floorRate)} MB/s | ${format((importRate / floorRate) * 100)}% |`,
    `| peak RSS, ${format(megabytes)} MB file | ${format(peak.importSmall)} MB | floor ${format(peak.floorSmall)} MB | ${format(peak.importSmall / peak.floorSmall, 2)}× |`,
    `| peak RSS, ${format(largeFile.bytes / 1_048_576)} MB file (10×) | ${format(peak.importLarge)} MB | floor ${format(peak.floorLarge)} MB | ${format(peak.importLarge / peak.floorLarge, 2)}× |`,
    `| RSS of a process that only starts (and loads the sdk) | ${format(peak.load)} MB | node alone ${format(peak.node)} MB | ${format(peak.load / peak.node, 2)}× |`,
    `| costing per record (catalog prices × tokens), ${format(records.length)} records | ${format(tunewisePerSecond / 1e6, 2)} M/s | genai-prices \`calcPrice\` ${format(genaiPerSecond / 1e6, 3)} M/s | ${format(tunewisePerSecond / genaiPerSecond, 1)}× |`,
    '',
    `Peak RSS from the 1× to the 10× file: ${format(peak.importSmall)} → ${format(peak.importLarge)} MB. The import keeps a count, sums and a quantile`,
    'sketch per workload, never a list of requests; the end-to-end test also imports 200 MB under `--max-old-space-size=64`.',
    `Both costings price the same records: $${format(totals.ours, 2)} (tunewise catalog) vs $${format(totals.theirs, 2)} (genai-prices).`,
    '',
  ].join('\n');
  process.stdout.write(`${table}\n`);

  if (args.write) writeSection('usage import', table);
} finally {
  rmSync(small, { force: true });
  rmSync(large, { force: true });
}
