import { type BackendError, isBackendError } from '../backend/errors';

/** What a create ended as: a job id, or unknown because the answer was lost (never resent blindly). */
export type ClientCreateOutcome<T> =
  | { kind: 'created'; value: T }
  | { kind: 'uncertain'; reason: string; error: BackendError };

/** Runs a create; a lost answer becomes `uncertain` (docs/backend-facts.md §13.2: read timeout / cut ⇒ ambiguous). */
export async function guardCreate<T>(run: () => Promise<T>): Promise<ClientCreateOutcome<T>> {
  try {
    return { kind: 'created', value: await run() };
  } catch (error) {
    if (isBackendError(error) && error.responseLost)
      return { kind: 'uncertain', reason: error.message, error };
    throw error;
  }
}
