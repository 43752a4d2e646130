import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI (or TUNEWISE_CLI_PATH, to test another build); these end-to-end tests run what users run, so `npm run build -w @tunewise/sdk` must come first (turbo's `test` depends on `build`). */
export const cliPath = process.env.TUNEWISE_CLI_PATH ?? fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(cliPath)) {
    throw new Error(`${cliPath} is missing: run \`npm run build -w @tunewise/sdk\` before these tests`);
  }
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI under this Node (24) with `nodeOptions` before the script, never through a shell. */
export function runCli(
  args: string[],
  options: { cwd?: string; nodeOptions?: string[]; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeOptions ?? []), cliPath, ...args],
      { cwd: options.cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...options.env } },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}
