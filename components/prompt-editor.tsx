import { useRef, useState } from 'preact/hooks';
import { t } from '@/lib/ui/i18n';
import { promptTokens } from '@/lib/ui/prompt-tokens';
import { applyStyleCompletion, type StyleCompletion, styleCompletion } from '@/lib/ui/style-complete';

interface Props {
  value: string;
  onInput: (text: string) => void;
  onSubmit: () => void;
  onPasteFiles?: (files: File[]) => void;
  styles: readonly string[];
  invalid: boolean;
}

/**
 * The prompt box: `{style}` tags, `[5.0s]` shots and remix links are highlighted behind the text,
 * typing `{` offers the live styles, and Ctrl/Cmd+Enter submits.
 */
export function PromptEditor(props: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const [completion, setCompletion] = useState<StyleCompletion | null>(null);
  const [active, setActive] = useState(0);
  // Leaving the box closes the list a moment later (a click on an option lands first); coming back
  // or typing before then keeps it, so a late timer never closes the list the user is typing into.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const keepOpen = (): void => clearTimeout(closing.current);

  function update(text: string, caret: number): void {
    keepOpen();
    props.onInput(text);
    setCompletion(styleCompletion(text, caret, props.styles));
    setActive(0);
  }

  function accept(style: string): void {
    if (!completion) return;
    const next = applyStyleCompletion(props.value, completion, style);
    props.onInput(next.text);
    setCompletion(null);
    requestAnimationFrame(() => area.current?.setSelectionRange(next.caret, next.caret));
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      setCompletion(null);
      props.onSubmit();
      return;
    }
    if (!completion) return;
    const n = completion.options.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      accept(completion.options[active] ?? completion.options[0]!);
    } else if (event.key === 'Escape') setCompletion(null);
  }

  return (
    <div class="prompt-editor">
      <div class="prompt-backdrop" ref={backdrop} aria-hidden="true">
        {promptTokens(props.value).map((token, i) =>
          token.kind === 'text' ? (
            token.text
          ) : (
            <mark key={i} class={`tok-${token.kind}`}>
              {token.text}
            </mark>
          ),
        )}
        {'\n'}
      </div>
      <textarea
        ref={area}
        id="prompt-input"
        data-testid="prompt-input"
        rows={4}
        value={props.value}
        placeholder={t('promptPlaceholder')}
        aria-label={t('promptLabel')}
        aria-invalid={props.invalid}
        aria-autocomplete="list"
        aria-controls="style-options"
        aria-activedescendant={completion ? `style-option-${active}` : undefined}
        onInput={(e) => update(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onFocus={keepOpen}
        onBlur={() => {
          closing.current = setTimeout(() => setCompletion(null), 150);
        }}
        onScroll={(e) => {
          if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onPaste={(e) => {
          const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
          if (files.length > 0 && props.onPasteFiles) {
            e.preventDefault();
            props.onPasteFiles(files);
          }
        }}
      />
      {completion && (
        <div id="style-options" class="completions" role="listbox" aria-label={t('styleLabel')}>
          {completion.options.map((style, i) => (
            <div
              key={style}
              tabIndex={-1}
              id={`style-option-${i}`}
              role="option"
              aria-selected={i === active}
              data-testid="style-option"
              onMouseDown={(e) => {
                e.preventDefault();
                accept(style);
              }}
            >
              {`{${style}}`}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
