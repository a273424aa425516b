import type { Connection } from '@/lib/connections/schema';
import type { ConnectionState } from '@/lib/connections/status';
import { t } from '@/lib/ui/i18n';
import { connectionLabel, useConnections } from './use-connections';

/** The one line a connection gets in the account bar: what it can do now, in plain words. */
function statusText(c: Connection, state: ConnectionState | undefined, inFlight: number): string {
  const aside = c.keys.filter((k) => k.setAside !== null);
  // The APIs say nothing of credits until a key runs out (a 402 or a quota error): that is what we show.
  if (aside.length === c.keys.length && aside.every((k) => k.setAside?.code === 'quota_exhausted'))
    return t('accountConnectionNoCredits');
  if (state?.state === 'needs-permission') return t('accountConnectionNeedsPermission');
  if (state?.state === 'error') return state.reason ?? t('accountConnectionFailing');
  const running = t('accountConnectionRunning', String(inFlight), String(c.concurrency));
  return aside.length > 0
    ? `${running} · ${t('accountConnectionKeysAside', String(aside.length), String(c.keys.length))}`
    : running;
}

function dataState(c: Connection, state: ConnectionState | undefined): string {
  if (c.keys.every((k) => k.setAside !== null)) return 'error';
  return state?.state ?? 'ready';
}

/**
 * Each added connection under the Sora account: ready with its jobs in flight against its cap, short
 * of site access, failing with the reason, or out of credits (issue 13, point 5). Nothing when there
 * are none.
 */
export function ConnectionStatus(props: { inFlight: Readonly<Record<string, number>> }) {
  const { list, states } = useConnections();
  if (list.length === 0) return null;
  return (
    <ul class="account-connections">
      {list.map((c) => {
        const state = states[c.id];
        const text = statusText(c, state, props.inFlight[c.id] ?? 0);
        return (
          <li
            key={c.id}
            data-testid="account-connection"
            data-backend-id={c.id}
            data-state={dataState(c, state)}
            title={text}
          >
            <span class={`dot ${dataState(c, state) === 'ready' ? 'signed-in' : 'signed-out'}`}>
              {connectionLabel(c)}
            </span>{' '}
            <span class="muted">{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
