import { useState } from 'preact/hooks';
import { AccountBar } from '@/components/account-bar';
import { Composer, DEFAULT_MODEL } from '@/components/composer';
import { PermissionBanner } from '@/components/permission-banner';
import { QueueView } from '@/components/queue-view';
import { openDb } from '@/lib/db/schema';

// A newer worker upgrading the schema closes this connection; reload rather than block the upgrade.
const db = openDb(undefined, () => location.reload());

/** The workspace: account, composer and the live queue. */
export function SidePanel() {
  const [model, setModel] = useState(DEFAULT_MODEL);
  return (
    <>
      <AccountBar />
      <PermissionBanner />
      <main>
        <Composer model={model} onModelChange={setModel} />
        <QueueView db={db} />
      </main>
    </>
  );
}
