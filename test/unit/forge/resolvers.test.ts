// The Forge entry points, called exactly as Forge calls them (test/support/forge-runtime.ts) against the
// embedded demo site: issue and project come from the Forge context, payloads are validated, failures come
// back as envelopes, and the project's stored policy is honoured.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Envelope } from '../../../src/contract/envelope';
import type { AlignmentStatusView, AlignmentSummaryView } from '../../../src/contract/alignment';
import type { IssuePanelView } from '../../../src/contract/views';
import { alignmentPageHandler, issuePanelHandler } from '../../../src/index';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { POLICY_PROPERTY_KEY } from '../../../src/app/policy-store';
import {
  callResolver,
  installForgeTestRuntime,
  issuePanelExtension,
  projectPageExtension,
  type ForgeTestRuntime,
} from '../../support/forge-runtime';
import { deliverScans, settledPushes } from '../../support/scan-delivery';

let site: RunningSite;
let runtime: ForgeTestRuntime | undefined;
const viewer = DEMO.adminUser.accountId;
const shop = { id: DEMO.projectId, key: DEMO.projectKey };

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  // Every resolver call logs one JSON line (checked in ownership.test.ts); not printed here.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.restoreAllMocks();
  runtime?.restore();
  runtime = undefined;
});

function useRuntime(): ForgeTestRuntime {
  runtime = installForgeTestRuntime({ site, accountId: viewer });
  return runtime;
}

function issueRef(key: string) {
  const issue = site.state.getIssue(key);
  if (!issue) throw new Error(`demo issue ${key} missing`);
  return {
    id: issue.id,
    key: issue.key,
    type: site.state.issueType(issue.issueTypeId).name,
    typeId: issue.issueTypeId,
  };
}

/** A demo issue of the given type in SHOP, found in the site's data rather than hard-coded. */
function firstOfType(typeName: string): string {
  for (const issue of site.state.issues.values()) {
    if (
      issue.key.startsWith(`${DEMO.projectKey}-`) &&
      site.state.issueType(issue.issueTypeId).name === typeName
    )
      return issue.key;
  }
  throw new Error(`no ${typeName} in the demo project`);
}

function panel(
  key: string,
  payload: unknown = {},
  context?: Record<string, unknown>,
): Promise<Envelope<IssuePanelView>> {
  return callResolver(issuePanelHandler, {
    functionKey: 'issue/get-panel',
    payload,
    context: context ?? { extension: issuePanelExtension(issueRef(key), shop) },
    accountId: viewer,
  }) as Promise<Envelope<IssuePanelView>>;
}

describe('issue panel resolver (issue/get-panel)', () => {
  it('describes the issue named by the Forge context', async () => {
    useRuntime();
    const result = await panel(DEMO.issues.coveredEpic);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.issue.key).toBe(DEMO.issues.coveredEpic);
    expect(result.data.slot).toBe('pm');
  });

  it('rejects a payload that names another issue, without reading that issue', async () => {
    const { requests } = useRuntime();
    const result = await panel(DEMO.issues.coveredStory, { issueKey: DEMO.issues.coveredEpic });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(requests.filter((r) => r.path.includes(DEMO.issues.coveredEpic))).toEqual([]);
  });

  it('refuses to run outside an issue panel context', async () => {
    useRuntime();
    const result = await panel(DEMO.issues.coveredStory, {}, { extension: projectPageExtension(shop) });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('answers NOT_FOUND as an envelope when the context names an issue Jira does not have', async () => {
    useRuntime();
    const result = await panel(
      DEMO.issues.coveredStory,
      {},
      {
        extension: issuePanelExtension({ id: '999999', key: `${DEMO.projectKey}-99999` }, shop),
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  /** Writes SHOP's `role-split-policy` property for one test; `restore` puts the demo's value back. */
  function withPolicyProperty(value: unknown): () => void {
    const project = site.state.getProject(DEMO.projectKey);
    if (!project) throw new Error('demo project missing');
    const before = project.properties.get(POLICY_PROPERTY_KEY);
    site.state.setProjectProperty(project, POLICY_PROPERTY_KEY, value);
    return () => {
      if (before === undefined) site.state.deleteProjectProperty(project, POLICY_PROPERTY_KEY);
      else site.state.setProjectProperty(project, POLICY_PROPERTY_KEY, before);
    };
  }

  it("uses the project's policy from its role-split-policy property", async () => {
    const task = firstOfType('Task');
    const withDefaults = (useRuntime(), await panel(task));
    expect(withDefaults).toMatchObject({ ok: true, data: { outOfScopeReason: 'type-not-in-scope' } });
    runtime?.restore();

    const restore = withPolicyProperty({
      schema: 1,
      enabled: true,
      executionTypes: ['Story', 'Task'],
      includeDone: true,
    });
    try {
      useRuntime();
      const withPolicy = await panel(task);
      expect(withPolicy).toMatchObject({ ok: true, data: { slot: 'po', outOfScopeReason: null } });
    } finally {
      restore();
    }
  });

  it('reads a damaged policy property as the defaults instead of failing', async () => {
    const task = firstOfType('Task');
    const restore = withPolicyProperty({ schema: 1, enabled: true, executionTypes: [] });
    try {
      useRuntime();
      const result = await panel(task);
      expect(result).toMatchObject({ ok: true, data: { outOfScopeReason: 'type-not-in-scope' } });
    } finally {
      restore();
    }
  });
});

describe('alignment page resolvers', () => {
  function call<T>(
    functionKey: string,
    payload: unknown = {},
    options: { context?: Record<string, unknown>; accountId?: string } = {},
  ): Promise<Envelope<T>> {
    return callResolver(alignmentPageHandler, {
      functionKey,
      payload,
      context: options.context ?? { extension: projectPageExtension(shop) },
      accountId: options.accountId ?? viewer,
    }) as Promise<Envelope<T>>;
  }

  it('queues the first scan of an enabled project from the Forge context, and the consumer stores it', async () => {
    const runtime = useRuntime();
    const first = await call<AlignmentStatusView>('project/get-status');
    expect(first).toMatchObject({
      ok: true,
      data: { project: { key: DEMO.projectKey }, enabled: true, currentScan: { state: 'queued' } },
    });
    expect((await settledPushes(runtime)).map((d) => d.concurrency)).toEqual([
      { key: `scan:${DEMO.projectId}`, limit: 1 },
    ]);
    expect(await deliverScans(runtime)).toBeGreaterThan(0);
    const after = await call<AlignmentStatusView>('project/get-status');
    expect(after).toMatchObject({ ok: true, data: { currentScan: null, lastScan: { state: 'done' } } });
    const summary = await call<AlignmentSummaryView>('project/get-summary');
    expect(summary).toMatchObject({ ok: true, data: { project: { key: DEMO.projectKey } } });
  });

  it('rejects a payload that names another project', async () => {
    const { requests } = useRuntime();
    const result = await call('project/rescan', { projectKey: DEMO.otherProjectKey });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(requests).toEqual([]);
  });

  it('refuses to run without a project in the context', async () => {
    useRuntime();
    const result = await call(
      'project/get-status',
      {},
      { context: { extension: { type: 'jira:projectPage' } } },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('lets only a project admin enable or disable Role Split', async () => {
    const vera = DEMO.people.viewer.accountId;
    runtime = installForgeTestRuntime({ site, accountId: vera });
    const refused = await call('project/set-enabled', { enabled: false }, { accountId: vera });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    runtime.restore();
    runtime = useRuntime();
    const off = await call<AlignmentStatusView>('project/set-enabled', { enabled: false });
    expect(off).toMatchObject({ ok: true, data: { enabled: false } });
    expect(site.state.getProject(DEMO.projectId)?.properties.get('role-split-policy')).toEqual({
      schema: 1,
      enabled: false,
    });
    const rescan = await call('project/rescan');
    expect(rescan).toMatchObject({ ok: false, error: { code: 'NOT_ENABLED' } });
    (await settledPushes(runtime)).length = 0;
    const current = runtime;
    const on = await call<AlignmentStatusView>('project/set-enabled', { enabled: true });
    expect(on).toMatchObject({ ok: true, data: { enabled: true, currentScan: { state: 'queued' } } });
    expect(await settledPushes(current)).toHaveLength(1);
  });
});
