import { t } from '@/lib/ui/i18n';

/** A question to confirm before something that cannot simply be taken back. */
export interface ConfirmRequest {
  question: string;
  accept: string;
  onAccept: () => void;
}

/** The question, with `confirm-accept` and `confirm-cancel`. */
export function ConfirmBar(props: { request: ConfirmRequest | null; onClose: () => void }) {
  const { request, onClose } = props;
  if (!request) return null;
  return (
    <div class="confirm row between" role="alertdialog" aria-label={request.question}>
      <span>{request.question}</span>
      <span class="row">
        <button type="button" data-testid="confirm-cancel" onClick={onClose}>
          {t('confirmKeep')}
        </button>
        <button
          type="button"
          class="danger"
          data-testid="confirm-accept"
          onClick={() => {
            onClose();
            request.onAccept();
          }}
        >
          {request.accept}
        </button>
      </span>
    </div>
  );
}
