// The public API reports (packages/core/etc/core.api.md, packages/sdk/etc/sdk.api.md), made by API Extractor from
// each package's built dist/index.d.ts, so every change to what the packages export shows in review.
//   node scripts/api-report.mjs          check: exits 1 and prints the difference when a committed report is stale
//   node scripts/api-report.mjs --write  update the reports after a build (then commit etc/*.api.md)
// `npm test` runs the same check through packages/*/…/api-report.test.ts. See docs/api.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The packages whose public surface is reported, by folder under packages/. */
export const REPORTED_PACKAGES = ['core', 'sdk'];

/**
 * Runs API Extractor on one package's built declarations. With `write`, the committed report is updated; without it,
 * the fresh report is left in temp/api-report/ and `changed` says whether it differs from the committed one.
 */
export function apiReport(packageName, { write = false } = {}) {
  const packageDirectory = path.join(root, 'packages', packageName);
  const config = ExtractorConfig.loadFileAndPrepare(path.join(packageDirectory, 'api-extractor.json'));
  const messages = [];
  const result = Extractor.invoke(config, {
    localBuild: write,
    messageCallback: (message) => {
      // Findings such as ae-forgotten-export are written into the report itself; keep the console quiet.
      if (message.logLevel === 'error') messages.push(message.text);
      message.handled = true;
    },
  });
  const committedPath = config.reportConfigs.map((report) => path.join(config.reportFolder, report.fileName))[0];
  const freshPath = config.reportConfigs.map((report) => path.join(config.reportTempFolder, report.fileName))[0];
  return {
    packageName,
    changed: result.apiReportChanged,
    errors: [...messages, ...(result.errorCount > messages.length ? [`${result.errorCount} errors`] : [])],
    committedPath,
    freshPath,
    fresh: () => readFileSync(freshPath, 'utf8'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  let failed = false;
  for (const packageName of REPORTED_PACKAGES) {
    const report = apiReport(packageName, { write });
    const where = path.relative(root, report.committedPath);
    if (report.errors.length > 0) {
      failed = true;
      console.error(`${where}: API Extractor failed:\n${report.errors.join('\n')}`);
    } else if (report.changed && !write) {
      failed = true;
      console.error(
        `${where} is stale: the public API changed. Review it, then run \`npm run api-report\` and commit.`,
      );
    } else {
      console.log(`${where}: ${report.changed ? 'updated' : 'up to date'}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}
