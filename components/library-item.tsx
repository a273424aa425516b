import { useEffect, useState } from 'preact/hooks';
import type { LibraryItemRow, LibraryKind } from '@/lib/library/rows';
import { type MessageKey, t } from '@/lib/ui/i18n';

const KIND_LABEL: Record<LibraryKind, MessageKey> = {
  draft: 'libraryKindDraft',
  post: 'libraryKindPost',
  character: 'libraryKindCharacter',
  video: 'libraryKindVideo',
};

/** One item the account holds (UI contract `library-item`), with its still, prompt and details. */
export function LibraryItem(props: {
  item: LibraryItemRow;
  selected: boolean;
  onToggle: (id: string) => void;
}) {
  const { item } = props;
  const [thumb, setThumb] = useState<string | null>(null);
  useEffect(() => {
    if (!item.thumbnail) return;
    const url = URL.createObjectURL(item.thumbnail);
    setThumb(url);
    return () => URL.revokeObjectURL(url);
  }, [item.thumbnail]);
  const details = [
    t(KIND_LABEL[item.kind]),
    item.model,
    item.createdAt ? new Date(item.createdAt).toLocaleDateString() : null,
    item.durationS ? `${Math.round(item.durationS)} s` : null,
    item.origin === 'here' ? t('libraryOriginHere') : null,
  ].filter(Boolean);
  return (
    <li
      class="library-item"
      data-testid="library-item"
      data-item-id={item.id}
      data-kind={item.kind}
      data-origin={item.origin}
    >
      <input
        type="checkbox"
        data-testid="library-select"
        aria-label={item.prompt || item.id}
        checked={props.selected}
        onChange={() => props.onToggle(item.id)}
      />
      <span class="poster">{thumb ? <img src={thumb} alt="" /> : <span aria-hidden="true">▶</span>}</span>
      <div>
        <p class="job-prompt" title={item.prompt}>
          {item.prompt || item.id}
        </p>
        <p class="muted">{details.join(' · ')}</p>
        {item.noFileReason && <p class="muted">{t('libraryNoFile', item.noFileReason)}</p>}
      </div>
    </li>
  );
}
