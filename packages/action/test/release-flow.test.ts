import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The release workflow's scripts run here as the workflow runs them (a child process in a git repository), and the
// workflows' own text is checked for what cannot be exercised without GitHub: pins, permissions, no token.
const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
const workflowsDirectory = path.join(repositoryRoot, '.github/workflows');
const readYaml = (file: string) => parse(readFileSync(file, 'utf8'));
const temporaryDirectories: string[] = [];

afterAll(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    {
      if?: string;
      needs?: string;
      permissions?: Record<string, string>;
      steps: Array<{
        uses?: string;
        run?: string;
        id?: string;
        with?: Record<string, string>;
        env?: Record<string, string>;
      }>;
    }
  >;
}

/** A git repository holding the root manifest, the workspaces' manifests and scripts/, with the repo's node_modules. */
function scratchRepository(): { directory: string; git: (...args: string[]) => string } {
  const directory = mkdtempSync(path.join(tmpdir(), 'tunewise-release-flow-'));
  temporaryDirectories.push(directory);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: directory, encoding: 'utf8' });
  cpSync(path.join(repositoryRoot, 'scripts'), path.join(directory, 'scripts'), { recursive: true });
  cpSync(path.join(repositoryRoot, 'package.json'), path.join(directory, 'package.json'));
  mkdirSync(path.join(directory, '.changeset'));
  cpSync(path.join(repositoryRoot, '.changeset/config.json'), path.join(directory, '.changeset/config.json'));
  for (const name of readdirSync(path.join(repositoryRoot, 'packages'))) {
    mkdirSync(path.join(directory, 'packages', name, 'src'), { recursive: true });
    cpSync(
      path.join(repositoryRoot, 'packages', name, 'package.json'),
      path.join(directory, 'packages', name, 'package.json'),
    );
  }
  symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(directory, 'node_modules'));
  writeFileSync(path.join(directory, '.gitignore'), 'node_modules\n');
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');
  return { directory, git };
}

describe('the workflows', () => {
  const files = readdirSync(workflowsDirectory).filter((file) => file.endsWith('.yml'));

  it.each(files)('%s pins every third-party action to a full commit SHA with its version in a comment', (file) => {
    const text = readFileSync(path.join(workflowsDirectory, file), 'utf8');
    const uses = [...text.matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)].map((match) => ({
      ref: match[1]!,
      rest: match[2]!,
    }));
    expect(uses.length).toBeGreaterThan(0);
    for (const { ref, rest } of uses) {
      if (ref.startsWith('./')) continue;
      expect(ref, `${file}: ${ref}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest, `${file}: ${ref} needs a "# vX.Y.Z" comment`).toMatch(/^\s+# v\d+\.\d+\.\d+$/);
    }
  });

  it('release.yml publishes through OIDC with provenance and no npm token, only from the publish job', () => {
    const text = readFileSync(path.join(workflowsDirectory, 'release.yml'), 'utf8');
    expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
    const workflow = readYaml(path.join(workflowsDirectory, 'release.yml')) as Workflow;
    expect(workflow.permissions).toEqual({});
    const withIdToken = Object.entries(workflow.jobs).filter(([, job]) => job.permissions?.['id-token'] === 'write');
    expect(withIdToken.map(([name]) => name)).toEqual(['publish']);
    const publish = workflow.jobs.publish!;
    const publishStep = publish.steps.find((step) => step.uses?.startsWith('changesets/action/publish@'));
    expect(publishStep?.env).toEqual({ NPM_CONFIG_PROVENANCE: 'true' });
    const tagStep = publish.steps.find((step) => step.run?.includes('scripts/tag-action-release.mjs'));
    expect(tagStep?.env?.PUBLISHED_PACKAGES).toContain('steps.changesets.outputs.published-packages');
    expect(text).not.toMatch(/git tag -f v1/);
  });

  it('release.yml’s version step is the script that rebuilds and stages the action’s dist', () => {
    const workflow = readYaml(path.join(workflowsDirectory, 'release.yml')) as Workflow;
    const versionStep = workflow.jobs.version!.steps.find((step) =>
      step.uses?.startsWith('changesets/action/version@'),
    );
    expect(versionStep?.with?.script).toBe('node scripts/version-packages.mjs');
    const script = readFileSync(path.join(repositoryRoot, 'scripts/version-packages.mjs'), 'utf8');
    expect(script).toContain("'packages/action/dist'");
  });

  it('ci.yml runs the changeset check on pull requests and the Node 22 smoke test', () => {
    const workflow = readYaml(path.join(workflowsDirectory, 'ci.yml')) as Workflow;
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    expect(runs).toContain('npm run smoke:node22');
    expect(runs.some((command) => command.startsWith('node scripts/check-changeset.mjs --base'))).toBe(true);
    expect(workflow.jobs.changeset?.if).toContain("github.event_name == 'pull_request'");
  });

  it('Dependabot updates npm and the pinned actions', () => {
    const config = readYaml(path.join(repositoryRoot, '.github/dependabot.yml')) as {
      updates: Array<{ 'package-ecosystem': string }>;
    };
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });
});

describe('the root action.yml', () => {
  it('is packages/action/action.yml with runs.main pointing into packages/action', () => {
    const root = readYaml(path.join(repositoryRoot, 'action.yml')) as { runs: { main: string } };
    const nested = readYaml(path.join(repositoryRoot, 'packages/action/action.yml')) as { runs: { main: string } };
    expect(root.runs.main).toBe('packages/action/dist/index.js');
    expect({ ...root, runs: { ...root.runs, main: nested.runs.main } }).toEqual(nested);
  });
});

describe('changesets', () => {
  it('release core, sdk and the tunewise CLI together (one fixed group), publicly with provenance', () => {
    const config = JSON.parse(readFileSync(path.join(repositoryRoot, '.changeset/config.json'), 'utf8'));
    expect(config.fixed).toEqual([['@tunewise/core', '@tunewise/sdk', 'tunewise']]);
    for (const name of ['core', 'sdk', 'tunewise']) {
      const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'packages', name, 'package.json'), 'utf8'));
      expect(manifest.license).toBe('MIT');
      expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
    }
  });
});

describe('scripts/check-changeset.mjs', () => {
  const check = (directory: string) =>
    run(process.execPath, ['scripts/check-changeset.mjs', '--base', 'main'], { cwd: directory }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
    );
  const onBranch = (change: (directory: string) => void) => {
    const repository = scratchRepository();
    repository.git('checkout', '--quiet', '-b', 'topic');
    change(repository.directory);
    repository.git('add', '-A');
    repository.git('commit', '--quiet', '-m', 'change');
    return repository.directory;
  };
  const changeset = (directory: string, name: string, frontmatter: string) =>
    writeFileSync(path.join(directory, '.changeset', `${name}.md`), `---\n${frontmatter}---\n\nA change.\n`);

  it('fails a change to a published package’s source without a changeset, naming the package', async () => {
    const directory = onBranch((root) => writeFileSync(path.join(root, 'packages/core/src/cost.ts'), 'export {};\n'));
    const result = await check(directory);
    expect(result.code).toBe(1);
    expect(result.output).toContain('@tunewise/core');
    expect(result.output).toContain('npx changeset');
  }, 60_000);

  it('passes it with a changeset naming the package, or a member of its fixed group', async () => {
    const direct = onBranch((root) => {
      writeFileSync(path.join(root, 'packages/core/src/cost.ts'), 'export {};\n');
      changeset(root, 'cost', '"@tunewise/core": patch\n');
    });
    expect(await check(direct)).toMatchObject({ code: 0 });
    const grouped = onBranch((root) => {
      writeFileSync(path.join(root, 'packages/core/src/cost.ts'), 'export {};\n');
      changeset(root, 'cost', '"@tunewise/sdk": patch\n');
    });
    expect(await check(grouped)).toMatchObject({ code: 0 });
  }, 60_000);

  it('passes an explicit empty changeset, tests and docs only, and the private action', async () => {
    const empty = onBranch((root) => {
      writeFileSync(path.join(root, 'packages/sdk/src/cli.ts'), 'export {};\n');
      changeset(root, 'nothing', '');
    });
    expect(await check(empty)).toMatchObject({ code: 0 });
    const testsOnly = onBranch((root) => {
      writeFileSync(path.join(root, 'packages/sdk/src/cli.test.ts'), 'export {};\n');
      writeFileSync(path.join(root, 'packages/core/README.md'), '# core\n');
      writeFileSync(path.join(root, 'packages/action/src/main.ts'), 'export {};\n');
    });
    expect(await check(testsOnly)).toMatchObject({ code: 0 });
  }, 60_000);

  it('fails when the changeset names another package outside the group', async () => {
    const directory = onBranch((root) => {
      writeFileSync(path.join(root, 'packages/tunewise/src/x.js'), 'export {};\n');
      changeset(root, 'action', '"@tunewise/action": patch\n');
    });
    const result = await check(directory);
    expect(result).toMatchObject({ code: 1 });
    expect(result.output).toContain('tunewise,');
  }, 60_000);
});

describe('scripts/tag-action-release.mjs', () => {
  const tagRelease = async (published: string) => {
    const repository = scratchRepository();
    const manifestPath = path.join(repository.directory, 'packages/action/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, version: '2.3.4' }));
    repository.git('commit', '--quiet', '-am', 'version');
    const outcome = await run(process.execPath, ['scripts/tag-action-release.mjs'], {
      cwd: repository.directory,
      env: { ...process.env, PUBLISHED_PACKAGES: published },
    }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
    );
    const tags = repository.git('tag', '--list').split('\n').filter(Boolean).sort();
    return { ...outcome, tags };
  };

  it('tags vX.Y.Z and moves vX from the action’s version when the action was released', async () => {
    const result = await tagRelease(
      '[{"name":"@tunewise/core","version":"5.0.0"},{"name":"@tunewise/action","version":"2.3.4"}]',
    );
    expect(result).toMatchObject({ code: 0, tags: ['v2', 'v2.3.4'] });
  }, 60_000);

  it('leaves the tags alone when only npm packages were published', async () => {
    const result = await tagRelease(
      '[{"name":"@tunewise/core","version":"5.0.0"},{"name":"tunewise","version":"5.0.0"}]',
    );
    expect(result).toMatchObject({ code: 0, tags: [] });
    expect(result.output).toContain('not released');
  }, 60_000);

  it('refuses a released version that is not the one checked out', async () => {
    const result = await tagRelease('[{"name":"@tunewise/action","version":"3.0.0"}]');
    expect(result.code).toBe(1);
    expect(result.tags).toEqual([]);
  }, 60_000);
});
