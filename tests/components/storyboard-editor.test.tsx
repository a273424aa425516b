// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { StoryboardEditor } from '@/components/storyboard-editor';
import { call } from '@/lib/rpc/client';
import { resetDraftMemory } from '@/lib/ui/drafts';
import { createWorkspace, type Workspace, WorkspaceContext } from '@/lib/ui/workspace';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));

function renderEditor(ws: Workspace = createWorkspace()) {
  render(
    <WorkspaceContext.Provider value={ws}>
      <StoryboardEditor />
    </WorkspaceContext.Provider>,
  );
  return ws;
}

const shots = () => screen.getAllByTestId('storyboard-shot');
const durations = () => screen.getAllByTestId('shot-duration') as HTMLInputElement[];
const texts = () => screen.getAllByTestId('shot-prompt') as HTMLTextAreaElement[];

describe('StoryboardEditor', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetDraftMemory();
  });
  afterEach(cleanup);

  it('adds shots, keeps a running total against the model and previews the backend prompt', () => {
    renderEditor();
    fireEvent.input(texts()[0]!, { target: { value: 'A cat jumps' } });
    fireEvent.click(screen.getByTestId('storyboard-add-shot'));
    expect(shots()).toHaveLength(2);
    fireEvent.input(durations()[1]!, { target: { value: '2.5' } });
    fireEvent.input(texts()[1]!, { target: { value: 'It lands' } });
    expect(screen.getByTestId('storyboard-total').textContent).toBe('7.5 s of 10 s');
    expect(screen.getByTestId('storyboard-preview').textContent).toBe(
      'Shot 1:\nduration: 5.0sec\nScene: A cat jumps\n\nShot 2:\nduration: 2.5sec\nScene: It lands',
    );
  });

  it('flags a total over the model and says which longer model it moves to', () => {
    renderEditor();
    fireEvent.input(durations()[0]!, { target: { value: '12' } });
    fireEvent.input(texts()[0]!, { target: { value: 'A long shot' } });
    const total = screen.getByTestId('storyboard-total');
    expect(total.textContent).toBe('12 s of 10 s');
    expect(total.className).toBe('error');
    expect(screen.getByText(/queued as a 15 s storyboard/)).toBeTruthy();
  });

  it('reorders and removes shots', () => {
    renderEditor();
    fireEvent.input(texts()[0]!, { target: { value: 'first' } });
    fireEvent.click(screen.getByTestId('storyboard-add-shot'));
    fireEvent.input(texts()[1]!, { target: { value: 'second' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Move up' })[1]!);
    expect(texts().map((t) => t.value)).toEqual(['second', 'first']);
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove shot' })[0]!);
    expect(texts().map((t) => t.value)).toEqual(['first']);
  });

  it('loads shots from the composer prompt', () => {
    const ws = createWorkspace();
    ws.draft.value = 'Moody light [3.0s]Door opens [4.5s]A figure enters';
    renderEditor(ws);
    fireEvent.click(screen.getByRole('button', { name: 'Load from prompt' }));
    expect(texts().map((t) => t.value)).toEqual(['Door opens', 'A figure enters']);
    expect(durations().map((d) => d.value)).toEqual(['3', '4.5']);
  });

  it('queues the shots as one storyboard job with the chosen model', async () => {
    vi.mocked(call).mockResolvedValue({ ids: ['j1'], rejected: [], warnings: [] } as never);
    renderEditor();
    fireEvent.input(texts()[0]!, { target: { value: 'A cat' } });
    fireEvent.click(screen.getByTestId('storyboard-submit'));
    await waitFor(() => expect(vi.mocked(call)).toHaveBeenCalledTimes(1));
    const [method, params] = vi.mocked(call).mock.calls[0]!;
    expect(method).toBe('enqueue');
    expect((params as { items: { text: string }[] }).items[0]!.text).toMatch(/\[\d+(\.\d+)?s\]\s*A cat/);
  });

  it('clears only once queued, and Undo brings the shots back; a refused board stays', async () => {
    vi.mocked(call).mockResolvedValueOnce({
      ids: [],
      rejected: [{ index: 0, code: 'unknown_style', message: 'Refused.' }],
      warnings: [],
    } as never);
    renderEditor();
    fireEvent.input(texts()[0]!, { target: { value: 'A cat' } });
    fireEvent.click(screen.getByTestId('storyboard-submit'));
    await waitFor(() => expect(screen.getByTestId('composer-error').textContent).toBe('Refused.'));
    expect(texts()[0]!.value).toBe('A cat');
    vi.mocked(call).mockResolvedValueOnce({ ids: ['j1'], rejected: [], warnings: [] } as never);
    fireEvent.click(screen.getByTestId('storyboard-submit'));
    await waitFor(() => expect(texts()[0]!.value).toBe(''));
    fireEvent.click(screen.getByTestId('undo'));
    expect(texts()[0]!.value).toBe('A cat');
  });

  it('offers Undo after removing a shot', () => {
    renderEditor();
    fireEvent.input(texts()[0]!, { target: { value: 'keep me' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove shot' })[0]!);
    expect(screen.queryAllByTestId('storyboard-shot')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('undo'));
    expect(texts().map((t) => t.value)).toEqual(['keep me']);
  });
});
