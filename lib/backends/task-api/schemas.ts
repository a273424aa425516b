import { z } from 'zod/mini';

/** Every answer of the task API: `{code, msg, data?}`; success is HTTP 2xx *and* `code === 200` (the seed's client). */
export const EnvelopeSchema = z.looseObject({
  code: z.int(),
  msg: z.nullish(z.string()),
  data: z.optional(z.unknown()),
});

/** `POST /generate` → `data.taskId`. */
export const GenerateDataSchema = z.looseObject({ taskId: z.string().check(z.minLength(1)) });

/**
 * `GET /record-info` → `data` (docs/backend-facts.md §12, the seed's "Task Status Response").
 * `successFlag` 0 generating, 1 success, 2 task creation failed, 3 generation failed. Times are
 * "YYYY-MM-DD HH:MM:SS" with no zone, so the client does not compute with them.
 */
export const RecordSchema = z.looseObject({
  taskId: z.string().check(z.minLength(1)),
  paramJson: z.nullish(z.string()),
  completeTime: z.nullish(z.string()),
  response: z.nullish(z.looseObject({ imageUrl: z.nullish(z.string()) })),
  successFlag: z.int(),
  errorCode: z.nullish(z.union([z.number(), z.string()])),
  errorMessage: z.nullish(z.string()),
  createTime: z.nullish(z.string()),
});
export type TaskRecord = z.output<typeof RecordSchema>;
