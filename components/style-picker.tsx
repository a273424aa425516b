import { t } from '@/lib/ui/i18n';

const TAG_RE = /\{[ \t]*([^{}\s]+)[ \t]*\}\s?/;

/** The style in the prompt's `{style}` tag, or '' (templates `{{…}}` are not styles). */
export function currentStyle(text: string): string {
  const match = TAG_RE.exec(text.replace(/\{\{[\s\S]*?\}\}/g, ''));
  return match?.[1] ?? '';
}

/** The prompt with its style tag replaced (or removed when `style` is empty); the tag goes first. */
export function withStyle(text: string, style: string): string {
  const bare = currentStyle(text) ? text.replace(TAG_RE, '') : text;
  return style ? `{${style}} ${bare}` : bare;
}

/** A select over the live styles that writes the `{style}` tag into the prompt. */
export function StylePicker(props: {
  styles: readonly string[];
  text: string;
  onChange: (text: string) => void;
}) {
  const current = currentStyle(props.text);
  return (
    <label class="field">
      <span>{t('styleLabel')}</span>
      <select
        data-testid="style-select"
        value={props.styles.includes(current) ? current : ''}
        onChange={(e) => props.onChange(withStyle(props.text, e.currentTarget.value))}
      >
        <option value="">{t('styleNone')}</option>
        {props.styles.map((style) => (
          <option key={style} value={style}>
            {style}
          </option>
        ))}
      </select>
    </label>
  );
}
