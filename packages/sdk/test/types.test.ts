import { describe, expectTypeOf, it } from 'vitest';
import {
  type Catalog,
  CONFIG_FILE_NAMES,
  compare,
  createUsageMeter,
  type EvalResult,
  type EvaluateOptions,
  evaluate,
  findConfig,
  gradeSummary,
  importEvalResults,
  type LoadedUsageFile,
  type LoadOptions,
  loadConfig,
  loadUsageFileText,
  type MeasuredUsage,
  type PromptFileCount,
  type Quality,
  type Report,
  type ReportDiff,
  safeParseUsageFile,
  TunewiseError,
  type UsageFile,
  UsageFileError,
  type UsageFileIssue,
  type UsageMeter,
  type UsageMeterOptions,
} from '../src/index.js';

// The public signatures, checked by `npm run typecheck` (tsc reads this file); at run time expectTypeOf is a no-op,
// so these assertions live or die at compile time. A change here is a change to the published API.
describe('public API types', () => {
  it('evaluate takes a path, a loaded file or a UsageFile, with options, and resolves to a Report', () => {
    expectTypeOf(evaluate).parameter(0).toEqualTypeOf<string | UsageFile | LoadedUsageFile>();
    expectTypeOf(evaluate).parameter(1).toEqualTypeOf<EvaluateOptions | undefined>();
    expectTypeOf(evaluate).returns.resolves.toEqualTypeOf<Report>();
    expectTypeOf<EvaluateOptions>().toEqualTypeOf<{ asOf?: string; catalog?: Catalog; draws?: number }>();
    expectTypeOf(evaluate).toBeCallableWith('llm-usage.yml');
    expectTypeOf(evaluate).toBeCallableWith('llm-usage.yml', { asOf: '2026-11-28' });
    // Never called: only the compiler has to reject it.
    // @ts-expect-error asOf is a YYYY-MM-DD string, not a Date
    expectTypeOf(() => evaluate('llm-usage.yml', { asOf: new Date() })).toBeFunction();
  });

  it('compare takes an optional base (null for a first report) and a head, and resolves to a ReportDiff', () => {
    type Side = Report | string | UsageFile | LoadedUsageFile;
    expectTypeOf(compare).parameter(0).toEqualTypeOf<Side | null>();
    expectTypeOf(compare).parameter(1).toEqualTypeOf<Side>();
    expectTypeOf(compare).returns.toEqualTypeOf<Promise<ReportDiff>>();
    expectTypeOf(compare).toBeCallableWith(null, 'llm-usage.yml');
    // @ts-expect-error the head is required and never null
    expectTypeOf(() => compare('base.yml', null)).toBeFunction();
  });

  it('loadConfig, loadUsageFileText and findConfig resolve to what they document', () => {
    expectTypeOf(loadConfig).parameters.toEqualTypeOf<[configPath: string, options?: LoadOptions]>();
    expectTypeOf(loadConfig).returns.toEqualTypeOf<Promise<LoadedUsageFile>>();
    expectTypeOf(loadUsageFileText).returns.toEqualTypeOf<Promise<LoadedUsageFile>>();
    expectTypeOf<LoadedUsageFile>().toEqualTypeOf<{
      usageFile: UsageFile;
      path: string;
      promptFiles: PromptFileCount[];
    }>();
    expectTypeOf(findConfig).parameters.toEqualTypeOf<[startDir?: string]>();
    expectTypeOf(findConfig).returns.toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(CONFIG_FILE_NAMES).toEqualTypeOf<readonly ['llm-usage.yml', 'llm-usage.yaml', 'llm-usage.json']>();
  });

  it('errors narrow with isInstance and carry located issues', () => {
    const caught: unknown = new UsageFileError([]);
    if (UsageFileError.isInstance(caught)) {
      expectTypeOf(caught).toEqualTypeOf<UsageFileError>();
      expectTypeOf(caught.issues).toEqualTypeOf<UsageFileIssue[]>();
    }
    if (TunewiseError.isInstance(caught)) expectTypeOf(caught).toEqualTypeOf<TunewiseError>();
    expectTypeOf<UsageFileError>().toExtend<TunewiseError>();
    expectTypeOf<UsageFileIssue>().toHaveProperty('line').toEqualTypeOf<number>();
    expectTypeOf<UsageFileIssue>().toHaveProperty('column').toEqualTypeOf<number>();
    const parsed = safeParseUsageFile('version: 1', { fileName: 'llm-usage.yml' });
    if (!parsed.success) expectTypeOf(parsed.error).toEqualTypeOf<UsageFileError>();
  });

  it('createUsageMeter makes a UsageMeter whose measure() is MeasuredUsage', () => {
    expectTypeOf(createUsageMeter).parameters.toEqualTypeOf<[options?: UsageMeterOptions]>();
    expectTypeOf(createUsageMeter).returns.toEqualTypeOf<UsageMeter>();
    expectTypeOf<UsageMeter['measure']>().returns.toEqualTypeOf<MeasuredUsage>();
    expectTypeOf<UsageMeter['record']>().parameter(0).toEqualTypeOf<string>();
    expectTypeOf<UsageMeter['record']>().returns.toEqualTypeOf<boolean>();
    expectTypeOf<UsageMeter['toUsageFile']>().returns.toEqualTypeOf<string>();
  });

  it('the report carries its date, recommendation and costs with their units', () => {
    expectTypeOf<Report['asOf']>().toEqualTypeOf<string>();
    expectTypeOf<Report['workloads'][number]['recommendation']>().toEqualTypeOf<
      'prompt' | 'fine-tune' | 'hybrid' | 'none'
    >();
    expectTypeOf<Report['totals']['recommended']>().toEqualTypeOf<{ averageMonthly: number; total: number }>();
    expectTypeOf<ReportDiff['added']>().toEqualTypeOf<string[]>();
  });

  it('measured quality: the usage file carries it per workload, gradeSummary and importEvalResults give passed/total', () => {
    expectTypeOf<UsageFile['workloads'][number]['quality']>().toEqualTypeOf<Quality | undefined>();
    expectTypeOf<Quality['prompt']>().toEqualTypeOf<EvalResult | undefined>();
    expectTypeOf<Quality['failureCostUsd']>().toEqualTypeOf<number>();
    expectTypeOf<EvalResult>().toEqualTypeOf<{ passed: number; total: number }>();
    expectTypeOf(gradeSummary).returns.toEqualTypeOf<EvalResult>();
    expectTypeOf(gradeSummary).toBeCallableWith([true, { pass: false }, { score: 0.8, threshold: 0.5 }]);
    // @ts-expect-error a label is no verdict
    expectTypeOf(() => gradeSummary([{ label: 'billing' }])).toBeFunction();
    expectTypeOf(importEvalResults).returns.resolves.toExtend<EvalResult & { skipped: { count: number } }>();
  });
});
