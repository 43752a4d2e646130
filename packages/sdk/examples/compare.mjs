// Compare a base usage file with the head: what a pull request changes, in money and in answers.
import { compare } from '@tunewise/sdk';

const usd = (amount) =>
  `${amount < 0 ? '-' : '+'}$${Math.abs(amount).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

// No base (e.g. the file is new): a first report, everything is added.
const first = await compare(null, 'llm-usage.yml', { asOf: '2026-11-28' });
console.log(`first report: ${first.isFirstReport}; added: ${first.added.join(', ')}`);

const diff = await compare('llm-usage.base.yml', 'llm-usage.yml', { asOf: '2026-11-28' });
console.log(`added: ${diff.added.join(', ')}`);
console.log(`removed: ${diff.removed.join(', ')}`);
console.log(`changed: ${diff.changed.join(', ')}`);
for (const workload of diff.workloads) {
  const recommendation = workload.recommendationChanged
    ? `${workload.base.recommendation} -> ${workload.head.recommendation}`
    : (workload.head ?? workload.base).recommendation;
  console.log(`  ${workload.id} (${workload.kind}): ${recommendation}, ${usd(workload.averageMonthly.delta)} a month`);
}
const { averageMonthly } = diff.totals;
console.log(`total: ${usd(averageMonthly.delta)} a month (${averageMonthly.percent?.toFixed(1)}%)`);
