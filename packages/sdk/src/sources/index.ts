export type { FileSource } from './file-source.js';
export { findRepoRoot } from './find-repo-root.js';
export { GitRefError } from './git-ref-error.js';
export { gitRefSource } from './git-ref-source.js';
export { workspaceSource } from './workspace-source.js';
