import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ModelPrices } from '../../catalog/types.js';
import { usageFileSchema } from '../../schema/usage-file.js';
import type { CostContext } from '../cost-model.js';

/**
 * The cost context of a worked example in this folder (`w1-support-bot`, `w2-self-hosted`: copies of
 * shared/scenarios, whose prices are all in the files), on 2026-11-28.
 */
export function scenarioContext(name: string): CostContext {
  const usageFile = usageFileSchema.parse(parse(readFileSync(new URL(`./${name}.yml`, import.meta.url), 'utf8')));
  return {
    workload: usageFile.workloads[0]!,
    assumptions: usageFile.assumptions,
    asOf: '2026-11-28',
    resolveModel: (id) => {
      const model = usageFile.models[id];
      return model === undefined ? undefined : ({ id, ...model } as ModelPrices);
    },
  };
}
