import type { Report } from '@tunewise/sdk';

/**
 * The files of a repository at one revision (the checkout, or a commit read through the API); the same shape as
 * the sdk's `FileSource`, which reads prompt files through it.
 */
export interface RepositoryFiles {
  readonly description: string;
  /** The file's text, or undefined when it does not exist at this revision. */
  readText(repositoryPath: string): Promise<string | undefined>;
  /** Every file path at this revision, for prompt-file globs. */
  listFiles(): Promise<string[]>;
}

/** A usage file as text, with the revision it came from, so its prompt files are read from the same one. */
export interface ConfigSource {
  /** Path relative to the repository root, POSIX separators. */
  path: string;
  text: string;
  files: RepositoryFiles;
}

export interface PolicyVerdict {
  passed: boolean;
  violations: string[];
}

/** What the action needs from a base and a head report, computed by the engine. */
export interface Comparison {
  /**
   * The whole comment body, hidden markers first, within GitHub's limit: what `tunewise check --format markdown`
   * prints for the same base, head and date, with these markers.
   */
  commentBody(markers: readonly string[]): string;
  /** The report for the job summary, which may be far longer (GitHub allows 1 MiB); no markers. */
  summaryMarkdown: string;
  /** Whether any workload's cost or recommendation differs from the base (true when there is no base). */
  changed: boolean;
  /** The recommendation shared by every workload, or `mixed`. */
  recommendation: string;
  /** Head's bill: the average monthly cost of what each workload runs today (`current`), USD. */
  monthlyCost: number;
  /** Head's bill minus base's, USD (the whole head bill when there is no base). */
  monthlyCostDelta: number;
  /** Head's average monthly cost if every recommendation were followed, USD. */
  recommendedMonthlyCost: number;
  policy: PolicyVerdict;
}

/**
 * The computing half of the action: everything else is GitHub plumbing. Errors in a usage file are thrown as
 * `UsageFileError` (with `issues[]`), which the action turns into annotations.
 */
export interface Engine {
  evaluate(source: ConfigSource, options: { asOf: string | undefined }): Promise<Report>;
  compare(
    base: Report | null,
    head: Report,
    options: { summaryMaxLength: number; warning?: string | undefined },
  ): Comparison;
}
