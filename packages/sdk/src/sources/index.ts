export { FileReadError, type FileReadRefusal } from './file-read-error.js';
export {
  decodeFileText,
  type FileSource,
  isInsideGitDirectory,
  normalizeRepoPath,
  type ReadTextOptions,
  sortPaths,
} from './file-source.js';
export { findRepoRoot } from './find-repo-root.js';
export { GitRefError } from './git-ref-error.js';
export { gitRefSource } from './git-ref-source.js';
export { workspaceSource } from './workspace-source.js';
