import { useState } from 'preact/hooks';
import { SettingsSchema } from '@/lib/settings/settings';
import { type MessageKey, t } from '@/lib/ui/i18n';

/**
 * A number setting: a value outside its range is refused at the field, with the allowed range,
 * and is not saved (never silently replaced by the default).
 */
export function NumberSetting(props: {
  testId: string;
  labelKey: MessageKey;
  field: 'concurrency' | 'pollIntervalSec';
  min: number;
  max: number;
  value: number;
  onValid: (value: number) => void;
  onInvalid: () => void;
}) {
  const [text, setText] = useState(String(props.value));
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const ok = SettingsSchema.shape[props.field].safeParse(value).success;
  const errorId = `${props.testId}-error`;
  return (
    <label class="field">
      <span>{t(props.labelKey)}</span>
      <input
        data-testid={props.testId}
        type="number"
        min={props.min}
        max={props.max}
        value={text}
        aria-invalid={!ok}
        aria-describedby={errorId}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => {
          const next = e.currentTarget.value.trim() === '' ? Number.NaN : Number(e.currentTarget.value);
          if (SettingsSchema.shape[props.field].safeParse(next).success) props.onValid(next);
          else props.onInvalid();
        }}
      />
      {!ok && (
        <span id={errorId} class="error" data-testid={errorId} role="alert">
          {t(
            props.field === 'concurrency' ? 'rangeConcurrency' : 'rangePollInterval',
            String(props.min),
            String(props.max),
          )}
        </span>
      )}
    </label>
  );
}
