// Find, load and validate a usage file; handle a bad one.
import path from 'node:path';
import { findConfig, loadConfig, UsageFileError } from '@tunewise/sdk';

// Walks up from prompts/ to the nearest llm-usage.yml (or .yaml, .json).
const found = await findConfig('prompts');
console.log(`found ${path.relative(process.cwd(), found)}`);

const loaded = await loadConfig(found);
for (const file of loaded.promptFiles) {
  console.log(
    `${file.workload}.${file.field}: ${path.basename(file.path)} = ${file.tokens} tokens (${file.method}, ${file.encoding})`,
  );
}

try {
  await loadConfig('broken/llm-usage.yml');
} catch (error) {
  // isInstance holds even when two copies of @tunewise/core are installed, where instanceof fails.
  if (!UsageFileError.isInstance(error)) throw error;
  for (const issue of error.issues) {
    const hint = issue.suggestion === undefined ? '' : `, did you mean ${issue.suggestion}?`;
    console.log(`${issue.file}:${issue.line}:${issue.column} ${issue.path}: ${issue.message}${hint}`);
  }
}
