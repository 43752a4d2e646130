import type { LocateTarget } from './source-map.js';
import type { UsageFilePath } from './usage-file-path.js';

/** An issue before it is placed in the source: a path (or an exact offset) and the words. */
export interface IssueDraft {
  path: UsageFilePath;
  /** Whether the issue points at the key or the value of `path`; default the value. */
  target?: LocateTarget;
  /** An exact character offset (syntax errors), used instead of `path` for the position. */
  offset?: number;
  message: string;
  expected?: string;
  found?: string;
  suggestion?: string;
  /** Set on a required field that is absent, so a misspelt key that suggests it can stand in for it. */
  missingKey?: boolean;
  /** Set on an unknown key whose suggestion names a field of the same object. */
  suggestedKey?: string;
}
