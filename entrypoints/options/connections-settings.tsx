import { useState } from 'preact/hooks';
import { ConfirmBar, type ConfirmRequest } from '@/components/confirm-bar';
import { connectionLabel, useConnections } from '@/components/use-connections';
import { errorMessage } from '@/lib/errors';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { ConnectionAddForm } from './connection-add-form';
import { ConnectionItem } from './connection-item';
import type { SectionProps } from './section';
import { SoraSessionItem } from './sora-session-item';

/** The backends jobs can run on: the Sora session first, then each added connection, then the add form. */
export function ConnectionsSettings(props: SectionProps) {
  const { list, states, loaded } = useConnections();
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <fieldset class="connections">
      <legend>{t('optionsBackends')}</legend>
      <ul class="backend-list" data-loaded={loaded ? 'true' : 'false'}>
        <SoraSessionItem {...props} />
        {list.map((c) => (
          <ConnectionItem
            key={c.id}
            connection={c}
            state={states[c.id]}
            onRemove={(gone) =>
              setConfirm({
                question: t('backendRemoveConfirm', connectionLabel(gone)),
                accept: t('backendRemove'),
                onAccept: () =>
                  void call('connectionRemove', { id: gone.id }).then(
                    () => setError(null),
                    (e: unknown) => setError(errorMessage(e)),
                  ),
              })
            }
          />
        ))}
      </ul>
      <ConfirmBar request={confirm} onClose={() => setConfirm(null)} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ConnectionAddForm />
    </fieldset>
  );
}
