// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchView } from '@/components/batch-view';
import { acceptsFile, FileInput } from '@/components/file-input';
import { resetDraftMemory } from '@/lib/ui/drafts';
import { createWorkspace, WorkspaceContext } from '@/lib/ui/workspace';

vi.mock('@/lib/rpc/client', () => ({ call: vi.fn(() => new Promise(() => undefined)) }));

const png = (name = 'cat.png') => new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' });
const pdf = (name = 'notes.pdf') => new File(['%PDF'], name, { type: 'application/pdf' });
const input = () => screen.getByTestId('image-input') as HTMLInputElement;

function renderPicker(extra: { multiple?: boolean; reset?: boolean } = {}) {
  const onFiles = vi.fn();
  render(
    <FileInput
      testId="image-input"
      label="Image"
      accept="image/png,image/jpeg"
      onFiles={onFiles}
      {...extra}
    />,
  );
  return onFiles;
}

describe('FileInput', () => {
  afterEach(cleanup);

  it('hands the picked files to onFiles, all of them when it takes several', () => {
    const onFiles = renderPicker({ multiple: true });
    expect(input().type).toBe('file');
    expect(input().multiple).toBe(true);
    expect(input().accept).toBe('image/png,image/jpeg');
    const files = [png('a.png'), png('b.png')];
    fireEvent.change(input(), { target: { files } });
    expect(onFiles).toHaveBeenCalledTimes(1);
    expect(onFiles.mock.calls[0]![0]).toEqual(files);
    expect(screen.queryByTestId('image-input-error')).toBeNull();
  });

  it('refuses a file of another type with the reason at the field, and never passes it on', () => {
    const onFiles = renderPicker();
    fireEvent.change(input(), { target: { files: [pdf()] } });
    expect(onFiles).not.toHaveBeenCalled();
    const error = screen.getByTestId('image-input-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('Not a file this field takes: notes.pdf.');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(input().getAttribute('aria-describedby')).toBe('image-input-error');

    // A right file afterwards is taken and the message goes.
    const file = png();
    fireEvent.change(input(), { target: { files: [file] } });
    expect(onFiles).toHaveBeenCalledWith([file]);
    expect(screen.queryByTestId('image-input-error')).toBeNull();
    expect(input().hasAttribute('aria-invalid')).toBe(false);
  });

  it('keeps the right files of a mixed pick and names the refused one', () => {
    const onFiles = renderPicker({ multiple: true });
    const good = png();
    fireEvent.change(input(), { target: { files: [good, pdf('x.pdf')] } });
    expect(onFiles).toHaveBeenCalledWith([good]);
    expect(screen.getByTestId('image-input-error').textContent).toContain('x.pdf');
  });

  it('reports an emptied pick only when the browser keeps the selection', () => {
    const kept = renderPicker({ reset: false });
    fireEvent.change(input(), { target: { files: [] } });
    expect(kept).toHaveBeenCalledWith([]);
    cleanup();
    const reset = renderPicker();
    fireEvent.change(input(), { target: { files: [] } });
    expect(reset).not.toHaveBeenCalled();
  });

  it('reads accept as the HTML attribute does: extensions by name, type/* by family, else the exact type', () => {
    const csv = new File(['a'], 'Prompts.CSV', { type: '' });
    expect(acceptsFile('.txt,.csv', csv)).toBe(true);
    expect(acceptsFile('text/plain', csv)).toBe(false);
    expect(acceptsFile('image/*', png())).toBe(true);
    expect(acceptsFile('image/*', pdf())).toBe(false);
    expect(acceptsFile('image/jpeg', png())).toBe(false);
    expect(acceptsFile('', pdf())).toBe(true);
  });
});

describe('the batch import picker', () => {
  afterEach(cleanup);

  it('refuses a file that is not text, CSV or JSONL at the field, before any parsing', () => {
    resetDraftMemory();
    render(
      <WorkspaceContext.Provider value={createWorkspace()}>
        <BatchView />
      </WorkspaceContext.Provider>,
    );
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [pdf('prompts.pdf')] } });
    expect(screen.getByTestId('import-file-error').textContent).toContain('prompts.pdf');
    expect(screen.queryByTestId('import-confirm')).toBeNull();
    expect(screen.queryByTestId('import-report')).toBeNull();
  });
});
