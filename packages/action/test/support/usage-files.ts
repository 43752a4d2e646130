// Usage files for the end-to-end tests. The model is a custom one declared in the file, so the figures do not
// depend on the catalog: 2.5 / 10 USD per 1M tokens, fine-tuning 25 training, 3.75 / 15 inference.

export interface TestWorkload {
  id: string;
  name?: string;
  requestsPerMonth: number | string;
  /** Eval results: `passed`/`total` of prompt and fine-tune on one held-out set, and what a failure costs. */
  quality?: { prompt: [number, number]; fineTune: [number, number]; failureCostUsd: number };
}

export function usageFile(workloads: TestWorkload[], options: { policyPercent?: number } = {}): string {
  const lines = [
    'version: 1',
    'models:',
    '  acme/large:',
    '    input: 2.5',
    '    output: 10',
    '    fineTuning: { training: 25, input: 3.75, output: 15 }',
    'workloads:',
  ];
  for (const workload of workloads) {
    lines.push(`  - id: ${workload.id}`);
    if (workload.name !== undefined) lines.push(`    name: ${JSON.stringify(workload.name)}`);
    lines.push(
      '    model: acme/large',
      '    volume:',
      `      requestsPerMonth: ${workload.requestsPerMonth}`,
      '    prompt:',
      '      instructionTokens: 1200',
      '      exampleTokens: 2400',
      '      inputTokens: 350',
      '      outputTokens: 200',
      '    trainingData:',
      '      examples: 800',
      '      quality: high',
    );
    const quality = workload.quality;
    if (quality !== undefined) {
      lines.push(
        '    quality:',
        `      metric: exact match on ${quality.prompt[1]} held-out tickets`,
        `      failureCostUsd: ${quality.failureCostUsd}`,
        `      prompt: { passed: ${quality.prompt[0]}, total: ${quality.prompt[1]} }`,
        `      fineTune: { passed: ${quality.fineTune[0]}, total: ${quality.fineTune[1]} }`,
      );
    }
  }
  if (options.policyPercent !== undefined) {
    lines.push('policy:', '  failOn:', `    monthlyCostIncreasePercent: ${options.policyPercent}`);
  }
  return `${lines.join('\n')}\n`;
}

/** 1-based line of the first `requestsPerMonth` value of the workload at `index` in a file from `usageFile`. */
export function requestsLine(text: string, index: number): number {
  const lines = text.split('\n');
  let seen = -1;
  for (const [number, line] of lines.entries()) {
    if (line.includes('requestsPerMonth:')) {
      seen += 1;
      if (seen === index) return number + 1;
    }
  }
  throw new Error('no such workload');
}
