/** The version of @tunewise/core (from its package.json, set at build time). */
export const VERSION: string = __PACKAGE_VERSION__;

export * from './catalog/index.js';
export type * from './catalog/types.js';
export * from './cost/index.js';
export * from './decision/index.js';
export * from './diff/index.js';
export * from './errors/index.js';
export * from './model/index.js';
export * from './parse/index.js';
export * from './render/index.js';
export * from './report/index.js';
export * from './schema/index.js';
export * from './uncertainty/index.js';
