import { type ParsedUsageFile, parseUsageFile, type UsageFile, UsageFileError } from '@tunewise/core';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { git, makeGitRepo, removeTempDirectory, writeFiles } from '../sources/__fixtures__/temp-git-repo.js';
import { type FileSource, gitRefSource, workspaceSource } from '../sources/index.js';
import { countTokens } from './count-tokens.js';
import { type ResolvePromptFilesOptions, resolvePromptFiles } from './resolve-prompt-files.js';

const created: string[] = [];
afterAll(() => {
  for (const directory of created) removeTempDirectory(directory);
});
function repo(files: Record<string, string | Uint8Array>): string {
  const root = makeGitRepo(files);
  created.push(root);
  return root;
}

const SYSTEM = 'You triage support tickets for Acme. Answer with one of: billing, bug, account, other.\n';
const EXAMPLE_A = 'Ticket: I was charged twice this month.\nCategory: billing\n';
const EXAMPLE_B = 'Ticket: The export button does nothing in Firefox.\nCategory: bug\n';

/** A usage file in config/ whose entries are relative to config/. Line numbers are in the comments. */
const NESTED_USAGE_FILE = [
  'version: 1', //                                    1
  'workloads:', //                                    2
  '  - id: triage', //                                3
  '    model: openai/gpt-4o', //                      4
  '    volume: { requestsPerMonth: 1000 }', //        5
  '    prompt:', //                                   6
  '      instructionFiles:', //                       7
  '        - ../prompts/system.md', //                8
  '      exampleFiles:', //                           9
  '        - ../prompts/examples/*.md', //            10
  '        - ../prompts/examples/a.md', //            11
  '      inputTokens: 100', //                        12
  '      outputTokens: 20', //                        13
  '  - id: summarise', //                             14
  '    model: anthropic/claude-sonnet-4-5', //        15
  '    volume: { requestsPerMonth: 10 }', //          16
  '    prompt:', //                                   17
  '      instructionFiles: [../prompts/**/*.md]', //  18
  '      exampleTokens: 7', //                        19
  '      inputTokens: 100', //                        20
  '      outputTokens: 20', //                        21
  '  - id: plain', //                                 22
  '    model: openai/gpt-4o-mini', //                 23
  '    volume: { requestsPerMonth: 10 }', //          24
  '    prompt: { instructionTokens: 5, inputTokens: 1, outputTokens: 1 }', // 25
  '',
].join('\n');

async function tokens(text: string, model: string): Promise<number> {
  return (await countTokens(text, model)).tokens;
}

describe('resolvePromptFiles', () => {
  it('expands paths and globs relative to the usage file and sums real token counts', async () => {
    const root = repo({
      'config/llm-usage.yml': NESTED_USAGE_FILE,
      'prompts/system.md': SYSTEM,
      'prompts/examples/a.md': EXAMPLE_A,
      'prompts/examples/b.md': EXAMPLE_B,
      'prompts/examples/notes.txt': 'not matched by *.md',
    });
    const { usageFile, locate } = parseUsageFile(NESTED_USAGE_FILE, { fileName: 'config/llm-usage.yml' });
    const before = structuredClone(usageFile);

    const resolved = await resolvePromptFiles(usageFile, {
      configPath: 'config/llm-usage.yml',
      source: workspaceSource(root),
      locate,
    });

    const [triage, summarise, plain] = resolved.usageFile.workloads;
    expect(triage?.prompt.instructionTokens).toBe(await tokens(SYSTEM, 'openai/gpt-4o'));
    // a.md is matched by both entries and counted once.
    expect(triage?.prompt.exampleTokens).toBe(
      (await tokens(EXAMPLE_A, 'openai/gpt-4o')) + (await tokens(EXAMPLE_B, 'openai/gpt-4o')),
    );
    // The glob covers every .md file under prompts/, counted with the workload's own model.
    const claude = 'anthropic/claude-sonnet-4-5';
    expect(summarise?.prompt.instructionTokens).toBe(
      (await tokens(SYSTEM, claude)) + (await tokens(EXAMPLE_A, claude)) + (await tokens(EXAMPLE_B, claude)),
    );
    expect(summarise?.prompt.exampleTokens).toBe(7);
    expect(plain).toBe(usageFile.workloads[2]);

    expect(resolved.files).toEqual([
      {
        workload: 'triage',
        field: 'instructionFiles',
        path: 'prompts/system.md',
        tokens: await tokens(SYSTEM, 'openai/gpt-4o'),
        method: 'exact',
        encoding: 'o200k_base',
      },
      {
        workload: 'triage',
        field: 'exampleFiles',
        path: 'prompts/examples/a.md',
        tokens: await tokens(EXAMPLE_A, 'openai/gpt-4o'),
        method: 'exact',
        encoding: 'o200k_base',
      },
      {
        workload: 'triage',
        field: 'exampleFiles',
        path: 'prompts/examples/b.md',
        tokens: await tokens(EXAMPLE_B, 'openai/gpt-4o'),
        method: 'exact',
        encoding: 'o200k_base',
      },
      {
        workload: 'summarise',
        field: 'instructionFiles',
        path: 'prompts/examples/a.md',
        tokens: await tokens(EXAMPLE_A, claude),
        method: 'estimate',
        encoding: 'o200k_base',
      },
      {
        workload: 'summarise',
        field: 'instructionFiles',
        path: 'prompts/examples/b.md',
        tokens: await tokens(EXAMPLE_B, claude),
        method: 'estimate',
        encoding: 'o200k_base',
      },
      {
        workload: 'summarise',
        field: 'instructionFiles',
        path: 'prompts/system.md',
        tokens: await tokens(SYSTEM, claude),
        method: 'estimate',
        encoding: 'o200k_base',
      },
    ]);
    // A new object; the input is untouched.
    expect(resolved.usageFile).not.toBe(usageFile);
    expect(usageFile).toEqual(before);
  });

  it('moves the cost when a pull request edits a prompt: working tree against HEAD', async () => {
    const root = repo({
      'config/llm-usage.yml': NESTED_USAGE_FILE,
      'prompts/system.md': SYSTEM,
      'prompts/examples/a.md': EXAMPLE_A,
      'prompts/examples/b.md': EXAMPLE_B,
    });
    const longer = `${SYSTEM}Always quote the customer's words when you explain your choice, and never guess an order number.\n`;
    writeFiles(root, {
      'prompts/system.md': longer,
      'prompts/examples/c.md': 'Ticket: Password reset mail never arrives.\nCategory: account\n',
    });
    const { usageFile, locate } = parseUsageFile(NESTED_USAGE_FILE, { fileName: 'config/llm-usage.yml' });
    const options = { configPath: 'config/llm-usage.yml', locate };

    const head = await resolvePromptFiles(usageFile, { ...options, source: workspaceSource(root) });
    const base = await resolvePromptFiles(usageFile, { ...options, source: gitRefSource(root, 'HEAD') });

    expect(base.usageFile.workloads[0]?.prompt.instructionTokens).toBe(await tokens(SYSTEM, 'openai/gpt-4o'));
    expect(head.usageFile.workloads[0]?.prompt.instructionTokens).toBe(await tokens(longer, 'openai/gpt-4o'));
    expect(head.usageFile.workloads[0]?.prompt.instructionTokens).toBeGreaterThan(
      base.usageFile.workloads[0]?.prompt.instructionTokens ?? Number.POSITIVE_INFINITY,
    );
    // The untracked example joins the glob in the working tree only.
    expect(
      base.files.filter((file) => file.workload === 'triage' && file.field === 'exampleFiles').map((file) => file.path),
    ).toEqual(['prompts/examples/a.md', 'prompts/examples/b.md']);
    expect(
      head.files.filter((file) => file.workload === 'triage' && file.field === 'exampleFiles').map((file) => file.path),
    ).toEqual(['prompts/examples/a.md', 'prompts/examples/b.md', 'prompts/examples/c.md']);

    // After the change is committed, HEAD~1 still reads the old prompt.
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '--message', 'longer prompt');
    const previous = await resolvePromptFiles(usageFile, { ...options, source: gitRefSource(root, 'HEAD~1') });
    expect(previous.usageFile).toEqual(base.usageFile);
  });
});

describe('resolvePromptFiles types', () => {
  it('takes what core parses and gives back the same usage-file type', () => {
    expectTypeOf(resolvePromptFiles).parameter(0).toEqualTypeOf<UsageFile>();
    expectTypeOf<ParsedUsageFile['locate']>().toExtend<NonNullable<ResolvePromptFilesOptions['locate']>>();
    expectTypeOf<Awaited<ReturnType<typeof resolvePromptFiles>>['usageFile']>().toEqualTypeOf<UsageFile>();
  });
});

describe('resolvePromptFiles matching', () => {
  const listed = ['top.md', 'prompts/a.md', 'prompts/deep/b.md', 'prompts/notes (draft) [v2].md', 'prompts/.hidden.md'];
  const source: FileSource = {
    description: 'a fixed list',
    async readText(file) {
      return listed.includes(file) ? `text of ${file}\n` : undefined;
    },
    async listFiles() {
      return listed;
    },
  };
  const matched = async (entries: string[], configPath = 'llm-usage.yml'): Promise<string[]> => {
    const usageFile = parseUsageFile(NESTED_USAGE_FILE, { fileName: 'config/llm-usage.yml' }).usageFile;
    const only = usageFile.workloads[0];
    if (only === undefined) throw new Error('fixture has a first workload');
    const narrowed = {
      ...usageFile,
      workloads: [{ ...only, prompt: { ...only.prompt, exampleFiles: undefined, instructionFiles: entries } }],
    };
    const { files } = await resolvePromptFiles(narrowed, { configPath, source });
    return files.map((file) => file.path);
  };

  it('matches a glob against whole repo-relative paths, like a shell with globstar', async () => {
    expect(await matched(['*.md'])).toEqual(['top.md']);
    expect(await matched(['prompts/*.md'])).toEqual(['prompts/a.md', 'prompts/notes (draft) [v2].md']);
    expect(await matched(['prompts/**/*.md'])).toEqual([
      'prompts/a.md',
      'prompts/deep/b.md',
      'prompts/notes (draft) [v2].md',
    ]);
    expect(await matched(['*.md'], 'prompts/deep/llm-usage.yml')).toEqual(['prompts/deep/b.md']);
    expect(await matched(['../{a,deep/b}.md'], 'prompts/deep/llm-usage.yml')).toEqual([
      'prompts/a.md',
      'prompts/deep/b.md',
    ]);
  });

  it('takes a path that exists literally as itself, even with glob characters in its name', async () => {
    expect(await matched(['prompts/notes (draft) [v2].md'])).toEqual(['prompts/notes (draft) [v2].md']);
    expect(await matched(['prompts/.hidden.md'])).toEqual(['prompts/.hidden.md']);
  });
});

/** Each bad entry on a known line; the value starts in column 11 (after "        - "). */
const BAD_USAGE_FILE = [
  'version: 1', //                              1
  'workloads:', //                              2
  '  - id: bad', //                             3
  '    model: openai/gpt-4o', //                4
  '    volume: { requestsPerMonth: 1 }', //     5
  '    prompt:', //                             6
  '      instructionFiles:', //                 7
  '        - ../outside.md', //                 8  leaves the repository
  '        - /etc/passwd', //                   9  absolute
  '        - prompts/none-*.md', //             10 matches nothing
  '        - prompts/binary.bin', //            11 not UTF-8 text
  '        - prompts/ok.md', //                 12 fine
  '      exampleFiles:', //                     13
  '        - prompts/huge.md', //               14 larger than 1 MiB
  '        - prompts/../../x/*.md', //          15 a glob that leaves the repository
  '        - prompts\\ok.md', //                16 fine: backslashes are separators
  '      inputTokens: 1', //                    17
  '      outputTokens: 1', //                   18
  '',
].join('\n');

describe('resolvePromptFiles errors', () => {
  const files = {
    'llm-usage.yml': BAD_USAGE_FILE,
    'prompts/ok.md': 'fine\n',
    'prompts/binary.bin': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]),
    'prompts/huge.md': 'x'.repeat(1024 * 1024 + 1),
  };

  it('collects every problem, each at the line and column of its entry, then throws once', async () => {
    const root = repo(files);
    const { usageFile, locate } = parseUsageFile(BAD_USAGE_FILE, { fileName: 'llm-usage.yml' });
    const error = await resolvePromptFiles(usageFile, {
      configPath: 'llm-usage.yml',
      source: workspaceSource(root),
      locate,
      fileName: 'llm-usage.yml',
    }).catch((caught: unknown) => caught);

    expect(UsageFileError.isInstance(error)).toBe(true);
    const issues = (error as UsageFileError).issues;
    expect(issues.map(({ line, column, path }) => ({ line, column, path }))).toEqual([
      { line: 8, column: 11, path: 'workloads[0].prompt.instructionFiles[0]' },
      { line: 9, column: 11, path: 'workloads[0].prompt.instructionFiles[1]' },
      { line: 10, column: 11, path: 'workloads[0].prompt.instructionFiles[2]' },
      { line: 11, column: 11, path: 'workloads[0].prompt.instructionFiles[3]' },
      { line: 14, column: 11, path: 'workloads[0].prompt.exampleFiles[0]' },
      { line: 15, column: 11, path: 'workloads[0].prompt.exampleFiles[1]' },
    ]);
    expect(issues.map((issue) => issue.message)).toEqual([
      '"../outside.md" leaves the repository root',
      '"/etc/passwd" leaves the repository root',
      `"prompts/none-*.md" matches no file in working tree of ${root}`,
      '"prompts/binary.bin" is not UTF-8 text',
      '"prompts/huge.md" is larger than 1 MiB',
      '"prompts/../../x/*.md" leaves the repository root',
    ]);
    expect(issues[4]).toMatchObject({ file: 'llm-usage.yml', found: '1048577 bytes' });
    expect((error as Error).message).toContain('llm-usage.yml:8:11: workloads[0].prompt.instructionFiles[0]:');
  });

  it('reports the same problems against a git ref, named by the ref', async () => {
    const root = repo(files);
    const { usageFile, locate } = parseUsageFile(BAD_USAGE_FILE, { fileName: 'llm-usage.yml' });
    const error = (await resolvePromptFiles(usageFile, {
      configPath: 'llm-usage.yml',
      source: gitRefSource(root, 'HEAD'),
      locate,
      fileName: 'HEAD:llm-usage.yml',
    }).catch((caught: unknown) => caught)) as UsageFileError;
    expect(error.issues).toHaveLength(6);
    expect(error.issues[2]?.message).toBe('"prompts/none-*.md" matches no file in git ref HEAD');
    expect(error.issues.every((issue) => issue.file === 'HEAD:llm-usage.yml')).toBe(true);
  });

  it('reads nothing outside the repository and works without locate', async () => {
    const requested: string[] = [];
    const source: FileSource = {
      description: 'a recording source',
      async readText(file) {
        requested.push(file);
        return file === 'prompts/ok.md' ? 'fine\n' : undefined;
      },
      async listFiles() {
        return ['prompts/ok.md', 'prompts/gone.md'];
      },
    };
    const usageFile = parseUsageFile(BAD_USAGE_FILE, { fileName: 'llm-usage.yml' }).usageFile;
    const narrowed = {
      ...usageFile,
      workloads: usageFile.workloads.map((workload) => ({
        ...workload,
        prompt: {
          ...workload.prompt,
          instructionFiles: ['../secret.md', 'prompts/gone.md'],
          exampleFiles: ['prompts/ok.md'],
        },
      })),
    };
    const error = (await resolvePromptFiles(narrowed, { configPath: 'llm-usage.yml', source }).catch(
      (caught: unknown) => caught,
    )) as UsageFileError;
    expect(requested.sort()).toEqual(['prompts/gone.md', 'prompts/ok.md']);
    expect(error.issues.map(({ file, line, column, message }) => ({ file, line, column, message }))).toEqual([
      { file: 'llm-usage.yml', line: 0, column: 0, message: '"../secret.md" leaves the repository root' },
      {
        file: 'llm-usage.yml',
        line: 0,
        column: 0,
        message: '"prompts/gone.md" cannot be read from a recording source',
      },
    ]);
  });
});

describe('resolvePromptFiles caps what one usage file may read', () => {
  /** A repository of `count` one-line files in `dir/`, counting reads (each would be one API request at a ref). */
  function manyFiles(count: number): FileSource & { reads: string[] } {
    const paths = Array.from({ length: count }, (_, index) => `dir${index % 4}/file-${index}.md`);
    const reads: string[] = [];
    return {
      description: 'a test tree',
      reads,
      async readText(file) {
        reads.push(file);
        return paths.includes(file) ? `Prompt ${file}\n` : undefined;
      },
      async listFiles() {
        return paths;
      },
    };
  }

  function usageFileWith(entries: string[]): ParsedUsageFile {
    const text = [
      'version: 1',
      'workloads:',
      '  - id: bot',
      '    model: openai/gpt-4o-mini',
      '    volume: { requestsPerMonth: 10 }',
      '    prompt:',
      '      instructionFiles:',
      ...entries.map((entry) => `        - "${entry}"`),
      '      inputTokens: 1',
      '      outputTokens: 1',
      '',
    ].join('\n');
    return parseUsageFile(text, { fileName: 'llm-usage.yml' });
  }

  it('refuses a glob matching 3,000 files at its line, reading none of them', async () => {
    const source = manyFiles(3000);
    const { usageFile, locate } = usageFileWith(['**/*']);
    const error = await resolvePromptFiles(usageFile, { configPath: 'llm-usage.yml', source, locate }).catch(
      (caught: unknown) => caught,
    );
    expect(UsageFileError.isInstance(error)).toBe(true);
    expect((error as UsageFileError).issues).toEqual([
      expect.objectContaining({
        line: 8,
        path: 'workloads[0].prompt.instructionFiles[0]',
        message: '"**/*" matches 3000 files in a test tree',
        found: '3000 files',
      }),
    ]);
    expect(source.reads).toEqual([]);
  });

  it('reads at most 300 distinct files in all, however many narrow globs there are', async () => {
    const source = manyFiles(400);
    const { usageFile, locate } = usageFileWith(['dir0/*', 'dir1/*', 'dir2/*', 'dir3/*']);
    const error = await resolvePromptFiles(usageFile, { configPath: 'llm-usage.yml', source, locate }).catch(
      (caught: unknown) => caught,
    );
    expect(UsageFileError.isInstance(error)).toBe(true);
    expect((error as UsageFileError).issues[0]?.message).toContain('names more than 300 prompt files');
    expect((error as UsageFileError).issues[0]?.line).toBeGreaterThanOrEqual(8);
    expect(source.reads).toHaveLength(300);
  });
});
