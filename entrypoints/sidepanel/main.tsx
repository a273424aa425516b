import { render } from 'preact';
import '@/components/styles.css';
import { applyTheme } from '@/lib/ui/theme';
import { SidePanel } from './side-panel';

applyTheme();
render(<SidePanel />, document.getElementById('app')!);
