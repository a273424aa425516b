// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CharacterList } from '@/components/character-list';
import { SoraDb } from '@/lib/db/schema';
import { createWorkspace, WorkspaceContext } from '@/lib/ui/workspace';

describe('CharacterList', () => {
  afterEach(cleanup);

  it('lists saved characters and puts @username in the composer once', async () => {
    const db = new SoraDb(`characters-${crypto.randomUUID()}`);
    await db.characters.add({
      characterId: 'ch_1',
      cameoId: 'c1',
      username: 'kitty123',
      displayName: 'Kitty',
      jobId: 'j1',
      avatar: null,
      createdAt: 1,
    });
    const ws = createWorkspace();
    ws.draft.value = 'dances on a roof';
    render(
      <WorkspaceContext.Provider value={ws}>
        <CharacterList db={db} />
      </WorkspaceContext.Provider>,
    );
    const item = await screen.findByTestId('character-item');
    expect(item.getAttribute('data-character-name')).toBe('kitty123');
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    expect(ws.draft.value).toBe('@kitty123 dances on a roof');
  });
});
