// Which Jira REST operations the repository uses, read from its source, so the trimmed OpenAPI document
// (openapi/jira-platform.trimmed.json) can be regenerated with one command and checked by a test:
// - every `route`...`` template in src/ (the Jira client's calls; the method comes from the call's options
//   object, `{ method: 'POST' }`, GET when absent, exactly as Forge's linter reads it);
// - every entry of the embedded Jira site's route table in sandbox/site/ (`.add('GET', '/rest/...', h)`);
// - EXTRA_OPERATIONS below: calls that cannot be read that way.
// Parsed with the TypeScript compiler rather than regular expressions, so formatting never hides a call.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface JiraUse {
  method: HttpMethod;
  /**
   * The path as written, query string removed, each interpolation or `{name}` written `{}`:
   * route`/rest/api/3/issue/${key}/notify` -> `/rest/api/3/issue/{}/notify`.
   */
  path: string;
  /** For a `route` template: the path as Forge's linter sees it, each interpolation `\S*`, query kept. */
  lintPath?: string;
  kind: 'route-template' | 'site-route' | 'explicit';
  /** `src/jira/client.ts:104`, or why an explicit entry is listed. */
  source: string;
}

/** Operations the code uses that the scan cannot see, each with why. Keep this list short. */
export const EXTRA_OPERATIONS: ReadonlyArray<{ method: HttpMethod; path: string; why: string }> = [
  {
    method: 'GET',
    path: '/rest/api/3/project/search',
    why: 'the sandbox shell (sandbox/host/shell/jira-view.ts) asks a site for it with a plain string path',
  },
  {
    method: 'POST',
    path: '/rest/api/3/issue/bulkfetch',
    why: 'the embedded site is gaining bulk issue fetch; listed ahead of its route-table entry',
  },
  {
    method: 'POST',
    path: '/rest/api/3/issue/properties/multi',
    why: 'bulk property set: the client calls it and the site serves it; listed so it is never dropped',
  },
];

const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
      return SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
}

function isHttpMethod(value: string): value is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(value);
}

/** `/a/{x}/b?c` -> `/a/{}/b`: the query dropped, parameter names erased (the document may name them otherwise). */
export function normalisePath(written: string): string {
  const pathOnly = written.split('?')[0] ?? '';
  return pathOnly.replace(/\{[^}]*\}/g, '{}');
}

function methodOfCall(call: ts.CallExpression): HttpMethod {
  const options = call.arguments[1];
  if (options && ts.isObjectLiteralExpression(options)) {
    for (const property of options.properties) {
      if (
        ts.isPropertyAssignment(property) &&
        ts.isIdentifier(property.name) &&
        property.name.text === 'method' &&
        ts.isStringLiteralLike(property.initializer)
      ) {
        const method = property.initializer.text.toUpperCase();
        if (isHttpMethod(method)) return method;
      }
    }
  }
  return 'GET';
}

function routeTemplateUse(node: ts.TaggedTemplateExpression, file: ts.SourceFile, root: string): JiraUse {
  const template = node.template;
  let written: string;
  let lintPath: string;
  if (ts.isNoSubstitutionTemplateLiteral(template)) {
    written = template.text;
    lintPath = template.text;
  } else {
    written = template.head.text + template.templateSpans.map((s) => `{}${s.literal.text}`).join('');
    lintPath = template.head.text + template.templateSpans.map((s) => `\\S*${s.literal.text}`).join('');
  }
  const call =
    ts.isCallExpression(node.parent) && node.parent.arguments[0] === node ? node.parent : undefined;
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  return {
    method: call ? methodOfCall(call) : 'GET',
    path: normalisePath(written),
    lintPath,
    kind: 'route-template',
    source: `${path.relative(root, file.fileName)}:${line}`,
  };
}

function siteRouteUse(node: ts.CallExpression, file: ts.SourceFile, root: string): JiraUse | undefined {
  if (!ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'add')
    return undefined;
  const [method, template] = node.arguments;
  if (!method || !template || !ts.isStringLiteralLike(method) || !ts.isStringLiteralLike(template))
    return undefined;
  if (!isHttpMethod(method.text) || !template.text.startsWith('/rest/')) return undefined;
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  return {
    method: method.text,
    path: normalisePath(template.text),
    kind: 'site-route',
    source: `${path.relative(root, file.fileName)}:${line}`,
  };
}

function scan(root: string, dir: string, visit: (node: ts.Node, file: ts.SourceFile) => JiraUse | undefined) {
  const uses: JiraUse[] = [];
  for (const fileName of sourceFiles(path.join(root, dir))) {
    const text = fs.readFileSync(fileName, 'utf8');
    const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
    const walk = (node: ts.Node): void => {
      const use = visit(node, file);
      if (use) uses.push(use);
      ts.forEachChild(node, walk);
    };
    walk(file);
  }
  return uses;
}

/** `route` templates anywhere in src/. */
export function routeTemplateUses(root: string): JiraUse[] {
  return scan(root, 'src', (node, file) =>
    ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'route'
      ? routeTemplateUse(node, file, root)
      : undefined,
  );
}

/** The embedded Jira site's route table. */
export function siteRouteUses(root: string): JiraUse[] {
  return scan(root, path.join('sandbox', 'site'), (node, file) =>
    ts.isCallExpression(node) ? siteRouteUse(node, file, root) : undefined,
  );
}

/** Everything the trimmed document must hold. */
export function jiraUses(root: string): JiraUse[] {
  const explicit = EXTRA_OPERATIONS.map((e): JiraUse => ({
    method: e.method,
    path: normalisePath(e.path),
    kind: 'explicit',
    source: e.why,
  }));
  return [...routeTemplateUses(root), ...siteRouteUses(root), ...explicit];
}

// ---------------------------------------------------------------------------------------------------------
// Finding a use in a document.

/**
 * The documented template a use names: segments compared one by one, a `{}` in the code matching only a
 * `{parameter}` segment of the document, literal segments winning over parameters (so
 * `/issue/properties/multi` is that operation, not `/issue/{issueIdOrKey}/...`). Undefined when none has
 * the method.
 */
export function documentedTemplate(
  paths: Record<string, Record<string, unknown>>,
  use: Pick<JiraUse, 'method' | 'path'>,
): string | undefined {
  const wanted = use.path.split('/');
  let best: { template: string; literals: number } | undefined;
  for (const [template, item] of Object.entries(paths)) {
    if (item[use.method.toLowerCase()] === undefined) continue;
    const segments = template.split('/');
    if (segments.length !== wanted.length) continue;
    let literals = 0;
    const matches = segments.every((segment, i) => {
      const code = wanted[i] ?? '';
      if (/^\{[^}]+\}$/.test(segment)) return true;
      if (segment === code) {
        literals += 1;
        return true;
      }
      return false;
    });
    if (matches && (best === undefined || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

/**
 * The document path Forge's linter would check a `route` template's call against, and so whose scopes it
 * would require: the FIRST path, in document order, whose pattern matches the end of the call's path.
 * Mirrors @forge/lint's permission linter (`processPaths` and `ProductVerifier.lookupApiCall` in
 * out/lint/linters/permission-linter/): `{param}` becomes `[^\/\s]*`, the pattern is anchored only at the end,
 * and the query string is dropped. The linter requires no scope at all when that path lacks the method.
 */
export function linterMatch(paths: Record<string, unknown>, lintPath: string): string | undefined {
  const pathWithoutQuery = lintPath.replace(/\?.+$/, '');
  return Object.keys(paths).find((template) =>
    new RegExp(template.replace(/{(?<={)(.*?)(?=})}/g, '[^\\/\\s]*') + '\\/?$').test(pathWithoutQuery),
  );
}
