import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The start-up benchmark (BENCHMARKS.md's `## action`) runs the built dist/ against its own loopback GitHub. Nothing
// else runs it, so when the action's checks tighten (a stricter pull request answer broke it once) it would fail only
// on the day someone measures. This runs it once, profiled, and asserts that it ran: no timing is judged here.
const packageDirectory = path.resolve(import.meta.dirname, '..');
const benchmarksPath = path.resolve(packageDirectory, '../../BENCHMARKS.md');
const profileDirectory = mkdtempSync(path.join(tmpdir(), 'tunewise-bench-profile-'));
afterAll(() => rmSync(profileDirectory, { recursive: true, force: true }));

describe('bench/action.bench.mjs', () => {
  it('runs the whole action on its 20-workload pull request, writes a CPU profile, and leaves BENCHMARKS.md alone', async () => {
    const benchmarksBefore = readFileSync(benchmarksPath, 'utf8');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bench/action.bench.mjs', '--runs', '1', '--profile', profileDirectory],
      { cwd: packageDirectory, encoding: 'utf8' },
    );
    // The bench rejects on any exit code but 0, so a row per measure means the action ran to the end.
    expect(stdout).toMatch(/^\| `node -e 0` \| \d+ ms \|$/m);
    expect(stdout).toMatch(/^\| action run \| \d+ ms \|$/m);
    expect(stdout).toMatch(/^\| ratio \| \d+\.\d× \|$/m);
    // The floor: the same bundle on a push event with no usage file, which exits 2 (the bench rejects any other code).
    expect(stdout).toMatch(/^\| the action started with nothing to do \([^)]*\) \| \d+ ms, \d+\.\d× \|$/m);
    expect(stdout).toMatch(/^\d+ × .+, load average \d+\.\d\d at the start;$/m);
    expect(stdout).toMatch(/^\| first load \(index\.js[^)]*\) \| \d+\.\d\d MiB/m);
    // One profile of the timed action run (the warm-up and `node -e 0` are not profiled).
    const profiles = readdirSync(profileDirectory).filter((file) => file.endsWith('.cpuprofile'));
    expect(profiles).toHaveLength(1);
    const profile = JSON.parse(readFileSync(path.join(profileDirectory, profiles[0]!), 'utf8')) as {
      nodes: Array<{ callFrame: { url: string } }>;
    };
    expect(profile.nodes.some((node) => node.callFrame.url.endsWith('/dist/index.js'))).toBe(true);
    expect(readFileSync(benchmarksPath, 'utf8')).toBe(benchmarksBefore);
  });
});
