// Measure real usage instead of guessing it: record each call's `usage`, then write the numbers into the usage file.
import { createUsageMeter } from '@tunewise/sdk';

const meter = createUsageMeter();

// Stand-ins for `completion.usage` from the OpenAI SDK, one call every 30 minutes for a day.
const start = Date.parse('2026-11-27T00:00:00Z');
for (let call = 0; call < 48; call += 1) {
  const usage = {
    prompt_tokens: 2900 + (call % 4) * 50,
    completion_tokens: 180 + (call % 3) * 20,
    prompt_tokens_details: { cached_tokens: 2048 },
  };
  meter.record('support-triage', usage, { at: start + call * 30 * 60_000, model: 'gpt-4.1-mini', provider: 'openai' });
}

const [triage] = meter.measure().workloads;
console.log(`${triage.id}: ${triage.requests} calls in ${triage.windowDays} days ≈ ${triage.requestsPerMonth} a month`);
console.log(`input tokens: mean ${triage.tokens.input.mean}, p95 ${triage.tokens.input.p95}\n`);

// Comments and order of the existing file are kept; each measured number says where it came from.
const existing = `version: 1
workloads:
  - id: support-triage
    model: openai/gpt-4.1-mini
    volume:
      requestsPerMonth: 100000
    prompt:
      instructionTokens: 2000
      inputTokens: 300
      outputTokens: 150
`;
console.log(meter.toUsageFile(existing));
