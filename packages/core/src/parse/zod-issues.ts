import { isMap, isScalar, isSeq } from 'yaml';
import type * as z from 'zod';
import { didYouMean, joinSuggestions } from './did-you-mean.js';
import type { IssueDraft } from './issue-draft.js';
import { knownKeysAt } from './schema-keys.js';
import type { SourceMap } from './source-map.js';
import type { UsageFilePath } from './usage-file-path.js';

export interface ZodIssueContext {
  schema: z.ZodType;
  data: unknown;
  sourceMap: SourceMap;
}

type ZodIssue = z.core.$ZodIssue;

/** Turns zod's issues into drafts in the usage file's own words: what was expected, what was found. */
export function draftsFromZodIssues(
  issues: readonly ZodIssue[],
  context: ZodIssueContext,
  basePath: UsageFilePath = [],
): IssueDraft[] {
  return issues.flatMap((issue) => draftsFromZodIssue(issue, context, basePath));
}

function draftsFromZodIssue(issue: ZodIssue, context: ZodIssueContext, basePath: UsageFilePath): IssueDraft[] {
  const path: UsageFilePath = [...basePath, ...issue.path.map((segment) => toSegment(segment))];
  const missing = isMissing(context.data, path);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(context.schema, path) ?? [];
      const present = valueAt(context.data, path);
      return issue.keys.map((key) => {
        const suggestions = didYouMean(key, known);
        const suggestedKey = suggestions.find(
          (candidate) => !(isPlainObject(present) && Object.hasOwn(present, candidate)),
        );
        return {
          path: [...path, key],
          target: 'key',
          message: 'unknown key',
          expected: known.length > 0 ? `one of ${known.join(', ')}` : 'no other keys',
          found: key,
          suggestion: joinSuggestions(suggestions),
          suggestedKey,
        };
      });
    }
    case 'invalid_union': {
      // When one branch got past the type check (e.g. a range object), its issues are the useful ones.
      const deeper = issue.errors.find(
        (branch) =>
          branch.length > 0 &&
          branch.every((branchIssue) => branchIssue.path.length > 0 || branchIssue.code !== 'invalid_type'),
      );
      if (deeper !== undefined && !missing) return draftsFromZodIssues(deeper, context, path);
      const expected = issue.errors
        .map((branch) => branch[0])
        .filter((branchIssue) => branchIssue !== undefined)
        .map((branchIssue) =>
          branchIssue.code === 'invalid_type'
            ? typeName(branchIssue.expected, knownKeysAt(context.schema, path))
            : branchIssue.message,
        );
      return [
        {
          path,
          message: missing ? 'missing required field' : 'wrong type',
          expected: [...new Set(expected)].join(' or '),
          found: describeFound(context, path, true),
          missingKey: missing,
        },
      ];
    }
    case 'invalid_type': {
      const expected = typeName(issue.expected, knownKeysAt(context.schema, path));
      if (missing) return [{ path, message: 'missing required field', expected, found: 'nothing', missingKey: true }];
      const message =
        issue.expected === 'int'
          ? 'must be a whole number'
          : issue.expected === 'number'
            ? 'must be a number'
            : 'wrong type';
      const draft: IssueDraft = { path, message, expected, found: describeFound(context, path, true) };
      // YAML 1.1 booleans (yes, no, on, off) are text in YAML 1.2.
      const input = valueAt(context.data, path);
      if (issue.expected === 'boolean' && typeof input === 'string') {
        const word = input.toLowerCase();
        if (['yes', 'y', 'on'].includes(word)) draft.suggestion = 'true';
        if (['no', 'n', 'off'].includes(word)) draft.suggestion = 'false';
      }
      return [draft];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((value) => String(value));
      if (missing) {
        return [
          {
            path,
            message: 'missing required field',
            expected: allowed.length === 1 ? `${allowed[0]}` : `one of ${allowed.join(', ')}`,
            found: 'nothing',
            missingKey: true,
          },
        ];
      }
      const found = describeFound(context, path, false);
      if (path.length === 1 && path[0] === 'version') {
        return [
          { path, message: 'unsupported usage-file version; this tunewise reads version 1', expected: '1', found },
        ];
      }
      if (allowed.length === 1) return [{ path, message: 'wrong value', expected: allowed[0], found }];
      const input = valueAt(context.data, path);
      return [
        {
          path,
          message: 'not an allowed value',
          expected: `one of ${allowed.join(', ')}`,
          found,
          suggestion: typeof input === 'string' ? joinSuggestions(didYouMean(input, allowed)) : undefined,
        },
      ];
    }
    case 'too_small': {
      const found = describeFound(context, path, false);
      const minimum = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') {
        const noun = minimum === 1 ? 'item' : 'items';
        const input = valueAt(context.data, path);
        const count = Array.isArray(input) ? input.length : undefined;
        return [
          {
            path,
            message: `must list at least ${minimum} ${noun}`,
            expected: `at least ${minimum} ${noun}`,
            found:
              count === 0
                ? 'an empty list'
                : count === undefined
                  ? found
                  : `${count} ${count === 1 ? 'item' : 'items'}`,
          },
        ];
      }
      if (issue.origin === 'string') {
        return [{ path, message: 'must not be empty', expected: `at least ${minimum} character`, found }];
      }
      const inclusive = issue.inclusive !== false;
      const message =
        minimum === 0
          ? inclusive
            ? 'must not be negative'
            : 'must be greater than 0'
          : `must be ${inclusive ? 'at least' : 'greater than'} ${minimum}`;
      return [{ path, message, expected: `a number ${inclusive ? '≥' : '>'} ${minimum}`, found }];
    }
    case 'too_big': {
      const found = describeFound(context, path, false);
      const maximum = Number(issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'array' || issue.origin === 'set' || issue.origin === 'string') {
        return [{ path, message: `must have at most ${maximum}`, expected: `at most ${maximum}`, found }];
      }
      return [
        {
          path,
          message: `must be ${inclusive ? 'at most' : 'less than'} ${maximum}`,
          expected: `a number ${inclusive ? '≤' : '<'} ${maximum}`,
          found,
        },
      ];
    }
    case 'invalid_format': {
      const found = describeFound(context, path, false);
      if (issue.format === 'date') {
        return [{ path, message: 'not a valid date', expected: 'a date as YYYY-MM-DD', found }];
      }
      if (issue.format === 'regex')
        return [{ path, message: 'not in the expected form', expected: issue.message, found }];
      return [{ path, message: issue.message, expected: issue.format, found }];
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      return [
        {
          path,
          target: 'key',
          message: 'invalid key',
          expected: inner?.code === 'too_small' ? 'a non-empty key' : (inner?.message ?? 'a valid key'),
          found: JSON.stringify(path.at(-1) ?? ''),
        },
      ];
    }
    default:
      return [{ path, message: issue.message, found: describeFound(context, path, false) }];
  }
}

function toSegment(segment: PropertyKey): string | number {
  return typeof segment === 'number' ? segment : String(segment);
}

function typeName(expected: string, keys: readonly string[] | undefined): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return keys === undefined || keys.length === 0 ? 'a mapping' : `a mapping of ${keys.join(', ')}`;
    default:
      return expected;
  }
}

/** The value as written (`"1000"`, `-5`, `.inf`), with its kind when the kind is the problem. */
function describeFound(context: ZodIssueContext, path: UsageFilePath, withKind: boolean): string {
  const node = context.sourceMap.nodeAt(path);
  if (node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (!isScalar(node)) return 'an alias';
  const source = context.sourceMap.sourceOf(node) ?? String(node.value);
  if (node.value === null) return source.trim() === '' ? 'nothing (an empty value)' : source;
  const shown = shorten(source);
  if (!withKind) return shown;
  const kind = typeof node.value === 'string' ? 'text' : typeof node.value;
  return `${shown} (${kind === 'boolean' ? 'true/false' : kind})`;
}

function shorten(source: string): string {
  const firstLine = source.split(/\r?\n/)[0] ?? '';
  if (firstLine.length > 60) return `${firstLine.slice(0, 59)}…`;
  return firstLine === source ? source : `${firstLine}…`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function valueAt(data: unknown, path: UsageFilePath): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && Object.hasOwn(current, String(segment))) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/** True when the parent of `path` exists as an object and lacks the key. */
function isMissing(data: unknown, path: UsageFilePath): boolean {
  const key = path.at(-1);
  if (key === undefined) return false;
  const parent = valueAt(data, path.slice(0, -1));
  if (isPlainObject(parent)) return !Object.hasOwn(parent, String(key));
  if (Array.isArray(parent) && typeof key === 'number') return key >= parent.length;
  return false;
}
