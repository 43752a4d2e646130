// Pin the date a report speaks for: the catalog's deadlines are judged against it.
import { evaluate, loadConfig } from '@tunewise/sdk';

// Load once (validated, prompt files counted), evaluate as often as you like.
const loaded = await loadConfig('llm-usage.yml');

for (const asOf of ['2026-11-28', '2027-01-07']) {
  const report = await evaluate(loaded, { asOf });
  const triage = report.workloads.find((workload) => workload.id === 'support-triage');
  const blockers = triage.strategies.fineTune.blockers.map((blocker) => blocker.id);
  console.log(`${asOf}: ${triage.recommendation}; fine-tune blockers: ${blockers.join(', ')}`);
}
