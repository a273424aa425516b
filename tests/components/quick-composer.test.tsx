// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { QuickComposer } from '@/components/quick-composer';
import { call } from '@/lib/rpc/client';
import { resetDraftMemory } from '@/lib/ui/drafts';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));
const callMock = vi.mocked(call);

describe('QuickComposer (popup)', () => {
  // The composer loads its backend picker lazily; loaded once here, a test that ends first never
  // leaves that import running into the environment's teardown.
  beforeAll(async () => {
    await import('@/components/popup-backend');
  });
  beforeEach(() => {
    resetDraftMemory();
    fakeBrowser.reset();
    callMock.mockReset();
  });
  afterEach(cleanup);

  it('queues the prompt with an attached image, then clears both', async () => {
    callMock.mockResolvedValue({ ids: ['j1'], rejected: [], warnings: [] } as never);
    render(<QuickComposer />);
    fireEvent.input(screen.getByTestId('prompt-input'), { target: { value: 'Let this cat dance' } });
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'cat.png', { type: 'image/png' });
    fireEvent.change(screen.getByTestId('image-input'), { target: { files: [file] } });
    await screen.findByText('Image ✓');
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() => expect(callMock).toHaveBeenCalledTimes(1));
    const params = callMock.mock.calls[0]![1] as {
      items: { text: string; images?: { mime: string; url: string }[] }[];
    };
    expect(params.items[0]).toMatchObject({
      text: 'Let this cat dance',
      images: [{ mime: 'image/png', url: expect.stringMatching(/^data:image\/png;base64,/) }],
    });
    await screen.findByText('Image');
  });

  it('shows the background’s reason when the prompt is refused', async () => {
    callMock.mockResolvedValue({
      ids: [],
      rejected: [{ index: 0, code: 'unknown_style', message: 'Unknown style "x".' }],
      warnings: [],
    } as never);
    render(<QuickComposer />);
    fireEvent.input(screen.getByTestId('prompt-input'), { target: { value: '{x} hi' } });
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('composer-error')).textContent).toBe('Unknown style "x".');
  });
});
