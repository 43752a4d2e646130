// The repository, pull request and token the end-to-end tests run against.
export const owner = 'octo-org';
export const repo = 'llm-app';
export const token = 'ghs_e2eTestToken0123456789abcdefABCDEF';
export const number = 42;
export const baseSha = 'b'.repeat(40);
export const headSha = 'c'.repeat(40);
