// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PromptEditor } from '@/components/prompt-editor';

function Editor() {
  const [value, setValue] = useState('');
  return (
    <PromptEditor
      value={value}
      onInput={setValue}
      onSubmit={() => undefined}
      styles={['kpop', 'anime']}
      invalid={false}
    />
  );
}

function type(box: HTMLTextAreaElement, text: string): void {
  box.value = text;
  box.setSelectionRange(text.length, text.length);
  fireEvent.input(box);
}

describe('style completion in the prompt box', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('a blur closes the list a moment later, but not once the user is back and typing', async () => {
    vi.useFakeTimers();
    render(<Editor />);
    const box = screen.getByTestId('prompt-input') as HTMLTextAreaElement;
    type(box, '{k');
    expect(screen.getAllByTestId('style-option').map((o) => o.textContent)).toEqual(['{kpop}']);
    // Left (a click on Submit), then back within the moment: the late timer must not close the list.
    fireEvent.blur(box);
    fireEvent.focus(box);
    type(box, '{kp');
    await vi.advanceTimersByTimeAsync(500);
    expect(screen.getAllByTestId('style-option')).toHaveLength(1);
    fireEvent.keyDown(box, { key: 'Tab' });
    await vi.advanceTimersByTimeAsync(50);
    expect(box.value).toBe('{kpop}');
    // Left for good: the list closes.
    type(box, '{kpop} {an');
    fireEvent.blur(box);
    await vi.advanceTimersByTimeAsync(500);
    expect(screen.queryAllByTestId('style-option')).toHaveLength(0);
  });
});
