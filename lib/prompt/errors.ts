import { z } from 'zod/mini';

/** Every error code the prompt language can produce; stable, so the UI can translate by code. */
export const PROMPT_ERROR_CODES = [
  'unknown_model',
  'unknown_style',
  'multiple_styles',
  'empty_prompt',
  'storyboard_too_long',
  'bad_duration',
  'bad_storyboard',
  'bad_remix_id',
  'multiple_remix_targets',
  'conflicting_modes',
  'unsupported_for_model',
  'image_too_large',
  'video_too_large',
  'unsupported_media',
  'bad_media_url',
  'too_many_media',
  'bad_content',
  'bad_template',
  'template_over_cap',
  'bad_count',
  'bad_row',
  'bad_header',
  'unsupported_file',
] as const;

/** A stable machine-readable error code. */
export type PromptErrorCode = (typeof PROMPT_ERROR_CODES)[number];

/** The serialisable shape of a {@link PromptError}, for crossing the RPC boundary (switch on `code`). */
export const PromptErrorSchema = z.object({
  code: z.enum(PROMPT_ERROR_CODES),
  message: z.string(),
  details: z.optional(z.record(z.string(), z.unknown())),
});

/** Plain-data form of a prompt error. */
export type PromptErrorData = z.infer<typeof PromptErrorSchema>;

/** The one error type of `lib/prompt`: a stable code plus an English message that says how to fix it. */
export class PromptError extends Error {
  override readonly name = 'PromptError';
  readonly code: PromptErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: PromptErrorCode,
    message: string,
    options?: { details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
  }

  /** Plain data for messages and storage (Error instances do not survive structured clone well). */
  toJSON(): PromptErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: { ...this.details } };
  }
}

/** True when `value` is a {@link PromptError}. */
export function isPromptError(value: unknown): value is PromptError {
  return value instanceof PromptError;
}

/** Shorthand used by the parsers: build a {@link PromptError}. */
export function promptError(
  code: PromptErrorCode,
  message: string,
  details?: Record<string, unknown>,
): PromptError {
  return details === undefined ? new PromptError(code, message) : new PromptError(code, message, { details });
}
