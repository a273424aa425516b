import { useState } from 'preact/hooks';
import { connectionLabel } from '@/components/use-connections';
import { connectionOriginPattern, requestConnectionAccess } from '@/lib/connections/permissions';
import type { Connection } from '@/lib/connections/schema';
import type { ConnectionState } from '@/lib/connections/status';
import { errorMessage } from '@/lib/errors';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { BackendConcurrency } from './backend-concurrency';
import { usePermission } from './use-permission';

type State = ConnectionState['state'];

/** The state shown: a missing host permission wins (it can be revoked at any time), else what the background published. */
export function shownState(
  stored: ConnectionState | undefined,
  granted: boolean | null,
  origin: string,
): { state: State; reason: string | null } {
  if (granted === false) return { state: 'needs-permission', reason: t('backendNeedsPermission', origin) };
  if (!stored) return { state: 'ready', reason: null };
  if (stored.state === 'needs-permission' && granted) return { state: 'ready', reason: null };
  return { state: stored.state, reason: stored.reason };
}

function KeyList(props: { connection: Connection }) {
  const { connection } = props;
  return (
    <ul class="connection-keys" aria-label={t('backendKeys')}>
      {connection.keys.map((k) => (
        <li key={k.id} data-testid="backend-key" data-set-aside={String(k.setAside !== null)}>
          <code>{k.masked}</code>
          {k.setAside && <span class="error"> {t('backendKeySetAside', k.setAside.reason)}</span>}
        </li>
      ))}
      {connection.keyStorage === 'session' && <li class="muted">{t('backendKeysSessionOnly')}</li>}
    </ul>
  );
}

/** One added connection: its state and why, masked keys, its cap, Check, Grant and Remove (confirmed first). */
export function ConnectionItem(props: {
  connection: Connection;
  state: ConnectionState | undefined;
  onRemove: (c: Connection) => void;
}) {
  const c = props.connection;
  const origin = connectionOriginPattern(c.baseUrl);
  const granted = usePermission({ origins: [origin] });
  const shown = shownState(props.state, granted, origin);
  const [message, setMessage] = useState<string | null>(null);
  const [capError, setCapError] = useState<string | null>(null);
  const act = (work: () => Promise<string | null>) =>
    void work().then(setMessage, (e: unknown) => setMessage(errorMessage(e)));
  const check = async (): Promise<string> => (await call('connectionCheck', { id: c.id })).message;

  return (
    <li
      class="backend-item"
      data-testid="backend-item"
      data-backend-id={c.id}
      data-backend-kind={c.kind}
      data-state={shown.state}
    >
      <div class="row between">
        <strong>{connectionLabel(c)}</strong>
        <span class="badge">
          {t(c.kind === 'videos-api' ? 'backendKindVideosApi' : 'backendKindTaskApi')}
        </span>
      </div>
      <p class="muted">
        {c.baseUrl}
        {c.authHeader === 'api-key' ? ` · ${t('backendAzureHeader')}` : ''}
      </p>
      <p class={shown.state === 'ready' ? 'muted' : 'error'} data-testid="backend-state">
        {t(STATE_LABEL[shown.state])}
        {shown.reason ? ` — ${shown.reason}` : ''}
      </p>
      <KeyList connection={c} />
      <BackendConcurrency
        id={c.id}
        value={c.concurrency}
        min={1}
        max={10}
        onValid={(concurrency) =>
          void call('connectionSetConcurrency', { id: c.id, concurrency }).then(
            (r) => setCapError(r.changed ? null : t('backendConcurrencyNotSaved')),
            (e: unknown) => setCapError(errorMessage(e)),
          )
        }
      />
      {capError && (
        <p class="error" role="alert">
          {capError}
        </p>
      )}
      <div class="row">
        {shown.state === 'needs-permission' && (
          <button
            type="button"
            data-testid="grant-permission"
            class="primary"
            onClick={() => {
              // First, before any await: the prompt needs this click's gesture.
              const asked = requestConnectionAccess(c);
              act(async () => ((await asked) ? check() : t('backendPermissionRefused')));
            }}
          >
            {t('backendGrant')}
          </button>
        )}
        <button type="button" data-testid="backend-check" onClick={() => act(check)}>
          {t('backendCheck')}
        </button>
        <button type="button" data-testid="backend-remove" class="danger" onClick={() => props.onRemove(c)}>
          {t('backendRemove')}
        </button>
      </div>
      {message !== null && (
        <p class="notice" role="status" data-testid="backend-check-result">
          {message}
        </p>
      )}
    </li>
  );
}

export const STATE_LABEL = {
  ready: 'backendStateReady',
  'needs-permission': 'backendStateNeedsPermission',
  error: 'backendStateError',
} as const;
