import path from 'node:path';
import {
  didYouMean,
  formatUsageFilePath,
  MAX_TOKENS,
  type SourcePosition,
  type UsageFile,
  UsageFileError,
  type UsageFileIssue,
  type UsageFilePath,
} from '@tunewise/core';
import picomatch from 'picomatch';
import { FileReadError } from '../sources/file-read-error.js';
import { type FileSource, normalizeRepoPath, sortPaths } from '../sources/file-source.js';
import { countTokens, type TokenEncoding } from './count-tokens.js';

/** Largest prompt file counted, in bytes of UTF-8. */
export const MAX_PROMPT_FILE_BYTES = 1024 * 1024;
/** Most bytes of prompt files one workload counts (both lists together): 8 MiB, beyond any context window. */
export const MAX_PROMPT_BYTES_PER_WORKLOAD = 8 * 1024 * 1024;

/**
 * Most files one prompt-file entry (a glob) may match. Each file read at a git ref through GitHub's API is a request:
 * a `**` glob over a large repository must not spend the token's rate limit (1,000 requests an hour for a workflow's
 * GITHUB_TOKEN) on files no prompt is made of.
 */
export const MAX_PROMPT_FILES_PER_ENTRY = 100;

/** Most distinct prompt files one usage file may read, over all its workloads and entries. */
export const MAX_PROMPT_FILES = 300;

/** The two lists of prompt files a workload can give, and the numbers they replace. */
export const PROMPT_FILE_FIELDS = {
  instructionFiles: 'instructionTokens',
  exampleFiles: 'exampleTokens',
} as const;

/** A workload field that lists prompt files: `instructionFiles` or `exampleFiles`. */
export type PromptFileField = keyof typeof PROMPT_FILE_FIELDS;

/** One prompt file counted for one workload's field. */
export interface PromptFileCount {
  /** The workload's id. */
  workload: string;
  field: PromptFileField;
  /** Repo-relative, POSIX separators. */
  path: string;
  tokens: number;
  method: 'exact' | 'estimate';
  encoding: TokenEncoding;
}

/** Options of {@link resolvePromptFiles}: where the usage file is and where its prompt files are read from. */
export interface ResolvePromptFilesOptions {
  /** Repo-relative path of the usage file, POSIX separators: entries are relative to its directory. */
  configPath: string;
  /** Where prompt files are listed and read from (the working tree, a git ref, the GitHub API). */
  source: FileSource;
  /**
   * Line and column (1-based) of a node of the usage file by its path of keys and indexes: pass
   * `parseUsageFile(...).locate`. Without it, issues carry line 0 (no position).
   */
  locate?: (path: UsageFilePath) => SourcePosition;
  /** The usage file's name in messages; default `configPath`. */
  fileName?: string;
}

/** What {@link resolvePromptFiles} resolves to: the usage file with the counted token numbers, and every file counted. */
export interface ResolvedPromptFiles {
  /** A new usage file whose workloads with prompt files carry the counted instructionTokens / exampleTokens. */
  usageFile: UsageFile;
  /** Every file counted, by workload (in file order), field, then path. */
  files: PromptFileCount[];
}

interface Entry {
  workloadIndex: number;
  field: PromptFileField;
  entryIndex: number;
  entry: string;
}

/**
 * Counts the prompt files a usage file names (`prompt.instructionFiles` / `prompt.exampleFiles`: paths
 * or globs relative to the usage file) with each workload's model's tokenizer, and returns a new usage
 * file whose `instructionTokens` / `exampleTokens` are those sums. The input is never mutated.
 *
 * Rejects with one `UsageFileError` listing every problem, each at the line and column of the list entry
 * that caused it: an entry that leaves the repository (`../../x`, `/etc/x`), one that matches no file,
 * a file that cannot be read, is not a regular file, is inside `.git/`, is not UTF-8 text, or is larger
 * than 1 MiB (refused before it is read), an entry matching more than {@link MAX_PROMPT_FILES_PER_ENTRY} files,
 * a usage file naming more than {@link MAX_PROMPT_FILES} in all, and a workload whose files together pass
 * {@link MAX_PROMPT_BYTES_PER_WORKLOAD} bytes or the schema's token bound. An entry that matches nothing gets the nearest existing paths as a did-you-mean. Files are
 * counted in sorted order, each once per workload and field even when several entries match it.
 *
 * @example
 * const source = workspaceSource(repoRoot);
 * const { usageFile, files } = await resolvePromptFiles(parsed, { configPath: 'llm-usage.yml', source });
 */
export async function resolvePromptFiles(
  usageFile: UsageFile,
  options: ResolvePromptFilesOptions,
): Promise<ResolvedPromptFiles> {
  const fileName = options.fileName ?? options.configPath;
  const configDirectory = path.posix.dirname(options.configPath.replaceAll('\\', '/'));
  const issues: UsageFileIssue[] = [];
  const issue = (entry: Entry, message: string, extra: Partial<UsageFileIssue> = {}): void => {
    const nodePath = ['workloads', entry.workloadIndex, 'prompt', entry.field, entry.entryIndex];
    const position = options.locate?.(nodePath) ?? { line: 0, column: 0 };
    issues.push({ file: fileName, ...position, path: formatUsageFilePath(nodePath), message, ...extra });
  };

  let listing: Promise<Set<string>> | undefined;
  const listFiles = (): Promise<Set<string>> => {
    listing ??= options.source.listFiles().then((files) => new Set(files));
    return listing;
  };
  const texts = new Map<string, Promise<string | undefined | FileReadError>>();
  const readText = (file: string): Promise<string | undefined | FileReadError> => {
    let text = texts.get(file);
    if (text === undefined) {
      text = options.source
        .readText(file, { maxBytes: MAX_PROMPT_FILE_BYTES })
        .catch((error: unknown) => (FileReadError.isInstance(error) ? error : Promise.reject(error)));
      texts.set(file, text);
    }
    return text;
  };

  const files: PromptFileCount[] = [];
  const distinctFiles = new Set<string>();
  const workloads = [...usageFile.workloads];
  for (const [workloadIndex, workload] of usageFile.workloads.entries()) {
    let workloadBytes = 0;
    let overLimit = false;
    const totals: Partial<Record<(typeof PROMPT_FILE_FIELDS)[PromptFileField], number>> = {};
    for (const field of Object.keys(PROMPT_FILE_FIELDS) as PromptFileField[]) {
      const list = workload.prompt[field];
      if (list === undefined) continue;
      // Each matched file, with the first entry that matched it (where a problem with it is reported).
      const matched = new Map<string, Entry>();
      for (const [entryIndex, raw] of list.entries()) {
        const entry: Entry = { workloadIndex, field, entryIndex, entry: raw };
        const expanded = await expandEntry(raw, configDirectory, listFiles);
        if (expanded.outside) {
          issue(entry, `"${raw}" leaves the repository root`, {
            expected: 'a path or glob relative to the usage file, inside the repository',
          });
          continue;
        }
        if (expanded.paths.length === 0) {
          const suggestions = didYouMean(expanded.joined, [...(await listFiles())], { limit: 1 });
          issue(entry, `"${raw}" matches no file in ${options.source.description}`, {
            expected: 'an existing file or a glob that matches one',
            ...(suggestions[0] === undefined ? {} : { suggestion: relativeTo(configDirectory, suggestions[0]) }),
          });
          continue;
        }
        if (expanded.paths.length > MAX_PROMPT_FILES_PER_ENTRY) {
          issue(entry, `"${raw}" matches ${expanded.paths.length} files in ${options.source.description}`, {
            expected: `a path or a narrower glob matching at most ${MAX_PROMPT_FILES_PER_ENTRY} files`,
            found: `${expanded.paths.length} files`,
          });
          continue;
        }
        for (const file of expanded.paths) if (!matched.has(file)) matched.set(file, entry);
      }
      let total = 0;
      for (const file of overLimit ? [] : sortPaths(matched.keys())) {
        const entry = matched.get(file) as Entry;
        distinctFiles.add(file);
        if (distinctFiles.size > MAX_PROMPT_FILES) {
          issue(
            entry,
            `the usage file names more than ${MAX_PROMPT_FILES} prompt files; "${file}" and those after it are not read`,
            {
              expected: `at most ${MAX_PROMPT_FILES} distinct prompt files in all`,
            },
          );
          break;
        }
        const text = await readText(file);
        if (text === undefined) {
          issue(entry, `"${file}" cannot be read from ${options.source.description}`);
          continue;
        }
        if (FileReadError.isInstance(text)) {
          if (text.refusal === 'too-large') {
            issue(entry, `"${file}" is larger than 1 MiB`, {
              expected: `at most ${MAX_PROMPT_FILE_BYTES} bytes`,
              found: `${text.bytes} bytes`,
            });
          } else issue(entry, `${text.message}; it is not read`, { expected: 'a regular text file in the repository' });
          continue;
        }
        const bytes = Buffer.byteLength(text, 'utf8');
        if (bytes > MAX_PROMPT_FILE_BYTES) {
          issue(entry, `"${file}" is larger than 1 MiB`, {
            expected: `at most ${MAX_PROMPT_FILE_BYTES} bytes`,
            found: `${bytes} bytes`,
          });
          continue;
        }
        workloadBytes += bytes;
        if (workloadBytes > MAX_PROMPT_BYTES_PER_WORKLOAD) {
          overLimit = true;
          issue(entry, `prompt files of workload "${workload.id}" add up to more than 8 MiB at "${file}"`, {
            expected: `at most ${MAX_PROMPT_BYTES_PER_WORKLOAD} bytes of prompt files per workload`,
            found: `${workloadBytes} bytes so far`,
          });
          break;
        }
        if (!isText(text)) {
          issue(entry, `"${file}" is not UTF-8 text`, { expected: 'a UTF-8 text file' });
          continue;
        }
        const counted = await countTokens(text, workload.model);
        total += counted.tokens;
        files.push({ workload: workload.id, field, path: file, ...pick(counted) });
      }
      if (total > MAX_TOKENS) {
        const first = [...matched.values()][0] as Entry;
        issue(first, `prompt files of workload "${workload.id}" count ${total} tokens`, {
          expected: `at most ${MAX_TOKENS} tokens, the schema's bound for ${PROMPT_FILE_FIELDS[field]}`,
        });
      }
      totals[PROMPT_FILE_FIELDS[field]] = total;
    }
    if (Object.keys(totals).length > 0) {
      workloads[workloadIndex] = { ...workload, prompt: { ...workload.prompt, ...totals } };
    }
  }

  // In file order for the reader; Array.prototype.sort is stable, so unlocated issues keep theirs.
  if (issues.length > 0)
    throw new UsageFileError(issues.sort((left, right) => left.line - right.line || left.column - right.column));
  return { usageFile: { ...usageFile, workloads }, files };
}

function pick(counted: { tokens: number; method: 'exact' | 'estimate'; encoding: TokenEncoding }) {
  return { tokens: counted.tokens, method: counted.method, encoding: counted.encoding };
}

/** Binary content decodes to U+FFFD replacement characters or NUL bytes; neither belongs in a prompt. */
function isText(text: string): boolean {
  return !text.includes('\uFFFD') && !text.includes('\0');
}

async function expandEntry(
  raw: string,
  configDirectory: string,
  listFiles: () => Promise<Set<string>>,
): Promise<{ outside: boolean; joined: string; paths: string[] }> {
  const entry = raw.replaceAll('\\', '/');
  // Absolute paths (POSIX, Windows drive or UNC) are outside by definition, even when they point into the repo.
  if (entry.startsWith('/') || /^[a-zA-Z]:/.test(entry)) return { outside: true, joined: entry, paths: [] };
  const joined = normalizeRepoPath(configDirectory === '.' ? entry : `${configDirectory}/${entry}`);
  if (joined === undefined) return { outside: true, joined: entry, paths: [] };
  const all = await listFiles();
  // A file whose name merely looks like a glob ("notes (draft).md") still matches itself.
  if (all.has(joined) || !picomatch.scan(joined).isGlob)
    return { outside: false, joined, paths: all.has(joined) ? [joined] : [] };
  const isMatch = picomatch(joined, { windows: false });
  return { outside: false, joined, paths: [...all].filter((file) => isMatch(file)) };
}

/** A repo-relative path as the usage file would write it: relative to the usage file's directory. */
function relativeTo(configDirectory: string, repoPath: string): string {
  return configDirectory === '.' ? repoPath : path.posix.relative(configDirectory, repoPath);
}
