import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/ui/i18n';

/**
 * `backend-concurrency`: the most jobs generating at once on one connection, saved as it changes.
 * A value outside `min`–`max` is refused at the field and not saved.
 */
export function BackendConcurrency(props: {
  id: string;
  value: number;
  min: number;
  max: number;
  onValid: (value: number) => void;
}) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const n = text.trim() === '' ? Number.NaN : Number(text);
  const ok = Number.isInteger(n) && n >= props.min && n <= props.max;
  const errorId = `backend-concurrency-error-${props.id}`;
  return (
    <label class="field">
      <span>{t('backendConcurrency')}</span>
      <input
        data-testid="backend-concurrency"
        type="number"
        min={props.min}
        max={props.max}
        value={text}
        aria-invalid={!ok}
        aria-describedby={errorId}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => {
          const next = Number(e.currentTarget.value);
          if (Number.isInteger(next) && next >= props.min && next <= props.max && next !== props.value)
            props.onValid(next);
        }}
      />
      {!ok && (
        <span id={errorId} class="error" data-testid="backend-concurrency-error" role="alert">
          {t('rangeBackendConcurrency', String(props.min), String(props.max))}
        </span>
      )}
    </label>
  );
}
