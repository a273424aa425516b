// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Composer } from '@/components/composer';
import { call } from '@/lib/rpc/client';
import { createWorkspace, type Workspace, WorkspaceContext } from '@/lib/ui/workspace';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));
const callMock = vi.mocked(call);

function renderComposer(ws: Workspace = createWorkspace()) {
  render(
    <WorkspaceContext.Provider value={ws}>
      <Composer />
    </WorkspaceContext.Provider>,
  );
  return ws;
}

const prompt = (): HTMLTextAreaElement => screen.getByTestId('prompt-input') as HTMLTextAreaElement;

describe('Composer', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    callMock.mockReset();
  });
  afterEach(cleanup);

  it('queues the prompt with the chosen model on Ctrl+Enter and clears the box', async () => {
    callMock.mockResolvedValue({ ids: ['j1'], rejected: [], warnings: [] } as never);
    renderComposer();
    fireEvent.change(screen.getByTestId('model-select'), { target: { value: 'sora2-portrait-15s' } });
    fireEvent.input(prompt(), { target: { value: 'A paper boat on a stream' } });
    fireEvent.keyDown(prompt(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(prompt().value).toBe(''));
    expect(callMock).toHaveBeenCalledWith('enqueue', {
      items: [{ text: 'A paper boat on a stream', model: 'sora2-portrait-15s' }],
      source: 'composer',
    });
  });

  it('explains an unknown style with close matches and sends nothing', async () => {
    renderComposer();
    fireEvent.input(prompt(), { target: { value: '{anmie} A kitten' } });
    fireEvent.click(screen.getByTestId('submit'));
    const error = await screen.findByTestId('composer-error');
    expect(error.textContent).toMatch(/Unknown style "anmie".*anime/);
    expect(callMock).not.toHaveBeenCalled();
  });

  it('queues a storyboard prompt like any other, with the copies asked for', async () => {
    callMock.mockResolvedValue({ ids: ['j1', 'j2'], rejected: [], warnings: [] } as never);
    renderComposer();
    fireEvent.input(prompt(), { target: { value: '[5.0s]A cat jumps [5.0s]It lands' } });
    fireEvent.change(screen.getByTestId('count-input'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('enqueue', {
        items: [{ text: '[5.0s]A cat jumps [5.0s]It lands', model: 'sora2-landscape-10s', count: 2 }],
        source: 'composer',
      }),
    );
  });

  it('creates a character from a video with no prompt', async () => {
    callMock.mockResolvedValue({ ids: ['c1'], rejected: [], warnings: [] } as never);
    renderComposer();
    const file = new File(['video bytes'], 'me.mp4', { type: 'video/mp4' });
    fireEvent.change(screen.getByTestId('video-input'), { target: { files: [file] } });
    await waitFor(() => expect(screen.getByText(/me\.mp4/)).toBeTruthy());
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() => expect(callMock).toHaveBeenCalledTimes(1));
    const params = callMock.mock.calls[0]![1] as {
      items: { text: string; characterVideo?: { mime: string } }[];
    };
    expect(params.items[0]).toMatchObject({ text: '', characterVideo: { mime: 'video/mp4' } });
  });

  it('shows the reason the background gives for a rejected prompt', async () => {
    callMock.mockResolvedValue({
      ids: [],
      rejected: [{ index: 0, code: 'x', message: 'Refused by the queue.' }],
      warnings: [],
    } as never);
    renderComposer();
    fireEvent.input(prompt(), { target: { value: 'A kitten' } });
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('composer-error')).textContent).toBe('Refused by the queue.');
    expect(prompt().value).toBe('A kitten');
  });

  it('offers live styles after "{" and inserts the chosen one', async () => {
    const ws = createWorkspace();
    ws.styles.value = ['anime', 'archival', 'retro'];
    renderComposer(ws);
    const box = prompt();
    box.value = '{an';
    box.setSelectionRange(3, 3);
    fireEvent.input(box);
    const options = await screen.findAllByTestId('style-option');
    expect(options.map((o) => o.textContent)).toEqual(['{anime}']);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(ws.draft.value).toBe('{anime}');
  });

  it('highlights style tags, shots and remix links behind the text', () => {
    const ws = createWorkspace();
    ws.draft.value = `{anime} A cat s_${'a'.repeat(32)}`;
    const { container } = render(
      <WorkspaceContext.Provider value={ws}>
        <Composer />
      </WorkspaceContext.Provider>,
    );
    const marks = [...container.querySelectorAll('.prompt-backdrop mark')].map((m) => m.className);
    expect(marks).toEqual(['tok-style', 'tok-remix']);
  });

  it('marks Pro models when the plan lacks Pro, and not when it has it', () => {
    const ws = createWorkspace();
    ws.plan.value = 'chatgpt_plus';
    renderComposer(ws);
    const option = (name: string) => screen.getByRole('option', { name: new RegExp(`^${name}`) }).textContent;
    expect(option('sora2pro-landscape-10s')).toMatch(/needs Pro/);
    expect(option('sora2-landscape-10s')).not.toMatch(/needs Pro/);
    cleanup();
    ws.plan.value = 'chatgpt_pro';
    renderComposer(ws);
    expect(option('sora2pro-landscape-10s')).not.toMatch(/needs Pro/);
  });

  it('sends an attached image with the prompt', async () => {
    callMock.mockResolvedValue({ ids: ['j1'], rejected: [], warnings: [] } as never);
    const ws = createWorkspace();
    const image = {
      source: 'data' as const,
      url: 'data:image/png;base64,AAAA',
      mime: 'image/png',
      approxBytes: 3,
    };
    ws.images.value = [image];
    renderComposer(ws);
    fireEvent.input(prompt(), { target: { value: 'Make it move' } });
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('enqueue', {
        items: [{ text: 'Make it move', model: 'sora2-landscape-10s', images: [image] }],
        source: 'composer',
      }),
    );
  });

  it('asks for a linked image’s site in the click, and explains a refusal without queuing', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    const ws = createWorkspace();
    ws.images.value = [
      { source: 'url', url: 'https://images.example/cat.png', mime: 'image/*', approxBytes: null },
    ];
    renderComposer(ws);
    fireEvent.input(prompt(), { target: { value: 'Make it move' } });
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('composer-error')).textContent).toMatch(/drop the file/);
    expect(request).toHaveBeenCalledWith({ origins: ['https://images.example/*'] });
    expect(callMock).not.toHaveBeenCalled();
    request.mockResolvedValue(true);
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() => expect(callMock).toHaveBeenCalledTimes(1));
  });
});
