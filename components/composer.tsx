import { useState } from 'preact/hooks';
import { requestImageOrigins } from '@/lib/platform/permissions';
import { isCharacterOnly } from '@/lib/prompt/character';
import { parsePrompt } from '@/lib/prompt/parse';
import type { MediaRef } from '@/lib/prompt/request';
import { FALLBACK_STYLES } from '@/lib/prompt/styles';
import { enhanceSeconds } from '@/lib/ui/enhance';
import { t } from '@/lib/ui/i18n';
import { readMedia } from '@/lib/ui/media';
import { errorText } from '@/lib/ui/messages';
import { useSubmission } from '@/lib/ui/submission';
import { useWorkspace } from '@/lib/ui/workspace';
import { EnhancePanel } from './enhance-panel';
import { FormMessages } from './form-messages';
import { MediaInput } from './media-input';
import { ModelPicker } from './model-picker';
import { PromptEditor } from './prompt-editor';
import { StylePicker } from './style-picker';

/**
 * The full composer: prompt with highlighting and `{style}` completion, model and style pickers,
 * image and video inputs, "Enhance prompt". The prompt is checked here before anything is sent, and
 * a mode the pipeline cannot run yet is refused with its reason (never a fake success).
 */
export function Composer() {
  const ws = useWorkspace();
  const { error, notice, busy, setError, queue } = useSubmission();
  const [video, setVideo] = useState<{ name: string; ref: MediaRef } | null>(null);
  const [count, setCount] = useState(1);
  const styles = ws.styles.value.length > 0 ? ws.styles.value : FALLBACK_STYLES;

  const images = ws.images.value;
  async function addImages(files: File[]): Promise<void> {
    ws.images.value = await Promise.all(files.map(readMedia));
  }

  async function submit(): Promise<void> {
    const text = ws.draft.value;
    // A video with no text creates a character on its own (the background checks it).
    if (!isCharacterOnly({ text, imageCount: images.length, hasVideo: video !== null })) {
      const local = parsePrompt(text, {
        model: ws.model.value,
        styles: { live: ws.styles.value.length > 0 ? ws.styles.value : null },
        images,
        characterVideo: video?.ref ?? null,
      });
      if (!local.ok) return setError(errorText(local.error));
    }
    // First await of the click: linked images need their site's permission, asked in the gesture.
    const links = images.filter((m) => m.source === 'url').map((m) => m.url);
    if (!(await requestImageOrigins(links))) return setError(t('imageLinkRefused'));
    const media = {
      ...(images.length > 0 ? { images } : {}),
      ...(video ? { characterVideo: video.ref } : {}),
    };
    if (await queue({ text, model: ws.model.value, ...media, ...(count > 1 ? { count } : {}) })) {
      ws.draft.value = '';
      ws.images.value = [];
      setVideo(null);
    }
  }

  return (
    <form
      class="composer"
      aria-label={t('tabCompose')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <PromptEditor
        value={ws.draft.value}
        onInput={(text) => {
          ws.draft.value = text;
          setError(null);
        }}
        onSubmit={() => void submit()}
        onPasteFiles={(files) => void addImages(files)}
        styles={styles}
        invalid={error !== null}
      />
      <div class="row">
        <ModelPicker value={ws.model.value} plan={ws.plan.value} onChange={(m) => (ws.model.value = m)} />
        <StylePicker styles={styles} text={ws.draft.value} onChange={(text) => (ws.draft.value = text)} />
        <label class="field count">
          <span>{t('countLabel')}</span>
          <input
            data-testid="count-input"
            type="number"
            min={1}
            max={100}
            value={count}
            onChange={(e) =>
              setCount(Math.min(100, Math.max(1, Math.round(Number(e.currentTarget.value) || 1))))
            }
          />
        </label>
      </div>
      <MediaInput
        images={images}
        onImages={(files) => void addImages(files)}
        onClearImages={() => (ws.images.value = [])}
        video={video}
        onVideo={(file) =>
          void (file ? readMedia(file).then((ref) => setVideo({ name: file.name, ref })) : setVideo(null))
        }
      />
      <FormMessages error={error} notice={notice} />
      <div class="row between">
        <EnhancePanel
          prompt={ws.draft.value}
          durationS={enhanceSeconds(ws.model.value)}
          onAccept={(text) => (ws.draft.value = text)}
        />
        <button data-testid="submit" type="submit" class="primary" disabled={busy} title={t('submitHint')}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </div>
    </form>
  );
}
