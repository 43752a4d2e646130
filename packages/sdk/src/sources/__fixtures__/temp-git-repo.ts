// Test helper (no figures): builds throwaway git repositories in the OS temp directory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Git run with a fixed identity and no signing, whatever the machine's config says. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=tunewise test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** Writes `files` (repo-relative path → content) under `root`, creating directories. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, ...file.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** A fresh directory under the OS temp directory; remove it with `removeTempDirectory`. */
export function makeTempDirectory(prefix = 'tunewise-sources-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeTempDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}

/** A git repository whose first commit holds `files`. */
export function makeGitRepo(files: Record<string, string | Uint8Array>): string {
  const root = makeTempDirectory('tunewise-repo-');
  git(root, 'init', '--quiet', '--initial-branch=main');
  writeFiles(root, files);
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '--message', 'initial');
  return root;
}
