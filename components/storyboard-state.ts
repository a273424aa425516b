import { useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import { MODEL_SPECS, type ModelName } from '@/lib/prompt/models';
import { parseStoryboard, storyboardSeconds } from '@/lib/prompt/storyboard';
import { DRAFTS, type StoryboardDraft, useDraft } from '@/lib/ui/drafts';
import { t } from '@/lib/ui/i18n';
import { useSubmission } from '@/lib/ui/submission';
import type { Workspace } from '@/lib/ui/workspace';
import { move, newShot, type Shot, verdict, withKeys, withoutKeys } from './storyboard-shots';
import type { UndoOffer } from './undo-toast';

/** The storyboard's state: the drafted shots, what they would send, and the edits and queueing on them. */
export function useStoryboard(ws: Workspace) {
  const [draft, setDraft] = useDraft(DRAFTS.storyboard);
  const shots = withKeys(draft.shots);
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const setShots = (next: (list: Shot[]) => Shot[]): void =>
    setDraft((d) => ({ ...d, shots: withoutKeys(next(withKeys(d.shots))) }));
  /** Replaces the whole board, offering to bring the previous one back. */
  function replaceWithUndo(next: StoryboardDraft, message: string): void {
    const before = draft;
    setDraft(next);
    setOffer({ message, undo: () => setDraft(before) });
  }
  const submission = useSubmission();
  const { setError, queue } = submission;
  const spec = MODEL_SPECS[ws.model.value as ModelName];
  const result = verdict(shots, draft.instructions, ws.model.value);

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

  return {
    shots,
    instructions: draft.instructions,
    result,
    total: storyboardSeconds(shots),
    limit: spec?.kind === 'video' ? spec.durationS : null,
    ...submission,
    offer,
    clearOffer: (): void => setOffer(null),
    setInstructions: (text: string): void => setDraft((d) => ({ ...d, instructions: text })),
    update: (i: number, patch: Partial<Shot>): void =>
      setShots((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s))),
    moveShot: (from: number, to: number): void => setShots((l) => move(l, from, to)),
    addShot: (): void => setShots((l) => [...l, newShot()]),
    removeShot: (i: number): void =>
      replaceWithUndo({ ...draft, shots: draft.shots.filter((_, j) => j !== i) }, t('shotRemoved')),
    fromComposer,
    submit,
  };
}
