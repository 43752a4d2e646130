import { execFile } from 'node:child_process';

/** Output of one git command; `stdout` as bytes so file contents survive untouched. */
export interface GitResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

/**
 * Runs git with an argument array (never a shell, so no argument is ever interpreted) in `cwd`.
 * Resolves with the exit code instead of rejecting on a non-zero exit; rejects only when git cannot
 * be started at all (not installed).
 */
export function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      // 256 MiB: `ls-tree -r` of a large monorepo, or a blob, must not be cut off.
      { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const stderrText = stderr.toString('utf8');
        if (error === null) return resolve({ stdout, stderr: stderrText, exitCode: 0 });
        const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
        if (typeof code === 'number') return resolve({ stdout, stderr: stderrText, exitCode: code });
        reject(error);
      },
    );
  });
}

/** Splits `-z` output (NUL-terminated records) into strings. */
export function splitNul(output: Buffer): string[] {
  return output
    .toString('utf8')
    .split('\0')
    .filter((record) => record !== '');
}
