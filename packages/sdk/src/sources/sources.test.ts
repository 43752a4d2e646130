import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, makeTempDirectory, removeTempDirectory, writeFiles } from './__fixtures__/temp-git-repo.js';
import { FileReadError, findRepoRoot, GitRefError, gitRefSource, normalizeRepoPath, workspaceSource } from './index.js';

const created: string[] = [];
afterAll(() => {
  for (const directory of created) removeTempDirectory(directory);
});

function repo(files: Record<string, string | Uint8Array>): string {
  const root = makeGitRepo(files);
  created.push(root);
  return root;
}

describe('workspaceSource and gitRefSource on the same repository', () => {
  it('see the working tree and the commit respectively', async () => {
    const root = repo({ 'prompts/system.md': 'committed prompt\n', 'llm-usage.yml': 'version: 1\n' });
    writeFiles(root, { 'prompts/system.md': 'edited in the working tree\n', 'prompts/new.md': 'not committed\n' });

    const workspace = workspaceSource(root);
    const head = gitRefSource(root, 'HEAD');

    expect(await workspace.readText('prompts/system.md')).toBe('edited in the working tree\n');
    expect(await head.readText('prompts/system.md')).toBe('committed prompt\n');
    expect(await workspace.listFiles()).toEqual(['llm-usage.yml', 'prompts/new.md', 'prompts/system.md']);
    expect(await head.listFiles()).toEqual(['llm-usage.yml', 'prompts/system.md']);
    expect(await head.readText('prompts/new.md')).toBeUndefined();
  });

  it('read an older commit by any ref git understands', async () => {
    const root = repo({ 'a.md': 'one\n' });
    writeFiles(root, { 'a.md': 'two\n' });
    git(root, 'commit', '--quiet', '--all', '--message', 'second');
    git(root, 'tag', 'v-second');

    expect(await gitRefSource(root, 'HEAD~1').readText('a.md')).toBe('one\n');
    expect(await gitRefSource(root, 'v-second').readText('a.md')).toBe('two\n');
    const firstCommit = git(root, 'rev-list', '--max-parents=0', 'HEAD').trim();
    expect(await gitRefSource(root, firstCommit).readText('./a.md')).toBe('one\n');
  });
});

describe('gitRefSource', () => {
  it('rejects a missing ref with a GitRefError that names the ref', async () => {
    const root = repo({ 'a.md': 'x' });
    const source = gitRefSource(root, 'origin/does-not-exist');
    const error = await source.listFiles().catch((caught: unknown) => caught);
    expect(GitRefError.isInstance(error)).toBe(true);
    expect((error as GitRefError).ref).toBe('origin/does-not-exist');
    expect((error as Error).message).toContain('git ref "origin/does-not-exist"');
    await expect(source.readText('a.md')).rejects.toThrow('origin/does-not-exist');
  });

  it('never lets a ref act as a git option', async () => {
    const root = repo({ 'a.md': 'x' });
    await expect(gitRefSource(root, '--output=/tmp/tunewise-pwned').listFiles()).rejects.toThrow(
      'not a valid ref name',
    );
  });

  it('gives undefined for a path not in the commit, a directory, or one that leaves the repository', async () => {
    const root = repo({ 'prompts/a.md': 'x' });
    const source = gitRefSource(root, 'HEAD');
    expect(await source.readText('prompts/missing.md')).toBeUndefined();
    expect(await source.readText('prompts')).toBeUndefined();
    expect(await source.readText('../outside.md')).toBeUndefined();
  });

  it('returns the raw bytes as text, undecodable bytes as U+FFFD, and follows an in-repo symlink', async () => {
    const root = repo({
      'binary.bin': new Uint8Array([0xff, 0xfe, 0x00, 0x41]),
      'utf8.md': 'naïve café — 日本語\n',
    });
    symlinkSync('utf8.md', path.join(root, 'link.md'));
    git(root, 'add', 'link.md');
    git(root, 'commit', '--quiet', '--message', 'link');
    const source = gitRefSource(root, 'HEAD');
    expect(await source.readText('utf8.md')).toBe('naïve café — 日本語\n');
    expect(await source.readText('binary.bin')).toBe('\uFFFD\uFFFD\u0000A');
    expect(await source.readText('link.md')).toBe('naïve café — 日本語\n');
  });

  it('does not list submodule entries as files', async () => {
    const inner = repo({ 'inner.md': 'inner' });
    const root = repo({ 'outer.md': 'outer' });
    git(root, '-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', inner, 'vendor/inner');
    git(root, 'commit', '--quiet', '--message', 'submodule');
    expect(await gitRefSource(root, 'HEAD').listFiles()).toEqual(['.gitmodules', 'outer.md']);
  });
});

describe('workspaceSource', () => {
  it('lists what git tracks or would add: not ignored files, not deleted ones', async () => {
    const root = repo({ '.gitignore': 'build/\n*.log\n', 'kept.md': 'kept', 'deleted.md': 'gone soon' });
    writeFiles(root, { 'build/out.md': 'ignored', 'debug.log': 'ignored', 'untracked.md': 'new' });
    rmSync(path.join(root, 'deleted.md'));
    // A repository cloned inside the work tree, not registered as a submodule.
    git(repo({ 'nested.md': 'nested' }), 'clone', '--quiet', '.', path.join(root, 'nested-clone'));
    expect(await workspaceSource(root).listFiles()).toEqual(['.gitignore', 'kept.md', 'untracked.md']);
  });

  it('walks a directory that is not a git work tree, skipping node_modules and .git', async () => {
    const root = makeTempDirectory();
    created.push(root);
    writeFiles(root, {
      'b.md': 'b',
      'a/z.md': 'z',
      'a/b/c.md': 'c',
      'node_modules/pkg/index.md': 'skipped',
      '.git/config': 'skipped',
    });
    const source = workspaceSource(root);
    expect(await source.listFiles()).toEqual(['a/b/c.md', 'a/z.md', 'b.md']);
    expect(await source.readText('a/b/c.md')).toBe('c');
    expect(source.description).toBe(`working tree of ${path.resolve(root)}`);
  });

  it('never reads outside the root, through ../ or a symlink', async () => {
    const outside = makeTempDirectory();
    created.push(outside);
    writeFiles(outside, { 'secret.md': 'secret' });
    const root = repo({ 'inside.md': 'inside' });
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'escape.md'));
    symlinkSync('inside.md', path.join(root, 'alias.md'));
    const source = workspaceSource(root);
    const relativeToOutside = path.relative(root, path.join(outside, 'secret.md'));
    expect(await source.readText(relativeToOutside)).toBeUndefined();
    expect(await source.readText(path.join(outside, 'secret.md'))).toBeUndefined();
    expect(await source.readText('escape.md')).toBeUndefined();
    expect(await source.readText('alias.md')).toBe('inside');
  });

  it('gives undefined for a missing file or a directory', async () => {
    const root = repo({ 'dir/a.md': 'a' });
    const source = workspaceSource(root);
    expect(await source.readText('dir/missing.md')).toBeUndefined();
    expect(await source.readText('dir')).toBeUndefined();
  });
});

describe('findRepoRoot', () => {
  it('finds the top of the work tree from a subdirectory', async () => {
    const root = repo({ 'a/b/c.md': 'c' });
    expect(await findRepoRoot(path.join(root, 'a', 'b'))).toBe(realpathSync(root));
  });

  it('falls back to the directory itself outside git', async () => {
    const directory = makeTempDirectory();
    created.push(directory);
    mkdirSync(path.join(directory, 'sub'));
    expect(await findRepoRoot(path.join(directory, 'sub'))).toBe(path.join(directory, 'sub'));
  });
});

describe('normalizeRepoPath', () => {
  it('cleans relative paths and refuses ones that leave the root', () => {
    expect(normalizeRepoPath('./prompts//a.md')).toBe('prompts/a.md');
    expect(normalizeRepoPath('config/../prompts/a.md')).toBe('prompts/a.md');
    expect(normalizeRepoPath('prompts\\a.md')).toBe('prompts/a.md');
    expect(normalizeRepoPath('../a.md')).toBeUndefined();
    expect(normalizeRepoPath('a/../../a.md')).toBeUndefined();
    expect(normalizeRepoPath('/etc/passwd')).toBeUndefined();
    expect(normalizeRepoPath('C:/x.md')).toBeUndefined();
    expect(normalizeRepoPath('.')).toBeUndefined();
  });
});

/** The refusal a read rejected with, or what it resolved to. */
async function refusalOf(read: Promise<string | undefined>): Promise<string | undefined> {
  return read.then(
    (text) => text,
    (error: unknown) => (FileReadError.isInstance(error) ? `refused ${error.refusal}` : Promise.reject(error)),
  );
}

describe('hostile files in both sources', () => {
  it('refuse .git/ (directly or through a symlink), FIFOs, and files over maxBytes before reading them', async () => {
    const root = repo({ 'small.md': 'small', 'big.md': 'x'.repeat(2000) });
    symlinkSync('.git/config', path.join(root, 'git-config.md'));
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    symlinkSync('pipe', path.join(root, 'pipe.md'));
    const workspace = workspaceSource(root);
    expect(await refusalOf(workspace.readText('.git/config'))).toBe('refused inside-git-directory');
    expect(await refusalOf(workspace.readText('git-config.md'))).toBe('refused inside-git-directory');
    expect(await refusalOf(workspace.readText('pipe.md'))).toBe('refused not-a-regular-file');
    expect(await refusalOf(workspace.readText('big.md', { maxBytes: 1000 }))).toBe('refused too-large');
    expect(await workspace.readText('small.md', { maxBytes: 5 })).toBe('small');
    expect(await refusalOf(workspace.readText('small.md', { maxBytes: 4 }))).toBe('refused too-large');

    const head = gitRefSource(root, 'HEAD');
    expect(await refusalOf(head.readText('big.md', { maxBytes: 1000 }))).toBe('refused too-large');
    expect(await head.readText('small.md', { maxBytes: 5 })).toBe('small');
  });

  it('at a git ref, treat a symlink with an absolute target as outside the repository', async () => {
    const root = repo({ 'prompts/etc/passwd': 'inside the repository' });
    symlinkSync('/etc/passwd', path.join(root, 'prompts', 'passwd.md'));
    symlinkSync('../.git/config', path.join(root, 'prompts', 'config.md'));
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '--message', 'links');
    const head = gitRefSource(root, 'HEAD');
    expect(await head.readText('prompts/passwd.md')).toBeUndefined();
    expect(await refusalOf(head.readText('prompts/config.md'))).toBe('refused inside-git-directory');
    expect(await head.readText('prompts/etc/passwd')).toBe('inside the repository');
  });
});
