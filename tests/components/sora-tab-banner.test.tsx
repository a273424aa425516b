// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SoraTabBanner } from '@/components/sora-tab-banner';
import { soraTabStatusItem } from '@/lib/platform/sora-tab';

describe('SoraTabBanner', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('shows nothing while no Sora tab had to be opened', async () => {
    const { container } = render(<SoraTabBanner />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.textContent).toBe('');
  });

  it('says so when the extension opened a background Sora tab', async () => {
    await soraTabStatusItem.setValue({ state: 'own-tab-open', at: 1 });
    render(<SoraTabBanner />);
    expect((await screen.findByTestId('sora-tab-status')).getAttribute('data-state')).toBe('own-tab-open');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('asks the user to open Sora when its request check cannot be reached', async () => {
    await soraTabStatusItem.setValue({ state: 'sdk-unavailable', at: 2 });
    render(<SoraTabBanner />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be reached/);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    fireEvent.click(screen.getByRole('button', { name: 'Open sora.chatgpt.com' }));
    expect(create).toHaveBeenCalledWith({ url: 'https://sora.chatgpt.com/explore' });
  });
});
