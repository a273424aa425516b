import { POST_ID_SOURCE, SORA_LINK_HOST_SOURCE } from '../prompt/remix';

/** A piece of prompt text and what the prompt language makes of it (for highlighting). */
export interface PromptToken {
  text: string;
  kind: 'text' | 'style' | 'shot' | 'remix' | 'template';
}

// Escapes first, so `\{anime}` stays text; then templates, styles, shots and remix links or ids.
const TOKEN_RE = new RegExp(
  String.raw`(\\[\\{}[\]|])|(\{\{[\s\S]*?\}\})|(\{[ \t]*[^{}\s]+[ \t]*\})|(\[\d+(?:\.\d+)?s\])` +
    String.raw`|((?:https:\/\/${SORA_LINK_HOST_SOURCE}\/p\/)?${POST_ID_SOURCE})`,
  'gi',
);
const KINDS: PromptToken['kind'][] = ['text', 'template', 'style', 'shot', 'remix'];

/** Splits prompt text into tokens; joining their texts gives the input back unchanged. */
export function promptTokens(text: string): PromptToken[] {
  const tokens: PromptToken[] = [];
  const push = (piece: string, kind: PromptToken['kind']): void => {
    const last = tokens[tokens.length - 1];
    if (kind === 'text' && last?.kind === 'text') last.text += piece;
    else if (piece !== '') tokens.push({ text: piece, kind });
  };
  let pos = 0;
  for (const match of text.matchAll(TOKEN_RE)) {
    const index = match.index ?? 0;
    push(text.slice(pos, index), 'text');
    const group = match.findIndex((g, i) => i > 0 && g !== undefined);
    push(match[0], KINDS[group - 1] ?? 'text');
    pos = index + match[0].length;
  }
  push(text.slice(pos), 'text');
  return tokens;
}
