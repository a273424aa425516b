import '@/lib/zod-config';
import { render } from 'preact';
import '@/components/styles.css';
import { applyTheme } from '@/lib/ui/theme';
import { Options } from './options';

applyTheme();
render(<Options />, document.getElementById('app')!);
