/**
 * What a maintainer refreshes in one sitting: every catalog price or date checked more than 90 days ago, and every
 * base price that disagrees with @pydantic/genai-prices (explained in the entry's notes or not).
 *
 *   npm run catalog:check                      # as of today (UTC)
 *   npm run catalog:check -- --as-of 2027-03-01
 *
 * Runs on Node 24 directly (type stripping) and loads the TypeScript sources through Vite's module runner, so it needs
 * no build. Exit 1 when anything is stale or a disagreement is unexplained, so CI can run it on a schedule.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

type CatalogModule = typeof import('../src/catalog/index.js');
type CrossCheckModule = typeof import('./genai-prices-cross-check.js');

const load = async <T>(relative: string) =>
  (await runnerImport<T>(fileURLToPath(new URL(relative, import.meta.url)), { configFile: false, logLevel: 'error' }))
    .module;

const { values } = parseArgs({ options: { 'as-of': { type: 'string' } } });
const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
const { defaultCatalog, stalePrices, STALE_AFTER_DAYS } = await load<CatalogModule>('../src/catalog/index.ts');
const { compareWithGenaiPrices } = await load<CrossCheckModule>('./genai-prices-cross-check.ts');

const stale = stalePrices(defaultCatalog, asOf);
const disagreements = compareWithGenaiPrices(defaultCatalog).filter((comparison) => comparison.differences.length > 0);
const unexplained = disagreements.filter((comparison) => !comparison.explained);

const lines = [`Catalog checked ${defaultCatalog.checked}; as of ${asOf}.`, ''];
lines.push(`Checked more than ${STALE_AFTER_DAYS} days ago (${stale.length}):`);
for (const entry of stale) {
  lines.push(
    `  ${entry.checked}  ${entry.id} ${entry.what} (${entry.ageDays} days, ${entry.sourceKind}) ${entry.source}`,
  );
}
if (stale.length === 0) lines.push('  none');
lines.push(
  '',
  `Disagreements with @pydantic/genai-prices (${disagreements.length}, ${unexplained.length} unexplained):`,
);
for (const comparison of disagreements) {
  const status = comparison.explained ? 'explained in notes' : 'UNEXPLAINED';
  lines.push(`  ${comparison.id} (matched ${comparison.genaiModel}), ${status}: ${comparison.differences.join('; ')}`);
}
if (disagreements.length === 0) lines.push('  none');
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = stale.length > 0 || unexplained.length > 0 ? 1 : 0;
