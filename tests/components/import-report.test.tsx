// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { BatchView } from '@/components/batch-view';
import { ImportReport } from '@/components/import-report';
import { call } from '@/lib/rpc/client';
import { resetDraftMemory } from '@/lib/ui/drafts';
import { createWorkspace, WorkspaceContext } from '@/lib/ui/workspace';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));
const callMock = vi.mocked(call);

function renderBatch() {
  render(
    <WorkspaceContext.Provider value={createWorkspace()}>
      <BatchView />
    </WorkspaceContext.Provider>,
  );
}

const CSV = 'prompt,model\nA kitten,\n{nope}A dog,\nA bird,not-a-model\nA fox,sora2-portrait-10s\n';

describe('ImportReport', () => {
  afterEach(cleanup);

  it('lists every rejected row with its line number and reason', () => {
    render(
      <ImportReport
        report={{
          phase: 'done',
          source: 'prompts.csv',
          jobs: 2,
          rejected: [{ line: 3, reason: 'Unknown style "nope".', raw: '{nope}A dog,' }],
          warnings: [],
        }}
      />,
    );
    expect(screen.getByTestId('import-report').dataset.phase).toBe('done');
    expect(screen.getByTestId('report-count').textContent).toBe('Queued 2 jobs from prompts.csv.');
    const row = screen.getByTestId('report-rejected');
    expect(row.dataset.line).toBe('3');
    expect(row.textContent).toMatch(/Line 3.*Unknown style "nope"/);
  });
});

describe('BatchView import', () => {
  beforeEach(() => {
    resetDraftMemory();
    fakeBrowser.reset();
    callMock.mockReset();
  });
  afterEach(cleanup);

  it('previews a file before queueing, then shows what the background queued', async () => {
    renderBatch();
    const file = new File([CSV], 'prompts.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
    const preview = await screen.findByTestId('import-report');
    expect(preview.dataset.phase).toBe('preview');
    expect(screen.getByTestId('report-count').dataset.value).toBe('2');
    expect(screen.getAllByTestId('report-rejected').map((r) => r.dataset.line)).toEqual(['3', '4']);
    expect(callMock).not.toHaveBeenCalledWith('importFile', expect.anything()); // nothing queued before confirm

    callMock.mockResolvedValue({
      ids: ['a', 'b'],
      rejected: [{ line: 3, reason: 'Unknown style "nope".', raw: '', code: 'unknown_style' }],
      warnings: [],
    } as never);
    fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(screen.getByTestId('import-report').dataset.phase).toBe('done'));
    expect(callMock).toHaveBeenCalledWith('importFile', {
      fileName: 'prompts.csv',
      text: CSV,
      model: 'sora2-landscape-10s',
    });
    expect(screen.getByTestId('report-count').dataset.value).toBe('2');
  });

  it('expands templates in pasted lines and keeps the rejected ones in the box with their reasons', async () => {
    renderBatch();
    fireEvent.input(screen.getByTestId('batch-input'), {
      target: { value: 'A {{animal: cat | dog}} runs\n\n{nope} broken' },
    });
    await waitFor(() => expect(screen.getByTestId('report-count').dataset.value).toBe('2'));
    callMock.mockResolvedValue({
      ids: ['a', 'b'],
      rejected: [{ index: 2, code: 'unknown_style', message: 'Unknown style "nope".' }],
      warnings: [],
    } as never);
    fireEvent.click(screen.getByTestId('batch-submit'));
    await waitFor(() => expect(screen.getByTestId('import-report').dataset.phase).toBe('done'));
    expect(callMock).toHaveBeenCalledWith('enqueue', {
      items: [
        { text: 'A cat runs', model: 'sora2-landscape-10s' },
        { text: 'A dog runs', model: 'sora2-landscape-10s' },
        { text: '{nope} broken', model: 'sora2-landscape-10s' },
      ],
      source: 'paste',
    });
    // The rejected line stays in the box to fix, numbered as it now stands there.
    expect((screen.getByTestId('batch-input') as HTMLTextAreaElement).value).toBe('{nope} broken');
    expect(screen.getByTestId('report-rejected').dataset.line).toBe('1');
    expect(screen.getByTestId('report-rejected').textContent).toContain('Unknown style "nope".');
  });

  it('keeps the pasted text and a picked file across unmounting (a tab switch) and from storage', async () => {
    const first = render(
      <WorkspaceContext.Provider value={createWorkspace()}>
        <BatchView />
      </WorkspaceContext.Provider>,
    );
    fireEvent.input(screen.getByTestId('batch-input'), { target: { value: 'One\nTwo' } });
    first.unmount();
    renderBatch();
    expect((screen.getByTestId('batch-input') as HTMLTextAreaElement).value).toBe('One\nTwo');
    cleanup();
    // A reopened panel (fresh page memory) reads the draft back from storage.local.
    resetDraftMemory();
    renderBatch();
    await waitFor(() =>
      expect((screen.getByTestId('batch-input') as HTMLTextAreaElement).value).toBe('One\nTwo'),
    );
  });
});
