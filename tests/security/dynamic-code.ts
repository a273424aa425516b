import { type Node, parse } from 'acorn';
import { fullAncestor } from 'acorn-walk';

/** One place in a script that runs code which is not part of the shipped files. */
export interface Finding {
  rule: string;
  at: number;
  excerpt: string;
}

type AnyNode = Node & Record<string, unknown>;

const WORKER_CTORS = new Set(['Worker', 'SharedWorker']);
const TIMERS = new Set(['setTimeout', 'setInterval']);

/** `x` or `a.b.x` → "x"; anything computed → null. */
function calleeName(node: AnyNode): string | null {
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'MemberExpression' && !node.computed) return (node.property as AnyNode).name as string;
  return null;
}

function isStringish(node: AnyNode | undefined): boolean {
  if (!node) return false;
  return (node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateLiteral';
}

/** Module specifiers must be files of the extension itself: relative or root-relative. */
function isLocalSpecifier(node: AnyNode | null | undefined): boolean {
  return /^(\.{1,2}\/|\/(?!\/))/.test(constantString(node) ?? '');
}

/**
 * A specifier's text when it is a constant: a string literal, or a template literal without any
 * `${}` (the bundler writes lazy chunk imports that way). Anything computed is null: not provably local.
 */
function constantString(node: AnyNode | null | undefined): string | null {
  if (node?.type === 'Literal') return typeof node.value === 'string' ? node.value : null;
  if (node?.type !== 'TemplateLiteral') return null;
  const expressions = node.expressions as unknown[];
  const quasis = node.quasis as { value: { cooked: string | null } }[];
  return expressions.length === 0 && quasis.length === 1 ? (quasis[0]!.value.cooked ?? null) : null;
}

/** `eval` or `Function` used as a value (called, constructed, aliased) — not as `Function.prototype`. */
function isBannedReference(node: AnyNode, parent: AnyNode | undefined): boolean {
  if (node.name !== 'eval' && node.name !== 'Function') return false;
  if (!parent) return true;
  // A property name (`obj.eval`, `{ eval: 1 }`) is not the global.
  if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return false;
  if (parent.type === 'Property' && parent.key === node && !parent.computed && !parent.shorthand)
    return false;
  if (parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition')
    return parent.value === node;
  // `Function.call.bind(...)`, `Function.prototype`: a static member of the constructor, no new code.
  if (node.name === 'Function' && parent.type === 'MemberExpression' && parent.object === node) return false;
  return true;
}

function executeScriptProblem(call: AnyNode): string | null {
  const [arg] = call.arguments as AnyNode[];
  if (arg?.type !== 'ObjectExpression') return 'executeScript with an argument that is not an object literal';
  const keys = (arg.properties as AnyNode[]).map((p) => calleeName((p.key ?? {}) as AnyNode));
  if (keys.includes('code') || keys.includes('files')) return 'executeScript with code or files';
  if (!keys.includes('func')) return 'executeScript without a function';
  return null;
}

function callRule(call: AnyNode): string | null {
  const name = calleeName(call.callee as AnyNode);
  const args = call.arguments as AnyNode[];
  if (name && TIMERS.has(name) && isStringish(args[0])) return `${name} with a string`;
  if (name === 'importScripts') return 'importScripts';
  if (name === 'executeScript') return executeScriptProblem(call);
  if (name === 'createElement' && args[0]?.type === 'Literal' && /^script$/i.test(String(args[0].value)))
    return 'a script element';
  return null;
}

/** The rule a node breaks, if any (identifiers are checked with their parent, above). */
function ruleFor(node: AnyNode): string | null {
  switch (node.type) {
    case 'CallExpression':
      return callRule(node);
    case 'NewExpression': {
      const name = calleeName(node.callee as AnyNode);
      return name && WORKER_CTORS.has(name) ? `new ${name}` : null;
    }
    case 'ImportExpression':
      return isLocalSpecifier(node.source as AnyNode) ? null : 'import() of a non-local module';
    case 'ImportDeclaration':
      return isLocalSpecifier(node.source as AnyNode) ? null : 'import of a non-local module';
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration': {
      const source = node.source as AnyNode | null;
      return source && !isLocalSpecifier(source) ? 'export from a non-local module' : null;
    }
    default:
      return null;
  }
}

/** Built entry files are classic scripts (sloppy mode) or modules; try the stricter goal first. */
function parseScript(source: string): Node {
  try {
    return parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch {
    return parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
  }
}

/**
 * Parses one script (an AST, not a text search) and reports every construct that runs code not in
 * the package: eval, the Function constructor, string timers, URL imports, importScripts, workers,
 * script elements, and `scripting.executeScript` with anything but a function.
 */
export function findDynamicCode(source: string): Finding[] {
  const ast = parseScript(source);
  const findings: Finding[] = [];
  const report = (rule: string, node: AnyNode): void => {
    findings.push({
      rule,
      at: node.start,
      excerpt: source.slice(Math.max(0, node.start - 40), node.end + 40),
    });
  };
  fullAncestor(ast, (raw, _state, ancestors, walkedAs) => {
    const node = raw as unknown as AnyNode;
    const parent = ancestors[ancestors.length - 2] as unknown as AnyNode | undefined;
    // Names being declared (`var x`, parameters) are walked as patterns; only uses matter.
    if (node.type === 'Identifier' && !/Pattern$/.test(walkedAs) && isBannedReference(node, parent))
      report(`${node.name} reference`, node);
    const rule = ruleFor(node);
    if (rule) report(rule, node);
  });
  return findings;
}

/** Every call of a method or function named `name` (e.g. `setAccessLevel`), by its position. */
export function findCalls(source: string, name: string): number[] {
  const found: number[] = [];
  fullAncestor(parseScript(source), (raw) => {
    const node = raw as unknown as AnyNode;
    if (node.type === 'CallExpression' && calleeName(node.callee as AnyNode) === name) found.push(node.start);
  });
  return found;
}

/** `<script>` tags of an HTML page: every one must load a file of the package (no inline, no remote). */
export function findRemoteScriptTags(html: string): string[] {
  const problems: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc\s*=\s*["']([^"']*)["']/i.exec(match[1] ?? '')?.[1];
    if (src === undefined) problems.push(`inline script: ${match[0].slice(0, 80)}`);
    else if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(src)) problems.push(`remote script: ${src}`);
  }
  return problems;
}

/** The default MV3 extension-pages CSP, or a stricter one: scripts from the package only. */
export function cspProblems(csp: unknown): string[] {
  if (csp === undefined) return [];
  const pages = (csp as { extension_pages?: string }).extension_pages;
  if (typeof csp !== 'object' || csp === null || Object.keys(csp).some((k) => k !== 'extension_pages'))
    return [`unexpected CSP keys: ${JSON.stringify(csp)}`];
  if (!pages) return [];
  const directives = new Map(
    pages
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!.toLowerCase(), parts.slice(1)] as const),
  );
  const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
  const allowed = new Set(["'self'", "'none'", "'wasm-unsafe-eval'"]);
  return scripts.filter((source) => !allowed.has(source)).map((source) => `script-src allows ${source}`);
}
