import { useEffect, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/client';
import type { QuotaNow } from './import-report';

/** Today's quota, for the plan under the batch preview (null while unknown, e.g. signed out). */
export function useTodayQuota(): QuotaNow | null {
  const [quota, setQuota] = useState<QuotaNow | null>(null);
  useEffect(() => {
    void Promise.resolve()
      .then(() => call('accountInfo', {}))
      .then((info) =>
        setQuota(
          info.quota
            ? {
                remaining: info.quota.rateLimitReached ? 0 : info.quota.remaining,
                resetsAt: info.quota.resetsAt,
              }
            : null,
        ),
      )
      .catch(() => undefined);
  }, []);
  return quota;
}
