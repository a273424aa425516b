import '@/lib/zod-config';
import { render } from 'preact';
import '@/components/styles.css';
import { applyTheme } from '@/lib/ui/theme';
import { Popup } from './popup';

applyTheme();
render(<Popup />, document.getElementById('app')!);
