import { expect } from 'vitest';
import { type JobRequest, JobRequestSchema, type ParseResult, type PromptErrorCode } from '../../lib/prompt';

export const SIGNED_OUT = { live: null } as const;
export const LIVE = {
  live: ['high_def', 'kpop', 'cartoon2', 'news', 'selfie3', 'handheld', 'animated', 'anime'],
} as const;

/** A base64 data URL whose decoded size is about `bytes` (content is filler). */
export function dataUrl(mime: string, bytes = 12): string {
  return `data:${mime};base64,${'A'.repeat(Math.ceil(bytes / 3) * 4)}`;
}

export function ok(result: ParseResult): { request: JobRequest; warnings: string[] } {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  expect(JobRequestSchema.parse(result.request)).toEqual(result.request);
  return { request: result.request, warnings: result.warnings };
}

export function fails(result: ParseResult, code: PromptErrorCode): string {
  if (result.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(result.request).slice(0, 300)}`);
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(10);
  return result.error.message;
}
