import { z } from 'zod';

/** Every answer of the task API: `{code, msg, data?}`; success is HTTP 2xx *and* `code === 200` (the seed's client). */
export const EnvelopeSchema = z.looseObject({
  code: z.number().int(),
  msg: z.string().nullish(),
  data: z.unknown().optional(),
});

/** `POST /generate` → `data.taskId`. */
export const GenerateDataSchema = z.looseObject({ taskId: z.string().min(1) });

/**
 * `GET /record-info` → `data` (docs/backend-facts.md §12, the seed's "Task Status Response").
 * `successFlag` 0 generating, 1 success, 2 task creation failed, 3 generation failed. Times are
 * "YYYY-MM-DD HH:MM:SS" with no zone, so the client does not compute with them.
 */
export const RecordSchema = z.looseObject({
  taskId: z.string().min(1),
  paramJson: z.string().nullish(),
  completeTime: z.string().nullish(),
  response: z.looseObject({ imageUrl: z.string().nullish() }).nullish(),
  successFlag: z.number().int(),
  errorCode: z.union([z.number(), z.string()]).nullish(),
  errorMessage: z.string().nullish(),
  createTime: z.string().nullish(),
});
export type TaskRecord = z.output<typeof RecordSchema>;
