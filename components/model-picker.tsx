import { MODEL_SPECS, type ModelSpec } from '@/lib/prompt/models';
import { type MessageKey, t } from '@/lib/ui/i18n';
import { hasPro } from '@/lib/ui/workspace';

const GROUPS: { key: MessageKey; test: (spec: ModelSpec) => boolean }[] = [
  { key: 'modelGroupSora2', test: (s) => s.kind === 'video' && s.family === 'sora2' },
  { key: 'modelGroupPro', test: (s) => s.kind === 'video' && s.family === 'sora2pro' },
  { key: 'modelGroupProHd', test: (s) => s.kind === 'video' && s.family === 'sora2pro-hd' },
  { key: 'modelGroupImage', test: (s) => s.kind === 'image' },
  { key: 'modelGroupEnhance', test: (s) => s.kind === 'enhance' },
];

function optionLabel(spec: ModelSpec, pro: boolean): string {
  const needsPro = spec.kind === 'video' && spec.requiresPro && !pro;
  return needsPro ? `${spec.name} · ${t('proOnly')}` : spec.name;
}

/** The model select: every model name, grouped; Pro models are marked unless the plan has Pro. */
export function ModelPicker(props: {
  value: string;
  onChange: (model: string) => void;
  plan: string | null;
  id?: string;
  testId?: string;
}) {
  const specs = Object.values(MODEL_SPECS);
  const pro = hasPro(props.plan);
  return (
    <label class="field grow">
      <span>{t('modelLabel')}</span>
      <select
        id={props.id}
        data-testid={props.testId ?? 'model-select'}
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {GROUPS.map((group) => (
          <optgroup key={group.key} label={t(group.key)}>
            {specs.filter(group.test).map((spec) => (
              <option key={spec.name} value={spec.name} title={spec.label}>
                {optionLabel(spec, pro)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
