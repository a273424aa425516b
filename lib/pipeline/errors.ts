import { isBackendError } from '../backend/errors';
import { errorCode, errorMessage } from '../errors';
import type { JobError } from '../queue/job';

/** Errors that stop all work until the user signs in again. */
export function isAuthError(error: unknown): boolean {
  return isBackendError(error) && error.code === 'auth';
}

/** Any thrown value → the job's stored error, in plain words (the backend's finer code when it has one). */
export function toJobError(error: unknown): JobError {
  if (isBackendError(error)) return { code: error.kind ?? error.code, message: error.message };
  return { code: errorCode(error, 'internal'), message: errorMessage(error) };
}
