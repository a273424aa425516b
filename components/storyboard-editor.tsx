import { t } from '@/lib/ui/i18n';
import { useWorkspace } from '@/lib/ui/workspace';
import { BackendFields, useChosenBackend } from './backend-fields';
import { FormMessages } from './form-messages';
import { ModelPicker } from './model-picker';
import { StoryboardShot } from './storyboard-shot';
import { useStoryboard } from './storyboard-state';
import { StoryboardTotal } from './storyboard-total';
import { UndoToast } from './undo-toast';
import { connectionLabel, declarationOf, useConnections } from './use-connections';

/** Shot rows (duration + text), add/remove/reorder, the running total against the model, a live preview. */
export function StoryboardEditor() {
  const ws = useWorkspace();
  const board = useStoryboard(ws);
  const { shots, result } = board;
  const views = useConnections();
  const { connection } = useChosenBackend(ws.backend, views);
  // Only the Sora session runs storyboards; a connection without it says so and sends nothing.
  const refused =
    connection && !declarationOf(connection).modes.includes('storyboard')
      ? t('backendNoStoryboard', connectionLabel(connection))
      : null;
  return (
    <section class="storyboard" aria-label={t('tabStoryboard')}>
      <BackendFields
        choice={ws.backend}
        views={views}
        connection={connection}
        sora={
          <ModelPicker value={ws.model.value} plan={ws.plan.value} onChange={(m) => (ws.model.value = m)} />
        }
      />
      {refused && (
        <p class="error" role="alert" data-testid="backend-unsupported">
          {refused}
        </p>
      )}
      <div class="row">
        <button type="button" onClick={board.fromComposer}>
          {t('storyboardFromPrompt')}
        </button>
      </div>
      <label class="field">
        <span>{t('storyboardInstructions')}</span>
        <input
          type="text"
          value={board.instructions}
          onInput={(e) => board.setInstructions(e.currentTarget.value)}
        />
      </label>
      <ol class="shots">
        {shots.map((shot, i) => (
          <StoryboardShot
            key={shot.key}
            shot={shot}
            index={i}
            last={i === shots.length - 1}
            onChange={(patch) => board.update(i, patch)}
            onMove={(to) => board.moveShot(i, to)}
            onRemove={() => board.removeShot(i)}
          />
        ))}
      </ol>
      <StoryboardTotal total={board.total} limit={board.limit} onAddShot={board.addShot} />
      {result.warnings.map((w) => (
        <p key={w} class="muted">
          {w}
        </p>
      ))}
      <details open class="preview">
        <summary>{t('storyboardPreview')}</summary>
        <pre data-testid="storyboard-preview">{result.preview || result.error}</pre>
      </details>
      <FormMessages error={board.error} notice={board.notice} />
      <UndoToast offer={board.offer} onDone={board.clearOffer} />
      <button
        data-testid="storyboard-submit"
        type="button"
        class="primary"
        disabled={shots.length === 0 || board.busy || refused !== null}
        onClick={() => void board.submit()}
      >
        {t('storyboardSubmit')}
      </button>
    </section>
  );
}
