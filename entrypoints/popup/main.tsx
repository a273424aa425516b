import '@/lib/zod-config';
import { render } from 'preact';
import '@/components/styles.css';
import { keepWorkerAwake } from '@/lib/rpc/wake';
import { applyTheme } from '@/lib/ui/theme';
import { Popup } from './popup';

applyTheme();
// A stopped worker is started again at once while this page is open (no wait for the alarm).
keepWorkerAwake();
render(<Popup />, document.getElementById('app')!);
