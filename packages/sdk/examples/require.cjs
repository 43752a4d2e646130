// The same API from CommonJS.
const { evaluate } = require('@tunewise/sdk');

evaluate('llm-usage.yml', { asOf: '2026-11-28' }).then((report) => {
  for (const workload of report.workloads) console.log(`${workload.id}: ${workload.recommendation}`);
});
