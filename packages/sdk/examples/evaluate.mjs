// Evaluate a usage file from its path: read, validate, count the prompt files, and decide.
import { evaluate } from '@tunewise/sdk';

const usd = (amount) => `$${amount.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

const report = await evaluate('llm-usage.yml', { asOf: '2026-11-28' });

console.log(`as of ${report.asOf}, over ${report.horizonMonths} months`);
for (const workload of report.workloads) {
  const { prompt, fineTune, hybrid } = workload.strategies;
  console.log(`${workload.id}: ${workload.recommendation} (confidence ${workload.confidence})`);
  console.log(
    `  a month: prompt ${usd(prompt.averageMonthly)}, fine-tune ${usd(fineTune.averageMonthly)}, hybrid ${usd(hybrid.averageMonthly)}`,
  );
  console.log(`  prompt sends ${prompt.promptTokens} tokens a request`);
  for (const blocker of fineTune.blockers) console.log(`  fine-tune blocked: ${blocker.message}`);
}
console.log(`recommended total: ${usd(report.totals.recommended.averageMonthly)} a month`);
