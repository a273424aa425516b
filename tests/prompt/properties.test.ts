import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countTemplate,
  expandTemplate,
  formatStoryboard,
  formatTemplate,
  isPromptError,
  JobRequestSchema,
  MODEL_NAMES,
  type ParseResult,
  PROMPT_ERROR_CODES,
  parseChatContent,
  parseImport,
  parseModelName,
  parsePrompt,
  parseStoryboard,
  parseTemplate,
  storyboardSource,
} from '../../lib/prompt';

// Syntax-heavy characters, so that random text hits tags, shots, links, templates and escapes.
const UNITS = [
  'a',
  'b',
  ' ',
  '\n',
  '\t',
  '{',
  '}',
  '[',
  ']',
  '|',
  '\\',
  ':',
  's',
  '5',
  '0',
  '.',
  '-',
  '_',
  'é',
  '"',
  ',',
  'anime',
  '{{',
  '}}',
  '[5.0s]',
  's_68e3a06dcd888191b150971da152c1f5',
  'https://sora.chatgpt.com/p/',
  '{x: a | b}',
  'Shot 1:\nduration: 5.0sec\nScene: ',
];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 40 }),
  fc.string({ maxLength: 60 }),
);
const model = fc.oneof(fc.constantFrom(...MODEL_NAMES), fc.string({ maxLength: 12 }));
const styles = fc.record({
  live: fc.option(fc.array(fc.constantFrom('anime', 'kpop', 'high_def', 'x'), { maxLength: 4 }), {
    nil: null,
  }),
});
const OPTS = { numRuns: Number(process.env.PROP_RUNS ?? 400) };

function onlyPromptErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!isPromptError(error)) throw error;
    expect(PROMPT_ERROR_CODES).toContain(error.code);
  }
}

function wellFormed(result: ParseResult): void {
  if (result.ok) JobRequestSchema.parse(result.request);
  else expect(PROMPT_ERROR_CODES).toContain(result.error.code);
}

describe('the parser never throws anything but its own typed errors', () => {
  it('parsePrompt returns a valid request or a PromptError', () => {
    fc.assert(
      fc.property(text, model, styles, (t, m, s) => wellFormed(parsePrompt(t, { model: m, styles: s }))),
      OPTS,
    );
  });

  it('parseChatContent accepts anything', () => {
    const part = fc.oneof(
      fc.record({ type: fc.constant('text'), text }),
      fc.record({
        type: fc.constant('image_url'),
        image_url: fc.record({ url: fc.oneof(text, fc.constant('data:image/png;base64,QUJD')) }),
      }),
      fc.record({
        type: fc.constant('video_url'),
        video_url: fc.oneof(text, fc.constant('https://x.test/v.mp4')),
      }),
      fc.anything(),
    );
    const content = fc.oneof(text, fc.array(part, { maxLength: 4 }), fc.anything());
    fc.assert(
      fc.property(content, model, styles, (c, m, s) =>
        wellFormed(parseChatContent(c, { model: m, styles: s })),
      ),
      OPTS,
    );
  });

  it('parseImport reports rows, never throws, for .txt, .csv and .jsonl', () => {
    const file = fc.oneof(
      text,
      fc.array(fc.json(), { maxLength: 5 }).map((l) => l.join('\n')),
    );
    fc.assert(
      fc.property(fc.constantFrom('a.txt', 'a.csv', 'a.jsonl'), file, model, (name, body, m) => {
        const result = parseImport(name, `prompt,model\n${body}`, { model: m, styles: { live: null } });
        for (const job of result.jobs) JobRequestSchema.parse(job);
        for (const r of result.rejected) expect(r.line).toBeGreaterThan(0);
      }),
      OPTS,
    );
  });

  it('standalone helpers throw only PromptError', () => {
    fc.assert(
      fc.property(text, (t) => {
        onlyPromptErrors(() => parseModelName(t));
        onlyPromptErrors(() => parseStoryboard(t));
        onlyPromptErrors(() => countTemplate(t));
        onlyPromptErrors(() => expandTemplate(t, { cap: 50 }));
      }),
      OPTS,
    );
  });
});

describe('parse → format → parse is stable', () => {
  it('storyboards, from arbitrary text', () => {
    fc.assert(
      fc.property(text, (t) => {
        let board: ReturnType<typeof parseStoryboard>;
        try {
          board = parseStoryboard(t);
        } catch (error) {
          if (isPromptError(error)) return;
          throw error;
        }
        expect(parseStoryboard(formatStoryboard(board.shots, board.instructions))).toEqual(board);
        expect(parseStoryboard(storyboardSource(board.shots, board.instructions))).toEqual(board);
      }),
      OPTS,
    );
  });

  it('storyboards, from generated shots', () => {
    const words = fc.string({
      unit: fc.constantFrom('a', 'B', ' ', '[', ']', '{', '}', '|', '\\', ':', '5s', '\n'),
      minLength: 1,
      maxLength: 20,
    });
    const shot = fc.record({
      durationS: fc.integer({ min: 1, max: 2500 }).map((h) => h / 100),
      text: words.filter((w) => w.trim() !== ''),
    });
    fc.assert(
      fc.property(
        fc.array(shot, { minLength: 1, maxLength: 6 }),
        fc.option(words, { nil: null }),
        (shots, instr) => {
          const board = parseStoryboard(storyboardSource(shots, instr));
          const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
          expect(board.shots).toEqual(shots.map((s) => ({ durationS: s.durationS, text: clean(s.text) })));
          expect(board.instructions).toEqual(instr === null || clean(instr) === '' ? null : clean(instr));
          expect(parseStoryboard(formatStoryboard(board.shots, board.instructions))).toEqual(board);
        },
      ),
      OPTS,
    );
  });

  it('templates, from arbitrary text', () => {
    fc.assert(
      fc.property(text, (t) => {
        let segments: ReturnType<typeof parseTemplate>;
        try {
          segments = parseTemplate(t);
        } catch (error) {
          if (isPromptError(error)) return;
          throw error;
        }
        const again = parseTemplate(formatTemplate(segments));
        expect(again).toEqual(segments);
        expect(expandTemplate(formatTemplate(again), { cap: Number.POSITIVE_INFINITY })).toEqual(
          expandTemplate(t, { cap: Number.POSITIVE_INFINITY }),
        );
      }),
      OPTS,
    );
  });

  it('templates, from generated variables: count matches expansion', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '{anime}', '\\|', '[5s]'), maxLength: 6 });
    const variable = fc
      .array(value, { minLength: 1, maxLength: 4 })
      .filter((vs) => vs.some((v) => v.trim() !== ''));
    fc.assert(
      fc.property(fc.array(variable, { minLength: 1, maxLength: 3 }), (vars) => {
        const source = vars.map((vs, i) => `v${i} {{v${i}: ${vs.join(' | ')}}}`).join(' ');
        const expected = vars.reduce((n, vs) => n * vs.length, 1);
        expect(countTemplate(source)).toBe(expected);
        expect(expandTemplate(source, { cap: 1000 })).toHaveLength(expected);
        expect(parseTemplate(formatTemplate(parseTemplate(source)))).toEqual(parseTemplate(source));
      }),
      OPTS,
    );
  });
});
