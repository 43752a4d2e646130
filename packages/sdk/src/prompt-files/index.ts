export {
  countTokens,
  type TokenCount,
  type TokenEncoding,
  type TokenizerChoice,
  tokenizerFor,
} from './count-tokens.js';
export {
  MAX_PROMPT_BYTES_PER_WORKLOAD,
  MAX_PROMPT_FILE_BYTES,
  MAX_PROMPT_FILES,
  MAX_PROMPT_FILES_PER_ENTRY,
  PROMPT_FILE_FIELDS,
  type PromptFileCount,
  type PromptFileField,
  type ResolvedPromptFiles,
  type ResolvePromptFilesOptions,
  resolvePromptFiles,
} from './resolve-prompt-files.js';
