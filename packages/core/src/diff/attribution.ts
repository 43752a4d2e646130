import { defaultCatalog, resolveModel } from '../catalog/index.js';
import type { Catalog } from '../catalog/types.js';
import { computeStrategies } from '../cost/cost-model.js';
import { type Money, runningCost } from '../model/strategies.js';
import type { StrategyName, WorkloadReport } from '../model/types.js';
import type { UsageFile, Workload } from '../schema/usage-file.js';

/** Tokens counted from one prompt file for one workload (the sdk's `PromptFileCount` has this shape). */
export interface PromptFileTokens {
  /** The workload's id. */
  workload: string;
  /** Repo-relative path, POSIX separators. */
  path: string;
  tokens: number;
}

/** One side of a change as evaluated: the usage file (prompt files already counted), its date and catalog. */
export interface AttributionSide {
  usageFile: UsageFile;
  /** YYYY-MM-DD the side's report speaks for. */
  asOf: string;
  /** Default: the catalog shipped with @tunewise/core. */
  catalog?: Catalog;
  /** The prompt files counted into the usage file, to name those whose token counts changed. */
  promptFiles?: readonly PromptFileTokens[];
}

/** The groups of inputs a cost change is attributed to, in the order they are substituted (docs/attribution.md). */
export type CostDriver = 'volume' | 'tokens' | 'models' | 'quality' | 'assumptions' | 'recommendation';

/** Substitution order: each driver's part is measured with every earlier driver already at the head's value. */
export const COST_DRIVERS: readonly CostDriver[] = [
  'volume',
  'tokens',
  'models',
  'quality',
  'assumptions',
  'recommendation',
];

/** A prompt file whose token count differs between base and head (0 on the side that does not count it). */
export interface PromptFileChange {
  path: string;
  base: number;
  head: number;
  delta: number;
}

/** One driver's share of a workload's cost change, USD. */
export interface CostDriverPart {
  driver: CostDriver;
  /** Change in averageMonthly this driver accounts for. */
  averageMonthly: number;
  /** Change in the horizon total this driver accounts for. */
  total: number;
  /** For `tokens`: the prompt files whose counts changed, largest change first. */
  promptFiles?: PromptFileChange[];
  /** For `recommendation`: the strategy before and after, when it switched. */
  switched?: { from: StrategyName; to: StrategyName };
}

/**
 * Why a workload's bill (the cost of what runs today) moved: one part per driver in {@link COST_DRIVERS} order. The
 * parts sum to the workload's `bill.delta` in the diff. The `recommendation` driver is a switch of what runs
 * (`current`).
 */
export interface CostAttribution {
  parts: CostDriverPart[];
}

interface State {
  workload: Workload;
  usageFile: UsageFile;
  asOf: string;
  catalog: Catalog;
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** The cost of `strategy` in an intermediate state; null when that mix of base and head inputs cannot be priced. */
function costIn(state: State, strategy: StrategyName): Money | null {
  try {
    // Where the strategy cannot run, prompting's cost stands in (as in the bill), so a change that blocks it is
    // attributed to the driver that blocked it.
    const cost = runningCost(
      computeStrategies({
        workload: state.workload,
        assumptions: state.usageFile.assumptions,
        asOf: state.asOf,
        resolveModel: (id) => resolveModel(id, state.usageFile.models, state.catalog),
      }),
      strategy,
    );
    return { averageMonthly: round4(cost.averageMonthly), total: round4(cost.total) };
  } catch {
    return null;
  }
}

/** The states between base and head, one group of inputs substituted at a time (volume, tokens, models, quality). */
function intermediateStates(base: State, head: State): State[] {
  const withVolume: State = { ...base, workload: { ...base.workload, volume: head.workload.volume } };
  const withTokens: State = {
    ...withVolume,
    workload: {
      ...withVolume.workload,
      prompt: head.workload.prompt,
      fineTune: {
        ...withVolume.workload.fineTune,
        keepInstructionTokens: head.workload.fineTune.keepInstructionTokens,
      },
      hybrid: head.workload.hybrid,
    },
  };
  const withModels: State = {
    usageFile: { ...withTokens.usageFile, models: head.usageFile.models },
    asOf: head.asOf,
    catalog: head.catalog,
    workload: {
      ...withTokens.workload,
      model: head.workload.model,
      fineTune: { ...withTokens.workload.fineTune, model: head.workload.fineTune.model },
    },
  };
  // The measured quality: eval results and the cost of a wrong answer, which price each strategy's failures.
  const { quality: _baseQuality, ...withoutQuality } = withModels.workload;
  const withQuality: State = {
    ...withModels,
    workload:
      // Stryker disable next-line ConditionalExpression: a `quality: undefined` key prices failures as no key does (`quality?.…`)
      head.workload.quality === undefined ? withoutQuality : { ...withoutQuality, quality: head.workload.quality },
  };
  return [withVolume, withTokens, withModels, withQuality];
}

function promptFileChanges(base: AttributionSide, head: AttributionSide, workloadId: string): PromptFileChange[] {
  const tokensByPath = (side: AttributionSide) => {
    const totals = new Map<string, number>();
    for (const file of side.promptFiles ?? []) {
      if (file.workload === workloadId) totals.set(file.path, (totals.get(file.path) ?? 0) + file.tokens);
    }
    return totals;
  };
  const before = tokensByPath(base);
  const after = tokensByPath(head);
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  return paths
    .map((path) => {
      const baseTokens = before.get(path) ?? 0;
      const headTokens = after.get(path) ?? 0;
      return { path, base: baseTokens, head: headTokens, delta: headTokens - baseTokens };
    })
    .filter((change) => change.delta !== 0)
    .sort((left, right) => Math.abs(right.delta) - Math.abs(left.delta) || left.path.localeCompare(right.path));
}

function stateOf(side: AttributionSide, workloadId: string): State | undefined {
  const workload = side.usageFile.workloads.find((candidate) => candidate.id === workloadId);
  if (workload === undefined) return undefined;
  return { workload, usageFile: side.usageFile, asOf: side.asOf, catalog: side.catalog ?? defaultCatalog };
}

/**
 * Attributes one workload's change in bill (the cost of `current`) to its drivers by ordered substitution: start from the base
 * inputs and substitute the head's one group at a time (volume; tokens per request; models, catalog and date; measured quality;
 * assumptions, effort and every other input; then the switch of what runs). Each step's cost difference is that
 * driver's part, so the parts telescope to the total change exactly. The end points are the reports' own figures.
 *
 * @returns undefined when either side's usage file has no workload with this id.
 */
export function attributeCostChange(
  sides: { base: AttributionSide; head: AttributionSide },
  reports: { base: WorkloadReport; head: WorkloadReport },
): CostAttribution | undefined {
  const base = stateOf(sides.base, reports.base.id);
  const head = stateOf(sides.head, reports.head.id);
  if (base === undefined || head === undefined) return undefined;
  // The bill is what the change does to the team's costs, so the attribution explains the bill: what runs today.
  const baseKey = reports.base.current;
  const headKey = reports.head.current;

  const start = runningCost(reports.base.strategies, baseKey);
  const steps: Money[] = [];
  let previous = start;
  for (const state of intermediateStates(base, head)) {
    // A mix that cannot be priced carries the previous figure, so its change lands on a later driver.
    previous = costIn(state, baseKey) ?? previous;
    steps.push(previous);
  }
  steps.push(runningCost(reports.head.strategies, baseKey), runningCost(reports.head.strategies, headKey));

  const parts = COST_DRIVERS.map((driver, index): CostDriverPart => {
    const before = index === 0 ? start : steps[index - 1]!;
    const after = steps[index]!;
    const part: CostDriverPart = {
      driver,
      averageMonthly: round4(after.averageMonthly - before.averageMonthly),
      total: round4(after.total - before.total),
    };
    if (driver === 'tokens') {
      const files = promptFileChanges(sides.base, sides.head, reports.head.id);
      if (files.length > 0) part.promptFiles = files;
    }
    if (driver === 'recommendation' && baseKey !== headKey) {
      part.switched = { from: reports.base.current, to: reports.head.current };
    }
    return part;
  });
  return { parts };
}
