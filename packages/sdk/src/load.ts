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
  usageFile: UsageFile;
  /** The path the file was read from, as given or found. */
  path: string;
  /** Prompt files that were counted, with their token counts. */
  promptFiles: PromptFileCount[];
}

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
 * Parses usage-file text that came from `fileName` (a path inside `repoRoot`), then counts its prompt files from
 * `source`. Throws `UsageFileError` with file, line and column for anything wrong.
 */
export async function loadUsageFileText(
  text: string,
  options: {
    /** Shown in messages (file:line:column). */
    fileName: string;
    /** Repo-relative path of the usage file, POSIX separators: prompt files are relative to its directory. */
    configPath: string;
    source: FileSource;
    catalog?: Catalog;
  },
): Promise<LoadedUsageFile> {
  const catalog = options.catalog ?? defaultCatalog;
  const parsed = parseUsageFile(text, { fileName: options.fileName, knownModelIds: knownModelIds(catalog) });
  const resolved = await resolvePromptFiles(parsed.usageFile, {
    configPath: options.configPath,
    source: options.source,
    locate: parsed.locate,
    fileName: options.fileName,
  });
  return { usageFile: resolved.usageFile, path: options.fileName, promptFiles: resolved.files };
}

/** `file` as a path relative to `repoRoot`, with POSIX separators. */
export function toRepoPath(repoRoot: string, file: string): string {
  return path.relative(repoRoot, path.resolve(file)).split(path.sep).join('/');
}

/**
 * Reads, validates and resolves a usage file from disk: the prompt files it names are read from the working tree
 * (or `options.source`) and counted with a real tokenizer.
 *
 * @example
 * const { usageFile } = await loadConfig('llm-usage.yml');
 */
export async function loadConfig(configPath: string, options: LoadOptions = {}): Promise<LoadedUsageFile> {
  const info = await stat(configPath).catch((error: unknown) => {
    throw fileError(configPath, 'cannot read the usage file: no such file', error);
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
