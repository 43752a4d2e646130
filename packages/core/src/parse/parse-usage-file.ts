import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import { UsageFileError, type UsageFileIssue } from '../errors/usage-file-error.js';
import { MAX_USAGE_FILE_BYTES } from '../schema/defaults.js';
import { type UsageFile, usageFileSchema } from '../schema/usage-file.js';
import { checkDocument, findExcessiveFlowNesting } from './document-checks.js';
import type { IssueDraft } from './issue-draft.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { semanticChecks } from './semantic-checks.js';
import { SourceMap, type SourcePosition } from './source-map.js';
import { formatUsageFilePath, type UsageFilePath } from './usage-file-path.js';
import { draftsFromZodIssues } from './zod-issues.js';

/** yaml's `maxAliasCount`: caps alias expansion so a "billion laughs" file cannot exhaust memory. */
export const MAX_YAML_ALIAS_COUNT = 100;
/** Deepest nesting of mappings and lists accepted; the format itself needs fewer than 10. */
export const MAX_NESTING_DEPTH = 64;
/** At most this many issues are reported; the rest are counted in a last issue. */
const MAX_ISSUES = 100;
/** Syntax errors cascade; the first few are the useful ones. */
const MAX_SYNTAX_ISSUES = 10;

/** Options of {@link parseUsageFile} and {@link safeParseUsageFile}. */
export interface ParseUsageFileOptions {
  /** Named in every issue; a `.json` ending selects strict JSON syntax checking. */
  fileName: string;
  /**
   * Catalog model ids. When given, `workloads[].model`, `workloads[].fineTune.model` and every
   * `successor` must be one of these or a key of the file's `models`; when omitted, ids are not checked.
   */
  knownModelIds?: readonly string[];
}

/** A usage file that passed validation, with a way to find where any of its fields is in the text. */
export interface ParsedUsageFile {
  /** The validated file with every default filled in. */
  usageFile: UsageFile;
  /** Line and column of a field, e.g. `['workloads', 2, 'prompt', 'instructionFiles', 0]`; a missing field gives its nearest existing ancestor. */
  locate(path: UsageFilePath): SourcePosition;
}

/** What {@link safeParseUsageFile} returns: the parsed file, or the `UsageFileError` listing every problem. */
export type SafeParseUsageFileResult =
  | { success: true; value: ParsedUsageFile }
  | { success: false; error: UsageFileError };

/**
 * Parses and validates a usage file (YAML, or JSON as YAML's flow subset). Throws a
 * `UsageFileError` listing every problem found, each with its file, line, column and field path.
 *
 * @example
 * ```ts
 * import { parseUsageFile } from '@tunewise/core';
 *
 * const text = `version: 1
 * workloads:
 *   - id: support-triage
 *     model: openai/gpt-4.1-mini
 *     volume: { requestsPerMonth: 50000 }
 *     prompt: { instructionTokens: 1200, inputTokens: 300, outputTokens: 150 }
 * `;
 * const { usageFile, locate } = parseUsageFile(text, { fileName: 'llm-usage.yml' });
 * usageFile.assumptions.horizonMonths; // 12, the default
 * locate(['workloads', 0, 'model']); // { line: 4, column: 12 }
 * ```
 */
export function parseUsageFile(text: string, options: ParseUsageFileOptions): ParsedUsageFile {
  const result = safeParseUsageFile(text, options);
  if (!result.success) throw result.error;
  return result.value;
}

/**
 * Like `parseUsageFile`, but returns `{ success: false, error }` instead of throwing.
 *
 * @example
 * ```ts
 * import { safeParseUsageFile } from '@tunewise/core';
 *
 * const result = safeParseUsageFile('version: 2\n', { fileName: 'llm-usage.yml' });
 * if (!result.success) {
 *   for (const issue of result.error.issues) console.error(`${issue.file}:${issue.line}:${issue.column} ${issue.message}`);
 * }
 * ```
 */
export function safeParseUsageFile(text: string, options: ParseUsageFileOptions): SafeParseUsageFileResult {
  try {
    return analyse(text, options);
  } catch (error) {
    // A guard, not a path: anything unexpected still comes out as a UsageFileError naming the file.
    const detail = error instanceof Error ? error.message : String(error);
    const issue: UsageFileIssue = {
      file: options.fileName,
      line: 1,
      column: 1,
      path: '',
      message: `could not be read: ${detail}`,
    };
    return { success: false, error: new UsageFileError([issue], { cause: error }) };
  }
}

function analyse(text: string, options: ParseUsageFileOptions): SafeParseUsageFileResult {
  const file = options.fileName;
  const fail = (issues: UsageFileIssue[]): SafeParseUsageFileResult => ({
    success: false,
    error: new UsageFileError(capIssues(issues, file)),
  });
  const wholeFile = (
    message: string,
    expected: string,
    found: string,
    at = { line: 1, column: 1 },
  ): UsageFileIssue => ({
    file,
    ...at,
    path: '',
    message,
    expected,
    found,
  });

  if (typeof text !== 'string') return fail([wholeFile('is not text', 'a string', typeof text)]);
  const size = sizeBeyondLimit(text);
  if (size !== undefined) {
    return fail([
      wholeFile(
        'is too large to be a usage file; refusing to parse it',
        `at most ${MAX_USAGE_FILE_BYTES} bytes (1 MiB)`,
        size,
      ),
    ]);
  }

  const isJson = /\.json$/i.test(file);
  if (isJson) {
    const syntaxError = findJsonSyntaxError(text, MAX_NESTING_DEPTH);
    if (syntaxError !== undefined) {
      return fail([
        wholeFile(
          `invalid JSON: ${syntaxError.message}`,
          syntaxError.expected,
          syntaxError.found,
          positionAt(text, syntaxError.offset),
        ),
      ]);
    }
  }

  const deepOffset = findExcessiveFlowNesting(text, MAX_NESTING_DEPTH);
  if (deepOffset !== undefined) {
    return fail([
      wholeFile(
        `nested deeper than ${MAX_NESTING_DEPTH} levels`,
        'a flatter structure',
        'deeper nesting',
        positionAt(text, deepOffset),
      ),
    ]);
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const sourceMap = new SourceMap(document, lineCounter, text);
  const place = (draft: IssueDraft): UsageFileIssue => {
    const position =
      draft.offset === undefined ? sourceMap.locate(draft.path, draft.target) : sourceMap.position(draft.offset);
    const issue: UsageFileIssue = { file, ...position, path: formatUsageFilePath(draft.path), message: draft.message };
    if (draft.expected !== undefined) issue.expected = draft.expected;
    if (draft.found !== undefined) issue.found = draft.found;
    if (draft.suggestion !== undefined) issue.suggestion = draft.suggestion;
    return issue;
  };

  const allSyntaxProblems = [...document.errors, ...document.warnings];
  // A tab in indentation throws off every later line's nesting: the errors after it only echo it.
  const firstTab = allSyntaxProblems.find((problem) => problem.code === 'TAB_AS_INDENT');
  const syntaxProblems = firstTab === undefined ? allSyntaxProblems : [firstTab];
  if (syntaxProblems.length > 0) {
    const seen = new Set<number>();
    const issues: UsageFileIssue[] = [];
    for (const problem of syntaxProblems) {
      const quoteStart = problem.code === 'MISSING_CHAR' ? unclosedQuoteStart(document, problem.pos[0]) : undefined;
      const offset = quoteStart ?? problem.pos[0];
      if (seen.has(offset)) continue;
      seen.add(offset);
      issues.push(
        wholeFile(
          `${isJson ? 'invalid JSON' : 'invalid YAML'}: ${
            quoteStart === undefined
              ? describeSyntaxProblem(problem.code, problem.message) +
                tabsElsewhere(problem, allSyntaxProblems, sourceMap)
              : `the quoted text that starts here is never closed (it runs on to line ${sourceMap.position(problem.pos[0]).line})`
          }`,
          quoteStart === undefined ? expectedForSyntaxProblem(problem.code) : 'a closing quote',
          describeTextAt(text, offset),
          sourceMap.position(offset),
        ),
      );
    }
    return fail(sortIssues(issues).slice(0, MAX_SYNTAX_ISSUES));
  }

  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '')) {
    const onlyComments = text.trim() !== '';
    return fail([
      wholeFile(
        'the usage file is empty',
        'a mapping with version: 1 and workloads',
        onlyComments ? 'only comments' : 'an empty file',
      ),
    ]);
  }
  if (!isMap(contents)) {
    const found = isSeq(contents)
      ? 'a list'
      : isScalar(contents)
        ? `${describeTextAt(text, contents.range[0])}`
        : 'an alias';
    return fail([
      wholeFile(
        'the usage file must be a mapping of fields',
        isJson ? 'a JSON object { "version": 1, "workloads": [...] }' : 'a mapping with version: 1 and workloads',
        found,
        sourceMap.position(contents.range[0]),
      ),
    ]);
  }

  const documentCheck = checkDocument(document, sourceMap, MAX_NESTING_DEPTH);
  if (documentCheck.fatal) return fail(documentCheck.drafts.map(place));

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const at = sourceMap.position(documentCheck.firstAliasOffset ?? 0);
    return fail([
      wholeFile(
        `YAML aliases expand to too much data; refusing to expand them (a "billion laughs" file?)`,
        `aliases that expand at most ${MAX_YAML_ALIAS_COUNT} times`,
        'aliases that expand exponentially',
        at,
      ),
    ]);
  }

  const result = usageFileSchema.safeParse(data);
  const zodDrafts = result.success
    ? []
    : draftsFromZodIssues(result.error.issues, { schema: usageFileSchema, data, sourceMap });
  const semanticDrafts = semanticChecks(data, { sourceMap, knownModelIds: options.knownModelIds });
  const drafts = mergeDrafts(documentCheck.drafts, zodDrafts, semanticDrafts);

  if (drafts.length > 0 || !result.success) return fail(drafts.map(place));
  return {
    success: true,
    value: { usageFile: result.data, locate: (path: UsageFilePath) => sourceMap.locate(path) },
  };
}

/**
 * Joins the three sources of drafts: a path the document check already reported (e.g. `.inf`) is
 * not reported again by the schema, and a required key that a misspelt key suggests (`workload` →
 * `workloads`) is reported once, as the misspelling.
 */
function mergeDrafts(
  documentDrafts: IssueDraft[],
  zodDrafts: IssueDraft[],
  semanticDrafts: IssueDraft[],
): IssueDraft[] {
  const reported = new Set(documentDrafts.map((draft) => formatUsageFilePath(draft.path)));
  const suggested = new Set(
    zodDrafts
      .filter((draft) => draft.suggestedKey !== undefined)
      .map((draft) => formatUsageFilePath([...draft.path.slice(0, -1), draft.suggestedKey ?? ''])),
  );
  const fromSchema = zodDrafts.filter((draft) => {
    const path = formatUsageFilePath(draft.path);
    if (reported.has(path)) return false;
    return !(draft.missingKey === true && suggested.has(path));
  });
  return [...documentDrafts, ...fromSchema, ...semanticDrafts];
}

function sortIssues(issues: UsageFileIssue[]): UsageFileIssue[] {
  return [...issues].sort((left, right) => left.line - right.line || left.column - right.column);
}

function capIssues(issues: UsageFileIssue[], file: string): UsageFileIssue[] {
  const sorted = sortIssues(issues);
  if (sorted.length <= MAX_ISSUES) return sorted;
  const rest = sorted.length - MAX_ISSUES;
  return [
    ...sorted.slice(0, MAX_ISSUES),
    { file, line: 0, column: 0, path: '', message: `and ${rest} more problem${rest === 1 ? '' : 's'} not listed` },
  ];
}

/** The UTF-8 size when it is over the limit (measured with TextEncoder: no Buffer in core). */
function sizeBeyondLimit(text: string): string | undefined {
  // Every UTF-16 code unit takes at least one UTF-8 byte, so a long string is over without encoding it.
  if (text.length > MAX_USAGE_FILE_BYTES) return `at least ${text.length} bytes`;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > MAX_USAGE_FILE_BYTES ? `${bytes} bytes` : undefined;
}

function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function describeTextAt(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const snippet = (text.slice(offset, offset + 20).split(/\r?\n/)[0] ?? '').trimEnd();
  return snippet === '' ? 'a line break' : `\`${snippet}\``;
}

/**
 * yaml reports a missing closing quote where the text ends, often the end of the file; the useful
 * position is the opening quote, the start of the quoted scalar that runs to the error.
 */
function unclosedQuoteStart(document: Document.Parsed, errorOffset: number): number | undefined {
  let start: number | undefined;
  visit(document, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range !== undefined && node.range !== null && node.range[1] === errorOffset) {
        start = node.range[0];
      }
    },
  });
  return start;
}

/** For the first tab-indented line: the other lines indented with a tab, so one fix covers them all. */
function tabsElsewhere(
  problem: { code: string; pos: [number, number] },
  problems: ReadonlyArray<{ code: string; pos: [number, number] }>,
  sourceMap: SourceMap,
): string {
  if (problem.code !== 'TAB_AS_INDENT') return '';
  const others = problems
    .filter((other) => other.code === 'TAB_AS_INDENT' && other !== problem)
    .map((other) => sourceMap.position(other.pos[0]).line);
  if (others.length === 0) return '';
  const shown = others.slice(0, 5).join(', ');
  return ` (line${others.length === 1 ? '' : 's'} ${shown}${others.length > 5 ? ` and ${others.length - 5} more` : ''} too)`;
}

function describeSyntaxProblem(code: string, message: string): string {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'more than one document (a "---" separator); a usage file holds exactly one';
    case 'TAB_AS_INDENT':
      return 'a tab used for indentation; indent with spaces';
    default:
      return message.charAt(0).toLowerCase() + message.slice(1).replace(/\.$/, '');
  }
}

function expectedForSyntaxProblem(code: string): string {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'a single YAML document';
    case 'TAB_AS_INDENT':
      return 'indentation with spaces';
    case 'BAD_INDENT':
      return 'consistent indentation';
    case 'DUPLICATE_KEY':
      return 'each key once per mapping';
    default:
      return 'valid YAML';
  }
}
