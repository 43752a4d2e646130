// Replaces one `## <name>` section of BENCHMARKS.md (creating the file or the section when missing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '..', 'BENCHMARKS.md');
const HEADER = `# Benchmarks

Every figure here is written by \`npm run bench\` (which builds the packages, then runs
\`packages/core/bench/report.bench.mjs\`, \`packages/sdk/bench/usage-import.bench.mjs\`,
\`packages/sdk/bench/eval-import.bench.mjs\`, \`packages/sdk/bench/usage-warehouse.bench.mjs\` and
\`packages/action/bench/action.bench.mjs\`, each rewriting its own section). Speed is reported as a ratio to a floor
or baseline measured in the same process or command, so the figures compare across machines better than raw times.
`;

export function writeSection(name, body) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const heading = `## ${name}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  let next;
  if (start === -1) {
    next = `${text.trimEnd()}\n\n${section}`;
  } else {
    let end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
    if (end === -1) end = lines.length;
    next = [...lines.slice(0, start), ...section.trimEnd().split('\n'), '', ...lines.slice(end)].join('\n');
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
}

export function machine() {
  return `Node ${process.version}, ${process.platform}/${process.arch}`;
}
