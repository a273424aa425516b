import { useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import { MODEL_SPECS, type ModelName } from '@/lib/prompt/models';
import { parsePrompt } from '@/lib/prompt/parse';
import { parseStoryboard, storyboardSeconds, storyboardSource } from '@/lib/prompt/storyboard';
import { DRAFTS, type StoryboardDraft, useDraft } from '@/lib/ui/drafts';
import { t } from '@/lib/ui/i18n';
import { errorText } from '@/lib/ui/messages';
import { useSubmission } from '@/lib/ui/submission';
import { useWorkspace } from '@/lib/ui/workspace';
import { FormMessages } from './form-messages';
import { ModelPicker } from './model-picker';
import { type UndoOffer, UndoToast } from './undo-toast';

interface Shot {
  key: number;
  durationS: number;
  text: string;
}

let nextKey = 1;
const newShot = (durationS = 5, text = ''): Shot => ({ key: nextKey++, durationS, text });

/** Keys only tell rows apart while editing; a restored draft gets fresh ones. */
const keyed = new WeakMap<object, number>();
function withKeys(shots: StoryboardDraft['shots']): Shot[] {
  return shots.map((s) => {
    const key = keyed.get(s) ?? nextKey++;
    keyed.set(s, key);
    return { key, durationS: s.durationS, text: s.text };
  });
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(Math.max(0, Math.min(copy.length, to)), 0, item);
  return copy;
}

/** What will be sent, or why not: the prompt language's own verdict on the shots. */
function verdict(shots: readonly Shot[], instructions: string, model: string) {
  const filled = shots.filter((s) => s.text.trim() !== '');
  if (filled.length === 0)
    return { source: '', error: t('storyboardEmpty'), preview: '', warnings: [] as string[] };
  const source = storyboardSource(filled, instructions.trim() || null);
  const parsed = parsePrompt(source, { model, styles: { live: null } });
  if (!parsed.ok) return { source, error: errorText(parsed.error), preview: '', warnings: [] };
  const preview = parsed.request.kind === 'video' ? parsed.request.prompt : '';
  return { source, error: null, preview, warnings: parsed.warnings, request: parsed.request };
}

/** Shot rows (duration + text), add/remove/reorder, the running total against the model, a live preview. */
export function StoryboardEditor() {
  const ws = useWorkspace();
  const [draft, setDraft] = useDraft(DRAFTS.storyboard);
  const shots = withKeys(draft.shots);
  const instructions = draft.instructions;
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const setShots = (next: (list: Shot[]) => Shot[]): void =>
    setDraft((d) => {
      const list = next(withKeys(d.shots));
      const stored = list.map((s) => ({ durationS: s.durationS, text: s.text }));
      for (const [i, s] of stored.entries()) keyed.set(s, list[i]!.key);
      return { ...d, shots: stored };
    });
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
  const total = storyboardSeconds(shots);
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
          <li key={shot.key} data-testid="storyboard-shot" class="shot">
            <label class="field shot-duration">
              <span>{t('shotDuration', String(i + 1))}</span>
              <input
                data-testid="shot-duration"
                type="number"
                min={0.5}
                max={25}
                step={0.5}
                value={shot.durationS}
                onInput={(e) => update(i, { durationS: Number(e.currentTarget.value) || 0 })}
              />
            </label>
            <label class="field grow">
              <span>{t('shotPrompt', String(i + 1))}</span>
              <textarea
                data-testid="shot-prompt"
                rows={2}
                value={shot.text}
                onInput={(e) => update(i, { text: e.currentTarget.value })}
              />
            </label>
            <div class="shot-actions">
              <button
                type="button"
                aria-label={t('moveUp')}
                disabled={i === 0}
                onClick={() => setShots((l) => move(l, i, i - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('moveDown')}
                disabled={i === shots.length - 1}
                onClick={() => setShots((l) => move(l, i, i + 1))}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={t('removeShot')}
                onClick={() =>
                  replaceWithUndo(
                    { ...draft, shots: draft.shots.filter((_, j) => j !== i) },
                    t('shotRemoved'),
                  )
                }
              >
                ×
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div class="row between">
        <button
          data-testid="storyboard-add-shot"
          type="button"
          onClick={() => setShots((l) => [...l, newShot()])}
        >
          {t('addShot')}
        </button>
        <span data-testid="storyboard-total" class={limit !== null && total > limit ? 'error' : 'muted'}>
          {limit === null
            ? t('storyboardTotalNoLimit', String(total))
            : t('storyboardTotal', String(total), String(limit))}
        </span>
      </div>
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
