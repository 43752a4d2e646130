export * from '@tunewise/core';
export { compare, type EvaluateOptions, evaluate, today } from './api.js';
export {
  CONFIG_FILE_NAMES,
  findConfig,
  type LoadedUsageFile,
  type LoadOptions,
  loadConfig,
  loadUsageFileText,
  toRepoPath,
} from './load.js';
export * from './prompt-files/index.js';
export * from './quality/index.js';
export * from './sources/index.js';
export * from './usage/index.js';
