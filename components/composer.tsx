import { useState } from 'preact/hooks';
import type { Connection } from '@/lib/connections/schema';
import { requestImageOrigins } from '@/lib/platform/permissions';
import { isCharacterOnly } from '@/lib/prompt/character';
import { parsePrompt } from '@/lib/prompt/parse';
import type { JobRequest, MediaRef } from '@/lib/prompt/request';
import { FALLBACK_STYLES } from '@/lib/prompt/styles';
import { enhanceSeconds } from '@/lib/ui/enhance';
import { t } from '@/lib/ui/i18n';
import { readMedia } from '@/lib/ui/media';
import { errorText } from '@/lib/ui/messages';
import { DEFAULT_MODEL } from '@/lib/ui/prefill';
import { useSubmission } from '@/lib/ui/submission';
import { useWorkspace } from '@/lib/ui/workspace';
import { BackendFields, useChosenBackend } from './backend-fields';
import { EnhancePanel } from './enhance-panel';
import { FormMessages } from './form-messages';
import { MediaInput } from './media-input';
import { ModelPicker } from './model-picker';
import { PromptEditor } from './prompt-editor';
import { StylePicker } from './style-picker';
import { connectionLabel, declarationOf, useConnections } from './use-connections';

/** Why a connection cannot run what the prompt asks for (styles, storyboards, a remix it lacks); null when it can. */
function soraOnly(request: JobRequest, connection: Connection): string | null {
  if (request.kind !== 'video') return null;
  const name = connectionLabel(connection);
  if (request.styleId) return t('backendNoStyles', name);
  if (request.storyboard) return t('backendNoStoryboard', name);
  if (request.remixTargetId && !declarationOf(connection).modes.includes('remix'))
    return t('backendNoRemix', name);
  return null;
}

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
  const views = useConnections();
  const chosen = useChosenBackend(ws.backend, views);
  const connection = chosen.connection;

  const images = ws.images.value;
  async function addImages(files: File[]): Promise<void> {
    ws.images.value = await Promise.all(files.map(readMedia));
  }

  async function submit(): Promise<void> {
    const text = ws.draft.value;
    // A video with no text creates a character on its own (the background checks it).
    if (connection && video) return setError(t('backendNoCharacters', connectionLabel(connection)));
    if (!isCharacterOnly({ text, imageCount: images.length, hasVideo: video !== null })) {
      const local = parsePrompt(text, {
        // A connection's model is not Sora's: the text is checked as a plain video prompt.
        model: connection ? DEFAULT_MODEL : ws.model.value,
        styles: { live: ws.styles.value.length > 0 ? ws.styles.value : null },
        images,
        characterVideo: video?.ref ?? null,
      });
      if (!local.ok) return setError(errorText(local.error));
      const refused = connection ? soraOnly(local.request, connection) : null;
      if (refused) return setError(refused);
    }
    // First await of the click: linked images need their site's permission, asked in the gesture.
    const links = images.filter((m) => m.source === 'url').map((m) => m.url);
    if (!(await requestImageOrigins(links))) return setError(t('imageLinkRefused'));
    const media = {
      ...(images.length > 0 ? { images } : {}),
      ...(video ? { characterVideo: video.ref } : {}),
    };
    const item = { text, model: chosen.model(ws.model.value), ...media, ...chosen.extras() };
    if (await queue({ ...item, ...(count > 1 ? { count } : {}) })) {
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
      <BackendFields
        choice={ws.backend}
        views={views}
        connection={connection}
        sora={
          <ModelPicker value={ws.model.value} plan={ws.plan.value} onChange={(m) => (ws.model.value = m)} />
        }
      />
      <div class="row">
        {connection ? (
          <p class="muted grow" data-testid="backend-unsupported">
            {t('backendNoSoraExtras', connectionLabel(connection))}
          </p>
        ) : (
          <StylePicker styles={styles} text={ws.draft.value} onChange={(text) => (ws.draft.value = text)} />
        )}
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
