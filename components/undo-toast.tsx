import { useEffect } from 'preact/hooks';
import { t } from '@/lib/ui/i18n';

/** How long an undo stays offered (the UI contract asks for at least 5 s). */
export const UNDO_MS = 8_000;

/** What can be undone: the message shown and the function that brings it back. */
export interface UndoOffer {
  message: string;
  undo: () => void;
}

/** "… Undo" for a few seconds after a destructive action; clicking brings back what was removed. */
export function UndoToast(props: { offer: UndoOffer | null; onDone: () => void }) {
  const { offer, onDone } = props;
  useEffect(() => {
    if (!offer) return;
    const timer = setTimeout(onDone, UNDO_MS);
    return () => clearTimeout(timer);
  }, [offer]);
  if (!offer) return null;
  return (
    <div class="toast row between" role="status">
      <span>{offer.message}</span>
      <button
        type="button"
        data-testid="undo"
        onClick={() => {
          offer.undo();
          onDone();
        }}
      >
        {t('undo')}
      </button>
    </div>
  );
}
