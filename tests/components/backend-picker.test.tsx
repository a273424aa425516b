// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { BatchView } from '@/components/batch-view';
import { Composer } from '@/components/composer';
import { QuickComposer } from '@/components/quick-composer';
import { StoryboardEditor } from '@/components/storyboard-editor';
import type { Connection } from '@/lib/connections/schema';
import { connectionStatesItem } from '@/lib/connections/status';
import { connectionsItem } from '@/lib/connections/store';
import { call } from '@/lib/rpc/client';
import { createWorkspace, type Workspace, WorkspaceContext } from '@/lib/ui/workspace';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));
const callMock = vi.mocked(call);

const VIDEOS = 'conn_00000000000000a1';
const TASKS = 'conn_00000000000000b2';
const key = { id: 'key_0000000000000001', masked: 'sk-…abcd', addedAt: 1, setAside: null };
const connections: Connection[] = [
  {
    id: VIDEOS,
    kind: 'videos-api',
    baseUrl: 'https://gw.example.com/v1',
    name: 'Gateway',
    concurrency: 2,
    authHeader: 'bearer',
    keyStorage: 'local',
    keys: [key],
    createdAt: 1,
  },
  {
    id: TASKS,
    kind: 'task-api',
    baseUrl: 'https://tasks.example.com/api/v1/sora2',
    name: 'Tasks',
    concurrency: 3,
    authHeader: 'bearer',
    keyStorage: 'local',
    keys: [key],
    createdAt: 1,
  },
];

function renderIn(node: preact.ComponentChildren, ws: Workspace = createWorkspace()) {
  render(<WorkspaceContext.Provider value={ws}>{node}</WorkspaceContext.Provider>);
  return ws;
}

const select = (): HTMLSelectElement => screen.getByTestId('backend-select') as HTMLSelectElement;
const options = (testId: string): string[] =>
  [...(screen.getByTestId(testId) as HTMLSelectElement).options].map((o) => o.value);
const queued = { ids: ['j1'], rejected: [], warnings: [] };

async function choose(id: string): Promise<void> {
  await waitFor(() => expect(options('backend-select')).toContain(id));
  fireEvent.change(select(), { target: { value: id } });
}

describe('backend-select', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    callMock.mockReset();
    await connectionsItem.setValue(connections);
    await connectionStatesItem.setValue({
      [VIDEOS]: { state: 'ready', reason: null, checkedAt: 1, models: ['veo-3.1-fast', 'kling-2.1'] },
    });
  });
  afterEach(cleanup);

  it('starts on the Sora session with its own models and no connection parameters', async () => {
    renderIn(<Composer />);
    await waitFor(() => expect(options('backend-select')).toEqual(['sora', VIDEOS, TASKS]));
    expect(select().value).toBe('sora');
    expect(options('model-select')).toContain('sora2pro-hd-portrait-15s');
    expect(screen.queryByTestId('param-size')).toBeNull();
    expect(screen.queryByTestId('param-aspect-ratio')).toBeNull();
  });

  it('shows the Videos API models and size/seconds, and queues with them', async () => {
    callMock.mockResolvedValue(queued as never);
    const ws = renderIn(<Composer />);
    await choose(VIDEOS);
    await waitFor(() => expect(options('model-select')).toEqual(['veo-3.1-fast', 'kling-2.1']));
    expect(options('param-size')).toContain('1280x720');
    expect(options('param-seconds')).toEqual(['4', '8', '12']);
    expect(screen.queryByTestId('param-aspect-ratio')).toBeNull();
    fireEvent.change(screen.getByTestId('model-select'), { target: { value: 'kling-2.1' } });
    fireEvent.change(screen.getByTestId('param-size'), { target: { value: '1280x720' } });
    fireEvent.change(screen.getByTestId('param-seconds'), { target: { value: '8' } });
    ws.draft.value = 'A lighthouse at dusk';
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('enqueue', {
        items: [
          {
            text: 'A lighthouse at dusk',
            model: 'kling-2.1',
            backend: VIDEOS,
            params: { size: '1280x720', seconds: '8' },
          },
        ],
        source: 'composer',
      }),
    );
  });

  it('falls back to sora-2 and sora-2-pro when the server listed no models', async () => {
    await connectionStatesItem.setValue({});
    renderIn(<Composer />);
    await choose(VIDEOS);
    await waitFor(() => expect(options('model-select')).toEqual(['sora-2', 'sora-2-pro']));
  });

  it('switches to the task API parameters and back to Sora, one state for every view of the page', async () => {
    callMock.mockResolvedValue(queued as never);
    const ws = renderIn(
      <>
        <Composer />
        <StoryboardEditor />
      </>,
    );
    await waitFor(() =>
      expect(
        screen.getAllByTestId('backend-select').map((el) => (el as HTMLSelectElement).options.length),
      ).toEqual([3, 3]),
    );
    fireEvent.change(screen.getAllByTestId('backend-select')[1]!, { target: { value: TASKS } });
    await waitFor(() => expect(screen.getAllByTestId('param-aspect-ratio')).toHaveLength(2));
    expect((screen.getAllByTestId('backend-select')[0] as HTMLSelectElement).value).toBe(TASKS);
    expect(screen.queryByTestId('param-size')).toBeNull();
    const [aspect] = screen.getAllByTestId('param-aspect-ratio');
    fireEvent.change(aspect!, { target: { value: 'portrait' } });
    fireEvent.change(screen.getAllByTestId('param-quality')[0]!, { target: { value: 'hd' } });
    fireEvent.input(screen.getAllByTestId('param-watermark')[0]!, { target: { value: 'demo' } });
    ws.draft.value = 'A fox in snow';
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('enqueue', {
        items: [
          {
            text: 'A fox in snow',
            model: 'sora-2',
            backend: TASKS,
            params: { aspectRatio: 'portrait', quality: 'hd', watermark: 'demo' },
          },
        ],
        source: 'composer',
      }),
    );
    fireEvent.change(screen.getAllByTestId('backend-select')[0]!, { target: { value: 'sora' } });
    await waitFor(() => expect(screen.queryByTestId('param-aspect-ratio')).toBeNull());
    expect(ws.backend.params.value).toEqual({});
  });

  it('refuses Sora styles and characters on a connection, with the reason, and sends nothing', async () => {
    const ws = renderIn(<Composer />);
    await choose(VIDEOS);
    await screen.findByTestId('backend-unsupported');
    ws.draft.value = '{anime} A kitten';
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('composer-error')).textContent).toMatch(
      /Gateway cannot apply Sora styles/,
    );
    expect(callMock).not.toHaveBeenCalled();
  });

  it('says the storyboard view cannot run on a connection and keeps its submit disabled', async () => {
    renderIn(<StoryboardEditor />);
    fireEvent.input(screen.getAllByTestId('shot-prompt')[0]!, { target: { value: 'A cat jumps' } });
    await choose(TASKS);
    expect((await screen.findByTestId('backend-unsupported')).textContent).toMatch(
      /Tasks cannot make storyboards/,
    );
    expect((screen.getByTestId('storyboard-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('queues a pasted batch, and a picked file, on the chosen connection with its parameters', async () => {
    callMock.mockResolvedValue({ ids: ['j1', 'j2'], rejected: [], warnings: [] } as never);
    renderIn(<BatchView />);
    await choose(VIDEOS);
    await waitFor(() => expect(screen.getByTestId('param-seconds')).toBeTruthy());
    fireEvent.change(screen.getByTestId('param-seconds'), { target: { value: '12' } });
    fireEvent.input(screen.getByTestId('batch-input'), { target: { value: 'A boat\nA bridge' } });
    fireEvent.click(screen.getByTestId('batch-submit'));
    const params = { size: '720x1280', seconds: '12' };
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('enqueue', {
        items: [
          { text: 'A boat', model: 'veo-3.1-fast', backend: VIDEOS, params },
          { text: 'A bridge', model: 'veo-3.1-fast', backend: VIDEOS, params },
        ],
        source: 'paste',
      }),
    );
    callMock.mockClear();
    const file = new File(['A cave\nA dune'], 'prompts.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
    fireEvent.click(await screen.findByTestId('import-confirm'));
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('importFile', {
        fileName: 'prompts.txt',
        text: 'A cave\nA dune',
        model: 'veo-3.1-fast',
        backend: VIDEOS,
        params,
      }),
    );
  });

  it('offers the picker in the popup too, sending the connection and its parameters', async () => {
    callMock.mockResolvedValue(queued as never);
    render(<QuickComposer />);
    await choose(VIDEOS);
    await waitFor(() => expect(options('model-select')).toEqual(['veo-3.1-fast', 'kling-2.1']));
    fireEvent.input(screen.getByTestId('prompt-input'), { target: { value: 'Rain on a window' } });
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('enqueue', {
        items: [
          {
            text: 'Rain on a window',
            model: 'veo-3.1-fast',
            backend: VIDEOS,
            params: { size: '720x1280', seconds: '4' },
          },
        ],
        source: 'composer',
      }),
    );
  });
});
