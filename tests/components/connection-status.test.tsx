// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ConnectionStatus } from '@/components/connection-status';
import type { Connection } from '@/lib/connections/schema';
import { connectionStatesItem } from '@/lib/connections/status';
import { connectionsItem } from '@/lib/connections/store';

const key = (n: number, setAside: Connection['keys'][number]['setAside'] = null) => ({
  id: `key_000000000000000${n}`,
  masked: `sk-…000${n}`,
  addedAt: 1,
  setAside,
});
const connection = (id: string, name: string, keys: Connection['keys'], concurrency = 2): Connection => ({
  id,
  kind: 'videos-api',
  baseUrl: `https://${name.toLowerCase()}.example.com/v1`,
  name,
  concurrency,
  authHeader: 'bearer',
  keyStorage: 'local',
  keys,
  createdAt: 1,
});

describe('the account bar names each connection and what it can do now', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('ready with its jobs in flight against its cap, keys set aside, short of site access, failing, out of credits', async () => {
    const quota = {
      code: 'quota_exhausted' as const,
      reason: 'This key does not have enough credits.',
      at: 1,
    };
    await connectionsItem.setValue([
      connection(
        'conn_00000000000000a1',
        'Gateway',
        [key(1), key(2, { code: 'auth', reason: 'Refused.', at: 1 })],
        3,
      ),
      connection('conn_00000000000000a2', 'Azure', [key(3)]),
      connection('conn_00000000000000a3', 'Broken', [key(4)]),
      connection('conn_00000000000000a4', 'Tasks', [key(5, quota), key(6, quota)]),
    ]);
    await connectionStatesItem.setValue({
      conn_00000000000000a2: { state: 'needs-permission', reason: null, checkedAt: 1, models: null },
      conn_00000000000000a3: {
        state: 'error',
        reason: 'The server answered 503.',
        checkedAt: 1,
        models: null,
      },
    });
    render(<ConnectionStatus inFlight={{ conn_00000000000000a1: 2, sora: 3 }} />);
    await waitFor(() => expect(screen.getAllByTestId('account-connection')).toHaveLength(4));
    const rows = screen.getAllByTestId('account-connection');
    expect(rows.map((r) => [r.dataset.backendId, r.dataset.state, r.textContent])).toEqual([
      ['conn_00000000000000a1', 'ready', 'Gateway 2 of 3 running · 1 of 2 keys set aside'],
      ['conn_00000000000000a2', 'needs-permission', 'Azure needs site access: grant it on the options page'],
      ['conn_00000000000000a3', 'error', 'Broken The server answered 503.'],
      ['conn_00000000000000a4', 'error', 'Tasks out of credits: add credits or a key on the options page'],
    ]);
  });

  it('shows nothing when no connection was added', async () => {
    const { container } = render(<ConnectionStatus inFlight={{}} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.innerHTML).toBe('');
  });
});
