import { useState } from 'preact/hooks';
import { escapeText } from '@/lib/prompt/escape';
import { call } from '@/lib/rpc/client';
import { enhanceSeconds } from '@/lib/ui/enhance';
import { t } from '@/lib/ui/i18n';
import { type EnhanceLevel, EnhanceLevelSelect } from './enhance-level';

/** One enhanced prompt as one batch line: newlines folded, prompt-language characters made literal. */
export function asBatchLine(enhanced: string): string {
  return escapeText(enhanced.replace(/\s*\n\s*/g, ' ').trim());
}

/**
 * "Enhance all": every pasted line goes through Sora's prompt enhancement, one at a time, and is
 * replaced by the result for the user to read before queueing. A line that fails keeps its text.
 */
export function EnhanceAll(props: { text: string; model: string; onText: (text: string) => void }) {
  const [level, setLevel] = useState<EnhanceLevel>('medium');
  const [progress, setProgress] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(): Promise<void> {
    const lines = props.text.split(/\r\n|\r|\n/);
    const targets = lines.map((line, i) => ({ line, i })).filter(({ line }) => line.trim() !== '');
    let failed = 0;
    setBusy(true);
    for (const [n, { line, i }] of targets.entries()) {
      setProgress(t('enhanceAllProgress', String(n + 1), String(targets.length)));
      try {
        const result = await call('enhancePrompt', {
          prompt: line,
          level,
          durationS: enhanceSeconds(props.model),
        });
        lines[i] = asBatchLine(result.text);
        props.onText(lines.join('\n'));
      } catch {
        failed++;
      }
    }
    setBusy(false);
    setProgress(failed > 0 ? t('enhanceAllFailed', String(failed)) : null);
  }

  return (
    <div class="row">
      <EnhanceLevelSelect testid="batch-enhance-level" value={level} onChange={setLevel} />
      <button
        data-testid="batch-enhance-all"
        type="button"
        disabled={busy || props.text.trim() === ''}
        onClick={() => void run()}
      >
        {t('enhanceAll')}
      </button>
      {progress !== null && (
        <span class="muted" role="status">
          {progress}
        </span>
      )}
    </div>
  );
}
