import '@/lib/zod-config';
import { render } from 'preact';
import '@/components/styles.css';
import { openDb } from '@/lib/db/schema';
import { keepWorkerAwake } from '@/lib/rpc/wake';
import { applyTheme } from '@/lib/ui/theme';
import { createWorkspace } from '@/lib/ui/workspace';
import { SidePanel } from './side-panel';

applyTheme();
// A stopped worker is started again at once while this page is open (no wait for the alarm).
keepWorkerAwake();
document.documentElement.classList.add('panel');
// A newer worker upgrading the schema closes this connection; reload to open the new version.
const db = openDb(undefined, () => location.reload());
render(<SidePanel db={db} workspace={createWorkspace()} />, document.getElementById('app')!);
