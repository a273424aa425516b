// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ConnectionsSettings } from '@/entrypoints/options/connections-settings';
import type { Connection } from '@/lib/connections/schema';
import { connectionStatesItem } from '@/lib/connections/status';
import { connectionsItem } from '@/lib/connections/store';
import { call } from '@/lib/rpc/client';
import { accountItem } from '@/lib/settings/items';
import { parseSettings } from '@/lib/settings/settings';
import en from '@/public/_locales/en/messages.json';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));
const callMock = vi.mocked(call);

const conn = (over: Partial<Connection>): Connection => ({
  id: 'conn_0000000000000001',
  kind: 'videos-api',
  baseUrl: 'https://gw.example.com/v1',
  name: 'Gateway',
  concurrency: 2,
  authHeader: 'bearer',
  keyStorage: 'local',
  keys: [{ id: 'key_0000000000000001', masked: 'sk-…abcd', addedAt: 1, setAside: null }],
  createdAt: 1,
  ...over,
});

function renderSection(update = vi.fn()) {
  render(<ConnectionsSettings settings={parseSettings({})} update={update} />);
  return update;
}

/** The calls made of one RPC method (the Sora item re-checks the session on open). */
const calls = (method: string) => callMock.mock.calls.filter(([m]) => m === method);

const items = (): HTMLElement[] => screen.queryAllByTestId('backend-item');
const item = (id: string): HTMLElement => {
  const found = items().find((el) => el.dataset.backendId === id);
  if (!found) throw new Error(`no backend-item ${id}`);
  return found;
};

/** The list's reads (connections, states, permission) have all rendered, so typing is not raced by them. */
async function settled(): Promise<void> {
  await waitFor(() => expect(fakeBrowser.permissions.contains).toHaveBeenCalled());
  await new Promise((r) => setTimeout(r, 20));
}

describe('ConnectionsSettings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    callMock.mockReset();
    // Origins of *.example.com are granted; anything else is not.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (q) =>
      Boolean(q.origins?.every((o) => o.includes('example.com'))),
    );
    for (const event of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) {
      vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
      vi.spyOn(event, 'removeListener').mockImplementation(() => undefined);
    }
  });
  afterEach(cleanup);

  it('checks the form first: each problem at its field, no permission asked, nothing sent', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    renderSection();
    fireEvent.input(screen.getByTestId('backend-add-url'), { target: { value: 'http://gw.example.com/v1' } });
    fireEvent.click(screen.getByTestId('backend-add-save'));
    const urlError = await screen.findByTestId('backend-add-url-error');
    expect(urlError.textContent).toBe(en.connectionUrlInsecure.message);
    expect(screen.getByTestId('backend-add-keys-error').textContent).toBe(en.connectionKeysMissing.message);
    expect(screen.queryByTestId('backend-add-name-error')).toBeNull();
    expect(screen.getByTestId('backend-add-url').getAttribute('aria-invalid')).toBe('true');
    expect(request).not.toHaveBeenCalled();
    expect(calls('connectionAdd')).toEqual([]);
  });

  it("shows the background's refusals at their fields too", async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    callMock.mockResolvedValue({
      ok: false,
      errors: [
        { field: 'name', message: 'x', messageKey: 'connectionNameTooLong' },
        { field: 'keys', message: 'Only in the background.', messageKey: 'notInTheCatalogue' },
      ],
    } as never);
    renderSection();
    fireEvent.input(screen.getByTestId('backend-add-url'), {
      target: { value: 'https://gw.example.com/v1' },
    });
    fireEvent.input(screen.getByTestId('backend-add-keys'), { target: { value: 'sk-test-12345678' } });
    fireEvent.click(screen.getByTestId('backend-add-save'));
    expect((await screen.findByTestId('backend-add-name-error')).textContent).toBe(
      en.connectionNameTooLong.message,
    );
    expect(screen.getByTestId('backend-add-keys-error').textContent).toBe('Only in the background.');
    expect(screen.queryByTestId('backend-add-url-error')).toBeNull();
    expect((screen.getByTestId('backend-add-keys') as HTMLTextAreaElement).value).toBe('sk-test-12345678');
  });

  it('asks for the origin in the click, before the save, then checks the new connection', async () => {
    const order: string[] = [];
    vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async (q) => {
      order.push(`request ${q.origins?.join()}`);
      return true;
    });
    callMock.mockImplementation((async (method: string, params: Record<string, unknown>) => {
      if (method === 'checkSession') return { state: 'signed-out' };
      order.push(method);
      if (method === 'connectionAdd') {
        expect(params).toEqual({
          kind: 'task-api',
          baseUrl: 'https://tasks.example.com/api/v1/sora2',
          keys: 'tk-one-1234\ntk-two-5678',
          name: 'Tasks',
          authHeader: 'bearer',
          sessionOnly: true,
        });
        return { ok: true, id: 'conn_0000000000000009' };
      }
      return { ok: true, message: 'Key accepted.' };
    }) as never);
    renderSection();
    fireEvent.change(screen.getByTestId('backend-add-kind'), { target: { value: 'task-api' } });
    fireEvent.input(screen.getByTestId('backend-add-url'), {
      target: { value: 'https://tasks.example.com/api/v1/sora2' },
    });
    fireEvent.input(screen.getByTestId('backend-add-keys'), {
      target: { value: 'tk-one-1234\ntk-two-5678' },
    });
    fireEvent.input(screen.getByTestId('backend-add-name'), { target: { value: 'Tasks' } });
    fireEvent.click(screen.getByTestId('backend-add-session-only'));
    // The Azure header is a Videos API option only.
    expect(screen.queryByTestId('backend-add-azure')).toBeNull();
    fireEvent.click(screen.getByTestId('backend-add-save'));
    expect(order[0]).toBe('request https://tasks.example.com/*'); // synchronously, in the gesture
    await screen.findByTestId('backend-add-notice');
    expect(order).toEqual(['request https://tasks.example.com/*', 'connectionAdd', 'connectionCheck']);
    expect(screen.getByTestId('backend-add-notice').textContent).toContain('Key accepted.');
    expect((screen.getByTestId('backend-add-keys') as HTMLTextAreaElement).value).toBe('');
  });

  it('saves at once while the permission dialog is still open', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockReturnValue(new Promise(() => undefined));
    callMock.mockResolvedValue({ ok: true, id: 'conn_0000000000000009' } as never);
    renderSection();
    fireEvent.input(screen.getByTestId('backend-add-url'), {
      target: { value: 'https://gw.example.com/v1' },
    });
    fireEvent.input(screen.getByTestId('backend-add-keys'), { target: { value: 'sk-test-12345678' } });
    fireEvent.click(screen.getByTestId('backend-add-save'));
    expect((await screen.findByTestId('backend-add-notice')).textContent).toBe(en.backendAddedSaved.message);
    expect(calls('connectionAdd')).toHaveLength(1);
    expect(calls('connectionCheck')).toEqual([]); // not before access is granted
    expect((screen.getByTestId('backend-add-save') as HTMLButtonElement).disabled).toBe(false);
  });

  it('lists the Sora session first, then each connection with its state, reason and masked keys', async () => {
    await accountItem.setValue({ state: 'signed-out', checkedAt: 1 });
    await connectionsItem.setValue([
      conn({}),
      conn({
        id: 'conn_0000000000000002',
        kind: 'task-api',
        name: '',
        baseUrl: 'https://tasks.example.com/api',
        keys: [
          { id: 'key_0000000000000002', masked: 'tk-…1111', addedAt: 1, setAside: null },
          {
            id: 'key_0000000000000003',
            masked: 'tk-…2222',
            addedAt: 1,
            setAside: { code: 'quota_exhausted', reason: 'Out of credits', at: 2 },
          },
        ],
      }),
      conn({ id: 'conn_0000000000000003', baseUrl: 'https://other.test/v1', name: 'Other' }),
    ]);
    await connectionStatesItem.setValue({
      conn_0000000000000002: {
        state: 'error',
        reason: 'The server answered 500.',
        checkedAt: 1,
        models: null,
      },
    });
    renderSection();
    await waitFor(() => expect(items()).toHaveLength(4));
    expect(items().map((el) => [el.dataset.backendId, el.dataset.backendKind])).toEqual([
      ['sora', 'sora-session'],
      ['conn_0000000000000001', 'videos-api'],
      ['conn_0000000000000002', 'task-api'],
      ['conn_0000000000000003', 'videos-api'],
    ]);
    expect(item('sora').dataset.state).toBe('error');
    expect(item('sora').textContent).toContain('Signed out of Sora');
    expect(within(item('sora')).queryByTestId('backend-remove')).toBeNull();
    await waitFor(() => expect(item('conn_0000000000000001').dataset.state).toBe('ready'));
    expect(item('conn_0000000000000002').dataset.state).toBe('error');
    expect(item('conn_0000000000000002').textContent).toContain('The server answered 500.');
    expect(item('conn_0000000000000002').textContent).toContain('tasks.example.com');
    await waitFor(() => expect(item('conn_0000000000000003').dataset.state).toBe('needs-permission'));
    expect(within(item('conn_0000000000000003')).getByTestId('grant-permission')).toBeTruthy();
    expect(within(item('conn_0000000000000001')).queryByTestId('grant-permission')).toBeNull();
    const keys = within(item('conn_0000000000000002')).getAllByTestId('backend-key');
    expect(keys.map((k) => k.textContent)).toEqual(['tk-…1111', 'tk-…2222 set aside: Out of credits']);
  });

  it('re-checks the Sora session on open and shows it ready while signed in', async () => {
    await accountItem.setValue({ state: 'signed-in', checkedAt: 1 });
    renderSection();
    expect(calls('checkSession')).toHaveLength(1);
    await waitFor(() => expect(item('sora').dataset.state).toBe('ready'));
    expect(item('sora').textContent).not.toContain('Signed out');
  });

  it('removes a connection only once confirmed', async () => {
    await connectionsItem.setValue([conn({})]);
    callMock.mockResolvedValue({ removed: true } as never);
    renderSection();
    await waitFor(() => expect(items()).toHaveLength(2));
    fireEvent.click(within(item('conn_0000000000000001')).getByTestId('backend-remove'));
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(calls('connectionRemove')).toEqual([]);
    fireEvent.click(within(item('conn_0000000000000001')).getByTestId('backend-remove'));
    expect(screen.getByRole('alertdialog').textContent).toContain('Gateway');
    fireEvent.click(screen.getByTestId('confirm-accept'));
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('connectionRemove', { id: 'conn_0000000000000001' }),
    );
  });

  it('saves the cap as it changes and refuses a value outside 1–10 at the field', async () => {
    await connectionsItem.setValue([conn({})]);
    callMock.mockResolvedValue({ changed: true } as never);
    const update = renderSection();
    await waitFor(() => expect(items()).toHaveLength(2));
    await settled();
    const cap = within(item('conn_0000000000000001')).getByTestId('backend-concurrency') as HTMLInputElement;
    expect(cap.value).toBe('2');
    fireEvent.input(cap, { target: { value: '11' } });
    fireEvent.change(cap, { target: { value: '11' } });
    expect(
      (await within(item('conn_0000000000000001')).findByTestId('backend-concurrency-error')).textContent,
    ).toMatch(/1 to 10/);
    expect(calls('connectionSetConcurrency')).toEqual([]);
    fireEvent.input(cap, { target: { value: '4' } });
    fireEvent.change(cap, { target: { value: '4' } });
    await waitFor(() =>
      expect(within(item('conn_0000000000000001')).queryByTestId('backend-concurrency-error')).toBeNull(),
    );
    expect(callMock).toHaveBeenCalledWith('connectionSetConcurrency', {
      id: 'conn_0000000000000001',
      concurrency: 4,
    });
    // The Sora session's cap is the queue setting (at most 3).
    const soraCap = within(item('sora')).getByTestId('backend-concurrency');
    fireEvent.input(soraCap, { target: { value: '4' } });
    fireEvent.change(soraCap, { target: { value: '4' } });
    expect((await within(item('sora')).findByTestId('backend-concurrency-error')).textContent).toMatch(
      /1 to 3/,
    );
    expect(update).not.toHaveBeenCalled();
    fireEvent.input(soraCap, { target: { value: '1' } });
    fireEvent.change(soraCap, { target: { value: '1' } });
    expect(update).toHaveBeenCalledWith({ concurrency: 1 });
  });

  it('grants the permission in the click, then checks, and shows what the check found', async () => {
    await connectionsItem.setValue([conn({ baseUrl: 'https://other.test/v1' })]);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    callMock.mockResolvedValue({ ok: true, message: 'Found 3 models.' } as never);
    renderSection();
    const grant = await waitFor(() => within(item('conn_0000000000000001')).getByTestId('grant-permission'));
    fireEvent.click(grant);
    expect(request).toHaveBeenCalledWith({ origins: ['https://other.test/*'] });
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('connectionCheck', { id: 'conn_0000000000000001' }),
    );
    expect((await screen.findByTestId('backend-check-result')).textContent).toBe('Found 3 models.');
  });
});
