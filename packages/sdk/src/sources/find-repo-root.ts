import path from 'node:path';
import { runGit } from './git.js';

/**
 * The top of the git work tree that holds `startDir` (`git rev-parse --show-toplevel`), or
 * `startDir` itself, resolved, when it is not inside one or git is not installed.
 */
export async function findRepoRoot(startDir: string): Promise<string> {
  const start = path.resolve(startDir);
  const result = await runGit(start, ['rev-parse', '--show-toplevel']).catch(() => undefined);
  const top = result?.exitCode === 0 ? result.stdout.toString('utf8').trim() : '';
  return top === '' ? start : path.resolve(top);
}
