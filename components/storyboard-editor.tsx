import { useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import { MODEL_SPECS, type ModelName } from '@/lib/prompt/models';
import { parseStoryboard, storyboardSeconds } from '@/lib/prompt/storyboard';
import { DRAFTS, type StoryboardDraft, useDraft } from '@/lib/ui/drafts';
import { t } from '@/lib/ui/i18n';
import { useSubmission } from '@/lib/ui/submission';
import { useWorkspace } from '@/lib/ui/workspace';
import { FormMessages } from './form-messages';
import { ModelPicker } from './model-picker';
import { StoryboardShot } from './storyboard-shot';
import { move, newShot, type Shot, verdict, withKeys, withoutKeys } from './storyboard-shots';
import { StoryboardTotal } from './storyboard-total';
import { type UndoOffer, UndoToast } from './undo-toast';

/** Shot rows (duration + text), add/remove/reorder, the running total against the model, a live preview. */
export function StoryboardEditor() {
  const ws = useWorkspace();
  const [draft, setDraft] = useDraft(DRAFTS.storyboard);
  const shots = withKeys(draft.shots);
  const instructions = draft.instructions;
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const setShots = (next: (list: Shot[]) => Shot[]): void =>
    setDraft((d) => ({ ...d, shots: withoutKeys(next(withKeys(d.shots))) }));
  const setInstructions = (text: string): void => setDraft((d) => ({ ...d, instructions: text }));
  /** Replaces the whole board, offering to bring the previous one back. */
  function replaceWithUndo(next: StoryboardDraft, message: string): void {
    const before = draft;
    setDraft(next);
    setOffer({ message, undo: () => setDraft(before) });
  }
  const { error, notice, busy, setError, queue } = useSubmission();
  const spec = MODEL_SPECS[ws.model.value as ModelName];
  const limit = spec?.kind === 'video' ? spec.durationS : null;
  const result = verdict(shots, instructions, ws.model.value);
  const update = (i: number, patch: Partial<Shot>): void =>
    setShots((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  function fromComposer(): void {
    try {
      const board = parseStoryboard(ws.draft.value);
      setDraft({
        shots: board.shots.map((s) => ({ durationS: s.durationS, text: s.text })),
        instructions: board.instructions ?? '',
      });
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function submit(): Promise<void> {
    if (result.error !== null || !result.request) return setError(result.error);
    // Cleared only once it is queued, and the shots can be brought back.
    if (await queue({ text: result.source, model: ws.model.value }))
      replaceWithUndo(DRAFTS.storyboard.empty, t('storyboardQueuedUndo'));
  }

  return (
    <section class="storyboard" aria-label={t('tabStoryboard')}>
      <div class="row">
        <ModelPicker value={ws.model.value} plan={ws.plan.value} onChange={(m) => (ws.model.value = m)} />
        <button type="button" onClick={fromComposer}>
          {t('storyboardFromPrompt')}
        </button>
      </div>
      <label class="field">
        <span>{t('storyboardInstructions')}</span>
        <input type="text" value={instructions} onInput={(e) => setInstructions(e.currentTarget.value)} />
      </label>
      <ol class="shots">
        {shots.map((shot, i) => (
          <StoryboardShot
            key={shot.key}
            shot={shot}
            index={i}
            last={i === shots.length - 1}
            onChange={(patch) => update(i, patch)}
            onMove={(to) => setShots((l) => move(l, i, to))}
            onRemove={() =>
              replaceWithUndo({ ...draft, shots: draft.shots.filter((_, j) => j !== i) }, t('shotRemoved'))
            }
          />
        ))}
      </ol>
      <StoryboardTotal
        total={storyboardSeconds(shots)}
        limit={limit}
        onAddShot={() => setShots((l) => [...l, newShot()])}
      />
      {result.warnings.map((w) => (
        <p key={w} class="muted">
          {w}
        </p>
      ))}
      <details open class="preview">
        <summary>{t('storyboardPreview')}</summary>
        <pre data-testid="storyboard-preview">{result.preview || result.error}</pre>
      </details>
      <FormMessages error={error} notice={notice} />
      <UndoToast offer={offer} onDone={() => setOffer(null)} />
      <button
        data-testid="storyboard-submit"
        type="button"
        class="primary"
        disabled={shots.length === 0 || busy}
        onClick={() => void submit()}
      >
        {t('storyboardSubmit')}
      </button>
    </section>
  );
}
