import { errorMessage } from '../errors';
import type { JobError } from '../queue/job';
import { isSoraError } from '../sora/errors';

/** Errors that stop all work until the user signs in again. */
export function isAuthError(error: unknown): boolean {
  return isSoraError(error) && (error.code === 'auth' || error.code === 'signed_out');
}

/** Any thrown value → the job's stored error, in plain words. */
export function toJobError(error: unknown): JobError {
  if (isSoraError(error)) return { code: error.code, message: error.message };
  return { code: 'internal', message: errorMessage(error) };
}
