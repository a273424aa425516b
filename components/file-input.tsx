import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '@/lib/ui/i18n';

/**
 * Whether a file is one the `accept` list names, read as the HTML attribute is: `.ext` by the
 * file's name, `type/*` by its MIME family, anything else by its exact MIME type. The browser's
 * picker only suggests these; a file chosen with "All files" still arrives, so the field checks.
 */
export function acceptsFile(accept: string, file: File): boolean {
  const tokens = accept
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '');
  if (tokens.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return tokens.some((token) => {
    if (token.startsWith('.')) return name.endsWith(token);
    if (token.endsWith('/*')) return type.startsWith(token.slice(0, -1));
    return type === token;
  });
}

interface Props {
  /** The input's `data-testid`; its refusal message carries `<testId>-error`. */
  testId: string;
  /** The visible button text (the native input sits invisibly over it). */
  label: ComponentChildren;
  accept: string;
  multiple?: boolean;
  title?: string;
  /**
   * Clear the input after each pick (default), so picking the same file again is seen. With `false`
   * the browser keeps the pick, and an emptied pick is reported as `onFiles([])`.
   */
  reset?: boolean;
  /** The accepted files of a pick; files of another type are refused at the field and left out. */
  onFiles: (files: File[]) => void;
}

/** The one file picker of the pages: a label styled as a button, never wider than its container. */
export function FileInput(props: Props) {
  const [refused, setRefused] = useState<string | null>(null);
  const errorId = `${props.testId}-error`;
  function pick(input: HTMLInputElement): void {
    const files = [...(input.files ?? [])];
    const accepted = files.filter((file) => acceptsFile(props.accept, file));
    const wrong = files.filter((file) => !accepted.includes(file));
    setRefused(wrong.length > 0 ? t('fileWrongType', wrong.map((f) => f.name).join(', ')) : null);
    if (props.reset !== false || wrong.length > 0) input.value = '';
    if (accepted.length > 0 || (files.length === 0 && props.reset === false)) props.onFiles(accepted);
  }
  return (
    <>
      <label class="file-button" title={props.title}>
        <span>{props.label}</span>
        <input
          data-testid={props.testId}
          type="file"
          accept={props.accept}
          multiple={props.multiple}
          aria-invalid={refused !== null ? true : undefined}
          aria-describedby={refused !== null ? errorId : undefined}
          onChange={(e) => pick(e.currentTarget)}
        />
      </label>
      {refused !== null && (
        <span id={errorId} data-testid={errorId} class="error file-error" role="alert">
          {refused}
        </span>
      )}
    </>
  );
}
