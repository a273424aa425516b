import { useState } from 'preact/hooks';
import { errorMessage } from '../errors';
import { call } from '../rpc/client';
import type { RpcParams } from '../rpc/contract';
import { t } from './i18n';
import { errorText } from './messages';

type Item = RpcParams<'enqueue'>['items'][number];

/** A form's submission state: the error or notice it shows, whether it is busy, and `queue`. */
export interface Submission {
  error: string | null;
  notice: string | null;
  busy: boolean;
  setError: (error: string | null) => void;
  /** Queues one composed item; true when it was queued (the form then clears its inputs). */
  queue: (item: Item) => Promise<boolean>;
}

/** One way for every composer to queue an item and show what came of it, in plain words. */
export function useSubmission(): Submission {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function queue(item: Item): Promise<boolean> {
    setNotice(null);
    setBusy(true);
    try {
      const result = await call('enqueue', { items: [item], source: 'composer' });
      const rejected = result.rejected[0];
      if (rejected) {
        setError(errorText(rejected));
        return false;
      }
      setError(null);
      setNotice([t('queued', String(result.ids.length)), ...result.warnings].join(' '));
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { error, notice, busy, setError, queue };
}
