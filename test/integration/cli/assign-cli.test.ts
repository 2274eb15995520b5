// `role-split assign` and `role-split export-owners` in this process (runCli with its real dependencies, over
// HTTP) against the embedded site: every refusal code, a dry run that writes nothing, a 250-row file, a 403 and
// a 429 midway (the site's fault injection), --from-field with and without --overwrite, the export -> import
// round trip, a property's unknown fields kept, and the audit reading the project's stored policy. Expected
// outcomes are worked out from the site's state, not written into the test.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AssignReport, AssignResult } from '../../../src/cli/assign-report';
import type { AuditReport } from '../../../src/cli/report';
import { runCli, type CliDeps } from '../../../src/cli/run';
import { openDemoSite } from '../../../src/cli/demo-site';
import { createJiraClient } from '../../../src/jira/client';
import { fetchTransport } from '../../../src/jira/transport-fetch';
import type { JiraClient } from '../../../src/jira/types';
import { DEMO, OWNERSHIP_PROPERTY_KEY, startSite, type RunningSite } from '../../../sandbox/site';
import { assignReportSchemaErrors } from '../../unit/cli/assign-report-schema';

const WRITE = 'POST /rest/api/3/issue/properties/multi';
const PUT = 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}';
const admin = { JIRA_EMAIL: DEMO.adminUser.email, JIRA_API_TOKEN: DEMO.adminUser.apiToken };
const viewer = { JIRA_EMAIL: DEMO.people.viewer.email, JIRA_API_TOKEN: DEMO.people.viewer.apiToken };
const { poDirect, poViaGroup, developer, pmDirect, pmDeactivated } = DEMO.people;

let site: RunningSite;
const dir = mkdtempSync(join(tmpdir(), 'role-split-assign-'));
let fileNo = 0;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0, seed: 'demo', taskDelayMs: 1 });
});
afterAll(async () => {
  await site?.close();
});
beforeEach(async () => {
  site.faults.clear();
  await site.reset();
  site.counters.reset();
});

function csv(lines: string[]): string {
  const path = join(dir, `owners-${fileNo++}.csv`);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

/** Runs the CLI; `wrap` may replace the Jira client (to switch faults on midway). */
async function cli(
  args: string[],
  env: Record<string, string> = admin,
  wrap?: (jira: JiraClient) => JiraClient,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const deps: CliDeps = {
    openDemoSite,
    jiraClient: ({ url, email, apiToken }) => {
      const jira = createJiraClient(fetchTransport({ siteUrl: url, email, apiToken }));
      return wrap ? wrap(jira) : jira;
    },
    clock: { now: () => new Date() },
    sleep: () => Promise.resolve(),
  };
  const code = await runCli(
    args,
    {
      env,
      stderrIsTTY: false,
      writeStdout: (text) => {
        out += text;
        return Promise.resolve();
      },
      writeStderr: (text) => {
        err += text;
      },
    },
    deps,
  );
  expect(out + err).not.toContain(env.JIRA_API_TOKEN ?? '\u0000');
  return { code, out, err };
}

function report(run: { out: string }): AssignReport {
  const parsed = JSON.parse(run.out) as AssignReport;
  expect(assignReportSchemaErrors(parsed)).toEqual([]);
  return parsed;
}

function byLine(r: AssignReport, line: number): AssignResult {
  const found = r.results.find((x) => x.line === line);
  if (!found) throw new Error(`no result for line ${line}`);
  return found;
}

function issue(key: string) {
  const found = site.state.getIssue(key);
  if (!found) throw new Error(`no issue ${key}`);
  return found;
}

function ownership(key: string): Record<string, unknown> | undefined {
  return issue(key).properties.get(OWNERSHIP_PROPERTY_KEY) as Record<string, unknown> | undefined;
}

function slotHolder(key: string, slot: 'pm' | 'po'): string | null {
  const value = ownership(key)?.[slot] as { accountId?: string } | undefined;
  return value?.accountId ?? null;
}

/** Open stories of SHOP by summary-independent facts: the first with an empty PO slot, etc. */
function shopIssues(typeName: string) {
  const project = site.state.getProject(DEMO.projectKey);
  if (!project) throw new Error('no SHOP');
  return [...site.state.issues.values()].filter(
    (i) => i.projectId === project.id && site.state.issueType(i.issueTypeId).name === typeName,
  );
}

function newStories(n: number): string[] {
  const project = site.state.getProject(DEMO.projectKey);
  const story = project && site.state.issueTypesOf(project).find((t) => t.name === 'Story');
  if (!project || !story) throw new Error('no stories in SHOP');
  return Array.from(
    { length: n },
    (_, i) =>
      site.state.createIssue(
        {
          projectId: project.id,
          issueTypeId: story.id,
          summary: `Imported story ${i + 1}`,
          parentId: null,
          assigneeId: null,
          reporterId: DEMO.adminUser.accountId,
        },
        DEMO.adminUser.accountId,
      ).key,
  );
}

describe('role-split assign --file', () => {
  it('applies each row whole or refuses it with its code; exit 1', async () => {
    const [emptyStory] = newStories(1) as [string];
    const task = shopIssues('Task')[0]?.key as string;
    const epic = DEMO.issues.coveredEpic;
    const invalidStory = DEMO.gapExamples.OWNERSHIP_INVALID.find(
      (k) => issue(k).issueTypeId !== issue(epic).issueTypeId,
    ) as string;
    const heldStory = DEMO.issues.coveredStory;
    const path = csv([
      'summary,issueKey,role,accountId,email',
      `a,${emptyStory},po,${poDirect.accountId},`, // 2 assigned
      `b,${heldStory},PO,${slotHolder(heldStory, 'po')},`, // 3 unchanged
      `c,${epic},po,${poDirect.accountId},`, // 4 WRONG_ROLE_FOR_LEVEL
      `d,${task},po,${poDirect.accountId},`, // 5 OUT_OF_SCOPE
      `e,${invalidStory},po,${poDirect.accountId},`, // 6 OWNERSHIP_INVALID
      `f,SHOP-99999,po,${poDirect.accountId},`, // 7 ISSUE_NOT_FOUND
      `g,${emptyStory},pm,${developer.accountId},`, // 8 WRONG_ROLE (pm on a story)
      `h,${heldStory},qa,${poDirect.accountId},`, // 9 INVALID_ROW bad role
      `i,${heldStory},pm,not an id!,`, // 10 INVALID_ROW malformed id
      `j,${DEMO.gapExamples.STORY_WITHOUT_PO[0]},po,${developer.accountId},`, // 11 NOT_ELIGIBLE (not in role)
      `k,${DEMO.gapExamples.STORY_WITHOUT_PO[1]},po,,nobody@nowhere.example`, // 12 NOT_ELIGIBLE (no account)
      `l,${DEMO.gapExamples.STORY_WITHOUT_PO[2]},po,,d`, // 13 AMBIGUOUS_USER (Diego, Diallo)
      `m,${DEMO.issues.initiative},pm,${pmDeactivated.accountId},`, // 14 NOT_ELIGIBLE (deactivated)
      `n,${DEMO.gapExamples.STORY_WITHOUT_PO[3]},po,${poViaGroup.accountId},`, // 15 duplicate
      `o,${DEMO.gapExamples.STORY_WITHOUT_PO[3]},PO,,${poDirect.email}`, // 16 duplicate
      `p,NOPE-1,po,${poDirect.accountId},`, // 17 ISSUE_NOT_FOUND (no such project)
    ]);
    const run = await cli(['assign', '--site', site.url, '--file', path, '--format', 'json']);
    expect(run.code).toBe(1);
    const r = report(run);
    const reasons: Record<string, string> = Object.fromEntries(
      r.results.map((x): [string, string] => [String(x.line), x.reason ?? x.outcome]),
    );
    expect(reasons).toEqual({
      2: 'assigned',
      3: 'unchanged',
      4: 'WRONG_ROLE_FOR_LEVEL',
      5: 'OUT_OF_SCOPE',
      6: 'OWNERSHIP_INVALID',
      7: 'ISSUE_NOT_FOUND',
      8: 'WRONG_ROLE_FOR_LEVEL',
      9: 'INVALID_ROW',
      10: 'INVALID_ROW',
      11: 'NOT_ELIGIBLE',
      12: 'NOT_ELIGIBLE',
      13: 'AMBIGUOUS_USER',
      14: 'NOT_ELIGIBLE',
      15: 'INVALID_ROW',
      16: 'INVALID_ROW',
      17: 'ISSUE_NOT_FOUND',
    });
    expect(r.summary).toEqual({ assigned: 1, cleared: 0, unchanged: 1, refused: 14 });
    expect(slotHolder(emptyStory, 'po')).toBe(poDirect.accountId);
    // setBy is the token's user.
    expect((ownership(emptyStory)?.po as { setBy: string }).setBy).toBe(DEMO.adminUser.accountId);
    // Nothing refused was written: the damaged record is as it was, the duplicates' story still has no PO.
    expect(slotHolder(DEMO.gapExamples.STORY_WITHOUT_PO[3] as string, 'po')).toBeNull();
    expect(run.err).toMatch(/14 of 16 rows refused \(see each row's reason\); the other 2 were applied\./);
  });

  it('says on stderr what happened to the rows not refused, and never speaks of others when there are none', async () => {
    const epic = DEMO.issues.coveredEpic;
    const [story] = newStories(1);
    const refusedRow = `${epic},po,${poDirect.accountId}`;
    const goodRow = `${String(story)},po,${poDirect.accountId}`;
    const lineOf = async (lines: string[], dryRun: boolean) => {
      const run = await cli([
        'assign',
        '--site',
        site.url,
        '--file',
        csv(['issueKey,role,accountId', ...lines]),
        ...(dryRun ? ['--dry-run'] : []),
      ]);
      expect(run.code).toBe(1);
      const err = run.err.trimEnd().split('\n');
      expect(err).toHaveLength(1);
      return err[0];
    };
    expect(await lineOf([refusedRow], true)).toBe(
      'role-split: The row was refused (see its reason): nothing would be applied.',
    );
    expect(await lineOf([refusedRow, 'SHOP-99999,po,'], false)).toBe(
      "role-split: All 2 rows were refused (see each row's reason): nothing was applied.",
    );
    expect(await lineOf([refusedRow, goodRow], true)).toBe(
      "role-split: 1 of 2 rows refused (see each row's reason); the other row would be applied.",
    );
    expect(slotHolder(String(story), 'po')).toBeNull();
    expect(await lineOf([refusedRow, goodRow], false)).toBe(
      "role-split: 1 of 2 rows refused (see each row's reason); the other row was applied.",
    );
    expect(slotHolder(String(story), 'po')).toBe(poDirect.accountId);
  });

  it('resolves each email once, whatever the case, and prefers the account id when a row has both', async () => {
    const stories = newStories(3);
    const path = csv([
      'issueKey,role,accountId,email',
      `${stories[0]},po,,${poDirect.email}`,
      `${stories[1]},po,,${poDirect.email.toUpperCase()}`,
      `${stories[2]},po,${poViaGroup.accountId},${poDirect.email}`,
    ]);
    const run = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json']);
    expect(run.code).toBe(0);
    expect(report(run).results.map((x) => x.accountId)).toEqual([
      poDirect.accountId,
      poDirect.accountId,
      poViaGroup.accountId,
    ]);
    expect(site.counters.snapshot()['GET /rest/api/3/user/search']).toBe(1);
  });

  it('refuses NO_EDIT_PERMISSION for a viewer (with a roster file: they cannot read role members)', async () => {
    const [story] = newStories(1) as [string];
    const roster = join(dir, 'roster.json');
    writeFileSync(roster, JSON.stringify({ pm: [pmDirect.accountId], po: [poDirect.accountId] }));
    const path = csv(['issueKey,role,accountId', `${story},po,${poDirect.accountId}`]);
    const run = await cli(
      ['assign', '--site', site.url, '--file', path, '-f', 'json', '--roster', roster],
      viewer,
    );
    expect(run.code).toBe(1);
    expect(byLine(report(run), 2)).toMatchObject({ outcome: 'refused', reason: 'NO_EDIT_PERMISSION' });
    expect(slotHolder(story, 'po')).toBeNull();
    expect(site.counters.snapshot()[WRITE]).toBeUndefined();
  });

  it('without a roster, a viewer who cannot read role members stops with ROSTER_UNAVAILABLE (exit 2)', async () => {
    const [story] = newStories(1) as [string];
    const path = csv(['issueKey,role,accountId', `${story},po,${poDirect.accountId}`]);
    const run = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json'], viewer);
    expect(run.code).toBe(2);
    expect(byLine(report(run), 2)).toMatchObject({ reason: 'NOT_ATTEMPTED' });
    expect(run.err).toMatch(/ROSTER_UNAVAILABLE.*--roster FILE/);
  });

  it('clears a slot for an empty person, keeping the other slot and unknown fields', async () => {
    const story = DEMO.issues.coveredStory;
    const before = ownership(story) as Record<string, unknown>;
    site.state.setIssueProperty(
      issue(story),
      OWNERSHIP_PROPERTY_KEY,
      {
        ...before,
        pm: {
          accountId: pmDirect.accountId,
          setBy: pmDirect.accountId,
          setAt: '2026-01-01T00:00:00Z',
          note: 'x',
        },
        origin: { tool: 'sheet' },
      },
      DEMO.adminUser.accountId,
    );
    const path = csv(['issueKey,role,accountId', `${story},po,`]);
    const run = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json']);
    expect(run.code).toBe(0);
    expect(byLine(report(run), 2)).toMatchObject({ outcome: 'cleared', accountId: null });
    const after = ownership(story) as Record<string, unknown>;
    expect(after.po).toBeUndefined();
    expect(after.origin).toEqual({ tool: 'sheet' });
    expect(after.pm).toMatchObject({ note: 'x', accountId: pmDirect.accountId });
  });

  it('--dry-run reports what would happen and writes nothing', async () => {
    const stories = newStories(3);
    const path = csv(['issueKey,role,accountId', ...stories.map((k) => `${k},po,${poDirect.accountId}`)]);
    const run = await cli(['assign', '--site', site.url, '--file', path, '--dry-run', '-f', 'json']);
    expect(run.code).toBe(0);
    const r = report(run);
    expect(r.dryRun).toBe(true);
    expect(r.summary.assigned).toBe(3);
    const counts = site.counters.snapshot();
    expect(counts[WRITE]).toBeUndefined();
    expect(counts[PUT]).toBeUndefined();
    for (const k of stories) expect(ownership(k)).toBeUndefined();
  });

  it('applies a 250-row file in batches of 100', async () => {
    const stories = newStories(250);
    const path = csv([
      'issueKey,role,accountId',
      ...stories.map((k, i) => `${k},po,${(i % 2 ? poDirect : poViaGroup).accountId}`),
    ]);
    const run = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json']);
    expect(run.code).toBe(0);
    expect(report(run).summary).toEqual({ assigned: 250, cleared: 0, unchanged: 0, refused: 0 });
    expect(site.counters.snapshot()[WRITE]).toBe(3);
    stories.forEach((k, i) => expect(slotHolder(k, 'po')).toBe((i % 2 ? poDirect : poViaGroup).accountId));
    // Run again: every row unchanged, nothing written.
    site.counters.reset();
    const again = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json']);
    expect(report(again).summary.unchanged).toBe(250);
    expect(site.counters.snapshot()[WRITE]).toBeUndefined();
  });

  /** Switches a fault on once the first batch has been written. */
  const afterFirstWrite =
    (fault: () => void) =>
    (jira: JiraClient): JiraClient => {
      let writes = 0;
      return {
        ...jira,
        bulkSetIssueProperties: async (issues) => {
          if (writes++ === 1) fault();
          return jira.bulkSetIssueProperties(issues);
        },
      };
    };

  it.each([
    [
      'a 403',
      () =>
        site.faults.set({
          serverErrorBurst: { status: 403, count: 1000, path: '/rest/api/3/issue/properties/multi' },
        }),
      /HTTP 403/,
    ],
    [
      'a 429 that lasts',
      () => site.faults.set({ rateLimit: { perSecond: 1, retryAfterSeconds: 3600 } }),
      /HTTP 429/,
    ],
  ])(
    'stops at %s midway: the first batch stays applied, the rest NOT_ATTEMPTED or WRITE_FAILED, exit 2',
    async (_label, fault, said) => {
      const stories = newStories(250);
      const path = csv(['issueKey,role,accountId', ...stories.map((k) => `${k},po,${poDirect.accountId}`)]);
      const run = await cli(
        ['assign', '--site', site.url, '--file', path, '-f', 'json'],
        admin,
        afterFirstWrite(fault),
      );
      site.faults.clear();
      expect(run.code).toBe(2);
      const r = report(run);
      expect(r.results).toHaveLength(250);
      expect(r.summary.assigned).toBe(100);
      const stopped = r.results.slice(100).map((x) => x.reason);
      expect(new Set(stopped)).toEqual(
        new Set(
          stopped.some((x) => x === 'WRITE_FAILED') ? ['WRITE_FAILED', 'NOT_ATTEMPTED'] : ['NOT_ATTEMPTED'],
        ),
      );
      expect(r.results.slice(200).every((x) => x.reason === 'NOT_ATTEMPTED')).toBe(true);
      // A batch whose write went out but could not be read back is WRITE_FAILED ("run again to check"): it may
      // have landed. Nothing beyond the first batch and that one was written.
      const written = stories.filter((k) => slotHolder(k, 'po') !== null).length;
      const unverified = r.results.filter((x) => x.reason === 'WRITE_FAILED').length;
      expect(written).toBeGreaterThanOrEqual(100);
      expect(written).toBeLessThanOrEqual(100 + unverified);
      expect(run.err).toMatch(said);
      expect(run.err).toMatch(/run the same input again/);
    },
  );

  it('rides out a short 429 (Retry-After honoured) and applies everything', async () => {
    const stories = newStories(150);
    const path = csv(['issueKey,role,accountId', ...stories.map((k) => `${k},po,${poDirect.accountId}`)]);
    const run = await cli(
      ['assign', '--site', site.url, '--file', path, '-f', 'json'],
      admin,
      afterFirstWrite(() => site.faults.set({ rateLimit: { perSecond: 2, retryAfterSeconds: 1 } })),
    );
    expect(run.code).toBe(0);
    expect(report(run).summary.assigned).toBe(150);
  });

  it('tells file and credential trouble apart (exit 2, one line on stderr, an empty report)', async () => {
    const missing = await cli(['assign', '--site', site.url, '--file', join(dir, 'nope.csv'), '-f', 'json']);
    expect(missing.code).toBe(2);
    expect(report(missing).results).toEqual([]);
    expect(missing.err).toMatch(/Could not read --file .*no such file/);
    const noHeader = await cli(['assign', '--site', site.url, '--file', csv(['key,who', 'SHOP-1,x'])]);
    expect(noHeader.code).toBe(2);
    expect(noHeader.err).toMatch(
      /lacks an issueKey column, a role column and an accountId or email column \(it has: key, who\)/,
    );
    const noCreds = await cli(['assign', '--site', site.url, '--file', csv(['issueKey,role,accountId'])], {});
    expect(noCreds.code).toBe(2);
    expect(noCreds.err).toMatch(/Set JIRA_EMAIL and JIRA_API_TOKEN/);
  });

  it('a bad --roster or no credentials with a good file: exit 2, every row NOT_ATTEMPTED, one line on stderr', async () => {
    const [story] = shopIssues('Story');
    if (!story) throw new Error('no story in SHOP');
    const path = csv(['issueKey,role,accountId', `${story.key},po,${poDirect.accountId}`, 'SHOP-1,pm,']);
    const badRoster = join(dir, 'bad-roster.json');
    writeFileSync(badRoster, '{ "pm": [] ');
    const before = slotHolder(story.key, 'po');
    for (const [args, env, said] of [
      [['--roster', badRoster], admin, /--roster .*bad-roster\.json is not valid JSON/],
      [['--roster', join(dir, 'no-roster.json')], admin, /Could not read --roster .*no such file/],
      [[], {}, /Set JIRA_EMAIL and JIRA_API_TOKEN/],
    ] as const) {
      site.counters.reset();
      const run = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json', ...args], env);
      expect(run.code).toBe(2);
      const r = report(run);
      expect(r.results.map((x) => [x.line, x.reason, x.outcome])).toEqual([
        [2, 'NOT_ATTEMPTED', 'refused'],
        [3, 'NOT_ATTEMPTED', 'refused'],
      ]);
      expect(r.results[0]).toMatchObject({ issueKey: story.key, role: 'po', accountId: poDirect.accountId });
      expect(r.summary.refused).toBe(2);
      expect(run.err.trimEnd().split('\n')).toEqual([expect.stringMatching(said)]);
      // Nothing reached the site.
      expect(Object.keys(site.counters.snapshot())).toEqual([]);
    }
    expect(slotHolder(story.key, 'po')).toBe(before);
  });
});

describe('role-split assign --from-field', () => {
  const legacy = DEMO.customFields.legacyProductOwner;

  it('fills only empty slots, and replaces held ones with --overwrite', async () => {
    const values = [...site.state.issues.values()].filter((i) => i.customFields?.[legacy.id] !== undefined);
    const held = values.filter(
      (i) => slotHolder(i.key, 'po') !== null && site.state.issueType(i.issueTypeId).name === 'Story',
    );
    expect(held.length).toBeGreaterThan(0);
    const fill = await cli([
      'assign',
      '--site',
      site.url,
      '--project',
      'SHOP',
      '--from-field',
      legacy.name,
      '--role',
      'po',
      '-f',
      'json',
    ]);
    const r = report(fill);
    expect(r.results.every((x) => x.line === null)).toBe(true);
    expect(r.results.map((x) => x.issueKey).sort()).toEqual(values.map((i) => i.key).sort());
    for (const h of held) {
      const kept = r.results.find((x) => x.issueKey === h.key);
      const holder = slotHolder(h.key, 'po');
      const fieldPerson = h.customFields?.[legacy.id];
      expect(kept?.outcome).toBe('unchanged');
      expect(holder).not.toBe(fieldPerson);
      // The row names who holds the slot (and keeps it), not the field's person; the message names both.
      expect(kept?.accountId).toBe(holder);
      expect(kept?.message).toContain(`already set to ${holder}`);
      expect(kept?.message).toContain(`--overwrite replaces it with ${String(fieldPerson)}`);
    }
    const assigned = r.results.filter((x) => x.outcome === 'assigned');
    expect(assigned.length).toBeGreaterThan(0);
    for (const a of assigned) expect(slotHolder(a.issueKey, 'po')).toBe(a.accountId);
    expect(r.results.map((x) => x.reason)).toEqual(
      expect.arrayContaining(['WRONG_ROLE_FOR_LEVEL', 'NOT_ELIGIBLE']),
    );
    expect(fill.code).toBe(1);

    const overwrite = await cli([
      'assign',
      '--site',
      site.url,
      '--project',
      'SHOP',
      '--from-field',
      legacy.id,
      '--role',
      'po',
      '--overwrite',
      '-f',
      'json',
    ]);
    for (const h of held) {
      expect(report(overwrite).results.find((x) => x.issueKey === h.key)?.outcome).toBe('assigned');
      expect(slotHolder(h.key, 'po')).toBe(h.customFields?.[legacy.id]);
    }
  });

  it('shows a held slot a dry run leaves with its holder and the message, in the table as in the JSON', async () => {
    const args = ['assign', '--site', site.url, '--project', 'SHOP', '--from-field', legacy.name];
    const table = await cli([...args, '--role', 'po', '--dry-run']);
    const json = report(await cli([...args, '--role', 'po', '--dry-run', '-f', 'json']));
    expect(table.code).toBe(1);
    const kept = json.results.filter((x) => x.outcome === 'unchanged');
    expect(kept.length).toBeGreaterThan(0);
    const flat = table.out.replace(/\s+/g, ' ');
    for (const k of kept) {
      const holder = slotHolder(k.issueKey, 'po');
      expect(holder).not.toBeNull();
      expect(holder).not.toBe(issue(k.issueKey).customFields?.[legacy.id]);
      expect(k.accountId).toBe(holder);
      const line = table.out.split('\n').find((l) => l.includes(` ${k.issueKey} `));
      expect(line).toMatch(new RegExp(`unchanged +${String(holder)}$`));
      expect(k.message).toMatch(/already set.*--overwrite replaces it/);
      expect(flat).toContain(k.message ?? '(no message)');
    }
  });

  it('refuses a multi-user value holding several people as INVALID_ROW', async () => {
    const field = DEMO.customFields.stakeholders;
    const run = await cli([
      'assign',
      '--site',
      site.url,
      '--project',
      'SHOP',
      '--from-field',
      field.name,
      '--role',
      'po',
      '--dry-run',
      '-f',
      'json',
    ]);
    const r = report(run);
    const many = [...site.state.issues.values()].filter((i) => (i.customFields?.[field.id]?.length ?? 0) > 1);
    expect(many.length).toBeGreaterThan(0);
    for (const i of many) expect(r.results.find((x) => x.issueKey === i.key)?.reason).toBe('INVALID_ROW');
  });

  it('refuses a field that is not a user picker, or does not exist (exit 2)', async () => {
    const run = await cli([
      'assign',
      '--site',
      site.url,
      '--project',
      'SHOP',
      '--from-field',
      'Summary',
      '--role',
      'po',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/not a user picker/);
    const none = await cli([
      'assign',
      '--site',
      site.url,
      '--project',
      'SHOP',
      '--from-field',
      'Nope',
      '--role',
      'po',
    ]);
    expect(none.err).toMatch(/Product Owner \(legacy\)/);
  });
});

describe('role-split export-owners', () => {
  it('names every project of the demo site when --demo is given one it does not have', async () => {
    const keys = [...site.state.projects.values()].map((p) => p.key);
    expect(keys).toContain('TEAM');
    const run = await cli(['export-owners', '--demo', '--project', 'NOPE']);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`Project NOPE does not exist on the demo site (projects: ${keys.join(', ')})`);
    const audit = await cli(['audit', '--demo', '--project', 'NOPE', '-f', 'json']);
    expect(audit.err).toContain(`(projects: ${keys.join(', ')})`);
  });

  it('exports the demo project with --demo and no --project (as audit does and the help says); --site needs --project', async () => {
    const implicit = await cli(['export-owners', '--demo']);
    const explicit = await cli(['export-owners', '--demo', '--project', DEMO.projectKey]);
    expect(implicit.code).toBe(0);
    expect(implicit.out.split('\r\n').length).toBeGreaterThan(2);
    expect(implicit.out).toBe(explicit.out);
    const noProject = await cli(['export-owners', '--site', site.url]);
    expect(noProject.code).toBe(2);
    expect(noProject.out).toBe('');
    expect(noProject.err).toMatch(/--project KEY/);
  });

  it('round-trips: export, then import the file, changes nothing', async () => {
    const exported = await cli(['export-owners', '--site', site.url, '--project', 'SHOP']);
    expect(exported.code).toBe(0);
    const lines = exported.out.trimEnd().split('\r\n');
    expect(lines[0]).toBe('issueKey,role,accountId,displayName,email,summary');
    expect(lines.length).toBeGreaterThan(50);
    const path = join(dir, 'export.csv');
    writeFileSync(path, `\uFEFF${exported.out}`);
    site.counters.reset();
    const imported = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json']);
    const r = report(imported);
    expect(r.summary).toEqual({ assigned: 0, cleared: 0, unchanged: lines.length - 1, refused: 0 });
    expect(imported.code).toBe(0);
    expect(site.counters.snapshot()[WRITE]).toBeUndefined();
  });
});

describe('the stored policy', () => {
  it('falls back to the defaults, with a warning on stderr, when the stored value does not parse', async () => {
    const project = site.state.getProject(DEMO.projectKey);
    if (!project) throw new Error('no SHOP');
    site.state.setProjectProperty(project, DEMO.policyPropertyKey, {
      schema: 1,
      enabled: true,
      executionTypes: 'Story',
    });
    const [story] = newStories(1) as [string];
    const path = csv(['issueKey,role,accountId', `${story},po,${poDirect.accountId}`]);
    const run = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json', '--dry-run']);
    expect(run.code).toBe(0);
    expect(byLine(report(run), 2)).toMatchObject({ outcome: 'assigned' });
    expect(run.err).toMatch(/warning: SHOP: .*executionTypes/);
  });

  it('is what audit and assign apply; the flags override it only when given', async () => {
    const project = site.state.getProject(DEMO.projectKey);
    if (!project) throw new Error('no SHOP');
    site.state.setProjectProperty(project, DEMO.policyPropertyKey, {
      schema: 1,
      enabled: true,
      executionTypes: ['Story', 'Task'],
      roles: { pm: { projectRoles: ['Product Manager'] }, po: { projectRoles: ['Product Manager'] } },
    });
    const audit = await cli(['audit', '--site', site.url, '-p', 'SHOP', '-f', 'json', '--fail-on', 'never']);
    const policy = (JSON.parse(audit.out) as AuditReport).policy;
    expect(policy.executionTypes).toEqual(['Story', 'Task']);
    expect(policy.roles.po).toEqual({ source: 'project-roles', projectRoles: ['Product Manager'] });
    const flagged = await cli([
      'audit',
      '--site',
      site.url,
      '-p',
      'SHOP',
      '-f',
      'json',
      '--fail-on',
      'never',
      '--types',
      'Story',
      '--po-role',
      'Product Owner',
    ]);
    expect((JSON.parse(flagged.out) as AuditReport).policy).toMatchObject({
      executionTypes: ['Story'],
      roles: { po: { projectRoles: ['Product Owner'] } },
    });

    // assign: a Task is in scope now, and a PO must be in the Product Manager role.
    const task = shopIssues('Task')[0]?.key as string;
    const path = csv([
      'issueKey,role,accountId',
      `${task},po,${pmDirect.accountId}`,
      `${newStories(1)[0]},po,${poDirect.accountId}`,
    ]);
    const run = await cli(['assign', '--site', site.url, '--file', path, '-f', 'json', '--dry-run']);
    expect(byLine(report(run), 2)).toMatchObject({ outcome: 'assigned' });
    expect(byLine(report(run), 3)).toMatchObject({ reason: 'NOT_ELIGIBLE' });
  });
});
