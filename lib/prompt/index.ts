/** The prompt language: everything a user types or imports becomes a typed job request here. Pure, no I/O. */
export { ChatContentSchema, type ContentOptions, parseChatContent } from './content';
export {
  isPromptError,
  PROMPT_ERROR_CODES,
  PromptError,
  type PromptErrorCode,
  type PromptErrorData,
  PromptErrorSchema,
} from './errors';
export { cleanText, escapeText } from './escape';
export { IMPORT_EXTENSIONS, parseImport } from './import';
export { CSV_COLUMNS, parseCsv } from './import-csv';
export { parseJsonl } from './import-jsonl';
export {
  type ImportOptions,
  type ImportResult,
  type ImportWarning,
  MAX_COUNT,
  type RejectedRow,
} from './import-rows';
export { parseBatchText } from './import-text';
export {
  ALLOWED_MIME,
  base64DecodedBytes,
  checkMedia,
  MAX_BYTES,
  type MediaKind,
  parseMediaUrl,
} from './media';
export {
  type BackendModel,
  type EnhanceModelName,
  type EnhanceModelSpec,
  FPS,
  type ImageModelName,
  type ImageModelSpec,
  isModelName,
  MODEL_NAMES,
  MODEL_SPECS,
  type ModelName,
  type ModelSpec,
  type Orientation,
  parseModelName,
  type VideoModelName,
  type VideoModelSpec,
} from './models';
export { MAX_IMAGES, type ParseOptions, type ParseResult, parsePrompt } from './parse';
export { extractRemix, isRemixId } from './remix';
export {
  type CharacterRequest,
  type EnhanceRequest,
  type ImageRequest,
  type JobRequest,
  JobRequestSchema,
  type MediaRef,
  MediaRefSchema,
  type VideoRequest,
} from './request';
export {
  formatStoryboard,
  MAX_STORYBOARD_S,
  parseStoryboard,
  type Storyboard,
  type StoryboardShot,
  storyboardSeconds,
  storyboardSource,
} from './storyboard';
export { FALLBACK_STYLES, type StyleLists, verifyStyle } from './styles';
export {
  countTemplate,
  DEFAULT_TEMPLATE_CAP,
  expandTemplate,
  formatTemplate,
  isTemplate,
  parseTemplate,
  type TemplateSegment,
} from './template';
