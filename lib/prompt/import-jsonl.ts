import { z } from 'zod/mini';
import {
  addRow,
  emptyResult,
  type ImportOptions,
  type ImportResult,
  type RowInput,
  rejectRow,
} from './import-rows';

// Our own row schema.
const OwnRowSchema = z.object({
  prompt: z.string(),
  model: z.optional(z.string()),
  style: z.optional(z.string()),
  image_url: z.optional(z.string()),
  count: z.optional(z.number()),
  /** A connection's id or name: the row runs there instead of the Sora session. */
  backend: z.optional(z.string()),
});
// An OpenAI chat-completions request as in the seed README's examples (docs/backend-facts.md §14); `n` is read as a count.
const ChatRowSchema = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.unknown() })).check(z.minLength(1)),
  stream: z.optional(z.boolean()),
  n: z.optional(z.number()),
});
const OWN_KEYS = new Set(Object.keys(OwnRowSchema.shape));
const CHAT_KEYS = new Set([...Object.keys(ChatRowSchema.shape), 'temperature', 'max_tokens', 'user']);

function describe(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'row';
  return `Field "${field}": ${issue?.message ?? 'invalid'}.`;
}

function unknownKeys(obj: object, known: Set<string>): string[] {
  return Object.keys(obj).filter((k) => !known.has(k));
}

type Decoded = { row: RowInput; notes: string[] } | { error: string };

function decodeChat(value: object, line: number, raw: string): Decoded {
  const chat = ChatRowSchema.safeParse(value);
  if (!chat.success) return { error: `Chat request: ${describe(chat.error)}` };
  const users = chat.data.messages.filter((m) => m.role === 'user');
  const last = users[users.length - 1];
  if (last === undefined) return { error: 'The chat request has no message with role "user".' };
  const notes =
    chat.data.messages.length > 1 ? ['Only the last user message is used; other messages are ignored.'] : [];
  return { row: { line, raw, content: last.content, model: chat.data.model, count: chat.data.n }, notes };
}

function decode(value: unknown, line: number, raw: string): Decoded {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      error: 'Each line must be a JSON object: {"prompt": "…"} or a chat request {"model", "messages"}.',
    };
  }
  if ('messages' in value) {
    const decoded = decodeChat(value, line, raw);
    const extra = unknownKeys(value, CHAT_KEYS);
    return 'row' in decoded && extra.length > 0
      ? { ...decoded, notes: [...decoded.notes, `Ignored fields: ${extra.join(', ')}.`] }
      : decoded;
  }
  const own = OwnRowSchema.safeParse(value);
  if (!own.success) return { error: describe(own.error) };
  const extra = unknownKeys(value, OWN_KEYS);
  const { prompt, model, style, image_url: imageUrl, count, backend } = own.data;
  return {
    row: { line, raw, prompt, model, style, imageUrl, count, backend },
    notes: extra.length > 0 ? [`Ignored fields: ${extra.join(', ')}.`] : [],
  };
}

/** A `.jsonl` file: one JSON object per line (our row schema or an OpenAI chat request); blank lines ignored. */
export function parseJsonl(text: string, opts: ImportOptions): ImportResult {
  const result = emptyResult();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      rejectRow(
        result,
        i + 1,
        raw,
        `Not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`,
      );
      return;
    }
    const decoded = decode(value, i + 1, raw);
    if ('error' in decoded) {
      rejectRow(result, i + 1, raw, decoded.error);
      return;
    }
    const before = result.rejected.length;
    addRow(result, decoded.row, opts);
    if (result.rejected.length === before)
      for (const message of decoded.notes) result.warnings.push({ line: i + 1, message });
  });
  return result;
}
