import '@/lib/zod-config';
import { render } from 'preact';
import '@/components/styles.css';
import { keepWorkerAwake } from '@/lib/rpc/wake';
import { applyTheme } from '@/lib/ui/theme';
import { Options } from './options';

applyTheme();
// A stopped worker is started again at once while this page is open (no wait for the alarm).
keepWorkerAwake();
render(<Options />, document.getElementById('app')!);
