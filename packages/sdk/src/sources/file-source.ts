/**
 * Read-only view of a repository's files at one point in time: the working tree, a git commit, or a
 * remote API. Paths are repo-relative with POSIX separators (`prompts/system.md`), never absolute and
 * never starting with `./` or `..`.
 *
 * Text is decoded as UTF-8 with invalid byte sequences replaced by U+FFFD (the `TextDecoder` default),
 * and a leading byte-order mark dropped, so a caller can tell binary content from text.
 */
export interface FileSource {
  /** Where the files come from, for messages: "working tree of /repo", "git ref origin/main". */
  readonly description: string;
  /**
   * The file's text, or undefined when there is no such file (or it is a directory, or a symbolic link out
   * of the repository). Rejects with a `FileReadError` naming the file, without reading it, when it is
   * larger than `options.maxBytes`, is a FIFO, socket or device, or is inside `.git/`.
   */
  readText(path: string, options?: ReadTextOptions): Promise<string | undefined>;
  /** Every file in the repository, repo-relative, sorted by code unit. */
  listFiles(): Promise<string[]>;
}

/** Options of {@link FileSource.readText}. */
export interface ReadTextOptions {
  /** Largest file read, in bytes; a larger one is refused before its content is read. Default: no limit. */
  maxBytes?: number;
}

/** Whether a repo-relative path is inside the repository's `.git` directory (any `.git` segment, any case). */
export function isInsideGitDirectory(repoPath: string): boolean {
  return repoPath.split('/').some((segment) => segment.toLowerCase() === '.git');
}

const decoder = new TextDecoder('utf-8');

/** Decodes file bytes the way every `FileSource` does: UTF-8, invalid sequences as U+FFFD, BOM dropped. */
export function decodeFileText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * `path` as a clean repo-relative POSIX path, or undefined when it is absolute or leaves the
 * repository (`../x`, `a/../../x`). Collapses `.` segments, repeated and trailing slashes.
 */
export function normalizeRepoPath(path: string): string | undefined {
  if (path.includes('\0')) return undefined;
  const slashed = path.replaceAll('\\', '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) return undefined;
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return segments.length === 0 ? undefined : segments.join('/');
}

/** Sorts paths by UTF-16 code unit, the same on every machine and locale. */
export function sortPaths(paths: Iterable<string>): string[] {
  return [...paths].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
}
