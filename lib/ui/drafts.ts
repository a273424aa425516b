import { useEffect, useRef, useState } from 'preact/hooks';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { z } from 'zod/mini';

/** Drafts larger than this are kept for tab switches (memory) but not written to storage.local. */
const MAX_STORED_CHARS = 1_000_000;
/** Typing is saved this long after the last keystroke (and at once when the view closes). */
const SAVE_DELAY_MS = 300;

const ReportSchema = z.object({
  phase: z.enum(['preview', 'done']),
  source: z.string().check(z.maxLength(300)),
  jobs: z.int().check(z.nonnegative()),
  rejected: z
    .array(z.object({ line: z.int(), reason: z.string(), raw: z.string(), code: z.optional(z.string()) }))
    .check(z.maxLength(2_000)),
  warnings: z.array(z.object({ line: z.int(), message: z.string() })).check(z.maxLength(2_000)),
  models: z.optional(z.array(z.string()).check(z.maxLength(20_000))),
});

/** The batch view's unsent work: pasted text, a picked file waiting for confirmation, the last report. */
export const BatchDraftSchema = z.object({
  text: z.string(),
  pending: z.nullable(z.object({ fileName: z.string().check(z.maxLength(300)), text: z.string() })),
  report: z.nullable(ReportSchema),
});
export type BatchDraft = z.infer<typeof BatchDraftSchema>;

/** The storyboard's shots and instructions. */
export const StoryboardDraftSchema = z.object({
  shots: z.array(z.object({ durationS: z.number(), text: z.string() })).check(z.maxLength(100)),
  instructions: z.string(),
});
export type StoryboardDraft = z.infer<typeof StoryboardDraftSchema>;

/** A composer's prompt text (images are not kept: data URLs are large and re-picked easily). */
export const TextDraftSchema = z.object({ text: z.string() });
export type TextDraft = z.infer<typeof TextDraftSchema>;

/** One view's draft: where it is stored, how it is checked on read, and its empty value. */
export interface Draft<T> {
  item: WxtStorageItem<T | null, Record<string, unknown>>;
  schema: z.ZodMiniType<T>;
  empty: T;
}

function defineDraft<T>(key: `local:${string}`, schema: z.ZodMiniType<T>, empty: T): Draft<T> {
  return { item: storage.defineItem<T | null>(key, { fallback: null }), schema, empty };
}

/** storage.local (no secrets: prompts and file text the user typed or picked), one item per view. */
export const DRAFTS = {
  batch: defineDraft<BatchDraft>('local:draft.batch', BatchDraftSchema, {
    text: '',
    pending: null,
    report: null,
  }),
  storyboard: defineDraft<StoryboardDraft>('local:draft.storyboard', StoryboardDraftSchema, {
    shots: [{ durationS: 5, text: '' }],
    instructions: '',
  }),
  composer: defineDraft<TextDraft>('local:draft.composer', TextDraftSchema, { text: '' }),
  popup: defineDraft<TextDraft>('local:draft.popup', TextDraftSchema, { text: '' }),
};

/** This page's drafts in memory, so a view that is switched away and back renders its draft at once. */
const memory = new Map<Draft<unknown>, unknown>();

/** Reads a stored draft; anything that fails its schema is dropped (a draft is not worth an error). */
export async function loadDraft<T>(draft: Draft<T>): Promise<T> {
  const parsed = draft.schema.safeParse(await draft.item.getValue().catch(() => null));
  return parsed.success ? parsed.data : draft.empty;
}

/** Stores a draft (or clears it when it is empty); too large drafts stay in memory only. */
export async function saveDraft<T>(draft: Draft<T>, value: T): Promise<void> {
  const json = JSON.stringify(value);
  if (json === JSON.stringify(draft.empty)) return draft.item.removeValue();
  if (json.length > MAX_STORED_CHARS) return draft.item.removeValue();
  return draft.item.setValue(value);
}

/** Forgets this page's in-memory drafts (tests). */
export function resetDraftMemory(): void {
  memory.clear();
}

/**
 * A view's draft as state: restored from memory (tab switch) or storage (panel reopened), saved a
 * moment after each change and at once when the view unmounts or the page is hidden.
 */
export function useDraft<T>(draft: Draft<T>): [T, (next: T | ((previous: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => (memory.has(draft) ? (memory.get(draft) as T) : draft.empty));
  const touched = useRef(memory.has(draft));
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(value);

  useEffect(() => {
    if (touched.current) return;
    void loadDraft(draft).then((stored) => {
      if (touched.current) return;
      memory.set(draft, stored);
      latest.current = stored;
      setValue(stored);
    });
  }, [draft]);

  useEffect(() => {
    const flush = (): void => {
      if (pending.current === null) return;
      clearTimeout(pending.current);
      pending.current = null;
      void saveDraft(draft, latest.current);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [draft]);

  function update(next: T | ((previous: T) => T)): void {
    const resolved = typeof next === 'function' ? (next as (p: T) => T)(latest.current) : next;
    if (resolved === latest.current) return; // no change: a restore still in flight must not be overridden
    touched.current = true;
    latest.current = resolved;
    memory.set(draft, resolved);
    setValue(resolved);
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      pending.current = null;
      void saveDraft(draft, latest.current);
    }, SAVE_DELAY_MS);
  }
  return [value, update];
}
