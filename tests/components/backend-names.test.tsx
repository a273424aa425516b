// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { GalleryView } from '@/components/gallery-view';
import { JobEditor } from '@/components/job-editor';
import { QueueView } from '@/components/queue-view';
import { connectionStatesItem } from '@/lib/connections/status';
import { connectionsItem } from '@/lib/connections/store';
import { openDb, type SoraDb } from '@/lib/db/schema';
import { createWorkspace, WorkspaceContext } from '@/lib/ui/workspace';
import { makeJob } from '../helpers/jobs';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn(async () => ({ changed: 1 })) }));

const GATEWAY = 'conn_00000000000000a1';

describe('each queue row and gallery item names its backend', () => {
  let db: SoraDb;
  let n = 0;
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400);
    await connectionsItem.setValue([
      {
        id: GATEWAY,
        kind: 'videos-api',
        baseUrl: 'https://gw.example.com/v1',
        name: 'Gateway',
        concurrency: 2,
        authHeader: 'bearer',
        keyStorage: 'local',
        keys: [{ id: 'key_0000000000000001', masked: 'sk-…abcd', addedAt: 1, setAside: null }],
        createdAt: 1,
      },
    ]);
    db = openDb(`backend-names-${n++}`);
    await db.jobs.bulkAdd([
      makeJob({ id: 'job-sora', seq: 1, status: 'completed' }),
      makeJob({ id: 'job-gw', seq: 2, status: 'completed', backendId: GATEWAY }),
      makeJob({ id: 'job-gone', seq: 3, status: 'completed', backendId: 'conn_00000000000000ff' }),
    ]);
  });
  afterEach(async () => {
    cleanup();
    await db.delete();
  });

  const show = (node: preact.ComponentChildren) =>
    render(<WorkspaceContext.Provider value={createWorkspace()}>{node}</WorkspaceContext.Provider>);

  it('in the queue', async () => {
    show(<QueueView db={db} />);
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(3));
    await waitFor(() => expect(screen.getAllByTestId('job-backend')[1]!.textContent).toBe('Gateway'));
    const rows = screen.getAllByTestId('job-row');
    expect(rows.map((r) => [r.dataset.jobId, r.dataset.backendId])).toEqual([
      ['job-gone', 'conn_00000000000000ff'],
      ['job-gw', GATEWAY],
      ['job-sora', 'sora'],
    ]);
    expect(screen.getAllByTestId('job-backend').map((el) => el.textContent)).toEqual([
      'Removed connection',
      'Gateway',
      'Sora',
    ]);
  });

  it('in the gallery', async () => {
    show(<GalleryView db={db} />);
    await waitFor(() => expect(screen.getAllByTestId('gallery-item')).toHaveLength(3));
    await waitFor(() =>
      expect(screen.getAllByTestId('gallery-facts')[1]!.textContent).toMatch(/^Gateway · /),
    );
    const items = screen.getAllByTestId('gallery-item');
    expect(items.map((r) => r.dataset.backendId)).toEqual(['conn_00000000000000ff', GATEWAY, 'sora']);
    expect(screen.getAllByTestId('gallery-facts')[2]!.textContent).toMatch(/^Sora · /);
  });
});

describe('the job editor on a connection job', () => {
  afterEach(cleanup);

  it("offers that connection's models, the job's own first, not Sora's", async () => {
    fakeBrowser.reset();
    await connectionsItem.setValue([
      {
        id: GATEWAY,
        kind: 'videos-api',
        baseUrl: 'https://gw.example.com/v1',
        name: 'Gateway',
        concurrency: 2,
        authHeader: 'bearer',
        keyStorage: 'local',
        keys: [{ id: 'key_0000000000000001', masked: 'sk-…abcd', addedAt: 1, setAside: null }],
        createdAt: 1,
      },
    ]);
    await connectionStatesItem.setValue({
      [GATEWAY]: { state: 'ready', reason: null, checkedAt: 1, models: ['veo-3.1-fast', 'kling-2.1'] },
    });
    const job = makeJob({ status: 'failed', backendId: GATEWAY });
    render(
      <JobEditor
        job={{ ...job, input: { ...job.input, model: 'kling-2.1' } }}
        plan={null}
        onClose={() => {}}
      />,
    );
    const select = screen.getByTestId('job-edit-model') as HTMLSelectElement;
    await waitFor(() =>
      expect([...select.options].map((o) => o.value)).toEqual(['kling-2.1', 'veo-3.1-fast']),
    );
    expect(select.value).toBe('kling-2.1');
  });
});
