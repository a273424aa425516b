// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { JobRow, type RowActions } from '@/components/job-row';
import { QueueView } from '@/components/queue-view';
import { openDb, type SoraDb } from '@/lib/db/schema';
import { call } from '@/lib/rpc/client';
import { createWorkspace, WorkspaceContext } from '@/lib/ui/workspace';
import { makeJob } from '../helpers/jobs';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn(async () => ({ changed: 1 })) }));

function actions(): RowActions {
  return {
    retry: vi.fn(),
    cancel: vi.fn(),
    edit: vi.fn(),
    select: vi.fn(),
    dropBefore: vi.fn(),
    nudge: vi.fn(),
  };
}

describe('JobRow', () => {
  afterEach(cleanup);

  it('shows a failed job with its reason, Retry enabled, Cancel disabled, and Edit', () => {
    const job = makeJob({
      status: 'failed',
      error: { code: 'content_policy', message: 'Sora refused this prompt.' },
    });
    const a = actions();
    render(<JobRow job={job} now={2_000} selected={false} actions={a} />);
    const row = screen.getByTestId('job-row');
    expect(row.dataset.status).toBe('failed');
    expect(row.dataset.jobId).toBe(job.id);
    expect(screen.getByTestId('job-error').textContent).toBe('Sora refused this prompt.');
    expect((screen.getByTestId('job-cancel') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('job-retry'));
    expect(a.retry).toHaveBeenCalledWith(job.id);
    fireEvent.click(screen.getByTestId('job-edit'));
    expect(a.edit).toHaveBeenCalledWith(job);
  });

  it('offers "Send again" (not Retry) for a create lost on a backend that cannot look it up', () => {
    const lost = makeJob({
      status: 'failed',
      backendId: 'conn-tasks',
      error: { code: 'lost_create', message: 'The answer to this request was lost … use Send again.' },
    });
    const a = actions();
    render(<JobRow job={lost} now={2_000} selected={false} actions={a} />);
    const button = screen.getByTestId('job-retry');
    expect(button.textContent).toBe('Send again');
    fireEvent.click(button);
    expect(a.retry).toHaveBeenCalledWith(lost.id);
    cleanup();
    render(
      <JobRow
        job={makeJob({ status: 'failed', error: { code: 'generation_failed', message: 'It failed.' } })}
        now={2_000}
        selected={false}
        actions={actions()}
      />,
    );
    expect(screen.getByTestId('job-retry').textContent).toBe('Retry');
  });

  it('maps internal states to the contract status and shows progress', () => {
    render(
      <JobRow
        job={makeJob({ status: 'ready', progress: 100, taskId: 't' })}
        now={0}
        selected={false}
        actions={actions()}
      />,
    );
    expect(screen.getByTestId('job-row').dataset.status).toBe('downloading');
    expect(screen.getByTestId('job-progress').dataset.value).toBe('100');
    expect(screen.queryByTestId('job-edit')).toBeNull(); // already sent to Sora
    expect((screen.getByTestId('job-retry') as HTMLButtonElement).disabled).toBe(true);
  });

  it('counts down to the limit reset while waiting for it', () => {
    const job = makeJob({ status: 'waiting_limit', waitUntil: 3_725_000 });
    render(<JobRow job={job} now={0} selected={false} actions={actions()} />);
    expect(screen.getByTestId('job-row').textContent).toContain('resets in 1:02:05');
  });

  it('reorders with Alt+Arrow only while the job is still waiting to run', () => {
    const a = actions();
    render(<JobRow job={makeJob()} now={0} selected={false} actions={a} />);
    fireEvent.keyDown(screen.getByTestId('job-cancel'), { key: 'ArrowUp', altKey: true });
    expect(a.nudge).toHaveBeenCalledWith(expect.objectContaining({ status: 'queued' }), -1);
  });

  it('says plainly when Sora made two videos for one job, and when both are saved', () => {
    const extra = {
      taskId: 'task_1',
      foundAt: 1,
      state: 'downloading' as const,
      generationId: 'gen_1',
      download: { fileName: 'x_2.mp4', downloadId: 4 },
      attempts: 0,
      error: null,
    };
    const job = makeJob({ status: 'downloading', taskId: 'task_2', extras: [extra] });
    const { rerender } = render(<JobRow job={job} now={0} selected={false} actions={actions()} />);
    const note = screen.getByTestId('job-note');
    expect(note.dataset.noteState).toBe('saving');
    expect(note.dataset.results).toBe('2');
    expect(note.textContent).toMatch(/^Sora made 2 videos for this job/);
    const done = {
      ...job,
      status: 'completed' as const,
      extras: [{ ...extra, state: 'completed' as const }],
    };
    rerender(<JobRow job={done} now={0} selected={false} actions={actions()} />);
    expect(screen.getByTestId('job-note').textContent).toBe(
      'Sora made 2 videos for this job; all were saved.',
    );
    rerender(<JobRow job={makeJob({ status: 'completed' })} now={0} selected={false} actions={actions()} />);
    expect(screen.queryByTestId('job-note')).toBeNull();
  });
});

describe('QueueView with 10,000 jobs', () => {
  let db: SoraDb;
  let n = 0;
  beforeEach(async () => {
    fakeBrowser.reset();
    // happy-dom has no layout: give the scroll container the size of a side panel.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400);
    db = openDb(`queue-view-test-${n++}`);
    const statuses = ['completed', 'failed', 'queued', 'generating'] as const;
    await db.jobs.bulkAdd(
      Array.from({ length: 10_000 }, (_, i) =>
        makeJob({
          id: `job-${String(i).padStart(5, '0')}`,
          seq: i + 1,
          status: statuses[i % 4]!,
          input: { text: `Prompt number ${i}`, model: 'sora2-landscape-10s' },
        }),
      ),
    );
  }, 30_000);
  afterEach(async () => {
    cleanup();
    await db.delete();
  });

  function renderQueue() {
    render(
      <WorkspaceContext.Provider value={createWorkspace()}>
        <QueueView db={db} />
      </WorkspaceContext.Provider>,
    );
  }

  it('renders only the rows in view, newest first (or in queue order), and counts by status from the index', async () => {
    renderQueue();
    await waitFor(() => expect(screen.getAllByTestId('job-row').length).toBeGreaterThan(0));
    const rows = screen.getAllByTestId('job-row');
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.dataset.jobId).toBe('job-09999'); // where new jobs land
    fireEvent.change(screen.getByTestId('queue-order'), { target: { value: 'queue' } });
    await waitFor(() => expect(screen.getAllByTestId('job-row')[0]!.dataset.jobId).toBe('job-00000'));
    const filter = screen.getByTestId('queue-filter') as HTMLSelectElement;
    await waitFor(() => expect(filter.options[0]!.textContent).toBe('All (10000)'));
    expect([...filter.options].find((o) => o.value === 'failed')!.textContent).toBe('Failed (2500)');
  });

  it('filters by status and searches prompts', async () => {
    renderQueue();
    fireEvent.change(screen.getByTestId('queue-filter'), { target: { value: 'failed' } });
    await waitFor(() => expect(screen.getAllByTestId('job-row')[0]!.dataset.jobId).toBe('job-09997'));
    expect(screen.getAllByTestId('job-row').every((r) => r.dataset.status === 'failed')).toBe(true);
    fireEvent.input(screen.getByTestId('queue-search'), { target: { value: 'number 9997' } });
    await waitFor(
      () => expect(screen.getAllByTestId('job-row').map((r) => r.dataset.jobId)).toEqual(['job-09997']),
      {
        timeout: 15_000,
      },
    );
  }, 40_000);

  it('says when a search of only common words looked at the newest jobs only', async () => {
    renderQueue();
    fireEvent.input(screen.getByTestId('queue-search'), { target: { value: 'prompt number' } });
    await waitFor(() => expect(screen.getByTestId('queue-search-limited').textContent).toContain('2,000'), {
      timeout: 15_000,
    });
    await waitFor(() => expect(screen.getAllByTestId('job-row')[0]!.dataset.jobId).toBe('job-09999'));
    // A rarer word searches every job again: the note goes.
    fireEvent.input(screen.getByTestId('queue-search'), { target: { value: 'prompt number 1234' } });
    await waitFor(() => expect(screen.queryByTestId('queue-search-limited')).toBeNull(), { timeout: 15_000 });
    await waitFor(() =>
      expect(screen.getAllByTestId('job-row').map((r) => r.dataset.jobId)).toEqual(['job-01234']),
    );
  }, 40_000);

  it('bulk-selects the filtered jobs and retries them in one call', async () => {
    renderQueue();
    fireEvent.change(screen.getByTestId('queue-filter'), { target: { value: 'failed' } });
    await waitFor(() => expect(screen.getByTestId('bulk-bar').textContent).toContain('Select all 2500'));
    fireEvent.click(screen.getByTestId('select-all'));
    await waitFor(() => expect(screen.getByTestId('bulk-bar').textContent).toContain('2500 selected'));
    fireEvent.click(screen.getByTestId('bulk-retry'));
    await waitFor(() =>
      expect(vi.mocked(call)).toHaveBeenCalledWith('bulk', expect.objectContaining({ action: 'retry' })),
    );
    const params = vi.mocked(call).mock.calls.find((c) => c[0] === 'bulk')![1] as { ids: string[] };
    expect(params.ids).toHaveLength(2500);
  });

  it('hides finished jobs on request, and a selection drops what the filter no longer shows', async () => {
    renderQueue();
    fireEvent.click(screen.getByTestId('queue-hide-finished'));
    await waitFor(() =>
      expect(
        screen.getAllByTestId('job-row').every((r) => ['queued', 'generating'].includes(r.dataset.status!)),
      ).toBe(true),
    );
    fireEvent.click(screen.getByTestId('queue-hide-finished'));
    fireEvent.change(screen.getByTestId('queue-filter'), { target: { value: 'failed' } });
    await waitFor(() => expect(screen.getByTestId('bulk-bar').textContent).toContain('Select all 2500'));
    fireEvent.click(screen.getByTestId('select-all'));
    await waitFor(() => expect(screen.getByTestId('bulk-bar').textContent).toContain('2500 selected'));
    // Narrowing the search keeps only the selected jobs still shown.
    fireEvent.input(screen.getByTestId('queue-search'), { target: { value: 'number 9997' } });
    await waitFor(() => expect(screen.getByTestId('bulk-bar').textContent).toContain('1 selected'), {
      timeout: 15_000,
    });
  }, 30_000);

  it('asks before removing several jobs, and offers Undo afterwards', async () => {
    vi.mocked(call).mockClear();
    vi.mocked(call).mockImplementation((async (method: string) =>
      method === 'bulk'
        ? { changed: 2500, undoToken: '3f2a9c1e-0000-4000-8000-000000000000' }
        : { restored: 2500 }) as never);
    renderQueue();
    fireEvent.change(screen.getByTestId('queue-filter'), { target: { value: 'failed' } });
    await waitFor(() => expect(screen.getByTestId('bulk-bar').textContent).toContain('Select all 2500'));
    fireEvent.click(screen.getByTestId('select-all'));
    await waitFor(() => expect(screen.getByTestId('bulk-bar').textContent).toContain('2500 selected'));
    fireEvent.click(screen.getByTestId('bulk-remove'));
    expect(vi.mocked(call)).not.toHaveBeenCalledWith('bulk', expect.anything());
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-accept')).toBeNull();
    fireEvent.click(screen.getByTestId('bulk-remove'));
    fireEvent.click(screen.getByTestId('confirm-accept'));
    await waitFor(() => expect(screen.getByTestId('undo')).toBeTruthy());
    fireEvent.click(screen.getByTestId('undo'));
    await waitFor(() =>
      expect(vi.mocked(call)).toHaveBeenCalledWith('undoRemove', {
        token: '3f2a9c1e-0000-4000-8000-000000000000',
      }),
    );
  }, 30_000);
});
