// Regenerates openapi/jira-platform.trimmed.json from Atlassian's full Jira Cloud platform OpenAPI document:
//
//   npm run openapi:trim -- PATH/TO/jira-platform.v3.json
//
// Keeps the operations the repository uses (scripts/openapi/jira-usage.ts finds them in src/) and what they
// reference (scripts/openapi/trim.ts). Rerun it whenever src/ gains a `route` template or the embedded site a
// route; test/contract/openapi-coverage.test.ts fails until then. Output is Prettier-formatted, so reruns on
// the same inputs give the same bytes and a changed operation shows as a small diff.
import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { documentedTemplate, jiraUses, linterMatch } from './openapi/jira-usage';
import { parseDocument, trimDocument } from './openapi/trim';

const root = path.resolve(import.meta.dirname, '..');
const OUTPUT = path.join(root, 'openapi', 'jira-platform.trimmed.json');

function fail(message: string): never {
  console.error(`openapi:trim: ${message}`);
  process.exit(1);
}

const sourceFile = process.argv[2];
if (!sourceFile) fail('usage: npm run openapi:trim -- PATH/TO/jira-platform.v3.json');
if (!fs.existsSync(sourceFile)) fail(`${sourceFile} not found`);
const source = parseDocument(JSON.parse(fs.readFileSync(sourceFile, 'utf8')));

const keep = new Map<string, Set<string>>();
const add = (template: string, method: string) => {
  const methods = keep.get(template) ?? new Set<string>();
  methods.add(method.toLowerCase());
  keep.set(template, methods);
};
const missing: string[] = [];
const uses = jiraUses(root);
for (const use of uses) {
  const template = documentedTemplate(source.paths, use);
  if (template === undefined) {
    missing.push(`${use.method} ${use.path} (${use.source})`);
    continue;
  }
  add(template, use.method);
  // The linter checks a call against the first path that matches, which is not always the intended one:
  // keep that path's operation too, so the linter answers on the trimmed document as on the full one.
  if (use.lintPath === undefined) continue;
  const linted = linterMatch(source.paths, use.lintPath);
  if (linted !== undefined && linted !== template) {
    console.warn(
      `openapi:trim: Forge's linter checks ${use.method} ${use.path} (${use.source}) against ${linted}, not ${template}`,
    );
    if (source.paths[linted]?.[use.method.toLowerCase()] !== undefined) add(linted, use.method);
  }
}
if (missing.length > 0) fail(`not in ${sourceFile}:\n  ${missing.join('\n  ')}`);

const note =
  `Trimmed by \`npm run openapi:trim\` (scripts/openapi-trim.mts) from ${path.basename(sourceFile)}: ` +
  `only the operations the repository uses. Do not edit by hand; rerun the script.`;
const { document, operations, components } = trimDocument(source, keep, note);
const config = (await prettier.resolveConfig(OUTPUT)) ?? {};
const text = await prettier.format(JSON.stringify(document, null, 2), { ...config, parser: 'json' });
fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
const before = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : undefined;
fs.writeFileSync(OUTPUT, text);
console.log(
  `openapi:trim: ${path.relative(root, OUTPUT)}: ${operations} operations on ${keep.size} paths, ` +
    `${components} components, ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB ` +
    `(${before === text ? 'unchanged' : before === undefined ? 'new' : 'updated'}; from ${uses.length} uses in the code).`,
);
