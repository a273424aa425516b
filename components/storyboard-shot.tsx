import { t } from '@/lib/ui/i18n';
import type { Shot } from './storyboard-shots';

interface Props {
  shot: Shot;
  /** The row's place in the list (0-based); the labels count from 1. */
  index: number;
  last: boolean;
  onChange: (patch: Partial<Shot>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** One shot: its duration, its prompt, and buttons to move it up or down or remove it. */
export function StoryboardShot(props: Props) {
  const { shot, index: i } = props;
  return (
    <li data-testid="storyboard-shot" class="shot">
      <label class="field shot-duration">
        <span>{t('shotDuration', String(i + 1))}</span>
        <input
          data-testid="shot-duration"
          type="number"
          min={0.5}
          max={25}
          step={0.5}
          value={shot.durationS}
          onInput={(e) => props.onChange({ durationS: Number(e.currentTarget.value) || 0 })}
        />
      </label>
      <label class="field grow">
        <span>{t('shotPrompt', String(i + 1))}</span>
        <textarea
          data-testid="shot-prompt"
          rows={2}
          value={shot.text}
          onInput={(e) => props.onChange({ text: e.currentTarget.value })}
        />
      </label>
      <div class="shot-actions">
        <button type="button" aria-label={t('moveUp')} disabled={i === 0} onClick={() => props.onMove(i - 1)}>
          ↑
        </button>
        <button
          type="button"
          aria-label={t('moveDown')}
          disabled={props.last}
          onClick={() => props.onMove(i + 1)}
        >
          ↓
        </button>
        <button type="button" aria-label={t('removeShot')} onClick={props.onRemove}>
          ×
        </button>
      </div>
    </li>
  );
}
