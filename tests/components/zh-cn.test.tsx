// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Composer } from '@/components/composer';
import { JobRow } from '@/components/job-row';
import { call } from '@/lib/rpc/client';
import { resetDraftMemory } from '@/lib/ui/drafts';
import { tn } from '@/lib/ui/i18n';
import { createWorkspace, WorkspaceContext } from '@/lib/ui/workspace';
import zh from '@/public/_locales/zh_CN/messages.json';
import { makeJob } from '../helpers/jobs';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn() }));

/** The browser in Chinese: chrome.i18n answers from the zh_CN catalogue, as Chrome does. */
function chinese(): void {
  const i18n = {
    getUILanguage: () => 'zh-CN',
    getMessage: (key: string, subs?: string | string[]) => {
      let text = (zh as Record<string, { message: string }>)[key]?.message ?? '';
      [subs ?? []].flat().forEach((value, i) => {
        text = text.replace(`$${i + 1}`, value);
      });
      return text;
    },
  };
  (fakeBrowser as unknown as { i18n: typeof i18n }).i18n = i18n;
}

const CJK = /[\u4e00-\u9fff]/;

describe('zh-CN', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetDraftMemory();
    chinese();
  });
  afterEach(() => {
    cleanup();
    delete (fakeBrowser as unknown as { i18n?: unknown }).i18n;
  });

  it('shows a prompt error from lib/ in Chinese, naming what was wrong', async () => {
    render(
      <WorkspaceContext.Provider value={createWorkspace()}>
        <Composer />
      </WorkspaceContext.Provider>,
    );
    fireEvent.input(screen.getByTestId('prompt-input'), { target: { value: '{nope} A kitten' } });
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() => expect(screen.getByTestId('composer-error').textContent).toMatch(CJK));
    expect(screen.getByTestId('composer-error').textContent).toContain('nope');
    expect(screen.getByTestId('composer-error').textContent).not.toMatch(/Unknown style/);
    expect(vi.mocked(call)).not.toHaveBeenCalled();
  });

  it('shows a stored job error and the waiting reason in Chinese', () => {
    const failed = makeJob({
      status: 'failed',
      error: { code: 'content_policy', message: 'Sora refused this prompt.' },
    });
    render(
      <JobRow
        job={failed}
        now={0}
        selected={false}
        actions={{
          retry: vi.fn(),
          cancel: vi.fn(),
          edit: vi.fn(),
          select: vi.fn(),
          dropBefore: vi.fn(),
          nudge: vi.fn(),
        }}
      />,
    );
    expect(screen.getByTestId('job-error').textContent).toMatch(CJK);
    expect(screen.getByTestId('job-error').textContent).not.toContain('Sora refused');
  });

  it('uses the language plural rule (one form in Chinese)', () => {
    expect(tn('bulkDoneRemove', 1)).toBe('已移除 1 个任务。');
    expect(tn('bulkDoneRemove', 5)).toBe('已移除 5 个任务。');
  });
});
