import { useEffect, useState } from 'preact/hooks';
import { hasConnectionAccess, requestConnectionAccess } from '@/lib/connections/permissions';
import type { Connection } from '@/lib/connections/schema';
import { SORA_SOURCE_ID } from '@/lib/library/sora-source';
import { t } from '@/lib/ui/i18n';
import { type ConnectionsView, connectionLabel } from './use-connections';

/** The connections that have a library to back up: a Videos API one lists `GET /videos`; the task API lists nothing. */
export const listable = (views: ConnectionsView): Connection[] =>
  views.list.filter((c) => c.kind === 'videos-api');

/**
 * `library-source`: whose library the view shows and backs up — the Sora session (the default) or
 * a Videos API connection. Not `backend-select`: that one chooses where the next jobs run.
 */
export function LibrarySourceSelect(props: {
  value: string;
  views: ConnectionsView;
  onChange: (id: string) => void;
}) {
  return (
    <label>
      {t('librarySource')}{' '}
      <select
        data-testid="library-source"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value={SORA_SOURCE_ID}>{t('backendSoraSession')}</option>
        {listable(props.views).map((c) => (
          <option key={c.id} value={c.id}>
            {connectionLabel(c)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Says so when the chosen connection's server is not granted (a restart forgets it), with Grant. */
export function LibraryAccess(props: { connection: Connection | null }) {
  const { connection } = props;
  const [granted, setGranted] = useState(true);
  useEffect(() => {
    let live = true;
    if (connection) void hasConnectionAccess(connection).then((ok) => live && setGranted(ok));
    else setGranted(true);
    return () => {
      live = false;
    };
  }, [connection?.id, connection?.baseUrl]);
  if (!connection || granted) return null;
  const grant = async (): Promise<void> => {
    // First in the click handler: Chrome grants only in a user gesture.
    setGranted(await requestConnectionAccess(connection));
  };
  return (
    <div class="banner" role="alert" data-testid="library-needs-permission">
      <span>{t('libraryNeedsPermission', connectionLabel(connection))}</span>
      <button type="button" class="primary" data-testid="library-grant" onClick={() => void grant()}>
        {t('grantPermission')}
      </button>
    </div>
  );
}
