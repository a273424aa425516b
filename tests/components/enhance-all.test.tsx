// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asBatchLine, EnhanceAll } from '@/components/enhance-all';
import { call } from '@/lib/rpc/client';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));

describe('EnhanceAll', () => {
  afterEach(cleanup);

  it('replaces every pasted line with its enhanced prompt, one request per line, keeping lines that fail', async () => {
    vi.mocked(call).mockImplementation(async (_method, params) => {
      const { prompt, level, durationS } = params as { prompt: string; level: string; durationS: number };
      if (prompt === 'boom') throw new Error('offline');
      return { text: `${prompt.toUpperCase()} (${level}, ${durationS}s)\nwith {detail} [5s]` } as never;
    });
    let text = 'a cat\n\nboom\na fox';
    const { rerender } = render(
      <EnhanceAll text={text} model="sora2-portrait-15s" onText={(t) => (text = t)} />,
    );
    fireEvent.change(screen.getByTestId('batch-enhance-level'), { target: { value: 'long' } });
    fireEvent.click(screen.getByTestId('batch-enhance-all'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/1 line/));
    rerender(<EnhanceAll text={text} model="sora2-portrait-15s" onText={(t) => (text = t)} />);
    expect(vi.mocked(call)).toHaveBeenCalledTimes(3);
    expect(text.split('\n')).toEqual([
      asBatchLine('A CAT (long, 15s)\nwith {detail} [5s]'),
      '',
      'boom',
      asBatchLine('A FOX (long, 15s)\nwith {detail} [5s]'),
    ]);
    expect(asBatchLine('x\n{y} [5s]')).toBe('x \\{y\\} \\[5s\\]');
  });
});
