import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspProblems, findCalls, findDynamicCode, findRemoteScriptTags } from './dynamic-code';

const rules = (source: string): string[] => findDynamicCode(source).map((f) => f.rule);

describe('the dynamic-code audit (run on the built bundle by e2e/security-bundle.e2e.ts)', () => {
  it.each([
    ['eval', 'eval("1+1")', 'eval reference'],
    ['indirect eval', 'const e = eval; e("1")', 'eval reference'],
    ['new Function', 'new Function("a", "return a")', 'Function reference'],
    ['Function()', 'Function("return this")()', 'Function reference'],
    ['an alias of Function (zod 4)', 'const F = Function; new F("")', 'Function reference'],
    ['a string timer', 'setTimeout("alert(1)", 10)', 'setTimeout with a string'],
    ['a template timer', 'window.setInterval(`x()`, 10)', 'setInterval with a string'],
    ['import() of a URL', 'import("https://cdn.example.com/x.js")', 'import() of a non-local module'],
    ['import() of a computed name', 'import(name)', 'import() of a non-local module'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this string is the source code under test.
    ['import() of a template with a value', 'import(`./${name}.js`)', 'import() of a non-local module'],
    [
      'import() of a template URL',
      'import(`https://cdn.example.com/x.js`)',
      'import() of a non-local module',
    ],
    [
      'a static URL import',
      'import x from "https://cdn.example.com/x.js"; x()',
      'import of a non-local module',
    ],
    ['importScripts', 'importScripts("https://x/y.js")', 'importScripts'],
    ['a worker (papaparse)', 'new global.Worker(url)', 'new Worker'],
    ['a script element', 'document.createElement("script")', 'a script element'],
    [
      'executeScript with files',
      'chrome.scripting.executeScript({target:{tabId:1},files:["x.js"]})',
      'executeScript with code or files',
    ],
    [
      'executeScript with a variable',
      'browser.scripting.executeScript(opts)',
      'executeScript with an argument that is not an object literal',
    ],
  ])('finds %s', (_name, source, rule) => {
    expect(rules(source)).toContain(rule);
  });

  it.each([
    [
      'a lazy chunk import (the bundler writes a constant template)',
      'import(`./batch-view-Cm.js`).then((m) => m.BatchView)',
    ],
    [
      'Function.call.bind (webextension-polyfill)',
      'const c = Function.call.bind(Object.prototype.hasOwnProperty)',
    ],
    ['a property named eval', 'obj.eval(1); const o = { eval: 1, Function: 2 }'],
    ['a function timer', 'setTimeout(() => run(), 10)'],
    ['a relative chunk import', 'import { a } from "./chunks/x.js"; import("./y.js")'],
    [
      'executeScript with a function (lib/platform/sora-tab.ts)',
      'browser.scripting.executeScript({target:{tabId:t},world:"MAIN",func:s,args:[f]})',
    ],
  ])('allows %s', (_name, source) => {
    expect(rules(source)).toEqual([]);
  });

  it('finds the code generators in the unmodified library sources that the build strips', () => {
    const require = createRequire(import.meta.url);
    const zodCore = join(dirname(require.resolve('zod')), 'v4/core');
    expect(rules(readFileSync(join(zodCore, 'doc.js'), 'utf8'))).toContain('Function reference');
    expect(rules(readFileSync(join(zodCore, 'util.js'), 'utf8'))).toContain('Function reference');
    const papa = readFileSync(require.resolve('papaparse/papaparse.js'), 'utf8');
    expect(rules(papa)).toContain('new Worker');
  });

  it('accepts only package scripts in HTML', () => {
    expect(
      findRemoteScriptTags('<script type="module" crossorigin src="/chunks/popup.js"></script>'),
    ).toEqual([]);
    expect(findRemoteScriptTags('<script src="https://cdn.example.com/a.js"></script>')).toHaveLength(1);
    expect(findRemoteScriptTags('<script src="//cdn.example.com/a.js"></script>')).toHaveLength(1);
    expect(findRemoteScriptTags('<script>alert(1)</script>')).toHaveLength(1);
  });

  it('accepts the default CSP or a stricter one, nothing looser', () => {
    expect(cspProblems(undefined)).toEqual([]);
    expect(cspProblems({ extension_pages: "script-src 'self'; object-src 'self'" })).toEqual([]);
    expect(cspProblems({ extension_pages: "script-src 'self' 'unsafe-eval'" })).toEqual([
      "script-src allows 'unsafe-eval'",
    ]);
    expect(cspProblems({ extension_pages: "script-src 'self' https://cdn.example.com" })).toHaveLength(1);
    expect(cspProblems({ sandbox: "sandbox allow-scripts; script-src 'unsafe-eval'" })).toHaveLength(1);
  });

  it('finds calls by name, however they are reached', () => {
    expect(
      findCalls('chrome.storage.session.setAccessLevel({accessLevel:"x"})', 'setAccessLevel'),
    ).toHaveLength(1);
    expect(findCalls('e.session.setAccessLevel(t); f(setAccessLevel)', 'setAccessLevel')).toHaveLength(1);
    expect(findCalls('const o = { setAccessLevel: 1 }', 'setAccessLevel')).toEqual([]);
  });
});
