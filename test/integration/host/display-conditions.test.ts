// Display conditions as the host applies them when it places modules on the issue view: a module whose
// conditions are false is not on the page at all. The evaluator on its own first, then over HTTP with the probe
// app whose issue context is enabled per project by a project property, as Role Split's is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningHost } from '../../../sandbox/host';
import {
  isDisplayed,
  parseDisplayConditions,
  type DisplayFacts,
} from '../../../sandbox/host/display-conditions';
import { parseManifest } from '../../../sandbox/host/manifest';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { PROBE_MANIFEST, createProbeApp, grantConsent, startProbeHost, type ProbeApp } from './probe-app';

function facts(properties: {
  project?: Record<string, unknown>;
  issue?: Record<string, unknown>;
}): DisplayFacts {
  return {
    issue: { id: '10100', key: 'SHOP-7', type: 'Story' },
    project: { id: '10000', key: 'SHOP' },
    property: (entity, key) => Promise.resolve(properties[entity]?.[key]),
  };
}

const shown = (conditions: unknown, f: DisplayFacts) =>
  isDisplayed(parseDisplayConditions(conditions, 'test'), f);

describe('evaluating display conditions', () => {
  const enabled = {
    entityPropertyEqualTo: { entity: 'project', propertyKey: 'policy', objectName: 'enabled', value: 'true' },
  };

  it('compares a property field as a string, and is false when the property or the field is missing', async () => {
    expect(await shown(enabled, facts({ project: { policy: { schema: 1, enabled: true } } }))).toBe(true);
    expect(await shown(enabled, facts({ project: { policy: { schema: 1, enabled: false } } }))).toBe(false);
    expect(await shown(enabled, facts({ project: { policy: { schema: 1 } } }))).toBe(false);
    expect(await shown(enabled, facts({ project: {} }))).toBe(false);
    expect(await shown(enabled, facts({ issue: { policy: { enabled: true } } }))).toBe(false);
    // YAML reads `value: true` as a boolean; Forge compares its string form.
    const unquoted = { entityPropertyEqualTo: { ...enabled.entityPropertyEqualTo, value: true } };
    expect(await shown(unquoted, facts({ project: { policy: { enabled: true } } }))).toBe(true);
    const nested = {
      entityPropertyEqualTo: { entity: 'issue', propertyKey: 'p', objectName: 'a', value: '{"b":42}' },
    };
    expect(await shown(nested, facts({ issue: { p: { a: { b: 42 } } } }))).toBe(true);
  });

  it('tests existence, containsAny and containsAll, and combines with and, or, not', async () => {
    const f = facts({ issue: { tags: { list: ['a', 'b', 3] } }, project: { flag: 'x' } });
    expect(await shown({ entityPropertyExists: { entity: 'project', propertyKey: 'flag' } }, f)).toBe(true);
    expect(
      await shown({ entityPropertyExists: { entity: 'issue', propertyKey: 'tags', objectName: 'nope' } }, f),
    ).toBe(false);
    const any = (value: unknown) => ({
      entityPropertyContainsAny: { entity: 'issue', propertyKey: 'tags', objectName: 'list', value },
    });
    const all = (value: unknown) => ({
      entityPropertyContainsAll: { entity: 'issue', propertyKey: 'tags', objectName: 'list', value },
    });
    expect(await shown(any(['z', '3']), f)).toBe(true);
    expect(await shown(any('z'), f)).toBe(false);
    expect(await shown(all(['a', 'b']), f)).toBe(true);
    expect(await shown(all(['a', 'z']), f)).toBe(false);
    expect(await shown({ projectKey: 'SHOP', not: { issueType: ['Epic', 'Bug'] } }, f)).toBe(true);
    expect(await shown({ projectKey: 'MOB', issueType: 'Story' }, f)).toBe(false);
    expect(await shown({ or: { projectKey: 'MOB', issueKey: 'SHOP-7' } }, f)).toBe(true);
  });

  it('refuses, at manifest load, a condition the sandbox cannot evaluate', () => {
    expect(() => parseDisplayConditions({ jiraExpression: 'true' }, 'here')).toThrow(/cannot evaluate/);
    expect(() =>
      parseDisplayConditions({ entityPropertyExists: { entity: 'user', propertyKey: 'x' } }, 'here'),
    ).toThrow(/issue and project only/);
    expect(() =>
      parseDisplayConditions({ entityPropertyEqualTo: { entity: 'project', propertyKey: 'x' } }, 'here'),
    ).toThrow(/needs a value/);
  });

  it('reads the repository manifest: the Role Split section is placed only where the project enables it', async () => {
    const { readFileSync } = await import('node:fs');
    const manifest = parseManifest(readFileSync(join(import.meta.dirname, '../../../manifest.yml'), 'utf8'));
    const section = manifest.uiModules.find((m) => m.key === 'role-split-issue-context');
    const policy = (value: unknown) => facts({ project: { 'role-split-policy': value } });
    expect(await isDisplayed(section?.displayConditions ?? null, policy({ schema: 1, enabled: true }))).toBe(
      true,
    );
    expect(await isDisplayed(section?.displayConditions ?? null, policy({ schema: 1, enabled: false }))).toBe(
      false,
    );
    expect(await isDisplayed(section?.displayConditions ?? null, facts({ project: {} }))).toBe(false);
  });
});

const POLICY_CONDITION = `      displayConditions:
        entityPropertyEqualTo:
          entity: project
          propertyKey: role-split-policy
          objectName: enabled
          value: 'true'
`;

describe('placing modules on the issue view', () => {
  let site: RunningSite;
  let host: RunningHost;
  let probe: ProbeApp;
  const admin = DEMO.adminUser.accountId;

  beforeAll(async () => {
    site = await startSite({ dataDir: null, port: 0 });
    probe = createProbeApp();
    const manifest = PROBE_MANIFEST.replace(
      '      label: Probe ownership\n',
      `      label: Probe ownership\n${POLICY_CONDITION}`,
    ).replace(
      '      title: Probe panel\n',
      '      title: Probe panel\n      displayConditions:\n        not:\n          issueType: Epic\n',
    );
    expect(manifest).toContain('propertyKey: role-split-policy');
    expect(manifest).toContain('issueType: Epic');
    writeFileSync(join(probe.rootDir, 'manifest.yml'), manifest);
    host = await startProbeHost(site, probe);
    await grantConsent(host, [admin]);
  });
  afterAll(async () => {
    await host?.close();
    await site?.close();
    probe?.remove();
  });

  async function issuePage(key: string): Promise<string> {
    const response = await fetch(`${host.url}/browse/${key}`, {
      headers: { accept: 'text/html', cookie: `forge-host-as=${encodeURIComponent(admin)}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  const hasContext = (html: string) => html.includes('data-context="probe-context"');
  const shop = () => site.state.getProject(DEMO.projectKey);

  it('places the issue context in an enabled project, and not once the project is disabled or has no policy', async () => {
    const story = DEMO.issues.coveredStory;
    expect(hasContext(await issuePage(story))).toBe(true);
    const project = shop();
    if (!project) throw new Error('no SHOP');
    site.state.setProjectProperty(project, 'role-split-policy', { schema: 1, enabled: false });
    expect(hasContext(await issuePage(story))).toBe(false);
    expect(hasContext(await issuePage(DEMO.issues.crossProjectStory))).toBe(true);
    site.state.deleteProjectProperty(project, 'role-split-policy');
    expect(hasContext(await issuePage(story))).toBe(false);
    site.state.setProjectProperty(project, 'role-split-policy', { schema: 1, enabled: true });
    expect(hasContext(await issuePage(story))).toBe(true);
  });

  it('applies issue view conditions to issue panels too (no button on an epic here)', async () => {
    expect(await issuePage(DEMO.issues.coveredStory)).toContain('data-add-panel="probe-panel"');
    expect(await issuePage(DEMO.issues.coveredEpic)).not.toContain('data-add-panel="probe-panel"');
  });
});
