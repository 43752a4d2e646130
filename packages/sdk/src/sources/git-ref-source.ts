import path from 'node:path';
import { FileReadError } from './file-read-error.js';
import { decodeFileText, type FileSource, isInsideGitDirectory, normalizeRepoPath, sortPaths } from './file-source.js';
import { runGit } from './git.js';
import { GitRefError } from './git-ref-error.js';

const SYMLINK_MODE = '120000';
const MAX_SYMLINK_HOPS = 8;

interface TreeEntry {
  mode: string;
  objectId: string;
  /** Blob size in bytes, from `ls-tree --long`: checked before the blob is read. */
  bytes: number;
}

interface Snapshot {
  commit: string;
  tree: Map<string, TreeEntry>;
}

/**
 * The repository as committed at `ref` (a branch, tag, `HEAD~1`, `origin/main` or a commit id),
 * read with git plumbing through an argument array, never a shell. Nothing in the working tree is
 * touched, so it works in a dirty checkout and needs only the objects of that commit.
 *
 * The ref is resolved once, on first use; a ref that names no commit rejects with a `GitRefError`
 * naming the ref. A path that is not in the commit reads as undefined. Symbolic links inside the
 * repository are followed, as the working tree would; one that leads outside (`../..`, or any absolute
 * target such as `/etc/passwd`, which names the reader's machine, not the commit) reads as undefined,
 * and one that leads into `.git/` is refused. A blob larger than `maxBytes` is refused by its size in the
 * tree listing, before it is read.
 *
 * @example
 * const base = gitRefSource(repoRoot, 'origin/main');
 * const before = await base.readText('llm-usage.yml');
 */
export function gitRefSource(repoRoot: string, ref: string): FileSource {
  const root = path.resolve(repoRoot);
  let snapshot: Promise<Snapshot> | undefined;
  const load = (): Promise<Snapshot> => {
    snapshot ??= readSnapshot(root, ref);
    return snapshot;
  };
  return {
    description: `git ref ${ref}`,
    async readText(file, options = {}) {
      const { tree } = await load();
      let current = normalizeRepoPath(file);
      for (let hop = 0; current !== undefined && hop <= MAX_SYMLINK_HOPS; hop++) {
        if (isInsideGitDirectory(current)) {
          throw new FileReadError({
            path: file,
            refusal: 'inside-git-directory',
            detail: "is inside git's .git directory",
          });
        }
        const entry = tree.get(current);
        if (entry === undefined) return undefined;
        if (entry.mode !== SYMLINK_MODE && options.maxBytes !== undefined && entry.bytes > options.maxBytes) {
          throw new FileReadError({
            path: file,
            refusal: 'too-large',
            detail: `is ${entry.bytes} bytes`,
            bytes: entry.bytes,
          });
        }
        const bytes = await readBlob(root, ref, entry.objectId);
        if (entry.mode !== SYMLINK_MODE) return decodeFileText(bytes);
        const target = bytes.toString('utf8');
        // An absolute target points into the machine that reads the commit, never into the commit.
        if (target.startsWith('/') || /^[a-zA-Z]:/.test(target)) return undefined;
        current = normalizeRepoPath(path.posix.join(path.posix.dirname(current), target));
      }
      return undefined;
    },
    async listFiles() {
      return sortPaths((await load()).tree.keys());
    },
  };
}

async function readSnapshot(root: string, ref: string): Promise<Snapshot> {
  // A ref that starts with "-" would be read as an option by git.
  if (ref === '' || ref.startsWith('-') || ref.includes('\0')) {
    throw new GitRefError({ ref, repoRoot: root, detail: 'not a valid ref name' });
  }
  const verified = await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(
    (error: unknown) => {
      throw new GitRefError({ ref, repoRoot: root, detail: 'git could not be run', cause: error });
    },
  );
  if (verified.exitCode !== 0) {
    const stderr = verified.stderr.trim();
    const detail =
      stderr === ''
        ? 'no commit has that name here (in CI, a shallow clone may need `git fetch` of that ref first)'
        : stderr;
    throw new GitRefError({ ref, repoRoot: root, detail });
  }
  const commit = verified.stdout.toString('utf8').trim();
  // Without --name-only: the type column tells blobs from submodules and the mode tells symlinks.
  const listed = await runGit(root, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit]);
  if (listed.exitCode !== 0) {
    throw new GitRefError({ ref, repoRoot: root, detail: `git ls-tree failed: ${listed.stderr.trim()}` });
  }
  const tree = new Map<string, TreeEntry>();
  for (const record of listed.stdout.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    // "<mode> <type> <object> <size padded with spaces>\t<path>"
    const [mode = '', type = '', objectId = '', size = ''] = record.slice(0, tab).split(/ +/);
    if (type === 'blob') tree.set(record.slice(tab + 1), { mode, objectId, bytes: Number(size) });
  }
  return { commit, tree };
}

async function readBlob(root: string, ref: string, objectId: string): Promise<Buffer> {
  // cat-file prints the raw blob; `git show` could apply textconv filters from the user's config.
  const result = await runGit(root, ['cat-file', 'blob', objectId]);
  if (result.exitCode !== 0) {
    throw new GitRefError({ ref, repoRoot: root, detail: `git cat-file failed: ${result.stderr.trim()}` });
  }
  return result.stdout;
}
