import { t } from '@/lib/ui/i18n';

export type EnhanceLevel = 'short' | 'medium' | 'long';

/** The enhancement length picker (docs/backend-facts.md §4.11 `expansion_level`). */
export function EnhanceLevelSelect(props: {
  testid: string;
  value: EnhanceLevel;
  onChange: (level: EnhanceLevel) => void;
}) {
  return (
    <label class="field">
      <span>{t('enhanceLevel')}</span>
      <select
        data-testid={props.testid}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as EnhanceLevel)}
      >
        <option value="short">{t('enhanceShort')}</option>
        <option value="medium">{t('enhanceMedium')}</option>
        <option value="long">{t('enhanceLong')}</option>
      </select>
    </label>
  );
}
