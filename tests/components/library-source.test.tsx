// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { LibraryView } from '@/components/library-view';
import type { Connection } from '@/lib/connections/schema';
import { connectionsItem } from '@/lib/connections/store';
import { SoraDb } from '@/lib/db/schema';
import type { LibraryItemRow } from '@/lib/library/rows';
import { call } from '@/lib/rpc/client';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));
const callMock = vi.mocked(call);

const VIDEOS = 'conn_00000000000000a1';
const TASKS = 'conn_00000000000000b2';
const key = { id: 'key_0000000000000001', masked: 'sk-…abcd', addedAt: 1, setAside: null };
const base: Pick<Connection, 'concurrency' | 'authHeader' | 'keyStorage' | 'keys' | 'createdAt'> = {
  concurrency: 2,
  authHeader: 'bearer',
  keyStorage: 'local',
  keys: [key],
  createdAt: 1,
};
const connections: Connection[] = [
  { ...base, id: VIDEOS, kind: 'videos-api', baseUrl: 'https://gw.example.com/v1', name: 'Gateway' },
  { ...base, id: TASKS, kind: 'task-api', baseUrl: 'https://tasks.example.com/api/v1/sora2', name: 'Tasks' },
];

const row = (id: string, source: string, kind: LibraryItemRow['kind']): LibraryItemRow => ({
  id,
  kind,
  source,
  origin: 'elsewhere',
  prompt: `prompt of ${id}`,
  model: null,
  createdAt: 1_800_000_000_000,
  durationS: 4,
  width: null,
  height: null,
  generationId: id,
  noFileReason: null,
  parameters: {},
  thumbnail: null,
  seenScan: 's',
  goneAt: null,
});

let db: SoraDb;
const picker = () => screen.getByTestId('library-source') as HTMLSelectElement;
const shownIds = () => screen.queryAllByTestId('library-item').map((el) => el.getAttribute('data-item-id'));

describe('the library source picker', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    callMock.mockReset();
    callMock.mockResolvedValue({ runId: 'r', scanId: 's', error: null } as never);
    await connectionsItem.setValue(connections);
    db = new SoraDb(`library-view-${crypto.randomUUID()}`);
    await db.libraryItems.bulkPut([row('gen_a', 'sora-session', 'draft'), row('video_b', VIDEOS, 'video')]);
  });
  afterEach(() => {
    cleanup();
    db.close();
  });

  it('offers the Sora session first and only connections with a list; shows and backs up the chosen one', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    render(<LibraryView db={db} />);
    await waitFor(() => expect([...picker().options].map((o) => o.value)).toEqual(['sora-session', VIDEOS]));
    await waitFor(() => expect(shownIds()).toEqual(['gen_a']));
    fireEvent.change(picker(), { target: { value: VIDEOS } });
    await waitFor(() => expect(shownIds()).toEqual(['video_b']));
    expect(screen.queryByTestId('library-needs-permission')).toBeNull();
    fireEvent.click(screen.getByTestId('backup-start'));
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('backupStart', {
        source: VIDEOS,
        layout: 'date',
        pace: 'polite',
        itemIds: [],
      }),
    );
    fireEvent.click(screen.getByTestId('library-refresh'));
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('libraryRefresh', { source: VIDEOS }));
  });

  it('says so when the connection has no host permission, and Grant asks for its origin', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    callMock.mockResolvedValue({ scanId: null, error: 'This browser has not granted access' } as never);
    render(<LibraryView db={db} />);
    await waitFor(() => expect([...picker().options].map((o) => o.value)).toContain(VIDEOS));
    expect(screen.queryByTestId('library-needs-permission')).toBeNull(); // the Sora session needs none
    fireEvent.change(picker(), { target: { value: VIDEOS } });
    await waitFor(() =>
      expect(screen.getByTestId('library-needs-permission').textContent).toMatch(/Gateway/),
    );
    fireEvent.click(screen.getByTestId('library-refresh'));
    await waitFor(() => expect(screen.getByText(/has not granted access/)).toBeTruthy());
    fireEvent.click(screen.getByTestId('library-grant'));
    await waitFor(() => expect(request).toHaveBeenCalledWith({ origins: ['https://gw.example.com/*'] }));
    await waitFor(() => expect(screen.queryByTestId('library-needs-permission')).toBeNull());
  });
});
