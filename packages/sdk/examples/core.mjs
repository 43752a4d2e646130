// @tunewise/core alone: text in, report out, no file system. Runs in Node, edge runtimes and browsers.
import { evaluate, parseUsageFile, renderMarkdown } from '@tunewise/core';

const text = `
version: 1
workloads:
  - id: support-triage
    model: openai/gpt-4.1
    volume: { requestsPerMonth: 400000 }
    prompt: { instructionTokens: 1200, exampleTokens: 2400, inputTokens: 350, outputTokens: 200 }
    trainingData: { examples: 4000, quality: high }
    fineTune: { model: together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference }
`;

const { usageFile } = parseUsageFile(text, { fileName: 'llm-usage.yml' });
const report = evaluate(usageFile, { asOf: '2026-11-28' });
console.log(renderMarkdown({ report }));
