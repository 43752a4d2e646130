import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { decodeFileText, type FileSource, normalizeRepoPath, sortPaths } from './file-source.js';
import { runGit, splitNul } from './git.js';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * The working tree under `repoRoot`, as it is on disk now (uncommitted edits included).
 *
 * `listFiles` asks git for tracked and untracked-but-not-ignored files
 * (`git ls-files --cached --others --exclude-standard`, minus files deleted from disk) when
 * `repoRoot` is a git work tree, so `.gitignore`d output never counts; elsewhere it walks the
 * directory, skipping `node_modules` and `.git`. `readText` never reads outside `repoRoot`, even
 * through a symbolic link.
 *
 * @example
 * const source = workspaceSource(await findRepoRoot(process.cwd()));
 * const text = await source.readText('prompts/system.md');
 */
export function workspaceSource(repoRoot: string): FileSource {
  const root = path.resolve(repoRoot);
  let realRoot: Promise<string> | undefined;
  return {
    description: `working tree of ${root}`,
    async readText(file) {
      const relative = normalizeRepoPath(file);
      if (relative === undefined) return undefined;
      realRoot ??= realpath(root);
      try {
        const real = await realpath(path.join(root, ...relative.split('/')));
        const inside = path.relative(await realRoot, real);
        if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
        return decodeFileText(await readFile(real));
      } catch (error) {
        if (isMissingFileError(error)) return undefined;
        throw error;
      }
    },
    async listFiles() {
      const fromGit = await listWithGit(root);
      return sortPaths(fromGit ?? (await walk(root)));
    },
  };
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ELOOP';
}

/** Files git sees in the work tree, or undefined when `root` is not in one (or git is missing). */
async function listWithGit(root: string): Promise<string[] | undefined> {
  const inside = await runGit(root, ['rev-parse', '--is-inside-work-tree']).catch(() => undefined);
  if (inside?.exitCode !== 0 || inside.stdout.toString('utf8').trim() !== 'true') return undefined;
  const [listed, deleted] = await Promise.all([
    runGit(root, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']),
    runGit(root, ['ls-files', '--deleted', '-z']),
  ]);
  if (listed.exitCode !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr.trim()}`);
  const gone = new Set(splitNul(deleted.stdout));
  // --cached lists each path once per merge stage during a conflict; a Set keeps one.
  // An untracked nested repository is listed as "dir/": a directory, not a file.
  return [...new Set(splitNul(listed.stdout))].filter((file) => !gone.has(file) && !file.endsWith('/'));
}

async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const pending: string[] = [''];
  for (let directory = pending.pop(); directory !== undefined; directory = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, directory), { withFileTypes: true });
    } catch (error) {
      if (isMissingFileError(error) || (error as NodeJS.ErrnoException).code === 'EACCES') continue;
      throw error;
    }
    for (const entry of entries) {
      const relative = directory === '' ? entry.name : `${directory}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(relative);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push(relative);
      }
    }
  }
  return files;
}
