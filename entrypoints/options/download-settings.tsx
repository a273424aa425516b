import { useState } from 'preact/hooks';
import { renderFileName, templateError } from '@/lib/pipeline/filename';
import { t } from '@/lib/ui/i18n';
import type { SectionProps } from './section';

/** A sample job for the template's live example. */
const EXAMPLE = {
  createdAt: Date.UTC(2026, 0, 31, 14, 5, 9),
  batchId: '3f2a9c1e-0000-4000-8000-000000000000',
  index: 2,
  prompt: 'A kitten running across a meadow',
  model: 'sora2-landscape-10s',
  taskId: 'task_01jexample',
  jobId: '9b1d2c3e-0000-4000-8000-000000000000',
};

/** Auto-download, the file-name template with a live example (saved only while valid), sidecar files. */
export function DownloadSettings({ settings, update }: SectionProps) {
  const [template, setTemplate] = useState(settings.filenameTemplate);
  const templateProblem = templateError(template);
  return (
    <fieldset>
      <legend>{t('optionsDownloads')}</legend>
      <label class="check">
        <input
          data-testid="setting-auto-download"
          type="checkbox"
          checked={settings.autoDownload}
          onChange={(e) => update({ autoDownload: e.currentTarget.checked })}
        />
        <span>{t('settingAutoDownload')}</span>
      </label>
      <label class="field">
        <span>{t('settingFolder')}</span>
        <input
          type="text"
          data-testid="setting-filename-template"
          value={template}
          aria-invalid={templateProblem !== null}
          aria-describedby="template-example"
          onInput={(e) => {
            setTemplate(e.currentTarget.value);
            if (templateError(e.currentTarget.value) === null)
              update({ filenameTemplate: e.currentTarget.value });
          }}
        />
      </label>
      <p
        id="template-example"
        class={templateProblem ? 'error' : 'muted'}
        data-testid="filename-example"
        aria-live="polite"
      >
        {templateProblem ?? t('templateExample', renderFileName(template, EXAMPLE))}
      </p>
      <p class="muted">{t('templateTokens')}</p>
      <label class="check">
        <input
          data-testid="setting-sidecar"
          type="checkbox"
          checked={settings.sidecar}
          onChange={(e) => update({ sidecar: e.currentTarget.checked })}
        />
        <span>{t('settingSidecar')}</span>
      </label>
    </fieldset>
  );
}
