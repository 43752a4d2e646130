import type { Dirent } from 'node:fs';
import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { FileReadError } from './file-read-error.js';
import { decodeFileText, type FileSource, isInsideGitDirectory, normalizeRepoPath, sortPaths } from './file-source.js';
import { runGit, splitNul } from './git.js';

const READ_CHUNK_BYTES = 64 * 1024;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * The working tree under `repoRoot`, as it is on disk now (uncommitted edits included).
 *
 * `listFiles` asks git for tracked and untracked-but-not-ignored files
 * (`git ls-files --cached --others --exclude-standard`, minus files deleted from disk) when
 * `repoRoot` is a git work tree, so `.gitignore`d output never counts; elsewhere it walks the
 * directory, skipping `node_modules` and `.git`. `readText` never reads outside `repoRoot` or inside
 * `.git/`, even through a symbolic link; it looks at a file (stat) before opening it, refuses a FIFO, socket
 * or device without opening it, and reads at most `maxBytes + 1` bytes.
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
    async readText(file, options = {}) {
      const relative = normalizeRepoPath(file);
      if (relative === undefined) return undefined;
      if (isInsideGitDirectory(relative)) throw insideGit(file);
      realRoot ??= realpath(root);
      try {
        const real = await realpath(path.join(root, ...relative.split('/')));
        const inside = path.relative(await realRoot, real);
        if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
        if (isInsideGitDirectory(inside.split(path.sep).join('/'))) throw insideGit(file);
        const info = await stat(real);
        if (info.isDirectory()) return undefined;
        if (!info.isFile()) throw notRegular(file);
        if (options.maxBytes !== undefined && info.size > options.maxBytes) throw tooLarge(file, info.size);
        return decodeFileText(await readAtMost(file, real, options.maxBytes));
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

const insideGit = (file: string) =>
  new FileReadError({ path: file, refusal: 'inside-git-directory', detail: "is inside git's .git directory" });
const notRegular = (file: string) =>
  new FileReadError({
    path: file,
    refusal: 'not-a-regular-file',
    detail: 'is not a regular file (a FIFO, socket or device)',
  });
const tooLarge = (file: string, bytes: number) =>
  new FileReadError({ path: file, refusal: 'too-large', detail: `is ${bytes} bytes`, bytes });

/**
 * Reads at most `maxBytes + 1` bytes, so a file that grew after its stat is still caught as too large
 * without being read whole. Opened non-blocking, and checked again through the open handle, so a file
 * swapped for a FIFO after the stat is refused instead of blocking.
 */
async function readAtMost(file: string, real: string, maxBytes: number | undefined): Promise<Buffer> {
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegular(file);
    if (maxBytes === undefined) return await handle.readFile();
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) throw tooLarge(file, total);
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
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
