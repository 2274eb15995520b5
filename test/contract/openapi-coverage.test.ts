// The trimmed OpenAPI document (openapi/jira-platform.trimmed.json) must hold every operation the code uses.
// Forge's linter silently requires no scope for a path its document lacks, and the contract checks read a
// missing operation as "undocumented": so when src/ gains a `route` template or the embedded site a route,
// this fails until `npm run openapi:trim -- PATH/TO/jira-platform.v3.json` is rerun.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  documentedTemplate,
  jiraUses,
  linterMatch,
  routeTemplateUses,
  siteRouteUses,
  type JiraUse,
} from '../../scripts/openapi/jira-usage';
import { JIRA_PLATFORM_OPENAPI, repoRoot } from '../support/openapi';

const RERUN = 'rerun `npm run openapi:trim -- PATH/TO/jira-platform.v3.json`';

const trimmed = z
  .object({
    paths: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
    components: z.object({ schemas: z.record(z.string(), z.unknown()) }).loose(),
  })
  .parse(JSON.parse(fs.readFileSync(JIRA_PLATFORM_OPENAPI, 'utf8')));

const scopesSchema = z.array(z.object({ state: z.string(), scopes: z.array(z.string()) }).loose());
/**
 * The entries Forge's linter reads for an operation's required scopes: those of state "Current" in
 * `x-atlassian-oauth2-scopes` (their lists may be empty: `POST /permissions/check` needs no classic scope).
 */
function currentScopeEntries(template: string, method: string) {
  const operation = trimmed.paths[template]?.[method.toLowerCase()];
  return scopesSchema
    .parse(operation?.['x-atlassian-oauth2-scopes'] ?? [])
    .filter((s) => s.state === 'Current');
}

const describeUse = (u: JiraUse) => `${u.method} ${u.path} (${u.source})`;
const uses = jiraUses(repoRoot);
const routeTemplates = uses.filter((u) => u.kind === 'route-template');

describe('the code reading finds the calls', () => {
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'role-split-usage-'));
  afterAll(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

  it('reads route templates with their method, and the site route table', () => {
    fs.mkdirSync(path.join(tempRoot, 'src'), { recursive: true });
    fs.mkdirSync(path.join(tempRoot, 'sandbox', 'site'), { recursive: true });
    fs.writeFileSync(
      path.join(tempRoot, 'src', 'calls.ts'),
      [
        'await api.requestJira(route`/rest/api/3/issue/${key}/notify`, { method: "POST", body });',
        'await api.requestJira(route`/rest/api/3/user/bulk?${query}`);',
        'await api.requestJira(',
        '  route`/rest/api/3/issue/${key}/properties/${name}`,',
        "  { body, method: 'delete' },",
        ');',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(tempRoot, 'sandbox', 'site', 'routes.ts'),
      "router.add('PUT', '/rest/api/3/issue/{issueIdOrKey}', edit).add('GET', '/health', ok);",
    );
    expect(routeTemplateUses(tempRoot).map((u) => [u.method, u.path, u.lintPath, u.source])).toEqual([
      ['POST', '/rest/api/3/issue/{}/notify', '/rest/api/3/issue/\\S*/notify', 'src/calls.ts:1'],
      ['GET', '/rest/api/3/user/bulk', '/rest/api/3/user/bulk?\\S*', 'src/calls.ts:2'],
      [
        'DELETE',
        '/rest/api/3/issue/{}/properties/{}',
        '/rest/api/3/issue/\\S*/properties/\\S*',
        'src/calls.ts:4',
      ],
    ]);
    expect(siteRouteUses(tempRoot).map((u) => [u.method, u.path])).toEqual([['PUT', '/rest/api/3/issue/{}']]);
  });

  it("finds the Jira client's calls and the embedded site's routes in this repository", () => {
    expect(routeTemplates.filter((u) => u.source.startsWith('src/jira/')).length).toBeGreaterThanOrEqual(10);
    expect(uses.filter((u) => u.kind === 'site-route').length).toBeGreaterThanOrEqual(10);
  });

  it('a path the document lacks is not found', () => {
    expect(documentedTemplate(trimmed.paths, { method: 'GET', path: '/rest/api/3/no/such/thing' })).toBe(
      undefined,
    );
    expect(documentedTemplate(trimmed.paths, { method: 'PATCH', path: '/rest/api/3/myself' })).toBe(
      undefined,
    );
  });
});

describe('the trimmed document holds every operation the code uses', () => {
  it.each(uses.map((u) => [describeUse(u), u] as const))('%s', (_name, use) => {
    expect({ use: describeUse(use), template: documentedTemplate(trimmed.paths, use) ?? RERUN }).toEqual({
      use: describeUse(use),
      template: expect.stringMatching(/^\/rest\//),
    });
  });
});

describe("Forge's linter checks each route template against its own operation and its scopes", () => {
  it.each(routeTemplates.map((u) => [describeUse(u), u] as const))('%s', (_name, use) => {
    const template = documentedTemplate(trimmed.paths, use);
    expect(linterMatch(trimmed.paths, use.lintPath ?? '')).toBe(template);
    expect(currentScopeEntries(template ?? '', use.method)).toHaveLength(1);
  });
});

describe('the trimmed document holds nothing else', () => {
  it('has exactly the operations the code uses (plus any the linter would match instead)', () => {
    const wanted = new Set<string>();
    for (const use of uses) {
      const template = documentedTemplate(trimmed.paths, use);
      if (template !== undefined) wanted.add(`${use.method} ${template}`);
      const linted = use.lintPath === undefined ? undefined : linterMatch(trimmed.paths, use.lintPath);
      if (linted !== undefined && trimmed.paths[linted]?.[use.method.toLowerCase()] !== undefined)
        wanted.add(`${use.method} ${linted}`);
    }
    const present = Object.entries(trimmed.paths).flatMap(([template, item]) =>
      Object.keys(item)
        .filter((key) => key !== 'parameters')
        .map((method) => `${method.toUpperCase()} ${template}`),
    );
    expect({ present: present.sort(), hint: RERUN }).toEqual({ present: [...wanted].sort(), hint: RERUN });
  });

  it('every reference resolves inside the document', () => {
    const refs = new Set<string>();
    JSON.stringify(trimmed, (key, value: unknown) => {
      if (key === '$ref' && typeof value === 'string') refs.add(value);
      return value;
    });
    const unresolved = [...refs].filter(
      (ref) => !(ref.replace('#/components/schemas/', '') in trimmed.components.schemas),
    );
    expect(refs.size).toBeGreaterThan(0);
    expect(unresolved).toEqual([]);
  });
});
