// Test helper (no figures): compares output with a file in render/__golden__; UPDATE_GOLDEN=1 rewrites the file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const update = process.env.UPDATE_GOLDEN === '1';

export function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../__golden__/${name}`, import.meta.url));
  if (update) {
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `missing golden file ${name}; run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
