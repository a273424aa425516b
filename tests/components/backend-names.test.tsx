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

describe('gallery items made on a connection', () => {
  const TASKS = 'conn_00000000000000b2';
  const DAY = 24 * 60 * 60 * 1000;
  let db: SoraDb;
  let n = 0;
  const result = (jobId: string, taskId: string, mediaExpiresAt: number | null) => ({
    jobId,
    kind: 'video' as const,
    taskId,
    generationId: null,
    mediaExpiresAt,
    downloadId: 1,
    fileName: `${jobId}.mp4`,
    thumbnail: null,
    text: null,
    createdAt: 1,
  });
  const connection = (id: string, kind: 'videos-api' | 'task-api', name: string) => ({
    id,
    kind,
    baseUrl: `https://${name.toLowerCase()}.example.com/v1`,
    name,
    concurrency: 2,
    authHeader: 'bearer' as const,
    keyStorage: 'local' as const,
    keys: [{ id: 'key_0000000000000001', masked: 'sk-…abcd', addedAt: 1, setAside: null }],
    createdAt: 1,
  });

  beforeEach(async () => {
    fakeBrowser.reset();
    await connectionsItem.setValue([
      connection(GATEWAY, 'videos-api', 'Gateway'),
      connection(TASKS, 'task-api', 'Tasks'),
    ]);
    db = openDb(`gallery-connections-${n++}`);
    const now = Date.now();
    await db.jobs.bulkAdd([
      makeJob({ id: 'job-gw', seq: 1, status: 'completed', backendId: GATEWAY, taskId: 'video_68d7aa01' }),
      makeJob({ id: 'job-task', seq: 2, status: 'completed', backendId: TASKS, taskId: 'sora2_task_1' }),
      makeJob({ id: 'job-old', seq: 3, status: 'completed', backendId: TASKS, taskId: 'sora2_task_2' }),
      makeJob({
        id: 'job-sora',
        seq: 4,
        status: 'completed',
        generationId: 'gen_01k0000000000000000000000a',
      }),
    ]);
    await db.results.bulkAdd([
      result('job-gw', 'video_68d7aa01', null),
      result('job-task', 'sora2_task_1', now + 10 * DAY - 60_000),
      result('job-old', 'sora2_task_2', now - DAY),
      // A Sora link's signature expires; the video does not: no note.
      result('job-sora', 't', now + DAY),
    ]);
  });
  afterEach(async () => {
    cleanup();
    await db.delete();
  });

  const item = (jobId: string) =>
    screen.getAllByTestId('gallery-item').find((el) => el.dataset.jobId === jobId)!;

  it('say when the service deletes its copy, and what can no longer be done once it has', async () => {
    render(
      <WorkspaceContext.Provider value={createWorkspace()}>
        <GalleryView db={db} />
      </WorkspaceContext.Provider>,
    );
    await waitFor(() =>
      expect(item('job-task').querySelector('[data-testid="gallery-expires"]')).not.toBeNull(),
    );
    const kept = item('job-task').querySelector('[data-testid="gallery-expires"]')!;
    expect(kept.textContent).toMatch(
      /^Tasks keeps this video until .+, for 10 more days; your saved file stays\.$/,
    );
    expect(
      (item('job-task').querySelector('[data-testid="gallery-redownload"]') as HTMLButtonElement).disabled,
    ).toBe(false);
    const gone = item('job-old').querySelector('[data-testid="gallery-expires"]') as HTMLElement;
    expect(gone.dataset.gone).toBe('true');
    expect(gone.textContent).toMatch(/^Tasks deleted this video on /);
    for (const id of ['gallery-redownload', 'gallery-open', 'gallery-preview'])
      expect((item('job-old').querySelector(`[data-testid="${id}"]`) as HTMLButtonElement).disabled).toBe(
        true,
      );
    expect(item('job-sora').querySelector('[data-testid="gallery-expires"]')).toBeNull();
    expect(item('job-gw').querySelector('[data-testid="gallery-expires"]')).toBeNull();
  });

  it('remix a Videos API video on the connection that made it; a task API result offers no remix', async () => {
    const ws = createWorkspace();
    render(
      <WorkspaceContext.Provider value={ws}>
        <GalleryView db={db} />
      </WorkspaceContext.Provider>,
    );
    await waitFor(() => expect(item('job-gw').querySelector('[data-testid="gallery-remix"]')).not.toBeNull());
    expect(item('job-task').querySelector('[data-testid="gallery-remix"]')).toBeNull();
    (item('job-gw').querySelector('[data-testid="gallery-remix"]') as HTMLButtonElement).click();
    expect(ws.backend.backend.value).toBe(GATEWAY);
    expect(ws.draft.value).toBe('video_68d7aa01 ');
    expect(ws.view.value).toBe('compose');
    (item('job-sora').querySelector('[data-testid="gallery-remix"]') as HTMLButtonElement).click();
    // A Sora video is remixed on the Sora session, by its draft link.
    expect(ws.backend.backend.value).toBe('sora');
    expect(ws.draft.value).toBe('https://sora.chatgpt.com/d/gen_01k0000000000000000000000a ');
  });
});
