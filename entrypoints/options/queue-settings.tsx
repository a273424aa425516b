import { SORA_CONCURRENCY_CAP } from '@/lib/sora/declared';
import { t } from '@/lib/ui/i18n';
import { NumberSetting } from './number-setting';
import type { SectionProps } from './section';

/** How many jobs generate at once and how often they are checked. */
export function QueueSettings(props: SectionProps & { onInvalid: () => void }) {
  const { settings, update } = props;
  return (
    <fieldset>
      <legend>{t('optionsQueue')}</legend>
      <NumberSetting
        testId="setting-concurrency"
        labelKey="settingConcurrency"
        field="concurrency"
        min={1}
        max={SORA_CONCURRENCY_CAP}
        value={settings.concurrency}
        onValid={(concurrency) => update({ concurrency })}
        onInvalid={props.onInvalid}
      />
      <NumberSetting
        testId="setting-poll-interval"
        labelKey="settingPollInterval"
        field="pollIntervalSec"
        min={1}
        max={60}
        value={settings.pollIntervalSec}
        onValid={(pollIntervalSec) => update({ pollIntervalSec })}
        onInvalid={props.onInvalid}
      />
    </fieldset>
  );
}
