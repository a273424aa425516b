import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { call } from '@/lib/rpc/client';
import type { RpcResults } from '@/lib/rpc/contract';
import { accountItem, summaryItem } from '@/lib/settings/items';
import { countdown } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { useStorageValue } from '@/lib/ui/storage-value';
import { ConnectionStatus } from './connection-status';

type Info = RpcResults['accountInfo'];
const REFRESH_MS = 60_000;
/** Sora's own page, where the user signs in (the session cookie is Sora's, never ours). */
export const SORA_URL = 'https://sora.chatgpt.com/';

/** A fingerprint of the queue that changes on every create and finish (the quota and slots move then). */
function activity(counts: Record<string, number> | undefined): string {
  if (!counts) return '';
  return ['submitting', 'generating', 'downloading', 'done', 'failed', 'waiting-limit']
    .map((s) => counts[s] ?? 0)
    .join('/');
}

/** Shown while signed out, outside the tabbed views: one click opens Sora to sign in. */
export function SignInBanner(props: { state: string }) {
  if (props.state !== 'signed-out') return null;
  return (
    <div class="sign-in-banner" role="status">
      <span>{t('signedOutBanner')}</span>
      <button
        type="button"
        class="primary"
        data-testid="sign-in"
        onClick={() => void browser.tabs.create({ url: SORA_URL })}
      >
        {t('signIn')}
      </button>
    </div>
  );
}

/** Plan ids as the backend spells them (docs/backend-facts.md §2.6) → a short label. */
function planLabel(plan: string): string {
  return plan.replace(/^chatgpt_/, '').replace(/^\w/, (c) => c.toUpperCase());
}

function quotaText(info: Info | null, now: number): string {
  const quota = info?.quota;
  if (!quota) return t('quotaUnknown');
  const left = quota.rateLimitReached ? '0' : quota.remaining === null ? '—' : String(quota.remaining);
  const reset = quota.resetsAt ? ` · ${t('resetsIn', countdown(quota.resetsAt, now))}` : '';
  return `${t('quotaLeft', left)}${reset}`;
}

/**
 * Signed-in state, plan, quota left with the reset countdown, and slots in use. Opening a page
 * re-checks the session, so a sign-in in another tab shows at once.
 */
export function AccountBar(props: { onPlan?: (plan: string | null) => void }) {
  const account = useStorageValue(accountItem);
  const summary = useStorageValue(summaryItem);
  const moved = activity(summary?.counts);
  const [info, setInfo] = useState<Info | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    call('checkSession', {}).catch(() => undefined);
  }, []);
  useEffect(() => {
    if (account.state !== 'signed-in') return setInfo(null);
    const load = (): void =>
      void call('accountInfo', {})
        .then((next) => {
          setInfo(next);
          props.onPlan?.(next.plan);
        })
        .catch(() => undefined);
    // Soon after a create or a finish (the backend counts it a moment later), and every minute.
    const soon = setTimeout(load, moved ? 1_500 : 0);
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      clearTimeout(soon);
      clearInterval(timer);
    };
  }, [account.state, moved]);
  useEffect(() => {
    if (!info?.quota?.resetsAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [info?.quota?.resetsAt]);

  const label =
    account.state === 'signed-in'
      ? t('accountSignedIn')
      : account.state === 'signed-out'
        ? t('accountSignedOut')
        : t('accountUnknown');
  return (
    <>
      <header class="account-bar">
        <span
          data-testid="account-status"
          data-state={account.state === 'signed-in' ? 'signed-in' : 'signed-out'}
          class={`dot ${account.state}`}
        >
          {label}
        </span>
        <span class="account-facts">
          {info?.plan && (
            <span class="badge" data-testid="plan">
              {planLabel(info.plan)}
            </span>
          )}
          <span data-testid="quota" class="muted">
            {quotaText(info, now)}
          </span>
          {info?.slots && (
            <span data-testid="slots" class="muted" title={t('slotsHint')}>
              {t('slots', String(info.slots.used), String(info.slots.max))}
            </span>
          )}
        </span>
      </header>
      <ConnectionStatus inFlight={summary?.inFlight ?? {}} />
      <SignInBanner state={account.state} />
    </>
  );
}
