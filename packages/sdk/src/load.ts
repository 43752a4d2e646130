import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  type Catalog,
  defaultCatalog,
  knownModelIds,
  MAX_USAGE_FILE_BYTES,
  parseUsageFile,
  type UsageFile,
  UsageFileError,
} from '@tunewise/core';
import { type PromptFileCount, resolvePromptFiles } from './prompt-files/index.js';
import { type FileSource, findRepoRoot, workspaceSource } from './sources/index.js';

/** File names `findConfig` looks for, in order, in each directory from the start upward. */
export const CONFIG_FILE_NAMES = ['llm-usage.yml', 'llm-usage.yaml', 'llm-usage.json'] as const;

/** A usage file read from disk (or a git ref), validated, with its prompt files counted into token numbers. */
export interface LoadedUsageFile {
  /** The validated file, defaults filled in, with counted prompt files turned into token numbers. */
  usageFile: UsageFile;
  /** The path the file was read from, as given or found. */
  path: string;
  /** Prompt files that were counted, with their token counts. */
  promptFiles: PromptFileCount[];
}

/** Options of {@link loadConfig}. */
export interface LoadOptions {
  /** Where prompt files are read from; default: the working tree of the repository holding the file. */
  source?: FileSource;
  /** Repository root; default: found with git from the file's directory. */
  repoRoot?: string;
  /** Catalog whose ids are valid model ids; default: the shipped catalog. */
  catalog?: Catalog;
}

function fileError(file: string, message: string, cause?: unknown): UsageFileError {
  return new UsageFileError([{ file, line: 0, column: 0, path: '', message }], { cause });
}

/**
 * Finds `llm-usage.yml` (or `.yaml`, `.json`) in `startDir` or the nearest directory above it.
 * Resolves to undefined when there is none up to the file-system root.
 *
 * @param startDir - Where the search starts; default: the working directory.
 * @returns The absolute path of the file found, or undefined.
 *
 * @example
 * ```ts
 * const configPath = await findConfig();
 * if (configPath === undefined) throw new Error('no llm-usage.yml here or above; run `npx tunewise init`');
 * ```
 */
export async function findConfig(startDir: string = process.cwd()): Promise<string | undefined> {
  let directory = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(directory, name);
      const info = await stat(candidate).catch(() => undefined);
      if (info?.isFile()) return candidate;
    }
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * Parses usage-file text that came from `fileName`, then counts its prompt files from `source`: for text that did
 * not come from the working tree, e.g. a file at a git ref (see `gitRefSource`).
 *
 * @returns The loaded file, as {@link loadConfig} gives it.
 * @throws {UsageFileError} With file, line and column for anything wrong in the text or its prompt files.
 *
 * @example
 * ```ts
 * const repoRoot = await findRepoRoot('.');
 * const base = await loadUsageFileText(textAtBase, {
 *   fileName: 'llm-usage.yml@main',
 *   configPath: 'llm-usage.yml',
 *   source: gitRefSource(repoRoot, 'main'),
 * });
 * ```
 */
export async function loadUsageFileText(
  text: string,
  options: {
    /** Shown in messages (file:line:column). */
    fileName: string;
    /** Repo-relative path of the usage file, POSIX separators: prompt files are relative to its directory. */
    configPath: string;
    /** Where the prompt files are read from. */
    source: FileSource;
    /** Catalog whose ids are valid model ids; default: the shipped catalog. */
    catalog?: Catalog;
  },
): Promise<LoadedUsageFile> {
  const catalog = options.catalog ?? defaultCatalog;
  const parsed = parseUsageFile(text, { fileName: options.fileName, knownModelIds: knownModelIds(catalog), catalog });
  const resolved = await resolvePromptFiles(parsed.usageFile, {
    configPath: options.configPath,
    source: options.source,
    locate: parsed.locate,
    fileName: options.fileName,
  });
  return { usageFile: resolved.usageFile, path: options.fileName, promptFiles: resolved.files };
}

/** `file` as a path relative to `repoRoot`, with POSIX separators: the form `loadUsageFileText` wants as `configPath`. */
export function toRepoPath(repoRoot: string, file: string): string {
  return path.relative(repoRoot, path.resolve(file)).split(path.sep).join('/');
}

/**
 * Reads, validates and resolves a usage file from disk: the prompt files it names are read from the working tree
 * (or `options.source`) and counted with a real tokenizer.
 *
 * @param configPath - The usage file, absolute or relative to the working directory; find one with {@link findConfig}.
 * @param options - Where prompt files come from and which catalog ids are valid; see {@link LoadOptions}.
 * @returns The validated file with its counted prompt files; pass it to `evaluate` as often as you like.
 * @throws {UsageFileError} When the file is missing, over 1 MiB or invalid, or a prompt file is missing, outside the
 *   repository, binary or over 1 MiB; every issue carries file, line and column (0 when there is no position).
 *
 * @example
 * ```ts
 * const { usageFile, promptFiles } = await loadConfig('llm-usage.yml');
 * ```
 */
export async function loadConfig(configPath: string, options: LoadOptions = {}): Promise<LoadedUsageFile> {
  const info = await stat(configPath).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw fileError(configPath, `cannot read the usage file: ${reason}`, error);
  });
  if (!info.isFile()) throw fileError(configPath, 'the usage file path is not a file');
  if (info.size > MAX_USAGE_FILE_BYTES) {
    throw fileError(configPath, `the usage file is ${info.size} bytes; the limit is ${MAX_USAGE_FILE_BYTES} (1 MiB)`);
  }
  const text = await readFile(configPath, 'utf8');
  const repoRoot = options.repoRoot ?? (await findRepoRoot(path.dirname(path.resolve(configPath))));
  return loadUsageFileText(text, {
    fileName: configPath,
    configPath: toRepoPath(repoRoot, configPath),
    source: options.source ?? workspaceSource(repoRoot),
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
  });
}
