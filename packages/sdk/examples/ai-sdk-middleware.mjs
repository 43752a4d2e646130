// An app measuring its own usage: the AI SDK model is wrapped once, every call it makes is recorded.
import { readFile } from 'node:fs/promises';
import { createUsageMeter, loadConfig, usageMeterMiddleware } from '@tunewise/sdk';
import { generateText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';

// The AI SDK's own mock model stands in for `openai('gpt-4.1-mini')`. Its usage is what the OpenAI provider
// reports: the first call writes the prompt cache, the later ones read 2,560 of its tokens.
let call = 0;
const provider = new MockLanguageModelV4({
  provider: 'openai.responses',
  modelId: 'gpt-4.1-mini',
  doGenerate: async () => {
    call += 1;
    const input = 2880 + ((call * 7) % 5) * 40;
    const cacheRead = call === 1 ? 0 : 2560;
    const output = 140 + ((call * 11) % 9) * 15;
    return {
      content: [{ type: 'text', text: '{"queue":"billing","priority":"high"}' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: input, noCache: input - cacheRead, cacheRead, cacheWrite: 0 },
        outputTokens: { total: output, text: output, reasoning: undefined },
      },
      warnings: [],
    };
  },
});

// A fixed clock instead of Date.now, so this output is the same on every run: a call every 72 minutes.
let clock = Date.parse('2026-11-27T08:00:00Z');
const meter = createUsageMeter({ now: () => clock });
const model = wrapLanguageModel({
  model: provider,
  middleware: usageMeterMiddleware({ meter, workload: 'support-triage' }),
});

for (let ticket = 1; ticket <= 20; ticket += 1) {
  await generateText({ model, system: 'Triage the ticket.', prompt: `Ticket #${ticket}: I was charged twice.` });
  clock += 72 * 60_000;
}

const [triage] = meter.measure().workloads;
console.log(`${triage.id} (${triage.provider}/${triage.model}): ${triage.requests} calls`);
console.log(
  `  ${triage.firstSeen} to ${triage.lastSeen}, ${triage.windowDays} days ≈ ${triage.requestsPerMonth} a month`,
);
for (const [name, stat] of Object.entries(triage.tokens)) console.log(`  ${name}: mean ${stat.mean}, p95 ${stat.p95}`);

// Write the numbers into the usage file. Its triage prompt is a file, so say how many tokens are static
// (instructions + examples), as `tunewise usage import --write` does; show the workload that changed.
const { usageFile } = await loadConfig('llm-usage.yml');
const staticTokens = Object.fromEntries(
  usageFile.workloads.map(({ id, prompt }) => [id, (prompt.instructionTokens ?? 0) + (prompt.exampleTokens ?? 0)]),
);
const updated = meter.toUsageFile(await readFile('llm-usage.yml', 'utf8'), { staticTokens });
const lines = updated.split('\n');
const start = lines.indexOf('  - id: support-triage');
const end = lines.findIndex((line, index) => index > start && line.trim() === '');
console.log(`\n${lines.slice(start, end).join('\n')}`);
