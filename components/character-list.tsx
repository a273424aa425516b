import { useEffect, useState } from 'preact/hooks';
import type { CharacterRow, SoraDb } from '@/lib/db/schema';
import { t } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';
import { useWorkspace } from '@/lib/ui/workspace';

/** A saved avatar as an object URL for as long as the row is shown. */
function useBlobUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return undefined;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

function CharacterItem(props: { character: CharacterRow; onPick: (username: string) => void }) {
  const { character } = props;
  const avatar = useBlobUrl(character.avatar);
  return (
    <li data-testid="character-item" data-character-name={character.username} class="character">
      {avatar ? (
        <img src={avatar} alt="" width={32} height={32} />
      ) : (
        <span class="avatar-placeholder" aria-hidden="true" />
      )}
      <span class="grow">
        <strong>{character.displayName}</strong> <span class="muted">@{character.username}</span>
      </span>
      <button type="button" onClick={() => props.onPick(character.username)}>
        {t('characterUse')}
      </button>
    </li>
  );
}

/** The characters the user created; "Use" puts `@username` in the composer (docs/backend-facts.md §4.9). */
export function CharacterList(props: { db: SoraDb }) {
  const ws = useWorkspace();
  const characters = useLiveQuery(
    () => props.db.characters.orderBy('createdAt').reverse().toArray(),
    [props.db],
    [],
  );
  const pick = (username: string): void => {
    const mention = `@${username}`;
    if (!ws.draft.value.includes(mention)) ws.draft.value = `${mention} ${ws.draft.value}`.trimEnd();
  };
  return (
    <section class="characters" aria-label={t('charactersTitle')}>
      <h2>{t('charactersTitle')}</h2>
      {characters.length === 0 ? <p class="muted">{t('charactersEmpty')}</p> : null}
      <ul class="plain">
        {characters.map((character) => (
          <CharacterItem key={character.characterId} character={character} onPick={pick} />
        ))}
      </ul>
    </section>
  );
}
