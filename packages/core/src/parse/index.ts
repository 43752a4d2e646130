export { type DidYouMeanOptions, didYouMean } from './did-you-mean.js';
export { USAGE_FILE_SCHEMA_ID, usageFileJsonSchema, usageFileJsonSchemaText } from './json-schema.js';
export {
  MAX_NESTING_DEPTH,
  MAX_YAML_ALIAS_COUNT,
  type ParsedUsageFile,
  type ParseUsageFileOptions,
  parseUsageFile,
  type SafeParseUsageFileResult,
  safeParseUsageFile,
} from './parse-usage-file.js';
export type { SourcePosition } from './source-map.js';
export { formatUsageFilePath, type UsageFilePath } from './usage-file-path.js';
