export * from './defaults.js';
export * from './usage-file.js';
